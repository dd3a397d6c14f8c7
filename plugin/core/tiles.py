"""Which tiles a batch request processes: every grid tile that overlaps the area, in the tile's own CRS.

``tiles_for_area`` is the single implementation used by the GUI (tile preview, cost) and Processing. The rules are
in ``spec/tiling-grids.md``; which of them are verified against real outputs and which are assumed is in
:mod:`.grid_assumptions`. The local emulator tiles with its own, independent code.

How it works, per tile CRS:

1. the area is brought to WGS84 longitude/latitude (edges densified first, so long edges keep their shape) and
   wrapped into −180..180;
2. UTM grids (0, 1, 2, :mod:`.utm_tiling`): for each zone and hemisphere, the part of the area its tiles can reach
   (the zone's 6° strip widened by the reach of the squares at its edges) is projected into the zone; every MGRS
   square whose block of tiles meets that part is cut into its tiles, and the tiles the grid drops at zone edges
   are left out. WGS84 and LAEA grids: the part inside the region the CRS serves is projected into it;
3. :func:`grid_cells_overlapping` finds the cells in bulk: cells the boundary passes through (walking every
   boundary segment across the grid lines) plus cells whose centre lies inside (a scanline over the row centres).
   No cell is tested one by one, so the work grows with the boundary length and the number of tiles.

A tile is processed when it overlaps the area with a non-zero surface; a tile that only touches the area along an
edge or at a corner is not (so an area drawn exactly on a tile's extent gives that one tile).
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import shapely
from shapely.geometry import Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from . import grid_assumptions as assumptions
from . import mgrs, proj, utm_tiling
from .errors import InvalidRequestError, TaskCancelledError
from .gc_pause import garbage_collection_paused
from .grids import CRS_LAEA, CRS_UTM, CRS_WGS84, TilingGrid, get_grid, latitude_limits
from .proj_threads import on_python_thread, require_python_thread

_LOG = logging.getLogger(__name__)

WGS84_EPSG = 4326
METRES_PER_DEGREE = 111_320.0
#: Densification step as a fraction of the tile size: edges are split so that a straight edge in one CRS stays
#: within centimetres of its true shape in the other (the chord error of a 2.5 km step is below 0.2 m).
_DENSIFY_FRACTION = 0.25

Bounds = Tuple[float, float, float, float]
CrsLike = Union[int, str, proj.CRS]


class AreaError(InvalidRequestError):
    """The area cannot be tiled: not polygonal, empty, unrepairable, in an unknown CRS, or outside the grid."""


@dataclass(frozen=True)
class Tile:
    """One tile of a batch request.

    ``bounds`` (xmin, ymin, xmax, ymax) are in the tile CRS ``EPSG:<epsg>`` without the buffer (for EPSG:4326 x is
    longitude); ``buffered_bounds`` is the extent of the output raster. ``width``/``height`` are the tile's pixels
    (what the name, the cost and the tile grid use); the raster has ``buffered_width`` × ``buffered_height``.
    ``geometry_wgs84`` is the tile outline in longitude/latitude; near the antimeridian its longitudes continue
    past ±180 rather than jump, so the polygon stays whole.
    """

    name: str
    epsg: int
    bounds: Bounds
    buffered_bounds: Bounds
    width: int
    height: int
    buffered_width: int
    buffered_height: int
    geometry_wgs84: Polygon

    @property
    def crs(self) -> str:
        return f"EPSG:{self.epsg}"

    @property
    def origin(self) -> Tuple[float, float]:
        """Upper-left corner in the tile CRS (what the service reports as a tile's origin)."""
        return self.bounds[0], self.bounds[3]

    @property
    def geometry(self) -> Polygon:
        """The tile outline in its own CRS."""
        return box(*self.bounds)


# ----------------------------------------------------------------------------------------------------------------
# Public entry point


@dataclass(frozen=True)
class TileCount:
    """The tiles of one tile CRS: how many, and the raster size they share (what counting and pricing need)."""

    epsg: int
    count: int
    width: int
    height: int
    buffered_width: int
    buffered_height: int


class AreaTiles:
    """The tiles of an area, found in bulk but not built: per tile CRS their extents and names in arrays.

    :attr:`count` and :meth:`counts` cost nothing; :meth:`in_batches` builds the :class:`Tile` objects a batch at a
    time, and :meth:`outlines` gives what drawing them needs without a :class:`Tile` per tile. When more tiles were
    found than the ``name_limit`` of :func:`find_tiles` (:func:`count_tiles`: always), they are only counted
    (``named`` is False): the 5 million tiles of the world on grid 1 are counted from a few numbers per zone.
    """

    def __init__(self, grid: TilingGrid, layout: _RasterLayout, batches: Sequence[_TileBatch], named: bool):
        self.grid = grid
        self.named = named
        self._layout = layout
        self._batches = tuple(batch for batch in batches if batch.count)

    @property
    def count(self) -> int:
        return sum(batch.count for batch in self._batches)

    def counts(self) -> List[TileCount]:
        """How many tiles per tile CRS, in the order :meth:`in_batches` gives them."""
        totals: Dict[int, int] = {}
        for batch in self._batches:
            totals[batch.epsg] = totals.get(batch.epsg, 0) + batch.count
        layout = self._layout
        return [TileCount(epsg, count, layout.width, layout.height, layout.buffered_width, layout.buffered_height)
                for epsg, count in totals.items()]

    def outlines(self, batch_size: int = 10_000) -> Iterator[Tuple[List[str], int, np.ndarray]]:
        """``(names, EPSG, outlines)`` of the tiles, a batch at a time: what drawing them needs, without a
        :class:`Tile` per tile (the outlines in longitude/latitude, an array of shapely polygons)."""
        if not self.named:
            raise InvalidRequestError("These tiles were only counted; find them with names to draw them.")
        for batch in self._batches:
            for first in range(0, batch.count, batch_size):
                part = batch.part(first, first + batch_size)
                yield part.names, part.epsg, _outlines(part)

    def in_batches(self, batch_size: int = 10_000) -> Iterator[List[Tile]]:
        """The tiles, in :func:`tiles_for_area`'s order, at most ``batch_size`` at a time."""
        if not self.named:
            raise InvalidRequestError("These tiles were only counted; find them with names to build them.")
        for batch in self._batches:
            for first in range(0, batch.count, batch_size):
                yield _built_tiles(batch.part(first, first + batch_size), self._layout)


@on_python_thread
def find_tiles(
    area: Union[BaseGeometry, Mapping[str, Any]],
    area_crs: CrsLike,
    grid: Union[TilingGrid, int],
    resolution: Union[float, int, str],
    buffer_x: int = 0,
    buffer_y: int = 0,
    *,
    name_limit: Optional[int] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> AreaTiles:
    """The tiles a batch request over ``area`` processes, found but not built (:class:`AreaTiles`).

    ``area`` is a shapely Polygon/MultiPolygon (or a GeoJSON geometry mapping) in ``area_crs`` (an EPSG number,
    ``"EPSG:32633"``, an OGC URI such as ``http://www.opengis.net/def/crs/OGC/1.3/CRS84``, or a pyproj CRS); x is
    longitude for geographic CRSs. ``buffer_x``/``buffer_y`` are pixels added on each side of every raster.
    Names and extents are kept for up to ``name_limit`` tiles (None: any number); beyond, the tiles are only
    counted. Raises :class:`AreaError` (or InvalidRequestError for a resolution the grid does not allow), and
    TaskCancelledError as soon as ``is_cancelled()`` turns true (it is asked once per 100 km square).
    """
    tiling_grid = get_grid(grid)
    allowed_resolution = tiling_grid.check_resolution(resolution)
    buffer_x = _check_buffer(buffer_x, "buffer_x")
    buffer_y = _check_buffer(buffer_y, "buffer_y")
    source_crs = parse_crs(area_crs)
    polygonal_area = polygonal_area_of(area)

    naming = _Naming(name_limit, is_cancelled)
    if tiling_grid.crs_kind == CRS_UTM:
        batches = _utm_batches(polygonal_area, source_crs, tiling_grid, naming)
    else:
        batches = _cell_batches(polygonal_area, source_crs, tiling_grid, naming)
    if batches is None:
        raise AreaError(
            f"The area lies outside the coverage of grid {tiling_grid.id} ({tiling_grid.name}): "
            f"{_coverage_text(tiling_grid)}. Choose another grid or an area inside its coverage."
        )
    width, height = tiling_grid.tile_pixels(allowed_resolution)
    layout = _RasterLayout(
        width=width,
        height=height,
        buffer_x=buffer_x * allowed_resolution,
        buffer_y=buffer_y * allowed_resolution,
        buffered_width=width + 2 * buffer_x,
        buffered_height=height + 2 * buffer_y,
    )
    if not naming.on:
        batches = [_TileBatch.counted(batch.epsg, batch.central_meridian, batch.count) for batch in batches]
    return AreaTiles(tiling_grid, layout, batches, naming.on)


def count_tiles(
    area: Union[BaseGeometry, Mapping[str, Any]],
    area_crs: CrsLike,
    grid: Union[TilingGrid, int],
    resolution: Union[float, int, str],
    buffer_x: int = 0,
    buffer_y: int = 0,
) -> List[TileCount]:
    """How many tiles a batch request over ``area`` processes, per tile CRS, without a name or object per tile."""
    return find_tiles(area, area_crs, grid, resolution, buffer_x, buffer_y, name_limit=0).counts()


@on_python_thread
def tiles_for_area(
    area: Union[BaseGeometry, Mapping[str, Any]],
    area_crs: CrsLike,
    grid: Union[TilingGrid, int],
    resolution: Union[float, int, str],
    buffer_x: int = 0,
    buffer_y: int = 0,
) -> List[Tile]:
    """Every tile a batch request over ``area`` processes, ordered by CRS, then north to south, west to east.

    The arguments are those of :func:`find_tiles`. Raises :class:`AreaError` (or InvalidRequestError for a
    resolution the grid does not allow).
    """
    found = find_tiles(area, area_crs, grid, resolution, buffer_x, buffer_y)
    tiles: List[Tile] = []
    for batch in found.in_batches(batch_size=max(found.count, 1)):
        tiles.extend(batch)
    return tiles


# ----------------------------------------------------------------------------------------------------------------
# Input checks


def parse_crs(crs: CrsLike) -> proj.CRS:
    """A pyproj CRS from an EPSG number, ``"EPSG:n"``, an OGC URI/URN, WKT, or a pyproj CRS."""
    if isinstance(crs, proj.CRS):
        return crs
    if isinstance(crs, bool) or not isinstance(crs, (int, np.integer, str)):
        raise AreaError(f"The area's CRS must be an EPSG code or a CRS string, got {crs!r}.")
    key = str(int(crs)) if isinstance(crs, (int, np.integer)) else crs.strip()
    crs_cache = _thread_cache("crs")
    cached = crs_cache.get(key)
    if cached is None:
        try:
            cached = proj.crs_from_epsg(int(key)) if key.isdigit() else proj.crs(key)
        except (proj.CRSError, ValueError) as error:
            raise AreaError(
                f"Unknown coordinate reference system {crs!r} ({error}). Use an EPSG code such as 4326 or "
                "'EPSG:32633', or an OGC URI such as 'http://www.opengis.net/def/crs/EPSG/0/32633'."
            ) from None
        crs_cache[key] = cached
    return cached


def polygonal_area_of(area: Union[BaseGeometry, Mapping[str, Any]]) -> BaseGeometry:
    """The area as a valid Polygon/MultiPolygon; invalid input is repaired, anything non-polygonal is refused."""
    if isinstance(area, Mapping):
        geometry_mapping = area.get("geometry") if area.get("type") == "Feature" else area
        try:
            area = shape(geometry_mapping)
        except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException) as error:
            raise AreaError(f"The area is not a readable GeoJSON geometry ({error}).") from None
    if not isinstance(area, BaseGeometry):
        raise AreaError(f"The area must be a polygon or multipolygon geometry, got {type(area).__name__}.")
    if area.is_empty:
        raise AreaError("The area is empty. Select or draw at least one polygon.")
    kinds = {part.geom_type for part in _flatten(area)}
    other_kinds = sorted(kinds - {"Polygon"})
    if other_kinds:
        raise AreaError(
            f"The area must contain polygons only, but it has {', '.join(other_kinds)} geometry. "
            "Use a polygon layer (or buffer points and lines into polygons first)."
        )
    if not np.isfinite(shapely.get_coordinates(area)).all():
        raise AreaError("The area has coordinates that are not finite numbers (NaN or infinity).")
    if area.geom_type == "GeometryCollection":
        area = shapely.union_all(list(_flatten(area)))
    if not area.is_valid:
        reason = shapely.is_valid_reason(area)
        repaired = shapely.make_valid(area)
        polygons = [part for part in _flatten(repaired) if part.geom_type == "Polygon" and not part.is_empty]
        if not polygons:
            raise AreaError(f"The area is not a valid polygon ({reason}) and nothing of it is left after repair.")
        dropped = [part.geom_type for part in _flatten(repaired) if part.geom_type != "Polygon"]
        if dropped:
            _LOG.info("Repairing the area (%s) left %d zero-area part(s) that were dropped.", reason, len(dropped))
        area = shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]
    if area.area <= 0.0:
        raise AreaError("The area has no surface (all its polygons are collapsed to lines or points).")
    return area


