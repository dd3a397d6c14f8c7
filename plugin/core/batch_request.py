"""Build the body of ``POST /api/v2/batch/process`` from plain inputs, refusing invalid ones before sending."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, Optional, Sequence, Tuple, Union

from .errors import InvalidRequestError

CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI_PREFIX = "http://www.opengis.net/def/crs/EPSG/0/"

OUTPUT_FORMATS = ("image/tiff", "application/json", "image/png", "image/jpeg")
MOSAICKING_ORDERS = ("mostRecent", "leastRecent", "leastCC")
INSTANCE_TYPES = ("normal", "large")
COG_RESAMPLING = ("nearest", "average", "gauss", "cubic", "cubicspline", "lanczos", "average_magphase", "mode")

TimeInput = Union[str, date, datetime]


@dataclass
class S3Delivery:
    """Where the service writes the outputs: an ``s3://`` URL or path template and how it may write there."""

    url: str
    access_key: Optional[str] = None
    secret_access_key: Optional[str] = None
    iam_role_arn: Optional[str] = None
    region: Optional[str] = None

    def __repr__(self) -> str:
        return f"S3Delivery(url={self.url!r}, region={self.region!r}, keys={'yes' if self.access_key else 'no'})"

    def to_api(self, what: str = "output") -> Dict[str, Any]:
        if not re.match(r"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/|$)", self.url or ""):
            raise InvalidRequestError(
                f"The {what} location '{self.url}' is not an S3 URL. Use s3://bucket/folder (bucket names are "
                "3-63 lower-case letters, digits, dots or hyphens)."
            )
        has_keys = bool(self.access_key or self.secret_access_key)
        if has_keys and self.iam_role_arn:
            raise InvalidRequestError(
                f"The {what} delivery has both an IAM role and access keys; give one or the other, not both."
            )
        if has_keys and not (self.access_key and self.secret_access_key):
            raise InvalidRequestError(f"The {what} delivery needs both the S3 access key and the secret key.")
        s3: Dict[str, Any] = {"url": self.url}
        if self.iam_role_arn:
            s3["iamRoleARN"] = self.iam_role_arn
        elif has_keys:
            s3["accessKey"] = self.access_key
            s3["secretAccessKey"] = self.secret_access_key
        if self.region:
            s3["region"] = self.region
        return {"s3": s3}


@dataclass
class OutputSpec:
    identifier: str
    format: str = "image/tiff"


@dataclass
class BatchJobSpec:
    """Everything a user chooses for a batch job, in plain values."""

    area: Any
    """A shapely Polygon or MultiPolygon (ignored when ``features`` is given)."""
    evalscript: str
    delivery: S3Delivery
    time_from: TimeInput
    time_to: TimeInput
    outputs: Sequence[OutputSpec] = ()
    area_crs: Union[int, str] = 4326
    data_collection: str = "sentinel-2-l1c"
    max_cloud_coverage: Optional[float] = None
    mosaicking_order: Optional[str] = None
    grid_id: int = 1
    resolution: float = 10.0
    buffer_x: int = 0
    buffer_y: int = 0
    cog_output: bool = True
    cog_parameters: Optional[Dict[str, Any]] = None
    overwrite: bool = False
    skip_existing: bool = False
    description: str = ""
    instance_type: str = "normal"
    data_options: Dict[str, Any] = field(default_factory=dict)
    """Extra keys for the data entry (e.g. ``processing`` options of Sentinel-1), passed through."""
    features: Optional[S3Delivery] = None
    """A GeoPackage of one's own tiles (``input.type = geopackage``) instead of a tiling grid."""


