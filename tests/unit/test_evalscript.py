"""Reading setup() of evalscripts, in V8 and with the static reader."""

import sys
from pathlib import Path

import pytest
from sentinelhub_batch.plugin.core.evalscript import (
    EvalscriptError,
    EvalscriptInfo,
    EvalscriptOutput,
    new_evalscript_context,
    read_evalscript,
    read_evalscript_statically,
)

TUTORIAL = (Path(__file__).resolve().parents[3] / "shared" / "data" / "interpolation_evalscript.js").read_text()


@pytest.fixture(params=["v8", "static"])
def reader(request):
    if request.param == "v8":
        def read(source):
            info = read_evalscript(source)
            assert info.evaluated_by == "v8"
            return info
        return read
    return read_evalscript_statically


def test_tutorial_script_in_v8():
    info = read_evalscript(TUTORIAL)
    assert info == EvalscriptInfo(
        input_bands=("B04", "B08", "CLM", "dataMask"),
        outputs=(EvalscriptOutput("NDVI", 5, "UINT16"), EvalscriptOutput("data_mask", 5, "UINT8")),
        mosaicking="ORBIT",
        datasources=1,
        inputs=info.inputs,
        evaluated_by="v8",
    )
    assert info.inputs[0].units == "DN"
    assert info.output_ids == ("NDVI", "data_mask")


def test_tutorial_script_statically():
    info = read_evalscript_statically(TUTORIAL)
    assert info.input_bands == ("B04", "B08", "CLM", "dataMask")
    assert info.mosaicking == "ORBIT"
    assert [(o.id, o.sample_type) for o in info.outputs] == [("NDVI", "UINT16"), ("data_mask", "UINT8")]
    # nb_bands is computed by top-level code (dates), which only V8 can run
    assert [o.bands for o in info.outputs] == [0, 0]
    assert info.evaluated_by == "static"


def test_without_mini_racer_the_static_reader_is_used(monkeypatch):
    monkeypatch.setitem(sys.modules, "py_mini_racer", None)
    info = read_evalscript(TUTORIAL)
    assert info.evaluated_by == "static"
    assert info.input_bands == ("B04", "B08", "CLM", "dataMask")
    assert "without running" in info.notes[0]


def test_without_mini_racer_scripts_without_setup_are_still_refused(monkeypatch):
    monkeypatch.setitem(sys.modules, "py_mini_racer", None)
    with pytest.raises(EvalscriptError, match=r"no setup\(\)"):
        read_evalscript("//VERSION=3\nfunction evaluatePixel(s) { return [s.B04]; }")


SIMPLE_LIST = """//VERSION=3
function setup() {
  return {
    input: ["B02", "B03", "B04", "dataMask"],
    output: { bands: 4 }
  };
}
function evaluatePixel(sample) { return [sample.B04, sample.B03, sample.B02, sample.dataMask]; }
"""

OBJECT_INPUT = """//VERSION=3
// a comment with a brace } and a fake setup() { return {input: ["XX"]} }
function setup() {
  /* block comment { */
  return {
    input: [{bands: ['B08', "B04"], units: "REFLECTANCE"}],
    output: [
      {id: "ndvi", bands: 1, sampleType: SampleType.FLOAT32},
      {id: 'label', bands: 1, sampleType: "uint8"},
    ],
    mosaicking: Mosaicking.TILE,
  };
}
function evaluatePixel(s) { return {ndvi: [index(s.B08, s.B04)], label: ["}"]}; }
"""

DATA_FUSION = """//VERSION=3
var setup = function () {
  return {
    input: [
      {datasource: "s2", bands: ["B02", "B03", "B04"]},
      {datasource: "s1", bands: ["VV", "VH"]},
    ],
    output: {id: "default", bands: 3, sampleType: "UINT16"},
    mosaicking: "ORBIT"
  };
};
function evaluatePixel(samples) { return [0, 0, 0]; }
"""

ARROW_WITH_CONSTANT = """//VERSION=3
const OUTPUT_BANDS = 2;
const setup = () => ({
  input: ["B11", "B12"],
  output: {id: "swir", bands: OUTPUT_BANDS}
});
function evaluatePixel(s) { return [s.B11, s.B12]; }
"""


def test_plain_band_list(reader):
    info = reader(SIMPLE_LIST)
    assert info.input_bands == ("B02", "B03", "B04", "dataMask")
    assert info.outputs == (EvalscriptOutput("default", 4, "AUTO"),)
    assert info.mosaicking == "SIMPLE" and info.datasources == 1


def test_object_input_several_outputs_sample_types_and_comments(reader):
    info = reader(OBJECT_INPUT)
    assert info.input_bands == ("B08", "B04")
    assert info.inputs[0].units == "REFLECTANCE"
    assert info.outputs == (EvalscriptOutput("ndvi", 1, "FLOAT32"), EvalscriptOutput("label", 1, "UINT8"))
    assert info.mosaicking == "TILE"


