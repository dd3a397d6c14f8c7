"""Bucket layout of a batch request and the readers of the manifest (GeoPackage) and execution database (SQLite)."""

from __future__ import annotations

import sqlite3
import struct

import fixtures_s3
import pytest
from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.storage import (
    DeliveryFileError,
    DeliverySettings,
    ExecutionFeature,
    S3Location,
    TileStatus,
    delivery_root,
    delivery_settings,
    execution_db_location,
    feature_manifest_location,
    manifest_tiles,
    output_location,
    parse_gpkg_geometry,
    parse_s3_url,
    read_execution,
    read_execution_statuses,
    read_manifest,
    read_manifest_tiles,
    request_json_location,
    requested_outputs,
    status_counts,
    tile_status,
    validate_output_template,
    zarr_gdal_path,
    zarr_location,
)
from shapely import to_wkb, wkb
from shapely.geometry import MultiPolygon, Polygon, box

moto_server = fixtures_s3.moto_server
s3_bucket = fixtures_s3.s3_bucket

REQUEST_ID = "db2a3d5e-7c1b-4f55-9a3e-3c4f5d6e7f80"


# ----------------------------------------------------------------------------------------------- URLs and layout


def test_parse_s3_url():
    assert parse_s3_url("s3://bucket/a/b") == S3Location("bucket", "a/b")
    assert parse_s3_url("s3://my.bucket-1") == S3Location("my.bucket-1", "")
    assert parse_s3_url(" s3://bucket/folder/ ") == S3Location("bucket", "folder/")
    assert parse_s3_url("s3://bucket/a/b").url == "s3://bucket/a/b"
    assert parse_s3_url("s3://bucket/a/b").vsis3_path == "/vsis3/bucket/a/b"
    assert S3Location("bucket", "folder/").child("x.json") == S3Location("bucket", "folder/x.json")
    assert S3Location("bucket").child("x.json") == S3Location("bucket", "x.json")


@pytest.mark.parametrize("url", ["https://bucket/a", "bucket/a", "s3://", "", "s3://Upper/a", "s3://ab/x"])
def test_parse_s3_url_refuses_non_s3_urls(url):
    with pytest.raises(InvalidRequestError, match="S3"):
        parse_s3_url(url)


def test_templates_need_tile_name_or_tile_id_and_output_id_with_several_outputs():
    # OpenAPI BatchV2RasterOutput.delivery: "The template must contain <tileName> or <tileId> in order to ensure
    # unique output files. In case of multiple outputs, the template must also contain <outputId>."
    validate_output_template("s3://bucket/folder", ["NDVI", "data_mask"])
    validate_output_template("s3://bucket/f/<tileName>.tif", ["NDVI"])
    validate_output_template("s3://bucket/f/<tileId>.tif", ["NDVI"])
    validate_output_template("s3://bucket/f/<tileId>/<outputId>.<format>", ["NDVI", "data_mask"])
    validate_output_template("s3://bucket/f/<requestId>/<tileName>/<outputId>.<format>", ["NDVI", "data_mask"])
    validate_output_template("gs://my_gcs.bucket/f/<tileName>/<outputId>.<format>", ["NDVI", "data_mask"])
    with pytest.raises(InvalidRequestError, match="neither <tileName> nor <tileId>"):
        validate_output_template("s3://bucket/f/<outputId>.<format>", ["NDVI"])
    with pytest.raises(InvalidRequestError, match=r"<outputId>.*2 outputs"):
        validate_output_template("s3://bucket/f/<tileName>.tif", ["NDVI", "data_mask"])
    with pytest.raises(InvalidRequestError, match=r"<outputId>.*2 outputs"):
        validate_output_template("s3://bucket/f/<tileId>.tif", ["NDVI", "data_mask"])
    with pytest.raises(InvalidRequestError, match="unknown placeholders <tile>"):
        validate_output_template("s3://bucket/f/<tile>/<tileName>.tif", ["NDVI"])
    with pytest.raises(InvalidRequestError):
        validate_output_template("folder/<tileName>", ["NDVI"])
    with pytest.raises(InvalidRequestError, match="not a valid S3 bucket name"):
        validate_output_template("s3://B_/f/<tileName>.tif", ["NDVI"])
    with pytest.raises(InvalidRequestError, match="not a valid S3 bucket name"):
        validate_output_template("s3://B_/f", ["NDVI"])
    with pytest.raises(InvalidRequestError, match="not a valid Google Cloud Storage bucket name"):
        validate_output_template("gs://-x/f", ["NDVI"])


