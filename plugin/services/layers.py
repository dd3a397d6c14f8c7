"""The tile status layer: one memory layer with a job's tiles, coloured by status and updated in place.

Used by the jobs dock and by the Processing algorithms: nothing here touches ``iface`` or widgets. Updates go
through the data provider in one batch (``changeAttributeValues``) and only for tiles whose status changed, so a
job with tens of thousands of tiles repaints without re-creating the layer or freezing QGIS.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRenderer,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMemoryProviderUtils,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core.errors import SentinelHubBatchError
from ..core.gc_pause import garbage_collection_paused
from ..core.outlines import WGS84_EPSG, outlines_wgs84
from ..core.storage import ManifestFeature, ManifestTiles, TileStatus, manifest_tiles
from .compat import FIELD_TYPE_INT, FIELD_TYPE_STRING, REQUEST_NO_GEOMETRY, WKB_POLYGON
from .i18n import tr

TILE_LAYER_CRS = "EPSG:4326"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TASK_ID_PROPERTY = "sentinelhub_batch/task_id"
"""Custom layer property holding the job id, so a reopened project can find a job's tile layer."""
SKIP_MEMORY_LAYER_CHECK = "skipMemoryLayersCheck"
"""The custom property QGIS reads before closing a project (QgisApp::checkMemoryLayers): a memory layer carrying it
is not reported as "temporary scratch layers will be lost" — the plugin's tile layers are rebuilt from the job."""

STATUS_FIELD = "status"
TILE_FIELDS = (("name", FIELD_TYPE_STRING, 64), ("epsg", FIELD_TYPE_INT, 0), ("width", FIELD_TYPE_INT, 0),
               ("height", FIELD_TYPE_INT, 0), (STATUS_FIELD, FIELD_TYPE_STRING, 16),
               ("outputs", FIELD_TYPE_STRING, 254))

STATUS_COLOURS: Dict[TileStatus, str] = {
    TileStatus.PENDING: "#bdbdbd",
    TileStatus.PROCESSING: "#2b8cbe",
    TileStatus.DONE: "#31a354",
    TileStatus.NO_DATA: "#fec44f",
    TileStatus.FAILED: "#de2d26",
}
STATUS_ORDER = (TileStatus.PENDING, TileStatus.PROCESSING, TileStatus.DONE, TileStatus.NO_DATA, TileStatus.FAILED)


def status_label(status: TileStatus, job_running: bool = False) -> str:
    """The status in the user's language, as the legend, the docks and Processing say it (the PENDING tiles of a
    running job are "to do, processing": see :func:`tile_status_renderer`)."""
    if job_running and status is TileStatus.PENDING:
        return tr("To do (processing)")
    return {
        TileStatus.PENDING: tr("Waiting"),
        TileStatus.PROCESSING: tr("Processing"),
        TileStatus.DONE: tr("Done"),
        TileStatus.NO_DATA: tr("No data"),
        TileStatus.FAILED: tr("Failed"),
    }[status]


def status_counts_text(counts: Mapping[TileStatus, int], job_running: bool = False) -> str:
    """``8 done, 2 failed`` in the user's language: the tiles of each status that has any, in the legend's order."""
    texts = {
        TileStatus.PENDING: tr("{count} to do") if job_running else tr("{count} waiting"),
        TileStatus.PROCESSING: tr("{count} processing"),
        TileStatus.DONE: tr("{count} done"),
        TileStatus.NO_DATA: tr("{count} without data"),
        TileStatus.FAILED: tr("{count} failed"),
    }
    return ", ".join(texts[status].format(count=counts[status]) for status in STATUS_ORDER if counts.get(status))


@dataclass(frozen=True)
class TileRecord:
    """What the layer shows of one tile: its outline in WGS84 (a QgsGeometry) and its raster size."""

    name: str
    epsg: int
    width: int
    height: int
    geometry: QgsGeometry
    outputs: str = ""


