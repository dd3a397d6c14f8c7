"""What the plugin does to the user's project: nothing until they act, nothing QGIS warns about or cannot reopen.

A blank project stays unmodified with the plugin loaded; the tile preview appears only once the New job dock is
opened, and a saved project brings it back once; the plugin's memory layers do not make QGIS warn that data will
be lost; quick looks of a saved project reopen; closing a project leaves no job of it in the Jobs dock and no
unclosed connection behind.
"""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from osgeo import gdal
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.core.process_api import ProcessInputs
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from sentinelhub_batch.plugin.gui.quicklook import QuickLookOutputs, QuickLookPanel
from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin
from sentinelhub_batch.plugin.services.area import area_from_layer
from sentinelhub_batch.plugin.services.connection import Connection, S3Access
from sentinelhub_batch.plugin.services.layers import TileStatusLayer, records_from_tiles
from sentinelhub_batch.plugin.services.preview import PREVIEW_LAYER_PROPERTY, TilePreviewLayer
from shapely.geometry import box

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
TASK_ID = "5e8f2c1a-0b3d-4e6f-8a9b-7c6d5e4f3a2b"
TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"
WAIT_MS = 20000


def layers_qgis_warns_about(project: QgsProject) -> list:
    """The plugin's layers for which QGIS, closing the project, warns that their content will be lost: memory layers
    with features not marked "skipMemoryLayersCheck", and layers stored in a temporary folder (the rule of
    QgisApp::checkMemoryLayers, src/app/qgisapp.cpp). The user's own layer (the tutorial area from ../shared, which
    may itself lie in a temporary folder, as on a CI machine) is not the plugin's doing."""
    warned = []
    for layer in project.mapLayers().values():
        if Path(layer.source().split("|")[0]).resolve() == TUTORIAL_AREA.resolve():
            continue
        if layer.providerType() == "memory":
            if isinstance(layer, QgsVectorLayer) and layer.featureCount() and \
                    not int(layer.customProperty("skipMemoryLayersCheck", 0) or 0):
                warned.append(layer.name())
        elif layer.isTemporary():
            warned.append(layer.name())
    return warned


def preview_layers(project: QgsProject) -> list:
    return [layer for layer in project.mapLayers().values() if layer.customProperty(PREVIEW_LAYER_PROPERTY)]


def area_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(str(TUTORIAL_AREA), "california_crop_fields", "ogr")
    assert layer.isValid()
    return layer


def wait_for_preview(dock, qtbot) -> None:
    qtbot.waitUntil(lambda: not dock.preview.busy and dock.last_preview is not None
                    and dock.last_preview.inputs == dock.preview_inputs()
                    and not dock.tile_layer.filling, timeout=WAIT_MS)


