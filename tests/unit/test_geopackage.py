"""The GeoPackage of chosen tiles (input of a re-run), proven valid by GDAL/OGR and GDAL's GeoPackage validator."""

from __future__ import annotations

import fixtures_s3
import pytest
from sentinelhub_batch.plugin.core import geopackage
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.geopackage import (
    MAX_FEATURE_PIXELS,
    GeoPackageFeature,
    features_from_manifest,
    write_features_geopackage,
)
from sentinelhub_batch.plugin.core.storage import ManifestFeature, parse_gpkg_geometry
from shapely import wkt
from shapely.geometry import LineString, MultiPolygon, Polygon, box

moto_server = fixtures_s3.moto_server
s3_bucket = fixtures_s3.s3_bucket
ogr = pytest.importorskip("osgeo.ogr")
ogr.UseExceptions()

TILE_A = box(300000, 3990000, 310000, 4000000)
TILE_B = MultiPolygon([box(310000, 3990000, 320000, 4000000), box(320000, 3990000, 321000, 3991000)])
TILE_C = box(790000, 3990000, 800000, 4000000)
CELL_WGS84 = box(-121.0, 37.0, -120.0, 38.0)


def sample_features():
    return [
        GeoPackageFeature(1, "11SKA_0_0", 32611, TILE_A, 1100, 1100),
        GeoPackageFeature(2, "11SKA_1_0", 32611, TILE_B, 1100, 1100),
        GeoPackageFeature(7, "10SGF_5_2", 32610, TILE_C, 1000, 1000),
        GeoPackageFeature(9, "N37W121", 4326, CELL_WGS84, MAX_FEATURE_PIXELS, MAX_FEATURE_PIXELS),
    ]


def read_with_ogr(path):
    dataset = ogr.Open(str(path))
    layers = {}
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(index)
        definition = layer.GetLayerDefn()
        layers[layer.GetName()] = {
            "geometry_type": ogr.GeometryTypeToName(layer.GetGeomType()),
            "fid_column": layer.GetFIDColumn(),
            "geometry_column": layer.GetGeometryColumn(),
            "fields": {definition.GetFieldDefn(i).GetName(): definition.GetFieldDefn(i).GetTypeName()
                       for i in range(definition.GetFieldCount())},
            "epsg": layer.GetSpatialRef().GetAuthorityCode(None),
            "features": [(feature.GetFID(), feature.GetField("identifier"), feature.GetField("width"),
                          feature.GetField("height"), wkt.loads(feature.GetGeometryRef().ExportToWkt()))
                         for feature in layer],
        }
    return layers


def test_written_geopackage_opens_in_ogr_with_layers_fields_geometries_and_crs(tmp_path):
    path = tmp_path / "retry.gpkg"
    data = write_features_geopackage(sample_features(), str(path))
    assert path.read_bytes() == data
    assert data[68:72] == b"GPKG"
    assert int.from_bytes(data[60:64], "big") >= 10200

    layers = read_with_ogr(path)
    assert set(layers) == {"features_32611", "features_32610", "features_4326"}
    utm11 = layers["features_32611"]
    assert utm11["geometry_type"] == "Multi Polygon"
    assert utm11["fid_column"] == "id"
    assert utm11["geometry_column"] == "geometry"
    assert utm11["fields"] == {"identifier": "String", "width": "Integer64", "height": "Integer64"}
    assert utm11["epsg"] == "32611"
    assert [row[:4] for row in utm11["features"]] == [(1, "11SKA_0_0", 1100, 1100), (2, "11SKA_1_0", 1100, 1100)]
    assert utm11["features"][0][4].equals(TILE_A)
    assert utm11["features"][0][4].geom_type == "MultiPolygon"
    assert utm11["features"][1][4].equals(TILE_B)
    assert layers["features_32610"]["geometry_type"] == "Polygon"
    assert layers["features_32610"]["epsg"] == "32610"
    assert [row[:4] for row in layers["features_32610"]["features"]] == [(7, "10SGF_5_2", 1000, 1000)]
    wgs84 = layers["features_4326"]
    assert wgs84["epsg"] == "4326"
    assert wgs84["features"][0][4].equals(CELL_WGS84)
    assert wgs84["features"][0][1:4] == ("N37W121", 3500, 3500)


def test_written_geopackage_passes_gdals_validator(tmp_path):
    validate_gpkg = pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    path = tmp_path / "retry.gpkg"
    write_features_geopackage(sample_features(), str(path))
    assert validate_gpkg.check(str(path), abort_at_first_error=False, warning_as_error=True,
                               warning_msg=False) == []