class TileOutlines:
    """The tiles a layer shows, as parallel lists: names, EPSG codes, raster sizes, outputs and WGS84 outlines as WKB.

    Built off the GUI thread (the monitor worker, a background task) and handed over as it is: a 100 000-tile job
    is a few lists, not an object per tile, and the GUI thread turns them into features a chunk at a time. Iterating
    gives :class:`TileRecord` objects, made one by one.
    """

    def __init__(self, names: List[str], epsg: List[int], widths: List[int], heights: List[int],
                 outlines: List[bytes], outputs: Optional[List[str]] = None):
        self.names = names
        self.epsg = epsg
        self.widths = widths
        self.heights = heights
        self.outlines = outlines
        """2D WKB in EPSG:4326."""
        self.outputs = outputs if outputs is not None else [""] * len(names)

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self) -> Iterator[TileRecord]:
        for index in range(len(self.names)):
            yield TileRecord(self.names[index], self.epsg[index], self.widths[index], self.heights[index],
                             geometry_from_wkb(self.outlines[index]), self.outputs[index])

    def __getitem__(self, index: slice) -> TileOutlines:
        return TileOutlines(self.names[index], self.epsg[index], self.widths[index], self.heights[index],
                            self.outlines[index], self.outputs[index])

    def features(self, first: int, last: int, statuses: Sequence[str]) -> List[QgsFeature]:
        """Layer features of tiles ``first`` up to ``last`` (exclusive), with these status values."""
        features = []
        for index, status in zip(range(first, last), statuses):
            feature = QgsFeature()
            feature.setGeometry(geometry_from_wkb(self.outlines[index]))
            feature.setAttributes([self.names[index], self.epsg[index], self.widths[index], self.heights[index],
                                   status, self.outputs[index]])
            features.append(feature)
        return features


def geometry_from_wkb(wkb: bytes) -> QgsGeometry:
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry


def qgs_geometry(shape: Any) -> QgsGeometry:
    """A 2D QgsGeometry from a shapely geometry: the one conversion the GUI and Processing use.

    Inside QGIS, shapely's GEOS calls may resolve to the older GEOS that QGIS loaded first, which refuses shapely's
    default WKB output dimension: 2D WKB is asked for explicitly, with WKT as the fallback.
    """
    import shapely

    geometry = QgsGeometry()
    try:
        geometry.fromWkb(shapely.to_wkb(shape, output_dimension=2))
    except Exception:  # any trouble of shapely's GEOS inside QGIS: WKT below
        geometry = QgsGeometry()
    if geometry.isNull():
        geometry = QgsGeometry.fromWkt(shape.wkt)
        if not geometry.isNull():
            geometry.get().dropZValue()
    return geometry


def records_from_manifest_tiles(tiles: ManifestTiles) -> TileOutlines:
    """The tiles of a manifest read with ``core.storage.read_manifest_tiles`` (the monitor's way), in WGS84.

    Safe off the GUI thread: it reads nothing from the project.
    """
    return TileOutlines(tiles.names, tiles.epsg, tiles.widths, tiles.heights,
                        outlines_wgs84(tiles.geometries, tiles.epsg), tiles.outputs)


def records_from_manifest(manifest: Sequence[ManifestFeature]) -> TileOutlines:
    """One entry per tile of a feature manifest (which has one row per tile and output), outlines in WGS84."""
    names, epsg, widths, heights, geometries, outputs = [], [], [], [], [], []
    for name, rows in manifest_tiles(manifest).items():
        first = rows[0]
        names.append(name)
        epsg.append(first.epsg)
        widths.append(first.width)
        heights.append(first.height)
        geometries.append(first.geometry)
        outputs.append(",".join(sorted({row.output_id for row in rows if row.output_id})))
    return TileOutlines(names, epsg, widths, heights, outlines_wgs84(geometries, epsg), outputs)


