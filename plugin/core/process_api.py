"""Synchronous Process API calls: a quick look of the area and a test run of the evalscript before a batch job.

``build_process_request`` refuses what the service would refuse (sizes, outputs, time range) before anything is
sent; ``process`` sends it with the batch client's token, retries and typed errors, and returns the files the
service answered: one image named ``<identifier>.<ext>``, or every member of the TAR it sends for several outputs.
"""

from __future__ import annotations

import io
import logging
import math
import tarfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import proj
from .batch_request import TimeInput, area_bounds, build_data_filter, crs_uri
from .errors import InvalidRequestError, SentinelHubBatchError
from .proj_threads import on_python_thread

log = logging.getLogger("sentinelhub_batch")

MAX_OUTPUT_PIXELS = 2500
"""The Process API renders at most 2500 × 2500 px per request."""

FORMAT_EXTENSIONS = {"image/tiff": "tif", "image/png": "png", "image/jpeg": "jpg", "application/json": "json"}
TAR_TYPES = ("application/tar", "application/x-tar")
PROCESSING_UNITS_HEADER = "x-processingunits-spent"
MAX_ARCHIVE_BYTES = 2 * 1024**3
"""A TAR whose members add up to more than this is refused rather than unpacked into memory."""

QUICK_LOOK_LONG_SIDE = 512

TRUE_COLOR_EVALSCRIPT = """//VERSION=3
function setup() {
  return {
    input: [{bands: ["B02", "B03", "B04", "dataMask"]}],
    output: {id: "default", bands: 4, sampleType: "AUTO"}
  };
}

function evaluatePixel(sample) {
  return [2.5 * sample.B04, 2.5 * sample.B03, 2.5 * sample.B02, sample.dataMask];
}
"""
"""True colour (B04, B03, B02 brightened 2.5×) with the data mask as alpha, as in the provider's tutorial."""

Bbox = Tuple[float, float, float, float]


class ProcessResponseError(SentinelHubBatchError):
    """The service's answer could not be read as the requested files."""


@dataclass
class ProcessInputs:
    """What a Process API call renders: the area (shapely, in ``area_crs``), the script, the data and the time."""

    area: Any
    area_crs: Union[int, str]
    evalscript: str
    data_collection: str
    time_from: TimeInput
    time_to: TimeInput
    max_cloud_coverage: Optional[float] = None
    mosaicking_order: Optional[str] = None


@dataclass
class ProcessResult:
    files: Dict[str, bytes]
    """File name (``NDVI.tif``, ``default.png``, ``userdata.json``) → content."""
    pu_spent: Optional[float]
    """Processing units the service reported for the call; None when it did not say."""
    content_type: str = ""
    request: Dict[str, Any] = field(default_factory=dict, repr=False)

    def write_to(self, folder: Union[str, Path]) -> List[Path]:
        """Write every file into ``folder`` (created if needed) and return their paths, in answer order."""
        root = Path(folder).resolve()
        root.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in self.files.items():
            target = (root / safe_member_name(name)).resolve()
            if root not in target.parents:
                raise ProcessResponseError(f"The answer holds a file '{name}' that would land outside {root}.")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
        return written


def build_process_request(
    inputs: ProcessInputs,
    *,
    width: Optional[int] = None,
    height: Optional[int] = None,
    resx: Optional[float] = None,
    resy: Optional[float] = None,
    outputs: Optional[Sequence[Tuple[str, str]]] = None,
    bbox: Optional[Sequence[float]] = None,
    check_evalscript: bool = True,
) -> Dict[str, Any]:
    """The JSON body of ``POST /api/v1/process``; raises InvalidRequestError instead of sending a bad one.

    Give either ``width`` and ``height`` (pixels) or ``resx`` and ``resy`` (units of ``area_crs``). ``outputs``
    lists ``(identifier, format type)``; None means every output the evalscript's ``setup()`` declares, as
    GeoTIFF. ``bbox`` (in ``area_crs``) is the extent to render; the area, if any, then masks inside it.
    ``check_evalscript=False`` leaves a script that fails locally for the service to judge (a test run wants the
    service's own verdict); its outputs are then ``default`` unless given.
    """
    evalscript = inputs.evalscript or ""
    if not evalscript.strip():
        raise InvalidRequestError("The evalscript is empty. Write or load one (it starts with //VERSION=3).")
    responses = _responses(evalscript, outputs, check_evalscript)
    bounds = _bounds(inputs, bbox)
    output: Dict[str, Any] = {"responses": responses}
    output.update(_size(_extent(inputs, bbox), width, height, resx, resy))
    return {
        "input": {"bounds": bounds, "data": [_data_entry(inputs)]},
        "output": output,
        "evalscript": evalscript,
    }


