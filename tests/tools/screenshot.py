"""Screenshot of QGIS with the plugin's docks and a coloured tile layer (``make screenshot``; under xvfb-run).

Run by QGIS itself: ``qgis --code tests/tools/screenshot.py``. The script loads the plugin from the repository,
draws the tutorial area's tiles with a mix of statuses (as a running job shows them), fills the jobs dock with
sample jobs (no network), then saves ``screenshots/qgis.png`` and quits QGIS.
"""

import json
import os
import sys
import traceback
from pathlib import Path

REPOSITORY = Path(os.environ.get("SHB_REPOSITORY", Path.cwd())).resolve()
OUTPUT = REPOSITORY / "screenshots" / "qgis.png"
sys.path[:0] = [str(REPOSITORY / ".build" / "pkgroot")]


def _sample_task(task_id, status, percent, cost, description, area, bucket="s3://my-bucket/california"):
    from sentinelhub_batch.plugin.core.models import BatchTask

    return BatchTask({
        "id": task_id, "status": status, "completionPercentage": percent, "costPU": cost,
        "created": "2024-05-02T09:12:00Z", "lastUpdated": "2024-05-02T09:41:00Z", "description": description,
        "request": {"processRequest": {"input": {"bounds": {"geometry": area}}},
                    "input": {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50},
                    "output": {"delivery": {"s3": {"url": bucket, "accessKey": "AKIAEXAMPLEKEY1234",
                                                   "secretAccessKey": "never-shown"}}},
                    "description": description}})


def build_and_grab():
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.utils import iface
    from sentinelhub_batch.plugin.core.grids import get_grid
    from sentinelhub_batch.plugin.core.storage import TileStatus
    from sentinelhub_batch.plugin.core.tiles import tiles_for_area
    from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock, TrackedJobView
    from sentinelhub_batch.plugin.gui.layers import TileStatusLayer, records_from_tiles, tile_layer_title
    from sentinelhub_batch.plugin.gui.plugin import SentinelHubBatchPlugin

    data = json.loads((REPOSITORY.parent / "shared" / "data" / "california_crop_fields.geojson").read_text())
    area = next(f["geometry"] for f in data["features"] if f["properties"]["name"] == "Entire area")
    plugin = SentinelHubBatchPlugin(iface)
    plugin.initGui()
    sys.modules["__screenshot_plugin__"] = plugin  # keep it alive

    tiles = tiles_for_area(area, 4326, get_grid(1), 10, 50, 50)
    task = _sample_task("8c1f7d7a-63a4-4c6b-9d5e-2f1b1c0d9e21", "PROCESSING", 62, 431.5,
                        "California NDVI July 2020", area)
    tile_layer = TileStatusLayer.create(tile_layer_title(task.id, task.description), records_from_tiles(tiles),
                                        task_id=task.id)
    cycle = [TileStatus.DONE, TileStatus.DONE, TileStatus.PROCESSING, TileStatus.FAILED, TileStatus.DONE,
             TileStatus.NO_DATA, TileStatus.PENDING, TileStatus.PROCESSING]
    tile_layer.apply_statuses({tile.name: cycle[index % len(cycle)] for index, tile in enumerate(tiles)})
    QgsProject.instance().addMapLayer(tile_layer.layer)

    dock: JobsDock = plugin.jobs_dock
    for sample in (
        _sample_task("5b0e2c6f-1d3a-4e8b-a1c2-7f9e8d6c5b4a", "DONE", 100, 1204.0, "Crop fields June", area),
        _sample_task("0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d", "STOPPED", 35, 210.0, "Test sub-area", area),
        task,
    ):
        dock._put_task(sample)
    dock.views[task.id] = TrackedJobView(task.id, tile_layer=tile_layer)
    dock.select_task(task.id)
    dock.status_line.setText("Job 8c1f7d7a: 62% — polling every 10 s")
    dock.show()
    dock.raise_()
    if plugin.new_job_dock is not None:
        plugin.new_job_dock.hide()
    window = iface.mainWindow()
    window.resize(1600, 1000)
    window.showMaximized()
    canvas = iface.mapCanvas()
    extent = tile_layer.layer.extent()
    extent.scale(1.1)
    canvas.setDestinationCrs(tile_layer.layer.crs())
    canvas.setExtent(extent)
    canvas.refresh()

    def grab():
        try:
            OUTPUT.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(OUTPUT))
            print(f"saved {OUTPUT}", flush=True)
        finally:
            QTimer.singleShot(200, lambda: os._exit(0))

    QTimer.singleShot(4000, grab)


try:
    build_and_grab()
except Exception:
    traceback.print_exc()
    os._exit(1)
