"""The emulator's own tiling grids: its ``GET /tilinggrids`` table and the tiles its analysis makes.

Written apart from the plugin (which must never be the reference for itself): tiles are built one Sentinel-2
tile at a time and tested one by one with shapely in longitude/latitude, the slow and obvious way. The rules are
those the real outputs show (spec ``tiling-grids.md`` §2a); the plugin's ``grid_assumptions`` documents the same
rules, so a test comparing the two catches a wrong plugin preview.

UTM grids (0, 1, 2):
- a zone has one Sentinel-2 tile per MGRS 100 km square that overlaps its 6° strip; the tile's corner is the
  square's north-west corner moved out onto the 60 m lattice from easting 0 and the equator (grid 1: the square's
  own corner); it is cut into n × n tiles named ``<S2>_<col>_<row>``;
- a square whose centre is west of its zone loses its tiles where the zone's other squares and the west zone's
  cover them; a tile is lost where the next zone east covers it; a square in two bands takes the northern one.
"""

from __future__ import annotations

import copy
import math
import threading
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pyproj
import shapely
from shapely import ops
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

#: ``GET /tilinggrids`` as the live service answered it (sentinelhub-py examples/batch_processing_v2.ipynb, 2024).
TILING_GRIDS: Tuple[Dict[str, Any], ...] = (
    {"id": 0, "name": "20km grid",
     "properties": {"tileWidth": 20040.0, "tileHeight": 20040.0, "chunkWidth": 334, "chunkHeight": 167,
                    "resolutions": [10.0, 20.0, 60.0], "singleCrs": False, "unit": "METRE"}},
    {"id": 1, "name": "10km grid",
     "properties": {"tileWidth": 10000.0, "tileHeight": 10000.0, "chunkWidth": 500, "chunkHeight": 500,
                    "resolutions": [1.0, 10.0, 20.0, 1.4999], "singleCrs": False, "unit": "METRE"}},
    {"id": 2, "name": "100km grid",
     "properties": {"tileWidth": 100080.0, "tileHeight": 100080.0, "chunkWidth": 278, "chunkHeight": 278,
                    "resolutions": [360.0, 60.0, 120.0, 240.0], "singleCrs": False, "unit": "METRE"}},
    {"id": 3, "name": "WGS84 1 degree grid",
     "properties": {"tileWidth": 1.0, "tileHeight": 1.0, "chunkWidth": 500, "chunkHeight": 500,
                    "resolutions": [0.0005, 0.001, 0.002, 0.005, 0.008, 0.0001, 0.0002, 0.0008],
                    "singleCrs": True, "unit": "DEGREE"}},
    {"id": 6, "name": "LAEA 100km grid",
     "properties": {"tileWidth": 100000.0, "tileHeight": 100000.0, "chunkWidth": 0, "chunkHeight": 0,
                    "resolutions": [40.0, 50.0, 100.0], "singleCrs": True, "unit": "METRE"}},
    {"id": 7, "name": "LAEA 20km grid",
     "properties": {"tileWidth": 20000.0, "tileHeight": 20000.0, "chunkWidth": 0, "chunkHeight": 0,
                    "resolutions": [10.0, 20.0], "singleCrs": True, "unit": "METRE"}},
)
UTM_GRIDS = (0, 1, 2)
LAEA_GRIDS = (6, 7)
#: Latitudes each UTM grid covers (spec table).
UTM_LATITUDES = {0: (-80.7, 80.7), 1: (-80.6, 80.6), 2: (-81.0, 81.0)}
LAEA_BOX = (-35.58, 24.60, 44.83, 84.73)

_BANDS = "CDEFGHJKLMNPQRSTUVWX"
_ROWS = "ABCDEFGHJKLMNPQRSTUV"
_COLUMNS = ("STUVWXYZ", "ABCDEFGH", "JKLMNPQR")
_SQUARE = 100_000
_STEP_DEGREES = 0.01
_COVER_TOLERANCE_DEGREES = 1e-7


