"""The jobs dock driven with pytest-qt against the local stack (the Sentinel Hub emulator and a moto S3 server).

Track a job → its tiles change colour in the layer → DONE → results load as raster layers in a group; stop;
retry failed tiles; a 10 000-tile job whose every final tile status reaches the layer. Everything the plugin does
here goes over HTTP to the emulator and S3, as it would against the real service.
"""

from __future__ import annotations

from typing import Dict, List

import pytest
from emulator.testing import CRS84, tutorial_area, tutorial_evalscript
from qgis.core import QgsProject, QgsRasterLayer, QgsSingleBandPseudoColorRenderer
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.jobs import PollPolicy
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from sentinelhub_batch.plugin.services.compat import renderer_band
from sentinelhub_batch.plugin.services.connection import Connection, S3Access
from sentinelhub_batch.plugin.services.project_jobs import read_tracked_jobs

QUICK = PollPolicy(analysing=0.05, waiting_for_user=0.1, processing_min=0.05, processing_max=0.2)
QUICK_STACK = {"render_step": 16, "execution_upload_interval": 0.1, "max_concurrent_tiles": 2}
BIG_AREA = {"type": "Polygon", "coordinates": [[[-121, 34], [-110, 34], [-110, 44], [-121, 44], [-121, 34]]]}
"""About 11 000 tiles of grid 1 at 20 m."""
EXECUTION_TO_LAYER = {"DONE": "DONE", "FATAL": "FAILED", "PENDING": "PENDING"}


def stack_connection(stack, token_url=None, spending_limit_pu=10_000.0) -> Connection:
    return Connection(custom_deployment(stack.base_url, token_url or stack.token_url), stack.client_id,
                      stack.client_secret,
                      S3Access(stack.s3_access_key, stack.s3_secret_key, stack.s3_endpoint, stack.s3_region),
                      spending_limit_pu=spending_limit_pu)


