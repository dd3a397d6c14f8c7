"""The jobs dock (``ui/jobs_dock.ui``): every batch job of the account, its details and the actions on it, with
live tiles on the map.

A thin controller: network calls never run on the GUI thread — listing and actions are one call each into the
service layer (``services.jobs``, ``services.results``) run as background tasks, polling is the monitor worker's.
This module applies what they report to widgets and layers.
"""

from __future__ import annotations

import json
import logging
import shlex
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Tuple

from qgis.core import Qgis, QgsProject, QgsSettings
from qgis.gui import QgsDockWidget, QgsFileWidget
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QFileDialog, QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from ..core.errors import SentinelHubBatchError
from ..core.jobs import status_only_reason
from ..core.models import BatchTask, TaskStatus, redact_secrets
from ..core.spending import SpendingEstimate
from ..core.storage import OUTPUT_TYPE_ZARR, TileStatus, parse_s3_url, request_output_type
from ..services import jobs
from ..services.i18n import tr
from ..services.layers import (
    TileOutlines,
    TileStatusLayer,
    find_tile_layer,
    prepare_tile_layers,
    records_from_request,
    status_counts_text,
    tile_layer_title,
)
from ..services.messages import describe_failure
from ..services.project_jobs import ProjectJobs, TrackedJobRecord
from ..services.results import (
    OVERVIEW_MIN_TILES,
    OutputMosaic,
    ResultsRequest,
    add_results_to_project,
    build_overviews,
    configure_gdal_for_s3,
    prepare_job_results,
    reload_result_layers,
    repair_result_layers,
    results_folder,
    results_group_name,
)
from ..services.tasks import Activity, BackgroundTask, BackgroundTasks, TaskCancelledError
from .forms import ERROR_STYLE, load_form
from .message_bar import DockMessages
from .monitor import JobMonitor
from .start_dialog import StartSummary, confirm_start

log = logging.getLogger("sentinelhub_batch")

FORM_CLASS, _ = load_form("jobs_dock.ui")

DOCK_OBJECT_NAME = "SentinelHubBatchJobsDock"
"""The object name ui/jobs_dock.ui gives the dock (QGIS keeps dock positions under it)."""
SETTINGS_PREFIX = "sentinelhub_batch/jobs"
PAGE_SIZE = 50
WORK_TURN_SECONDS = 0.010
"""How long the dock applies monitor reports before it lets the GUI thread do something else (the step under way
ends first: 18 ms at most in the US monitor benchmark)."""
COLUMNS = ("Status", "Progress", "Cost (PU)", "Created", "Updated", "Description", "ID")
"""The table's columns, as the .ui file orders them."""
ID_COLUMN = COLUMNS.index("ID")
SORT_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
TABLE_ORDERS = {
    "created:desc": (COLUMNS.index("Created"), Qt.SortOrder.DescendingOrder),
    "created": (COLUMNS.index("Created"), Qt.SortOrder.AscendingOrder),
    "status": (COLUMNS.index("Status"), Qt.SortOrder.AscendingOrder),
    "status:desc": (COLUMNS.index("Status"), Qt.SortOrder.DescendingOrder),
}
"""How the table orders its rows for each of ``jobs.JOB_SORT_ORDERS``: the same order as the service's listing, so
jobs added or changed later take their place in it."""
FINISHED_STATUSES = (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED)


# ----------------------------------------------------------------------------------------------- helpers