@pytest.fixture
def plugin(qgis_iface, qgis_new_project, monkeypatch):
    """The plugin in pytest-qgis's main window, shown (docks really dock and show, as in QGIS); not connected."""
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL"):
        monkeypatch.delenv(name, raising=False)
    main_window = qgis_iface.mainWindow()
    monkeypatch.setattr(qgis_iface, "addDockWidget", main_window.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", main_window.removeDockWidget, raising=False)
    main_window.show()
    plugin = SentinelHubBatchPlugin(qgis_iface)
    yield plugin
    plugin.unload()
    main_window.hide()
    QgsProject.instance().clear()


def test_a_blank_project_stays_unmodified_until_the_user_opens_the_dock(plugin, qgis_iface, qtbot):
    project = QgsProject.instance()
    assert not project.isDirty() and project.count() == 0
    plugin.initGui()
    dock = plugin.new_job_dock
    wait_for_preview(dock, qtbot)
    assert project.count() == 0, "no layer at start-up"
    assert not project.isDirty(), "QGIS would ask to save a project the user never touched"

    # The user's first layer is the project's only one (so QGIS zooms to it); the hidden dock adds nothing.
    area = area_layer()
    project.addMapLayer(area)
    qgis_iface.setActiveLayer(area)
    wait_for_preview(dock, qtbot)
    assert dock.last_preview.tile_count and list(project.mapLayers()) == [area.id()]

    dock.show()  # the user opens the plugin: now the tiles of the job being prepared are drawn
    qtbot.waitUntil(lambda: len(preview_layers(project)) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dock.tile_layer.filling, timeout=WAIT_MS)
    assert preview_layers(project)[0].featureCount() == dock.last_preview.tile_count
    assert layers_qgis_warns_about(project) == []


def test_a_saved_preview_layer_comes_back_once_and_is_refilled(plugin, qgis_iface, qtbot, tmp_path):
    project = QgsProject.instance()
    area = area_layer()
    project.addMapLayer(area)
    qgis_iface.setActiveLayer(area)
    plugin.initGui()
    dock = plugin.new_job_dock
    dock.show()
    qtbot.waitUntil(lambda: len(preview_layers(project)) == 1, timeout=WAIT_MS)
    tiles = preview_layers(project)[0].featureCount()
    assert tiles == 8
    assert project.write(str(tmp_path / "job.qgz"))

    project.clear()
    assert project.read(str(tmp_path / "job.qgz"))
    qgis_iface.setActiveLayer(project.mapLayersByName("california_crop_fields")[0])
    dock.refresh_area()
    wait_for_preview(dock, qtbot)
    layers = preview_layers(project)
    assert len(layers) == 1, "the saved preview layer is reused, not doubled"
    assert layers[0].featureCount() == tiles
    assert layers_qgis_warns_about(project) == []


def test_removing_the_preview_layer_while_it_is_refilled_ends_the_refill_quietly(qgis_new_project, qtbot):
    project = QgsProject.instance()
    preview = TilePreviewLayer(project)
    preview.show(records_from_tiles(tiles_for_area(box(-120.0, 36.5, -119.95, 36.55), 4326, 1, 10)))
    qtbot.waitUntil(lambda: not preview.filling, timeout=WAIT_MS)
    layer = preview.layer
    preview.show(records_from_tiles(tiles_for_area(box(-124.0, 32.0, -114.0, 42.0), 4326, 1, 10)))
    QCoreApplication.processEvents()
    assert preview.filling, "the refill of thousands of tiles takes several turns"
    project.removeMapLayer(layer.id())  # what the user does in the Layers panel
    qtbot.waitUntil(lambda: not preview.filling, timeout=WAIT_MS)  # pytest-qt fails on an exception in a turn
    assert preview.layer is None and preview_layers(project) == []


def test_job_tile_layers_do_not_make_qgis_warn_about_lost_data(qgis_new_project):
    tiles = tiles_for_area(box(-119.3, 36.0, -119.1, 36.1), "EPSG:4326", 1, 20, 0, 0)
    layer = TileStatusLayer.create("Tiles 12345678", records_from_tiles(tiles), task_id=TASK_ID).layer
    QgsProject.instance().addMapLayer(layer)
    assert layer.featureCount() == len(tiles) > 0
    assert layers_qgis_warns_about(QgsProject.instance()) == []


@pytest.fixture
def projects_folder(tmp_path, monkeypatch):
    """A folder for the user's projects outside the system's temporary folder (QGIS treats files there as
    temporary): pytest's tmp_path, with TMPDIR pointed elsewhere."""
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_temp))
    folder = tmp_path / "projects"
    folder.mkdir()
    return folder


@pytest.mark.e2e
def test_a_saved_projects_quick_look_reopens_and_is_not_temporary(qgis_iface, qgis_new_project, qtbot, local_stack,
                                                                projects_folder):
    tmp_path = projects_folder
    project = QgsProject.instance()
    area = area_layer()
    project.addMapLayer(area)
    project_file = tmp_path / "fields.qgz"
    assert project.write(str(project_file))
    connection = Connection(custom_deployment(local_stack.base_url, local_stack.token_url), local_stack.client_id,
                            local_stack.client_secret)

    def inputs():
        job_area = area_from_layer(area)
        return ProcessInputs(job_area.geometry, job_area.crs, "//VERSION=3\nfunction setup() { return {input: "
                             "['B04', 'B03', 'B02'], output: {bands: 3}}; }\nfunction evaluatePixel(s) { return "
                             "[s.B04, s.B03, s.B02]; }", "sentinel-2-l1c", "2020-07-01", "2020-07-30")

    panel = QuickLookPanel(qgis_iface, inputs, connection_factory=lambda: connection)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=60000) as finished:
        panel.run_quick_look()
    assert finished.args == ["quick_look", True]
    (layer,) = panel.last_layers
    name, folder = layer.name(), panel.outputs.folder_of(layer.id())
    assert folder.parent == tmp_path / "fields_sentinelhub" / "quick-looks", "beside the project, like results"
    assert not layer.isTemporary() and layers_qgis_warns_about(project) == []
    assert project.write()

    project.clear()
    assert folder.exists(), "the saved project still uses these files"
    assert project.read(str(project_file))
    reopened = project.mapLayersByName(name)
    assert len(reopened) == 1 and reopened[0].isValid()


