"""The New job dock: live tile/cost preview, messages for bad layers, and Create → Start against a service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtWidgets import QDialog
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.gui import new_job_dock as new_job_dock_module
from sentinelhub_batch.plugin.gui.new_job_dock import NewJobDock
from sentinelhub_batch.plugin.gui.start_dialog import StartDialog
from sentinelhub_batch.plugin.services.preview import PREVIEW_LAYER_NAME, format_pu
from shapely import union_all
from shapely.geometry import shape

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
TUTORIAL_EVALSCRIPT = SHARED_DATA / "interpolation_evalscript.js"
WAIT_MS = 20000


@pytest.fixture
def no_connection(monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(new_job_dock_module, "connection_configured", lambda: (False, "No connection is set up."))


@pytest.fixture
def project(qgis_new_project):
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def add_layer(iface, layer):
    QgsProject.instance().addMapLayer(layer)
    iface.setActiveLayer(layer)
    return layer


def tutorial_layer(iface):
    layer = QgsVectorLayer(str(TUTORIAL_AREA), "california_crop_fields", "ogr")
    assert layer.isValid()
    return add_layer(iface, layer)


def memory_layer(iface, kind, wkts, name="layer"):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326", name, "memory")
    features = []
    for wkt in wkts:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return add_layer(iface, layer)


def make_dock(qgis_iface, qtbot, opened=True):
    """The dock; ``opened``: shown, as when the user opens it (before that it leaves the project alone)."""
    dock = NewJobDock(qgis_iface, preview_delay_ms=30)
    qtbot.addWidget(dock)
    if opened:
        dock.show()
    return dock


def wait_for_preview(dock, qtbot):
    """Wait until the preview shown is the one of the current inputs."""
    qtbot.waitUntil(lambda: not dock.preview.busy and dock.last_preview is not None
                    and dock.last_preview.inputs == dock.preview_inputs()
                    and not dock.tile_layer.filling, timeout=WAIT_MS)
    return dock.last_preview


def quick_look_raster(folder):
    """A raster marked as the plugin's quick look, as the quick look panel adds it."""
    from osgeo import gdal
    from sentinelhub_batch.plugin.gui.quicklook import TEMPORARY_LAYER_PROPERTY

    path = str(folder / "quick_look.tif")
    dataset = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 3)
    dataset.SetGeoTransform([-119.3, 0.01, 0, 36.1, 0, -0.01])
    dataset = None
    layer = QgsRasterLayer(path, "Quick look (true colour)", "gdal")
    layer.setCustomProperty(TEMPORARY_LAYER_PROPERTY, True)
    return layer


def bar_messages(bar, level=None):
    """What the message bar shows now ('title:text'), of one level or all."""
    return [f"{item.title()}:{item.text()}" for item in bar.items() if level is None or item.level() == level]


def preview_layers():
    return [layer for layer in QgsProject.instance().mapLayers().values() if layer.name() == PREVIEW_LAYER_NAME]


def expected_tiles(grid=1, resolution=10, buffer=50):
    features = [shape(feature["geometry"]) for feature in json.loads(TUTORIAL_AREA.read_text())["features"]]
    return tiles_for_area(union_all(features), 4326, grid, resolution, buffer, buffer)


