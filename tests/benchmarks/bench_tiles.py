"""Tiles for an area: grid 1 at 10 m over the tutorial area, California and the contiguous US.

``tiles_for_area`` (bulk cell search) is compared with the straightforward way: the same area parts and the same
tile building, but every candidate cell of each part's bounding box tested one by one with shapely ``intersects``.
For the US the per-cell loop is timed on a random sample of the candidate cells and extrapolated (said in the
output).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from pathlib import Path
from typing import Callable, List, Tuple

import numpy as np
from sentinelhub_batch.plugin.core import tiles as tiles_module
from sentinelhub_batch.plugin.core.grids import get_grid
from sentinelhub_batch.plugin.core.tiles import parse_crs, polygonal_area_of, tiles_for_area
from shapely.geometry import box, shape

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
GRID_ID = 1
RESOLUTION = 10
NAIVE_SAMPLE_CELLS = 8000


def load_regions() -> List[Tuple[str, object]]:
    tutorial = json.loads((DATA / "california_crop_fields.geojson").read_text())
    bench = json.loads((DATA / "bench_regions.geojson").read_text())
    regions = [("tutorial area", shape(tutorial["features"][0]["geometry"]))]
    regions += [(feature["properties"]["name"], shape(feature["geometry"])) for feature in bench["features"]]
    return regions


def timed(function: Callable[[], object], repeats: int) -> Tuple[object, List[float], List[float]]:
    """Result, wall times and CPU times of this process (CPU time is what other load on the machine cannot inflate)."""
    result = None
    times, cpu_times = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    return result, times, cpu_times


def naive_per_cell(area, sample_cells: int | None) -> dict:
    """The straightforward search: each candidate cell built and tested on its own; tiles built as usual."""
    grid = get_grid(GRID_ID)
    started = time.perf_counter()
    parts = list(tiles_module._area_parts_by_tile_crs(polygonal_area_of(area), parse_crs(4326), grid))
    parts_seconds = time.perf_counter() - started

    candidates = []
    for index, part in enumerate(parts):
        west, south, east, north = part.geometry.bounds
        columns = range(math.floor(west / grid.tile_width), math.ceil(east / grid.tile_width))
        rows = range(math.floor(south / grid.tile_height), math.ceil(north / grid.tile_height))
        candidates.extend((index, column, row) for row in rows for column in columns)
    total = len(candidates)
    if sample_cells is not None and sample_cells < total:
        chosen = np.random.default_rng(0).choice(total, size=sample_cells, replace=False)
        tested = [candidates[i] for i in sorted(chosen)]
    else:
        tested = candidates

    kept = {index: ([], []) for index in range(len(parts))}
    started = time.perf_counter()
    for index, column, row in tested:
        cell = box(column * grid.tile_width, row * grid.tile_height,
                   (column + 1) * grid.tile_width, (row + 1) * grid.tile_height)
        if parts[index].geometry.intersects(cell):
            kept[index][0].append(column)
            kept[index][1].append(row)
    loop_seconds = time.perf_counter() - started
    loop_extrapolated = loop_seconds * total / len(tested)

    width, height = grid.tile_pixels(RESOLUTION)
    layout = tiles_module._RasterLayout(width, height, 0.0, 0.0, width, height)
    started = time.perf_counter()
    built = 0
    for index, (columns, rows) in kept.items():
        if columns:
            built += len(tiles_module._make_tiles(parts[index], grid, np.array(columns), np.array(rows), layout))
    build_seconds = time.perf_counter() - started
    if len(tested) < total:
        build_seconds *= total / len(tested)
        built = round(built * total / len(tested))
    return {
        "candidates": total,
        "tested": len(tested),
        "tiles": built,
        "loop_seconds": loop_extrapolated,
        "seconds": parts_seconds + loop_extrapolated + build_seconds,
        "sampled": len(tested) < total,
    }


def bulk_cell_search_seconds(area) -> float:
    grid = get_grid(GRID_ID)
    parts = list(tiles_module._area_parts_by_tile_crs(polygonal_area_of(area), parse_crs(4326), grid))
    started = time.perf_counter()
    for part in parts:
        tiles_module.grid_cells_overlapping(part.geometry, grid.tile_width, grid.tile_height, part.cell_origin)
    return time.perf_counter() - started


def main() -> int:
    print(f"Tiles for an area: grid {GRID_ID} ({get_grid(GRID_ID).name}) at {RESOLUTION} m, area in EPSG:4326")
    print("seconds; 'first' includes one-time set-up (CRS and transformer creation); best/median of repeats;")
    print(f"cpu = least CPU time of this process (other load cannot inflate it); {os.cpu_count()} CPUs\n")
    header = f"{'region':<26}{'km²':>11}{'tiles':>8}{'first':>8}{'best':>8}{'median':>8}{'cpu':>7}{'tiles/s':>10}"
    header += f"{'naive':>9}{'ratio':>7}{'search':>9}{'ratio':>8}"
    print(header)
    for name, area in load_regions():
        km2 = _area_km2(area)
        first_tiles, first, _ = timed(lambda a=area: tiles_for_area(a, 4326, GRID_ID, RESOLUTION), 1)
        repeats = 3 if len(first_tiles) > 20000 else 7
        _, times, cpu_times = timed(lambda a=area: tiles_for_area(a, 4326, GRID_ID, RESOLUTION), repeats)
        best, median = min(times), statistics.median(times)
        sample = NAIVE_SAMPLE_CELLS if len(first_tiles) > 20000 else None
        naive = naive_per_cell(area, sample)
        search = min(bulk_cell_search_seconds(area) for _ in range(3))
        print(
            f"{name:<26}{km2:>11,.0f}{len(first_tiles):>8}{first[0]:>8.3f}{best:>8.3f}{median:>8.3f}"
            f"{min(cpu_times):>7.3f}"
            f"{len(first_tiles) / best:>10,.0f}{naive['seconds']:>9.2f}{naive['seconds'] / best:>6.1f}×"
            f"{search:>9.4f}{naive['loop_seconds'] / search:>7.0f}×"
        )
        if naive["sampled"]:
            print(f"{'':<26}naive per-cell loop timed on {naive['tested']:,} of {naive['candidates']:,} candidate "
                  "cells (random sample) and extrapolated")
        else:
            print(f"{'':<26}naive per-cell loop over all {naive['candidates']:,} candidate cells: "
                  f"{naive['tiles']} tiles (also cells that only touch the area)")
    print("\nratio = naive end-to-end / best; search = bulk cell search alone vs the naive per-cell loop alone")
    return 0


def _area_km2(area) -> float:
    from pyproj import Geod

    return abs(Geod(ellps="WGS84").geometry_area_perimeter(area)[0]) / 1e6


if __name__ == "__main__":
    raise SystemExit(main())
