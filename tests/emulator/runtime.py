"""Runs a user's evalscript in V8 over deterministic synthetic Sentinel-2-like data.

``render`` is the reusable entry point (the batch processor uses it per tile; a Process API endpoint can
use it per request). The per-pixel loop lives in JavaScript (``synthetic.js``): Python only prepares a
coarse lon/lat lattice, the area mask (run lengths per row) and the scene list, and receives one
``Float32Array`` per output, read back without copying through JSON.
"""

from __future__ import annotations

import hashlib
import json
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform as shapely_transform

from . import assumptions

SYNTHETIC_JS = (Path(__file__).with_name("synthetic.js")).read_text(encoding="utf-8")

PRELUDE_JS = r"""
var SampleType = Object.freeze({AUTO: "AUTO", UINT8: "UINT8", UINT16: "UINT16", INT8: "INT8", INT16: "INT16",
                                FLOAT32: "FLOAT32"});
var Mosaicking = Object.freeze({SIMPLE: "SIMPLE", ORBIT: "ORBIT", TILE: "TILE"});
var console = {log: function () {}, warn: function () {}, error: function () {}, info: function () {},
               debug: function () {}};
// The evalscript runtime's helpers, as the provider documents them (Evalscript/V3 "functions" and visualizers).
function index(x, y) { return x + y === 0 ? 0 : (x - y) / (x + y); }
function valueInterpolate(val, limits, values) {
  var last = limits.length - 1;
  if (val <= limits[0]) { return values[0]; }
  if (val >= limits[last]) { return values[last]; }
  var i = 1;
  while (val > limits[i]) { i++; }
  var share = (val - limits[i - 1]) / (limits[i] - limits[i - 1]);
  return values[i - 1] * (1 - share) + values[i] * share;
}
function __emulatorRgb(colour) {
  return Array.isArray(colour) ? colour : [(colour >> 16 & 0xff) / 255, (colour >> 8 & 0xff) / 255, (colour & 0xff) / 255];
}
function colorBlend(val, limits, colours) {
  var rgb = colours.map(__emulatorRgb);
  return rgb[0].map(function (_, channel) {
    return valueInterpolate(val, limits, rgb.map(function (c) { return c[channel]; }));
  });
}
function ColorRampVisualizer(ramp) {
  var limits = ramp.map(function (step) { return step[0]; });
  var colours = ramp.map(function (step) { return step[1]; });
  this.process = function (val) { return colorBlend(val, limits, colours); };
}
function ColorMapVisualizer(map) { ColorRampVisualizer.call(this, map); }
var ColorGradientVisualizer = {
  createDefault: function (min, max) { return new ColorRampVisualizer([[min, 0x000000], [max, 0xffffff]]); }
};
ColorGradientVisualizer.createWhiteGreen = ColorGradientVisualizer.createDefault;
ColorGradientVisualizer.createBlueRed = ColorGradientVisualizer.createDefault;
function HighlightCompressVisualizer(min, max) {
  var low = min === undefined ? 0 : min, high = max === undefined ? 1 : max;
  this.process = function (val) { return Math.min(1, Math.max(0, (val - low) / (high - low))); };
}
var HighlightCompressVisualizerSingle = HighlightCompressVisualizer;
var DefaultVisualizer = HighlightCompressVisualizer;
"""
"""What the Sentinel Hub runtime defines before a script runs (the emulator's own subset, never the plugin's)."""

SAMPLE_TYPES = ("AUTO", "UINT8", "UINT16", "INT8", "INT16", "FLOAT32")
MOSAICKING = ("SIMPLE", "ORBIT", "TILE")

S2_OPTICAL_BANDS = ("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12")
S2_COMMON_BANDS = ("CLM", "CLP", "dataMask", "sunZenithAngles", "sunAzimuthAngles", "viewZenithMean",
                   "viewAzimuthMean")
COLLECTION_BANDS = {
    "L1C": frozenset(S2_OPTICAL_BANDS + S2_COMMON_BANDS),
    "L2A": frozenset(tuple(b for b in S2_OPTICAL_BANDS if b != "B10") + S2_COMMON_BANDS
                     + ("SCL", "SNW", "CLD", "AOT", "WVP")),
}
DN_BANDS = frozenset({"CLM", "CLP", "dataMask", "SCL", "SNW", "CLD"})
"""Bands whose only unit is DN; optical bands (and AOT, WVP) default to REFLECTANCE."""

