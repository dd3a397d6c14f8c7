"""Loading a job's results from S3 with a round-trip latency: the VRT written from the manifest against
``gdal.BuildVRT`` over every file, and a country-wide mosaic at full extent with and without its overviews.

The local stack runs in its own process behind proxies that add ``BENCH_LATENCY_MS`` (default 30) to every request
and count them. A job of ``BENCH_RESULT_TILES`` tiles (default 1000, two outputs: 2000 files) is published the
way the service writes it: COG outputs of 1100 × 1100 px (10 km tiles at 10 m with a 50 px buffer), the feature
manifest and the execution database.

- the plugin's way (``prepare_results`` + ``add_results_to_project``): manifest, execution database, one sample
  file per output, the layers created from a default style — timed several times (fresh caches), and once for a
  quarter of the tiles to show that the number of requests does not grow with them;
- the straightforward way: list the delivery folder, ``gdal.BuildVRT`` over every file of each output, and the
  layers created the way QGIS does without a style (it computes statistics, reading every tile);
- overviews built from the tiles' own COG overviews, then the first full-extent render of the NDVI mosaic
  (1000 × 1000 px) without and with them.
Goal: the plugin's load under 2 s, with a number of requests that does not depend on the number of tiles.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, List, Tuple

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness import proxy_counts, render_seconds, start_stack_process, stop_stack_process

LATENCY_MS = float(os.environ.get("BENCH_LATENCY_MS", "30"))
TILES = int(os.environ.get("BENCH_RESULT_TILES", "1000"))
REPEATS = 3
TASK_ID = "5e1c0a52-0000-4000-8000-00000000b001"
EPSG = 32611
TILE_METRES, PIXELS, BUFFER = 10_000, 1000, 50
OUTPUTS = (("NDVI", np.uint16), ("data_mask", np.uint8))
UPLOADERS = 16


def publish(s3, bucket: str, tile_count: int) -> Tuple[str, List]:
    """Upload ``tile_count`` tiles × the outputs, the manifest and the execution database; returns (delivery URL,
    manifest rows)."""
    from bucket_files import execution_sqlite, manifest_gpkg
    from emulator.bucket import geotiff_bytes
    from sentinelhub_batch.plugin.core.storage import ManifestFeature
    from shapely.geometry import box

    side = int(np.ceil(np.sqrt(tile_count)))
    rows, uploads = [], []
    for index in range(tile_count):
        name = f"11S{index:05d}"
        x, y = 300_000 + (index % side) * TILE_METRES, 4_500_000 - (index // side) * TILE_METRES
        bounds = (x - BUFFER * 10, y - TILE_METRES - BUFFER * 10, x + TILE_METRES + BUFFER * 10, y + BUFFER * 10)
        for fid_offset, (output_id, dtype) in enumerate(OUTPUTS):
            key = f"bench/{TASK_ID}/{name}/{output_id}.tif"
            rows.append(ManifestFeature(2 * index + fid_offset + 1, output_id, name, f"s3://{bucket}/{key}",
                                        PIXELS + 2 * BUFFER, PIXELS + 2 * BUFFER, EPSG,
                                        box(x, y - TILE_METRES, x + TILE_METRES, y)))
            value = 12000 + (index * 37) % 6000 if dtype is np.uint16 else 1
            uploads.append((key, bounds, dtype, value))

    def upload(item):
        key, bounds, dtype, value = item
        values = np.full((1, PIXELS + 2 * BUFFER, PIXELS + 2 * BUFFER), value, dtype=dtype)
        s3.put_object(bucket, key, geotiff_bytes(values, bounds, EPSG, True), content_type="image/tiff")

    with ThreadPoolExecutor(UPLOADERS) as pool:
        list(pool.map(upload, uploads))
    s3.put_object(bucket, f"bench/{TASK_ID}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(rows))
    execution = [(index, f"11S{index:05d}", "DONE", None, True) for index in range(tile_count)]
    s3.put_object(bucket, f"bench/{TASK_ID}/execution-{TASK_ID}.sqlite", execution_sqlite(execution))
    return f"s3://{bucket}/bench", rows


def measured(s3_url: str, api_url: str, action: Callable[[], object]) -> Tuple[float, int, object]:
    """Seconds and requests (both servers) of ``action`` with GDAL's caches emptied first."""
    from osgeo import gdal

    gdal.VSICurlClearCache()
    proxy_counts(s3_url, reset=True)
    proxy_counts(api_url, reset=True)
    started = time.perf_counter()
    value = action()
    seconds = time.perf_counter() - started
    return seconds, proxy_counts(s3_url)["requests"] + proxy_counts(api_url)["requests"], value


