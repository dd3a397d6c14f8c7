"""Tiles for an area: the spec's worked example, coverage properties in awkward places, every grid, bad input."""

import dataclasses
import math
import re
import zlib

import numpy as np
import pyproj
import pytest
import shapely
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.grids import BUILTIN_GRIDS
from sentinelhub_batch.plugin.core.tiles import AreaError, Tile, grid_cells_overlapping, tiles_for_area
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box, mapping

WGS84 = pyproj.CRS.from_epsg(4326)
UTM_NAME = re.compile(r"^(\d{2})([C-HJ-NP-X])([A-HJ-NP-Z])([A-HJ-NP-V])_(\d+)_(\d+)$")


# ---------------------------------------------------------------------------------------------------------------
# helpers (independent of the module under test)


def to_crs(geometry, source, target, step=None):
    if step:
        geometry = shapely.segmentize(geometry, step)
    transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def utm_epsg_of(lon, lat):
    zone = math.floor((lon + 180.0) / 6.0) % 60 + 1
    return (32700 if lat < 0 else 32600) + zone


def wrap_lonlat(area):
    """The area with longitudes beyond ±180 moved into the world (what a GIS shows after splitting)."""
    inside = area.intersection(box(-180, -90, 180, 90))
    east = shapely.transform(area.intersection(box(180, -90, 540, 90)), lambda xy: xy - np.array([360.0, 0.0]))
    west = shapely.transform(area.intersection(box(-540, -90, -180, 90)), lambda xy: xy + np.array([360.0, 0.0]))
    return shapely.union_all([inside, east, west])


def random_star(rng, lon, lat, radius_degrees, vertices=14):
    angles = np.sort(rng.uniform(0, 2 * np.pi, vertices))
    radii = radius_degrees * rng.uniform(0.3, 1.0, vertices)
    xs = lon + radii * np.cos(angles) / max(math.cos(math.radians(lat)), 0.05)
    ys = lat + radii * np.sin(angles)
    return Polygon(np.column_stack([xs, ys]))


def points_inside(area, rng, count):
    west, south, east, north = area.bounds
    found = []
    while len(found) < count:
        xs = rng.uniform(west, east, count * 4)
        ys = rng.uniform(south, north, count * 4)
        inside = shapely.contains_xy(area, xs, ys)
        found.extend(zip(xs[inside], ys[inside]))
    return np.array(found[:count])


def tiles_by_epsg(tiles):
    groups = {}
    for tile in tiles:
        groups.setdefault(tile.epsg, []).append(tile)
    return groups


def assert_points_are_covered(tiles, lonlat_points, grid_id=1):
    """Every point of the area (within the grid's latitudes) lies in some tile, of whichever zone."""
    lons = (lonlat_points[:, 0] + 180.0) % 360.0 - 180.0
    lats = lonlat_points[:, 1]
    limit = {0: 80.7, 1: 80.6, 2: 81.0}[grid_id]
    chosen = (lats > -limit) & (lats < limit)
    covered = np.zeros(len(lons), dtype=bool)
    for epsg, group in tiles_by_epsg(tiles).items():
        transformer = pyproj.Transformer.from_crs(4326, int(epsg), always_xy=True)
        xs, ys = transformer.transform(lons, lats)
        bounds = np.array([tile.bounds for tile in group])
        inside = ((bounds[:, None, 0] <= xs) & (xs <= bounds[:, None, 2])
                  & (bounds[:, None, 1] <= ys) & (ys <= bounds[:, None, 3]))
        covered |= inside.any(axis=0)
    missed = np.flatnonzero(chosen & ~covered)
    assert not len(missed), f"points {lonlat_points[missed[:3]]} of the area are in no tile"


def assert_no_tile_misses_the_area(tiles, area_lonlat, tolerance_m=0.5):
    """Each tile overlaps the area (allowing for densification differences)."""
    area = wrap_lonlat(area_lonlat)
    for epsg, group in tiles_by_epsg(tiles).items():
        part = area.intersection(box(-180, -90, 180, 0) if epsg >= 32700 else box(-180, 0, 180, 90))
        meridian = (epsg % 100) * 6 - 183
        copies = [shapely.transform(part, lambda xy, s=shift: xy + np.array([s, 0.0])) for shift in (-360, 0, 360)]
        near = shapely.union_all(copies).intersection(box(meridian - 9, -90, meridian + 9, 90))
        near_utm = to_crs(near, 4326, epsg, step=0.002)
        for tile in group:
            assert tile.geometry.distance(near_utm) < tolerance_m, f"{tile.name} does not touch the area"


