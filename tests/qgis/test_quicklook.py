"""Quick look and Test evalscript in QGIS: background calls to the emulator's Process API, layers, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from emulator.stack import LocalStack
from pyproj import Transformer
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.process_api import ProcessInputs
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from sentinelhub_batch.plugin.gui.quicklook import QUICK_LOOK_LAYER_NAME, QuickLookPanel
from sentinelhub_batch.plugin.services.area import area_from_layer
from sentinelhub_batch.plugin.services.connection import Connection
from shapely.geometry import box, shape
from shapely.ops import transform, unary_union

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
AREA_PATH = DATA / "california_crop_fields.geojson"
TUTORIAL_EVALSCRIPT = (DATA / "interpolation_evalscript.js").read_text()
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def service():
    with LocalStack() as stack:
        yield stack


@pytest.fixture
def area_layer(qgis_new_project):
    layer = QgsVectorLayer(str(AREA_PATH), "california_crop_fields", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def sub_area_feature_id(layer):
    return next(f.id() for f in layer.getFeatures() if f["name"] == "Test sub-area")


class RecordingConnection(Connection):
    """The stack's connection; every batch client made from it is recorded."""

    def __init__(self, service, clients):
        super().__init__(custom_deployment(service.base_url, service.token_url), service.client_id,
                         service.client_secret)
        self.clients = clients

    def batch_client(self, **options):
        client = super().batch_client(retry=RetryPolicy(timeout=60.0), **options)
        self.clients.append(client)
        return client


def make_panel(qgis_iface, service, area_layer, evalscript=TUTORIAL_EVALSCRIPT, clients=None):
    def get_inputs():
        area = area_from_layer(area_layer)
        return ProcessInputs(area.geometry, area.crs, evalscript, "sentinel-2-l1c", "2020-07-01", "2020-07-30")

    connection = RecordingConnection(service, clients if clients is not None else [])
    panel = QuickLookPanel(qgis_iface, get_inputs, get_area_layer=lambda: area_layer,
                           connection_factory=lambda: connection)
    panel.questions = []
    panel.confirm = lambda title, question: panel.questions.append(question) or True
    return panel


def messages(qgis_iface, level):
    return qgis_iface.messageBar().get_messages(level)


@pytest.fixture(autouse=True)
def clean_message_bar(qgis_iface):
    qgis_iface.messageBar().clear_messages()


