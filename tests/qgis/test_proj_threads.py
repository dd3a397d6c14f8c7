"""pyproj work started on Qt's pooled threads (QgsTask, Processing) runs safely, again and again on the same thread.

pyproj 3.5-3.7 frees a pooled thread's PROJ context after the first call and crashes on the second (see
plugin/core/proj_threads.py). The scenario runs in a child process so that a crash fails the test instead of
killing the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import sentinelhub_batch
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from shapely.geometry import box

PACKAGE_PARENT = str(Path(sentinelhub_batch.__file__).parents[1])  # the link .build/pkgroot/sentinelhub_batch
AREA_BOUNDS = (-120.6, 36.6, -120.4, 36.8)
SCENARIO = f"AREA_BOUNDS = {AREA_BOUNDS!r}\n" + textwrap.dedent("""
    import json, sys, threading
    from qgis.PyQt.QtCore import QCoreApplication, QRunnable, QThreadPool
    from shapely.geometry import box
    from sentinelhub_batch.plugin.core import proj_threads
    from sentinelhub_batch.plugin.core.geopackage import (
        _crs_definition, features_from_polygons, features_in_area, outlines_in_lonlat)
    from sentinelhub_batch.plugin.core.process_api import ProcessInputs, in_metric_crs
    from sentinelhub_batch.plugin.core.tiles import parse_crs, tiles_for_area

    app = QCoreApplication(sys.argv)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)  # one pooled thread, kept between tasks as a busy QGIS keeps it
    area = box(*AREA_BOUNDS)
    report = []

    class PyprojWork(QRunnable):
        def __init__(self, done):
            super().__init__()
            self.done = done

        def run(self):
            try:
                entry = {"thread": threading.get_native_id(), "python_thread": proj_threads.is_python_thread()}
                entry["tiles"] = len(tiles_for_area(area, "EPSG:4326", 1, 10))
                metric = in_metric_crs(ProcessInputs(area, 4326, "", "sentinel-2-l1c", "2020-07-01", "2020-07-30"))
                entry["metric_crs"] = metric.area_crs
                entry["gpkg_crs"] = _crs_definition(32610)[0]
                own = features_from_polygons([("field", box(720000, 4063000, 721000, 4064000))], 32610, 10)
                entry["own_polygons"] = len(features_in_area(own, area, "EPSG:4326"))
                entry["outline_west"] = round(outlines_in_lonlat(own)[0].bounds[0], 2)
                try:
                    parse_crs(4326)
                    entry["direct"] = "made a pyproj object on a Qt thread"
                except RuntimeError as error:
                    entry["direct"] = "refused" if "on_python_thread" in str(error) else str(error)
                report.append(entry)
            finally:
                self.done.set()

    for _ in range(4):
        done = threading.Event()
        pool.start(PyprojWork(done))
        assert done.wait(120)
    print(json.dumps(report))
""")


def test_pyproj_work_repeated_on_one_pooled_qt_thread_does_not_crash(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCENARIO], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": PACKAGE_PARENT},
                            check=False)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(report) == 4
    assert len({entry["thread"] for entry in report}) == 1, "the tasks must share one pooled thread"
    for entry in report:
        assert entry["python_thread"] is False
        assert entry["tiles"] == len(tiles_for_area(box(*AREA_BOUNDS), "EPSG:4326", 1, 10))
        assert entry["metric_crs"] == 32610
        assert entry["gpkg_crs"] == "WGS 84 / UTM zone 10N"
        assert entry["own_polygons"] == 1 and entry["outline_west"] == -120.54
        assert entry["direct"] == "refused"