def assert_tiles_start_at_s2_corners(tiles, size, per_square):
    """Grids 0 and 2: each tile is ``size`` wide and its square's tiles start at the S2 corner (the square corner
    moved out onto the 60 m lattice): x in {…00 000, …99 960, …99 980}, y in {…00 000, …00 020, …00 040}."""
    for tile in tiles:
        column, row = (int(v) for v in UTM_NAME.match(tile.name).group(5, 6))
        assert 0 <= column < per_square and 0 <= row < per_square
        xmin, ymin, xmax, ymax = tile.bounds
        assert (xmax - xmin, ymax - ymin) == (size, size)
        assert (xmin - column * size) % 100000 in (0.0, 99960.0, 99980.0)
        assert (ymax + row * size) % 100000 in (0.0, 20.0, 40.0)


def assert_tiles_are_whole_grid_cells(tiles, size):
    for tile in tiles:
        xmin, ymin, xmax, ymax = tile.bounds
        assert xmax - xmin == pytest.approx(size) and ymax - ymin == pytest.approx(size)
        assert xmin / size == pytest.approx(round(xmin / size), abs=1e-9)
        assert ymin / size == pytest.approx(round(ymin / size), abs=1e-9)


def assert_no_duplicates(tiles):
    names = [tile.name for tile in tiles]
    assert len(names) == len(set(names))
    extents = [(tile.epsg, tile.bounds) for tile in tiles]
    assert len(extents) == len(set(extents))


# ---------------------------------------------------------------------------------------------------------------
# the worked example (spec §2)


def test_worked_example_tile_28PBB_2_6():
    tiles = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10)
    assert [tile.name for tile in tiles] == ["28PBB_2_6"]
    tile = tiles[0]
    assert tile.epsg == 32628
    assert tile.bounds == (220000.0, 1630000.0, 230000.0, 1640000.0)
    assert tile.origin == (220000.0, 1640000.0)
    assert (tile.width, tile.height) == (1000, 1000)


def test_worked_example_neighbours():
    tiles = tiles_for_area(box(225000, 1625000, 235000, 1635000), "EPSG:32628", 1, 10)
    by_name = {tile.name: tile.bounds for tile in tiles}
    assert by_name["28PBB_2_6"] == (220000.0, 1630000.0, 230000.0, 1640000.0)
    assert by_name["28PBB_2_7"] == (220000.0, 1620000.0, 230000.0, 1630000.0)
    assert by_name["28PBB_3_6"] == (230000.0, 1630000.0, 240000.0, 1640000.0)
    assert by_name["28PBB_3_7"] == (230000.0, 1620000.0, 240000.0, 1630000.0)
    assert len(tiles) == 4


def test_worked_example_buffer_grows_the_raster_not_the_tile():
    [tile] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10, buffer_x=3, buffer_y=3)
    assert tile.bounds == (220000.0, 1630000.0, 230000.0, 1640000.0)
    assert tile.buffered_bounds == (219970.0, 1629970.0, 230030.0, 1640030.0)
    assert (tile.width, tile.height, tile.buffered_width, tile.buffered_height) == (1000, 1000, 1006, 1006)


def test_worked_example_raster_extent_as_printed_in_the_spec():
    # The spec prints (219 970, 1 629 930)–(230 030, 1 640 070): 3 px (30 m) in x but 70 m = 7 px in y.
    [tile] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10, buffer_x=3, buffer_y=7)
    assert tile.buffered_bounds == (219970.0, 1629930.0, 230030.0, 1640070.0)
    assert (tile.buffered_width, tile.buffered_height) == (1006, 1014)


def test_batch_api_raster_size_example():
    [tile] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10, buffer_x=50, buffer_y=50)
    assert (tile.buffered_width, tile.buffered_height) == (1100, 1100)


def test_an_area_drawn_on_a_tile_extent_gives_that_tile_only():
    tiles = tiles_for_area(box(220000, 1630000, 230000, 1640000), 32628, 1, 10)
    assert [tile.name for tile in tiles] == ["28PBB_2_6"]
    just_over = tiles_for_area(box(220000, 1630000, 230000.5, 1640000), 32628, 1, 10)
    assert [tile.name for tile in just_over] == ["28PBB_2_6", "28PBB_3_6"]


