"""One's own polygons as the tiles of a job (a GeoPackage input instead of a tiling grid), read from a QGIS layer.

:func:`own_features_from_layer` reads the polygons and their names on the GUI thread (or a Processing run);
:func:`features_as_tiles` sizes them at a resolution with the core's rule (``geopackage.features_from_polygons``),
keeps those an area touches (``geopackage.features_in_area``) and gives them the shape the preview layer, the cost
estimate and the tile outputs use, so they are previewed and priced like grid tiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

from qgis.core import QgsFeatureRequest, QgsMapLayer, QgsVectorLayer, QgsWkbTypes

from ..core.errors import InvalidRequestError
from ..core.geopackage import GeoPackageFeature, features_from_polygons, features_in_area, outlines_in_lonlat
from .area import shapely_geometry
from .compat import POLYGON_GEOMETRY
from .i18n import tr


class FeaturesLayerError(InvalidRequestError):
    """The layer cannot give the job's tiles; the message is meant for the user as is."""


@dataclass(frozen=True)
class OwnFeatures:
    """The user's polygons, named, in the layer's EPSG CRS (sized later, at the job's resolution)."""

    polygons: Tuple[Tuple[str, Any], ...]
    epsg: int
    layer_name: str
    identifier_field: str = ""

    @property
    def crs(self) -> str:
        return f"EPSG:{self.epsg}"

    def describe(self) -> str:
        names = tr("named by '{field}'").format(field=self.identifier_field) if self.identifier_field \
            else tr("named by feature id")
        return tr("{layer}: {count} polygon(s), {names}, EPSG:{epsg}").format(
            layer=self.layer_name, count=len(self.polygons), names=names, epsg=self.epsg)


@dataclass(frozen=True)
class FeatureTile:
    """A feature in the shape of a grid tile (``core.tiles.Tile``): what the preview layer, the cost estimate and
    the tiles output read. A GeoPackage feature has no buffer, so its raster is its size."""

    name: str
    epsg: int
    width: int
    height: int
    geometry_wgs84: Any

    @property
    def buffered_width(self) -> int:
        return self.width

    @property
    def buffered_height(self) -> int:
        return self.height


def own_features_from_layer(layer: Optional[QgsMapLayer], identifier_field: str = "") -> OwnFeatures:
    """The polygons of a layer, each named by ``identifier_field`` (empty: the feature id); raises
    FeaturesLayerError saying what to change."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        raise FeaturesLayerError(tr("Choose the polygon layer whose features are the tiles of the job."))
    if layer.geometryType() != POLYGON_GEOMETRY:
        kind = QgsWkbTypes.geometryDisplayString(layer.geometryType())
        raise FeaturesLayerError(tr("'{name}' is a {kind} layer; the tiles of a job must be polygons.").format(
            name=layer.name(), kind=kind))
    authid = layer.crs().authid() if layer.crs().isValid() else ""
    code = authid.split(":", 1)[1] if authid.upper().startswith("EPSG:") else ""
    if not code.isdigit():
        raise FeaturesLayerError(tr("The polygons of '{name}' are not in an EPSG coordinate system ({crs}), which a "
                                    "batch GeoPackage needs. Save them in one (Export → Save Features As…, e.g. a "
                                    "UTM zone) and use that layer.").format(name=layer.name(),
                                                                             crs=authid or tr("none")))
    if identifier_field and layer.fields().indexOf(identifier_field) < 0:
        raise FeaturesLayerError(tr("The layer '{name}' has no field '{field}' to name the tiles by.").format(
            name=layer.name(), field=identifier_field))
    request = QgsFeatureRequest()
    if identifier_field:
        request.setSubsetOfAttributes([identifier_field], layer.fields())
    else:
        request.setNoAttributes()
    polygons: List[Tuple[str, Any]] = []
    for feature in layer.getFeatures(request):
        if identifier_field:
            value = feature[identifier_field]
            if value is None or (hasattr(value, "isNull") and value.isNull()) or not str(value).strip():
                raise FeaturesLayerError(tr("Feature {fid} of '{name}' has no value in '{field}', which names the "
                                            "tiles. Fill it in or choose another field.").format(
                    fid=feature.id(), name=layer.name(), field=identifier_field))
            name = str(value).strip()
        else:
            name = str(feature.id())
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            raise FeaturesLayerError(tr("Feature '{feature}' of '{name}' has no geometry; delete it or draw its "
                                        "polygon.").format(feature=name, name=layer.name()))
        polygons.append((name, shapely_geometry(geometry)))
    if not polygons:
        raise FeaturesLayerError(tr("The layer '{name}' has no features. Draw or load at least one polygon.").format(
            name=layer.name()))
    return OwnFeatures(tuple(polygons), int(code), layer.name(), identifier_field)


def sized_features(own: OwnFeatures, resolution: float, area: Any = None,
                   area_crs: Any = None) -> List[GeoPackageFeature]:
    """The features at ``resolution`` (in the units of their CRS); with an area, only those it touches, which are
    the ones the service processes and charges."""
    features = features_from_polygons(own.polygons, own.epsg, resolution)
    if area is not None:
        features = features_in_area(features, area, area_crs)
        if not features:
            raise InvalidRequestError(tr("None of the polygons of '{name}' touches the area, so the job would process "
                                         "nothing. Choose another area or do not limit the polygons to it.").format(
                name=own.layer_name))
    return features


def features_as_tiles(features: Sequence[GeoPackageFeature]) -> List[FeatureTile]:
    """The features as preview tiles, with their outline in longitude/latitude."""
    return [FeatureTile(feature.identifier, feature.epsg, feature.width, feature.height, outline)
            for feature, outline in zip(features, outlines_in_lonlat(features))]
