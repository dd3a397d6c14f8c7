"""The emulator's Process API endpoint through the plugin's core, as a user's quick look and test run use it."""

from __future__ import annotations

import io
import json
import tarfile
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import requests
from emulator.stack import LocalStack
from osgeo import gdal, osr
from pyproj import Transformer
from sentinelhub_batch.plugin.core.client import BatchClient
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import ApiError
from sentinelhub_batch.plugin.core.process_api import (
    ProcessInputs,
    build_process_request,
    in_metric_crs,
    process,
    quick_look_request,
)
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from shapely.geometry import shape
from shapely.ops import transform

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PROCESS_PATH = "/api/v1/process"


@pytest.fixture(scope="module")
def service():
    with LocalStack() as stack:
        yield stack


@pytest.fixture(scope="module")
def client(service):
    client = BatchClient(custom_deployment(service.base_url, service.token_url), service.client_id,
                         service.client_secret, retry=RetryPolicy(backoff_initial=0.01, backoff_max=0.05,
                                                                  timeout=60.0))
    yield client
    client.close()


@pytest.fixture(scope="module")
def sub_area():
    features = json.loads((DATA / "california_crop_fields.geojson").read_text())["features"]
    return next(shape(f["geometry"]) for f in features if f["properties"]["name"] == "Test sub-area")


@pytest.fixture(scope="module")
def inputs(sub_area):
    evalscript = (DATA / "interpolation_evalscript.js").read_text()
    return ProcessInputs(sub_area, 4326, evalscript, "sentinel-2-l1c", "2020-07-01", "2020-07-30")


def open_raster(data: bytes):
    path = f"/vsimem/{uuid.uuid4().hex}.tif"
    gdal.FileFromMemBuffer(path, data)
    dataset = gdal.Open(path)
    return dataset, path


def post_raw(service, client, body, headers=None):
    token = client.access_token()
    return requests.post(service.base_url + PROCESS_PATH, data=body, timeout=60,
                         headers={"Authorization": f"Bearer {token}", **(headers or {})})


def test_tutorial_sub_area_gives_ndvi_and_data_mask_with_five_bands_over_the_sub_area(client, inputs, sub_area):
    metric = in_metric_crs(inputs)
    result = process(client, build_process_request(metric, resx=20, resy=20))
    assert sorted(result.files) == ["NDVI.tif", "data_mask.tif"]
    assert result.pu_spent is not None and result.pu_spent > 0

    to_utm = Transformer.from_crs(4326, 32611, always_xy=True)
    xmin, ymin, xmax, ymax = transform(to_utm.transform, sub_area).bounds
    expected_types = {"NDVI.tif": gdal.GDT_UInt16, "data_mask.tif": gdal.GDT_Byte}
    for name, data in result.files.items():
        dataset, path = open_raster(data)
        try:
            assert dataset.RasterCount == 5  # July 1, 8, 15, 22, 29
            assert dataset.GetRasterBand(1).DataType == expected_types[name]
            reference = osr.SpatialReference(wkt=dataset.GetProjection())
            assert reference.GetAuthorityCode(None) == "32611"
            left, pixel_x, _, top, _, pixel_y = dataset.GetGeoTransform()
            right, bottom = left + pixel_x * dataset.RasterXSize, top + pixel_y * dataset.RasterYSize
            assert (left, bottom, right, top) == pytest.approx((xmin, ymin, xmax, ymax), abs=1.0)
            assert pixel_x == pytest.approx(20, rel=0.01) and pixel_y == pytest.approx(-20, rel=0.01)
            values = dataset.ReadAsArray()
        finally:
            dataset = None
            gdal.Unlink(path)
        if name == "data_mask.tif":
            assert set(np.unique(values)) <= {0, 1}
            assert values.any()
        else:
            assert values.max() > 10000  # NDVI packed as ndvi × 10000 + 10000, vegetation is positive


def test_quick_look_is_a_georeferenced_true_colour_image_of_the_whole_area(client, inputs):
    result = process(client, quick_look_request(inputs))
    assert list(result.files) == ["default.tif"]
    dataset, path = open_raster(result.files["default.tif"])
    try:
        assert (dataset.RasterXSize, dataset.RasterCount) == (512, 4)
        left, pixel_x, _, top, _, pixel_y = dataset.GetGeoTransform()
        xmin, ymin, xmax, ymax = inputs.area.bounds
        assert (left, top) == pytest.approx((xmin, ymax), abs=1e-6)
        assert left + pixel_x * 512 == pytest.approx(xmax, abs=1e-6)
        assert top + pixel_y * dataset.RasterYSize == pytest.approx(ymin, abs=1e-6)
        assert osr.SpatialReference(wkt=dataset.GetProjection()).GetAuthorityCode(None) == "4326"
        *colours, alpha = dataset.ReadAsArray().reshape(4, -1).mean(axis=1)
        assert alpha > 200
        assert all(0 < colour < 255 for colour in colours)
    finally:
        dataset = None
        gdal.Unlink(path)