def test_wgs84_geometry_is_the_tile_outline_in_lonlat():
    [tile] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10)
    expected = to_crs(tile.geometry, 32628, 4326)
    assert tile.geometry_wgs84.equals_exact(shapely.normalize(expected), 1e-9) or \
        tile.geometry_wgs84.symmetric_difference(expected).area < 1e-12
    assert tile.geometry_wgs84.contains(Point(-17.55, 14.775))


# ---------------------------------------------------------------------------------------------------------------
# names of grid 1 follow the MGRS rules across square borders


COLUMN_SETS = {1: "ABCDEFGH", 2: "JKLMNPQR", 0: "STUVWXYZ"}
ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"


@pytest.mark.parametrize("epsg", [32628, 32633, 32719])
def test_neighbouring_names_follow_the_spec(epsg):
    # a block of 6 × 6 cells that straddles a 100 km square corner
    tiles = tiles_for_area(box(372000, 6272000, 428000, 6328000) if epsg > 32700 else
                           box(372000, 1572000, 428000, 1628000), epsg, 1, 10)
    assert len(tiles) == 36
    by_origin = {(tile.bounds[0], tile.bounds[3]): UTM_NAME.match(tile.name) for tile in tiles}
    assert all(by_origin.values())
    zone = epsg % 100
    for (x, y), name in by_origin.items():
        zone_text, _band, column_letter, row_letter, col, row = name.groups()
        assert int(zone_text) == zone and int(col) == (x % 100000) // 10000
        assert int(row) == (100000 - y % 100000) % 100000 // 10000
        assert column_letter == COLUMN_SETS[zone % 3][int(x // 100000) - 1]
        east = by_origin.get((x + 10000, y))
        if east:
            if int(col) < 9:
                assert east.group(3, 4, 6) == (column_letter, row_letter, row) and int(east.group(5)) == int(col) + 1
            else:
                assert east.group(5) == "0"
                assert COLUMN_SETS[zone % 3].index(east.group(3)) == COLUMN_SETS[zone % 3].index(column_letter) + 1
        south = by_origin.get((x, y - 10000))
        if south:
            if int(row) < 9:
                assert south.group(3, 4, 5) == (column_letter, row_letter, col) and int(south.group(6)) == int(row) + 1
            else:
                assert south.group(6) == "0"
                step = ROW_LETTERS.index(row_letter) - ROW_LETTERS.index(south.group(4))
                assert step % 20 == 1


def test_row_letters_are_shifted_for_even_zones_and_south_uses_false_northing():
    [odd] = tiles_for_area(box(505000, 5005000, 506000, 5006000), 32633, 1, 10)
    [even] = tiles_for_area(box(505000, 5005000, 506000, 5006000), 32632, 1, 10)
    [south] = tiles_for_area(box(505000, 5005000, 506000, 5006000), 32733, 1, 10)
    # floor(N / 100 km) = 50 → 50 mod 20 = 10 → "L"; even zones add 5 → "R"
    assert odd.name == "33TWL_0_9"
    assert even.name == "32TNR_0_9"
    assert south.name.startswith("33") and south.name[2] in "CDEFGHJKLM" and south.name[3:5] == "WL"


# ---------------------------------------------------------------------------------------------------------------
# property tests: random areas in awkward places

PLACES = {
    "california": (-119.5, 36.1, 0.3),
    "zone border 10/11": (-120.0, 40.0, 0.4),
    "equator": (10.5, 0.0, 0.4),
    "high latitude": (25.0, 80.3, 0.5),
    "southern hemisphere": (-70.0, -33.0, 0.3),
    "zone border south": (30.0, -10.0, 0.3),
}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("place", sorted(PLACES))
def test_random_areas_are_covered_exactly(place, seed):
    rng = np.random.default_rng([seed, zlib.crc32(place.encode())])
    lon, lat, radius = PLACES[place]
    area = random_star(rng, lon, lat, radius)
    tiles = tiles_for_area(area, 4326, 1, 10)
    assert tiles
    assert_no_duplicates(tiles)
    assert_tiles_are_whole_grid_cells(tiles, 10000)
    assert_points_are_covered(tiles, points_inside(area, rng, 300))
    assert_no_tile_misses_the_area(tiles, area)
    for tile in tiles:
        assert UTM_NAME.match(tile.name), tile.name
        if tile.epsg >= 32700:
            assert tile.bounds[3] <= 10_000_000 and tile.name[2] <= "M"
        else:
            assert tile.bounds[1] >= 0 and tile.name[2] >= "N"


@pytest.mark.parametrize("grid_id, resolution, size, per_square", [(0, 60, 20040, 5), (2, 120, 100080, 1)])
@pytest.mark.parametrize("place", ["zone border 10/11", "zone border south", "equator", "high latitude"])
def test_random_areas_on_the_sentinel2_grids_are_covered(place, grid_id, resolution, size, per_square):
    rng = np.random.default_rng(zlib.crc32(f"{place}{grid_id}".encode()))
    lon, lat, radius = PLACES[place]
    area = random_star(rng, lon, lat, radius * 3)
    tiles = tiles_for_area(area, 4326, grid_id, resolution)
    assert_no_duplicates(tiles)
    assert_tiles_start_at_s2_corners(tiles, size, per_square)
    assert_points_are_covered(tiles, points_inside(area, rng, 300), grid_id)
    assert_no_tile_misses_the_area(tiles, area)


def test_tiles_of_a_zone_reach_past_its_meridian_where_the_next_zone_leaves_room():
    # 30TYS (46° N): column 2 lies wholly east of 0° and stays; the next zone's grid covers columns 3 and 4
    tiles = tiles_for_area(box(0.15, 46.6, 0.35, 46.7), 4326, 0, 60)
    assert [(tile.name, tile.epsg) for tile in tiles] == [("30TYS_2_1", 32630)]
    assert tiles[0].geometry_wgs84.bounds[0] > 0.0
    east = {tile.name for tile in tiles_for_area(box(0.5, 46.6, 0.6, 46.7), 4326, 0, 60)}
    assert east and all(name.startswith("31TC") for name in east)


@pytest.mark.parametrize("seed", [4, 5])
def test_random_area_across_the_antimeridian(seed):
    rng = np.random.default_rng(seed)
    area = random_star(rng, 180.0, -17.0, 0.5)  # longitudes run past 180
    tiles = tiles_for_area(area, 4326, 1, 10)
    assert {tile.epsg for tile in tiles} == {32760, 32701}
    assert_no_duplicates(tiles)
    assert_points_are_covered(tiles, points_inside(area, rng, 300))
    assert_no_tile_misses_the_area(tiles, area)
    # the same area split at the antimeridian, as a GIS stores it, gives the same tiles
    split = MultiPolygon([part for part in shapely.get_parts(wrap_lonlat(area))])
    assert {tile.name for tile in tiles_for_area(split, "EPSG:4326", 1, 10)} == {tile.name for tile in tiles}
    for tile in tiles:
        west, _, east, _ = tile.geometry_wgs84.bounds
        assert east - west < 1.0, "a tile outline must not wrap around the world"


def test_projected_area_across_the_antimeridian():
    area = box(700000, 8000000, 900000, 8200000)  # EPSG:32760, reaches east of 180°
    tiles = tiles_for_area(area, 32760, 1, 10)
    epsgs = {tile.epsg for tile in tiles}
    assert epsgs == {32760, 32701}
    in_zone_60 = [tile for tile in tiles if tile.epsg == 32760]
    # in its own CRS the area is exactly 20 × 20 cells; zone 1's grid takes over some way east of 180°
    assert len(in_zone_60) < 400 and min(t.bounds[0] for t in in_zone_60) == 700000
    rng = np.random.default_rng(7)
    inside = points_inside(area, rng, 300)
    lon, lat = pyproj.Transformer.from_crs(32760, 4326, always_xy=True).transform(inside[:, 0], inside[:, 1])
    assert_points_are_covered(tiles, np.column_stack([lon, lat]))


@pytest.mark.parametrize("crs", [3857, "EPSG:3857", "http://www.opengis.net/def/crs/EPSG/0/3857"])
def test_other_input_crs_gives_the_same_tiles(crs):
    rng = np.random.default_rng(11)
    area = random_star(rng, -119.9, 36.0, 0.3, vertices=8)
    expected = {tile.name for tile in tiles_for_area(area, 4326, 1, 10)}
    # the same shape drawn in Web Mercator: densified so it follows the lon/lat edges
    mercator = to_crs(area, 4326, 3857, step=0.0005)
    assert {tile.name for tile in tiles_for_area(mercator, crs, 1, 10)} == expected


@pytest.mark.parametrize("crs", [4326, "EPSG:4326", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                                 "urn:ogc:def:crs:OGC:1.3:CRS84", pyproj.CRS.from_epsg(4326)])
def test_lonlat_crs_spellings_are_equivalent(crs):
    area = box(-119.3, 36.0, -119.1, 36.1)
    assert [tile.name for tile in tiles_for_area(area, crs, 1, 10)] == \
        [tile.name for tile in tiles_for_area(area, 4326, 1, 10)]


def test_area_in_the_tile_utm_crs_is_used_as_given():
    rng = np.random.default_rng(3)
    area = random_star(rng, -119.5, 36.1, 0.3)
    utm = to_crs(area, 4326, "http://www.opengis.net/def/crs/EPSG/0/32611", step=0.0005)
    from_utm = {tile.name for tile in tiles_for_area(utm, "http://www.opengis.net/def/crs/EPSG/0/32611", 1, 10)}
    assert from_utm == {tile.name for tile in tiles_for_area(area, 4326, 1, 10)}


def test_tiles_are_ordered_by_crs_then_north_to_south_then_west_to_east():
    tiles = tiles_for_area(box(-120.3, 39.8, -119.7, 40.2), 4326, 1, 10)
    keys = [(tile.epsg, -tile.bounds[3], tile.bounds[0]) for tile in tiles]
    assert keys == sorted(keys)


def test_area_as_geojson_mapping_and_feature():
    area = box(-119.3, 36.0, -119.1, 36.1)
    expected = [tile.name for tile in tiles_for_area(area, 4326, 1, 10)]
    assert [t.name for t in tiles_for_area(mapping(area), 4326, 1, 10)] == expected
    feature = {"type": "Feature", "properties": {}, "geometry": mapping(area)}
    assert [t.name for t in tiles_for_area(feature, 4326, 1, 10)] == expected


def test_tutorial_area_at_10_m():
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).resolve().parents[3] / "shared/data/california_crop_fields.geojson").read_text())
    entire = shapely.geometry.shape(data["features"][0]["geometry"])
    tiles = tiles_for_area(entire, "urn:ogc:def:crs:OGC:1.3:CRS84", 1, 10, buffer_x=50, buffer_y=50)
    assert {tile.epsg for tile in tiles} == {32611}
    assert all(tile.buffered_width == 1100 for tile in tiles)
    assert_points_are_covered(tiles, points_inside(entire, np.random.default_rng(0), 300))
    assert_no_tile_misses_the_area(tiles, entire)