def test_test_evalscript_on_the_selected_sub_area_adds_ndvi_and_data_mask(qgis_iface, qtbot, service, area_layer):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    panel = make_panel(qgis_iface, service, area_layer)
    qtbot.addWidget(panel)
    assert panel.resolution_box.value() == 10.0 and not panel.whole_area_check.isChecked()
    panel.whole_area_check.setChecked(True)

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
        assert panel.is_running() and not panel.test_button.isEnabled()
    assert finished.args == ["test", True], messages(qgis_iface, Qgis.MessageLevel.Critical)

    layers = {layer.name(): layer for layer in panel.last_layers}
    assert sorted(layers) == ["NDVI", "data_mask"]
    features = json.loads(AREA_PATH.read_text())["features"]
    sub_area = shape(next(f["geometry"] for f in features if f["properties"]["name"] == "Test sub-area"))
    xmin, ymin, xmax, ymax = transform(Transformer.from_crs(4326, 32611, always_xy=True).transform, sub_area).bounds
    for layer in layers.values():
        assert isinstance(layer, QgsRasterLayer) and layer.isValid()
        assert layer.bandCount() == 5
        assert layer.crs().authid() == "EPSG:32611"
        extent = layer.extent()
        assert (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()) == pytest.approx(
            (xmin, ymin, xmax, ymax), abs=10.0)
        assert layer.rasterUnitsPerPixelX() == pytest.approx(10.0, rel=0.01)
        assert QgsProject.instance().mapLayer(layer.id()) is layer
    group = QgsProject.instance().layerTreeRoot().children()[0]
    assert isinstance(group, QgsLayerTreeGroup) and group.name().startswith("Evalscript test")
    # Styled like the job's results: the NDVI ramp on top, the mask below and hidden (not a grey RGB image).
    assert [(node.layer().name(), node.itemVisibilityChecked()) for node in group.findLayers()] == [
        ("NDVI", True), ("data_mask", False)]
    assert isinstance(layers["NDVI"].renderer(), QgsSingleBandPseudoColorRenderer)
    assert panel.last_pu is not None and panel.last_pu > 0
    (question,) = panel.questions  # the whole sub-area at 10 m costs more than a test may without asking
    assert f"about {panel.last_estimate:.2f} PU" in question and panel.last_estimate > 5
    success = messages(qgis_iface, Qgis.MessageLevel.Success)
    assert success and "NDVI" in success[-1] and "PU" in success[-1]
    assert panel.test_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_quick_look_goes_under_the_vector_layers_and_above_a_basemap(qgis_iface, qtbot, service, area_layer,
                                                                      tmp_path):
    basemap = QgsRasterLayer(_tiny_raster(tmp_path), "basemap", "gdal")
    assert basemap.isValid()
    QgsProject.instance().addMapLayer(basemap, False)
    root = QgsProject.instance().layerTreeRoot()
    root.addLayer(basemap)
    panel = make_panel(qgis_iface, service, area_layer)
    qtbot.addWidget(panel)

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        panel.run_quick_look()
    assert finished.args == ["quick_look", True], messages(qgis_iface, Qgis.MessageLevel.Critical)

    (layer,) = panel.last_layers
    assert layer.name() == QUICK_LOOK_LAYER_NAME
    assert layer.bandCount() == 4 and layer.width() == 512
    assert layer.crs().authid() == "EPSG:4326"
    area_extent = area_layer.extent()
    assert layer.extent().xMinimum() == pytest.approx(area_extent.xMinimum(), abs=1e-6)
    assert layer.extent().yMaximum() == pytest.approx(area_extent.yMaximum(), abs=1e-6)
    order = [node.layer().name() for node in root.findLayers()]
    assert order.index("california_crop_fields") < order.index(QUICK_LOOK_LAYER_NAME) < order.index("basemap")


def test_without_a_selection_the_map_extent_clipped_to_the_area_is_tested(qgis_iface, qtbot, service, area_layer):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    visible = QgsRectangle(-119.25, 36.05, -119.20, 36.09)
    canvas.setExtent(visible)
    shown = canvas.extent()
    panel = make_panel(qgis_iface, service, area_layer)
    panel.resolution_box.setValue(40.0)
    panel.whole_area_check.setChecked(True)
    qtbot.addWidget(panel)

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        panel.run_test()
    assert finished.args == ["test", True], messages(qgis_iface, Qgis.MessageLevel.Critical)

    features = json.loads(AREA_PATH.read_text())["features"]
    area = unary_union([shape(feature["geometry"]) for feature in features])
    visible_area = area.intersection(box(shown.xMinimum(), shown.yMinimum(), shown.xMaximum(), shown.yMaximum()))
    assert 0 < visible_area.area < area.area / 2
    to_utm = Transformer.from_crs(4326, 32611, always_xy=True)
    expected = transform(to_utm.transform, visible_area).bounds
    assert panel.last_layers
    for layer in panel.last_layers:
        extent = layer.extent()
        assert (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()) == pytest.approx(
            expected, abs=40.0)


def test_an_evalscript_test_renders_a_small_window_at_full_resolution_without_asking(qgis_iface, qtbot, service,
                                                                                    area_layer):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    panel = make_panel(qgis_iface, service, area_layer)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        panel.run_test()
    assert finished.args == ["test", True], messages(qgis_iface, Qgis.MessageLevel.Critical)
    assert panel.questions == [] and panel.last_estimate < 5
    for layer in panel.last_layers:
        assert layer.width() <= 256 and layer.height() <= 256 and max(layer.width(), layer.height()) >= 200
        assert layer.rasterUnitsPerPixelX() == pytest.approx(10.0, rel=0.01)
    assert panel.last_pu == pytest.approx(panel.last_estimate, rel=0.05)