def tutorial_request(stack, area: str = "Test sub-area", description: str = "California NDVI July 2020",
                     geometry=None, folder: str = "dock") -> dict:
    """The tutorial job (its evalscript, NDVI and data_mask) at 20 m, so the emulator renders it quickly."""
    return {
        "processRequest": {
            "input": {"bounds": {"geometry": geometry or tutorial_area(area), "properties": {"crs": CRS84}},
                      "data": [{"type": "sentinel-2-l1c", "dataFilter": {"timeRange": {
                          "from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}}}]},
            "output": {"responses": [{"identifier": "NDVI", "format": {"type": "image/tiff"}},
                                     {"identifier": "data_mask", "format": {"type": "image/tiff"}}]},
            "evalscript": tutorial_evalscript(),
        },
        "input": {"type": "tiling-grid", "id": 1, "resolution": 20, "bufferX": 25, "bufferY": 25},
        "output": {"type": "raster", "delivery": {"s3": stack.delivery(folder)}},
        "description": description,
    }


def expected_layer_statuses(stack, task_id: str) -> Dict[str, str]:
    """What the tile layer must show once the job is finished: the emulator's own tile outcomes."""
    statuses = {}
    for tile in stack.service.requests[task_id].tiles:
        status = EXECUTION_TO_LAYER[tile.status]
        if status == "DONE" and (tile.error or "").lower().startswith("no data"):
            status = "NO_DATA"
        statuses[tile.name] = status
    return statuses


@pytest.fixture
def dock_setup(local_stack, batch_client, qgis_iface, qgis_new_project, qtbot):
    created = []
    local_stack.config.update(QUICK_STACK)

    def make(token_url=None, spending_limit_pu=10_000.0):
        connection = stack_connection(local_stack, token_url, spending_limit_pu)
        monitor = JobMonitor(QUICK)
        monitor.start()
        dock = JobsDock(qgis_iface, monitor, QgsProject.instance(), connection_factory=lambda key: connection)
        dock.confirm = lambda title, question: True
        dock.summaries = []
        # Confirms every start dialog with the limit it shows (the connection's), recording what it showed.
        dock.confirm_start = lambda summary: dock.summaries.append(summary) or summary.limit_pu
        qtbot.addWidget(dock)
        created.append((dock, monitor))
        notes: List[str] = []
        dock.notification.connect(lambda text, level: notes.append(text))
        return dock, monitor, notes

    yield make
    for dock, monitor in created:
        assert monitor.shutdown(5000)
        dock.shutdown()


def _tile_layer(dock, task_id):
    view = dock.views[task_id]
    assert view.tile_layer is not None
    return view.tile_layer


def _pending_label(dock, task_id) -> str:
    categories = _tile_layer(dock, task_id).layer.renderer().categories()
    return next(category.label() for category in categories if category.value() == "PENDING")


def _finished(text: str, level: int) -> bool:
    return "finished" in text


def test_job_is_tracked_tiles_change_colour_and_results_load_as_rasters(dock_setup, local_stack, batch_client,
                                                                        qtbot):
    local_stack.config.update({"tile_seconds": 0.2, "max_concurrent_tiles": 1})
    dock, _monitor, _notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack, area="Entire area"))
    dock.add_task(task)
    assert dock.current_id == task.id and dock.table.rowCount() == 1
    assert "secretAccessKey" in dock.request_view.toPlainText()
    assert local_stack.s3_secret_key not in dock.request_view.toPlainText()

    # Before the analysis, the tiles come from the local grid.
    dock.show_tiles()
    qtbot.waitUntil(lambda: dock.views[task.id].tile_layer is not None and len(dock.views[task.id].tile_layer) > 0,
                    timeout=10000)
    local_names = set(_tile_layer(dock, task.id).tile_names)
    assert len(local_names) == 8

    seen_statuses = []
    layer = _tile_layer(dock, task.id).layer
    layer.repaintRequested.connect(lambda *args: seen_statuses.append(set(_tile_layer(dock, task.id).statuses()
                                                                          .values())))
    with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=_finished):
        dock.start()
    tiles = _tile_layer(dock, task.id)
    assert tiles.layer is layer  # updated in place, never re-created
    assert set(tiles.tile_names) == local_names == {tile.name for tile in local_stack.service.requests[task.id].tiles}
    assert tiles.statuses() == expected_layer_statuses(local_stack, task.id)
    assert "DONE" in tiles.statuses().values()
    assert any("PENDING" in seen and "DONE" in seen for seen in seen_statuses)  # half done on the way
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    assert dock.current_task().status.value == "DONE"
    assert dock.progress_bar.value() == 100
    assert dock.results_button.isEnabled()

    with qtbot.waitSignal(dock.results_loaded, timeout=60000) as blocker:
        dock.load_results()
    _task_id, layer_ids = blocker.args
    layers = [QgsProject.instance().mapLayer(layer_id) for layer_id in layer_ids]
    assert sorted(layer.name() for layer in layers) == ["NDVI", "data_mask"]
    assert all(isinstance(layer, QgsRasterLayer) and layer.isValid() for layer in layers)
    group = QgsProject.instance().layerTreeRoot().findGroup(dock.views[task.id].result_group)
    assert group is not None and sorted(node.layer().id() for node in group.findLayers()) == sorted(layer_ids)
    assert [(node.layer().name(), node.itemVisibilityChecked()) for node in group.findLayers()] == [
        ("NDVI", True), ("data_mask", False)]  # the opaque mask neither covers NDVI nor shows unasked
    ndvi = next(layer for layer in layers if layer.name() == "NDVI")
    assert ndvi.bandCount() == 5  # one band per date of the tutorial's interpolation
    value, ok = ndvi.dataProvider().sample(ndvi.extent().center(), 1)
    assert ok and 0 < value <= 20000  # ndvi * 10000 + 10000
    assert isinstance(ndvi.renderer(), QgsSingleBandPseudoColorRenderer) and renderer_band(ndvi.renderer()) == 1

    records = read_tracked_jobs(QgsProject.instance())
    assert [(record.task_id, record.tile_layer_id) for record in records] == [(task.id, layer.id())]
    assert records[0].result_group == group.name()


def test_stop_flow(dock_setup, local_stack, batch_client, qtbot):
    local_stack.config.update({"tile_seconds": 0.4, "max_concurrent_tiles": 1, "write_rasters": False})
    dock, _monitor, notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack, area="Entire area"))
    dock.add_task(task)
    dock.start()
    qtbot.waitUntil(lambda: dock.current_task().status.value == "PROCESSING"
                    and "DONE" in _tile_layer(dock, task.id).statuses().values(), timeout=30000)
    assert dock.stop_button.isEnabled()
    assert _pending_label(dock, task.id) == "To do (processing)"  # the tiles still to do of a running job
    with qtbot.waitSignal(dock.notification, timeout=30000, check_params_cb=lambda text, level: "stopped" in text):
        dock.stop()
    assert _pending_label(dock, task.id) == "Waiting"
    assert "stopped" in notes[-1] and "request" in notes[-1]
    assert batch_client.get(task.id).status.value == "STOPPED"
    assert dock.current_task().status.value == "STOPPED"
    assert dock.start_button.isEnabled() and not dock.stop_button.isEnabled()
    statuses = _tile_layer(dock, task.id).statuses().values()
    assert "PENDING" in statuses and "DONE" in statuses