def test_zarr_delivery_is_a_folder_optionally_named_by_the_request():
    # OpenAPI BatchV2ZarrOutput.delivery: a folder, or a template with <requestId> only.
    validate_output_template("s3://bucket/zarr", ["NDVI", "B04"], output_type="zarr")
    validate_output_template("s3://bucket/zarr/<requestId>", ["NDVI", "B04"], output_type="zarr")
    with pytest.raises(InvalidRequestError, match="placeholders <tileName>"):
        validate_output_template("s3://bucket/zarr/<tileName>", ["NDVI"], output_type="zarr")
    assert zarr_location("s3://bucket/zarr/<requestId>", "REQ") == S3Location("bucket", "zarr/REQ")
    assert zarr_location("s3://bucket/zarr/", "REQ") == S3Location("bucket", "zarr")
    assert delivery_root("s3://bucket/zarr", "REQ", "zarr") == S3Location("bucket", "zarr")
    assert execution_db_location("s3://bucket/z/<requestId>", "REQ", "zarr").key == "z/REQ/execution-REQ.sqlite"
    assert zarr_gdal_path(S3Location("bucket", "z/REQ")) == 'ZARR:"/vsis3/bucket/z/REQ"'
    assert zarr_gdal_path(S3Location("bucket", "z/REQ"), "NDVI") == 'ZARR:"/vsis3/bucket/z/REQ":/NDVI:0'


def test_output_location_default_layout_and_extensions():
    assert output_location("s3://bucket/folder", "req", "33UVP_0_1", "NDVI", "image/tiff") == S3Location(
        "bucket", "folder/req/33UVP_0_1/NDVI.tif"
    )
    assert output_location("s3://bucket/folder/", "req", "T1", "userdata", "application/json").key == (
        "folder/req/T1/userdata.json"
    )
    assert output_location("s3://bucket", "req", "T1", "default", "image/tiff").key == "req/T1/default.tif"


def test_output_location_with_a_template():
    template = "s3://bucket/out/<requestId>_<tileName>/<outputId>-x.<format>"
    assert output_location(template, "req", "T9", "data_mask", "image/tiff") == S3Location(
        "bucket", "out/req_T9/data_mask-x.tif"
    )
    assert output_location("s3://bkt/<tileName>.tif", "req", "T9", "NDVI", "image/tiff").key == "T9.tif"


def test_output_location_with_the_numeric_tile_id():
    assert output_location("s3://bkt/f/<tileId>.tif", "req", "T9", "NDVI", "image/tiff", tile_id=17).key == "f/17.tif"
    assert output_location("s3://bkt/f/<outputId>/<tileId>_<tileName>.<format>", "req", "T9", "NDVI", "image/tiff",
                           tile_id=3).key == "f/NDVI/3_T9.tif"
    with pytest.raises(InvalidRequestError, match="numeric tile id"):
        output_location("s3://bkt/f/<tileId>.tif", "req", "T9", "NDVI", "image/tiff")


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("s3://bucket/folder", "folder/REQ"),
        ("s3://bucket/folder/", "folder/REQ"),
        ("s3://bucket", "REQ"),
        ("s3://bucket/folder/<requestId>/<tileName>/<outputId>.<format>", "folder/REQ"),
        ("s3://bucket/a/b/<tileName>/<outputId>.<format>", "a/b"),
        ("s3://bucket/a/<tileName>.tif", "a"),
        ("s3://bucket/a/<requestId>_<tileName>.tif", "a"),
        ("s3://bucket/<tileName>/<outputId>.tif", ""),
        # <tileId> is a placeholder like <tileName>: a file template is not a folder.
        ("s3://bucket/f/<tileId>.tif", "f"),
        ("s3://bucket/f/<tileId>/<outputId>.<format>", "f"),
        ("s3://bucket/f/<requestId>/<tileId>.tif", "f/REQ"),
        # <outputId> in the folder.
        ("s3://bucket/f/<outputId>/<tileName>.tif", "f"),
        ("s3://bucket/f/<requestId>/<outputId>/<tileName>.<format>", "f/REQ"),
        ("s3://bucket/f/<outputId>_<tileName>.tif", "f"),
        ("s3://bucket/f/<tileName>/<outputId>.<format>", "f"),
    ],
)
def test_delivery_root(url, root):
    assert delivery_root(url, "REQ") == S3Location("bucket", root)


