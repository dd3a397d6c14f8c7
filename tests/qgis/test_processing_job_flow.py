"""Job algorithms against an in-process fake of the batch client: what is sent, progress, waiting, cancelling.

The full round trip over HTTP and S3 is in test_processing_algorithms.py (local stack); these run in any set-up.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from sentinelhub_batch.plugin.core.errors import ApiError
from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.services import connection as connection_module

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
TUTORIAL_EVALSCRIPT = SHARED_DATA / "interpolation_evalscript.js"
QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"


class FakeBatchClient:
    """Follows the v2 state machine; every ``get`` of a running job moves it one step on."""

    def __init__(self):
        self.tasks = {}
        self.calls = []
        self.fail_with = ""

    def abort(self, message=""):
        pass

    def close(self):
        pass

    def tiling_grids(self):
        """The service's grid listing (read, not recorded: ``calls`` are the job actions)."""
        return list(BUILTIN_GRIDS.values())

    def _task(self, task_id):
        if task_id not in self.tasks:
            raise ApiError.from_body(404, {"error": {"status": 404, "message": f"Batch request {task_id} not found",
                                                     "code": "COMMON_NOT_FOUND"}})
        return self.tasks[task_id]

    def create(self, body):
        self.calls.append(("create", body))
        task_id = str(uuid.uuid4())
        self.tasks[task_id] = {"id": task_id, "status": "CREATED", "request": body,
                               "description": body.get("description", ""), "completionPercentage": 0,
                               "created": f"2024-01-0{len(self.tasks) + 1}T00:00:00Z", "userAction": "NONE"}
        return BatchTask(self.tasks[task_id])

    def get(self, task_id):
        task = self._task(task_id)
        self.calls.append(("get", task_id))
        if task["status"] == "ANALYSING":
            task["status"] = "PROCESSING" if task["userAction"] == "START" else "ANALYSIS_DONE"
        elif task["status"] == "PROCESSING":
            if self.fail_with:
                task.update(status="FAILED", error=self.fail_with)
            elif task["completionPercentage"] >= 100:
                task.update(status="DONE", costPU=12.5)
            else:
                task["completionPercentage"] += 50
        return BatchTask(dict(task))

    def analyse(self, task_id):
        self.calls.append(("analyse", task_id))
        self._task(task_id).update(status="ANALYSING", userAction="ANALYSE")

    def start(self, task_id):
        self.calls.append(("start", task_id))
        task = self._task(task_id)
        task.update(userAction="START", status="ANALYSING" if task["status"] == "CREATED" else "PROCESSING")

    def stop(self, task_id):
        self.calls.append(("stop", task_id))
        self._task(task_id).update(status="STOPPED", stoppedStatusReason="USER_ACTION", userAction="STOP")

    def iter_tasks(self, search=None, sort=None, count=None):
        tasks = sorted(self.tasks.values(), key=lambda task: task["created"], reverse=(sort == "created:desc"))
        return iter([BatchTask(dict(task)) for task in tasks if not search or search in task["description"]])

    def latest(self):
        tasks = list(self.iter_tasks(sort="created:desc"))
        return tasks[0] if tasks else None


@pytest.fixture(scope="module")
def processing(qgis_app):
    if QGIS_PYTHON_PLUGINS not in sys.path:
        sys.path.append(QGIS_PYTHON_PLUGINS)
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("sentinelhub_batch") is None:
        from sentinelhub_batch.plugin.processing.provider import SentinelHubBatchProvider

        processing.provider = SentinelHubBatchProvider()
        registry.addProvider(processing.provider)
    from qgis import processing as processing_module

    return processing_module


