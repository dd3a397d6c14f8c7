"""Read what an evalscript's ``setup()`` declares: input bands, outputs, mosaicking, data sources.

The script is run in V8 (``mini-racer``) exactly as written, top-level code included, with stubs for what the
Sentinel Hub runtime provides (``SampleType``, ``Mosaicking``, visualizers, ``console``) and a time limit. When
mini-racer cannot be imported or started, a tolerant static reader extracts the same facts from the source text.
A script without ``setup()``, with a syntax error, or whose code fails raises :class:`EvalscriptError` carrying
the JavaScript message.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .errors import InvalidRequestError

_LOG = logging.getLogger(__name__)

SAMPLE_TYPES = ("AUTO", "INT8", "UINT8", "INT16", "UINT16", "FLOAT32")
MOSAICKING_TYPES = ("SIMPLE", "ORBIT", "TILE")
DATA_MASK_BAND = "dataMask"
DEFAULT_TIME_LIMIT_SECONDS = 5.0
_NOT_AN_OBJECT = "setup() must return an object with input and output, e.g. {input: [...], output: {...}}."
EVALUATED_BY_V8 = "v8"
EVALUATED_BY_STATIC_READER = "static"


class EvalscriptError(InvalidRequestError):
    """The evalscript cannot be used: no ``setup()``, a syntax or runtime error, or an unusable declaration."""


@dataclass(frozen=True)
class EvalscriptOutput:
    """One output of ``setup()``. ``bands`` is 0 when the static reader could not work it out."""

    id: str
    bands: int
    sample_type: str = "AUTO"


@dataclass(frozen=True)
class EvalscriptDatasource:
    """The bands asked from one data source (``name`` is None for a single-source script)."""

    name: Optional[str]
    bands: Tuple[str, ...]
    units: Optional[str] = None


@dataclass(frozen=True)
class EvalscriptInfo:
    """What ``setup()`` declares.

    ``input_bands`` lists the bands of every data source in order (a band asked from two sources appears twice);
    ``datasources`` is the number of data sources (1 unless the script fuses data).
    """

    input_bands: Tuple[str, ...]
    outputs: Tuple[EvalscriptOutput, ...]
    mosaicking: str = "SIMPLE"
    datasources: int = 1
    inputs: Tuple[EvalscriptDatasource, ...] = ()
    evaluated_by: str = EVALUATED_BY_V8
    notes: Tuple[str, ...] = ()

    @property
    def output_ids(self) -> Tuple[str, ...]:
        return tuple(output.id for output in self.outputs)

    def output(self, output_id: str) -> EvalscriptOutput:
        for output in self.outputs:
            if output.id == output_id:
                return output
        raise KeyError(output_id)


# ----------------------------------------------------------------------------------------------------------------
# The Sentinel Hub runtime stubs

EVALSCRIPT_PRELUDE_JS = r"""
var SampleType = Object.freeze({AUTO: "AUTO", INT8: "INT8", UINT8: "UINT8", INT16: "INT16", UINT16: "UINT16",
                                FLOAT32: "FLOAT32"});
var Mosaicking = Object.freeze({SIMPLE: "SIMPLE", ORBIT: "ORBIT", TILE: "TILE"});
var console = {log: function () {}, info: function () {}, warn: function () {}, error: function () {},
               debug: function () {}};
