"""Quick look and evalscript test run: two Process API calls before paying for a batch job.

``QuickLookPanel`` is a widget the new-job dock embeds. **Quick look** renders the whole area in true colour
(512 px on the long side) and adds it as a temporary raster under the vector layers; **Test evalscript** runs
the job's evalscript on the selected feature (or the part of the area the map shows) at full resolution and
adds every output as a layer, with the processing units it cost. Both run in a ``QgsTask`` and can be
cancelled; failures go to the message bar in plain words, details to the message log.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import SentinelHubBatchError
from ..core.process_api import (
    ProcessInputs,
    ProcessResult,
    build_process_request,
    clip_to_extent,
    in_metric_crs,
    process,
    quick_look_request,
)
from ..core.process_api import (
    failure_text as core_failure_text,
)
from .compat import MessageLevel

log = logging.getLogger("sentinelhub_batch.quicklook")

QUICK_LOOK_LAYER_NAME = "Quick look (true colour)"
TEST_GROUP_NAME = "Evalscript test"
DEFAULT_TEST_RESOLUTION = 10.0


class TaskCancelledError(SentinelHubBatchError):
    """The user cancelled the call while it waited to retry."""


def tr(text: str) -> str:
    return QCoreApplication.translate("QuickLookPanel", text)


# --- temporary files -----------------------------------------------------------------------------------------


class TemporaryOutputs(QObject):
    """Folders for the rendered files: one per run, deleted when the project no longer holds any of its layers.

    Whatever remains (layers still open) is deleted when Python exits.
    """

    _session_root: Optional[Path] = None
    _root_lock = threading.Lock()

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._folder_of_layer: Dict[str, Path] = {}
        QgsProject.instance().layersRemoved.connect(self._forget_layers)

    @classmethod
    def session_root(cls) -> Path:
        with cls._root_lock:
            if cls._session_root is None or not cls._session_root.exists():
                cls._session_root = Path(tempfile.mkdtemp(prefix="sentinelhub_batch_quicklook_"))
                atexit.register(shutil.rmtree, str(cls._session_root), True)
            return cls._session_root

    def new_folder(self, label: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{label}_", dir=self.session_root()))

    def track(self, layer: QgsMapLayer, folder: Path) -> None:
        self._folder_of_layer[layer.id()] = folder

    def folder_of(self, layer_id: str) -> Optional[Path]:
        return self._folder_of_layer.get(layer_id)

    def _forget_layers(self, layer_ids: Sequence[str]) -> None:
        folders = {self._folder_of_layer.pop(layer_id) for layer_id in layer_ids if layer_id in self._folder_of_layer}
        still_used = set(self._folder_of_layer.values())
        for folder in folders - still_used:
            shutil.rmtree(folder, ignore_errors=True)


# --- the background call -------------------------------------------------------------------------------------


class ProcessTask(QgsTask):
    """One Process API call and the writing of its files, off the GUI thread; errors are kept, never raised."""

    def __init__(self, description: str, request: Dict[str, Any], folder: Path,
                 on_done: Callable[[ProcessTask], None]):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.request = request
        self.folder = folder
        self.client: Any = None
        self.result: Optional[ProcessResult] = None
        self.paths: List[Path] = []
        self.error: Optional[BaseException] = None
        self._on_done = on_done

    def sleep(self, seconds: float) -> None:
        """The client's wait between retries: returns early and raises when the task is cancelled."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.isCanceled():
                raise TaskCancelledError("Cancelled.")
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def run(self) -> bool:
        try:
            result = process(self.client, self.request)
            if self.isCanceled():
                return False
            self.paths = result.write_to(self.folder)
            self.result = result
            return True
        except Exception as error:  # reported to the GUI thread as data
            self.error = error
            return False

    def finished(self, ok: bool) -> None:
        self._on_done(self)


# --- the panel -----------------------------------------------------------------------------------------------


