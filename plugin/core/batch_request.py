"""Build the body of ``POST /api/v2/batch/process`` from plain inputs, refusing invalid ones before sending.

Sources of the rules (cited again where each is checked): the OpenAPI of CDSE (eu-cdse/documentation
``APIs/SentinelHub/ApiReference/openapi.v1.yaml``) and of sentinel-hub.com (``BatchV2*`` schemas), BatchV2.qmd,
BatchV2/Migration.qmd and sentinelhub-py 3.11 (``sentinelhub/api/utils.py`` ``s3_specification``). Guesses are in
``batch_assumptions``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .batch_assumptions import ZARR_GEOPACKAGE_EPSG_CODES
from .errors import InvalidRequestError

if TYPE_CHECKING:
    from .deployments import Capabilities, Deployment
    from .evalscript import EvalscriptInfo

CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI_PREFIX = "http://www.opengis.net/def/crs/EPSG/0/"

OUTPUT_FORMATS = ("image/tiff", "application/json")
"""Response formats of a raster (GeoTIFF) batch output."""
ZARR_ARRAY_FORMAT = "zarr/array"
"""The one response format of a Zarr batch output."""
BATCH_RESPONSE_FORMATS = (*OUTPUT_FORMATS, ZARR_ARRAY_FORMAT)
"""OpenAPI ``ProcessRequestOutputBatchV2Response.format``: TIFF, JSON or Zarr array; PNG and JPEG are Process API
formats only."""
OUTPUT_TYPE_RASTER = "raster"
OUTPUT_TYPE_ZARR = "zarr"
MOSAICKING_ORDERS = ("mostRecent", "leastRecent", "leastCC")
DATA_COLLECTIONS = ("sentinel-2-l1c", "sentinel-2-l2a", "sentinel-1-grd", "sentinel-3-olci", "sentinel-3-slstr",
                    "sentinel-5p-l2", "landsat-ot-l1", "landsat-ot-l2", "hls", "modis", "dem")
"""The data collection types the docks and Processing offer (the first is the default)."""
INSTANCE_TYPES = ("normal", "large")
COG_RESAMPLING = ("nearest", "average", "gauss", "cubic", "cubicspline", "lanczos", "average_magphase", "mode")
COG_PARAMETERS = ("overviewLevels", "overviewMinSize", "resamplingAlgorithm", "blockxsize", "blockysize",
                  "usePredictor")
"""OpenAPI ``BatchV2CogParameters``."""
GEOPACKAGE_MAX_PIXELS = 3500
"""BatchV2.qmd "GeoPackage" caveats; OpenAPI ``BatchV2GeoPackageFeatureDefaults`` (1..3500)."""

ZARR_DTYPES = ("|u1", "|i1", "<u2", ">u2", "<i2", ">i2", "<f4", ">f4", "<f8", ">f8")
_ZARR_FLOAT_DTYPES = ("<f4", ">f4", "<f8", ">f8")
ZARR_DTYPES_BY_SAMPLE_TYPE = {
    "AUTO": ("|u1", "<u2", ">u2", "<i2", ">i2", *_ZARR_FLOAT_DTYPES),
    "UINT8": ("|u1", "<u2", ">u2", "<i2", ">i2", *_ZARR_FLOAT_DTYPES),
    "INT8": ("|i1", "<i2", ">i2", *_ZARR_FLOAT_DTYPES),
    "UINT16": ("<u2", ">u2", *_ZARR_FLOAT_DTYPES),
    "INT16": ("<i2", ">i2", *_ZARR_FLOAT_DTYPES),
    "FLOAT32": _ZARR_FLOAT_DTYPES,
}
"""OpenAPI ``BatchV2ZarrOutputArrayParameters.dtype``: the dtypes recommended or allowed for each ``sampleType``
(the first one listed for a sample type is the recommended, lossless one)."""
ZARR_ARRAY_REQUIRED = ("dtype", "chunks", "order", "fill_value")
ZARR_ORIGINS = ("topLeft", "bottomLeft")

_IAM_ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")
"""The AWS IAM role ARN format, e.g. ``arn:aws:iam::123456789012:role/sentinelhub-batch``."""

TimeInput = Union[str, date, datetime]


# ----------------------------------------------------------------------------------------------- bucket access


class BucketAccessMethod(str, Enum):
    """How the service reaches the user's bucket. Batch v2 needs one of these: bucket-policy access "has been
    disabled in Batch Processing V2" (BatchV2/Migration.qmd §7)."""

    ACCESS_KEYS = "access-keys"
    """S3 access key + secret key (every deployment; the only one on CDSE, BatchV2.qmd "Bucket settings and
    access")."""
    IAM_ROLE = "iam-role"
    """An AWS IAM role the service assumes (sentinel-hub.com ``S3BucketInfo.iamRoleARN``)."""
    GCS_SERVICE_ACCOUNT = "gcs-service-account"
    """A Google Cloud Storage bucket written with a service-account key (sentinel-hub.com ``GSBucketInfo``)."""

    @property
    def label(self) -> str:
        return {
            BucketAccessMethod.ACCESS_KEYS: "S3 access key and secret key",
            BucketAccessMethod.IAM_ROLE: "AWS IAM role",
            BucketAccessMethod.GCS_SERVICE_ACCOUNT: "Google Cloud Storage service-account key",
        }[self]

    @property
    def url_scheme(self) -> str:
        return "gs" if self is BucketAccessMethod.GCS_SERVICE_ACCOUNT else "s3"

    def available_on(self, capabilities: Capabilities) -> bool:
        if self is BucketAccessMethod.IAM_ROLE:
            return capabilities.iam_role_delivery
        if self is BucketAccessMethod.GCS_SERVICE_ACCOUNT:
            return capabilities.google_cloud_storage
        return True


