"""The Batch v2 choices of a job beyond its area, data and grid, read the same way for the New job dock and the
Processing algorithms: bucket access, output type and formats, COG options, Zarr arrays, BYOC ingestion, instance
type, and one's own polygons as tiles.

Both shells offer exactly :data:`JOB_OPTIONS` (the dock maps each to a widget, the algorithms to a parameter; a test
compares them) and turn the user's choices into :class:`~..core.batch_request.BatchJobSpec` fields with
:func:`delivery_fields` and :func:`own_features_input`; the request is then built with the connection's deployment,
so what only one deployment accepts is refused before sending. Secrets never sit in the choices: the S3 keys come
from the connection, the Google service-account key from the QGIS authentication database by its config id.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..core.batch_request import (
    COG_RESAMPLING,
    INSTANCE_TYPES,
    OUTPUT_FORMATS,
    OUTPUT_TYPE_RASTER,
    OUTPUT_TYPE_ZARR,
    ZARR_DTYPES,
    ZARR_DTYPES_BY_SAMPLE_TYPE,
    ZARR_ORIGINS,
    BucketAccess,
    BucketAccessMethod,
    BucketLocation,
    GeoPackageInput,
    ZarrOutputSpec,
)
from ..core.errors import InvalidRequestError
from ..core.geopackage import GeoPackageFeature, upload_features_geopackage
from ..core.storage import parse_object_url
from .connection import read_service_account_key
from .i18n import tr

JOB_OPTIONS = (
    "access", "iam_role_arn", "service_account_key",
    "output_type", "output_formats", "cog_output", "overwrite", "skip_existing",
    "cog_overview_levels", "cog_overview_min_size", "cog_resampling", "cog_block_x", "cog_block_y", "cog_predictor",
    "zarr_chunk_size", "zarr_dtypes", "zarr_fill_values", "zarr_origin",
    "byoc", "collection_id", "instance_type",
    "features", "feature_identifier", "feature_resolution", "features_url", "area_limits_features",
)
"""The v2 options both the New job dock and the create/run algorithms offer, by name."""

OUTPUT_TYPES = (OUTPUT_TYPE_RASTER, OUTPUT_TYPE_ZARR)
BYOC_NONE, BYOC_NEW, BYOC_EXISTING = "none", "new", "existing"
BYOC_CHOICES = (BYOC_NONE, BYOC_NEW, BYOC_EXISTING)
FEATURES_FOLDER = "sentinelhub-batch-features"
"""Where an uploaded GeoPackage of one's own polygons goes in the output bucket, unless a location is given (outside
the output folder: a Zarr output fails when its folder holds any file)."""
ZARR_AUTO_CHUNK_LIMIT = 512
"""The automatic Zarr chunk is the largest divisor of the tile sizes up to this many pixels."""
_FLOAT_DTYPES = tuple(dtype for dtype in ZARR_DTYPES if dtype[1] == "f")


def access_label(method: BucketAccessMethod) -> str:
    """The translated name of an access method, as both shells show it."""
    return {
        BucketAccessMethod.ACCESS_KEYS: tr("My S3 keys (from the connection settings)"),
        BucketAccessMethod.IAM_ROLE: tr("IAM role"),
        BucketAccessMethod.GCS_SERVICE_ACCOUNT: tr("Google Cloud Storage service-account key"),
    }[method]


def byoc_bucket_policy_note() -> str:
    """BatchV2.qmd "Mandatory bucket settings": access keys or a role are not enough for the ingestion."""
    return tr("BYOC ingestion reads the results with Sentinel Hub's own account: whatever access you give above, the "
              "bucket also needs a bucket policy that lets Sentinel Hub read it (see 'AWS bucket settings' in the "
              "BYOC documentation), or the analysis fails.")


# ----------------------------------------------------------------------------------------------- the choices


@dataclass
class CogChoices:
    """``cogParameters``; empty or zero values leave a parameter to the service."""

    overview_levels: str = ""
    """Reduction factors, comma separated (``2, 4, 8``)."""
    overview_min_size: int = 0
    resampling: str = ""
    block_x: int = 0
    block_y: int = 0
    predictor: Optional[bool] = None


@dataclass
class ZarrChoices:
    chunk_size: int = 0
    """Pixels per chunk in y and x; 0 = the largest divisor of the tile size up to 512."""
    dtypes: Dict[str, str] = field(default_factory=dict)
    """Per output; missing ones take the dtype recommended for their sample type."""
    fill_values: Dict[str, str] = field(default_factory=dict)
    """Per output, as typed (``NaN`` or a number); missing ones: NaN for floats, 0 for integers."""
    origin: str = ""
    """``topLeft`` or ``bottomLeft``; empty: the service's (top left)."""