class QuickLookPanel(QWidget):
    """Quick look and Test evalscript buttons for the new-job dock.

    ``get_inputs()`` returns the job's ``ProcessInputs`` (whole area in its CRS, evalscript, data, time range)
    or raises ``InvalidRequestError`` saying what is missing. ``get_area_layer()`` (optional) returns the area
    layer, whose selected features are the test area. ``client_factory(**options)`` makes the BatchClient;
    by default the saved connection (or the SH_* environment) is used.
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
        client_factory: Optional[Callable[..., Any]] = None,
    ):
        super().__init__(parent)
        self.iface = iface
        self.get_inputs = get_inputs
        self.get_area_layer = get_area_layer
        self.client_factory = client_factory or _client_from_connection
        self.outputs = TemporaryOutputs(self)
        self.task: Optional[ProcessTask] = None
        self.last_layers: List[QgsMapLayer] = []
        self.last_pu: Optional[float] = None
        self._build()

    def _build(self) -> None:
        self.quick_look_button = QPushButton(tr("Quick look"), self)
        self.quick_look_button.setToolTip(tr("True colour image of the whole area (512 px), as a temporary layer. "
                                             "Costs a fraction of a processing unit."))
        self.test_button = QPushButton(tr("Test evalscript"), self)
        self.test_button.setToolTip(tr("Run the evalscript on the selected feature, or on the part of the area the "
                                       "map shows, at full resolution; every output becomes a layer."))
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.resolution_box = QDoubleSpinBox(self)
        self.resolution_box.setDecimals(2)
        self.resolution_box.setRange(0.5, 100000.0)
        self.resolution_box.setValue(DEFAULT_TEST_RESOLUTION)
        self.resolution_box.setSuffix(" m")
        self.resolution_box.setToolTip(tr("Pixel size of the test run (the Process API renders at most "
                                          "2500 × 2500 px)."))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.quick_look_button)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.cancel_button)
        form = QFormLayout()
        form.addRow(tr("Test resolution"), self.resolution_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

        self.quick_look_button.clicked.connect(self.run_quick_look)
        self.test_button.clicked.connect(self.run_test)
        self.cancel_button.clicked.connect(self.cancel)

    # --- actions ---------------------------------------------------------------------------------------------

    def run_quick_look(self) -> Optional[ProcessTask]:
        try:
            request = quick_look_request(self.get_inputs())
        except Exception as error:
            self._report_failure("quick_look", error)
            return None
        return self._start("quick_look", tr("Sentinel Hub quick look"), request)

    def run_test(self) -> Optional[ProcessTask]:
        try:
            inputs = in_metric_crs(self.test_inputs())
            resolution = float(self.resolution_box.value())
            request = build_process_request(inputs, resx=resolution, resy=resolution, check_evalscript=False)
        except Exception as error:
            self._report_failure("test", error)
            return None
        return self._start("test", tr("Sentinel Hub evalscript test"), request)

    def cancel(self) -> None:
        if self.task is not None:
            # A task that has not started yet finishes inside cancel(): set the text first.
            self.status_label.setText(tr("Cancelling… (the answer on its way is discarded)"))
            self.task.cancel()

    def is_running(self) -> bool:
        return self.task is not None

    def test_inputs(self) -> ProcessInputs:
        """The job's inputs restricted to the selected features, else to the map extent."""
        inputs = self.get_inputs()
        layer = self.get_area_layer() if self.get_area_layer else None
        if layer is not None and layer.selectedFeatureCount() > 0:
            from .area import area_from_layer

            selected = area_from_layer(layer, selected_only=True)
            return replace(inputs, area=selected.geometry, area_crs=selected.crs)
        target = _qgis_crs(inputs.area_crs)
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), target, QgsProject.instance())
        extent = transform.transformBoundingBox(canvas.extent())
        return clip_to_extent(inputs, (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()))

    # --- plumbing --------------------------------------------------------------------------------------------

    def _start(self, action: str, description: str, request: Dict[str, Any]) -> Optional[ProcessTask]:
        if self.task is not None:
            self.iface.messageBar().pushMessage(description, tr("A call is already running; wait or cancel it."),
                                                MessageLevel.Info, 5)
            return None
        folder = self.outputs.new_folder(action)
        task = ProcessTask(description, request, folder, lambda done: self._done(action, done))
        try:
            task.client = self.client_factory(sleep=task.sleep)
        except Exception as error:
            shutil.rmtree(folder, ignore_errors=True)
            self._report_failure(action, error)
            return None
        self.task = task
        self._set_running(True)
        self.status_label.setText(tr("Asking Sentinel Hub…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def _done(self, action: str, task: ProcessTask) -> None:
        self.task = None
        self._set_running(False)
        closer = getattr(task.client, "close", None)
        if callable(closer):
            closer()
        if task.isCanceled() or isinstance(task.error, TaskCancelledError):
            shutil.rmtree(task.folder, ignore_errors=True)
            self.status_label.setText(tr("Cancelled."))
            self.finished.emit(action, False)
            return
        if task.error is not None or task.result is None:
            shutil.rmtree(task.folder, ignore_errors=True)
            self._report_failure(action, task.error or SentinelHubBatchError("The call ended without an answer."))
            return
        try:
            layers = self._add_layers(action, task)
        except Exception as error:
            self._report_failure(action, error)
            return
        self.last_layers = layers
        self.last_pu = task.result.pu_spent
        cost = tr("cost unknown") if self.last_pu is None else tr("{pu:.3g} PU").format(pu=self.last_pu)
        names = ", ".join(layer.name() for layer in layers)
        title = tr("Quick look") if action == "quick_look" else tr("Test evalscript")
        text = tr("Added {names} ({cost}).").format(names=names, cost=cost)
        self.status_label.setText(f"{title}: {text}")
        self.iface.messageBar().pushMessage(title, text, MessageLevel.Success, 8)
        self.finished.emit(action, True)

    def _add_layers(self, action: str, task: ProcessTask) -> List[QgsMapLayer]:
        project = QgsProject.instance()
        layers = []
        for path in task.paths:
            name = QUICK_LOOK_LAYER_NAME if action == "quick_look" else path.stem
            layer = QgsRasterLayer(str(path), tr(name), "gdal")
            if not layer.isValid():
                raise SentinelHubBatchError(f"The answer file {path.name} could not be opened as a raster.")
            layer.setCustomProperty("sentinelhub_batch/temporary", True)
            layers.append(layer)
        root = project.layerTreeRoot()
        if action == "quick_look":
            for layer in layers:
                project.addMapLayer(layer, False)
                root.insertLayer(_index_under_vector_layers(root), layer)
        else:
            group = root.insertGroup(0, tr(TEST_GROUP_NAME) + time.strftime(" %H:%M:%S"))
            for layer in layers:
                project.addMapLayer(layer, False)
                group.addLayer(layer)
        for layer in layers:
            self.outputs.track(layer, task.folder)
        return layers

    def _set_running(self, running: bool) -> None:
        self.quick_look_button.setEnabled(not running)
        self.test_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _report_failure(self, action: str, error: BaseException) -> None:
        title = tr("Quick look failed") if action == "quick_look" else tr("Evalscript test failed")
        text = failure_text(error)
        if isinstance(error, SentinelHubBatchError):
            log.warning("%s: %s", title, error)
        else:
            log.error("%s", title, exc_info=(type(error), error, error.__traceback__))
        self.status_label.setText(f"{title}: {text}")
        self.iface.messageBar().pushMessage(title, text, MessageLevel.Critical, 0)
        self.finished.emit(action, False)


def failure_text(error: BaseException) -> str:
    """What the user reads: the service's own message for API errors, the check's message for bad input."""
    if isinstance(error, (SentinelHubBatchError, ValueError)):
        return core_failure_text(error)
    return tr("Unexpected error ({kind}: {text}); details are in the message log.").format(
        kind=type(error).__name__, text=error)


def _client_from_connection(**options: Any) -> Any:
    from .connection import resolve_connection

    return resolve_connection().batch_client(**options)


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