def bucket_access_methods(deployment: Deployment) -> List[BucketAccessMethod]:
    """The access methods a deployment accepts, in the order to offer them."""
    return [method for method in BucketAccessMethod if method.available_on(deployment.capabilities)]


@dataclass(frozen=True)
class BucketAccess:
    """The user's choice of bucket access, with its secrets (which never appear in ``repr``)."""

    method: BucketAccessMethod
    access_key: str = ""
    secret_access_key: str = field(default="", repr=False)
    iam_role_arn: str = ""
    service_account_key: str = field(default="", repr=False)
    """The Google service-account key: the JSON text of the key file (base64 of it is accepted too)."""

    @classmethod
    def with_keys(cls, access_key: str, secret_access_key: str) -> BucketAccess:
        return cls(BucketAccessMethod.ACCESS_KEYS, access_key=(access_key or "").strip(),
                   secret_access_key=(secret_access_key or "").strip())

    @classmethod
    def with_iam_role(cls, iam_role_arn: str) -> BucketAccess:
        return cls(BucketAccessMethod.IAM_ROLE, iam_role_arn=(iam_role_arn or "").strip())

    @classmethod
    def with_service_account_key(cls, key: str) -> BucketAccess:
        return cls(BucketAccessMethod.GCS_SERVICE_ACCOUNT, service_account_key=(key or "").strip())

    def __repr__(self) -> str:
        return f"BucketAccess({self.method.value}, access_key={'set' if self.access_key else 'none'})"

    def check(self, what: str = "output", capabilities: Optional[Capabilities] = None) -> None:
        """Raise InvalidRequestError saying what is missing or not accepted by the deployment."""
        method = self.method
        if capabilities is not None and not method.available_on(capabilities):
            accepted = [other.label for other in BucketAccessMethod if other.available_on(capabilities)]
            raise InvalidRequestError(
                f"{capabilities.label or 'This deployment'} does not accept the {what} bucket access "
                f"'{method.label}'; it takes only: {', '.join(accepted)}."
            )
        if method is BucketAccessMethod.ACCESS_KEYS:
            if not (self.access_key and self.secret_access_key):
                raise InvalidRequestError(
                    f"The {what} bucket access needs both the S3 access key and the secret key. Enter them in the "
                    "connection settings (Batch v2 no longer works with a bucket policy alone)."
                )
        elif method is BucketAccessMethod.IAM_ROLE:
            if not _IAM_ROLE_ARN.match(self.iam_role_arn):
                raise InvalidRequestError(
                    f"'{self.iam_role_arn}' is not an IAM role ARN. Enter the role the service may assume for the "
                    f"{what}, like arn:aws:iam::123456789012:role/sentinelhub-batch."
                )
        else:
            service_account_key_json(self.service_account_key)

    def to_api(self, url: str, region: Optional[str] = None) -> Dict[str, Any]:
        """``{"s3": {...}}`` or ``{"gs": {...}}`` (OpenAPI ``ObjectStorageInfoV2``). Call ``check`` first."""
        if self.method is BucketAccessMethod.GCS_SERVICE_ACCOUNT:
            key = service_account_key_json(self.service_account_key)
            encoded = base64.b64encode(json.dumps(key).encode("utf-8")).decode("ascii")
            return {"gs": {"url": url, "credentials": encoded}}
        s3: Dict[str, Any] = {"url": url}
        if self.method is BucketAccessMethod.IAM_ROLE:
            s3["iamRoleARN"] = self.iam_role_arn
        else:
            s3["accessKey"] = self.access_key
            s3["secretAccessKey"] = self.secret_access_key
        if region:
            s3["region"] = region
        return {"s3": s3}


