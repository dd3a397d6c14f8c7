"""The jobs dock driven with pytest-qt: track → tiles change colour → DONE → results; stop; retry failed tiles.

The batch service is an in-process stand-in with the v2 state machine that writes the real files (manifest,
execution database, GeoTIFFs) to a real S3 server (moto) — so the monitor, the JobWatcher, the tile layer and the
GDAL /vsis3/ mosaics all run for real; only the HTTP to the batch API is replaced.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProject, QgsRasterLayer
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import NotFoundError
from sentinelhub_batch.plugin.core.jobs import PollPolicy
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.core.storage import (
    execution_db_location,
    feature_manifest_location,
    output_template,
    parse_s3_url,
    read_manifest,
)
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.gui.connection import S3Access
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from sentinelhub_batch.plugin.gui.project_jobs import read_tracked_jobs
from shapely.geometry import box

QUICK = PollPolicy(analysing=0.02, waiting_for_user=0.05, processing_min=0.02, processing_max=0.1, growth=1.5)
EVALSCRIPT = (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "interpolation_evalscript.js")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _vsimem_bytes(path: str) -> bytes:
    handle = gdal.VSIFOpenL(path, "rb")
    gdal.VSIFSeekL(handle, 0, 2)
    size = gdal.VSIFTellL(handle)
    gdal.VSIFSeekL(handle, 0, 0)
    data = bytes(gdal.VSIFReadL(1, size, handle))
    gdal.VSIFCloseL(handle)
    gdal.Unlink(path)
    return data


def manifest_gpkg(rows: List[dict]) -> bytes:
    path = f"/vsimem/manifest_{uuid.uuid4().hex}.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    tables = {}
    source.StartTransaction()
    for row in rows:
        layer = tables.get(row["epsg"])
        if layer is None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(row["epsg"])
            layer = source.CreateLayer(f"feature_{row['epsg']}", srs, ogr.wkbPolygon)
            for name, kind in (("outputId", ogr.OFTString), ("identifier", ogr.OFTString),
                               ("path", ogr.OFTString), ("width", ogr.OFTInteger), ("height", ogr.OFTInteger)):
                layer.CreateField(ogr.FieldDefn(name, kind))
            tables[row["epsg"]] = layer
        feature = ogr.Feature(layer.GetLayerDefn())
        for name in ("outputId", "identifier", "path", "width", "height"):
            feature.SetField(name, row[name])
        feature.SetGeometry(ogr.CreateGeometryFromWkb(row["geometry"].wkb))
        layer.CreateFeature(feature)
    source.CommitTransaction()
    source = None
    return _vsimem_bytes(path)


def execution_sqlite(statuses: Dict[str, str]) -> bytes:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE features(id INTEGER, name TEXT, status TEXT, error TEXT, delivered BOOLEAN)")
    connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)",
                           [(index, name, status, "Tile failed 3 times" if status == "FATAL" else None,
                             status == "DONE") for index, (name, status) in enumerate(statuses.items())])
    connection.commit()
    data = connection.serialize()
    connection.close()
    return data


def small_geotiff(epsg: int, bounds, bands: int, data_type: int, value: float) -> bytes:
    path = f"/vsimem/tile_{uuid.uuid4().hex}.tif"
    size = 16
    dataset = gdal.GetDriverByName("GTiff").Create(path, size, size, bands, data_type)
    xmin, ymin, xmax, ymax = bounds
    dataset.SetGeoTransform((xmin, (xmax - xmin) / size, 0, ymax, 0, -(ymax - ymin) / size))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    dataset.SetProjection(srs.ExportToWkt())
    for band in range(1, bands + 1):
        dataset.GetRasterBand(band).WriteArray(np.full((size, size), value))
    dataset = None
    return _vsimem_bytes(path)


class FakeBatchService:
    """The Batch v2 state machine in process, writing the service's files to S3. One ``get`` = one step."""

    def __init__(self, s3, tiles_per_step: int = 2, fail_tiles=(), write_rasters: bool = True,
                 tiles_override: Optional[List[dict]] = None):
        self.s3 = s3
        self.tiles_per_step = tiles_per_step
        self.fail_tiles = set(fail_tiles)
        self.write_rasters = write_rasters
        self.tiles_override = tiles_override
        self.jobs: Dict[str, dict] = {}
        self.tiles: Dict[str, List[dict]] = {}
        self.done: Dict[str, Dict[str, str]] = {}
        self.lock = threading.RLock()
        self.created_bodies: List[dict] = []

    # -- client API

    def batch_client(self, **options):
        return self

    def close(self) -> None:
        pass

    def create(self, body: dict) -> BatchTask:
        with self.lock:
            task_id = str(uuid.uuid4())
            self.created_bodies.append(copy.deepcopy(body))
            self.jobs[task_id] = {"id": task_id, "status": "CREATED", "request": copy.deepcopy(body),
                                  "userAction": "NONE", "created": _now(), "lastUpdated": _now(),
                                  "completionPercentage": 0, "costPU": 0.0,
                                  "description": body.get("description", "")}
            return BatchTask(copy.deepcopy(self.jobs[task_id]))

    def _job(self, task_id: str) -> dict:
        if task_id not in self.jobs:
            raise NotFoundError(404, f"Batch request {task_id} not found", "NOT_FOUND")
        return self.jobs[task_id]

    def get(self, task_id: str) -> BatchTask:
        with self.lock:
            job = self._job(task_id)
            self._step(job)
            return BatchTask(copy.deepcopy(job))

    def list_page(self, search=None, sort=None, count=None, viewtoken=None):
        with self.lock:
            jobs = [BatchTask(copy.deepcopy(job)) for job in self.jobs.values()
                    if not search or search in job["id"] or search in job["description"]]
        jobs.sort(key=lambda task: task.raw["created"], reverse=(sort or "created:desc").endswith("desc"))
        start = int(viewtoken or 0)
        page = jobs[start:start + (count or 100)]
        return page, (str(start + len(page)) if start + len(page) < len(jobs) else None)

    def latest(self):
        page, _ = self.list_page(sort="created:desc", count=1)
        return page[0] if page else None

    def update_description(self, task_id: str, text: str) -> None:
        with self.lock:
            self._job(task_id)["description"] = text

    def analyse(self, task_id: str) -> None:
        with self.lock:
            job = self._job(task_id)
            job.update(status="ANALYSING", userAction="ANALYSE")

    def start(self, task_id: str) -> None:
        with self.lock:
            job = self._job(task_id)
            job["userAction"] = "START"
            job["stoppedStatusReason"] = None
            if job["status"] == "CREATED":
                job["status"] = "ANALYSING"
            elif job["status"] in ("ANALYSIS_DONE", "STOPPED"):
                job["status"] = "PROCESSING"

    def stop(self, task_id: str) -> None:
        with self.lock:
            job = self._job(task_id)
            job.update(status="STOPPED", userAction="STOP", stoppedStatusReason="USER_ACTION")

    # -- the service's work

    def _step(self, job: dict) -> None:
        job["lastUpdated"] = _now()
        if job["status"] == "ANALYSING":
            self._analyse(job)
            job["status"] = "PROCESSING" if job["userAction"] == "START" else "ANALYSIS_DONE"
            self._write_execution(job)
        elif job["status"] == "PROCESSING":
            self._process_some(job)

    def _analyse(self, job: dict) -> None:
        request = job["request"]
        url = request["output"]["delivery"]["s3"]["url"]
        outputs = [response["identifier"] for response in request["processRequest"]["output"]["responses"]]
        if self.tiles_override is not None and request["input"]["type"] == "tiling-grid":
            tiles = self.tiles_override
        elif request["input"]["type"] == "tiling-grid":
            grid = request["input"]
            bounds = request["processRequest"]["input"]["bounds"]
            tiles = [{"name": tile.name, "epsg": tile.epsg, "bounds": tile.buffered_bounds,
                      "width": tile.buffered_width, "height": tile.buffered_height}
                     for tile in tiles_for_area(bounds["geometry"], bounds["properties"]["crs"], grid["id"],
                                                grid["resolution"], grid.get("bufferX", 0), grid.get("bufferY", 0))]
        else:
            location = parse_s3_url(request["input"]["features"]["s3"]["url"])
            features = read_manifest(self.s3.get_object(location.bucket, location.key).data)
            tiles = [{"name": feature.identifier, "epsg": feature.epsg, "bounds": feature.geometry.bounds,
                      "width": feature.width, "height": feature.height} for feature in features]
        template = output_template(url).replace("<requestId>", job["id"])
        rows = []
        for tile in tiles:
            for output_id in outputs:
                path = template.replace("<tileName>", tile["name"]).replace("<outputId>", output_id) \
                    .replace("<format>", "tif")
                rows.append({"outputId": output_id, "identifier": tile["name"], "path": path,
                             "width": tile["width"], "height": tile["height"], "epsg": tile["epsg"],
                             "geometry": box(*tile["bounds"])})
        location = feature_manifest_location(url, job["id"])
        self.s3.put_object(location.bucket, location.key, manifest_gpkg(rows))
        self.tiles[job["id"]] = tiles
        self.done[job["id"]] = {tile["name"]: "PENDING" for tile in tiles}
        job["_rows"] = None
        self._rows = getattr(self, "_rows", {})
        self._rows[job["id"]] = rows

    def _process_some(self, job: dict) -> None:
        statuses = self.done[job["id"]]
        pending = [name for name, status in statuses.items() if status == "PENDING"]
        first_run = job["request"]["input"]["type"] == "tiling-grid"
        chunk = pending[:self.tiles_per_step]
        rows_by_tile: Dict[str, List[dict]] = {}
        for row in self._rows[job["id"]]:
            rows_by_tile.setdefault(row["identifier"], []).append(row)
        for name in chunk:
            if first_run and name in self.fail_tiles:
                statuses[name] = "FATAL"
                continue
            statuses[name] = "DONE"
            if self.write_rasters:
                for row in rows_by_tile[name]:
                    location = parse_s3_url(row["path"])
                    bands, data_type, value = (1, gdal.GDT_UInt16, 17000) if row["outputId"] == "NDVI" \
                        else (1, gdal.GDT_Byte, 1)
                    self.s3.put_object(location.bucket, location.key,
                                       small_geotiff(row["epsg"], row["geometry"].bounds, bands, data_type, value))
        finished = sum(1 for status in statuses.values() if status != "PENDING")
        job["completionPercentage"] = round(100 * finished / max(1, len(statuses)))
        job["costPU"] = round(finished * 1.5, 1)
        self._write_execution(job)
        if finished == len(statuses):
            job["status"] = "DONE"

    def _write_execution(self, job: dict) -> None:
        url = job["request"]["output"]["delivery"]["s3"]["url"]
        location = execution_db_location(url, job["id"])
        self.s3.put_object(location.bucket, location.key, execution_sqlite(self.done[job["id"]]))