def records_from_found_tiles(found: Any, width: int, height: int, batch_size: int = 5_000,
                             check_cancelled: Callable[[], None] = lambda: None) -> TileOutlines:
    """The tiles of a ``core.tiles.find_tiles`` answer with ``width`` × ``height`` rasters, in WGS84.

    Built a batch at a time without a ``Tile`` object per tile, the garbage collector paused while a batch is made
    (core.gc_pause): a country's tiles add no objects for a full collection to walk. ``check_cancelled`` is called
    before each batch (it raises to stop).
    """
    import shapely

    records = TileOutlines([], [], [], [], [])
    batches = found.outlines(batch_size)
    while True:
        check_cancelled()
        with garbage_collection_paused():
            batch = next(batches, None)
            if batch is None:
                break
            names, epsg, polygons = batch
            records.names.extend(names)
            records.epsg.extend([epsg] * len(names))
            records.widths.extend([width] * len(names))
            records.heights.extend([height] * len(names))
            records.outlines.extend(shapely.to_wkb(polygons, output_dimension=2).tolist())
            del batch, polygons
    records.outputs = [""] * len(records.names)
    return records


def records_from_tiles(tiles: Sequence[Any]) -> TileOutlines:
    """The tiles of ``plugin.core.tiles.Tile`` objects (the local grid, before the service analysed the job).

    The raster size is the buffered one, as the manifest reports it.
    """
    return TileOutlines([tile.name for tile in tiles], [tile.epsg for tile in tiles],
                        [tile.buffered_width for tile in tiles], [tile.buffered_height for tile in tiles],
                        outlines_wgs84([tile.geometry_wgs84 for tile in tiles], [WGS84_EPSG] * len(tiles)))


def records_from_request(request: Mapping[str, Any]) -> TileOutlines:
    """Records of a job not analysed yet, computed locally from its batch request (the service's grid rules).

    Raises ``SentinelHubBatchError`` saying why when the request does not allow it: its tiles come from a
    GeoPackage, or it has no area or no tiling grid.
    """
    from ..core.tiles import find_tiles

    grid_input = request.get("input") or {}
    if grid_input.get("type") != "tiling-grid":
        raise SentinelHubBatchError(tr("its tiles come from a GeoPackage; they are drawn after the analysis."))
    if grid_input.get("id") is None:
        raise SentinelHubBatchError(tr("the request names no tiling grid."))
    bounds = ((request.get("processRequest") or {}).get("input") or {}).get("bounds") or {}
    geometry = bounds.get("geometry")
    if geometry is None and bounds.get("bbox"):
        from shapely.geometry import box

        geometry = box(*bounds["bbox"])
    if geometry is None:
        raise SentinelHubBatchError(tr("the request has no area."))
    crs = (bounds.get("properties") or {}).get("crs") or CRS84
    found = find_tiles(geometry, crs, int(grid_input["id"]), grid_input.get("resolution"),
                       int(grid_input.get("bufferX") or 0), int(grid_input.get("bufferY") or 0))
    counts = found.counts()
    if not counts:
        return TileOutlines([], [], [], [], [])
    # The raster size is the buffered one, as the manifest reports it.
    return records_from_found_tiles(found, counts[0].buffered_width, counts[0].buffered_height)


# -- layers and renderers made by QGIS's C++ code
#
# A QGIS object constructed from Python is, to QGIS, an instance of a Python subclass: the first call of each of its
# virtual methods (many, when a layer is created, added to the project and drawn) takes the GIL to look for a Python
# override. While another thread runs Python (the monitor reading a country's manifest), each of those calls waits
# up to the interpreter's switch interval, 5 ms: creating and adding a tile layer took 90-130 ms of the GUI thread.
# Made by QGIS's factory and by clone() instead they are plain C++ objects: 15-20 ms under the same load.

_RENDERER_TEMPLATES: Dict[Any, QgsFeatureRenderer] = {}
_RENDERER_TEMPLATES_LOCK = threading.Lock()