def test_a_declined_question_sends_nothing(qgis_iface, qtbot, service, area_layer):
    clients = []
    panel = make_panel(qgis_iface, service, area_layer, clients=clients)
    panel.confirm = lambda title, question: panel.questions.append(question) or False
    panel.whole_area_check.setChecked(True)
    qtbot.addWidget(panel)
    layers_before = set(QgsProject.instance().mapLayers())
    with qtbot.waitSignal(panel.finished, timeout=1000) as finished:
        assert panel.run_test() is None
    assert finished.args == ["test", False]
    assert len(panel.questions) == 1 and "PU" in panel.questions[0]
    assert clients == [] and set(QgsProject.instance().mapLayers()) == layers_before
    assert "Not sent" in panel.status_label.text()


def test_a_syntax_error_shows_the_services_message_not_a_traceback(qgis_iface, qtbot, service, area_layer):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    broken = TUTORIAL_EVALSCRIPT.replace("function setup() {", "function setup( {")
    panel = make_panel(qgis_iface, service, area_layer, evalscript=broken)
    qtbot.addWidget(panel)
    layers_before = set(QgsProject.instance().mapLayers())

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        panel.run_test()
    assert finished.args == ["test", False]

    (critical,) = messages(qgis_iface, Qgis.MessageLevel.Critical)
    assert "RENDERER_EXCEPTION" in critical and "SyntaxError" in critical
    assert "Failed to evaluate script" in critical
    assert "Traceback" not in critical
    assert set(QgsProject.instance().mapLayers()) == layers_before
    assert "SyntaxError" in panel.status_label.text()
    assert panel.test_button.isEnabled()


def test_missing_inputs_are_reported_before_anything_is_sent(qgis_iface, qtbot, service, area_layer):
    clients = []

    def no_evalscript():
        raise InvalidRequestError("The evalscript is empty. Write or load one.")

    panel = make_panel(qgis_iface, service, area_layer, clients=clients)
    panel.get_inputs = no_evalscript
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=1000) as finished:
        panel.run_quick_look()
    assert finished.args == ["quick_look", False]
    assert messages(qgis_iface, Qgis.MessageLevel.Critical) == ["Quick look failed:The evalscript is empty. "
                                                                "Write or load one."]
    assert clients == [] and not panel.is_running()


def test_a_cancelled_run_adds_nothing(qgis_iface, qtbot, service, area_layer):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    panel = make_panel(qgis_iface, service, area_layer)
    qtbot.addWidget(panel)
    layers_before = set(QgsProject.instance().mapLayers())

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        run = panel.run_test()
        assert panel.cancel_button.isEnabled()
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["test", False]
    assert panel.status_label.text() == "Cancelled."
    assert set(QgsProject.instance().mapLayers()) == layers_before
    assert not run.folder.exists()
    assert messages(qgis_iface, Qgis.MessageLevel.Critical) == []
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=WAIT_MS)
    assert set(QgsProject.instance().mapLayers()) == layers_before


def test_temporary_files_go_when_their_layers_are_removed(qgis_iface, qtbot, service, area_layer):
    panel = make_panel(qgis_iface, service, area_layer)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run_quick_look()
    (layer,) = panel.last_layers
    folder = panel.outputs.folder_of(layer.id())
    assert folder is not None and any(folder.iterdir())
    QgsProject.instance().removeMapLayer(layer.id())
    assert not folder.exists()


