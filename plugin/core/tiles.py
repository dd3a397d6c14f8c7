"""Which tiles a batch request processes: every grid tile that overlaps the area, in the tile's own CRS.

``tiles_for_area`` is the single implementation used by the GUI (tile preview, cost), Processing and the emulator's
analysis. The rules are in ``spec/tiling-grids.md``; the undocumented parts are in :mod:`.grid_assumptions`.

How it works, per tile CRS (one UTM zone and hemisphere, EPSG:4326 or EPSG:3035):

1. the area is brought to WGS84 longitude/latitude (edges densified first, so long edges keep their shape),
   wrapped into −180..180 and cut by the region the CRS serves (a 6° zone × hemisphere, within the grid's
   latitude limits; the LAEA coverage box);
2. that part is densified and projected into the tile CRS (an area already in the tile CRS is used as given);
3. :func:`grid_cells_overlapping` finds the cells in bulk: cells the boundary passes through (walking every
   boundary segment across the grid lines) plus cells whose centre lies inside (a scanline over the row centres).
   No cell is tested one by one, so the work grows with the boundary length and the number of tiles.

A tile is processed when it overlaps the area with a non-zero surface; a tile that only touches the area along an
edge or at a corner is not (so an area drawn exactly on a tile's extent gives that one tile).
"""

from __future__ import annotations

import gc
import logging
import math
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pyproj
import shapely
from pyproj.exceptions import CRSError
from shapely.geometry import Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from . import grid_assumptions as assumptions
from . import mgrs
from .errors import InvalidRequestError
from .grids import CRS_LAEA, CRS_UTM, CRS_WGS84, TilingGrid, get_grid, latitude_limits
from .proj_threads import on_python_thread, require_python_thread

_LOG = logging.getLogger(__name__)

WGS84_EPSG = 4326
METRES_PER_DEGREE = 111_320.0
#: Densification step as a fraction of the tile size: edges are split so that a straight edge in one CRS stays
#: within centimetres of its true shape in the other (the chord error of a 2.5 km step is below 0.2 m).
_DENSIFY_FRACTION = 0.25

Bounds = Tuple[float, float, float, float]
CrsLike = Union[int, str, pyproj.CRS]


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


@on_python_thread
def tiles_for_area(
    area: Union[BaseGeometry, Mapping[str, Any]],
    area_crs: CrsLike,
    grid: Union[TilingGrid, int],
    resolution: Union[float, int, str],
    buffer_x: int = 0,
    buffer_y: int = 0,
    max_tiles: Optional[int] = None,
) -> List[Tile]:
    """Every tile a batch request over ``area`` processes, ordered by CRS, then north to south, west to east.

    ``area`` is a shapely Polygon/MultiPolygon (or a GeoJSON geometry mapping) in ``area_crs`` (an EPSG number,
    ``"EPSG:32633"``, an OGC URI such as ``http://www.opengis.net/def/crs/OGC/1.3/CRS84``, or a pyproj CRS); x is
    longitude for geographic CRSs. ``buffer_x``/``buffer_y`` are pixels added on each side of every raster.
    Raises :class:`AreaError` (or InvalidRequestError for a resolution the grid does not allow); with
    ``max_tiles`` set, also when the area needs more tiles than that.
    """
    tiling_grid = get_grid(grid)
    allowed_resolution = tiling_grid.check_resolution(resolution)
    buffer_x = _check_buffer(buffer_x, "buffer_x")
    buffer_y = _check_buffer(buffer_y, "buffer_y")
    source_crs = parse_crs(area_crs)
    polygonal_area = polygonal_area_of(area)

    parts = list(_area_parts_by_tile_crs(polygonal_area, source_crs, tiling_grid))
    if not parts:
        raise AreaError(
            f"The area lies outside the coverage of grid {tiling_grid.id} ({tiling_grid.name}): "
            f"{_coverage_text(tiling_grid)}. Choose another grid or an area inside its coverage."
        )

    found = []
    total = 0
    for part in parts:
        columns, rows = grid_cells_overlapping(
            part.geometry, tiling_grid.tile_width, tiling_grid.tile_height, part.cell_origin
        )
        order = np.lexsort((columns, -rows))
        found.append((part, columns[order], rows[order]))
        total += len(columns)
    if max_tiles is not None and total > max_tiles:
        raise AreaError(
            f"The area needs {total} tiles of grid {tiling_grid.id} ({tiling_grid.name}), more than the limit of "
            f"{max_tiles}. Choose a smaller area or a grid with bigger tiles."
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
    tiles: List[Tile] = []
    with _garbage_collection_paused():
        for part, columns, rows in found:
            if len(columns):
                tiles.extend(_make_tiles(part, tiling_grid, columns, rows, layout))
    return tiles


@contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are created (a third faster on big areas)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ----------------------------------------------------------------------------------------------------------------
# Input checks


def parse_crs(crs: CrsLike) -> pyproj.CRS:
    """A pyproj CRS from an EPSG number, ``"EPSG:n"``, an OGC URI/URN, WKT, or a pyproj CRS."""
    if isinstance(crs, pyproj.CRS):
        return crs
    if isinstance(crs, bool) or not isinstance(crs, (int, np.integer, str)):
        raise AreaError(f"The area's CRS must be an EPSG code or a CRS string, got {crs!r}.")
    key = str(int(crs)) if isinstance(crs, (int, np.integer)) else crs.strip()
    crs_cache = _thread_cache("crs")
    cached = crs_cache.get(key)
    if cached is None:
        try:
            cached = pyproj.CRS.from_epsg(int(key)) if key.isdigit() else pyproj.CRS.from_user_input(key)
        except (CRSError, ValueError) as error:
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


def _transformer(source: pyproj.CRS, target: pyproj.CRS) -> pyproj.Transformer:
    """A cached always-xy transformer (x = longitude for geographic CRSs)."""
    cache = _thread_cache("transformers")
    key = (source.srs, target.srs)
    transformer = cache.get(key)
    if transformer is None:
        transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)
        cache[key] = transformer
    return transformer


