"""Create-body validation: what the service refuses with 400 before a request exists.

Sources: the CDSE OpenAPI (eu-cdse/documentation ``APIs/SentinelHub/ApiReference/openapi.v1.yaml``), the
sentinel-hub.com OpenAPI (``BatchV2*``, ``S3BucketInfo``, ``GSBucketInfo`` schemas), BatchV2.qmd and
BatchV2/Migration.qmd. The evalscript is judged at analysis ("validates the user's input (except the evalscript)").
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from typing import Any, Dict, List, Optional

from . import assumptions, layout, tiling
from .runtime import KNOWN_DATA_TYPES

SENTINEL_HUB, CDSE = "sentinel-hub", "cdse"
INPUT_TYPES = ("tiling-grid", "geopackage")
OUTPUT_TYPES = ("raster", "zarr")
RASTER_FORMATS = ("image/tiff", "application/json")
ZARR_FORMAT = "zarr/array"
INSTANCE_TYPES = ("normal", "large")
COG_PARAMETERS = {"overviewLevels", "overviewMinSize", "resamplingAlgorithm", "blockxsize", "blockysize",
                  "usePredictor"}
COG_RESAMPLING = ("nearest", "average", "gauss", "cubic", "cubicspline", "lanczos", "average_magphase", "mode")
ZARR_GRID_IDS = (3, 6, 7)
""""With Zarr output only WGS84 and LAEA grids are supported" (OpenAPI ``BatchV2ZarrOutput``): grids 3, 6 and 7 of
the BatchV2.qmd table."""
ZARR_ARRAY_FIELDS = ("dtype", "chunks", "order", "fill_value")
ZARR_DTYPE_RANGES = {"|u1": (0, 255), "|i1": (-128, 127), "<u2": (0, 65535), ">u2": (0, 65535),
                     "<i2": (-32768, 32767), ">i2": (-32768, 32767), "<f4": None, ">f4": None, "<f8": None,
                     ">f8": None}
"""OpenAPI ``BatchV2ZarrOutputArrayParameters.dtype``; None = floating point."""
GEOPACKAGE_MAX_SIZE = 3500


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


def validate_create(body: Any, deployment: str = SENTINEL_HUB) -> None:
    if not isinstance(body, dict):
        raise BadPayload("body", "The request body must be a JSON object.", None)
    process_request = body.get("processRequest")
    if not isinstance(process_request, dict):
        raise BadPayload("processRequest", "must be an object with input, output and evalscript", process_request)
    output = body.get("output")
    if not isinstance(output, dict):
        raise BadPayload("output", "must be an object with type and delivery", output)
    output_type = output.get("type", "raster")
    if output_type not in OUTPUT_TYPES:
        raise BadPayload("output.type", f"use one of {', '.join(OUTPUT_TYPES)}", output_type)
    zarr = output_type == "zarr"
    _check_process_request(process_request, zarr)
    output_ids = [str(r.get("identifier")) for r in process_request["output"]["responses"]]
    grid = _check_input(body.get("input"), process_request, deployment)
    if zarr:
        _check_zarr_output(output, output_ids, grid, body.get("input") or {}, deployment)
    else:
        _check_raster_output(output, process_request["output"]["responses"], deployment)
    instance_type = body.get("instanceType")
    if instance_type is not None and instance_type not in INSTANCE_TYPES:
        raise BadPayload("instanceType", f"use one of {', '.join(INSTANCE_TYPES)}", instance_type)
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        raise BadPayload("description", "must be a string", description)


def _check_process_request(process_request: Dict[str, Any], zarr: bool) -> None:
    process_input = process_request.get("input")
    if not isinstance(process_input, dict):
        raise BadPayload("processRequest.input", "must be an object with data (and bounds)", process_input)
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
        allowed = (ZARR_FORMAT,) if zarr else RASTER_FORMATS
        if format_type not in allowed:
            raise BadPayload(f"processRequest.output.responses[{index}].format.type",
                             f"{'a Zarr' if zarr else 'a raster'} batch output takes {' or '.join(allowed)}",
                             format_type)
    evalscript = process_request.get("evalscript")
    if not isinstance(evalscript, str) or not evalscript.strip():
        raise BadPayload("processRequest.evalscript", "must not be empty", evalscript)


def _check_input(batch_input: Any, process_request: Dict[str, Any], deployment: str) -> Optional[Dict[str, Any]]:
    """Check the input; the tiling grid's description (``GET /tilinggrids`` form) or None for a GeoPackage."""
    if not isinstance(batch_input, dict):
        raise BadPayload("input", f"must be an object with type {' or '.join(INPUT_TYPES)}", batch_input)
    input_type = batch_input.get("type")
    if input_type not in INPUT_TYPES:
        raise BadPayload("input.type", f"unknown input type; use one of {', '.join(INPUT_TYPES)}", input_type)
    if input_type == "geopackage":
        _check_storage(batch_input.get("features"), "input.features", deployment, template=False)
        defaults = batch_input.get("defaults")
        if defaults is not None:
            _check_defaults(defaults, deployment)
        return None
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
    return grid