def memory_layer(title: str, fields: Tuple[Tuple[str, Any, int], ...], spatial_index: bool = True) -> QgsVectorLayer:
    """An empty polygon memory layer in :data:`TILE_LAYER_CRS`; ``fields`` are (name, FIELD_TYPE_*, length)."""
    definition, crs = _layer_definition(fields)
    layer = QgsMemoryProviderUtils.createMemoryLayer(title, definition, WKB_POLYGON, crs)
    if layer is None or not layer.isValid():
        raise RuntimeError("QGIS could not create a memory layer for the tiles.")
    if spatial_index:
        layer.dataProvider().createSpatialIndex()
    return layer


@functools.cache
def _layer_definition(fields: Tuple[Tuple[str, Any, int], ...]) -> Tuple[QgsFields, QgsCoordinateReferenceSystem]:
    definition = QgsFields()
    for name, kind, length in fields:
        definition.append(QgsField(name, kind, "", length))
    return definition, QgsCoordinateReferenceSystem(TILE_LAYER_CRS)


def cloned_renderer(key: Any, build: Callable[[], QgsFeatureRenderer]) -> QgsFeatureRenderer:
    """A copy made by QGIS of the renderer ``build`` returns, which is built once per ``key``."""
    with _RENDERER_TEMPLATES_LOCK:
        template = _RENDERER_TEMPLATES.get(key)
        if template is None:
            template = _RENDERER_TEMPLATES[key] = build()
    return template.clone()


@functools.cache
def prepare_tile_layers() -> None:
    """Make a tile layer, use it and throw it away, once per session, when a job starts being followed rather than
    when its first tiles arrive with the monitor and the disk busy: the first tile layer of a session loads QGIS code
    from disk (a dozen page faults: 100 ms with a cold disk cache; 25-70 ms of the GUI thread in the monitor
    benchmark) and builds what every tile layer shares (fields, CRS, renderers). Not at QGIS start-up."""
    from shapely import to_wkb
    from shapely.geometry import box

    tiles = TileStatusLayer.create("", TileOutlines(["warm-up"], [WGS84_EPSG], [1], [1], [to_wkb(box(0, 0, 1, 1))]))
    tiles.apply_statuses({"warm-up": TileStatus.DONE})
    tiles.show_job_running(True)


def _status_symbol(colour_name: str) -> QgsFillSymbol:
    colour = QColor(colour_name)
    rgb = f"{colour.red()},{colour.green()},{colour.blue()}"
    return QgsFillSymbol.createSimple({"color": f"{rgb},150", "outline_color": f"{rgb},255", "outline_width": "0.3"})


def tile_status_renderer(job_running: bool = False) -> QgsCategorizedSymbolRenderer:
    """Categories per TileStatus: semi-transparent fill, outline of the same colour, legend in plain words.

    While the job runs (``job_running``), its PENDING tiles are drawn in the colour of "Processing" and labelled
    "To do (processing)": the execution database has no status for a tile being worked on (PENDING, DONE and FATAL
    only), so the tiles still to do of a running job are the ones it is processing. Otherwise they are "Waiting".
    """
    labels = tuple(status_label(status, job_running) for status in STATUS_ORDER)

    def build() -> QgsCategorizedSymbolRenderer:
        categories = []
        for status, label in zip(STATUS_ORDER, labels):
            shown = TileStatus.PROCESSING if job_running and status is TileStatus.PENDING else status
            categories.append(QgsRendererCategory(status.value, _status_symbol(STATUS_COLOURS[shown]), label))
        return QgsCategorizedSymbolRenderer(STATUS_FIELD, categories)

    return cloned_renderer(("tile status", job_running, labels), build)


