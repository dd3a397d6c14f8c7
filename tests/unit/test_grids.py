"""Tiling grids: the predefined table, the live /tilinggrids description, resolution checks."""

import pytest
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS, TilingGrid, get_grid, latitude_limits

# The spec's table (spec/tiling-grids.md §1), written out independently of the module's.
SPEC_TABLE = {
    0: ("UTM", "METRE", 20040, (10, 20, 30, 60)),
    1: ("UTM", "METRE", 10000, (10, 20)),
    2: ("UTM", "METRE", 100080, (30, 60, 120, 240, 360)),
    3: ("WGS84", "DEGREE", 1, (0.0001, 0.0002)),
    6: ("LAEA", "METRE", 100000, (40, 50, 100)),
    7: ("LAEA", "METRE", 20000, (10, 20)),
}

LIVE_GRID_1 = {
    "id": 1,
    "name": "UTM 10km grid",
    "properties": {"tileWidth": 10000, "tileHeight": 10000, "resolutions": [10, 20, 60], "unit": "METRE",
                   "epsg": "auto"},
    "links": {"self": "https://example/tilinggrids/1"},
}


@pytest.mark.parametrize("grid_id", sorted(SPEC_TABLE))
def test_builtin_grids_match_the_spec_table(grid_id):
    kind, unit, size, resolutions = SPEC_TABLE[grid_id]
    grid = BUILTIN_GRIDS[grid_id]
    assert (grid.crs_kind, grid.unit, grid.tile_width, grid.tile_height) == (kind, unit, size, size)
    assert grid.resolutions == pytest.approx(resolutions)
    for resolution in resolutions:
        width, height = grid.tile_pixels(resolution)
        assert width == height
        assert width * resolution == pytest.approx(size)


def test_only_the_six_predefined_grids_are_built_in():
    assert sorted(BUILTIN_GRIDS) == [0, 1, 2, 3, 6, 7]


def test_tile_pixels_of_the_documented_examples():
    assert BUILTIN_GRIDS[0].tile_pixels(60) == (334, 334)
    assert BUILTIN_GRIDS[2].tile_pixels(360) == (278, 278)
    assert BUILTIN_GRIDS[1].tile_pixels(10) == (1000, 1000)
    assert BUILTIN_GRIDS[3].tile_pixels(0.0001) == (10000, 10000)


def test_a_resolution_the_grid_does_not_allow_is_refused_naming_the_allowed_ones():
    with pytest.raises(InvalidRequestError) as raised:
        BUILTIN_GRIDS[1].check_resolution(30)
    message = str(raised.value)
    assert "30" in message and "10, 20" in message
    with pytest.raises(InvalidRequestError, match=r"0\.0001, 0\.0002"):
        BUILTIN_GRIDS[3].check_resolution(0.001)
    with pytest.raises(InvalidRequestError):
        BUILTIN_GRIDS[1].check_resolution("ten")
    assert BUILTIN_GRIDS[1].check_resolution("20") == 20.0
    assert BUILTIN_GRIDS[1].allows_resolution(10) and not BUILTIN_GRIDS[1].allows_resolution(60)


def test_from_api_keeps_unknown_keys_and_round_trips():
    grid = TilingGrid.from_api(LIVE_GRID_1)
    assert grid.id == 1 and grid.crs_kind == "UTM" and grid.resolutions == (10.0, 20.0, 60.0)
    assert grid.extra == {"links": {"self": "https://example/tilinggrids/1"}, "properties": {"epsg": "auto"}}
    assert grid.to_api() == LIVE_GRID_1


def test_from_api_guesses_the_crs_kind_of_grids_it_does_not_know():
    wgs = TilingGrid.from_api({"id": 42, "name": "WGS84 half degree grid",
                               "properties": {"tileWidth": 0.5, "resolutions": [0.0001], "unit": "DEGREE"}})
    laea = TilingGrid.from_api({"id": 43, "name": "LAEA 50km grid",
                                "properties": {"tileWidth": 50000, "resolutions": [50], "unit": "METRE"}})
    assert (wgs.crs_kind, wgs.tile_height) == ("WGS84", 0.5)
    assert laea.crs_kind == "LAEA"


def test_from_api_rejects_descriptions_without_the_essentials():
    with pytest.raises(InvalidRequestError):
        TilingGrid.from_api({"name": "no id"})
    with pytest.raises(InvalidRequestError, match="resolutions"):
        TilingGrid.from_api({"id": 99, "properties": {"tileWidth": 1000, "unit": "METRE"}})
    with pytest.raises(InvalidRequestError, match="tileWidth"):
        TilingGrid.from_api({"id": 99, "properties": {"resolutions": [10]}})


def test_the_live_listing_overrides_the_builtin_table():
    live = get_grid(1, [LIVE_GRID_1])
    assert live.allows_resolution(60)
    assert not get_grid(1).allows_resolution(60)
    assert get_grid(1, [TilingGrid.from_api(LIVE_GRID_1)]).resolutions == (10.0, 20.0, 60.0)
    # ids the live listing lacks fall back to the table; grid 0 is a real id, not "none"
    assert get_grid(0, [LIVE_GRID_1]) == BUILTIN_GRIDS[0]
    assert get_grid("2") == BUILTIN_GRIDS[2]


def test_unknown_grid_ids_are_refused_with_the_known_ids():
    with pytest.raises(InvalidRequestError, match="0, 1, 2, 3, 6, 7"):
        get_grid(5)
    with pytest.raises(InvalidRequestError):
        get_grid("grid one")


def test_latitude_limits_follow_the_spec():
    assert latitude_limits(BUILTIN_GRIDS[0]) == (-80.7, 80.7)
    assert latitude_limits(BUILTIN_GRIDS[1]) == (-80.6, 80.6)
    assert latitude_limits(BUILTIN_GRIDS[2]) == (-81.0, 81.0)
    assert latitude_limits(BUILTIN_GRIDS[3]) == (-90.0, 90.0)
