"""The tile and cost preview of a job before it is sent, and the temporary layer that shows its tiles.

- :func:`compute_preview` reads the evalscript, finds the tiles and estimates the cost: plain Python, no Qt. For
  the docks it writes the tiles to a GeoPackage a batch at a time and prices them from their counts, so an area of
  100 000 tiles costs memory for one batch, and one of millions (beyond :data:`PREVIEW_DRAW_LIMIT`) is counted and
  priced without being drawn.
- :class:`PreviewController` debounces edits, computes in the background, cancels what new inputs make stale and
  drops their results.
- :class:`TilePreviewLayer` is the one layer showing the tiles; a new preview swaps its file, so drawing 100 000
  tiles costs the GUI thread what drawing eight does.
- :func:`cost_text`, :func:`format_pu` say what a job costs, for the docks, the start dialog and Processing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, List, Optional, Tuple

from qgis.core import QgsFillSymbol, QgsProject, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.errors import InvalidRequestError
from .i18n import tr
from .tasks import Activity, BackgroundTask, TaskCancelledError

log = logging.getLogger("sentinelhub_batch.gui")

PREVIEW_DRAW_LIMIT = 250_000
"""Up to this many tiles are drawn; an area with more is counted and priced but not drawn (its layer would take
hundreds of megabytes and show a solid colour)."""
PREVIEW_BATCH = 5_000
"""Tiles built and written at a time."""
PREVIEW_DELAY_MS = 400
PREVIEW_LAYER_NAME = "Batch job tiles (preview)"
"""The layer's name in English (the source text of its translation)."""
PREVIEW_LAYER_PROPERTY = "sentinelhub_batch/preview"
PREVIEW_TABLE = "tiles"


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
    tiles: Optional[List[Any]] = None
    """Every ``core.tiles.Tile``, when the caller keeps them (Processing); the docks get ``tiles_path``."""
    tiles_path: str = ""
    """The GeoPackage of the tiles to draw; empty when there are more than :data:`PREVIEW_DRAW_LIMIT`."""
    tiles_error: Optional[str] = None
    evalscript_info: Any = None
    evalscript_error: Optional[str] = None
    cost: Any = None
    cost_error: Optional[str] = None
    problems: List[str] = field(default_factory=list)

    @property
    def drawn(self) -> bool:
        return bool(self.tiles_path)


