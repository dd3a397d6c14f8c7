"""The Batch v2 options of ``create_job`` and ``run_job`` (bucket access, output type and formats, COG, Zarr, BYOC,
instance type) and the own-polygons parameters they share with ``preview_tiles``: the same options as the New job
dock, read into the service layer's choices (``services.batch_options``)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ...core.batch_request import COG_RESAMPLING, INSTANCE_TYPES, ZARR_ORIGINS, BucketAccessMethod
from ...services.batch_options import (
    BYOC_CHOICES,
    BYOC_NONE,
    OUTPUT_TYPES,
    CogChoices,
    DeliveryChoices,
    ZarrChoices,
    output_formats,
    parse_assignments,
)
from ...services.compat import NUMBER_INTEGER, SOURCE_POLYGONS
from ...services.features import OwnFeatures, own_features_from_layer
from ...services.i18n import tr

ACCESS = "ACCESS"
IAM_ROLE_ARN = "IAM_ROLE_ARN"
GCS_KEY = "GCS_KEY"
OUTPUT_TYPE = "OUTPUT_TYPE"
OUTPUT_FORMATS = "OUTPUT_FORMATS"
COG_OVERVIEW_LEVELS = "COG_OVERVIEW_LEVELS"
COG_OVERVIEW_MIN_SIZE = "COG_OVERVIEW_MIN_SIZE"
COG_RESAMPLING_PARAMETER = "COG_RESAMPLING"
COG_BLOCK_X = "COG_BLOCK_X"
COG_BLOCK_Y = "COG_BLOCK_Y"
COG_PREDICTOR = "COG_PREDICTOR"
ZARR_CHUNK_SIZE = "ZARR_CHUNK_SIZE"
ZARR_DTYPES = "ZARR_DTYPES"
ZARR_FILL_VALUES = "ZARR_FILL_VALUES"
ZARR_ORIGIN = "ZARR_ORIGIN"
BYOC = "BYOC"
COLLECTION_ID = "COLLECTION_ID"
INSTANCE_TYPE = "INSTANCE_TYPE"
FEATURES = "FEATURES"
FEATURE_ID_FIELD = "FEATURE_ID_FIELD"
FEATURES_URL = "FEATURES_URL"

ACCESS_METHODS = tuple(method.value for method in BucketAccessMethod)
PREDICTOR_CHOICES = ("true", "false")


def options_help() -> str:
    """What the create/run algorithms say about their Batch v2 options."""
    return tr("Write access: the connection's S3 keys, an IAM role (sentinel-hub.com) or a Google Cloud Storage "
              "service-account key kept in the QGIS authentication database (sentinel-hub.com; the plugin then "
              "follows only the job's status). Output type raster (GeoTIFF, optionally COG with advanced options, "
              "TIFF or JSON per output) or zarr (grids 3, 6, 7 or own polygons in EPSG:4326/3035; dtypes, fill "
              "values, chunk and origin in the advanced options). Own polygons: a polygon layer whose features are "
              "the tiles, uploaded to the bucket as a GeoPackage; an area then only limits them. BYOC ingestion needs "
              "a bucket policy for Sentinel Hub as well. The instance type exists on CDSE only.")


def _enum(name: str, description: str, options: tuple, default: str, optional: bool = False
          ) -> QgsProcessingParameterEnum:
    """An enum parameter whose values are the API's own words (``--ACCESS=iam-role`` in qgis_process)."""
    return QgsProcessingParameterEnum(name, description, list(options), False, default, optional, True)


def add_delivery_option_parameters(algorithm: Any) -> None:
    """ACCESS … INSTANCE_TYPE (COG_OUTPUT, OVERWRITE and SKIP_EXISTING are the algorithm's own)."""
    algorithm.addParameter(_enum(ACCESS, tr("Write access (access-keys: the S3 keys of the connection; iam-role; "
                                            "gcs-service-account: Google Cloud Storage)"),
                                 ACCESS_METHODS, BucketAccessMethod.ACCESS_KEYS.value))
    algorithm.addParameter(QgsProcessingParameterString(
        IAM_ROLE_ARN, tr("IAM role ARN (access iam-role; sentinel-hub.com only)"), optional=True))
    algorithm.addParameter(QgsProcessingParameterAuthConfig(
        GCS_KEY, tr("Google Cloud Storage service-account key (authentication config; access gcs-service-account)"),
        optional=True))
    algorithm.addParameter(_enum(OUTPUT_TYPE, tr("Output type (raster: GeoTIFF files; zarr: one Zarr, grids 3, 6, 7 "
                                                 "or own polygons)"), OUTPUT_TYPES, OUTPUT_TYPES[0]))
    algorithm.add_advanced(QgsProcessingParameterString(
        OUTPUT_FORMATS, tr("Output formats (output=image/tiff or application/json, comma separated; others "
                           "image/tiff)"), optional=True))
    algorithm.add_advanced(QgsProcessingParameterString(
        COG_OVERVIEW_LEVELS, tr("COG overview levels (e.g. 2, 4, 8; empty: service default)"), optional=True))
    for name, label in ((COG_OVERVIEW_MIN_SIZE, tr("COG overview minimum size (px; 0: service default)")),
                        (COG_BLOCK_X, tr("COG block width (px; 0: service default)")),
                        (COG_BLOCK_Y, tr("COG block height (px; 0: service default)"))):
        algorithm.add_advanced(QgsProcessingParameterNumber(
            name, label, NUMBER_INTEGER, 0, minValue=0))
    algorithm.add_advanced(_enum(COG_RESAMPLING_PARAMETER, tr("COG overview resampling (empty: service default)"),
                                 COG_RESAMPLING, None, optional=True))
    algorithm.add_advanced(_enum(COG_PREDICTOR, tr("COG predictor (empty: service default)"), PREDICTOR_CHOICES,
                                 None, optional=True))
    algorithm.add_advanced(QgsProcessingParameterNumber(
        ZARR_CHUNK_SIZE, tr("Zarr chunk size (px in y and x; 0: the largest divisor of the tile up to 512)"),
        NUMBER_INTEGER, 0, minValue=0))
    algorithm.add_advanced(QgsProcessingParameterString(
        ZARR_DTYPES, tr("Zarr dtypes (output=dtype, comma separated; others: the lossless one for their sample "
                        "type)"), optional=True))
    algorithm.add_advanced(QgsProcessingParameterString(
        ZARR_FILL_VALUES, tr("Zarr fill values (output=value or NaN, comma separated; others: NaN or 0)"),
        optional=True))
    algorithm.add_advanced(_enum(ZARR_ORIGIN, tr("Zarr coordinate origin (empty: service default)"), ZARR_ORIGINS,
                                 None, optional=True))
    algorithm.add_advanced(_enum(BYOC, tr("Ingest into a BYOC collection (none, new, existing; the bucket also needs "
                                          "a policy for Sentinel Hub)"), BYOC_CHOICES, BYOC_NONE))
    algorithm.add_advanced(QgsProcessingParameterString(
        COLLECTION_ID, tr("BYOC collection id (BYOC existing)"), optional=True))
    algorithm.add_advanced(_enum(INSTANCE_TYPE, tr("Instance type (CDSE only; empty: service default)"),
                                 INSTANCE_TYPES, None, optional=True))


