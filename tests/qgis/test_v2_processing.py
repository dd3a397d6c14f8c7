"""The Batch v2 options of the Processing algorithms against the local stack (the emulator answers as
sentinel-hub.com or as CDSE by the realm of the token): bucket access, Google Cloud Storage, formats and COG options,
Zarr, BYOC, instance type and one's own polygons as tiles. Each option is checked by what the emulator received or
did, and refusals by their message and by no job being created."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import requests
from emulator.testing import NDVI_EVALSCRIPT, tutorial_area
from osgeo import gdal
from processing_support import RecordingFeedback, grid_choice, initialise_processing
from qgis.core import QgsProcessingException, QgsSettings, QgsVectorLayer
from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.geopackage import features_from_polygons
from sentinelhub_batch.plugin.core.models import redact_secrets
from shapely.geometry import shape
from v2_helpers import (
    EUROPE_WKT,
    FIELDS,
    PRIVATE_KEY,
    ROLE,
    SERVICE_ACCOUNT_KEY,
    job_count,
    polygon_layer,
    received,
    unique,
    use_stack,
)

pytestmark = pytest.mark.e2e
QUICK_STACK = {"render_step": 16, "execution_upload_interval": 0.1}


@pytest.fixture(scope="module")
def processing(qgis_app):
    return initialise_processing()


@pytest.fixture
def stack(local_stack, monkeypatch, qgis_new_project):
    local_stack.config.update(QUICK_STACK)
    use_stack(monkeypatch, local_stack)
    return local_stack


def run(processing, name, parameters, feedback=None):
    return processing.run(f"sentinelhub_batch:{name}", parameters, feedback=feedback or RecordingFeedback())


def refused(processing, name, parameters) -> str:
    with pytest.raises(QgsProcessingException) as caught:
        run(processing, name, parameters)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def area_layer():
    """The tutorial's 'Test sub-area' (a few tiles of grid 1) as a memory layer."""
    return polygon_layer([("area", shape(tutorial_area("Test sub-area")).wkt)], 4326, "area", add_to_project=False)


def job(stack, folder, **overrides):
    parameters = {"AREA": area_layer(), "GRID": grid_choice(1), "RESOLUTION": 20, "BUFFER_X": 0, "BUFFER_Y": 0,
                  "EVALSCRIPT": NDVI_EVALSCRIPT, "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
                  "DELIVERY_URL": f"s3://{stack.bucket}/{unique(folder)}", "DESCRIPTION": f"v2 processing {folder}"}
    parameters.update(overrides)
    return parameters


def europe_layer():
    return polygon_layer([("europe", EUROPE_WKT)], 4326, "europe", add_to_project=False)


def run_to_done(processing, stack, tmp_path, folder, **overrides):
    feedback = RecordingFeedback()
    result = run(processing, "run_job", job(stack, folder, POLL_SECONDS=0.5, TILES=str(tmp_path / f"{folder}.gpkg"),
                                           OUTPUT_FOLDER=str(tmp_path / folder), **overrides), feedback)
    assert result["STATUS"] == "DONE", feedback.text
    return result, feedback


def tiles(path):
    return list(QgsVectorLayer(str(path), "tiles", "ogr").getFeatures())


# ----------------------------------------------------------------------------------------------- bucket access


def test_an_iam_role_is_sent_on_sentinel_hub_and_refused_before_sending_on_cdse(processing, stack, monkeypatch):
    created = run(processing, "create_job", job(stack, "iam", ACCESS="iam-role", IAM_ROLE_ARN=ROLE))
    delivery = received(stack, created["JOB_ID"])["output"]["delivery"]["s3"]
    assert delivery["iamRoleARN"] == ROLE and "accessKey" not in delivery and "secretAccessKey" not in delivery

    before = job_count(stack)
    assert "Enter the ARN of the IAM role" in refused(processing, "create_job", job(stack, "iam", ACCESS="iam-role"))
    use_stack(monkeypatch, stack, "CDSE")
    message = refused(processing, "create_job", job(stack, "iam", ACCESS="iam-role", IAM_ROLE_ARN=ROLE))
    assert "CDSE does not accept" in message and "S3 access key and secret key" in message
    use_stack(monkeypatch, stack, s3_keys=False)
    assert "none are set" in refused(processing, "create_job", job(stack, "keys"))
    assert job_count(stack) == before, "nothing may be sent without a valid access"