class TileStatusLayer:
    """A memory layer of a job's tiles with a name → feature id index for quick status updates.

    Build one with :meth:`create` or wrap an existing layer (a reopened project) with :meth:`attach`. The counts
    per status are kept up to date with every change, so asking for them costs nothing however many tiles.
    """

    def __init__(self, layer: QgsVectorLayer, index: bool = True):
        self.layer = layer
        self._fid_by_name: Dict[str, int] = {}
        self._status_by_name: Dict[str, str] = {}
        self._counts: Counter = Counter()
        self._status_index = layer.fields().indexOf(STATUS_FIELD)
        if self._status_index < 0:
            raise ValueError(f"Layer '{layer.name()}' has no '{STATUS_FIELD}' field; it is not a tile status layer.")
        if index:
            self._reindex()

    # -- construction

    @classmethod
    def create(cls, title: str, records: Optional[TileOutlines] = None, task_id: str = "",
               status: TileStatus = TileStatus.PENDING) -> TileStatusLayer:
        layer = memory_layer(title, TILE_FIELDS)
        layer.setRenderer(tile_status_renderer())
        layer.setCustomProperty(SKIP_MEMORY_LAYER_CHECK, 1)
        if task_id:
            layer.setCustomProperty(TASK_ID_PROPERTY, task_id)
        tile_layer = cls(layer, index=False)  # new: nothing to index
        if records:
            tile_layer.replace_tiles(records, status)
        return tile_layer

    @classmethod
    def attach(cls, layer: QgsVectorLayer) -> TileStatusLayer:
        """Wrap a tile layer that already exists (e.g. read from a project); the index is rebuilt from it."""
        return cls(layer)

    @property
    def task_id(self) -> str:
        return str(self.layer.customProperty(TASK_ID_PROPERTY, "") or "")

    def _reindex(self) -> None:
        name_index = self.layer.fields().indexOf("name")
        request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY)
        request.setSubsetOfAttributes([name_index, self._status_index])
        self._fid_by_name.clear()
        self._status_by_name.clear()
        for feature in self.layer.getFeatures(request):
            name = str(feature[name_index])
            self._fid_by_name[name] = feature.id()
            self._status_by_name[name] = str(feature[self._status_index])
        self._counts = Counter(self._status_by_name.values())

    def show_job_running(self, running: bool) -> None:
        """Draw the PENDING tiles as "To do (processing)" while the job runs, as "Waiting" otherwise (one renderer
        swap, no feature changes)."""
        renderer = self.layer.renderer()
        pending = next((category for category in getattr(renderer, "categories", lambda: [])()
                        if category.value() == TileStatus.PENDING.value), None)
        wanted = status_label(TileStatus.PENDING, running)
        if pending is None or pending.label() != wanted:
            self.layer.setRenderer(tile_status_renderer(running))
            self.layer.triggerRepaint()

    # -- contents

    def __len__(self) -> int:
        return len(self._fid_by_name)

    @property
    def tile_names(self) -> List[str]:
        return list(self._fid_by_name)

    def has_tiles(self, names: Iterable[str]) -> bool:
        """True when the layer holds exactly these tiles."""
        names = list(names)
        return len(names) == len(self._fid_by_name) and self._fid_by_name.keys() == set(names)

    def status_of(self, name: str) -> Optional[TileStatus]:
        value = self._status_by_name.get(name)
        try:
            return TileStatus(value) if value is not None else None
        except ValueError:
            return None

    def statuses(self) -> Dict[str, str]:
        """Tile name → status value as the layer shows it (a copy)."""
        return dict(self._status_by_name)

    def status_counts(self) -> Dict[TileStatus, int]:
        return {status: self._counts.get(status.value, 0) for status in TileStatus}

    def selected_tile_names(self) -> List[str]:
        name_index = self.layer.fields().indexOf("name")
        return [str(feature[name_index]) for feature in self.layer.selectedFeatures()]

    def replace_tiles(self, records: TileOutlines, status: TileStatus = TileStatus.PENDING,
                      keep_statuses: bool = True) -> None:
        """Put these tiles in the layer instead of the ones it has (same layer object: no re-creation).

        Used when the manifest arrives for a job whose tiles were drawn from the local grid, or to fill the
        empty layer of a reopened project. Known statuses are kept for tiles of the same name.
        """
        for _ in self.replace_tiles_in_steps(records, status, keep_statuses):
            pass

    def replace_tiles_in_steps(self, records: TileOutlines, status: TileStatus = TileStatus.PENDING,
                               keep_statuses: bool = True, chunk: int = 200) -> Iterator[int]:
        """:meth:`replace_tiles` as a generator doing ``chunk`` tiles per step, so the GUI stays responsive.

        A step makes ``chunk`` features from the tiles' WKB and hands them to the data provider. Yields the number
        of tiles in the layer so far.
        """
        provider = self.layer.dataProvider()
        old_statuses = dict(self._status_by_name) if keep_statuses else {}
        old_ids = list(self._fid_by_name.values())
        self._fid_by_name.clear()
        self._status_by_name.clear()
        self._counts.clear()
        for first in range(0, len(old_ids), chunk * 5):
            provider.deleteFeatures(old_ids[first:first + chunk * 5])
            yield 0
        names = records.names
        for first in range(0, len(records), chunk):
            batch = names[first:first + chunk]
            values = [old_statuses.get(name, status.value) for name in batch]
            with garbage_collection_paused():  # the step's features die with it (core.gc_pause)
                ok, added = provider.addFeatures(records.features(first, first + len(batch), values))
                if not ok:
                    raise RuntimeError(f"QGIS could not add the tiles to layer '{self.layer.name()}'.")
                self._fid_by_name.update(zip(batch, (feature.id() for feature in added)))
                del added
            self._status_by_name.update(zip(batch, values))
            self._counts.update(values)
            yield len(self._fid_by_name)
        self.layer.updateExtents()
        self.layer.triggerRepaint()

    def apply_statuses(self, statuses: Mapping[str, Any]) -> int:
        """Set the status of the named tiles; returns how many tiles changed. Unknown names are ignored.

        One provider call for all changed tiles, then one repaint; unchanged tiles cost a dict look-up.
        """
        changed = 0
        for changed in self.apply_statuses_in_steps(statuses, chunk=len(statuses) or 1):  # noqa: B007
            pass
        return changed

    def apply_statuses_in_steps(self, statuses: Mapping[str, Any], chunk: int = 500) -> Iterator[int]:
        """:meth:`apply_statuses` as a generator: one provider call per ``chunk`` tiles, one repaint at the end.

        Yields the running count of changed tiles.
        """
        remaining = iter(statuses.items())  # no list of every item: a burst of tuples would trigger a full GC
        changed = 0
        while True:
            batch = list(islice(remaining, chunk))
            if not batch:
                break
            with garbage_collection_paused():  # the step's change maps die with it (core.gc_pause)
                changes: Dict[int, Dict[int, str]] = {}
                changed_names = []
                for name, status in batch:
                    value = status.value if isinstance(status, TileStatus) else str(status)
                    old = self._status_by_name.get(name, value)
                    if old == value:
                        continue
                    changes[self._fid_by_name[name]] = {self._status_index: value}
                    changed_names.append((name, value))
                    self._counts[old] -= 1
                    self._counts[value] += 1
                if changes:
                    if not self.layer.dataProvider().changeAttributeValues(changes):
                        raise RuntimeError(f"QGIS could not update the statuses of layer '{self.layer.name()}'.")
                    self._status_by_name.update(changed_names)
                    changed += len(changes)
                del changes, changed_names, batch
            yield changed
        if changed:
            self.layer.triggerRepaint()


def find_tile_layer(project: QgsProject, task_id: str, layer_id: str = "") -> Optional[QgsVectorLayer]:
    """The tile layer of a job in a project: by layer id when given, else by the job id property."""
    if layer_id:
        layer = project.mapLayer(layer_id)
        if isinstance(layer, QgsVectorLayer) and layer.fields().indexOf(STATUS_FIELD) >= 0:
            return layer
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.customProperty(TASK_ID_PROPERTY, "") == task_id:
            return layer
    return None


def tile_layer_title(task_id: str, description: str = "") -> str:
    short = task_id[:8]
    return tr("Tiles {id} – {description}").format(id=short, description=description[:40]) if description \
        else tr("Tiles {id}").format(id=short)