# ---------------------------------------------------------------------------------------------------------------
# the bulk cell search against a brute-force oracle


def brute_force_cells(geometry, size=1.0):
    west, south, east, north = geometry.bounds
    cells = set()
    for column in range(math.floor(west / size) - 1, math.ceil(east / size) + 1):
        for row in range(math.floor(south / size) - 1, math.ceil(north / size) + 1):
            cell = box(column * size, row * size, (column + 1) * size, (row + 1) * size)
            if cell.relate_pattern(geometry, "T********"):
                cells.add((column, row))
    return cells


ORACLE_SHAPES = {
    "aligned box": box(2, 2, 5, 4),
    "box inside one cell": box(3.2, 3.2, 3.4, 3.3),
    "diagonal through corners": Polygon([(0, 0), (6, 6), (6, 0)]),
    "hole": box(0, 0, 8, 8).difference(box(2, 2, 6, 6)),
    "hole on grid lines with a sliver": box(0, 0, 8, 8).difference(box(2, 2, 6, 5.999)),
    "multipolygon touching at a corner": MultiPolygon([box(0, 0, 2, 2), box(2, 2, 4.5, 3.5)]),
    "vertex on a grid line": Polygon([(0.5, 0.5), (3, 0.5), (3, 2.5), (1.5, 4), (0.5, 2.5)]),
    "thin spike": Polygon([(0.1, 0.1), (9.9, 0.15), (0.1, 0.2)]),
}