@dataclass
class DeliveryChoices:
    """Where and how the outputs are written, as the user chose it (no secrets)."""

    url: str
    access: BucketAccessMethod = BucketAccessMethod.ACCESS_KEYS
    iam_role_arn: str = ""
    service_account_auth_id: str = ""
    """The QGIS authentication config holding the Google service-account key."""
    output_type: str = OUTPUT_TYPE_RASTER
    cog_output: bool = True
    cog: CogChoices = field(default_factory=CogChoices)
    overwrite: bool = False
    skip_existing: bool = False
    zarr: ZarrChoices = field(default_factory=ZarrChoices)
    byoc: str = BYOC_NONE
    collection_id: str = ""
    instance_type: str = ""


# ----------------------------------------------------------------------------------------------- reading them


def bucket_access(method: BucketAccessMethod, connection: Any, iam_role_arn: str = "",
                  service_account_auth_id: str = "") -> BucketAccess:
    """The access the service gets to the bucket; a clear message, before anything is sent, when it is missing."""
    if method is BucketAccessMethod.IAM_ROLE:
        if not iam_role_arn.strip():
            raise InvalidRequestError(tr("Enter the ARN of the IAM role the service may assume to write to the bucket "
                                         "(arn:aws:iam::<account>:role/<name>), or choose another access."))
        return BucketAccess.with_iam_role(iam_role_arn)
    if method is BucketAccessMethod.GCS_SERVICE_ACCOUNT:
        return BucketAccess.with_service_account_key(read_service_account_key(service_account_auth_id))
    if connection is None or not (connection.s3.access_key and connection.s3.secret_key):
        raise InvalidRequestError(tr("The service should write with your S3 keys, but none are set. Add them in the "
                                     "connection settings, or choose another write access."))
    return BucketAccess.with_keys(connection.s3.access_key, connection.s3.secret_key)


def cog_parameters(choices: CogChoices) -> Optional[Dict[str, Any]]:
    """``cogParameters`` of the choices (None when all are left to the service)."""
    parameters: Dict[str, Any] = {}
    text = choices.overview_levels.strip()
    if text:
        try:
            parameters["overviewLevels"] = [int(part) for part in re.split(r"[,;\s]+", text) if part]
        except ValueError:
            raise InvalidRequestError(tr("COG overview levels are whole numbers separated by commas, like 2, 4, 8; "
                                         "not '{text}'.").format(text=text)) from None
    for name, value in (("overviewMinSize", choices.overview_min_size), ("blockxsize", choices.block_x),
                        ("blockysize", choices.block_y)):
        if value:
            parameters[name] = int(value)
    if choices.resampling:
        if choices.resampling not in COG_RESAMPLING:
            raise InvalidRequestError(tr("COG resampling must be one of {names}.").format(names=", ".join(
                COG_RESAMPLING)))
        parameters["resamplingAlgorithm"] = choices.resampling
    if choices.predictor is not None:
        parameters["usePredictor"] = bool(choices.predictor)
    return parameters or None