def test_tutorial_inputs_give_the_tile_layer_and_cost(qgis_iface, qtbot, project, no_connection):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    assert dock.evalscript().strip() == TUTORIAL_EVALSCRIPT.read_text().strip(), "the tutorial script is the default"
    result = wait_for_preview(dock, qtbot)

    tiles = expected_tiles()
    assert len(tiles) == 8
    assert result.tile_count == 8
    assert [feature["tile"] for feature in preview_layers()[0].getFeatures()] == [tile.name for tile in tiles]
    layers = preview_layers()
    assert len(layers) == 1 and layers[0].featureCount() == 8
    assert sorted(feature["tile"] for feature in layers[0].getFeatures()) == sorted(tile.name for tile in tiles)
    assert dock.tiles_label.text().startswith("8 tile(s) of 1000 × 1000 px (1100 × 1100 px with the buffer)")

    cost = estimate_processing_units(tiles, read_evalscript(TUTORIAL_EVALSCRIPT.read_text()), "2020-07-01",
                                     "2020-07-30")
    text = dock.cost_label.text()
    assert f"{format_pu(cost.charged_pu)} PU charged" in text and f"estimate {format_pu(cost.estimate_pu)} PU" in text
    assert cost.charged_pu == pytest.approx(cost.estimate_pu / 3)
    assert "billed 100 PU" in text
    assert "samples" in dock.cost_label.toolTip() and "one third" in dock.cost_label.toolTip()
    outputs = [(spec.identifier, spec.format) for spec in dock.outputs()]
    assert outputs == [("NDVI", "image/tiff"), ("data_mask", "image/tiff")]
    dock.output_url_edit.setText("s3://bucket/folder")
    assert not dock.create_button.isEnabled() and "No connection" in dock.create_button.toolTip()

    # Edits recompute; the temporary layer is refilled in place, not piled up.
    layer_id = layers[0].id()
    dock.grid_combo.setCurrentIndex(dock.grid_combo.findData(0))
    wait_for_preview(dock, qtbot)
    dock.buffer_x_spin.setValue(0)
    dock.resolution_combo.setCurrentIndex(dock.resolution_combo.findData(20.0))
    result = wait_for_preview(dock, qtbot)
    assert result.tile_count == len(expected_tiles(0, 20, 0))
    assert result.tile_size.buffered_height == result.tile_size.height + 100
    layers = preview_layers()
    assert [layer.id() for layer in layers] == [layer_id]
    assert layers[0].featureCount() == result.tile_count

    dock.show_tiles_check.setChecked(False)
    assert preview_layers() == []
    dock.cleanup()


def test_a_country_is_previewed_and_priced_without_a_limit(qgis_iface, qtbot, project, no_connection):
    from sentinelhub_batch.plugin.core.tiles import count_tiles

    regions = json.loads((SHARED_DATA / "bench_regions.geojson").read_text())["features"]
    california = next(feature for feature in regions if feature["properties"]["name"] == "California")
    layer = memory_layer(qgis_iface, "Polygon", [shape(california["geometry"]).wkt], "California")
    assert layer.featureCount() == 1
    dock = make_dock(qgis_iface, qtbot)
    result = wait_for_preview(dock, qtbot)
    expected = sum(count.count for count in count_tiles(shape(california["geometry"]), 4326, 1, 10, 50, 50))
    assert expected > 4000 and result.tile_count == expected
    assert preview_layers()[0].featureCount() == expected and preview_layers()[0].isValid()
    assert f"{expected:,} tile(s)" in dock.tiles_label.text() and "PU charged" in dock.cost_label.text()
    dock.cleanup()


def test_an_area_beyond_the_drawing_limit_is_counted_and_priced_but_not_drawn(qgis_iface, qtbot, project,
                                                                              no_connection, monkeypatch):
    from sentinelhub_batch.plugin.services import preview as preview_module

    monkeypatch.setattr(preview_module, "PREVIEW_DRAW_LIMIT", 5)
    monkeypatch.setattr(new_job_dock_module, "PREVIEW_DRAW_LIMIT", 5)
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    result = wait_for_preview(dock, qtbot)
    assert result.tile_count == 8 and not result.drawn and result.cost.tile_count == 8
    assert "not drawn (more than 5)" in dock.tiles_label.text() and not preview_layers()
    dock.cleanup()


def test_new_inputs_cancel_the_preview_under_way(qgis_iface, qtbot, project, no_connection):
    regions = json.loads((SHARED_DATA / "bench_regions.geojson").read_text())["features"]
    country = next(feature for feature in regions if feature["properties"]["name"] != "California")
    memory_layer(qgis_iface, "Polygon", [shape(country["geometry"]).wkt], "country")
    dock = make_dock(qgis_iface, qtbot)
    qtbot.waitUntil(lambda: bool(dock.preview._tasks), timeout=WAIT_MS)
    running = dock.preview._tasks[0]
    tutorial_layer(qgis_iface)
    qgis_iface.currentLayerChanged.emit(qgis_iface.mapCanvas())
    qtbot.waitUntil(lambda: running.isCanceled(), timeout=5000)
    result = wait_for_preview(dock, qtbot)
    assert result.tile_count == 8
    dock.cleanup()


