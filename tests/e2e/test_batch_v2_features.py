"""Batch v2 as the provider documents it, end to end: the plugin's request builder and readers against the emulator.

Each test drives both sides: the plugin builds (or refuses) the request, the emulator accepts (or refuses) it with
its own implementation of the documented rule, and the plugin finds the results where the service put them.
Sources: CDSE OpenAPI (eu-cdse/documentation APIs/SentinelHub/ApiReference/openapi.v1.yaml), sentinel-hub.com OpenAPI
(``BatchV2*``, ``S3BucketInfo``, ``GSBucketInfo`` schemas), BatchV2.qmd, BatchV2/Migration.qmd,
Overview/RateLimiting.qmd.
"""

from __future__ import annotations

import base64
import json
import time
import uuid

import numpy as np
import pytest
import requests
from closing import opened
from emulator.testing import NDVI_EVALSCRIPT, RawApi, batch_body, tutorial_area
from osgeo import gdal, ogr, osr
from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.batch_request import (
    BatchJobSpec,
    BucketAccess,
    BucketLocation,
    FeatureDefaults,
    GeoPackageInput,
    OutputSpec,
    ZarrOutputSpec,
    build_batch_request,
)
from sentinelhub_batch.plugin.core.client import BatchClient
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import ApiError, InvalidRequestError, RateLimitError
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.geopackage import features_from_polygons, upload_features_geopackage
from sentinelhub_batch.plugin.core.models import TaskStatus, redact_secrets
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from sentinelhub_batch.plugin.core.s3 import S3Client
from shapely.geometry import box, shape
from shapely.ops import unary_union

pytestmark = pytest.mark.e2e

ROLE = "arn:aws:iam::123456789012:role/sentinelhub-batch"
SERVICE_ACCOUNT_KEY = json.dumps({"type": "service_account", "project_id": "emulated", "private_key_id": "1",
                                  "private_key": "not-a-real-private-key",
                                  "client_email": "batch@emulated.iam.gserviceaccount.com"})
INT8_EVALSCRIPT = """//VERSION=3
function setup() { return {input: ["B04", "dataMask"], output: [{id: "class", bands: 1, sampleType: "INT8"}]}; }
function evaluatePixel(s) { return {class: [s.B04 > 0.1 ? 1 : -1]}; }
"""
# A small area in Germany: one tile of the LAEA 100 km grid (id 6).
EUROPE = box(10.05, 50.05, 10.25, 50.15)
FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, server_error_retries=8, rate_limit_retries=20,
                   not_found_after_create=5.0, timeout=30.0)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def keys(stack) -> BucketAccess:
    return BucketAccess.with_keys(stack.s3_access_key, stack.s3_secret_key)


def deployment(stack, realm: str = "main"):
    return custom_deployment(stack.base_url, stack.cdse_token_url if realm == "CDSE" else stack.token_url)


def client_for(stack, realm: str = "main", retry: RetryPolicy = FAST) -> BatchClient:
    client = BatchClient(deployment(stack, realm), stack.client_id, stack.client_secret, retry=retry)
    opened(client)
    return client


def job(stack, url: str, **changes) -> BatchJobSpec:
    values = dict(area=shape(tutorial_area()), evalscript=NDVI_EVALSCRIPT,
                  delivery=BucketLocation(url, keys(stack), region=stack.s3_region), time_from="2020-07-01",
                  time_to="2020-07-30", outputs=[OutputSpec("ndvi"), OutputSpec("mask")], grid_id=1, resolution=20,
                  cog_output=True)
    values.update(changes)
    return BatchJobSpec(**values)


def run(client: BatchClient, body, status=TaskStatus.DONE, timeout: float = 90.0):
    task = client.create(body)
    client.start(task.id)
    deadline = time.time() + timeout
    while True:
        task = client.get(task.id)
        if task.status in (TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.STOPPED):
            break
        assert time.time() < deadline, f"still {task.status_text}"
        time.sleep(0.05)
    assert task.status is status, task.error
    return task


def s3_client(stack) -> S3Client:
    client = S3Client(stack.s3_access_key, stack.s3_secret_key, region=stack.s3_region,
                      endpoint_url=stack.s3_endpoint, backoff_initial=0.01)
    opened(client)
    return client