def build_batch_request(spec: BatchJobSpec, grids: Optional[Sequence[Any]] = None) -> Dict[str, Any]:
    """The JSON body of a v2 create call; raises InvalidRequestError with a clear message instead of sending."""
    from .storage import validate_output_template

    outputs = [output for output in spec.outputs if output.identifier]
    if not outputs:
        raise InvalidRequestError("The request has no outputs. Add at least one output identifier from the "
                                  "evalscript's setup() (e.g. 'default').")
    identifiers = [output.identifier for output in outputs]
    if len(set(identifiers)) != len(identifiers):
        raise InvalidRequestError(f"Output identifiers must be unique: {', '.join(identifiers)}.")
    for output in outputs:
        if output.format not in OUTPUT_FORMATS:
            raise InvalidRequestError(f"Output '{output.identifier}' has the format '{output.format}'; "
                                      f"use one of {', '.join(OUTPUT_FORMATS)}.")
    if not (spec.evalscript or "").strip():
        raise InvalidRequestError("The evalscript is empty. Write or load one (it starts with //VERSION=3).")
    _check_outputs_against_evalscript(spec.evalscript, identifiers)
    validate_output_template(spec.delivery.url, identifiers)
    data_filter = build_data_filter(spec.time_from, spec.time_to, spec.max_cloud_coverage, spec.mosaicking_order)
    data_entry: Dict[str, Any] = {"type": spec.data_collection, "dataFilter": data_filter}
    data_entry.update(spec.data_options)

    if spec.features is not None:
        batch_input: Dict[str, Any] = {"type": "geopackage", "features": spec.features.to_api("features")}
        bounds = _bounds_of_features()
    else:
        batch_input = _tiling_grid_input(spec, grids)
        bounds = area_bounds(spec.area, spec.area_crs)

    if spec.instance_type not in INSTANCE_TYPES:
        raise InvalidRequestError(f"Instance type must be one of {', '.join(INSTANCE_TYPES)}.")
    output: Dict[str, Any] = {
        "type": "raster",
        "delivery": spec.delivery.to_api(),
        "cogOutput": bool(spec.cog_output),
        "overwrite": bool(spec.overwrite),
        "skipExisting": bool(spec.skip_existing),
    }
    if spec.overwrite and spec.skip_existing:
        raise InvalidRequestError("Choose either 'overwrite' or 'skip existing', not both.")
    if spec.cog_parameters:
        if not spec.cog_output:
            raise InvalidRequestError("COG parameters need COG output to be switched on.")
        output["cogParameters"] = _cog_parameters(spec.cog_parameters)

    body: Dict[str, Any] = {
        "processRequest": {
            "input": {"bounds": bounds, "data": [data_entry]},
            "output": {"responses": [{"identifier": output.identifier, "format": {"type": output.format}}
                                     for output in outputs]},
            "evalscript": spec.evalscript,
        },
        "input": batch_input,
        "output": output,
        "instanceType": spec.instance_type,
    }
    if spec.description:
        body["description"] = spec.description
    return body


def _tiling_grid_input(spec: BatchJobSpec, grids: Optional[Sequence[Any]]) -> Dict[str, Any]:
    from .grids import get_grid

    grid = get_grid(int(spec.grid_id), grids)
    grid.check_resolution(spec.resolution)
    for name, value in (("bufferX", spec.buffer_x), ("bufferY", spec.buffer_y)):
        if int(value) != value or value < 0:
            raise InvalidRequestError(f"{name} is a whole number of pixels (0 or more), not {value}.")
    resolution: Union[int, float] = spec.resolution
    if float(resolution).is_integer():
        resolution = int(resolution)
    return {"type": "tiling-grid", "id": grid.id, "resolution": resolution,
            "bufferX": int(spec.buffer_x), "bufferY": int(spec.buffer_y)}


def _bounds_of_features() -> Dict[str, Any]:
    """With a GeoPackage input the features decide the area; bounds cover the world in CRS84."""
    return {"bbox": [-180.0, -90.0, 180.0, 90.0], "properties": {"crs": CRS84_URI}}


def _check_outputs_against_evalscript(evalscript: str, identifiers: Sequence[str]) -> None:
    from .evalscript import EvalscriptError, read_evalscript

    try:
        info = read_evalscript(evalscript)
    except EvalscriptError:
        raise
    except Exception:  # a script we cannot read here is for the service to judge
        return
    known = [output.id for output in info.outputs]
    unknown = [identifier for identifier in identifiers if identifier not in known and identifier != "userdata"]
    if known and unknown:
        raise InvalidRequestError(
            f"Output {', '.join(repr(name) for name in unknown)} is not produced by the evalscript, whose setup() "
            f"declares {', '.join(repr(name) for name in known)}. Use those identifiers."
        )