def _lonlat_projection(epsg: int) -> pyproj.Transformer:
    """Longitude/latitude → tile CRS ``epsg`` (``direction="INVERSE"`` goes back), cached per thread.

    UTM zones are built as PROJ pipelines, the exact operation EPSG defines for WGS84 → 326xx/327xx (no datum
    shift), in half a millisecond instead of the ~20 ms of a database lookup, which adds up over 120 zones.
    """
    cache = _thread_cache("projections")
    projection = cache.get(epsg)
    if projection is None:
        utm = mgrs.utm_zone_of_epsg(epsg)
        if utm is not None:
            zone, south = utm
            projection = pyproj.Transformer.from_pipeline(
                "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
                f"+step +proj=utm +zone={zone}{' +south' if south else ''} +ellps=WGS84"
            )
        else:
            projection = pyproj.Transformer.from_crs(_wgs84(), _crs_of_epsg(epsg), always_xy=True)
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


def _transform_geometry(geometry: BaseGeometry, source: pyproj.CRS, target: pyproj.CRS) -> BaseGeometry:
    return _apply_transformer(geometry, _transformer(source, target), source.name, target.name)


def _project_geometry(geometry: BaseGeometry, epsg: int) -> BaseGeometry:
    """A lon/lat geometry in the tile CRS ``epsg``."""
    return _apply_transformer(geometry, _lonlat_projection(epsg), "WGS84", f"EPSG:{epsg}")