def refused(api: RawApi, body) -> dict:
    answer = api.post("/process", json=body)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["code"] == "COMMON_BAD_PAYLOAD"
    return error


def fails_analysis(api: RawApi, body) -> str:
    task = api.create(body)
    api.post(f"/process/{task['id']}/analyse")
    failed = api.wait_status(task["id"], "FAILED", "ANALYSIS_DONE")
    assert failed["status"] == "FAILED", "analysis should have failed"
    return failed["error"]


# ----------------------------------------------------------------------------------------------- bucket access


def test_without_keys_or_role_both_sides_refuse_as_bucket_policies_are_gone(local_stack):
    # BatchV2/Migration.qmd §7: bucket-policy access "has been disabled in Batch Processing V2".
    url = f"s3://{local_stack.bucket}/{unique('policy')}"
    with pytest.raises(InvalidRequestError, match="bucket policy"):
        build_batch_request(job(local_stack, url, delivery=BucketLocation(url)))
    body = batch_body(local_stack)
    body["output"]["delivery"] = {"s3": {"url": url}}
    for realm in ("main", "CDSE"):
        assert "bucket policy" in refused(RawApi(local_stack, realm), body)["message"]


def test_an_iam_role_works_on_sentinel_hub_and_is_refused_on_cdse(local_stack):
    folder = unique("iam")
    spec = job(local_stack, f"s3://{local_stack.bucket}/{folder}", delivery=BucketLocation(
        f"s3://{local_stack.bucket}/{folder}", BucketAccess.with_iam_role(ROLE)))
    body = build_batch_request(spec, deployment=deployment(local_stack))
    done = run(client_for(local_stack), body)
    manifest = storage.feature_manifest_location(done.delivery_url, done.id)
    assert local_stack.s3.get(manifest.bucket, manifest.key)
    with pytest.raises(InvalidRequestError, match="CDSE does not accept"):
        build_batch_request(spec, deployment=deployment(local_stack, "CDSE"))
    assert "iamRoleARN" in refused(RawApi(local_stack, "CDSE"), body)["errors"]["parameter"]


def test_google_cloud_storage_delivery_on_sentinel_hub(local_stack):
    # sentinel-hub.com ObjectStorageInfoV2 gs: url + base64 service-account credentials (x-cdse-exclude).
    gcs_bucket = unique("gcs")
    local_stack.make_bucket(gcs_bucket)  # the local S3 server stands in for Google Cloud Storage (assumptions)
    url = f"gs://{gcs_bucket}/results"
    spec = job(local_stack, url, delivery=BucketLocation(url, BucketAccess.with_service_account_key(SERVICE_ACCOUNT_KEY)))
    body = build_batch_request(spec, deployment=deployment(local_stack))
    local_stack.config.echo_secrets = False
    done = run(client_for(local_stack), body)
    delivered = local_stack.s3.keys(gcs_bucket, f"results/{done.id}/")
    assert f"results/{done.id}/request-{done.id}.json" in delivered
    assert any(key.endswith("/ndvi.tif") for key in delivered)
    credentials = body["output"]["delivery"]["gs"]["credentials"]
    assert credentials not in json.dumps(done.request) and credentials not in json.dumps(redact_secrets(body))
    with pytest.raises(InvalidRequestError, match="CDSE does not accept"):
        build_batch_request(spec, deployment=deployment(local_stack, "CDSE"))
    assert "Google Cloud Storage" in refused(RawApi(local_stack, "CDSE"), body)["message"]
    broken = json.loads(json.dumps(body))
    broken["output"]["delivery"]["gs"]["credentials"] = base64.b64encode(b'{"type": "user"}').decode()
    assert "service account" in refused(RawApi(local_stack), broken)["message"]


def test_an_unwritable_bucket_fails_the_create_call(local_stack):
    # BatchV2.qmd Workflow: create "uploads a JSON of the original request to the user's bucket".
    body = build_batch_request(job(local_stack, f"s3://{unique('missing')}/out"))
    with pytest.raises(ApiError) as caught:
        client_for(local_stack).create(body)
    assert caught.value.status == 400 and "Cannot write to the delivery bucket" in caught.value.message


# ----------------------------------------------------------------------------------------------- templates


