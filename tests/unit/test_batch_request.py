"""The create body, built from plain inputs, against the literal shapes of the provider's docs; invalid input is
refused before sending, with the reason.

Sources: eu-cdse/documentation APIs/SentinelHub/ApiReference/openapi.v1.yaml (CDSE OpenAPI), the sentinel-hub.com
OpenAPI (``BatchV2*``, ``S3BucketInfo``, ``GSBucketInfo`` schemas), BatchV2.qmd, BatchV2/Migration.qmd,
sentinelhub-py 3.11 ``s3_specification``.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sentinelhub_batch.plugin.core.batch_request import (
    BatchJobSpec,
    BucketAccess,
    BucketAccessMethod,
    BucketLocation,
    FeatureDefaults,
    GeoPackageInput,
    OutputSpec,
    ZarrOutputSpec,
    bucket_access_methods,
    build_batch_request,
    crs_uri,
    time_range,
)
from sentinelhub_batch.plugin.core.deployments import CDSE, SENTINEL_HUB_EU, custom_deployment
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.models import redact_secrets
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVALSCRIPT = (SHARED / "data" / "interpolation_evalscript.js").read_text()
AREA = [[[[-119.2089, 36.1383], [-119.1323, 36.0980], [-119.1282, 35.9869], [-119.2264, 35.9532],
          [-119.3263, 35.9822], [-119.3488, 36.0899], [-119.2089, 36.1383]]]]
KEYS = BucketAccess.with_keys("AKIAEXAMPLE", "s3cr3t")
ROLE = "arn:aws:iam::123456789012:role/sentinelhub-batch"
# The fields of a Google service-account key file (what "Create key → JSON" downloads); the key itself is fake.
SERVICE_ACCOUNT_KEY = json.dumps({"type": "service_account", "project_id": "my-project", "private_key_id": "0abc",
                                  "private_key": "not-a-real-private-key",
                                  "client_email": "batch@my-project.iam.gserviceaccount.com"})


def script(outputs: str) -> str:
    return ("//VERSION=3\nfunction setup() { return { input: ['B04', 'B08', 'dataMask'], output: " + outputs
            + " }; }\nfunction evaluatePixel(s) { return {}; }\n")


NDVI_FLOAT = script("[{id: 'NDVI', bands: 1, sampleType: 'FLOAT32'}, {id: 'data_mask', bands: 1, sampleType: 'UINT8'}]")


def tutorial_spec(**changes):
    values = dict(
        area=shape({"type": "MultiPolygon", "coordinates": AREA}),
        evalscript=EVALSCRIPT,
        delivery=BucketLocation("s3://my-bucket/folder", KEYS, region="eu-central-1"),
        time_from="2020-07-01",
        time_to="2020-07-30",
        outputs=[OutputSpec("NDVI"), OutputSpec("data_mask")],
        max_cloud_coverage=70,
        mosaicking_order="mostRecent",
        grid_id=1, resolution=10, buffer_x=50, buffer_y=50,
        description="California NDVI July 2020",
    )
    values.update(changes)
    return BatchJobSpec(**values)


def refused(spec, message, deployment=None):
    with pytest.raises(InvalidRequestError) as caught:
        build_batch_request(spec, deployment=deployment)
    assert message.lower() in str(caught.value).lower(), str(caught.value)
    return str(caught.value)


def test_the_spec_example_body_is_reproduced_exactly():
    expected = {
        "processRequest": {
            "input": {
                "bounds": {"geometry": {"type": "MultiPolygon", "coordinates": AREA},
                           "properties": {"crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
                "data": [{"type": "sentinel-2-l1c",
                          "dataFilter": {"timeRange": {"from": "2020-07-01T00:00:00Z", "to": "2020-07-30T23:59:59Z"},
                                         "maxCloudCoverage": 70, "mosaickingOrder": "mostRecent"}}],
            },
            "output": {"responses": [{"identifier": "NDVI", "format": {"type": "image/tiff"}},
                                     {"identifier": "data_mask", "format": {"type": "image/tiff"}}]},
            "evalscript": EVALSCRIPT,
        },
        "input": {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 50, "bufferY": 50},
        "output": {"type": "raster",
                   "delivery": {"s3": {"url": "s3://my-bucket/folder", "accessKey": "AKIAEXAMPLE",
                                       "secretAccessKey": "s3cr3t", "region": "eu-central-1"}},
                   "cogOutput": True, "overwrite": False, "skipExisting": False},
        "description": "California NDVI July 2020",
    }
    body = build_batch_request(tutorial_spec())
    # Compare as JSON text: the wire format, not Python equality (which would accept 70 == 70.0 tuples vs lists).
    assert json.loads(json.dumps(body)) == expected
    assert body["input"]["resolution"] == 10 and isinstance(body["input"]["resolution"], int)


def test_instance_type_is_sent_only_when_chosen():
    # The sentinel-hub.com OpenAPI no longer lists instanceType; CDSE's does (InstanceType: normal, large).
    assert "instanceType" not in build_batch_request(tutorial_spec())
    assert build_batch_request(tutorial_spec(instance_type="large"))["instanceType"] == "large"
    refused(tutorial_spec(instance_type="huge"), "normal, large")
    assert not SENTINEL_HUB_EU.capabilities.instance_type and CDSE.capabilities.instance_type
    assert build_batch_request(tutorial_spec(instance_type="normal"), deployment=CDSE)["instanceType"] == "normal"
    refused(tutorial_spec(instance_type="normal"), "sentinel-hub.com no longer takes an instance type",
            SENTINEL_HUB_EU)


# ----------------------------------------------------------------------------------------------- bucket access


def test_iam_role_delivery_on_sentinel_hub():
    delivery = BucketLocation("s3://my-bucket/a/<tileName>/<outputId>.<format>", BucketAccess.with_iam_role(ROLE))
    body = build_batch_request(tutorial_spec(delivery=delivery), deployment=SENTINEL_HUB_EU)
    assert body["output"]["delivery"] == {"s3": {"url": "s3://my-bucket/a/<tileName>/<outputId>.<format>",
                                                 "iamRoleARN": ROLE}}


def test_a_delivery_without_access_is_refused_naming_what_to_give():
    # Migration.qmd §7: bucket-policy access "has been disabled in Batch Processing V2"; sentinelhub-py refuses a
    # delivery with neither an IAM role nor both keys.
    message = refused(tutorial_spec(delivery=BucketLocation("s3://my-bucket/folder")), "access key and secret key")
    assert "IAM role" in message and "bucket policy" in message
    cdse = refused(tutorial_spec(delivery=BucketLocation("s3://my-bucket/folder")), "secret key", deployment=CDSE)
    assert "IAM role" not in cdse


@pytest.mark.parametrize(("access", "message"), [
    (BucketAccess.with_keys("AKIAEXAMPLE", ""), "both the S3 access key and the secret key"),
    (BucketAccess.with_keys("", "s3cr3t"), "both the S3 access key and the secret key"),
    (BucketAccess.with_iam_role("my-role"), "not an IAM role ARN"),
    (BucketAccess.with_iam_role(""), "not an IAM role ARN"),
])
def test_incomplete_access_is_refused(access, message):
    refused(tutorial_spec(delivery=BucketLocation("s3://my-bucket/folder", access)), message)


def test_cdse_takes_only_access_keys():
    # CDSE OpenAPI S3BucketInfo lists accessKey/secretAccessKey only; BatchV2.qmd "Bucket settings and access":
    # "accessKey and secretAccessKey pair have to be provided in your request".
    role = BucketLocation("s3://my-bucket/folder", BucketAccess.with_iam_role(ROLE))
    refused(tutorial_spec(delivery=role), "takes only: S3 access key and secret key", deployment=CDSE)
    gcs = BucketLocation("gs://my-bucket/folder", BucketAccess.with_service_account_key(SERVICE_ACCOUNT_KEY))
    refused(tutorial_spec(delivery=gcs), "does not accept", deployment=CDSE)
    assert bucket_access_methods(CDSE) == [BucketAccessMethod.ACCESS_KEYS]
    assert bucket_access_methods(SENTINEL_HUB_EU) == list(BucketAccessMethod)


def test_a_custom_deployment_is_judged_by_its_token_realm():
    cdse_like = custom_deployment("http://127.0.0.1:1", "http://127.0.0.1:1/auth/realms/CDSE/protocol/openid-connect/token")
    main_like = custom_deployment("http://127.0.0.1:1", "http://127.0.0.1:1/auth/realms/main/protocol/openid-connect/token")
    assert cdse_like.capabilities.label == "CDSE" and not cdse_like.capabilities.iam_role_delivery
    assert main_like.capabilities.iam_role_delivery and main_like.capabilities.google_cloud_storage


def test_google_cloud_storage_delivery_sends_the_key_base64_encoded():
    # sentinel-hub.com GSBucketInfo: url + credentials, "Base64-encoded service account credentials in JSON format".
    gcs = BucketLocation("gs://my-gcs-bucket/results", BucketAccess.with_service_account_key(SERVICE_ACCOUNT_KEY))
    body = build_batch_request(tutorial_spec(delivery=gcs), deployment=SENTINEL_HUB_EU)
    gs = body["output"]["delivery"]["gs"]
    assert gs["url"] == "gs://my-gcs-bucket/results"
    assert json.loads(base64.b64decode(gs["credentials"])) == json.loads(SERVICE_ACCOUNT_KEY)
    # A key stored base64-encoded already is the same key.
    encoded = BucketAccess.with_service_account_key(base64.b64encode(SERVICE_ACCOUNT_KEY.encode()).decode())
    again = build_batch_request(tutorial_spec(delivery=BucketLocation(gcs.url, encoded)))
    assert again["output"]["delivery"] == body["output"]["delivery"]
    # Nothing shown to a person or logged carries the key.
    shown = json.dumps(redact_secrets(body))
    assert gs["credentials"] not in shown and "not-a-real-private-key" not in shown
    assert "not-a-real-private-key" not in repr(tutorial_spec(delivery=gcs))


@pytest.mark.parametrize(("delivery", "message"), [
    (BucketLocation("gs://my-gcs-bucket/r", BucketAccess.with_service_account_key('{"type": "authorized_user"}')),
     "not a service-account key"),
    (BucketLocation("gs://my-gcs-bucket/r", BucketAccess.with_service_account_key("")), "needs a service-account key"),
    (BucketLocation("gs://my-gcs-bucket/r", KEYS), "Google Cloud Storage URL"),
    (BucketLocation("s3://my-bucket/r", BucketAccess.with_service_account_key(SERVICE_ACCOUNT_KEY)), "S3 URL"),
    (BucketLocation("gs://my-gcs-bucket/r", BucketAccess.with_service_account_key(SERVICE_ACCOUNT_KEY),
                    region="eu-central-1"), "region applies to S3"),
])
def test_google_cloud_storage_mistakes(delivery, message):
    text = refused(tutorial_spec(delivery=delivery), message)
    assert "not-a-real-private-key" not in text


def test_secrets_are_not_in_the_repr_of_a_delivery():
    delivery = BucketLocation("s3://my-bucket/folder", KEYS)
    assert "s3cr3t" not in repr(delivery)
    assert "s3cr3t" not in repr(tutorial_spec())


# ----------------------------------------------------------------------------------------------- formats, COG


@pytest.mark.parametrize("format_type", ["image/png", "image/jpeg"])
def test_png_and_jpeg_are_process_api_formats_only(format_type):
    # OpenAPI ProcessRequestOutputBatchV2Response.format: TIFF, JSON or zarr/array.
    message = refused(tutorial_spec(outputs=[OutputSpec("NDVI", format_type)], cog_output=False),
                      "batch processing does not write")
    assert "image/tiff" in message


def test_cog_output_needs_every_output_in_tiff():
    # OpenAPI BatchV2RasterOutput.cogOutput: "All outputs must use the TIFF format and cannot use sampleType INT8".
    outputs = [OutputSpec("NDVI"), OutputSpec("userdata", "application/json")]
    refused(tutorial_spec(outputs=outputs), "needs every output in image/tiff, but userdata is not")
    body = build_batch_request(tutorial_spec(outputs=outputs, cog_output=False))
    assert body["processRequest"]["output"]["responses"][1] == {"identifier": "userdata",
                                                                 "format": {"type": "application/json"}}


def test_cog_output_refuses_int8_outputs():
    evalscript = script("[{id: 'class', bands: 1, sampleType: 'INT8'}]")
    refused(tutorial_spec(evalscript=evalscript, outputs=[OutputSpec("class")]), "sampleType INT8")
    assert build_batch_request(tutorial_spec(evalscript=evalscript, outputs=[OutputSpec("class")], cog_output=False))


@pytest.mark.parametrize(("parameters", "message"), [
    ({"blocksize": 256}, "Unknown COG parameters"),
    ({"resamplingAlgorithm": "bilinear"}, "resampling must be one of"),
    ({"blockxsize": "256"}, "whole number"),
    ({"overviewMinSize": 0}, "whole number"),
    ({"overviewLevels": [2, 1]}, "reduction factors"),
    ({"overviewLevels": 4}, "reduction factors"),
    ({"usePredictor": "yes"}, "true or false"),
])
def test_cog_parameters_are_checked(parameters, message):
    refused(tutorial_spec(cog_parameters=parameters), message)


def test_documented_cog_parameters_pass_through():
    parameters = {"overviewLevels": [2, 4, 8], "overviewMinSize": 256, "resamplingAlgorithm": "gauss",
                  "blockxsize": 1024, "blockysize": 1024, "usePredictor": False}
    assert build_batch_request(tutorial_spec(cog_parameters=parameters))["output"]["cogParameters"] == parameters
    refused(tutorial_spec(cog_parameters=parameters, cog_output=False), "need COG output")


# ----------------------------------------------------------------------------------------------- BYOC


COLLECTION = "1f2e3d4c-5b6a-4789-8abc-0123456789ab"


def test_ingestion_into_a_new_or_existing_byoc_collection():
    # BatchV2.qmd "Ingesting results into BYOC"; OpenAPI BatchV2RasterOutput.createCollection / collectionId.
    body = build_batch_request(tutorial_spec(create_collection=True))
    assert body["output"]["createCollection"] is True and "collectionId" not in body["output"]
    body = build_batch_request(tutorial_spec(collection_id=COLLECTION.upper()))
    assert body["output"]["collectionId"] == COLLECTION and "createCollection" not in body["output"]
    assert "createCollection" not in build_batch_request(tutorial_spec())["output"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"create_collection": True, "cog_output": False}, "needs COG output"),
    ({"collection_id": COLLECTION, "cog_output": False}, "needs COG output"),
    ({"collection_id": "my-collection"}, "not a BYOC collection id"),
    ({"create_collection": True, "outputs": [OutputSpec("NDVI"), OutputSpec("userdata", "application/json")]},
     "ingestion into a BYOC collection needs every output in image/tiff"),
])
def test_byoc_ingestion_rules(changes, message):
    refused(tutorial_spec(**changes), message)


def test_byoc_band_names_of_multi_band_outputs_must_not_clash():
    # BatchV2.qmd: output {id: "result", bands: 3} makes bands result, result2, result3, so another output
    # "result2" "will throw an exception".
    evalscript = script("[{id: 'result', bands: 3}, {id: 'result2', bands: 1}]")
    spec = tutorial_spec(evalscript=evalscript, outputs=[OutputSpec("result"), OutputSpec("result2")],
                         create_collection=True)
    refused(spec, "band 'result2' twice")
    fine = script("[{id: 'result', bands: 3}, {id: 'mask', bands: 1}]")
    assert build_batch_request(tutorial_spec(evalscript=fine, outputs=[OutputSpec("result"), OutputSpec("mask")],
                                             create_collection=True))


# ----------------------------------------------------------------------------------------------- GeoPackage input


def test_geopackage_input_replaces_the_grid_and_the_area_becomes_optional():
    features = GeoPackageInput(BucketLocation("s3://my-bucket/retry/features.gpkg", BucketAccess.with_keys("A", "B")))
    body = build_batch_request(tutorial_spec(features=features, overwrite=True, area=None))
    assert body["input"] == {"type": "geopackage", "features": {"s3": {
        "url": "s3://my-bucket/retry/features.gpkg", "accessKey": "A", "secretAccessKey": "B"}}}
    # BatchV2.qmd "Area of Interest and PUs": with a GeoPackage "the AOI can optionally be omitted".
    assert "bounds" not in body["processRequest"]["input"]
    assert body["output"]["overwrite"] is True
    limited = build_batch_request(tutorial_spec(features=features))
    assert limited["processRequest"]["input"]["bounds"]["geometry"]["type"] == "MultiPolygon"


def test_geopackage_defaults_on_sentinel_hub_only():
    location = BucketLocation("s3://my-bucket/f.gpkg", KEYS)
    body = build_batch_request(tutorial_spec(features=GeoPackageInput(location, FeatureDefaults(512, 256))),
                               deployment=SENTINEL_HUB_EU)
    assert body["input"]["defaults"] == {"width": 512, "height": 256}
    body = build_batch_request(tutorial_spec(features=GeoPackageInput(location, FeatureDefaults(resolution=10))))
    assert body["input"]["defaults"] == {"resolution": 10.0}
    refused(tutorial_spec(features=GeoPackageInput(location, FeatureDefaults(512, 256))), "no GeoPackage defaults",
            deployment=CDSE)


@pytest.mark.parametrize(("defaults", "message"), [
    (FeatureDefaults(512, 512, 10.0), "not both"),
    (FeatureDefaults(), "not neither"),
    (FeatureDefaults(512), "width and height are needed"),
    (FeatureDefaults(3501, 10), "from 1 to 3500"),
    (FeatureDefaults(resolution=0), "above 0"),
])
def test_geopackage_defaults_are_checked(defaults, message):
    location = BucketLocation("s3://my-bucket/f.gpkg", KEYS)
    refused(tutorial_spec(features=GeoPackageInput(location, defaults)), message)


def test_geopackage_location_needs_access_too():
    features = GeoPackageInput(BucketLocation("s3://my-bucket/f.gpkg"))
    refused(tutorial_spec(features=features), "access to the features bucket")


# ----------------------------------------------------------------------------------------------- Zarr


ZARR_PARAMETERS = {"dtype": "<f4", "order": "C", "chunks": [1, 1000, 1000], "fill_value": "NaN"}


def zarr_spec(**changes):
    values = dict(evalscript=NDVI_FLOAT, outputs=[OutputSpec("NDVI"), OutputSpec("data_mask")], grid_id=6,
                  resolution=100, buffer_x=0, buffer_y=0, output_type="zarr",
                  delivery=BucketLocation("s3://my-bucket/zarr/<requestId>", KEYS),
                  zarr=ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|u1", "fill_value": 0}}))
    values.update(changes)
    return tutorial_spec(**values)


def test_zarr_output_follows_the_documented_example():
    # BatchV2/Examples.qmd "Option 2: Zarr format output" and Migration.qmd §3.
    body = build_batch_request(zarr_spec())
    assert body["output"] == {
        "type": "zarr",
        "delivery": {"s3": {"url": "s3://my-bucket/zarr/<requestId>", "accessKey": "AKIAEXAMPLE",
                            "secretAccessKey": "s3cr3t"}},
        "group": {"zarr_format": 2},
        "arrayParameters": ZARR_PARAMETERS,
        "arrayOverrides": {"data_mask": {"dtype": "|u1", "fill_value": 0}},
    }
    assert [response["format"]["type"] for response in body["processRequest"]["output"]["responses"]] == \
        ["zarr/array", "zarr/array"]
    assert body["input"] == {"type": "tiling-grid", "id": 6, "resolution": 100, "bufferX": 0, "bufferY": 0}


@pytest.mark.parametrize("grid", [(3, 0.0001, [1, 1000, 1000]), (7, 10, [1, 500, 500])])
def test_zarr_on_the_wgs84_and_laea_grids(grid):
    grid_id, resolution, chunks = grid
    spec = zarr_spec(grid_id=grid_id, resolution=resolution, zarr=ZarrOutputSpec({**ZARR_PARAMETERS, "chunks": chunks},
                     {"data_mask": {"dtype": "|u1", "fill_value": 0}}))
    assert build_batch_request(spec)["input"]["id"] == grid_id


@pytest.mark.parametrize(("changes", "message"), [
    ({"grid_id": 1, "resolution": 10}, "only with the WGS84 and LAEA tiling grids"),
    ({"grid_id": 0, "resolution": 60}, "only with the WGS84 and LAEA tiling grids"),
    ({"grid_id": 2, "resolution": 60}, "only with the WGS84 and LAEA tiling grids"),
    ({"outputs": [OutputSpec("NDVI"), OutputSpec("userdata", "application/json")]}, "only zarr/array"),
    ({"outputs": [OutputSpec("NDVI", "image/tiff")]}, "only zarr/array"),
    ({"evalscript": script("[{id: 'NDVI', bands: 2, sampleType: 'FLOAT32'}]"), "outputs": [OutputSpec("NDVI")]},
     "one band per output"),
    ({"zarr": ZarrOutputSpec({**ZARR_PARAMETERS, "chunks": [1, 300, 300]},
                             {"data_mask": {"dtype": "|u1", "fill_value": 0}})}, "evenly divide the tile raster"),
    ({"zarr": ZarrOutputSpec({**ZARR_PARAMETERS, "chunks": [2, 1000, 1000]},
                             {"data_mask": {"dtype": "|u1", "fill_value": 0}})}, "(time)"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|i1", "fill_value": 0}})},
     "cannot hold output 'data_mask' (sampleType UINT8); use |u1"),
    ({"zarr": ZarrOutputSpec({**ZARR_PARAMETERS, "dtype": "<u2", "fill_value": 0})}, "cannot hold output 'NDVI'"),
    ({"zarr": ZarrOutputSpec({**ZARR_PARAMETERS, "order": "F"}, {"data_mask": {"dtype": "|u1", "fill_value": 0}})},
     "must be \"C\""),
    ({"zarr": ZarrOutputSpec({"dtype": "<f4", "order": "C", "chunks": [1, 1000, 1000]})}, "has no fill_value"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|u1", "fill_value": 300}})}, "does not fit"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|u1", "fill_value": "NaN"}})}, "does not fit"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"EVI": {"dtype": "<f4"}})}, "does not have: EVI"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|u1", "fill_value": 0}},
                             {"zarr_format": 3})}, "zarr_format 2"),
    ({"zarr": ZarrOutputSpec(ZARR_PARAMETERS, {"data_mask": {"dtype": "|u1", "fill_value": 0}},
                             {"zarr_format": 2, "coordinates": {"origin": "center"}})}, "topLeft or bottomLeft"),
    ({"delivery": BucketLocation("s3://my-bucket/zarr/<tileName>", KEYS)}, "a Zarr output is one folder"),
    ({"create_collection": True}, "not Zarr"),
    ({"cog_parameters": {"blockxsize": 512}}, "apply to GeoTIFF"),
    ({"overwrite": True}, "no 'overwrite'"),
])
def test_zarr_rules(changes, message):
    refused(zarr_spec(**changes), message)


def test_the_grids_that_take_zarr_are_the_wgs84_and_laea_ones():
    from sentinelhub_batch.plugin.core.batch_request import zarr_allowed_for_grid
    from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS

    assert sorted(grid.id for grid in BUILTIN_GRIDS.values() if zarr_allowed_for_grid(grid)) == [3, 6, 7]


def test_zarr_chunks_must_divide_the_buffered_tile():
    # "The second and third … must evenly divide the batch output tile raster size": 1000 + 2 × 12 px.
    refused(zarr_spec(buffer_x=12, buffer_y=12), "1024 × 1024 px (e.g. 1024 × 1024)")
    zarr = ZarrOutputSpec({**ZARR_PARAMETERS, "chunks": [1, 512, 512]}, {"data_mask": {"dtype": "|u1", "fill_value": 0}})
    assert build_batch_request(zarr_spec(buffer_x=12, buffer_y=12, zarr=zarr))


def test_zarr_with_own_features_needs_one_wgs84_or_laea_crs():
    location = BucketLocation("s3://my-bucket/f.gpkg", KEYS)
    fine = GeoPackageInput(location, feature_epsg_codes=(3035,))
    assert build_batch_request(zarr_spec(features=fine))["input"]["type"] == "geopackage"
    refused(zarr_spec(features=GeoPackageInput(location, feature_epsg_codes=(32633,))), "EPSG:4326 or EPSG:3035")
    refused(zarr_spec(features=GeoPackageInput(location, feature_epsg_codes=(4326, 3035))), "one CRS")


def test_a_raster_output_takes_no_zarr_parameters():
    refused(tutorial_spec(zarr=ZarrOutputSpec(ZARR_PARAMETERS)), "Zarr parameters were given")
    refused(tutorial_spec(outputs=[OutputSpec("NDVI", "zarr/array")]), "choose the Zarr output type")
    refused(tutorial_spec(output_type="netcdf"), "'raster'")


# ----------------------------------------------------------------------------------------------- the rest


def test_times_and_crs():
    start, end = time_range("2020-07-01", "2020-07-30")
    assert (start.isoformat(), end.isoformat()) == ("2020-07-01T00:00:00+00:00", "2020-07-30T23:59:59+00:00")
    start, end = time_range("2020-07-01T10:00:00+02:00", "2020-07-02T00:00:00Z")
    assert start.hour == 8 and end.day == 2 and end.hour == 0
    assert crs_uri(4326) == crs_uri("EPSG:4326") == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    assert crs_uri("epsg:32633") == "http://www.opengis.net/def/crs/EPSG/0/32633"
    body = build_batch_request(tutorial_spec(area=box(500000, 4000000, 510000, 4010000), area_crs=32611))
    assert body["processRequest"]["input"]["bounds"]["properties"]["crs"].endswith("/EPSG/0/32611")
    assert body["processRequest"]["input"]["bounds"]["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize(("changes", "message"), [
    ({"resolution": 15}, "resolution"),
    ({"grid_id": 5}, "grid"),
    ({"outputs": []}, "no outputs"),
    ({"outputs": [OutputSpec("NDVI"), OutputSpec("NDVI")]}, "unique"),
    ({"outputs": [OutputSpec("EVI")]}, "not produced by the evalscript"),
    ({"delivery": BucketLocation("s3://b/x/<outputId>.tif", KEYS)}, "neither <tileName> nor <tileId>"),
    ({"delivery": BucketLocation("s3://my-bucket/<tileName>.tif", KEYS)}, "<outputId>"),
    ({"delivery": BucketLocation("https://my-bucket/folder", KEYS)}, "not an S3 URL"),
    ({"time_from": "2020-08-01"}, "before it starts"),
    ({"time_to": "July"}, "not a date"),
    ({"max_cloud_coverage": 170}, "percentage"),
    ({"buffer_x": -1}, "bufferX"),
    ({"area": Point(0, 0)}, "polygon"),
    ({"area": Polygon()}, "empty"),
    ({"area": None}, "empty"),
    ({"area": Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])}, "invalid"),
    ({"evalscript": "  "}, "empty"),
])
def test_invalid_combinations_are_refused_before_sending(changes, message):
    refused(tutorial_spec(**changes), message)


def test_overwrite_and_skip_existing_together_skip_complete_tiles_and_rewrite_partial_ones():
    # OpenAPI BatchV2RasterOutput.overwrite: "any existing files will be overwritten, except if skipExisting is true
    # and all outputs for a tile exist".
    output = build_batch_request(tutorial_spec(overwrite=True, skip_existing=True))["output"]
    assert (output["overwrite"], output["skipExisting"]) == (True, True)


def test_tile_id_templates_are_accepted():
    # CDSE OpenAPI BatchV2RasterOutput.delivery: "The template must contain <tileName> or <tileId>".
    for url in ("s3://my-bucket/f/<tileId>/<outputId>.<format>", "s3://my-bucket/f/<outputId>/<tileId>.tif"):
        assert build_batch_request(tutorial_spec(delivery=BucketLocation(url, KEYS)))["output"]["delivery"]["s3"][
            "url"] == url


def test_multipolygon_area_keeps_every_part():
    area = MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)])
    body = build_batch_request(tutorial_spec(area=area))
    assert len(body["processRequest"]["input"]["bounds"]["geometry"]["coordinates"]) == 2
