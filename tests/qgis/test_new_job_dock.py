"""The New job dock: live tile/cost preview, messages for bad layers, and Create → Start against a service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from sentinelhub_batch.plugin.gui import new_job_dock as new_job_dock_module
from sentinelhub_batch.plugin.gui.new_job_dock import NewJobDock
from sentinelhub_batch.plugin.gui.preview import PREVIEW_LAYER_NAME, format_pu
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


def make_dock(qgis_iface, qtbot):
    dock = NewJobDock(qgis_iface, preview_delay_ms=30)
    qtbot.addWidget(dock)
    return dock


def wait_for_preview(dock, qtbot):
    """Wait until the preview shown is the one of the current inputs."""
    qtbot.waitUntil(lambda: not dock.preview.busy and dock.last_preview is not None
                    and dock.last_preview.inputs == dock.preview_inputs(), timeout=WAIT_MS)
    return dock.last_preview


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
    assert [tile.name for tile in result.tiles] == [tile.name for tile in tiles]
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

    # Edits recompute; the temporary layer is refilled in place, not piled up.
    layer_id = layers[0].id()
    dock.grid_combo.setCurrentIndex(dock.grid_combo.findData(0))
    wait_for_preview(dock, qtbot)
    dock.buffer_x_spin.setValue(0)
    dock.resolution_combo.setCurrentIndex(dock.resolution_combo.findData(20.0))
    result = wait_for_preview(dock, qtbot)
    assert len(result.tiles) == len(expected_tiles(0, 20, 0))
    assert result.tiles[0].buffered_height == result.tiles[0].height + 100
    layers = preview_layers()
    assert [layer.id() for layer in layers] == [layer_id]
    assert layers[0].featureCount() == len(result.tiles)

    dock.show_tiles_check.setChecked(False)
    assert preview_layers() == []
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
    assert result.tiles[0].buffered_height == result.tiles[0].height + 110
    assert dock.preview.discarded >= 1
    dock.cleanup()


def test_outputs_follow_the_evalscript_and_keep_chosen_formats(qgis_iface, qtbot, project, no_connection):
    tutorial_layer(qgis_iface)
    dock = make_dock(qgis_iface, qtbot)
    wait_for_preview(dock, qtbot)
    dock.outputs_table.cellWidget(0, 3).setCurrentText("image/png")
    dock.set_evalscript(dock.evalscript() + "\n// edited\n")
    wait_for_preview(dock, qtbot)
    assert [(spec.identifier, spec.format) for spec in dock.outputs()] == [("NDVI", "image/png"),
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


@pytest.mark.parametrize("case", ["no layer", "points", "empty", "collapsed"])
def test_bad_layers_give_messages_not_tracebacks(qgis_iface, qtbot, project, no_connection, case):
    expected = {
        "no layer": "No layer is active",
        "points": "is a Point layer",
        "empty": "has no features",
        "collapsed": "cannot be used",
    }[case]
    if case == "points":
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
    assert dock.job_area is None and result.tiles is None
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
    assert result.tiles


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
    assert len(result.tiles) == 2
    assert Qgis.MessageLevel.Critical not in [level for level, messages in
                                              qgis_iface.messageBar().messages.items() if messages]
    dock.cleanup()
