"""The spending guard (plugin/core/spending.py) and the small window an evalscript test renders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.process_api import (
    TEST_WINDOW_PIXELS,
    TRUE_COLOR_EVALSCRIPT,
    ProcessInputs,
    build_process_request,
    evalscript_test_window,
    in_metric_crs,
    quick_look_request,
)
from sentinelhub_batch.plugin.core.spending import (
    PROCESS_API_ASK_PU,
    SpendingEstimate,
    SpendingLimitError,
    check_batch_spending,
    check_limit,
    check_process_spending,
    estimate_job,
    process_request_pu,
)
from shapely.geometry import Point, box, shape

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


class Tile:
    def __init__(self, name: str, width: int = 1000, height: int = 1000):
        self.name, self.width, self.height = name, width, height


@pytest.fixture(scope="module")
def tutorial_script() -> str:
    return (DATA / "interpolation_evalscript.js").read_text()


@pytest.fixture(scope="module")
def tutorial_inputs(tutorial_script) -> ProcessInputs:
    features = json.loads((DATA / "california_crop_fields.geojson").read_text())["features"]
    return ProcessInputs(shape(features[0]["geometry"]), 4326, tutorial_script, "sentinel-2-l1c",
                         "2020-07-01", "2020-07-30")


def job_estimate(tile_count: int, script: str) -> SpendingEstimate:
    cost = estimate_processing_units([Tile(f"t{i}") for i in range(tile_count)], read_evalscript(script),
                                     "2020-07-01", "2020-07-30")
    return SpendingEstimate.of(cost)


def test_a_job_within_the_limit_passes_and_one_above_is_refused_with_tiles_and_pu(tutorial_script):
    small = job_estimate(8, tutorial_script)
    check_batch_spending(small, 10_000, how_to_raise="raise MAX_PU")
    big = job_estimate(5000, tutorial_script)
    with pytest.raises(SpendingLimitError) as caught:
        check_batch_spending(big, 10_000, how_to_raise="set the MAX_PU parameter above it")
    message = str(caught.value)
    assert "5,000 tiles" in message and f"{big.charged_pu:,.0f} PU charged" in message
    assert "10,000 PU" in message and "set the MAX_PU parameter above it" in message
    assert caught.value.tile_count == 5000 and caught.value.limit_pu == 10_000


def test_the_minimum_bill_counts_against_the_limit(tutorial_script):
    one_tile = job_estimate(1, tutorial_script)
    assert one_tile.billed_pu == 100 and one_tile.charged_pu < 100
    with pytest.raises(SpendingLimitError, match="billed 100 PU, the minimum"):
        check_batch_spending(one_tile, 50, how_to_raise="raise it")


@pytest.mark.parametrize("bad", [0, -5, "lots", None, float("nan"), float("inf")])
def test_a_limit_must_be_a_positive_number(bad):
    with pytest.raises(InvalidRequestError, match="spending limit"):
        check_limit(bad)


def test_a_quick_look_costs_about_one_pu_and_needs_no_question(tutorial_inputs):
    request = quick_look_request(tutorial_inputs)
    pu = process_request_pu(request, read_evalscript(TRUE_COLOR_EVALSCRIPT))
    assert 0.01 <= pu < PROCESS_API_ASK_PU


def test_the_whole_area_at_full_resolution_is_priced_before_it_is_sent(tutorial_inputs, tutorial_script):
    metric = in_metric_crs(tutorial_inputs)
    request = build_process_request(metric, resx=10, resy=10, check_evalscript=False)
    pu = process_request_pu(request, read_evalscript(tutorial_script))
    assert pu > PROCESS_API_ASK_PU


def test_an_evalscript_test_renders_a_small_window_of_the_area(tutorial_inputs, tutorial_script):
    metric = in_metric_crs(tutorial_inputs)
    window = evalscript_test_window(metric, 10.0)
    xmin, ymin, xmax, ymax = window.area.bounds
    assert xmax - xmin <= TEST_WINDOW_PIXELS * 10 + 1e-6 and ymax - ymin <= TEST_WINDOW_PIXELS * 10 + 1e-6
    assert window.area.within(metric.area.buffer(1e-6))
    request = build_process_request(window, resx=10, resy=10, check_evalscript=False)
    whole = build_process_request(metric, resx=10, resy=10, check_evalscript=False)
    info = read_evalscript(tutorial_script)
    assert process_request_pu(request, info) < process_request_pu(whole, info) / 20


def test_a_test_centre_outside_the_area_moves_into_it():
    inputs = ProcessInputs(box(0, 0, 10_000, 10_000), 32633, TRUE_COLOR_EVALSCRIPT, "sentinel-2-l1c",
                           "2020-07-01", "2020-07-02")
    window = evalscript_test_window(inputs, 10.0, centre=(50_000, 5_000), side_pixels=100)
    assert window.area.bounds == pytest.approx((9_500, 4_500, 10_000, 5_500))
    assert window.area.intersects(Point(10_000, 5_000))
    with pytest.raises(InvalidRequestError):
        evalscript_test_window(inputs, 0.0)


# --- the estimator of a job that exists: the one every start, restart, retry and reprocess uses


@dataclass(frozen=True)
class ManifestRow:
    """The fields of a feature manifest row the estimator reads (``core.storage.ManifestFeature``)."""

    identifier: str
    output_id: str
    width: int
    height: int


@pytest.fixture(scope="module")
def tutorial_job(tutorial_script):
    """The tutorial request (grid 1, 10 m, buffer 50) and the estimate of the preview's tiles."""
    from sentinelhub_batch.plugin.core.batch_request import (
        BatchJobSpec,
        BucketAccess,
        BucketLocation,
        OutputSpec,
        build_batch_request,
    )
    from sentinelhub_batch.plugin.core.tiles import tiles_for_area

    features = json.loads((DATA / "california_crop_fields.geojson").read_text())["features"]
    area = shape(features[0]["geometry"])
    body = build_batch_request(BatchJobSpec(
        area=area, area_crs=4326, evalscript=tutorial_script,
        delivery=BucketLocation("s3://bucket/folder", BucketAccess.with_keys("AKID", "secret")),
        time_from="2020-07-01", time_to="2020-07-30", outputs=[OutputSpec("NDVI"), OutputSpec("data_mask")],
        grid_id=1, resolution=10, buffer_x=50, buffer_y=50))
    tiles = tiles_for_area(area, 4326, 1, 10, 50, 50)
    preview = SpendingEstimate.of(estimate_processing_units(tiles, read_evalscript(tutorial_script), "2020-07-01",
                                                            "2020-07-30"))
    manifest = [ManifestRow(tile.name, output, tile.buffered_width, tile.buffered_height)
                for tile in tiles for output in ("NDVI", "data_mask")]
    return body, preview, manifest