function index(a, b) { var sum = a + b; return sum === 0 ? 0 : (a - b) / sum; }
function valueInterpolate(value, stops, values) {
  if (value <= stops[0]) { return values[0]; }
  for (var i = 1; i < stops.length; i++) {
    if (value <= stops[i]) {
      var t = (value - stops[i - 1]) / (stops[i] - stops[i - 1]);
      return values[i - 1] + t * (values[i] - values[i - 1]);
    }
  }
  return values[values.length - 1];
}
function __shColor(color) {
  if (Array.isArray(color)) { return color; }
  return [((color >> 16) & 255) / 255, ((color >> 8) & 255) / 255, (color & 255) / 255];
}
function colorBlend(value, stops, colors) {
  var rgb = colors.map(__shColor);
  var channels = rgb[0].length;
  var result = [];
  for (var c = 0; c < channels; c++) {
    result.push(valueInterpolate(value, stops, rgb.map(function (color) { return color[c]; })));
  }
  return result;
}
function ColorRampVisualizer(ramp, minValue, maxValue) {
  this.stops = ramp.map(function (entry) { return entry[0]; });
  this.colors = ramp.map(function (entry) { return entry[1]; });
}
ColorRampVisualizer.prototype.process = function (value) { return colorBlend(value, this.stops, this.colors); };
var ColorGradientVisualizer = ColorRampVisualizer;
ColorGradientVisualizer.createDefault = function (minValue, maxValue) {
  return new ColorRampVisualizer([[minValue, 0x000000], [maxValue, 0xffffff]]);
};
ColorGradientVisualizer.createWhiteGreen = ColorGradientVisualizer.createDefault;
ColorGradientVisualizer.createBlueRed = ColorGradientVisualizer.createDefault;
function ColorMapVisualizer(map) { ColorRampVisualizer.call(this, map); }
ColorMapVisualizer.prototype = Object.create(ColorRampVisualizer.prototype);
function HighlightCompressVisualizer(minValue, maxValue) {
  this.minValue = minValue === undefined ? 0 : minValue;
  this.maxValue = maxValue === undefined ? 1 : maxValue;
}
HighlightCompressVisualizer.prototype.process = function (value) {
  var scaled = (value - this.minValue) / (this.maxValue - this.minValue);
  return Math.max(0, Math.min(1, scaled));
};
var HighlightCompressVisualizerSingle = HighlightCompressVisualizer;
var DefaultVisualizer = HighlightCompressVisualizer;
"""
"""JavaScript run before a user's evalscript: what the Sentinel Hub runtime defines globally (a small subset)."""


def new_evalscript_context(time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS) -> Any:
    """A fresh ``MiniRacer`` context with :data:`EVALSCRIPT_PRELUDE_JS` loaded. Close it when done.

    Raises ImportError when mini-racer is not installed (or its V8 library cannot load).
    """
    try:
        from py_mini_racer import MiniRacer
    except Exception as error:  # the wheel is missing or its shared library does not load here
        raise ImportError(f"mini-racer is not available: {error}") from error
    try:
        context = MiniRacer()
    except Exception as error:  # V8 cannot start on this machine (library, CPU features, memory)
        raise ImportError(f"mini-racer cannot start V8: {error}") from error
    try:
        _eval(context, EVALSCRIPT_PRELUDE_JS, time_limit_seconds)
    except Exception:
        context.close()
        raise
    return context


def _eval(context: Any, code: str, time_limit_seconds: float) -> Any:
    try:
        return context.eval(code, timeout_sec=time_limit_seconds)
    except TypeError:  # mini-racer before 0.12 takes milliseconds
        return context.eval(code, timeout=int(time_limit_seconds * 1000))


# ----------------------------------------------------------------------------------------------------------------
# Reading setup()


def read_evalscript(source: str, time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS) -> EvalscriptInfo:
    """What the evalscript's ``setup()`` declares (V8 when available, else the static reader)."""
    if not isinstance(source, str) or not source.strip():
        raise EvalscriptError("The evalscript is empty. Paste or load a script that starts with //VERSION=3.")
    try:
        context = new_evalscript_context(time_limit_seconds)
    except ImportError as error:
        _LOG.info("Reading the evalscript without V8 (%s).", error)
        info = read_evalscript_statically(source)
        return replace(info, notes=(f"setup() was read from the text without running the script ({error}).",))
    try:
        return _read_with_v8(context, source, time_limit_seconds)
    except _MissingRuntimeGlobalError as missing:
        _LOG.info("The evalscript uses %s, which the local stubs lack; reading it statically.", missing)
        try:
            info = read_evalscript_statically(source)
        except EvalscriptError:
            raise EvalscriptError(f"The evalscript failed: {missing}") from None
        note = (
            f"Running the script here stopped at {missing}; setup() was read from the text. "
            "If that name is not provided by Sentinel Hub, the service will fail the same way."
        )
        return replace(info, notes=(note,))
    finally:
        context.close()