def _tiny_raster(folder: Path) -> str:
    import numpy as np
    from osgeo import gdal, osr

    path = str(folder / "basemap.tif")
    dataset = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 1, gdal.GDT_Byte)
    dataset.SetGeoTransform((-120.0, 0.5, 0, 37.0, 0, -0.5))
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(4326)
    dataset.SetProjection(reference.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(np.ones((4, 4), dtype=np.uint8))
    dataset = None
    return path


# --- the Processing algorithm --------------------------------------------------------------------------------


@pytest.fixture
def service_environment(monkeypatch, service):
    monkeypatch.setenv("SH_CLIENT_ID", service.client_id)
    monkeypatch.setenv("SH_CLIENT_SECRET", service.client_secret)
    monkeypatch.setenv("SH_BASE_URL", service.base_url)
    monkeypatch.setenv("SH_TOKEN_URL", service.token_url)
    monkeypatch.delenv("SH_DEPLOYMENT", raising=False)


def run_process_area(parameters):
    from qgis.core import QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingFeedback
    from sentinelhub_batch.plugin.processing.algorithms.process_area import ProcessAreaAlgorithm

    class RecordingFeedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors, self.infos = [], []

        def reportError(self, error, fatalError=False):
            self.errors.append(error)

        def pushInfo(self, info):
            self.infos.append(info)

    algorithm = ProcessAreaAlgorithm().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = RecordingFeedback()
    results, ok = QgsProcessingAlgorithm.run(algorithm, parameters, context, feedback)
    return results, ok, feedback


def test_process_area_writes_one_file_per_output_and_reports_pu(service_environment, area_layer, tmp_path):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    evalscript_file = tmp_path / "interpolation.js"
    evalscript_file.write_text(TUTORIAL_EVALSCRIPT)
    results, ok, feedback = run_process_area({
        "AREA": area_layer, "SELECTED_ONLY": True, "EVALSCRIPT": str(evalscript_file),
        "DATA_COLLECTION": "sentinel-2-l1c", "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
        "RESOLUTION": 20, "OUTPUT_FOLDER": str(tmp_path / "out"),
    })
    assert ok, feedback.errors
    assert sorted(Path(path).name for path in results["FILES"]) == ["NDVI.tif", "data_mask.tif"]
    for path in results["FILES"]:
        layer = QgsRasterLayer(path, "check", "gdal")
        assert layer.isValid() and layer.bandCount() == 5 and layer.crs().authid() == "EPSG:32611"
    assert results["PU_SPENT"] > 0
    assert any("Processing units spent" in line for line in feedback.infos)


def test_process_area_fails_with_the_services_message(service_environment, area_layer, tmp_path):
    area_layer.selectByIds([sub_area_feature_id(area_layer)])
    _results, ok, feedback = run_process_area({
        "AREA": area_layer, "SELECTED_ONLY": True,
        "EVALSCRIPT": TUTORIAL_EVALSCRIPT.replace("function setup() {", "function setup( {"),
        "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30", "WIDTH": 32, "HEIGHT": 32,
        "MAX_PU": 10, "OUTPUT_FOLDER": str(tmp_path / "out"),  # its cost is unknown: allowed explicitly
    })
    assert not ok
    assert any("RENDERER_EXCEPTION" in error and "SyntaxError" in error for error in feedback.errors), feedback.errors
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_process_area_refuses_an_image_larger_than_the_process_api_renders(monkeypatch, area_layer, tmp_path):
    monkeypatch.setenv("SH_CLIENT_ID", "nobody")
    monkeypatch.setenv("SH_CLIENT_SECRET", "nothing")
    monkeypatch.setenv("SH_BASE_URL", "http://127.0.0.1:9")  # nothing listens: a sent request would fail otherwise
    monkeypatch.setenv("SH_TOKEN_URL", "http://127.0.0.1:9/token")
    _results, ok, feedback = run_process_area({
        "AREA": area_layer, "EVALSCRIPT": TUTORIAL_EVALSCRIPT, "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
        "RESOLUTION": 1, "OUTPUT_FOLDER": str(tmp_path / "out"),
    })
    assert not ok
    assert any("at most 2500 px" in error and "at least" in error for error in feedback.errors), feedback.errors


def test_process_area_shows_its_pu_first_and_refuses_above_the_threshold(service_environment, area_layer, tmp_path):
    results, ok, feedback = run_process_area({
        "AREA": area_layer, "EVALSCRIPT": TUTORIAL_EVALSCRIPT, "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
        "RESOLUTION": 10, "OUTPUT_FOLDER": str(tmp_path / "out"),
    })
    assert not ok
    (expected,) = [line for line in feedback.infos if line.startswith("Expected cost: about")]
    estimate = expected.split("about ")[1].split(" PU")[0]
    assert any(f"about {estimate} PU, above the 5.00 PU allowed" in error and "MAX_PU" in error
               for error in feedback.errors), feedback.errors
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

    results, ok, feedback = run_process_area({
        "AREA": area_layer, "EVALSCRIPT": TUTORIAL_EVALSCRIPT, "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
        "RESOLUTION": 10, "MAX_PU": float(estimate.replace(",", "")) + 1, "OUTPUT_FOLDER": str(tmp_path / "out"),
    })
    assert ok, feedback.errors
    assert results["PU_SPENT"] > 5
