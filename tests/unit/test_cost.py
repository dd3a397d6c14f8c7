"""The PU estimate (spec/tiling-grids.md §4)."""

from collections import namedtuple
from datetime import date, datetime, timedelta, timezone

import pytest
from sentinelhub_batch.plugin.core.cost import estimate_for_tile_counts, estimate_processing_units, parse_time
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.evalscript import EvalscriptInfo, EvalscriptOutput, read_evalscript
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from shapely.geometry import box

FakeTile = namedtuple("FakeTile", "name width height")

WORKED_EXAMPLE_SCRIPT = """//VERSION=3
function setup() {
  return {
    input: ["B02", "B03", "B04", "B08", "dataMask"],
    output: {id: "default", bands: 4, sampleType: "FLOAT32"},
    mosaicking: "ORBIT"
  };
}
function evaluatePixel(samples) { return [0, 0, 0, 0]; }
"""


def script_info(bands=("B04",), sample_types=("UINT8",), mosaicking="SIMPLE", datasources=1):
    outputs = tuple(EvalscriptOutput(f"out{i}", 1, sample_type) for i, sample_type in enumerate(sample_types))
    return EvalscriptInfo(tuple(bands), outputs, mosaicking, datasources)


@pytest.fixture(scope="module")
def three_grid1_tiles_at_20m():
    tiles = tiles_for_area(box(221000, 1621000, 249000, 1629000), 32628, 1, 20)
    assert [(tile.width, tile.height) for tile in tiles] == [(500, 500)] * 3
    return tiles


def test_worked_example(three_grid1_tiles_at_20m):
    info = read_evalscript(WORKED_EXAMPLE_SCRIPT)
    estimate = estimate_processing_units(three_grid1_tiles_at_20m, info, "2021-01-01T00:00Z", "2021-01-31T00:00Z")
    assert estimate.estimate_pu == pytest.approx(3 * (250_000 / 262_144) * (4 / 3) * 2 * 10)
    assert (round(estimate.estimate_pu, 2), round(estimate.charged_pu, 2), estimate.billed_pu) == (76.29, 25.43, 100)
    assert estimate.samples == 10 and estimate.band_factor == pytest.approx(4 / 3)
    assert estimate.sample_type_factor == 2
    assert estimate.minimum_applies
    assert "input bands: 4 / 3 = 1.333 (dataMask not counted)" in estimate.factors
    assert any("30 whole days / 3 = 10" in line for line in estimate.factors)
    assert any("100 PU" in line and "minimum" in line for line in estimate.factors)


def test_per_tile_figures_add_up(three_grid1_tiles_at_20m):
    estimate = estimate_processing_units(three_grid1_tiles_at_20m, read_evalscript(WORKED_EXAMPLE_SCRIPT),
                                         "2021-01-01T00:00Z", "2021-01-31T00:00Z")
    assert estimate.tile_count == 3
    assert [cost.name for cost in estimate.per_tile] == [tile.name for tile in three_grid1_tiles_at_20m]
    assert sum(cost.estimate_pu for cost in estimate.per_tile) == pytest.approx(estimate.estimate_pu)
    assert all(cost.charged_pu == pytest.approx(cost.estimate_pu / 3) for cost in estimate.per_tile)


def test_buffer_pixels_are_not_counted(three_grid1_tiles_at_20m):
    buffered = tiles_for_area(box(221000, 1621000, 249000, 1629000), 32628, 1, 20, buffer_x=50, buffer_y=50)
    info = read_evalscript(WORKED_EXAMPLE_SCRIPT)
    plain = estimate_processing_units(three_grid1_tiles_at_20m, info, "2021-01-01", "2021-01-30")
    assert estimate_processing_units(buffered, info, "2021-01-01", "2021-01-30").estimate_pu == plain.estimate_pu


@pytest.mark.parametrize(
    ("time_from", "time_to"),
    [
        ("2021-01-01", "2021-01-30"),  # a date-only end means 23:59:59 of that day: 29 days 23:59:59
        (date(2021, 1, 1), date(2021, 1, 30)),
        (datetime(2021, 1, 1), datetime(2021, 1, 30, 23, 59, 59)),
        ("2021-01-01T00:00:00Z", "2021-01-30T23:59:59Z"),
        ("2021-01-01T02:00:00+02:00", "2021-01-31T01:59:59+02:00"),
    ],
)
def test_time_inputs_are_equivalent(time_from, time_to):
    estimate = estimate_processing_units([FakeTile("t", 512, 512)], script_info(mosaicking="ORBIT"), time_from, time_to)
    assert estimate.samples == pytest.approx(29 / 3)


