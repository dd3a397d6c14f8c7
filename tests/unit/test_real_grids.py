"""The preview against tiles the real service made (tests/data/README.md, ../shared/data/real-grids/README.md).

- grid 0: 1 667 real tiles over France in three UTM zones, with the ids the service gave them;
- grid 2: the CARD4L tile 36MZT_0_0 and its delivered raster;
- grid 1: eo-grow's three tiles with their buffered rasters.
"""

import bisect
import functools
import json
import math
import sqlite3
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from sentinelhub_batch.plugin.core import grid_assumptions
from sentinelhub_batch.plugin.core.tiles import tiles_for_area
from shapely.geometry import box, shape

DATA = Path(__file__).resolve().parents[1] / "data"
FRANCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-grids" / "tiling_grid-0_france.gpkg"

ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"
COLUMN_LETTERS = {1: "ABCDEFGH", 2: "JKLMNPQR", 0: "STUVWXYZ"}
BANDS = "CDEFGHJKLMNPQRSTUVWX"


def read_geopackage_layers(path):
    """Every feature of every layer: (epsg, id, name, shapely geometry). GeoPackage blobs read by hand."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        layers = connection.execute("SELECT table_name, srs_id FROM gpkg_contents").fetchall()
        features = []
        for table, epsg in layers:
            for blob, identifier, name in connection.execute(f'SELECT geom, id, name FROM "{table}"'):
                envelope = (blob[3] >> 1) & 7
                header = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[envelope]
                features.append((epsg, identifier, name, shapely.from_wkb(bytes(blob[header:]))))
        return features
    finally:
        connection.close()


@pytest.fixture(scope="module")
def france():
    if not FRANCE.exists():
        pytest.fail(f"{FRANCE} is missing: the shared real-grid data sits beside the repository")
    return read_geopackage_layers(FRANCE)


@functools.cache
def transformer(source, target):
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def name_key(name):
    s2_tile, column, row = name.split("_")
    return s2_tile, int(column), int(row)


def square_of(name, epsg):
    """North-west corner (easting, northing in the CRS) of the MGRS square a Sentinel-2 name stands for."""
    zone, band, column, row = int(name[:2]), name[2], name[3], name[4]
    easting = (COLUMN_LETTERS[zone % 3].index(column) + 1) * 100_000
    row_in_cycle = (ROW_LETTERS.index(row) - (5 if zone % 2 == 0 else 0)) % 20
    band_middle = -80 + 8 * BANDS.index(band) + 4
    _, northing = transformer(4326, epsg).transform(zone * 6 - 183, band_middle)
    cycle = round((northing / 100_000 - row_in_cycle) / 20)
    return easting, (row_in_cycle + 20 * cycle + 1) * 100_000


# ---------------------------------------------------------------------------------------------------------------
# grid 0 over France


def test_every_france_tile_starts_at_its_sentinel2_corner(france):
    for epsg, _, name, geometry in france:
        s2_tile, column, row = name_key(name)
        west, north = square_of(s2_tile, epsg)
        corner_x, corner_y = grid_assumptions.s2_upper_left(west, north, epsg > 32700)
        expected = (corner_x + column * 20040, corner_y - (row + 1) * 20040,
                    corner_x + (column + 1) * 20040, corner_y - row * 20040)
        assert geometry.bounds == pytest.approx(expected, abs=1e-6), name


def france_area(france):
    """The union of the real tiles (EPSG:3035), shrunk by 250 m: every real tile overlaps it, and a tile of a
    neighbouring square that only overlaps the real ones along the ≤ 240 m seams does not."""
    parts = []
    for epsg, _, _, geometry in france:
        to_laea = transformer(epsg, 3035)
        parts.append(shapely.transform(shapely.segmentize(geometry, 1000),
                                       lambda xy, t=to_laea: np.column_stack(t.transform(xy[:, 0], xy[:, 1]))))
    return shapely.union_all(parts).buffer(-250)


def test_the_france_preview_has_every_real_tile_and_no_tile_the_service_dropped(france):
    tiles = tiles_for_area(france_area(france), 3035, 0, 60)
    preview = {tile.name: tile for tile in tiles}
    assert len(preview) == len(tiles)
    for epsg, _, name, geometry in france:
        assert name in preview, f"real tile {name} is missing from the preview"
        assert preview[name].epsg == epsg
        assert preview[name].bounds == pytest.approx(geometry.bounds, abs=1.0)
    # The real request's area (France) is unknown, so the preview over the real tiles' union may have more tiles;
    # each one must sit where the real id sequence has room for a kept tile.
    ids = {name_key(name): identifier for _, identifier, name, _ in france}
    ordered = sorted(ids)
    extra = sorted(name_key(name) for name in set(preview) - {name for _, _, name, _ in france})
    assert len(extra) < 10
    for key in extra:
        after = ordered[bisect.bisect_left(ordered, key) - 1]
        before = ordered[bisect.bisect_left(ordered, key)]
        between = [k for k in extra if after < k < before]
        assert ids[before] - ids[after] - 1 >= len(between), f"the real grid has no tile {key} (ids leave no room)"


def test_zone_edges_keep_as_many_tiles_as_the_real_id_sequence(france):
    """Between two consecutive real ids the real grid keeps exactly (id gap) tiles, also outside France: compare
    with every tile the preview has over western Europe. Two gaps do not match (grid_assumptions rule 4)."""
    ids = {name_key(name): identifier for _, identifier, name, _ in france}
    by_id = sorted(ids, key=ids.get)
    keys = sorted(name_key(tile.name) for tile in tiles_for_area(box(-8, 39, 12, 57), 4326, 0, 60))
    mismatches = {}
    checked = 0
    for first, second in zip(by_id, by_id[1:]):
        gap = ids[second] - ids[first] - 1
        if gap > 400:  # whole bands or zones in between, beyond the region previewed
            continue
        checked += 1
        kept = bisect.bisect_left(keys, second) - bisect.bisect_right(keys, first)
        if kept != gap:
            mismatches[(first[0], second[0])] = (gap, kept)
    assert checked > 1600
    assert mismatches == {("30TXT", "30TYN"): (14, 37), ("31TFN", "31TGH"): (14, 37)}


def test_tiles_the_real_grid_dropped_at_the_zone_edge_are_not_previewed():
    # ids show 30TYT keeps columns 0-2 only and 30TYS drops 3_0, 3_1 and column 4 (0° E, 46-47° N)
    names = {tile.name for tile in tiles_for_area(box(-0.5, 45.5, 1.2, 48.0), 4326, 0, 60)}
    assert {"30TYT_2_0", "30TYS_3_2", "30TYS_3_4"} <= names
    assert not names & {"30TYT_3_0", "30TYT_4_2", "30TYS_3_0", "30TYS_3_1", "30TYS_4_3"}
    assert not any(name.startswith("31TB") for name in names)


# ---------------------------------------------------------------------------------------------------------------
# grid 2: CARD4L


def test_the_card4l_grid2_tile_and_its_raster():
    real = json.loads((DATA / "card4l_grid2.json").read_text())
    batch_input = real["request"]["input"]
    [tile] = tiles_for_area(real["request"]["bounds"]["geometry"], real["request"]["bounds"]["properties"]["crs"],
                            batch_input["id"], batch_input["resolution"], batch_input["bufferX"],
                            batch_input["bufferY"])
    assert tile.name == real["tile"]["name"]
    assert tile.epsg == 32736 == real["raster"]["proj:epsg"]
    assert tile.origin == tuple(real["tile"]["origin"]["coordinates"])
    resolution = batch_input["resolution"]
    transform = real["raster"]["proj:transform"]
    assert transform == [resolution, 0.0, tile.buffered_bounds[0], 0.0, -resolution, tile.buffered_bounds[3]]
    assert sorted((tile.buffered_width, tile.buffered_height)) == sorted(real["raster"]["proj:shape"])
    assert (tile.buffered_width, tile.buffered_height) == (278 + 2 * 5, 278 + 2 * 10)
    real_corners = np.array(real["tile"]["geometry"]["coordinates"][0][:4])
    corners = np.array(tile.geometry_wgs84.exterior.coords[:4])
    for corner in real_corners:  # the same four corners (to 1e-6°, 0.1 m), in whichever order
        assert np.abs(corners - corner).max(axis=1).min() < 1e-6


# ---------------------------------------------------------------------------------------------------------------
# grid 1: eo-grow


def test_the_eogrow_grid1_tiles_and_their_buffered_rasters():
    area = json.loads((DATA / "eogrow_batch_area.geojson").read_text())["features"][0]["geometry"]
    real = json.loads((DATA / "eogrow_batch_grid.geojson").read_text())["features"]
    tiles = tiles_for_area(area, "urn:ogc:def:crs:OGC:1.3:CRS84", 1, 10, buffer_x=3, buffer_y=7)
    assert sorted(tile.name for tile in tiles) == sorted(feature["properties"]["name"] for feature in real)
    by_name = {tile.name: tile for tile in tiles}
    for feature in real:
        tile = by_name[feature["properties"]["name"]]
        assert tile.epsg == 32628
        assert tile.buffered_bounds == pytest.approx(shape(feature["geometry"]).bounds, abs=1e-6)
        x_min, _, _, y_max = tile.bounds
        assert x_min % 10000 == 0 and y_max % 10000 == 0 and math.isclose(tile.bounds[2] - x_min, 10000)