def test_retry_failed_tiles_reruns_only_those_and_the_layer_ends_done(dock_setup, local_stack, batch_client, qtbot):
    dock, _monitor, _notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack, area="Entire area"))
    planned = sorted(tile.name for tile in _local_tiles(task))
    failing = planned[1:3]
    local_stack.faults.failing_tiles[:] = failing
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=_finished):
        dock.start()
    tiles = _tile_layer(dock, task.id)
    assert sorted(name for name, status in tiles.statuses().items() if status == "FAILED") == failing
    assert dock.retry_button.isEnabled()

    local_stack.faults.failing_tiles.clear()  # the trouble has passed
    with qtbot.waitSignal(dock.notification, timeout=60000,
                          check_params_cb=lambda text, level: text.startswith("Re-run") and "finished" in text):
        dock.retry_failed_tiles()
    rerun_id = next(task_id for task_id, view in dock.views.items() if view.parent_task_id == task.id)
    rerun = local_stack.service.requests[rerun_id]
    assert rerun.body["input"]["type"] == "geopackage"
    assert rerun.body["output"]["overwrite"] is True
    assert sorted(tile.name for tile in rerun.tiles) == failing  # only the failed tiles were re-run
    qtbot.waitUntil(lambda: not dock.busy, timeout=10000)
    assert "FAILED" not in tiles.statuses().values() and "PENDING" not in tiles.statuses().values()
    assert {tiles.statuses()[name] for name in failing} <= {"DONE", "NO_DATA"}
    assert tiles.layer.featureCount() == len(planned)


def _local_tiles(task):
    from sentinelhub_batch.plugin.core.tiles import tiles_for_area

    grid = task.request["input"]
    return tiles_for_area(task.request["processRequest"]["input"]["bounds"]["geometry"], 4326, grid["id"],
                          grid["resolution"], grid["bufferX"], grid["bufferY"])


def test_reopened_project_reattaches_tracked_jobs(dock_setup, local_stack, batch_client, qtbot, tmp_path):
    dock, monitor, _notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack))
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=_finished):
        dock.start()
    layer_id = _tile_layer(dock, task.id).layer.id()
    expected = expected_layer_statuses(local_stack, task.id)
    project = QgsProject.instance()
    path = str(tmp_path / "jobs.qgz")
    assert project.write(path)
    project.clear()
    assert dock.views == {} and monitor.tracked() == []

    with qtbot.waitSignal(monitor.worker.tiles_updated, timeout=30000):
        assert project.read(path)
    assert task.id in dock.views
    tiles = _tile_layer(dock, task.id)
    assert tiles.layer.id() == layer_id
    qtbot.waitUntil(lambda: tiles.statuses() == expected, timeout=20000)


def test_listing_search_paging_latest_open_by_id_description_and_api_call(dock_setup, local_stack, batch_client,
                                                                           qtbot, monkeypatch):
    # Paging through search results is CDSE's: sentinel-hub.com has no search parameter (the plugin filters locally).
    dock, _monitor, notes = dock_setup(local_stack.cdse_token_url)
    import sentinelhub_batch.plugin.gui.jobs_dock as jobs_dock_module

    monkeypatch.setattr(jobs_dock_module, "PAGE_SIZE", 2)
    marker = f"paging-{id(dock)}"
    ids = [batch_client.create(tutorial_request(local_stack, description=f"{marker} job {index}")).id
           for index in range(3)]
    dock.search_edit.setText(marker)
    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.refresh()
    assert dock.table.rowCount() == 2 and dock.more_button.isEnabled()
    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.load_more()
    assert dock.table.rowCount() == 3 and not dock.more_button.isEnabled()

    dock.search_edit.setText(f"{marker} job 1")
    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.refresh()
    assert dock.table.rowCount() == 1

    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.open_latest()
    assert dock.current_id == ids[2]
    dock.id_edit.setText(ids[0])
    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.open_button.click()
    assert dock.current_id == ids[0]

    dock.description_edit.setText("renamed")
    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.save_description()
    assert batch_client.get(ids[0]).description == "renamed"
    assert dock.current_task().description == "renamed"

    text = dock.copy_api_call()
    assert f"{local_stack.base_url}/api/v2/batch/process" in text and ids[0] in text
    assert local_stack.s3_secret_key not in text and local_stack.client_secret not in text
    assert "<CLIENT_SECRET>" in text

    with qtbot.waitSignal(dock.calls.idle, timeout=10000):
        dock.open_task("00000000-0000-4000-8000-000000000000")
    assert "not found" in notes[-1].lower()