def test_parse_time_end_of_day_and_utc():
    assert parse_time("2021-01-31", end_of_day=True) == datetime(2021, 1, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert parse_time("2021-01-31") == datetime(2021, 1, 31, tzinfo=timezone.utc)
    assert parse_time("2021-01-31T12:00+01:00") == datetime(2021, 1, 31, 11, tzinfo=timezone.utc)
    with pytest.raises(InvalidRequestError, match="ISO 8601"):
        parse_time("31/01/2021")


def test_samples_follow_the_mosaicking():
    tile = [FakeTile("t", 512, 512)]
    one_year = ("2021-01-01T00:00Z", "2022-01-01T00:00Z")
    assert estimate_processing_units(tile, script_info(), *one_year).estimate_pu == pytest.approx(1 / 3)
    assert estimate_processing_units(tile, script_info(), None, None).samples == 1
    tile_mosaicking = estimate_processing_units(tile, script_info(mosaicking="TILE"), *one_year)
    assert tile_mosaicking.samples == pytest.approx(365 / 3)
    short = estimate_processing_units(tile, script_info(mosaicking="ORBIT"), "2021-01-01", "2021-01-01")
    assert short.samples == 1  # less than 3 days still costs one sample


def test_band_counting_rules():
    tile = [FakeTile("t", 512, 512)]

    def bands_factor(bands):
        return estimate_processing_units(tile, script_info(bands=bands), None, None).band_factor

    assert bands_factor(("B02", "B03", "B04")) == pytest.approx(1)
    assert bands_factor(("B02", "B03", "B04", "dataMask")) == pytest.approx(1)
    assert bands_factor(("dataMask",)) == pytest.approx(1 / 3)
    assert bands_factor(()) == pytest.approx(1 / 3)
    assert bands_factor(tuple(f"B{i:02d}" for i in range(1, 13))) == pytest.approx(4)


def test_float32_doubles_whichever_output_has_it():
    tile = [FakeTile("t", 512, 512)]
    assert estimate_processing_units(tile, script_info(sample_types=("UINT16",)), None, None).sample_type_factor == 1
    assert estimate_processing_units(tile, script_info(sample_types=("AUTO",)), None, None).sample_type_factor == 1
    mixed = estimate_processing_units(tile, script_info(sample_types=("UINT8", "FLOAT32")), None, None)
    assert mixed.sample_type_factor == 2
    assert any("FLOAT32 (out1)" in line for line in mixed.factors)


def test_sentinel1_options():
    tile = [FakeTile("t", 512, 512)]
    info = script_info(bands=("VV", "VH", "dataMask"))

    def factor(**options):
        return estimate_processing_units(tile, info, None, None, **options).sentinel1_factor

    assert factor() == 1
    assert factor(orthorectify=True) == 2
    assert factor(terrain_correction=True) == 2.5
    assert factor(orthorectify=True, terrain_correction=True) == 2.5
    assert factor(orthorectify=True, speckle_filter=True) == 4
    assert factor(terrain_correction=True, speckle_filter=True) == 5


def test_data_fusion_factor():
    tile = [FakeTile("t", 512, 512)]
    fused = script_info(bands=("B02", "VV", "VH"), datasources=2)
    assert estimate_processing_units(tile, fused, None, None).data_fusion_factor == 2
    assert estimate_processing_units(tile, fused, None, None, remote_collections=1).data_fusion_factor == 3
    explicit = estimate_processing_units(tile, script_info(), None, None, local_collections=2, remote_collections=1)
    assert explicit.data_fusion_factor == 4
    assert estimate_processing_units(tile, script_info(), None, None).data_fusion_factor == 1
    with pytest.raises(InvalidRequestError):
        estimate_processing_units(tile, script_info(), None, None, local_collections=0)


def test_the_batch_discount_needs_tiles_of_at_least_10000_pixels():
    info = script_info(bands=("B02", "B03", "B04"))
    small, threshold, big = FakeTile("small", 99, 100), FakeTile("threshold", 100, 100), FakeTile("big", 500, 500)
    estimate = estimate_processing_units([small, threshold, big], info, None, None)
    by_name = {cost.name: cost for cost in estimate.per_tile}
    assert by_name["small"].charged_pu == pytest.approx(by_name["small"].estimate_pu)
    assert not by_name["small"].discounted
    assert by_name["threshold"].charged_pu == pytest.approx(by_name["threshold"].estimate_pu / 3)
    assert by_name["big"].charged_pu == pytest.approx(by_name["big"].estimate_pu / 3)
    assert estimate.charged_pu == pytest.approx(sum(cost.charged_pu for cost in estimate.per_tile))
    assert estimate.charged_pu > estimate.estimate_pu / 3
    assert any("full rate for 1 tiles under 10,000 px" in line for line in estimate.factors)


def test_grid_tiles_are_always_big_enough_for_the_discount():
    for grid_id, resolution in ((0, 60), (1, 20), (2, 360), (3, 0.008), (6, 100), (7, 20)):
        tiles = tiles_for_area(box(10.0, 50.0, 10.1, 50.1), 4326, grid_id, resolution)
        estimate = estimate_processing_units(tiles, script_info(), None, None)
        assert all(cost.discounted for cost in estimate.per_tile), grid_id


def test_tiny_tiles_cost_at_least_the_per_request_minimum():
    estimate = estimate_processing_units([FakeTile("tiny", 10, 10)], script_info(bands=("B1", "B2", "B3")), None, None)
    assert estimate.per_tile[0].area_factor == 0.01
    assert estimate.estimate_pu == pytest.approx(0.01)


def test_billed_equals_charged_above_the_minimum():
    tiles = [FakeTile(f"t{i}", 1000, 1000) for i in range(400)]
    estimate = estimate_processing_units(tiles, script_info(bands=("B02", "B03", "B04")), None, None)
    assert estimate.estimate_pu == pytest.approx(400 * 1_000_000 / 262_144)
    assert estimate.charged_pu > 100 and estimate.billed_pu == estimate.charged_pu
    assert not estimate.minimum_applies


def test_bad_inputs_are_refused():
    tile = [FakeTile("t", 512, 512)]
    orbit = script_info(mosaicking="ORBIT")
    with pytest.raises(InvalidRequestError, match="time range"):
        estimate_processing_units(tile, orbit, None, None)
    with pytest.raises(InvalidRequestError, match="before it starts"):
        estimate_processing_units(tile, orbit, "2021-02-01", "2021-01-01")
    with pytest.raises(InvalidRequestError, match="no tiles"):
        estimate_processing_units([], orbit, "2021-01-01", "2021-01-31")
    with pytest.raises(InvalidRequestError):
        estimate_processing_units(tile, orbit, "2021-01-01", timedelta(days=3))


def test_an_estimate_from_tile_counts_is_the_estimate_from_the_tiles():
    from sentinelhub_batch.plugin.core.tiles import count_tiles

    area = box(-122.5, 36.5, -117.5, 39.5)  # two UTM zones
    info = read_evalscript(WORKED_EXAMPLE_SCRIPT)
    tiles = tiles_for_area(area, 4326, 1, 20, 10, 10)
    from_tiles = estimate_processing_units(tiles, info, "2021-01-01", "2021-01-31")
    from_counts = estimate_for_tile_counts(count_tiles(area, 4326, 1, 20, 10, 10), info, "2021-01-01", "2021-01-31")
    assert from_counts.tile_count == from_tiles.tile_count == len(tiles)
    assert from_counts.estimate_pu == pytest.approx(from_tiles.estimate_pu)
    assert from_counts.charged_pu == pytest.approx(from_tiles.charged_pu)
    assert from_counts.factors == from_tiles.factors and from_counts.tiles == ()
    small = [FakeTile("a", 50, 50), FakeTile("b", 1000, 1000)]  # under 10 000 px: the full rate
    counted = estimate_for_tile_counts([namedtuple("Count", "count width height")(1, 50, 50),
                                        namedtuple("Count", "count width height")(1, 1000, 1000)], info,
                                       "2021-01-01", "2021-01-31")
    assert counted.charged_pu == pytest.approx(estimate_processing_units(small, info, "2021-01-01",
                                                                         "2021-01-31").charged_pu)
    with pytest.raises(InvalidRequestError, match="no tiles"):
        estimate_for_tile_counts([], info, "2021-01-01", "2021-01-31")
