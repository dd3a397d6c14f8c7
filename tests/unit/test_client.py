"""The Batch v2 client against a real HTTP server on loopback."""

from __future__ import annotations

import time

import pytest
from closing import opened
from scripted_server import DROP, ScriptedServer, sequence, token_endpoint
from sentinelhub_batch.plugin.core.client import BatchClient, RecentlyCreatedJobs
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import (
    ApiError,
    AuthenticationError,
    ConnectionFailedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
)
from sentinelhub_batch.plugin.core.models import StoppedReason, TaskStatus
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from sentinelhub_batch.plugin.core.transport import NetworkOptions

FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, not_found_after_create=5.0, timeout=5.0)
TASK_ID = "0b7d8f44-2f7a-4a3b-9d3c-1c5b0e7e9a10"


def task(status="CREATED", task_id=TASK_ID, **extra):
    return {"id": task_id, "status": status, "request": {"description": "d"}, "created": "2026-11-25T06:00:00.123Z",
            **extra}


@pytest.fixture
def server():
    server = ScriptedServer()
    yield server
    server.stop()


@pytest.fixture
def issued(server):
    return token_endpoint(server)


def make_client(server, retry=FAST, secret="secret", realm="main", **kwargs):
    deployment = custom_deployment(server.url, server.url + f"/auth/realms/{realm}/protocol/openid-connect/token")
    return opened(BatchClient(deployment, "client", secret, retry=retry, **kwargs))


def test_token_is_reused_and_sent_as_bearer(server, issued):
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task())
    client = make_client(server)
    for _ in range(3):
        assert client.get(TASK_ID).status is TaskStatus.CREATED
    assert issued == ["token-1"]
    assert all(r.headers["Authorization"] == "Bearer token-1" for r in server.calls("GET", "/api/v2/batch/.*"))


def test_clients_given_one_token_provider_share_its_token(server, issued):
    from sentinelhub_batch.plugin.core.auth import TokenProvider

    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task())
    tokens = TokenProvider(server.url + "/auth/realms/main/protocol/openid-connect/token", "client", "secret")
    clients = [make_client(server, token_provider=tokens) for _ in range(3)]
    for client in clients:
        client.get(TASK_ID)
        client.close()
    assert issued == ["token-1"] and all(client.tokens is tokens for client in clients)
    make_client(server).get(TASK_ID)
    assert issued == ["token-1", "token-2"], "without a provider a client fetches its own token"


def test_token_is_refreshed_shortly_before_it_expires(server):
    issued = token_endpoint(server, expires_in=300)
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task())
    client = make_client(server)
    now = [1000.0]
    client.tokens._clock = lambda: now[0]
    client.get(TASK_ID)
    now[0] += 200  # 100 s left: still outside the refresh margin
    client.get(TASK_ID)
    assert issued == ["token-1"]
    now[0] += 20  # 80 s left: inside the margin, refresh before it expires
    client.get(TASK_ID)
    assert issued == ["token-1", "token-2"]


def test_401_refreshes_the_token_once_and_retries(server, issued):
    def handler(request):
        if request.headers["Authorization"] == "Bearer token-1":
            return 401, {}, ""
        return task()

    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", handler)
    assert make_client(server).get(TASK_ID).id == TASK_ID
    assert issued == ["token-1", "token-2"]


def test_persistent_401_fails_after_one_refresh(server, issued):
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: (401, {}, ""))
    with pytest.raises(AuthenticationError):
        make_client(server).get(TASK_ID)
    assert len(issued) == 2


def test_wrong_credentials_are_reported_without_the_secret(server, issued):
    with pytest.raises(AuthenticationError) as caught:
        make_client(server, secret="wrong-secret-value").get(TASK_ID)
    text = str(caught.value)
    assert "Invalid client" in text and "client id or secret" in text
    assert "wrong-secret-value" not in text and "wrong-secret-value" not in repr(caught.value.args)


