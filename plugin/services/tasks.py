"""The one way the plugin works off the GUI thread, the one cancellable wait, and HTTP that cancelling cuts short.

- :class:`Activity` is what one run of an action may use, wherever it runs (a background task of a dock, a
  Processing algorithm): ``is_cancelled``, progress and info reports, :meth:`Activity.wait` (the cancellable wait
  the core's retries and polls use), and the HTTP clients it opens — :meth:`Activity.abort` cuts their requests in
  flight, :meth:`Activity.close` closes them.
- :class:`BackgroundTask` runs ``function(activity)`` as a ``QgsTask`` (listed in the QGIS task manager with its
  progress, cancellable there) and hands the result, or the exception as data, to a callback on the GUI thread.
- :class:`BackgroundTasks` is the set of tasks one owner (a dock, a dialog) started: ``pending``, ``idle``,
  ``cancel_all``.
- :class:`AbortableSession` is the ``requests.Session`` the activity (and the monitor) give the core's clients:
  :meth:`AbortableSession.abort` shuts its sockets down, so a worker blocked in a read (a server that accepted the
  connection and never answers) returns at once instead of after the request's timeout, and later requests are
  refused with TaskCancelledError, which the core's retries let through.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import weakref
from typing import Any, Callable, List, Optional, Set

import requests
from qgis.core import QgsApplication, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, pyqtSignal
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..core.jobs import WaitCancelledError
from .i18n import tr

log = logging.getLogger("sentinelhub_batch")

WAIT_STEP_SECONDS = 0.2


class TaskCancelledError(WaitCancelledError):
    """The user (or the plugin's unload) cancelled the work; a job already sent goes on at the service."""


def cancellable_wait(seconds: float, is_cancelled: Callable[[], bool], message: str = "") -> None:
    """Sleep ``seconds``, looking at ``is_cancelled`` every 0.2 s; raises TaskCancelledError once it is true."""
    deadline = time.monotonic() + max(0.0, seconds)
    while True:
        if is_cancelled():
            raise TaskCancelledError(message or tr("Cancelled."))
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(WAIT_STEP_SECONDS, left))


class _Connections:
    """The connections a session opened, as weak references (urllib3 owns and reuses them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()

    def add(self, connection: Any) -> Any:
        with self._lock:
            self._connections.add(connection)
        return connection

    def shut_down(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _tracking_pool(base: type, connections: _Connections) -> type:
    class TrackingPool(base):  # type: ignore[misc, valid-type]
        def _new_conn(self) -> Any:
            return connections.add(super()._new_conn())

    return TrackingPool


class _AbortableAdapter(HTTPAdapter):
    def __init__(self, connections: _Connections) -> None:
        self._connections = connections
        super().__init__()

    def _track(self, manager: Any) -> Any:
        manager.pool_classes_by_scheme = {
            "http": _tracking_pool(HTTPConnectionPool, self._connections),
            "https": _tracking_pool(HTTPSConnectionPool, self._connections),
        }
        return manager

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._track(self.poolmanager)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        return self._track(super().proxy_manager_for(*args, **kwargs))


class AbortableSession(requests.Session):
    """A ``requests.Session`` that :meth:`abort` ends: requests in flight fail at once, later ones are refused."""

    def __init__(self, cancelled_message: str = "") -> None:
        super().__init__()
        self.cancelled_message = cancelled_message
        self._connections = _Connections()
        self._aborted = threading.Event()
        adapter = _AbortableAdapter(self._connections)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    @property
    def aborted(self) -> bool:
        return self._aborted.is_set()

    def abort(self) -> None:
        """Thread-safe: called from the GUI thread while a worker thread may be inside a request."""
        self._aborted.set()
        self._connections.shut_down()

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Raises TaskCancelledError (which the core's retries let through) once the session is aborted."""
        if self.aborted:
            raise self._cancelled()
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException:
            if self.aborted:
                raise self._cancelled() from None
            raise
        if self.aborted:
            response.close()
            raise self._cancelled()
        return response

    def _cancelled(self) -> TaskCancelledError:
        return TaskCancelledError(self.cancelled_message or tr("Cancelled."))