def ingestion(byoc: str, collection_id: str) -> Tuple[bool, Optional[str]]:
    """(``createCollection``, ``collectionId``) of a BYOC choice."""
    if byoc == BYOC_NEW:
        return True, None
    if byoc == BYOC_EXISTING:
        if not collection_id.strip():
            raise InvalidRequestError(tr("Enter the id of the BYOC collection to ingest into (a UUID from the "
                                         "collection's page), or choose a new collection."))
        return False, collection_id.strip()
    if byoc != BYOC_NONE:
        raise InvalidRequestError(tr("BYOC ingestion is one of: {choices}.").format(choices=", ".join(BYOC_CHOICES)))
    return False, None


def recommended_zarr_dtype(sample_type: str) -> str:
    return ZARR_DTYPES_BY_SAMPLE_TYPE.get((sample_type or "AUTO").upper(), ZARR_DTYPES_BY_SAMPLE_TYPE["AUTO"])[0]


def zarr_dtype_choices(sample_type: str) -> Tuple[str, ...]:
    """The dtypes an output of this sample type may be stored as, the recommended (lossless) one first."""
    return ZARR_DTYPES_BY_SAMPLE_TYPE.get((sample_type or "AUTO").upper(), ZARR_DTYPES_BY_SAMPLE_TYPE["AUTO"])


def default_fill_value(dtype: str) -> str:
    return "NaN" if dtype in _FLOAT_DTYPES else "0"


def auto_zarr_chunk(tile_sizes: Sequence[Tuple[int, int]]) -> int:
    """The largest chunk (up to 512 px) that evenly divides every tile raster ``(height, width)``."""
    common = 0
    for height, width in tile_sizes:
        common = math.gcd(common, math.gcd(int(height), int(width)))
    if common <= 0:
        return ZARR_AUTO_CHUNK_LIMIT
    return max(divisor for divisor in range(1, min(common, ZARR_AUTO_CHUNK_LIMIT) + 1) if common % divisor == 0)


def zarr_output(choices: ZarrChoices, outputs: Sequence[Tuple[str, str]],
                tile_sizes: Sequence[Tuple[int, int]]) -> ZarrOutputSpec:
    """The Zarr arrays of ``outputs`` (``(identifier, sample type)``): the first output's dtype and fill value
    are the array parameters, outputs that differ get an override."""
    if not outputs:
        raise InvalidRequestError(tr("The evalscript declares no outputs to store as Zarr arrays."))
    unknown = sorted(set(choices.dtypes) - {identifier for identifier, _ in outputs})
    if unknown:
        raise InvalidRequestError(tr("Zarr dtypes are given for outputs the job does not have: {names}.").format(
            names=", ".join(unknown)))
    chunk = int(choices.chunk_size) or auto_zarr_chunk(tile_sizes)
    arrays = []
    for identifier, sample_type in outputs:
        dtype = choices.dtypes.get(identifier) or recommended_zarr_dtype(sample_type)
        fill = choices.fill_values.get(identifier, "").strip() or default_fill_value(dtype)
        arrays.append((identifier, {"dtype": dtype, "fill_value": _fill_value(identifier, fill)}))
    first = arrays[0][1]
    parameters = {**first, "order": "C", "chunks": [1, chunk, chunk]}
    overrides = {identifier: values for identifier, values in arrays[1:] if values != first}
    group: Dict[str, Any] = {"zarr_format": 2}
    if choices.origin:
        if choices.origin not in ZARR_ORIGINS:
            raise InvalidRequestError(tr("The Zarr origin is {origins}.").format(origins=" or ".join(ZARR_ORIGINS)))
        group["coordinates"] = {"origin": choices.origin}
    return ZarrOutputSpec(parameters, overrides, group)


def _fill_value(identifier: str, text: str) -> Any:
    if text.lower() == "nan":
        return "NaN"
    try:
        number = float(text)
    except ValueError:
        raise InvalidRequestError(tr("The Zarr fill value of '{output}' is a number or NaN, not '{text}'.").format(
            output=identifier, text=text)) from None
    return int(number) if number.is_integer() else number


