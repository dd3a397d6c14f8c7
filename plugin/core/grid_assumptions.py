"""The rules of the Sentinel Hub tiling grids that the tiling code follows: what is verified, what is assumed.

Every rule lives here, kept apart so that it can be replaced when real outputs show otherwise
(``spec/tiling-grids.md`` §2 and §2a). The rest of the tiling code only calls the functions and reads the
constants below. The tests in ``tests/unit/test_real_grids.py`` check the verified ones against real tiles.

UTM grids 0, 1 and 2 (tiles in the UTM zone of each Sentinel-2 tile)
--------------------------------------------------------------------
1. **Squares.** *(verified)* A zone's grid is made of its Sentinel-2 tiles, one per MGRS 100 km square that
   overlaps the zone (its 6° strip of longitude), cut into ``n × n`` tiles (grid 0: 5 × 20 040 m, grid 2:
   1 × 100 080 m, grid 1: 10 × 10 000 m). Tiles are named ``<S2 tile>_<column>_<row>``, columns eastwards and
   rows southwards from 0.
2. **Where the tiles start.** *(verified on all 1 667 real grid-0 tiles over France and the real grid-2 tile
   36MZT_0_0)* Grids 0 and 2 start at the **Sentinel-2 tile's upper-left corner**: the MGRS square's north-west
   corner moved outwards (west and north) onto the 60 m lattice that starts at easting 0 and at the equator:
   ``x = floor(W / 60) × 60`` and ``y = ceil(N' / 60) × 60`` with ``N'`` the northing from the equator (the
   southern false northing taken off and put back). E.g. 30TVT: (399 960, 5 300 040); 36MZT in EPSG:32736:
   (799 980, 9 300 040). Their ``n × n`` tiles are wider than the square (100 200 m, 100 080 m), so the tiles of
   neighbouring squares overlap by up to 240 m. Grid 1 (10 × 10 000 m = exactly the square) starts at the square's
   own corner *(verified on three real tiles)*. For a grid read from a live listing with another tile size:
   ``n = round(100 km / tile size)``, at the Sentinel-2 corner when ``n`` tiles are wider than the square
   *(assumed)*.
3. **Zone edges: which square yields.** *(derived from the France file's id sequence; see below)* Squares whose
   centre lies west of their zone's west meridian *yield*: their tiles are dropped where tiles of the other
   squares of their zone and of the zone to the west cover them completely (``square_yields_to_the_west``).
4. **Zone edges: the east zone wins.** *(derived, as 3)* A tile is dropped when the tiles of the next zone east
   (yielding squares counted only where they stay) cover it completely. So the tiles of a zone's east-edge squares
   reach past the 6° meridian as far as the next zone's grid leaves room (30TYT keeps columns 0–2, 30TYS keeps
   3_2..3_4). Both rules are the docs' "all redundant (fully overlapped) tiles are removed", with an order.
   Checked on the France file: all 1 667 tiles and the 62 tiles its id sequence shows as removed come out right,
   and 1 661 of the 1 663 gaps between consecutive ids hold exactly as many kept tiles as these rules keep. The
   two that do not are the same case in two zones (30TYK–30TYM and 31TGE–31TGG, 40–42.4° N): the real grid keeps
   14 tiles there, these rules 37 — the square 31TBG/32TKG, whose centre is 1.4 km west of the meridian, yields
   less in reality than rule 3 says. Which squares yield near that threshold is therefore **not** settled.
   "Cover" is tested with a tolerance of ``COVERAGE_TOLERANCE_M``; only the neighbouring zones are consulted.
5. **Grid 1 at zone edges.** *(assumed)* No real grid-1 tile near a zone edge is public. Grid 1 follows rules 3–4
   like grids 0 and 2 (its squares are the same Sentinel-2 tiles), so its tiles, too, can lie past the meridian.
6. **Squares in two latitude bands.** *(verified at 48° N only)* A square that straddles an 8° band boundary
   (both bands' Sentinel-2 tiles have the same extent) keeps the name of the **northern** band (31UCP, not 31TCP).
7. **Zone number** with two digits (``04QFJ_…``) as Sentinel-2 names; **plain 6° zones**: the MGRS exceptions
   around Norway (32V) and Svalbard (31X–37X) are not applied *(assumed)*.

Other grids *(assumed)*
-----------------------
8. **Grid 3 names** (WGS84 1°): the south-west corner as ``N00E005`` / ``S12W077``, which matches the real names
   seen (``N00E005``, ``S08E036``). Cells are aligned to whole degrees.
9. **Grids 6 and 7 names** (LAEA, EPSG:3035): the EEA reference grid cell code of the south-west corner, e.g.
   ``100kmE43N32`` and ``20kmE432N320`` (coordinates divided by 10^n, n = number of trailing zeros of the cell
   size in metres). Cells are aligned to multiples of the tile size in EPSG:3035.
10. **LAEA coverage** ("Europe incl. Turkey, Iceland, Svalbard, Azores, Canaries"): the area of use of EPSG:3035,
    longitude −35.58..44.83, latitude 24.60..84.73. Parts of an area outside it are not tiled.
"""