def test_a_preview_is_computed_once_for_the_same_inputs(qgis_iface, qtbot, project, no_connection):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    wait_for_preview(dock, qtbot)
    assert preview_layers() and dock.preview.generation == 1  # adding its own layer asked for no second one
    dock.schedule_preview()  # a widget re-emitting its value
    assert not dock.preview.busy and dock.preview.generation == 1
    dock.buffer_x_spin.setValue(dock.buffer_x_spin.value() + 10)
    assert wait_for_preview(dock, qtbot).inputs.buffer_x == dock.buffer_x_spin.value()
    assert dock.preview.generation == 2
    dock.cleanup()


def test_a_chosen_area_is_previewed_at_once_and_typing_waits_for_the_delay(qgis_iface, qtbot, project,
                                                                           no_connection):
    tutorial_layer(qgis_iface)
    dock = NewJobDock(qgis_iface, preview_delay_ms=600_000)
    qtbot.addWidget(dock)
    dock.show()
    shown = wait_for_preview(dock, qtbot)  # the area chosen as the dock opened is not waited for
    assert shown.tile_count == 8
    dock.buffer_x_spin.setValue(dock.buffer_x_spin.value() + 10)  # typed: more may follow
    qtbot.wait(300)
    assert dock.preview.busy and not dock.preview._tasks and dock.last_preview is shown
    dock.grid_combo.setCurrentIndex((dock.grid_combo.currentIndex() + 1) % dock.grid_combo.count())  # a choice
    assert wait_for_preview(dock, qtbot).inputs.buffer_x == dock.buffer_x_spin.value()
    dock.cleanup()


def test_rapid_edits_show_only_the_latest_inputs(qgis_iface, qtbot, project, no_connection):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    wait_for_preview(dock, qtbot)
    for value in range(0, 60, 5):
        dock.buffer_y_spin.setValue(value)
        dock.preview._start()  # force a computation per edit, as a slow debounce would let through
    result = wait_for_preview(dock, qtbot)
    assert result.inputs.buffer_y == 55
    assert result.tile_size.buffered_height == result.tile_size.height + 110
    assert dock.preview.discarded >= 1
    dock.cleanup()


def test_outputs_follow_the_evalscript_and_keep_chosen_formats(qgis_iface, qtbot, project, no_connection):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    wait_for_preview(dock, qtbot)
    dock.outputs_table.cellWidget(0, 3).setCurrentText("application/json")
    dock.set_evalscript(dock.evalscript() + "\n// edited\n")
    wait_for_preview(dock, qtbot)
    assert [(spec.identifier, spec.format) for spec in dock.outputs()] == [("NDVI", "application/json"),
                                                                          ("data_mask", "image/tiff")]
    dock.preset_combo.setCurrentIndex(dock.preset_combo.findData("ndvi"))
    dock.preset_combo.activated.emit(dock.preset_combo.currentIndex())
    wait_for_preview(dock, qtbot)
    assert [spec.identifier for spec in dock.outputs()] == ["ndvi", "data_mask"]
    dock.cleanup()


def test_a_broken_evalscript_is_reported_and_blocks_create(qgis_iface, qtbot, project, monkeypatch):
    monkeypatch.setattr(new_job_dock_module, "connection_configured", lambda: (True, ""))
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("s3://bucket/folder")
    wait_for_preview(dock, qtbot)
    assert dock.create_button.isEnabled()
    dock.set_evalscript("//VERSION=3\nfunction evaluatePixel(s) { return [s.B04]; }\n")
    result = wait_for_preview(dock, qtbot)
    assert result.evalscript_error and "setup" in result.evalscript_error
    assert dock.evalscript_label.text() == result.evalscript_error
    assert not dock.create_button.isEnabled()
    assert "setup" in dock.create_button.toolTip()
    dock.cleanup()


