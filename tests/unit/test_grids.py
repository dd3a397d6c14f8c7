"""Tiling grids: the offline table (as the live service lists them), the live /tilinggrids description, resolution
checks, and the per-connection catalog where the live listing wins."""

import json
import threading
from pathlib import Path

import pytest
from sentinelhub_batch.plugin.core.errors import ConnectionFailedError, InvalidRequestError
from sentinelhub_batch.plugin.core.grids import (
    BUILTIN_GRIDS,
    GridCatalog,
    TilingGrid,
    catalog_for,
    get_grid,
    latitude_limits,
)

# GET /tilinggrids as the live service answered it (tests/data/README.md).
LIVE_LISTING = json.loads((Path(__file__).parents[1] / "data" / "live_tilinggrids_2024.json").read_text())["data"]
CRS_KINDS = {0: "UTM", 1: "UTM", 2: "UTM", 3: "WGS84", 6: "LAEA", 7: "LAEA"}
#: Listed, but not a whole number of pixels per tile (10 000 m / 1.4999 m): left out of the offline table.
NOT_DIVIDING = {1: {1.4999}}

LIVE_GRID_1 = {
    "id": 1,
    "name": "UTM 10km grid",
    "properties": {"tileWidth": 10000, "tileHeight": 10000, "resolutions": [10, 20, 60], "unit": "METRE",
                   "epsg": "auto"},
    "links": {"self": "https://example/tilinggrids/1"},
}


@pytest.mark.parametrize("listed", LIVE_LISTING, ids=lambda grid: str(grid["id"]))
def test_builtin_grids_follow_the_live_listing(listed):
    grid = BUILTIN_GRIDS[listed["id"]]
    properties = listed["properties"]
    assert grid.name == listed["name"]
    assert (grid.crs_kind, grid.unit) == (CRS_KINDS[grid.id], properties["unit"])
    assert (grid.tile_width, grid.tile_height) == (properties["tileWidth"], properties["tileHeight"])
    assert set(grid.resolutions) == set(properties["resolutions"]) - NOT_DIVIDING.get(grid.id, set())
    for resolution in grid.resolutions:
        width, height = grid.tile_pixels(resolution)
        assert width * resolution == pytest.approx(grid.tile_width)
        assert height * resolution == pytest.approx(grid.tile_height)


def test_no_30_m_on_the_sentinel2_grids():
    assert not BUILTIN_GRIDS[0].allows_resolution(30) and not BUILTIN_GRIDS[2].allows_resolution(30)


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
        BUILTIN_GRIDS[3].check_resolution(0.003)
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


# ---------------------------------------------------------------------------------------------------------------
# the grids of a connection: the live listing wins


class FakeClient:
    def __init__(self, listing=None, error=None):
        self.listing = listing
        self.error = error
        self.calls = 0

    def tiling_grids(self):
        self.calls += 1
        if self.error:
            raise self.error
        return [TilingGrid.from_api(item) for item in self.listing]


def test_the_catalog_uses_the_live_listing_once_read():
    client = FakeClient([LIVE_GRID_1])
    catalog = GridCatalog(client.tiling_grids)
    assert catalog.grid(1).resolutions == (10.0, 20.0, 60.0)
    assert catalog.is_live and catalog.error is None
    grid, resolution = catalog.resolve(1, "60")
    assert (grid.id, resolution) == (1, 60.0)
    catalog.grids()
    assert client.calls == 1


def test_a_resolution_the_service_does_not_list_is_refused_with_the_listed_ones():
    catalog = GridCatalog(FakeClient([LIVE_GRID_1]).tiling_grids)
    with pytest.raises(InvalidRequestError, match=r"resolution 1m?.*10, 20, 60 m"):
        catalog.resolve(1, 1)  # the built-in table allows 1 m; this service does not
    with pytest.raises(InvalidRequestError, match="the grids that the service lists: 1"):
        catalog.grid(0)


def test_the_catalog_falls_back_to_the_builtin_table_and_tries_again_later():
    client = FakeClient(error=ConnectionFailedError("Cannot reach the service."))
    catalog = GridCatalog(client.tiling_grids)
    assert catalog.grids() == BUILTIN_GRIDS and not catalog.is_live
    assert "Cannot reach" in catalog.error
    client.error, client.listing = None, LIVE_LISTING
    assert catalog.grid(1).resolutions == (1.0, 10.0, 20.0, 1.4999)
    assert catalog.is_live and client.calls == 2
    catalog.refresh()
    catalog.grids()
    assert client.calls == 3


def test_without_a_connection_the_catalog_is_the_builtin_table():
    catalog = GridCatalog()
    assert catalog.resolve(2, 360) == (BUILTIN_GRIDS[2], 360.0)
    with pytest.raises(InvalidRequestError, match="60, 120, 240, 360"):
        catalog.resolve(2, 30)


def test_one_catalog_per_client_shared_between_threads():
    client = FakeClient(LIVE_LISTING)
    catalogs = []
    threads = [threading.Thread(target=lambda: catalogs.append(catalog_for(client).grids())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert client.calls == 1 and all(grids == catalogs[0] for grids in catalogs)
    assert catalog_for(client) is catalog_for(client) and catalog_for(FakeClient(LIVE_LISTING)) is not \
        catalog_for(client)
