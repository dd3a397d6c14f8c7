"""The emulator's evalscript runtime: what scripts see (samples, scenes, units) and what comes out."""

from __future__ import annotations

import numpy as np
import pytest
from emulator import runtime
from emulator.testing import tutorial_evalscript

pytestmark = pytest.mark.e2e

UTM_BOUNDS = (280000.0, 3990000.0, 282000.0, 3992000.0)
JULY = {"from": "2020-07-01T00:00:00Z", "to": "2020-07-31T23:59:59Z"}


def _data(collection="sentinel-2-l1c", max_cloud=100, order="mostRecent", time_range=None):
    return [{"type": collection, "dataFilter": {"timeRange": time_range or JULY, "maxCloudCoverage": max_cloud,
                                                "mosaickingOrder": order}}]


def _render(script, width=40, height=40, bounds=UTM_BOUNDS, **data_options):
    return runtime.render(script, bounds, 32611, width, height, runtime.DataSpec(_data(**data_options)))


def _script(setup_body, evaluate_body, extra=""):
    return f"//VERSION=3\n{extra}\nfunction setup() {{ return {setup_body}; }}\n" \
           f"function evaluatePixel(samples, scenes) {{ {evaluate_body} }}"


COUNT_SCENES = _script('{input: ["B04"], output: {id: "n", bands: 1, sampleType: "UINT8"}, mosaicking: "ORBIT"}',
                       "return {n: [samples.length]};")


def test_orbit_mosaicking_gives_one_sample_per_acquisition_and_honours_max_cloud_coverage():
    every = _render(COUNT_SCENES)["n"]
    clear = _render(COUNT_SCENES, max_cloud=10)["n"]
    scenes = runtime.find_scenes(_data()[0], -119.3, 36.05)
    assert every.min() == every.max() == len(scenes) >= 6
    assert clear.max() == len([s for s in scenes if s.cloud_coverage <= 10]) < len(scenes)
    dates = sorted(s.date for s in scenes)
    assert all((later - earlier).days == 5 for earlier, later in zip(dates, dates[1:]))


def test_scenes_are_passed_with_dates_and_orbits_in_mosaicking_order():
    script = _script('{input: ["B04"], output: {id: "d", bands: 3, sampleType: "FLOAT32"}, mosaicking: "ORBIT"}',
                     "return {d: [scenes[0].date.getUTCDate(), new Date(scenes.orbits[0].dateFrom).getUTCDate(),"
                     " scenes.orbits[0].tiles.length]};")
    newest = _render(script)["d"][:, 0, 0]
    oldest = _render(script, order="leastRecent")["d"][:, 0, 0]
    assert newest[0] == newest[1] and newest[2] == 1
    assert newest[0] > oldest[0]


def test_simple_mosaicking_gives_one_sample_object_from_the_first_scene_in_order():
    script = _script('{input: ["B04", "B08"], output: {id: "v", bands: 2, sampleType: "FLOAT32"}}',
                     "return {v: [samples.B04, samples.B08]};")
    newest = _render(script)["v"]
    oldest = _render(script, order="leastRecent")["v"]
    assert newest.shape == (2, 40, 40) and newest.min() > 0 and newest.max() < 1
    assert not np.allclose(newest, oldest)


def test_units_dn_are_reflectance_times_10000():
    reflectance = _script('{input: [{bands: ["B08"]}], output: {bands: 1, sampleType: "FLOAT32"}}',
                          "return [samples.B08];")
    digital = _script('{input: [{bands: ["B08"], units: "DN"}], output: {bands: 1, sampleType: "FLOAT32"}}',
                      "return [samples.B08];")
    as_reflectance = _render(reflectance)["default"]
    as_dn = _render(digital)["default"]
    assert np.allclose(as_dn, np.round(as_reflectance * 10000), atol=1.0)


def test_auto_sample_type_is_scaled_to_bytes():
    script = _script('{input: ["B04"], output: {bands: 1}}', "return [0.5];")
    values = _render(script)["default"]
    assert values.dtype == np.uint8 and (values == 128).all()


def test_space_varies_and_overlapping_renders_agree_so_tiles_join_seamlessly():
    script = _script('{input: ["B08", "B04"], output: {bands: 1, sampleType: "FLOAT32"}}',
                     "return [(samples.B08 - samples.B04) / (samples.B08 + samples.B04)];")
    west = _render(script, width=200, height=100, bounds=(280000, 3990000, 284000, 3992000))["default"][0]
    east = _render(script, width=200, height=100, bounds=(282000, 3990000, 286000, 3992000))["default"][0]
    overlap_west, overlap_east = west[:, 100:], east[:, :100]
    assert np.mean(np.isclose(overlap_west, overlap_east, atol=1e-3)) > 0.99
    assert west.std() > 0.05


def test_pre_process_scenes_can_drop_scenes():
    keep_two = "function preProcessScenes(collections) {" \
               " collections.scenes.orbits = collections.scenes.orbits.slice(0, 2); return collections; }"
    script = _script('{input: ["B04"], output: {id: "n", bands: 1, sampleType: "UINT8"}, mosaicking: "ORBIT"}',
                     "return {n: [samples.length]};", extra=keep_two)
    assert (_render(script)["n"] == 2).all()