from __future__ import annotations

from typing import List, Tuple

import numpy as np

#: The lattice (metres, from easting 0 and the equator) Sentinel-2 tile corners lie on (rule 2).
S2_CORNER_LATTICE_M = 60
#: Southern false northing of UTM: taken off before snapping a southern corner to the lattice (rule 2).
SOUTH_FALSE_NORTHING_M = 10_000_000
#: A tile counts as covered when what other tiles leave of it is nowhere wider than this (rules 3-4).
COVERAGE_TOLERANCE_M = 0.01
#: Origin in degrees that WGS84 tiles are aligned to (rule 8).
WGS84_CELL_ORIGIN: Tuple[float, float] = (0.0, 0.0)
#: Origin in EPSG:3035 metres that LAEA tiles are aligned to (rule 9).
LAEA_CELL_ORIGIN: Tuple[float, float] = (0.0, 0.0)
LAEA_EPSG = 3035
#: (west, south, east, north) in degrees where LAEA grids have tiles (rule 10).
LAEA_COVERAGE_LONLAT: Tuple[float, float, float, float] = (-35.58, 24.60, 44.83, 84.73)


def tiles_per_square(tile_size: float, square_size: float) -> int:
    """How many tiles one MGRS square is cut into along one side (rule 2)."""
    return max(1, round(square_size / tile_size))


def starts_at_s2_corner(tile_size: float, square_size: float) -> bool:
    """Whether a square's tiles start at its Sentinel-2 tile's corner rather than at the square's (rule 2)."""
    return tiles_per_square(tile_size, square_size) * tile_size > square_size


def s2_upper_left(square_west: int, square_north: int, south: bool) -> Tuple[int, int]:
    """Upper-left corner of the Sentinel-2 tile of the MGRS square with this north-west corner (rule 2)."""
    lattice = S2_CORNER_LATTICE_M
    offset = SOUTH_FALSE_NORTHING_M if south else 0
    x = (square_west // lattice) * lattice
    y = -((offset - square_north) // lattice) * lattice + offset
    return x, y


def square_yields_to_the_west(centre_longitude: float, zone_west: float) -> bool:
    """Whether a square's tiles give way to its zone's other squares and the west zone where they cover it (rule 3)."""
    return centre_longitude < zone_west


def band_latitude_of_square(northernmost_latitude: float, south: bool) -> float:
    """Latitude whose band letter names a square: its northernmost point in the zone, kept in the hemisphere
    of the zone's CRS (rule 6)."""
    latitude = northernmost_latitude - 1e-9
    return min(latitude, -1e-9) if south else max(latitude, 0.0)


def wgs84_tile_names(longitude_min: np.ndarray, latitude_min: np.ndarray) -> List[str]:
    """``N00E005`` style names from the south-west corner (rule 8)."""
    names = []
    longitudes = np.rint(longitude_min).astype(np.int64).tolist()
    latitudes = np.rint(latitude_min).astype(np.int64).tolist()
    for lon, lat in zip(longitudes, latitudes):
        lon = ((lon + 180) % 360) - 180
        names.append(f"{'S' if lat < 0 else 'N'}{abs(lat):02d}{'W' if lon < 0 else 'E'}{abs(lon):03d}")
    return names


def laea_tile_names(x_min: np.ndarray, y_min: np.ndarray, tile_size: float) -> List[str]:
    """EEA reference grid codes of the south-west corner, e.g. ``100kmE43N32`` (rule 9)."""
    size = round(tile_size)
    trailing_zeros = len(str(size)) - len(str(size).rstrip("0"))
    divisor = 10**trailing_zeros
    label = f"{size // 1000}km" if size % 1000 == 0 else f"{size}m"
    eastings = np.floor(np.asarray(x_min, dtype=float) / divisor + 1e-9).astype(np.int64).tolist()
    northings = np.floor(np.asarray(y_min, dtype=float) / divisor + 1e-9).astype(np.int64).tolist()
    return [f"{label}E{east}N{north}" for east, north in zip(eastings, northings)]