@pytest.mark.parametrize("case", ["no layer", "points", "empty", "collapsed", "quick look raster"])
def test_bad_layers_give_messages_not_tracebacks(qgis_iface, qtbot, project, no_connection, case, tmp_path):
    expected = {
        "no layer": "No polygon layer is chosen as the area",
        "points": "is a Point layer",
        "empty": "has no features",
        "collapsed": "cannot be used",
        "quick look raster": "'Quick look (true colour)' was added by Sentinel Hub Batch",
    }[case]
    if case == "quick look raster":  # the plugin's own raster is active: say what is needed, not "no layer"
        add_layer(qgis_iface, quick_look_raster(tmp_path))
    elif case == "points":
        memory_layer(qgis_iface, "Point", ["POINT(-119.2 36.0)"], "wells")
    elif case == "empty":
        memory_layer(qgis_iface, "Polygon", [], "empty fields")
    elif case == "collapsed":
        memory_layer(qgis_iface, "Polygon", ["POLYGON((-119 36, -118 37, -117 38, -119 36))"], "broken")
    else:
        qgis_iface._active_layer_id = None
    dock = make_dock(qgis_iface, qtbot)
    result = wait_for_preview(dock, qtbot)
    assert expected in dock.area_label.text()
    assert dock.job_area is None and result.tile_count is None
    assert expected in dock.tiles_label.text()
    assert not dock.create_button.isEnabled() and expected in dock.create_button.toolTip()
    layers = preview_layers()
    assert all(layer.featureCount() == 0 for layer in layers)
    dock.cleanup()


def test_an_invalid_polygon_is_repaired_and_the_user_is_told(qgis_iface, qtbot, project, no_connection):
    memory_layer(qgis_iface, "Polygon", ["POLYGON((-119.3 36.0, -119.1 36.1, -119.1 36.0, -119.3 36.1, -119.3 36.0))"],
                 "bowtie")
    dock = make_dock(qgis_iface, qtbot)
    result = wait_for_preview(dock, qtbot)
    assert "repaired" in dock.area_label.text()
    assert result.tile_count


def test_the_area_follows_the_active_layer_and_its_selection(qgis_iface, qtbot, project, no_connection):
    memory_layer(qgis_iface, "Point", ["POINT(-119.2 36.0)"], "wells")
    dock = make_dock(qgis_iface, qtbot)
    assert "Point layer" in dock.area_label.text()
    layer = tutorial_layer(qgis_iface)
    qgis_iface.currentLayerChanged.emit(qgis_iface.mapCanvas())
    assert dock.job_area is not None and dock.job_area.feature_count == 2
    dock.selected_only_check.setChecked(True)
    assert "No features of 'california_crop_fields' are selected" in dock.area_label.text()
    sub_area = [feature.id() for feature in layer.getFeatures() if feature["name"] == "Test sub-area"]
    layer.selectByIds(sub_area)
    assert dock.job_area is not None and dock.job_area.feature_count == 1
    result = wait_for_preview(dock, qtbot)
    assert result.tile_count == 2
    assert Qgis.MessageLevel.Critical not in [level for level, messages in
                                              qgis_iface.messageBar().messages.items() if messages]
    dock.cleanup()


class FakeBatchService:
    """The v2 endpoints the dock uses, with the real state machine's main path, on a scripted loopback server."""

    TASK_ID = "5d3b5a2e-8c1f-4f6e-9a1b-2c3d4e5f6a7b"

    def __init__(self, server):
        self.server = server
        self.task = None
        token_endpoint(server, client_id="dock-client", client_secret="dock-secret")
        server.route("POST", "/api/v2/batch/process", self.create)
        server.route("GET", f"/api/v2/batch/process/{self.TASK_ID}", lambda request: self.task)
        server.route("POST", f"/api/v2/batch/process/{self.TASK_ID}/analyse", lambda r: self.move("ANALYSIS_DONE"))
        server.route("POST", f"/api/v2/batch/process/{self.TASK_ID}/start", lambda r: self.move("PROCESSING"))

    def create(self, request):
        self.task = {"id": self.TASK_ID, "status": "CREATED", "userAction": "NONE", "request": request.json(),
                     "created": "2026-01-01T00:00:00Z"}
        return 201, {}, self.task

    def move(self, status):
        self.task = {**self.task, "status": status}
        return 204, {}, b""


