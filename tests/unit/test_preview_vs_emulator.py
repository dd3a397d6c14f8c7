"""The plugin's preview and the local emulator's analysis, which tiles with its own code, give the same tiles.

The emulator builds tiles one Sentinel-2 tile at a time with shapely in longitude/latitude (tests/emulator/
tiling.py) and never imports the plugin's tiling, so a wrong preview cannot pass by agreeing with itself.
"""

import pytest
from emulator import tiling as emulator_tiling
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from shapely.geometry import Polygon, box

AREAS = {
    "CARD4L point east of 36° E, grid 2": (box(36.165, -6.774, 36.166, -6.773), 2, 360),
    "eo-grow triangle, grid 1": (Polygon([(-17.5773, 14.77391), (-17.5752, 14.6874), (-17.4505, 14.7845)]), 1, 10),
    "zone edge 0° at 46° N, grid 0": (box(-0.3, 46.0, 0.8, 46.5), 0, 60),
    "zone edge 0° at 41° N, grid 0": (box(0.2, 41.2, 0.9, 41.7), 0, 20),
    "zone edge 6° E, grid 1": (box(5.95, 45.0, 6.15, 45.1), 1, 20),
    "zone edge 6° E, grid 2": (box(5.5, 45.0, 6.5, 46.0), 2, 120),
    "southern zone edge 36° E, grid 0": (box(35.7, -7.2, 36.5, -6.5), 0, 60),
    "equator, grid 0": (box(10.5, -0.2, 11.0, 0.2), 0, 60),
    "area edge on a central meridian (touching tiles left out), grid 1": (box(-3.0, -0.3, -2.8, 0.3), 1, 20),
    "antimeridian, grid 2": (box(179.6, -17.5, 180.4, -16.5), 2, 60),
    "LAEA, grid 6": (box(10.0, 50.0, 11.0, 51.0), 6, 100),
    "WGS84, grid 3": (box(10.5, 50.5, 12.2, 51.2), 3, 0.001),
}


@pytest.mark.parametrize("name", sorted(AREAS))
def test_preview_and_emulator_analysis_agree(name):
    area, grid_id, resolution = AREAS[name]
    preview = tiles_for_area(area, 4326, grid_id, resolution, buffer_x=2, buffer_y=3)
    analysed = emulator_tiling.tiles_for(area, grid_id, resolution, buffer_x=2, buffer_y=3)
    assert preview
    assert {(t.name, t.epsg) for t in preview} == {(t.name, t.epsg) for t in analysed}
    by_name = {(t.name, t.epsg): t for t in analysed}
    for tile in preview:
        other = by_name[(tile.name, tile.epsg)]
        assert tile.bounds == pytest.approx(other.bounds, abs=1e-6)
        assert tile.buffered_bounds == pytest.approx(other.raster_bounds, abs=1e-6)
        assert (tile.buffered_width, tile.buffered_height) == (other.raster_width, other.raster_height)


def test_the_zone_edge_cases_do_reach_across_zones():
    """The comparison above is only worth something if its zone-edge areas get tiles from two zones."""
    for name in ("zone edge 0° at 46° N, grid 0", "southern zone edge 36° E, grid 0", "antimeridian, grid 2"):
        area, grid_id, resolution = AREAS[name]
        assert len({tile.epsg for tile in tiles_for_area(area, 4326, grid_id, resolution)}) == 2, name
