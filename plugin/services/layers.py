"""The tile status layer: one memory layer with a job's tiles, coloured by status and updated in place.

Used by the jobs dock and by the Processing algorithms: nothing here touches ``iface`` or widgets. Updates go
through the data provider in one batch (``changeAttributeValues``) and only for tiles whose status changed, so a
job with tens of thousands of tiles repaints without re-creating the layer or freezing QGIS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core.errors import SentinelHubBatchError
from ..core.storage import ManifestFeature, TileStatus, manifest_tiles
from .compat import REQUEST_NO_GEOMETRY
from .i18n import tr

TILE_LAYER_CRS = "EPSG:4326"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TASK_ID_PROPERTY = "sentinelhub_batch/task_id"
"""Custom layer property holding the job id, so a reopened project can find a job's tile layer."""
SKIP_MEMORY_LAYER_CHECK = "skipMemoryLayersCheck"
"""The custom property QGIS reads before closing a project (QgisApp::checkMemoryLayers): a memory layer carrying it
is not reported as "temporary scratch layers will be lost" — the plugin's tile layers are rebuilt from the job."""

STATUS_FIELD = "status"

STATUS_COLOURS: Dict[TileStatus, str] = {
    TileStatus.PENDING: "#bdbdbd",
    TileStatus.PROCESSING: "#2b8cbe",
    TileStatus.DONE: "#31a354",
    TileStatus.NO_DATA: "#fec44f",
    TileStatus.FAILED: "#de2d26",
}
STATUS_ORDER = (TileStatus.PENDING, TileStatus.PROCESSING, TileStatus.DONE, TileStatus.NO_DATA, TileStatus.FAILED)


def status_label(status: TileStatus) -> str:
    """The status in the user's language, as the legend, the docks and Processing say it."""
    return {
        TileStatus.PENDING: tr("Waiting"),
        TileStatus.PROCESSING: tr("Processing"),
        TileStatus.DONE: tr("Done"),
        TileStatus.NO_DATA: tr("No data"),
        TileStatus.FAILED: tr("Failed"),
    }[status]


def status_counts_text(counts: Mapping[TileStatus, int]) -> str:
    """``8 done, 2 failed`` in the user's language: the tiles of each status that has any, in the legend's order."""
    texts = {
        TileStatus.PENDING: tr("{count} waiting"),
        TileStatus.PROCESSING: tr("{count} processing"),
        TileStatus.DONE: tr("{count} done"),
        TileStatus.NO_DATA: tr("{count} without data"),
        TileStatus.FAILED: tr("{count} failed"),
    }
    return ", ".join(texts[status].format(count=counts[status]) for status in STATUS_ORDER if counts.get(status))


@dataclass(frozen=True)
class TileRecord:
    """What the layer shows of one tile: its outline in WGS84 (a QgsGeometry) and its raster size.

    ``feature`` is the layer feature of the tile (status PENDING), built where the record is built — in the
    monitor worker for a manifest — so the GUI thread only hands it to the data provider.
    """

    name: str
    epsg: int
    width: int
    height: int
    geometry: QgsGeometry
    outputs: str = ""
    feature: QgsFeature = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        feature = QgsFeature()
        feature.setGeometry(self.geometry)
        feature.setAttributes([self.name, self.epsg, self.width, self.height, TileStatus.PENDING.value,
                               self.outputs])
        object.__setattr__(self, "feature", feature)


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