@pytest.fixture
def service(monkeypatch):
    fake = FakeBatchClient()
    for name, value in {"SH_CLIENT_ID": "fake-client", "SH_CLIENT_SECRET": "fake-secret",
                        "SH_BASE_URL": "http://127.0.0.1:9", "SH_TOKEN_URL": "http://127.0.0.1:9/token",
                        "AWS_ACCESS_KEY_ID": "AKIAFAKE", "AWS_SECRET_ACCESS_KEY": "fake-s3-secret"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(connection_module.Connection, "batch_client", lambda self, **options: fake)
    monkeypatch.setattr(connection_module.Connection, "s3_client", lambda self, **options: None)
    return fake


class Feedback(QgsProcessingFeedback):
    def __init__(self, cancel_after_messages=None):
        super().__init__()
        self.messages = []
        self.progress = []
        self.cancel_after_messages = cancel_after_messages
        self.progressChanged.connect(self.progress.append)

    def pushInfo(self, text):
        self.messages.append(text)
        if self.cancel_after_messages and len(self.messages) >= self.cancel_after_messages:
            self.cancel()

    def pushWarning(self, text):
        self.messages.append(text)


def run(processing, name, parameters, feedback=None):
    return processing.run(f"sentinelhub_batch:{name}", parameters, feedback=feedback or Feedback())


def job_parameters(**overrides):
    parameters = {"AREA": str(TUTORIAL_AREA), "GRID": 1, "RESOLUTION": 10, "BUFFER_X": 50, "BUFFER_Y": 50,
                  "EVALSCRIPT": str(TUTORIAL_EVALSCRIPT), "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
                  "DELIVERY_URL": "s3://my-bucket/california", "DESCRIPTION": "California NDVI"}
    parameters.update(overrides)
    return parameters


def test_create_job_sends_the_tutorial_request(processing, service):
    feedback = Feedback()
    result = run(processing, "create_job", job_parameters(), feedback)
    (kind, body), = service.calls
    assert kind == "create" and result["JOB_ID"] in service.tasks and result["STATUS"] == "CREATED"
    assert body["input"] == {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50}
    assert [r["identifier"] for r in body["processRequest"]["output"]["responses"]] == ["NDVI", "data_mask"]
    assert body["processRequest"]["input"]["data"][0]["dataFilter"]["timeRange"] == {
        "from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}
    assert body["output"]["delivery"]["s3"]["accessKey"] == "AKIAFAKE"
    assert body["description"] == "California NDVI"
    assert result["PU_CHARGED"] == pytest.approx(result["PU_ESTIMATE"] / 3)
    assert "fake-s3-secret" not in "\n".join(feedback.messages)


def test_chosen_outputs_must_come_from_the_evalscript(processing, service):
    result = run(processing, "create_job", job_parameters(OUTPUTS="NDVI"))
    assert [r["identifier"] for r in service.tasks[result["JOB_ID"]]["request"]["processRequest"]["output"][
        "responses"]] == ["NDVI"]
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "create_job", job_parameters(OUTPUTS="EVI"))
    assert "'EVI'" in str(raised.value) and len(service.tasks) == 1


def test_start_then_wait_reports_progress_until_done(processing, service):
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    assert run(processing, "start_job", {"JOB_ID": job_id})["STATUS"] in ("ANALYSING", "PROCESSING")
    feedback = Feedback()
    result = run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5}, feedback)
    assert result["STATUS"] == "DONE" and result["COST_PU"] == 12.5 and result["COMPLETION"] == 100
    assert 50 in feedback.progress and feedback.progress[-1] == 100
    assert any(message.startswith("Status: PROCESSING") for message in feedback.messages)


def test_wait_returns_when_the_job_waits_for_the_user(processing, service):
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    run(processing, "analyse_job", {"JOB_ID": job_id})
    feedback = Feedback()
    result = run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5}, feedback)
    assert result["STATUS"] == "ANALYSIS_DONE"
    assert any("waits for you" in message for message in feedback.messages)


def test_a_failed_job_fails_the_algorithm_with_the_service_error(processing, service):
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    run(processing, "start_job", {"JOB_ID": job_id})
    service.fail_with = "Evalscript error: ndvi is not defined"
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5})
    assert "ndvi is not defined" in str(raised.value)


def test_cancelling_the_wait_does_not_stop_the_job(processing, service):
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    run(processing, "start_job", {"JOB_ID": job_id})
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 30}, Feedback(cancel_after_messages=2))
    assert "goes on" in str(raised.value)
    assert ("stop", job_id) not in service.calls and service.tasks[job_id]["status"] != "STOPPED"


def test_stop_and_the_most_recent_job_by_default(processing, service):
    first = run(processing, "create_job", job_parameters())["JOB_ID"]
    second = run(processing, "create_job", job_parameters(DESCRIPTION="second"))["JOB_ID"]
    run(processing, "start_job", {"JOB_ID": first})
    stopped = run(processing, "stop_job", {"JOB_ID": first})
    assert stopped["STATUS"] == "STOPPED"
    assert run(processing, "analyse_job", {})["JOB_ID"] == second


def test_list_jobs_writes_a_table(processing, service, tmp_path):
    ids = [run(processing, "create_job", job_parameters(DESCRIPTION=f"job {index}"))["JOB_ID"] for index in range(3)]
    result = run(processing, "list_jobs", {"SEARCH": "job", "MAX_JOBS": 2, "OUTPUT": str(tmp_path / "jobs.gpkg")})
    rows = list(QgsVectorLayer(result["OUTPUT"], "jobs", "ogr").getFeatures())
    assert result["JOB_COUNT"] == len(rows) == 2
    assert [row["id"] for row in rows] == ids[::-1][:2]
    assert {row["status"] for row in rows} == {"CREATED"}


