"""The create body, built from plain inputs, against the literal shape in the spec; invalid input is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sentinelhub_batch.plugin.core.batch_request import (
    BatchJobSpec,
    OutputSpec,
    S3Delivery,
    build_batch_request,
    crs_uri,
    time_range,
)
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVALSCRIPT = (SHARED / "data" / "interpolation_evalscript.js").read_text()
AREA = [[[[-119.2089, 36.1383], [-119.1323, 36.0980], [-119.1282, 35.9869], [-119.2264, 35.9532],
          [-119.3263, 35.9822], [-119.3488, 36.0899], [-119.2089, 36.1383]]]]


def tutorial_spec(**changes):
    values = dict(
        area=shape({"type": "MultiPolygon", "coordinates": AREA}),
        evalscript=EVALSCRIPT,
        delivery=S3Delivery("s3://my-bucket/folder", access_key="AKIAEXAMPLE", secret_access_key="s3cr3t",
                            region="eu-central-1"),
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
        "instanceType": "normal",
        "description": "California NDVI July 2020",
    }
    body = build_batch_request(tutorial_spec())
    # Compare as JSON text: the wire format, not Python equality (which would accept 70 == 70.0 tuples vs lists).
    assert json.loads(json.dumps(body)) == expected
    assert body["input"]["resolution"] == 10 and isinstance(body["input"]["resolution"], int)


def test_iam_role_and_region_less_delivery():
    body = build_batch_request(tutorial_spec(delivery=S3Delivery("s3://my-bucket/a/<tileName>/<outputId>.<format>",
                                                                 iam_role_arn="arn:aws:iam::1:role/x")))
    assert body["output"]["delivery"] == {"s3": {"url": "s3://my-bucket/a/<tileName>/<outputId>.<format>",
                                                 "iamRoleARN": "arn:aws:iam::1:role/x"}}


def test_geopackage_input_replaces_the_grid():
    features = S3Delivery("s3://my-bucket/retry/features.gpkg", access_key="A", secret_access_key="B")
    body = build_batch_request(tutorial_spec(features=features, overwrite=True))
    assert body["input"] == {"type": "geopackage", "features": {"s3": {
        "url": "s3://my-bucket/retry/features.gpkg", "accessKey": "A", "secretAccessKey": "B"}}}
    assert body["output"]["overwrite"] is True


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
    ({"delivery": S3Delivery("s3://b/x/<outputId>.tif", access_key="a", secret_access_key="b")}, "<tileName>"),
    ({"delivery": S3Delivery("s3://my-bucket/<tileName>.tif", access_key="a", secret_access_key="b")}, "<outputId>"),
    ({"delivery": S3Delivery("https://my-bucket/folder")}, "not an S3 URL"),
    ({"delivery": S3Delivery("s3://my-bucket/f", access_key="a", secret_access_key="b",
                             iam_role_arn="arn:aws:iam::1:role/x")}, "not both"),
    ({"time_from": "2020-08-01"}, "before it starts"),
    ({"time_to": "July"}, "not a date"),
    ({"max_cloud_coverage": 170}, "percentage"),
    ({"buffer_x": -1}, "bufferX"),
    ({"area": Point(0, 0)}, "polygon"),
    ({"area": Polygon()}, "empty"),
    ({"area": Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])}, "invalid"),
    ({"evalscript": "  "}, "empty"),
    ({"overwrite": True, "skip_existing": True}, "not both"),
])
def test_invalid_combinations_are_refused_before_sending(changes, message):
    with pytest.raises(InvalidRequestError) as caught:
        build_batch_request(tutorial_spec(**changes))
    assert message.lower() in str(caught.value).lower()


def test_secrets_are_not_in_the_repr_of_a_delivery():
    delivery = S3Delivery("s3://my-bucket/folder", access_key="AKIAEXAMPLE", secret_access_key="s3cr3t")
    assert "s3cr3t" not in repr(delivery)
    assert "s3cr3t" not in repr(tutorial_spec())


def test_multipolygon_area_keeps_every_part():
    area = MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)])
    body = build_batch_request(tutorial_spec(area=area))
    assert len(body["processRequest"]["input"]["bounds"]["geometry"]["coordinates"]) == 2
