"""Python's cyclic garbage collector paused around bursts of objects: why, and the one way to do it.

A full collection walks every object Python tracks — in QGIS, hundreds of thousands — while holding the GIL, so it
stops every thread, the GUI thread too, for tens to hundreds of milliseconds. Collections are triggered by counts of
objects made, and a full one once enough objects survived the younger generations. Making tens of thousands of
objects at once (the tiles of a country, the coordinates of its area parsed from each poll's answer) triggers
collections that find nothing to free but promote the objects, and soon a full collection. With the collector paused
while they are made, objects that die at once are freed by their reference count and never counted as survivors.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (process-wide; it was running before, it runs after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
