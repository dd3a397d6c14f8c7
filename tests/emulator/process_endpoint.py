"""The emulator's Process API: ``POST /api/v1/process`` runs the evalscript as the batch tiles do.

``handle_process(body, headers)`` is independent of the HTTP server: the server checks the bearer token and
routes the request body and headers here, then sends the ``ProcessAnswer`` back. Answers follow the real
service: the image itself for one output (PNG, JPEG or a GeoTIFF georeferenced to the requested bounds and
CRS), a TAR of ``<identifier>.<ext>`` files for several, ``x-processingunits-spent`` on success, and the real
error bodies (400 ``COMMON_BAD_PAYLOAD`` for bad sizes or identifiers, ``RENDERER_EXCEPTION`` with the script's
message when it fails).
"""

from __future__ import annotations

import io
import json
import math
import tarfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from pyproj import CRS, Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform as shapely_transform

from . import runtime

PROCESS_PATH = "/api/v1/process"
MAX_PIXELS = 2500
DEFAULT_SIZE = 256
"""Width and height when the request gives neither a size nor a resolution (the real service's default)."""
MINIMUM_PU = 0.01
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

FORMAT_EXTENSIONS = {"image/tiff": "tif", "image/png": "png", "image/jpeg": "jpg", "application/json": "json"}
TAR_TYPES = ("application/tar", "application/x-tar")
GDAL_DRIVERS = {"image/tiff": "GTiff", "image/png": "PNG", "image/jpeg": "JPEG"}


@dataclass
class ProcessAnswer:
    status: int
    headers: Dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class ProcessRequestError(Exception):
    def __init__(self, status: int, code: str, message: str, errors: Any = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def answer(self) -> ProcessAnswer:
        reason = {400: "Bad Request", 406: "Not Acceptable", 415: "Unsupported Media Type"}.get(self.status, "Error")
        error: Dict[str, Any] = {"status": self.status, "reason": reason, "message": self.message, "code": self.code}
        if self.errors is not None:
            error["errors"] = self.errors
        return ProcessAnswer(self.status, {"Content-Type": "application/json"},
                             json.dumps({"error": error}).encode())


def bad_payload(message: str, parameter: Optional[str] = None, value: Any = None) -> ProcessRequestError:
    errors = None
    if parameter is not None:
        errors = {"parameter": parameter, "invalidValue": value, "violation": message}
    return ProcessRequestError(400, "COMMON_BAD_PAYLOAD", message, errors)


def handle_process(body: bytes, headers: Mapping[str, str]) -> ProcessAnswer:
    """Answer one Process API call (authentication is the server's job)."""
    lowered = {str(key).lower(): str(value) for key, value in headers.items()}
    try:
        request = _read_request(body, lowered.get("content-type", "application/json"))
        return _process(request, lowered.get("accept", ""))
    except ProcessRequestError as error:
        return error.answer()


def _read_request(body: bytes, content_type: str) -> Dict[str, Any]:
    if content_type.lower().startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        parts: Dict[str, str] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name:
                parts[str(name)] = part.get_payload(decode=True).decode("utf-8")
        if "request" not in parts:
            raise bad_payload("A multipart request needs a 'request' part with the JSON request.")
        request = _json_object(parts["request"].encode())
        if "evalscript" in parts:
            request["evalscript"] = parts["evalscript"]
        return request
    return _json_object(body)


def _json_object(body: bytes) -> Dict[str, Any]:
    try:
        request = json.loads(body or b"null")
    except ValueError as error:
        raise bad_payload(f"The request body is not valid JSON: {error}.") from None
    if not isinstance(request, dict):
        raise bad_payload("The request body must be a JSON object with input, output and evalscript.")
    return request


@dataclass
class _Response:
    identifier: str
    format_type: str


def _process(request: Dict[str, Any], accept: str) -> ProcessAnswer:
    evalscript = request.get("evalscript")
    if not isinstance(evalscript, str) or not evalscript.strip():
        raise bad_payload("The evalscript is missing or empty.", "evalscript", evalscript)
    process_input = request.get("input") or {}
    crs, extent, area_wgs84 = _bounds(process_input.get("bounds"))
    data = process_input.get("data")
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        raise bad_payload("input.data must list at least one collection.", "input.data", data)
    output = request.get("output") or {}
    width, height = _size(output, crs, extent)
    responses = _responses(output, accept)
    as_tar = len(responses) > 1 or _accepts_tar(accept)
    if len(responses) > 1 and accept and not _accepts_tar(accept) and "*/*" not in accept:
        raise ProcessRequestError(406, "COMMON_BAD_PAYLOAD", f"Several responses cannot be sent as '{accept}'; "
                                  "accept application/tar.")

    try:
        setup = runtime.inspect_evalscript(evalscript)
    except runtime.EvalscriptFailure as error:
        raise ProcessRequestError(400, "RENDERER_EXCEPTION", str(error)) from None
    for response in responses:
        if response.identifier == "userdata":
            raise bad_payload("userdata is not supported by the local emulator.", "output.responses", "userdata")
        if setup.output(response.identifier) is None:
            raise bad_payload(f"Output {response.identifier} requested but missing from function setup()",
                              "output.responses.identifier", response.identifier)

    spec = runtime.DataSpec(data=[dict(item) for item in data], area_wgs84=area_wgs84)
    try:
        rendered = runtime.render_with_details(evalscript, extent, crs, width, height, spec)
    except runtime.EvalscriptFailure as error:
        raise ProcessRequestError(400, "RENDERER_EXCEPTION", str(error)) from None

    files: List[Tuple[str, bytes]] = []
    for response in responses:
        values = rendered.outputs[response.identifier]
        content = encode_raster(values, response.format_type, extent, crs)
        files.append((f"{response.identifier}.{FORMAT_EXTENSIONS[response.format_type]}", content))
    pu = processing_units(width, height, rendered.setup, data[0])
    headers = {"x-processingunits-spent": f"{pu:.6f}".rstrip("0").rstrip("."),
               "x-request-id": str(uuid.uuid4())}
    if as_tar:
        headers["Content-Type"] = "application/x-tar" if "x-tar" in accept else "application/tar"
        return ProcessAnswer(200, headers, _tar(files))
    headers["Content-Type"] = responses[0].format_type
    return ProcessAnswer(200, headers, files[0][1])


def _accepts_tar(accept: str) -> bool:
    return any(kind in accept.lower() for kind in TAR_TYPES)


def _bounds(bounds: Any) -> Tuple[CRS, Tuple[float, float, float, float], Optional[BaseGeometry]]:
    if not isinstance(bounds, dict) or not (bounds.get("bbox") or bounds.get("geometry")):
        raise bad_payload("input.bounds needs a bbox or a geometry.", "input.bounds", bounds)
    crs_text = str((bounds.get("properties") or {}).get("crs") or CRS84)
    try:
        crs = CRS.from_user_input(crs_text)
    except Exception:
        raise bad_payload(f"Unknown CRS {crs_text}.", "input.bounds.properties.crs", crs_text) from None
    geometry = None
    if bounds.get("geometry") is not None:
        try:
            geometry = shape(bounds["geometry"])
        except Exception:
            raise bad_payload("input.bounds.geometry is not a GeoJSON geometry.", "input.bounds.geometry",
                              bounds["geometry"]) from None
        if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise bad_payload("input.bounds.geometry must be a non-empty Polygon or MultiPolygon.",
                              "input.bounds.geometry", geometry.geom_type)
    if bounds.get("bbox") is not None:
        bbox = bounds["bbox"]
        try:
            xmin, ymin, xmax, ymax = (float(value) for value in bbox)
        except (TypeError, ValueError):
            raise bad_payload("input.bounds.bbox must be four numbers.", "input.bounds.bbox", bbox) from None
        if xmin >= xmax or ymin >= ymax:
            raise bad_payload("input.bounds.bbox is empty.", "input.bounds.bbox", bbox)
        extent = (xmin, ymin, xmax, ymax)
    else:
        extent = tuple(float(value) for value in geometry.bounds)  # type: ignore[union-attr]
    area_wgs84 = None
    if geometry is not None:
        to_wgs84 = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)
        area_wgs84 = shapely_transform(to_wgs84.transform, geometry)
    return crs, extent, area_wgs84  # type: ignore[return-value]