class FakeConnection:
    def __init__(self, service: FakeBatchService, bucket) -> None:
        self.service = service
        self.bucket = bucket
        self.deployment = custom_deployment("http://127.0.0.1:9", "http://127.0.0.1:9/oauth/token")
        self.client_id = "client-id-for-tests"
        self.s3 = S3Access(bucket.access_key, bucket.secret_key, bucket.endpoint_url, bucket.region)

    def batch_client(self, **options):
        return self.service

    def s3_client(self):
        return self.bucket.client()


def tutorial_request(bucket, sub_area: bool = True, description: str = "California NDVI July 2020") -> dict:
    data = json.loads((EVALSCRIPT.parent / "california_crop_fields.geojson").read_text())
    name = "Test sub-area" if sub_area else "Entire area"
    geometry = next(feature["geometry"] for feature in data["features"] if feature["properties"]["name"] == name)
    return {
        "processRequest": {
            "input": {"bounds": {"geometry": geometry,
                                 "properties": {"crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
                      "data": [{"type": "sentinel-2-l1c", "dataFilter": {"timeRange": {
                          "from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}}}]},
            "output": {"responses": [{"identifier": "NDVI", "format": {"type": "image/tiff"}},
                                     {"identifier": "data_mask", "format": {"type": "image/tiff"}}]},
            "evalscript": EVALSCRIPT.read_text(),
        },
        "input": {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50},
        "output": {"type": "raster", "delivery": {"s3": {"url": bucket.url("results"),
                                                         "accessKey": bucket.access_key,
                                                         "secretAccessKey": bucket.secret_key}}},
        "description": description,
    }


@pytest.fixture
def dock_setup(s3_bucket, qgis_iface, qgis_new_project, qtbot):
    created = []

    def make(**service_options):
        service = FakeBatchService(s3_bucket.client(), **service_options)
        connection = FakeConnection(service, s3_bucket)
        monitor = JobMonitor(QUICK)
        monitor.start()
        dock = JobsDock(qgis_iface, monitor, QgsProject.instance(), connection_factory=lambda key: connection)
        dock.confirm = lambda title, question: True
        qtbot.addWidget(dock)
        created.append((dock, monitor))
        notes: List[str] = []
        dock.notification.connect(lambda text, level: notes.append(text))
        return service, dock, monitor, notes

    yield make
    for dock, monitor in created:
        assert monitor.shutdown(5000)
        dock.shutdown()


def _tile_layer(dock, task_id):
    view = dock.views[task_id]
    assert view.tile_layer is not None
    return view.tile_layer


def test_job_is_tracked_tiles_change_colour_and_results_load_as_rasters(dock_setup, s3_bucket, qtbot):
    service, dock, _monitor, _notes = dock_setup(tiles_per_step=1)
    task = service.create(tutorial_request(s3_bucket))
    dock.add_task(task)
    assert dock.current_id == task.id and dock.table.rowCount() == 1
    assert "secretAccessKey" in dock.request_view.toPlainText()
    assert s3_bucket.secret_key not in dock.request_view.toPlainText()

    # Show tiles before analysis: the local grid.
    dock.show_tiles()
    qtbot.waitUntil(lambda: dock.views[task.id].tile_layer is not None, timeout=10000)
    local_names = set(_tile_layer(dock, task.id).tile_names)
    assert len(local_names) >= 2

    seen_statuses = []
    layer = _tile_layer(dock, task.id).layer
    layer.repaintRequested.connect(lambda *args: seen_statuses.append(set(_tile_layer(dock, task.id).statuses().values())))

    with qtbot.waitSignal(dock.notification, timeout=20000, check_params_cb=lambda text, level: "finished" in text):
        dock.start()
    tiles = _tile_layer(dock, task.id)
    assert tiles.layer is layer  # updated in place, never re-created
    assert set(tiles.tile_names) == local_names  # the manifest has the same tiles as the local grid
    assert set(tiles.statuses().values()) == {"DONE"}
    assert {"PENDING", "DONE"} in seen_statuses  # the map showed the job half done on the way
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    assert dock.current_task().status.value == "DONE"
    assert dock.progress_bar.value() == 100
    assert dock.results_button.isEnabled()

    with qtbot.waitSignal(dock.results_loaded, timeout=30000) as blocker:
        dock.load_results()
    _task_id, layer_ids = blocker.args
    layers = [QgsProject.instance().mapLayer(layer_id) for layer_id in layer_ids]
    assert sorted(layer.name() for layer in layers) == ["NDVI", "data_mask"]
    assert all(isinstance(layer, QgsRasterLayer) and layer.isValid() for layer in layers)
    group = QgsProject.instance().layerTreeRoot().findGroup(dock.views[task.id].result_group)
    assert group is not None and len(group.findLayers()) == 2
    ndvi = next(layer for layer in layers if layer.name() == "NDVI")
    value, ok = ndvi.dataProvider().sample(ndvi.extent().center(), 1)
    assert ok and value == 17000

    records = read_tracked_jobs(QgsProject.instance())
    assert [(record.task_id, record.tile_layer_id) for record in records] == [(task.id, layer.id())]
    assert records[0].result_group == group.name()


def test_stop_flow(dock_setup, s3_bucket, qtbot):
    service, dock, _monitor, notes = dock_setup(tiles_per_step=1)
    task = service.create(tutorial_request(s3_bucket, sub_area=False))
    dock.add_task(task)
    dock.start()
    qtbot.waitUntil(lambda: dock.current_task().status.value == "PROCESSING"
                    and dock.current_task().completion_percentage > 0, timeout=20000)
    assert dock.stop_button.isEnabled()
    with qtbot.waitSignal(dock.notification, timeout=20000, check_params_cb=lambda text, level: "stopped" in text):
        dock.stop()
    assert "it was stopped on request" in notes[-1]
    assert dock.current_task().status.value == "STOPPED"
    assert dock.start_button.isEnabled() and not dock.stop_button.isEnabled()
    statuses = _tile_layer(dock, task.id).statuses().values()
    assert "PENDING" in statuses and "DONE" in statuses


def test_retry_failed_tiles_reruns_only_those_and_the_layer_ends_done(dock_setup, s3_bucket, qtbot):
    service, dock, _monitor, _notes = dock_setup(tiles_per_step=3)
    request = tutorial_request(s3_bucket, sub_area=False)
    all_names = [tile.name for tile in tiles_for_area(request["processRequest"]["input"]["bounds"]["geometry"],
                                                      4326, 1, 10, 50, 50)]
    service.fail_tiles = set(all_names[1:3])
    task = service.create(request)
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=20000, check_params_cb=lambda text, level: "finished" in text):
        dock.start()
    tiles = _tile_layer(dock, task.id)
    assert sorted(name for name, status in tiles.statuses().items() if status == "FAILED") == sorted(all_names[1:3])
    assert dock.retry_button.isEnabled()

    with qtbot.waitSignal(dock.notification, timeout=30000,
                          check_params_cb=lambda text, level: text.startswith("Re-run") and "finished" in text):
        dock.retry_failed_tiles()
    rerun_body = service.created_bodies[-1]
    assert rerun_body["input"]["type"] == "geopackage"
    assert rerun_body["output"]["overwrite"] is True
    rerun_id = next(job_id for job_id in service.jobs if job_id != task.id)
    assert sorted(service.done[rerun_id]) == sorted(all_names[1:3])  # only the failed tiles were re-run
    assert set(tiles.statuses().values()) == {"DONE"}
    assert tiles.layer.featureCount() == len(all_names)


def test_reopened_project_reattaches_tracked_jobs(dock_setup, s3_bucket, qtbot, tmp_path):
    service, dock, monitor, _notes = dock_setup(tiles_per_step=50)
    task = service.create(tutorial_request(s3_bucket))
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=20000, check_params_cb=lambda text, level: "finished" in text):
        dock.start()
    layer_id = _tile_layer(dock, task.id).layer.id()
    project = QgsProject.instance()
    path = str(tmp_path / "jobs.qgz")
    assert project.write(path)
    project.clear()
    assert dock.views == {} and monitor.tracked() == []

    with qtbot.waitSignal(monitor.worker.tiles_updated, timeout=20000):
        assert project.read(path)
    assert task.id in dock.views
    tiles = _tile_layer(dock, task.id)
    assert tiles.layer.id() == layer_id
    qtbot.waitUntil(lambda: len(tiles) > 0 and set(tiles.statuses().values()) == {"DONE"}, timeout=20000)


def test_listing_search_paging_latest_open_by_id_description_and_api_call(dock_setup, s3_bucket, qtbot,
                                                                           monkeypatch):
    service, dock, _monitor, notes = dock_setup()
    import sentinelhub_batch.plugin.gui.jobs_dock as jobs_dock_module

    monkeypatch.setattr(jobs_dock_module, "PAGE_SIZE", 2)
    ids = [service.create(tutorial_request(s3_bucket, description=f"job {index}")).id for index in range(3)]
    for index, task_id in enumerate(ids):
        service.jobs[task_id]["created"] = f"2024-01-0{index + 1}T00:00:00Z"
    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.refresh()
    assert dock.table.rowCount() == 2 and dock.more_button.isEnabled()
    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.load_more()
    assert dock.table.rowCount() == 3 and not dock.more_button.isEnabled()

    dock.search_edit.setText("job 1")
    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.refresh()
    assert dock.table.rowCount() == 1

    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.open_latest()
    assert dock.current_id == ids[2]
    dock.id_edit.setText(ids[0])
    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.open_button.click()
    assert dock.current_id == ids[0]

    dock.description_edit.setText("renamed")
    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.save_description()
    assert service.jobs[ids[0]]["description"] == "renamed"
    assert dock.current_task().description == "renamed"

    text = dock.copy_api_call()
    assert "/api/v2/batch/process" in text and ids[0] in text and "\"description\": \"job 0\"" in text
    assert s3_bucket.secret_key not in text and "<CLIENT_SECRET>" in text

    with qtbot.waitSignal(dock.calls.idle, timeout=5000):
        dock.open_task("does-not-exist")
    assert "not found" in notes[-1]


def synthetic_tiles(count: int) -> List[dict]:
    """``count`` 1 km tiles in UTM 11N (for jobs too big to compute from a real area quickly)."""
    return [{"name": f"T{index:05d}", "epsg": 32611, "width": 100, "height": 100,
             "bounds": (500000 + (index % 100) * 1000, 4000000 + (index // 100) * 1000,
                        501000 + (index % 100) * 1000, 4001000 + (index // 100) * 1000)}
            for index in range(count)]


def test_ten_thousand_tile_job_reaches_done_and_every_final_status_reaches_the_layer(dock_setup, s3_bucket, qtbot):
    tiles = synthetic_tiles(10_000)
    failing = {tile["name"] for tile in tiles[::97]}
    service, dock, _, _ = dock_setup(tiles_per_step=3000, write_rasters=False, tiles_override=tiles,
                                     fail_tiles=failing)
    task = service.create(tutorial_request(s3_bucket))
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=120000, check_params_cb=lambda text, level: "finished" in text):
        dock.start()
    layer = _tile_layer(dock, task.id)
    assert len(layer) == 10_000 and layer.layer.featureCount() == 10_000
    by_name = {feature["name"]: feature["status"] for feature in layer.layer.getFeatures()}
    assert by_name == {tile["name"]: "FAILED" if tile["name"] in failing else "DONE" for tile in tiles}


def test_plugin_unload_stops_and_joins_the_monitor(qgis_iface, qgis_new_project):
    from sentinelhub_batch.plugin.gui.plugin import SentinelHubBatchPlugin

    plugin = SentinelHubBatchPlugin(qgis_iface)
    plugin.initGui()
    monitor = plugin.monitor
    assert monitor is not None and monitor.running and plugin.jobs_dock is not None
    plugin.unload()
    assert not monitor.running and plugin.jobs_dock is None