def test_request_manifest_and_execution_keys():
    url = "s3://bucket/results"
    assert request_json_location(url, REQUEST_ID).key == f"results/{REQUEST_ID}/request-{REQUEST_ID}.json"
    assert feature_manifest_location(url, REQUEST_ID).key == (
        f"results/{REQUEST_ID}/featureManifest-{REQUEST_ID}.gpkg"
    )
    assert execution_db_location(url, REQUEST_ID).url == (
        f"s3://bucket/results/{REQUEST_ID}/execution-{REQUEST_ID}.sqlite"
    )
    assert execution_db_location("s3://bucket/r/<tileName>.tif", "ID").key == "r/execution-ID.sqlite"


def test_delivery_settings_and_outputs_from_a_request():
    request = {
        "processRequest": {"output": {"responses": [
            {"identifier": "NDVI", "format": {"type": "image/tiff"}},
            {"identifier": "userdata", "format": {"type": "application/json"}},
        ]}},
        "output": {"type": "raster", "delivery": {"s3": {"url": "s3://b/f", "region": "eu-central-1",
                                                         "accessKey": "never-read"}}},
    }
    settings = delivery_settings(request)
    assert (settings.url, settings.region) == ("s3://b/f", "eu-central-1")
    assert "never-read" not in repr(settings)
    assert requested_outputs(request) == [("NDVI", "image/tiff"), ("userdata", "application/json")]
    assert delivery_settings({"output": {"defaultTilePath": "s3://old/path"}}).url == "s3://old/path"
    assert delivery_settings({"bucketName": "legacy"}).url == "s3://legacy"
    assert delivery_settings({}) is None
    assert DeliverySettings("s3://bkt/f").root("REQ") == S3Location("bkt", "f/REQ")
    zarr = delivery_settings({"output": {"type": "zarr", "delivery": {"s3": {"url": "s3://bkt/z/<requestId>"}}}})
    assert zarr.output_type == "zarr" and zarr.root("REQ") == S3Location("bkt", "z/REQ")
    gcs = delivery_settings({"output": {"delivery": {"gs": {"url": "gs://g/f", "credentials": "never-read"}}}})
    assert gcs.url == "gs://g/f" and "never-read" not in repr(gcs)


# ----------------------------------------------------------------------------------------------- GPKG geometry


def _gpkg_blob(geometry, srs_id=32611, envelope=1, little_endian=True, empty=False, extended=False,
               wkb_byte_order=1) -> bytes:
    flags = (1 if little_endian else 0) | (envelope << 1) | (0x10 if empty else 0) | (0x20 if extended else 0)
    order = "<" if little_endian else ">"
    doubles = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope]
    header = b"GP" + bytes([0, flags]) + struct.pack(order + "i", srs_id) + struct.pack(order + "d" * doubles,
                                                                                       *range(doubles))
    return header + to_wkb(geometry, byte_order=wkb_byte_order)


