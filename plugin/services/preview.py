"""The tile and cost preview of a job before it is sent, and the temporary layer that shows its tiles.

- :func:`compute_preview` reads the evalscript, finds the tiles and estimates the cost: no Qt. For the docks it
  prices the tiles from their counts and hands over their outlines as a few lists (``layers.TileOutlines``), so a
  country's 100 000 tiles cost no object per tile, and an area beyond :data:`PREVIEW_DRAW_LIMIT` is counted and
  priced without being drawn (the whole world on grid 1: 5 million tiles).
- :class:`PreviewController` debounces edits, computes in the background, cancels what new inputs make stale and
  drops their results.
- :class:`TilePreviewLayer` is the one temporary memory layer showing the tiles; it is refilled in place a chunk at a
  time (so the GUI thread never works long at once), exists only while there are tiles to show, and QGIS does not
  warn about losing it (it is recomputed, never edited).
- :func:`cost_text`, :func:`format_pu` say what a job costs, for the docks, the start dialog and Processing
  (``format_pu`` is the core's, ``core.spending``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, List, Optional, Tuple

from qgis.core import QgsFeature, QgsFillSymbol, QgsProject, QgsRuleBasedRenderer, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.errors import InvalidRequestError
from ..core.gc_pause import garbage_collection_paused
from ..core.spending import format_pu
from .compat import FIELD_TYPE_INT, FIELD_TYPE_STRING
from .i18n import tr
from .layers import (
    SKIP_MEMORY_LAYER_CHECK,
    TileOutlines,
    cloned_renderer,
    geometry_from_wkb,
    memory_layer,
    records_from_found_tiles,
    records_from_tiles,
)
from .tasks import Activity, BackgroundTask, TaskCancelledError

log = logging.getLogger("sentinelhub_batch.gui")

PREVIEW_FIELDS = (("tile", FIELD_TYPE_STRING, 0), ("crs", FIELD_TYPE_STRING, 0),
                  ("width_px", FIELD_TYPE_INT, 0), ("height_px", FIELD_TYPE_INT, 0))

PREVIEW_DRAW_LIMIT = 250_000
"""Up to this many tiles are drawn; an area with more is counted and priced but not drawn (its layer would take
hundreds of megabytes and show a solid colour)."""
PREVIEW_BATCH = 5_000
"""Tiles made at a time off the GUI thread."""
PREVIEW_DELAY_MS = 400
PREVIEW_LAYER_NAME = "Batch job tiles (preview)"
"""The layer's name in English (the source text of its translation)."""
PREVIEW_LAYER_PROPERTY = "sentinelhub_batch/preview"
FILL_TURN_SECONDS = 0.015
"""The GUI thread fills the preview layer in turns this long, then lets QGIS handle its events."""
FILL_CHUNK = 250


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


@dataclass(frozen=True)
class TileSize:
    """The tiles' pixels and their rasters' pixels (with the buffer)."""

    width: int
    height: int
    buffered_width: int
    buffered_height: int


@dataclass
class PreviewResult:
    inputs: PreviewInputs
    generation: int = 0
    tile_count: Optional[int] = None
    tile_size: Optional[TileSize] = None
    """The grid's tile size (None for the user's own polygons, whose sizes differ)."""
    tiles: Optional[List[Any]] = None
    """Every tile (``core.tiles.Tile`` or ``features.FeatureTile``), when kept: Processing, and own polygons."""
    outlines: Optional[TileOutlines] = None
    """What the docks draw; None when there are more than :data:`PREVIEW_DRAW_LIMIT` tiles."""
    tiles_error: Optional[str] = None
    evalscript_info: Any = None
    evalscript_error: Optional[str] = None
    cost: Any = None
    cost_error: Optional[str] = None
    problems: List[str] = field(default_factory=list)

    @property
    def drawn(self) -> bool:
        return self.outlines is not None

    def tile_sizes(self) -> List[Any]:
        """Something with ``width``, ``height``, ``buffered_width`` and ``buffered_height`` per distinct tile size:
        every tile when kept, else the grid's one size."""
        if self.tiles is not None:
            return list(self.tiles)
        return [self.tile_size] if self.tile_size is not None else []


