"""GUI responsiveness while the monitor follows a 10 000-tile job to DONE.

A QTimer on the GUI thread ticks every 5 ms and records the longest gap between ticks (the longest stall of the
GUI thread) while the jobs dock tracks a job through analysis and processing — the worker polls, reads the
execution database and builds the tile geometries off the GUI thread; the GUI applies them to the layer. Also
reported: the time to apply one poll's status changes to the layer (in the run, and for 10 000 changes at once).
Target: longest stall under 100 ms.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "qgis"))

TILES = 10_000
TARGET_STALL_MS = 100.0


def main() -> int:
    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
    from fixtures_s3 import MotoS3Server
    from qgis.PyQt.QtCore import QElapsedTimer, QEventLoop, QTimer
    from sentinelhub_batch.plugin.core.storage import TileStatus
    from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
    from sentinelhub_batch.plugin.gui.layers import TileStatusLayer, records_from_manifest
    from sentinelhub_batch.plugin.gui.monitor import JobMonitor
    from test_jobs_dock import QUICK, FakeBatchService, FakeConnection, synthetic_tiles, tutorial_request
    from test_layers import _utm_manifest

    server = MotoS3Server()
    bucket = server.new_bucket("bench")
    tiles = synthetic_tiles(TILES)
    service = FakeBatchService(bucket.client(), tiles_per_step=1500, write_rasters=False, tiles_override=tiles,
                               fail_tiles={tile["name"] for tile in tiles[::50]})
    connection = FakeConnection(service, bucket)
    monitor = JobMonitor(QUICK)
    monitor.start()
    project = QgsProject.instance()
    dock = JobsDock(None, monitor, project, connection_factory=lambda key: connection)
    dock.confirm = lambda title, question: True

    turn_ms = []
    polls = {"updates": 0}
    original_turn = dock._do_work

    def timed_turn():
        started = time.perf_counter()
        original_turn()
        turn_ms.append((time.perf_counter() - started) * 1000)

    dock._work_timer.timeout.disconnect(dock._do_work)
    dock._work_timer.timeout.connect(timed_turn)
    monitor.worker.tiles_updated.connect(lambda *args: polls.__setitem__("updates", polls["updates"] + 1))

    gaps = {"max": 0.0, "ticks": 0}
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps["max"] = max(gaps["max"], now - last[0])
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
            loop.quit()

    dock.notification.connect(noted)
    task = service.create(tutorial_request(bucket))
    started = time.perf_counter()
    ticker.start()
    last[0] = clock.elapsed()
    dock.add_task(task)
    dock.start()
    QTimer.singleShot(180_000, loop.quit)
    loop.exec()
    ticker.stop()
    elapsed = time.perf_counter() - started

    view = dock.views[task.id]
    statuses = view.tile_layer.statuses() if view.tile_layer else {}
    complete = finished["done"] and len(statuses) == TILES and "PENDING" not in statuses.values()

    # One poll that changes every tile at once, on a fresh layer.
    layer = TileStatusLayer.create("bench", records_from_manifest(_utm_manifest(TILES, outputs=("NDVI",))))
    every = {f"T{index}": TileStatus.DONE for index in range(TILES)}
    started_apply = time.perf_counter()
    layer.apply_statuses(every)
    all_changed_ms = (time.perf_counter() - started_apply) * 1000
    started_apply = time.perf_counter()
    layer.apply_statuses(every)
    none_changed_ms = (time.perf_counter() - started_apply) * 1000

    monitor.shutdown(10000)
    dock.shutdown()
    server.stop()

    print(f"job of {TILES} tiles to DONE in {elapsed:.1f} s; every final status in the layer: {complete}")
    print(f"longest GUI-thread stall: {gaps['max']:.0f} ms over {gaps['ticks']} ticks of 5 ms "
          f"(target < {TARGET_STALL_MS:.0f} ms) -> {'OK' if gaps['max'] < TARGET_STALL_MS else 'OVER TARGET'}")
    print(f"GUI-thread turns applying reports (tiles drawn, statuses applied): {len(turn_ms)}, longest "
          f"{max(turn_ms or [0]):.1f} ms; {polls['updates']} polls with status changes")
    print(f"applying one poll that changes all {TILES} statuses (one batch): {all_changed_ms:.1f} ms; "
          f"a poll with no change: {none_changed_ms:.1f} ms")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