@pytest.mark.parametrize("envelope", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("little_endian", [True, False])
def test_gpkg_geometry_header_variants(envelope, little_endian):
    polygon = box(500000, 4000000, 510000, 4010000)
    srs_id, geometry = parse_gpkg_geometry(
        _gpkg_blob(polygon, envelope=envelope, little_endian=little_endian, wkb_byte_order=int(little_endian))
    )
    assert srs_id == 32611
    assert geometry.equals(polygon)


def test_gpkg_empty_geometry_flag():
    _, geometry = parse_gpkg_geometry(_gpkg_blob(Polygon(), envelope=0, empty=True))
    assert geometry.is_empty


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"XX\x00\x01\x00\x00\x00\x00" + to_wkb(box(0, 0, 1, 1)), "GP"),
        (_gpkg_blob(box(0, 0, 1, 1), extended=True), "extended"),
        (b"GP\x00" + bytes([1 | (5 << 1)]) + b"\x00" * 4 + to_wkb(box(0, 0, 1, 1)), "envelope"),
        (_gpkg_blob(box(0, 0, 1, 1))[:40], "cut short"),
        (_gpkg_blob(box(0, 0, 1, 1))[:50], "cannot be decoded"),
    ],
)
def test_bad_gpkg_geometries_raise_a_readable_error(blob, message):
    with pytest.raises(DeliveryFileError, match=message):
        parse_gpkg_geometry(blob)


# ----------------------------------------------------------------------------------------------- manifest via OGR


MANIFEST_ROWS = {
    32611: [
        ("NDVI", "11SKA_0_0", box(300000, 3990000, 310000, 4000000), 1100, 1100),
        ("data_mask", "11SKA_0_0", box(300000, 3990000, 310000, 4000000), 1100, 1100),
        ("NDVI", "11SKA_1_0", MultiPolygon([box(310000, 3990000, 320000, 4000000)]), 1100, 1100),
        ("data_mask", "11SKA_1_0", MultiPolygon([box(310000, 3990000, 320000, 4000000)]), 1100, 1100),
    ],
    32610: [
        ("NDVI", "10SGF_5_2", box(790000, 3990000, 800000, 4000000), 1000, 1000),
        ("data_mask", "10SGF_5_2", box(790000, 3990000, 800000, 4000000), 1000, 1000),
    ],
}


def ogr_manifest(path, request_id=REQUEST_ID, bucket="bucket") -> bytes:
    """A feature manifest as GDAL writes GeoPackages (not our writer), columns as the provider documents them."""
    ogr = pytest.importorskip("osgeo.ogr")
    osr = pytest.importorskip("osgeo.osr")
    ogr.UseExceptions()
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for epsg, rows in MANIFEST_ROWS.items():
        crs = osr.SpatialReference()
        crs.ImportFromEPSG(epsg)
        options = ["FID=fid", "GEOMETRY_NAME=geometry" if epsg == 32611 else "GEOMETRY_NAME=geom"]
        layer = dataset.CreateLayer(f"feature_{epsg}", crs, ogr.wkbUnknown, options=options)
        for name, kind in (("outputId", ogr.OFTString), ("identifier", ogr.OFTString), ("path", ogr.OFTString),
                           ("width", ogr.OFTInteger), ("height", ogr.OFTInteger)):
            layer.CreateField(ogr.FieldDefn(name, kind))
        for output_id, identifier, geometry, width, height in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("outputId", output_id)
            feature.SetField("identifier", identifier)
            feature.SetField("path", f"s3://{bucket}/results/{request_id}/{identifier}/{output_id}.tif")
            feature.SetField("width", width)
            feature.SetField("height", height)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(to_wkb(geometry)))
            layer.CreateFeature(feature)
    dataset = None
    return path.read_bytes()


