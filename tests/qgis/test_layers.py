"""The tile status layer: built from tiles or a manifest, coloured by status, updated in place."""

from __future__ import annotations

import shapely
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication
from sentinelhub_batch.plugin.core.storage import ManifestFeature, TileStatus
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.services.layers import (
    STATUS_COLOURS,
    TileStatusLayer,
    find_tile_layer,
    records_from_manifest,
    records_from_tiles,
)
from sentinelhub_batch.plugin.services.preview import TilePreviewLayer
from shapely.geometry import box


def _utm_manifest(count: int, outputs=("NDVI", "data_mask")):
    """A manifest of ``count`` 1 km tiles in UTM 11N, one row per tile and output."""
    rows = []
    fid = 1
    for index in range(count):
        x = 600000 + (index % 100) * 1000
        y = 4000000 + (index // 100) * 1000
        for output in outputs:
            rows.append(ManifestFeature(fid, output, f"T{index}", f"s3://b/f/id/T{index}/{output}.tif", 110, 110,
                                        32611, box(x, y, x + 1000, y + 1000)))
            fid += 1
    return rows


def test_manifest_tiles_become_one_feature_per_tile_in_wgs84(qgis_app):
    records = records_from_manifest(_utm_manifest(3))
    tiles = TileStatusLayer.create("tiles", records, task_id="job-1")
    assert len(tiles) == 3
    layer = tiles.layer
    assert layer.featureCount() == 3
    feature = next(layer.getFeatures())
    assert feature["epsg"] == 32611 and feature["width"] == 110 and feature["status"] == "PENDING"
    assert feature["outputs"] == "NDVI,data_mask"
    centre = feature.geometry().centroid().asPoint()
    assert -116.0 < centre.x() < -115.7 and 36.0 < centre.y() < 36.3  # 100 km east of 117°W at 36°N
    assert tiles.task_id == "job-1"


def test_renderer_has_one_category_per_status_with_distinct_colours(qgis_app):
    layer = TileStatusLayer.create("tiles").layer
    categories = layer.renderer().categories()
    assert [category.value() for category in categories] == [status.value for status in
                                                           (TileStatus.PENDING, TileStatus.PROCESSING,
                                                            TileStatus.DONE, TileStatus.NO_DATA, TileStatus.FAILED)]
    assert [category.label() for category in categories] == ["Waiting", "Processing", "Done", "No data", "Failed"]
    assert len({category.symbol().color().name() for category in categories}) == 5
    assert categories[4].symbol().color().name() == STATUS_COLOURS[TileStatus.FAILED]
    assert 0 < categories[4].symbol().color().alpha() < 255  # the map stays visible under the tiles


def test_pending_tiles_of_a_running_job_are_drawn_as_processing(qgis_app):
    # The execution database says PENDING, DONE or FATAL: while the job runs, its PENDING tiles are being processed.
    tiles = TileStatusLayer.create("tiles", records_from_manifest(_utm_manifest(3)))
    tiles.apply_statuses({"T0": TileStatus.DONE})

    def pending_category():
        return next(category for category in tiles.layer.renderer().categories() if category.value() == "PENDING")

    tiles.show_job_running(True)
    assert pending_category().label() == "To do (processing)"
    assert pending_category().symbol().color().name() == STATUS_COLOURS[TileStatus.PROCESSING]
    assert tiles.status_of("T1") is TileStatus.PENDING  # the data stays what the service wrote
    tiles.show_job_running(False)
    assert pending_category().label() == "Waiting"
    assert pending_category().symbol().color().name() == STATUS_COLOURS[TileStatus.PENDING]


def test_tile_layers_and_their_renderers_are_made_by_qgis_not_constructed_from_python(qgis_new_project):
    # To QGIS, an object constructed from Python is a Python subclass: the first call of each of its virtual methods
    # takes the GIL. While the monitor thread read a country's manifest, each such call held the GUI thread up to
    # 5 ms: creating and adding a job's tile layer was the monitor benchmark's longest stall (90-130 ms).
    tiles = TileStatusLayer.create("tiles", records_from_manifest(_utm_manifest(3)), task_id="job-1")
    tiles.show_job_running(True)
    preview = TilePreviewLayer(QgsProject.instance())
    preview.show(records_from_manifest(_utm_manifest(3)))
    while preview.filling:
        QCoreApplication.processEvents()
    for layer in (tiles.layer, preview.layer):
        assert not sip.ispycreated(layer) and not sip.ispycreated(layer.renderer()), layer.name()
    assert [(field.name(), field.length()) for field in tiles.layer.fields()] == [
        ("name", 64), ("epsg", 0), ("width", 0), ("height", 0), ("status", 16), ("outputs", 254)]
    assert tiles.layer.crs().authid() == preview.layer.crs().authid() == "EPSG:4326"
    assert preview.layer.featureCount() == 3 and tiles.status_of("T2") is TileStatus.PENDING


def test_manifest_tiles_read_in_bulk_give_the_same_layer(qgis_app):
    from bucket_files import manifest_gpkg
    from sentinelhub_batch.plugin.core.storage import read_manifest_tiles
    from sentinelhub_batch.plugin.services.layers import records_from_manifest_tiles

    manifest = _utm_manifest(50)
    bulk = records_from_manifest_tiles(read_manifest_tiles(manifest_gpkg(manifest)))
    rows = records_from_manifest(manifest)
    assert bulk.names == rows.names and bulk.outputs == rows.outputs == ["NDVI,data_mask"] * 50
    for mine, theirs in zip(bulk, rows):
        assert (mine.epsg, mine.width, mine.height) == (theirs.epsg, theirs.width, theirs.height)
        assert mine.geometry.equals(theirs.geometry)


def test_apply_statuses_changes_only_changed_tiles_without_recreating_features(qgis_app):
    tiles = TileStatusLayer.create("tiles", records_from_manifest(_utm_manifest(200)))
    layer = tiles.layer
    fids_before = {feature["name"]: feature.id() for feature in layer.getFeatures()}
    changed_signals = []
    layer.dataProvider().dataChanged.connect(lambda: changed_signals.append(1))
    repaints = []
    layer.repaintRequested.connect(lambda *args: repaints.append(1))

    assert tiles.apply_statuses({"T0": TileStatus.DONE, "T1": "FAILED", "T2": TileStatus.PENDING, "nope": "DONE"}) == 2
    assert tiles.apply_statuses({"T0": TileStatus.DONE, "T1": TileStatus.FAILED}) == 0
    assert len(repaints) == 1

    by_name = {feature["name"]: feature for feature in layer.getFeatures()}
    assert by_name["T0"]["status"] == "DONE" and by_name["T1"]["status"] == "FAILED"
    assert by_name["T2"]["status"] == "PENDING"
    assert {name: feature.id() for name, feature in by_name.items()} == fids_before
    assert tiles.status_counts()[TileStatus.DONE] == 1 and tiles.status_counts()[TileStatus.PENDING] == 198


def test_replace_tiles_keeps_the_layer_and_known_statuses(qgis_app, qgis_new_project):
    from sentinelhub_batch.plugin.core.grids import get_grid

    area = box(-120.0, 36.5, -119.95, 36.55)
    local = records_from_tiles(tiles_for_area(area, 4326, get_grid(1), 10, 50, 50))
    tiles = TileStatusLayer.create("tiles", local, task_id="job-2")
    QgsProject.instance().addMapLayer(tiles.layer)
    layer_id = tiles.layer.id()
    first = tiles.tile_names[0]
    tiles.apply_statuses({first: TileStatus.PROCESSING})
    assert all(record.width == 1100 for record in local)

    tiles.replace_tiles(local[:1])
    assert tiles.layer.id() == layer_id and len(tiles) == 1
    assert tiles.status_of(first) is TileStatus.PROCESSING
    assert find_tile_layer(QgsProject.instance(), "job-2") is tiles.layer
    assert find_tile_layer(QgsProject.instance(), "other", layer_id) is tiles.layer


def test_attach_rebuilds_the_index_of_an_existing_layer(qgis_app):
    original = TileStatusLayer.create("tiles", records_from_manifest(_utm_manifest(5)))
    original.apply_statuses({"T3": TileStatus.NO_DATA})
    attached = TileStatusLayer.attach(original.layer)
    assert attached.status_of("T3") is TileStatus.NO_DATA
    assert attached.apply_statuses({"T3": TileStatus.NO_DATA, "T4": TileStatus.DONE}) == 1


def test_attach_refuses_a_layer_without_status(qgis_app):
    import pytest

    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "other", "memory")
    with pytest.raises(ValueError, match="not a tile status layer"):
        TileStatusLayer.attach(layer)