def records_from_manifest(manifest: Sequence[ManifestFeature],
                          transform_context: Optional[QgsCoordinateTransformContext] = None) -> List[TileRecord]:
    """One record per tile of a feature manifest (which has one row per tile and output), outlines in WGS84.

    Safe off the GUI thread (the monitor worker calls it) as long as a ``transform_context`` is passed or the
    default one will do: it reads nothing from the project then.
    """
    context = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    target = QgsCoordinateReferenceSystem(TILE_LAYER_CRS)
    transforms: Dict[int, QgsCoordinateTransform] = {}
    records = []
    for name, rows in manifest_tiles(manifest).items():
        first = rows[0]
        geometry = qgs_geometry(first.geometry)
        if first.epsg and first.epsg != 4326:
            transform = transforms.get(first.epsg)
            if transform is None:
                source = QgsCoordinateReferenceSystem(f"EPSG:{first.epsg}")
                transform = QgsCoordinateTransform(source, target, context)
                transforms[first.epsg] = transform
            geometry.transform(transform)
        outputs = ",".join(sorted({row.output_id for row in rows if row.output_id}))
        records.append(TileRecord(name, first.epsg, first.width, first.height, geometry, outputs))
    return records


def records_from_tiles(tiles: Iterable[Any]) -> List[TileRecord]:
    """Records from ``plugin.core.tiles.Tile`` objects (the local grid, before the service analysed the job).

    The raster size is the buffered one, as the manifest reports it.
    """
    records = []
    for tile in tiles:
        geometry = qgs_geometry(tile.geometry_wgs84)
        records.append(TileRecord(tile.name, tile.epsg, tile.buffered_width, tile.buffered_height, geometry))
    return records


def records_from_request(request: Mapping[str, Any]) -> List[TileRecord]:
    """Records of a job not analysed yet, computed locally from its batch request (the service's grid rules).

    Raises ``SentinelHubBatchError`` saying why when the request does not allow it: its tiles come from a
    GeoPackage, or it has no area or no tiling grid.
    """
    from ..core.tiles import tiles_for_area

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
    tiles = tiles_for_area(geometry, crs, int(grid_input["id"]), grid_input.get("resolution"),
                           int(grid_input.get("bufferX") or 0), int(grid_input.get("bufferY") or 0))
    return records_from_tiles(tiles)


def tile_status_renderer() -> QgsCategorizedSymbolRenderer:
    """Categories per TileStatus: semi-transparent fill, outline of the same colour, legend in plain words."""
    categories = []
    for status in STATUS_ORDER:
        colour = QColor(STATUS_COLOURS[status])
        rgb = f"{colour.red()},{colour.green()},{colour.blue()}"
        symbol = QgsFillSymbol.createSimple({
            "color": f"{rgb},150",
            "outline_color": f"{rgb},255",
            "outline_width": "0.3",
        })
        categories.append(QgsRendererCategory(status.value, symbol, status_label(status)))
    return QgsCategorizedSymbolRenderer(STATUS_FIELD, categories)