def test_google_cloud_storage_delivery_runs_to_done_with_status_only(processing, stack, monkeypatch, tmp_path,
                                                                      auth_ready):
    from sentinelhub_batch.plugin.services.connection import store_service_account_key

    auth_id = store_service_account_key(SERVICE_ACCOUNT_KEY)
    gcs_bucket = unique("gcs")
    stack.make_bucket(gcs_bucket)  # the emulator writes gs:// deliveries to the local bucket of that name
    result, feedback = run_to_done(processing, stack, tmp_path, "gcs", ACCESS="gcs-service-account",
                                   GCS_KEY=auth_id, DELIVERY_URL=f"gs://{gcs_bucket}/results")
    body = received(stack, result["JOB_ID"])
    credentials = json.loads(base64.b64decode(body["output"]["delivery"]["gs"]["credentials"]))
    assert credentials["private_key"] == PRIVATE_KEY
    assert any(key.endswith("/ndvi.tif") for key in stack.s3.keys(gcs_bucket, f"results/{result['JOB_ID']}/"))
    assert "Google Cloud Storage" in feedback.text and "only its status" in feedback.text
    assert result["MOSAIC_COUNT"] == 0 and result["OUTPUT_LAYERS"] == []
    shown = feedback.text + json.dumps(redact_secrets(body))
    assert "not-a-real-key" not in shown and body["output"]["delivery"]["gs"]["credentials"] not in shown
    settings = QgsSettings()
    assert not any("not-a-real-key" in str(settings.value(key)) for key in settings.allKeys())

    message = refused(processing, "load_results", {"JOB_ID": result["JOB_ID"],
                                                   "OUTPUT_FOLDER": str(tmp_path / "gcs-results")})
    assert "cannot read" in message
    use_stack(monkeypatch, stack, "CDSE")
    before = job_count(stack)
    assert "CDSE does not accept" in refused(processing, "create_job", job(
        stack, "gcs", ACCESS="gcs-service-account", GCS_KEY=auth_id, DELIVERY_URL=f"gs://{gcs_bucket}/results"))
    assert "service-account key" in refused(processing, "create_job", job(
        stack, "gcs", ACCESS="gcs-service-account", DELIVERY_URL=f"gs://{gcs_bucket}/results"))
    assert job_count(stack) == before


# ----------------------------------------------------------------------------------------------- formats and COG


def test_cog_options_overwrite_and_skip_existing_reach_the_files(processing, stack, tmp_path):
    result, _ = run_to_done(processing, stack, tmp_path, "cog", COG_OVERVIEW_LEVELS="2, 4", COG_OVERVIEW_MIN_SIZE=64,
                            COG_RESAMPLING="nearest", COG_BLOCK_X=128, COG_BLOCK_Y=128, COG_PREDICTOR="false",
                            OVERWRITE=True, SKIP_EXISTING=True)
    output = received(stack, result["JOB_ID"])["output"]
    assert output["cogParameters"] == {"overviewLevels": [2, 4], "overviewMinSize": 64,
                                       "resamplingAlgorithm": "nearest", "blockxsize": 128, "blockysize": 128,
                                       "usePredictor": False}
    assert output["overwrite"] is True and output["skipExisting"] is True
    mosaic = gdal.Open(next(path for path in result["OUTPUT_LAYERS"] if Path(path).stem == "ndvi"))
    tile = gdal.Open(mosaic.GetFileList()[1])
    assert tile.GetRasterBand(1).GetBlockSize() == [128, 128]
    tile = mosaic = None