class Activity:
    """One run of an action: how it is cancelled, where it reports, which HTTP clients it opened.

    ``progress`` takes a percentage, ``info`` a line for the user (a Processing log, the message log).
    ``cancelled_message`` is what a cancelled wait raises.
    """

    def __init__(
        self,
        is_cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[float], None] = lambda percent: None,
        info: Optional[Callable[[str], None]] = None,
        cancelled_message: str = "",
    ):
        self.is_cancelled = is_cancelled
        self.progress = progress
        self.info = info or (lambda text: log.info("%s", text))
        self.cancelled_message = cancelled_message
        self._lock = threading.Lock()
        self._sessions: List[AbortableSession] = []
        self._aborted = False

    def wait(self, seconds: float) -> None:
        cancellable_wait(seconds, self.cancelled, self.cancelled_message)

    def cancelled(self) -> bool:
        return self._aborted or self.is_cancelled()

    def check_cancelled(self) -> None:
        if self.cancelled():
            raise TaskCancelledError(self.cancelled_message or tr("Cancelled."))

    def retrying(self, wait: float, reason: Any) -> None:
        """The core's ``on_retry``: tell the user that the service is being asked again."""
        detail = getattr(reason, "detail", None) or str(reason)
        self.info(tr("Sentinel Hub is busy or unreachable ({reason}); trying again in {wait:.0f} s.").format(
            reason=detail, wait=wait))

    def http_session(self) -> AbortableSession:
        session = AbortableSession(self.cancelled_message)
        with self._lock:
            if self._aborted:
                session.abort()
            self._sessions.append(session)
        return session

    def batch_client(self, connection: Any, **options: Any) -> Any:
        """The connection's BatchClient waiting with :meth:`wait`, reporting retries, cut off by :meth:`abort`."""
        options.setdefault("sleep", self.wait)
        options.setdefault("on_retry", self.retrying)
        return connection.batch_client(session=self.http_session(), **options)

    def s3_client(self, connection: Any) -> Any:
        return connection.s3_client(session=self.http_session())

    def abort(self) -> None:
        """Cancel: waits end, requests in flight fail at once. Safe from any thread."""
        with self._lock:
            self._aborted = True
            sessions = list(self._sessions)
        for session in sessions:
            session.abort()

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()


_RUNNING: Set[BackgroundTask] = set()
"""Python references to running tasks: the task manager owns the C++ side, this keeps the Python side alive."""


class BackgroundTask(QgsTask):
    """``function(activity)`` on a worker thread; ``on_done(result, error)`` afterwards on the GUI thread.

    ``error`` is the exception the function raised (``None`` on success); a task cancelled before it ran reports
    ``TaskCancelledError``. When ``receiver`` (a QObject) is deleted before the end, ``on_done`` is not called.
    The activity's progress goes to the task manager.
    """

    def __init__(self, description: str, function: Callable[[Activity], Any],
                 on_done: Callable[[Any, Optional[BaseException]], None], receiver: Optional[QObject] = None):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.function = function
        self.on_done = on_done
        self.receiver = receiver
        self.activity = Activity(self.isCanceled, self.setProgress)
        self.result_value: Any = None
        self.error: Optional[BaseException] = None

    def start(self) -> BackgroundTask:
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self)
        return self

    def run(self) -> bool:
        try:
            self.result_value = self.function(self.activity)
        except Exception as error:  # reported as data, on the GUI thread
            self.error = error
        finally:
            self.activity.close()
        return self.error is None

    def cancel(self) -> None:
        self.activity.abort()
        super().cancel()

    def finished(self, result: bool) -> None:
        _RUNNING.discard(self)
        if not result and self.error is None:
            self.error = TaskCancelledError(tr("Cancelled."))
        if self.receiver is not None and sip.isdeleted(self.receiver):
            return
        try:
            self.on_done(self.result_value, self.error)
        except Exception:
            log.exception("Applying the result of '%s' failed", self.description())


class BackgroundTasks(QObject):
    """The background tasks one owner started. ``idle`` is emitted when the last one has been handled."""

    idle = pyqtSignal()

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._tasks: Set[BackgroundTask] = set()

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def run(self, description: str, function: Callable[[Activity], Any],
            on_done: Callable[[Any, Optional[BaseException]], None]) -> BackgroundTask:
        """Start ``function`` as a task; ``on_done(result, error)`` runs on the GUI thread (not after the owner is
        deleted)."""
        task: BackgroundTask

        def finish(result: Any, error: Optional[BaseException]) -> None:
            self._tasks.discard(task)
            try:
                on_done(result, error)
            finally:
                if not self._tasks:
                    self.idle.emit()

        task = BackgroundTask(description, function, finish, self.parent() or self)
        self._tasks.add(task)
        return task.start()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()


__all__ = ["AbortableSession", "Activity", "BackgroundTask", "BackgroundTasks", "TaskCancelledError",
           "cancellable_wait"]