@pytest.fixture
def fake_service(monkeypatch):
    server = ScriptedServer()
    service = FakeBatchService(server)
    monkeypatch.setenv("SH_CLIENT_ID", "dock-client")
    monkeypatch.setenv("SH_CLIENT_SECRET", "dock-secret")
    monkeypatch.setenv("SH_BASE_URL", server.url)
    monkeypatch.setenv("SH_TOKEN_URL", server.url + "/auth/realms/main/protocol/openid-connect/token")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIADOCKTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s3-dock-secret")
    monkeypatch.setenv("AWS_S3_ENDPOINT", server.url)  # answers 404 for the manifest: the request is estimated
    yield service
    server.stop()


def answer_confirmation(monkeypatch, answer=QDialog.DialogCode.Accepted):
    """The start dialogs shown (instead of waiting for a click), each answered with ``answer``."""
    asked = []

    def answer_at_once(dialog):
        asked.append(dialog)
        return answer

    monkeypatch.setattr(StartDialog, "exec", answer_at_once)
    return asked


def assert_shows_the_cost(dialog, tiles):
    assert dialog.tiles_value.text() == f"{tiles} tile(s)"
    assert "PU charged" in dialog.charged_value.text() and "before the batch discount" in dialog.estimate_value.text()
    assert dialog.billed_value.text() == "100 PU"
    assert dialog.limit_spin.value() == 10_000 and dialog.start_button.isEnabled()


def test_create_analyse_start_with_buttons_enabled_only_when_allowed(qgis_iface, qtbot, project, fake_service,
                                                                      monkeypatch):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("s3://my-bucket/california")
    dock.description_edit.setText("California NDVI July 2020")
    wait_for_preview(dock, qtbot)
    assert dock.create_button.isEnabled()
    assert not dock.analyse_button.isEnabled() and not dock.start_button.isEnabled()
    assert "Create a job first" in dock.start_button.toolTip()

    with qtbot.waitSignal(dock.job_created, timeout=WAIT_MS) as created:
        dock.create_button.click()
        assert not dock.create_button.isEnabled(), "buttons are off while the call runs"
    task = created.args[0]
    assert task.id == FakeBatchService.TASK_ID
    body = fake_service.server.calls("POST", "/api/v2/batch/process")[0].json()
    assert body["input"] == {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50}
    assert [r["identifier"] for r in body["processRequest"]["output"]["responses"]] == ["NDVI", "data_mask"]
    data = body["processRequest"]["input"]["data"][0]
    assert data["type"] == "sentinel-2-l1c"
    assert data["dataFilter"]["timeRange"] == {"from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}
    # The connection's S3 region goes with the keys, as create_job sends it.
    assert body["output"]["delivery"]["s3"] == {"url": "s3://my-bucket/california", "accessKey": "AKIADOCKTEST",
                                                "secretAccessKey": "s3-dock-secret", "region": "eu-central-1"}
    assert body["description"] == "California NDVI July 2020"
    assert dock.analyse_button.isEnabled() and dock.start_button.isEnabled()

    with qtbot.waitSignal(dock.job_updated, timeout=WAIT_MS, check_params_cb=lambda t: t.status.value ==
                          "ANALYSIS_DONE"):
        dock.analyse_button.click()
    assert not dock.analyse_button.isEnabled() and dock.start_button.isEnabled()

    asked = answer_confirmation(monkeypatch)
    with qtbot.waitSignal(dock.job_started, timeout=WAIT_MS) as started:
        dock.start_button.click()
    assert started.args == [FakeBatchService.TASK_ID]
    assert_shows_the_cost(asked[0], 8)
    assert dock.current_task.status.value == "PROCESSING"
    assert not dock.start_button.isEnabled() and not dock.analyse_button.isEnabled()
    shown = repr(bar_messages(qgis_iface.messageBar())) + dock.job_label.text()
    assert "s3-dock-secret" not in shown and "dock-secret" not in shown
    dock.cleanup()


def test_declining_the_confirmation_starts_nothing(qgis_iface, qtbot, project, fake_service, monkeypatch):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("s3://my-bucket/california")
    wait_for_preview(dock, qtbot)
    with qtbot.waitSignal(dock.job_created, timeout=WAIT_MS):
        dock.create_button.click()
    asked = answer_confirmation(monkeypatch, QDialog.DialogCode.Rejected)
    dock.start_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1 and dock.busy_action is None, timeout=WAIT_MS)
    assert not fake_service.server.calls("POST", f"/api/v2/batch/process/{FakeBatchService.TASK_ID}/start")
    assert dock.current_task.status.value == "CREATED"
    dock.cleanup()