class _MissingRuntimeGlobalError(Exception):
    """A ReferenceError: the script may use a global of the real runtime that the stubs do not define."""


def _read_with_v8(context: Any, source: str, time_limit_seconds: float) -> EvalscriptInfo:
    from py_mini_racer import JSEvalException, JSParseException, JSTimeoutException

    try:
        _eval(context, source, time_limit_seconds)
        kind = _eval(context, "typeof setup", time_limit_seconds)
        if kind != "function":
            raise EvalscriptError(_no_setup_message(source))
        text = _eval(context, "JSON.stringify(setup())", time_limit_seconds)
    except JSTimeoutException:
        _drain_cancelled_evaluation(context)
        raise EvalscriptError(
            f"The evalscript did not finish its top-level code and setup() within {time_limit_seconds:g} s. "
            "Check for endless loops outside evaluatePixel()."
        ) from None
    except JSParseException as error:
        hint = _version_hint(source)
        raise EvalscriptError(f"The evalscript has a syntax error: {_js_message(error)}.{hint}") from None
    except JSEvalException as error:
        message = _js_message(error)
        if "ReferenceError" in message:
            raise _MissingRuntimeGlobalError(message) from None
        raise EvalscriptError(f"The evalscript failed: {message}") from None
    try:
        declared = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        declared = None
    if not isinstance(declared, Mapping):
        raise EvalscriptError(_NOT_AN_OBJECT)
    return _info_from_setup(declared, EVALUATED_BY_V8)