def test_429_waits_for_retry_after_in_milliseconds(server, issued):
    limited = (429, {"Retry-After": "300"}, {"error": {"status": 429, "reason": "Too Many Requests",
                                                       "message": "slow down", "code": "RATE_LIMIT_EXCEEDED"}})
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", sequence(limited, limited, task()))
    client = make_client(server)
    started = time.monotonic()
    assert client.get(TASK_ID).id == TASK_ID
    assert time.monotonic() - started >= 0.6
    calls = server.calls("GET", f"/api/v2/batch/process/{TASK_ID}")
    assert len(calls) == 3
    assert calls[1].at - calls[0].at >= 0.3 and calls[2].at - calls[1].at >= 0.3


def test_429_gives_up_when_the_waits_exceed_the_budget(server, issued):
    server.route("GET", "/api/v2/batch/process/.*", lambda r: (429, {"Retry-After": "60000"}, ""))
    client = make_client(server, retry=RetryPolicy(rate_limit_total_wait=10))
    with pytest.raises(RateLimitError) as caught:
        client.get(TASK_ID)
    assert "try again later" in str(caught.value)
    assert len(server.calls("GET", "/api/v2/batch/process/.*")) == 1


def test_500_backs_off_and_fails_after_a_bounded_number_of_tries(server, issued):
    server.route("GET", "/api/v2/batch/process/.*", lambda r: (500, {}, "<html>Internal error</html>"))
    client = make_client(server, retry=RetryPolicy(server_error_retries=3, backoff_initial=0.05, backoff_max=1))
    started = time.monotonic()
    with pytest.raises(ServiceUnavailableError) as caught:
        client.get(TASK_ID)
    calls = server.calls("GET", "/api/v2/batch/process/.*")
    assert len(calls) == 4
    gaps = [later.at - earlier.at for earlier, later in zip(calls, calls[1:])]
    assert gaps[2] > gaps[0]  # exponential, not constant
    assert time.monotonic() - started < 5
    assert "500" in str(caught.value) and "try again later" in str(caught.value)


def test_dropped_connections_are_retried(server, issued):
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", sequence(DROP, DROP, task("PROCESSING")))
    assert make_client(server).get(TASK_ID).status is TaskStatus.PROCESSING


def test_unreachable_service_fails_with_a_clear_message():
    deployment = custom_deployment("http://127.0.0.1:9", "http://127.0.0.1:9/token")
    client = opened(BatchClient(deployment, "client", "secret", retry=RetryPolicy(server_error_retries=1,
                                                                                 backoff_initial=0.01)))
    with pytest.raises(ConnectionFailedError) as caught:
        client.get(TASK_ID)
    assert "Could not reach" in str(caught.value) and "proxy" in str(caught.value)


def test_404_right_after_create_is_retried_but_not_later(server, issued):
    server.route("POST", "/api/v2/batch/process", lambda r: (201, {}, task()))
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", sequence(
        (404, {}, {"error": {"status": 404, "reason": "Not Found", "message": "not found", "code": "COMMON_NOT_FOUND"}}),
        (404, {}, ""), task("CREATED")))
    client = make_client(server)
    created = client.create({"processRequest": {}})
    assert client.get(created.id).status is TaskStatus.CREATED
    assert len(server.calls("GET", f"/api/v2/batch/process/{TASK_ID}")) == 3

    other = "11111111-2222-3333-4444-555555555555"
    server.route("GET", f"/api/v2/batch/process/{other}", lambda r: (404, {}, {"error": {
        "status": 404, "reason": "Not Found", "message": f"Request {other} not found", "code": "COMMON_NOT_FOUND"}}))
    with pytest.raises(NotFoundError) as caught:
        client.get(other)
    assert caught.value.code == "COMMON_NOT_FOUND" and other in caught.value.message
    assert len(server.calls("GET", f"/api/v2/batch/process/{other}")) == 1