def test_ten_thousand_tiles_update_in_one_batch(qgis_app):
    tiles = TileStatusLayer.create("tiles", records_from_manifest(_utm_manifest(10_000, outputs=("NDVI",))))
    assert len(tiles) == 10_000
    statuses = {f"T{index}": TileStatus.DONE if index % 3 else TileStatus.FAILED for index in range(10_000)}
    assert tiles.apply_statuses(statuses) == 10_000
    counts = tiles.status_counts()
    assert counts[TileStatus.FAILED] == 3334 and counts[TileStatus.DONE] == 6666
    values = {feature["status"] for feature in tiles.layer.getFeatures()}
    assert values == {"DONE", "FAILED"}


def test_qgs_geometry_is_two_dimensional_and_keeps_every_part(qgis_app):
    from sentinelhub_batch.plugin.services.layers import qgs_geometry
    from shapely.geometry import MultiPolygon, Polygon

    flat = qgs_geometry(box(1.5, 2.5, 3.5, 4.5))
    assert flat.asWkt(1) == "Polygon ((3.5 2.5, 3.5 4.5, 1.5 4.5, 1.5 2.5, 3.5 2.5))"
    with_height = qgs_geometry(Polygon([(0, 0, 7), (2, 0, 7), (2, 2, 7), (0, 0, 7)]))
    assert with_height.asWkt() == "Polygon ((0 0, 2 0, 2 2, 0 0))"  # no Z, which QGIS 3.22's GEOS would refuse
    parts = qgs_geometry(MultiPolygon([box(0, 0, 1, 1), box(5, 5, 6, 6)]))
    assert parts.isMultipart() and parts.constGet().numGeometries() == 2 and parts.area() == 2.0
    assert qgs_geometry(Polygon()).isEmpty() or qgs_geometry(Polygon()).isNull()


