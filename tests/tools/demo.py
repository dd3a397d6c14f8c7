"""``make demo``: the provider's tutorial job end to end through ``qgis_process``, against the local stack.

Starts the local stack (emulated Sentinel Hub + S3), enables the plugin in a throwaway QGIS profile, and runs the
Processing algorithms with ``/usr/bin/qgis_process.bin`` (the ``/usr/bin/qgis_process`` wrapper is broken on
Debian 12): preview the tiles and cost, create, start, wait, tile status, results. Then writes ``demo/demo.qgz``
(tile status layer over the result mosaics) and renders it to ``demo/demo.png``. Credentials reach
``qgis_process`` through the environment (SH_*, AWS_*), never its command line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
PLUGIN_NAME = "sentinelhub_batch"
PROVIDER = "sentinelhub_batch"

TUTORIAL = {
    "AREA": str(SHARED_DATA / "california_crop_fields.geojson"),
    "GRID": 1,
    "RESOLUTION": 10,
    "BUFFER_X": 50,
    "BUFFER_Y": 50,
    "EVALSCRIPT": str(SHARED_DATA / "interpolation_evalscript.js"),
    "DATA_COLLECTION": "sentinel-2-l1c",
    "TIME_FROM": "2020-07-01",
    "TIME_TO": "2020-07-30",
}
TUTORIAL_OUTPUTS = "NDVI,data_mask"


class QgisProcessError(RuntimeError):
    pass


class QgisProcess:
    """``qgis_process.bin`` with the plugin enabled in a profile of its own (deleted and rebuilt on ``prepare``)."""

    def __init__(self, profile_root: Path, environment: Optional[Mapping[str, str]] = None, timeout: float = 600):
        self.profile_root = Path(profile_root)
        self.extra_environment = dict(environment or {})
        self.timeout = timeout

    def environment(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update(self.extra_environment)
        env["QGIS_CUSTOM_CONFIG_PATH"] = str(self.profile_root)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env.setdefault("XDG_RUNTIME_DIR", str(self.profile_root / "runtime"))
        # The plugin's pure-Python dependencies (shapely, pyproj, ...) come from the project venv.
        site_packages = sysconfig.get_paths()["purelib"]
        env["PYTHONPATH"] = os.pathsep.join(part for part in (site_packages, env.get("PYTHONPATH", "")) if part)
        return env

    def prepare(self) -> None:
        if self.profile_root.exists():
            shutil.rmtree(self.profile_root)
        plugins = self.profile_root / "profiles" / "default" / "python" / "plugins"
        plugins.mkdir(parents=True)
        (self.profile_root / "runtime").mkdir(mode=0o700)
        (plugins / PLUGIN_NAME).symlink_to(ROOT, target_is_directory=True)
        completed = self.call(["plugins", "enable", PLUGIN_NAME])
        if completed.returncode != 0:
            raise QgisProcessError(f"qgis_process could not enable the plugin:\n{completed.stdout}{completed.stderr}")

    def call(self, arguments: list, cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
        return subprocess.run([QGIS_PROCESS, *arguments], cwd=cwd, env=self.environment(), capture_output=True,
                              text=True, timeout=self.timeout, check=False)

    @staticmethod
    def parameter_arguments(parameters: Mapping[str, Any]) -> list:
        return ["--", *(f"{name}={value}" for name, value in parameters.items())]

    def run_json(self, algorithm: str, parameters: Mapping[str, Any], cwd: Optional[Path] = None) -> Dict[str, Any]:
        """Run an algorithm and return its results (``--json`` output)."""
        completed = self.call(["--json", "run", f"{PROVIDER}:{algorithm}",
                                *self.parameter_arguments(parameters)], cwd)
        try:
            answer = json.loads(completed.stdout[completed.stdout.index("{"):])
        except ValueError:
            answer = None
        if completed.returncode != 0 or not isinstance(answer, dict) or "results" not in answer:
            raise QgisProcessError(f"{algorithm} failed (exit {completed.returncode}):\n"
                                   f"{_tail(completed.stdout)}{_tail(completed.stderr)}")
        return answer["results"]

    def run_streaming(self, algorithm: str, parameters: Mapping[str, Any],
                      on_line: Callable[[str], None]) -> int:
        """Run an algorithm, passing each line it prints to ``on_line`` as it comes; returns the exit code."""
        process = subprocess.Popen([QGIS_PROCESS, "run", f"{PROVIDER}:{algorithm}",
                                    *self.parameter_arguments(parameters)], env=self.environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        deadline = time.monotonic() + self.timeout
        assert process.stdout is not None
        try:
            for line in process.stdout:
                on_line(line.rstrip("\n"))
                if time.monotonic() > deadline:
                    raise QgisProcessError(f"{algorithm} did not finish within {self.timeout:.0f} s")
            return process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join((text or "").splitlines()[-lines:]) + "\n"


def say(text: str) -> None:
    print(text, flush=True)


def stack_environment(stack: Any) -> Dict[str, str]:
    endpoint = str(stack.s3_endpoint)
    return {
        "SH_CLIENT_ID": str(stack.client_id),
        "SH_CLIENT_SECRET": str(stack.client_secret),
        "SH_BASE_URL": str(stack.base_url),
        "SH_TOKEN_URL": str(stack.token_url),
        "AWS_ACCESS_KEY_ID": str(stack.s3_access_key),
        "AWS_SECRET_ACCESS_KEY": str(stack.s3_secret_key),
        "AWS_S3_ENDPOINT": endpoint,
        "AWS_REGION": str(stack.s3_region),
    }


def start_stack() -> Any:
    """The local stack with quick but realistic timings (analysis and tiles take seconds, not hours)."""
    from emulator.config import EmulatorConfig
    from emulator.stack import LocalStack

    return LocalStack(config=EmulatorConfig(analysis_seconds=3.0, tile_seconds=1.0, execution_upload_interval=2.0,
                                            done_delay_seconds=1.0, render_step=2))


WAIT_LINE_PREFIXES = ("Status:", "Tiles:", "Job ", "Waiting", "Sentinel Hub is busy", "ERROR", "Processing:")


def run_tutorial(output: Path, profile: Path, poll_seconds: float = 2.0) -> Dict[str, Any]:
    output.mkdir(parents=True, exist_ok=True)
    say("Starting the local stack (emulated Sentinel Hub + S3)…")
    with start_stack() as stack:
        say(f"  Sentinel Hub: {stack.base_url}   S3: {stack.s3_endpoint}   bucket: {stack.bucket}")
        qgis_process = QgisProcess(profile, stack_environment(stack))
        say(f"Enabling the plugin in a throwaway QGIS profile ({profile})…")
        qgis_process.prepare()

        say("\n1. Preview tiles and cost (offline)")
        preview = qgis_process.run_json("preview_tiles", {**TUTORIAL, "OUTPUT": output / "preview_tiles.gpkg"})
        say(f"   {preview['TILE_COUNT']:.0f} tiles; {preview['PU_ESTIMATE']:.2f} PU before the batch discount, "
            f"{preview['PU_CHARGED']:.2f} PU charged (billed {preview['PU_BILLED']:.0f} PU)")

        say("\n2. Create the job")
        delivery = f"s3://{stack.bucket}/california-ndvi"
        created = qgis_process.run_json("create_job", {
            **TUTORIAL, "OUTPUTS": TUTORIAL_OUTPUTS, "DELIVERY_URL": delivery,
            "DESCRIPTION": "California NDVI July 2020 (make demo)"})
        job_id = created["JOB_ID"]
        say(f"   job id: {job_id} ({created['STATUS']})")

        say("\n3. Start it")
        started = qgis_process.run_json("start_job", {"JOB_ID": job_id})
        say(f"   {started['STATUS']}")

        say("\n4. Wait for it")

        def show(line: str) -> None:
            text = line.strip()
            if text.startswith(WAIT_LINE_PREFIXES):
                say(f"   {text}")

        code = qgis_process.run_streaming("wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": poll_seconds}, show)
        if code != 0:
            raise QgisProcessError(f"wait_for_job ended with exit code {code}")

        say("\n5. Tile status")
        tiles = qgis_process.run_json("tile_status", {"JOB_ID": job_id, "OUTPUT": output / "tile_status.gpkg"})
        counts = ", ".join(f"{tiles[key]:.0f} {key[6:].lower()}" for key in sorted(tiles)
                           if key.startswith("TILES_") and tiles[key])
        say(f"   job {tiles['STATUS']}: {tiles['TILE_COUNT']:.0f} tiles ({counts})")

        say("\n6. Results")
        results = qgis_process.run_json("load_results", {"JOB_ID": job_id, "DOWNLOAD": "true",
                                                         "OUTPUT_FOLDER": output / "results"})
        say(f"   in the bucket: {delivery}/{job_id}/<tile>/<output>.tif")
        for path in results["OUTPUT_LAYERS"]:
            say(f"   mosaic: {path}")
    say("Local stack stopped.")
    return {"job_id": job_id, "status": tiles["STATUS"], "tiles": output / "tile_status.gpkg",
            "mosaics": list(results["OUTPUT_LAYERS"]), "tile_count": int(tiles["TILE_COUNT"])}


def single_date_mosaic(mosaic: str, path: Path) -> tuple:
    """A VRT of the band of ``mosaic`` with the most valid pixels (0 = outside the area, transparent)."""
    from osgeo import gdal

    dataset = gdal.Open(mosaic)
    best_band, best_mean = 1, -1.0
    for index in range(1, dataset.RasterCount + 1):
        mean = dataset.GetRasterBand(index).ComputeStatistics(True)[2]
        if mean > best_mean:
            best_band, best_mean = index, mean
    dataset = None
    options = gdal.BuildVRTOptions(bandList=[best_band], srcNodata=0, VRTNodata=0)
    gdal.BuildVRT(str(path), [mosaic], options=options).FlushCache()
    return best_band, str(path)


def write_project_and_picture(outcome: Mapping[str, Any], output: Path) -> None:
    """demo.qgz with the tile status layer over the mosaics, and demo.png of that map (offscreen rendering)."""
    from qgis.core import (
        Qgis,
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsProject,
        QgsRasterLayer,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QFont, QPainter
    from sentinelhub_batch.plugin.core.storage import TileStatus
    from sentinelhub_batch.plugin.services.layers import STATUS_COLOURS, tile_status_renderer
    from sentinelhub_batch.plugin.services.results import style_result_layer

    application = QgsApplication([], False)
    application.initQgis()
    try:
        project = QgsProject.instance()
        project.clear()
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:32611"))
        mosaics = {Path(path).stem: path for path in outcome["mosaics"]}
        raster_layers = []
        if "NDVI" in mosaics:
            # The tutorial's NDVI has one band per interpolated date: show the date with the most data.
            band, path = single_date_mosaic(mosaics["NDVI"], output / "NDVI_one_date.vrt")
            layer = QgsRasterLayer(path, f"NDVI (date {band})", "gdal")
            if not layer.isValid():
                raise QgisProcessError(f"The mosaic {path} cannot be opened.")
            style_result_layer(layer, "NDVI")
            raster_layers.append(layer)
        for output_id in ("NDVI", "data_mask"):
            if output_id not in mosaics:
                continue
            layer = QgsRasterLayer(mosaics[output_id], output_id, "gdal")
            if not layer.isValid():
                raise QgisProcessError(f"The mosaic {mosaics[output_id]} cannot be opened.")
            style_result_layer(layer, output_id)
            raster_layers.append(layer)
        tiles = QgsVectorLayer(str(outcome["tiles"]), f"Tiles {outcome['job_id'][:8]}", "ogr")
        if not tiles.isValid():
            raise QgisProcessError(f"The tile status layer {outcome['tiles']} cannot be opened.")
        tiles.setRenderer(tile_status_renderer())
        tiles.setOpacity(0.55)  # the NDVI stays visible under the status colours
        project.addMapLayer(tiles)
        for layer in raster_layers:
            project.addMapLayer(layer)
        root = project.layerTreeRoot()
        for hidden in raster_layers[1:]:
            root.findLayer(hidden.id()).setItemVisibilityChecked(False)
        project_path = output / "demo.qgz"
        if not project.write(str(project_path)):
            raise QgisProcessError(f"The project could not be written to {project_path}: {project.error()}")

        settings = QgsMapSettings()
        ndvi = raster_layers[:1]
        settings.setLayers([tiles, *ndvi])
        settings.setDestinationCrs(project.crs())
        transform = QgsCoordinateTransform(tiles.crs(), project.crs(), project)
        extent = transform.transformBoundingBox(tiles.extent())
        extent.grow(max(extent.width(), extent.height()) * 0.04)
        settings.setExtent(extent)
        settings.setOutputSize(QSize(1400, 900))
        settings.setBackgroundColor(QColor("white"))
        settings.setFlag(Qgis.MapSettingsFlag.Antialiasing, True)
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()

        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(22)
        font.setBold(True)
        painter.setFont(font)
        painter.fillRect(0, 0, image.width(), 44, QColor(255, 255, 255, 220))
        painter.setPen(QColor("black"))
        painter.drawText(14, 30, f"Sentinel Hub Batch — job {outcome['job_id'][:8]} {outcome['status']}: "
                                 f"{outcome['tile_count']} tiles over the NDVI mosaic")
        font.setPixelSize(18)
        font.setBold(False)
        painter.setFont(font)
        y = image.height() - 20 - 28 * len(TileStatus)
        painter.fillRect(8, y - 8, 170, 28 * len(TileStatus) + 12, QColor(255, 255, 255, 220))
        for index, status in enumerate(TileStatus):
            colour = QColor(STATUS_COLOURS[status])
            top = y + 28 * index
            painter.fillRect(16, top, 22, 20, colour)
            painter.setPen(QColor("black"))
            painter.drawText(48, top + 16, status.label)
        painter.end()
        picture = output / "demo.png"
        if not image.save(str(picture), "PNG"):
            raise QgisProcessError(f"The picture could not be written to {picture}.")
        project.clear()
    finally:
        application.exitQgis()


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "demo", help="where demo.qgz, demo.png and data go")
    parser.add_argument("--profile", type=Path, default=ROOT / ".build" / "demo-profile",
                        help="throwaway QGIS profile folder (deleted and rebuilt)")
    parser.add_argument("--poll-seconds", type=float, default=2.0)
    arguments = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not Path(QGIS_PROCESS).exists():
        say(f"{QGIS_PROCESS} is missing: run 'make setup' (installs QGIS from Debian).")
        return 2
    started = time.monotonic()
    output = arguments.output.resolve()
    if output.exists():
        shutil.rmtree(output)
    try:
        outcome = run_tutorial(output, arguments.profile.resolve(), arguments.poll_seconds)
        write_project_and_picture(outcome, output)
    except QgisProcessError as error:
        say(f"\nThe demo failed: {error}")
        return 1
    say(f"\nProject: {output / 'demo.qgz'}\nPicture: {output / 'demo.png'}\n"
        f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