def test_error_bodies_are_decoded(server, issued):
    body = {"error": {"status": 400, "reason": "Bad Request", "message": "Invalid resolution 15 for grid 1",
                      "code": "COMMON_BAD_PAYLOAD", "errors": {"input.resolution": "not allowed"}}}
    server.route("POST", "/api/v2/batch/process", lambda r: (400, {}, body))
    server.route("POST", f"/api/v2/batch/process/{TASK_ID}/start", lambda r: (403, {}, ""))
    client = make_client(server)
    with pytest.raises(ApiError) as caught:
        client.create({"processRequest": {}})
    error = caught.value
    assert (error.status, error.code, error.reason) == (400, "COMMON_BAD_PAYLOAD", "Bad Request")
    assert error.message == "Invalid resolution 15 for grid 1"
    assert error.errors == {"input.resolution": "not allowed"}
    assert "Invalid resolution 15 for grid 1" in str(error) and "COMMON_BAD_PAYLOAD" in str(error)
    with pytest.raises(PermissionDeniedError) as caught:
        client.start(TASK_ID)
    assert "quota" in str(caught.value)
    assert len(server.calls("POST", "/api/v2/batch/process")) == 1


def test_a_flat_rate_limit_body_keeps_its_code(server, issued):
    # Overview/RateLimiting.qmd: the 429 body is flat, not wrapped in "error".
    body = {"status": 429, "reason": "Too Many Requests", "message": "You have exceeded your rate limit",
            "code": "RATE_LIMIT_EXCEEDED"}
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: (429, {"Retry-After": "1"}, body))
    with pytest.raises(RateLimitError) as caught:
        make_client(server, retry=RetryPolicy(rate_limit_retries=1, timeout=5.0)).get(TASK_ID)
    error = caught.value
    assert (error.status, error.code, error.reason) == (429, "RATE_LIMIT_EXCEEDED", "Too Many Requests")
    assert error.message.startswith("You have exceeded your rate limit")
    assert "RATE_LIMIT_EXCEEDED" in str(error)


def test_an_illegal_action_answers_400_as_the_openapi_lists(server, issued):
    # POST .../start lists 204, 400, 401, 403, 404 (no 409) in both OpenAPIs.
    body = {"error": {"status": 400, "reason": "Bad Request", "message": "Request is DONE.",
                      "code": "COMMON_BAD_PAYLOAD"}}
    server.route("POST", f"/api/v2/batch/process/{TASK_ID}/start", lambda r: (400, {}, body))
    with pytest.raises(ApiError) as caught:
        make_client(server).start(TASK_ID)
    assert (caught.value.status, caught.value.code, caught.value.message) == (400, "COMMON_BAD_PAYLOAD",
                                                                              "Request is DONE.")


def list_pages(count_per_page=2, total=5, use_next_url=False):
    items = [task("DONE", task_id=f"00000000-0000-0000-0000-{n:012d}") for n in range(total)]

    def handler(request):
        start = int(request.query.get("viewtoken", ["0"])[0])
        count = int(request.query.get("count", [count_per_page])[0])
        page = items[start:start + count]
        links = {}
        if start + count < total:
            if use_next_url:
                links["next"] = f"http://example.invalid/api/v2/batch/process?viewtoken={start + count}&count={count}"
            else:
                links["nextToken"] = str(start + count)
        return {"data": page, "links": links}

    return items, handler


@pytest.mark.parametrize("use_next_url", [False, True])
def test_iter_tasks_follows_every_page(server, use_next_url):
    token_endpoint(server, realm="CDSE")
    items, handler = list_pages(use_next_url=use_next_url)
    server.route("GET", "/api/v2/batch/process", handler)
    tasks = list(make_client(server, realm="CDSE").iter_tasks(count=2, search="d", sort="created:desc"))
    assert [t.id for t in tasks] == [item["id"] for item in items]
    calls = server.calls("GET", "/api/v2/batch/process")
    assert len(calls) == 3
    assert calls[0].query == {"count": ["2"], "search": ["d"], "sort": ["created:desc"]}
    assert calls[1].query["viewtoken"] == ["2"]