def test_data_fusion_sources(reader):
    info = reader(DATA_FUSION)
    assert info.datasources == 2
    assert [(source.name, source.bands) for source in info.inputs] == [("s2", ("B02", "B03", "B04")),
                                                                      ("s1", ("VV", "VH"))]
    assert info.input_bands == ("B02", "B03", "B04", "VV", "VH")
    assert info.outputs == (EvalscriptOutput("default", 3, "UINT16"),)
    assert info.mosaicking == "ORBIT"


def test_arrow_setup_with_a_top_level_constant(reader):
    info = reader(ARROW_WITH_CONSTANT)
    assert info.input_bands == ("B11", "B12")
    assert info.outputs == (EvalscriptOutput("swir", 2, "AUTO"),)


def test_no_setup_is_refused(reader):
    with pytest.raises(EvalscriptError, match=r"no setup\(\)"):
        reader("//VERSION=3\nfunction evaluatePixel(s) { return [s.B04]; }")


def test_version_1_scripts_get_a_hint():
    with pytest.raises(EvalscriptError, match="VERSION=3"):
        read_evalscript("return [B04, B03, B02];")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('input: ["B02"], output: {bands: 1, sampleType: "FLOAT64"}', "sampleType"),
        ('input: ["B02"], output: {bands: 1}, mosaicking: "DAILY"', "mosaicking"),
        ('input: ["B02"], output: [{id: "a", bands: 1}, {id: "a", bands: 2}]', "more than once"),
        ('output: {bands: 1}', "no input"),
        ('input: ["B02"]', "no output"),
        ('input: ["B02"], output: []', "no output"),
        ('input: ["B02"], output: {bands: 1.5}', "whole number of bands"),
    ],
)
def test_unusable_declarations_are_refused(reader, body, message):
    with pytest.raises(EvalscriptError, match=message):
        reader("//VERSION=3\nfunction setup() { return {" + body + "}; }\nfunction evaluatePixel(s) { return [1]; }")


def test_syntax_error_carries_the_javascript_message():
    with pytest.raises(EvalscriptError) as raised:
        read_evalscript("//VERSION=3\nfunction setup() {\n  return {input: ['B02'], output: {bands: 1}\n}\n")
    assert "SyntaxError" in str(raised.value) and "line" in str(raised.value)


def test_runtime_error_in_top_level_code_carries_the_javascript_message():
    script = "//VERSION=3\nvar scale = null.factor;\n" + SIMPLE_LIST.split("\n", 1)[1]
    with pytest.raises(EvalscriptError, match="TypeError"):
        read_evalscript(script)
    with pytest.raises(EvalscriptError, match="bad setup"):
        read_evalscript("//VERSION=3\nfunction setup() { throw new Error('bad setup'); }")


def test_endless_top_level_code_is_stopped():
    with pytest.raises(EvalscriptError, match="did not finish"):
        read_evalscript("//VERSION=3\nwhile (true) {}\n" + SIMPLE_LIST, time_limit_seconds=0.5)


def test_unknown_runtime_globals_fall_back_to_the_static_reader():
    script = "//VERSION=3\nvar palette = someServiceOnlyHelper([1, 2]);\n" + SIMPLE_LIST.split("\n", 1)[1]
    info = read_evalscript(script)
    assert info.evaluated_by == "static"
    assert info.input_bands == ("B02", "B03", "B04", "dataMask")
    assert "someServiceOnlyHelper" in info.notes[0]


def test_common_visualizers_at_top_level_run_in_v8():
    script = """//VERSION=3
const ramp = [[0, 0x000000], [1, 0xffffff]];
const visualizer = new ColorRampVisualizer(ramp);
const grey = visualizer.process(0.5);
function setup() { return {input: ["B04"], output: {bands: grey.length}}; }
function evaluatePixel(s) { return visualizer.process(s.B04); }
"""
    info = read_evalscript(script)
    assert info.evaluated_by == "v8"
    assert info.outputs == (EvalscriptOutput("default", 3, "AUTO"),)


def test_empty_script_is_refused(reader):
    with pytest.raises(EvalscriptError, match="empty"):
        reader("   \n")


def test_new_context_has_the_runtime_stubs():
    context = new_evalscript_context()
    try:
        assert context.eval("SampleType.FLOAT32 + ',' + Mosaicking.ORBIT") == "FLOAT32,ORBIT"
        assert context.eval("index(3, 1)") == 0.5
        assert list(context.eval("colorBlend(0.5, [0, 1], [[0, 0, 0], [1, 1, 1]])")) == [0.5, 0.5, 0.5]
        assert context.eval("typeof console.log") == "function"
    finally:
        context.close()


def test_static_reader_is_a_fallback_not_a_javascript_engine():
    # setup() built by code: the static reader says so rather than guessing
    with pytest.raises(EvalscriptError, match="mini-racer"):
        read_evalscript_statically(
            "//VERSION=3\nvar bands = ['B0' + 2];\nfunction setup() { return {input: bands.map(b => b), "
            "output: {bands: 1}}; }"
        )
