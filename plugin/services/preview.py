"""Work off the GUI thread and the tile preview of the New job dock.

- :class:`BackgroundCall` runs one function as a ``QgsTask`` and hands its result (or the exception, as data) to a
  callback on the GUI thread; it never raises into Qt.
- :func:`compute_preview` reads the evalscript, finds the tiles and estimates the cost: plain Python, no Qt.
- :class:`PreviewController` debounces edits, computes in the background and drops results of stale inputs.
- :class:`TilePreviewLayer` is the one temporary memory layer showing the tiles; it is refilled in place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, List, Optional, Sequence, Set, Tuple

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal

from ..core.errors import InvalidRequestError, SentinelHubBatchError
from .compat import FIELD_TYPE_INT, FIELD_TYPE_STRING
from .layers import qgs_geometry

log = logging.getLogger("sentinelhub_batch.gui")

PREVIEW_TILE_LIMIT = 20000
"""More tiles than this are not drawn (a preview of a continent is no preview)."""
PREVIEW_DELAY_MS = 400
PREVIEW_LAYER_NAME = "Batch job tiles (preview)"


def tr(text: str) -> str:
    return QCoreApplication.translate("SentinelHubBatchPreview", text)


# ---------------------------------------------------------------------------------------------------------------
# Background calls


_RUNNING: Set[BackgroundCall] = set()
"""Python references to running tasks: the task manager owns the C++ side, this keeps the Python side alive."""


class BackgroundCall(QgsTask):
    """``function(task)`` on a worker thread; ``on_done(result, error)`` afterwards on the GUI thread.

    ``error`` is the exception the function raised (``None`` on success); a cancelled task reports
    ``TaskCancelledError``. When ``receiver`` (a QObject) is deleted before the end, ``on_done`` is not called.
    """

    def __init__(self, description: str, function: Callable[[BackgroundCall], Any],
                 on_done: Callable[[Any, Optional[BaseException]], None], receiver: Optional[QObject] = None):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.function = function
        self.on_done = on_done
        self.receiver = receiver
        self.result_value: Any = None
        self.error: Optional[BaseException] = None

    def start(self) -> BackgroundCall:
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self)
        return self

    def run(self) -> bool:
        try:
            self.result_value = self.function(self)
        except Exception as error:  # reported as data, on the GUI thread
            self.error = error
        return True

    def finished(self, result: bool) -> None:
        _RUNNING.discard(self)
        if not result and self.error is None:
            self.error = TaskCancelledError(tr("The operation was cancelled."))
        if self.receiver is not None and sip.isdeleted(self.receiver):
            return
        try:
            self.on_done(self.result_value, self.error)
        except Exception:
            log.exception("Applying the result of '%s' failed", self.description())


class TaskCancelledError(SentinelHubBatchError):
    pass


def describe_failure(error: BaseException, what: str, base_url: str = "") -> str:
    """One plain sentence set for the message bar: what failed, why, what to do. Never a traceback."""
    from ..core.errors import (
        ApiError,
        AuthenticationError,
        ConnectionFailedError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServiceUnavailableError,
    )

    where = base_url or tr("the service")
    if isinstance(error, AuthenticationError):
        return tr("{what} failed: Sentinel Hub refused the client id or secret (a wrong or expired secret, or a "
                  "deleted OAuth client). Check the credentials in the connection settings.").format(what=what)
    if isinstance(error, PermissionDeniedError):
        return tr("{what} failed: the credentials work, but this account may not use Batch Processing here "
                  "({message}). Batch needs an account with batch access; check the plan or the deployment.").format(
            what=what, message=error.message)
    if isinstance(error, NotFoundError):
        return tr("{what} failed: {where} answered 'not found' ({message}). Check the deployment and base URL."
                  ).format(what=what, where=where, message=error.message)
    if isinstance(error, (RateLimitError, ServiceUnavailableError)):
        return tr("{what} failed: the service is busy or unavailable ({message}). Try again in a few minutes."
                  ).format(what=what, message=error.message)
    if isinstance(error, ApiError):
        return tr("{what} failed: Sentinel Hub answered {status}: {message}").format(
            what=what, status=error.status, message=error.message)
    if isinstance(error, ConnectionFailedError):
        return tr("{what} failed: {where} could not be reached (no answer). Check the URL, the network and the "
                  "proxy settings of QGIS, then try again.").format(what=what, where=where)
    if isinstance(error, (InvalidRequestError, TaskCancelledError)):
        return tr("{what} failed: {reason}").format(what=what, reason=str(error))
    return tr("{what} failed unexpectedly ({kind}). Details are in the message log (Sentinel Hub Batch)."
              ).format(what=what, kind=type(error).__name__)


# ---------------------------------------------------------------------------------------------------------------
# Tiles and cost


@dataclass(frozen=True)
class PreviewInputs:
    area: Any
    """A valid shapely (multi)polygon in ``area_crs``, or None when there is no usable area."""
    area_crs: str
    grid: Any
    """A TilingGrid."""
    resolution: float
    buffer_x: int
    buffer_y: int
    evalscript: str
    time_from: date
    time_to: date
    data_collection: str = "sentinel-2-l1c"


@dataclass
class PreviewResult:
    inputs: PreviewInputs
    generation: int = 0
    tiles: Optional[List[Any]] = None
    tiles_error: Optional[str] = None
    evalscript_info: Any = None
    evalscript_error: Optional[str] = None
    cost: Any = None
    cost_error: Optional[str] = None
    problems: List[str] = field(default_factory=list)


def compute_preview(inputs: PreviewInputs, generation: int = 0) -> PreviewResult:
    """Evalscript outputs, tiles and cost for ``inputs``; every failure becomes a message in the result."""
    result = PreviewResult(inputs, generation)
    try:
        from ..core.evalscript import read_evalscript

        result.evalscript_info = read_evalscript(inputs.evalscript)
    except InvalidRequestError as error:
        result.evalscript_error = str(error)
    except Exception as error:
        log.exception("Reading the evalscript failed")
        result.evalscript_error = tr("The evalscript could not be read ({error}).").format(error=error)

    if inputs.area is not None:
        try:
            from ..core.tiles import tiles_for_area

            result.tiles = tiles_for_area(inputs.area, inputs.area_crs, inputs.grid, inputs.resolution,
                                          inputs.buffer_x, inputs.buffer_y, max_tiles=PREVIEW_TILE_LIMIT)
        except InvalidRequestError as error:
            result.tiles_error = str(error)
        except Exception as error:
            log.exception("Computing the tiles failed")
            result.tiles_error = tr("The tiles could not be computed ({error}).").format(error=error)

    if result.tiles is not None and result.evalscript_info is not None:
        try:
            from ..core.cost import estimate_processing_units

            result.cost = estimate_processing_units(result.tiles, result.evalscript_info, inputs.time_from,
                                                    inputs.time_to)
        except InvalidRequestError as error:
            result.cost_error = str(error)
        except Exception as error:
            log.exception("Estimating the cost failed")
            result.cost_error = tr("The cost could not be estimated ({error}).").format(error=error)
    return result


def format_pu(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def cost_figures(cost: Any) -> Tuple[float, float, float]:
    """(estimate, charged, billed) processing units of a CostEstimate."""
    return float(cost.estimate_pu), float(cost.charged_pu), float(cost.billed_pu)


def cost_text(cost: Any) -> str:
    estimate, charged, billed = cost_figures(cost)
    text = tr("{charged} PU charged (estimate {estimate} PU before the batch discount)").format(
        charged=format_pu(charged), estimate=format_pu(estimate))
    if billed > charged + 1e-9:
        text += tr("; billed {billed} PU (the minimum per request)").format(billed=format_pu(billed))
    return text


# ---------------------------------------------------------------------------------------------------------------
# Debounced, stale-safe preview


class PreviewController(QObject):
    """Collects edits for ``delay_ms``, then computes the preview in the background.

    Only the result of the latest inputs is emitted (``preview_ready``); results of older inputs are dropped.
    """

    preview_ready = pyqtSignal(object)
    busy_changed = pyqtSignal(bool)

    def __init__(self, parent: Optional[QObject] = None, delay_ms: int = PREVIEW_DELAY_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._pending: Optional[PreviewInputs] = None
        self._generation = 0
        self._tasks: List[BackgroundCall] = []
        self.discarded = 0
        """How many finished computations were dropped as stale (for tests and the log)."""

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or bool(self._tasks)

    @property
    def generation(self) -> int:
        return self._generation

    def schedule(self, inputs: PreviewInputs) -> None:
        self._pending = inputs
        self._timer.start()
        self.busy_changed.emit(True)

    def _start(self) -> None:
        self._timer.stop()
        inputs = self._pending
        if inputs is None:
            return
        self._pending = None
        self._generation += 1
        generation = self._generation
        for older in self._tasks:
            older.cancel()
        task = BackgroundCall(tr("Sentinel Hub Batch: tile preview"),
                              lambda _task: compute_preview(inputs, generation),
                              lambda result, error: self._finished(task, generation, result, error), self)
        self._tasks.append(task)
        task.start()

    def _finished(self, task: BackgroundCall, generation: int, result: Optional[PreviewResult],
                  error: Optional[BaseException]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if generation != self._generation or self._pending is not None:
            self.discarded += 1
            return
        self.busy_changed.emit(False)
        if result is None:
            if isinstance(error, TaskCancelledError):
                return
            log.error("The tile preview failed: %s", error)
            return
        self.preview_ready.emit(result)

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        self._generation += 1
        for task in self._tasks:
            task.cancel()
        self.busy_changed.emit(False)


# ---------------------------------------------------------------------------------------------------------------
# The temporary tile layer


class TilePreviewLayer:
    """One memory layer in the project with the tiles of the job being prepared; refilled, never duplicated."""

    def __init__(self, project: Optional[QgsProject] = None, name: str = PREVIEW_LAYER_NAME):
        self.project = project or QgsProject.instance()
        self.name = name
        self._layer_id: Optional[str] = None

    @property
    def layer(self) -> Optional[QgsVectorLayer]:
        if not self._layer_id:
            return None
        layer = self.project.mapLayer(self._layer_id)
        return layer if isinstance(layer, QgsVectorLayer) and not sip.isdeleted(layer) else None

    def show(self, tiles: Sequence[Any]) -> QgsVectorLayer:
        layer = self.layer
        if layer is None:
            layer = self._create()
        provider = layer.dataProvider()
        provider.truncate()
        features = []
        fields = layer.fields()
        for tile in tiles:
            feature = QgsFeature(fields)
            feature.setGeometry(qgs_geometry(tile.geometry_wgs84))
            feature.setAttributes([tile.name, f"EPSG:{tile.epsg}", int(tile.width), int(tile.height)])
            features.append(feature)
        provider.addFeatures(features)
        layer.updateExtents()
        layer.triggerRepaint()
        return layer

    def remove(self) -> None:
        layer = self.layer
        if layer is not None:
            self.project.removeMapLayer(layer.id())
        self._layer_id = None

    def _create(self) -> QgsVectorLayer:
        layer = QgsVectorLayer("Polygon?crs=EPSG:4326", tr(self.name), "memory")
        layer.dataProvider().addAttributes([
            QgsField("tile", FIELD_TYPE_STRING), QgsField("crs", FIELD_TYPE_STRING),
            QgsField("width_px", FIELD_TYPE_INT), QgsField("height_px", FIELD_TYPE_INT),
        ])
        layer.updateFields()
        symbol = QgsFillSymbol.createSimple({"color": "255,140,0,40", "outline_color": "255,120,0,255",
                                            "outline_width": "0.4"})
        layer.renderer().setSymbol(symbol)
        layer.setCustomProperty("sentinelhub_batch/preview", True)
        self.project.addMapLayer(layer)
        self._layer_id = layer.id()
        return layer
