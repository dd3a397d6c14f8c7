"""The one way the plugin works off the GUI thread, the one cancellable wait, and HTTP that cancelling cuts short.

- :class:`Activity` is what one run of an action may use, wherever it runs (a background task of a dock, a
  Processing algorithm): ``is_cancelled``, progress and info reports, :meth:`Activity.wait` (the cancellable wait
  the core's retries and polls use), and the HTTP clients it opens — :meth:`Activity.abort` cuts their requests in
  flight, :meth:`Activity.close` closes them.
- :class:`BackgroundTask` runs ``function(activity)`` as a ``QgsTask`` (listed in the QGIS task manager with its
  progress, cancellable there) and hands the result, or the exception as data, to a callback on the GUI thread.
- :class:`BackgroundTasks` is the set of tasks one owner (a dock, a dialog) started: ``pending``, ``idle``,
  ``cancel_all``.

Cutting requests short is the core's: every client's session (``core.transport.CredentialSession``) can be aborted
from any thread, which shuts its sockets down, so a worker blocked in a read (a server that accepted the connection
and never answers) returns at once with ``TaskCancelledError`` instead of after the request's timeout.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, List, Optional, Set

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.errors import TaskCancelledError
from ..core.retry import format_wait
from .i18n import tr

log = logging.getLogger("sentinelhub_batch")

WAIT_STEP_SECONDS = 0.2


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
        self._clients: List[Any] = []
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
        self.info(tr("Sentinel Hub is busy or unreachable ({reason}); trying again in {wait}.").format(
            reason=detail, wait=format_wait(wait)))

    def opened(self, client: Any) -> Any:
        """Register a client made for this activity: :meth:`abort` cuts it off, :meth:`close` closes it."""
        if client is None:
            return None
        with self._lock:
            self._clients.append(client)
            aborted = self._aborted
        if aborted:
            client.abort(self.cancelled_message)
        return client

    def batch_client(self, connection: Any, **options: Any) -> Any:
        """The connection's BatchClient waiting with :meth:`wait`, reporting retries, cut off by :meth:`abort`."""
        options.setdefault("sleep", self.wait)
        options.setdefault("on_retry", self.retrying)
        return self.opened(connection.batch_client(**options))

    def s3_client(self, connection: Any) -> Any:
        return self.opened(connection.s3_client())

    def abort(self) -> None:
        """Cancel: waits end, requests in flight fail at once. Safe from any thread."""
        with self._lock:
            self._aborted = True
            clients = list(self._clients)
        for client in clients:
            client.abort(self.cancelled_message)

    def close(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()


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


__all__ = ["Activity", "BackgroundTask", "BackgroundTasks", "TaskCancelledError",
           "cancellable_wait"]
