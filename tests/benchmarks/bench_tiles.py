"""Tile preview over the tutorial area, California and the contiguous US, for grids 1, 0 and 2.

``tiles_for_area`` is timed with its per-square caches emptied before every run ("cold", what the first preview
of a region costs) and once more with them filled ("warm", a second preview of the same region). It is compared,
in the same run, with the straightforward way: per zone strip, the area's lon/lat edges densified and projected,
then every candidate cell (grid 1: the 10 km lattice; grids 0 and 2: the n × n cells of each Sentinel-2 square)
built and tested on its own with shapely ``intersects``, and the kept cells made into tiles. That loop does less
than the preview (no zone-edge rules), so the ratios are on the safe side. For the US the loop is timed on a
random sample of the candidate cells and extrapolated (said in the output).
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
import pyproj
import shapely
from sentinelhub_batch.plugin.core import grid_assumptions, mgrs, utm_tiling
from sentinelhub_batch.plugin.core.grids import get_grid
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from shapely.geometry import box, shape

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
GRIDS = ((1, 10), (0, 10), (2, 60))
NAIVE_SAMPLE_CELLS = 4000
SQUARE = 100_000


def load_regions() -> List[Tuple[str, object]]:
    tutorial = json.loads((DATA / "california_crop_fields.geojson").read_text())
    bench = json.loads((DATA / "bench_regions.geojson").read_text())
    regions = [("tutorial area", shape(tutorial["features"][0]["geometry"]))]
    regions += [(feature["properties"]["name"], shape(feature["geometry"])) for feature in bench["features"]]
    return regions


def timed(function: Callable[[], object], repeats: int, before: Callable[[], None] = lambda: None):
    """Result, wall times and CPU times of this process (CPU time is what other load cannot inflate)."""
    result = None
    times, cpu_times = [], []
    for _ in range(repeats):
        before()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    return result, times, cpu_times


def naive_per_cell(area, grid_id: int, resolution: float, sample_cells: int | None) -> dict:
    """The straightforward preview: per zone strip, densify, project, test each candidate cell, build tiles."""
    grid = get_grid(grid_id)
    width, height = grid.tile_width, grid.tile_height
    per_square = grid_assumptions.tiles_per_square(width, SQUARE)
    s2_corner = grid_assumptions.starts_at_s2_corner(width, SQUARE)
    started = time.perf_counter()
    candidates = []
    parts = []
    west, _, east, _ = area.bounds
    for zone_index in range(math.floor((west + 180) / 6), math.floor((east + 180) / 6) + 1):
        zone = zone_index % 60 + 1
        for is_south, lat_from, lat_to in ((False, 0.0, 80.0), (True, -80.0, 0.0)):
            strip = box(-180 + 6 * zone_index, lat_from, -174 + 6 * zone_index, lat_to)
            part = area.intersection(strip)
            if part.is_empty:
                continue
            epsg = mgrs.utm_epsg(zone, is_south)
            to_utm = pyproj.Transformer.from_crs(4326, epsg, always_xy=True)
            projected = shapely.transform(shapely.segmentize(part, 0.02),
                                          lambda xy, t=to_utm: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
            parts.append((zone, is_south, epsg, projected))
            x0, y0, x1, y1 = projected.bounds
            for e in range(math.floor(x0 / SQUARE) - 1, math.floor(x1 / SQUARE) + 1):
                for k in range(math.floor(y0 / SQUARE) - 1, math.floor(y1 / SQUARE) + 1):
                    corner_x, corner_y = e * SQUARE, (k + 1) * SQUARE
                    if s2_corner:
                        corner_x, corner_y = grid_assumptions.s2_upper_left(corner_x, corner_y, is_south)
                    for column in range(per_square):
                        for row in range(per_square):
                            candidates.append((len(parts) - 1, e, k, corner_x + column * width,
                                               corner_y - (row + 1) * height, column, row))
    setup_seconds = time.perf_counter() - started
    total = len(candidates)
    if sample_cells is not None and sample_cells < total:
        chosen = np.random.default_rng(0).choice(total, size=sample_cells, replace=False)
        tested = [candidates[i] for i in sorted(chosen)]
    else:
        tested = candidates
    started = time.perf_counter()
    kept = []
    for part_index, e, k, x_min, y_min, column, row in tested:
        cell = box(x_min, y_min, x_min + width, y_min + height)
        if parts[part_index][3].intersects(cell):
            kept.append((part_index, e, k, x_min, y_min, column, row))
    loop_seconds = time.perf_counter() - started
    started = time.perf_counter()
    tiles = []
    for part_index, e, k, x_min, y_min, column, row in kept:
        zone, _, epsg, _ = parts[part_index]
        to_lonlat = pyproj.Transformer.from_crs(epsg, 4326, always_xy=True)
        xs = [x_min, x_min + width, x_min + width, x_min]
        ys = [y_min, y_min, y_min + height, y_min + height]
        outline = shapely.Polygon(np.column_stack(to_lonlat.transform(xs, ys)))
        name = (f"{zone:02d}{mgrs.square_column_letters(zone, e).item()}{mgrs.square_row_letters(zone, k).item()}"
                f"_{column}_{row}")
        tiles.append((name, epsg, (x_min, y_min), outline))
    build_seconds = time.perf_counter() - started
    scale = total / len(tested) if tested else 1.0
    return {
        "candidates": total,
        "tested": len(tested),
        "tiles": round(len(kept) * scale),
        "seconds": setup_seconds + (loop_seconds + build_seconds) * scale,
        "sampled": len(tested) < total,
    }


def main() -> int:
    print("Tile preview (tiles_for_area) vs a per-cell shapely loop, area in EPSG:4326")
    print("cold = caches emptied before each run (first preview of a region); warm = second preview;")
    print(f"best/median of repeats; cpu = least CPU time of this process; {os.cpu_count()} CPUs\n")
    header = f"{'region':<26}{'grid':>5}{'km²':>11}{'tiles':>8}{'cold':>8}{'median':>8}{'cpu':>7}{'warm':>7}"
    header += f"{'naive':>9}{'×cold':>7}{'×warm':>7}"
    print(header)
    notes = []
    for grid_id, resolution in GRIDS:
        for name, area in load_regions():
            km2 = _area_km2(area)
            preview = lambda a=area, g=grid_id, r=resolution: tiles_for_area(a, 4326, g, r)  # noqa: E731
            first_tiles, _, _ = timed(preview, 1, utm_tiling.clear_caches)
            repeats = 3 if len(first_tiles) > 20000 else 5
            _, cold, cold_cpu = timed(preview, repeats, utm_tiling.clear_caches)
            _, warm, _ = timed(preview, 3)
            big = name.startswith("Contiguous")
            naive = naive_per_cell(area, grid_id, resolution, NAIVE_SAMPLE_CELLS if big else None)
            print(
                f"{name:<26}{grid_id:>5}{km2:>11,.0f}{len(first_tiles):>8}{min(cold):>8.3f}"
                f"{statistics.median(cold):>8.3f}{min(cold_cpu):>7.3f}{min(warm):>7.3f}{naive['seconds']:>9.2f}"
                f"{naive['seconds'] / min(cold):>6.1f}×{naive['seconds'] / min(warm):>6.1f}×"
            )
            if naive["sampled"]:
                notes.append(f"grid {grid_id}, {name}: naive loop timed on {naive['tested']:,} of "
                             f"{naive['candidates']:,} candidate cells (random sample) and extrapolated")
    print("\n×cold / ×warm = naive seconds / best cold / best warm preview seconds")
    for note in notes:
        print(note)
    return 0


def _area_km2(area) -> float:
    return abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(area)[0]) / 1e6


if __name__ == "__main__":
    raise SystemExit(main())