def _size(output: Dict[str, Any], crs: CRS, extent: Sequence[float]) -> Tuple[int, int]:
    by_size = [name for name in ("width", "height") if output.get(name) is not None]
    by_resolution = [name for name in ("resx", "resy") if output.get(name) is not None]
    if by_size and by_resolution:
        raise bad_payload("Only one of (width, height) and (resx, resy) may be given.", "output",
                          {name: output[name] for name in by_size + by_resolution})
    span_x, span_y = extent[2] - extent[0], extent[3] - extent[1]
    if by_resolution:
        if len(by_resolution) != 2:
            raise bad_payload("Both resx and resy must be given.", "output", by_resolution)
        try:
            resx, resy = float(output["resx"]), float(output["resy"])
        except (TypeError, ValueError):
            raise bad_payload("resx and resy must be numbers.", "output.resx", output.get("resx")) from None
        if resx <= 0 or resy <= 0:
            raise bad_payload("resx and resy must be positive.", "output.resx", resx)
        width, height = math.ceil(round(span_x / resx, 6)), math.ceil(round(span_y / resy, 6))
    elif by_size:
        width, height = output.get("width"), output.get("height")
        for name, value in (("width", width), ("height", height)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise bad_payload(f"output.{name} must be a whole number.", f"output.{name}", value)
        if width is None:
            width = max(1, round(height * span_x / span_y))
        if height is None:
            height = max(1, round(width * span_y / span_x))
    else:
        width = height = DEFAULT_SIZE
    for name, value in (("width", width), ("height", height)):
        if not 1 <= value <= MAX_PIXELS:
            raise bad_payload(f"Output {name} is {value} px; it must be between 1 and {MAX_PIXELS}.",
                              f"output.{name}", value)
    return int(width), int(height)


def _responses(output: Dict[str, Any], accept: str) -> List[_Response]:
    raw = output.get("responses")
    if raw is None:
        raw = [{"identifier": "default", "format": {"type": "image/png"}}]
    if not isinstance(raw, list) or not raw:
        raise bad_payload("output.responses must list at least one response.", "output.responses", raw)
    responses = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("identifier"), str):
            raise bad_payload("Each response needs an identifier.", "output.responses", item)
        format_type = str((item.get("format") or {}).get("type") or "image/png")
        if len(raw) == 1 and accept.split(";")[0].strip() in GDAL_DRIVERS:
            format_type = accept.split(";")[0].strip()
        if format_type not in FORMAT_EXTENSIONS:
            raise bad_payload(f"Unsupported format {format_type}.", "output.responses.format.type", format_type)
        if format_type == "application/json" and item["identifier"] != "userdata":
            raise bad_payload("Only the userdata response can be application/json.", "output.responses.format.type",
                              format_type)
        responses.append(_Response(item["identifier"], format_type))
    identifiers = [response.identifier for response in responses]
    if len(set(identifiers)) != len(identifiers):
        raise bad_payload("Response identifiers must be unique.", "output.responses", identifiers)
    return responses


