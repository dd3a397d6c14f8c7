"""Screenshot of QGIS following a real batch job of the local stack (``make screenshot``; under xvfb-run).

Run by QGIS itself: ``qgis --code tests/tools/screenshot.py``. The script starts the local stack (emulated Sentinel
Hub + S3, ``python -m emulator.stack``) in a child process with timings that make the tutorial job take about half
a minute and one tile fail, points the plugin at it through the SH_*/AWS_* environment, loads the plugin into the
blank project and opens its docks — and saves that clean start as ``qgis-start.png`` once it checked that the
project is unmodified (no layer, nothing to save, QGIS's welcome page still shown) — then loads the tutorial area as
the active layer, fills in the New job dock (tutorial evalscript, grid 1, 20 m, buffer 50), clicks Create and
Start, and lets the Jobs dock's monitor follow the job. When the job is PROCESSING and its tiles on the map show
done, failed and still-to-do tiles (drawn blue, "To do (processing)"), it saves ``screenshots/qgis.png`` (or the file
``SHB_SCREENSHOT`` names); when the job has ended it clicks Load results and saves the mosaics (NDVI transparent
outside the area, the mask hidden below it) as ``qgis-results.png`` beside it; then it unloads the plugin,
stops the stack and quits QGIS. Exit code 0 on success; 1 (with the reason on stderr) on any failure, and a
watchdog ends everything after ``SHB_SCREENSHOT_TIMEOUT`` seconds (240 by default) so the run never hangs.
"""

import ctypes
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
import urllib.request
from pathlib import Path

REPOSITORY = Path(os.environ.get("SHB_REPOSITORY", Path.cwd())).resolve()
OUTPUT = Path(os.environ.get("SHB_SCREENSHOT", REPOSITORY / "screenshots" / "qgis.png"))
RESULTS_OUTPUT = OUTPUT.with_name(f"{OUTPUT.stem}-results{OUTPUT.suffix}")
START_OUTPUT = OUTPUT.with_name(f"{OUTPUT.stem}-start{OUTPUT.suffix}")
STACK_LOG = REPOSITORY / ".build" / "screenshot-stack.log"
SHARED_DATA = REPOSITORY.parent / "shared" / "data"
AREA_FILE = SHARED_DATA / "california_crop_fields.geojson"
EVALSCRIPT_FILE = SHARED_DATA / "interpolation_evalscript.js"
TIMEOUT_SECONDS = float(os.environ.get("SHB_SCREENSHOT_TIMEOUT", "240"))
sys.path[:0] = [str(REPOSITORY / ".build" / "pkgroot")]

GRID_ID, RESOLUTION, BUFFER = 1, 20.0, 50
DESCRIPTION = "California NDVI July 2020"
DELIVERY_FOLDER = "california-ndvi"
STACK_TIMINGS = {
    "analysis_seconds": 2.0,
    "tile_seconds": 8.0,
    "execution_upload_interval": 1.0,
    "done_delay_seconds": 2.0,
    "render_step": 4,
}
"""8 tiles, 2 at a time (the emulator's default), 8 s each: from 16 s to 32 s into PROCESSING at least two tiles are
done and some still wait, long enough for the monitor (which polls every 10 s while a job is processing) to see it."""
WINDOW_SIZE = (1920, 1200)


def say(text):
    print(f"[screenshot] {text}", flush=True)


class ScreenshotFailed(RuntimeError):
    pass


# ----------------------------------------------------------------------------------------------- the local stack