DATA_TYPES = {
    "sentinel-2-l1c": "L1C", "s2l1c": "L1C",
    "sentinel-2-l2a": "L2A", "s2l2a": "L2A",
}
"""Collections the emulator can synthesise."""

KNOWN_DATA_TYPES = frozenset(DATA_TYPES) | frozenset({
    "sentinel-1-grd", "s1grd", "sentinel-3-olci", "sentinel-3-slstr", "sentinel-5p-l2", "landsat-ot-l1",
    "landsat-ot-l2", "landsat-etm-l1", "landsat-etm-l2", "landsat-tm-l1", "landsat-tm-l2", "landsat-mss-l1",
    "hls", "modis", "dem", "byoc", "batch", "zarr",
})
"""Collection types the real service knows; anything else is rejected at create."""

S2_FIRST_ACQUISITION = datetime(2015, 6, 27, tzinfo=timezone.utc)
REVISIT_DAYS = 5
SCENE_MARGIN = 0


class EvalscriptFailure(Exception):
    """The evalscript cannot run: the message is what the service would put into ``error``."""


@dataclass(frozen=True)
class OutputInfo:
    id: str
    bands: int
    sample_type: str


@dataclass(frozen=True)
class SourceInfo:
    """The bands one data source (``datasource`` of a setup() input) provides to the script."""

    datasource: Optional[str]
    bands: Tuple[str, ...]
    units: Tuple[str, ...]


@dataclass(frozen=True)
class SetupInfo:
    bands: Tuple[str, ...]
    units: Tuple[str, ...]
    outputs: Tuple[OutputInfo, ...]
    mosaicking: str
    sources: Tuple[SourceInfo, ...] = ()

    @property
    def is_fusion(self) -> bool:
        """Data fusion: inputs name their ``datasource``; samples and scenes come keyed by it."""
        return any(source.datasource for source in self.sources)

    def output(self, identifier: str) -> Optional[OutputInfo]:
        return next((o for o in self.outputs if o.id == identifier), None)


@dataclass(frozen=True)
class Scene:
    date: datetime
    cloud_coverage: float
    seed: int
    sh_id: int
    data_path: str
    tile_original_id: str

    def to_js(self) -> Dict[str, Any]:
        day = self.date.strftime("%Y-%m-%d")
        return {
            "date": _iso(self.date), "dateFrom": f"{day}T00:00:00Z", "dateTo": f"{day}T23:59:59Z",
            "cloudCoverage": self.cloud_coverage, "seed": self.seed, "shId": self.sh_id,
            "dataPath": self.data_path, "tileOriginalId": self.tile_original_id,
        }


@dataclass
class DataSpec:
    """What to render: the ``processRequest.input.data`` list, the area to keep (WGS84) and the render lattice."""

    data: List[Dict[str, Any]]
    area_wgs84: Optional[BaseGeometry] = None
    render_step: int = 1
    timeout_seconds: float = 600.0
    threads: int = 1
    """Render row blocks in this many V8 contexts at once (each a thread)."""
    extra: Dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_process_input(cls, process_input: Dict[str, Any], area_wgs84: Optional[BaseGeometry] = None,
                           render_step: int = 1) -> DataSpec:
        data = process_input.get("data") or []
        return cls(data=[dict(entry) for entry in data], area_wgs84=area_wgs84, render_step=render_step)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: Any, default: datetime) -> datetime:
    if not isinstance(value, str) or not value:
        return default
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise EvalscriptFailure(f"Invalid time {value!r} in dataFilter.timeRange: use ISO 8601, "
                                "e.g. 2020-07-01T00:00:00Z.") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def time_range(entry: Dict[str, Any]) -> Tuple[datetime, datetime]:
    time_range_value = (entry.get("dataFilter") or {}).get("timeRange") or {}
    now = datetime.now(timezone.utc)
    end = parse_time(time_range_value.get("to"), now)
    start = parse_time(time_range_value.get("from"), end - timedelta(days=assumptions.DEFAULT_TIME_RANGE_DAYS))
    return start, end


def collection_of(entry: Dict[str, Any]) -> str:
    data_type = str(entry.get("type", "")).lower()
    if data_type not in DATA_TYPES:
        raise EvalscriptFailure(
            f"The local emulator synthesises only Sentinel-2 L1C/L2A data; collection type {entry.get('type')!r} "
            "cannot be processed here.")
    return DATA_TYPES[data_type]


