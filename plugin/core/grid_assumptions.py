"""ASSUMPTIONS about the Sentinel Hub tiling grids that no public source states.

Everything here is a deliberate, documented choice, kept in this one module so that it can be replaced when real
outputs show otherwise (spec ``tiling-grids.md`` §2, the items marked *(unknown)*). The rest of the tiling code only
calls the functions and reads the constants below.

1. **Cell alignment of UTM grids.** Every UTM grid's tiles are aligned to exact multiples of its tile size in UTM
   coordinates: ``x_min = i × tile_width``, ``y_min = j × tile_height``, with the southern false northing
   (10 000 000 m) included in ``y``. For grid 1 (10 000 m) this is documented; for grid 0 (20 040 m) and grid 2
   (100 080 m) it is assumed, which places the extra 40 m / 80 m by letting the tiles drift slowly against the
   100 km MGRS squares instead of overlapping at every square border.
2. **Which MGRS square names a tile.** The square that contains the tile's north-west (upper-left) corner, the
   corner Sentinel Hub reports as a tile's ``origin``. Column and row inside it are
   ``floor((x_min − square_west) / tile_width)`` and ``floor((square_north − y_max) / tile_height)``; for grid 1
   these are the documented exact numbers; for grid 2 they are always ``0_0`` (as in real names like ``44HME_0_0``).
3. **Latitude band letter.** The band of the tile's centre, clamped to the tile CRS's hemisphere (a tile of a
   southern zone CRS that straddles the equator is lettered ``M``, a northern one ``N``). So a 100 km square that
   straddles an 8° band boundary gives its tiles the band each tile mostly lies in, and names never repeat.
4. **Zone number.** Written with two digits (``04QFJ_…``), as Sentinel-2 tile names are.
5. **UTM zones.** Plain 6° zones; the MGRS exceptions around Norway (32V) and Svalbard (31X–37X) are not applied.
6. **Grid 3 names** (WGS84 1°): the south-west corner as ``N00E005`` / ``S12W077`` (SRTM style), which matches
   the real names seen (``N00E005``). Cells are aligned to whole degrees.
7. **Grids 6 and 7 names** (LAEA, EPSG:3035): the EEA reference grid cell code of the south-west corner, e.g.
   ``100kmE43N32`` and ``20kmE432N320`` (coordinates divided by 10^n, n = number of trailing zeros of the cell
   size in metres). Cells are aligned to multiples of the tile size in EPSG:3035.
8. **LAEA coverage** ("Europe incl. Turkey, Iceland, Svalbard, Azores, Canaries"): the area of use of EPSG:3035,
   longitude −35.58..44.83, latitude 24.60..84.73. Parts of an area outside it are not tiled.
"""

from __future__ import annotations

from typing import List, Tuple

import numpy as np

from . import mgrs

#: Origin (x, y) that UTM tile extents are multiples of the tile size from (assumption 1).
UTM_CELL_ORIGIN: Tuple[float, float] = (0.0, 0.0)
#: Origin in degrees that WGS84 tiles are aligned to (assumption 6).
WGS84_CELL_ORIGIN: Tuple[float, float] = (0.0, 0.0)
#: Origin in EPSG:3035 metres that LAEA tiles are aligned to (assumption 7).
LAEA_CELL_ORIGIN: Tuple[float, float] = (0.0, 0.0)
LAEA_EPSG = 3035
#: (west, south, east, north) in degrees where LAEA grids have tiles (assumption 8).
LAEA_COVERAGE_LONLAT: Tuple[float, float, float, float] = (-35.58, 24.60, 44.83, 84.73)
#: Latitude used for the band letter of a tile whose centre lies in the other hemisphere (assumption 3).
_NORTHERN_EDGE_OF_SOUTH = -1e-9
_SOUTHERN_EDGE_OF_NORTH = 0.0


def utm_band_latitudes(centre_latitude: np.ndarray, south: bool) -> np.ndarray:
    """Latitude whose band letters the tiles get: the centre, kept in the zone CRS's hemisphere (assumption 3)."""
    latitude = np.asarray(centre_latitude, dtype=float)
    if south:
        return np.minimum(latitude, _NORTHERN_EDGE_OF_SOUTH)
    return np.maximum(latitude, _SOUTHERN_EDGE_OF_NORTH)


def utm_tile_names(
    zone: int,
    south: bool,
    x_min: np.ndarray,
    y_max: np.ndarray,
    tile_width: float,
    tile_height: float,
    centre_latitude: np.ndarray,
) -> List[str]:
    """Names ``<zone><band><column letter><row letter>_<col>_<row>`` of UTM tiles (assumptions 2–4)."""
    x_min = np.asarray(x_min, dtype=float)
    y_max = np.asarray(y_max, dtype=float)
    square = mgrs.MGRS_SQUARE_SIZE
    square_column = np.floor(x_min / square).astype(np.int64)
    square_row = (np.ceil(y_max / square) - 1).astype(np.int64)
    square_west = square_column * square
    square_north = (square_row + 1) * square
    columns = np.floor((x_min - square_west) / tile_width + 1e-9).astype(np.int64)
    rows = np.floor((square_north - y_max) / tile_height + 1e-9).astype(np.int64)
    bands = mgrs.latitude_band_letters(utm_band_latitudes(centre_latitude, south))
    column_letters = mgrs.square_column_letters(zone, square_column)
    row_letters = mgrs.square_row_letters(zone, square_row)
    prefix = f"{zone:02d}"
    return [
        f"{prefix}{band}{col_letter}{row_letter}_{col}_{row}"
        for band, col_letter, row_letter, col, row in zip(
            bands.tolist(), column_letters.tolist(), row_letters.tolist(), columns.tolist(), rows.tolist()
        )
    ]


def wgs84_tile_names(longitude_min: np.ndarray, latitude_min: np.ndarray) -> List[str]:
    """``N00E005`` style names from the south-west corner (assumption 6)."""
    names = []
    longitudes = np.rint(longitude_min).astype(np.int64).tolist()
    latitudes = np.rint(latitude_min).astype(np.int64).tolist()
    for lon, lat in zip(longitudes, latitudes):
        lon = ((lon + 180) % 360) - 180
        names.append(f"{'S' if lat < 0 else 'N'}{abs(lat):02d}{'W' if lon < 0 else 'E'}{abs(lon):03d}")
    return names


def laea_tile_names(x_min: np.ndarray, y_min: np.ndarray, tile_size: float) -> List[str]:
    """EEA reference grid codes of the south-west corner, e.g. ``100kmE43N32`` (assumption 7)."""
    size = round(tile_size)
    trailing_zeros = len(str(size)) - len(str(size).rstrip("0"))
    divisor = 10**trailing_zeros
    label = f"{size // 1000}km" if size % 1000 == 0 else f"{size}m"
    eastings = np.floor(np.asarray(x_min, dtype=float) / divisor + 1e-9).astype(np.int64).tolist()
    northings = np.floor(np.asarray(y_min, dtype=float) / divisor + 1e-9).astype(np.int64).tolist()
    return [f"{label}E{east}N{north}" for east, north in zip(eastings, northings)]
