"""The UTM grids (0, 1, 2) on the Sentinel-2 tiling: each zone's MGRS squares, their tiles, and which tiles stay
where zones meet. The rules (verified and assumed) are in :mod:`.grid_assumptions`.

Coordinates of a zone are those of its CRS (EPSG:326xx/327xx): x easting, y northing with the southern false
northing. Square ``(e, k)`` spans x ``e × 100 km .. (e + 1) × 100 km`` and y ``k × 100 km .. (k + 1) × 100 km``;
its *block* is the extent of its tiles (a little larger than the square for grids 0 and 2).

Which tiles stay depends on the neighbouring zones only near a zone's edges; the answer per square is cached, so a
second preview of the same region does no geometry for it.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass
from typing import Iterator, Optional, Tuple

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from . import grid_assumptions as rules
from . import mgrs, proj
from .proj_threads import require_python_thread

SQUARE_SIZE = int(mgrs.MGRS_SQUARE_SIZE)
HALF_ZONE_DEGREES = mgrs.UTM_ZONE_WIDTH_DEGREES / 2.0
#: Tile edges carried into another zone's CRS are split this finely (their image there is very slightly curved).
_EDGE_STEP_M = 1000.0
#: Squares are outlined this finely to find where they meet the zone's meridians and band boundaries.
_OUTLINE_STEP_M = 5000.0
#: How far (metres) a zone's tiles can reach past its meridians: a square overlapping the zone plus the block's
#: overhang, with room to spare.
_REACH_M = SQUARE_SIZE + 1000.0

_THREAD_STATE = threading.local()


def utm_projection(zone: int, south: bool) -> proj.Transformer:
    """Longitude/latitude → the UTM zone (``direction="INVERSE"`` goes back), one per thread.

    Built as the PROJ pipeline EPSG defines for WGS84 → 326xx/327xx (no datum shift): half a millisecond instead
    of the ~20 ms of a database lookup, which adds up over 120 zones.
    """
    require_python_thread()
    cache = getattr(_THREAD_STATE, "projections", None)
    if cache is None:
        cache = _THREAD_STATE.projections = {}
    projection = cache.get((zone, south))
    if projection is None:
        projection = proj.pipeline(
            "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
            f"+step +proj=utm +zone={zone}{' +south' if south else ''} +ellps=WGS84"
        )
        cache[(zone, south)] = projection
    return projection


def reach_degrees(latitude: float) -> float:
    """Longitude span (degrees, generous, at most one zone) a zone's tiles may reach past its meridians."""
    cos_latitude = max(math.cos(math.radians(min(abs(latitude), 89.0))), 1e-6)
    return min(1.2 * math.degrees(_REACH_M / (6_330_000.0 * cos_latitude)), mgrs.UTM_ZONE_WIDTH_DEGREES)