def test_layer_extents_and_geometry_blobs_carry_envelopes(tmp_path):
    path = tmp_path / "retry.gpkg"
    write_features_geopackage(sample_features(), str(path))
    dataset = ogr.Open(str(path))
    extent = dataset.GetLayerByName("features_32611").GetExtent()
    assert extent == (300000.0, 321000.0, 3990000.0, 4000000.0)
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as connection:
        blob = connection.execute("SELECT geometry FROM features_32610").fetchone()[0]
    assert blob[:2] == b"GP" and (blob[3] >> 1) & 0x07 == 1
    srs_id, geometry = parse_gpkg_geometry(blob)
    assert srs_id == 32610 and geometry.equals(TILE_C)


def test_without_sqlite_serialize_the_file_goes_through_a_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(geopackage, "_CAN_SERIALIZE", False)
    data = write_features_geopackage(sample_features()[:1])
    path = tmp_path / "one.gpkg"
    path.write_bytes(data)
    layers = read_with_ogr(path)
    assert [row[1] for row in layers["features_32611"]["features"]] == ["11SKA_0_0"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"width": MAX_FEATURE_PIXELS + 1}, "width 3501 px"),
        ({"height": 0}, "height 0 px"),
        ({"width": 1100.0}, "whole number"),
        ({"width": True}, "whole number"),
        ({"geometry": LineString([(0, 0), (1, 1)])}, "LineString"),
        ({"geometry": Polygon()}, "empty"),
        ({"identifier": " "}, "no identifier"),
        ({"id": "12"}, "must be integers"),
        ({"epsg": 0}, "no EPSG"),
        ({"epsg": 999999}, "not a known coordinate system"),
    ],
)
def test_invalid_features_are_refused(change, message):
    values = {"id": 1, "identifier": "T1", "epsg": 32611, "geometry": TILE_A, "width": 100, "height": 100}
    values.update(change)
    with pytest.raises(InvalidRequestError, match=message):
        write_features_geopackage([GeoPackageFeature(**values)])


def test_ids_and_identifiers_must_be_unique_across_tables():
    first = GeoPackageFeature(1, "T1", 32611, TILE_A, 100, 100)
    with pytest.raises(InvalidRequestError, match="same id 1"):
        write_features_geopackage([first, GeoPackageFeature(1, "T2", 32610, TILE_C, 100, 100)])
    with pytest.raises(InvalidRequestError, match="'T1' is used twice"):
        write_features_geopackage([first, GeoPackageFeature(2, "T1", 32610, TILE_C, 100, 100)])
    with pytest.raises(InvalidRequestError, match="at least one"):
        write_features_geopackage([])


def manifest_rows():
    def row(fid, output_id, identifier, epsg, geometry, size):
        return ManifestFeature(fid, output_id, identifier, f"s3://b/r/{identifier}/{output_id}.tif", size, size,
                               epsg, geometry)

    return [
        row(1, "NDVI", "10SGF_5_2", 32610, TILE_C, 1000),
        row(2, "data_mask", "10SGF_5_2", 32610, TILE_C, 1000),
        row(1, "NDVI", "11SKA_0_0", 32611, TILE_A, 1100),
        row(2, "data_mask", "11SKA_0_0", 32611, TILE_A, 1100),
        row(3, "NDVI", "11SKA_1_0", 32611, TILE_B, 1100),
        row(4, "data_mask", "11SKA_1_0", 32611, TILE_B, 1100),
    ]


def test_features_from_manifest_keep_one_feature_per_tile():
    features = features_from_manifest(manifest_rows())
    assert [(f.id, f.identifier, f.epsg, f.width, f.height) for f in features] == [
        (1, "10SGF_5_2", 32610, 1000, 1000),
        (2, "11SKA_0_0", 32611, 1100, 1100),
        (3, "11SKA_1_0", 32611, 1100, 1100),
    ]
    assert features[2].geometry.equals(TILE_B)


def test_retry_geopackage_of_chosen_tiles_round_trips_through_ogr(tmp_path):
    chosen = features_from_manifest(manifest_rows(), identifiers=["11SKA_1_0", "10SGF_5_2"])
    assert [feature.identifier for feature in chosen] == ["11SKA_1_0", "10SGF_5_2"]
    path = tmp_path / "failed.gpkg"
    write_features_geopackage(chosen, str(path))
    layers = read_with_ogr(path)
    assert {name: [row[1:4] for row in layer["features"]] for name, layer in layers.items()} == {
        "features_32610": [("10SGF_5_2", 1000, 1000)],
        "features_32611": [("11SKA_1_0", 1100, 1100)],
    }


