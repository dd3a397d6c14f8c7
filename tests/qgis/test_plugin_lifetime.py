"""What lasts as long as the plugin: one access token per connection, shared by the docks, the monitor and Processing
runs in the same QGIS; and an unload that does not wait for requests that hang.

Both run the whole plugin (``initGui``) against a scripted loopback service reached through the SH_* environment.
"""

from __future__ import annotations

import threading
import time

import pytest
from qgis.core import QgsApplication, QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingFeedback, QgsProject
from scripted_server import DROP, ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin
from sentinelhub_batch.plugin.processing.algorithms.list_jobs import ListJobsAlgorithm
from sentinelhub_batch.plugin.services.connection import ConnectionSettings

TASK_ID = "3b0c5d2a-6f4e-4c1b-9a8d-1e2f3a4b5c6d"
CLIENT_ID, CLIENT_SECRET = "lifetime-client", "lifetime-secret"
WAIT_MS = 20000


class ScriptedJobService:
    """A job that analyses when asked; listing, reading and describing it; every call recorded by the server."""

    def __init__(self, server: ScriptedServer):
        self.task = {"id": TASK_ID, "status": "CREATED", "userAction": "NONE", "description": "lifetime",
                     "request": {}, "created": "2026-01-01T00:00:00Z"}
        self.tokens = token_endpoint(server, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
        server.route("GET", "/api/v2/batch/process", lambda request: {"data": [self.task], "links": {}})
        server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda request: self.task)
        server.route("PUT", f"/api/v2/batch/process/{TASK_ID}", self.describe)
        server.route("POST", f"/api/v2/batch/process/{TASK_ID}/analyse", self.analyse)

    def describe(self, request):
        self.task = {**self.task, "description": request.json()["description"]}
        return 204, {}, b""

    def analyse(self, request):
        self.task = {**self.task, "status": "ANALYSIS_DONE", "userAction": "ANALYSE"}
        return 204, {}, b""


def point_the_plugin_at(monkeypatch, server: ScriptedServer) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SH_DEPLOYMENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SH_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SH_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("SH_BASE_URL", server.url)
    monkeypatch.setenv("SH_TOKEN_URL", server.url + "/auth/realms/main/protocol/openid-connect/token")


@pytest.fixture
def server():
    server = ScriptedServer()
    yield server
    server.stop()


@pytest.fixture
def plugin(qgis_iface, qgis_new_project):
    plugin = SentinelHubBatchPlugin(qgis_iface)
    yield plugin
    plugin.unload()


def run_list_jobs() -> dict:
    algorithm = ListJobsAlgorithm().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    results, ok = QgsProcessingAlgorithm.run(algorithm, {"OUTPUT": "memory:"}, context, QgsProcessingFeedback())
    assert ok
    return results


def test_one_token_serves_the_docks_the_monitor_and_processing(plugin, server, monkeypatch, qtbot):
    service = ScriptedJobService(server)
    point_the_plugin_at(monkeypatch, server)
    plugin.initGui()
    jobs, new_job = plugin.jobs_dock, plugin.new_job_dock

    with qtbot.waitSignal(jobs.calls.idle, timeout=WAIT_MS):
        jobs.refresh()
    assert jobs.table.rowCount() == 1
    with qtbot.waitSignal(plugin.monitor.worker.task_updated, timeout=WAIT_MS):
        jobs.select_task(TASK_ID)
        jobs.track(TASK_ID)
    jobs.description_edit.setText("renamed")
    with qtbot.waitSignal(jobs.calls.idle, timeout=WAIT_MS):
        jobs.save_description()
    new_job._set_current_task(BatchTask(dict(service.task)))
    with qtbot.waitSignal(new_job.job_updated, timeout=WAIT_MS,
                          check_params_cb=lambda task: task.status.value == "ANALYSIS_DONE"):
        new_job.analyse_button.click()
    assert run_list_jobs()["JOB_COUNT"] == 1

    calls = [request for request in server.requests if request.path.startswith("/api/v2/batch")]
    assert len(calls) >= 6 and {request.headers["Authorization"] for request in calls} == {"Bearer token-1"}
    assert service.tokens == ["token-1"], "one token for the docks, the monitor and the Processing run"

    ConnectionSettings(deployment="custom", base_url=server.url).save()  # settings changed: tokens forgotten
    with qtbot.waitSignal(jobs.calls.idle, timeout=WAIT_MS):
        jobs.refresh()
    assert service.tokens == ["token-1", "token-2"]


@pytest.mark.parametrize("hanging_endpoint", ["batch API", "token endpoint"])
def test_unload_does_not_wait_for_requests_that_hang(plugin, server, monkeypatch, qtbot, hanging_endpoint):
    """A service that accepts connections and never answers: the monitor's poll and a dock's listing hang in a
    read (their timeout is 30 s) — of the batch API, or of the token request both wait for; unloading cuts them at
    once."""
    ScriptedJobService(server)
    release = threading.Event()
    hanging = []

    def hang(request):
        hanging.append(request.path)
        release.wait(60)
        return DROP

    if hanging_endpoint == "token endpoint":
        server.route("POST", "/auth/realms/main/protocol/openid-connect/token", hang)
    else:
        server.route("GET", "/api/v2/batch/process", hang)
        server.route("GET", f"/api/v2/batch/process/{TASK_ID}", hang)
    point_the_plugin_at(monkeypatch, server)
    try:
        plugin.initGui()
        monitor, jobs = plugin.monitor, plugin.jobs_dock
        jobs.add_task(BatchTask({"id": TASK_ID, "status": "PROCESSING"}))
        jobs.refresh()
        qtbot.waitUntil(lambda: len(hanging) >= (1 if hanging_endpoint == "token endpoint" else 2), timeout=WAIT_MS)
        assert monitor.worker.retry.timeout >= 30 and monitor.running

        started = time.monotonic()
        plugin.unload()
        elapsed = time.monotonic() - started

        assert elapsed < 2.0, f"unload took {elapsed:.1f} s"
        assert not monitor.running
        qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=2000)
        assert plugin.jobs_dock is None and plugin.monitor is None
    finally:
        release.set()
