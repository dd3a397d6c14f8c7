"""The emulator's Batch v2 HTTP surface matches the spec: tokens, auth, endpoints, bodies, listing, state machine."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from pathlib import Path

import pytest
import requests
from emulator.testing import NDVI_EVALSCRIPT, RawApi, batch_body, tutorial_area, with_changes

pytestmark = pytest.mark.e2e

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "batch-api.md"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
TASK_FIELDS = {"id", "request", "domainAccountId", "status", "error", "userAction", "userActionUpdated", "created",
               "lastUpdated", "completionPercentage", "costPU", "stoppedStatusReason"}


@pytest.fixture
def api(local_stack):
    return RawApi(local_stack)


@pytest.fixture
def cdse_api(local_stack):
    """The emulator answering as CDSE (a token of the CDSE realm): the only deployment with ``search``."""
    return RawApi(local_stack, realm="CDSE")


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


# --- tokens and authentication ----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["token_url", "cdse_token_url"])
def test_token_endpoint_issues_jwt_shaped_bearer_tokens(local_stack, which):
    answer = requests.post(getattr(local_stack, which), data={
        "grant_type": "client_credentials", "client_id": local_stack.client_id,
        "client_secret": local_stack.client_secret}, timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    claims = _claims(body["access_token"])
    assert claims["sub"] == local_stack.client_id
    assert claims["exp"] - claims["iat"] == body["expires_in"]


def test_wrong_client_secret_is_refused_like_keycloak(local_stack):
    answer = requests.post(local_stack.token_url, data={
        "grant_type": "client_credentials", "client_id": local_stack.client_id, "client_secret": "wrong"},
        timeout=10)
    assert answer.status_code == 401
    assert answer.json() == {"error": "unauthorized_client",
                             "error_description": "Invalid client or Invalid client credentials"}


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic abc"])
def test_batch_endpoints_need_a_valid_bearer_token(local_stack, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    answer = requests.get(local_stack.batch_url + "/process", headers=headers, timeout=10)
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["status"] == 401 and error["code"] == "COMMON_UNAUTHORIZED" and error["message"]


def test_a_token_that_expired_early_is_refused(local_stack):
    local_stack.faults.token_valid_seconds = 0.0
    api = RawApi(local_stack)
    answer = api.get("/process")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "COMMON_UNAUTHORIZED"


# --- create and its validation ----------------------------------------------------------------------------


def _spec_example_body(stack) -> dict:
    text = SPEC.read_text(encoding="utf-8")
    block = text.split("### Create body", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    polygon = json.dumps(tutorial_area()["coordinates"])
    block = block.replace('"coordinates": [...]', f'"coordinates": {polygon}')
    body = json.loads(block)
    body["output"]["delivery"]["s3"]["url"] = f"s3://{stack.bucket}/folder"
    return body


def test_the_spec_example_create_body_is_accepted_and_echoed(api, local_stack):
    body = _spec_example_body(local_stack)
    task = api.create(body)
    assert set(task) >= TASK_FIELDS
    assert uuid.UUID(task["id"]).version == 4
    assert task["request"] == body
    assert task["status"] == "CREATED" and task["userAction"] == "NONE" and task["domainAccountId"]
    assert task["completionPercentage"] == 0 and task["costPU"] == 0
    assert ISO_Z.match(task["created"]) and ISO_Z.match(task["lastUpdated"])
    assert api.task(task["id"]) == task


def test_unknown_keys_are_accepted_and_kept(api, local_stack):
    body = batch_body(local_stack)
    body["someFutureOption"] = {"x": 1}
    body["output"]["futureFlag"] = True
    task = api.create(body)
    assert task["request"]["someFutureOption"] == {"x": 1} and task["request"]["output"]["futureFlag"] is True


def _drop_outputs(body):
    del body["processRequest"]["output"]["responses"]


def _empty_outputs(body):
    body["processRequest"]["output"]["responses"] = []


def _template(url):
    def change(body):
        body["output"]["delivery"]["s3"]["url"] = url
    return change


def _both_credentials(body):
    body["output"]["delivery"]["s3"]["iamRoleARN"] = "arn:aws:iam::123456789012:role/batch"


INVALID_BODIES = {
    "unknown grid": (lambda body: body["input"].update(id=42), "input.id"),
    "resolution not in the grid": (lambda body: body["input"].update(resolution=15), "input.resolution"),
    "missing outputs": (_drop_outputs, "processRequest.output.responses"),
    "empty outputs": (_empty_outputs, "processRequest.output.responses"),
    "bad S3 URL": (_template("https://bucket/folder"), "output.delivery.s3.url"),
    "template without tileName": (_template("s3://sh-batch-local/out/<outputId>.<format>"), "output.delivery.s3.url"),
    "several outputs without outputId": (_template("s3://sh-batch-local/out/<tileName>.<format>"),
                                         "output.delivery.s3.url"),
    "iamRoleARN and keys": (_both_credentials, "output.delivery.s3"),
    "unknown input type": (lambda body: body["input"].update(type="shapefile"), "input.type"),
    "unknown collection": (lambda body: body["processRequest"]["input"]["data"][0].update(type="sentinel-9"),
                           "processRequest.input.data[0].type"),
}


@pytest.mark.parametrize("case", sorted(INVALID_BODIES))
def test_invalid_create_bodies_answer_400_with_the_error_body(api, local_stack, case):
    change, parameter = INVALID_BODIES[case]
    answer = api.post("/process", json=with_changes(batch_body(local_stack), change))
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["status"] == 400 and error["reason"] == "Bad Request"
    assert error["code"] == "COMMON_BAD_PAYLOAD" and error["message"]
    assert error["errors"]["parameter"] == parameter
    assert local_stack.s3_secret_key not in answer.text


def test_a_template_with_tile_name_and_one_output_is_accepted(api, local_stack):
    body = batch_body(local_stack, outputs=("ndvi",))
    body["output"]["delivery"]["s3"]["url"] = f"s3://{local_stack.bucket}/flat/<tileName>.<format>"
    assert api.post("/process", json=body).status_code == 201


# --- get, update, list, grids -----------------------------------------------------------------------------


def test_unknown_request_id_answers_404_with_the_error_body(api):
    answer = api.get(f"/process/{uuid.uuid4()}")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "COMMON_NOT_FOUND"
    assert api.post(f"/process/{uuid.uuid4()}/start").status_code == 404


def test_a_new_request_may_404_for_a_while_when_asked_to(api, local_stack):
    local_stack.faults.not_found_after_create_seconds = 0.5
    created_at = time.time()
    task = api.create(batch_body(local_stack))
    assert api.get(f"/process/{task['id']}").status_code == 404
    while api.get(f"/process/{task['id']}").status_code == 404 and time.time() < created_at + 5:
        time.sleep(0.02)
    assert time.time() - created_at >= 0.45
    assert api.task(task["id"])["id"] == task["id"]


def test_put_changes_only_the_description(api, local_stack):
    task = api.create(batch_body(local_stack))
    answer = api.put(f"/process/{task['id']}", json={"description": "renamed"})
    assert answer.status_code == 200 and answer.json()["request"]["description"] == "renamed"
    assert api.task(task["id"])["request"]["description"] == "renamed"
    refused = api.put(f"/process/{task['id']}", json={"description": "x", "input": {}})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "COMMON_BAD_PAYLOAD"


def test_put_while_processing_answers_409(api, local_stack):
    local_stack.config.tile_seconds = 2.0
    task = api.create(batch_body(local_stack))
    assert api.post(f"/process/{task['id']}/start").status_code == 204
    api.wait_status(task["id"], "PROCESSING")
    answer = api.put(f"/process/{task['id']}", json={"description": "busy"})
    assert answer.status_code == 409
    api.post(f"/process/{task['id']}/stop")


def test_listing_pages_with_tokens_search_and_sort(cdse_api, local_stack):
    api = cdse_api
    marker = uuid.uuid4().hex[:10]
    created = [api.create(batch_body(local_stack, description=f"{marker} job {n}"))["id"] for n in range(5)]
    seen, url, params = [], "/process", {"count": 2, "search": marker, "sort": "created"}
    pages = 0
    while True:
        answer = api.get(url, params=params)
        assert answer.status_code == 200
        body = answer.json()
        seen += [task["id"] for task in body["data"]]
        pages += 1
        token = body["links"].get("nextToken")
        if not token:
            break
        assert f"viewtoken={token}" in body["links"]["next"] and body["links"]["next"].startswith("http://")
        params = dict(params, viewtoken=token)
    assert seen == created and pages == 3
    newest = api.get("/process", params={"search": marker, "sort": "created:desc", "count": 1}).json()
    assert newest["data"][0]["id"] == created[-1]
    by_id = api.get("/process", params={"search": created[2]}).json()["data"]
    assert [task["id"] for task in by_id] == [created[2]]
    following = requests.get(api.get("/process", params={"count": 2, "search": marker}).json()["links"]["next"],
                             headers=api.headers, timeout=10)
    assert [task["id"] for task in following.json()["data"]] == created[2:4]


def test_search_is_a_cdse_parameter_sentinel_hub_lists_everything(api, cdse_api, local_stack):
    # CDSE OpenAPI: search (SearchBeanSearch) "a single word … or multiple words separated by | (or) and & (and)";
    # the sentinel-hub.com OpenAPI has no search parameter (ignored: assumptions.IGNORED_UNKNOWN_QUERY_PARAMETERS).
    marker = uuid.uuid4().hex[:10]
    created = [api.create(batch_body(local_stack, description=f"{marker} {word}"))["id"]
               for word in ("ndvi po", "ndvi alps", "flood po")]
    assert [t["id"] for t in cdse_api.get("/process", params={"search": f"{marker} & po", "count": 100})
            .json()["data"]] == [created[0], created[2]]
    assert [t["id"] for t in cdse_api.get("/process", params={"search": f"{marker} ndvi alps | {marker} flood",
                                                              "count": 100}).json()["data"]] == created[1:]
    everything = api.get("/process", params={"search": marker, "count": 100}).json()["data"]
    assert len(everything) == len(local_stack.service.listing()) > 3


def test_listing_sorted_by_status(cdse_api, local_stack):
    api = cdse_api
    marker = uuid.uuid4().hex[:10]
    first = api.create(batch_body(local_stack, description=marker))
    api.create(batch_body(local_stack, description=marker))
    api.post(f"/process/{first['id']}/analyse")
    api.wait_status(first["id"], "ANALYSIS_DONE")
    statuses = [t["status"] for t in api.get("/process", params={"search": marker, "sort": "status"}).json()["data"]]
    assert statuses == sorted(statuses) and len(set(statuses)) == 2
    descending = api.get("/process", params={"search": marker, "sort": "status:desc"}).json()["data"]
    assert [t["status"] for t in descending] == sorted(statuses, reverse=True)


def test_tiling_grids_listing_and_single_grid(api):
    listing = api.get("/tilinggrids").json()
    assert {grid["id"] for grid in listing["data"]} == {0, 1, 2, 3, 6, 7} and "links" in listing
    grid = api.get("/tilinggrids/0").json()
    assert grid["id"] == 0 and grid["properties"]["tileWidth"] == 20040 and grid["properties"]["unit"] == "METRE"
    assert api.get("/tilinggrids/5").status_code == 404


# --- state machine ----------------------------------------------------------------------------------------


def test_analyse_then_start_runs_to_done_with_100_percent_before_done(api, local_stack):
    local_stack.config.done_delay_seconds = 0.5
    task = api.create(batch_body(local_stack))
    assert api.post(f"/process/{task['id']}/analyse").status_code == 204
    analysed = api.wait_status(task["id"], "ANALYSIS_DONE")
    assert analysed["userAction"] == "ANALYSE" and ISO_Z.match(analysed["userActionUpdated"])
    assert api.post(f"/process/{task['id']}/analyse").status_code == 400
    assert api.post(f"/process/{task['id']}/start").status_code == 204
    seen: list = []
    done = api.wait_status(task["id"], "DONE", seen=seen)
    assert ("PROCESSING", 100.0) in seen
    assert done["completionPercentage"] == 100 and done["costPU"] > 0 and done["userAction"] == "START"
    assert api.post(f"/process/{task['id']}/stop").status_code == 400


def test_start_from_created_analyses_first(api, local_stack):
    task = api.create(batch_body(local_stack))
    api.post(f"/process/{task['id']}/start")
    seen: list = []
    api.wait_status(task["id"], "DONE", seen=seen)
    order = [status for status, _ in seen]
    assert order.index("ANALYSING") < order.index("PROCESSING") < order.index("DONE")


def test_stop_while_processing_then_restart_after_the_block(api, local_stack):
    local_stack.config.update({"tile_seconds": 0.4, "max_concurrent_tiles": 2, "restart_block_seconds": 1.0})
    task = api.create(batch_body(local_stack, geometry=tutorial_area("Entire area")))
    api.post(f"/process/{task['id']}/start")
    api.wait_status(task["id"], "PROCESSING")
    assert api.post(f"/process/{task['id']}/stop").status_code == 204
    stopped = api.task(task["id"])
    assert stopped["status"] == "STOPPED" and stopped["stoppedStatusReason"] == "USER_ACTION"
    assert stopped["userAction"] == "STOP" and stopped["completionPercentage"] < 100
    blocked = api.post(f"/process/{task['id']}/start")
    assert blocked.status_code == 400 and "stopped" in blocked.json()["error"]["message"]
    time.sleep(1.1)
    assert api.post(f"/process/{task['id']}/start").status_code == 204
    seen: list = []
    done = api.wait_status(task["id"], "DONE", seen=seen)
    assert "ANALYSIS_DONE" in [status for status, _ in seen] or seen[0][0] == "PROCESSING"
    assert done["completionPercentage"] == 100


@pytest.mark.parametrize("reason", ["OUT_OF_PU", "UNHEALTHY"])
def test_forced_stops_carry_their_reason(api, local_stack, reason):
    local_stack.config.tile_seconds = 1.0
    task = api.create(batch_body(local_stack))
    api.post(f"/process/{task['id']}/start")
    api.wait_status(task["id"], "PROCESSING")
    answer = requests.post(f"{local_stack.base_url}/_emulator/process/{task['id']}/stop",
                           json={"reason": reason}, timeout=10)
    assert answer.status_code == 204
    stopped = api.task(task["id"])
    assert stopped["status"] == "STOPPED" and stopped["stoppedStatusReason"] == reason


def test_running_out_of_processing_units_stops_the_request(api, local_stack):
    # Room for the 1000 PU create needs, plus what tiles of earlier (stopped) requests may still charge meanwhile.
    local_stack.config.account_pu = local_stack.service.pu_spent + 2000
    task = api.create(batch_body(local_stack, geometry=tutorial_area("Entire area"), resolution=10))
    local_stack.config.account_pu = local_stack.service.pu_spent + 0.01
    api.post(f"/process/{task['id']}/start")
    stopped = api.wait_status(task["id"], "STOPPED", "DONE")
    assert stopped["status"] == "STOPPED" and stopped["stoppedStatusReason"] == "OUT_OF_PU"


def test_stop_during_analysis_lets_it_finish_then_stops(api, local_stack):
    local_stack.config.analysis_seconds = 0.6
    task = api.create(batch_body(local_stack))
    api.post(f"/process/{task['id']}/start")
    api.wait_status(task["id"], "ANALYSING")
    assert api.post(f"/process/{task['id']}/stop").status_code == 204
    assert api.task(task["id"])["status"] == "ANALYSING"
    final = api.wait_status(task["id"], "STOPPED", "PROCESSING", "DONE")
    assert final["status"] == "STOPPED" and final["stoppedStatusReason"] == "USER_ACTION"


@pytest.mark.parametrize("evalscript, fragment", [
    ("//VERSION=3\nfunction setup( {", "Failed to evaluate script"),
    ("//VERSION=3\nfunction evaluatePixel(s) { return [1]; }", "no setup()"),
    ("//VERSION=3\nfunction setup() { return {input: ['B04'], output: {id: 'ndvi', bands: 1}}; }",
     "no evaluatePixel()"),
    (NDVI_EVALSCRIPT.replace('id: "mask"', 'id: "other"'), "'mask'"),
    (NDVI_EVALSCRIPT.replace('"B08"', '"B99"'), "B99"),
])
def test_unusable_evalscripts_fail_analysis_with_a_readable_error(api, local_stack, evalscript, fragment):
    task = api.create(batch_body(local_stack, evalscript=evalscript))
    api.post(f"/process/{task['id']}/analyse")
    failed = api.wait_status(task["id"], "FAILED", "ANALYSIS_DONE")
    assert failed["status"] == "FAILED" and fragment in failed["error"]


def test_multipart_create_with_a_separate_evalscript_part(api, local_stack):
    body = batch_body(local_stack)
    evalscript = body["processRequest"].pop("evalscript")
    answer = api.post("/process", files={"request": (None, json.dumps(body), "application/json"),
                                         "evalscript": (None, evalscript, "application/javascript")})
    assert answer.status_code == 201, answer.text
    assert answer.json()["request"]["processRequest"]["evalscript"] == evalscript


def test_crs_of_the_bounds_is_honoured(api, local_stack):
    from pyproj import Transformer
    from shapely.geometry import mapping, shape
    from shapely.ops import transform

    to_utm = Transformer.from_crs(4326, 32611, always_xy=True)
    area = transform(to_utm.transform, shape(tutorial_area()))
    body = batch_body(local_stack, geometry=mapping(area))
    body["processRequest"]["input"]["bounds"]["properties"]["crs"] = "http://www.opengis.net/def/crs/EPSG/0/32611"
    lonlat = api.create(batch_body(local_stack))
    utm = api.create(body)
    for task in (lonlat, utm):
        api.post(f"/process/{task['id']}/analyse")
    assert api.wait_status(utm["id"], "ANALYSIS_DONE", "FAILED")["status"] == "ANALYSIS_DONE"
    api.wait_status(lonlat["id"], "ANALYSIS_DONE")
    tiles = {task["id"]: sorted(t.name for t in local_stack.service.requests[task["id"]].tiles)
             for task in (lonlat, utm)}
    assert tiles[lonlat["id"]] == tiles[utm["id"]] and tiles[utm["id"]]


def test_secrets_can_be_masked_in_the_echoed_request(cdse_api, local_stack):
    api = cdse_api
    local_stack.config.echo_secrets = False
    task = api.create(batch_body(local_stack))
    listed = api.get("/process", params={"search": task["id"]}).json()["data"][0]
    for shown in (task, api.task(task["id"]), listed):
        assert local_stack.s3_secret_key not in json.dumps(shown)
        assert shown["request"]["output"]["delivery"]["s3"]["accessKey"] == local_stack.s3_access_key
    local_stack.config.echo_secrets = True
    assert api.task(task["id"])["request"]["output"]["delivery"]["s3"]["secretAccessKey"] == local_stack.s3_secret_key