def test_service_errors_reach_the_message_bar_in_plain_words(qgis_iface, qtbot, project, fake_service):
    fake_service.server.route("POST", "/api/v2/batch/process", lambda r: (400, {}, {"error": {
        "status": 400, "reason": "Bad Request", "message": "Collection sentinel-2-l1c is not available here",
        "code": "COMMON_BAD_PAYLOAD"}}))
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("s3://my-bucket/california")
    wait_for_preview(dock, qtbot)
    dock.create_button.click()
    bar = qgis_iface.messageBar()
    qtbot.waitUntil(lambda: bool(bar_messages(bar, Qgis.MessageLevel.Critical)), timeout=WAIT_MS)
    message = bar_messages(bar, Qgis.MessageLevel.Critical)[-1]
    assert "Creating the batch request failed" in message and "not available here" in message
    assert "Traceback" not in message
    assert dock.current_task is None and dock.create_button.isEnabled()
    dock.cleanup()


def test_a_bad_output_url_is_refused_before_sending(qgis_iface, qtbot, project, fake_service):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("https://not-s3/folder")
    wait_for_preview(dock, qtbot)
    dock.create_button.click()
    message = bar_messages(qgis_iface.messageBar(), Qgis.MessageLevel.Warning)[-1]
    assert "not an S3 URL" in message
    assert not fake_service.server.calls("POST", "/api/v2/batch/process")
    dock.cleanup()


def test_the_plugin_adds_the_dock_and_its_menu_entries_and_removes_them(qgis_iface, qtbot, project):
    import sentinelhub_batch
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    plugin = sentinelhub_batch.classFactory(qgis_iface)
    plugin.initGui()
    main_window = qgis_iface.mainWindow()
    assert len(main_window.findChildren(NewJobDock)) == 1
    assert [action.text() for action in plugin.menu_actions] == ["Sentinel Hub Batch", "Batch jobs", "Connection settings…"]
    plugin.jobs_dock._connections["default"] = object()  # a connection read before the settings changed
    plugin.new_job_dock.settings_saved.emit()
    assert plugin.jobs_dock._connections == {}
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert main_window.findChildren(NewJobDock) == []
    assert preview_layers() == []


def test_the_quick_look_gets_the_same_inputs_as_the_job(qgis_iface, qtbot, project, no_connection):
    pytest.importorskip("sentinelhub_batch.plugin.gui.quicklook")
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    assert dock.quick_look is not None
    inputs = dock.quick_look.get_inputs()
    assert inputs.area.equals(dock.job_area.geometry) and inputs.area_crs == "EPSG:4326"
    assert inputs.evalscript == dock.evalscript() and inputs.data_collection == "sentinel-2-l1c"
    assert (str(inputs.time_from), str(inputs.time_to)) == ("2020-07-01", "2020-07-30")
    assert inputs.max_cloud_coverage is None
    dock.cloud_spin.setValue(30)
    assert dock.quick_look.get_inputs().max_cloud_coverage == 30
    dock.cleanup()