def test_quick_look_files_of_an_unsaved_project_go_with_their_layers(qgis_new_project, projects_folder):
    outputs = QuickLookOutputs()
    folder = outputs.new_folder("quick_look")
    path = str(folder / "default.tif")
    dataset = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 3)
    dataset.SetGeoTransform([-119.3, 0.01, 0, 36.1, 0, -0.01])
    dataset = None
    layer = QgsRasterLayer(path, "Quick look (true colour)", "gdal")
    QgsProject.instance().addMapLayer(layer)
    outputs.track(layer, folder)
    assert not layer.isTemporary()
    QgsProject.instance().clear()  # closed without saving: nothing refers to the files any more
    assert not folder.exists()


# ------------------------------------------------------------------------------------------------ closing a project


class RecordingConnection(Connection):
    """A connection to the scripted service whose batch clients are recorded, and so are those closed."""

    def __init__(self, url: str, made: list, closed: list):
        super().__init__(custom_deployment(url, url + TOKEN_PATH), "hygiene-client", "hygiene-secret", S3Access())
        self.made, self.closed = made, closed

    def batch_client(self, **options):
        client = super().batch_client(**options)
        close = client.close

        def recorded_close():
            self.closed.append(client)
            close()

        client.close = recorded_close
        self.made.append(client)
        return client


@pytest.fixture
def service():
    server = ScriptedServer()
    token_endpoint(server, client_id="hygiene-client", client_secret="hygiene-secret")
    task = {"id": TASK_ID, "status": "PROCESSING", "completionPercentage": 10, "description": "closing",
            "request": {}, "created": "2026-01-01T00:00:00Z"}
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda request: task)
    yield server, task
    server.stop()


def test_closing_the_project_leaves_no_job_and_no_open_connection(qgis_iface, qgis_new_project, qtbot, service):
    server, task = service
    made, closed = [], []
    monitor = JobMonitor()
    monitor.start()
    dock = JobsDock(qgis_iface, monitor, QgsProject.instance(),
                    connection_factory=lambda key: RecordingConnection(server.url, made, closed))
    qtbot.addWidget(dock)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with qtbot.waitSignal(monitor.worker.task_updated, timeout=WAIT_MS):
            dock.add_task(BatchTask(dict(task)))
        assert dock.table.rowCount() == 1 and dock.id_label.text() == TASK_ID
        first_client = made[-1]
        # The settings were saved meanwhile: the monitor polls with the new connection and closes the old clients.
        task["completionPercentage"] = 50
        with qtbot.waitSignal(monitor.worker.task_updated, timeout=WAIT_MS):
            dock.reset_connection()
        assert made[-1] is not first_client
        qtbot.waitUntil(lambda: first_client in closed, timeout=WAIT_MS)

        QgsProject.instance().clear()
        dock._task_updated(TASK_ID, BatchTask(dict(task)))  # a report that was on its way when the project closed
        qtbot.waitUntil(lambda: not dock.busy, timeout=WAIT_MS)
        assert dock.table.rowCount() == 0
        assert dock.id_label.text() == "" and dock.status_label.text() == "" and not dock.request_view.toPlainText()
        assert monitor.tracked() == []

        assert monitor.shutdown(5000)
        dock.shutdown()
        gc.collect()
    unclosed = [str(warning.message) for warning in caught if issubclass(warning.category, ResourceWarning)]
    assert unclosed == []
    assert set(made) <= set(closed)