def parse_assignments(text: str, what: str) -> Dict[str, str]:
    """``"ndvi=<f4, mask=|u1"`` → ``{"ndvi": "<f4", "mask": "|u1"}`` (Processing's per-output values)."""
    values: Dict[str, str] = {}
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        name, equals, value = part.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise InvalidRequestError(tr("{what} are written output=value, separated by commas (like "
                                         "ndvi=<f4, mask=|u1); '{part}' is not.").format(what=what, part=part.strip()))
        values[name.strip()] = value.strip()
    return values


def output_formats(formats: Mapping[str, str]) -> Dict[str, str]:
    """Per-output formats, checked against what a raster batch output writes (TIFF or JSON)."""
    wrong = {name: value for name, value in formats.items() if value not in OUTPUT_FORMATS}
    if wrong:
        name, value = next(iter(wrong.items()))
        raise InvalidRequestError(tr("The format '{format}' of output '{output}' is not one a batch job writes; use "
                                     "{formats}.").format(format=value, output=name, formats=" or ".join(
                                         OUTPUT_FORMATS)))
    return dict(formats)


def delivery_fields(choices: DeliveryChoices, connection: Any, outputs: Sequence[Tuple[str, str]],
                    tile_sizes: Sequence[Tuple[int, int]] = ()) -> Dict[str, Any]:
    """The BatchJobSpec fields of the delivery choices: ``delivery``, ``output_type``, COG, overwrite/skip,
    ``zarr`` (``outputs``: ``(identifier, sample type)``; ``tile_sizes``: the tile rasters, for the automatic
    chunk), BYOC and instance type."""
    url = choices.url.strip()
    if not url:
        raise InvalidRequestError(tr("Enter the output location (s3://bucket/folder, or gs://bucket/folder for "
                                     "Google Cloud Storage)."))
    access = bucket_access(choices.access, connection, choices.iam_role_arn, choices.service_account_auth_id)
    scheme, _bucket, _key = parse_object_url(url, tr("output location"))
    region = connection.s3.region if scheme == "s3" and connection is not None and connection.s3.region else None
    if choices.output_type not in OUTPUT_TYPES:
        raise InvalidRequestError(tr("The output type is raster (GeoTIFF files) or zarr, not '{type}'.").format(
            type=choices.output_type))
    zarr = choices.output_type == OUTPUT_TYPE_ZARR
    create_collection, collection_id = ingestion(choices.byoc, choices.collection_id)
    if choices.instance_type and choices.instance_type not in INSTANCE_TYPES:
        raise InvalidRequestError(tr("The instance type is {types}.").format(types=" or ".join(INSTANCE_TYPES)))
    return {
        "delivery": BucketLocation(url, access, region=region),
        "output_type": choices.output_type,
        "cog_output": bool(choices.cog_output) and not zarr,
        "cog_parameters": None if zarr else cog_parameters(choices.cog),
        "overwrite": bool(choices.overwrite),
        "skip_existing": bool(choices.skip_existing),
        "zarr": zarr_output(choices.zarr, outputs, tile_sizes) if zarr else None,
        "create_collection": create_collection,
        "collection_id": collection_id,
        "instance_type": choices.instance_type or None,
    }


# ----------------------------------------------------------------------------------------------- own features


@dataclass
class FeaturesUpload:
    """The GeoPackage of one's own polygons to put in the bucket before the job is created."""

    url: str
    features: List[GeoPackageFeature]


