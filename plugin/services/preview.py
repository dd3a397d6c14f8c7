"""The tile and cost preview of a job before it is sent, and the temporary layer that shows its tiles.

- :func:`compute_preview` reads the evalscript, finds the tiles and estimates the cost: plain Python, no Qt.
- :class:`PreviewController` debounces edits, computes in the background and drops results of stale inputs.
- :class:`TilePreviewLayer` is the one temporary memory layer showing the tiles; it is refilled in place, exists only
  while there are tiles to show, and QGIS does not warn about losing it (it is recomputed, never edited).
- :func:`cost_text`, :func:`format_pu` say what a job costs, for the docks, the start dialog and Processing
  (``format_pu`` is the core's, ``core.spending``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any, List, Optional, Sequence, Tuple

from qgis.core import QgsFeature, QgsField, QgsFillSymbol, QgsProject, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.errors import InvalidRequestError
from ..core.spending import format_pu
from .compat import FIELD_TYPE_INT, FIELD_TYPE_STRING
from .i18n import tr
from .layers import SKIP_MEMORY_LAYER_CHECK, qgs_geometry
from .tasks import BackgroundTask, TaskCancelledError

log = logging.getLogger("sentinelhub_batch.gui")

PREVIEW_TILE_LIMIT = 20000
"""More tiles than this are not drawn (a preview of a continent is no preview)."""
PREVIEW_DELAY_MS = 400
PREVIEW_LAYER_NAME = "Batch job tiles (preview)"
"""The layer's name in English (the source text of its translation)."""
PREVIEW_LAYER_PROPERTY = "sentinelhub_batch/preview"


# ---------------------------------------------------------------------------------------------------------------
# Tiles and cost


@dataclass(frozen=True)
class PreviewInputs:
    area: Any
    """A valid shapely (multi)polygon in ``area_crs``, or None when there is no usable area."""
    area_crs: str
    grid: Any
    """A TilingGrid, or its id."""
    resolution: float
    buffer_x: int
    buffer_y: int
    evalscript: str
    time_from: date
    time_to: date
    data_collection: str = "sentinel-2-l1c"
    features: Any = None
    """``features.OwnFeatures``: the user's polygons are the tiles (sized at ``resolution``, in their CRS units)
    instead of the grid; ``area``, when given, limits them to those it touches."""


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


def compute_preview(inputs: PreviewInputs, generation: int = 0,
                    max_tiles: Optional[int] = PREVIEW_TILE_LIMIT) -> PreviewResult:
    """Evalscript outputs, tiles and cost for ``inputs``; every failure becomes a message in the result.

    ``max_tiles`` (None: no limit) bounds the tiles computed, so a slip of the area cannot stall the preview.
    """
    result = PreviewResult(inputs, generation)
    try:
        from ..core.evalscript import read_evalscript

        result.evalscript_info = read_evalscript(inputs.evalscript)
    except InvalidRequestError as error:
        result.evalscript_error = str(error)
    except Exception as error:
        log.exception("Reading the evalscript failed")
        result.evalscript_error = tr("The evalscript could not be read ({error}).").format(error=error)

    if inputs.features is not None:
        try:
            from .features import features_as_tiles, sized_features

            result.tiles = features_as_tiles(sized_features(inputs.features, inputs.resolution, inputs.area,
                                                            inputs.area_crs))
        except InvalidRequestError as error:
            result.tiles_error = str(error)
        except Exception as error:
            log.exception("Sizing the polygons as tiles failed")
            result.tiles_error = tr("The tiles could not be computed ({error}).").format(error=error)
    elif inputs.area is not None:
        try:
            from ..core.tiles import tiles_for_area

            result.tiles = tiles_for_area(inputs.area, inputs.area_crs, inputs.grid, inputs.resolution,
                                          inputs.buffer_x, inputs.buffer_y, max_tiles=max_tiles)
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


def checked_preview(inputs: PreviewInputs, max_tiles: Optional[int] = None) -> PreviewResult:
    """:func:`compute_preview` for callers that stop at the first problem (Processing): raises it as
    InvalidRequestError."""
    result = compute_preview(inputs, max_tiles=max_tiles)
    for problem in (result.evalscript_error, result.tiles_error, result.cost_error):
        if problem:
            raise InvalidRequestError(problem)
    if result.tiles is None:
        raise InvalidRequestError(tr("The job has no area."))
    return result


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
        self._tasks: List[BackgroundTask] = []
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
        task = BackgroundTask(tr("Sentinel Hub Batch: tile preview"),
                              lambda _activity: compute_preview(inputs, generation),
                              lambda result, error: self._finished(task, generation, result, error), self)
        self._tasks.append(task)
        task.start()

    def _finished(self, task: BackgroundTask, generation: int, result: Optional[PreviewResult],
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
    """One memory layer in the project with the tiles of the job being prepared; refilled, never duplicated.

    The layer is added with the first tiles and removed when there are none, so a project without a job in
    preparation is left unchanged. A preview layer saved in a reopened project is taken over, not doubled.
    """

    def __init__(self, project: Optional[QgsProject] = None, name: str = ""):
        self.project = project or QgsProject.instance()
        self.name = name or tr("Batch job tiles (preview)")
        self._layer_id: Optional[str] = None

    @property
    def layer(self) -> Optional[QgsVectorLayer]:
        layer = self.project.mapLayer(self._layer_id) if self._layer_id else None
        if layer is None:
            layer = next((candidate for candidate in self.project.mapLayers().values()
                          if candidate.customProperty(PREVIEW_LAYER_PROPERTY)), None)
            self._layer_id = layer.id() if layer is not None else None
        return layer if isinstance(layer, QgsVectorLayer) and not sip.isdeleted(layer) else None

    def show(self, tiles: Sequence[Any]) -> Optional[QgsVectorLayer]:
        """Show these tiles; with none, the layer is removed (None is returned)."""
        if not tiles:
            self.remove()
            return None
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
        layer = QgsVectorLayer("Polygon?crs=EPSG:4326", self.name, "memory")
        layer.dataProvider().addAttributes([
            QgsField("tile", FIELD_TYPE_STRING), QgsField("crs", FIELD_TYPE_STRING),
            QgsField("width_px", FIELD_TYPE_INT), QgsField("height_px", FIELD_TYPE_INT),
        ])
        layer.updateFields()
        symbol = QgsFillSymbol.createSimple({"color": "255,140,0,40", "outline_color": "255,120,0,255",
                                            "outline_width": "0.4"})
        layer.renderer().setSymbol(symbol)
        layer.setCustomProperty(PREVIEW_LAYER_PROPERTY, True)
        layer.setCustomProperty(SKIP_MEMORY_LAYER_CHECK, 1)
        self.project.addMapLayer(layer)
        self._layer_id = layer.id()
        return layer