def _stable_unit(*parts: Any) -> float:
    digest = hashlib.blake2b(":".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def find_scenes(entry: Dict[str, Any], lon: float, lat: float) -> List[Scene]:
    """Acquisitions over a place: every 5 days since mid 2015 at about 10:30 local solar time.

    The revisit phase depends on the 6° longitude band only, so neighbouring tiles share their dates; cloud
    coverage is a deterministic function of the date and band. ``maxCloudCoverage`` and ``mosaickingOrder``
    are honoured; the list comes back in mosaicking order.
    """
    start, end = time_range(entry)
    data_filter = entry.get("dataFilter") or {}
    max_cloud = float(data_filter.get("maxCloudCoverage", 100))
    order = str(data_filter.get("mosaickingOrder") or "mostRecent")
    band = math.floor((lon + 180.0) / 6.0)
    phase = band % REVISIT_DAYS
    epoch = datetime(2015, 1, 1, tzinfo=timezone.utc)
    solar_offset = timedelta(hours=10.5 - lon / 15.0)
    first_day = max(int((start - epoch).days) - 1, 0)
    last_day = int((end - epoch).days) + 1
    scenes = []
    for day in range(first_day, last_day + 1):
        if (day - phase) % REVISIT_DAYS:
            continue
        moment = (epoch + timedelta(days=day) + solar_offset).replace(microsecond=0)
        if moment < S2_FIRST_ACQUISITION or moment < start or moment > end:
            continue
        cloud = round(100.0 * _stable_unit("cloud", day, band) ** 2.2, 2)
        if cloud > max_cloud:
            continue
        platform = "S2A" if day % 10 == phase else "S2B"
        scenes.append(Scene(
            date=moment, cloud_coverage=cloud, seed=(day * 7919 + band * 104729) % 2_000_000_000,
            sh_id=100000 + day * 60 + band, data_path=f"s3://sentinel-s2-l1c/tiles/{band}/{moment:%Y/%m/%d}/0",
            tile_original_id=f"{platform}_OPER_MSI_L1C_TL_EMU_{moment:%Y%m%dT%H%M%S}_N02.09"))
    if order == "leastRecent":
        scenes.sort(key=lambda s: s.date)
    elif order == "leastCC":
        scenes.sort(key=lambda s: (s.cloud_coverage, -s.date.timestamp()))
    else:
        scenes.sort(key=lambda s: s.date, reverse=True)
    return scenes


def _new_context(evalscript: str, timeout_seconds: float = 60.0):
    from py_mini_racer import JSEvalException, MiniRacer

    context = MiniRacer()
    try:
        context.eval(PRELUDE_JS)
        context.eval(evalscript, timeout_sec=timeout_seconds)
        context.eval(SYNTHETIC_JS)
    except JSEvalException as error:
        context.close()
        raise EvalscriptFailure(f"Failed to evaluate script! {_first_line(error)}") from error
    except Exception as error:
        context.close()
        raise EvalscriptFailure(f"Failed to evaluate script! {_first_line(error)}") from error
    return context


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return " ".join(lines[:3])[:500] if lines else type(error).__name__


def inspect_evalscript(evalscript: str) -> SetupInfo:
    """What ``setup()`` declares; fails the way analysis fails when the script is unusable."""
    if not isinstance(evalscript, str) or not evalscript.strip():
        raise EvalscriptFailure("The evalscript is empty.")
    context = _new_context(evalscript)
    try:
        return _read_setup(context)
    finally:
        context.close()


def _read_setup(context: Any) -> SetupInfo:
    from py_mini_racer import JSEvalException

    kinds = json.loads(context.eval(
        "JSON.stringify({setup: typeof setup, evaluatePixel: typeof evaluatePixel})"))
    if kinds["setup"] != "function":
        raise EvalscriptFailure("Failed to evaluate script! The evalscript has no setup() function.")
    if kinds["evaluatePixel"] != "function":
        raise EvalscriptFailure("Failed to evaluate script! The evalscript has no evaluatePixel() function.")
    try:
        raw = json.loads(context.eval("JSON.stringify(setup())", timeout_sec=10) or "null")
    except JSEvalException as error:
        raise EvalscriptFailure(f"Failed to evaluate script! setup() failed: {_first_line(error)}") from error
    if not isinstance(raw, dict):
        raise EvalscriptFailure("Failed to evaluate script! setup() must return an object with input and output.")
    return _normalise_setup(raw)


def _normalise_setup(raw: Dict[str, Any]) -> SetupInfo:
    inputs = raw.get("input")
    if isinstance(inputs, dict):
        inputs = [inputs]
    if not isinstance(inputs, list) or not inputs:
        raise EvalscriptFailure("Failed to evaluate script! setup().input must list the input bands.")
    bands: List[str] = []
    units: List[str] = []
    if all(isinstance(item, str) for item in inputs):
        inputs = [{"bands": inputs}]
    sources: List[SourceInfo] = []
    for item in inputs:
        if not isinstance(item, dict) or not isinstance(item.get("bands"), list):
            raise EvalscriptFailure("Failed to evaluate script! Each setup().input entry needs a bands list.")
        item_units = item.get("units")
        source_bands: List[str] = []
        source_units: List[str] = []
        for index, band in enumerate(item["bands"]):
            if band in source_bands:
                continue
            if isinstance(item_units, list):
                unit = item_units[index] if index < len(item_units) else None
            else:
                unit = item_units
            if unit is None:
                unit = "DN" if band in DN_BANDS else "REFLECTANCE"
            source_bands.append(str(band))
            source_units.append(str(unit).upper())
            if band not in bands:
                bands.append(str(band))
                units.append(str(unit).upper())
        datasource = item.get("datasource")
        sources.append(SourceInfo(str(datasource) if datasource else None, tuple(source_bands), tuple(source_units)))
    outputs_raw = raw.get("output")
    if isinstance(outputs_raw, dict):
        outputs_raw = [outputs_raw]
    if not isinstance(outputs_raw, list) or not outputs_raw:
        raise EvalscriptFailure("Failed to evaluate script! setup().output must declare at least one output.")
    outputs = []
    for item in outputs_raw:
        if not isinstance(item, dict):
            raise EvalscriptFailure("Failed to evaluate script! Each setup().output entry must be an object.")
        identifier = str(item.get("id", "default"))
        try:
            band_count = int(item.get("bands", 1))
        except (TypeError, ValueError) as error:
            raise EvalscriptFailure(f"Failed to evaluate script! Output {identifier!r} has no valid bands "
                                    "count.") from error
        sample_type = str(item.get("sampleType") or "AUTO").upper()
        if sample_type not in SAMPLE_TYPES:
            raise EvalscriptFailure(f"Failed to evaluate script! Output {identifier!r} has unknown sampleType "
                                    f"{item.get('sampleType')!r}; use one of {', '.join(SAMPLE_TYPES)}.")
        if band_count < 1:
            raise EvalscriptFailure(f"Failed to evaluate script! Output {identifier!r} must have at least "
                                    "one band.")
        outputs.append(OutputInfo(identifier, band_count, sample_type))
    mosaicking = str(raw.get("mosaicking") or "SIMPLE").upper()
    if mosaicking not in MOSAICKING:
        raise EvalscriptFailure(f"Failed to evaluate script! Unknown mosaicking {raw.get('mosaicking')!r}; "
                                "use SIMPLE, ORBIT or TILE.")
    if any(source.datasource for source in sources) and not all(source.datasource for source in sources):
        raise EvalscriptFailure("Failed to evaluate script! With data fusion every setup().input entry needs a "
                                "datasource.")
    return SetupInfo(tuple(bands), tuple(units), tuple(outputs), mosaicking, tuple(sources))


def _fusion_sources(setup: SetupInfo, data: List[Dict[str, Any]], lon: float, lat: float) -> List[Dict[str, Any]]:
    """Per ``datasource``: its bands, units, collection and scenes, matched to ``input.data[].id``."""
    by_id = {str(entry.get("id")): entry for entry in data if entry.get("id")}
    sources = []
    for source in setup.sources:
        entry = by_id.get(str(source.datasource))
        if entry is None:
            raise EvalscriptFailure(
                f"Failed to evaluate script! setup() reads datasource '{source.datasource}' but processRequest."
                f"input.data has no entry with that id (ids: {', '.join(sorted(by_id)) or 'none'}).")
        collection = collection_of(entry)
        check_bands(SetupInfo(source.bands, source.units, (), setup.mosaicking), collection)
        start, end = time_range(entry)
        sources.append({"id": source.datasource, "bands": list(source.bands),
                        "dn": [unit == "DN" for unit in source.units], "collection": collection,
                        "scenes": [scene.to_js() for scene in find_scenes(entry, lon, lat)],
                        "timeFrom": _iso(start), "timeTo": _iso(end)})
    return sources


def check_setup_against_data(setup: SetupInfo, data: List[Dict[str, Any]]) -> None:
    """Analysis-time check: every band the script reads exists in the collection that provides it."""
    if setup.is_fusion:
        _fusion_sources(setup, data, 0.0, 0.0)
        return
    for entry in data[:1]:
        check_bands(setup, collection_of(entry))


def check_bands(setup: SetupInfo, collection: str) -> None:
    available = COLLECTION_BANDS[collection]
    for band, unit in zip(setup.bands, setup.units):
        if band not in available:
            raise EvalscriptFailure(
                f"Failed to evaluate script! Band '{band}' is not available for sentinel-2-{collection.lower()}; "
                f"available bands: {', '.join(sorted(available))}.")
        if unit not in ("DN", "REFLECTANCE", "DEGREES", "OPTICAL_DEPTH", "METRES", "PERCENT"):
            raise EvalscriptFailure(f"Failed to evaluate script! Unknown units {unit!r} for band '{band}'.")


def _lattice(bounds: Sequence[float], crs: Any, nodes: int) -> Dict[str, Any]:
    xmin, ymin, xmax, ymax = bounds
    xs = np.linspace(xmin, xmax, nodes)
    ys = np.linspace(ymax, ymin, nodes)
    grid_x, grid_y = np.meshgrid(xs, ys)
    transformer = Transformer.from_crs(CRS.from_user_input(crs), CRS.from_epsg(4326), always_xy=True)
    lons, lats = transformer.transform(grid_x.ravel(), grid_y.ravel())
    return {"nx": nodes, "ny": nodes, "lons": [round(v, 9) for v in lons.tolist()],
            "lats": [round(v, 9) for v in lats.tolist()]}


def _mask_runs(area_wgs84: Optional[BaseGeometry], bounds: Sequence[float], crs: Any, width: int,
               height: int) -> Optional[List[List[int]]]:
    """Per row, the [start, end) column runs inside the area; None when every pixel is inside."""
    if area_wgs84 is None or not assumptions.MASK_OUTSIDE_AREA:
        return None
    transformer = Transformer.from_crs(CRS.from_epsg(4326), CRS.from_user_input(crs), always_xy=True)
    area = shapely_transform(transformer.transform, area_wgs84)
    xmin, ymin, xmax, ymax = bounds
    box = shapely.box(xmin, ymin, xmax, ymax)
    if area.contains(box):
        return None
    shapely.prepare(area)
    xs = xmin + (np.arange(width) + 0.5) * (xmax - xmin) / width
    ys = ymax - (np.arange(height) + 0.5) * (ymax - ymin) / height
    runs: List[List[int]] = []
    for y in ys:
        inside = shapely.contains_xy(area, xs, np.full(width, y))
        edges = np.flatnonzero(np.diff(np.concatenate(([0], inside.view(np.int8), [0]))))
        runs.append(edges.tolist())
    return runs


def _convert(values: np.ndarray, sample_type: str) -> np.ndarray:
    if sample_type == "FLOAT32":
        return values.astype(np.float32, copy=False)
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    if sample_type == "AUTO":
        values = values * 255.0
    limits = {"AUTO": (0, 255, np.uint8), "UINT8": (0, 255, np.uint8), "UINT16": (0, 65535, np.uint16),
              "INT8": (-128, 127, np.int8), "INT16": (-32768, 32767, np.int16)}[sample_type]
    low, high, dtype = limits
    return np.clip(np.rint(values), low, high).astype(dtype)


def render(evalscript: str, bounds: Sequence[float], crs: Any, width: int, height: int,
           data_spec: DataSpec) -> Dict[str, np.ndarray]:
    """Run ``evalscript`` over a ``width`` × ``height`` raster covering ``bounds`` (in ``crs``).

    Returns one array per ``setup()`` output, shaped (bands, height, width), of the output's sample type
    (AUTO becomes UINT8 scaled by 255, as the service does). Raises ``EvalscriptFailure``.
    """
    result = render_with_details(evalscript, bounds, crs, width, height, data_spec)
    return result.outputs


@dataclass
class RenderResult:
    outputs: Dict[str, np.ndarray]
    setup: SetupInfo
    scene_count: int


def render_with_details(evalscript: str, bounds: Sequence[float], crs: Any, width: int, height: int,
                        data_spec: DataSpec) -> RenderResult:
    if width < 1 or height < 1:
        raise ValueError("width and height must be positive")
    if not data_spec.data:
        raise EvalscriptFailure("processRequest.input.data must name at least one collection.")
    entry = data_spec.data[0]
    collection = collection_of(entry)
    step = max(1, int(data_spec.render_step))
    render_width, render_height = math.ceil(width / step), math.ceil(height / step)
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    pixel_x, pixel_y = (xmax - xmin) / width, (ymax - ymin) / height
    render_bounds = (xmin, ymax - render_height * step * pixel_y, xmin + render_width * step * pixel_x, ymax)

    transformer = Transformer.from_crs(CRS.from_user_input(crs), CRS.from_epsg(4326), always_xy=True)
    centre_lon, centre_lat = transformer.transform((xmin + xmax) / 2, (ymin + ymax) / 2)
    scenes = find_scenes(entry, centre_lon, centre_lat)
    start, end = time_range(entry)

    context = _new_context(evalscript, data_spec.timeout_seconds)
    contexts = [context]
    try:
        setup = _read_setup(context)
        if setup.is_fusion:
            fused = _fusion_sources(setup, data_spec.data, centre_lon, centre_lat)
        else:
            check_bands(setup, collection)
            fused = []
        params = {
            "fusion": fused,
            "width": render_width, "height": render_height, "bands": list(setup.bands),
            "dn": [unit == "DN" for unit in setup.units], "collection": collection,
            "mosaicking": setup.mosaicking, "scenes": [s.to_js() for s in scenes],
            "outputs": [{"id": o.id, "bands": o.bands, "sampleType": o.sample_type} for o in setup.outputs],
            "timeFrom": _iso(start), "timeTo": _iso(end),
            "lattice": _lattice(render_bounds, crs, assumptions.LATTICE_NODES),
            "mask": _mask_runs(data_spec.area_wgs84, render_bounds, crs, render_width, render_height),
        }
        parts = max(1, min(int(data_spec.threads), render_height // MIN_ROWS_PER_THREAD))
        edges = [round(render_height * index / parts) for index in range(parts + 1)]
        for _ in range(parts - 1):
            contexts.append(_new_context(evalscript, data_spec.timeout_seconds))

        def render_part(index: int) -> Tuple[int, List[np.ndarray]]:
            return _render_rows(contexts[index], params, setup, edges[index], edges[index + 1],
                                data_spec.timeout_seconds)

        if parts == 1:
            results = [render_part(0)]
        else:
            with ThreadPoolExecutor(max_workers=parts, thread_name_prefix="emulator-render") as pool:
                results = list(pool.map(render_part, range(parts)))
        outputs = {}
        for index, output in enumerate(setup.outputs):
            values = np.concatenate([part[1][index] for part in results], axis=1)
            if step > 1:
                values = np.repeat(np.repeat(values, step, axis=1), step, axis=2)[:, :height, :width]
            outputs[output.id] = _convert(values, output.sample_type)
        return RenderResult(outputs=outputs, setup=setup, scene_count=results[0][0])
    finally:
        for each in contexts:
            each.close()


MIN_ROWS_PER_THREAD = 64


def _render_rows(context: Any, params: Dict[str, Any], setup: SetupInfo, row_from: int, row_to: int,
                 timeout_seconds: float) -> Tuple[int, List[np.ndarray]]:
    """Rows [row_from, row_to) of every output, each shaped (bands, rows, width), as float32."""
    part = dict(params, rowFrom=row_from, rowTo=row_to)
    context.eval(f"var __emuParams = {json.dumps(part)};")
    try:
        summary = json.loads(context.eval("__emuRender(__emuParams)", timeout_sec=timeout_seconds))
    except Exception as error:
        raise EvalscriptFailure(f"Failed to evaluate script! {_first_line(error)}") from error
    rows, width = row_to - row_from, params["width"]
    arrays = []
    for index, bands in enumerate(summary["bands"]):
        view = context.eval(f"__emuOutputs[{index}]")
        values = np.frombuffer(view, dtype=np.float32, count=rows * width * bands).copy()
        arrays.append(values.reshape(bands, rows, width))
    context.eval("__emuOutputs = null;")
    return int(summary["scenes"]), arrays