@pytest.mark.e2e
def test_tutorial_job_end_to_end_against_the_local_stack(qgis_iface, qtbot, project, monkeypatch):
    """Tutorial area and script → preview → Create → Start (confirmed) → the emulator processes the job."""
    stack_module = pytest.importorskip("emulator.stack")
    from sentinelhub_batch.plugin.core.client import BatchClient
    from sentinelhub_batch.plugin.core.deployments import custom_deployment
    from sentinelhub_batch.plugin.core.models import TaskStatus

    with stack_module.LocalStack() as stack:
        for name, value in {"SH_CLIENT_ID": stack.client_id, "SH_CLIENT_SECRET": stack.client_secret,
                            "SH_BASE_URL": stack.base_url, "SH_TOKEN_URL": stack.token_url,
                            "AWS_ACCESS_KEY_ID": stack.s3_access_key, "AWS_SECRET_ACCESS_KEY": stack.s3_secret_key,
                            "AWS_S3_ENDPOINT": stack.s3_endpoint, "AWS_REGION": stack.s3_region}.items():
            monkeypatch.setenv(name, str(value))
        tutorial_layer(qgis_iface)
        dock = make_dock(qgis_iface, qtbot)
        dock.output_url_edit.setText(f"s3://{stack.bucket}/california")
        dock.description_edit.setText("California NDVI July 2020 (plugin test)")
        result = wait_for_preview(dock, qtbot)
        assert result.tile_count == 8 and preview_layers()[0].featureCount() == 8
        assert "PU charged" in dock.cost_label.text()

        with qtbot.waitSignal(dock.job_created, timeout=60000) as created:
            dock.create_button.click()
        task_id = created.args[0].id
        asked = answer_confirmation(monkeypatch)
        with qtbot.waitSignal(dock.job_started, timeout=60000):
            dock.start_button.click()
        assert_shows_the_cost(asked[0], 8)

        client = BatchClient(custom_deployment(stack.base_url, stack.token_url), stack.client_id,
                             stack.client_secret)
        remote = client.get(task_id)
        assert remote.description == "California NDVI July 2020 (plugin test)"
        assert remote.request["input"]["id"] == 1
        seen = set()

        def processing_or_done():
            status = client.get(task_id).status
            seen.add(status)
            return status in (TaskStatus.PROCESSING, TaskStatus.DONE)

        qtbot.waitUntil(processing_or_done, timeout=120000)
        assert TaskStatus.FAILED not in seen
        client.close()
        dock.cleanup()


def test_layers_the_plugin_adds_never_become_the_area(qgis_iface, qtbot, project, no_connection):
    """QGIS activates every layer added to the project; the preview's own tile layer must not replace the area."""
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    first = wait_for_preview(dock, qtbot)
    preview_layer = preview_layers()[0]
    qgis_iface.setActiveLayer(preview_layer)
    dock.refresh_area()
    assert dock.area_error is None and dock.job_area.layer_name == "california_crop_fields"
    again = wait_for_preview(dock, qtbot)
    assert (again.tile_count, again.cost.charged_pu) == (first.tile_count, first.cost.charged_pu)
    dock.cleanup()


def test_the_job_line_follows_the_monitor(qgis_iface, qtbot, project, no_connection):
    from sentinelhub_batch.plugin.core.models import BatchTask

    dock = make_dock(qgis_iface, qtbot)
    created = BatchTask({"id": "job-1", "status": "CREATED"})
    dock._set_current_task(created)
    dock.follow_update("other-job", BatchTask({"id": "other-job", "status": "DONE"}))
    assert "CREATED" in dock.job_label.text()
    dock.follow_update("job-1", BatchTask({"id": "job-1", "status": "PROCESSING", "costPU": 9.2}))
    assert "PROCESSING" in dock.job_label.text() and "9.2" in dock.job_label.text()
    dock.cleanup()


def test_the_area_combo_offers_the_polygon_layers_and_starts_at_the_active_one(qgis_iface, qtbot, project,
                                                                               no_connection):
    fields = memory_layer(qgis_iface, "Polygon", ["POLYGON((-119.3 36.0, -119.2 36.0, -119.2 36.1, -119.3 36.0))"],
                          "fields")
    wells = memory_layer(qgis_iface, "Point", ["POINT(-119.2 36.0)"], "wells")
    tutorial = tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    combo = dock.area_layer_combo
    wait_for_preview(dock, qtbot)
    assert preview_layers(), "the preview's own polygon layer is in the project"
    assert sorted(combo.itemText(row) for row in range(combo.count())) == ["california_crop_fields", "fields"]
    assert combo.currentLayer() is tutorial and dock.job_area.layer_name == "california_crop_fields"

    combo.setLayer(fields)
    assert dock.job_area.layer_name == "fields" and dock.job_area.feature_count == 1
    qgis_iface.setActiveLayer(wells)
    qgis_iface.currentLayerChanged.emit(wells)
    assert dock.job_area.layer_name == "fields", "activating a point layer leaves the area as it is"
    qgis_iface.setActiveLayer(tutorial)
    dock.use_active_layer_button.click()
    assert combo.currentLayer() is tutorial and dock.job_area.layer_name == "california_crop_fields"
    dock.cleanup()