def _js_message(error: Exception) -> str:
    """``line 3: TypeError: x is not a function`` from mini-racer's text (which repeats the source line)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    located = re.match(r"<anonymous>:(\d+):\s*(.*)", lines[0])
    if located:
        return f"line {located.group(1)}: {located.group(2)}"[:600]
    return lines[0][:600]


def _version_hint(source: str) -> str:
    if source.lstrip().startswith("//VERSION=3"):
        return ""
    return " Batch needs a version 3 script (first line //VERSION=3)."


def _no_setup_message(source: str) -> str:
    return "The evalscript has no setup() function declaring its input and output." + _version_hint(source)


def _drain_cancelled_evaluation(context: Any) -> None:
    """Let mini-racer finish cancelling a timed-out evaluation before the context is closed.

    Closing right away makes V8's late cancellation callback hit a closed event loop (a noisy warning).
    """
    try:
        _eval(context, "0", 1.0)
    except Exception as error:  # the context is unusable after a timeout in some versions; nothing to save
        _LOG.debug("After a timed-out evaluation: %s", error)


def _info_from_setup(declared: Mapping[str, Any], evaluated_by: str) -> EvalscriptInfo:
    inputs = _read_inputs(declared.get("input"))
    outputs = _read_outputs(declared.get("output"))
    mosaicking = _read_mosaicking(declared.get("mosaicking"))
    names = {source.name for source in inputs}
    return EvalscriptInfo(
        input_bands=tuple(band for source in inputs for band in source.bands),
        outputs=outputs,
        mosaicking=mosaicking,
        datasources=max(len(names), 1),
        inputs=inputs,
        evaluated_by=evaluated_by,
    )


def _read_inputs(value: Any) -> Tuple[EvalscriptDatasource, ...]:
    if value is None:
        raise EvalscriptError("setup() declares no input. Add e.g. input: [\"B04\", \"B08\", \"dataMask\"].")
    entries = value if isinstance(value, list) else [value]
    plain_bands: List[str] = []
    sources: List[EvalscriptDatasource] = []
    for entry in entries:
        if isinstance(entry, str):
            plain_bands.append(entry)
        elif isinstance(entry, Mapping):
            bands = entry.get("bands", [])
            bands = [bands] if isinstance(bands, str) else bands
            if not isinstance(bands, list) or not all(isinstance(band, str) for band in bands):
                raise EvalscriptError(f"setup() input bands must be a list of band names, got {bands!r}.")
            name = entry.get("datasource")
            units = entry.get("units")
            sources.append(
                EvalscriptDatasource(
                    name=str(name) if name is not None else None,
                    bands=tuple(bands),
                    units=units if isinstance(units, str) else (json.dumps(units) if units is not None else None),
                )
            )
        else:
            raise EvalscriptError(f"setup() input entries must be band names or objects, got {entry!r}.")
    if plain_bands:
        sources.insert(0, EvalscriptDatasource(name=None, bands=tuple(plain_bands)))
    return tuple(sources)


def _read_outputs(value: Any) -> Tuple[EvalscriptOutput, ...]:
    if value is None or value == []:
        raise EvalscriptError("setup() declares no output, so a job would deliver nothing (and still be charged). "
                              "Add e.g. output: {id: \"default\", bands: 1}.")
    entries = value if isinstance(value, list) else [value]
    outputs: List[EvalscriptOutput] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise EvalscriptError(f"setup() output entries must be objects, got {entry!r}.")
        output_id = str(entry.get("id") or "default")
        bands = entry.get("bands", 1)
        if bands is None:
            bands = 0
        if isinstance(bands, bool) or not isinstance(bands, (int, float)) or bands < 0 or int(bands) != bands:
            raise EvalscriptError(f"Output {output_id!r} must declare a whole number of bands, got {bands!r}.")
        sample_type = str(entry.get("sampleType") or "AUTO").upper()
        if sample_type not in SAMPLE_TYPES:
            raise EvalscriptError(
                f"Output {output_id!r} has an unknown sampleType {entry.get('sampleType')!r}; "
                f"use one of {', '.join(SAMPLE_TYPES)}."
            )
        outputs.append(EvalscriptOutput(id=output_id, bands=int(bands), sample_type=sample_type))
    duplicates = sorted({o.id for o in outputs if sum(other.id == o.id for other in outputs) > 1})
    if duplicates:
        raise EvalscriptError(f"setup() declares the output id(s) {', '.join(duplicates)} more than once.")
    return tuple(outputs)


def _read_mosaicking(value: Any) -> str:
    if value is None:
        return "SIMPLE"
    mosaicking = str(value).upper()
    if mosaicking not in MOSAICKING_TYPES:
        raise EvalscriptError(f"Unknown mosaicking {value!r}; use SIMPLE, ORBIT or TILE.")
    return mosaicking


# ----------------------------------------------------------------------------------------------------------------
# Static reader (no V8)


def read_evalscript_statically(source: str) -> EvalscriptInfo:
    """Read ``setup()`` from the text alone: the object it returns is parsed as a JavaScript literal.

    Tolerant by design: ``SampleType.X`` and ``Mosaicking.X`` become ``"X"``, identifiers bound at top level to a
    literal (``var n = 3``) are substituted, and a value that needs running code (``bands: dates.length``) is
    read as unknown (0 bands for an output).
    """
    if not isinstance(source, str) or not source.strip():
        raise EvalscriptError("The evalscript is empty. Paste or load a script that starts with //VERSION=3.")
    code = _strip_comments(source)
    literal_start = _setup_return_literal(code)
    if literal_start is None:
        raise EvalscriptError(_no_setup_message(source))
    constants = _top_level_constants(code)
    parser = _LiteralParser(code, literal_start, constants)
    declared = parser.parse_value()
    if not isinstance(declared, Mapping):
        raise EvalscriptError(_NOT_AN_OBJECT)
    _refuse_computed(declared.get("input"), "input")
    _refuse_computed(declared.get("mosaicking"), "mosaicking")
    outputs = declared.get("output")
    for entry in outputs if isinstance(outputs, list) else [outputs]:
        _refuse_computed(entry if not isinstance(entry, Mapping) else entry.get("id"), "output id")
        if isinstance(entry, Mapping):
            _refuse_computed(entry.get("sampleType"), "output sampleType")
    declared = _unknown_to_none(declared)
    return _info_from_setup(declared, EVALUATED_BY_STATIC_READER)


_STRING_OR_COMMENT = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(?P<comment>//[^\n]*|/\*.*?\*/)""",
    re.DOTALL,
)