def add_features_parameters(algorithm: Any) -> None:
    """FEATURES and FEATURE_ID_FIELD: one's own polygons as the tiles, instead of the grid."""
    algorithm.addParameter(QgsProcessingParameterVectorLayer(
        FEATURES, tr("Own polygons as tiles, instead of the tiling grid (their CRS must be EPSG; the resolution is "
                     "in its units)"), [SOURCE_POLYGONS], optional=True))
    algorithm.addParameter(QgsProcessingParameterField(
        FEATURE_ID_FIELD, tr("Field naming the tiles (empty: the feature id)"), parentLayerParameterName=FEATURES,
        optional=True))


def add_features_location_parameter(algorithm: Any) -> None:
    algorithm.add_advanced(QgsProcessingParameterString(
        FEATURES_URL, tr("Where to upload the polygons (s3://bucket/…/name.gpkg; empty: "
                         "s3://<output bucket>/sentinelhub-batch-features/…)"), optional=True))


def read_own_features(algorithm: Any, parameters: Dict[str, Any],
                      context: QgsProcessingContext) -> Optional[OwnFeatures]:
    """The polygons of FEATURES, or None when the job uses the tiling grid."""
    if not parameters.get(FEATURES):
        return None
    layer = algorithm.parameterAsVectorLayer(parameters, FEATURES, context)
    if layer is None:
        raise QgsProcessingException(tr("The polygon layer of your tiles could not be opened."))
    return own_features_from_layer(layer, algorithm.parameterAsString(parameters, FEATURE_ID_FIELD, context))


def read_delivery_choices(algorithm: Any, parameters: Dict[str, Any], context: QgsProcessingContext, url: str,
                          cog_output: bool, overwrite: bool, skip_existing: bool) -> DeliveryChoices:
    def text(name: str) -> str:
        return algorithm.parameterAsString(parameters, name, context).strip()

    def number(name: str) -> int:
        return algorithm.parameterAsInt(parameters, name, context)

    predictor = algorithm.parameterAsEnumString(parameters, COG_PREDICTOR, context)
    return DeliveryChoices(
        url=url,
        access=BucketAccessMethod(algorithm.parameterAsEnumString(parameters, ACCESS, context)
                                  or BucketAccessMethod.ACCESS_KEYS.value),
        iam_role_arn=text(IAM_ROLE_ARN),
        service_account_auth_id=text(GCS_KEY),
        output_type=algorithm.parameterAsEnumString(parameters, OUTPUT_TYPE, context) or OUTPUT_TYPES[0],
        cog_output=cog_output,
        cog=CogChoices(text(COG_OVERVIEW_LEVELS), number(COG_OVERVIEW_MIN_SIZE),
                       algorithm.parameterAsEnumString(parameters, COG_RESAMPLING_PARAMETER, context),
                       number(COG_BLOCK_X), number(COG_BLOCK_Y),
                       None if not predictor else predictor == "true"),
        overwrite=overwrite,
        skip_existing=skip_existing,
        zarr=ZarrChoices(number(ZARR_CHUNK_SIZE), parse_assignments(text(ZARR_DTYPES), tr("Zarr dtypes")),
                         parse_assignments(text(ZARR_FILL_VALUES), tr("Zarr fill values")),
                         algorithm.parameterAsEnumString(parameters, ZARR_ORIGIN, context)),
        byoc=algorithm.parameterAsEnumString(parameters, BYOC, context) or BYOC_NONE,
        collection_id=text(COLLECTION_ID),
        instance_type=algorithm.parameterAsEnumString(parameters, INSTANCE_TYPE, context),
    )


def read_output_formats(algorithm: Any, parameters: Dict[str, Any], context: QgsProcessingContext) -> Dict[str, str]:
    return output_formats(parse_assignments(algorithm.parameterAsString(parameters, OUTPUT_FORMATS, context),
                                            tr("Output formats")))
