"""Figures of the emulator: rendering speed of the tutorial tile and a 10 000-tile job without rasters.

``python -m emulator.measure`` prints them; ``main()`` fits ``tests/benchmarks/run.py``.
"""

from __future__ import annotations

import time
from typing import Dict

from shapely.geometry import shape

from . import runtime
from .config import EmulatorConfig
from .stack import LocalStack
from .testing import RawApi, batch_body, tutorial_area, tutorial_evalscript

TUTORIAL_DATA = [{"type": "sentinel-2-l1c",
                  "dataFilter": {"timeRange": {"from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"},
                                 "maxCloudCoverage": 70}}]
TUTORIAL_TILE = (289500.0, 3980500.0, 300500.0, 3991500.0)
"""Grid 1 tile 11SKV_9_0 at 10 m with a 50 px buffer: 1100 × 1100 px in EPSG:32611."""

EMPTY_SCRIPT = """//VERSION=3
function setup() { return {input: ["B04", "B08", "CLM", "dataMask"], output: {bands: 1, sampleType: "UINT8"},
                           mosaicking: "ORBIT"}; }
function evaluatePixel(samples) { return [samples.length]; }
"""


def render_seconds(evalscript: str, threads: int = 1, step: int = 1) -> float:
    spec = runtime.DataSpec(TUTORIAL_DATA, area_wgs84=shape(tutorial_area("Entire area")), render_step=step,
                            threads=threads)
    started = time.perf_counter()
    runtime.render(evalscript, TUTORIAL_TILE, 32611, 1100, 1100, spec)
    return time.perf_counter() - started


def big_job_seconds() -> Dict[str, float]:
    """About 8 900 grid-1 tiles over the US West at 20 m, rasters skipped."""
    area = {"type": "Polygon", "coordinates": [[[-120, 35], [-110, 35], [-110, 44], [-120, 44], [-120, 35]]]}
    config = EmulatorConfig.fast(write_rasters=False, max_concurrent_tiles=4, execution_upload_interval=1.0)
    with LocalStack(config) as stack:
        api = RawApi(stack)
        started = time.perf_counter()
        task = api.create(batch_body(stack, geometry=area, resolution=20))
        api.post(f"/process/{task['id']}/start")
        api.wait_status(task["id"], "PROCESSING", timeout=600)
        analysed = time.perf_counter()
        api.wait_status(task["id"], "DONE", timeout=1200)
        finished = time.perf_counter()
        count = len(stack.service.requests[task["id"]].tiles)
    return {"tiles": count, "analysis_s": analysed - started, "processing_s": finished - analysed}


def main() -> None:
    figures = {
        "tutorial tile 1100x1100, 1 thread (s)": render_seconds(tutorial_evalscript()),
        "tutorial tile 1100x1100, 2 threads (s)": render_seconds(tutorial_evalscript(), threads=2),
        "tutorial tile 1100x1100, render_step 8 (s)": render_seconds(tutorial_evalscript(), step=8),
        "synthetic data only, 1100x1100 x 4 scenes (s)": render_seconds(EMPTY_SCRIPT),
    }
    for name, value in figures.items():
        print(f"{name:<50} {value:8.2f}")
    job = big_job_seconds()
    for phase in ("analysis", "processing"):
        label = f"job of {job['tiles']} tiles without rasters: {phase} (s)"
        print(f"{label:<50} {job[phase + '_s']:8.2f}")


if __name__ == "__main__":
    main()
