"""What the Jobs dock tells at a glance: the list in the order it says, a job's state as soon as the other dock
changed it, a finished job's failed tiles, and a bucket it cannot read — until the S3 settings are fixed."""

from __future__ import annotations

import copy
from typing import List

import pytest
from qgis.core import QgsProject
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import SentinelHubBatchError
from sentinelhub_batch.plugin.core.jobs import PollPolicy
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.core.storage import TileStatus
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.gui.jobs_dock import ID_COLUMN, JobsDock
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin
from sentinelhub_batch.plugin.services.connection import Connection, S3Access
from sentinelhub_batch.plugin.services.layers import records_from_tiles
from shapely.geometry import box

QUICK = PollPolicy(analysing=0.05, waiting_for_user=0.1, processing_min=0.05, processing_max=0.2)
WAIT_MS = 30000


def no_connection(key: str):
    raise SentinelHubBatchError("No connection in this test.")


def task(task_id: str, created: str, status: str = "CREATED", **fields) -> BatchTask:
    return BatchTask({"id": task_id, "status": status, "created": created, "request": {}, **fields})


def listed_ids(dock: JobsDock) -> List[str]:
    return [dock.table.item(row, ID_COLUMN).text() for row in range(dock.table.rowCount())]


@pytest.fixture
def dock(qgis_iface, qgis_new_project, qtbot):
    dock = JobsDock(qgis_iface, None, QgsProject.instance(), connection_factory=no_connection)
    qtbot.addWidget(dock)
    yield dock
    dock.shutdown()


def test_newest_first_holds_for_jobs_added_and_changed_later(dock):
    assert dock.sort_combo.currentText() == "Newest first"
    # Jobs arrive in any order (a listing, a job created here, the monitor's reports after reopening a project).
    for task_id, created in (("b", "2026-03-02T10:00:00Z"), ("a", "2026-03-01T10:00:00Z"),
                             ("d", "2026-03-02T10:00:30Z"), ("c", "2026-03-02T10:00:05Z")):
        dock._put_task(task(task_id, created))
    assert listed_ids(dock) == ["d", "c", "b", "a"], "to the second, though the column shows minutes"
    dock._put_task(task("a", "2026-03-01T10:00:00Z", "PROCESSING", completionPercentage=40))
    assert listed_ids(dock) == ["d", "c", "b", "a"], "a changed job keeps its place"

    dock.sort_combo.setCurrentIndex(dock.sort_combo.findText("Oldest first"))
    assert listed_ids(dock) == ["a", "b", "c", "d"]
    dock._put_task(task("e", "2026-03-03T00:00:00Z"))
    assert listed_ids(dock)[-1] == "e"


def test_a_finished_job_with_failed_tiles_says_so(dock):
    tiles = tiles_for_area(box(-119.3, 36.0, -119.1, 36.1), "EPSG:4326", 1, 20, 0, 0)
    names = [tile.name for tile in tiles]
    dock._put_task(task("job-1", "2026-03-01T10:00:00Z", "PROCESSING"))
    dock.select_task("job-1")
    dock.track("job-1")
    for _ in dock._tiles_loaded_steps("job-1", records_from_tiles(tiles)):
        pass
    statuses = dict.fromkeys(names, TileStatus.DONE)
    statuses[names[0]] = TileStatus.FAILED
    for _ in dock._tiles_updated_steps("job-1", statuses):
        pass
    dock._apply_task_update("job-1", task("job-1", "2026-03-01T10:00:00Z", "DONE", completionPercentage=100))

    assert dock.table.item(0, 0).text() == "DONE, 1 tile(s) failed"
    assert f"1 of {len(names)} tiles failed" in dock.status_label.text()
    assert "Retry failed tiles" in dock.status_label.text() and dock.retry_button.isEnabled()


