"""The New job dock says what it needs and takes back what no longer applies: why Create is greyed out, failure
messages that go once the action works, and the tiling grids as the service lists them (with the reason when it
falls back to the built-in table); a resolution the service does not list is refused before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.gui import new_job_dock as new_job_dock_module
from sentinelhub_batch.plugin.gui.new_job_dock import NewJobDock
from sentinelhub_batch.plugin.services import jobs
from sentinelhub_batch.plugin.services.connection import Connection

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
TASK_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
WAIT_MS = 20000
LISTING = {"data": [
    {"id": 1, "name": "10km grid", "properties": {"tileWidth": 10000.0, "tileHeight": 10000.0,
                                                  "resolutions": [10.0, 20.0], "unit": "METRE"}},
    {"id": 2, "name": "100km grid", "properties": {"tileWidth": 100080.0, "tileHeight": 100080.0,
                                                   "resolutions": [60.0, 120.0], "unit": "METRE"}},
], "links": {}}
"""A service that lists two grids, grid 1 without its 1 m resolution (the shape of the live GET /tilinggrids)."""


class GridService:
    """Token, tiling grid listing and job creation on a scripted loopback server; creation fails first when asked."""

    def __init__(self, server: ScriptedServer, listing=LISTING):
        self.server = server
        self.create_failures = 0
        token_endpoint(server, client_id="hint-client", client_secret="hint-secret")
        server.route("GET", "/api/v2/batch/tilinggrids", lambda request: listing)
        server.route("POST", "/api/v2/batch/process", self.create)

    def create(self, request):
        if self.create_failures:
            self.create_failures -= 1
            return 400, {}, {"error": {"status": 400, "reason": "Bad Request", "message": "Try again later",
                                       "code": "COMMON_BAD_PAYLOAD"}}
        return 201, {}, {"id": TASK_ID, "status": "CREATED", "userAction": "NONE", "request": request.json(),
                         "created": "2026-01-01T00:00:00Z"}

    def connection(self) -> Connection:
        return Connection(custom_deployment(self.server.url, self.server.url + "/auth/realms/main/protocol/openid-"
                                                                              "connect/token"),
                          "hint-client", "hint-secret")


@pytest.fixture
def service(monkeypatch):
    server = ScriptedServer()
    service = GridService(server)
    monkeypatch.setenv("SH_CLIENT_ID", "hint-client")
    monkeypatch.setenv("SH_CLIENT_SECRET", "hint-secret")
    monkeypatch.setenv("SH_BASE_URL", server.url)
    monkeypatch.setenv("SH_TOKEN_URL", server.url + "/auth/realms/main/protocol/openid-connect/token")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAHINTTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s3-hint-secret")
    yield service
    server.stop()


@pytest.fixture
def project(qgis_new_project):
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def open_dock(qgis_iface, qtbot) -> NewJobDock:
    qgis_iface.messageBar().clearWidgets()  # the tests read what their dock shows, not what earlier tests left
    dock = NewJobDock(qgis_iface, preview_delay_ms=30)
    qtbot.addWidget(dock)
    dock.show()
    return dock


def add_area(qgis_iface) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(TUTORIAL_AREA), "california_crop_fields", "ogr")
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    return layer


def wait_for_preview(dock, qtbot) -> None:
    qtbot.waitUntil(lambda: not dock.preview.busy and dock.last_preview is not None
                    and dock.last_preview.inputs == dock.preview_inputs()
                    and not dock.tile_layer.filling, timeout=WAIT_MS)


def shown_messages(qgis_iface, level=None):
    return [f"{item.title()}:{item.text()}" for item in qgis_iface.messageBar().items()
            if level is None or item.level() == level]


def test_a_greyed_out_create_says_what_is_missing(qgis_iface, qtbot, project, monkeypatch):
    configured = {"ok": False}
    monkeypatch.setattr(new_job_dock_module, "connection_configured",
                        lambda: (True, "") if configured["ok"] else (False, "No connection is set up."))
    dock = open_dock(qgis_iface, qtbot)
    wait_for_preview(dock, qtbot)
    text = dock.create_reasons_label.text()
    assert not dock.create_button.isEnabled() and not dock.create_reasons_label.isHidden()
    assert text.startswith("To create the job:")
    for needed in ("No polygon layer is chosen as the area", "Enter the output URL", "No connection is set up"):
        assert needed in text

    add_area(qgis_iface)
    dock.output_url_edit.setText("s3://bucket/folder")
    dock.refresh_area()
    assert "preview is being computed" not in dock.create_reasons_label.text(), "passing states do not flicker"
    wait_for_preview(dock, qtbot)
    assert dock.create_reasons_label.text() == "To create the job:\n• No connection is set up."
    configured["ok"] = True
    dock.update_actions()
    assert dock.create_button.isEnabled() and dock.create_reasons_label.isHidden()
    dock.cleanup()


def test_a_failure_message_is_taken_back_once_the_action_works(qgis_iface, qtbot, project, service):
    service.create_failures = 1
    add_area(qgis_iface)
    dock = open_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText("s3://my-bucket/california")
    wait_for_preview(dock, qtbot)
    dock.create_button.click()
    qtbot.waitUntil(lambda: bool(shown_messages(qgis_iface, Qgis.MessageLevel.Critical)), timeout=WAIT_MS)
    assert "Try again later" in shown_messages(qgis_iface, Qgis.MessageLevel.Critical)[0]

    # The first action loaded the service's grids, which may redo the preview: Create is enabled again after it.
    qtbot.waitUntil(dock.create_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(dock.job_created, timeout=WAIT_MS):
        dock.create_button.click()
    assert shown_messages(qgis_iface, Qgis.MessageLevel.Critical) == [], "the failure no longer applies"
    assert any("is created" in text for text in shown_messages(qgis_iface, Qgis.MessageLevel.Success))

    dock.push_message("Saving the evalscript failed", "disk full", Qgis.MessageLevel.Warning, topic="evalscript")
    dock.settings_changed()  # new settings: earlier failures may no longer apply
    assert not any("disk full" in text for text in shown_messages(qgis_iface))
    dock.cleanup()


def test_the_grids_offered_are_the_ones_the_service_lists(qgis_iface, qtbot, project, service):
    dock = open_dock(qgis_iface, qtbot)
    qtbot.waitUntil(lambda: dock.grids_loaded, timeout=WAIT_MS)
    assert [dock.grid_combo.itemData(index) for index in range(dock.grid_combo.count())] == [1, 2]
    dock.grid_combo.setCurrentIndex(dock.grid_combo.findData(1))
    assert [dock.resolution_combo.itemData(index) for index in range(dock.resolution_combo.count())] == [10.0, 20.0]
    assert "lists them" in dock.grid_source_label.text()
    assert service.server.calls("GET", "/api/v2/batch/tilinggrids")
    dock.cleanup()


def test_grids_fall_back_to_the_built_in_table_and_say_why(qgis_iface, qtbot, project, service):
    service.server.route("GET", "/api/v2/batch/tilinggrids", lambda request: (403, {}, {"error": {
        "status": 403, "reason": "Forbidden", "message": "No access to tiling grids", "code": "INSUFFICIENT_PERMISSIONS"}}))
    dock = open_dock(qgis_iface, qtbot)
    qtbot.waitUntil(lambda: dock.grids_loaded, timeout=WAIT_MS)
    assert [dock.grid_combo.itemData(index) for index in range(dock.grid_combo.count())] == [0, 1, 2, 3, 6, 7]
    assert "built-in table" in dock.grid_source_label.text()
    assert "No access to tiling grids" in dock.grid_source_label.text()
    dock.cleanup()


def test_a_resolution_the_service_does_not_list_is_refused_before_sending(service):
    body = {"processRequest": {}, "input": {"type": "tiling-grid", "id": 1, "resolution": 1, "bufferX": 0,
                                            "bufferY": 0}}
    client = service.connection().batch_client()
    try:
        with pytest.raises(InvalidRequestError, match=r"does not allow resolution 1 m; choose one of: 10, 20 m"):
            jobs.create_job(client, body)
    finally:
        client.close()
    assert service.server.calls("POST", "/api/v2/batch/process") == []


# ------------------------------------------------------------------------------------------------ Processing


@pytest.fixture(scope="module")
def processing(qgis_app):
    import sys

    from qgis.core import QgsApplication

    if "/usr/share/qgis/python/plugins" not in sys.path:
        sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider = None
    if registry.providerById("sentinelhub_batch") is None:
        from sentinelhub_batch.plugin.processing.provider import SentinelHubBatchProvider

        provider = SentinelHubBatchProvider()
        registry.addProvider(provider)
    from qgis import processing as processing_module

    yield processing_module
    if provider is not None:  # later tests load the plugin, which registers its own
        registry.removeProvider(provider)


def request_parameters(**overrides):
    parameters = {"AREA": str(TUTORIAL_AREA), "GRID": 1, "RESOLUTION": 1, "EVALSCRIPT": str(
        SHARED_DATA / "interpolation_evalscript.js"), "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
        "OUTPUT": "memory:"}
    parameters.update(overrides)
    return parameters


@pytest.mark.parametrize("algorithm", ["create_job", "preview_tiles"])
def test_processing_refuses_a_resolution_the_service_does_not_list(processing, service, algorithm):
    from qgis.core import QgsProcessingException

    parameters = request_parameters(DELIVERY_URL="s3://my-bucket/california")
    with pytest.raises(QgsProcessingException, match=r"choose one of: 10, 20 m"):
        processing.run(f"sentinelhub_batch:{algorithm}", parameters)
    assert service.server.calls("GET", "/api/v2/batch/tilinggrids")
    assert service.server.calls("POST", "/api/v2/batch/process") == []


def test_processing_previews_with_the_built_in_grids_when_not_connected(processing, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    result = processing.run("sentinelhub_batch:preview_tiles", request_parameters(RESOLUTION=10))
    assert result["TILE_COUNT"] == 8