def service_account_key_json(key: str) -> Dict[str, Any]:
    """The parsed Google service-account key (JSON text, or base64 of it); InvalidRequestError when it is not one.

    A key file has ``"type": "service_account"``, ``client_email`` and ``private_key``. The message never quotes the
    key."""
    text = (key or "").strip()
    if not text:
        raise InvalidRequestError("Google Cloud Storage delivery needs a service-account key (the JSON key file of "
                                  "a service account that may write to the bucket). Store it in the QGIS "
                                  "authentication database and choose it.")
    parsed: Any = None
    for candidate in (text, _base64_text(text)):
        if candidate is None:
            continue
        try:
            parsed = json.loads(candidate)
            break
        except ValueError:
            continue
    if not isinstance(parsed, dict) or parsed.get("type") != "service_account" or \
            not parsed.get("client_email") or not parsed.get("private_key"):
        raise InvalidRequestError("The Google Cloud Storage key is not a service-account key file (JSON with "
                                  "\"type\": \"service_account\", client_email and private_key). Create a key for the "
                                  "service account in the Google Cloud console and store that file's content.")
    return parsed


def _base64_text(text: str) -> Optional[str]:
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None


@dataclass
class BucketLocation:
    """A place in the user's bucket (``s3://`` or ``gs://`` URL or path template) and how the service may access it."""

    url: str
    access: Optional[BucketAccess] = None
    region: Optional[str] = None
    """S3 only: "If omitted, the region of the deployment that the request is submitted to is assumed"."""

    def __repr__(self) -> str:
        return f"BucketLocation(url={self.url!r}, region={self.region!r}, access={self.access!r})"

    def to_api(self, what: str = "output", capabilities: Optional[Capabilities] = None) -> Dict[str, Any]:
        from .storage import parse_object_url

        scheme, _, _ = parse_object_url(self.url, f"{what} location")
        if self.access is None:
            raise InvalidRequestError(
                f"The service needs access to the {what} bucket: give an S3 access key and secret key"
                + (" or an IAM role ARN" if capabilities is None or capabilities.iam_role_delivery else "")
                + ". Batch v2 no longer accepts a bucket policy alone (BatchV2/Migration.qmd, 'Changes to Bucket "
                "Access')."
            )
        self.access.check(what, capabilities)
        if scheme != self.access.method.url_scheme:
            raise InvalidRequestError(
                f"The {what} location {self.url} is a {'Google Cloud Storage' if scheme == 'gs' else 'S3'} URL, but "
                f"the access is '{self.access.method.label}'. Use a {self.access.method.url_scheme}:// URL or "
                "change the access."
            )
        if self.region and scheme == "gs":
            raise InvalidRequestError("A region applies to S3 buckets only; leave it empty for Google Cloud Storage.")
        return self.access.to_api(self.url.strip(), self.region or None)


# ----------------------------------------------------------------------------------------------- request parts


@dataclass
class OutputSpec:
    identifier: str
    format: Optional[str] = None
    """``image/tiff`` (default of a raster output), ``application/json`` or ``zarr/array`` (the only one, and the
    default, of a Zarr output)."""


