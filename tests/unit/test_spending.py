"""The spending guard (plugin/core/spending.py) and the small window an evalscript test renders."""

from __future__ import annotations

import json
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