def test_output_formats_are_tiff_or_json_and_cog_needs_tiff(processing, stack):
    created = run(processing, "create_job", job(stack, "json", COG_OUTPUT=False,
                                               OUTPUT_FORMATS="mask=application/json"))
    responses = received(stack, created["JOB_ID"])["processRequest"]["output"]["responses"]
    assert [(r["identifier"], r["format"]["type"]) for r in responses] == [("ndvi", "image/tiff"),
                                                                          ("mask", "application/json")]
    before = job_count(stack)
    assert "needs every output in image/tiff" in refused(processing, "create_job", job(
        stack, "json", OUTPUT_FORMATS="mask=application/json"))
    assert "not one a batch job writes" in refused(processing, "create_job", job(stack, "png",
                                                                                 OUTPUT_FORMATS="ndvi=image/png"))
    assert "does not have: NDVI" in refused(processing, "create_job", job(stack, "png",
                                                                         OUTPUT_FORMATS="NDVI=image/tiff"))
    assert job_count(stack) == before


# ----------------------------------------------------------------------------------------------- instance type


def test_the_instance_type_goes_to_cdse_only(processing, stack, monkeypatch):
    before = job_count(stack)
    assert "no longer takes an instance type" in refused(processing, "create_job", job(stack, "it",
                                                                                      INSTANCE_TYPE="large"))
    assert job_count(stack) == before
    use_stack(monkeypatch, stack, "CDSE")
    created = run(processing, "create_job", job(stack, "it", INSTANCE_TYPE="large"))
    assert received(stack, created["JOB_ID"])["instanceType"] == "large"
    plain = run(processing, "create_job", job(stack, "it"))
    assert "instanceType" not in received(stack, plain["JOB_ID"])


# ----------------------------------------------------------------------------------------------- Zarr


def test_a_zarr_job_runs_to_done_with_tile_statuses_and_loads_as_zarr_layers(processing, stack, tmp_path):
    result, _ = run_to_done(processing, stack, tmp_path, "zarr", AREA=europe_layer(), GRID=grid_choice(6),
                                   RESOLUTION=100, OUTPUT_TYPE="zarr", ZARR_DTYPES="mask=<u2",
                                   ZARR_FILL_VALUES="mask=65535", ZARR_ORIGIN="bottomLeft")
    body = received(stack, result["JOB_ID"])
    assert body["output"]["type"] == "zarr" and body["input"]["id"] == 6
    assert body["output"]["arrayParameters"] == {"dtype": "<f4", "fill_value": "NaN", "order": "C",
                                                 "chunks": [1, 500, 500]}
    assert body["output"]["arrayOverrides"] == {"mask": {"dtype": "<u2", "fill_value": 65535}}
    assert body["output"]["group"] == {"zarr_format": 2, "coordinates": {"origin": "bottomLeft"}}
    statuses = {tile["status"] for tile in tiles(result["TILES"])}
    assert result["TILE_COUNT"] >= 1 and statuses <= {"DONE", "NO_DATA"} and "DONE" in statuses
    root = storage.delivery_root(body["output"]["delivery"]["s3"]["url"], result["JOB_ID"], "zarr")
    assert sorted(result["OUTPUT_LAYERS"]) == [storage.zarr_gdal_path(root, "mask"),
                                               storage.zarr_gdal_path(root, "ndvi")]
    ndvi = gdal.Open(storage.zarr_gdal_path(root, "ndvi"))
    assert ndvi.GetRasterBand(1).DataType == gdal.GDT_Float32 and ndvi.RasterXSize == 1000
    ndvi = None
    loaded = run(processing, "load_results", {"JOB_ID": result["JOB_ID"], "OUTPUT_FOLDER": str(tmp_path / "again")})
    assert loaded["MOSAIC_COUNT"] == 2
    first_tile = tiles(result["TILES"])[0]["name"]
    assert "cannot be re-run into it" in refused(processing, "retry_failed_tiles", {"JOB_ID": result["JOB_ID"],
                                                                                    "TILES": first_tile})