def features_url_for(output_url: str, features_url: str, layer_name: str) -> str:
    """Where the polygons' GeoPackage goes: the given ``s3://…/name.gpkg``, else a new object in the output bucket
    under ``sentinelhub-batch-features/``."""
    if features_url.strip():
        return features_url.strip()
    scheme, bucket, _key = parse_object_url(output_url, tr("output location"))
    if scheme != "s3":
        raise InvalidRequestError(tr("Your polygons are uploaded to S3 for the service to read, and the output is "
                                     "not in S3: enter an s3://bucket/…/name.gpkg location for them."))
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", layer_name).strip("-") or "features"
    return f"s3://{bucket}/{FEATURES_FOLDER}/{name}-{uuid.uuid4().hex[:12]}.gpkg"


def own_features_input(features: Sequence[GeoPackageFeature], url: str, delivery_access: BucketAccess,
                       connection: Any) -> Tuple[GeoPackageInput, FeaturesUpload]:
    """The GeoPackage input of the features at ``url`` and its upload. The service reads it with the output's
    access when that is an S3 one, else with the connection's S3 keys."""
    if delivery_access.method.url_scheme == "s3":
        access = delivery_access
    else:
        access = bucket_access(BucketAccessMethod.ACCESS_KEYS, connection)
    epsg_codes = tuple(sorted({feature.epsg for feature in features}))
    location = BucketLocation(url, access, region=connection.s3.region if connection is not None else None)
    return GeoPackageInput(location, feature_epsg_codes=epsg_codes), FeaturesUpload(url, list(features))


def upload_features(s3: Any, upload: Optional[FeaturesUpload]) -> None:
    """Put the features' GeoPackage in the bucket (with the plugin's S3 keys), when the job has one."""
    if upload is None:
        return
    if s3 is None:
        raise InvalidRequestError(tr("Your polygons must be uploaded to the bucket, which needs the S3 keys of the "
                                     "connection. Add them in the connection settings."))
    upload_features_geopackage(s3, upload.url, upload.features)


@dataclass
class PreparedJob:
    """A checked request body, and the polygons' GeoPackage to upload before it is sent (own polygons only)."""

    body: Dict[str, Any]
    upload: Optional[FeaturesUpload] = None


def prepare_job(base: Mapping[str, Any], choices: DeliveryChoices, connection: Any, info: Any,
                tiles: Sequence[Any] = (), own_features: Any = None, features_url: str = "") -> PreparedJob:
    """The request both shells send: ``base`` holds the BatchJobSpec fields of area, data, evalscript, outputs and
    grid; ``choices`` the delivery; ``info`` the evalscript's setup() (sample types of Zarr arrays); ``tiles`` the
    previewed tiles (the automatic Zarr chunk); ``own_features`` (``features.OwnFeatures``) replaces the grid.
    Built for the connection's deployment, so what it does not accept is refused here, before sending."""
    from ..core.batch_request import BatchJobSpec, build_batch_request
    from .features import sized_features

    sample_types = {output.id: output.sample_type for output in (info.outputs if info is not None else ())}
    outputs = [(spec.identifier, sample_types.get(spec.identifier, "AUTO")) for spec in base["outputs"]]
    tile_sizes = sorted({(int(tile.buffered_height), int(tile.buffered_width)) for tile in tiles})
    fields = delivery_fields(choices, connection, outputs, tile_sizes)
    upload = None
    if own_features is not None:
        features = sized_features(own_features, base["resolution"], base.get("area"), base.get("area_crs"))
        url = features_url_for(choices.url, features_url, own_features.layer_name)
        fields["features"], upload = own_features_input(features, url, fields["delivery"].access, connection)
    spec = BatchJobSpec(**base, **fields)
    return PreparedJob(build_batch_request(spec, deployment=connection.deployment), upload)


def send_job(client: Any, s3: Any, body: Mapping[str, Any], upload: Optional[FeaturesUpload] = None) -> Any:
    """Upload the polygons' GeoPackage (when the job has one), then create the job; off the GUI thread. Nothing is
    created when the upload fails."""
    from .jobs import create_job

    upload_features(s3, upload)
    return create_job(client, body)