def compute_preview(inputs: PreviewInputs, generation: int = 0, *, outlines: bool = False,
                    activity: Optional[Activity] = None, max_tiles: Optional[int] = None) -> PreviewResult:
    """Evalscript outputs, tiles and cost for ``inputs``; every failure becomes a message in the result.

    With ``outlines`` (the docks) the grid's tiles are priced from their counts and come as outlines to draw;
    without (Processing) ``tiles`` holds every tile and the cost has each tile's share. ``max_tiles`` refuses areas
    of more tiles. Cancelling ``activity`` stops the work at the next 100 km square or batch of tiles.
    """
    activity = activity or Activity()
    result = PreviewResult(inputs, generation)
    try:
        from ..core.evalscript import read_evalscript

        result.evalscript_info = read_evalscript(inputs.evalscript)
    except InvalidRequestError as error:
        result.evalscript_error = str(error)
    except Exception as error:
        log.exception("Reading the evalscript failed")
        result.evalscript_error = tr("The evalscript could not be read ({error}).").format(error=error)

    counts = None
    if inputs.features is not None:
        try:
            from .features import features_as_tiles, sized_features

            result.tiles = features_as_tiles(sized_features(inputs.features, inputs.resolution, inputs.area,
                                                            inputs.area_crs))
            result.tile_count = len(result.tiles)
            if outlines:
                result.outlines = records_from_tiles(result.tiles)
        except InvalidRequestError as error:
            result.tiles_error = str(error)
        except Exception as error:
            log.exception("Sizing the polygons as tiles failed")
            result.tiles_error = tr("The tiles could not be computed ({error}).").format(error=error)
    elif inputs.area is not None:
        try:
            counts = _find_tiles(inputs, result, outlines, activity, max_tiles)
        except (InvalidRequestError, TaskCancelledError) as error:
            if isinstance(error, TaskCancelledError) or activity.cancelled():
                raise
            result.tiles_error = str(error)
        except Exception as error:
            log.exception("Computing the tiles failed")
            result.tiles_error = tr("The tiles could not be computed ({error}).").format(error=error)

    if (result.tiles is not None or counts is not None) and result.evalscript_info is not None:
        try:
            from ..core.cost import estimate_for_tile_counts, estimate_processing_units

            if result.tiles is not None:
                result.cost = estimate_processing_units(result.tiles, result.evalscript_info, inputs.time_from,
                                                        inputs.time_to)
            else:
                result.cost = estimate_for_tile_counts(counts, result.evalscript_info, inputs.time_from,
                                                       inputs.time_to)
        except InvalidRequestError as error:
            result.cost_error = str(error)
        except Exception as error:
            log.exception("Estimating the cost failed")
            result.cost_error = tr("The cost could not be estimated ({error}).").format(error=error)
    return result


def _find_tiles(inputs: PreviewInputs, result: PreviewResult, outlines: bool, activity: Activity,
                max_tiles: Optional[int]) -> List[Any]:
    """Fill ``result`` with the grid's tiles (count, size, and the tiles or their outlines); returns the counts per
    tile CRS."""
    from ..core.tiles import AreaError, find_tiles

    found = find_tiles(inputs.area, inputs.area_crs, inputs.grid, inputs.resolution, inputs.buffer_x,
                       inputs.buffer_y, name_limit=PREVIEW_DRAW_LIMIT if outlines else max_tiles,
                       is_cancelled=activity.cancelled)
    if max_tiles is not None and found.count > max_tiles:
        raise AreaError(tr("The area needs {count} tiles, more than the limit of {limit}. Choose a smaller area or "
                           "a grid with bigger tiles.").format(count=found.count, limit=max_tiles))
    counts = found.counts()
    result.tile_count = found.count
    if counts:
        first = counts[0]
        result.tile_size = TileSize(first.width, first.height, first.buffered_width, first.buffered_height)
    if not outlines:
        result.tiles = [tile for batch in found.in_batches(max(found.count, 1)) for tile in batch]
    elif found.named:
        width, height = (counts[0].width, counts[0].height) if counts else (0, 0)
        result.outlines = records_from_found_tiles(found, width, height, PREVIEW_BATCH, activity.check_cancelled)
    return counts