def _responses(evalscript: str, outputs: Optional[Sequence[Tuple[str, str]]],
               check_evalscript: bool) -> List[Dict[str, Any]]:
    try:
        declared = evalscript_output_ids(evalscript)
    except InvalidRequestError:
        if check_evalscript:
            raise
        log.info("The evalscript does not read locally; sending it for the service to judge")
        declared = []
        if outputs is None:
            outputs = [("default", "image/tiff")]
    if outputs is None:
        if not declared:
            raise InvalidRequestError("Could not read which outputs the evalscript's setup() declares; name the "
                                      "outputs to request (e.g. 'default').")
        outputs = [(identifier, "image/tiff") for identifier in declared]
    chosen = [(str(identifier).strip(), str(format_type).strip()) for identifier, format_type in outputs]
    if not chosen or not all(identifier for identifier, _ in chosen):
        raise InvalidRequestError("The request has no outputs. Add at least one output identifier from the "
                                  "evalscript's setup() (e.g. 'default').")
    identifiers = [identifier for identifier, _ in chosen]
    if len(set(identifiers)) != len(identifiers):
        raise InvalidRequestError(f"Output identifiers must be unique: {', '.join(identifiers)}.")
    for identifier, format_type in chosen:
        if format_type not in FORMAT_EXTENSIONS:
            raise InvalidRequestError(f"Output '{identifier}' has the format '{format_type}'; use one of "
                                      f"{', '.join(FORMAT_EXTENSIONS)}.")
    unknown = [name for name in identifiers if declared and name not in declared and name != "userdata"]
    if unknown:
        raise InvalidRequestError(
            f"Output {', '.join(repr(name) for name in unknown)} is not produced by the evalscript, whose setup() "
            f"declares {', '.join(repr(name) for name in declared)}. Use those identifiers."
        )
    return [{"identifier": identifier, "format": {"type": format_type}} for identifier, format_type in chosen]


def evalscript_output_ids(evalscript: str) -> List[str]:
    """The output ids of ``setup()``; empty when the script cannot be read here (the service will judge it).

    A script that is certainly broken (syntax error, no setup) raises the evalscript module's error.
    """
    try:
        from .evalscript import EvalscriptError, read_evalscript
    except ImportError:
        return []
    try:
        info = read_evalscript(evalscript)
    except EvalscriptError:
        raise
    except Exception:  # an unreadable script is for the service to judge
        log.debug("Could not read the evalscript's outputs locally", exc_info=True)
        return []
    return [output.id for output in info.outputs]


def _bounds(inputs: ProcessInputs, bbox: Optional[Sequence[float]]) -> Dict[str, Any]:
    if inputs.area is None:
        if bbox is None:
            raise InvalidRequestError("There is nothing to render: choose an area (a polygon layer) or an extent.")
        return {"bbox": list(_checked_bbox(bbox)), "properties": {"crs": crs_uri(inputs.area_crs)}}
    bounds = area_bounds(inputs.area, inputs.area_crs)
    bounds["geometry"] = _geojson_multipolygon(inputs.area)
    if bbox is not None:
        bounds["bbox"] = list(_checked_bbox(bbox))
    return bounds


def _checked_bbox(bbox: Sequence[float]) -> Bbox:
    try:
        xmin, ymin, xmax, ymax = (float(value) for value in bbox)
    except (TypeError, ValueError):
        raise InvalidRequestError(f"The extent {bbox!r} is not four numbers (xmin, ymin, xmax, ymax).") from None
    if not all(math.isfinite(value) for value in (xmin, ymin, xmax, ymax)) or xmin >= xmax or ymin >= ymax:
        raise InvalidRequestError(f"The extent {bbox!r} is empty or inverted; xmin < xmax and ymin < ymax.")
    return xmin, ymin, xmax, ymax