def test_ten_thousand_tile_job_reaches_done_and_every_final_status_reaches_the_layer(dock_setup, local_stack,
                                                                                     batch_client, qtbot):
    local_stack.config.update({"write_rasters": False, "max_concurrent_tiles": 4, "execution_upload_interval": 0.5})
    local_stack.faults.reseed(5)
    local_stack.faults.tile_failure_rate = 0.3  # a tile fails when all its attempts do: about 3 %
    dock, _monitor, _notes = dock_setup(spending_limit_pu=1_000_000)  # its estimate is far above the default
    task = batch_client.create(tutorial_request(local_stack, geometry=BIG_AREA, description="10 000 tiles"))
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=240000, check_params_cb=_finished):
        dock.start()
    qtbot.waitUntil(lambda: not dock.busy, timeout=30000)
    expected = expected_layer_statuses(local_stack, task.id)
    assert len(expected) >= 10_000 and "FAILED" in expected.values() and "PENDING" not in expected.values()
    layer = _tile_layer(dock, task.id)
    assert len(layer) == len(expected) and layer.layer.featureCount() == len(expected)
    by_name = {feature["name"]: feature["status"] for feature in layer.layer.getFeatures()}
    assert by_name == expected


# ----------------------------------------------------------------------------------------------- safe by default


def test_start_shows_the_estimate_and_a_job_above_the_limit_is_not_started(dock_setup, local_stack, batch_client,
                                                                          qtbot):
    dock, _monitor, notes = dock_setup(spending_limit_pu=50)
    task = batch_client.create(tutorial_request(local_stack))
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=30000, check_params_cb=lambda text, level: "Not started" in
                          text):
        dock.start()
    (summary,) = dock.summaries
    assert summary.task_id == task.id and summary.limit_pu == 50
    assert summary.estimate.tile_count == len(_local_tiles(task))
    assert summary.estimate.billed_pu == 100 and summary.estimate.charged_pu < 100
    assert f"{len(_local_tiles(task))} tile" in notes[-1] and "above the spending limit of 50.00 PU" in notes[-1]
    assert local_stack.service.requests[task.id].status == "CREATED"

    dock.confirm_start = lambda summary: dock.summaries.append(summary) or 150.0  # the user raised it for this run
    with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=_finished):
        dock.start()
    assert batch_client.get(task.id).status.value == "DONE"


def test_the_start_dialog_refuses_above_the_limit_until_it_is_raised(qtbot):
    from sentinelhub_batch.plugin.core.spending import SpendingEstimate
    from sentinelhub_batch.plugin.gui.start_dialog import StartDialog, StartSummary

    estimate = SpendingEstimate(tile_count=12_345, estimate_pu=90_000.0, charged_pu=30_000.0, billed_pu=30_000.0)
    dialog = StartDialog(StartSummary("job-1", estimate, limit_pu=10_000))
    qtbot.addWidget(dialog)
    assert dialog.tiles_value.text() == "12,345 tile(s)"
    assert dialog.estimate_value.text() == "90,000 PU before the batch discount"
    assert dialog.charged_value.text() == "30,000 PU charged" and dialog.billed_value.text() == "30,000 PU"
    assert dialog.limit_spin.value() == 10_000
    assert not dialog.start_button.isEnabled() and "raise the limit for this run" in dialog.limit_note_label.text()
    dialog.limit_spin.setValue(30_000)
    assert dialog.start_button.isEnabled() and dialog.limit_note_label.isHidden()
    assert dialog.limit_pu == 30_000

    unknown = StartDialog(StartSummary("job-2", None, "Analyse it first."))
    qtbot.addWidget(unknown)
    assert not unknown.start_button.isEnabled() and unknown.estimate_value.text() == "Analyse it first."


