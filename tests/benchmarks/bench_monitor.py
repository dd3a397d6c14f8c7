"""GUI responsiveness and traffic while the jobs dock follows a contiguous-US-size job (grid 1 at 10 m) to DONE.

The local stack (``python -m emulator.stack --latency-ms``) runs in its own process, behind proxies that add a round
trip to every API and S3 request and count them (``BENCH_LATENCY_MS``, default 30). Its threads do not compete
with the plugin for this interpreter's GIL: what is measured is the plugin side — the monitor worker polling the
emulator, reading the manifest and the execution database (conditional GETs) and making the tile outlines off the
GUI thread, and the GUI thread applying what changed to the tile layer.

Figures (several are independent of the load on the machine):
- the longest gap between ticks of a 5 ms QTimer on the GUI thread (the longest stall, wall time; noisy under load),
  and how many gaps were over 50 ms;
- the longest turn of the dock's work queue, in wall time and in the GUI thread's own CPU time;
- the longest pause of Python's full garbage collection (it stops every thread, the GUI thread too);
- requests and bytes per server, and how many execution database reads were answered "not modified";
- side by side, the straightforward way: the execution database downloaded on every poll (bytes computed from the
  run's own reads) and every tile's status applied on every poll (one such poll timed on the same layer).
Target: longest stall under 50 ms.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import List, Tuple

import requests
from harness import proxy_counts, start_stack_process, stop_stack_process

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"

TARGET_STALL_MS = 50.0
LATENCY_MS = float(os.environ.get("BENCH_LATENCY_MS", "30"))
REGION = os.environ.get("BENCH_MONITOR_REGION", "Contiguous United States")
STACK_SETTINGS = {"write_rasters": False, "max_concurrent_tiles": 16, "execution_upload_interval": 2.0,
                  "analysis_seconds": 0.2, "done_delay_seconds": 0.5}
def region_geometry(name: str) -> dict:
    regions = json.loads((DATA / "bench_regions.geojson").read_text())["features"]
    return next(feature["geometry"] for feature in regions if feature["properties"]["name"] == name)


class GcPauses:
    """The wall time of every full (generation 2) collection while installed, and the thread that triggered it."""

    def __init__(self) -> None:
        self.pauses: List[float] = []
        self.threads: List[str] = []
        self.intervals: List[Tuple[float, float]] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            ended = time.perf_counter()
            self.pauses.append((ended - self._started) * 1000)
            self.threads.append(threading.current_thread().name)
            self.intervals.append((self._started, ended))


def _overlaps(interval: Tuple[float, float], others: List[Tuple[float, float]]) -> bool:
    return any(start < interval[1] and interval[0] < end for start, end in others)


def main() -> int:
    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
    from qgis.PyQt.QtCore import QElapsedTimer, QEventLoop, QTimer
    from sentinelhub_batch.plugin.core.deployments import custom_deployment
    from sentinelhub_batch.plugin.core.jobs import PollPolicy
    from sentinelhub_batch.plugin.core.storage import TileStatus
    from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
    from sentinelhub_batch.plugin.gui.monitor import JobMonitor
    from sentinelhub_batch.plugin.services.connection import Connection, S3Access

    process, stack = start_stack_process(LATENCY_MS)
    try:
        base_url, s3_url = stack["base URL"], stack["S3 endpoint"]
        requests.post(base_url + "/_emulator/config", json=STACK_SETTINGS, timeout=10).raise_for_status()
        requests.post(base_url + "/_emulator/faults", json={"tileFailureRate": 0.01}, timeout=10).raise_for_status()
        connection = Connection(custom_deployment(base_url, stack["token URL"]), stack["client id"],
                                stack["client secret"],
                                S3Access(stack["S3 access key"], stack["S3 secret key"], s3_url, stack["S3 region"]))
        delivery = {"url": f"s3://{stack['S3 bucket']}/bench", "accessKey": stack["S3 access key"],
                    "secretAccessKey": stack["S3 secret key"], "region": stack["S3 region"]}
        from emulator.testing import batch_body

        body = batch_body(SimpleNamespace(delivery=lambda folder: delivery), geometry=region_geometry(REGION),
                          resolution=10, description="GUI stall benchmark")
        client = connection.batch_client()
        task = client.create(body)
        client.close()

        policy = PollPolicy(analysing=1.0, waiting_for_user=2.0, processing_min=2.0, processing_max=10.0)
        monitor = JobMonitor(policy)
        monitor.start()
        project = QgsProject.instance()
        dock = JobsDock(None, monitor, project, connection_factory=lambda key: connection)
        dock.confirm = lambda title, question: True
        dock.confirm_start = lambda summary: summary.estimate.billed_pu  # the benchmark accepts its own cost

        turns: List[Tuple[float, float]] = []
        turn_intervals: List[Tuple[float, float]] = []
        polls = {"updates": 0, "changed": 0}
        original_turn = dock._do_work

        def timed_turn():
            started, cpu_started = time.perf_counter(), time.thread_time()
            original_turn()
            ended = time.perf_counter()
            turns.append(((ended - started) * 1000, (time.thread_time() - cpu_started) * 1000))
            turn_intervals.append((started, ended))

        dock._work_timer.timeout.disconnect(dock._do_work)
        dock._work_timer.timeout.connect(timed_turn)

        def counted(task_id, changes):
            polls["updates"] += 1
            polls["changed"] += len(changes)

        monitor.worker.tiles_updated.connect(counted)

        gaps = {"max": 0.0, "ticks": 0, "over": 0}
        long_gaps: List[Tuple[float, float]] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick():
            now = clock.elapsed()
            gap = now - last[0]
            gaps["max"] = max(gaps["max"], gap)
            if gap > TARGET_STALL_MS:
                gaps["over"] += 1
                ended = time.perf_counter()
                long_gaps.append((ended - gap / 1000, ended))
            gaps["ticks"] += 1
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(tick)

        loop = QEventLoop()
        finished = {"done": False}

        def noted(text, level):
            if "finished" in text:
                finished["done"] = True
                QTimer.singleShot(0, drained)

        def drained():
            if finished["done"] and not dock.busy:
                loop.quit()

        dock.notification.connect(noted)
        dock._work_timer.timeout.connect(drained)
        proxy_counts(base_url, reset=True)
        proxy_counts(s3_url, reset=True)
        gc_pauses = GcPauses()
        gc.callbacks.append(gc_pauses)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        ticker.start()
        last[0] = clock.elapsed()
        dock.add_task(task)
        dock.start()
        QTimer.singleShot(3_600_000, loop.quit)
        loop.exec()
        ticker.stop()
        elapsed = time.perf_counter() - started
        gc.callbacks.remove(gc_pauses)
        api, s3 = proxy_counts(base_url), proxy_counts(s3_url)
        with connection.s3_client() as s3_client:
            database_size = len(s3_client.get_object(stack["S3 bucket"], f"bench/{task.id}/execution-{task.id}.sqlite")
                                .data)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        view = dock.views[task.id]
        tile_layer = view.tile_layer
        statuses = tile_layer.statuses() if tile_layer else {}
        tracked = Counter(type(item).__name__ for item in gc.get_objects())
        complete = finished["done"] and bool(statuses) and "PENDING" not in statuses.values()
        monitor.shutdown(10000)
        dock.shutdown()

        # The straightforward way on the same layer: every tile's status applied in one poll.
        every = {name: TileStatus.DONE for name in statuses}
        tile_layer.apply_statuses(dict.fromkeys(statuses, TileStatus.PENDING))
        started_apply, cpu_apply = time.perf_counter(), time.thread_time()
        tile_layer.apply_statuses(every)
        all_at_once_ms = (time.perf_counter() - started_apply) * 1000
        all_at_once_cpu_ms = (time.thread_time() - cpu_apply) * 1000
    finally:
        stop_stack_process(process)

    s3_gets = s3["methods"].get("GET", 0)
    not_modified = s3["statuses"].get("304", 0)
    unconditional_bytes = s3["bytes"] + not_modified * database_size
    wall = [turn[0] for turn in turns] or [0.0]
    cpu = [turn[1] for turn in turns] or [0.0]
    print(f"{REGION}: job of {len(statuses):,} tiles (grid 1, 10 m) to DONE in {elapsed:.0f} s with {LATENCY_MS:g} ms "
          f"added per request; every final status in the layer: {complete}")
    print(f"longest GUI-thread stall: {gaps['max']:.0f} ms over {gaps['ticks']:,} ticks of 5 ms; {gaps['over']} gaps "
          f"over {TARGET_STALL_MS:.0f} ms (target: longest < {TARGET_STALL_MS:.0f} ms) -> "
          f"{'OK' if gaps['max'] < TARGET_STALL_MS else 'OVER TARGET'}")
    print(f"dock turns applying reports: {len(turns):,}; longest {max(wall):.1f} ms wall, {max(cpu):.1f} ms GUI-thread "
          f"CPU; {polls['updates']} status reports carrying {polls['changed']:,} changes")
    causes = ["full GC" if _overlaps(gap, gc_pauses.intervals) else "dock turn" if _overlaps(gap, turn_intervals)
              else "other" for gap in long_gaps]
    print(f"  gaps over {TARGET_STALL_MS:.0f} ms during: " + (", ".join(
        f"{cause} {causes.count(cause)}" for cause in ("full GC", "dock turn", "other") if cause in causes) or "-"))
    print(f"objects the garbage collector tracks at the end: {sum(tracked.values()):,} (most: "
          + ", ".join(f"{name} {count:,}" for name, count in tracked.most_common(6)) + ")")
    print(f"full garbage collections: {len(gc_pauses.pauses)} (on {', '.join(gc_pauses.threads) or 'none'}), longest "
          f"{max(gc_pauses.pauses or [0]):.0f} ms; "
          f"peak memory grew by {(rss_after - rss_before) / 1024:.0f} MB")
    print(f"API: {api['requests']} requests, {api['bytes'] / 1e6:.1f} MB; S3: {s3['requests']} requests "
          f"({s3_gets} GET, {not_modified} answered 304 not modified), {s3['bytes'] / 1e6:.1f} MB")
    print(f"  straightforward (execution database downloaded on every poll): {unconditional_bytes / 1e6:.1f} MB from "
          f"S3 ({unconditional_bytes / max(s3['bytes'], 1):.1f}x), database {database_size / 1e6:.1f} MB")
    print(f"  straightforward (every status applied on every poll): one poll changing all {len(every):,} tiles takes "
          f"{all_at_once_ms:.0f} ms wall / {all_at_once_cpu_ms:.0f} ms CPU on the GUI thread in one go")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