def test_zarr_is_refused_on_utm_grids_with_the_grids_that_take_it(processing, stack):
    before = job_count(stack)
    message = refused(processing, "create_job", job(stack, "zarr-utm", OUTPUT_TYPE="zarr"))
    assert "only with the WGS84 and LAEA tiling grids (ids 3, 6, 7)" in message
    assert "cannot hold output 'ndvi'" in refused(processing, "create_job", job(
        stack, "zarr", AREA=europe_layer(), GRID=grid_choice(6), RESOLUTION=100, OUTPUT_TYPE="zarr", ZARR_DTYPES="ndvi=|u1"))
    assert "evenly divide" in refused(processing, "create_job", job(
        stack, "zarr", AREA=europe_layer(), GRID=grid_choice(6), RESOLUTION=100, OUTPUT_TYPE="zarr", ZARR_CHUNK_SIZE=300))
    assert job_count(stack) == before


# ----------------------------------------------------------------------------------------------- BYOC


def _bucket_readable_by_sentinel_hub(stack) -> str:
    bucket = unique("byoc")
    stack.make_bucket(bucket)
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                                                      "Action": ["s3:GetObject", "s3:ListBucket"],
                                                      "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]}]}
    stack.s3.access.client().put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    return bucket


def _collections(stack):
    return {item["id"]: item for item in
            requests.get(f"{stack.base_url}/_emulator/byoc/collections", timeout=10).json()["data"]}


def test_results_are_ingested_into_a_new_or_an_existing_byoc_collection(processing, stack, tmp_path):
    bucket = _bucket_readable_by_sentinel_hub(stack)
    result, feedback = run_to_done(processing, stack, tmp_path, "byoc", BYOC="new",
                                   DELIVERY_URL=f"s3://{bucket}/new")
    assert "bucket policy" in feedback.text
    body = received(stack, result["JOB_ID"])
    assert body["output"]["createCollection"] is True
    collection = stack.service.requests[result["JOB_ID"]].collection_id
    assert _collections(stack)[collection]["tiles"]

    created = run(processing, "create_job", job(stack, "byoc", BYOC="existing", COLLECTION_ID=collection,
                                               DELIVERY_URL=f"s3://{bucket}/existing"))
    assert received(stack, created["JOB_ID"])["output"]["collectionId"] == collection
    before = job_count(stack)
    assert "Enter the id of the BYOC collection" in refused(processing, "create_job", job(stack, "b", BYOC="existing"))
    assert "not a BYOC collection id" in refused(processing, "create_job", job(stack, "b", BYOC="existing",
                                                                               COLLECTION_ID="my-collection"))
    assert job_count(stack) == before


# ----------------------------------------------------------------------------------------------- own polygons


def test_own_polygons_are_previewed_priced_uploaded_and_processed_as_tiles(processing, stack, tmp_path):
    layer = polygon_layer(FIELDS, 32611)
    preview = run(processing, "preview_tiles", {"FEATURES": layer, "FEATURE_ID_FIELD": "name", "RESOLUTION": 20,
                                                "EVALSCRIPT": NDVI_EVALSCRIPT, "TIME_FROM": "2020-07-01",
                                                "TIME_TO": "2020-07-30", "OUTPUT": str(tmp_path / "preview.gpkg")})
    previewed = {tile["name"]: (tile["width"], tile["height"], tile["epsg"]) for tile in tiles(preview["OUTPUT"])}
    assert previewed == {"field-a": (100, 50, 32611), "field-b": (50, 100, 32611), "far-field": (50, 25, 32611)}
    expected = estimate_processing_units(features_from_polygons(FIELDS, 32611, 20), read_evalscript(NDVI_EVALSCRIPT),
                                         "2020-07-01", "2020-07-30")
    assert preview["PU_ESTIMATE"] == pytest.approx(expected.estimate_pu)
    assert preview["PU_CHARGED"] == pytest.approx(expected.charged_pu)

    features_url = f"s3://{stack.bucket}/{unique('inputs')}/fields.gpkg"
    result, _ = run_to_done(processing, stack, tmp_path, "own", AREA=None, FEATURES=layer,
                                   FEATURE_ID_FIELD="name", FEATURES_URL=features_url)
    body = received(stack, result["JOB_ID"])
    assert body["input"]["type"] == "geopackage" and body["input"]["features"]["s3"]["url"] == features_url
    assert "bounds" not in body["processRequest"]["input"]
    location = storage.parse_s3_url(features_url)
    assert stack.s3.get(location.bucket, location.key)[:16] == b"SQLite format 3\x00"
    assert {tile["name"]: tile["status"] for tile in tiles(result["TILES"])} == {
        "field-a": "DONE", "field-b": "DONE", "far-field": "DONE"}
    assert result["PU_CHARGED"] == pytest.approx(expected.charged_pu)
    assert result["MOSAIC_COUNT"] == 2