def _extent(inputs: ProcessInputs, bbox: Optional[Sequence[float]]) -> Bbox:
    if bbox is not None:
        return _checked_bbox(bbox)
    return tuple(float(value) for value in inputs.area.bounds)  # type: ignore[return-value]


def _size(
    extent: Bbox,
    width: Optional[int],
    height: Optional[int],
    resx: Optional[float],
    resy: Optional[float],
) -> Dict[str, Any]:
    by_size = width is not None or height is not None
    by_resolution = resx is not None or resy is not None
    if by_size and by_resolution:
        raise InvalidRequestError("Give either the output size (width and height) or the resolution (resx and "
                                  "resy), not both.")
    if not by_size and not by_resolution:
        raise InvalidRequestError("Give the output size (width and height in pixels) or the resolution.")
    if by_size:
        if width is None or height is None:
            raise InvalidRequestError("Give both the output width and height in pixels.")
        for name, value in (("width", width), ("height", height)):
            if int(value) != value or not 1 <= int(value) <= MAX_OUTPUT_PIXELS:
                raise InvalidRequestError(f"The output {name} is {value} px; the Process API renders 1 to "
                                          f"{MAX_OUTPUT_PIXELS} px per side. Choose a smaller size.")
        return {"width": int(width), "height": int(height)}
    if resx is None or resy is None:
        raise InvalidRequestError("Give the resolution for both axes (resx and resy).")
    resx, resy = float(resx), float(resy)
    if not (math.isfinite(resx) and math.isfinite(resy)) or resx <= 0 or resy <= 0:
        raise InvalidRequestError(f"The resolution must be positive, not {resx} × {resy}.")
    xmin, ymin, xmax, ymax = extent
    columns, rows = math.ceil(round((xmax - xmin) / resx, 6)), math.ceil(round((ymax - ymin) / resy, 6))
    if columns > MAX_OUTPUT_PIXELS or rows > MAX_OUTPUT_PIXELS:
        coarsest = max((xmax - xmin) / MAX_OUTPUT_PIXELS, (ymax - ymin) / MAX_OUTPUT_PIXELS)
        raise InvalidRequestError(
            f"At resolution {resx:g} × {resy:g} the image would be {columns} × {rows} px; the Process API renders "
            f"at most {MAX_OUTPUT_PIXELS} px per side. Use a resolution of at least {_round_up(coarsest)} or a "
            "smaller area (e.g. the test sub-area)."
        )
    return {"resx": resx, "resy": resy}


def _round_up(value: float) -> str:
    digits = max(0, 2 - math.floor(math.log10(value))) if value > 0 else 0
    factor = 10**digits
    return f"{math.ceil(value * factor) / factor:g}"


def _data_entry(inputs: ProcessInputs) -> Dict[str, Any]:
    if not (inputs.data_collection or "").strip():
        raise InvalidRequestError("Choose a data collection (e.g. sentinel-2-l1c).")
    data_filter = build_data_filter(inputs.time_from, inputs.time_to, inputs.max_cloud_coverage,
                                    inputs.mosaicking_order)
    return {"type": inputs.data_collection.strip(), "dataFilter": data_filter}


# --- helpers for callers --------------------------------------------------------------------------------------


def size_for_long_side(extent: Sequence[float], long_side: int = QUICK_LOOK_LONG_SIDE) -> Tuple[int, int]:
    """Width and height in pixels with ``long_side`` on the longer side and square pixels in the extent's CRS."""
    xmin, ymin, xmax, ymax = _checked_bbox(extent)
    span_x, span_y = xmax - xmin, ymax - ymin
    if span_x >= span_y:
        return long_side, max(1, round(long_side * span_y / span_x))
    return max(1, round(long_side * span_x / span_y)), long_side