def test_the_start_dialog_without_an_estimate_says_so_and_defaults_to_cancel(qtbot):
    from qgis.PyQt.QtWidgets import QDialogButtonBox
    from sentinelhub_batch.plugin.gui.start_dialog import StartSummary

    dialog = StartDialog(StartSummary("job-1", None, spent_pu=12.5))
    qtbot.addWidget(dialog)
    assert "job-1" in dialog.question_label.text()
    assert dialog.tiles_value.text() == "not known"
    assert "No cost estimate" in dialog.estimate_value.text()
    assert not dialog.start_button.isEnabled() and "nothing is started" in dialog.limit_note_label.text()
    assert dialog.spent_value.text() == "12.50 PU" and not dialog.spent_value.isHidden()
    assert dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    assert dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).text() == "Start processing"


@pytest.mark.e2e
def test_a_job_created_here_can_be_started_at_once_in_the_jobs_dock_despite_the_404_window(
        qgis_iface, qtbot, project, monkeypatch, local_stack):
    """Right after a create the service answers 404 for the new request for a while; the Jobs dock acts on it at
    once and rides that out, because every client knows the request was just created."""
    from sentinelhub_batch.plugin.core.deployments import custom_deployment
    from sentinelhub_batch.plugin.core.jobs import PollPolicy
    from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
    from sentinelhub_batch.plugin.gui.monitor import JobMonitor
    from sentinelhub_batch.plugin.services.connection import Connection, S3Access

    for name, value in {"SH_CLIENT_ID": local_stack.client_id, "SH_CLIENT_SECRET": local_stack.client_secret,
                        "SH_BASE_URL": local_stack.base_url, "SH_TOKEN_URL": local_stack.token_url,
                        "AWS_ACCESS_KEY_ID": local_stack.s3_access_key,
                        "AWS_SECRET_ACCESS_KEY": local_stack.s3_secret_key,
                        "AWS_S3_ENDPOINT": local_stack.s3_endpoint, "AWS_REGION": local_stack.s3_region}.items():
        monkeypatch.setenv(name, str(value))
    local_stack.faults.not_found_after_create_seconds = 2.0
    connection = Connection(custom_deployment(local_stack.base_url, local_stack.token_url), local_stack.client_id,
                            local_stack.client_secret, S3Access(local_stack.s3_access_key, local_stack.s3_secret_key,
                                                               local_stack.s3_endpoint, local_stack.s3_region))
    monitor = JobMonitor(PollPolicy(analysing=0.1, waiting_for_user=0.2, processing_min=0.1, processing_max=0.4))
    monitor.start()
    jobs = JobsDock(qgis_iface, monitor, QgsProject.instance(), connection_factory=lambda key: connection)
    qtbot.addWidget(jobs)
    jobs.confirm_start = lambda summary: summary.limit_pu
    notes = []
    jobs.notification.connect(lambda text, level: notes.append(text))
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    dock.job_created.connect(jobs.add_task)
    dock.output_url_edit.setText(f"s3://{local_stack.bucket}/window")
    wait_for_preview(dock, qtbot)
    try:
        with qtbot.waitSignal(dock.job_created, timeout=60000) as created:
            dock.create_button.click()
        task_id = created.args[0].id
        with qtbot.waitSignal(jobs.notification, timeout=120000, check_params_cb=lambda text, level: "finished" in
                              text):
            jobs.start(task_id)
        assert local_stack.service.requests[task_id].status == "DONE"
        hidden = [entry for entry in local_stack.request_log if task_id in entry[1] and entry[2] == 404]
        assert hidden, "the service hid the new request for a while; the dock rode it out"
        assert not any("not found" in note.lower() for note in notes)
    finally:
        assert monitor.shutdown(5000)
        jobs.shutdown()
        dock.cleanup()
