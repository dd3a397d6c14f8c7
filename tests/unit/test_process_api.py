"""Process API core: request building and its limits, sending with the client's auth/retries, reading answers."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from closing import opened
from scripted_server import DROP, ScriptedServer, sequence, token_endpoint
from sentinelhub_batch.plugin.core.client import BatchClient
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import ApiError, InvalidRequestError, ServiceUnavailableError
from sentinelhub_batch.plugin.core.process_api import (
    TRUE_COLOR_EVALSCRIPT,
    ProcessInputs,
    ProcessResponseError,
    ProcessResult,
    build_process_request,
    clip_to_extent,
    in_metric_crs,
    process,
    quick_look_request,
    safe_member_name,
    size_for_long_side,
    unpack_tar,
)
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from shapely.geometry import MultiPolygon, Polygon, box, shape

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, timeout=5.0)
PROCESS_PATH = "/api/v1/process"


@pytest.fixture(scope="module")
def tutorial_evalscript() -> str:
    return (DATA / "interpolation_evalscript.js").read_text()


@pytest.fixture(scope="module")
def sub_area():
    features = json.loads((DATA / "california_crop_fields.geojson").read_text())["features"]
    return next(shape(f["geometry"]) for f in features if f["properties"]["name"] == "Test sub-area")


@pytest.fixture
def inputs(sub_area, tutorial_evalscript) -> ProcessInputs:
    return ProcessInputs(sub_area, 4326, tutorial_evalscript, "sentinel-2-l1c", "2020-07-01", "2020-07-30")


@pytest.fixture
def server():
    server = ScriptedServer()
    token_endpoint(server)
    yield server
    server.stop()


def make_client(server: ScriptedServer) -> BatchClient:
    deployment = custom_deployment(server.url, server.url + "/auth/realms/main/protocol/openid-connect/token")
    return opened(BatchClient(deployment, "client", "secret", retry=FAST))


def tar_of(*members) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for member in members:
            info, content = member if isinstance(member, tuple) else (member, b"")
            if isinstance(info, str):
                info = tarfile.TarInfo(info)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


# --- building the request ------------------------------------------------------------------------------------


def test_tutorial_test_request_in_utm_at_10_m(inputs):
    request = build_process_request(in_metric_crs(inputs), resx=10, resy=10)
    bounds = request["input"]["bounds"]
    assert bounds["properties"]["crs"] == "http://www.opengis.net/def/crs/EPSG/0/32611"
    xmin, ymin, xmax, ymax = MultiPolygon([Polygon(p[0]) for p in bounds["geometry"]["coordinates"]]).bounds
    assert 5500 < xmax - xmin < 6000 and 4400 < ymax - ymin < 4800  # about 5.8 km × 4.6 km
    assert request["output"]["resx"] == 10 and request["output"]["resy"] == 10
    assert "width" not in request["output"]
    assert request["output"]["responses"] == [{"identifier": "NDVI", "format": {"type": "image/tiff"}},
                                              {"identifier": "data_mask", "format": {"type": "image/tiff"}}]
    assert request["input"]["data"] == [{"type": "sentinel-2-l1c", "dataFilter": {"timeRange": {
        "from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"}}}]
    assert request["evalscript"] == inputs.evalscript


def test_quick_look_is_true_colour_512_on_the_long_side(inputs):
    request = quick_look_request(inputs)
    assert request["evalscript"] == TRUE_COLOR_EVALSCRIPT
    assert request["output"]["width"] == 512
    xmin, ymin, xmax, ymax = inputs.area.bounds
    assert request["output"]["height"] == round(512 * (ymax - ymin) / (xmax - xmin))
    assert request["output"]["responses"] == [{"identifier": "default", "format": {"type": "image/tiff"}}]
    assert request["input"]["bounds"]["properties"]["crs"].endswith("/CRS84")
    assert request["input"]["data"][0]["dataFilter"]["mosaickingOrder"] == "leastCC"


def test_size_for_long_side_keeps_square_pixels():
    assert size_for_long_side((0, 0, 100, 50)) == (512, 256)
    assert size_for_long_side((0, 0, 10, 40), 400) == (100, 400)


@pytest.mark.parametrize("size", [{"width": 0, "height": 10}, {"width": 2501, "height": 10},
                                  {"width": 100, "height": 3000}])
def test_sizes_outside_1_to_2500_px_are_refused(inputs, size):
    with pytest.raises(InvalidRequestError, match="1 to 2500 px"):
        build_process_request(inputs, **size)


def test_size_and_resolution_together_are_refused(inputs):
    with pytest.raises(InvalidRequestError, match="not both"):
        build_process_request(inputs, width=100, height=100, resx=10, resy=10)


def test_half_a_pair_is_refused(inputs):
    with pytest.raises(InvalidRequestError, match="both"):
        build_process_request(inputs, width=100)
    with pytest.raises(InvalidRequestError, match="both axes"):
        build_process_request(in_metric_crs(inputs), resx=10)
    with pytest.raises(InvalidRequestError, match="size"):
        build_process_request(inputs)


def test_resolution_too_fine_for_2500_px_names_one_that_fits(inputs):
    metric = in_metric_crs(inputs)
    with pytest.raises(InvalidRequestError, match="at most 2500 px") as caught:
        build_process_request(metric, resx=1, resy=1)
    suggested = float(str(caught.value).split("resolution of at least ")[1].split(" ")[0])
    request = build_process_request(metric, resx=suggested, resy=suggested)
    assert request["output"]["resx"] == suggested


def test_outputs_must_exist_in_setup_and_be_unique(inputs):
    with pytest.raises(InvalidRequestError, match="'NDWI' is not produced"):
        build_process_request(inputs, width=10, height=10, outputs=[("NDWI", "image/tiff")])
    with pytest.raises(InvalidRequestError, match="unique"):
        build_process_request(inputs, width=10, height=10, outputs=[("NDVI", "image/tiff"), ("NDVI", "image/png")])
    with pytest.raises(InvalidRequestError, match="no outputs"):
        build_process_request(inputs, width=10, height=10, outputs=[])
    with pytest.raises(InvalidRequestError, match="format"):
        build_process_request(inputs, width=10, height=10, outputs=[("NDVI", "image/gif")])


def test_broken_script_is_refused_locally_unless_the_service_should_judge(inputs):
    from dataclasses import replace

    broken = replace(inputs, evalscript="//VERSION=3\nfunction setup( {")
    with pytest.raises(InvalidRequestError, match="syntax error"):
        build_process_request(broken, width=10, height=10)
    request = build_process_request(broken, width=10, height=10, check_evalscript=False)
    assert request["evalscript"] == broken.evalscript
    assert request["output"]["responses"] == [{"identifier": "default", "format": {"type": "image/tiff"}}]


def test_bbox_renders_an_extent_and_the_area_masks_inside_it(inputs):
    request = build_process_request(inputs, width=64, height=64, bbox=(-119.27, 36.05, -119.25, 36.07))
    bounds = request["input"]["bounds"]
    assert bounds["bbox"] == [-119.27, 36.05, -119.25, 36.07]
    assert bounds["geometry"]["type"] == "MultiPolygon"
    with pytest.raises(InvalidRequestError, match="empty or inverted"):
        build_process_request(inputs, width=64, height=64, bbox=(1, 1, 0, 2))


def test_bad_time_and_filters_are_refused(inputs):
    from dataclasses import replace

    with pytest.raises(InvalidRequestError, match="ends"):
        build_process_request(replace(inputs, time_from="2020-08-01"), width=10, height=10)
    with pytest.raises(InvalidRequestError, match="cloud"):
        build_process_request(replace(inputs, max_cloud_coverage=120), width=10, height=10)
    with pytest.raises(InvalidRequestError, match="Mosaicking"):
        build_process_request(replace(inputs, mosaicking_order="newest"), width=10, height=10)


def test_metric_crs_keeps_projected_areas_and_moves_degrees_to_utm(inputs):
    metric = in_metric_crs(inputs)
    assert metric.area_crs == 32611
    assert metric.area.area == pytest.approx(5.8e3 * 4.5e3, rel=0.05)
    assert in_metric_crs(metric) is metric
    southern = ProcessInputs(box(150.9, -34.0, 151.0, -33.9), "EPSG:4326", "x", "sentinel-2-l1c", "2020-01-01",
                             "2020-01-02")
    assert in_metric_crs(southern).area_crs == 32756


def test_clip_to_extent(inputs):
    clipped = clip_to_extent(inputs, (-119.25, 36.0, -119.0, 36.2))
    assert clipped.area.bounds[0] == pytest.approx(-119.25)
    assert clipped.area.bounds[2] == pytest.approx(-119.2135, abs=1e-3)
    with pytest.raises(InvalidRequestError, match="does not overlap"):
        clip_to_extent(inputs, (0, 0, 1, 1))


# --- reading answers -----------------------------------------------------------------------------------------


def test_tar_members_are_unpacked_by_name():
    files = unpack_tar(tar_of(("NDVI.tif", b"ndvi"), ("./data_mask.tif", b"mask"), ("userdata.json", b"{}")))
    assert files == {"NDVI.tif": b"ndvi", "data_mask.tif": b"mask", "userdata.json": b"{}"}


@pytest.mark.parametrize("name", ["../evil.tif", "/etc/passwd", "a/../../b.tif", "C:/x.tif", "..\\x.tif"])
def test_tar_path_traversal_is_refused(name):
    with pytest.raises(ProcessResponseError, match="not a plain relative name"):
        unpack_tar(tar_of((name, b"x")))


def test_tar_links_are_refused():
    link = tarfile.TarInfo("NDVI.tif")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    with pytest.raises(ProcessResponseError, match="not a regular file"):
        unpack_tar(tar_of(link))


def test_garbage_is_not_a_tar():
    with pytest.raises(ProcessResponseError, match="could not be read"):
        unpack_tar(b"not a tar at all")


def test_write_to_stays_inside_the_folder(tmp_path):
    result = ProcessResult({"NDVI.tif": b"1", "sub/x.tif": b"2"}, 1.0)
    paths = result.write_to(tmp_path / "out")
    assert [p.read_bytes() for p in paths] == [b"1", b"2"]
    assert all((tmp_path / "out") in p.parents for p in paths)
    with pytest.raises(ProcessResponseError):
        ProcessResult({"../x.tif": b"1"}, None).write_to(tmp_path / "out")
    assert not (tmp_path / "x.tif").exists()
    assert safe_member_name("./a/b.tif") == "a/b.tif"


# --- talking to the service ----------------------------------------------------------------------------------


def test_single_output_comes_back_as_the_image_named_after_its_identifier(server, inputs):
    server.route("POST", PROCESS_PATH, lambda r: (200, {"Content-Type": "image/tiff",
                                                        "x-processingunits-spent": "0.6309"}, b"II*\x00tiff"))
    request = quick_look_request(inputs)
    result = process(make_client(server), request)
    assert result.files == {"default.tif": b"II*\x00tiff"}
    assert result.pu_spent == pytest.approx(0.6309)
    sent = server.calls("POST", PROCESS_PATH)[0]
    assert sent.headers["Authorization"] == "Bearer token-1"
    assert sent.headers["Accept"] == "image/tiff"
    assert sent.json() == request


def test_several_outputs_ask_for_a_tar_and_unpack_it(server, inputs):
    body = tar_of(("NDVI.tif", b"ndvi"), ("data_mask.tif", b"mask"))
    server.route("POST", PROCESS_PATH, lambda r: (200, {"Content-Type": "application/tar"}, body))
    result = process(make_client(server), build_process_request(in_metric_crs(inputs), resx=20, resy=20))
    assert server.calls("POST", PROCESS_PATH)[0].headers["Accept"] == "application/tar"
    assert result.files == {"NDVI.tif": b"ndvi", "data_mask.tif": b"mask"}
    assert result.pu_spent is None


def test_several_outputs_answered_as_one_image_is_an_error(server, inputs):
    server.route("POST", PROCESS_PATH, lambda r: (200, {"Content-Type": "image/tiff"}, b"II*\x00"))
    with pytest.raises(ProcessResponseError, match="instead of a TAR"):
        process(make_client(server), build_process_request(in_metric_crs(inputs), resx=20, resy=20))


def test_renderer_exception_carries_the_scripts_message(server, inputs):
    message = "Failed to evaluate script! evaluatePixel: ReferenceError: B99 is not defined"
    server.route("POST", PROCESS_PATH, lambda r: (400, {}, {"error": {
        "status": 400, "reason": "Bad Request", "message": message, "code": "RENDERER_EXCEPTION"}}))
    with pytest.raises(ApiError) as caught:
        process(make_client(server), quick_look_request(inputs))
    assert caught.value.status == 400
    assert caught.value.code == "RENDERER_EXCEPTION"
    assert caught.value.message == message
    assert len(server.calls("POST", PROCESS_PATH)) == 1


def test_rate_limits_server_errors_and_drops_are_retried(server, inputs):
    answers = sequence((429, {"Retry-After": "20"}, {"error": {"status": 429, "message": "slow down"}}),
                       (503, {}, ""), DROP, (200, {"Content-Type": "image/png"}, b"\x89PNG"))
    server.route("POST", PROCESS_PATH, answers)
    result = process(make_client(server), build_process_request(
        inputs, width=10, height=10, outputs=[("NDVI", "image/png")]))
    assert result.files == {"NDVI.png": b"\x89PNG"}
    assert len(server.calls("POST", PROCESS_PATH)) == 4


def test_server_errors_give_up_with_a_clear_error(server, inputs):
    server.route("POST", PROCESS_PATH, lambda r: (502, {}, ""))
    with pytest.raises(ServiceUnavailableError, match="still failing"):
        process(make_client(server), quick_look_request(inputs))


def test_a_refused_token_is_refreshed_once(server, inputs):
    server.route("POST", PROCESS_PATH, sequence((401, {}, ""), (200, {"Content-Type": "image/tiff"}, b"II*")))
    process(make_client(server), quick_look_request(inputs))
    tokens = [c.headers["Authorization"] for c in server.calls("POST", PROCESS_PATH)]
    assert tokens == ["Bearer token-1", "Bearer token-2"]


def test_post_raw_of_the_client_is_used_when_it_exists(inputs):
    class FakeResponse:
        def __init__(self):
            self.headers = {"Content-Type": "image/tiff", "x-processingunits-spent": "2"}
            self.content = b"II*"

    class ClientWithPostRaw:
        def __init__(self):
            self.deployment = custom_deployment("http://127.0.0.1:9", "http://127.0.0.1:9/token")
            self.calls = []

        def post_raw(self, url, body, headers):
            self.calls.append((url, headers))
            return FakeResponse()

    client = ClientWithPostRaw()
    result = process(client, quick_look_request(inputs))
    assert client.calls == [("http://127.0.0.1:9/api/v1/process", {"Accept": "image/tiff"})]
    assert result.pu_spent == 2.0


def test_bounds_geometry_keeps_holes_and_parts_in_2d():
    from shapely.geometry import mapping

    holed = box(0, 0, 10, 10).difference(box(2, 2, 4, 4))
    area = MultiPolygon([holed, box(20, 0, 25, 5)])
    inputs = ProcessInputs(area, 32611, "//VERSION=3", "sentinel-2-l1c", "2020-07-01", "2020-07-02")
    geometry = build_process_request(inputs, width=10, height=10, outputs=[("default", "image/png")],
                                     check_evalscript=False)["input"]["bounds"]["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert all(len(point) == 2 for polygon in geometry["coordinates"] for ring in polygon for point in ring)
    assert shape(geometry).equals(area)
    assert json.loads(json.dumps(mapping(area)))["coordinates"] == geometry["coordinates"]