def test_features_from_manifest_refuses_unknown_or_inconsistent_tiles():
    with pytest.raises(InvalidRequestError, match="not in the request's feature manifest: NOPE"):
        features_from_manifest(manifest_rows(), identifiers=["11SKA_0_0", "NOPE"])
    rows = manifest_rows()
    rows.append(ManifestFeature(9, "extra", "11SKA_0_0", "s3://b/x", 900, 900, 32611, TILE_A))
    with pytest.raises(InvalidRequestError, match="twice with different CRS or size"):
        features_from_manifest(rows)


# ----------------------------------------------------------------------------------------------- own polygons


FIELD_A = Polygon([(300000, 3990000), (300950, 3990000), (300950, 3990420), (300000, 3990420)])
FIELD_B = MultiPolygon([box(301000, 3991000, 301200, 3991100), box(301300, 3991000, 301400, 3991204)])


def test_the_users_polygons_become_features_sized_at_the_resolution():
    features = geopackage.features_from_polygons([("field-a", FIELD_A), (None, FIELD_B)], 32611, 10)
    assert [(f.id, f.identifier, f.epsg, f.width, f.height) for f in features] == [
        (1, "field-a", 32611, 95, 42), (2, "feature_2", 32611, 40, 20)]
    # Anything with a name, width and height is what the cost estimate prices, like grid tiles.
    assert [(f.name, f.width * f.height) for f in features] == [("field-a", 3990), ("feature_2", 800)]


@pytest.mark.parametrize(("polygons", "resolution", "message"), [
    ([("a", FIELD_A), ("a", FIELD_B)], 10, "used twice"),
    ([("line", LineString([(0, 0), (1, 1)]))], 10, "is a LineString"),
    ([("empty", Polygon())], 10, "empty geometry"),
    ([("bow", Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]))], 1, "invalid"),
    ([("big", box(0, 0, 35010, 100))], 10, "from 1 to 3500"),
    ([("a", FIELD_A)], 0, "above 0"),
    ([("a", FIELD_A)], "ten", "above 0"),
    ([], 10, "at least one"),
])
def test_polygons_the_service_would_refuse_are_refused_by_name(polygons, resolution, message):
    with pytest.raises(InvalidRequestError, match=message):
        geopackage.features_from_polygons(polygons, 32611, resolution)


def test_an_area_limits_the_features_to_those_it_touches_whole():
    # BatchV2.qmd "Area of Interest and PUs": features the area intersects are processed in their entirety.
    from pyproj import Transformer

    features = geopackage.features_from_polygons([("field-a", FIELD_A), ("field-b", FIELD_B)], 32611, 10)
    to_lonlat = Transformer.from_crs(32611, 4326, always_xy=True)
    corner = to_lonlat.transform(300940, 3990410)  # just inside field-a's north-east corner
    lonlat_area = box(corner[0] - 0.0001, corner[1] - 0.0001, corner[0] + 0.0001, corner[1] + 0.0001)
    assert [f.identifier for f in geopackage.features_in_area(features, lonlat_area, "EPSG:4326")] == ["field-a"]
    assert geopackage.features_in_area(features, lonlat_area, "http://www.opengis.net/def/crs/OGC/1.3/CRS84")[0] \
        .width == 95
    utm_area = box(300900, 3990400, 301350, 3991050)
    assert [f.identifier for f in geopackage.features_in_area(features, utm_area, 32611)] == ["field-a", "field-b"]
    assert geopackage.features_in_area(features, box(0, 0, 1, 1), 4326) == []


def test_the_features_geopackage_is_uploaded_to_the_bucket_and_reads_back_in_ogr(s3_bucket, tmp_path):
    features = geopackage.features_from_polygons([("field-a", FIELD_A), ("field-b", FIELD_B)], 32611, 10)
    with s3_bucket.client() as client:
        url = geopackage.upload_features_geopackage(client, s3_bucket.url("inputs/fields.gpkg"), features)
        assert url == s3_bucket.url("inputs/fields.gpkg")
        data = client.get_object(s3_bucket.bucket, "inputs/fields.gpkg").data
        with pytest.raises(InvalidRequestError, match=r"must name a \.gpkg file"):
            geopackage.upload_features_geopackage(client, s3_bucket.url("inputs/"), features)
    path = tmp_path / "fields.gpkg"
    path.write_bytes(data)
    layers = read_with_ogr(path)
    assert [(fid, name, width, height) for fid, name, width, height, _ in layers["features_32611"]["features"]] == [
        (1, "field-a", 95, 42), (2, "field-b", 40, 20)]