@dataclass(frozen=True)
class FeatureDefaults:
    """``input.defaults`` of a GeoPackage input: the size of features that have none (sentinel-hub.com only).

    "Only ``width`` and ``height`` or ``resolution`` can be set at the same time" (OpenAPI
    ``BatchV2GeoPackageInput.defaults``); width and height 1..3500, resolution > 0 in the feature CRS units."""

    width: Optional[int] = None
    height: Optional[int] = None
    resolution: Optional[float] = None

    def to_api(self) -> Dict[str, Any]:
        size_given = self.width is not None or self.height is not None
        if size_given == (self.resolution is not None):
            raise InvalidRequestError("GeoPackage defaults take either a width and a height in pixels, or a "
                                      "resolution; not both, not neither.")
        if self.resolution is not None:
            resolution = _number(self.resolution)
            if resolution is None or resolution <= 0:
                raise InvalidRequestError(f"The default resolution {self.resolution!r} must be a number above 0.")
            return {"resolution": resolution}
        for label, value in (("width", self.width), ("height", self.height)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= GEOPACKAGE_MAX_PIXELS:
                raise InvalidRequestError(f"The default {label} {value!r} must be a whole number of pixels from 1 to "
                                          f"{GEOPACKAGE_MAX_PIXELS} (and both width and height are needed).")
        return {"width": self.width, "height": self.height}


@dataclass
class GeoPackageInput:
    """Your own features as tiles: ``{"type": "geopackage", "features": ..., "defaults": ...}``."""

    location: BucketLocation
    defaults: Optional[FeatureDefaults] = None
    feature_epsg_codes: Tuple[int, ...] = ()
    """The CRSs of the features when known (the plugin wrote the file), to check Zarr output before sending."""


@dataclass
class ZarrOutputSpec:
    """``output`` of ``type: zarr`` (OpenAPI ``BatchV2ZarrOutput``): dicts exactly as the API takes them."""

    array_parameters: Dict[str, Any] = field(default_factory=dict)
    """``dtype``, ``chunks`` ([1, y, x]), ``order`` ("C"), ``fill_value``, optional ``compressor``."""
    array_overrides: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    """Per output identifier, the parameters that differ (plus optional ``customAttributes``)."""
    group: Dict[str, Any] = field(default_factory=lambda: {"zarr_format": 2})
    """``zarr_format`` (2), optional ``coordinates.origin`` and ``customAttributes``."""


@dataclass
class BatchJobSpec:
    """Everything a user chooses for a batch job, in plain values."""

    area: Any
    """A shapely Polygon or MultiPolygon. With ``features`` it is optional and limits them to the ones it
    intersects (BatchV2.qmd "Area of Interest and PUs")."""
    evalscript: str
    delivery: BucketLocation
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
    output_type: str = OUTPUT_TYPE_RASTER
    cog_output: bool = True
    cog_parameters: Optional[Dict[str, Any]] = None
    overwrite: bool = False
    skip_existing: bool = False
    """OpenAPI ``BatchV2RasterOutput``: tiles whose outputs all exist are skipped; with ``overwrite`` too, tiles with
    only some of them are rewritten (without it they fail the request)."""
    create_collection: bool = False
    """Ingest the results into a new BYOC collection (BatchV2.qmd "Ingesting results into BYOC")."""
    collection_id: Optional[str] = None
    """Ingest the results into this existing BYOC collection."""
    zarr: Optional[ZarrOutputSpec] = None
    description: str = ""
    instance_type: Optional[str] = None
    """Sent only when chosen (internal, and no longer in the sentinel-hub.com OpenAPI)."""
    data_options: Dict[str, Any] = field(default_factory=dict)
    """Extra keys for the data entry (e.g. ``processing`` options of Sentinel-1), passed through."""
    features: Optional[GeoPackageInput] = None
    """A GeoPackage of one's own tiles (``input.type = geopackage``) instead of a tiling grid."""


def build_batch_request(spec: BatchJobSpec, grids: Optional[Sequence[Any]] = None,
                        deployment: Optional[Deployment] = None) -> Dict[str, Any]:
    """The JSON body of a v2 create call; raises InvalidRequestError with a clear message instead of sending.

    With ``deployment`` the choices only one deployment accepts (IAM role, Google Cloud Storage, GeoPackage
    defaults, instance type) are checked too; without it they are left to the service.
    """
    from .storage import validate_output_template

    capabilities = deployment.capabilities if deployment is not None else None
    if spec.output_type not in (OUTPUT_TYPE_RASTER, OUTPUT_TYPE_ZARR):
        raise InvalidRequestError(f"The output type must be '{OUTPUT_TYPE_RASTER}' (GeoTIFF files) or "
                                  f"'{OUTPUT_TYPE_ZARR}' (one Zarr), not '{spec.output_type}'.")
    zarr = spec.output_type == OUTPUT_TYPE_ZARR
    outputs = _responses(spec.outputs, zarr)
    identifiers = [identifier for identifier, _ in outputs]
    if not (spec.evalscript or "").strip():
        raise InvalidRequestError("The evalscript is empty. Write or load one (it starts with //VERSION=3).")
    info = _evalscript_info(spec.evalscript)
    _check_outputs_against_evalscript(info, identifiers)
    validate_output_template(spec.delivery.url, identifiers, spec.output_type)
    data_filter = build_data_filter(spec.time_from, spec.time_to, spec.max_cloud_coverage, spec.mosaicking_order)
    data_entry: Dict[str, Any] = {"type": spec.data_collection, "dataFilter": data_filter}
    data_entry.update(spec.data_options)

    process_input: Dict[str, Any] = {"data": [data_entry]}
    if spec.features is not None:
        batch_input = _geopackage_input(spec.features, capabilities)
        if spec.area is not None:
            process_input["bounds"] = area_bounds(spec.area, spec.area_crs)
        grid = None
    else:
        batch_input, grid = _tiling_grid_input(spec, grids)
        process_input["bounds"] = area_bounds(spec.area, spec.area_crs)

    if zarr:
        output = _zarr_output(spec, info, identifiers, grid, capabilities)
    else:
        output = _raster_output(spec, info, outputs, capabilities)

    body: Dict[str, Any] = {
        "processRequest": {
            "input": process_input,
            "output": {"responses": [{"identifier": identifier, "format": {"type": format_type}}
                                     for identifier, format_type in outputs]},
            "evalscript": spec.evalscript,
        },
        "input": batch_input,
        "output": output,
    }
    if spec.instance_type is not None:
        if spec.instance_type not in INSTANCE_TYPES:
            raise InvalidRequestError(f"Instance type must be one of {', '.join(INSTANCE_TYPES)}.")
        if capabilities is not None and not capabilities.instance_type:
            raise InvalidRequestError(f"{capabilities.label or 'This deployment'} no longer takes an instance type "
                                      "(it is not in its API); leave it empty.")
        body["instanceType"] = spec.instance_type
    if spec.description:
        body["description"] = spec.description
    return body


def _responses(outputs: Sequence[OutputSpec], zarr: bool) -> List[Tuple[str, str]]:
    """``(identifier, format)`` of each output, the format defaulted by the output type and checked against it."""
    chosen = [output for output in outputs if output.identifier]
    if not chosen:
        raise InvalidRequestError("The request has no outputs. Add at least one output identifier from the "
                                  "evalscript's setup() (e.g. 'default').")
    identifiers = [output.identifier for output in chosen]
    if len(set(identifiers)) != len(identifiers):
        raise InvalidRequestError(f"Output identifiers must be unique: {', '.join(identifiers)}.")
    responses = []
    for output in chosen:
        format_type = output.format or (ZARR_ARRAY_FORMAT if zarr else "image/tiff")
        if format_type not in BATCH_RESPONSE_FORMATS:
            raise InvalidRequestError(
                f"Output '{output.identifier}' has the format '{format_type}', which batch processing does not "
                f"write: batch outputs are {', '.join(BATCH_RESPONSE_FORMATS)} (PNG and JPEG exist only for the "
                "Process API). Choose image/tiff."
            )
        if zarr and format_type != ZARR_ARRAY_FORMAT:
            raise InvalidRequestError(
                f"Output '{output.identifier}' is '{format_type}', but a Zarr output takes only {ZARR_ARRAY_FORMAT} "
                "responses (no JSON): remove it or write GeoTIFF files instead (BatchV2.qmd, 'Zarr output format')."
            )
        if not zarr and format_type == ZARR_ARRAY_FORMAT:
            raise InvalidRequestError(f"Output '{output.identifier}' is a Zarr array: choose the Zarr output type "
                                      "for it, or image/tiff for GeoTIFF files.")
        responses.append((output.identifier, format_type))
    return responses


def _tiling_grid_input(spec: BatchJobSpec, grids: Optional[Sequence[Any]]) -> Tuple[Dict[str, Any], Any]:
    from .grids import get_grid

    grid = get_grid(int(spec.grid_id), grids)
    grid.check_resolution(spec.resolution)
    for name, value in (("bufferX", spec.buffer_x), ("bufferY", spec.buffer_y)):
        if int(value) != value or value < 0:
            raise InvalidRequestError(f"{name} is a whole number of pixels (0 or more), not {value}.")
    resolution: Union[int, float] = spec.resolution
    if float(resolution).is_integer():
        resolution = int(resolution)
    return ({"type": "tiling-grid", "id": grid.id, "resolution": resolution,
             "bufferX": int(spec.buffer_x), "bufferY": int(spec.buffer_y)}, grid)


def _geopackage_input(features: GeoPackageInput, capabilities: Optional[Capabilities]) -> Dict[str, Any]:
    batch_input: Dict[str, Any] = {"type": "geopackage",
                                   "features": features.location.to_api("features", capabilities)}
    if features.defaults is not None:
        if capabilities is not None and not capabilities.geopackage_defaults:
            raise InvalidRequestError(
                f"{capabilities.label or 'This deployment'} takes no GeoPackage defaults: give every feature a "
                "width and height (or a resolution) in the GeoPackage itself."
            )
        batch_input["defaults"] = features.defaults.to_api()
    return batch_input


def _raster_output(spec: BatchJobSpec, info: Optional[EvalscriptInfo], outputs: Sequence[Tuple[str, str]],
                   capabilities: Optional[Capabilities]) -> Dict[str, Any]:
    if spec.zarr is not None:
        raise InvalidRequestError("Zarr parameters were given for a GeoTIFF (raster) output; choose the Zarr output "
                                  "type or leave them out.")
    output: Dict[str, Any] = {
        "type": OUTPUT_TYPE_RASTER,
        "delivery": spec.delivery.to_api("output", capabilities),
        "cogOutput": bool(spec.cog_output),
        "overwrite": bool(spec.overwrite),
        "skipExisting": bool(spec.skip_existing),
    }
    ingests = spec.create_collection or spec.collection_id is not None
    if spec.cog_output or ingests:
        # OpenAPI BatchV2RasterOutput.cogOutput: "All outputs must use the TIFF format and cannot use sampleType
        # INT8"; createCollection: "Make sure the cogOutput = true and that the output format is a image/tiff".
        reason = "ingestion into a BYOC collection" if ingests else "COG output"
        if ingests and not spec.cog_output:
            raise InvalidRequestError("Ingestion into a BYOC collection needs COG output (cloud optimized GeoTIFF): "
                                      "switch COG output on.")
        not_tiff = [identifier for identifier, format_type in outputs if format_type != "image/tiff"]
        if not_tiff:
            raise InvalidRequestError(
                f"{reason[0].upper()}{reason[1:]} needs every output in image/tiff, but {', '.join(not_tiff)} "
                f"{'is' if len(not_tiff) == 1 else 'are'} not. Make them TIFF or switch {reason} off."
            )
        int8 = [output.id for output in (info.outputs if info else ()) if output.sample_type.upper() == "INT8"
                and output.id in dict(outputs)]
        if int8:
            raise InvalidRequestError(
                f"COG output cannot use sampleType INT8, which the evalscript declares for {', '.join(int8)}. Use "
                "UINT8 or INT16 in setup(), or switch COG output off."
            )
    if spec.cog_parameters:
        if not spec.cog_output:
            raise InvalidRequestError("COG parameters need COG output to be switched on.")
        output["cogParameters"] = _cog_parameters(spec.cog_parameters)
    if ingests:
        if spec.create_collection:
            output["createCollection"] = True
        if spec.collection_id is not None:
            output["collectionId"] = _collection_id(spec.collection_id)
        _check_byoc_band_names(info, [identifier for identifier, _ in outputs])
    return output


def _collection_id(value: str) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        raise InvalidRequestError(f"'{value}' is not a BYOC collection id (a UUID such as 1f2e3d4c-5b6a-4789-"
                                  "8abc-0123456789ab). Copy it from the collection's page.") from None


def _check_byoc_band_names(info: Optional[EvalscriptInfo], identifiers: Sequence[str]) -> None:
    """BatchV2.qmd: a multi-band output ``result`` makes bands ``result``, ``result2``, ``result3``…; another
    output named like one of them "will throw an error during the analysis phase"."""
    if info is None:
        return
    declared = {output.id: output for output in info.outputs}
    generated: Dict[str, str] = {}
    for identifier in identifiers:
        output = declared.get(identifier)
        for band in range(2, (output.bands if output else 1) + 1):
            generated[f"{identifier}{band}"] = identifier
    clashes = [(name, generated[name]) for name in identifiers if name in generated]
    if clashes:
        name, owner = clashes[0]
        raise InvalidRequestError(
            f"The BYOC collection would get band '{name}' twice: output '{owner}' has several bands, which are "
            f"named {owner}, {owner}2, {owner}3…, and another output is called '{name}'. Rename that output."
        )


def _zarr_output(spec: BatchJobSpec, info: Optional[EvalscriptInfo], identifiers: Sequence[str], grid: Any,
                 capabilities: Optional[Capabilities]) -> Dict[str, Any]:
    """OpenAPI ``BatchV2ZarrOutput`` and BatchV2.qmd "Zarr output format"."""
    if spec.create_collection or spec.collection_id is not None:
        raise InvalidRequestError("Only GeoTIFF (raster) outputs can be ingested into a BYOC collection, not Zarr.")
    if spec.cog_parameters:
        raise InvalidRequestError("COG parameters apply to GeoTIFF output, not to Zarr.")
    if spec.overwrite or spec.skip_existing:
        raise InvalidRequestError("A Zarr output has no 'overwrite' or 'skip existing': the request fails if the "
                                  "folder holds files. Choose an empty folder (or one ending in <requestId>).")
    if grid is not None and not zarr_allowed_for_grid(grid):
        raise InvalidRequestError(
            f"Zarr output works only with the WGS84 and LAEA tiling grids (ids 3, 6, 7), not with the {grid.name} "
            f"(id {grid.id}). Choose one of those grids or GeoTIFF output."
        )
    if spec.features is not None and spec.features.feature_epsg_codes:
        codes = set(spec.features.feature_epsg_codes)
        if len(codes) != 1 or not codes <= set(ZARR_GEOPACKAGE_EPSG_CODES):
            raise InvalidRequestError(
                "Zarr output needs all features in one CRS, EPSG:4326 or EPSG:3035 (those of the WGS84 and LAEA "
                f"grids); these are in {', '.join(f'EPSG:{code}' for code in sorted(codes))}."
            )
    zarr = spec.zarr or ZarrOutputSpec()
    group = _zarr_group(zarr.group)
    declared = {output.id: output for output in (info.outputs if info else ())}
    several_bands = [identifier for identifier in identifiers if identifier in declared
                     and declared[identifier].bands != 1]
    if several_bands:
        raise InvalidRequestError(
            f"A Zarr output takes one band per output (BatchV2.qmd), but {', '.join(several_bands)} "
            f"{'has' if len(several_bands) == 1 else 'have'} more. Split them into one-band outputs in setup()."
        )
    unknown = sorted(set(zarr.array_overrides) - set(identifiers))
    if unknown:
        raise InvalidRequestError(f"Zarr array overrides name outputs the request does not have: {', '.join(unknown)}.")
    tile_size = None
    if grid is not None:
        width, height = grid.tile_pixels(spec.resolution)
        tile_size = (height + 2 * int(spec.buffer_y), width + 2 * int(spec.buffer_x))
    for identifier in identifiers:
        parameters = {**zarr.array_parameters, **zarr.array_overrides.get(identifier, {})}
        declared_output = declared.get(identifier)
        _check_zarr_array(identifier, parameters, declared_output.sample_type.upper() if declared_output else None,
                          tile_size)
    output: Dict[str, Any] = {"type": OUTPUT_TYPE_ZARR, "delivery": spec.delivery.to_api("output", capabilities),
                              "group": group}
    if zarr.array_parameters:
        output["arrayParameters"] = dict(zarr.array_parameters)
    if zarr.array_overrides:
        output["arrayOverrides"] = {name: dict(values) for name, values in zarr.array_overrides.items()}
    return output


def zarr_allowed_for_grid(grid: Any) -> bool:
    """Zarr output "is only supported with WGS84 and LAEA grids" (OpenAPI ``BatchV2ZarrOutput``)."""
    from .grids import CRS_LAEA, CRS_WGS84

    return grid.crs_kind in (CRS_WGS84, CRS_LAEA)


def _zarr_group(group: Mapping[str, Any]) -> Dict[str, Any]:
    if group.get("zarr_format") != 2:
        raise InvalidRequestError("The Zarr group needs zarr_format 2 (\"Currently only version 2 is supported\").")
    origin = (group.get("coordinates") or {}).get("origin")
    if origin is not None and origin not in ZARR_ORIGINS:
        raise InvalidRequestError(f"The Zarr origin must be {' or '.join(ZARR_ORIGINS)}, not {origin!r}.")
    attributes = group.get("customAttributes")
    if attributes is not None and not isinstance(attributes, Mapping):
        raise InvalidRequestError("Zarr customAttributes must be an object of names and values.")
    return dict(group)


def _check_zarr_array(identifier: str, parameters: Mapping[str, Any], sample_type: Optional[str],
                      tile_size: Optional[Tuple[int, int]]) -> None:
    """OpenAPI ``BatchV2ZarrOutputArrayParameters`` for the array of one output."""
    missing = [name for name in ZARR_ARRAY_REQUIRED if name not in parameters]
    if missing:
        raise InvalidRequestError(
            f"The Zarr array '{identifier}' has no {', '.join(missing)}: set them in the array parameters (for "
            "every array) or in its override."
        )
    dtype = parameters["dtype"]
    if dtype not in ZARR_DTYPES:
        raise InvalidRequestError(f"The Zarr dtype {dtype!r} of '{identifier}' is not one of {', '.join(ZARR_DTYPES)}.")
    if sample_type in ZARR_DTYPES_BY_SAMPLE_TYPE and dtype not in ZARR_DTYPES_BY_SAMPLE_TYPE[sample_type]:
        allowed = ZARR_DTYPES_BY_SAMPLE_TYPE[sample_type]
        raise InvalidRequestError(
            f"The Zarr dtype {dtype} cannot hold output '{identifier}' (sampleType {sample_type}); use {allowed[0]} "
            f"(lossless) or one of {', '.join(allowed[1:])}."
        )
    if parameters["order"] != "C":
        raise InvalidRequestError(f"The Zarr order of '{identifier}' must be \"C\" (the only one supported).")
    chunks = parameters["chunks"]
    if not isinstance(chunks, (list, tuple)) or len(chunks) != 3 or \
            any(isinstance(value, bool) or not isinstance(value, int) or value < 1 for value in chunks):
        raise InvalidRequestError(f"The Zarr chunks of '{identifier}' must be three whole numbers [1, y, x], not "
                                  f"{chunks!r}.")
    if chunks[0] != 1:
        raise InvalidRequestError(f"The first Zarr chunk size (time) of '{identifier}' must be 1, not {chunks[0]}.")
    if tile_size is not None and (tile_size[0] % chunks[1] or tile_size[1] % chunks[2]):
        raise InvalidRequestError(
            f"The Zarr chunks {list(chunks)} of '{identifier}' must evenly divide the tile raster of "
            f"{tile_size[1]} × {tile_size[0]} px (e.g. {_divisor_near(tile_size[0], chunks[1])} × "
            f"{_divisor_near(tile_size[1], chunks[2])})."
        )
    _check_fill_value(identifier, parameters["fill_value"], dtype)


def _divisor_near(size: int, wanted: int) -> int:
    divisors = [value for value in range(1, size + 1) if size % value == 0]
    return min(divisors, key=lambda value: (abs(value - wanted), -value))


def _check_fill_value(identifier: str, value: Any, dtype: str) -> None:
    """"``fill_value`` must be representable by the array's ``dtype``" ("NaN" as in BatchV2/Migration.qmd)."""
    floating = dtype in _ZARR_FLOAT_DTYPES
    number = _number(value)
    if number is None or isinstance(value, bool):
        raise InvalidRequestError(f"The Zarr fill_value of '{identifier}' must be a number (or \"NaN\" for float "
                                  f"arrays), not {value!r}.")
    if floating:
        return
    bits = 8 if dtype[1] in "ui" and dtype.endswith("1") else 16
    low, high = (0, 2 ** bits - 1) if dtype[1] == "u" else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    if math.isnan(number) or not number.is_integer() or not low <= number <= high:
        raise InvalidRequestError(f"The Zarr fill_value {value!r} of '{identifier}' does not fit its dtype {dtype} "
                                  f"(whole numbers {low}..{high}).")


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _evalscript_info(evalscript: str) -> Optional[EvalscriptInfo]:
    """The evalscript's setup(), or None when it cannot be read here (the service will judge it)."""
    from .evalscript import EvalscriptError, read_evalscript

    try:
        return read_evalscript(evalscript)
    except EvalscriptError:
        raise
    except Exception:
        return None


def _check_outputs_against_evalscript(info: Optional[EvalscriptInfo], identifiers: Sequence[str]) -> None:
    known = [output.id for output in info.outputs] if info else []
    unknown = [identifier for identifier in identifiers if identifier not in known and identifier != "userdata"]
    if known and unknown:
        raise InvalidRequestError(
            f"Output {', '.join(repr(name) for name in unknown)} is not produced by the evalscript, whose setup() "
            f"declares {', '.join(repr(name) for name in known)}. Use those identifiers."
        )


def _cog_parameters(parameters: Dict[str, Any]) -> Dict[str, Any]:
    """OpenAPI ``BatchV2CogParameters``: names, enum of the resampling, integer and boolean types."""
    unknown = sorted(set(parameters) - set(COG_PARAMETERS))
    if unknown:
        raise InvalidRequestError(f"Unknown COG parameters: {', '.join(unknown)}. Known: {', '.join(COG_PARAMETERS)}.")
    algorithm = parameters.get("resamplingAlgorithm")
    if algorithm is not None and algorithm not in COG_RESAMPLING:
        raise InvalidRequestError(f"COG resampling must be one of {', '.join(COG_RESAMPLING)}.")
    for name in ("overviewMinSize", "blockxsize", "blockysize"):
        value = parameters.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise InvalidRequestError(f"The COG parameter {name} is a whole number of pixels (1 or more), not "
                                      f"{value!r}.")
    levels = parameters.get("overviewLevels")
    if levels is not None and (not isinstance(levels, (list, tuple)) or
                               any(isinstance(level, bool) or not isinstance(level, int) or level < 2
                                   for level in levels)):
        raise InvalidRequestError(f"COG overviewLevels are whole reduction factors of 2 or more (like [2, 4, 8]), "
                                  f"not {levels!r}.")
    if "usePredictor" in parameters and not isinstance(parameters["usePredictor"], bool):
        raise InvalidRequestError("The COG parameter usePredictor is true or false.")
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