@pytest.mark.parametrize("template", [
    "{root}/<tileId>/<outputId>.<format>",
    "{root}/<outputId>/<tileId>.tif",
    "{root}/<requestId>/<outputId>/<tileName>.<format>",
    "{root}/<tileName>_<outputId>.<format>",
])
def test_every_template_form_delivers_where_the_plugin_looks(local_stack, template):
    url = template.format(root=f"s3://{local_stack.bucket}/{unique('tpl')}")
    done = run(client_for(local_stack), build_batch_request(job(local_stack, url)))
    request_json = storage.request_json_location(done.delivery_url, done.id)
    assert json.loads(local_stack.s3.get(request_json.bucket, request_json.key))["output"]["delivery"]["s3"]["url"] \
        == url
    manifest_location = storage.feature_manifest_location(done.delivery_url, done.id)
    manifest = storage.read_manifest(local_stack.s3.get(manifest_location.bucket, manifest_location.key))
    execution_location = storage.execution_db_location(done.delivery_url, done.id)
    execution = storage.read_execution(local_stack.s3.get(execution_location.bucket, execution_location.key))
    tile_ids = {row.name: row.id for row in execution}
    assert manifest and set(tile_ids) == {row.identifier for row in manifest}
    for row in manifest:
        expected = storage.output_location(url, done.id, row.identifier, row.output_id, "image/tiff",
                                           tile_id=tile_ids[row.identifier])
        assert storage.parse_s3_url(row.path) == expected
        assert local_stack.s3.get(expected.bucket, expected.key)[:4] in (b"II*\x00", b"MM\x00*")


# ----------------------------------------------------------------------------------------------- formats, COG


@pytest.mark.parametrize("format_type", ["image/png", "image/jpeg"])
def test_png_and_jpeg_are_refused_by_both(local_stack, format_type):
    url = f"s3://{local_stack.bucket}/png"
    with pytest.raises(InvalidRequestError, match="batch processing does not write"):
        build_batch_request(job(local_stack, url, outputs=[OutputSpec("ndvi", format_type)], cog_output=False))
    body = batch_body(local_stack)
    body["processRequest"]["output"]["responses"][0]["format"]["type"] = format_type
    assert refused(RawApi(local_stack), body)["errors"]["parameter"].endswith("format.type")


def test_cog_output_needs_tiff_everywhere_and_no_int8(local_stack):
    api = RawApi(local_stack)
    url = f"s3://{local_stack.bucket}/cog"
    with pytest.raises(InvalidRequestError, match="image/tiff"):
        build_batch_request(job(local_stack, url, outputs=[OutputSpec("ndvi"), OutputSpec("mask", "application/json")]))
    body = batch_body(local_stack, cogOutput=True)
    body["processRequest"]["output"]["responses"][1]["format"]["type"] = "application/json"
    assert "TIFF" in refused(api, body)["message"]
    with pytest.raises(InvalidRequestError, match="INT8"):
        build_batch_request(job(local_stack, url, evalscript=INT8_EVALSCRIPT, outputs=[OutputSpec("class")]))
    int8 = batch_body(local_stack, evalscript=INT8_EVALSCRIPT, outputs=("class",), cogOutput=True)
    assert "INT8" in fails_analysis(api, int8)  # the evalscript is judged at analysis, not at create


# ----------------------------------------------------------------------------------------------- errors, listing


def test_the_flat_429_keeps_its_code_and_illegal_actions_answer_400(local_stack):
    local_stack.faults.next_requests(3, status=429, path="/api/v2/batch/process", retry_after_ms=1)
    with pytest.raises(RateLimitError) as caught:
        client_for(local_stack, retry=RetryPolicy(rate_limit_retries=1, timeout=10.0)).list_page()
    assert caught.value.code == "RATE_LIMIT_EXCEEDED" and "exceeded your rate limit" in caught.value.message
    local_stack.faults.clear()
    client = client_for(local_stack)
    done = run(client, build_batch_request(job(local_stack, f"s3://{local_stack.bucket}/{unique('illegal')}")))
    with pytest.raises(ApiError) as caught:
        client.analyse(done.id)
    assert caught.value.status == 400 and caught.value.code == "COMMON_BAD_PAYLOAD"


