"""The Processing dialog of "Preview tiles and cost" as a user opens it: the area is already the one they work with
(even with a point layer active), the grid and the data collection are lists to choose from, the dates are dates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QComboBox
from sentinelhub_batch.plugin.core.batch_request import DATA_COLLECTIONS
from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS
from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"


@pytest.fixture
def algorithm_dialog(qgis_iface, qgis_new_project, monkeypatch):
    """Opens an algorithm's dialog as the Processing toolbox does (QGIS's own dialog and widgets)."""
    if QGIS_PYTHON_PLUGINS not in sys.path:
        sys.path.append(QGIS_PYTHON_PLUGINS)
    from processing.core.Processing import Processing
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.gui import QgsBrowserGuiModel

    Processing.initialize()
    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    plugin = SentinelHubBatchPlugin(qgis_iface)
    plugin.initGui()
    dialogs = []

    def open_dialog(algorithm_id):
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"sentinelhub_batch:{algorithm_id}")
        dialog = AlgorithmDialog(algorithm, False, qgis_iface.mainWindow())
        dialogs.append(dialog)
        return dialog.mainWidget().wrappers

    yield open_dialog
    for dialog in dialogs:
        dialog.close()
    plugin.unload()


def test_the_preview_dialog_starts_at_the_users_area_with_choices_and_dates(algorithm_dialog, qgis_iface):
    fields = QgsVectorLayer(str(TUTORIAL_AREA), "fields", "ogr")
    wells = QgsVectorLayer("Point?crs=EPSG:4326", "wells", "memory")
    QgsProject.instance().addMapLayers([fields, wells])
    qgis_iface.setActiveLayer(fields)
    qgis_iface.setActiveLayer(wells)  # a point layer is active: QGIS alone would leave the area empty

    wrappers = algorithm_dialog("preview_tiles")
    assert wrappers["AREA"].widgetValue() == fields.id()

    grid = wrappers["GRID"].wrappedWidget()
    assert isinstance(grid, QComboBox)
    assert [grid.itemText(index) for index in range(grid.count())] == [
        BUILTIN_GRIDS[grid_id].describe() for grid_id in sorted(BUILTIN_GRIDS)]
    assert grid.currentText().startswith("1: 10km grid")

    collection = wrappers["DATA_COLLECTION"].wrappedWidget()
    assert isinstance(collection, QComboBox)
    assert [collection.itemText(index) for index in range(collection.count())] == list(DATA_COLLECTIONS)
    assert wrappers["DATA_COLLECTION"].widgetValue() == "sentinel-2-l1c"

    for name, day in (("TIME_FROM", QDate(2020, 7, 1)), ("TIME_TO", QDate(2020, 7, 30))):
        value = wrappers[name].widgetValue()
        assert (value if isinstance(value, QDate) else value.date()) == day, name