def quick_look_request(inputs: ProcessInputs, long_side: int = QUICK_LOOK_LONG_SIDE,
                       format_type: str = "image/tiff") -> Dict[str, Any]:
    """True colour of the whole area, ``long_side`` px on the long side (the first call of the tutorial)."""
    if inputs.area is None or getattr(inputs.area, "is_empty", True):
        raise InvalidRequestError("The area is empty. Choose a polygon layer with at least one feature.")
    width, height = size_for_long_side(inputs.area.bounds, long_side)
    true_colour = replace(inputs, evalscript=TRUE_COLOR_EVALSCRIPT,
                          mosaicking_order=inputs.mosaicking_order or "leastCC")
    return build_process_request(true_colour, width=width, height=height, outputs=[("default", format_type)])


def utm_epsg_for(lon: float, lat: float) -> int:
    zone = min(60, max(1, math.floor((lon + 180.0) / 6.0) + 1))
    return (32600 if lat >= 0 else 32700) + zone


@on_python_thread
def in_metric_crs(inputs: ProcessInputs) -> ProcessInputs:
    """``inputs`` with the area in metres: unchanged when its CRS is projected, else in its centre's UTM zone.

    A resolution chosen in metres (10 m for Sentinel-2) can then be sent as ``resx``/``resy`` unchanged.
    """
    import numpy
    import shapely

    source = _pyproj_crs(inputs.area_crs)
    if source.is_projected and all(axis.unit_name in ("metre", "meter") for axis in source.axis_info[:2]):
        return inputs
    to_wgs84 = proj.transformer(source, proj.crs_from_epsg(4326))
    centre = inputs.area.centroid
    lon, lat = to_wgs84.transform(centre.x, centre.y)
    epsg = utm_epsg_for(lon, lat)
    to_utm = proj.transformer(source, proj.crs_from_epsg(epsg))

    def to_metres(points: Any) -> Any:
        eastings, northings = to_utm.transform(points[:, 0], points[:, 1])
        return numpy.column_stack([eastings, northings])

    return replace(inputs, area=shapely.transform(inputs.area, to_metres), area_crs=epsg)


def clip_to_extent(inputs: ProcessInputs, extent: Sequence[float]) -> ProcessInputs:
    """``inputs`` restricted to ``extent`` (in ``area_crs``), e.g. the part of the area the map shows."""
    from shapely.geometry import MultiPolygon, Polygon, box

    clipped = inputs.area.intersection(box(*_checked_bbox(extent)))
    polygons = [part for part in getattr(clipped, "geoms", [clipped]) if isinstance(part, (Polygon, MultiPolygon))]
    if clipped.is_empty or not polygons:
        raise InvalidRequestError("The map extent does not overlap the area. Pan to the area, or select a "
                                  "feature to test on.")
    flat = [poly for part in polygons for poly in getattr(part, "geoms", [part])]
    return replace(inputs, area=flat[0] if len(flat) == 1 else MultiPolygon(flat))


TEST_WINDOW_PIXELS = 256
"""Side of the square an evalscript test renders at full resolution unless the user asks for more."""


def evalscript_test_window(inputs: ProcessInputs, resolution: float, centre: Optional[Sequence[float]] = None,
                side_pixels: int = TEST_WINDOW_PIXELS) -> ProcessInputs:
    """``inputs`` cut to a square of ``side_pixels`` × ``resolution`` around ``centre`` (default: a point of the
    area), so a test at full resolution costs a fraction of a PU. The area must be in a metric CRS
    (:func:`in_metric_crs`) and ``centre`` in that CRS; a centre outside the area moves to the area's nearest point.
    """
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    if resolution <= 0 or side_pixels <= 0:
        raise InvalidRequestError("The test needs a positive resolution and window size.")
    area = inputs.area
    point = Point(centre) if centre is not None else area.representative_point()
    if not area.contains(point):
        point = nearest_points(area, point)[0]
    half = side_pixels * resolution / 2.0
    return clip_to_extent(inputs, (point.x - half, point.y - half, point.x + half, point.y + half))


def _geojson_multipolygon(area: Any) -> Dict[str, Any]:
    """The area as GeoJSON, built from 2D coordinate arrays.

    Inside ``qgis_process`` shapely may share the process with the GEOS library QGIS loaded, and then its
    ``mapping()`` returns 2D geometries with a NaN Z that would break the JSON body.
    """
    import shapely

    polygons = list(getattr(area, "geoms", [area]))

    def ring(linear_ring: Any) -> List[List[float]]:
        return shapely.get_coordinates(linear_ring).tolist()

    return {"type": "MultiPolygon", "coordinates": [
        [ring(polygon.exterior), *(ring(interior) for interior in polygon.interiors)] for polygon in polygons]}