def _check_defaults(defaults: Any, deployment: str) -> None:
    """sentinel-hub.com ``BatchV2GeoPackageFeatureDefaults``: "Only width and height or resolution can be set"."""
    if deployment == CDSE and assumptions.REFUSE_GEOPACKAGE_DEFAULTS_ON_CDSE:
        raise BadPayload("input.defaults", "is not supported on this deployment", defaults)
    if not isinstance(defaults, dict) or not defaults:
        raise BadPayload("input.defaults", "must be an object with width and height, or resolution", defaults)
    if "resolution" in defaults:
        if set(defaults) != {"resolution"}:
            raise BadPayload("input.defaults", "only width and height or resolution can be set", defaults)
        value = defaults["resolution"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise BadPayload("input.defaults.resolution", "must be a number above 0", value)
        return
    if set(defaults) != {"width", "height"}:
        raise BadPayload("input.defaults", "needs both width and height", defaults)
    for key in ("width", "height"):
        value = defaults[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= GEOPACKAGE_MAX_SIZE:
            raise BadPayload(f"input.defaults.{key}", f"must be an integer from 1 to {GEOPACKAGE_MAX_SIZE}", value)


def _check_storage(storage: Any, parameter: str, deployment: str, template: bool,
                   output_ids: Optional[List[str]] = None, zarr: bool = False) -> None:
    """``ObjectStorageInfoV2``: ``s3`` (keys or IAM role) or, on sentinel-hub.com, ``gs`` (``x-cdse-exclude``)."""
    if not isinstance(storage, dict) or len([key for key in ("s3", "gs") if key in storage]) != 1:
        raise BadPayload(parameter, "must hold exactly one of s3 or gs", storage)
    scheme = "s3" if "s3" in storage else "gs"
    settings = storage[scheme]
    if not isinstance(settings, dict):
        raise BadPayload(f"{parameter}.{scheme}", "must be an object with url and credentials", settings)
    url = settings.get("url")
    try:
        location = layout.split_url(url)
    except ValueError as error:
        raise BadPayload(f"{parameter}.{scheme}.url", str(error), url) from None
    if location.scheme != scheme:
        raise BadPayload(f"{parameter}.{scheme}.url", f"must be a {scheme}:// URL", url)
    if template:
        violation = layout.template_violation(url, output_ids or [], zarr)
        if violation:
            raise BadPayload(f"{parameter}.{scheme}.url", violation, url)
    if scheme == "gs":
        if deployment == CDSE:
            raise BadPayload(f"{parameter}.gs", "Google Cloud Storage is not supported on this deployment", None)
        _check_service_account(settings.get("credentials"), f"{parameter}.gs.credentials")
        return
    _check_s3_access(settings, f"{parameter}.s3", deployment)


def _check_service_account(credentials: Any, parameter: str) -> None:
    try:
        key = json.loads(base64.b64decode(credentials or "", validate=True))
    except (binascii.Error, ValueError, TypeError):
        raise BadPayload(parameter, "must be base64-encoded service account credentials in JSON format", None) \
            from None
    if not isinstance(key, dict) or key.get("type") != "service_account" or not key.get("client_email") \
            or not key.get("private_key"):
        raise BadPayload(parameter, "is not a service account key", None)


def _check_s3_access(s3: Dict[str, Any], parameter: str, deployment: str) -> None:
    has_role = bool(s3.get("iamRoleARN"))
    has_keys = bool(s3.get("accessKey")) or bool(s3.get("secretAccessKey"))
    if has_role and deployment == CDSE:
        raise BadPayload(f"{parameter}.iamRoleARN", "IAM roles are not supported on this deployment; provide "
                         "accessKey and secretAccessKey", None)
    if has_role and has_keys:
        raise BadPayload(parameter, "give either iamRoleARN or accessKey and secretAccessKey, not both",
                         sorted(k for k in s3 if k in ("iamRoleARN", "accessKey", "secretAccessKey")))
    if has_keys and not (s3.get("accessKey") and s3.get("secretAccessKey")):
        raise BadPayload(parameter, "accessKey and secretAccessKey must be given together",
                         sorted(k for k in s3 if k in ("accessKey", "secretAccessKey")))
    if not has_role and not has_keys:
        # BatchV2/Migration.qmd §7: bucket-policy access "has been disabled in Batch Processing V2".
        raise BadPayload(parameter, "bucket access by bucket policy is not supported; give "
                         + ("accessKey and secretAccessKey" if deployment == CDSE
                            else "iamRoleARN or accessKey and secretAccessKey"), None)


def _check_raster_output(output: Dict[str, Any], responses: List[Dict[str, Any]], deployment: str) -> None:
    output_ids = [str(r.get("identifier")) for r in responses]
    _check_storage(output.get("delivery"), "output.delivery", deployment, template=True, output_ids=output_ids)
    for key in ("cogOutput", "overwrite", "skipExisting", "createCollection"):
        if key in output and not isinstance(output[key], bool):
            raise BadPayload(f"output.{key}", "must be true or false", output[key])
    ingest = bool(output.get("createCollection")) or output.get("collectionId") is not None
    if output.get("collectionId") is not None:
        try:
            uuid.UUID(str(output["collectionId"]))
        except ValueError:
            raise BadPayload("output.collectionId", "must be a UUID", output["collectionId"]) from None
    if ingest and not output.get("cogOutput"):
        raise BadPayload("output.cogOutput", "must be true to ingest the results into a BYOC collection",
                         output.get("cogOutput"))
    if output.get("cogOutput"):
        not_tiff = [r.get("identifier") for r in responses
                    if (((r.get("format") or {}).get("type")) or "image/tiff") != "image/tiff"]
        if not_tiff:
            raise BadPayload("output.cogOutput", "all outputs must use the TIFF format", not_tiff)
    parameters = output.get("cogParameters")
    if parameters is not None:
        _check_cog_parameters(parameters)


def _check_cog_parameters(parameters: Any) -> None:
    """OpenAPI ``BatchV2CogParameters``."""
    if not isinstance(parameters, dict) or set(parameters) - COG_PARAMETERS:
        raise BadPayload("output.cogParameters", f"may hold only {', '.join(sorted(COG_PARAMETERS))}", parameters)
    for key in ("overviewMinSize", "blockxsize", "blockysize"):
        value = parameters.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise BadPayload(f"output.cogParameters.{key}", "must be a positive integer", value)
    levels = parameters.get("overviewLevels")
    if levels is not None and (not isinstance(levels, list)
                               or not all(isinstance(v, int) and not isinstance(v, bool) for v in levels)):
        raise BadPayload("output.cogParameters.overviewLevels", "must be a list of integers", levels)
    algorithm = parameters.get("resamplingAlgorithm")
    if algorithm is not None and algorithm not in COG_RESAMPLING:
        raise BadPayload("output.cogParameters.resamplingAlgorithm", f"use one of {', '.join(COG_RESAMPLING)}",
                         algorithm)
    if "usePredictor" in parameters and not isinstance(parameters["usePredictor"], bool):
        raise BadPayload("output.cogParameters.usePredictor", "must be true or false", parameters["usePredictor"])


def _check_zarr_output(output: Dict[str, Any], output_ids: List[str], grid: Optional[Dict[str, Any]],
                       batch_input: Dict[str, Any], deployment: str) -> None:
    """OpenAPI ``BatchV2ZarrOutput`` and its parameters."""
    _check_storage(output.get("delivery"), "output.delivery", deployment, template=True, output_ids=output_ids,
                   zarr=True)
    if grid is not None and grid["id"] not in ZARR_GRID_IDS:
        raise BadPayload("input.id", "with Zarr output only WGS84 and LAEA grids are supported", grid["id"])
    group = output.get("group")
    if not isinstance(group, dict) or group.get("zarr_format") != 2:
        raise BadPayload("output.group.zarr_format", "is required; currently only version 2 is supported",
                         (group or {}).get("zarr_format") if isinstance(group, dict) else group)
    origin = (group.get("coordinates") or {}).get("origin", "topLeft")
    if origin not in ("topLeft", "bottomLeft"):
        raise BadPayload("output.group.coordinates.origin", "use topLeft or bottomLeft", origin)
    parameters = output.get("arrayParameters") or {}
    overrides = output.get("arrayOverrides") or {}
    if not isinstance(parameters, dict) or not isinstance(overrides, dict):
        raise BadPayload("output.arrayParameters", "must be objects", parameters)
    unknown = sorted(set(overrides) - set(output_ids))
    if unknown:
        raise BadPayload("output.arrayOverrides", "names arrays the request does not output", unknown)
    tile_size = None
    if grid is not None:
        resolution = float(batch_input["resolution"])
        properties = grid["properties"]
        tile_size = (round(properties["tileHeight"] / resolution) + 2 * int(batch_input.get("bufferY", 0)),
                     round(properties["tileWidth"] / resolution) + 2 * int(batch_input.get("bufferX", 0)))
    for name in output_ids:
        array = {**parameters, **(overrides.get(name) or {})}
        _check_zarr_array(name, array, tile_size)


def _check_zarr_array(name: str, array: Dict[str, Any], tile_size: Optional[tuple]) -> None:
    where = f"output.arrayOverrides.{name}"
    missing = [key for key in ZARR_ARRAY_FIELDS if key not in array]
    if missing:
        raise BadPayload(where, f"array {name} misses {', '.join(missing)} (arrayParameters or arrayOverrides)",
                         missing)
    dtype = array["dtype"]
    if dtype not in ZARR_DTYPE_RANGES:
        raise BadPayload(f"{where}.dtype", f"use one of {', '.join(ZARR_DTYPE_RANGES)}", dtype)
    if array["order"] != "C":
        raise BadPayload(f"{where}.order", "only \"C\" is supported", array["order"])
    chunks = array["chunks"]
    if not isinstance(chunks, list) or len(chunks) != 3 or \
            not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in chunks):
        raise BadPayload(f"{where}.chunks", "must be three positive integers", chunks)
    if chunks[0] != 1:
        raise BadPayload(f"{where}.chunks", "the first element (time dimension chunking) must be 1", chunks)
    if tile_size is not None and (tile_size[0] % chunks[1] or tile_size[1] % chunks[2]):
        raise BadPayload(f"{where}.chunks", f"must evenly divide the output tile raster size "
                         f"{tile_size[0]} x {tile_size[1]}", chunks)
    fill = array["fill_value"]
    value = float("nan") if fill == "NaN" else fill
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadPayload(f"{where}.fill_value", "must be a number", fill)
    bounds = ZARR_DTYPE_RANGES[dtype]
    if bounds is not None and (math.isnan(value) or value != int(value) or not bounds[0] <= value <= bounds[1]):
        raise BadPayload(f"{where}.fill_value", f"must be representable by the array's dtype {dtype}", fill)