def _strip_comments(code: str) -> str:
    def replace(match: re.Match) -> str:
        if match.group("comment") is not None:
            return " " * len(match.group(0)) if "\n" not in match.group(0) else re.sub(r"[^\n]", " ", match.group(0))
        return match.group(0)

    return _STRING_OR_COMMENT.sub(replace, code)


_SETUP_START = re.compile(
    r"function\s+setup\s*\([^)]*\)\s*\{"
    r"|\bsetup\s*=\s*function\s*\([^)]*\)\s*\{"
    r"|\bsetup\s*=\s*(?:\([^)]*\)|\w+)\s*=>\s*"
)


def _setup_return_literal(code: str) -> Optional[int]:
    """Index of the ``{`` of the object literal setup() returns, or None when there is no setup()."""
    match = _SETUP_START.search(code)
    if match is None:
        return None
    position = match.end()
    if not match.group(0).rstrip().endswith("{"):
        rest = code[position:].lstrip()
        offset = len(code) - len(rest)
        if rest.startswith("("):
            inner = rest[1:].lstrip()
            return len(code) - len(inner) if inner.startswith("{") else None
        if not rest.startswith("{"):
            return None
        position = offset + 1
    body_end = _matching_brace(code, position - 1)
    returned = re.compile(r"\breturn\s*\(?\s*\{").search(code, position, body_end)
    if returned is None:
        return None
    return returned.end() - 1


def _matching_brace(code: str, opening: int) -> int:
    depth = 0
    position = opening
    while position < len(code):
        char = code[position]
        if char in "\"'`":
            position = _string_end(code, position)
            continue
        if char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    raise EvalscriptError("The evalscript's setup() is not closed: a brace or bracket is missing.")


def _string_end(code: str, start: int) -> int:
    quote = code[start]
    position = start + 1
    while position < len(code):
        if code[position] == "\\":
            position += 2
            continue
        if code[position] == quote:
            return position + 1
        position += 1
    raise EvalscriptError("The evalscript has a string that is never closed.")


_CONSTANT = re.compile(
    r"^\s*(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*"
    r"(-?\d+(?:\.\d+)?|\"[^\"\n]*\"|'[^'\n]*'|SampleType\.\w+|Mosaicking\.\w+)\s*;?\s*$",
    re.MULTILINE,
)


def _top_level_constants(code: str) -> Dict[str, Any]:
    constants: Dict[str, Any] = {}
    for name, text in _CONSTANT.findall(code):
        constants[name] = _LiteralParser(text, 0, {}).parse_value()
    return constants


