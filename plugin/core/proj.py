"""The one door to pyproj: every CRS and transformer of the plugin is made here, on a thread Python created.

Why only here: see :mod:`.proj_threads` (pyproj 3.5-3.7 crashes QGIS when its objects are made on Qt's pooled
threads). Each constructor below checks the thread first and raises a clear error instead of crashing; the functions
that need them are decorated with ``proj_threads.on_python_thread`` so that they run on such a thread.
"""

from __future__ import annotations

from typing import Any

import pyproj
from pyproj.exceptions import CRSError

from .proj_threads import require_python_thread

CRS = pyproj.CRS
Transformer = pyproj.Transformer


def crs(value: Any) -> pyproj.CRS:
    """``pyproj.CRS.from_user_input`` (an EPSG code, "EPSG:n", an OGC URI, WKT), on a Python thread only."""
    require_python_thread()
    return pyproj.CRS.from_user_input(value)


def crs_from_epsg(code: int) -> pyproj.CRS:
    require_python_thread()
    return pyproj.CRS.from_epsg(code)


def transformer(source: Any, target: Any) -> pyproj.Transformer:
    """An always-xy transformer (x = longitude for geographic CRSs), on a Python thread only."""
    require_python_thread()
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def pipeline(definition: str) -> pyproj.Transformer:
    require_python_thread()
    return pyproj.Transformer.from_pipeline(definition)


__all__ = ["CRS", "CRSError", "Transformer", "crs", "crs_from_epsg", "pipeline", "transformer"]