def _die_with_parent():
    """In the stack's child process: get SIGTERM when QGIS ends, however it ends."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


STACK_FIELDS = {"base URL": "base_url", "token URL": "token_url", "client id": "client_id",
                "client secret": "client_secret", "S3 endpoint": "s3_endpoint", "S3 bucket": "bucket",
                "S3 access key": "s3_access_key", "S3 secret key": "s3_secret_key", "S3 region": "s3_region"}
"""Labels of the lines ``python -m emulator.stack`` prints once it is up, and what they give."""


class StackProcess:
    """``python -m emulator.stack`` in a child process; settings and faults through its control endpoints."""

    def __init__(self):
        self.process = None
        self.values = {}
        self._lines = queue.Queue()

    def start(self, timeout=60.0):
        python = Path(os.environ.get("SHB_PYTHON", REPOSITORY / ".venv" / "bin" / "python"))  # the project venv
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(REPOSITORY / ".build" / "pkgroot"), str(REPOSITORY / "tests")])
        env["PYTHONUNBUFFERED"] = "1"
        env.pop("QT_QPA_PLATFORM", None)
        STACK_LOG.parent.mkdir(parents=True, exist_ok=True)
        log_file = open(STACK_LOG, "w")  # noqa: SIM115 - the child keeps writing to it
        self.process = subprocess.Popen(
            [str(python if python.exists() else sys.executable), "-m", "emulator.stack"], cwd=str(REPOSITORY),
            env=env, stdout=subprocess.PIPE, stderr=log_file, stdin=subprocess.DEVNULL, text=True,
            preexec_fn=_die_with_parent)
        log_file.close()
        threading.Thread(target=self._read_output, daemon=True, name="stack-output").start()
        deadline = time.monotonic() + timeout
        while len(self.values) < len(STACK_FIELDS):
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                raise ScreenshotFailed(f"The local stack did not start (see {STACK_LOG}).")
            try:
                line = self._lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            label, _, value = line.strip().partition("  ")
            if label in STACK_FIELDS and value.strip():
                self.values[STACK_FIELDS[label]] = value.strip().removeprefix("s3://")
        return self

    def _read_output(self):
        for line in self.process.stdout:
            self._lines.put(line)

    def control(self, path, body):
        request = urllib.request.Request(self.values["base_url"] + path, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read().decode() or "null")

    def environment(self):
        """The SH_*/AWS_* variables ``plugin.services.connection.resolve_connection`` reads."""
        return {
            "SH_CLIENT_ID": self.values["client_id"], "SH_CLIENT_SECRET": self.values["client_secret"],
            "SH_BASE_URL": self.values["base_url"], "SH_TOKEN_URL": self.values["token_url"],
            "AWS_ACCESS_KEY_ID": self.values["s3_access_key"], "AWS_SECRET_ACCESS_KEY": self.values["s3_secret_key"],
            "AWS_S3_ENDPOINT": self.values["s3_endpoint"], "AWS_REGION": self.values["s3_region"],
        }

    def secrets(self):
        return [self.values["client_secret"], self.values["s3_secret_key"]]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


# ----------------------------------------------------------------------------------------------- the run in QGIS


class ScreenshotRun:
    """Steps on the QGIS event loop; each wait has its own deadline, every failure ends the run with exit code 1."""

    def __init__(self, stack):
        from qgis.PyQt.QtCore import QTimer
        from qgis.utils import iface

        self.stack = stack
        self.iface = iface
        self.window = iface.mainWindow()
        self.plugin = None
        self.area_layer = None
        self.task_id = ""
        self.finished = False
        self._timer = QTimer()
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._check)
        self._waiting = None

    # -- small engine: wait for a condition, then run the next step

    def wait_for(self, what, condition, then, timeout, explain=None):
        """Run ``then`` once ``condition()`` holds; ``explain()`` says what was missing when it never does."""
        self._waiting = (what, condition, then, time.monotonic() + timeout, explain)
        self._timer.start()

    def _check(self):
        if self._waiting is None:
            return
        what, condition, then, deadline, explain = self._waiting
        try:
            if condition():
                self._waiting = None
                self._timer.stop()
                then()
            elif time.monotonic() > deadline:
                detail = f" ({explain()})" if explain is not None else ""
                raise ScreenshotFailed(f"Timed out waiting for {what}{detail}.")
        except Exception as error:
            self.fail(error)

    def step(self, function):
        """Run ``function`` on the event loop, turning any exception into a failed run."""
        from qgis.PyQt.QtCore import QTimer

        def run():
            try:
                function()
            except Exception as error:
                self.fail(error)

        QTimer.singleShot(0, run)

    # -- the steps

    def begin(self):
        from qgis.PyQt.QtCore import Qt
        from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin

        self.window.resize(*WINDOW_SIZE)
        self.window.showMaximized()
        for name in ("Browser", "Browser2", "LayerOrder", "Overview", "MessageLog", "StatisticalSummaryDockWidget"):
            dock = self.window.findChild(_dock_class(), name)
            if dock is not None:
                dock.hide()

        self.plugin = SentinelHubBatchPlugin(self.iface)
        self.plugin.initGui()
        if self.plugin.new_job_dock is None:
            raise ScreenshotFailed("The plugin did not start: " + ", ".join(self.plugin.missing))
        new_job, jobs = self.plugin.new_job_dock, self.plugin.jobs_dock
        # New job on the left, Jobs on the right, the Layers panel under the Jobs dock: the map in the middle.
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, new_job)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, jobs)
        new_job.show()
        jobs.show()
        layers = self.window.findChild(_dock_class(), "Layers")
        if layers is not None:
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, layers)
            self.window.splitDockWidget(jobs, layers, Qt.Orientation.Vertical)
            layers.show()
            self.window.resizeDocks([jobs, layers], [800, 270], Qt.Orientation.Vertical)
        self.window.resizeDocks([new_job, jobs], [560, 600], Qt.Orientation.Horizontal)
        say("Plugin loaded and its docks opened; waiting for the New job dock to settle")
        self.wait_for("the New job dock's first preview", lambda: new_job.last_preview is not None
                      and not new_job.preview.busy and not new_job.tasks.pending,
                      lambda: self.grab_after_paint(START_OUTPUT, self.fill_in, check=self.check_clean_start), 30)

    def check_clean_start(self):
        """The plugin, loaded with its docks open, has not touched the blank project."""
        from qgis.core import QgsProject
        from qgis.PyQt.QtWidgets import QWidget

        project = QgsProject.instance()
        if project.count() or project.isDirty():
            raise ScreenshotFailed(f"The blank project changed before the user did anything: {project.count()} "
                                   f"layer(s), {'modified' if project.isDirty() else 'unmodified'}.")
        welcome = [widget for widget in self.window.findChildren(QWidget)
                   if widget.metaObject().className() == "QgsWelcomePage"]
        if welcome and not welcome[0].isVisible():
            raise ScreenshotFailed("QGIS shows the map instead of its welcome page at start-up.")
        say("clean start: no layer, nothing to save" + (", the welcome page shown" if welcome else
                                                        " (this QGIS has no welcome page to check)"))

    def fill_in(self):
        from qgis.core import QgsProject, QgsVectorLayer

        new_job = self.plugin.new_job_dock
        self.area_layer = QgsVectorLayer(str(AREA_FILE), "California crop fields", "ogr")
        if not self.area_layer.isValid():
            raise ScreenshotFailed(f"{AREA_FILE} cannot be opened.")
        self.area_layer.setRenderer(_outline_renderer())
        QgsProject.instance().addMapLayer(self.area_layer)
        self.iface.setActiveLayer(self.area_layer)
        new_job.refresh_area()
        new_job.set_evalscript(EVALSCRIPT_FILE.read_text())
        new_job.grid_combo.setCurrentIndex(new_job.grid_combo.findData(GRID_ID))
        new_job.resolution_combo.setCurrentIndex(new_job.resolution_combo.findData(RESOLUTION))
        new_job.buffer_x_spin.setValue(BUFFER)
        new_job.buffer_y_spin.setValue(BUFFER)
        new_job.output_url_edit.setText(f"s3://{self.stack.values['bucket']}/{DELIVERY_FOLDER}")
        new_job.description_edit.setText(DESCRIPTION)
        say("New job filled in; waiting for the tile and cost preview")
        self.wait_for("the New job dock to allow Create (preview, area, connection)",
                      lambda: not new_job.create_reasons() and new_job.last_preview is not None
                      and new_job.last_preview.tile_count and not new_job.tile_layer.filling, self.create, 60,
                      lambda: " ".join(new_job.create_reasons()) or new_job.tiles_label.text())

    def create(self):
        new_job, jobs = self.plugin.new_job_dock, self.plugin.jobs_dock
        failing = [feature["tile"] for feature in new_job.tile_layer.layer.getFeatures()][1]
        self.stack.control("/_emulator/faults", {"failingTiles": [failing]})
        say(f"{new_job.last_preview.tile_count} tiles; the emulator will fail tile {failing}")
        new_job.create_button.click()
        self.wait_for("the batch request to be created",
                      lambda: new_job.current_task is not None and new_job.current_task.id in jobs.tasks,
                      self.start, 30)

    def start(self):
        from qgis.PyQt.QtCore import QTimer

        new_job = self.plugin.new_job_dock
        self.task_id = new_job.current_task.id
        say(f"Created {self.task_id}; clicking Start and confirming")
        confirmations = {"tries": 0}

        def confirm():
            dialog = _visible_start_dialog()
            if dialog is not None:
                say("Start dialog: " + " | ".join(label.text() for label in (
                    dialog.tiles_value, dialog.charged_value, dialog.billed_value)))
                dialog.button_box.button(dialog.button_box.StandardButton.Ok).click()
            elif confirmations["tries"] < 40:
                confirmations["tries"] += 1
                QTimer.singleShot(250, confirm)

        if not new_job.start_button.isEnabled():
            raise ScreenshotFailed(f"Start is not possible: {new_job.start_button.toolTip()}")
        QTimer.singleShot(300, confirm)
        new_job.start_button.click()  # the confirmation is modal: this returns once it was answered
        if confirmations["tries"] >= 40:
            raise ScreenshotFailed("The Start confirmation did not appear.")
        self.wait_for("the job to be PROCESSING with done, failed and waiting tiles on the map", self.job_is_mixed,
                      self.frame, 120)

    def job_is_mixed(self):
        from sentinelhub_batch.plugin.core.models import TaskStatus
        from sentinelhub_batch.plugin.core.storage import TileStatus

        jobs = self.plugin.jobs_dock
        task, view = jobs.tasks.get(self.task_id), jobs.views.get(self.task_id)
        if task is None or view is None or view.tile_layer is None or jobs.busy:
            return False
        if task.status in (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED):
            raise ScreenshotFailed(f"The job ended ({task.status.value}) before the picture could be taken.")
        counts = view.tile_layer.status_counts()
        return task.status is TaskStatus.PROCESSING and counts[TileStatus.DONE] >= 2 \
            and counts[TileStatus.FAILED] > 0 and counts[TileStatus.PENDING] > 0

    def frame(self):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        jobs = self.plugin.jobs_dock
        counts = jobs.views[self.task_id].tile_layer.status_counts()
        say("Job PROCESSING; tiles " + ", ".join(f"{n} {s.label.lower()}" for s, n in counts.items() if n))
        self.plugin.new_job_dock.show_tiles_check.setChecked(False)  # the job's own tile layer takes over
        jobs.select_task(self.task_id)
        tile_layer = jobs.views[self.task_id].tile_layer.layer
        root = QgsProject.instance().layerTreeRoot()
        node = root.findLayer(self.area_layer.id())
        if node is not None:  # the area's outline over the tile colours
            root.insertChildNode(0, node.clone())
            root.removeChildNode(node)
        self.iface.layerTreeView().expandAll()  # the status legend of the tile layer
        self.show_end_of_new_job_dock()
        canvas = self.iface.mapCanvas()
        utm = QgsCoordinateReferenceSystem("EPSG:32611")
        QgsProject.instance().setCrs(utm)
        canvas.setDestinationCrs(utm)
        extent = QgsCoordinateTransform(tile_layer.crs(), utm, QgsProject.instance()).transformBoundingBox(
            tile_layer.extent())
        extent.grow(max(extent.width(), extent.height()) * 0.05)
        canvas.setExtent(extent)
        canvas.refresh()
        self.check_processing_tiles_are_blue()
        self.wait_for("the map to be drawn", lambda: not canvas.isDrawing(), self.grab_after_paint, 30)

    def check_processing_tiles_are_blue(self):
        """The tiles still to do of the running job show in the "Processing" colour (issue 15, item 3)."""
        from sentinelhub_batch.plugin.core.storage import TileStatus
        from sentinelhub_batch.plugin.services.layers import STATUS_COLOURS

        layer = self.plugin.jobs_dock.views[self.task_id].tile_layer.layer
        pending = next(category for category in layer.renderer().categories() if category.value() == "PENDING")
        if pending.symbol().color().name() != STATUS_COLOURS[TileStatus.PROCESSING]:
            raise ScreenshotFailed(f"The waiting tiles of the running job are not blue: {pending.label()}.")
        say(f"tiles still to do of the running job shown as '{pending.label()}' (blue)")

    def show_end_of_new_job_dock(self):
        """Fold the Data and Delivery groups and scroll down, so the preview, the buttons and the job's state show."""
        from qgis.gui import QgsCollapsibleGroupBox
        from qgis.PyQt.QtWidgets import QScrollArea

        dock = self.plugin.new_job_dock
        for group in dock.findChildren(QgsCollapsibleGroupBox):
            if group.title() in ("Data", "Delivery"):
                group.setCollapsed(True)
        scroll = dock.findChild(QScrollArea)
        if scroll is not None:
            scroll.widget().adjustSize()
            scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())

    def grab_after_paint(self, target=OUTPUT, then=None, check=None):
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(1500, lambda: self.step(lambda: self.grab(target, then or self.load_results, check)))

    def grab(self, target, then, check=None):
        if not self.iface.mapCanvas().isDrawing():
            if check is not None:
                check()
            self.check_no_secrets_shown()
            picture = self.window.grab()
            partial = target.with_suffix(".partial.png")
            if picture.isNull() or not picture.save(str(partial), "PNG"):
                raise ScreenshotFailed(f"The picture could not be saved to {partial}.")
            partial.replace(target)
            say(f"saved {target} ({picture.width()}×{picture.height()})")
            then()
        else:
            self.wait_for("the map to be drawn", lambda: not self.iface.mapCanvas().isDrawing(),
                          lambda: self.grab_after_paint(target, then, check), 30)

    def load_results(self):
        """Once the job has ended, Load results in the Jobs dock, as a user would, and picture the mosaics."""
        from sentinelhub_batch.plugin.core.models import TaskStatus

        jobs = self.plugin.jobs_dock
        loaded = []
        jobs.results_loaded.connect(lambda task_id, layer_ids: loaded.extend(layer_ids))

        def ended():
            task = jobs.tasks.get(self.task_id)
            return task is not None and task.status in (TaskStatus.DONE, TaskStatus.FAILED) and not jobs.busy

        def click_load_results():
            say(f"Job {jobs.tasks[self.task_id].status.value}; clicking Load results")
            jobs.select_task(self.task_id)
            if not jobs.results_button.isEnabled():
                raise ScreenshotFailed("Load results is not possible for the finished job.")
            jobs.results_button.click()
            self.wait_for("the result layers", lambda: bool(loaded), show_results, 60)

        def show_results():
            from qgis.core import QgsProject

            layers = [QgsProject.instance().mapLayer(layer_id) for layer_id in loaded]
            if not layers or not all(layer is not None and layer.isValid() for layer in layers):
                raise ScreenshotFailed(f"Result layers missing or invalid: {loaded}")
            say(f"{len(layers)} result layer(s): " + ", ".join(layer.name() for layer in layers))
            self.check_transparent_surroundings(layers)
            self.iface.layerTreeView().expandAll()
            self.iface.mapCanvas().refreshAllLayers()
            self.wait_for("the mosaics to be drawn", lambda: not self.iface.mapCanvas().isDrawing(),
                          lambda: self.grab_after_paint(RESULTS_OUTPUT, lambda: self.end(0)), 60)

        self.wait_for("the job to end", ended, click_load_results, 120)

    def check_transparent_surroundings(self, layers):
        """Outside the area the NDVI mosaic is transparent, and the opaque mask neither covers it nor shows unasked
        (issue 15, item 4)."""
        from qgis.core import QgsProject

        root = QgsProject.instance().layerTreeRoot()
        ndvi = next(layer for layer in layers if layer.name() == "NDVI")
        if not ndvi.dataProvider().sourceHasNoDataValue(1):
            raise ScreenshotFailed("The NDVI mosaic has no nodata value: its surroundings would be painted.")
        mask = next((layer for layer in layers if "mask" in layer.name()), None)
        if mask is not None and root.findLayer(mask.id()).itemVisibilityChecked():
            raise ScreenshotFailed("The data mask is shown over the NDVI mosaic.")
        say(f"NDVI mosaic: nodata {ndvi.dataProvider().sourceNoDataValue(1):g} outside the area; mask hidden below")

    def check_no_secrets_shown(self):
        from qgis.PyQt.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTableWidget

        texts = [widget.text() for kind in (QLabel, QLineEdit, QAbstractButton) for widget in
                 self.window.findChildren(kind)]
        texts += [widget.toPlainText() for widget in self.window.findChildren(QPlainTextEdit)]
        for table in self.window.findChildren(QTableWidget):
            texts += [table.item(row, column).text() for row in range(table.rowCount())
                      for column in range(table.columnCount()) if table.item(row, column) is not None]
        for secret in self.stack.secrets():
            if any(secret in text for text in texts):
                raise ScreenshotFailed("A secret is visible in the window; no picture was saved.")

    # -- the end

    def fail(self, error):
        if not isinstance(error, ScreenshotFailed):
            traceback.print_exception(type(error), error, error.__traceback__)
        print(f"[screenshot] FAILED: {error}", file=sys.stderr, flush=True)
        self.end(1)

    def end(self, code):
        if self.finished:
            return
        self.finished = True
        self._timer.stop()
        try:
            if self.plugin is not None:
                self.plugin.unload()
        except Exception:
            traceback.print_exc()
            code = code or 1
        shutdown(self.stack, code)