class _Unknown:
    """A value the static reader cannot compute without running the script."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"<unknown {self.text}>"


class _LiteralParser:
    """A forgiving parser for the JavaScript object/array literal that setup() returns."""

    _IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*")
    _NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

    def __init__(self, code: str, start: int, constants: Mapping[str, Any]):
        self.code = code
        self.position = start
        self.constants = constants

    def _skip_space(self) -> None:
        while self.position < len(self.code) and self.code[self.position].isspace():
            self.position += 1

    def _peek(self) -> str:
        self._skip_space()
        return self.code[self.position] if self.position < len(self.code) else ""

    def parse_value(self) -> Any:
        char = self._peek()
        if char == "{":
            return self._parse_object()
        if char == "[":
            return self._parse_array()
        if char in "\"'`":
            end = _string_end(self.code, self.position)
            text = self.code[self.position + 1 : end - 1]
            self.position = end
            return text
        number = self._NUMBER.match(self.code, self.position)
        if number and not self._continues_expression(number.end()):
            self.position = number.end()
            value = float(number.group(0))
            return int(value) if value.is_integer() else value
        identifier = self._IDENTIFIER.match(self.code, self.position)
        if identifier and not self._continues_expression(identifier.end()):
            self.position = identifier.end()
            return self._identifier_value(re.sub(r"\s+", "", identifier.group(0)))
        return self._skip_expression()

    def _continues_expression(self, end: int) -> bool:
        rest = self.code[end:].lstrip()
        return bool(rest) and rest[0] not in ",}]"

    def _identifier_value(self, name: str) -> Any:
        literals = {"true": True, "false": False, "null": None, "undefined": None}
        if name in literals:
            return literals[name]
        prefix, _, member = name.partition(".")
        if prefix in ("SampleType", "Mosaicking") and member:
            return member
        if name in self.constants:
            return self.constants[name]
        return _Unknown(name)

    def _skip_expression(self) -> _Unknown:
        start = self.position
        depth = 0
        while self.position < len(self.code):
            char = self.code[self.position]
            if char in "\"'`":
                self.position = _string_end(self.code, self.position)
                continue
            if char in "{[(":
                depth += 1
            elif char in "}])":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                break
            self.position += 1
        return _Unknown(self.code[start : self.position].strip())

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            found = self.code[self.position : self.position + 20] or "the end of the script"
            raise EvalscriptError(f"Cannot read setup(): expected {char!r} near {found!r}.")
        self.position += 1

    def _parse_array(self) -> List[Any]:
        self._expect("[")
        items: List[Any] = []
        while self._peek() not in ("]", ""):
            items.append(self.parse_value())
            if self._peek() == ",":
                self.position += 1
        self._expect("]")
        return items

    def _parse_object(self) -> Dict[str, Any]:
        self._expect("{")
        result: Dict[str, Any] = {}
        while self._peek() not in ("}", ""):
            key = self._parse_key()
            if self._peek() == ":":
                self.position += 1
                result[key] = self.parse_value()
            else:
                result[key] = self._identifier_value(key)
            if self._peek() == ",":
                self.position += 1
        self._expect("}")
        return result

    def _parse_key(self) -> str:
        char = self._peek()
        if char in "\"'":
            end = _string_end(self.code, self.position)
            key = self.code[self.position + 1 : end - 1]
            self.position = end
            return key
        match = re.compile(r"[A-Za-z_$][\w$]*|\d+").match(self.code, self.position)
        if match is None:
            found = self.code[self.position : self.position + 20]
            raise EvalscriptError(f"Cannot read setup(): unexpected {found!r} in the returned object.")
        self.position = match.end()
        return match.group(0)


def _computed_parts(value: Any) -> List[str]:
    if isinstance(value, _Unknown):
        return [value.text]
    if isinstance(value, list):
        return [text for item in value for text in _computed_parts(item)]
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in _computed_parts(item)]
    return []


def _refuse_computed(value: Any, what: str) -> None:
    computed = _computed_parts(value)
    if computed:
        raise EvalscriptError(
            f"setup() computes its {what} with code ({computed[0][:80]}) that only a JavaScript engine can run. "
            f"Install mini-racer, or write the {what} literally."
        )


def _unknown_to_none(value: Any) -> Any:
    if isinstance(value, _Unknown):
        return None
    if isinstance(value, list):
        return [_unknown_to_none(item) for item in value]
    if isinstance(value, dict):
        return {key: _unknown_to_none(item) for key, item in value.items()}
    return value


def describe(info: EvalscriptInfo) -> Sequence[str]:
    """Readable lines about a script for the GUI."""
    lines = [f"input bands: {', '.join(info.input_bands) or 'none'}"]
    if info.datasources > 1:
        lines.append(f"data sources: {info.datasources} (data fusion)")
    for output in info.outputs:
        bands = str(output.bands) if output.bands else "? (computed by the script)"
        lines.append(f"output {output.id}: {bands} band(s), {output.sample_type}")
    lines.append(f"mosaicking: {info.mosaicking}")
    return lines