def compute_preview(inputs: PreviewInputs, generation: int = 0, *, tiles_folder: Optional[Path] = None,
                    activity: Optional[Activity] = None, max_tiles: Optional[int] = None) -> PreviewResult:
    """Evalscript outputs, tiles and cost for ``inputs``; every failure becomes a message in the result.

    With ``tiles_folder`` (the docks) the tiles are written to a new GeoPackage there and priced from their counts;
    without it (Processing) ``tiles`` holds every tile and the cost has each tile's share. ``max_tiles`` refuses
    areas of more tiles. Cancelling ``activity`` stops the work between 100 km squares or batches of tiles.
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
    if inputs.area is not None:
        try:
            counts = _find_tiles(inputs, result, tiles_folder, activity, max_tiles)
        except (InvalidRequestError, TaskCancelledError) as error:
            if isinstance(error, TaskCancelledError) or activity.cancelled():
                raise
            result.tiles_error = str(error)
        except Exception as error:
            log.exception("Computing the tiles failed")
            result.tiles_error = tr("The tiles could not be computed ({error}).").format(error=error)

    if counts is not None and result.evalscript_info is not None:
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


def _find_tiles(inputs: PreviewInputs, result: PreviewResult, tiles_folder: Optional[Path], activity: Activity,
                max_tiles: Optional[int]) -> List[Any]:
    """Fill ``result`` with the tiles (count, size, and the tiles or their file); returns the counts per CRS."""
    from ..core.tiles import AreaError, find_tiles

    name_limit = PREVIEW_DRAW_LIMIT if tiles_folder is not None else max_tiles
    found = find_tiles(inputs.area, inputs.area_crs, inputs.grid, inputs.resolution, inputs.buffer_x,
                       inputs.buffer_y, name_limit=name_limit, is_cancelled=activity.cancelled)
    if max_tiles is not None and found.count > max_tiles:
        raise AreaError(tr("The area needs {count} tiles, more than the limit of {limit}. Choose a smaller area or "
                           "a grid with bigger tiles.").format(count=found.count, limit=max_tiles))
    counts = found.counts()
    result.tile_count = found.count
    if counts:
        first = counts[0]
        result.tile_size = TileSize(first.width, first.height, first.buffered_width, first.buffered_height)
    if tiles_folder is None:
        result.tiles = [tile for batch in found.in_batches(max(found.count, 1)) for tile in batch]
    elif found.named:
        result.tiles_path = write_tiles_geopackage(found, tiles_folder, activity)
    return counts


def write_tiles_geopackage(found: Any, folder: Path, activity: Activity) -> str:
    """Write the tiles of ``found`` (``core.tiles.AreaTiles``) to a new GeoPackage in ``folder``, a batch at a time;
    returns its path. A cancelled activity leaves no file behind."""
    from ..core.geopackage import OutlinesGeoPackage

    folder.mkdir(parents=True, exist_ok=True)
    writer = OutlinesGeoPackage(str(folder / f"tiles-{uuid.uuid4().hex[:12]}.gpkg"), PREVIEW_TABLE,
                                [("tile", "TEXT"), ("crs", "TEXT"), ("width_px", "INTEGER"),
                                 ("height_px", "INTEGER")])
    counts = found.counts()
    width, height = (counts[0].width, counts[0].height) if counts else (0, 0)
    try:
        for names, epsg, outlines in found.outlines(PREVIEW_BATCH):
            activity.check_cancelled()
            crs = f"EPSG:{epsg}"
            writer.add(outlines, [(name, crs, width, height) for name in names])
    except BaseException:
        writer.discard()
        raise
    writer.close()
    return writer.path


def checked_preview(inputs: PreviewInputs, max_tiles: Optional[int] = None) -> PreviewResult:
    """:func:`compute_preview` with every tile (Processing) for callers that stop at the first problem: raises it as
    InvalidRequestError."""
    result = compute_preview(inputs, max_tiles=max_tiles)
    for problem in (result.evalscript_error, result.tiles_error, result.cost_error):
        if problem:
            raise InvalidRequestError(problem)
    if result.tiles is None:
        raise InvalidRequestError(tr("The job has no area."))
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

    New inputs cancel the computation under way (it stops at its next 100 km square or batch of tiles); only the
    result of the latest inputs is emitted (``preview_ready``), results of older inputs are dropped. The tile files
    go to a folder of their own, deleted by :meth:`cancel` with ``forget_files``.
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
        self._folder: Optional[Path] = None
        self.discarded = 0
        """How many finished computations were dropped as stale (for tests and the log)."""

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or bool(self._tasks)

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def tiles_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="sentinelhub_batch_preview_"))
        return self._folder

    def schedule(self, inputs: PreviewInputs) -> None:
        self._pending = inputs
        self._timer.start()
        for running in self._tasks:
            running.cancel()
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
        folder = self.tiles_folder
        task = BackgroundTask(tr("Sentinel Hub Batch: tile preview"),
                              lambda activity: compute_preview(inputs, generation, tiles_folder=folder,
                                                               activity=activity),
                              lambda result, error: self._finished(task, generation, result, error), self)
        self._tasks.append(task)
        task.start()

    def _finished(self, task: BackgroundTask, generation: int, result: Optional[PreviewResult],
                  error: Optional[BaseException]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if generation != self._generation or self._pending is not None:
            self.discarded += 1
            if result is not None and result.tiles_path:
                remove_tiles_file(result.tiles_path)
            return
        self.busy_changed.emit(False)
        if result is None:
            if isinstance(error, TaskCancelledError):
                return
            log.error("The tile preview failed: %s", error)
            return
        self.preview_ready.emit(result)

    def cancel(self, forget_files: bool = False) -> None:
        self._timer.stop()
        self._pending = None
        self._generation += 1
        for task in self._tasks:
            task.cancel()
        self.busy_changed.emit(False)
        if forget_files and self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def remove_tiles_file(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


# ---------------------------------------------------------------------------------------------------------------
# The tile layer


class TilePreviewLayer:
    """One layer in the project with the tiles of the job being prepared, read from the preview's GeoPackage.

    A new preview swaps the layer's file (``setDataSource``: same layer, style and place in the legend, never a
    duplicate), so the GUI thread does the same little work for 100 000 tiles as for eight; QGIS reads the file in
    its render threads through the file's spatial index. Tiles get only a fill when zoomed out so far that their
    outlines would merge.
    """

    OUTLINE_SCALE = 2_000_000
    """Outlines are drawn at larger scales than 1:2 000 000 (there a 10 km tile is 5 mm wide on screen)."""

    def __init__(self, project: Optional[QgsProject] = None, name: str = ""):
        self.project = project or QgsProject.instance()
        self.name = name or tr("Batch job tiles (preview)")
        self._layer_id: Optional[str] = None

    @property
    def layer(self) -> Optional[QgsVectorLayer]:
        if not self._layer_id:
            return None
        layer = self.project.mapLayer(self._layer_id)
        return layer if isinstance(layer, QgsVectorLayer) and not sip.isdeleted(layer) else None

    def show(self, path: str) -> QgsVectorLayer:
        """Show the tiles of the GeoPackage ``path`` (written by :func:`write_tiles_geopackage`); the file shown
        before is deleted."""
        source = f"{path}|layername={PREVIEW_TABLE}"
        layer = self.layer
        if layer is None:
            layer = self._create(source)
        else:
            previous = layer.source().split("|", 1)[0]
            layer.setDataSource(source, self.name, "ogr")
            layer.setReadOnly(True)
            if previous != path:
                remove_tiles_file(previous)
        layer.triggerRepaint()
        return layer

    def remove(self) -> None:
        layer = self.layer
        if layer is not None:
            self.project.removeMapLayer(layer.id())
        self._layer_id = None

    def _create(self, source: str) -> QgsVectorLayer:
        from qgis.core import QgsRuleBasedRenderer

        layer = QgsVectorLayer(source, self.name, "ogr")
        layer.setReadOnly(True)
        root = QgsRuleBasedRenderer.Rule(None)
        outlined = QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
            "color": "255,140,0,40", "outline_color": "255,120,0,255", "outline_width": "0.4"}),
            maximumScale=0, minimumScale=self.OUTLINE_SCALE, label=tr("Tiles"))
        filled = QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
            "color": "255,140,0,90", "outline_style": "no"}), maximumScale=self.OUTLINE_SCALE,
            label=tr("Tiles (zoomed out)"))
        root.appendChild(outlined)
        root.appendChild(filled)
        layer.setRenderer(QgsRuleBasedRenderer(root))
        layer.setCustomProperty(PREVIEW_LAYER_PROPERTY, True)
        self.project.addMapLayer(layer)
        self._layer_id = layer.id()
        return layer