def main() -> int:
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
    from osgeo import gdal
    from sentinelhub_batch.plugin.core.s3 import S3Client
    from sentinelhub_batch.plugin.services.results import (
        ResultsRequest,
        add_results_to_project,
        build_overviews,
        configure_gdal_for_s3,
        prepare_results,
        reload_result_layers,
        vsis3_path,
    )
    from sentinelhub_batch.plugin.services.tasks import Activity

    process, stack = start_stack_process(LATENCY_MS)
    folder = Path(tempfile.mkdtemp(prefix="bench_results_"))
    try:
        s3_url, api_url, bucket = stack["S3 endpoint"], stack["base URL"], stack["S3 bucket"]
        s3 = S3Client(stack["S3 access key"], stack["S3 secret key"], region=stack["S3 region"], endpoint_url=s3_url)
        started = time.perf_counter()
        delivery_url, rows = publish(s3, bucket, TILES)
        print(f"published {TILES} tiles × {len(OUTPUTS)} outputs = {len(rows)} COG files in "
              f"{time.perf_counter() - started:.0f} s; {LATENCY_MS:g} ms added to every request")
        configure_gdal_for_s3(s3, bucket)
        project = QgsProject.instance()

        def plugin_load(tile_names=None, run: str = "") -> List:
            request = ResultsRequest(TASK_ID, delivery_url, folder / f"plugin{run}", f"Results {run}",
                                     tile_names=tile_names)
            mosaics = prepare_results(s3, request, Activity())
            add_results_to_project(project, mosaics, request.group_name)
            return mosaics

        runs = [measured(s3_url, api_url, lambda run=run: plugin_load(run=str(run))) for run in range(REPEATS)]
        seconds = [run[0] for run in runs]
        mosaics = runs[-1][2]
        quarter = sorted({row.identifier for row in rows})[: TILES // 4]
        quarter_seconds, quarter_requests, _ = measured(s3_url, api_url, lambda: plugin_load(quarter, "quarter"))

        def straightforward() -> None:
            from sentinelhub_batch.plugin.core.storage import delivery_root

            root = delivery_root(delivery_url, TASK_ID)
            listed = {f"s3://{root.bucket}/{item.key}" for item in s3.list_objects(root.bucket, root.key + "/")
                      if not item.is_prefix}
            for output_id, _ in OUTPUTS:
                sources = [vsis3_path(row.path) for row in rows if row.output_id == output_id and row.path in listed]
                path = str(folder / f"buildvrt_{output_id}.vrt")
                gdal.BuildVRT(path, sources, options=gdal.BuildVRTOptions(resolution="highest")).FlushCache()
                layer = QgsRasterLayer(path, output_id, "gdal")
                assert layer.isValid()

        plain_seconds, plain_requests, _ = measured(s3_url, api_url, straightforward)

        ndvi = next(mosaic for mosaic in mosaics if mosaic.output_id == "NDVI")
        layer = next(layer for layer in project.mapLayers().values()
                     if isinstance(layer, QgsRasterLayer) and layer.source() == ndvi.path)
        gdal.VSICurlClearCache()
        no_overview_seconds, no_overview_requests, _ = measured(s3_url, api_url, lambda: render_seconds(layer))
        overview_seconds, overview_requests, built = measured(s3_url, api_url,
                                                              lambda: build_overviews(mosaics, Activity()))
        reload_result_layers(project, built)
        with_overview_seconds, with_overview_requests, _ = measured(s3_url, api_url, lambda: render_seconds(layer))
        s3.close()
    finally:
        stop_stack_process(process)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"plugin (manifest + execution database + one sample per output, layers from a default style): "
          f"{len(rows)} files in {min(seconds):.2f} s best, {statistics.median(seconds):.2f} s median, "
          f"{max(seconds):.2f} s worst of {REPEATS}; {runs[-1][1]} requests "
          f"(goal < 2 s -> {'OK' if statistics.median(seconds) < 2 else 'OVER GOAL'})")
    print(f"  the same for a quarter of the tiles ({len(quarter) * len(OUTPUTS)} files): {quarter_seconds:.2f} s, "
          f"{quarter_requests} requests")
    print(f"straightforward (list, gdal.BuildVRT over every file, layers with QGIS statistics): {plain_seconds:.1f} s, "
          f"{plain_requests} requests -> {plain_seconds / statistics.median(seconds):.0f}x the time, "
          f"{plain_requests / max(runs[-1][1], 1):.0f}x the requests")
    print(f"first full-extent render of NDVI ({ndvi.tile_count} tiles, 1000 × 1000 px): {no_overview_seconds:.1f} s and "
          f"{no_overview_requests} requests without overviews; overviews built from the COGs' own in "
          f"{overview_seconds:.1f} s ({overview_requests} requests, {len(built)} mosaics); then {with_overview_seconds:.2f} s "
          f"and {with_overview_requests} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