def test_search_is_sent_to_cdse_only_and_done_locally_elsewhere(server, issued):
    # The CDSE OpenAPI lists the parameter search (SearchBeanSearch); the sentinel-hub.com OpenAPI lists only count,
    # viewtoken and sort for GET /api/v2/batch/process.
    described = [task("DONE", task_id=f"00000000-0000-0000-0000-{n:012d}", request={"description": text})
                 for n, text in enumerate(["NDVI Corsica", "Flood Po", "ndvi Po valley", "S1 Corsica", "NDVI Alps"])]

    def handler(request):
        start = int(request.query.get("viewtoken", ["0"])[0])
        links = {"nextToken": str(start + 2)} if start + 2 < len(described) else {}
        return {"data": described[start:start + 2], "links": links}

    server.route("GET", "/api/v2/batch/process", handler)
    client = make_client(server)
    assert [t.description for t in client.iter_tasks(search="ndvi", count=2)] == \
        ["NDVI Corsica", "ndvi Po valley", "NDVI Alps"]
    assert all("search" not in call.query for call in server.calls("GET", "/api/v2/batch/process"))
    # "multiple words separated by the | (or) and & (and) operators"
    assert [t.description for t in client.iter_tasks(search="ndvi & po | s1", count=2)] == \
        ["ndvi Po valley", "S1 Corsica"]
    # The id is searched too; a page emptied by the filter still leads to the next one.
    page, token = client.list_page(search="000000000004", count=2)
    assert page == [] and token == "2"
    assert [t.id for t in client.iter_tasks(search="000000000004")] == [described[4]["id"]]


def test_latest_asks_for_the_newest_request(server, issued):
    server.route("GET", "/api/v2/batch/process", lambda r: {"data": [task("PROCESSING")], "links": {}})
    client = make_client(server)
    assert client.latest().status is TaskStatus.PROCESSING
    assert server.calls("GET", "/api/v2/batch/process")[0].query == {"sort": ["created:desc"], "count": ["1"]}
    server.route("GET", "/api/v2/batch/process", lambda r: {"data": [], "links": {}})
    assert client.latest() is None
    with pytest.raises(ValueError):
        client.list_page(sort="newest")


def test_actions_and_description_hit_the_documented_endpoints(server, issued):
    for action in ("analyse", "start", "stop"):
        server.route("POST", f"/api/v2/batch/process/{TASK_ID}/{action}", lambda r: (204, {}, b""))
    server.route("PUT", f"/api/v2/batch/process/{TASK_ID}", lambda r: task())
    client = make_client(server)
    client.analyse(TASK_ID)
    client.start(TASK_ID)
    client.stop(TASK_ID)
    client.update_description(TASK_ID, "new text")
    assert [(r.method, r.path) for r in server.requests if "/api/" in r.path] == [
        ("POST", f"/api/v2/batch/process/{TASK_ID}/analyse"),
        ("POST", f"/api/v2/batch/process/{TASK_ID}/start"),
        ("POST", f"/api/v2/batch/process/{TASK_ID}/stop"),
        ("PUT", f"/api/v2/batch/process/{TASK_ID}"),
    ]
    assert server.calls("PUT", ".*")[0].json() == {"description": "new text"}
    assert all(not r.body for r in server.calls("POST", "/api/v2/batch/process/.*/(analyse|start|stop)"))


def test_a_retried_start_that_had_landed_is_not_an_error(server, issued):
    server.route("POST", f"/api/v2/batch/process/{TASK_ID}/start", sequence(
        DROP, (409, {}, {"error": {"status": 409, "message": "already started", "code": "COMMON_BAD_PAYLOAD"}})))
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task("ANALYSING", userAction="START"))
    make_client(server).start(TASK_ID)


def test_a_dropped_create_that_landed_is_not_created_twice(server, issued):
    body = {"processRequest": {"evalscript": "x"}, "description": "once", "input": {"type": "tiling-grid", "id": 1}}
    created = []

    def create(request):
        created.append(task(request=request.json(), created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        return DROP

    server.route("POST", "/api/v2/batch/process", create)
    server.route("GET", "/api/v2/batch/process", lambda r: {"data": list(reversed(created)), "links": {}})
    result = make_client(server).create(body)
    assert result.id == TASK_ID and len(created) == 1


def test_unknown_fields_are_kept_and_typed_fields_read(server, issued):
    raw = task("STOPPED", stoppedStatusReason="OUT_OF_PU", completionPercentage=42.5, costPU=12.25,
               brandNewField={"x": 1}, lastUpdated="2026-11-25T06:30:00Z")
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: raw)
    got = make_client(server).get(TASK_ID)
    assert got.raw["brandNewField"] == {"x": 1}
    assert got.stopped_status_reason is StoppedReason.OUT_OF_PU
    assert (got.completion_percentage, got.cost_pu) == (42.5, 12.25)
    assert got.created.microsecond == 123000 and got.last_updated.minute == 30
    assert "ran out of processing units" in got.status_summary()


def test_an_unknown_status_is_kept_not_rejected(server, issued):
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task("QUEUED_FOR_SOMETHING"))
    got = make_client(server).get(TASK_ID)
    assert got.status is TaskStatus.UNKNOWN and got.status_text == "QUEUED_FOR_SOMETHING"


