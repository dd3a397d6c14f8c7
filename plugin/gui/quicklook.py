"""Quick look and evalscript test run: two Process API calls before paying for a batch job.

``QuickLookPanel`` is a widget the new-job dock embeds. **Quick look** renders the whole area in true colour
(512 px on the long side) and adds it as a raster under the vector layers; **Test evalscript** runs the job's
evalscript at full resolution on a 256 × 256 px window (``core.process_api.evalscript_test_window``) of the selected
feature, or of the area at the map centre — or, when the user ticks it, on the whole selection or map extent — and
adds every output as a layer, with the processing units it cost. Each call shows its estimated PU first and asks
above ``core.spending.PROCESS_API_ASK_PU``. Both run in a ``QgsTask`` and can be cancelled; failures go to the
message bar in plain words, details to the message log. Their files are kept where a saved project finds them again
(:class:`QuickLookOutputs`).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox, QWidget

from ..core.errors import SentinelHubBatchError
from ..core.process_api import (
    ProcessInputs,
    build_process_request,
    clip_to_extent,
    evalscript_test_window,
    in_metric_crs,
    quick_look_request,
)
from ..core.spending import PROCESS_API_ASK_PU, format_pu
from ..services.area import area_from_layer
from ..services.compat import MessageLevel
from ..services.connection import resolve_connection
from ..services.i18n import tr
from ..services.jobs import process_area, process_request_estimate
from ..services.messages import describe_failure
from ..services.results import place_result_layers, results_folder, style_result_layer
from ..services.tasks import BackgroundTask, TaskCancelledError
from .forms import load_form

log = logging.getLogger("sentinelhub_batch.quicklook")

FORM_CLASS, _ = load_form("quick_look_panel.ui")

QUICK_LOOK_LAYER_NAME = "Quick look (true colour)"
"""The quick look layer's name in English (the source text of its translation)."""
TEMPORARY_LAYER_PROPERTY = "sentinelhub_batch/temporary"
DEFAULT_TEST_RESOLUTION = 10.0
QUICK_LOOK_FOLDER = "quick-looks"
"""The folder of the rendered files, beside the job results: ``<project>_sentinelhub/quick-looks``."""


# --- the rendered files --------------------------------------------------------------------------------------


class QuickLookOutputs(QObject):
    """Folders for the rendered files, one per run: next to the saved project, else in the QGIS profile's cache,
    like loaded results. Never a temporary folder: a saved project reopens with its quick looks, and QGIS does not
    warn on closing that they will be lost.

    A run's folder is deleted once the project no longer holds its layers, unless the project was saved while it
    did (the saved file may use it).
    """

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._folder_of_layer: Dict[str, Path] = {}
        self._saved: Set[Path] = set()
        project = QgsProject.instance()
        project.layersRemoved.connect(self._forget_layers)
        project.projectSaved.connect(self._project_saved)

    def new_folder(self, label: str) -> Path:
        base = results_folder(QgsProject.instance(), QUICK_LOOK_FOLDER)
        base.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=time.strftime(f"{label}_%Y%m%d-%H%M%S_"), dir=base))

    def track(self, layer: QgsMapLayer, folder: Path) -> None:
        self._folder_of_layer[layer.id()] = folder

    def folder_of(self, layer_id: str) -> Optional[Path]:
        return self._folder_of_layer.get(layer_id)

    def _project_saved(self) -> None:
        self._saved.update(self._folder_of_layer.values())

    def _forget_layers(self, layer_ids: Sequence[str]) -> None:
        folders = {self._folder_of_layer.pop(layer_id) for layer_id in layer_ids if layer_id in self._folder_of_layer}
        still_used = set(self._folder_of_layer.values())
        for folder in folders - still_used - self._saved:
            shutil.rmtree(folder, ignore_errors=True)


# --- the panel -----------------------------------------------------------------------------------------------


@dataclass
class ProcessRun:
    """One Process API call of the panel: its background task and the folder its files go to."""

    action: str
    folder: Path
    task: Optional[BackgroundTask] = None