def test_read_manifest_written_by_ogr(tmp_path):
    features = read_manifest(ogr_manifest(tmp_path / "manifest.gpkg"))
    assert len(features) == 6
    assert [feature.epsg for feature in features] == [32610, 32610, 32611, 32611, 32611, 32611]
    expected = [(epsg, *row) for epsg in (32610, 32611) for row in MANIFEST_ROWS[epsg]]
    for feature, (epsg, output_id, identifier, geometry, width, height) in zip(features, expected):
        assert (feature.epsg, feature.output_id, feature.identifier, feature.width, feature.height) == (
            epsg, output_id, identifier, width, height
        )
        assert feature.geometry.equals(geometry)
        assert feature.path == f"s3://bucket/results/{REQUEST_ID}/{identifier}/{output_id}.tif"
    assert [feature.fid for feature in features[2:]] == [1, 2, 3, 4]
    tiles = manifest_tiles(features)
    assert list(tiles) == ["10SGF_5_2", "11SKA_0_0", "11SKA_1_0"]
    assert [row.output_id for row in tiles["11SKA_1_0"]] == ["NDVI", "data_mask"]


def test_manifest_tiles_in_bulk_are_the_manifest_rows_grouped_per_tile(tmp_path):
    data = ogr_manifest(tmp_path / "manifest.gpkg")
    rows = manifest_tiles(read_manifest(data))
    tiles = read_manifest_tiles(data)
    assert tiles.names == list(rows) and len(tiles) == 3
    assert tiles.epsg == [rows[name][0].epsg for name in rows]
    assert (tiles.widths, tiles.heights) == ([rows[name][0].width for name in rows],
                                              [rows[name][0].height for name in rows])
    assert tiles.outputs == [",".join(sorted(row.output_id for row in rows[name])) for name in rows]
    assert all(wkb.loads(geometry).equals(rows[name][0].geometry) for name, geometry in zip(tiles.names,
                                                                                            tiles.geometries))


def test_read_manifest_through_a_temporary_file_without_deserialize(tmp_path, monkeypatch):
    import tempfile

    data = ogr_manifest(tmp_path / "manifest.gpkg")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(storage, "_CAN_DESERIALIZE", False)
    opened = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: opened.append(args[0]) or real_connect(
        *args, **kwargs))
    features = read_manifest(data)
    assert len(features) == 6
    assert opened and opened[0].startswith(f"file:{scratch}")
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("data", [b"", b"<Error>not sqlite</Error>", b"SQLite format 3\x00" + b"\x00" * 10])
def test_unreadable_files_raise_delivery_file_error(data):
    with pytest.raises(DeliveryFileError):
        read_manifest(data)
    with pytest.raises(DeliveryFileError):
        read_execution(data)


# ----------------------------------------------------------------------------------------------- execution db


def execution_db(tmp_path, rows, delivered_type="BOOLEAN") -> bytes:
    path = tmp_path / "execution.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(
        f"CREATE TABLE features (id INTEGER, name TEXT, status TEXT, error TEXT, delivered {delivered_type})"
    )
    connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()
    return path.read_bytes()


def test_read_execution_and_map_statuses(tmp_path):
    data = execution_db(tmp_path, [
        (3, "T3", "FATAL", "Failed 3 times: evalscript error", False),
        (1, "T1", "DONE", None, True),
        (2, "T2", "PENDING", None, False),
        (4, "T4", "DONE", "No data", False),
        (5, "T5", "PENDING", "Timeout, retrying", False),
    ])
    features = read_execution(data)
    assert [feature.id for feature in features] == [1, 2, 3, 4, 5]
    assert features[0] == ExecutionFeature(1, "T1", "DONE", None, True)
    assert features[2] == ExecutionFeature(3, "T3", "FATAL", "Failed 3 times: evalscript error", False)
    assert [tile_status(feature) for feature in features] == [
        TileStatus.DONE, TileStatus.PENDING, TileStatus.FAILED, TileStatus.NO_DATA, TileStatus.PENDING,
    ]
    counts = status_counts(features)
    assert counts == {TileStatus.PENDING: 2, TileStatus.PROCESSING: 0, TileStatus.DONE: 1, TileStatus.NO_DATA: 1,
                      TileStatus.FAILED: 1}
    assert TileStatus.NO_DATA.is_final and not TileStatus.PENDING.is_final


