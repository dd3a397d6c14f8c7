"""The provider through ``qgis_process.bin`` in a throwaway profile, as a user runs it headless."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer
from tools.demo import QGIS_PROCESS, QgisProcess

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="QGIS is not installed")]

SHARED = Path(__file__).resolve().parents[3] / "shared"
PREVIEW_ARGUMENTS = [
    "run", "sentinelhub_batch:preview_tiles", "--",
    "AREA=../shared/data/california_crop_fields.geojson", "GRID=1", "RESOLUTION=10", "BUFFER_X=50", "BUFFER_Y=50",
    "EVALSCRIPT=../shared/data/interpolation_evalscript.js", "TIME_FROM=2020-07-01", "TIME_TO=2020-07-30",
    "OUTPUT=tiles.gpkg",
]


def result_value(stdout: str, name: str) -> float:
    match = re.search(rf"^{name}:\s+([0-9.]+)\s*$", stdout, flags=re.MULTILINE)
    assert match, f"{name} missing from:\n{stdout}"
    return float(match.group(1))


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    """One throwaway profile with the plugin enabled, shared by the tests of this module."""
    runner = QgisProcess(tmp_path_factory.mktemp("qgis-profile"), timeout=120)
    runner.prepare()
    return runner


def test_preview_tiles_runs_offline_through_qgis_process(qgis_process, tmp_path, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    work = tmp_path / "work"
    work.mkdir()

    completed = qgis_process.call(PREVIEW_ARGUMENTS, cwd=work)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    stdout = completed.stdout
    assert result_value(stdout, "TILE_COUNT") == 8
    estimate, charged = result_value(stdout, "PU_ESTIMATE"), result_value(stdout, "PU_CHARGED")
    assert charged == pytest.approx(estimate / 3, rel=1e-6)
    assert "Tiles: 8 (EPSG:32611)" in stdout and "Charged (one third)" in stdout
    layer = QgsVectorLayer(str(work / "tiles.gpkg"), "tiles", "ogr")
    assert layer.isValid() and layer.featureCount() == 8
    assert {feature["width"] for feature in layer.getFeatures()} == {1000}


def test_a_service_action_without_credentials_fails_with_a_message(qgis_process, tmp_path, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)

    completed = qgis_process.call(["run", "sentinelhub_batch:list_jobs", "--", "OUTPUT=jobs.csv"], cwd=tmp_path)

    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert "credentials" in output.lower() and "Traceback" not in output


# --- safe by default, as a headless user meets it


@pytest.fixture
def stack_run(qgis_process, local_stack, tmp_path, monkeypatch):
    """qgis_process against the local stack (credentials in the environment, as the demo passes them)."""
    from tools.demo import stack_environment

    for name, value in stack_environment(local_stack).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SH_DEPLOYMENT", raising=False)
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    work = tmp_path / "work"
    work.mkdir()
    return work


def job_arguments(local_stack, folder):
    return ["AREA=../shared/data/california_crop_fields.geojson", "GRID=1", "RESOLUTION=10", "BUFFER_X=50",
            "BUFFER_Y=50", "EVALSCRIPT=../shared/data/interpolation_evalscript.js", "TIME_FROM=2020-07-01",
            "TIME_TO=2020-07-30", f"DELIVERY_URL=s3://{local_stack.bucket}/{folder}"]


def test_create_and_start_as_two_qgis_process_runs_share_the_404_window(qgis_process, local_stack, stack_run):
    """The second process knows the request was just created (a file in the QGIS profile) and retries the 404s
    the service answers meanwhile, instead of failing with 'not found'."""
    local_stack.faults.not_found_after_create_seconds = 15.0
    created = qgis_process.call(["run", "sentinelhub_batch:create_job", "--",
                                 *job_arguments(local_stack, "two-processes")], cwd=stack_run)
    assert created.returncode == 0, created.stdout + created.stderr
    job_id = re.search(r"^JOB_ID:\s+(\S+)\s*$", created.stdout, flags=re.MULTILINE).group(1)

    started = qgis_process.call(["run", "sentinelhub_batch:start_job", "--", f"JOB_ID={job_id}"], cwd=stack_run)

    assert started.returncode == 0, started.stdout + started.stderr
    assert re.search(r"^STATUS:\s+(ANALYSING|PROCESSING|DONE)\s*$", started.stdout, flags=re.MULTILINE)
    assert [entry for entry in local_stack.request_log if job_id in entry[1] and entry[2] == 404], \
        "the start came while the service still hid the request"
    assert local_stack.service.requests[job_id].user_action == "START"


def test_a_refusal_exits_non_zero_and_is_printed_once(qgis_process, local_stack, stack_run):
    jobs_before = set(local_stack.service.requests)
    completed = qgis_process.call(["run", "sentinelhub_batch:run_job", "--", *job_arguments(local_stack, "refused"),
                                   "MAX_PU=50", "TILES=tiles.gpkg", "OUTPUT_FOLDER=results"], cwd=stack_run)

    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert output.count("above the spending limit of 50.00 PU") == 1, output
    assert "8 tiles" in output and "Traceback" not in output
    assert set(local_stack.service.requests) == jobs_before, "nothing was created"


def test_a_done_job_whose_results_cannot_be_read_fails_the_run(qgis_process, local_stack, stack_run, monkeypatch,
                                                             batch_client):
    from emulator.testing import batch_body

    task = batch_client.create(batch_body(local_stack, folder="unreadable-qgis-process"))
    batch_client.start(task.id)
    deadline = time.time() + 60
    while batch_client.get(task.id).status.value != "DONE":
        assert time.time() < deadline
        time.sleep(0.1)
    monkeypatch.setenv("AWS_S3_ENDPOINT", local_stack.base_url)  # answers, but none of the job's files are there

    completed = qgis_process.call(["run", "sentinelhub_batch:wait_for_job", "--", f"JOB_ID={task.id}",
                                   "POLL_SECONDS=0.5"], cwd=stack_run)

    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert output.count("is DONE, but its feature manifest is not at") == 1, output