def test_accept_png_answers_a_png(client, inputs):
    result = process(client, quick_look_request(inputs, long_side=64), accept="image/png")
    assert list(result.files) == ["default.png"]
    assert result.files["default.png"].startswith(b"\x89PNG")


def test_a_syntax_error_is_a_renderer_exception_with_the_scripts_message(client, inputs):
    broken = replace(inputs, evalscript="//VERSION=3\nfunction setup( {\n")
    request = build_process_request(broken, width=32, height=32, check_evalscript=False)
    with pytest.raises(ApiError) as caught:
        process(client, request)
    assert caught.value.status == 400
    assert caught.value.code == "RENDERER_EXCEPTION"
    assert "SyntaxError" in caught.value.message


def test_a_runtime_error_in_evaluate_pixel_carries_its_message(client, inputs):
    failing = replace(inputs, evalscript=inputs.evalscript.replace(
        "var valid_samples", "throw new Error('no valid samples for this pixel'); var valid_samples"))
    with pytest.raises(ApiError) as caught:
        process(client, build_process_request(failing, width=16, height=16))
    assert caught.value.code == "RENDERER_EXCEPTION"
    assert "no valid samples for this pixel" in caught.value.message


@pytest.mark.parametrize(("change", "fragment"), [
    ({"width": 3000, "height": 10}, "between 1 and 2500"),
    ({"width": 10, "height": 10, "resx": 10, "resy": 10}, "Only one of"),
])
def test_bad_sizes_are_common_bad_payload(service, client, inputs, change, fragment):
    request = build_process_request(inputs, width=10, height=10)
    request["output"] = {**{k: v for k, v in request["output"].items() if k not in ("width", "height")}, **change}
    answer = post_raw(service, client, json.dumps(request), {"Content-Type": "application/json"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "COMMON_BAD_PAYLOAD" and fragment in error["message"]


def test_an_unknown_output_identifier_is_common_bad_payload(service, client, inputs):
    request = build_process_request(inputs, width=10, height=10)
    request["output"]["responses"] = [{"identifier": "NDWI", "format": {"type": "image/tiff"}}]
    answer = post_raw(service, client, json.dumps(request), {"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "COMMON_BAD_PAYLOAD"
    assert "NDWI" in answer.json()["error"]["message"]


def test_multipart_form_with_request_and_evalscript_parts(service, client, inputs):
    request = build_process_request(inputs, width=16, height=16, outputs=[("NDVI", "image/tiff")])
    evalscript = request.pop("evalscript")
    token = client.access_token()
    answer = requests.post(service.base_url + PROCESS_PATH, timeout=60,
                           headers={"Authorization": f"Bearer {token}", "Accept": "application/tar"},
                           files={"request": (None, json.dumps(request), "application/json"),
                                  "evalscript": (None, evalscript, "text/plain")})
    assert answer.status_code == 200, answer.text
    with tarfile.open(fileobj=io.BytesIO(answer.content)) as archive:
        assert archive.getnames() == ["NDVI.tif"]
    assert float(answer.headers["x-processingunits-spent"]) > 0


def test_without_a_token_the_call_is_refused(service, inputs):
    answer = requests.post(service.base_url + PROCESS_PATH, json=build_process_request(inputs, width=8, height=8),
                           timeout=30)
    assert answer.status_code == 401


def test_process_area_through_qgis_process(service, tmp_path):
    from tools.demo import QGIS_PROCESS, QgisProcess

    if not Path(QGIS_PROCESS).exists():
        pytest.skip("QGIS is not installed")
    environment = {"SH_CLIENT_ID": service.client_id, "SH_CLIENT_SECRET": service.client_secret,
                   "SH_BASE_URL": service.base_url, "SH_TOKEN_URL": service.token_url}
    runner = QgisProcess(tmp_path / "profile", environment, timeout=120)
    runner.prepare()
    out = tmp_path / "out"
    completed = runner.call([
        "run", "sentinelhub_batch:process_area", "--",
        f"AREA={DATA / 'california_crop_fields.geojson'}|subset=\"name\" = 'Test sub-area'",
        f"EVALSCRIPT={DATA / 'interpolation_evalscript.js'}", "TIME_FROM=2020-07-01", "TIME_TO=2020-07-30",
        "RESOLUTION=40", f"OUTPUT_FOLDER={out}",
    ])
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert sorted(path.name for path in out.iterdir()) == ["NDVI.tif", "data_mask.tif"]
    assert "PU_SPENT" in completed.stdout and "Processing units spent" in completed.stdout