def grid_listing() -> List[Dict[str, Any]]:
    return copy.deepcopy(list(TILING_GRIDS))


def grid_description(grid_id: int) -> Optional[Dict[str, Any]]:
    for grid in TILING_GRIDS:
        if grid["id"] == grid_id:
            return copy.deepcopy(grid)
    return None


def allowed_resolution(grid_id: int, resolution: Any) -> Optional[float]:
    """The listed resolution equal to ``resolution``, or None."""
    grid = grid_description(grid_id)
    try:
        value = float(resolution)
    except (TypeError, ValueError):
        return None
    for allowed in grid["properties"]["resolutions"] if grid else ():
        if abs(allowed - value) <= 1e-9 * max(abs(allowed), 1.0):
            return float(allowed)
    return None


@dataclass
class GridTile:
    name: str
    epsg: int
    bounds: Tuple[float, float, float, float]
    raster_bounds: Tuple[float, float, float, float]
    width: int
    height: int
    raster_width: int
    raster_height: int
    outline_lonlat: BaseGeometry


_LOCK = threading.Lock()
"""One analysis tiles at a time: the transformers and caches below are not shared between threads."""


def tiles_for(area_lonlat: BaseGeometry, grid_id: int, resolution: float, buffer_x: int = 0,
              buffer_y: int = 0) -> List[GridTile]:
    """The tiles a request over ``area_lonlat`` (longitude/latitude, −180..180) processes, one by one."""
    with _LOCK:
        return _tiles_for(area_lonlat, grid_id, resolution, buffer_x, buffer_y)


def _tiles_for(area_lonlat: BaseGeometry, grid_id: int, resolution: float, buffer_x: int,
               buffer_y: int) -> List[GridTile]:
    properties = grid_description(grid_id)["properties"]
    size_x, size_y = properties["tileWidth"], properties["tileHeight"]
    width, height = round(size_x / resolution), round(size_y / resolution)
    if grid_id in UTM_GRIDS:
        found = _utm_tiles(area_lonlat, grid_id, size_x, size_y)
    elif grid_id in LAEA_GRIDS:
        found = _laea_tiles(area_lonlat, size_x)
    else:
        found = _degree_tiles(area_lonlat)
    tiles = []
    for name, epsg, (x0, y0, x1, y1), outline in found:
        bx, by = buffer_x * resolution, buffer_y * resolution
        tiles.append(GridTile(name, epsg, (x0, y0, x1, y1), (x0 - bx, y0 - by, x1 + bx, y1 + by), width, height,
                              width + 2 * buffer_x, height + 2 * buffer_y, outline))
    return tiles


# ---------------------------------------------------------------------------------------------- UTM


_TRANSFORMERS: Dict[int, pyproj.Transformer] = {}


def _to_utm(epsg: int) -> pyproj.Transformer:
    if epsg not in _TRANSFORMERS:
        _TRANSFORMERS[epsg] = pyproj.Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    return _TRANSFORMERS[epsg]


def _lonlat_of(epsg: int, zone: int, geometry: BaseGeometry, step: float) -> BaseGeometry:
    """A UTM geometry in longitude/latitude, longitudes kept within 180° of the zone's meridian."""
    meridian = zone * 6 - 183
    inverse = _to_utm(epsg)

    def back(xy: np.ndarray) -> np.ndarray:
        lon, lat = inverse.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        return np.column_stack([meridian + (np.asarray(lon) - meridian + 180.0) % 360.0 - 180.0, lat])

    return shapely.transform(geometry.segmentize(step), back)


@dataclass(frozen=True)
class _Square:
    zone: int
    south: bool
    e: int
    k: int
    name: str
    west_of_zone: bool
    corner: Tuple[float, float]


