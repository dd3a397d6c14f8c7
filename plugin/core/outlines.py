"""Tile outlines in longitude/latitude, in bulk: what the tile layers draw for jobs of 100 000 tiles.

One vectorised pass per CRS and chunk (shapely and pyproj work on whole arrays), and 2D WKB
out, which QGIS reads directly: no Python object per tile but the bytes themselves.
"""

from __future__ import annotations

from typing import Any, List, Sequence

import numpy as np
import shapely

from . import proj
from .gc_pause import garbage_collection_paused
from .proj_threads import on_python_thread

WGS84_EPSG = 4326
CHUNK = 2_000
"""Geometries per shapely call: shapely holds the GIL while it makes geometry objects, so a call on 100 000 of them
would stall the GUI thread; between chunks the other threads get their turn."""


def outlines_wgs84(geometries: Sequence[Any], epsg: Sequence[int]) -> List[bytes]:
    """2D WKB of each geometry (WKB bytes or shapely) reprojected from its EPSG code to longitude/latitude.

    Vertices are transformed as they are: tile outlines are drawn with straight edges between their corners.
    A code of 0 (unknown) or 4326 leaves the geometry as it is.
    """
    outlines: List[bytes] = []
    for first in range(0, len(geometries), CHUNK):
        with garbage_collection_paused():  # the chunk's geometries die with it (core.gc_pause)
            outlines.extend(_outlines_wgs84(geometries[first:first + CHUNK], epsg[first:first + CHUNK]))
    return outlines


@on_python_thread
def _outlines_wgs84(geometries: Sequence[Any], epsg: Sequence[int]) -> List[bytes]:
    if not len(geometries):
        return []
    shapes = np.empty(len(geometries), dtype=object)
    shapes[:] = list(geometries)
    if isinstance(shapes[0], (bytes, bytearray, memoryview)):
        shapes = shapely.from_wkb(shapes)
    codes = np.asarray(epsg, dtype=np.int64)
    for code in np.unique(codes):
        if code in (0, WGS84_EPSG):
            continue
        chosen = codes == code
        transformer = proj.transformer(proj.crs_from_epsg(int(code)), proj.crs_from_epsg(WGS84_EPSG))

        def to_lonlat(xy: np.ndarray, transformer: proj.Transformer = transformer) -> np.ndarray:
            return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

        shapes[chosen] = shapely.transform(shapes[chosen], to_lonlat)
    return shapely.to_wkb(shapes, output_dimension=2).tolist()