def test_the_jobs_dock_shows_an_analysis_of_the_new_job_dock_at_once(qgis_iface, qgis_new_project, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    plugin = SentinelHubBatchPlugin(qgis_iface)
    plugin.initGui()
    try:
        jobs = plugin.jobs_dock
        jobs._put_task(task("job-2", "2026-03-01T10:00:00Z", "CREATED"))
        jobs.select_task("job-2")
        plugin.new_job_dock._set_current_task(task("job-2", "2026-03-01T10:00:00Z", "ANALYSIS_DONE"))
        assert jobs.table.item(0, 0).text() == "ANALYSIS_DONE", "not at the monitor's next poll, 30 s later"
        assert jobs.status_label.text() == "ANALYSIS_DONE" and jobs.start_button.isEnabled()
    finally:
        plugin.unload()


def test_an_unreadable_bucket_stays_shown_until_the_settings_are_fixed(local_stack, batch_client, qgis_iface,
                                                                      qgis_new_project, qtbot):
    from emulator.testing import CRS84, tutorial_area, tutorial_evalscript

    local_stack.config.update({"render_step": 16, "execution_upload_interval": 0.1, "tile_seconds": 0.3,
                               "max_concurrent_tiles": 1})
    deployment = custom_deployment(local_stack.base_url, local_stack.token_url)
    right_s3 = S3Access(local_stack.s3_access_key, local_stack.s3_secret_key, local_stack.s3_endpoint,
                        local_stack.s3_region)
    down_s3 = S3Access(local_stack.s3_access_key, local_stack.s3_secret_key, "http://127.0.0.1:9",
                       local_stack.s3_region)
    settings = {"s3": down_s3}
    monitor = JobMonitor(QUICK)
    monitor.start()
    dock = JobsDock(qgis_iface, monitor, QgsProject.instance(), connection_factory=lambda key: Connection(
        deployment, local_stack.client_id, local_stack.client_secret, settings["s3"]))
    qtbot.addWidget(dock)
    try:
        created = batch_client.create({
            "processRequest": {
                "input": {"bounds": {"geometry": tutorial_area("Test sub-area"), "properties": {"crs": CRS84}},
                          "data": [{"type": "sentinel-2-l1c", "dataFilter": {"timeRange": {
                              "from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}}}]},
                "output": {"responses": [{"identifier": "NDVI", "format": {"type": "image/tiff"}},
                                         {"identifier": "data_mask", "format": {"type": "image/tiff"}}]},
                "evalscript": tutorial_evalscript()},
            "input": {"type": "tiling-grid", "id": 1, "resolution": 20, "bufferX": 0, "bufferY": 0},
            "output": {"type": "raster", "delivery": {"s3": local_stack.delivery("bucket-down")}},
        })
        batch_client.start(created.id)
        dock.add_task(created)
        qtbot.waitUntil(lambda: dock.views[created.id].storage_problem != "", timeout=WAIT_MS)
        assert "cannot be read from the bucket" in dock.tiles_label.text()
        assert dock.messages.shown(f"storage {created.id}")
        qtbot.wait(1000)  # later polls fail the same way: the state stays (it does not flash by)
        assert "cannot be read from the bucket" in dock.tiles_label.text()
        assert dock.messages.shown(f"storage {created.id}")

        settings["s3"] = right_s3  # the user fixes the S3 endpoint in the connection settings
        dock.reset_connection()
        qtbot.waitUntil(lambda: dock.views[created.id].storage_problem == "" and
                        dock.views[created.id].tile_layer is not None, timeout=WAIT_MS)
        assert not dock.messages.shown(f"storage {created.id}")
        qtbot.waitUntil(lambda: "tiles:" in dock.tiles_label.text(), timeout=WAIT_MS)
        assert "cannot be read" not in dock.tiles_label.text()
    finally:
        assert monitor.shutdown(5000)
        dock.shutdown()


def test_the_request_is_laid_out_again_only_when_it_changed(dock):
    ring = [[index * 0.001, (index % 7) * 0.001] for index in range(2000)] + [[0.0, 0.0]]
    raw = {"id": "0f0f0f0f-0000-0000-0000-000000000000", "status": "PROCESSING", "tileCount": 10,
           "request": {"processRequest": {"input": {"bounds": {"geometry": {"type": "Polygon",
                                                                            "coordinates": [ring]}}}}}}
    laid_out = []
    original = dock.request_view.setPlainText
    dock.request_view.setPlainText = lambda text: (laid_out.append(text), original(text))
    first = BatchTask(copy.deepcopy(raw))
    dock._put_task(first)
    dock.select_task(first.id)
    assert len(laid_out) == 1
    update = BatchTask(copy.deepcopy(dict(raw, status="DONE")))  # the same request, a new object
    dock._put_task(update)
    assert len(laid_out) == 1 and dock.tasks[first.id] is update and "DONE" in dock.status_label.text()
    changed = copy.deepcopy(raw)
    changed["request"]["description"] = "renamed"
    dock._put_task(BatchTask(changed))
    assert len(laid_out) == 2 and "renamed" in dock.request_view.toPlainText()
    del dock.request_view.setPlainText