def test_an_area_limits_own_polygons_to_those_it_touches(processing, stack, tmp_path):
    layer = polygon_layer(FIELDS, 32611)
    near = polygon_layer([("near", "POLYGON((-119.40 36.00, -119.34 36.00, -119.34 36.06, -119.40 36.06, "
                                   "-119.40 36.00))")], 4326, "near")
    preview = run(processing, "preview_tiles", {"AREA": near, "FEATURES": layer, "FEATURE_ID_FIELD": "name",
                                                "RESOLUTION": 20, "EVALSCRIPT": NDVI_EVALSCRIPT,
                                                "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
                                                "OUTPUT": str(tmp_path / "limited.gpkg")})
    names = {tile["name"] for tile in tiles(preview["OUTPUT"])}
    assert names and "far-field" not in names
    result, _ = run_to_done(processing, stack, tmp_path, "limited", AREA=near, FEATURES=layer,
                            FEATURE_ID_FIELD="name")
    assert {tile["name"] for tile in tiles(result["TILES"])} == names
    assert received(stack, result["JOB_ID"])["processRequest"]["input"]["bounds"]
    assert result["TILE_COUNT"] == preview["TILE_COUNT"]


def test_own_polygons_without_an_epsg_crs_or_a_name_or_with_buffers_are_refused(processing, stack, tmp_path):
    before = job_count(stack)
    layer = polygon_layer([*FIELDS, ("", FIELDS[0][1].buffer(-10))], 32611)
    assert "has no value in 'name'" in refused(processing, "create_job", job(
        stack, "own", AREA=None, FEATURES=layer, FEATURE_ID_FIELD="name"))
    same = polygon_layer([("a", FIELDS[0][1]), ("a", FIELDS[1][1])], 32611)
    assert "used twice" in refused(processing, "create_job", job(stack, "own", AREA=None, FEATURES=same,
                                                                 FEATURE_ID_FIELD="name"))
    assert "Buffers apply to tiling grid tiles only" in refused(processing, "create_job", job(
        stack, "own", AREA=None, FEATURES=polygon_layer(FIELDS, 32611), BUFFER_X=10))
    assert "EPSG:4326 or EPSG:3035" in refused(processing, "create_job", job(
        stack, "own", AREA=None, FEATURES=polygon_layer(FIELDS, 32611), FEATURE_ID_FIELD="name", OUTPUT_TYPE="zarr"))
    assert "area layer could not be opened" in refused(processing, "create_job", job(stack, "none", AREA=None))
    assert job_count(stack) == before


def test_zarr_byoc_own_polygons_and_tile_id_templates_are_accepted_on_cdse_as_well(processing, stack, monkeypatch):
    # Both OpenAPIs list them (batch_assumptions 5 and 8); only IAM roles, GCS and GeoPackage defaults differ.
    use_stack(monkeypatch, stack, "CDSE")
    created = [
        run(processing, "create_job", job(stack, "cdse-zarr", AREA=europe_layer(), GRID=grid_choice(6), RESOLUTION=100,
                                          OUTPUT_TYPE="zarr")),
        run(processing, "create_job", job(stack, "cdse-byoc", BYOC="new")),
        run(processing, "create_job", job(stack, "cdse-own", AREA=None, FEATURES=polygon_layer(FIELDS, 32611),
                                          FEATURE_ID_FIELD="name")),
        run(processing, "create_job", job(stack, "cdse-tile-id", DELIVERY_URL=f"s3://{stack.bucket}/"
                                          f"{unique('cdse')}/<tileId>/<outputId>.<format>")),
    ]
    assert [result["STATUS"] for result in created] == ["CREATED"] * 4
    assert received(stack, created[2]["JOB_ID"])["input"]["type"] == "geopackage"