def test_an_unknown_job_gives_the_service_message(processing, service):
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "start_job", {"JOB_ID": "no-such-job"})
    assert "COMMON_NOT_FOUND" in str(raised.value) and "not found" in str(raised.value)


def test_an_auth_config_wins_over_the_environment(processing, service, monkeypatch, auth_ready):
    from sentinelhub_batch.plugin.services.connection import store_basic_credentials

    auth_id = store_basic_credentials("Processing test", "id-from-auth-db", "secret-from-auth-db")
    used = []
    monkeypatch.setattr(connection_module.Connection, "batch_client",
                        lambda self, **options: used.append(self.client_id) or service)
    run(processing, "list_jobs", {"AUTH_CONFIG": auth_id, "OUTPUT": "memory:"})
    run(processing, "list_jobs", {"OUTPUT": "memory:"})
    assert used == ["id-from-auth-db", "fake-client"]
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "list_jobs", {"AUTH_CONFIG": "nosuch1", "OUTPUT": "memory:"})
    assert "nosuch1" in str(raised.value) and "could not be read" in str(raised.value)


# --- the spending guard: nothing that starts paid work runs above the limit


def test_run_job_above_the_limit_creates_nothing_and_says_tiles_and_pu(processing, service):
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "run_job", job_parameters(MAX_PU=50, TILES="memory:", OUTPUT_FOLDER="/tmp/unused"))
    message = str(raised.value)
    assert "Not started" in message and "8 tiles" in message and "PU charged" in message
    assert "above the spending limit of 50.00 PU" in message and "MAX_PU" in message
    assert service.calls == [], "nothing was created, nothing was started"


def test_create_job_starts_only_when_asked_and_only_within_the_limit(processing, service):
    created = run(processing, "create_job", job_parameters())
    assert created["STATUS"] == "CREATED" and [kind for kind, _ in service.calls] == ["create"]
    with pytest.raises(QgsProcessingException, match=r"above the spending limit of 50\.00 PU"):
        run(processing, "create_job", job_parameters(START=True, MAX_PU=50))
    assert [kind for kind, _ in service.calls] == ["create"]
    started = run(processing, "create_job", job_parameters(START=True))
    assert ("start", started["JOB_ID"]) in service.calls and started["STATUS"] in ("ANALYSING", "PROCESSING")


def test_start_job_estimates_the_job_and_refuses_above_the_limit(processing, service):
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    feedback = Feedback()
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "start_job", {"JOB_ID": job_id, "MAX_PU": 99}, feedback)
    assert "8 tiles" in str(raised.value) and "billed 100 PU, the minimum" in str(raised.value)
    assert any("8 tiles, about" in message for message in feedback.messages), "the estimate is shown first"
    assert ("start", job_id) not in service.calls
    assert run(processing, "start_job", {"JOB_ID": job_id, "MAX_PU": 100})["STATUS"] in ("ANALYSING", "PROCESSING")


def test_the_connection_limit_applies_unless_the_run_raises_it(processing, service, monkeypatch):
    monkeypatch.setenv("SH_MAX_PU", "60")
    job_id = run(processing, "create_job", job_parameters())["JOB_ID"]
    with pytest.raises(QgsProcessingException, match=r"above the spending limit of 60\.00 PU"):
        run(processing, "start_job", {"JOB_ID": job_id})
    assert run(processing, "start_job", {"JOB_ID": job_id, "MAX_PU": 150})["STATUS"] in ("ANALYSING", "PROCESSING")
    monkeypatch.setenv("SH_MAX_PU", "lots")
    with pytest.raises(QgsProcessingException, match="SH_MAX_PU"):
        run(processing, "start_job", {"JOB_ID": job_id})


def test_preview_reports_count_and_cost_first_and_writes_a_huge_layer_only_when_asked(processing, monkeypatch):
    from sentinelhub_batch.plugin.processing.algorithms import preview_tiles

    monkeypatch.setattr(preview_tiles, "MAX_TILE_FEATURES", 5)
    feedback = Feedback()
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "preview_tiles", job_parameters(OUTPUT="memory:"), feedback)
    assert "8 tiles" in str(raised.value) and "PU charged" in str(raised.value) and "ALL_TILES" in str(raised.value)
    assert any(message.startswith("Tiles: 8") for message in feedback.messages)
    assert run(processing, "preview_tiles", job_parameters(OUTPUT="memory:", ALL_TILES=True))["TILE_COUNT"] == 8


def test_preview_refuses_an_evalscript_without_outputs(processing):
    script = "//VERSION=3\nfunction setup() { return {input: ['B04'], output: []}; }\n" \
             "function evaluatePixel(s) { return []; }"
    with pytest.raises(QgsProcessingException, match="declares no output"):
        run(processing, "preview_tiles", job_parameters(EVALSCRIPT=script, OUTPUT="memory:"))