def test_search_goes_to_cdse_and_is_done_by_the_plugin_elsewhere(local_stack):
    marker = unique("search")
    body = build_batch_request(job(local_stack, f"s3://{local_stack.bucket}/{marker}", description=f"{marker} ndvi"))
    sentinel_hub, cdse = client_for(local_stack), client_for(local_stack, "CDSE")
    created = sentinel_hub.create(body)
    sentinel_hub.create(build_batch_request(job(local_stack, f"s3://{local_stack.bucket}/{marker}-x",
                                                description="another job")))
    def listings(start, end=None):
        return [path for method, path, _ in local_stack.request_log[start:end]
                if method == "GET" and path.startswith("/api/v2/batch/process?")]

    before = len(local_stack.request_log)
    assert [task.id for task in sentinel_hub.iter_tasks(search=f"{marker} & ndvi", count=100)] == [created.id]
    between = len(local_stack.request_log)
    assert [task.id for task in cdse.iter_tasks(search=f"{marker} & ndvi", count=100)] == [created.id]
    assert listings(before, between) and not any("search=" in path for path in listings(before, between))
    assert listings(between) and all("search=" in path for path in listings(between))


# ----------------------------------------------------------------------------------------------- Zarr


ZARR = ZarrOutputSpec({"dtype": "<f4", "order": "C", "chunks": [1, 500, 500], "fill_value": "NaN"},
                      {"mask": {"dtype": "|u1", "fill_value": 0, "customAttributes": {"long_name": "data mask"}}},
                      {"zarr_format": 2, "customAttributes": {"copyright": "emulated"}})


def zarr_job(stack, url, **changes):
    values = dict(area=EUROPE, output_type="zarr", grid_id=6, resolution=100, zarr=ZARR,
                  delivery=BucketLocation(url, keys(stack), region=stack.s3_region))
    values.update(changes)
    return job(stack, url, **values)


def test_zarr_output_is_one_group_that_gdal_opens_over_vsis3(local_stack):
    # BatchV2/Examples.qmd "Option 2: Zarr format output"; OpenAPI BatchV2ZarrOutput.
    url = f"s3://{local_stack.bucket}/{unique('zarr')}/<requestId>"
    done = run(client_for(local_stack), build_batch_request(zarr_job(local_stack, url)))
    root = storage.delivery_root(url, done.id, "zarr")
    manifest_location = storage.feature_manifest_location(url, done.id, "zarr")
    manifest = storage.read_manifest(local_stack.s3.get(manifest_location.bucket, manifest_location.key))
    assert manifest and {row.path for row in manifest} == {root.url}
    assert json.loads(local_stack.s3.get(root.bucket, f"{root.key}/.zgroup")) == {"zarr_format": 2}
    assert json.loads(local_stack.s3.get(root.bucket, f"{root.key}/.zattrs"))["copyright"] == "emulated"
    assert json.loads(local_stack.s3.get(root.bucket, f"{root.key}/ndvi/.zarray"))["chunks"] == [1, 500, 500]
    with local_stack.gdal_options():
        ndvi = gdal.Open(storage.zarr_gdal_path(root, "ndvi"))
        assert ndvi is not None, gdal.GetLastErrorMsg()
        srs = osr.SpatialReference(wkt=ndvi.GetProjection())
        assert srs.GetAuthorityCode(None) == "3035"
        # One array over the tiles' envelope, north up at the grid resolution (100 m), in the tiles' CRS.
        xmin, ymin, xmax, ymax = unary_union([row.geometry for row in manifest]).bounds
        assert ndvi.GetGeoTransform() == (xmin, 100.0, 0.0, ymax, 0.0, -100.0)
        assert (ndvi.RasterXSize, ndvi.RasterYSize) == (round((xmax - xmin) / 100), round((ymax - ymin) / 100))
        values = ndvi.ReadAsArray()
        assert np.isfinite(values).any() and np.nanmax(np.abs(values)) <= 1.0
        mask = gdal.Open(storage.zarr_gdal_path(root, "mask"))
        assert mask.GetRasterBand(1).DataType == gdal.GDT_Byte and mask.ReadAsArray().max() == 1
        group = gdal.Info(storage.zarr_gdal_path(root))
        assert f'{storage.zarr_gdal_path(root)}:/ndvi' in group
        mask = ndvi = None