def _format_time(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _status_text(task: BatchTask) -> str:
    return task.status.value if task.status is not TaskStatus.UNKNOWN else task.status_text


class SortableItem(QTableWidgetItem):
    """A table cell that sorts by its sort key (a time, a number) when it has one, else by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_KEY_ROLE), other.data(SORT_KEY_ROLE)
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return super().__lt__(other)


def _time_key(moment: Any) -> float:
    return moment.timestamp() if moment is not None else 0.0


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


SHOWN_POSITIONS = 500
"""Coordinates of an area with more positions are summarised in the request view."""


def request_for_display(request: Dict[str, Any]) -> Any:
    """The request as the details show it: secrets masked, and the coordinates of an area of more than
    :data:`SHOWN_POSITIONS` positions summarised — a country's tens of thousands of lines would hold the GUI thread
    for a tenth of a second at every display; Copy as curl gives them all."""
    def shortened(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _positions_summary(item) if key == "coordinates" and _positions(item) > SHOWN_POSITIONS
                    else shortened(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shortened(item) for item in value]
        return value

    return shortened(redact_secrets(request))


def _positions(coordinates: Any) -> int:
    if not isinstance(coordinates, list):
        return 0
    if coordinates and isinstance(coordinates[0], (int, float)):
        return 1
    return sum(_positions(item) for item in coordinates)


def _positions_summary(coordinates: Any) -> str:
    return tr("{count} positions (Copy as curl gives them all)").format(count=f"{_positions(coordinates):,}")


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
    storage_problem: str = ""
    """Why the job's files cannot be read from the bucket (shown until the monitor reads them again)."""

    def record(self) -> TrackedJobRecord:
        return TrackedJobRecord(self.task_id, self.connection_key,
                                self.tile_layer.layer.id() if self.tile_layer is not None else "",
                                self.result_group, self.parent_task_id)


# ----------------------------------------------------------------------------------------------- the dock


class JobsDock(QgsDockWidget, FORM_CLASS):
    """Jobs of the account, one job's details and actions; live tile layers through the monitor.

    ``confirm(title, question)`` and ``confirm_start(StartSummary)`` (the spending limit agreed to, None when
    cancelled) ask the user; tests replace them.
    """

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
        self.setupUi(self)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.monitor = monitor
        if connection_factory is None:
            from ..services.connection import resolve_connection

            connection_factory = resolve_connection
        self.connection_factory = connection_factory
        self.connection_key = ""
        self._connections: Dict[str, Any] = {}
        self.calls = BackgroundTasks(self)
        self.tasks: Dict[str, BatchTask] = {}
        self.views: Dict[str, TrackedJobView] = {}
        self.current_id = ""
        self._next_token: Optional[str] = None
        self._shown_request: Optional[Dict[str, Any]] = None
        self._button_tips: Dict[str, str] = {}
        """The tooltips of the .ui file, shown again when a button's reason to be off is gone."""
        self._work: Deque[Iterator[Any]] = deque()
        self._work_timer = QTimer(self)
        self._work_timer.setInterval(0)
        self._work_timer.timeout.connect(self._do_work)
        self.confirm: Callable[[str, str], bool] = self._ask
        self.confirm_start: Callable[[StartSummary], Optional[float]] = lambda summary: confirm_start(summary, self)
        self.choose_folder: Callable[[str], str] = self._choose_folder
        self.messages = DockMessages(iface)
        self.project_jobs = ProjectJobs(self.project, self)
        self.project_jobs.restored.connect(self.restore_jobs)
        self.project_jobs.cleared.connect(self._project_cleared)
        self._set_up_widgets()
        if monitor is not None:
            self._connect_monitor(monitor)
        self._update_actions()

    # -- user interface

    def _set_up_widgets(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.progress_bar.setRange(0, 100)
        self.results_folder_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.results_folder_widget.setDialogTitle(tr("Folder for downloaded results"))
        self.results_folder_widget.setFilePath(str(QgsSettings().value(f"{SETTINGS_PREFIX}/results_folder", "")
                                                   or ""))
        self.results_folder_widget.fileChanged.connect(
            lambda path: QgsSettings().setValue(f"{SETTINGS_PREFIX}/results_folder", path))
        self.search_edit.returnPressed.connect(self.refresh)
        self._order_table()
        self.sort_combo.currentIndexChanged.connect(lambda _index: self._order_table())
        self.sort_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.id_edit.returnPressed.connect(self._open_typed_id)
        self.open_button.clicked.connect(self._open_typed_id)
        self.latest_button.clicked.connect(self.open_latest)
        self.more_button.clicked.connect(self.load_more)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.save_description_button.clicked.connect(self.save_description)
        self.analyse_button.clicked.connect(lambda: self.analyse())
        self.start_button.clicked.connect(lambda: self.start())
        self.stop_button.clicked.connect(lambda: self.stop())
        self.retry_button.clicked.connect(lambda: self.retry_failed_tiles())
        self.reprocess_button.clicked.connect(lambda: self.reprocess_selected_tiles())
        self.tiles_button.clicked.connect(lambda: self.show_tiles())
        self.results_button.clicked.connect(lambda: self.load_results())
        self.download_button.clicked.connect(lambda: self.download_results())
        self.copy_button.clicked.connect(lambda: self.copy_api_call())

    # -- connection

    def connection(self) -> Any:
        """The connection for the dock's jobs (read on the GUI thread: it may ask for the master password)."""
        return self._connection_for(self.connection_key)

    def _connection_for(self, key: str) -> Any:
        connection = self._connections.get(key)
        if connection is None:
            connection = self.connection_factory(key)
            self._connections[key] = connection
            if self.monitor is not None:
                self.monitor.register_connection(key, connection)
        return connection

    def reset_connection(self) -> None:
        """Forget the cached connection (after the settings changed): actions read it again, and the tracked jobs
        are polled at once with the new one (so a bucket that could not be read is tried again)."""
        self._connections.clear()
        if self.monitor is None or not self.views:
            return
        for key in {view.connection_key for view in self.views.values()}:
            try:
                self._connection_for(key)
            except SentinelHubBatchError as error:
                self.notify(tr("The jobs of this project cannot be followed: {error}").format(error=error),
                            Qgis.MessageLevel.Warning)
                return
        self.monitor.poll_now()

    def _call(self, what: str, function: Callable[[Activity, Any], Any],
              on_done: Callable[[Any], None]) -> Optional[BackgroundTask]:
        """Run ``function(activity, connection)`` as a background task; errors go to the message bar. None when
        there is no connection."""
        try:
            connection = self.connection()
        except SentinelHubBatchError as error:
            self.notify(str(error), Qgis.MessageLevel.Warning)
            return None
        self.status_line.setText(tr("{what}…").format(what=what))

        def done(value: Any, error: Optional[BaseException]) -> None:
            self.status_line.setText("")
            if isinstance(error, TaskCancelledError):
                log.info("%s: cancelled", what)
            elif error is not None:
                self.notify(describe_failure(error, what, connection.deployment.base_url), Qgis.MessageLevel.Critical)
            else:
                on_done(value)

        return self.calls.run(tr("Sentinel Hub Batch: {what}").format(what=what),
                              lambda activity: function(activity, connection), done)

    def _client_call(self, function: Callable[[Any], Any], on_done: Callable[[Any], None], what: str) -> None:
        """Run ``function(batch_client)`` (a ``services.jobs`` action, a listing) in the background."""
        self._call(what, lambda activity, connection: function(activity.batch_client(connection)), on_done)

    # -- listing

    def _sort_order(self) -> str:
        return jobs.JOB_SORT_ORDERS[max(0, self.sort_combo.currentIndex())]

    def refresh(self) -> None:
        search = self.search_edit.text().strip() or None
        sort = self._sort_order()
        self._call(tr("Listing jobs"), lambda activity, connection: jobs.list_jobs_page(
            activity.batch_client(connection), search=search, sort=sort, count=PAGE_SIZE, activity=activity),
            lambda page: self._show_page(page, replace=True))

    def load_more(self) -> None:
        if not self._next_token:
            return
        search = self.search_edit.text().strip() or None
        sort = self._sort_order()
        token = self._next_token
        self._call(tr("Listing more jobs"), lambda activity, connection: jobs.list_jobs_page(
            activity.batch_client(connection), search=search, sort=sort, count=PAGE_SIZE, viewtoken=token,
            activity=activity), lambda page: self._show_page(page, replace=False))

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
            item = self.table.item(row, ID_COLUMN)
            if item is not None and item.text() == task_id:
                return row
        return -1

    def _order_table(self) -> None:
        """Order the rows as the list's order says (new and changed jobs then take their place in it)."""
        column, order = TABLE_ORDERS[self._sort_order()]
        self.table.sortByColumn(column, order)

    def _put_task(self, task: BatchTask) -> None:
        self.tasks[task.id] = task
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)
        row = self._row_of(task.id)
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
        cells = ((self._state_text(task), None), (f"{task.completion_percentage:.0f}%", task.completion_percentage),
                 (f"{task.cost_pu:.1f}", task.cost_pu), (_format_time(task.created), _time_key(task.created)),
                 (_format_time(task.last_updated), _time_key(task.last_updated)), (task.description, None),
                 (task.id, None))
        for column, (text, sort_key) in enumerate(cells):
            item = self.table.item(row, column)
            if item is None:
                item = SortableItem()
                self.table.setItem(row, column, item)
            item.setText(text)
            item.setData(SORT_KEY_ROLE, sort_key)
            if column == 0:
                item.setToolTip(self._state_summary(task))
        self.table.setSortingEnabled(sorting)
        if task.id == self.current_id:
            self._show_details(task)

    def _failed_tiles(self, task: BatchTask) -> Tuple[int, int]:
        """(failed, all) tiles of a finished job as its own tile layer shows them; (0, 0) when running or unknown."""
        view = self.views.get(task.id)
        if view is None or view.parent_task_id or view.tile_layer is None or task.status not in FINISHED_STATUSES:
            return 0, 0
        return view.tile_layer.status_counts()[TileStatus.FAILED], len(view.tile_layer)

    def _state_text(self, task: BatchTask) -> str:
        """The status for the list: a finished job with failed tiles, or whose files cannot be read, says so."""
        failed, _total = self._failed_tiles(task)
        status = _status_text(task)
        if failed:
            status = tr("{status}, {count} tile(s) failed").format(status=status, count=failed)
        view = self.views.get(task.id)
        if view is not None and view.storage_problem:
            status = tr("{status} — results unreadable").format(status=status)
        return status

    def _state_summary(self, task: BatchTask) -> str:
        failed, total = self._failed_tiles(task)
        if failed:
            return tr("{status} — {count} of {total} tiles failed; 'Retry failed tiles' runs them again.").format(
                status=task.status_summary(), count=failed, total=total)
        return task.status_summary()

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
        item = self.table.item(rows.pop(), ID_COLUMN)
        if item is not None and item.text() != self.current_id:
            self.select_task(item.text())

    def current_task(self) -> Optional[BatchTask]:
        return self.tasks.get(self.current_id)

    def _show_details(self, task: BatchTask) -> None:
        self.id_label.setText(task.id)
        self.status_label.setText(self._state_summary(task))
        self.progress_bar.setValue(round(task.completion_percentage))
        self.cost_label.setText(tr("{pu:.1f} PU spent").format(pu=task.cost_pu))
        self.times_label.setText(tr("created {created}, updated {updated}").format(
            created=_format_time(task.created) or "?", updated=_format_time(task.last_updated) or "?"))
        if not self.description_edit.hasFocus():
            self.description_edit.setText(task.description)
        self.error_label.setText(task.error)
        if task.request is not self._shown_request and task.request != self._shown_request:
            # Laying out a country's coordinates takes the GUI thread 20 ms and more: only when the request changed
            # (the same request comes as a new object from another call, e.g. the start, then the monitor).
            self._shown_request = task.request
            self.request_view.setPlainText(json.dumps(request_for_display(task.request), indent=2, ensure_ascii=False))
        self._show_tile_counts()
        self._update_actions()

    def _show_tile_counts(self) -> None:
        task = self.current_task()
        status_only = status_only_reason(task) if task is not None else ""
        if status_only:
            self.tiles_label.setText(tr("Status only: the job delivers to Google Cloud Storage, which the plugin "
                                        "cannot read, so its tiles and results are not shown here."))
            self.tiles_label.setToolTip(status_only)
            return
        self.tiles_label.setToolTip("")
        view = self.views.get(self.current_id)
        problem = view.storage_problem if view is not None else ""
        self.tiles_label.setStyleSheet(ERROR_STYLE if problem else "")
        if view is None or view.tile_layer is None:
            text = tr("not shown") if view is None else tr("waiting for the tiles")
        else:
            counts = view.tile_layer.status_counts()
            running = task is not None and task.status is TaskStatus.PROCESSING
            text = tr("{total} tiles: {parts}").format(total=len(view.tile_layer),
                                                       parts=status_counts_text(counts, running))
        if problem:
            known = view is not None and view.tile_layer is not None
            text = tr("The tile statuses cannot be read from the bucket: {problem}").format(problem=problem) \
                + ("\n" + tr("Last known: {tiles}").format(tiles=text) if known else "")
        self.tiles_label.setText(text)

    def _update_actions(self) -> None:
        task = self.current_task()
        status = task.status if task is not None else None
        has_task = task is not None
        self.analyse_button.setEnabled(status is TaskStatus.CREATED)
        self.start_button.setEnabled(status in jobs.STARTABLE)
        self.stop_button.setEnabled(status in jobs.STOPPABLE)
        view = self.views.get(self.current_id)
        has_failed = bool(view and view.tile_layer and view.tile_layer.status_counts()[TileStatus.FAILED])
        finished = status in FINISHED_STATUSES
        readable = task is not None and not status_only_reason(task)
        zarr = task is not None and request_output_type(task.request) == OUTPUT_TYPE_ZARR
        self.retry_button.setEnabled(finished and has_failed and not zarr)
        self.reprocess_button.setEnabled(status in (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED,
                                                    TaskStatus.PROCESSING) and view is not None and not zarr)
        self.tiles_button.setEnabled(has_task and readable)
        has_outputs = status in (TaskStatus.PROCESSING, TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED)
        self.results_button.setEnabled(has_outputs and readable)
        self.download_button.setEnabled(has_outputs and readable and not zarr)
        unreadable = tr("The job delivers to Google Cloud Storage, which the plugin cannot read.")
        one_zarr = tr("A Zarr output is one array per output: it is read from the bucket, and its tiles cannot be "
                      "re-run into it (the service refuses a folder that holds files).")
        for button in (self.tiles_button, self.results_button, self.download_button, self.retry_button,
                       self.reprocess_button):
            self._button_tips.setdefault(button.objectName(), button.toolTip())
        for button, why in ((self.tiles_button, unreadable if not readable else ""),
                            (self.results_button, unreadable if not readable else ""),
                            (self.download_button, unreadable if not readable else one_zarr if zarr else ""),
                            (self.retry_button, one_zarr if zarr else ""),
                            (self.reprocess_button, one_zarr if zarr else "")):
            button.setToolTip(why or self._button_tips[button.objectName()])
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
        self._client_call(lambda client: jobs.save_description(client, task.id, text), self._put_task,
                          tr("Saving the description"))

    def analyse(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is not None:
            self._act(task, jobs.analyse_job, tr("Asking the service to analyse the job"))

    def _confirm_paid_work(self, task: BatchTask, on_confirmed: Callable[[float, SpendingEstimate, List[str]], None],
                           *, rerun: bool = False, tile_names: Optional[List[str]] = None, question: str = "",
                           start_text: str = "") -> None:
        """Estimate the work in the background (``services.jobs``: starting the job, or with ``rerun`` a re-run of
        ``tile_names``, None meaning the failed tiles), show it in the start dialog, and call
        ``on_confirmed(limit, estimate, tile names)`` when the user agreed."""

        def estimate(activity: Activity, connection: Any) -> Any:
            s3 = activity.s3_client(connection) if connection.s3.access_key else None
            try:
                if rerun:
                    return jobs.rerun_estimate(s3, task, tile_names), ""
                return ([], jobs.job_estimate(s3, task)), ""
            except SentinelHubBatchError as error:
                return ([], None), describe_failure(error)

        def ask(result: Any) -> None:
            (names, spending), problem = result
            summary = StartSummary(task.id, spending, problem, self.connection().spending_limit_pu,
                                   spent_pu=0.0 if rerun else task.cost_pu, question=question,
                                   start_text=start_text)
            limit = self.confirm_start(summary)
            if limit is not None and spending is not None:
                on_confirmed(limit, spending, names)

        self._call(tr("Estimating the cost of job {id}").format(id=task.id[:8]), estimate, ask)

    def start(self, task_id: Optional[str] = None) -> None:
        """Start (or restart) the job once the user confirmed its cost in the start dialog."""
        task = self._target(task_id)
        if task is None:
            return
        question = tr("Restart batch request {id}? The tiles not processed yet are processed and charged.").format(
            id=task.id) if task.status is TaskStatus.STOPPED else ""

        def confirmed(limit: float, spending: SpendingEstimate, _names: List[str]) -> None:
            self._act(task, lambda client, task_id: jobs.start_job(client, task_id, limit, estimate=spending),
                      tr("Starting the job"))

        self._confirm_paid_work(task, confirmed, question=question)

    def stop(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is not None and self.confirm(tr("Stop job"), tr(
                "Stop batch request {id}? Tiles already processed stay in the bucket and are charged; the service "
                "may refuse to restart it for 30 minutes.").format(id=task.id)):
            self._act(task, jobs.stop_job, tr("Stopping the job"))

    def _act(self, task: BatchTask, action: Callable[[Any, str], BatchTask], what: str) -> None:
        """One ``services.jobs`` action on the job, then show and follow it."""
        def done(updated: BatchTask) -> None:
            self._put_task(updated)
            self.track(updated.id)

        self._client_call(lambda client: action(client, task.id), done, what)

    def retry_failed_tiles(self, task_id: Optional[str] = None) -> None:
        task = self._target(task_id)
        if task is None:
            return
        view = self.views.get(task.id)
        names = None
        if view is not None and view.tile_layer is not None:
            names = [name for name, status in view.tile_layer.statuses().items()
                     if status == TileStatus.FAILED.value] or None
        question = tr("Re-run the failed tile(s) of job {id}? A new request over just those tiles is created and "
                      "started; it overwrites their outputs and is charged.").format(id=task.id)
        self._confirm_paid_work(task, lambda limit, _spending, confirmed: self._rerun(task, confirmed, limit),
                                rerun=True, tile_names=names, question=question, start_text=tr("Re-run tiles"))

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
        self._confirm_paid_work(task, lambda limit, _spending, confirmed: self._rerun(task, confirmed, limit),
                                rerun=True, tile_names=list(tile_names), question=question,
                                start_text=tr("Reprocess tiles"))

    def _rerun(self, task: BatchTask, tile_names: List[str], limit_pu: float) -> None:
        def rerun(activity: Activity, connection: Any) -> BatchTask:
            return jobs.rerun_tiles(activity.batch_client(connection), activity.s3_client(connection), task,
                                    tile_names, jobs.delivery_keys(connection), limit_pu).task

        def done(new_task: BatchTask) -> None:
            self._put_task(new_task)
            view = self.views.get(task.id)
            if view is not None and view.tile_layer is not None:
                view.tile_layer.apply_statuses(dict.fromkeys(tile_names, TileStatus.PENDING))
            self.track(new_task.id, parent_task_id=task.id)
            self.notify(tr("Job {new} re-runs tiles of {old}; their colours follow it on the map.").format(
                new=new_task.id, old=task.id), Qgis.MessageLevel.Info)

        self._call(tr("Creating the re-run request"), rerun, done)

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
        # Before the monitor and the disk are busy with the job's first tiles; after this click's own work.
        QTimer.singleShot(0, prepare_tile_layers)
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
            layer_view = self._layer_view(task_id)
            drawn = layer_view is not None and layer_view.tile_layer is not None
            if drawn and (task_id, view.connection_key) in self.monitor.tracked():
                self.monitor.poll_now(task_id)
            else:  # (re)starts the job's watcher: the manifest and every status are sent again
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
            def drawn(records: Any, error: Optional[BaseException]) -> None:
                if error is not None:
                    self.notify(tr("The tiles of job {id} cannot be drawn yet: {error}").format(
                        id=task.id, error=error), Qgis.MessageLevel.Warning)
                else:
                    self._tiles_loaded(task.id, records)

            self.calls.run(tr("Sentinel Hub Batch: tiles of job {id}").format(id=task.id[:8]),
                           lambda _activity: records_from_request(task.request), drawn)

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
        """Run a generator's steps on the GUI thread in turns of about :data:`WORK_TURN_SECONDS`, in arrival order."""
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

    def _tiles_loaded(self, task_id: str, records: TileOutlines) -> None:
        self._queue(self._tiles_loaded_steps(task_id, records))

    def _tiles_updated(self, task_id: str, statuses: Dict[str, TileStatus]) -> None:
        self._queue(self._tiles_updated_steps(task_id, statuses))

    def _task_updated(self, task_id: str, task: BatchTask) -> None:
        self._queue(self._single_step(self._apply_task_update, task_id, task))

    def _tiles_loaded_steps(self, task_id: str, records: TileOutlines) -> Iterator[Any]:
        view = self.views.get(task_id)
        if view is None or view.parent_task_id:
            return  # a re-run's manifest holds only its tiles: the parent's layer keeps all of them
        if view.tile_layer is None:
            self._ensure_tile_layer(view)
            yield  # a step of its own: the turn ends after the layer is made
        tile_layer = self._ensure_tile_layer(view)
        if not tile_layer.has_tiles(records.names):
            yield from tile_layer.replace_tiles_in_steps(records)
        if task_id == self.current_id:
            self._show_tile_counts()

    def _tiles_updated_steps(self, task_id: str, statuses: Dict[str, TileStatus]) -> Iterator[Any]:
        view = self._layer_view(task_id)
        if view is None or view.tile_layer is None or statuses is None:
            return
        yield from view.tile_layer.apply_statuses_in_steps(statuses)
        if view.task_id in self.tasks:
            self._put_task(self.tasks[view.task_id])  # the list says how many tiles failed
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
        worker.storage_problem.connect(self._storage_problem)
        worker.job_error.connect(lambda task_id, message: self.notify(
            tr("Job {id}: {message}").format(id=task_id[:8], message=message), Qgis.MessageLevel.Warning))

    def _storage_problem(self, task_id: str, message: str) -> None:
        """The job's files cannot be read from the bucket (or, with an empty message, can be again): a warning
        that stays, the job's state in the list and its tile line, until the monitor reads them."""
        view = self.views.get(task_id)
        if view is None:
            return
        view.storage_problem = message
        task = self.tasks.get(task_id)
        if task is not None:
            self._put_task(task)
        topic = f"storage {task_id}"
        if message:
            log.warning("The files of job %s cannot be read from the bucket: %s", task_id, message)
            self.messages.show(topic, tr("Sentinel Hub Batch"), tr(
                "The tile statuses of job {id} cannot be read from the bucket: {message} Check the S3 settings "
                "(Connection settings…); the job itself goes on.").format(id=task_id[:8], message=message),
                Qgis.MessageLevel.Warning, 0)
        else:
            self.messages.withdraw(topic)
            self.status_line.setText(tr("Job {id}: the bucket can be read again.").format(id=task_id[:8]))
        if task_id == self.current_id:
            self._show_tile_counts()

    def _reconnecting(self, task_id: str, message: str) -> None:
        self.status_line.setText(tr("Job {id}: {message}").format(id=task_id[:8], message=message))

    def _apply_task_update(self, task_id: str, task: BatchTask) -> None:
        view = self.views.get(task_id)
        if view is None:
            return  # no longer tracked (e.g. its project was closed while the report was on its way)
        self._put_task(task)
        layer_view = self._layer_view(task_id)
        if layer_view is not None and layer_view.tile_layer is not None:
            layer_view.tile_layer.show_job_running(task.status is TaskStatus.PROCESSING)
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

    def task_changed_elsewhere(self, task: BatchTask) -> None:
        """A job the New job dock changed (e.g. analysed): show its new state now, not at the monitor's next poll.

        Nothing is announced (the other dock has said it); a tracked job is polled at once.
        """
        view = self.views.get(task.id)
        if view is None and task.id not in self.tasks:
            return
        self._put_task(task)
        if view is not None:
            view.last_status = task.status
            if self.monitor is not None:
                self.monitor.poll_now(task.id)

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
        status_only = status_only_reason(task)
        if status_only:
            self.notify(status_only, Qgis.MessageLevel.Warning)
            return None
        if not task.delivery_url:
            self.notify(tr("Job {id} has no S3 delivery, so there are no results to load.").format(id=task.id),
                        Qgis.MessageLevel.Warning)
            return None
        folder = Path(download_folder) / task.id if download_folder else results_folder(self.project, task.id)
        return ResultsRequest(task.id, task.delivery_url, folder, results_group_name(task.id, task.description),
                              download=bool(download_folder))

    def load_results(self, task_id: Optional[str] = None, download_folder: str = "") -> Optional[BackgroundTask]:
        """Load the finished outputs as mosaics (from S3, or downloaded into ``download_folder``/<job id> first)."""
        task = self._target(task_id)
        if task is None:
            return None
        request = self._results_request(task, download_folder)
        if request is None:
            return None

        def loaded(mosaics: Any) -> None:
            try:
                layers = add_results_to_project(self.project, mosaics, request.group_name)
            except SentinelHubBatchError as error:
                self.notify(describe_failure(error, what), Qgis.MessageLevel.Warning)
                return
            self._results_loaded(task.id, request.group_name, [layer.id() for layer in layers])
            self._build_overviews(mosaics)

        what = (tr("Downloading the results of job {id}") if request.download
                else tr("Loading the results of job {id}")).format(id=task.id[:8])
        return self._call(what, lambda activity, connection: prepare_job_results(activity.s3_client(connection),
                                                                                 task, request, activity), loaded)

    def _build_overviews(self, mosaics: List[OutputMosaic]) -> None:
        """Overviews for the big mosaics, in the background once their layers are shown; then a redraw uses them."""
        big = [mosaic for mosaic in mosaics if mosaic.tile_count >= OVERVIEW_MIN_TILES]
        if big:
            self._call(tr("Building the overviews of {count} mosaic(s)").format(count=len(big)),
                       lambda activity, _connection: build_overviews(big, activity),
                       lambda built: reload_result_layers(self.project, built))

    def download_results(self, task_id: Optional[str] = None) -> Optional[BackgroundTask]:
        """Download into the results folder (asked for when it is empty), then load."""
        folder = self.results_folder_widget.filePath().strip()
        if not folder:
            folder = self.choose_folder(tr("Download the results to"))
            if not folder:
                return None
            self.results_folder_widget.setFilePath(folder)
        return self.load_results(task_id, download_folder=folder)

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
            with self.connection().s3_client() as s3:
                configure_gdal_for_s3(s3, parse_s3_url(task.delivery_url).bucket)
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
        """The project was closed: its jobs are no longer followed nor shown (nor their pending updates applied)."""
        for task_id in list(self.views):
            if self.monitor is not None:
                self.monitor.untrack(task_id)
        self._work.clear()
        self._work_timer.stop()
        self.messages.withdraw()
        self.views.clear()
        self.tasks.clear()
        self.current_id = ""
        self.table.setRowCount(0)
        self._clear_details()
        self._update_actions()

    def _clear_details(self) -> None:
        for label in (self.id_label, self.status_label, self.cost_label, self.times_label, self.tiles_label,
                      self.error_label, self.status_line):
            label.setText("")
        self.description_edit.clear()
        self.request_view.clear()
        self.progress_bar.setValue(0)

    # -- dialogs (replaced in tests)

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _choose_folder(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(self, title)

    def shutdown(self) -> None:
        """Disconnect from the project and cancel the background calls (the plugin's unload calls this): their
        requests in flight are cut, and their results are no longer applied."""
        self.project_jobs.disconnect_project()
        self.calls.cancel_all()
        self.messages.withdraw()