class _Grid:
    """Sentinel-2 squares and their tiles for one UTM grid, computed as they are asked for."""

    def __init__(self, grid_id: int, size_x: float, size_y: float):
        self.south_limit, self.north_limit = UTM_LATITUDES[grid_id]
        self.size_x, self.size_y = size_x, size_y
        self.columns = max(1, round(_SQUARE / size_x))
        self.rows = max(1, round(_SQUARE / size_y))
        self.s2_corner = self.columns * size_x > _SQUARE or self.rows * size_y > _SQUARE
        self._squares: Dict[Tuple[int, bool, int, int], Optional[_Square]] = {}
        self._kept: Dict[Tuple[int, bool, int, int, int, int], bool] = {}
        self._outlines: Dict[Tuple[int, bool, int, int, int, int], BaseGeometry] = {}
        self._blocks: Dict[Tuple[int, bool, int, int], BaseGeometry] = {}
        self._covers: Dict[Tuple[str, int, bool, int, int], Optional[BaseGeometry]] = {}

    def square(self, zone: int, south: bool, e: int, k: int) -> Optional[_Square]:
        key = (zone, south, e, k)
        if key not in self._squares:
            self._squares[key] = self._make_square(zone, south, e, k)
        return self._squares[key]

    def _make_square(self, zone: int, south: bool, e: int, k: int) -> Optional[_Square]:
        epsg = (32700 if south else 32600) + zone
        meridian = zone * 6 - 183
        lat_from, lat_to = (self.south_limit, 0.0) if south else (0.0, self.north_limit)
        outline = _lonlat_of(epsg, zone, box(e * _SQUARE, k * _SQUARE, (e + 1) * _SQUARE, (k + 1) * _SQUARE), 2000)
        inside = outline.intersection(box(meridian - 3, lat_from, meridian + 3, lat_to))
        if inside.is_empty or inside.area == 0:
            return None
        top = inside.bounds[3] - 1e-9
        top = min(top, -1e-9) if south else max(top, 0.0)
        band = _BANDS[min(max(int((top + 80) // 8), 0), len(_BANDS) - 1)]
        row = _ROWS[(k + (5 if zone % 2 == 0 else 0)) % 20]
        column = _COLUMNS[zone % 3][(e - 1) % 8]
        west, north = e * _SQUARE, (k + 1) * _SQUARE
        if self.s2_corner:
            equator = 10_000_000 if south else 0
            west = west - west % 60
            north = 60 * math.ceil((north - equator) / 60) + equator
        return _Square(zone, south, e, k, f"{zone:02d}{band}{column}{row}",
                       _centre_longitude(epsg, e, k) < meridian - 3, (float(west), float(north)))

    def tile_box(self, sq: _Square, column: int, row: int) -> Tuple[float, float, float, float]:
        x0 = sq.corner[0] + column * self.size_x
        y1 = sq.corner[1] - row * self.size_y
        return x0, y1 - self.size_y, x0 + self.size_x, y1

    def tile_lonlat(self, sq: _Square, column: int, row: int) -> BaseGeometry:
        key = (sq.zone, sq.south, sq.e, sq.k, column, row)
        if key not in self._outlines:
            epsg = (32700 if sq.south else 32600) + sq.zone
            self._outlines[key] = _lonlat_of(epsg, sq.zone, box(*self.tile_box(sq, column, row)), 500)
        return self._outlines[key]

    def block_lonlat(self, sq: _Square) -> BaseGeometry:
        key = (sq.zone, sq.south, sq.e, sq.k)
        if key not in self._blocks:
            epsg = (32700 if sq.south else 32600) + sq.zone
            x0, y1 = sq.corner
            block = box(x0, y1 - self.rows * self.size_y, x0 + self.columns * self.size_x, y1)
            self._blocks[key] = _lonlat_of(epsg, sq.zone, block, 2000)
        return self._blocks[key]

    def squares_around(self, zone: int, south: bool, lonlat: BaseGeometry):
        """Squares of ``zone`` whose tiles overlap ``lonlat``."""
        zone = (zone - 1) % 60 + 1
        epsg = (32700 if south else 32600) + zone
        meridian = zone * 6 - 183
        points = [(meridian + ((x - meridian + 180) % 360) - 180, y) for x, y in lonlat.envelope.exterior.coords]
        xs, ys = _to_utm(epsg).transform([p[0] for p in points], [p[1] for p in points])
        for e in range(int(min(xs) // _SQUARE) - 1, int(max(xs) // _SQUARE) + 1):
            for k in range(int(min(ys) // _SQUARE) - 1, int(max(ys) // _SQUARE) + 1):
                if 0 <= e <= 9:
                    sq = self.square(zone, south, e, k)
                    if sq is not None and _shift_next_to(self.block_lonlat(sq), lonlat).intersects(lonlat):
                        yield sq

    def _union_of_tiles(self, zone: int, south: bool, near: BaseGeometry, yielding_tiles) -> Optional[BaseGeometry]:
        """Union of the zone's tiles near ``near``: whole blocks of squares that do not yield, and the tiles of
        yielding squares for which ``yielding_tiles(square, column, row)`` holds."""
        parts = []
        for sq in self.squares_around(zone, south, near):
            if not sq.west_of_zone:
                parts.append(_shift_next_to(self.block_lonlat(sq), near))
                continue
            for column in range(self.columns):
                for row in range(self.rows):
                    if yielding_tiles(sq, column, row):
                        parts.append(_shift_next_to(self.tile_lonlat(sq, column, row), near))
        return ops.unary_union(parts).buffer(_COVER_TOLERANCE_DEGREES) if parts else None

    def kept_after_west_rule(self, sq: _Square, column: int, row: int) -> bool:
        if not sq.west_of_zone:
            return True
        key = ("west", sq.zone, sq.south, sq.e, sq.k)
        if key not in self._covers:
            block = self.block_lonlat(sq)
            covers = [self._union_of_tiles(z, sq.south, block, lambda s, c, r: False) for z in (sq.zone, sq.zone - 1)]
            covers = [cover for cover in covers if cover is not None]
            self._covers[key] = ops.unary_union(covers) if covers else None
        cover = self._covers[key]
        return not (cover is not None and cover.contains(self.tile_lonlat(sq, column, row)))

    def kept(self, sq: _Square, column: int, row: int) -> bool:
        key = (sq.zone, sq.south, sq.e, sq.k, column, row)
        if key not in self._kept:
            keep = self.kept_after_west_rule(sq, column, row)
            if keep and _near_the_next_zone(self.block_lonlat(sq), sq.zone):
                cover_key = ("east", sq.zone, sq.south, sq.e, sq.k)
                if cover_key not in self._covers:
                    self._covers[cover_key] = self._union_of_tiles(sq.zone + 1, sq.south, self.block_lonlat(sq),
                                                                   self.kept_after_west_rule)
                cover = self._covers[cover_key]
                keep = not (cover is not None and cover.contains(self.tile_lonlat(sq, column, row)))
            self._kept[key] = keep
        return self._kept[key]


def _near_the_next_zone(outline: BaseGeometry, zone: int) -> bool:
    """Whether the next zone's tiles (which reach at most ~100 km west of its meridian) can touch ``outline``."""
    _, south, east, north = outline.bounds
    reach = 1.5 * 100.0 / (111.0 * max(math.cos(math.radians(max(abs(south), abs(north)))), 0.01))
    return east > zone * 6 - 180 - reach


def _centre_longitude(epsg: int, e: int, k: int) -> float:
    zone = epsg % 100
    lon, _ = _to_utm(epsg).transform((e + 0.5) * _SQUARE, (k + 0.5) * _SQUARE, direction="INVERSE")
    meridian = zone * 6 - 183
    return meridian + ((lon - meridian + 180) % 360) - 180


def _shift_next_to(outline: BaseGeometry, near: BaseGeometry) -> BaseGeometry:
    """``outline`` moved by whole turns so that it lies on the same side of ±180 as ``near``."""
    shift = 360.0 * round((near.centroid.x - outline.centroid.x) / 360.0)
    return outline if shift == 0 else ops.transform(lambda x, y: ([v + shift for v in x], y), outline)


_GRIDS: Dict[Tuple[int, float, float], _Grid] = {}


def _utm_tiles(area: BaseGeometry, grid_id: int, size_x: float, size_y: float):
    key = (grid_id, size_x, size_y)
    if key not in _GRIDS:
        _GRIDS[key] = _Grid(grid_id, size_x, size_y)
    grid = _GRIDS[key]
    found = {}
    for piece in _pieces_in_the_world(area):
        west, _, east, _ = piece.bounds
        for is_south in (False, True):
            lat_from, lat_to = (grid.south_limit, 0.0) if is_south else (0.0, grid.north_limit)
            part = piece.intersection(box(-180, lat_from, 180, lat_to))
            if part.is_empty or part.area == 0:
                continue
            for index in range(int((west + 180) // 6) - 1, int((east + 180) // 6) + 2):
                zone = index % 60 + 1
                epsg = (32700 if is_south else 32600) + zone
                for sq in grid.squares_around(zone, is_south, part.envelope):
                    whole = part.contains(_shift_next_to(grid.block_lonlat(sq), part))
                    for column in range(grid.columns):
                        for row in range(grid.rows):
                            outline = _shift_next_to(grid.tile_lonlat(sq, column, row), part)
                            if (whole or outline.intersection(part).area > 0) and grid.kept(sq, column, row):
                                name = f"{sq.name}_{column}_{row}"
                                found[(name, epsg)] = (name, epsg, grid.tile_box(sq, column, row), outline)
    return sorted(found.values(), key=lambda t: (t[1], -t[2][3], t[2][0], t[0]))


def _pieces_in_the_world(area: BaseGeometry) -> List[BaseGeometry]:
    """The area's polygons, each moved by whole turns into −180..180 (a polygon across ±180 is cut there)."""
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        moved = ops.transform(lambda x, y, s=shift: ([v + s for v in x], y), area)
        inside = moved.intersection(box(-180, -90, 180, 90))
        pieces.extend(getattr(inside, "geoms", [inside]))
    return [piece for piece in pieces if piece.geom_type == "Polygon" and piece.area > 0]


# ---------------------------------------------------------------------------------------------- WGS84, LAEA


def _degree_tiles(area: BaseGeometry):
    west, south, east, north = area.bounds
    found = []
    for lat in range(math.floor(north), math.floor(south) - 1, -1):
        for lon in range(math.floor(west), math.ceil(east)):
            cell = box(lon, lat, lon + 1, lat + 1)
            if cell.intersection(area).area > 0:
                name = f"{'S' if lat < 0 else 'N'}{abs(lat):02d}{'W' if lon < 0 else 'E'}{abs(lon):03d}"
                found.append((name, 4326, (float(lon), float(lat), float(lon + 1), float(lat + 1)), cell))
    return found


def _laea_tiles(area: BaseGeometry, size: float):
    inside = area.intersection(box(*LAEA_BOX))
    if inside.is_empty:
        return []
    to_laea = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)
    projected = ops.transform(to_laea.transform, inside.segmentize(_STEP_DEGREES))
    x0, y0, x1, y1 = projected.bounds
    label = f"{int(size) // 1000}km"
    divisor = 10 ** (len(str(int(size))) - len(str(int(size)).rstrip("0")))
    found = []
    for j in range(math.floor(y1 / size), math.floor(y0 / size) - 1, -1):
        for i in range(math.floor(x0 / size), math.floor(x1 / size) + 1):
            cell = box(i * size, j * size, (i + 1) * size, (j + 1) * size)
            if cell.intersection(projected).area > 0:
                outline = ops.transform(lambda x, y: to_laea.transform(x, y, direction="INVERSE"),
                                        cell.segmentize(size / 4))
                name = f"{label}E{int(i * size) // divisor}N{int(j * size) // divisor}"
                found.append((name, 3035, cell.bounds, outline))
    return found

