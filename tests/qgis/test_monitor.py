"""The monitor worker on its QThread: adaptive polling, poll_now, reconnecting, stop that wakes it at once.

Most tests script the service and the bucket in memory to control every answer (ETags, exact state sequences,
a client stuck in a retry wait); the last one, and the jobs dock tests, run the worker against the local stack.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Dict, List, Optional

import pytest
from bucket_files import manifest_gpkg
from qgis.PyQt.QtCore import QThread
from sentinelhub_batch.plugin.core.errors import ConnectionFailedError, NotFoundError
from sentinelhub_batch.plugin.core.jobs import PollPolicy
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.core.s3 import S3Error, S3Object
from sentinelhub_batch.plugin.core.storage import ManifestFeature, TileStatus
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from shapely.geometry import box

TASK_ID = "7d1c0a52-2f6e-4f43-8d0c-0a1b2c3d4e5f"
BUCKET = "bucket"
QUICK = PollPolicy(analysing=0.01, waiting_for_user=0.05, processing_min=0.01, processing_max=0.05)


def manifest_bytes(names: List[str], epsg: int = 32611) -> bytes:
    rows = []
    for index, name in enumerate(names):
        x = 600000 + (index % 100) * 1000
        y = 4000000 + (index // 100) * 1000
        rows.append(ManifestFeature(index + 1, "NDVI", name, f"s3://{BUCKET}/out/{TASK_ID}/{name}/NDVI.tif", 100, 100,
                                    epsg, box(x, y, x + 1000, y + 1000)))
    return manifest_gpkg(rows)


def execution_bytes(statuses: Dict[str, str]) -> bytes:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE features(id INTEGER, name TEXT, status TEXT, error TEXT, delivered BOOLEAN)")
    connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)",
                           [(index, name, status, None, status == "DONE")
                            for index, (name, status) in enumerate(statuses.items())])
    connection.commit()
    data = connection.serialize()
    connection.close()
    return data


class FakeBucket:
    def __init__(self) -> None:
        self.objects: Dict[str, S3Object] = {}
        self.gets: List[str] = []
        self._version = 0
        self.fail_with: Optional[Exception] = None

    def put(self, key: str, data: bytes) -> None:
        self._version += 1
        self.objects[key] = S3Object(data, f'"{self._version}"')

    def get_object(self, bucket, key, if_none_match=None):
        self.gets.append(key)
        if self.fail_with is not None:
            raise self.fail_with
        found = self.objects.get(key)
        if found is None:
            raise S3Error("not found", status=404, code="NoSuchKey", bucket=bucket, key=key)
        return None if if_none_match == found.etag else found

    def download_file(self, bucket, key, path, progress=None, cancel=None):
        with open(path, "wb") as file:
            file.write(self.get_object(bucket, key).data)
        return True

    def abort(self, message: str = "") -> None:
        pass

    def close(self) -> None:
        pass


class FakeService:
    """Answers get() from a script of task states; the last one repeats. Failures are raised first."""

    def __init__(self, states: List[dict], bucket: FakeBucket, on_state=None) -> None:
        self.states = states
        self.bucket = bucket
        self.on_state = on_state
        self.calls = 0
        self.failures: List[Exception] = []
        self.sleep = time.sleep
        self.block_in_retry = False
        self.lock = threading.Lock()

    def get(self, task_id: str) -> BatchTask:
        with self.lock:
            if self.block_in_retry:
                self.sleep(600)
            if self.failures:
                raise self.failures.pop(0)
            state = self.states[min(self.calls, len(self.states) - 1)]
            self.calls += 1
        if self.on_state is not None:
            self.on_state(state)
        raw = {"id": task_id, "status": state["status"], "completionPercentage": state.get("percent", 0),
               "request": {"output": {"delivery": {"s3": {"url": f"s3://{BUCKET}/out"}}}}}
        return BatchTask(raw)

    def abort(self, message: str = "") -> None:
        pass

    def close(self) -> None:
        pass


class FakeConnection:
    def __init__(self, service: FakeService, bucket: Optional[FakeBucket]) -> None:
        self.service = service
        self.bucket = bucket

    def s3_client(self, **options):
        return self.bucket


def make_monitor(service: FakeService, bucket: Optional[FakeBucket], policy: PollPolicy = QUICK) -> JobMonitor:
    def client_factory(connection, options):
        connection.service.sleep = options["sleep"]
        return connection.service

    monitor = JobMonitor(policy, client_factory=client_factory)
    monitor.register_connection("", FakeConnection(service, bucket))
    return monitor


@pytest.fixture
def monitors():
    started: List[JobMonitor] = []
    yield started
    for monitor in started:
        monitor.shutdown(5000)


def _job_to_done(bucket: FakeBucket, names: List[str]):
    manifest_key = f"out/{TASK_ID}/featureManifest-{TASK_ID}.gpkg"
    execution_key = f"out/{TASK_ID}/execution-{TASK_ID}.sqlite"
    written: dict = {}

    def on_state(state: dict) -> None:
        if state["status"] == "ANALYSIS_DONE" and manifest_key not in bucket.objects:
            bucket.put(manifest_key, manifest_bytes(names))
        if "tiles" in state and state["tiles"] != written.get("tiles"):
            written["tiles"] = state["tiles"]
            bucket.put(execution_key, execution_bytes(state["tiles"]))

    pending = dict.fromkeys(names, "PENDING")
    half = {name: ("DONE" if index % 2 else "PENDING") for index, name in enumerate(names)}
    final = {name: ("DONE" if index % 3 else "FATAL") for index, name in enumerate(names)}
    states = [{"status": "ANALYSING"}, {"status": "ANALYSIS_DONE"}, {"status": "PROCESSING", "tiles": pending},
              {"status": "PROCESSING", "tiles": pending}, {"status": "PROCESSING", "percent": 50, "tiles": half},
              {"status": "DONE", "percent": 100, "tiles": final}]
    return states, on_state, final


def test_worker_follows_a_job_to_done_on_its_own_thread(qtbot, monitors):
    bucket = FakeBucket()
    names = [f"T{index}" for index in range(7)]
    states, on_state, final = _job_to_done(bucket, names)
    service = FakeService(states, bucket, on_state)
    monitor = make_monitor(service, bucket)
    monitors.append(monitor)
    seen = {"statuses": [], "tiles": [], "records": None, "threads": set()}
    gui_thread = QThread.currentThread()

    def task_updated(task_id, task):
        seen["statuses"].append(task.status.value)
        seen["threads"].add(QThread.currentThread() is gui_thread)

    monitor.worker.task_updated.connect(task_updated)
    monitor.worker.tiles_loaded.connect(lambda task_id, records: seen.__setitem__("records", records))
    monitor.worker.tiles_updated.connect(lambda task_id, statuses: seen["tiles"].append(statuses))
    monitor.start()
    with qtbot.waitSignal(monitor.worker.polling_finished, timeout=10000) as blocker:
        monitor.track(TASK_ID, "")
    assert blocker.args == [TASK_ID]
    qtbot.wait(50)
    assert seen["threads"] == {True}  # slots ran on the GUI thread: the worker only emits
    assert seen["statuses"][0] == "ANALYSING" and seen["statuses"][-1] == "DONE"
    assert "ANALYSIS_DONE" in seen["statuses"] and "PROCESSING" in seen["statuses"]
    assert sorted(record.name for record in seen["records"]) == sorted(names)
    # Every tile once, then only the tiles whose status changed.
    assert seen["tiles"][0] == dict.fromkeys(names, TileStatus.PENDING)
    assert seen["tiles"][1] == {name: TileStatus.DONE for index, name in enumerate(names) if index % 2}
    shown: dict = {}
    for changes in seen["tiles"]:
        shown.update(changes)
    assert shown == {name: TileStatus.DONE if status == "DONE" else TileStatus.FAILED for name, status in final.items()}
    execution_reads = [key for key in bucket.gets if key.endswith(".sqlite")]
    assert len(seen["tiles"]) == 3 < len(execution_reads)  # unchanged execution db is not sent again
    assert bucket.gets.count(f"out/{TASK_ID}/featureManifest-{TASK_ID}.gpkg") == 1
    assert monitor.tracked() == []


def test_network_loss_shows_reconnecting_and_keeps_the_job(qtbot, monitors):
    bucket = FakeBucket()
    service = FakeService([{"status": "ANALYSING"}, {"status": "DONE"}], bucket)
    service.failures = [ConnectionFailedError("Could not reach the service."),
                        ConnectionFailedError("Could not reach the service.")]
    monitor = make_monitor(service, bucket)
    monitors.append(monitor)
    messages = []
    monitor.worker.reconnecting.connect(lambda task_id, message: messages.append(message))
    with qtbot.waitSignal(monitor.worker.reconnected, timeout=10000):
        monitor.track(TASK_ID, "")
        monitor.start()
    assert len(messages) == 2 and all(message.startswith("Reconnecting") for message in messages)
    assert messages[0].endswith("Next try in 10 ms."), "a wait below a second is said in ms, not as 0 s"
    assert monitor.tracked() == [(TASK_ID, "")]
    with qtbot.waitSignal(monitor.worker.polling_finished, timeout=10000):
        pass


def test_a_retry_of_the_client_says_when_the_next_try_comes(qtbot):
    from sentinelhub_batch.plugin.core.retry import TransientError
    from sentinelhub_batch.plugin.gui.monitor import MonitorWorker

    worker = MonitorWorker(QUICK)
    messages = []
    worker.reconnecting.connect(lambda task_id, message: messages.append((task_id, message)))
    worker._current_task = TASK_ID
    worker._on_retry(0.45, TransientError(None, "HTTP 503 on GET"))
    worker._on_retry(3.4, TransientError(None, "HTTP 429 on GET"))
    assert messages == [(TASK_ID, "Reconnecting (HTTP 503 on GET); next try in 450 ms"),
                        (TASK_ID, "Reconnecting (HTTP 429 on GET); next try in 3.4 s")]


def test_a_storage_problem_is_reported_once_and_its_end_too(qtbot, monitors):
    bucket = FakeBucket()
    service = FakeService([{"status": "PROCESSING"}], bucket)
    bucket.fail_with = S3Error("Access Denied", status=403, code="AccessDenied", bucket=BUCKET, key="x")
    monitor = make_monitor(service, bucket)
    monitors.append(monitor)
    problems = []
    monitor.worker.storage_problem.connect(lambda task_id, message: problems.append(message))
    monitor.start()
    monitor.track(TASK_ID, "")
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=10000)
    bucket.fail_with = None
    qtbot.waitUntil(lambda: len(problems) == 2, timeout=10000)
    assert "Access Denied" in problems[0] and problems[1] == ""


def test_missing_job_is_reported_and_dropped(qtbot, monitors):
    service = FakeService([{"status": "DONE"}], None)
    service.failures = [NotFoundError(404, "Batch request not found", "NOT_FOUND")]
    monitor = make_monitor(service, None)
    monitors.append(monitor)
    monitor.start()
    with qtbot.waitSignals([monitor.worker.job_error, monitor.worker.polling_finished], timeout=10000):
        monitor.track(TASK_ID, "")
    assert monitor.tracked() == []


def test_poll_now_polls_at_once_despite_a_long_delay(qtbot, monitors):
    slow = PollPolicy(analysing=600, waiting_for_user=600, processing_min=600, processing_max=600)
    service = FakeService([{"status": "CREATED"}, {"status": "ANALYSING"}], None)
    monitor = make_monitor(service, None, slow)
    monitors.append(monitor)
    monitor.start()
    with qtbot.waitSignal(monitor.worker.task_updated, timeout=5000):
        monitor.track(TASK_ID, "")
    started = time.monotonic()
    with qtbot.waitSignal(monitor.worker.task_updated, timeout=5000) as blocker:
        monitor.poll_now(TASK_ID)
    assert blocker.args[1].status.value == "ANALYSING"
    assert time.monotonic() - started < 2


def test_shutdown_wakes_the_worker_from_its_wait_at_once(qtbot):
    slow = PollPolicy(analysing=600, waiting_for_user=600, processing_min=600, processing_max=600)
    service = FakeService([{"status": "CREATED"}], None)
    monitor = make_monitor(service, None, slow)
    monitor.start()
    with qtbot.waitSignal(monitor.worker.task_updated, timeout=5000):
        monitor.track(TASK_ID, "")
    started = time.monotonic()
    assert monitor.shutdown(5000)
    assert time.monotonic() - started < 1
    assert not monitor.running


def test_shutdown_interrupts_a_retry_wait_of_the_client(qtbot):
    service = FakeService([{"status": "CREATED"}], None)
    service.block_in_retry = True
    monitor = make_monitor(service, None)
    monitor.start()
    monitor.track(TASK_ID, "")
    qtbot.waitUntil(lambda: service.sleep is not time.sleep, timeout=5000)
    qtbot.wait(100)  # the worker is now inside the client's 600 s retry wait
    started = time.monotonic()
    assert monitor.shutdown(5000)
    assert time.monotonic() - started < 1


def test_shutdown_without_start_is_harmless(qtbot):
    monitor = make_monitor(FakeService([{"status": "CREATED"}], None), None)
    assert monitor.shutdown(1000)


@pytest.mark.e2e
def test_worker_rides_out_server_errors_and_drops_of_the_local_stack(qtbot, monitors, local_stack, batch_client):
    """Against the emulator over HTTP: 503s and dropped connections on every poll path; the job still ends DONE."""
    from emulator.testing import batch_body
    from sentinelhub_batch.plugin.core.retry import RetryPolicy
    from sentinelhub_batch.plugin.services.connection import Connection, S3Access

    local_stack.config.update({"write_rasters": False, "execution_upload_interval": 0.1})
    task = batch_client.create(batch_body(local_stack, folder="monitor"))
    connection = Connection(batch_client.deployment, local_stack.client_id, local_stack.client_secret,
                            S3Access(local_stack.s3_access_key, local_stack.s3_secret_key, local_stack.s3_endpoint,
                                     local_stack.s3_region))
    monitor = JobMonitor(QUICK, retry=RetryPolicy(server_error_retries=0, backoff_initial=0.01, backoff_max=0.02,
                                                  timeout=10.0))
    monitors.append(monitor)
    monitor.register_connection("stack", connection)
    messages, statuses = [], []
    monitor.worker.reconnecting.connect(lambda task_id, message: messages.append(message))
    monitor.worker.tiles_updated.connect(lambda task_id, tiles: statuses.append(tiles))
    local_stack.faults.reseed(3)
    local_stack.faults.add("status", status=503, rate=0.3, path=f"/process/{task.id}", method="GET")
    local_stack.faults.add("drop", rate=0.2, path=f"/process/{task.id}", method="GET")
    monitor.start()
    monitor.track(task.id, "stack")
    batch_client.start(task.id)
    with qtbot.waitSignal(monitor.worker.polling_finished, timeout=60000):
        pass
    assert messages and all(message.startswith("Reconnecting") for message in messages)
    assert batch_client.get(task.id).status.value == "DONE"
    expected = {tile.name for tile in local_stack.service.requests[task.id].tiles}
    assert set(statuses[-1]) == expected and set(statuses[-1].values()) <= {TileStatus.DONE, TileStatus.NO_DATA}
