"""Create-body validation: what the service refuses with 400 before a request exists."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.errors import InvalidRequestError

from . import tiling
from .runtime import KNOWN_DATA_TYPES

INPUT_TYPES = ("tiling-grid", "geopackage")
OUTPUT_TYPES = ("raster", "zarr")
FORMAT_TYPES = ("image/tiff", "application/json")


class BadPayload(Exception):
    """A 400 answer: ``message`` plus the ``errors`` object of the error body."""

    def __init__(self, parameter: str, violation: str, invalid_value: Any = None):
        super().__init__(violation)
        self.parameter = parameter
        self.violation = violation
        self.invalid_value = invalid_value

    def errors(self) -> Dict[str, Any]:
        return {"parameter": self.parameter, "invalidValue": _short(self.invalid_value),
                "violation": self.violation}


def _short(value: Any) -> Any:
    text = repr(value)
    return value if len(text) <= 200 else text[:200] + "..."


def validate_create(body: Any) -> None:
    if not isinstance(body, dict):
        raise BadPayload("body", "The request body must be a JSON object.", None)
    process_request = body.get("processRequest")
    if not isinstance(process_request, dict):
        raise BadPayload("processRequest", "must be an object with input, output and evalscript", process_request)
    _check_process_request(process_request)
    output_ids = [str(r.get("identifier")) for r in process_request["output"]["responses"]]
    _check_input(body.get("input"), process_request)
    _check_output(body.get("output"), output_ids)
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        raise BadPayload("description", "must be a string", description)


def _check_process_request(process_request: Dict[str, Any]) -> None:
    process_input = process_request.get("input")
    if not isinstance(process_input, dict):
        raise BadPayload("processRequest.input", "must be an object with bounds and data", process_input)
    data = process_input.get("data")
    if not isinstance(data, list) or not data:
        raise BadPayload("processRequest.input.data", "must list at least one collection", data)
    for index, entry in enumerate(data):
        data_type = entry.get("type") if isinstance(entry, dict) else None
        if not isinstance(data_type, str) or (data_type.lower() not in KNOWN_DATA_TYPES
                                              and not data_type.lower().startswith(("byoc-", "batch-", "zarr-"))):
            raise BadPayload(f"processRequest.input.data[{index}].type", "unknown collection type", data_type)
    output = process_request.get("output")
    responses = output.get("responses") if isinstance(output, dict) else None
    if not isinstance(responses, list) or not responses:
        raise BadPayload("processRequest.output.responses", "must not be empty: name at least one output", responses)
    seen = set()
    for index, response in enumerate(responses):
        identifier = response.get("identifier") if isinstance(response, dict) else None
        if not isinstance(identifier, str) or not identifier:
            raise BadPayload(f"processRequest.output.responses[{index}].identifier", "must be a non-empty string",
                             identifier)
        if identifier in seen:
            raise BadPayload(f"processRequest.output.responses[{index}].identifier", "identifiers must be unique",
                             identifier)
        seen.add(identifier)
        format_type = ((response.get("format") or {}).get("type")) or "image/tiff"
        if format_type not in FORMAT_TYPES:
            raise BadPayload(f"processRequest.output.responses[{index}].format.type",
                             f"batch outputs must be one of {', '.join(FORMAT_TYPES)}", format_type)
    evalscript = process_request.get("evalscript")
    if not isinstance(evalscript, str) or not evalscript.strip():
        raise BadPayload("processRequest.evalscript", "must not be empty", evalscript)


def _check_input(batch_input: Any, process_request: Dict[str, Any]) -> None:
    if not isinstance(batch_input, dict):
        raise BadPayload("input", f"must be an object with type {' or '.join(INPUT_TYPES)}", batch_input)
    input_type = batch_input.get("type")
    if input_type not in INPUT_TYPES:
        raise BadPayload("input.type", f"unknown input type; use one of {', '.join(INPUT_TYPES)}", input_type)
    if input_type == "geopackage":
        s3 = (batch_input.get("features") or {}).get("s3") if isinstance(batch_input.get("features"), dict) else None
        if not isinstance(s3, dict):
            raise BadPayload("input.features.s3", "must give the GeoPackage's S3 url and credentials", s3)
        _check_s3_access(s3, "input.features.s3")
        _check_url(s3.get("url"), "input.features.s3.url")
        return
    grid_id = batch_input.get("id")
    grid = tiling.grid_description(grid_id) if isinstance(grid_id, int) and not isinstance(grid_id, bool) else None
    if grid is None:
        known = ", ".join(str(g["id"]) for g in tiling.TILING_GRIDS)
        raise BadPayload("input.id", f"unknown tiling grid; use one of {known}", grid_id)
    resolution = batch_input.get("resolution")
    if tiling.allowed_resolution(grid_id, resolution) is None:
        allowed = ", ".join(f"{r:g}" for r in sorted(grid["properties"]["resolutions"]))
        raise BadPayload("input.resolution", f"grid {grid_id} allows only resolutions {allowed}", resolution)
    for key in ("bufferX", "bufferY"):
        value = batch_input.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BadPayload(f"input.{key}", "must be a non-negative integer (pixels)", value)
    bounds = (process_request.get("input") or {}).get("bounds")
    if not isinstance(bounds, dict) or not (bounds.get("geometry") or bounds.get("bbox")):
        raise BadPayload("processRequest.input.bounds", "a tiling-grid request needs bounds with geometry or bbox",
                         bounds)


def _check_output(output: Any, output_ids: List[str]) -> None:
    if not isinstance(output, dict):
        raise BadPayload("output", "must be an object with delivery", output)
    output_type = output.get("type", "raster")
    if output_type not in OUTPUT_TYPES:
        raise BadPayload("output.type", f"use one of {', '.join(OUTPUT_TYPES)}", output_type)
    s3 = (output.get("delivery") or {}).get("s3") if isinstance(output.get("delivery"), dict) else None
    if not isinstance(s3, dict):
        raise BadPayload("output.delivery.s3", "must give the S3 url and credentials", s3)
    _check_s3_access(s3, "output.delivery.s3")
    url = s3.get("url")
    _check_url(url, "output.delivery.s3.url")
    try:
        storage.validate_output_template(url, output_ids)
    except InvalidRequestError as error:
        raise BadPayload("output.delivery.s3.url", str(error), url) from None
    for key in ("cogOutput", "overwrite", "skipExisting"):
        if key in output and not isinstance(output[key], bool):
            raise BadPayload(f"output.{key}", "must be true or false", output[key])
    if output.get("overwrite") and output.get("skipExisting"):
        raise BadPayload("output.skipExisting", "overwrite and skipExisting cannot both be true", True)


def _check_url(url: Any, parameter: str) -> None:
    if not isinstance(url, str):
        raise BadPayload(parameter, "must be an s3:// URL", url)
    try:
        storage.parse_s3_url(url)
    except InvalidRequestError as error:
        raise BadPayload(parameter, str(error), url) from None


def _check_s3_access(s3: Dict[str, Any], parameter: str) -> None:
    has_role = bool(s3.get("iamRoleARN"))
    has_keys = bool(s3.get("accessKey")) or bool(s3.get("secretAccessKey"))
    if has_role and has_keys:
        raise BadPayload(parameter, "give either iamRoleARN or accessKey and secretAccessKey, not both",
                         sorted(k for k in s3 if k in ("iamRoleARN", "accessKey", "secretAccessKey")))
    if has_keys and not (s3.get("accessKey") and s3.get("secretAccessKey")):
        raise BadPayload(parameter, "accessKey and secretAccessKey must be given together",
                         sorted(k for k in s3 if k in ("accessKey", "secretAccessKey")))
    if not has_role and not has_keys:
        raise BadPayload(parameter, "give iamRoleARN or accessKey and secretAccessKey", None)


def first_response_format(process_request: Dict[str, Any], identifier: str) -> Optional[str]:
    for response in (process_request.get("output") or {}).get("responses") or []:
        if response.get("identifier") == identifier:
            return ((response.get("format") or {}).get("type")) or "image/tiff"
    return None