class QuickLookPanel(QWidget, FORM_CLASS):
    """Quick look and Test evalscript buttons for the new-job dock (``ui/quick_look_panel.ui``).

    ``get_inputs()`` returns the job's ``ProcessInputs`` (whole area in its CRS, evalscript, data, time range)
    or raises ``InvalidRequestError`` saying what is missing. ``get_area_layer()`` (optional) returns the area
    layer, whose selected features are the test area. ``connection_factory()`` gives the connection; by default
    the saved one (or the SH_* environment). ``confirm(title, question)`` asks before a call above the threshold
    (tests replace it).
    """

    finished = pyqtSignal(str, bool)
    """(action, succeeded) after every run: action is "quick_look" or "test"."""

    def __init__(
        self,
        iface: Any,
        get_inputs: Callable[[], ProcessInputs],
        parent: Optional[QWidget] = None,
        *,
        get_area_layer: Optional[Callable[[], Optional[QgsVectorLayer]]] = None,
        connection_factory: Callable[[], Any] = resolve_connection,
    ):
        super().__init__(parent)
        self.setupUi(self)
        self.iface = iface
        self.get_inputs = get_inputs
        self.get_area_layer = get_area_layer
        self.connection_factory = connection_factory
        self.outputs = QuickLookOutputs(self)
        self.run: Optional[ProcessRun] = None
        self.last_layers: List[QgsMapLayer] = []
        self.last_pu: Optional[float] = None
        self.last_estimate: Optional[float] = None
        """The PU the last call was estimated at before it was sent (None: unknown)."""
        self.confirm: Callable[[str, str], bool] = self._ask
        self.resolution_box.setClearValue(DEFAULT_TEST_RESOLUTION)
        self.quick_look_button.clicked.connect(self.run_quick_look)
        self.test_button.clicked.connect(self.run_test)
        self.cancel_button.clicked.connect(self.cancel)

    # --- actions ---------------------------------------------------------------------------------------------

    def run_quick_look(self) -> Optional[ProcessRun]:
        try:
            request = quick_look_request(self.get_inputs())
        except Exception as error:
            self._report_failure("quick_look", error)
            return None
        return self._start("quick_look", tr("Sentinel Hub quick look"), request)

    def run_test(self) -> Optional[ProcessRun]:
        try:
            resolution = float(self.resolution_box.value())
            request = build_process_request(self.test_area(resolution), resx=resolution, resy=resolution,
                                            check_evalscript=False)
        except Exception as error:
            self._report_failure("test", error)
            return None
        return self._start("test", tr("Sentinel Hub evalscript test"), request)

    def cancel(self) -> None:
        if self.run is not None and self.run.task is not None:
            # A task that has not started yet finishes inside cancel(): set the text first.
            self.status_label.setText(tr("Cancelling… (the answer on its way is discarded)"))
            self.run.task.cancel()

    def is_running(self) -> bool:
        return self.run is not None

    def test_inputs(self) -> ProcessInputs:
        """The job's inputs restricted to the selected features, else to the map extent."""
        inputs = self.get_inputs()
        if self._has_selection():
            selected = area_from_layer(self.get_area_layer(), selected_only=True)
            return replace(inputs, area=selected.geometry, area_crs=selected.crs)
        target = _qgis_crs(inputs.area_crs)
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), target, QgsProject.instance())
        extent = transform.transformBoundingBox(canvas.extent())
        return clip_to_extent(inputs, (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()))

    def test_area(self, resolution: float) -> ProcessInputs:
        """What the test renders, in metres: a 256 px window of :meth:`test_inputs` (in the selection, else at the
        map centre) unless the user asked for all of it."""
        inputs = in_metric_crs(self.test_inputs())
        if self.whole_area_check.isChecked():
            return inputs
        centre = None
        if not self._has_selection():
            canvas = self.iface.mapCanvas()
            transform = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), _qgis_crs(inputs.area_crs),
                                               QgsProject.instance())
            point = transform.transform(canvas.extent().center())
            centre = (point.x(), point.y())
        return evalscript_test_window(inputs, resolution, centre)

    def _has_selection(self) -> bool:
        layer = self.get_area_layer() if self.get_area_layer else None
        return layer is not None and layer.selectedFeatureCount() > 0

    # --- plumbing --------------------------------------------------------------------------------------------

    def _start(self, action: str, description: str, request: Dict[str, Any]) -> Optional[ProcessRun]:
        if self.run is not None:
            self.iface.messageBar().pushMessage(description, tr("A call is already running; wait or cancel it."),
                                                MessageLevel.Info, 5)
            return None
        estimate = process_request_estimate(request)
        self.last_estimate = estimate
        cost = tr("about {pu} PU").format(pu=format_pu(estimate)) if estimate is not None else tr("an unknown cost")
        if estimate is None or estimate > PROCESS_API_ASK_PU:
            question = tr("This call will cost {cost} (calls above {limit} PU ask first). Send it?").format(
                cost=cost, limit=format_pu(PROCESS_API_ASK_PU))
            if not self.confirm(description, question):
                self.status_label.setText(tr("Not sent ({cost}).").format(cost=cost))
                self.finished.emit(action, False)
                return None
        allowed = PROCESS_API_ASK_PU if estimate is None or estimate <= PROCESS_API_ASK_PU else estimate
        try:
            connection = self.connection_factory()
        except Exception as error:
            self._report_failure(action, error)
            return None
        run = ProcessRun(action, self.outputs.new_folder(action))
        self.run = run
        self._set_running(True)
        self.status_label.setText(tr("Asking Sentinel Hub ({cost})…").format(cost=cost))
        run.task = BackgroundTask(
            description, lambda activity: process_area(activity.batch_client(connection), request, run.folder,
                                                       activity, allowed if estimate is not None else None),
            lambda answer, error: self._done(run, answer, error), self).start()
        return run

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, run: ProcessRun, answer: Any, error: Optional[BaseException]) -> None:
        self.run = None
        self._set_running(False)
        if isinstance(error, TaskCancelledError):
            shutil.rmtree(run.folder, ignore_errors=True)
            self.status_label.setText(tr("Cancelled."))
            self.finished.emit(run.action, False)
            return
        if error is not None or answer is None:
            shutil.rmtree(run.folder, ignore_errors=True)
            self._report_failure(run.action, error or SentinelHubBatchError(tr("The call ended without an answer.")))
            return
        result, paths = answer
        try:
            layers = self._add_layers(run, paths)
        except Exception as failure:
            self._report_failure(run.action, failure)
            return
        self.last_layers = layers
        self.last_pu = result.pu_spent
        cost = tr("cost unknown") if self.last_pu is None else tr("{pu:.3g} PU").format(pu=self.last_pu)
        names = ", ".join(layer.name() for layer in layers)
        title = tr("Quick look") if run.action == "quick_look" else tr("Test evalscript")
        text = tr("Added {names} ({cost}).").format(names=names, cost=cost)
        self.status_label.setText(f"{title}: {text}")
        self.iface.messageBar().pushMessage(title, text, MessageLevel.Success, 8)
        self.finished.emit(run.action, True)

    def _add_layers(self, run: ProcessRun, paths: List[Path]) -> List[QgsMapLayer]:
        project = QgsProject.instance()
        layers = []
        for path in paths:
            name = tr("Quick look (true colour)") if run.action == "quick_look" else path.stem
            layer = QgsRasterLayer(str(path), name, "gdal")
            if not layer.isValid():
                raise SentinelHubBatchError(tr("The answer file {name} could not be opened as a raster.").format(
                    name=path.name))
            layer.setCustomProperty(TEMPORARY_LAYER_PROPERTY, True)
            layers.append(layer)
        root = project.layerTreeRoot()
        if run.action == "quick_look":
            for layer in layers:
                project.addMapLayer(layer, False)
                root.insertLayer(_index_under_vector_layers(root), layer)
        else:  # styled like the job's results would be: the index ramp, nothing painted outside the area
            group = root.insertGroup(0, tr("Evalscript test") + time.strftime(" %H:%M:%S"))
            for layer, path in zip(layers, paths):
                style_result_layer(layer, path.stem)
            place_result_layers(project, group, list(zip(layers, (path.stem for path in paths))))
        for layer in layers:
            self.outputs.track(layer, run.folder)
        return layers

    def _set_running(self, running: bool) -> None:
        self.quick_look_button.setEnabled(not running)
        self.test_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _report_failure(self, action: str, error: BaseException) -> None:
        title = tr("Quick look failed") if action == "quick_look" else tr("Evalscript test failed")
        text = describe_failure(error)
        if isinstance(error, SentinelHubBatchError):
            log.warning("%s: %s", title, error)
        else:
            log.error("%s", title, exc_info=(type(error), error, error.__traceback__))
        self.status_label.setText(f"{title}: {text}")
        self.iface.messageBar().pushMessage(title, text, MessageLevel.Critical, 0)
        self.finished.emit(action, False)


def _qgis_crs(crs: Any) -> QgsCoordinateReferenceSystem:
    text = str(crs).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    elif text.endswith("/CRS84"):
        text = "EPSG:4326"
    elif "/EPSG/0/" in text:
        text = "EPSG:" + text.rsplit("/", 1)[-1]
    return QgsCoordinateReferenceSystem(text)


def _index_under_vector_layers(root: Any) -> int:
    """Where a background raster goes: above the first raster (a basemap), below the vector layers above it."""
    for index, node in enumerate(root.children()):
        if isinstance(node, QgsLayerTreeLayer) and isinstance(node.layer(), QgsRasterLayer):
            return index
    return len(root.children())
