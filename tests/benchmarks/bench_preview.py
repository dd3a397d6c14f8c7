"""The New job dock previewing a country: the contiguous US on grid 1 at 10 m, tiles and price on screen.

- plugin: the dock as a user drives it — the area chosen, the preview computed in the background (tiles found in
  bulk, priced from their counts, outlines made a batch at a time), the layer filled on the GUI thread in turns.
  Timed from choosing the area to tiles and price shown (layer filled), the dock's 400 ms debounce included: cold
  (first preview of the session) and warm (later edits of the buffer, several times); the longest GUI-thread stall
  meanwhile; the peak memory growth; one render of the layer at full extent.
- straightforward: the capped preview of before (refuses above 20 000 tiles: neither tiles nor price), and
  without the cap every Tile object built and priced, then drawn into a memory layer on the GUI thread.
- the whole world on grid 1 (about 5 million tiles) counted and priced, in a process of its own: time and memory.
Goal: tiles and price on screen in under 3 s.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

from harness import render_seconds

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
REGION = os.environ.get("BENCH_PREVIEW_REGION", "Contiguous United States")
WARM_RUNS = 3
GOAL_SECONDS = 3.0
OLD_TILE_LIMIT = 20_000

WORLD = """
import json, resource, time
from shapely.geometry import box
from sentinelhub_batch.plugin.core.cost import estimate_for_tile_counts
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.tiles import count_tiles
started = time.perf_counter()
counts = count_tiles(box(-180, -85, 180, 85), 4326, 1, 10)
cost = estimate_for_tile_counts(counts, read_evalscript(open({script!r}).read()), "2020-07-01", "2020-07-30")
print(json.dumps({{"tiles": cost.tile_count, "charged": cost.charged_pu, "seconds": time.perf_counter() - started,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def region_wkt(name: str) -> str:
    from shapely.geometry import shape

    regions = json.loads((DATA / "bench_regions.geojson").read_text())["features"]
    return shape(next(feature["geometry"] for feature in regions if feature["properties"]["name"] == name)).wkt


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StallWatch:
    """The longest gap between ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from qgis.PyQt.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0

    def __enter__(self) -> StallWatch:
        self.clock.start()
        self._last = self.clock.elapsed()
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self.timer.stop()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    from qgis.PyQt.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("The preview did not finish in time.")
        QApplication.processEvents()
        time.sleep(0.002)


def main() -> int:
    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
    from sentinelhub_batch.plugin.core.cost import estimate_processing_units
    from sentinelhub_batch.plugin.core.evalscript import read_evalscript
    from sentinelhub_batch.plugin.core.tiles import tiles_for_area
    from sentinelhub_batch.plugin.gui.new_job_dock import NewJobDock
    from sentinelhub_batch.plugin.services.layers import qgs_geometry
    from sentinelhub_batch.plugin.services.preview import compute_preview

    script = str(DATA / "interpolation_evalscript.js")
    world = subprocess.run([sys.executable, "-c", WORLD.format(script=script)], capture_output=True, text=True,
                           timeout=3600, check=True, env=dict(os.environ))
    world_figures = json.loads(world.stdout.strip().splitlines()[-1])

    project = QgsProject.instance()
    area = QgsVectorLayer("Polygon?crs=EPSG:4326", REGION, "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(region_wkt(REGION)))
    area.dataProvider().addFeatures([feature])
    project.addMapLayer(area)
    dock = NewJobDock(None)
    dock.show()  # opened by the user: its preview draws the tiles
    baseline = peak_mb()

    def previewed(change: Callable[[], None]) -> Tuple[float, float]:
        """Seconds from the change to tiles and price shown, and the longest GUI stall meanwhile."""
        with StallWatch() as stalls:
            started = time.perf_counter()
            change()
            wait_until(lambda: not dock.preview.busy and dock.last_preview is not None
                       and dock.last_preview.inputs == dock.preview_inputs() and not dock.tile_layer.filling, 600)
            seconds = time.perf_counter() - started
        return seconds, stalls.longest

    cold, cold_stall = previewed(lambda: dock.area_layer_combo.setLayer(area))
    result = dock.last_preview
    layer = dock.tile_layer.layer
    assert result.tile_count and layer is not None and layer.featureCount() == result.tile_count, dock.tiles_label.text()
    warm: List[Tuple[float, float]] = [previewed(lambda value=value: dock.buffer_x_spin.setValue(value))
                                       for value in (10, 20, 30)][:WARM_RUNS]
    plugin_peak = peak_mb() - baseline
    render = render_seconds(dock.tile_layer.layer)
    tile_count, price = result.tile_count, dock.cost_label.text()
    inputs = dock.preview_inputs()
    dock.cleanup()

    started = time.perf_counter()
    capped = compute_preview(inputs, max_tiles=OLD_TILE_LIMIT)
    capped_seconds = time.perf_counter() - started

    started = time.perf_counter()
    tiles = tiles_for_area(inputs.area, inputs.area_crs, inputs.grid, inputs.resolution, inputs.buffer_x,
                           inputs.buffer_y)
    estimate_processing_units(tiles, read_evalscript(inputs.evalscript), inputs.time_from, inputs.time_to)
    computed = time.perf_counter() - started
    started = time.perf_counter()
    memory_layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=tile:string", "old", "memory")
    old_features = []
    for tile in tiles:
        old_feature = QgsFeature(memory_layer.fields())
        old_feature.setGeometry(qgs_geometry(tile.geometry_wgs84))
        old_feature.setAttributes([tile.name])
        old_features.append(old_feature)
    memory_layer.dataProvider().addFeatures(old_features)
    drawn = time.perf_counter() - started
    old_peak = peak_mb() - baseline
    del memory_layer, old_features
    project.removeAllMapLayers()
    dock.deleteLater()
    app.processEvents()

    warm_seconds = [run[0] for run in warm]
    print(f"{REGION}, grid 1 at 10 m: {tile_count:,} tiles; {price}")
    print(f"plugin: tiles and price on screen {cold:.2f} s cold (first preview), warm {min(warm_seconds):.2f} / "
          f"{statistics.median(warm_seconds):.2f} / {max(warm_seconds):.2f} s (best / median / worst of "
          f"{len(warm)}), the 0.4 s debounce included (goal < {GOAL_SECONDS:g} s -> "
          f"{'OK' if statistics.median(warm_seconds) < GOAL_SECONDS else 'OVER GOAL'} warm, "
          f"{'OK' if cold < GOAL_SECONDS else 'OVER GOAL'} cold)")
    print(f"  longest GUI-thread stall: {cold_stall:.0f} ms cold, {max(run[1] for run in warm):.0f} ms warm; peak "
          f"memory +{plugin_peak:.0f} MB; full-extent render of the layer {render:.2f} s")
    print(f"straightforward, capped as before: refused in {capped_seconds:.2f} s with neither tiles nor price: "
          f"{capped.tiles_error}")
    print(f"straightforward, uncapped: {len(tiles):,} Tile objects built and priced in {computed:.2f} s, then drawn "
          f"into a memory layer on the GUI thread in {drawn:.2f} s (a {drawn * 1000:.0f} ms freeze); peak memory "
          f"+{old_peak:.0f} MB")
    print(f"the world on grid 1 at 10 m: {world_figures['tiles']:,} tiles counted and priced "
          f"({world_figures['charged']:,.0f} PU charged for the tutorial script) in {world_figures['seconds']:.0f} s, "
          f"peak memory {world_figures['peak_mb']:.0f} MB (a process of its own)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