class TileStatusLayer:
    """A memory layer of a job's tiles with a name → feature id index for quick status updates.

    Build one with :meth:`create` or wrap an existing layer (a reopened project) with :meth:`attach`.
    """

    def __init__(self, layer: QgsVectorLayer):
        self.layer = layer
        self._fid_by_name: Dict[str, int] = {}
        self._status_by_name: Dict[str, str] = {}
        self._status_index = layer.fields().indexOf(STATUS_FIELD)
        if self._status_index < 0:
            raise ValueError(f"Layer '{layer.name()}' has no '{STATUS_FIELD}' field; it is not a tile status layer.")
        self._reindex()

    # -- construction

    @classmethod
    def create(cls, title: str, records: Sequence[TileRecord] = (), task_id: str = "",
               status: TileStatus = TileStatus.PENDING) -> TileStatusLayer:
        fields = "&".join([
            "field=name:string(64)",
            "field=epsg:integer",
            "field=width:integer",
            "field=height:integer",
            "field=status:string(16)",
            "field=outputs:string(254)",
        ])
        layer = QgsVectorLayer(f"Polygon?crs={TILE_LAYER_CRS}&{fields}&index=yes", title, "memory")
        if not layer.isValid():
            raise RuntimeError("QGIS could not create a memory layer for the tiles.")
        layer.setRenderer(tile_status_renderer())
        layer.setCustomProperty(SKIP_MEMORY_LAYER_CHECK, 1)
        if task_id:
            layer.setCustomProperty(TASK_ID_PROPERTY, task_id)
        tile_layer = cls(layer)
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

    # -- contents

    def __len__(self) -> int:
        return len(self._fid_by_name)

    @property
    def tile_names(self) -> List[str]:
        return list(self._fid_by_name)

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
        counts = {status: 0 for status in TileStatus}
        known = {status.value: status for status in TileStatus}
        for value in self._status_by_name.values():
            if value in known:
                counts[known[value]] += 1
        return counts

    def selected_tile_names(self) -> List[str]:
        name_index = self.layer.fields().indexOf("name")
        return [str(feature[name_index]) for feature in self.layer.selectedFeatures()]

    def replace_tiles(self, records: Sequence[TileRecord], status: TileStatus = TileStatus.PENDING,
                      keep_statuses: bool = True) -> None:
        """Put these tiles in the layer instead of the ones it has (same layer object: no re-creation).

        Used when the manifest arrives for a job whose tiles were drawn from the local grid, or to fill the
        empty layer of a reopened project. Known statuses are kept for tiles of the same name.
        """
        for _ in self.replace_tiles_in_steps(records, status, keep_statuses):
            pass

    def replace_tiles_in_steps(self, records: Sequence[TileRecord], status: TileStatus = TileStatus.PENDING,
                               keep_statuses: bool = True, chunk: int = 100) -> Iterator[int]:
        """:meth:`replace_tiles` as a generator doing ``chunk`` tiles per step, so the GUI stays responsive.

        The features come ready-made with the records; a step only sets statuses other than PENDING and hands
        ``chunk`` features to the data provider. Yields the number of tiles in the layer so far.
        """
        provider = self.layer.dataProvider()
        old_statuses = dict(self._status_by_name) if keep_statuses else {}
        old_ids = list(self._fid_by_name.values())
        self._fid_by_name.clear()
        self._status_by_name.clear()
        for first in range(0, len(old_ids), chunk):
            provider.deleteFeatures(old_ids[first:first + chunk])
            yield 0
        for first in range(0, len(records), chunk):
            batch = records[first:first + chunk]
            names = [record.name for record in batch]
            values = [old_statuses.get(name, status.value) for name in names]
            features = []
            for record, value in zip(batch, values):
                feature = record.feature
                if value != TileStatus.PENDING.value:
                    feature = QgsFeature(feature)
                    feature.setAttribute(self._status_index, value)
                features.append(feature)
            ok, added = provider.addFeatures(features)
            if not ok:
                raise RuntimeError(f"QGIS could not add the tiles to layer '{self.layer.name()}'.")
            self._fid_by_name.update(zip(names, (feature.id() for feature in added)))
            self._status_by_name.update(zip(names, values))
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

    def apply_statuses_in_steps(self, statuses: Mapping[str, Any], chunk: int = 250) -> Iterator[int]:
        """:meth:`apply_statuses` as a generator: one provider call per ``chunk`` tiles, one repaint at the end.

        Yields the running count of changed tiles.
        """
        remaining = iter(statuses.items())  # no list of every item: a burst of tuples would trigger a full GC
        changed = 0
        while True:
            batch = list(islice(remaining, chunk))
            if not batch:
                break
            changes: Dict[int, Dict[int, str]] = {}
            changed_names = []
            for name, status in batch:
                value = status.value if isinstance(status, TileStatus) else str(status)
                if self._status_by_name.get(name, value) == value:
                    continue
                changes[self._fid_by_name[name]] = {self._status_index: value}
                changed_names.append((name, value))
            if changes:
                if not self.layer.dataProvider().changeAttributeValues(changes):
                    raise RuntimeError(f"QGIS could not update the statuses of layer '{self.layer.name()}'.")
                self._status_by_name.update(changed_names)
                changed += len(changes)
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