@dataclass(frozen=True)
class ZoneFrame:
    """One tile CRS of a UTM grid: a zone and hemisphere, within the grid's latitude limits."""

    zone: int
    south: bool
    lat_from: float
    lat_to: float

    @property
    def epsg(self) -> int:
        return mgrs.utm_epsg(self.zone, self.south)

    @property
    def central_meridian(self) -> float:
        return mgrs.utm_central_meridian(self.zone)

    def neighbour(self, step: int) -> ZoneFrame:
        """The zone ``step`` zones east (negative: west), across the antimeridian where needed."""
        return ZoneFrame((self.zone - 1 + step) % 60 + 1, self.south, self.lat_from, self.lat_to)

    def to_lonlat(self, x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Longitude (relative to the central meridian, so continuous across ±180) and latitude."""
        longitude, latitude = utm_projection(self.zone, self.south).transform(x, y, direction="INVERSE")
        relative = (np.asarray(longitude) - self.central_meridian + 180.0) % 360.0 - 180.0
        return relative, np.asarray(latitude)

    def from_lonlat(self, longitude: np.ndarray, latitude: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        x, y = utm_projection(self.zone, self.south).transform(longitude, latitude)
        return np.asarray(x), np.asarray(y)


@dataclass(frozen=True)
class SquareLayout:
    """How a grid cuts one square: ``columns`` × ``rows`` tiles from the square's or its Sentinel-2 tile's corner."""

    tile_width: float
    tile_height: float
    columns: int
    rows: int
    s2_corner: bool

    @classmethod
    def of(cls, tile_width: float, tile_height: float) -> SquareLayout:
        return cls(
            float(tile_width),
            float(tile_height),
            rules.tiles_per_square(tile_width, SQUARE_SIZE),
            rules.tiles_per_square(tile_height, SQUARE_SIZE),
            rules.starts_at_s2_corner(tile_width, SQUARE_SIZE) or rules.starts_at_s2_corner(tile_height, SQUARE_SIZE),
        )

    def upper_left(self, south: bool, e: int, k: int) -> Tuple[float, float]:
        west, north = e * SQUARE_SIZE, (k + 1) * SQUARE_SIZE
        if self.s2_corner:
            x, y = rules.s2_upper_left(west, north, south)
            return float(x), float(y)
        return float(west), float(north)

    def block(self, south: bool, e: int, k: int) -> Tuple[float, float, float, float]:
        x, y = self.upper_left(south, e, k)
        return x, y - self.rows * self.tile_height, x + self.columns * self.tile_width, y

    def tile_boxes(self, south: bool, e: int, k: int) -> np.ndarray:
        """(xmin, ymin, xmax, ymax) of every tile, in the order of ``mask.ravel()`` for a (columns × rows) mask."""
        x, y = self.upper_left(south, e, k)
        columns, rows = np.meshgrid(np.arange(self.columns), np.arange(self.rows), indexing="ij")
        x_min = x + columns.ravel() * self.tile_width
        y_max = y - rows.ravel() * self.tile_height
        return np.column_stack([x_min, y_max - self.tile_height, x_min + self.tile_width, y_max])


@dataclass(frozen=True)
class Square:
    """An MGRS square that has a Sentinel-2 tile in this zone."""

    name: str
    yields: bool


@functools.lru_cache(maxsize=1 << 16)
def square(frame: ZoneFrame, e: int, k: int) -> Optional[Square]:
    """The square ``(e, k)`` of a zone, or None when it does not overlap the zone within the latitude limits."""
    if not 0 <= e <= 9:
        return None
    west, south, east, north = e * SQUARE_SIZE, k * SQUARE_SIZE, (e + 1) * SQUARE_SIZE, (k + 1) * SQUARE_SIZE
    meridian_x = min(max(500_000.0, west), east)
    corner_x = np.array([west, east, east, west, meridian_x, (west + east) / 2.0])
    corner_y = np.array([south, south, north, north, north, (south + north) / 2.0])
    longitude, latitude = frame.to_lonlat(corner_x, corner_y)
    if not (np.isfinite(longitude).all() and np.isfinite(latitude).all()):
        return None
    if (longitude[:4] >= HALF_ZONE_DEGREES).all() or (longitude[:4] <= -HALF_ZONE_DEGREES).all():
        return None
    margin = 0.5
    if (np.abs(longitude[:4]).max() < HALF_ZONE_DEGREES - margin
            and frame.lat_from + margin < latitude[:5].min() and latitude[:5].max() < frame.lat_to - margin):
        northernmost = float(latitude[2:5].max()) if not frame.south else float(latitude[2:4].max())
    else:
        outline = shapely.segmentize(box(west, south, east, north), _OUTLINE_STEP_M)
        xy = shapely.get_coordinates(outline)
        outline_longitude, outline_latitude = frame.to_lonlat(xy[:, 0], xy[:, 1])
        in_lonlat = shapely.make_valid(Polygon(np.column_stack([outline_longitude, outline_latitude])))
        strip = box(-HALF_ZONE_DEGREES, frame.lat_from, HALF_ZONE_DEGREES, frame.lat_to)
        inside = shapely.intersection(in_lonlat, strip)
        if inside.is_empty or inside.area <= 0.0:
            return None
        northernmost = inside.bounds[3]
    band = mgrs.latitude_band_letters(rules.band_latitude_of_square(northernmost, frame.south)).item()
    column_letter = mgrs.square_column_letters(frame.zone, e).item()
    row_letter = mgrs.square_row_letters(frame.zone, k).item()
    return Square(
        name=f"{frame.zone:02d}{band}{column_letter}{row_letter}",
        yields=rules.square_yields_to_the_west(float(longitude[5]), -HALF_ZONE_DEGREES),
    )


def squares_near(frame: ZoneFrame, layout: SquareLayout, bounds: Tuple[float, float, float, float]
                 ) -> Iterator[Tuple[int, int, Square]]:
    """Every square of the zone whose block may overlap ``bounds`` (in the zone's CRS)."""
    west, south, east, north = bounds
    block_width = layout.columns * layout.tile_width
    block_height = layout.rows * layout.tile_height
    for e in range(math.floor((west - block_width) / SQUARE_SIZE), math.floor(east / SQUARE_SIZE) + 2):
        for k in range(math.floor(south / SQUARE_SIZE) - 1, math.floor((north + block_height) / SQUARE_SIZE) + 1):
            found = square(frame, e, k)
            if found is not None:
                yield e, k, found


@functools.lru_cache(maxsize=1 << 16)
def kept_tiles(layout: SquareLayout, frame: ZoneFrame, e: int, k: int) -> np.ndarray:
    """Which tiles of the (existing) square ``(e, k)`` the grid keeps: a read-only (columns × rows) mask.

    Rule 3 for a yielding square, then rule 4 against the next zone east. Both find what of the square's block the
    covering tiles leave (carried into the other zone's CRS and back), then keep the tiles that meet it.
    """
    found = square(frame, e, k)
    keep = _west_rule(layout, frame, e, k) if found is not None and found.yields else _all_tiles(layout)
    if keep.any() and _may_meet_next_zone(layout, frame, e, k):
        left = _left_uncovered(layout, frame, box(*layout.block(frame.south, e, k)), frame.neighbour(1), True)
        keep = keep & _meets(layout, frame, e, k, left)
    keep.setflags(write=False)
    return keep


@functools.lru_cache(maxsize=1 << 16)
def _west_rule(layout: SquareLayout, frame: ZoneFrame, e: int, k: int) -> np.ndarray:
    """Tiles of a yielding square that its zone's other squares and the west zone's do not cover (rule 3)."""
    block = box(*layout.block(frame.south, e, k))
    own_cover = _cover(layout, frame, block.bounds, with_yielding=False)
    left = block if own_cover is None else shapely.difference(block, own_cover)
    if not left.is_empty:
        left = _left_uncovered(layout, frame, left, frame.neighbour(-1), False)
    keep = _meets(layout, frame, e, k, left)
    keep.setflags(write=False)
    return keep


def _all_tiles(layout: SquareLayout) -> np.ndarray:
    return np.ones((layout.columns, layout.rows), dtype=bool)


def _may_meet_next_zone(layout: SquareLayout, frame: ZoneFrame, e: int, k: int) -> bool:
    """Whether the next zone's tiles can reach this square's block (its east edge is near the east meridian)."""
    _, south, east, north = layout.block(frame.south, e, k)
    longitude, latitude = frame.to_lonlat(np.array([east, east]), np.array([south, north]))
    return float(longitude.max()) > HALF_ZONE_DEGREES - reach_degrees(float(np.abs(latitude).max()))


def _left_uncovered(layout: SquareLayout, frame: ZoneFrame, region: BaseGeometry, other: ZoneFrame,
                    with_yielding: bool) -> BaseGeometry:
    """What of ``region`` (in ``frame``'s CRS) the tiles of the zone ``other`` do not cover, back in ``frame``'s CRS."""
    carried = _carry(region, frame, other)
    cover = _cover(layout, other, carried.bounds, with_yielding)
    if cover is None:
        return region
    left = shapely.difference(carried, cover)
    return left if left.is_empty else _carry(left, other, frame)


def _meets(layout: SquareLayout, frame: ZoneFrame, e: int, k: int, left: BaseGeometry) -> np.ndarray:
    """(columns × rows) mask of the square's tiles that reach more than the tolerance into ``left``."""
    if left.is_empty:
        return np.zeros((layout.columns, layout.rows), dtype=bool)
    shrink = rules.COVERAGE_TOLERANCE_M
    inner = shapely.box(*(layout.tile_boxes(frame.south, e, k) + np.array([shrink, shrink, -shrink, -shrink])).T)
    shapely.prepare(left)
    return shapely.intersects(left, inner).reshape(layout.columns, layout.rows)


def _cover(layout: SquareLayout, frame: ZoneFrame, bounds: Tuple[float, float, float, float],
           with_yielding: bool) -> Optional[BaseGeometry]:
    """Union of the zone's tiles near ``bounds`` (each grown by the tolerance): all tiles of non-yielding squares,
    and with ``with_yielding`` the tiles yielding squares keep."""
    grow = rules.COVERAGE_TOLERANCE_M
    boxes = []
    for e, k, found in squares_near(frame, layout, bounds):
        if not found.yields:
            boxes.append(layout.block(frame.south, e, k))
        elif with_yielding:
            boxes.extend(layout.tile_boxes(frame.south, e, k)[_west_rule(layout, frame, e, k).ravel()])
    if not boxes:
        return None
    grown = np.asarray(boxes, dtype=float) + np.array([-grow, -grow, grow, grow])
    return shapely.union_all(shapely.box(*grown.T))


def _carry(geometry: BaseGeometry, source: ZoneFrame, target: ZoneFrame) -> BaseGeometry:
    """A geometry of the zone ``source`` in the CRS of the zone ``target`` (edges split first)."""
    central_meridian = source.central_meridian

    def move(xy: np.ndarray) -> np.ndarray:
        relative, latitude = source.to_lonlat(xy[:, 0], xy[:, 1])
        x, y = target.from_lonlat(relative + central_meridian, latitude)
        return np.column_stack([x, y])

    return shapely.transform(shapely.segmentize(geometry, _EDGE_STEP_M), move)


def clear_caches() -> None:
    """Forget every square and kept-tiles answer (benchmarks time the work, not the cache)."""
    for cached in (square, kept_tiles, _west_rule):
        cached.cache_clear()