def _pyproj_crs(crs: Union[int, str]) -> Any:
    text = str(crs).strip()
    try:
        return proj.crs_from_epsg(int(text)) if text.isdigit() else proj.crs(text)
    except Exception:
        raise InvalidRequestError(f"'{crs}' is not a CRS this plugin understands; use an EPSG code.") from None


# --- sending and reading the answer ---------------------------------------------------------------------------


def process(client: Any, request: Mapping[str, Any], accept: Optional[str] = None) -> ProcessResult:
    """POST ``request`` to the deployment's Process API and return the files of the answer.

    Uses the client's token, retry policy, ``sleep`` (so a caller can cancel between retries) and errors:
    an evalscript failure is an ApiError with code ``RENDERER_EXCEPTION`` and the script's message.
    """
    responses = ((request.get("output") or {}).get("responses") or [{"identifier": "default",
                                                                       "format": {"type": "image/png"}}])
    if accept is None:
        accept = TAR_TYPES[0] if len(responses) > 1 else str((responses[0].get("format") or {}).get("type")
                                                             or "image/png")
    url = client.deployment.process_url()
    response = client.post_raw(url, dict(request), {"Accept": accept})
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type in TAR_TYPES or (content_type in ("", "application/octet-stream") and _looks_like_tar(
            response.content)):
        files = unpack_tar(response.content)
    elif len(responses) > 1:
        raise ProcessResponseError(f"Asked for {len(responses)} outputs, the service answered one '{content_type}' "
                                   "file instead of a TAR archive.")
    else:
        identifier = str(responses[0].get("identifier") or "default")
        requested = str((responses[0].get("format") or {}).get("type") or "image/png")
        extension = FORMAT_EXTENSIONS.get(content_type) or FORMAT_EXTENSIONS.get(requested, "bin")
        files = {f"{identifier}.{extension}": response.content}
    pu_spent = _processing_units(response.headers.get(PROCESSING_UNITS_HEADER))
    log.info("Process API answered %s (%s) for %s PU", ", ".join(files), content_type or "no type",
             "?" if pu_spent is None else f"{pu_spent:.3f}")
    return ProcessResult(files=files, pu_spent=pu_spent, content_type=content_type, request=dict(request))


def _processing_units(value: Optional[str]) -> Optional[float]:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _looks_like_tar(data: bytes) -> bool:
    return len(data) >= 512 and data[257:262] == b"ustar"


def safe_member_name(name: str) -> str:
    """A relative POSIX path without ``..``; raises for absolute paths, traversal and empty names."""
    text = str(name).replace("\\", "/")
    path = PurePosixPath(text)
    parts = [part for part in path.parts if part not in ("", ".")]
    if path.is_absolute() or not parts or ".." in parts or ":" in parts[0]:
        raise ProcessResponseError(f"The answer holds a file named '{name}', which is not a plain relative name; "
                                   "refusing to unpack it.")
    return "/".join(parts)


def unpack_tar(data: bytes) -> Dict[str, bytes]:
    """The regular files of a TAR archive by name, refusing links, devices, traversal and oversized content."""
    files: Dict[str, bytes] = {}
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")  # noqa: SIM115 (closed below)
    except tarfile.TarError as error:
        raise ProcessResponseError(f"The service's TAR answer could not be read ({error}).") from None
    with archive:
        total = 0
        for member in archive:
            if member.isdir():
                continue
            if not member.isfile():
                raise ProcessResponseError(f"The answer's archive holds '{member.name}', which is not a regular "
                                           "file; refusing to unpack it.")
            name = safe_member_name(member.name)
            total += member.size
            if total > MAX_ARCHIVE_BYTES:
                raise ProcessResponseError("The answer's archive is larger than 2 GiB; request a smaller area or "
                                           "a coarser resolution.")
            extracted = archive.extractfile(member)
            if extracted is None:
                continue
            files[name] = extracted.read()
    if not files:
        raise ProcessResponseError("The service's TAR answer holds no files.")
    return files
