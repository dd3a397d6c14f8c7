"""The emulator's own figures: a full-fidelity tutorial tile, and a big job without rasters."""

from emulator.measure import main

__all__ = ["main"]