def test_a_created_job_is_estimated_from_its_request_as_the_preview_was(tutorial_job):
    body, preview, _manifest = tutorial_job
    assert preview.tile_count == 8
    assert estimate_job(body) == preview


def test_an_analysed_job_is_estimated_from_its_manifest_without_the_buffer(tutorial_job):
    body, preview, manifest = tutorial_job
    assert manifest[0].width == 1100, "the manifest gives the output raster, buffer included"
    assert estimate_job(body, manifest) == preview


def test_a_rerun_prices_just_its_tiles_at_their_raster_size(tutorial_job):
    body, preview, manifest = tutorial_job
    names = [manifest[0].identifier, manifest[2].identifier]
    rerun = estimate_job(body, manifest, names)
    assert rerun.tile_count == 2
    assert rerun.estimate_pu == pytest.approx(preview.estimate_pu / 8 * 2 * (1100 * 1100) / (1000 * 1000))
    with pytest.raises(InvalidRequestError, match="not in the job's feature manifest"):
        estimate_job(body, manifest, ["11SKV_99_99"])


def test_a_job_over_own_features_is_priced_once_analysed(tutorial_job):
    body, _preview, _manifest = tutorial_job
    own = {**body, "input": {"type": "geopackage", "features": {"s3": {"url": "s3://bucket/own.gpkg"}}}}
    with pytest.raises(InvalidRequestError, match="analyse it first"):
        estimate_job(own)


def test_a_process_api_call_above_what_was_allowed_is_not_sent():
    check_process_spending(1.0, PROCESS_API_ASK_PU, how_to_raise="confirm it")
    with pytest.raises(SpendingLimitError, match=r"about 12\.50 PU, above the 5\.00 PU allowed.*confirm it"):
        check_process_spending(12.5, PROCESS_API_ASK_PU, how_to_raise="confirm it")
    check_process_spending(12.5, 12.5, how_to_raise="confirm it")
    with pytest.raises(SpendingLimitError, match="cannot be estimated"):
        check_process_spending(None, PROCESS_API_ASK_PU, how_to_raise="set MAX_PU")
    check_process_spending(None, 50, how_to_raise="set MAX_PU")