def encode_raster(values: np.ndarray, format_type: str, extent: Sequence[float], crs: CRS) -> bytes:
    """``values`` (bands, rows, columns) as a file of ``format_type``; GeoTIFFs carry the extent and CRS."""
    from osgeo import gdal, gdal_array, osr

    bands, rows, columns = values.shape
    if format_type == "image/png" and values.dtype not in (np.uint8, np.uint16):
        raise bad_payload(f"PNG holds 8 or 16 bit unsigned integers, not {values.dtype}; use image/tiff.",
                          "output.responses.format.type", format_type)
    if format_type == "image/jpeg":
        if values.dtype != np.uint8:
            raise bad_payload(f"JPEG holds 8 bit unsigned integers, not {values.dtype}; use image/tiff.",
                              "output.responses.format.type", format_type)
        values = values[:3] if bands >= 3 else values[:1]
        bands = values.shape[0]
    gdal_type = gdal_array.NumericTypeCodeToGDALTypeCode(values.dtype)
    memory = gdal.GetDriverByName("MEM").Create("", columns, rows, bands, gdal_type)
    try:
        xmin, ymin, xmax, ymax = extent
        memory.SetGeoTransform((xmin, (xmax - xmin) / columns, 0.0, ymax, 0.0, -(ymax - ymin) / rows))
        if format_type == "image/tiff":
            reference = osr.SpatialReference()
            epsg = crs.to_epsg() or (4326 if crs.equals(CRS.from_user_input(CRS84)) else None)
            if epsg:
                reference.ImportFromEPSG(epsg)
            else:
                reference.ImportFromWkt(crs.to_wkt())
            memory.SetProjection(reference.ExportToWkt())
        for index in range(bands):
            memory.GetRasterBand(index + 1).WriteArray(values[index])
        path = f"/vsimem/emulator-process-{uuid.uuid4().hex}.{FORMAT_EXTENSIONS[format_type]}"
        options = ["COMPRESS=DEFLATE"] if format_type == "image/tiff" else []
        if format_type == "image/png":
            options = ["WORLDFILE=NO"]
        copy = gdal.GetDriverByName(GDAL_DRIVERS[format_type]).CreateCopy(path, memory, 0, options)
        copy = None  # noqa: F841 (closing the dataset flushes the file)
        try:
            handle = gdal.VSIFOpenL(path, "rb")
            gdal.VSIFSeekL(handle, 0, 2)
            size = gdal.VSIFTellL(handle)
            gdal.VSIFSeekL(handle, 0, 0)
            content = bytes(gdal.VSIFReadL(1, size, handle))
            gdal.VSIFCloseL(handle)
        finally:
            # Unlinking a missing file raises when exceptions are on, and with GDAL 3.10 (not 3.6) one
            # UseExceptions() (a test's ogr.UseExceptions()) switches them on for gdal, ogr and osr at once.
            for written_path in (path, path + ".aux.xml"):
                if gdal.VSIStatL(written_path) is not None:
                    gdal.Unlink(written_path)
        return content
    finally:
        memory = None


def _tar(files: Sequence[Tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, content in files:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = int(datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def processing_units(width: int, height: int, setup: runtime.SetupInfo, data_entry: Dict[str, Any]) -> float:
    """PU of one request (tiling-grids.md §4): size × input bands / 3 × FLOAT32 × samples, at least 0.01."""
    bands = [band for band in setup.bands if band != "dataMask"] or list(setup.bands)
    pu = width * height / 512**2 * len(bands) / 3
    if any(output.sample_type == "FLOAT32" for output in setup.outputs):
        pu *= 2
    if setup.mosaicking in ("ORBIT", "TILE"):
        start, end = runtime.time_range(data_entry)
        days = math.floor((end - start).total_seconds() / 86400)
        pu *= max(1.0, days / 3)
    return max(MINIMUM_PU, pu)