def test_zarr_from_own_features_in_laea(local_stack):
    # Own features with Zarr: one CRS of the WGS84/LAEA grids (batch_assumptions 6; emulator assumptions).
    fields = [("north", box(4300000, 3000000, 4302000, 3001000)), ("south", box(4302000, 2999000, 4303000, 3000000))]
    features = features_from_polygons(fields, 3035, 100)
    url = upload_features_geopackage(s3_client(local_stack), f"s3://{local_stack.bucket}/{unique('laea')}/f.gpkg",
                                     features)
    out = f"s3://{local_stack.bucket}/{unique('zarr-own')}/<requestId>"
    zarr = ZarrOutputSpec({"dtype": "<f4", "order": "C", "chunks": [1, 10, 10], "fill_value": "NaN"},
                          {"mask": {"dtype": "|u1", "fill_value": 0}})
    spec = zarr_job(local_stack, out, area=None, zarr=zarr, features=GeoPackageInput(
        BucketLocation(url, keys(local_stack)), feature_epsg_codes=(3035,)))
    done = run(client_for(local_stack), build_batch_request(spec))
    with local_stack.gdal_options():
        ndvi = gdal.Open(storage.zarr_gdal_path(storage.delivery_root(out, done.id, "zarr"), "ndvi"))
        assert ndvi.GetGeoTransform() == (4300000.0, 100.0, 0.0, 3001000.0, 0.0, -100.0)
        values = ndvi.ReadAsArray()
        assert values.shape == (20, 30)
        assert np.isfinite(values[:10, :20]).mean() > 0.5 and np.isfinite(values[10:, 20:]).mean() > 0.5
        assert np.isnan(values[10:, :20]).all()  # no feature there: the chunks were never written
        ndvi = None
    utm = GeoPackageInput(BucketLocation(url, keys(local_stack)), feature_epsg_codes=(32633,))
    with pytest.raises(InvalidRequestError, match="EPSG:4326 or EPSG:3035"):
        build_batch_request(zarr_job(local_stack, out, area=None, features=utm))


def test_zarr_is_refused_where_the_service_refuses_it(local_stack):
    api = RawApi(local_stack)
    url = f"s3://{local_stack.bucket}/{unique('zarr-bad')}/<requestId>"
    for grid, resolution in ((0, 60), (1, 20), (2, 60)):
        with pytest.raises(InvalidRequestError, match="only with the WGS84 and LAEA"):
            build_batch_request(zarr_job(local_stack, url, grid_id=grid, resolution=resolution))
    body = build_batch_request(zarr_job(local_stack, url))
    wrong_grid = json.loads(json.dumps(body))
    wrong_grid["input"].update({"id": 1, "resolution": 20})
    assert "WGS84 and LAEA" in refused(api, wrong_grid)["message"]
    chunks = json.loads(json.dumps(body))
    chunks["output"]["arrayParameters"]["chunks"] = [1, 300, 300]
    assert "evenly divide" in refused(api, chunks)["message"]
    png = json.loads(json.dumps(body))
    png["processRequest"]["output"]["responses"][0]["format"]["type"] = "image/tiff"
    refused(api, png)
    # "The request will fail if any files already exist in the folder."
    folder = f"s3://{local_stack.bucket}/{unique('zarr-full')}"
    local_stack.s3.put(local_stack.bucket, folder.split("/", 3)[3] + "/old/.zgroup", b"{}")
    full = build_batch_request(zarr_job(local_stack, folder))
    assert "not empty" in fails_analysis(api, full)


# ----------------------------------------------------------------------------------------------- BYOC


def _allow_sentinel_hub(stack, bucket):
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                                                      "Action": ["s3:GetObject", "s3:ListBucket"],
                                                      "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]}]}
    stack.s3.access.client().put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


def _collections(stack):
    return {item["id"]: item for item in
            requests.get(f"{stack.base_url}/_emulator/byoc/collections", timeout=10).json()["data"]}


def test_results_are_ingested_into_a_new_byoc_collection(local_stack):
    # BatchV2.qmd "Ingesting results into BYOC": createCollection; the bucket still needs a policy for BYOC.
    bucket = unique("byoc")
    local_stack.make_bucket(bucket)
    spec = job(local_stack, f"s3://{bucket}/out", create_collection=True, description="byoc job")
    api = RawApi(local_stack)
    assert "bucket policy" in fails_analysis(api, build_batch_request(spec))
    _allow_sentinel_hub(local_stack, bucket)
    done = run(client_for(local_stack), build_batch_request(spec))
    collection = _collections(local_stack)[done.request["output"]["collectionId"]]
    assert collection["bands"] == {"ndvi": "FLOAT32", "mask": "UINT8"}
    manifest_location = storage.feature_manifest_location(done.delivery_url, done.id)
    manifest = storage.read_manifest(local_stack.s3.get(manifest_location.bucket, manifest_location.key))
    assert sorted(tile["tile"] for tile in collection["tiles"]) == sorted({row.identifier for row in manifest})