@pytest.mark.parametrize("name", sorted(ORACLE_SHAPES))
def test_cell_search_matches_brute_force_on_hand_made_shapes(name):
    geometry = ORACLE_SHAPES[name]
    columns, rows = grid_cells_overlapping(geometry, 1.0, 1.0)
    found = list(zip(columns.tolist(), rows.tolist()))
    assert len(found) == len(set(found))
    assert set(found) == brute_force_cells(geometry)


@pytest.mark.parametrize("seed", range(8))
def test_cell_search_matches_brute_force_on_random_polygons(seed):
    rng = np.random.default_rng(100 + seed)
    shapes = [random_star(rng, rng.uniform(-5, 5), rng.uniform(-5, 5), rng.uniform(0.3, 6), vertices=20)
              for _ in range(3)]
    geometry = shapely.make_valid(shapely.union_all(shapes))
    size = rng.choice([0.5, 1.0, 2.0])
    columns, rows = grid_cells_overlapping(geometry, size, size)
    assert set(zip(columns.tolist(), rows.tolist())) == brute_force_cells(geometry, size)


def test_cell_search_honours_the_origin_and_rectangular_cells():
    columns, rows = grid_cells_overlapping(box(105, 52, 125, 58), 10.0, 5.0, origin=(100.0, 50.0))
    assert set(zip(columns.tolist(), rows.tolist())) == {(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)}


