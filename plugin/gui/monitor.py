"""The monitor: one long-lived worker on a QThread that polls every tracked job and reports by signals.

The worker never touches QgsProject or widgets. It polls each job through ``core.jobs.JobWatcher`` on the job's
own schedule (``PollPolicy``: a steady cadence while the job moves, slower while it waits for the user), polls at
once when asked (``poll_now``), and rides out 429/5xx/network loss with backoff: the job shows "reconnecting" and stays
tracked. ``stop()`` wakes it from any wait (including a client's retry wait) and cuts its HTTP requests in flight
(the clients' sessions are aborted), so the thread ends at once; ``JobMonitor.shutdown`` never waits longer than
one request's timeout.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from qgis.PyQt.QtCore import QObject, QThread, pyqtSignal, pyqtSlot

from ..core.errors import ApiError, NotFoundError, SentinelHubBatchError
from ..core.jobs import TRANSIENT_ERRORS, JobWatcher, PollPolicy
from ..core.retry import RetryPolicy, format_wait
from ..services.i18n import tr
from ..services.layers import records_from_manifest_tiles
from ..services.tasks import TaskCancelledError

log = logging.getLogger("sentinelhub_batch")

MONITOR_RETRY = RetryPolicy(rate_limit_retries=3, rate_limit_total_wait=60.0, server_error_retries=2,
                            backoff_initial=1.0, backoff_max=10.0, timeout=30.0)
"""Short retry budget per call: the worker reschedules the job itself, so other jobs are not held up."""
DEFAULT_POLL_POLICY = PollPolicy()
SHUTDOWN_MARGIN_SECONDS = 5.0
_STILL_RUNNING: List[QThread] = []
"""Monitor threads that outlived ``shutdown``: kept referenced until they end (destroying a running QThread aborts
QGIS)."""


class _StoppingError(Exception):
    """Raised inside a wait of the worker thread when the monitor is being stopped."""


@dataclass
class _TrackedJob:
    task_id: str
    connection_key: str
    watcher: Optional[JobWatcher] = None
    watcher_clients: Any = None
    """The clients the watcher polls with; a watcher of replaced clients is rebuilt."""
    due: float = 0.0
    failures: int = 0
    manifest_sent: bool = False
    last_storage_problem: str = ""
    finished: bool = False


@dataclass
class _Clients:
    batch: Any
    s3: Any
    s3_problem: str = ""


@dataclass
class MonitorState:
    """A snapshot of what the worker tracks (for tests and the dock's status line)."""

    tracked: Dict[str, str] = field(default_factory=dict)
    """task id → connection key of jobs still being polled."""


class MonitorWorker(QObject):
    """Lives on the monitor thread. Public methods are thread-safe; results come out as signals."""

    task_updated = pyqtSignal(str, object)
    """task id, BatchTask: the job's status, progress or any other field changed."""
    tiles_loaded = pyqtSignal(str, object)
    """task id, layers.TileOutlines: the job's tiles from its feature manifest (once per tracking)."""
    tiles_updated = pyqtSignal(str, object)
    """task id, {tile name: TileStatus}: the tiles whose status changed (every tile on the first read after the job
    was tracked)."""
    reconnecting = pyqtSignal(str, str)
    """task id, message: polling failed for a transient reason; the job stays tracked and is polled again."""
    reconnected = pyqtSignal(str)
    storage_problem = pyqtSignal(str, str)
    """task id, message: the bucket could not be read (the job is fine; the S3 settings need a look); an empty
    message when it can be read again."""
    job_error = pyqtSignal(str, str)
    """task id, message: the job could not be polled for a reason that retrying will not fix soon."""
    polling_finished = pyqtSignal(str)
    """task id: the job is DONE or FAILED (or gone); it is no longer polled."""
    stopped = pyqtSignal()

    def __init__(
        self,
        policy: PollPolicy = DEFAULT_POLL_POLICY,
        retry: RetryPolicy = MONITOR_RETRY,
        client_factory: Optional[Callable[[Any, Dict[str, Any]], Any]] = None,
    ):
        super().__init__()
        self.policy = policy
        self.retry = retry
        self._client_factory = client_factory
        self._condition = threading.Condition()
        self._jobs: Dict[str, _TrackedJob] = {}
        self._connections: Dict[str, Any] = {}
        self._clients: Dict[str, _Clients] = {}
        self._retired_clients: List[_Clients] = []
        """Clients of a replaced connection, closed by the worker before its next poll (one may still be in use)."""
        self._open_clients: weakref.WeakSet[Any] = weakref.WeakSet()
        """The clients in use, for ``stop()`` to abort (a client replaced by ``register_connection`` drops out)."""
        self._stopping = False
        self._current_task = ""

    # -- thread-safe controls (called from the GUI thread)

    def register_connection(self, key: str, connection: Any) -> None:
        """Make ``connection`` (plugin.gui.connection.Connection) the one used for jobs tracked with ``key``.

        The jobs of ``key`` are polled with new clients from their next poll on; the old clients are closed.
        """
        with self._condition:
            self._connections[key] = connection
            retired = self._clients.pop(key, None)
            if retired is not None:
                self._retired_clients.append(retired)
            self._condition.notify_all()

    @pyqtSlot(str, str)
    def track(self, task_id: str, connection_key: str = "") -> None:
        """Start polling a job (at once). Tracking a job again restarts its watcher, re-reading manifest and tiles."""
        with self._condition:
            self._jobs[task_id] = _TrackedJob(task_id, connection_key)
            self._condition.notify_all()

    @pyqtSlot(str)
    def untrack(self, task_id: str) -> None:
        with self._condition:
            self._jobs.pop(task_id, None)
            self._condition.notify_all()

    @pyqtSlot(str)
    def poll_now(self, task_id: str = "") -> None:
        """Poll this job (every job when empty) as soon as the worker is free, e.g. after a user action.

        A job that had finished polling is polled again (it may have been restarted or retried).
        """
        with self._condition:
            for job in self._jobs.values():
                if not task_id or job.task_id == task_id:
                    job.due = 0.0
                    job.finished = False
            self._condition.notify_all()

    def stop(self) -> None:
        """Ask the worker to end: it leaves any wait, and its requests in flight fail, at once."""
        with self._condition:
            self._stopping = True
            clients = list(self._open_clients)
            self._condition.notify_all()
        for client in clients:
            client.abort()

    def state(self) -> MonitorState:
        with self._condition:
            return MonitorState({job.task_id: job.connection_key for job in self._jobs.values() if not job.finished})

    # -- the loop (runs on the monitor thread)

    @pyqtSlot()
    def run(self) -> None:
        try:
            while True:
                job = self._next_due_job()
                if job is None:
                    break
                self._poll(job)
        except _StoppingError:
            pass
        finally:
            self._close_retired_clients()
            with self._condition:  # register_connection (GUI thread) may retire an entry meanwhile
                remaining, self._clients = list(self._clients.values()), {}
                self._open_clients.clear()
            for clients in remaining:
                _close(clients)
            self.stopped.emit()

    def _close_retired_clients(self) -> None:
        """Close the clients of replaced connections (between polls: no request of theirs is in flight)."""
        with self._condition:
            retired, self._retired_clients = self._retired_clients, []
        for clients in retired:
            _close(clients)

    def _next_due_job(self) -> Optional[_TrackedJob]:
        while True:
            self._close_retired_clients()
            with self._condition:
                if self._stopping:
                    return None
                if self._retired_clients:
                    continue
                pending = [job for job in self._jobs.values() if not job.finished]
                now = time.monotonic()
                if pending:
                    job = min(pending, key=lambda item: item.due)
                    if job.due <= now:
                        job.due = float("inf")  # not due again until rescheduled after this poll
                        return job
                    self._condition.wait(job.due - now)
                else:
                    self._condition.wait()

    def _interruptible_sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + max(0.0, seconds)
        with self._condition:
            while not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                self._condition.wait(left)
        raise _StoppingError()

    def _on_retry(self, wait: float, reason: Any) -> None:
        if self._current_task:
            detail = getattr(reason, "detail", None) or str(reason)
            self.reconnecting.emit(self._current_task, tr("Reconnecting ({detail}); next try in {wait}").format(
                detail=detail, wait=format_wait(wait)))

    def _clients_for(self, key: str) -> _Clients:
        clients = self._clients.get(key)
        if clients is not None:
            return clients
        with self._condition:
            connection = self._connections.get(key)
        if connection is None:
            raise SentinelHubBatchError(tr("There is no connection for this job. Open the connection settings and "
                                           "check the credentials, then refresh the job."))
        options = {"retry": self.retry, "sleep": self._interruptible_sleep, "on_retry": self._on_retry}
        batch = self._client_factory(connection, options) if self._client_factory else \
            connection.batch_client(**options)
        s3, s3_problem = None, ""
        try:
            s3 = connection.s3_client()
        except SentinelHubBatchError as error:
            s3_problem = str(error)
        with self._condition:
            for client in (batch, s3):
                if client is not None:
                    self._open_clients.add(client)
            if self._stopping:
                for client in (batch, s3):
                    if client is not None:
                        client.close()
                raise _StoppingError()
        clients = _Clients(batch, s3, s3_problem)
        self._clients[key] = clients
        return clients

    def _reschedule(self, job: _TrackedJob, delay: Optional[float]) -> None:
        with self._condition:
            if self._jobs.get(job.task_id) is not job:
                return  # untracked or re-tracked meanwhile
            if job.due != float("inf"):
                return  # a poll_now during the poll kept due at 0: polled again, even a job that has ended
            if delay is None:
                job.finished = True
            else:
                job.due = time.monotonic() + delay

    def _poll(self, job: _TrackedJob) -> None:
        self._current_task = job.task_id
        try:
            clients = self._clients_for(job.connection_key)
            if job.watcher is None or job.watcher_clients is not clients:
                job.watcher = JobWatcher(clients.batch, clients.s3, job.task_id, keep_files=False)
                job.watcher_clients = clients
            snapshot = job.watcher.poll()
        except _StoppingError:
            raise
        except TaskCancelledError:
            raise _StoppingError() from None
        except TRANSIENT_ERRORS as error:
            job.failures += 1
            delay = min(self.policy.processing_max, self.policy.processing_min * 2 ** (job.failures - 1))
            message = getattr(error, "message", None) or str(error)
            self.reconnecting.emit(job.task_id, tr("Reconnecting: {message} Next try in {delay}.").format(
                message=message, delay=format_wait(delay)))
            self._reschedule(job, delay)
            return
        except NotFoundError as error:
            self.job_error.emit(job.task_id, tr("Job {id} was not found: {message}").format(
                id=job.task_id, message=error.message))
            self._reschedule(job, None)
            self.polling_finished.emit(job.task_id)
            return
        except (ApiError, SentinelHubBatchError) as error:
            self.job_error.emit(job.task_id, str(error))
            self._reschedule(job, self.policy.waiting_for_user)
            return
        except Exception as error:  # the worker must survive anything and keep the other jobs going
            log.exception("Polling job %s failed unexpectedly", job.task_id)
            self.job_error.emit(job.task_id, tr("Polling failed unexpectedly: {error}").format(error=error))
            self._reschedule(job, self.policy.processing_max)
            return
        finally:
            self._current_task = ""

        if job.failures:
            job.failures = 0
            self.reconnected.emit(job.task_id)
        # Tiles first: when the GUI hears "DONE", the layer already shows every tile's final status.
        if snapshot.manifest_tiles is not None and not job.manifest_sent:
            job.manifest_sent = True
            self.tiles_loaded.emit(job.task_id, records_from_manifest_tiles(snapshot.manifest_tiles))
        if snapshot.status_changes:
            self.tiles_updated.emit(job.task_id, snapshot.status_changes)
        if snapshot.task_changed:
            self.task_updated.emit(job.task_id, snapshot.task)
        problem = snapshot.storage_problem or (clients.s3_problem if clients.s3 is None else "")
        if problem != job.last_storage_problem:
            self.storage_problem.emit(job.task_id, problem)
        job.last_storage_problem = problem
        delay = self.policy.next_delay(snapshot.task)
        self._reschedule(job, delay)
        if delay is None:
            self.polling_finished.emit(job.task_id)


def _close(clients: _Clients) -> None:
    for client in (clients.batch, clients.s3):
        close = getattr(client, "close", None)
        if close is not None:
            with contextlib.suppress(Exception):
                close()


class JobMonitor(QObject):
    """Owns the monitor thread and its worker: ``start()`` once, ``shutdown()`` in the plugin's ``unload()``."""

    def __init__(self, policy: PollPolicy = DEFAULT_POLL_POLICY, retry: RetryPolicy = MONITOR_RETRY,
                 client_factory: Optional[Callable[[Any, Dict[str, Any]], Any]] = None,
                 parent: Optional[QObject] = None):
        super().__init__(parent)
        self.worker = MonitorWorker(policy, retry, client_factory)
        self.thread = QThread()
        self.thread.setObjectName("SentinelHubBatchMonitor")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def shutdown(self, timeout_ms: Optional[int] = None) -> bool:
        """Stop the worker and join its thread; True when it ended within ``timeout_ms``.

        Stopping cuts the worker's requests in flight, so it normally ends at once; the default wait is one
        request's timeout (plus a margin), the longest a request the abort cannot reach (e.g. a connect) can take.
        A thread still running then is kept referenced until it ends, and False is returned.
        """
        if timeout_ms is None:
            timeout_ms = int((self.worker.retry.timeout + SHUTDOWN_MARGIN_SECONDS) * 1000)
        self.worker.stop()
        self.thread.quit()
        ended = self.thread.wait(timeout_ms) if self._started else True
        if not ended:
            log.warning("The job monitor did not stop within %.0f s (a network call is still running).",
                        timeout_ms / 1000)
            _STILL_RUNNING.append(self.thread)
            self.thread.finished.connect(lambda thread=self.thread: _STILL_RUNNING.remove(thread))
        return bool(ended)

    # -- conveniences (thread-safe pass-throughs)

    def register_connection(self, key: str, connection: Any) -> None:
        self.worker.register_connection(key, connection)

    def track(self, task_id: str, connection_key: str = "") -> None:
        self.worker.track(task_id, connection_key)

    def untrack(self, task_id: str) -> None:
        self.worker.untrack(task_id)

    def poll_now(self, task_id: str = "") -> None:
        self.worker.poll_now(task_id)

    def tracked(self) -> List[Tuple[str, str]]:
        return sorted(self.worker.state().tracked.items())
