"""The area of a batch job from a QGIS polygon layer: a valid shapely (multi)polygon and its CRS.

Every problem a user can cause (no layer, a raster or point layer, nothing selected, no features, only empty or
broken geometries, a CRS without an EPSG code) becomes an :class:`AreaLayerError` whose message says what to do.
Invalid polygons are repaired with the core's single rule (``tiles.polygonal_area_of``) and reported as repaired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapLayer,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from shapely import wkb
from shapely.geometry.base import BaseGeometry

from ..core.errors import InvalidRequestError
from ..core.tiles import AreaError, polygonal_area_of
from .compat import POLYGON_GEOMETRY
from .i18n import tr

WGS84_AUTHID = "EPSG:4326"
_current_area_source: Optional[Callable[[], Optional[QgsMapLayer]]] = None


class AreaLayerError(InvalidRequestError):
    """The layer cannot give an area; the message is meant for the user as is."""


@dataclass(frozen=True)
class JobArea:
    """A valid Polygon/MultiPolygon in ``crs`` (``EPSG:n``), ready for ``tiles_for_area`` and the request."""

    geometry: BaseGeometry
    crs: str
    layer_name: str
    feature_count: int
    selected_only: bool
    repaired: bool = False
    """True when invalid polygons were repaired; the dock tells the user."""
    reprojected_from: Optional[str] = None

    @property
    def epsg(self) -> int:
        return int(self.crs.split(":", 1)[1])

    def describe(self) -> str:
        which = tr("selected") if self.selected_only else tr("all")
        text = tr("{layer}: {count} feature(s) ({which}), {crs}").format(
            layer=self.layer_name, count=self.feature_count, which=which, crs=self.crs)
        if self.reprojected_from:
            text += tr(" (reprojected from {crs})").format(crs=self.reprojected_from)
        if self.repaired:
            text += tr("; invalid polygons were repaired")
        return text


def area_from_layer(layer: Optional[QgsMapLayer], selected_only: bool = False) -> JobArea:
    """The union of the layer's polygons (or of its selected ones) as a valid area; raises AreaLayerError."""
    if layer is None:
        raise AreaLayerError(tr("No polygon layer is chosen as the area. Add the layer with your area to the project "
                                "(Layer ▸ Add Layer) and choose it in the Area list, or make it the active layer."))
    if not isinstance(layer, QgsVectorLayer):
        raise AreaLayerError(tr("'{name}' is not a vector layer. Select a polygon layer in the Layers panel.")
                             .format(name=layer.name()))
    if not layer.isValid():
        raise AreaLayerError(tr("The layer '{name}' could not be read (its data source is missing or broken).")
                             .format(name=layer.name()))
    if layer.geometryType() != POLYGON_GEOMETRY:
        kind = QgsWkbTypes.geometryDisplayString(layer.geometryType())
        raise AreaLayerError(tr("'{name}' is a {kind} layer, but the area must be polygons. Select a polygon layer "
                                "(or buffer the features into polygons first).").format(name=layer.name(), kind=kind))
    if selected_only and layer.selectedFeatureCount() == 0:
        raise AreaLayerError(tr("No features of '{name}' are selected. Select the polygons to process, or untick "
                                "'Selected features only'.").format(name=layer.name()))

    source_crs = layer.crs()
    target_crs, reprojected_from = _job_crs(source_crs, layer.name())
    transform = None
    if target_crs != source_crs:
        transform = QgsCoordinateTransform(source_crs, target_crs, QgsProject.instance().transformContext())

    request = QgsFeatureRequest()
    request.setNoAttributes()
    features = layer.getSelectedFeatures(request) if selected_only else layer.getFeatures(request)
    parts = []
    repaired = False
    for feature in features:
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            continue
        if transform is not None:
            geometry.transform(transform)
        shape = shapely_geometry(geometry)
        try:
            polygon = polygonal_area_of(shape)
        except AreaError as error:
            raise AreaLayerError(tr("Feature {fid} of '{name}' cannot be used: {reason} Fix it (Processing → Fix "
                                    "geometries) or leave it out of the selection.").format(
                fid=feature.id(), name=layer.name(), reason=str(error))) from None
        repaired = repaired or not shape.is_valid
        parts.append(polygon)
    if not parts:
        if layer.featureCount() == 0:
            raise AreaLayerError(tr("The layer '{name}' has no features. Draw or load at least one polygon.")
                                 .format(name=layer.name()))
        raise AreaLayerError(tr("The features of '{name}' have no geometry. Draw or load at least one polygon.")
                             .format(name=layer.name()))
    area = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    return JobArea(area, target_crs.authid(), layer.name(), len(parts), selected_only, repaired, reprojected_from)



def _job_crs(source_crs: QgsCoordinateReferenceSystem, layer_name: str):
    """Keep an EPSG CRS as it is (tiles are computed in it); anything else is brought to WGS84."""
    if not source_crs.isValid():
        raise AreaLayerError(tr("The layer '{name}' has no coordinate reference system. Set it in the layer "
                                "properties (Source → Assigned CRS).").format(name=layer_name))
    authid = source_crs.authid()
    if authid.upper().startswith("EPSG:") and authid.split(":", 1)[1].isdigit():
        return source_crs, None
    return QgsCoordinateReferenceSystem(WGS84_AUTHID), authid or source_crs.description() or tr("a custom CRS")


def shapely_geometry(geometry: QgsGeometry) -> Any:
    """A 2D shapely geometry of a QGIS one (curves segmentized)."""
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    shape = wkb.loads(bytes(geometry.asWkb()))
    return shapely.force_2d(shape)


PLUGIN_LAYER_PROPERTY_PREFIX = "sentinelhub_batch/"


def is_plugin_layer(layer: Any) -> bool:
    """A layer this plugin added (tile preview, job tiles, quick look): never an area, even when it is active."""
    keys = layer.customPropertyKeys() if layer is not None and hasattr(layer, "customPropertyKeys") else []
    return any(str(key).startswith(PLUGIN_LAYER_PROPERTY_PREFIX) for key in keys)


def set_current_area_source(source: Optional[Callable[[], Optional[QgsMapLayer]]]) -> None:
    """Where :func:`current_area_layer` asks (the plugin passes the New job dock's area; None when unloaded)."""
    global _current_area_source
    _current_area_source = source


def current_area_layer() -> Optional[QgsMapLayer]:
    """The polygon layer the user works with as the area (the New job dock's, which follows the active polygon
    layer); None without the GUI, e.g. under ``qgis_process``."""
    layer = _current_area_source() if _current_area_source is not None else None
    return layer if isinstance(layer, QgsVectorLayer) and not is_plugin_layer(layer) else None


def plugin_layer_error(layer: QgsMapLayer) -> AreaLayerError:
    """What to tell a user whose active layer is one the plugin added (it cannot be the area)."""
    return AreaLayerError(tr("'{name}' was added by Sentinel Hub Batch (tiles or a quick look) and cannot be the area. "
                             "Choose a polygon layer of your own in the Area list, or make it the active layer.")
                          .format(name=layer.name()))