# ---------------------------------------------------------------------------------------------------------------
# every grid


def test_grid_0_tiles_are_20040_m_with_2004_pixels_at_10_m():
    tiles = tiles_for_area(box(-119.3, 36.0, -119.0, 36.2), 4326, 0, 10)
    assert tiles
    assert_tiles_start_at_s2_corners(tiles, 20040, 5)
    assert all((tile.width, tile.height) == (2004, 2004) for tile in tiles)
    assert all(UTM_NAME.match(tile.name) for tile in tiles)
    assert_no_duplicates(tiles)


def test_grid_0_neighbouring_squares_overlap():
    # 31TCJ and 31TDJ: the last column of one overlaps the first of the next by 240 m (100 200 m vs 99 960 m)
    tiles = {tile.name: tile.bounds for tile in tiles_for_area(box(400000, 4805000, 400100, 4806000), 32631, 0, 60)}
    assert sorted(tiles) == ["31TCJ_4_4", "31TDJ_0_4"]
    assert tiles["31TCJ_4_4"][2] - tiles["31TDJ_0_4"][0] == 240.0


def test_grid_2_names_look_like_real_ones():
    # zone 44, band H (40°S..32°S): real names look like 44HME_0_0
    tiles = tiles_for_area(box(80.5, -35.5, 81.5, -34.5), 4326, 2, 60)
    assert_tiles_start_at_s2_corners(tiles, 100080, 1)
    assert all(tile.epsg == 32744 for tile in tiles)
    assert all(re.fullmatch(r"44H[A-Z]{2}_0_0", tile.name) for tile in tiles)
    assert all((tile.width, tile.height) == (1668, 1668) for tile in tiles)
    assert_no_duplicates(tiles)


def test_grid_2_equator_tiles_keep_their_hemisphere_letter():
    tiles = tiles_for_area(box(80.5, -0.5, 81.5, 0.5), 4326, 2, 120)
    assert_no_duplicates(tiles)
    for tile in tiles:
        assert tile.name[2] == ("M" if tile.epsg == 32744 else "N")


def test_grid_3_is_whole_degrees_in_wgs84():
    tiles = tiles_for_area(box(5.2, 0.2, 5.8, 0.8), 4326, 3, 0.0001)
    assert [(t.name, t.epsg, t.bounds, t.width) for t in tiles] == [("N00E005", 4326, (5.0, 0.0, 6.0, 1.0), 10000)]
    south_west = tiles_for_area(box(-77.6, -12.6, -76.4, -12.2), 4326, 3, 0.0002)
    assert [t.name for t in south_west] == ["S13W078", "S13W077"]
    assert south_west[0].width == 5000
    across = tiles_for_area(box(179.5, 0.2, 180.5, 0.8), 4326, 3, 0.0001)
    assert sorted(t.name for t in across) == ["N00E179", "N00W180"]


def test_grid_3_buffer_is_in_degrees():
    [tile] = tiles_for_area(box(5.2, 0.2, 5.8, 0.8), 4326, 3, 0.0001, buffer_x=10, buffer_y=10)
    assert tile.buffered_bounds == pytest.approx((4.999, -0.001, 6.001, 1.001))
    assert tile.buffered_width == 10020