def checked_preview(inputs: PreviewInputs) -> PreviewResult:
    """:func:`compute_preview` with every tile (Processing) for callers that stop at the first problem: raises it as
    InvalidRequestError."""
    result = compute_preview(inputs)
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
    """Collects edits for ``delay_ms``, then computes the preview in the background (a choice made at once, such as
    another area, is not waited for).

    New inputs cancel the computation under way (it stops at its next 100 km square or batch of tiles); only the
    result of the latest inputs is emitted (``preview_ready``), results of older inputs are dropped.
    """

    preview_ready = pyqtSignal(object)
    busy_changed = pyqtSignal(bool)

    def __init__(self, parent: Optional[QObject] = None, delay_ms: int = PREVIEW_DELAY_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._delay_ms = delay_ms
        self._pending: Optional[PreviewInputs] = None
        self._computed: Optional[PreviewInputs] = None
        """The inputs of the computation running or of the result last shown."""
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

    def schedule(self, inputs: PreviewInputs, at_once: bool = False) -> None:
        """Compute a preview of ``inputs`` once they stay unchanged for the debounce delay, or with ``at_once`` (a
        choice, not typing) at the next turn of the event loop; nothing when they are those of the preview running,
        shown or about to start (a widget re-emitting its value must not redo a country's tiles)."""
        if self._pending is None and inputs == self._computed:
            return
        if inputs == self._pending and not at_once:
            return  # a value re-emitted while waiting does not restart the wait
        self._pending = inputs
        self._timer.start(0 if at_once else self._delay_ms)
        for running in self._tasks:
            running.cancel()
        self.busy_changed.emit(True)

    def _start(self) -> None:
        self._timer.stop()
        inputs = self._pending
        if inputs is None:
            return
        self._pending = None
        self._computed = inputs
        self._generation += 1
        generation = self._generation
        for older in self._tasks:
            older.cancel()
        task = BackgroundTask(tr("Sentinel Hub Batch: tile preview"),
                              lambda activity: compute_preview(inputs, generation, outlines=True, activity=activity),
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
            self._computed = None
            if isinstance(error, TaskCancelledError):
                return
            log.error("The tile preview failed: %s", error)
            return
        self.preview_ready.emit(result)

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        self._computed = None
        self._generation += 1
        for task in self._tasks:
            task.cancel()
        self.busy_changed.emit(False)


# ---------------------------------------------------------------------------------------------------------------
# The temporary tile layer


class TilePreviewLayer:
    """One memory layer in the project with the tiles of the job being prepared; refilled, never duplicated.

    The layer is added with the first tiles and removed when there are none, so a project without a job in
    preparation is left unchanged. A preview layer saved in a reopened project is taken over, not doubled. A new
    preview refills it in turns of :data:`FILL_TURN_SECONDS` on the GUI thread (:attr:`filling` meanwhile), so
    100 000 tiles never hold QGIS up; when zoomed out so far that outlines would merge, tiles get a fill only.
    """

    OUTLINE_SCALE = 2_000_000
    """Outlines are drawn at scales larger than 1:2 000 000 (there a 10 km tile is 5 mm wide on screen)."""

    def __init__(self, project: Optional[QgsProject] = None, name: str = "", parent: Optional[QObject] = None):
        self.project = project or QgsProject.instance()
        self.name = name or tr("Batch job tiles (preview)")
        self._layer_id: Optional[str] = None
        self._steps: Optional[Iterator[None]] = None
        self._timer = QTimer(parent)
        """Ends with ``parent`` (the dock), not at an arbitrary moment of Python's exit."""
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fill_turn)

    @property
    def layer(self) -> Optional[QgsVectorLayer]:
        layer = self.project.mapLayer(self._layer_id) if self._layer_id else None
        if layer is None:
            layer = next((candidate for candidate in self.project.mapLayers().values()
                          if candidate.customProperty(PREVIEW_LAYER_PROPERTY)), None)
            self._layer_id = layer.id() if layer is not None else None
        return layer if isinstance(layer, QgsVectorLayer) and not sip.isdeleted(layer) else None

    @property
    def filling(self) -> bool:
        return self._steps is not None

    def show(self, outlines: Optional[TileOutlines]) -> Optional[QgsVectorLayer]:
        """Show these tiles (the layer is refilled in turns, see :attr:`filling`); with none, the layer is removed
        (None is returned)."""
        self._steps = None
        if not outlines:
            self._timer.stop()
            self.remove()
            return None
        layer = self.layer
        if layer is None:
            layer = self._create()  # added to the project once filled
        self._steps = self._fill_steps(layer, outlines)
        self._timer.start()
        return layer

    def remove(self) -> None:
        self._steps = None
        self._timer.stop()
        layer = self.layer
        if layer is not None:
            self.project.removeMapLayer(layer.id())
        self._layer_id = None

    def _fill_turn(self) -> None:
        deadline = time.perf_counter() + FILL_TURN_SECONDS
        while self._steps is not None and time.perf_counter() < deadline:
            try:
                next(self._steps)
            except StopIteration:
                self._steps = None
        if self._steps is None:
            self._timer.stop()

    def _fill_steps(self, layer: QgsVectorLayer, outlines: TileOutlines) -> Iterator[None]:
        """The refill, a chunk a step; it ends early when the user removed the layer from the project meanwhile."""
        provider = layer.dataProvider()
        old_ids = list(provider.allFeatureIds())
        for first in range(0, len(old_ids), FILL_CHUNK * 4):
            provider.deleteFeatures(old_ids[first:first + FILL_CHUNK * 4])
            yield
            if sip.isdeleted(layer):
                return
        fields = layer.fields()
        for first in range(0, len(outlines), FILL_CHUNK):
            with garbage_collection_paused():  # the chunk's features die with it (core.gc_pause)
                features = []
                for index in range(first, min(first + FILL_CHUNK, len(outlines))):
                    feature = QgsFeature(fields)
                    feature.setGeometry(geometry_from_wkb(outlines.outlines[index]))
                    feature.setAttributes([outlines.names[index], f"EPSG:{outlines.epsg[index]}",
                                           outlines.widths[index], outlines.heights[index]])
                    features.append(feature)
                provider.addFeatures(features)
                del features
            yield
            if sip.isdeleted(layer):
                return
        layer.updateExtents()
        if self.project.mapLayer(layer.id()) is None:
            self.project.addMapLayer(layer)
            self._layer_id = layer.id()
        layer.triggerRepaint()

    def _create(self) -> QgsVectorLayer:
        layer = memory_layer(self.name, PREVIEW_FIELDS, spatial_index=False)

        def build() -> QgsRuleBasedRenderer:
            root = QgsRuleBasedRenderer.Rule(None)
            root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
                "color": "255,140,0,40", "outline_color": "255,120,0,255", "outline_width": "0.4"}),
                maximumScale=0, minimumScale=self.OUTLINE_SCALE, label=tr("Tiles")))
            root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
                "color": "255,140,0,90", "outline_style": "no"}), maximumScale=self.OUTLINE_SCALE,
                label=tr("Tiles (zoomed out)")))
            return QgsRuleBasedRenderer(root)

        layer.setRenderer(cloned_renderer(("tile preview", tr("Tiles"), tr("Tiles (zoomed out)")), build))
        layer.setCustomProperty(PREVIEW_LAYER_PROPERTY, True)
        layer.setCustomProperty(SKIP_MEMORY_LAYER_CHECK, 1)
        return layer