def test_ingestion_into_an_existing_collection_needs_matching_bands(local_stack):
    bucket = unique("byoc-existing")
    local_stack.make_bucket(bucket)
    _allow_sentinel_hub(local_stack, bucket)
    create = f"{local_stack.base_url}/_emulator/byoc/collections"
    matching = requests.post(create, json={"name": "ndvi", "bands": {"ndvi": "FLOAT32", "mask": "UINT8"}},
                             timeout=10).json()["id"]
    other = requests.post(create, json={"name": "other", "bands": {"ndvi": "UINT16", "mask": "UINT8"}},
                          timeout=10).json()["id"]
    done = run(client_for(local_stack), build_batch_request(job(local_stack, f"s3://{bucket}/a", collection_id=matching)))
    assert _collections(local_stack)[matching]["tiles"] and done.request["output"]["collectionId"] == matching
    error = fails_analysis(RawApi(local_stack), build_batch_request(job(local_stack, f"s3://{bucket}/b",
                                                                         collection_id=other)))
    assert "ndvi (FLOAT32)" in error


def test_multi_band_outputs_must_not_clash_with_generated_band_names(local_stack):
    evalscript = """//VERSION=3
function setup() { return {input: ["B04", "B08"], output: [{id: "result", bands: 2}, {id: "result2", bands: 1}]}; }
function evaluatePixel(s) { return {result: [s.B04, s.B08], result2: [s.B08]}; }
"""
    spec = job(local_stack, f"s3://{local_stack.bucket}/clash", evalscript=evalscript, create_collection=True,
               outputs=[OutputSpec("result"), OutputSpec("result2")])
    with pytest.raises(InvalidRequestError, match="band 'result2' twice"):
        build_batch_request(spec)
    body = batch_body(local_stack, evalscript=evalscript, outputs=("result", "result2"), cogOutput=True,
                      createCollection=True)
    assert "result2" in fails_analysis(RawApi(local_stack), body)


# ----------------------------------------------------------------------------------------------- own features


def _fields():
    """Three fields near the tutorial area in UTM 11N, the last far from the others."""
    return [("field-a", box(285000, 3990000, 287000, 3991000)), ("field-b", box(287000, 3990000, 288000, 3992000)),
            ("far-field", box(320000, 4040000, 321000, 4040500))]


def test_own_polygons_are_uploaded_priced_and_processed_as_tiles(local_stack):
    features = features_from_polygons(_fields(), 32611, 20)
    url = upload_features_geopackage(s3_client(local_stack), f"s3://{local_stack.bucket}/{unique('inputs')}/f.gpkg",
                                     features)
    cost = estimate_processing_units(features, read_evalscript(NDVI_EVALSCRIPT), "2020-07-01", "2020-07-30")
    assert [tile.name for tile in cost.tiles] == ["field-a", "field-b", "far-field"]
    assert [(tile.width, tile.height) for tile in cost.tiles] == [(100, 50), (50, 100), (50, 25)]
    out = f"s3://{local_stack.bucket}/{unique('own')}"
    spec = job(local_stack, out, area=None, features=GeoPackageInput(BucketLocation(url, keys(local_stack)),
                                                                     feature_epsg_codes=(32611,)))
    done = run(client_for(local_stack), build_batch_request(spec))
    manifest_location = storage.feature_manifest_location(done.delivery_url, done.id)
    manifest = storage.read_manifest(local_stack.s3.get(manifest_location.bucket, manifest_location.key))
    sizes = {row.identifier: (row.width, row.height) for row in manifest}
    assert sizes == {feature.identifier: (feature.width, feature.height) for feature in features}
    with local_stack.gdal_options():
        for feature in features:
            location = storage.output_location(out, done.id, feature.identifier, "ndvi", "image/tiff")
            raster = gdal.Open(location.vsis3_path)
            assert (raster.RasterXSize, raster.RasterYSize) == (feature.width, feature.height)
            assert raster.GetGeoTransform()[0] == feature.geometry.bounds[0]
            raster = None
    # With an area, only the features it touches are processed (BatchV2.qmd "Area of Interest and PUs").
    near = box(-119.40, 36.00, -119.34, 36.06)
    limited = run(client_for(local_stack), build_batch_request(job(
        local_stack, f"s3://{local_stack.bucket}/{unique('aoi')}", area=near,
        features=GeoPackageInput(BucketLocation(url, keys(local_stack))))))
    manifest_location = storage.feature_manifest_location(limited.delivery_url, limited.id)
    names = {row.identifier for row in storage.read_manifest(local_stack.s3.get(manifest_location.bucket,
                                                                                manifest_location.key))}
    assert names and "far-field" not in names