def test_statuses_in_bulk_are_what_every_row_says(tmp_path):
    rows = [(index, f"T{index}", status, error, False) for index, (status, error) in enumerate(
        [("DONE", None), ("PENDING", None), ("FATAL", "boom"), ("DONE", "No data"), ("PENDING", "retrying"),
         ("done", "no data."), ("PROCESSING", None), ("SOMETHING_NEW", None), ("FATAL", "other")] * 3)]
    data = execution_db(tmp_path, list(reversed(rows)))
    statuses = read_execution_statuses(data)
    assert statuses == {feature.name: tile_status(feature) for feature in read_execution(data)}
    assert list(statuses) == [name for _, name, *_ in rows]  # ordered by id, as read_execution


def test_delivered_as_text_and_unknown_statuses(tmp_path):
    data = execution_db(tmp_path, [
        (1, "T1", "done", "no data.", "true"),
        (2, "T2", "PROCESSING", None, "false"),
        (3, "T3", "SOMETHING_NEW", None, None),
        (4, "T4", "FAILED", "x", "0"),
    ], delivered_type="TEXT")
    features = read_execution(data)
    assert [feature.delivered for feature in features] == [True, False, False, False]
    assert [tile_status(feature) for feature in features] == [
        TileStatus.NO_DATA, TileStatus.PROCESSING, TileStatus.PENDING, TileStatus.FAILED,
    ]


def test_execution_without_features_table(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE something (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(DeliveryFileError, match="no 'features' table"):
        read_execution(path.read_bytes())


def test_execution_with_missing_columns_reads_what_is_there(tmp_path):
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE features (id INTEGER, name TEXT, status TEXT)")
    connection.execute("INSERT INTO features VALUES (7, 'T7', 'DONE')")
    connection.commit()
    connection.close()
    assert read_execution(path.read_bytes()) == [ExecutionFeature(7, "T7", "DONE", None, False)]


# ----------------------------------------------------------------------------------------------- through S3


def test_files_put_at_the_layout_keys_are_read_back_from_s3(s3_bucket, tmp_path):
    url = s3_bucket.url("results")
    manifest_bytes = ogr_manifest(tmp_path / "m.gpkg", bucket=s3_bucket.bucket)
    execution_bytes = execution_db(tmp_path, [(1, "11SKA_0_0", "DONE", None, True),
                                              (2, "11SKA_1_0", "PENDING", None, False)])
    with s3_bucket.client() as client:
        for location, data in ((feature_manifest_location(url, REQUEST_ID), manifest_bytes),
                               (execution_db_location(url, REQUEST_ID), execution_bytes),
                               (request_json_location(url, REQUEST_ID), b"{}")):
            client.put_object(location.bucket, location.key, data)
        listed = {item.key for item in client.list_objects(s3_bucket.bucket, f"results/{REQUEST_ID}/")}
        assert listed == {f"results/{REQUEST_ID}/featureManifest-{REQUEST_ID}.gpkg",
                          f"results/{REQUEST_ID}/execution-{REQUEST_ID}.sqlite",
                          f"results/{REQUEST_ID}/request-{REQUEST_ID}.json"}
        location = execution_db_location(url, REQUEST_ID)
        first = client.get_object(location.bucket, location.key)
        assert [tile_status(f) for f in read_execution(first.data)] == [TileStatus.DONE, TileStatus.PENDING]
        assert client.get_object(location.bucket, location.key, if_none_match=first.etag) is None
        manifest = feature_manifest_location(url, REQUEST_ID)
        features = read_manifest(client.get_object(manifest.bucket, manifest.key).data)
        assert {feature.identifier for feature in features} == {"10SGF_5_2", "11SKA_0_0", "11SKA_1_0"}
        first_output = parse_s3_url(features[0].path)
        assert first_output == output_location(url, REQUEST_ID, features[0].identifier, features[0].output_id,
                                               "image/tiff")