def test_the_proxy_given_by_the_shell_is_used(server, issued):
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: task())
    # Nothing listens on 127.0.0.2:9; only the proxy (our server) can answer.
    deployment = custom_deployment("http://127.0.0.2:9", "http://127.0.0.2:9/auth/realms/main/protocol/openid-connect/token")
    client = opened(BatchClient(deployment, "client", "secret", retry=FAST, network=NetworkOptions({"http": server.url})))
    assert client.get(TASK_ID).id == TASK_ID
    assert issued == ["token-1"]


def test_plain_http_is_refused_for_remote_hosts():
    from sentinelhub_batch.plugin.core.errors import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="https"):
        custom_deployment("http://services.example.com", "https://auth.example.com/token")


def not_found(task_id=TASK_ID):
    return 404, {}, {"error": {"status": 404, "reason": "Not Found", "message": f"Request {task_id} not found",
                               "code": "COMMON_NOT_FOUND"}}


def test_any_client_retries_404s_of_a_request_created_moments_ago(server, issued):
    """run_job / create_job → start_job act through a client other than the one that created the request."""
    server.route("POST", "/api/v2/batch/process", lambda r: (201, {}, task()))
    server.route("POST", f"/api/v2/batch/process/{TASK_ID}/start", sequence(not_found(), not_found(), (204, {}, "")))
    registry = RecentlyCreatedJobs()
    make_client(server, recently_created=registry).create({"processRequest": {}})
    make_client(server, recently_created=registry).start(TASK_ID)
    assert len(server.calls("POST", f"/api/v2/batch/process/{TASK_ID}/start")) == 3


def test_a_later_process_knows_the_request_was_just_created(server, issued, tmp_path):
    server.route("POST", "/api/v2/batch/process", lambda r: (201, {}, task()))
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", sequence(not_found(), task("CREATED")))
    state = tmp_path / "recent-jobs.json"
    make_client(server, recently_created=RecentlyCreatedJobs(state)).create({"processRequest": {}})
    assert make_client(server, recently_created=RecentlyCreatedJobs(state)).get(TASK_ID).id == TASK_ID
    server.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: not_found())
    with pytest.raises(NotFoundError):
        make_client(server, recently_created=RecentlyCreatedJobs(tmp_path / "other.json")).get(TASK_ID)


def test_requests_created_long_ago_are_forgotten(tmp_path):
    now = [1000.0]
    registry = RecentlyCreatedJobs(tmp_path / "recent.json", keep_seconds=600, clock=lambda: now[0])
    registry.add("http://127.0.0.1:1", TASK_ID)
    now[0] += 30
    assert registry.seconds_since_created("http://127.0.0.1:1", TASK_ID) == 30
    assert registry.seconds_since_created("http://127.0.0.1:2", TASK_ID) is None
    now[0] += 600
    assert registry.seconds_since_created("http://127.0.0.1:1", TASK_ID) is None


@pytest.mark.parametrize("refusal", [429, 503])
def test_a_create_the_service_refused_is_posted_again_without_a_lookup(server, issued, refusal):
    server.route("POST", "/api/v2/batch/process", sequence((refusal, {"Retry-After": "10"}, {
        "status": refusal, "reason": "Too Many Requests", "message": "slow down", "code": "RATE_LIMIT_EXCEEDED"}),
        (201, {}, task())))
    assert make_client(server).create({"processRequest": {}}).id == TASK_ID
    assert server.calls("GET", "/api/v2/batch/process") == []
    assert len(server.calls("POST", "/api/v2/batch/process")) == 2
