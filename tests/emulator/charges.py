"""What the emulator charges for a tile: the provider's processing-unit rules, written apart from the plugin.

The plugin estimates the cost before a job is sent (``plugin/core/cost.py``); the emulator reports what a job cost
(``costPU``). Both follow eu-cdse/documentation Overview/ProcessingUnit.qmd, but the emulator has its own code, so
a mistake in the plugin's estimate shows up as a difference instead of being agreed with:

- one PU is 512 × 512 px, 3 input bands, one sample, up to 16-bit output; a request costs at least 0.01 PU;
- input bands count per 3 (``dataMask`` is free unless it is the only band); a FLOAT32 output doubles the cost;
- with ORBIT or TILE mosaicking every 3 days of the time range are one more sample (SIMPLE: one sample);
- data fusion: every further collection adds as much again;
- Batch Processing charges a third, for tiles of at least 10 000 px (smaller ones are charged in full).

Whether buffer pixels are charged is not documented: the emulator charges the tile's own pixels (assumptions).
"""

from __future__ import annotations

import math
from datetime import datetime

from .runtime import SetupInfo

PIXELS_PER_PU = 512 * 512
BANDS_PER_PU = 3
MINIMUM_PU = 0.01
DAYS_PER_SAMPLE = 3
BATCH_SHARE = 1 / 3
SMALLEST_DISCOUNTED_PIXELS = 10_000


def tile_charge(width: int, height: int, setup: SetupInfo, start: datetime, end: datetime) -> float:
    """PU a batch job is charged for one tile of ``width`` × ``height`` px."""
    pixels = width * height
    paid_bands = [band for band in setup.bands if band != "dataMask"] or list(setup.bands)
    units = max(pixels / PIXELS_PER_PU, MINIMUM_PU) * len(paid_bands) / BANDS_PER_PU
    if any(output.sample_type == "FLOAT32" for output in setup.outputs):
        units *= 2
    if setup.mosaicking in ("ORBIT", "TILE"):
        units *= max(1.0, math.floor((end - start).total_seconds() / 86400) / DAYS_PER_SAMPLE)
    units *= max(1, len({source.datasource for source in setup.sources if source.datasource}))
    return units * BATCH_SHARE if pixels >= SMALLEST_DISCOUNTED_PIXELS else units