def _cog_parameters(parameters: Dict[str, Any]) -> Dict[str, Any]:
    allowed = {"overviewLevels", "overviewMinSize", "resamplingAlgorithm", "blockxsize", "blockysize", "usePredictor"}
    unknown = sorted(set(parameters) - allowed)
    if unknown:
        raise InvalidRequestError(f"Unknown COG parameters: {', '.join(unknown)}. Known: {', '.join(sorted(allowed))}.")
    algorithm = parameters.get("resamplingAlgorithm")
    if algorithm is not None and algorithm not in COG_RESAMPLING:
        raise InvalidRequestError(f"COG resampling must be one of {', '.join(COG_RESAMPLING)}.")
    return dict(parameters)


def crs_uri(crs: Union[int, str]) -> str:
    """The OGC URI Sentinel Hub expects; EPSG:4326 becomes CRS84 (longitude first, as shapely has it)."""
    text = str(crs).strip()
    if text.startswith("http://www.opengis.net/def/crs/"):
        return text
    match = re.fullmatch(r"(?:EPSG:)?(\d+)", text, flags=re.IGNORECASE)
    if not match:
        if text.upper() in ("CRS84", "OGC:CRS84"):
            return CRS84_URI
        raise InvalidRequestError(f"'{crs}' is not a CRS Sentinel Hub understands; use an EPSG code such as 4326.")
    code = int(match.group(1))
    return CRS84_URI if code == 4326 else f"{EPSG_URI_PREFIX}{code}"


def area_bounds(area: Any, crs: Union[int, str]) -> Dict[str, Any]:
    """``bounds`` with the area as a GeoJSON MultiPolygon in its CRS. Invalid areas are refused, not dropped."""
    from shapely.geometry import MultiPolygon, Polygon, mapping

    if area is None or getattr(area, "is_empty", True):
        raise InvalidRequestError("The area is empty. Choose a polygon layer with at least one feature.")
    if isinstance(area, Polygon):
        area = MultiPolygon([area])
    if not isinstance(area, MultiPolygon):
        raise InvalidRequestError(
            f"The area must be a polygon or multipolygon, not a {area.geom_type}. Use a polygon layer."
        )
    if not area.is_valid:
        from shapely.validation import explain_validity

        raise InvalidRequestError(
            f"The area geometry is invalid ({explain_validity(area)}). Repair it (Processing → Fix geometries) "
            "and try again."
        )
    geometry = mapping(area)
    return {"geometry": {"type": "MultiPolygon", "coordinates": _as_lists(geometry["coordinates"])},
            "properties": {"crs": crs_uri(crs)}}


def _as_lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_as_lists(item) for item in value]
    return value


def parse_time(value: TimeInput, *, end_of_day: bool) -> datetime:
    """A datetime in UTC. A date alone means the start of that day, or its end (23:59:59) for the end of a range."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0, 0))
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return parse_time(date.fromisoformat(text), end_of_day=end_of_day)
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise InvalidRequestError(
                f"'{value}' is not a date or time. Use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."
            ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def time_range(time_from: TimeInput, time_to: TimeInput) -> Tuple[datetime, datetime]:
    start = parse_time(time_from, end_of_day=False)
    end = parse_time(time_to, end_of_day=True)
    if end < start:
        raise InvalidRequestError(f"The time range ends ({format_time(end)}) before it starts ({format_time(start)}).")
    return start, end


def format_time(moment: datetime) -> str:
    moment = moment.astimezone(timezone.utc)
    if moment.microsecond:
        moment = moment - timedelta(microseconds=moment.microsecond)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_data_filter(time_from: TimeInput, time_to: TimeInput, max_cloud_coverage: Optional[float] = None,
                      mosaicking_order: Optional[str] = None) -> Dict[str, Any]:
    """The ``dataFilter`` of a data entry (Batch and Process API alike), checked."""
    start, end = time_range(time_from, time_to)
    data_filter: Dict[str, Any] = {"timeRange": {"from": format_time(start), "to": format_time(end)}}
    if max_cloud_coverage is not None:
        if not 0 <= float(max_cloud_coverage) <= 100:
            raise InvalidRequestError("Maximum cloud coverage is a percentage between 0 and 100.")
        data_filter["maxCloudCoverage"] = float(max_cloud_coverage)
    if mosaicking_order:
        if mosaicking_order not in MOSAICKING_ORDERS:
            raise InvalidRequestError(f"Mosaicking order must be one of {', '.join(MOSAICKING_ORDERS)}.")
        data_filter["mosaickingOrder"] = mosaicking_order
    return data_filter
