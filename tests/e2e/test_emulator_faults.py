"""Faults on demand, set over HTTP (for the demo) or in Python, and how the plugin's client lives with them."""

from __future__ import annotations

import time

import pytest
import requests
from emulator.testing import RawApi, batch_body
from sentinelhub_batch.plugin.core.errors import NotFoundError

pytestmark = pytest.mark.e2e


def _control(stack, method, path, body=None):
    answer = requests.request(method, f"{stack.base_url}/_emulator{path}", json=body, timeout=10)
    assert answer.status_code in (200, 204), answer.text
    return answer.json() if answer.content else None


def test_rate_limit_answers_429_with_retry_after_in_milliseconds(local_stack):
    api = RawApi(local_stack)
    _control(local_stack, "POST", "/faults", {"rules": [{"kind": "status", "status": 429, "count": 1,
                                                         "retryAfterMs": 3398}]})
    limited = api.get("/process")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "3398"
    # Overview/RateLimiting.qmd: the 429 body is flat, not wrapped in "error".
    assert limited.json() == {"status": 429, "reason": "Too Many Requests",
                              "message": "You have exceeded your rate limit", "code": "RATE_LIMIT_EXCEEDED"}
    assert api.get("/process").status_code == 200


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_on_demand(local_stack, status):
    api = RawApi(local_stack)
    local_stack.faults.next_requests(1, status=status, path="/api/v2/batch/tilinggrids")
    failed = api.get("/tilinggrids")
    assert failed.status_code == status and failed.json()["error"]["status"] == status
    assert api.get("/process").status_code == 200
    assert api.get("/tilinggrids").status_code == 200


def test_dropped_connections_close_without_an_answer(local_stack):
    api = RawApi(local_stack)
    _control(local_stack, "POST", "/faults", {"rules": [{"kind": "drop", "count": 1}]})
    with pytest.raises(requests.ConnectionError):
        requests.get(local_stack.batch_url + "/process", headers=api.headers, timeout=10)
    assert api.get("/process").status_code == 200
    assert (("GET", "/api/v2/batch/process", 0)) in local_stack.request_log


def test_slow_answers_arrive_late(local_stack):
    api = RawApi(local_stack)
    local_stack.faults.next_requests(1, "slow", delay=0.4)
    started = time.monotonic()
    assert api.get("/process").status_code == 200
    assert time.monotonic() - started >= 0.4


def test_fault_settings_round_trip_over_http_and_clear(local_stack):
    settings = _control(local_stack, "POST", "/faults", {"randomMix": {"rate": 0.2}, "failingTiles": ["11SKV_9_0"],
                                                         "tileFailureRate": 0.1, "notFoundAfterCreateSeconds": 2})
    assert len(settings["rules"]) == 5 and abs(sum(rule["rate"] for rule in settings["rules"]) - 0.2) < 1e-9
    assert settings["failingTiles"] == ["11SKV_9_0"] and settings["notFoundAfterCreateSeconds"] == 2
    cleared = _control(local_stack, "DELETE", "/faults")
    assert cleared["rules"] == [] and cleared["failingTiles"] == [] and cleared["tileFailureRate"] == 0


def test_control_endpoint_changes_timings(local_stack):
    changed = _control(local_stack, "POST", "/config", {"tile_seconds": 0.05})
    assert changed["tile_seconds"] == 0.05 and local_stack.config.tile_seconds == 0.05
    answer = requests.post(f"{local_stack.base_url}/_emulator/config", json={"no_such_setting": 1}, timeout=10)
    assert answer.status_code == 400 and "no_such_setting" in answer.text


def test_plugin_client_gets_a_new_token_when_one_expires_early(local_stack, batch_client):
    local_stack.faults.token_valid_seconds = 0.3
    first = batch_client.create(batch_body(local_stack))
    time.sleep(0.4)
    assert batch_client.get(first.id).id == first.id
    issued_before = local_stack.tokens.issued
    _control(local_stack, "POST", "/tokens/expire")
    assert batch_client.get(first.id).id == first.id
    assert local_stack.tokens.issued == issued_before + 1


def test_plugin_client_waits_out_the_404_right_after_create(local_stack, batch_client):
    local_stack.faults.not_found_after_create_seconds = 0.2
    task = batch_client.create(batch_body(local_stack))
    assert batch_client.get(task.id).id == task.id
    local_stack.faults.not_found_after_create_seconds = 0
    with pytest.raises(NotFoundError):
        batch_client.get("00000000-0000-4000-8000-000000000000")


def test_a_client_that_did_not_create_the_request_also_waits_out_the_404(local_stack, batch_client):
    """run_job and create_job → start_job act through another client than the one that created the request."""
    from sentinelhub_batch.plugin.core.client import BatchClient
    from sentinelhub_batch.plugin.core.deployments import custom_deployment

    local_stack.faults.not_found_after_create_seconds = 0.3
    task = batch_client.create(batch_body(local_stack))
    with BatchClient(custom_deployment(local_stack.base_url, local_stack.token_url), local_stack.client_id,
                     local_stack.client_secret, retry=batch_client.retry) as other:
        other.analyse(task.id)
        assert other.get(task.id).id == task.id


def test_tile_failure_rate_makes_some_tiles_fatal(local_stack):
    from emulator.testing import tutorial_area

    local_stack.faults.reseed(3)
    local_stack.faults.tile_failure_rate = 0.6
    api = RawApi(local_stack)
    task = api.create(batch_body(local_stack, geometry=tutorial_area("Entire area"), folder="flaky"))
    api.post(f"/process/{task['id']}/start")
    done = api.wait_status(task["id"], "DONE", "FAILED", timeout=60)
    tiles = local_stack.service.requests[task["id"]].tiles
    statuses = {tile.status for tile in tiles}
    assert "FATAL" in statuses and done["status"] in ("DONE", "FAILED")
    assert all(tile.attempts >= 1 for tile in tiles)


def test_make_stack_entry_point_serves_until_sigterm():
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tests.parent / ".build" / "pkgroot"), str(tests)]))
    process = subprocess.Popen([sys.executable, "-m", "emulator.stack", "--fast"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=environment)
    try:
        printed = {}
        deadline = time.time() + 60
        while "S3 endpoint" not in printed and time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("  ") and "  " in line.strip():
                key, _, value = line.strip().partition("  ")
                printed[key.strip()] = value.strip()
        assert printed["base URL"].startswith("http://127.0.0.1:")
        token = requests.post(printed["token URL"], data={"grant_type": "client_credentials",
                                                          "client_id": printed["client id"],
                                                          "client_secret": printed["client secret"]}, timeout=10)
        assert token.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()


def test_the_account_rate_limit_answers_429_until_the_minute_frees(local_stack):
    api = RawApi(local_stack)
    local_stack.config.requests_per_minute = 3
    answers = [api.get("/tilinggrids") for _ in range(4)]
    local_stack.config.requests_per_minute = None
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 0 < int(answers[-1].headers["Retry-After"]) <= 60000


def test_a_lost_answer_to_create_still_creates_and_the_client_does_not_duplicate(local_stack, batch_client):
    marker = f"lost answer {time.time()}"
    local_stack.faults.next_requests(1, "lose_answer", path="/api/v2/batch/process", method="POST")
    task = batch_client.create(batch_body(local_stack, description=marker))
    assert task.description == marker
    found = RawApi(local_stack, realm="CDSE").get("/process", params={"search": marker}).json()["data"]
    assert [item["id"] for item in found] == [task.id]
    assert ("POST", "/api/v2/batch/process", 0) in local_stack.request_log
