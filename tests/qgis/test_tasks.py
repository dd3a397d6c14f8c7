"""The one background mechanism: tasks in the QGIS task manager, the cancellable wait, and HTTP that cancelling cuts."""

from __future__ import annotations

import threading
import time

import pytest
from qgis.core import QgsApplication
from sentinelhub_batch.plugin.services.tasks import (
    Activity,
    BackgroundTask,
    BackgroundTasks,
    TaskCancelledError,
    cancellable_wait,
)

WAIT_MS = 10000


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


def test_a_retry_says_when_the_next_try_comes_in_words_people_read():
    from sentinelhub_batch.plugin.core.retry import TransientError
    from sentinelhub_batch.plugin.services.tasks import Activity

    lines = []
    activity = Activity(info=lines.append)
    activity.retrying(0.45, TransientError(None, "HTTP 503 on GET"))
    activity.retrying(12.2, TransientError(None, "HTTP 429 on GET"))
    assert lines == ["Sentinel Hub is busy or unreachable (HTTP 503 on GET); trying again in 450 ms.",
                     "Sentinel Hub is busy or unreachable (HTTP 429 on GET); trying again in 12 s."]
