"""The jobs dock: every batch job of the account, its details and the actions on it, with live tiles on the map.

Network calls never run on the GUI thread: listing and actions go to a thread pool (:class:`BackgroundCalls`),
polling to the monitor worker, results to a QgsTask. This module applies what they report to widgets and layers.
"""

from __future__ import annotations

import json
import logging
import shlex
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Set

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import SentinelHubBatchError
from ..core.jobs import S3Keys, retry_tiles
from ..core.models import BatchTask, TaskStatus, redact_secrets
from ..core.storage import TileStatus, parse_s3_url
from .layers import TileStatusLayer, find_tile_layer, records_from_request, tile_layer_title
from .monitor import JobMonitor
from .project_jobs import ProjectJobs, TrackedJobRecord
from .results import (
    ResultsRequest,
    ResultsTask,
    configure_gdal_for_s3,
    repair_result_layers,
    results_folder,
    results_group_name,
)

log = logging.getLogger("sentinelhub_batch")

DOCK_OBJECT_NAME = "SentinelHubBatchJobsDock"
PAGE_SIZE = 50
WORK_TURN_SECONDS = 0.015
SORT_CHOICES = (("Newest first", "created:desc"), ("Oldest first", "created"), ("Status", "status"),
                ("Status (descending)", "status:desc"))
COLUMNS = ("Status", "Progress", "Cost (PU)", "Created", "Updated", "Description", "ID")


def tr(text: str) -> str:
    return QCoreApplication.translate("JobsDock", text)


# ----------------------------------------------------------------------------------------------- background calls


class _CallSignals(QObject):
    done = pyqtSignal(object)
    failed = pyqtSignal(object)


class _Call(QRunnable):
    def __init__(self, function: Callable[[], Any], signals: _CallSignals):
        super().__init__()
        self.function = function
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # reported as data to the GUI thread, never raised into Qt
            self.signals.failed.emit(error)
            return
        self.signals.done.emit(result)