@pytest.mark.parametrize(("grid_id", "resolution", "size"), [(6, 100, 100000), (7, 10, 20000)])
def test_laea_grids_tile_europe(grid_id, resolution, size):
    area = box(9.5, 51.5, 10.5, 52.5)
    tiles = tiles_for_area(area, 4326, grid_id, resolution)
    assert tiles and all(tile.epsg == 3035 for tile in tiles)
    assert_tiles_are_whole_grid_cells(tiles, size)
    assert_no_duplicates(tiles)
    label = f"{size // 1000}km"
    for tile in tiles:
        match = re.fullmatch(label + r"E(\d+)N(\d+)", tile.name)
        assert match
        divisor = 10 ** (len(str(size)) - len(str(size).rstrip("0")))
        assert (int(match.group(1)) * divisor, int(match.group(2)) * divisor) == tile.bounds[:2]
    laea = to_crs(area, 4326, 3035, step=0.01)
    for tile in tiles:
        assert tile.geometry.intersection(laea).area > 0


@pytest.mark.parametrize("place", [(-16.5, 28.3), (-28.0, 38.6), (-19.0, 64.5), (16.0, 78.0), (32.0, 39.0)])
def test_laea_coverage_includes_the_islands_and_turkey(place):
    lon, lat = place
    assert tiles_for_area(box(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1), 4326, 6, 100)


@pytest.mark.parametrize("grid_id", [6, 7])
def test_laea_grids_reject_areas_outside_europe(grid_id):
    with pytest.raises(AreaError, match="outside the coverage"):
        tiles_for_area(box(-119.3, 36.0, -119.1, 36.1), 4326, grid_id, BUILTIN_GRIDS[grid_id].resolutions[0])


def test_utm_grids_clip_at_their_latitude_limits():
    tiles = tiles_for_area(box(20.0, 80.0, 21.0, 82.0), 4326, 1, 10)
    assert tiles
    assert all(tile.geometry_wgs84.bounds[1] < 80.6 for tile in tiles)
    assert max(tile.geometry_wgs84.bounds[3] for tile in tiles) > 80.6  # the last row is processed whole
    with pytest.raises(AreaError, match=r"latitudes -80\.6°\.\.80\.6°"):
        tiles_for_area(box(20.0, 80.7, 21.0, 82.0), 4326, 1, 10)
    assert tiles_for_area(box(20.0, 80.7, 21.0, 82.0), 4326, 2, 60)  # grid 2 reaches 81°


def test_a_tiling_grid_object_can_be_passed():
    area = box(-119.3, 36.0, -119.1, 36.1)
    assert tiles_for_area(area, 4326, BUILTIN_GRIDS[1], 20) == tiles_for_area(area, 4326, 1, 20)
    assert all(tile.width == 500 for tile in tiles_for_area(area, 4326, 1, 20))


# ---------------------------------------------------------------------------------------------------------------
# bad input is refused with a clear message, invalid polygons are repaired


def test_bow_tie_is_repaired_not_dropped():
    bow_tie = Polygon([(-119.3, 36.0), (-119.0, 36.2), (-119.0, 36.0), (-119.3, 36.2)])
    assert not bow_tie.is_valid
    tiles = tiles_for_area(bow_tie, 4326, 1, 10)
    repaired = shapely.make_valid(bow_tie)
    assert_points_are_covered(tiles, points_inside(repaired, np.random.default_rng(1), 200))
    assert_no_tile_misses_the_area(tiles, repaired)


def test_overlapping_multipolygon_is_repaired():
    overlapping = MultiPolygon([box(-119.3, 36.0, -119.1, 36.1), box(-119.2, 36.05, -119.0, 36.15)])
    assert not overlapping.is_valid
    union = shapely.union_all(list(overlapping.geoms))
    assert {t.name for t in tiles_for_area(overlapping, 4326, 1, 10)} == \
        {t.name for t in tiles_for_area(union, 4326, 1, 10)}