def _sizeless_geopackage(path):
    """A GeoPackage of two fields with only id and identifier: their size must come from input.defaults."""
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32611)
    layer = source.CreateLayer("fields", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("identifier", ogr.OFTString))
    for number, (name, geometry) in enumerate(_fields()[:2], start=1):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("id", number)
        feature.SetField("identifier", name)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(geometry.wkt))
        layer.CreateFeature(feature)
    source = None
    return path.read_bytes()


def test_geopackage_defaults_size_the_features_on_sentinel_hub_only(local_stack, tmp_path):
    key = f"{unique('defaults')}/fields.gpkg"
    local_stack.s3.put(local_stack.bucket, key, _sizeless_geopackage(tmp_path / "fields.gpkg"))
    location = BucketLocation(f"s3://{local_stack.bucket}/{key}", keys(local_stack))
    out = f"s3://{local_stack.bucket}/{unique('defaults-out')}"
    spec = job(local_stack, out, area=None, features=GeoPackageInput(location, FeatureDefaults(64, 32)))
    body = build_batch_request(spec, deployment=deployment(local_stack))
    done = run(client_for(local_stack), body)
    with local_stack.gdal_options():
        raster = gdal.Open(storage.output_location(out, done.id, "field-a", "ndvi", "image/tiff").vsis3_path)
        assert (raster.RasterXSize, raster.RasterYSize) == (64, 32)
        raster = None
    with pytest.raises(InvalidRequestError, match="no GeoPackage defaults"):
        build_batch_request(spec, deployment=deployment(local_stack, "CDSE"))
    assert refused(RawApi(local_stack, "CDSE"), body)["errors"]["parameter"] == "input.defaults"
    without = json.loads(json.dumps(body))
    del without["input"]["defaults"]
    assert "width" in fails_analysis(RawApi(local_stack), without)


# ----------------------------------------------------------------------------------------------- existing files


def test_skip_existing_with_overwrite_skips_complete_tiles_and_rewrites_partial_ones(local_stack):
    # OpenAPI BatchV2RasterOutput.skipExisting: tiles with only some outputs "will either be fully overwritten (if
    # overwrite is true) or will cause the whole request to fail".
    url = f"s3://{local_stack.bucket}/{unique('skip')}/<tileName>/<outputId>.<format>"
    client = client_for(local_stack)
    first = run(client, build_batch_request(job(local_stack, url)))
    manifest_location = storage.feature_manifest_location(url, first.id)
    rows = storage.read_manifest(local_stack.s3.get(manifest_location.bucket, manifest_location.key))
    partial = storage.parse_s3_url(next(row.path for row in rows if row.output_id == "mask"))
    local_stack.s3.access.client().delete_object(Bucket=partial.bucket, Key=partial.key)
    assert "already exist" in fails_analysis(RawApi(local_stack), build_batch_request(job(local_stack, url,
                                                                                            skip_existing=True)))
    again = run(client, build_batch_request(job(local_stack, url, skip_existing=True, overwrite=True)))
    execution_location = storage.execution_db_location(url, again.id)
    execution = storage.read_execution(local_stack.s3.get(execution_location.bucket, execution_location.key))
    rewritten = partial.key.split("/")[-2]
    assert {row.name: row.error for row in execution}[rewritten] is None
    assert all(row.error == "Skipped: outputs exist" for row in execution if row.name != rewritten)
    assert local_stack.s3.get(partial.bucket, partial.key)