def _apply_transformer(
    geometry: BaseGeometry, transformer: pyproj.Transformer, source_name: str, target_name: str
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


def _epsg(crs: pyproj.CRS) -> Optional[int]:
    cache = _EPSG_CACHE
    if crs.srs not in cache:
        cache[crs.srs] = crs.to_epsg()
    return cache[crs.srs]


_EPSG_CACHE: Dict[str, Optional[int]] = {}


def _is_wgs84_lonlat(crs: pyproj.CRS) -> bool:
    key = ("wgs84", crs.srs)
    if key not in _WGS84_CACHE:
        _WGS84_CACHE[key] = bool(crs.is_geographic and crs.equals(_wgs84(), ignore_axis_order=True))
    return _WGS84_CACHE[key]


_WGS84_CACHE: Dict[Tuple[str, str], bool] = {}


def _metres_per_unit(crs: pyproj.CRS) -> float:
    if crs.is_geographic:
        return METRES_PER_DEGREE
    try:
        return float(crs.axis_info[0].unit_conversion_factor) or 1.0
    except (IndexError, AttributeError):
        return 1.0


def _area_in_lonlat(area: BaseGeometry, crs: pyproj.CRS, densify_metres: float) -> BaseGeometry:
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
# Parts of the area per tile CRS


@dataclass(frozen=True)
class _AreaPart:
    epsg: int
    crs_kind: str
    zone: int
    south: bool
    cell_origin: Tuple[float, float]
    geometry: BaseGeometry


def _area_parts_by_tile_crs(area: BaseGeometry, source_crs: pyproj.CRS, grid: TilingGrid) -> Iterator[_AreaPart]:
    tile_size_metres = min(grid.tile_width, grid.tile_height)
    if grid.unit == "DEGREE":
        tile_size_metres *= METRES_PER_DEGREE
    densify_metres = tile_size_metres * _DENSIFY_FRACTION
    densify_degrees = densify_metres / METRES_PER_DEGREE
    lonlat = _area_in_lonlat(area, source_crs, densify_metres)
    if lonlat.is_empty:
        return
    south_limit, north_limit = latitude_limits(grid)
    source_epsg = _epsg(source_crs)

    for epsg, zone, south, region in _regions(grid, lonlat, south_limit, north_limit):
        if not shapely.intersects(region, lonlat):
            continue
        part_lonlat = _polygonal_part(shapely.intersection(lonlat, region))
        if part_lonlat.is_empty or part_lonlat.area <= 0.0:
            continue
        if epsg == WGS84_EPSG:
            part = part_lonlat
        else:
            if source_epsg == epsg:
                region_in_target = _project_geometry(shapely.segmentize(region, densify_degrees), epsg)
                part = _polygonal_part(shapely.intersection(area, region_in_target))
            else:
                part = _project_geometry(shapely.segmentize(part_lonlat, densify_degrees), epsg)
        if part.is_empty or part.area <= 0.0:
            continue
        if grid.crs_kind == CRS_UTM:
            origin = assumptions.UTM_CELL_ORIGIN
        elif grid.crs_kind == CRS_LAEA:
            origin = assumptions.LAEA_CELL_ORIGIN
        else:
            origin = assumptions.WGS84_CELL_ORIGIN
        yield _AreaPart(epsg, grid.crs_kind, zone, south, origin, part)


def _regions(
    grid: TilingGrid, lonlat: BaseGeometry, south_limit: float, north_limit: float
) -> Iterator[Tuple[int, int, bool, Polygon]]:
    """(epsg, zone, south, region in lon/lat) for every tile CRS the area may fall in."""
    if grid.crs_kind == CRS_WGS84:
        yield WGS84_EPSG, 0, False, box(-180.0, south_limit, 180.0, north_limit)
        return
    if grid.crs_kind == CRS_LAEA:
        west, south, east, north = assumptions.LAEA_COVERAGE_LONLAT
        south, north = max(south, south_limit), min(north, north_limit)
        if north > south:
            yield assumptions.LAEA_EPSG, 0, False, box(west, south, east, north)
        return
    if grid.crs_kind != CRS_UTM:
        raise InvalidRequestError(
            f"Tiles of grid {grid.id} ({grid.name}) cannot be computed here: its CRS kind {grid.crs_kind!r} is not "
            "one of UTM, WGS84, LAEA."
        )
    zone_indices = set()
    for west, _, east, _ in shapely.bounds(np.asarray(list(_flatten(lonlat)), dtype=object)):
        first = min(max(math.floor((west + 180.0) / mgrs.UTM_ZONE_WIDTH_DEGREES), 0), 59)
        last = min(max(math.floor((east + 180.0) / mgrs.UTM_ZONE_WIDTH_DEGREES), 0), 59)
        zone_indices.update(range(first, last + 1))
    _, area_south, _, area_north = lonlat.bounds
    hemispheres = []
    if north_limit > 0.0 and area_north > 0.0:
        hemispheres.append((False, max(south_limit, 0.0), north_limit))
    if south_limit < 0.0 and area_south < 0.0:
        hemispheres.append((True, south_limit, min(north_limit, 0.0)))
    for south, lat_from, lat_to in hemispheres:
        for index in sorted(zone_indices):
            west = -180.0 + mgrs.UTM_ZONE_WIDTH_DEGREES * index
            zone = index + 1
            yield mgrs.utm_epsg(zone, south), zone, south, box(west, lat_from, west + 6.0, lat_to)


def _crs_of_epsg(epsg: int) -> pyproj.CRS:
    return parse_crs(epsg)


def _wgs84() -> pyproj.CRS:
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
    u = (coordinates[:, 0] - origin[0]) / cell_width
    v = (coordinates[:, 1] - origin[1]) / cell_height
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


def _make_tiles(
    part: _AreaPart, grid: TilingGrid, columns: np.ndarray, rows: np.ndarray, layout: _RasterLayout
) -> List[Tile]:
    x_min = part.cell_origin[0] + columns * grid.tile_width
    y_min = part.cell_origin[1] + rows * grid.tile_height
    x_max = part.cell_origin[0] + (columns + 1) * grid.tile_width
    y_max = part.cell_origin[1] + (rows + 1) * grid.tile_height
    longitude, latitude = _corner_lonlat(part, grid, columns, rows)
    if part.crs_kind == CRS_UTM:
        _, centre_latitude = _to_lonlat(part.epsg, (x_min + x_max) * 0.5, (y_min + y_max) * 0.5)
        names = assumptions.utm_tile_names(
            part.zone, part.south, x_min, y_max, grid.tile_width, grid.tile_height, centre_latitude
        )
    elif part.crs_kind == CRS_LAEA:
        names = assumptions.laea_tile_names(x_min, y_min, grid.tile_width)
    else:
        names = assumptions.wgs84_tile_names(x_min, y_min)
    outlines = shapely.polygons(np.stack([longitude, latitude], axis=-1))

    epsg = part.epsg
    bx, by = layout.buffer_x, layout.buffer_y
    width, height = layout.width, layout.height
    buffered_width, buffered_height = layout.buffered_width, layout.buffered_height
    # Filled in the way the dataclass __init__ would, minus its per-field object.__setattr__ (3× faster for
    # the ~100 000 tiles of a continent). The result is an ordinary, equal, frozen Tile.
    new_tile = object.__new__
    tiles = []
    for name, xa, ya, xb, yb, outline in zip(
        names, x_min.tolist(), y_min.tolist(), x_max.tolist(), y_max.tolist(), outlines.tolist()
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


def _corner_lonlat(
    part: _AreaPart, grid: TilingGrid, columns: np.ndarray, rows: np.ndarray
) -> Tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude (N × 5, closed rings) of the tiles' corners, each shared corner projected once."""
    corner_columns = np.column_stack([columns, columns + 1, columns + 1, columns, columns])
    corner_rows = np.column_stack([rows, rows, rows + 1, rows + 1, rows])
    x = part.cell_origin[0] + corner_columns * grid.tile_width
    y = part.cell_origin[1] + corner_rows * grid.tile_height
    if part.epsg == WGS84_EPSG:
        return x, y
    first_column, first_row = int(columns.min()), int(rows.min())
    lattice_width = int(columns.max()) - first_column + 2
    lattice_height = int(rows.max()) - first_row + 2
    lattice_index = (corner_rows - first_row) * lattice_width + (corner_columns - first_column)
    used = np.zeros(lattice_width * lattice_height, dtype=bool)
    used[lattice_index.ravel()] = True
    unique_index = np.flatnonzero(used)
    position = np.zeros(lattice_width * lattice_height, dtype=np.int64)
    position[unique_index] = np.arange(len(unique_index))
    unique_x = part.cell_origin[0] + (unique_index % lattice_width + first_column) * grid.tile_width
    unique_y = part.cell_origin[1] + (unique_index // lattice_width + first_row) * grid.tile_height
    unique_longitude, unique_latitude = _to_lonlat(part.epsg, unique_x, unique_y)
    longitude = unique_longitude[position[lattice_index]]
    latitude = unique_latitude[position[lattice_index]]
    if part.crs_kind == CRS_UTM:
        meridian = mgrs.utm_central_meridian(part.zone)
        longitude = meridian + (longitude - meridian + 180.0) % 360.0 - 180.0
    return longitude, latitude