def test_qgs_geometry_falls_back_to_wkt_when_shapely_cannot_write_wkb(qgis_app, monkeypatch):
    import shapely
    from sentinelhub_batch.plugin.services.layers import qgs_geometry
    from shapely.geometry import Polygon

    def clashing_geos(*args, **kwargs):
        raise shapely.errors.GEOSException("IllegalArgumentException: Invalid output dimension")

    monkeypatch.setattr(shapely, "to_wkb", clashing_geos)
    geometry = qgs_geometry(Polygon([(0, 0, 1), (4, 0, 1), (4, 4, 1), (0, 0, 1)]))
    assert geometry.asWkt() == "Polygon ((0 0, 4 0, 4 4, 0 0))"


def test_records_from_request_are_the_local_grid_of_a_request_not_analysed(qgis_app):
    import pytest
    from sentinelhub_batch.plugin.core.errors import SentinelHubBatchError
    from sentinelhub_batch.plugin.services.layers import records_from_request

    area = (-120.0, 36.5, -119.95, 36.55)
    grid_input = {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50}
    request = {"input": grid_input, "processRequest": {"input": {"bounds": {"bbox": list(area)}}}}
    expected = tiles_for_area(box(*area), 4326, 1, 10, 50, 50)
    records = records_from_request(request)
    assert [record.name for record in records] == [tile.name for tile in expected]
    assert all(record.width == 1100 and record.height == 1100 for record in records)
    assert all(shapely.from_wkb(bytes(record.geometry.asWkb())).equals_exact(tile.geometry_wgs84, 1e-9)
               for record, tile in zip(records, expected))

    with pytest.raises(SentinelHubBatchError, match="GeoPackage"):
        records_from_request({"input": {"type": "geopackage"}, "processRequest": request["processRequest"]})
    with pytest.raises(SentinelHubBatchError, match="no area"):
        records_from_request({"input": grid_input, "processRequest": {"input": {"bounds": {}}}})
