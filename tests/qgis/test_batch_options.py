"""The service layer under both shells' Batch v2 options: reading choices into request fields, the automatic Zarr
chunk, the service-account key in the QGIS authentication database, the deployment read without secrets, and whole
pages of a locally filtered job list."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsSettings
from sentinelhub_batch.plugin.core.batch_request import BucketAccessMethod
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.services import batch_options
from sentinelhub_batch.plugin.services.batch_options import (
    CogChoices,
    DeliveryChoices,
    ZarrChoices,
    auto_zarr_chunk,
    cog_parameters,
    delivery_fields,
    features_url_for,
    parse_assignments,
    zarr_output,
)
from sentinelhub_batch.plugin.services.connection import (
    Connection,
    ConnectionSettings,
    S3Access,
    configured_deployment,
    read_service_account_key,
    store_service_account_key,
)
from sentinelhub_batch.plugin.services.jobs import list_jobs_page
from sentinelhub_batch.plugin.services.tasks import Activity
from v2_helpers import PRIVATE_KEY, ROLE, SERVICE_ACCOUNT_KEY


def connection(access_key="AK", secret_key="SK"):
    from sentinelhub_batch.plugin.core.deployments import SENTINEL_HUB_EU

    return Connection(SENTINEL_HUB_EU, "id", "secret", S3Access(access_key, secret_key, region="eu-west-1"))


@pytest.mark.parametrize(("sizes", "chunk"), [([(1000, 1000)], 500), ([(1100, 1100)], 275), ([(5000, 5000)], 500),
                                              ([(100, 50), (50, 100), (25, 50)], 25), ([(97, 89)], 1), ([], 512)])
def test_the_automatic_zarr_chunk_divides_every_tile_raster(sizes, chunk):
    assert auto_zarr_chunk(sizes) == chunk
    assert all(height % chunk == 0 and width % chunk == 0 for height, width in sizes)


def test_zarr_arrays_take_the_lossless_dtype_and_differing_ones_an_override():
    spec = zarr_output(ZarrChoices(), [("ndvi", "FLOAT32"), ("mask", "UINT8"), ("ndwi", "FLOAT32")], [(1000, 1000)])
    assert spec.array_parameters == {"dtype": "<f4", "fill_value": "NaN", "order": "C", "chunks": [1, 500, 500]}
    assert spec.array_overrides == {"mask": {"dtype": "|u1", "fill_value": 0}}
    assert spec.group == {"zarr_format": 2}
    chosen = zarr_output(ZarrChoices(200, {"mask": "<i2"}, {"mask": "-1", "ndvi": "nan"}, "bottomLeft"),
                         [("ndvi", "FLOAT32"), ("mask", "UINT8")], [(1000, 1000)])
    assert chosen.array_overrides == {"mask": {"dtype": "<i2", "fill_value": -1}}
    assert chosen.array_parameters["chunks"] == [1, 200, 200]
    assert chosen.group == {"zarr_format": 2, "coordinates": {"origin": "bottomLeft"}}
    with pytest.raises(InvalidRequestError, match="outputs the job does not have: EVI"):
        zarr_output(ZarrChoices(dtypes={"EVI": "<f4"}), [("ndvi", "FLOAT32")], [])
    with pytest.raises(InvalidRequestError, match="a number or NaN, not 'none'"):
        zarr_output(ZarrChoices(fill_values={"ndvi": "none"}), [("ndvi", "FLOAT32")], [])


def test_per_output_values_and_cog_parameters_are_read_with_plain_messages():
    assert parse_assignments(" ndvi=<f4 ; mask = |u1,", "Zarr dtypes") == {"ndvi": "<f4", "mask": "|u1"}
    with pytest.raises(InvalidRequestError, match="output=value"):
        parse_assignments("ndvi", "Zarr dtypes")
    assert cog_parameters(CogChoices()) is None
    assert cog_parameters(CogChoices("2;4 8", 0, "", 0, 512, False)) == {"overviewLevels": [2, 4, 8],
                                                                       "blockysize": 512, "usePredictor": False}
    with pytest.raises(InvalidRequestError, match="resampling must be one of"):
        cog_parameters(CogChoices(resampling="bilinear"))


def test_delivery_fields_take_the_keys_of_the_connection_and_never_a_missing_access():
    fields = delivery_fields(DeliveryChoices("s3://bucket/out", overwrite=True, skip_existing=True), connection(),
                             [("ndvi", "FLOAT32")])
    assert fields["delivery"].access.access_key == "AK" and fields["delivery"].region == "eu-west-1"
    assert fields["overwrite"] and fields["skip_existing"] and fields["zarr"] is None
    role = delivery_fields(DeliveryChoices("s3://bucket/out", BucketAccessMethod.IAM_ROLE, ROLE), connection("", ""),
                           [("ndvi", "FLOAT32")])
    assert role["delivery"].access.iam_role_arn == ROLE
    with pytest.raises(InvalidRequestError, match="none are set"):
        delivery_fields(DeliveryChoices("s3://bucket/out"), connection("", ""), [("ndvi", "FLOAT32")])
    with pytest.raises(InvalidRequestError, match="Enter the output location"):
        delivery_fields(DeliveryChoices(" "), connection(), [("ndvi", "FLOAT32")])
    zarr = delivery_fields(DeliveryChoices("s3://bucket/out", output_type="zarr", cog_output=True,
                                           cog=CogChoices("2")), connection(), [("ndvi", "FLOAT32")], [(1000, 1000)])
    assert zarr["cog_output"] is False and zarr["cog_parameters"] is None and zarr["zarr"] is not None


def test_the_polygons_go_next_to_the_output_unless_a_place_is_given(monkeypatch):
    monkeypatch.setattr(batch_options.uuid, "uuid4", lambda: type("U", (), {"hex": "0123456789abcdef"})())
    assert features_url_for("s3://bucket/out/<tileName>.tif", "", "My fields (2024)") == \
        "s3://bucket/sentinelhub-batch-features/My-fields-2024-0123456789ab.gpkg"
    assert features_url_for("gs://bucket/out", " s3://other/f.gpkg ", "x") == "s3://other/f.gpkg"
    with pytest.raises(InvalidRequestError, match="output is not in S3"):
        features_url_for("gs://bucket/out", "", "fields")


def test_the_service_account_key_lives_in_the_auth_database_only(auth_ready):
    auth_id = store_service_account_key(SERVICE_ACCOUNT_KEY)
    key = json.loads(read_service_account_key(auth_id))
    assert key["private_key"] == PRIVATE_KEY and key["client_email"] == "batch@emulated.iam.gserviceaccount.com"
    settings = QgsSettings()
    assert not any("not-a-real-key" in str(settings.value(name)) for name in settings.allKeys())
    with pytest.raises(InvalidRequestError, match="not a service-account key file"):
        store_service_account_key('{"type": "authorized_user"}')
    with pytest.raises(InvalidRequestError, match="needs the service-account key"):
        read_service_account_key("")


def test_the_deployment_is_read_without_secrets(monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_DEPLOYMENT", "SH_BASE_URL", "SH_TOKEN_URL"):
        monkeypatch.delenv(name, raising=False)
    ConnectionSettings(deployment="cdse").save()
    assert configured_deployment().capabilities.label == "CDSE"
    monkeypatch.setenv("SH_CLIENT_ID", "someone")
    monkeypatch.setenv("SH_DEPLOYMENT", "eu")
    assert configured_deployment().capabilities.iam_role_delivery
    monkeypatch.setenv("SH_DEPLOYMENT", "custom")
    assert configured_deployment() is None, "a custom deployment without URLs is no deployment"


class PagedClient:
    """Pages of jobs as a locally filtering client returns them: some short or empty, with a next token."""

    def __init__(self, pages):
        self.pages = pages
        self.calls = []

    def list_page(self, search=None, sort=None, count=None, viewtoken=None):
        self.calls.append(viewtoken)
        index = int(viewtoken or 0)
        ids, token = self.pages[index]
        return [BatchTask({"id": job_id}) for job_id in ids], token


def test_a_page_of_jobs_is_filled_across_short_pages_and_stops_at_the_end():
    client = PagedClient([([], "1"), (["a"], "2"), ([], "3"), (["b", "c"], "4"), (["d"], None)])
    tasks, token = list_jobs_page(client, count=2)
    assert [task.id for task in tasks] == ["a", "b", "c"] and token == "4"
    assert client.calls == [None, "1", "2", "3"]
    rest, token = list_jobs_page(client, count=2, viewtoken="4")
    assert [task.id for task in rest] == ["d"] and token is None
    looping = PagedClient([([], "1"), ([], "1")])
    assert list_jobs_page(looping, count=5) == ([], None)
    cancelled = Activity(is_cancelled=lambda: True)
    with pytest.raises(Exception, match="Cancelled"):
        list_jobs_page(PagedClient([([], "1"), ([], None)]), count=2, activity=cancelled)