@pytest.mark.parametrize(
    ("area", "message"),
    [
        (Polygon(), "empty"),
        (Point(-119.2, 36.0), "Point"),
        (LineString([(-119.2, 36.0), (-119.1, 36.1)]), "LineString"),
        (GeometryCollection([box(0, 0, 1, 1), Point(2, 2)]), "Point"),
        (Polygon([(0, 0), (1, 1), (2, 2), (0, 0)]), "no surface|nothing of it is left"),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "str"),
        ({"type": "Polygon"}, "GeoJSON"),
    ],
)
def test_non_polygonal_or_empty_areas_are_refused(area, message):
    with pytest.raises(AreaError, match=message):
        tiles_for_area(area, 4326, 1, 10)


def test_bad_crs_resolution_and_buffer_are_refused():
    area = box(-119.3, 36.0, -119.1, 36.1)
    with pytest.raises(AreaError, match="Unknown coordinate reference system"):
        tiles_for_area(area, "EPSG:999999", 1, 10)
    with pytest.raises(InvalidRequestError, match="10, 20"):
        tiles_for_area(area, 4326, 1, 60)
    with pytest.raises(InvalidRequestError, match="buffer_x"):
        tiles_for_area(area, 4326, 1, 10, buffer_x=-1)
    with pytest.raises(InvalidRequestError, match="buffer_y"):
        tiles_for_area(area, 4326, 1, 10, buffer_y=2.5)


def test_tile_is_an_immutable_value():
    [tile] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10)
    assert isinstance(tile, Tile) and tile.crs == "EPSG:32628"
    with pytest.raises(AttributeError):
        tile.name = "other"
    [again] = tiles_for_area(box(222000, 1632000, 228000, 1638000), 32628, 1, 10)
    assert again == tile and hash(again) == hash(tile)
    rebuilt = Tile(**{field.name: getattr(tile, field.name) for field in dataclasses.fields(Tile)})
    assert rebuilt == tile and repr(rebuilt) == repr(tile)
    assert dataclasses.replace(tile, name="renamed").bounds == tile.bounds


def test_threads_get_the_same_tiles():
    from concurrent.futures import ThreadPoolExecutor

    areas = [box(-119.3 + i * 0.7, 36.0, -119.0 + i * 0.7, 36.3) for i in range(6)]
    expected = [[tile.name for tile in tiles_for_area(area, 4326, 1, 10)] for area in areas]
    with ThreadPoolExecutor(max_workers=3) as pool:
        found = list(pool.map(lambda area: [tile.name for tile in tiles_for_area(area, 4326, 1, 10)], areas))
    assert found == expected


@pytest.mark.parametrize("grid_id, resolution", [(1, 20), (0, 60), (3, 0.0002)])
def test_tiles_found_in_bulk_are_counted_and_built_in_batches_as_one_list(grid_id, resolution):
    from sentinelhub_batch.plugin.core.tiles import count_tiles, find_tiles

    area = box(-122.5, 36.5, -120.4, 37.4)  # across the 120° W zone edge
    tiles = tiles_for_area(area, 4326, grid_id, resolution, 3, 5)
    found = find_tiles(area, 4326, grid_id, resolution, 3, 5)
    batches = list(found.in_batches(batch_size=7))
    assert max(len(batch) for batch in batches) <= 7
    assert [tile for batch in batches for tile in batch] == tiles
    drawn = [(name, epsg, outline) for names, epsg, outlines in found.outlines(batch_size=5)
             for name, outline in zip(names, outlines)]
    assert [(name, epsg) for name, epsg, _ in drawn] == [(tile.name, tile.epsg) for tile in tiles]
    assert all(outline.equals(tile.geometry_wgs84) for (_, _, outline), tile in zip(drawn, tiles))
    counts = count_tiles(area, 4326, grid_id, resolution, 3, 5)
    assert sum(count.count for count in counts) == found.count == len(tiles)
    by_crs = {}
    for tile in tiles:
        by_crs[tile.epsg] = by_crs.get(tile.epsg, 0) + 1
    assert {count.epsg: count.count for count in counts} == by_crs
    first = tiles[0]
    assert {(count.width, count.height, count.buffered_width, count.buffered_height) for count in counts} == {
        (first.width, first.height, first.buffered_width, first.buffered_height)}
    assert find_tiles(area, 4326, grid_id, resolution, name_limit=len(tiles)).named
    over_the_limit = find_tiles(area, 4326, grid_id, resolution, name_limit=len(tiles) - 1)
    assert not over_the_limit.named and over_the_limit.count == len(tiles)
    with pytest.raises(InvalidRequestError, match="only counted"):
        next(over_the_limit.in_batches())
