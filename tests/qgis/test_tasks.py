"""The one background mechanism: tasks in the QGIS task manager, the cancellable wait, and HTTP that cancelling cuts."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests
from qgis.core import QgsApplication
from sentinelhub_batch.plugin.services.tasks import (
    AbortableSession,
    Activity,
    BackgroundTask,
    BackgroundTasks,
    TaskCancelledError,
    cancellable_wait,
)

WAIT_MS = 10000


@pytest.fixture
def silent_server():
    """A loopback server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join(2)
    for connection in accepted:
        connection.close()
    server.close()


def test_abort_cuts_a_request_in_flight_and_refuses_the_next(silent_server):
    url, accepted = silent_server
    session = AbortableSession("Stopped by the test.")
    outcome = {}

    def call():
        started = time.monotonic()
        try:
            session.get(url, timeout=30)
        except Exception as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=call)
    worker.start()
    deadline = time.monotonic() + 5
    while not accepted and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)  # the worker is now blocked reading the answer
    session.abort()
    worker.join(5)
    assert isinstance(outcome["error"], TaskCancelledError) and str(outcome["error"]) == "Stopped by the test."
    assert outcome["seconds"] < 2
    with pytest.raises(TaskCancelledError):
        session.get(url, timeout=30)


def test_an_unaborted_session_reports_network_errors_as_requests_does(silent_server):
    url, _accepted = silent_server
    with pytest.raises(requests.Timeout):
        AbortableSession().get(url, timeout=0.3)


def test_the_wait_ends_early_when_cancelled_and_runs_out_otherwise():
    cancelled = threading.Event()
    threading.Timer(0.2, cancelled.set).start()
    started = time.monotonic()
    with pytest.raises(TaskCancelledError, match="goes on"):
        cancellable_wait(30, cancelled.is_set, "Stopped; the job goes on.")
    assert time.monotonic() - started < 1
    started = time.monotonic()
    cancellable_wait(0.3, lambda: False)
    assert 0.3 <= time.monotonic() - started < 1


def test_a_task_reports_its_result_its_error_and_its_progress(qgis_app, qtbot):
    results = []

    def work(activity: Activity) -> int:
        activity.progress(40)
        assert threading.current_thread() is not threading.main_thread()
        return 42

    task = BackgroundTask("answer", work, lambda result, error: results.append((result, error)))
    progress = []
    task.progressChanged.connect(progress.append)
    task.start()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert results == [(42, None)] and 40 in progress

    def fail(activity: Activity) -> None:
        raise ValueError("bad input")

    failures = []
    BackgroundTask("failing", fail, lambda result, error: failures.append(error)).start()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0], ValueError) and str(failures[0]) == "bad input"


def test_cancelling_ends_a_waiting_task_and_reports_it_as_cancelled(qgis_app, qtbot):
    owner = BackgroundTasks()
    outcome = []
    task = owner.run("waits", lambda activity: activity.wait(60), lambda result, error: outcome.append(error))
    qtbot.waitUntil(lambda: task.status() == task.TaskStatus.Running, timeout=WAIT_MS)
    started = time.monotonic()
    with qtbot.waitSignal(owner.idle, timeout=WAIT_MS):
        owner.cancel_all()
    assert isinstance(outcome[0], TaskCancelledError) and time.monotonic() - started < 2
    assert owner.pending == 0
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=WAIT_MS)
