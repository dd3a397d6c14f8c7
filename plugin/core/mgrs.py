"""UTM zones and MGRS lettering (WGS84 "AA" scheme), vectorised over numpy arrays.

These are the documented MGRS rules (spec §2). What is *not* documented about how Sentinel Hub applies them to its
grids lives in :mod:`.grid_assumptions`.
"""

from __future__ import annotations

from typing import Union

import numpy as np

UTM_ZONE_WIDTH_DEGREES = 6.0
MGRS_SQUARE_SIZE = 100_000.0

#: Column letters by ``zone % 3`` (1 → ABCDEFGH, 2 → JKLMNPQR, 0 → STUVWXYZ), for ``floor(E / 100 km)`` = 1..8.
_COLUMN_LETTER_SETS = {1: "ABCDEFGH", 2: "JKLMNPQR", 0: "STUVWXYZ"}
_ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"
_EVEN_ZONE_ROW_SHIFT = 5
#: Latitude bands of 8° from 80°S; X (the last) is 12° high and ends at 84°N.
_BAND_LETTERS = "CDEFGHJKLMNPQRSTUVWX"

ArrayLike = Union[np.ndarray, float, int]


def utm_central_meridian(zone: int) -> float:
    return -183.0 + UTM_ZONE_WIDTH_DEGREES * zone


def utm_epsg(zone: int, south: bool) -> int:
    """EPSG code of the WGS84 UTM zone: 326xx in the north, 327xx in the south."""
    if not 1 <= zone <= 60:
        raise ValueError(f"UTM zone must be 1..60, got {zone}")
    return (32700 if south else 32600) + zone


def utm_zone_of_epsg(epsg: int):
    """(zone, south) for an EPSG code of a WGS84 UTM zone, or None for any other code."""
    if 32601 <= epsg <= 32660:
        return epsg - 32600, False
    if 32701 <= epsg <= 32760:
        return epsg - 32700, True
    return None


def latitude_band_letters(latitude: ArrayLike) -> np.ndarray:
    """Latitude band letter (C..X) of each latitude; latitudes beyond 80°S / 84°N get the outermost band."""
    index = np.floor((np.asarray(latitude, dtype=float) + 80.0) / 8.0).astype(np.int64)
    letters = np.array(list(_BAND_LETTERS))
    return letters[np.clip(index, 0, len(_BAND_LETTERS) - 1)]


def square_column_letters(zone: int, easting_square_index: ArrayLike) -> np.ndarray:
    """MGRS 100 km column letter of ``floor(E / 100000)`` (1..8 inside a zone) for one zone."""
    letters = np.array(list(_COLUMN_LETTER_SETS[zone % 3]))
    index = np.asarray(easting_square_index, dtype=np.int64)
    return letters[(index - 1) % 8]


def square_row_letters(zone: int, northing_square_index: ArrayLike) -> np.ndarray:
    """MGRS 100 km row letter of ``floor(N / 100000)`` (N with the southern false northing) for one zone."""
    letters = np.array(list(_ROW_LETTERS))
    shift = _EVEN_ZONE_ROW_SHIFT if zone % 2 == 0 else 0
    index = np.asarray(northing_square_index, dtype=np.int64)
    return letters[(index + shift) % len(_ROW_LETTERS)]