def _dock_class():
    from qgis.PyQt.QtWidgets import QDockWidget

    return QDockWidget


def _visible_start_dialog():
    from qgis.PyQt.QtWidgets import QApplication
    from sentinelhub_batch.plugin.gui.start_dialog import StartDialog

    modal = QApplication.activeModalWidget()
    if isinstance(modal, StartDialog):
        return modal
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, StartDialog) and widget.isVisible():
            return widget
    return None


def _outline_renderer():
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "20,20,20,255",
                                         "outline_width": "0.6"})
    return QgsSingleSymbolRenderer(symbol)


def shutdown(stack, code):
    """Stop the stack and leave QGIS at once (a normal exit would ask whether to save the project)."""
    try:
        stack.stop()
        say("local stack stopped")
    except Exception:
        traceback.print_exc()
        code = code or 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def watchdog(stack):
    def expire():
        print(f"[screenshot] FAILED: no picture within {TIMEOUT_SECONDS:.0f} s; giving up.", file=sys.stderr,
              flush=True)
        shutdown(stack, 1)

    timer = threading.Timer(TIMEOUT_SECONDS, expire)
    timer.daemon = True
    timer.start()


def main():
    stack = StackProcess()
    watchdog(stack)
    try:
        for picture in (OUTPUT, RESULTS_OUTPUT, START_OUTPUT):
            picture.unlink(missing_ok=True)
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        say("starting the local stack")
        stack.start()
        stack.control("/_emulator/config", STACK_TIMINGS)
        os.environ.update(stack.environment())
        say(f"local stack at {stack.values['base_url']} (S3 {stack.values['s3_endpoint']})")
        run = ScreenshotRun(stack)
        sys.modules["__screenshot_run__"] = run  # keep it alive after this script returns
        run.step(run.begin)
    except Exception as error:
        if not isinstance(error, ScreenshotFailed):
            traceback.print_exc()
        print(f"[screenshot] FAILED: {error}", file=sys.stderr, flush=True)
        shutdown(stack, 1)


main()