def test_stop_asks_first(dock_setup, local_stack, batch_client, qtbot):
    dock, _monitor, _notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack))
    dock.add_task(task)
    questions = []
    dock.confirm = lambda title, question: questions.append(question) or False
    dock.stop()
    assert questions and task.id in questions[0] and "charged" in questions[0]
    assert dock.calls.pending == 0 and local_stack.service.requests[task.id].status == "CREATED"


def test_retry_shows_the_cost_of_the_failed_tiles_and_respects_the_limit(dock_setup, local_stack, batch_client,
                                                                          qtbot):
    dock, _monitor, notes = dock_setup()
    task = batch_client.create(tutorial_request(local_stack, area="Entire area"))
    failing = sorted(tile.name for tile in _local_tiles(task))[:2]
    local_stack.faults.failing_tiles[:] = failing
    dock.add_task(task)
    with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=_finished):
        dock.start()
    local_stack.faults.failing_tiles.clear()
    jobs_before = set(local_stack.service.requests)
    dock.confirm_start = lambda summary: dock.summaries.append(summary) or 60.0  # below the 100 PU minimum bill
    with qtbot.waitSignal(dock.notification, timeout=30000, check_params_cb=lambda text, level: "Not started" in
                          text):
        dock.retry_failed_tiles()
    summary = dock.summaries[-1]
    assert summary.estimate.tile_count == 2 and "failed tile" in summary.question
    assert summary.start_text == "Re-run tiles" and summary.spent_pu == 0
    assert "2 tiles" in notes[-1]
    assert set(local_stack.service.requests) == jobs_before, "nothing was created"


def test_a_done_job_whose_files_cannot_be_read_shows_the_problem(dock_setup, local_stack, batch_client, qtbot):
    from sentinelhub_batch.plugin.core.storage import execution_db_location, feature_manifest_location

    task = batch_client.create(tutorial_request(local_stack, folder="unreadable"))
    batch_client.start(task.id)
    qtbot.waitUntil(lambda: batch_client.get(task.id).status.value == "DONE", timeout=60000)
    task = batch_client.get(task.id)
    for location in (feature_manifest_location(task.delivery_url, task.id),
                     execution_db_location(task.delivery_url, task.id)):
        local_stack.s3.access.client().delete_object(Bucket=location.bucket, Key=location.key)

    dock, monitor, _notes = dock_setup()
    with qtbot.waitSignal(monitor.worker.storage_problem, timeout=30000):
        dock.add_task(task)
    qtbot.waitUntil(lambda: "cannot be read" in dock.tiles_label.text(), timeout=10000)
    assert "featureManifest" in dock.tiles_label.text() and "waiting" not in dock.tiles_label.text()
    assert dock.table.item(0, 0).text() == "DONE — results unreadable"
    assert dock.messages.shown(f"storage {task.id}"), "a warning that stays until the bucket can be read"


def test_plugin_unload_stops_and_joins_the_monitor(qgis_iface, qgis_new_project):
    from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin

    plugin = SentinelHubBatchPlugin(qgis_iface)
    plugin.initGui()
    monitor = plugin.monitor
    assert monitor is not None and monitor.running and plugin.jobs_dock is not None
    plugin.unload()
    assert not monitor.running and plugin.jobs_dock is None


def test_the_request_view_summarises_a_countrys_coordinates_but_keeps_a_field(qgis_app):
    from sentinelhub_batch.plugin.gui.jobs_dock import SHOWN_POSITIONS, request_for_display

    ring = [[index * 0.001, (index % 7) * 0.001] for index in range(SHOWN_POSITIONS + 1)] + [[0.0, 0.0]]
    small = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    request = {"processRequest": {"input": {"bounds": {"geometry": {"type": "Polygon", "coordinates": [ring]}}}},
               "input": {"type": "geopackage", "features": {"geometry": {"type": "Polygon", "coordinates": small}}},
               "output": {"delivery": {"s3": {"url": "s3://b/f", "accessKey": "AK", "secretAccessKey": "SECRET"}}}}
    shown = request_for_display(request)
    assert shown["processRequest"]["input"]["bounds"]["geometry"]["coordinates"] == \
        f"{SHOWN_POSITIONS + 2:,} positions (Copy as curl gives them all)"
    assert shown["input"]["features"]["geometry"]["coordinates"] == small
    assert "SECRET" not in str(shown) and request["output"]["delivery"]["s3"]["secretAccessKey"] == "SECRET"

