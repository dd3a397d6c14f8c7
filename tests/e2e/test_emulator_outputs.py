"""What a finished job leaves in the bucket, driven over HTTP and through the plugin's BatchClient."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
from emulator.testing import RawApi, batch_body, tutorial_area, tutorial_evalscript
from osgeo import gdal, ogr, osr
from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.models import TaskStatus

pytestmark = pytest.mark.e2e


@pytest.fixture
def api(local_stack):
    return RawApi(local_stack)


def _run_to_done(api, body, timeout=90.0):
    task = api.create(body)
    assert api.post(f"/process/{task['id']}/start").status_code == 204
    done = api.wait_status(task["id"], "DONE", "FAILED", timeout=timeout)
    assert done["status"] == "DONE", done["error"]
    return done


def _open_vsis3(stack, location):
    with stack.gdal_options():
        dataset = gdal.Open(location.vsis3_path)
        assert dataset is not None, gdal.GetLastErrorMsg()
        srs = osr.SpatialReference(wkt=dataset.GetProjection())
        srs.AutoIdentifyEPSG()
        bands = [dataset.GetRasterBand(i + 1) for i in range(dataset.RasterCount)]
        info = {
            "size": (dataset.RasterXSize, dataset.RasterYSize),
            "epsg": int(srs.GetAuthorityCode(None)),
            "geotransform": dataset.GetGeoTransform(),
            "types": {gdal.GetDataTypeName(band.DataType) for band in bands},
            "values": dataset.ReadAsArray(),
            "layout": dataset.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"),
        }
        dataset = None
    return info


def _execution_rows(stack, url, task_id):
    location = storage.execution_db_location(url, task_id)
    data = stack.s3.get(location.bucket, location.key)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "execution.sqlite"
        path.write_bytes(data)
        connection = sqlite3.connect(path)
        try:
            columns = [row[1] for row in connection.execute("PRAGMA table_info(features)")]
            rows = connection.execute("SELECT id, name, status, error, delivered FROM features").fetchall()
        finally:
            connection.close()
    return columns, rows


def test_a_whole_job_leaves_every_file_in_the_bucket(api, local_stack):
    body = batch_body(local_stack, buffer=5, folder="whole-job", cogOutput=True)
    done = _run_to_done(api, body)
    task_id, url = done["id"], body["output"]["delivery"]["s3"]["url"]

    request_json = storage.request_json_location(url, task_id)
    assert request_json.key == f"whole-job/{task_id}/request-{task_id}.json"
    assert b'"processRequest"' in local_stack.s3.get(request_json.bucket, request_json.key)

    manifest = storage.feature_manifest_location(url, task_id)
    features = storage.read_manifest(local_stack.s3.get(manifest.bucket, manifest.key))
    tiles = sorted({feature.identifier for feature in features})
    assert tiles and len(features) == 2 * len(tiles)
    assert {feature.output_id for feature in features} == {"ndvi", "mask"}

    columns, rows = _execution_rows(local_stack, url, task_id)
    assert columns == ["id", "name", "status", "error", "delivered"]
    assert sorted(name for _, name, _, _, _ in rows) == tiles
    assert all(status == "DONE" and delivered for _, _, status, _, delivered in rows)

    for feature in features:
        location = storage.output_location(url, task_id, feature.identifier, feature.output_id, "image/tiff")
        assert feature.path == location.url and location.key.endswith(".tif")
        raster = _open_vsis3(local_stack, location)
        assert raster["size"] == (510, 510) == (feature.width, feature.height)
        assert raster["epsg"] == 32611
        assert raster["layout"] == "COG"
        origin_x, pixel_x, _, origin_y, _, pixel_y = raster["geotransform"]
        assert pixel_x == 20 and pixel_y == -20
        assert (origin_x + 100) % 10000 == 0 and (origin_y - 100) % 10000 == 0
        assert raster["types"] == ({"Float32"} if feature.output_id == "ndvi" else {"Byte"})


def test_the_manifest_is_a_real_geopackage_with_one_table_per_crs(api, local_stack):
    body = batch_body(local_stack, folder="manifest")
    done = _run_to_done(api, body)
    location = storage.feature_manifest_location(body["output"]["delivery"]["s3"]["url"], done["id"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "manifest.gpkg"
        path.write_bytes(local_stack.s3.get(location.bucket, location.key))
        source = ogr.Open(str(path))
        layer = source.GetLayerByName("feature_32611")
        definition = layer.GetLayerDefn()
        names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        assert layer.GetFIDColumn() == "fid"
        assert names == ["outputId", "identifier", "path", "width", "height"]
        assert layer.GetSpatialRef().GetAuthorityCode(None) == "32611"
        feature = layer.GetNextFeature()
        xmin, xmax, ymin, ymax = feature.GetGeometryRef().GetEnvelope()
        assert (xmax - xmin, ymax - ymin) == (10000, 10000)
        source = None


def test_tutorial_script_and_area_give_five_band_ndvi_that_changes_with_date_and_place(api, local_stack):
    body = batch_body(local_stack, evalscript=tutorial_evalscript(), outputs=("NDVI", "data_mask"), folder="tutorial")
    done = _run_to_done(api, body)
    url = body["output"]["delivery"]["s3"]["url"]
    location = storage.output_location(url, done["id"], "11SKV_9_0", "NDVI", "image/tiff")
    ndvi = _open_vsis3(local_stack, location)
    mask = _open_vsis3(local_stack, storage.output_location(url, done["id"], "11SKV_9_0", "data_mask", "image/tiff"))
    assert ndvi["values"].shape == (5, 500, 500) and ndvi["types"] == {"UInt16"}
    assert mask["values"].shape == (5, 500, 500) and mask["types"] == {"Byte"}
    valid = mask["values"][1] == 1
    assert valid.any()
    first, second = ndvi["values"][0][valid].astype(float), ndvi["values"][1][valid].astype(float)
    assert np.abs(first - second).mean() > 50
    assert first.std() > 500
    assert ndvi["values"].max() <= 20000


def test_plugin_client_drives_a_job_to_done_through_20_percent_faults(local_stack, batch_client):
    calls_before = len(local_stack.request_log)
    local_stack.faults.reseed(7)
    for kind, status in (("status", 429), ("drop", 0), ("status", 503), ("status", 500)):
        local_stack.faults.next_requests(1, kind, status=status or 503, retry_after_ms=20)
    local_stack.faults.random_mix(0.2, retry_after_ms=20)
    body = batch_body(local_stack, geometry=tutorial_area("Entire area"), folder="faulty")
    task = batch_client.create(body)
    batch_client.start(task.id)
    deadline = time.time() + 120
    while True:
        current = batch_client.get(task.id)
        if current.status in (TaskStatus.DONE, TaskStatus.FAILED) or time.time() > deadline:
            break
        time.sleep(0.1)
    faults = list(local_stack.faults.log)
    local_stack.faults.clear()
    assert current.status is TaskStatus.DONE, current.error
    assert {entry["kind"] if entry["kind"] == "drop" else entry["status"] for entry in faults} >= {429, "drop", 500, 503}
    calls = [entry for entry in local_stack.request_log[calls_before:] if "/api/v2/batch" in entry[1]]
    assert len(faults) >= 0.1 * len(calls)
    listing = [t for t in batch_client.iter_tasks(search=task.id)]
    assert [t.id for t in listing] == [task.id]
    url = body["output"]["delivery"]["s3"]["url"]
    _columns, rows = _execution_rows(local_stack, url, task.id)
    assert len(rows) == 8 and all(status == "DONE" for _, _, status, _, _ in rows)
    keys = set(local_stack.s3.keys(local_stack.bucket, f"faulty/{task.id}/"))
    for _, name, _, _, _ in rows:
        assert {f"faulty/{task.id}/{name}/ndvi.tif", f"faulty/{task.id}/{name}/mask.tif"} <= keys


def test_plugin_client_runs_the_whole_life_of_a_job(local_stack, batch_client):
    from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS

    assert {grid.id for grid in batch_client.tiling_grids()} == set(BUILTIN_GRIDS)
    assert batch_client.tiling_grid(0) == BUILTIN_GRIDS[0]
    body = batch_body(local_stack, folder="client-job", buffer=2)
    task = batch_client.create(body)
    assert task.status is TaskStatus.CREATED and batch_client.latest().id == task.id
    batch_client.update_description(task.id, "renamed by the client")
    batch_client.analyse(task.id)
    deadline = time.time() + 60
    while batch_client.get(task.id).status is not TaskStatus.ANALYSIS_DONE and time.time() < deadline:
        time.sleep(0.05)
    batch_client.start(task.id)
    while batch_client.get(task.id).status is not TaskStatus.DONE and time.time() < deadline:
        time.sleep(0.05)
    done = batch_client.get(task.id)
    assert done.status is TaskStatus.DONE and done.completion_percentage == 100 and done.cost_pu > 0
    assert done.description == "renamed by the client"
    url = body["output"]["delivery"]["s3"]["url"]
    manifest = storage.feature_manifest_location(url, task.id)
    features = storage.read_manifest(local_stack.s3.get(manifest.bucket, manifest.key))
    execution = storage.execution_db_location(url, task.id)
    rows = storage.read_execution(local_stack.s3.get(execution.bucket, execution.key))
    assert {row.name for row in rows} == {feature.identifier for feature in features}
    assert all(storage.tile_status(row) is storage.TileStatus.DONE for row in rows)
    for feature in features:
        raster = _open_vsis3(local_stack, storage.parse_s3_url(feature.path))
        assert raster["size"] == (504, 504) and raster["values"].shape == (504, 504)


def test_failing_tiles_are_fatal_in_the_execution_db(api, local_stack):
    local_stack.faults.failing_tiles.append("11SKV_9_0")
    body = batch_body(local_stack, geometry=tutorial_area("Entire area"), folder="fatal")
    done = _run_to_done(api, body)
    _, rows = _execution_rows(local_stack, body["output"]["delivery"]["s3"]["url"], done["id"])
    statuses = {name: (status, error, delivered) for _, name, status, error, delivered in rows}
    assert statuses["11SKV_9_0"][0] == "FATAL" and statuses["11SKV_9_0"][1] and not statuses["11SKV_9_0"][2]
    assert all(status == "DONE" for name, (status, _, _) in statuses.items() if name != "11SKV_9_0")
    assert not local_stack.s3.keys(local_stack.bucket, f"fatal/{done['id']}/11SKV_9_0/")


def test_tiles_without_acquisitions_are_done_with_no_data(api, local_stack):
    body = batch_body(local_stack, folder="nodata", time_from="2014-07-01T00:00:00Z", time_to="2014-07-30T00:00:00Z")
    done = _run_to_done(api, body)
    _, rows = _execution_rows(local_stack, body["output"]["delivery"]["s3"]["url"], done["id"])
    assert rows and all(status == "DONE" and error == "No data" and not delivered
                        for _, _, status, error, delivered in rows)


def test_existing_outputs_fail_the_request_unless_overwrite_or_skip(api, local_stack):
    body = batch_body(local_stack, folder="existing/<tileName>/<outputId>.<format>")
    body["output"]["delivery"]["s3"]["url"] = f"s3://{local_stack.bucket}/existing/<tileName>/<outputId>.<format>"
    _run_to_done(api, body)
    again = api.create(body)
    api.post(f"/process/{again['id']}/analyse")
    failed = api.wait_status(again["id"], "FAILED", "ANALYSIS_DONE")
    assert failed["status"] == "FAILED" and "overwrite" in failed["error"]
    body["output"]["overwrite"] = True
    _run_to_done(api, body)
    body["output"]["overwrite"] = False
    body["output"]["skipExisting"] = True
    _run_to_done(api, body)


def _user_geopackage(features, path, epsg=32611, with_identifier=True):
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = source.CreateLayer("tiles", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    if with_identifier:
        layer.CreateField(ogr.FieldDefn("identifier", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("width", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("height", ogr.OFTInteger))
    for number, (name, bounds, size) in enumerate(features, start=1):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("id", number)
        if with_identifier:
            feature.SetField("identifier", name)
        feature.SetField("width", size[0])
        feature.SetField("height", size[1])
        xmin, ymin, xmax, ymax = bounds
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({xmin} {ymin},{xmax} {ymin},{xmax} {ymax},{xmin} {ymax},{xmin} {ymin}))"))
        layer.CreateFeature(feature)
    source = None
    return Path(path).read_bytes()


def test_geopackage_input_processes_the_users_features(api, local_stack, tmp_path):
    features = [("field-a", (285000, 3990000, 287000, 3991000), (200, 100)),
                ("field-b", (287000, 3990000, 289000, 3992000), (100, 100))]
    local_stack.s3.put(local_stack.bucket, "inputs/fields.gpkg", _user_geopackage(features, tmp_path / "f.gpkg"))
    body = batch_body(local_stack, folder="gpkg")
    body["input"] = {"type": "geopackage", "features": {"s3": {**local_stack.delivery(), "url":
                                                               f"s3://{local_stack.bucket}/inputs/fields.gpkg"}}}
    # BatchV2.qmd "Area of Interest and PUs": with a GeoPackage "the AOI can optionally be omitted".
    del body["processRequest"]["input"]["bounds"]
    done = _run_to_done(api, body)
    url = body["output"]["delivery"]["s3"]["url"]
    raster = _open_vsis3(local_stack, storage.output_location(url, done["id"], "field-a", "ndvi", "image/tiff"))
    assert raster["size"] == (200, 100) and raster["epsg"] == 32611
    assert raster["geotransform"][0] == 285000 and raster["geotransform"][3] == 3991000


def test_a_geopackage_without_identifiers_fails_analysis_readably(api, local_stack, tmp_path):
    features = [("x", (285000, 3990000, 287000, 3991000), (200, 100))]
    data = _user_geopackage(features, tmp_path / "bad.gpkg", with_identifier=False)
    local_stack.s3.put(local_stack.bucket, "inputs/bad.gpkg", data)
    body = batch_body(local_stack, folder="gpkg-bad")
    body["input"] = {"type": "geopackage", "features": {"s3": {**local_stack.delivery(), "url":
                                                               f"s3://{local_stack.bucket}/inputs/bad.gpkg"}}}
    task = api.create(body)
    api.post(f"/process/{task['id']}/analyse")
    failed = api.wait_status(task["id"], "FAILED", "ANALYSIS_DONE")
    assert failed["status"] == "FAILED" and "identifier" in failed["error"]


def test_an_area_across_two_utm_zones_gives_one_manifest_table_per_crs(api, local_stack):
    # 0.39° E, 46.5° N: zone 30's tiles reach past 0° up to where zone 31's grid starts (grid_assumptions rule 4)
    across = {"type": "Polygon", "coordinates": [[[0.38, 46.5], [0.40, 46.5], [0.40, 46.51],
                                                  [0.38, 46.51], [0.38, 46.5]]]}
    body = batch_body(local_stack, geometry=across, folder="two-zones")
    done = _run_to_done(api, body)
    url = body["output"]["delivery"]["s3"]["url"]
    location = storage.feature_manifest_location(url, done["id"])
    features = storage.read_manifest(local_stack.s3.get(location.bucket, location.key))
    assert {feature.epsg for feature in features} == {32630, 32631}
    for feature in features:
        raster = _open_vsis3(local_stack, storage.output_location(url, done["id"], feature.identifier,
                                                                  feature.output_id, "image/tiff"))
        assert raster["epsg"] == feature.epsg


@pytest.mark.parametrize("evalscript", ["ndvi", "tutorial"])
def test_what_a_job_costs_is_what_the_plugin_estimated_before_paying(local_stack, batch_client, evalscript):
    """Two implementations of the provider's PU rules held against each other: the plugin's estimate (cost.py)
    and the emulator's charge (tests/emulator/charges.py)."""
    from emulator.testing import NDVI_EVALSCRIPT
    from sentinelhub_batch.plugin.core.cost import estimate_processing_units
    from sentinelhub_batch.plugin.core.evalscript import read_evalscript
    from sentinelhub_batch.plugin.core.tiles import tiles_for_area

    script = NDVI_EVALSCRIPT if evalscript == "ndvi" else tutorial_evalscript()
    outputs = ("ndvi", "mask") if evalscript == "ndvi" else ("NDVI", "data_mask")
    body = batch_body(local_stack, evalscript=script, outputs=outputs, folder=f"cost-{evalscript}", buffer=3)
    local_stack.config.update({"render_step": 16})
    task = batch_client.create(body)
    batch_client.start(task.id)
    deadline = time.time() + 120
    while batch_client.get(task.id).status is not TaskStatus.DONE and time.time() < deadline:
        time.sleep(0.1)
    done = batch_client.get(task.id)
    tiles = tiles_for_area(tutorial_area(), 4326, 1, 20, 3, 3)
    estimate = estimate_processing_units(tiles, read_evalscript(script), "2020-07-01T00:00:00Z",
                                         "2020-07-30T23:59:59Z")
    assert done.status is TaskStatus.DONE and done.cost_pu > 0
    assert done.cost_pu == pytest.approx(estimate.charged_pu, rel=1e-4)