class BackgroundCalls(QObject):
    """Runs functions on a thread pool and hands results or errors to callbacks on the GUI thread."""

    idle = pyqtSignal()

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._pending: Set[_CallSignals] = set()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(self, function: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        signals = _CallSignals()
        self._pending.add(signals)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._pending.discard(signals)
            try:
                callback(value)
            finally:
                if not self._pending:
                    self.idle.emit()

        signals.done.connect(lambda value: finish(on_done, value))
        signals.failed.connect(lambda error: finish(on_error, error))
        self.pool.start(_Call(function, signals))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


# ----------------------------------------------------------------------------------------------- helpers


def _format_time(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _status_text(task: BatchTask) -> str:
    return task.status.value if task.status is not TaskStatus.UNKNOWN else task.status_text


def api_call_text(task: BatchTask, deployment: Any, client_id: str = "<CLIENT_ID>") -> str:
    """The curl commands that create and start this job (secrets masked), for scripts and support tickets."""
    body = json.dumps(redact_secrets(task.request), indent=2, ensure_ascii=False)
    batch_url = deployment.batch_url("/process") if deployment is not None else "<BASE_URL>/api/v2/batch/process"
    token_url = deployment.token_url if deployment is not None else "<TOKEN_URL>"
    lines = [
        "# 1. Get an access token (put your client secret in place of <CLIENT_SECRET>)",
        f"TOKEN=$(curl -s -X POST {shlex.quote(token_url)} -d grant_type=client_credentials "
        f"-d client_id={shlex.quote(client_id)} -d client_secret='<CLIENT_SECRET>' | "
        "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')",
        "# 2. Create the batch request (S3 secrets were masked: put yours back)",
        f"curl -X POST {shlex.quote(batch_url)} -H \"Authorization: Bearer $TOKEN\" "
        "-H 'Content-Type: application/json' --data-binary @- <<'JSON'",
        body,
        "JSON",
        "# 3. Start it (use the id the service returned)",
        f"curl -X POST {shlex.quote(batch_url + '/' + (task.id or '<REQUEST_ID>') + '/start')} "
        "-H \"Authorization: Bearer $TOKEN\"",
    ]
    return "\n".join(lines)


@dataclass
class TrackedJobView:
    """What the dock knows about a tracked job (the monitor does the polling)."""

    task_id: str
    connection_key: str = ""
    tile_layer: Optional[TileStatusLayer] = None
    result_group: str = ""
    parent_task_id: str = ""
    last_status: Optional[TaskStatus] = None
    repair_results: bool = False

    def record(self) -> TrackedJobRecord:
        return TrackedJobRecord(self.task_id, self.connection_key,
                                self.tile_layer.layer.id() if self.tile_layer is not None else "",
                                self.result_group, self.parent_task_id)


# ----------------------------------------------------------------------------------------------- the dock


class JobsDock(QgsDockWidget):
    """Jobs of the account, one job's details and actions; live tile layers through the monitor."""

    task_selected = pyqtSignal(str)
    job_tracked = pyqtSignal(str)
    notification = pyqtSignal(str, int)
    """text, Qgis.MessageLevel value: what was shown in the message bar."""
    results_loaded = pyqtSignal(str, list)
    """task id, layer ids."""

    def __init__(
        self,
        iface: Any = None,
        monitor: Optional[JobMonitor] = None,
        project: Optional[QgsProject] = None,
        connection_factory: Optional[Callable[[str], Any]] = None,
        parent: Optional[QWidget] = None,
    ):
        super().__init__(parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.setWindowTitle(tr("Sentinel Hub Batch jobs"))
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.monitor = monitor
        if connection_factory is None:
            from .connection import resolve_connection

            connection_factory = resolve_connection
        self.connection_factory = connection_factory
        self.connection_key = ""
        self._connections: Dict[str, Any] = {}
        self.calls = BackgroundCalls(self)
        self.tasks: Dict[str, BatchTask] = {}
        self.views: Dict[str, TrackedJobView] = {}
        self.current_id = ""
        self._next_token: Optional[str] = None
        self._results_tasks: List[ResultsTask] = []
        self._work: Deque[Iterator[Any]] = deque()
        self._work_timer = QTimer(self)
        self._work_timer.setInterval(0)
        self._work_timer.timeout.connect(self._do_work)
        self.confirm: Callable[[str, str], bool] = self._ask
        self.choose_folder: Callable[[str], str] = self._choose_folder
        self.project_jobs = ProjectJobs(self.project, self)
        self.project_jobs.restored.connect(self.restore_jobs)
        self.project_jobs.cleared.connect(self._project_cleared)
        self._build_ui()
        if monitor is not None:
            self._connect_monitor(monitor)
        self._update_actions()

    # -- user interface

    def _build_ui(self) -> None:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)

        find_row = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(tr("Search jobs (id, description)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.refresh)
        self.sort_combo = QComboBox()
        for label, value in SORT_CHOICES:
            self.sort_combo.addItem(tr(label), value)
        self.sort_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        find_row.addWidget(self.search_edit, 1)
        find_row.addWidget(self.sort_combo)
        find_row.addWidget(self.refresh_button)
        layout.addLayout(find_row)

        open_row = QHBoxLayout()
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(tr("Job id"))
        self.id_edit.returnPressed.connect(self._open_typed_id)
        self.open_button = QPushButton(tr("Open"))
        self.open_button.clicked.connect(self._open_typed_id)
        self.latest_button = QPushButton(tr("Latest job"))
        self.latest_button.clicked.connect(self.open_latest)
        self.more_button = QPushButton(tr("More…"))
        self.more_button.setToolTip(tr("Load the next page of jobs"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.setEnabled(False)
        open_row.addWidget(self.id_edit, 1)
        open_row.addWidget(self.open_button)
        open_row.addWidget(self.latest_button)
        open_row.addWidget(self.more_button)
        layout.addLayout(open_row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(name) for name in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        splitter.addWidget(self.table)

        details = QGroupBox(tr("Job"))
        form = QFormLayout(details)
        self.id_label = QLabel()
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.cost_label = QLabel()
        self.times_label = QLabel()
        self.tiles_label = QLabel()
        self.tiles_label.setWordWrap(True)
        description_row = QHBoxLayout()
        self.description_edit = QLineEdit()
        self.save_description_button = QPushButton(tr("Save"))
        self.save_description_button.clicked.connect(self.save_description)
        description_row.addWidget(self.description_edit, 1)
        description_row.addWidget(self.save_description_button)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b2182b;")
        self.request_view = QPlainTextEdit()
        self.request_view.setReadOnly(True)
        self.request_view.setPlaceholderText(tr("The request of the job, secrets masked"))
        self.request_view.setMaximumHeight(160)
        form.addRow(tr("Id"), self.id_label)
        form.addRow(tr("Status"), self.status_label)
        form.addRow(tr("Progress"), self.progress_bar)
        form.addRow(tr("Cost"), self.cost_label)
        form.addRow(tr("Times"), self.times_label)
        form.addRow(tr("Tiles"), self.tiles_label)
        form.addRow(tr("Description"), description_row)
        form.addRow(tr("Error"), self.error_label)
        form.addRow(tr("Request"), self.request_view)
        splitter.addWidget(details)
        layout.addWidget(splitter, 1)

        actions = QGridLayout()
        self.analyse_button = QPushButton(tr("Analyse"))
        self.start_button = QPushButton(tr("Start…"))
        self.stop_button = QPushButton(tr("Stop"))
        self.retry_button = QPushButton(tr("Retry failed tiles…"))
        self.reprocess_button = QPushButton(tr("Reprocess selected tiles…"))
        self.tiles_button = QPushButton(tr("Show tiles"))
        self.results_button = QPushButton(tr("Load results"))
        self.download_button = QPushButton(tr("Download results…"))
        self.copy_button = QPushButton(tr("Copy API call"))
        self.analyse_button.clicked.connect(lambda: self.analyse())
        self.start_button.clicked.connect(lambda: self.start())
        self.stop_button.clicked.connect(lambda: self.stop())
        self.retry_button.clicked.connect(lambda: self.retry_failed_tiles())
        self.reprocess_button.clicked.connect(lambda: self.reprocess_selected_tiles())
        self.tiles_button.clicked.connect(lambda: self.show_tiles())
        self.results_button.clicked.connect(lambda: self.load_results())
        self.download_button.clicked.connect(lambda: self.download_results())
        self.copy_button.clicked.connect(lambda: self.copy_api_call())
        buttons = (self.analyse_button, self.start_button, self.stop_button, self.retry_button,
                   self.reprocess_button, self.tiles_button, self.results_button, self.download_button,
                   self.copy_button)
        for index, button in enumerate(buttons):
            actions.addWidget(button, index // 3, index % 3)
        layout.addLayout(actions)

        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)
        self.setWidget(content)

    # -- connection

    def connection(self) -> Any:
        """The connection for the dock's jobs (read on the GUI thread: it may ask for the master password)."""
        connection = self._connections.get(self.connection_key)
        if connection is None:
            connection = self.connection_factory(self.connection_key)
            self._connections[self.connection_key] = connection
            if self.monitor is not None:
                self.monitor.register_connection(self.connection_key, connection)
        return connection

    def reset_connection(self) -> None:
        """Forget the cached connection (after the settings changed); the next action reads it again."""
        self._connections.clear()

    def _client_call(self, function: Callable[[Any], Any], on_done: Callable[[Any], None], what: str) -> bool:
        """Run ``function(batch_client)`` in the background; errors go to the message bar. False if no connection."""
        try:
            connection = self.connection()
        except SentinelHubBatchError as error:
            self.notify(str(error), Qgis.MessageLevel.Warning)
            return False
        self.status_line.setText(tr("{what}…").format(what=what))

        def call() -> Any:
            client = connection.batch_client()
            try:
                return function(client)
            finally:
                client.close()

        def failed(error: Exception) -> None:
            self.status_line.setText("")
            self.notify(tr("{what} failed: {error}").format(what=what, error=error), Qgis.MessageLevel.Critical)

        def done(value: Any) -> None:
            self.status_line.setText("")
            on_done(value)

        self.calls.run(call, done, failed)
        return True

    # -- listing

    def refresh(self) -> None:
        search = self.search_edit.text().strip() or None
        sort = self.sort_combo.currentData()
        self._client_call(lambda client: client.list_page(search=search, sort=sort, count=PAGE_SIZE),
                          lambda page: self._show_page(page, replace=True), tr("Listing jobs"))

    def load_more(self) -> None:
        if not self._next_token:
            return
        search = self.search_edit.text().strip() or None
        sort = self.sort_combo.currentData()
        token = self._next_token
        self._client_call(lambda client: client.list_page(search=search, sort=sort, count=PAGE_SIZE,
                                                          viewtoken=token),
                          lambda page: self._show_page(page, replace=False), tr("Listing more jobs"))

    def _show_page(self, page: Any, replace: bool) -> None:
        tasks, self._next_token = page
        if replace:
            self.tasks = {task_id: task for task_id, task in self.tasks.items() if task_id in self.views}
            self.table.setRowCount(0)
        for task in tasks:
            self._put_task(task)
        self.more_button.setEnabled(bool(self._next_token))

    def open_latest(self) -> None:
        def shown(task: Optional[BatchTask]) -> None:
            if task is None:
                self.notify(tr("This account has no batch jobs yet."), Qgis.MessageLevel.Info)
                return
            self._put_task(task)
            self.select_task(task.id)

        self._client_call(lambda client: client.latest(), shown, tr("Finding the latest job"))

    def _open_typed_id(self) -> None:
        task_id = self.id_edit.text().strip()
        if task_id:
            self.open_task(task_id)

    def open_task(self, task_id: str, track: bool = False) -> None:
        """Fetch a job by id and show it; with ``track`` also follow it (e.g. a job just started elsewhere)."""
        def shown(task: BatchTask) -> None:
            self._put_task(task)
            self.select_task(task.id)
            if track:
                self.track(task.id)

        self._client_call(lambda client: client.get(task_id), shown, tr("Opening job {id}").format(id=task_id))

    def follow_task(self, task_id: str) -> None:
        self.open_task(task_id, track=True)

    def add_task(self, task: BatchTask, track: bool = True) -> None:
        """Show a job the plugin just created (e.g. from the New job dock) and follow it."""
        self._put_task(task)
        self.select_task(task.id)
        if track:
            self.track(task.id)

    # -- table

    def _row_of(self, task_id: str) -> int:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COLUMNS.index("ID"))
            if item is not None and item.text() == task_id:
                return row
        return -1

    def _put_task(self, task: BatchTask) -> None:
        self.tasks[task.id] = task
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)
        row = self._row_of(task.id)
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
        values = (_status_text(task), f"{task.completion_percentage:.0f}%", f"{task.cost_pu:.1f}",
                  _format_time(task.created), _format_time(task.last_updated), task.description, task.id)
        for column, value in enumerate(values):
            item = self.table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, column, item)
            item.setText(value)
            if column == 0:
                item.setToolTip(task.status_summary())
        self.table.setSortingEnabled(sorting)
        if task.id == self.current_id:
            self._show_details(task)

    def select_task(self, task_id: str) -> None:
        row = self._row_of(task_id)
        if row >= 0:
            self.table.selectRow(row)
        self.current_id = task_id
        task = self.tasks.get(task_id)
        if task is not None:
            self._show_details(task)
        self._update_actions()
        self.task_selected.emit(task_id)

    def _selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        item = self.table.item(rows.pop(), COLUMNS.index("ID"))
        if item is not None and item.text() != self.current_id:
            self.select_task(item.text())

    def current_task(self) -> Optional[BatchTask]:
        return self.tasks.get(self.current_id)

    def _show_details(self, task: BatchTask) -> None:
        self.id_label.setText(task.id)
        self.status_label.setText(task.status_summary())
        self.progress_bar.setValue(round(task.completion_percentage))
        self.cost_label.setText(tr("{pu:.1f} PU spent").format(pu=task.cost_pu))
        self.times_label.setText(tr("created {created}, updated {updated}").format(
            created=_format_time(task.created) or "?", updated=_format_time(task.last_updated) or "?"))
        if not self.description_edit.hasFocus():
            self.description_edit.setText(task.description)
        self.error_label.setText(task.error)
        self.request_view.setPlainText(json.dumps(redact_secrets(task.request), indent=2, ensure_ascii=False))
        self._show_tile_counts()
        self._update_actions()

    def _show_tile_counts(self) -> None:
        view = self.views.get(self.current_id)
        if view is None or view.tile_layer is None:
            self.tiles_label.setText(tr("not shown") if view is None else tr("waiting for the tiles"))
            return
        counts = view.tile_layer.status_counts()
        parts = [f"{count} {tr(status.label).lower()}" for status, count in counts.items() if count]
        self.tiles_label.setText(tr("{total} tiles: {parts}").format(total=len(view.tile_layer),
                                                                     parts=", ".join(parts)))

    def _update_actions(self) -> None:
        task = self.current_task()
        status = task.status if task is not None else None
        has_task = task is not None
        self.analyse_button.setEnabled(status is TaskStatus.CREATED)
        self.start_button.setEnabled(status in (TaskStatus.CREATED, TaskStatus.ANALYSIS_DONE, TaskStatus.STOPPED))
        self.stop_button.setEnabled(status in (TaskStatus.ANALYSING, TaskStatus.ANALYSIS_DONE, TaskStatus.PROCESSING))
        view = self.views.get(self.current_id)
        has_failed = bool(view and view.tile_layer and view.tile_layer.status_counts()[TileStatus.FAILED])
        finished = status in (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED)
        self.retry_button.setEnabled(finished and has_failed)
        self.reprocess_button.setEnabled(status in (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED,
                                                    TaskStatus.PROCESSING) and view is not None)
        self.tiles_button.setEnabled(has_task)
        has_outputs = status in (TaskStatus.PROCESSING, TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED)
        self.results_button.setEnabled(has_outputs)
        self.download_button.setEnabled(has_outputs)
        self.copy_button.setEnabled(has_task)
        self.save_description_button.setEnabled(has_task)

    # -- actions on the current job

    def _target(self, task_id: Optional[str]) -> Optional[BatchTask]:
        task = self.tasks.get(task_id or self.current_id)
        if task is None:
            self.notify(tr("Choose a job first."), Qgis.MessageLevel.Info)
        return task

    def save_description(self) -> None:
        task = self._target(None)
        if task is None:
            return
        text = self.description_edit.text()

        def save(client: Any) -> BatchTask:
            client.update_description(task.id, text)
            return client.get(task.id)

        self._client_call(save, self._put_task, tr("Saving the description"))

    def analyse(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is not None:
            self._act(task, "analyse", tr("Asking the service to analyse the job"))

    def start(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is None:
            return
        question = tr("Start job {id}? Processing is charged to your account in processing units (at least 100 "
                      "PU per request).").format(id=task.id)
        if self.confirm(tr("Start batch job"), question):
            self._act(task, "start", tr("Starting the job"))

    def stop(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is not None:
            self._act(task, "stop", tr("Stopping the job"))

    def _act(self, task: BatchTask, action: str, what: str) -> None:
        def call(client: Any) -> BatchTask:
            getattr(client, action)(task.id)
            return client.get(task.id)

        def done(updated: BatchTask) -> None:
            self._put_task(updated)
            self.track(updated.id)

        self._client_call(call, done, what)

    def retry_failed_tiles(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is None:
            return
        view = self.views.get(task.id)
        count = view.tile_layer.status_counts()[TileStatus.FAILED] if view and view.tile_layer else 0
        question = tr("Re-run the {count} failed tile(s) of job {id}? A new request over just those tiles is "
                      "created and started; it overwrites their outputs and is charged.").format(count=count,
                                                                                                id=task.id)
        if self.confirm(tr("Retry failed tiles"), question):
            self._rerun(task, None)

    def reprocess_selected_tiles(self, task_id: Optional[str] = None, tile_names: Optional[List[str]] = None) -> None:
        task = self._target(task_id)
        if task is None:
            return
        view = self.views.get(task.id)
        if tile_names is None:
            tile_names = view.tile_layer.selected_tile_names() if view and view.tile_layer else []
        if not tile_names:
            self.notify(tr("Select the tiles to reprocess on the map (in the job's tile layer) first."),
                        Qgis.MessageLevel.Info)
            return
        question = tr("Reprocess {count} selected tile(s) of job {id}? A new request over just those tiles is "
                      "created and started; it overwrites their outputs and is charged.").format(
            count=len(tile_names), id=task.id)
        if self.confirm(tr("Reprocess tiles"), question):
            self._rerun(task, list(tile_names))

    def _rerun(self, task: BatchTask, tile_names: Optional[List[str]]) -> None:
        try:
            connection = self.connection()
            s3 = connection.s3_client()
        except SentinelHubBatchError as error:
            self.notify(str(error), Qgis.MessageLevel.Warning)
            return
        keys = S3Keys(connection.s3.access_key, connection.s3.secret_key)

        def call(client: Any) -> BatchTask:
            new_task = retry_tiles(client, s3, task, tile_names, keys=keys)
            client.start(new_task.id)
            return client.get(new_task.id)

        def done(new_task: BatchTask) -> None:
            self._put_task(new_task)
            view = self.views.get(task.id)
            if view is not None and view.tile_layer is not None:
                names = tile_names
                if names is None:
                    names = [name for name, status in view.tile_layer.statuses().items()
                             if status == TileStatus.FAILED.value]
                view.tile_layer.apply_statuses(dict.fromkeys(names, TileStatus.PENDING))
            self.track(new_task.id, parent_task_id=task.id)
            self.notify(tr("Job {new} re-runs tiles of {old}; their colours follow it on the map.").format(
                new=new_task.id, old=task.id), Qgis.MessageLevel.Info)

        self._client_call(call, done, tr("Creating the re-run request"))

    def copy_api_call(self, task_id: Optional[str] = None) -> str:
        task = self._target(task_id)
        if task is None:
            return ""
        deployment, client_id = None, "<CLIENT_ID>"
        try:
            connection = self.connection()
            deployment, client_id = connection.deployment, connection.client_id
        except SentinelHubBatchError:
            pass
        text = api_call_text(task, deployment, client_id)
        QApplication.clipboard().setText(text)
        self.notify(tr("The API calls of job {id} were copied (secrets masked).").format(id=task.id),
                    Qgis.MessageLevel.Info)
        return text

    # -- tracking and tiles

    def track(self, task_id: str, parent_task_id: str = "") -> TrackedJobView:
        """Follow a job: the monitor polls it and its tiles are drawn on the map."""
        view = self.views.get(task_id)
        if view is None:
            known = self.tasks.get(task_id)
            view = TrackedJobView(task_id, self.connection_key, parent_task_id=parent_task_id,
                                  last_status=known.status if known is not None else None)
            self.views[task_id] = view
            self._save_view(view)
        if self.monitor is not None:
            try:
                self.connection()
            except SentinelHubBatchError as error:
                self.notify(str(error), Qgis.MessageLevel.Warning)
                return view
            if (task_id, view.connection_key) in self.monitor.tracked():
                self.monitor.poll_now(task_id)
            else:
                self.monitor.track(task_id, view.connection_key)
        self.job_tracked.emit(task_id)
        self._update_actions()
        return view

    def show_tiles(self, task_id: Optional[str] = None) -> None:
        """Draw the job's tiles: from its manifest once analysed, from the local grid before that."""
        task = self._target(task_id)
        if task is None:
            return
        view = self.track(task.id)
        if view.tile_layer is not None:
            self._add_layer_to_project(view)
            return
        if task.status in (TaskStatus.CREATED, TaskStatus.ANALYSING):
            self.calls.run(lambda: records_from_request(task.request),
                           lambda records: self._tiles_loaded(task.id, records),
                           lambda error: self.notify(tr("The tiles of job {id} cannot be drawn yet: {error}").format(
                               id=task.id, error=error), Qgis.MessageLevel.Warning))

    def _layer_view(self, task_id: str) -> Optional[TrackedJobView]:
        """The view whose tile layer shows this job's tiles (a re-run shows on its parent's layer)."""
        view = self.views.get(task_id)
        if view is not None and view.parent_task_id:
            return self.views.get(view.parent_task_id)
        return view

    def _ensure_tile_layer(self, view: TrackedJobView) -> TileStatusLayer:
        if view.tile_layer is None:
            task = self.tasks.get(view.task_id)
            description = task.description if task is not None else ""
            view.tile_layer = TileStatusLayer.create(tile_layer_title(view.task_id, description),
                                                     task_id=view.task_id)
            self._add_layer_to_project(view)
        return view.tile_layer

    def _add_layer_to_project(self, view: TrackedJobView) -> None:
        if view.tile_layer is None:
            return
        layer = view.tile_layer.layer
        if self.project.mapLayer(layer.id()) is None:
            self.project.addMapLayer(layer)
            layer.willBeDeleted.connect(lambda task_id=view.task_id: self._tile_layer_deleted(task_id))
            self._save_view(view)

    def _tile_layer_deleted(self, task_id: str) -> None:
        view = self.views.get(task_id)
        if view is not None:
            view.tile_layer = None
            self._save_view(view)

    # -- applying reports in small steps (a 10 000-tile job must not freeze the GUI)

    def _queue(self, steps: Iterator[Any]) -> None:
        """Run a generator's steps on the GUI thread in turns of about 15 ms, in arrival order."""
        self._work.append(steps)
        if not self._work_timer.isActive():
            self._work_timer.start()

    def _do_work(self) -> None:
        deadline = time.perf_counter() + WORK_TURN_SECONDS
        while self._work and time.perf_counter() < deadline:
            try:
                next(self._work[0])
            except StopIteration:
                self._work.popleft()
            except Exception:  # one bad report must not block the ones after it
                log.exception("Applying a job update to the map failed")
                self._work.popleft()
        if not self._work:
            self._work_timer.stop()

    @property
    def busy(self) -> bool:
        """True while reports of the monitor are still being applied."""
        return bool(self._work)

    @staticmethod
    def _single_step(function: Callable[..., Any], *args: Any) -> Iterator[None]:
        function(*args)
        yield

    def _tiles_loaded(self, task_id: str, records: list) -> None:
        self._queue(self._tiles_loaded_steps(task_id, records))

    def _tiles_updated(self, task_id: str, statuses: Dict[str, TileStatus]) -> None:
        self._queue(self._tiles_updated_steps(task_id, statuses))

    def _task_updated(self, task_id: str, task: BatchTask) -> None:
        self._queue(self._single_step(self._apply_task_update, task_id, task))

    def _tiles_loaded_steps(self, task_id: str, records: list) -> Iterator[Any]:
        view = self.views.get(task_id)
        if view is None or view.parent_task_id:
            return  # a re-run's manifest holds only its tiles: the parent's layer keeps all of them
        tile_layer = self._ensure_tile_layer(view)
        if len(tile_layer) != len(records) or set(tile_layer.tile_names) != {record.name for record in records}:
            yield from tile_layer.replace_tiles_in_steps(records)
        if task_id == self.current_id:
            self._show_tile_counts()

    def _tiles_updated_steps(self, task_id: str, statuses: Dict[str, TileStatus]) -> Iterator[Any]:
        view = self._layer_view(task_id)
        if view is None or view.tile_layer is None or statuses is None:
            return
        yield from view.tile_layer.apply_statuses_in_steps(statuses)
        if view.task_id == self.current_id:
            self._show_tile_counts()
            self._update_actions()

    # -- monitor reports

    def _connect_monitor(self, monitor: JobMonitor) -> None:
        worker = monitor.worker
        worker.task_updated.connect(self._task_updated)
        worker.tiles_loaded.connect(self._tiles_loaded)
        worker.tiles_updated.connect(self._tiles_updated)
        worker.reconnecting.connect(self._reconnecting)
        worker.reconnected.connect(lambda task_id: self.status_line.setText(
            tr("Job {id}: connected again.").format(id=task_id[:8])))
        worker.storage_problem.connect(lambda task_id, message: self.notify(
            tr("The files of job {id} cannot be read from the bucket: {message}").format(id=task_id[:8],
                                                                                      message=message),
            Qgis.MessageLevel.Warning))
        worker.job_error.connect(lambda task_id, message: self.notify(
            tr("Job {id}: {message}").format(id=task_id[:8], message=message), Qgis.MessageLevel.Warning))

    def _reconnecting(self, task_id: str, message: str) -> None:
        self.status_line.setText(tr("Job {id}: {message}").format(id=task_id[:8], message=message))

    def _apply_task_update(self, task_id: str, task: BatchTask) -> None:
        self._put_task(task)
        view = self.views.get(task_id)
        if view is None:
            return
        if view.repair_results and task.delivery_url:
            view.repair_results = False
            self._repair_results(task)
        previous, view.last_status = view.last_status, task.status
        if previous is None or previous is task.status:
            return
        name = tr("Re-run {id}").format(id=task.id[:8]) if view.parent_task_id else tr("Job {id}").format(
            id=task.id[:8])
        if task.status is TaskStatus.DONE:
            self.notify(tr("{name} finished. Load its results from the jobs panel.").format(name=name),
                        Qgis.MessageLevel.Success)
        elif task.status is TaskStatus.FAILED:
            self.notify(tr("{name} failed: {error}").format(name=name, error=task.error or tr("no reason given")),
                        Qgis.MessageLevel.Critical)
        elif task.status is TaskStatus.STOPPED:
            reason = task.stopped_status_reason
            self.notify(tr("{name} stopped: {reason}.").format(
                name=name, reason=reason.explanation if reason else tr("no reason given")), Qgis.MessageLevel.Warning)
        elif task.status is TaskStatus.ANALYSIS_DONE and previous is TaskStatus.ANALYSING:
            self.notify(tr("{name} is analysed and waits to be started.").format(name=name), Qgis.MessageLevel.Info)

    def notify(self, text: str, level: Any = Qgis.MessageLevel.Info) -> None:
        """Tell the user in the message bar (and the log); also emitted as ``notification`` for tests."""
        log.log(logging.WARNING if level in (Qgis.MessageLevel.Warning, Qgis.MessageLevel.Critical) else logging.INFO,
                "%s", text)
        if self.iface is not None:
            try:
                self.iface.messageBar().pushMessage(tr("Sentinel Hub Batch"), text, level, 8)
            except Exception:  # a stub iface without a message bar
                log.debug("No message bar to show: %s", text)
        self.notification.emit(text, int(level))

    # -- results

    def _results_request(self, task: BatchTask, download_folder: str = "") -> Optional[ResultsRequest]:
        if not task.delivery_url:
            self.notify(tr("Job {id} has no S3 delivery, so there are no results to load.").format(id=task.id),
                        Qgis.MessageLevel.Warning)
            return None
        view = self._layer_view(task.id)
        tile_names = None
        if view is not None and view.tile_layer is not None and len(view.tile_layer):
            tile_names = [name for name, status in view.tile_layer.statuses().items()
                          if status == TileStatus.DONE.value]
        from pathlib import Path

        folder = Path(download_folder) if download_folder else results_folder(self.project, task.id)
        return ResultsRequest(task.id, task.delivery_url, folder, results_group_name(task.id, task.description),
                              tile_names=tile_names, download=bool(download_folder))

    def load_results(self, task_id: Optional[str] = None, download_folder: str = "") -> Optional[ResultsTask]:
        """Load the finished outputs as mosaics (from S3, or downloaded to ``download_folder`` first)."""
        task = self._target(task_id)
        if task is None:
            return None
        try:
            s3 = self.connection().s3_client()
        except SentinelHubBatchError as error:
            self.notify(str(error), Qgis.MessageLevel.Warning)
            return None
        request = self._results_request(task, download_folder)
        if request is None:
            return None
        results_task = ResultsTask(request, s3, self.project)
        results_task.loaded.connect(lambda layer_ids: self._results_loaded(task.id, request.group_name, layer_ids))
        results_task.failed.connect(lambda message: self.notify(
            tr("The results of job {id} could not be loaded: {message}").format(id=task.id[:8], message=message),
            Qgis.MessageLevel.Warning))
        self._results_tasks.append(results_task)
        results_task.taskCompleted.connect(lambda: self._forget_results_task(results_task))
        results_task.taskTerminated.connect(lambda: self._forget_results_task(results_task))
        QgsApplication.taskManager().addTask(results_task)
        return results_task

    def download_results(self, task_id: Optional[str] = None) -> Optional[ResultsTask]:
        folder = self.choose_folder(tr("Download the results to"))
        if not folder:
            return None
        return self.load_results(task_id, download_folder=folder)

    def _forget_results_task(self, results_task: ResultsTask) -> None:
        if results_task in self._results_tasks:
            self._results_tasks.remove(results_task)

    def _results_loaded(self, task_id: str, group_name: str, layer_ids: list) -> None:
        view = self._layer_view(task_id) or self.views.get(task_id)
        if view is None:
            view = self.track(task_id)
        view.result_group = group_name
        self._save_view(view)
        self.notify(tr("{count} result layer(s) of job {id} loaded in group '{group}'.").format(
            count=len(layer_ids), id=task_id[:8], group=group_name), Qgis.MessageLevel.Success)
        self.results_loaded.emit(task_id, layer_ids)

    def _repair_results(self, task: BatchTask) -> None:
        try:
            configure_gdal_for_s3(self.connection().s3_client(), parse_s3_url(task.delivery_url).bucket)
        except SentinelHubBatchError as error:
            self.notify(tr("The result layers of job {id} need the S3 keys: {error}").format(id=task.id[:8],
                                                                                            error=error),
                        Qgis.MessageLevel.Warning)
            return
        repair_result_layers(self.project)

    # -- persistence

    def _save_view(self, view: TrackedJobView) -> None:
        self.project_jobs.upsert(view.record())

    def restore_jobs(self, records: List[TrackedJobRecord]) -> None:
        """Re-attach the jobs a project was saved with: their tile layers, results and polling."""
        for record in records:
            view = TrackedJobView(record.task_id, record.connection_key, result_group=record.result_group,
                                  parent_task_id=record.parent_task_id, repair_results=bool(record.result_group))
            layer = find_tile_layer(self.project, record.task_id, record.tile_layer_id)
            if layer is not None:
                try:
                    view.tile_layer = TileStatusLayer.attach(layer)
                    layer.willBeDeleted.connect(lambda task_id=record.task_id: self._tile_layer_deleted(task_id))
                except ValueError:
                    view.tile_layer = None
            self.views[record.task_id] = view
            self.connection_key = record.connection_key or self.connection_key
            if self.monitor is not None:
                try:
                    self.connection()
                except SentinelHubBatchError as error:
                    self.notify(tr("Job {id} of this project cannot be followed: {error}").format(
                        id=record.task_id[:8], error=error), Qgis.MessageLevel.Warning)
                    continue
                self.monitor.track(record.task_id, view.connection_key)

    def _project_cleared(self) -> None:
        for task_id in list(self.views):
            if self.monitor is not None:
                self.monitor.untrack(task_id)
        self.views.clear()
        self.tasks.clear()
        self.current_id = ""
        self.table.setRowCount(0)
        self._update_actions()

    # -- dialogs (replaced in tests)

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _choose_folder(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(self, title)

    def shutdown(self) -> None:
        """Disconnect from the project and wait for background calls (the plugin's unload calls this)."""
        self.project_jobs.disconnect_project()
        for results_task in list(self._results_tasks):
            results_task.cancel()
        self.calls.wait(10000)