def _flatten(geometry: BaseGeometry) -> Iterator[BaseGeometry]:
    if geometry.geom_type in ("MultiPolygon", "GeometryCollection", "MultiLineString", "MultiPoint"):
        for part in shapely.get_parts(geometry):
            yield from _flatten(part)
    else:
        yield geometry


def _check_buffer(value: Any, label: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (number >= 0 and number.is_integer()):
        raise InvalidRequestError(f"{label} must be a whole number of pixels (0 or more), got {value!r}.")
    return int(number)


def _coverage_text(grid: TilingGrid) -> str:
    south, north = latitude_limits(grid)
    if grid.crs_kind == CRS_LAEA:
        west, lat_s, east, lat_n = assumptions.LAEA_COVERAGE_LONLAT
        return f"Europe, longitudes {west}°..{east}°, latitudes {lat_s}°..{lat_n}°"
    return f"latitudes {south:g}°..{north:g}°"


# ----------------------------------------------------------------------------------------------------------------
# Coordinate transformations

_THREAD_STATE = threading.local()


def _thread_cache(name: str) -> Dict[Any, Any]:
    """A cache private to the calling thread: pyproj objects are not shared between threads (GUI worker, server).

    Every pyproj object of this module is made through one of these caches, on a thread Python created
    (see ``proj_threads``: on Qt's pooled threads pyproj frees its context between calls and crashes).
    """
    require_python_thread()
    cache = getattr(_THREAD_STATE, name, None)
    if cache is None:
        cache = {}
        setattr(_THREAD_STATE, name, cache)
    return cache


def _transformer(source: proj.CRS, target: proj.CRS) -> proj.Transformer:
    """A cached always-xy transformer (x = longitude for geographic CRSs)."""
    cache = _thread_cache("transformers")
    key = (source.srs, target.srs)
    transformer = cache.get(key)
    if transformer is None:
        transformer = proj.transformer(source, target)
        cache[key] = transformer
    return transformer


def _lonlat_projection(epsg: int) -> proj.Transformer:
    """Longitude/latitude → tile CRS ``epsg`` (``direction="INVERSE"`` goes back), cached per thread."""
    utm = mgrs.utm_zone_of_epsg(epsg)
    if utm is not None:
        return utm_tiling.utm_projection(*utm)
    cache = _thread_cache("projections")
    projection = cache.get(epsg)
    if projection is None:
        projection = proj.transformer(_wgs84(), _crs_of_epsg(epsg))
        cache[epsg] = projection
    return projection


def _to_lonlat(epsg: int, x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size == 1:
        # pyproj 3.7 tries its one-point path first, which reads a one-element array through NumPy's deprecated
        # array-to-scalar conversion (a DeprecationWarning today, an error in a later NumPy): pass floats.
        longitude, latitude = _lonlat_projection(epsg).transform(x.item(), y.item(), direction="INVERSE")
        return np.full(x.shape, longitude), np.full(y.shape, latitude)
    longitude, latitude = _lonlat_projection(epsg).transform(x, y, direction="INVERSE")
    return np.asarray(longitude), np.asarray(latitude)


def _transform_geometry(geometry: BaseGeometry, source: proj.CRS, target: proj.CRS) -> BaseGeometry:
    return _apply_transformer(geometry, _transformer(source, target), source.name, target.name)


def _project_geometry(geometry: BaseGeometry, epsg: int) -> BaseGeometry:
    """A lon/lat geometry in the tile CRS ``epsg``."""
    return _apply_transformer(geometry, _lonlat_projection(epsg), "WGS84", f"EPSG:{epsg}")


def _apply_transformer(
    geometry: BaseGeometry, transformer: proj.Transformer, source_name: str, target_name: str
) -> BaseGeometry:
    def project(coordinates: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack([x, y])

    result = shapely.transform(geometry, project)
    if not np.isfinite(shapely.get_coordinates(result)).all():
        raise AreaError(
            f"Part of the area cannot be converted from {source_name} to {target_name}. "
            "Check that the layer's CRS is right, or reproject the area to EPSG:4326 first."
        )
    return result


def _epsg(crs: proj.CRS) -> Optional[int]:
    cache = _EPSG_CACHE
    if crs.srs not in cache:
        cache[crs.srs] = crs.to_epsg()
    return cache[crs.srs]


_EPSG_CACHE: Dict[str, Optional[int]] = {}


def _is_wgs84_lonlat(crs: proj.CRS) -> bool:
    key = ("wgs84", crs.srs)
    if key not in _WGS84_CACHE:
        _WGS84_CACHE[key] = bool(crs.is_geographic and crs.equals(_wgs84(), ignore_axis_order=True))
    return _WGS84_CACHE[key]


_WGS84_CACHE: Dict[Tuple[str, str], bool] = {}


def _metres_per_unit(crs: proj.CRS) -> float:
    if crs.is_geographic:
        return METRES_PER_DEGREE
    try:
        return float(crs.axis_info[0].unit_conversion_factor) or 1.0
    except (IndexError, AttributeError):
        return 1.0


def _area_in_lonlat(area: BaseGeometry, crs: proj.CRS, densify_metres: float) -> BaseGeometry:
    """The area in WGS84 longitude/latitude, longitudes wrapped into −180..180."""
    if _is_wgs84_lonlat(crs):
        lonlat = area
    else:
        densified = shapely.segmentize(area, densify_metres / _metres_per_unit(crs))
        lonlat = _transform_geometry(densified, crs, _wgs84())
        if not crs.is_geographic:
            lonlat = _unwrap_longitudes(lonlat)
        if not lonlat.is_valid:
            lonlat = _polygonal_part(shapely.make_valid(lonlat))
    return _wrap_into_world(lonlat)


def _unwrap_longitudes(lonlat: BaseGeometry) -> BaseGeometry:
    """Undo the jump at ±180 of a projected area that crosses the antimeridian (rings become continuous)."""
    west, _, east, _ = lonlat.bounds
    if east - west <= 180.0:
        return lonlat
    polygons = []
    for polygon in _flatten(lonlat):
        exterior = _unwrapped_ring(np.asarray(polygon.exterior.coords))
        centre = float(np.mean(exterior[:, 0]))
        holes = []
        for interior in polygon.interiors:
            ring = _unwrapped_ring(np.asarray(interior.coords))
            ring[:, 0] += 360.0 * round((centre - float(np.mean(ring[:, 0]))) / 360.0)
            holes.append(ring)
        polygons.append(Polygon(exterior, holes))
    return _polygonal_part(shapely.make_valid(shapely.multipolygons(polygons)))


def _unwrapped_ring(coordinates: np.ndarray) -> np.ndarray:
    coordinates = coordinates[:, :2].copy()
    coordinates[:, 0] = np.unwrap(coordinates[:, 0], period=360.0)
    return coordinates


def _wrap_into_world(lonlat: BaseGeometry) -> BaseGeometry:
    west, _, east, _ = lonlat.bounds
    if west >= -180.0 and east <= 180.0:
        return lonlat
    pieces = []
    for copy in range(math.floor((west + 180.0) / 360.0), math.ceil((east - 180.0) / 360.0) + 1):
        shift = 360.0 * copy
        piece = shapely.intersection(lonlat, box(-180.0 + shift, -90.0, 180.0 + shift, 90.0))
        if not piece.is_empty:
            pieces.append(shapely.transform(piece, lambda xy, s=shift: xy - np.array([s, 0.0])))
    return _polygonal_part(shapely.union_all(pieces))


def _polygonal_part(geometry: BaseGeometry) -> BaseGeometry:
    polygons = [part for part in _flatten(geometry) if part.geom_type == "Polygon" and not part.is_empty]
    if not polygons:
        return Polygon()
    return polygons[0] if len(polygons) == 1 else shapely.multipolygons(polygons)


# ----------------------------------------------------------------------------------------------------------------
# Tiles per tile CRS


class _Naming:
    """Whether the tiles found are still named (and their extents kept): up to ``limit`` tiles, then only counted;
    and whether to go on at all (``check``)."""

    def __init__(self, limit: Optional[int], is_cancelled: Callable[[], bool] = lambda: False):
        self.limit = limit
        self.count = 0
        self.is_cancelled = is_cancelled

    def check(self) -> None:
        if self.is_cancelled():
            raise TaskCancelledError("Finding the tiles was cancelled.")

    @property
    def on(self) -> bool:
        return self.limit is None or self.count <= self.limit


@dataclass(frozen=True)
class _TileBatch:
    """The tiles found in one tile CRS (extents and names), in the order they are returned; a batch that was only
    counted has its ``count`` and empty arrays."""

    epsg: int
    central_meridian: Optional[float]
    x_min: np.ndarray
    y_min: np.ndarray
    x_max: np.ndarray
    y_max: np.ndarray
    names: List[str]
    count: int

    @classmethod
    def sorted(cls, epsg: int, central_meridian: Optional[float], x_min: np.ndarray, y_max: np.ndarray,
               width: float, height: float, names: Sequence[str]) -> _TileBatch:
        """North to south, then west to east, then by name (tiles of neighbouring squares can share a corner row)."""
        order = np.lexsort((np.array(names, dtype=object) if names else np.empty(0), x_min, -y_max))
        x_min, y_max = x_min[order], y_max[order]
        return cls(epsg, central_meridian, x_min, y_max - height, x_min + width, y_max,
                   [names[i] for i in order.tolist()], len(names))

    @classmethod
    def counted(cls, epsg: int, central_meridian: Optional[float], count: int) -> _TileBatch:
        empty = np.empty(0)
        return cls(epsg, central_meridian, empty, empty, empty, empty, [], count)

    def part(self, first: int, last: int) -> _TileBatch:
        return _TileBatch(self.epsg, self.central_meridian, self.x_min[first:last], self.y_min[first:last],
                          self.x_max[first:last], self.y_max[first:last], self.names[first:last],
                          len(self.names[first:last]))


def _densify_metres(grid: TilingGrid) -> float:
    tile_size_metres = min(grid.tile_width, grid.tile_height)
    if grid.unit == "DEGREE":
        tile_size_metres *= METRES_PER_DEGREE
    return tile_size_metres * _DENSIFY_FRACTION


def _utm_batches(area: BaseGeometry, source_crs: proj.CRS, grid: TilingGrid,
                 naming: _Naming) -> Optional[List[_TileBatch]]:
    """Tiles of a UTM grid per zone and hemisphere; None when the area is outside the grid's latitudes."""
    densify_metres = _densify_metres(grid)
    densify_degrees = densify_metres / METRES_PER_DEGREE
    lonlat = _area_in_lonlat(area, source_crs, densify_metres)
    if lonlat.is_empty:
        return None
    layout = utm_tiling.SquareLayout.of(grid.tile_width, grid.tile_height)
    source_epsg = _epsg(source_crs)
    batches = []
    reached = False
    for frame, part_lonlat, region in _utm_area_parts(lonlat, *latitude_limits(grid)):
        reached = True
        if source_epsg == frame.epsg:
            region_in_zone = _project_geometry(shapely.segmentize(region, densify_degrees), frame.epsg)
            part = _polygonal_part(shapely.intersection(area, region_in_zone))
        else:
            part = _project_geometry(shapely.segmentize(part_lonlat, densify_degrees), frame.epsg)
        if not part.is_empty and part.area > 0.0:
            batches.append(_utm_zone_tiles(frame, part, layout, naming))
    return batches if reached else None


def _utm_area_parts(
    lonlat: BaseGeometry, south_limit: float, north_limit: float
) -> Iterator[Tuple[utm_tiling.ZoneFrame, BaseGeometry, Polygon]]:
    """(zone, part of the area its tiles can reach, that region) for every zone and hemisphere the area meets.

    The region is the zone's strip widened by the reach of its edge squares; its longitudes are continuous around
    the central meridian (so they may pass ±180, which the projection accepts).
    """
    _, area_south, _, area_north = lonlat.bounds
    hemispheres = []
    if north_limit > 0.0 and area_north > 0.0:
        hemispheres.append((False, max(south_limit, 0.0), north_limit))
    if south_limit < 0.0 and area_south < 0.0:
        hemispheres.append((True, south_limit, min(north_limit, 0.0)))
    for south, lat_from, lat_to in hemispheres:
        piece = _polygonal_part(shapely.intersection(lonlat, box(-180.0, lat_from, 180.0, lat_to)))
        if piece.is_empty or piece.area <= 0.0:
            continue
        _, piece_south, _, piece_north = piece.bounds
        reach = utm_tiling.reach_degrees(max(abs(piece_south), abs(piece_north)))
        zone_indices = set()
        for west, _, east, _ in shapely.bounds(np.asarray(list(_flatten(piece)), dtype=object)):
            first = math.floor((west - reach + 180.0) / mgrs.UTM_ZONE_WIDTH_DEGREES)
            last = math.floor((east + reach + 180.0) / mgrs.UTM_ZONE_WIDTH_DEGREES)
            zone_indices.update(index % 60 for index in range(first, last + 1))
        for index in sorted(zone_indices):
            frame = utm_tiling.ZoneFrame(index + 1, south, lat_from, lat_to)
            half_width = utm_tiling.HALF_ZONE_DEGREES + reach
            meridian = frame.central_meridian
            region = box(meridian - half_width, lat_from, meridian + half_width, lat_to)
            pieces = []
            for shift in (-360.0, 0.0, 360.0):
                shifted_region = box(meridian - half_width + shift, lat_from, meridian + half_width + shift, lat_to)
                found = shapely.intersection(piece, shifted_region)
                if not found.is_empty and found.area > 0.0:
                    pieces.append(shapely.transform(found, lambda xy, s=shift: xy - np.array([s, 0.0])))
            part = _polygonal_part(shapely.union_all(pieces)) if pieces else Polygon()
            if not part.is_empty and part.area > 0.0:
                yield frame, part, region


def _utm_zone_tiles(frame: utm_tiling.ZoneFrame, part: BaseGeometry, layout: utm_tiling.SquareLayout,
                    naming: _Naming) -> _TileBatch:
    """Tiles of one zone overlapping ``part`` (in the zone's CRS), square by square, without the dropped ones."""
    candidates = list(utm_tiling.squares_near(frame, layout, part.bounds))
    width, height = layout.tile_width, layout.tile_height
    x_min_parts, y_max_parts, names = [], [], []
    count = 0
    if candidates:
        blocks = np.array([layout.block(frame.south, e, k) for e, k, _ in candidates])
        outlines = shapely.box(*blocks.T)
        shapely.prepare(part)
        meets = shapely.intersects(part, outlines)
        within = shapely.contains_properly(part, outlines)
        for index in np.flatnonzero(meets).tolist():
            naming.check()
            e, k, found = candidates[index]
            keep = utm_tiling.kept_tiles(layout, frame, e, k)
            if within[index]:
                columns, rows = np.nonzero(keep)
            else:
                west, south, east, north = blocks[index]
                clipped = shapely.clip_by_rect(part, west, south, east, north)
                columns, rows_up = grid_cells_overlapping(clipped, width, height, (west, south))
                rows = layout.rows - 1 - rows_up
                inside = (columns >= 0) & (columns < layout.columns) & (rows >= 0) & (rows < layout.rows)
                columns, rows = columns[inside], rows[inside]
                kept = keep[columns, rows]
                columns, rows = columns[kept], rows[kept]
            if not len(columns):
                continue
            count += len(columns)
            naming.count += len(columns)
            if not naming.on:
                continue
            x, y = layout.upper_left(frame.south, e, k)
            x_min_parts.append(x + columns * width)
            y_max_parts.append(y - rows * height)
            names.extend(f"{found.name}_{column}_{row}" for column, row in zip(columns.tolist(), rows.tolist()))
    if not naming.on:
        return _TileBatch.counted(frame.epsg, frame.central_meridian, count)
    x_min = np.concatenate(x_min_parts) if x_min_parts else np.empty(0)
    y_max = np.concatenate(y_max_parts) if y_max_parts else np.empty(0)
    return _TileBatch.sorted(frame.epsg, frame.central_meridian, x_min, y_max, width, height, names)


def _cell_batches(area: BaseGeometry, source_crs: proj.CRS, grid: TilingGrid,
                  naming: _Naming) -> Optional[List[_TileBatch]]:
    """Tiles of a WGS84 or LAEA grid (cells aligned to the CRS origin); None when the area is outside its coverage."""
    densify_metres = _densify_metres(grid)
    densify_degrees = densify_metres / METRES_PER_DEGREE
    lonlat = _area_in_lonlat(area, source_crs, densify_metres)
    if lonlat.is_empty:
        return None
    if grid.crs_kind == CRS_WGS84:
        epsg, origin = WGS84_EPSG, assumptions.WGS84_CELL_ORIGIN
        west, south, east, north = -180.0, -90.0, 180.0, 90.0
    elif grid.crs_kind == CRS_LAEA:
        epsg, origin = assumptions.LAEA_EPSG, assumptions.LAEA_CELL_ORIGIN
        west, south, east, north = assumptions.LAEA_COVERAGE_LONLAT
    else:
        raise InvalidRequestError(
            f"Tiles of grid {grid.id} ({grid.name}) cannot be computed here: its CRS kind {grid.crs_kind!r} is not "
            "one of UTM, WGS84, LAEA."
        )
    south_limit, north_limit = latitude_limits(grid)
    south, north = max(south, south_limit), min(north, north_limit)
    if north <= south:
        return None
    region = box(west, south, east, north)
    if not shapely.intersects(region, lonlat):
        return None
    part_lonlat = _polygonal_part(shapely.intersection(lonlat, region))
    if part_lonlat.is_empty or part_lonlat.area <= 0.0:
        return None
    if epsg == WGS84_EPSG:
        part = part_lonlat
    elif _epsg(source_crs) == epsg:
        part = _polygonal_part(
            shapely.intersection(area, _project_geometry(shapely.segmentize(region, densify_degrees), epsg)))
    else:
        part = _project_geometry(shapely.segmentize(part_lonlat, densify_degrees), epsg)
    if part.is_empty or part.area <= 0.0:
        return []
    columns, rows = grid_cells_overlapping(part, grid.tile_width, grid.tile_height, origin)
    naming.count += len(columns)
    if not naming.on:
        return [_TileBatch.counted(epsg, None, len(columns))]
    x_min = origin[0] + columns * grid.tile_width
    y_min = origin[1] + rows * grid.tile_height
    if grid.crs_kind == CRS_LAEA:
        tile_names = assumptions.laea_tile_names(x_min, y_min, grid.tile_width)
    else:
        tile_names = assumptions.wgs84_tile_names(x_min, y_min)
    return [_TileBatch.sorted(epsg, None, x_min, y_min + grid.tile_height, grid.tile_width, grid.tile_height,
                              tile_names)]


def _crs_of_epsg(epsg: int) -> proj.CRS:
    return parse_crs(epsg)


def _wgs84() -> proj.CRS:
    return parse_crs(WGS84_EPSG)


# ----------------------------------------------------------------------------------------------------------------
# Grid cells overlapping a polygon, in bulk


def grid_cells_overlapping(
    geometry: BaseGeometry,
    cell_width: float,
    cell_height: float,
    origin: Sequence[float] = (0.0, 0.0),
) -> Tuple[np.ndarray, np.ndarray]:
    """Column and row indices of the grid cells whose interior overlaps the (multi)polygon's interior.

    Cell ``(c, r)`` spans ``origin + (c·w .. (c+1)·w, r·h .. (r+1)·h)``. A cell that only touches the polygon along
    an edge or at a corner is left out. The result is the union of the cells the polygon boundary passes through
    and the cells whose centre lies inside; both are found with array operations, never cell by cell.
    """
    empty = np.empty(0, dtype=np.int64)
    polygons = [part for part in _flatten(geometry) if part.geom_type == "Polygon" and not part.is_empty]
    if not polygons:
        return empty, empty
    rings = shapely.get_rings(np.asarray(polygons, dtype=object))
    coordinates, ring_index = shapely.get_coordinates(rings, return_index=True)
    u = _snapped_to_lines((coordinates[:, 0] - origin[0]) / cell_width)
    v = _snapped_to_lines((coordinates[:, 1] - origin[1]) / cell_height)
    same_ring = ring_index[1:] == ring_index[:-1]
    u1, v1 = u[:-1][same_ring], v[:-1][same_ring]
    u2, v2 = u[1:][same_ring], v[1:][same_ring]
    first_column, last_column = math.floor(u.min()), math.ceil(u.max()) - 1
    first_row, last_row = math.floor(v.min()), math.ceil(v.max()) - 1
    if last_column < first_column or last_row < first_row:
        return empty, empty
    columns = last_column - first_column + 1
    rows = last_row - first_row + 1

    selected = _cells_with_centre_inside(u1, v1, u2, v2, first_column, first_row, columns, rows)
    boundary_columns, boundary_rows = _cells_crossed_by_segments(u1, v1, u2, v2)
    boundary_columns = np.clip(boundary_columns - first_column, 0, columns - 1)
    boundary_rows = np.clip(boundary_rows - first_row, 0, rows - 1)
    selected[boundary_rows, boundary_columns] = True
    row_index, column_index = np.nonzero(selected)
    return column_index.astype(np.int64) + first_column, row_index.astype(np.int64) + first_row


def _snapped_to_lines(position: np.ndarray) -> np.ndarray:
    """Cell coordinates within a billionth of a cell of a grid line put on it: projection noise (a meridian at
    499 999.999999999 m) must not make an area that only touches a cell overlap it."""
    nearest = np.rint(position)
    return np.where(np.abs(position - nearest) < 1e-9, nearest, position)


def _expand_ranges(first: np.ndarray, counts: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """For ranges ``first[i] .. first[i]+counts[i]-1``: (index of the range, value) of every member."""
    counts = np.maximum(counts, 0).astype(np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    values = first[owner] + (np.arange(len(owner)) - starts[owner])
    return owner, values


def _cells_with_centre_inside(
    u1: np.ndarray,
    v1: np.ndarray,
    u2: np.ndarray,
    v2: np.ndarray,
    first_column: int,
    first_row: int,
    columns: int,
    rows: int,
) -> np.ndarray:
    """Boolean (rows × columns) mask of cells whose centre is inside, by even-odd scanlines at row centres."""
    low, high = np.minimum(v1, v2), np.maximum(v1, v2)
    first = np.ceil(low - 0.5).astype(np.int64)
    counts = np.ceil(high - 0.5).astype(np.int64) - first
    segment, row = _expand_ranges(first, counts)
    centre_v = row + 0.5
    crossing_u = u1[segment] + (centre_v - v1[segment]) * (u2[segment] - u1[segment]) / (v2[segment] - v1[segment])
    order = np.lexsort((crossing_u, row))
    row, crossing_u = row[order], crossing_u[order]
    entering, leaving = crossing_u[0::2], crossing_u[1::2]
    pair_row = row[0::2]
    start_column = np.clip(np.ceil(entering - 0.5).astype(np.int64) - first_column, 0, columns)
    stop_column = np.clip(np.floor(leaving - 0.5).astype(np.int64) + 1 - first_column, 0, columns)
    keep = (stop_column > start_column) & (pair_row >= first_row) & (pair_row < first_row + rows)
    pair_row = pair_row[keep] - first_row
    width = columns + 1
    changes = np.bincount(pair_row * width + start_column[keep], minlength=rows * width)
    changes -= np.bincount(pair_row * width + stop_column[keep], minlength=rows * width)
    return np.cumsum(changes.reshape(rows, width), axis=1)[:, :columns] > 0


def _cells_crossed_by_segments(
    u1: np.ndarray, v1: np.ndarray, u2: np.ndarray, v2: np.ndarray
) -> Tuple[np.ndarray, np.ndarray]:
    """Cells whose open interior some segment passes through (segments running along grid lines do not count).

    Each segment is cut where it crosses grid lines; the middle of each piece lies inside exactly one cell.
    """
    count = len(u1)
    pieces_segment = [np.arange(count), np.arange(count)]
    pieces_t = [np.zeros(count), np.ones(count)]
    for start, end in ((u1, u2), (v1, v2)):
        low, high = np.minimum(start, end), np.maximum(start, end)
        first = np.floor(low) + 1.0
        counts = (np.ceil(high) - 1.0 - first + 1.0).astype(np.int64)
        segment, line = _expand_ranges(first, counts)
        pieces_segment.append(segment)
        pieces_t.append((line - start[segment]) / (end[segment] - start[segment]))
    segment = np.concatenate(pieces_segment)
    t = np.concatenate(pieces_t)
    order = np.lexsort((t, segment))
    segment, t = segment[order], t[order]
    same = segment[1:] == segment[:-1]
    owner = segment[:-1][same]
    t_from, t_to = t[:-1][same], t[1:][same]
    du, dv = u2[owner] - u1[owner], v2[owner] - v1[owner]
    length = np.hypot(du, dv) * (t_to - t_from)
    real = length > 1e-9
    owner, t_from, t_to, du, dv = owner[real], t_from[real], t_to[real], du[real], dv[real]
    t_middle = (t_from + t_to) * 0.5
    middle_u = u1[owner] + t_middle * du
    middle_v = v1[owner] + t_middle * dv
    column, row = np.floor(middle_u), np.floor(middle_v)
    inside_a_cell = (middle_u != column) & (middle_v != row)
    return column[inside_a_cell].astype(np.int64), row[inside_a_cell].astype(np.int64)


# ----------------------------------------------------------------------------------------------------------------
# Tile objects


@dataclass(frozen=True)
class _RasterLayout:
    width: int
    height: int
    buffer_x: float
    buffer_y: float
    buffered_width: int
    buffered_height: int


@on_python_thread
def _built_tiles(batch: _TileBatch, layout: _RasterLayout) -> List[Tile]:
    with garbage_collection_paused():
        return _make_tiles(batch, layout)


@on_python_thread
def _outlines(batch: _TileBatch) -> np.ndarray:
    longitude, latitude = _corner_lonlat(batch)
    return shapely.polygons(np.stack([longitude, latitude], axis=-1))


def _make_tiles(batch: _TileBatch, layout: _RasterLayout) -> List[Tile]:
    outlines = _outlines(batch)
    epsg = batch.epsg
    bx, by = layout.buffer_x, layout.buffer_y
    width, height = layout.width, layout.height
    buffered_width, buffered_height = layout.buffered_width, layout.buffered_height
    # Filled in the way the dataclass __init__ would, minus its per-field object.__setattr__ (3× faster for
    # the ~100 000 tiles of a continent). The result is an ordinary, equal, frozen Tile.
    new_tile = object.__new__
    tiles = []
    for name, xa, ya, xb, yb, outline in zip(
        batch.names, batch.x_min.tolist(), batch.y_min.tolist(), batch.x_max.tolist(), batch.y_max.tolist(),
        outlines.tolist()
    ):
        tile = new_tile(Tile)
        tile.__dict__.update(
            name=name,
            epsg=epsg,
            bounds=(xa, ya, xb, yb),
            buffered_bounds=(xa - bx, ya - by, xb + bx, yb + by),
            width=width,
            height=height,
            buffered_width=buffered_width,
            buffered_height=buffered_height,
            geometry_wgs84=outline,
        )
        tiles.append(tile)
    return tiles


def _corner_lonlat(batch: _TileBatch) -> Tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude (N × 5, closed rings) of the tiles' corners, each shared corner projected once."""
    x = np.column_stack([batch.x_min, batch.x_max, batch.x_max, batch.x_min, batch.x_min])
    y = np.column_stack([batch.y_min, batch.y_min, batch.y_max, batch.y_max, batch.y_min])
    if batch.epsg == WGS84_EPSG:
        return x, y
    unique_x, unique_y, inverse = _unique_points(x.ravel(), y.ravel())
    unique_longitude, unique_latitude = _to_lonlat(batch.epsg, unique_x, unique_y)
    longitude = unique_longitude[inverse].reshape(x.shape)
    latitude = unique_latitude[inverse].reshape(x.shape)
    if batch.central_meridian is not None:
        meridian = batch.central_meridian
        longitude = meridian + (longitude - meridian + 180.0) % 360.0 - 180.0
    return longitude, latitude


def _unique_points(x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (x, y) points and, for every input point, the index of its distinct point."""
    if not len(x):
        return x, y, np.empty(0, dtype=np.int64)
    order = np.lexsort((y, x))
    sorted_x, sorted_y = x[order], y[order]
    new = np.ones(len(x), dtype=bool)
    new[1:] = (sorted_x[1:] != sorted_x[:-1]) | (sorted_y[1:] != sorted_y[:-1])
    inverse = np.empty(len(x), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return sorted_x[new], sorted_y[new], inverse