def test_l2a_has_scl_and_l1c_has_b10_but_not_the_other_way_round():
    scl = _script('{input: ["SCL"], output: {bands: 1, sampleType: "UINT8"}}', "return [samples.SCL];")
    values = _render(scl, collection="sentinel-2-l2a")["default"]
    assert set(np.unique(values)) <= {4, 5, 6, 8, 9, 10} and values.max() > 0
    with pytest.raises(runtime.EvalscriptFailure, match="SCL"):
        _render(scl)
    b10 = _script('{input: ["B10"], output: {bands: 1, sampleType: "FLOAT32"}}', "return [samples.B10];")
    assert _render(b10)["default"].max() > 0
    with pytest.raises(runtime.EvalscriptFailure, match="B10"):
        _render(b10, collection="sentinel-2-l2a")


def test_errors_thrown_by_the_script_become_readable_failures():
    script = _script('{input: ["B04"], output: {bands: 1}}', 'throw new Error("boom at pixel");')
    with pytest.raises(runtime.EvalscriptFailure, match="boom at pixel"):
        _render(script)


def test_outside_the_area_data_mask_is_zero():
    from pyproj import Transformer
    from shapely.geometry import box

    script = _script('{input: ["dataMask"], output: {bands: 1, sampleType: "UINT8"}}', "return [samples.dataMask];")
    west, south = Transformer.from_crs(32611, 4326, always_xy=True).transform(280000, 3990000)
    east, north = Transformer.from_crs(32611, 4326, always_xy=True).transform(282000, 3992000)
    half = box(west - 0.1, south - 0.1, (west + east) / 2, north + 0.1)
    spec = runtime.DataSpec(_data(), area_wgs84=half)
    mask = runtime.render(script, (280000, 3990000, 282000, 3992000), 32611, 40, 40, spec)["default"][0]
    assert 0.2 < mask.mean() < 0.8 and set(np.unique(mask)) == {0, 1}


def test_tutorial_script_bands_differ_between_dates():
    outputs = runtime.render(tutorial_evalscript(), UTM_BOUNDS, 32611, 60, 60,
                             runtime.DataSpec(_data(max_cloud=70, time_range={"from": "2020-07-01T00:00:00Z",
                                                                               "to": "2020-07-30T23:59:59Z"})))
    ndvi, mask = outputs["NDVI"], outputs["data_mask"]
    assert ndvi.shape == mask.shape == (5, 60, 60) and ndvi.dtype == np.uint16
    assert not np.array_equal(ndvi[0], ndvi[1]) and ndvi[0].std() > 0


def test_coarse_rendering_keeps_the_raster_size():
    spec = runtime.DataSpec(_data(), render_step=7)
    values = runtime.render(COUNT_SCENES, UTM_BOUNDS, 32611, 50, 30, spec)["n"]
    assert values.shape == (1, 30, 50)


def test_rendering_in_several_threads_gives_the_same_raster():
    spec = runtime.DataSpec(_data(), render_step=1)
    script = _script('{input: ["B04", "B08"], output: {bands: 2, sampleType: "FLOAT32"}, mosaicking: "ORBIT"}',
                     "return [samples[0].B04, samples[samples.length - 1].B08];")
    single = runtime.render(script, UTM_BOUNDS, 32611, 50, 150, spec)["default"]
    spec.threads = 2
    double = runtime.render(script, UTM_BOUNDS, 32611, 50, 150, spec)["default"]
    assert np.array_equal(single, double) and single.std() > 0


def test_update_output_can_give_one_band_per_scene():
    per_scene = "function updateOutput(outputs, collection) { outputs.dates.bands = collection.scenes.length; }"
    script = _script('{input: ["B04"], output: {id: "dates", bands: 1, sampleType: "FLOAT32"}, mosaicking: "ORBIT"}',
                     "return {dates: samples.map(function (s) { return s.B04; })};", extra=per_scene)
    values = _render(script)["dates"]
    assert values.shape[0] == len(runtime.find_scenes(_data()[0], -119.4, 36.05)) > 1
    assert not np.array_equal(values[0], values[-1])


def test_runtime_helpers_of_the_service_are_defined():
    script = _script('{input: ["B04", "B08"], output: {bands: 3}}',
                     "var v = index(samples.B08, samples.B04);"
                     " return colorBlend(v, [0, 1], [[0, 0, 0], [1, 1, 1]]);")
    values = _render(script)["default"]
    assert values.shape == (3, 40, 40) and values.max() > 0


def test_data_fusion_gives_samples_and_scenes_per_datasource():
    script = _script('{input: [{datasource: "l1c", bands: ["B10"]}, {datasource: "l2a", bands: ["SCL", "B04"]}],'
                     ' output: {bands: 4, sampleType: "FLOAT32"}, mosaicking: "ORBIT"}',
                     "return [samples.l1c.length, samples.l2a.length, samples.l1c[0].B10,"
                     " scenes.l2a[0].date.getUTCMonth()];")
    data = [dict(_data()[0], id="l1c"),
            dict(_data(collection="sentinel-2-l2a", time_range={"from": "2020-06-01T00:00:00Z",
                                                                 "to": "2020-06-30T23:59:59Z"})[0], id="l2a")]
    values = runtime.render(script, UTM_BOUNDS, 32611, 20, 20, runtime.DataSpec(data))["default"][:, 0, 0]
    july, june = runtime.find_scenes(data[0], -119.4, 36.05), runtime.find_scenes(data[1], -119.4, 36.05)
    assert values[0] == len(july) and values[1] == len(june) and values[2] > 0 and values[3] == 5
    missing = [dict(data[0], id="other"), data[1]]
    with pytest.raises(runtime.EvalscriptFailure, match="datasource 'l1c'"):
        runtime.render(script, UTM_BOUNDS, 32611, 20, 20, runtime.DataSpec(missing))
