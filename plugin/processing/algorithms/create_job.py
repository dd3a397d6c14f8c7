"""``create_job``: send a batch request (area, evalscript, grid, time range, S3 delivery); it is not started."""

from __future__ import annotations

from typing import Any, Dict, List

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ...core.batch_request import OutputSpec
from ...core.errors import InvalidRequestError
from ...core.spending import SpendingEstimate, check_batch_spending
from ...services.batch_options import PreparedJob, byoc_bucket_policy_note, prepare_job, send_job
from ...services.jobs import start_job
from ...services.preview import format_pu
from . import job_options
from .base import (
    AREA,
    MAX_CLOUD_COVERAGE,
    RESOLUTION,
    BatchAlgorithm,
    add_spending_limit_parameter,
    raise_limit_help,
    spending_limit,
    split_names,
    tr,
)
from .job_options import (
    FEATURES_URL,
    add_delivery_option_parameters,
    add_features_location_parameter,
    read_delivery_choices,
    read_output_formats,
)
from .preview_tiles import compute_tiles_and_cost, report_cost

OUTPUTS = "OUTPUTS"
DELIVERY_URL = "DELIVERY_URL"
DESCRIPTION = "DESCRIPTION"
MOSAICKING_ORDER = "MOSAICKING_ORDER"
COG_OUTPUT = "COG_OUTPUT"
OVERWRITE = "OVERWRITE"
SKIP_EXISTING = "SKIP_EXISTING"

OPTION_PARAMETERS = {
    "access": job_options.ACCESS, "iam_role_arn": job_options.IAM_ROLE_ARN, "service_account_key": job_options.GCS_KEY,
    "output_type": job_options.OUTPUT_TYPE, "output_formats": job_options.OUTPUT_FORMATS, "cog_output": COG_OUTPUT,
    "overwrite": OVERWRITE, "skip_existing": SKIP_EXISTING,
    "cog_overview_levels": job_options.COG_OVERVIEW_LEVELS, "cog_overview_min_size": job_options.COG_OVERVIEW_MIN_SIZE,
    "cog_resampling": job_options.COG_RESAMPLING_PARAMETER, "cog_block_x": job_options.COG_BLOCK_X,
    "cog_block_y": job_options.COG_BLOCK_Y, "cog_predictor": job_options.COG_PREDICTOR,
    "zarr_chunk_size": job_options.ZARR_CHUNK_SIZE, "zarr_dtypes": job_options.ZARR_DTYPES,
    "zarr_fill_values": job_options.ZARR_FILL_VALUES, "zarr_origin": job_options.ZARR_ORIGIN,
    "byoc": job_options.BYOC, "collection_id": job_options.COLLECTION_ID, "instance_type": job_options.INSTANCE_TYPE,
    "features": job_options.FEATURES, "feature_identifier": job_options.FEATURE_ID_FIELD,
    "feature_resolution": RESOLUTION, "features_url": FEATURES_URL, "area_limits_features": AREA,
}
"""The parameter of each of ``services.batch_options.JOB_OPTIONS`` (the New job dock offers the same)."""

JOB_ID_OUTPUT = "JOB_ID"
STATUS = "STATUS"
PU_ESTIMATE = "PU_ESTIMATE"
PU_CHARGED = "PU_CHARGED"
START = "START"


class CreateJobAlgorithm(BatchAlgorithm):
    algorithm_id = "create_job"

    def displayName(self) -> str:
        return tr("Create batch job")

    def shortHelpString(self) -> str:
        return tr("Sends a batch processing request to Sentinel Hub: the area, evalscript, data collection and time "
                  "range, tiled by the chosen grid, with the outputs delivered to your S3 bucket. The job is created, "
                  "not started unless you tick 'Start', and then only when its estimate is within the spending "
                  "limit (the connection's, or MAX_PU); 'Start batch job' starts it later, 'Run batch job' does "
                  "everything at once. The tile count and cost estimate are printed first. Outputs empty: every "
                  "output of the evalscript's setup().") + " " + job_options.options_help()

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_request_parameters()
        self.add_connection_parameter()
        self.add_start_parameters()
        self.add_job_outputs()

    def add_start_parameters(self) -> None:
        """The spending guard of a run that starts the job: START (create_job only) and MAX_PU."""
        self.addParameter(QgsProcessingParameterBoolean(START, tr("Start the job once it is created"), False))
        add_spending_limit_parameter(self)

    def will_start(self, parameters: Dict[str, Any], context: QgsProcessingContext) -> bool:
        return self.parameterAsBool(parameters, START, context)

    def add_job_request_parameters(self) -> None:
        self.add_request_parameters()
        self.addParameter(QgsProcessingParameterString(
            DELIVERY_URL, tr("Output location in S3 (s3://bucket/folder, or a path template)")))
        self.addParameter(QgsProcessingParameterString(
            OUTPUTS, tr("Output identifiers, comma separated (empty: all outputs of the evalscript)"), optional=True))
        self.addParameter(QgsProcessingParameterString(DESCRIPTION, tr("Description"), optional=True))
        self.add_max_cloud_coverage_parameter()
        self.add_advanced(QgsProcessingParameterString(
            MOSAICKING_ORDER, tr("Mosaicking order (mostRecent, leastRecent, leastCC)"), optional=True))
        self.add_advanced(QgsProcessingParameterBoolean(COG_OUTPUT, tr("Cloud-optimised GeoTIFFs"), True))
        self.add_advanced(QgsProcessingParameterBoolean(OVERWRITE, tr("Overwrite existing outputs"), False))
        self.add_advanced(QgsProcessingParameterBoolean(SKIP_EXISTING, tr("Skip tiles whose outputs exist"), False))
        add_delivery_option_parameters(self)
        add_features_location_parameter(self)

    def add_job_outputs(self) -> None:
        self.addOutput(QgsProcessingOutputString(JOB_ID_OUTPUT, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS, tr("Status")))
        self.addOutput(QgsProcessingOutputNumber(PU_ESTIMATE, tr("Processing units before the batch discount")))
        self.addOutput(QgsProcessingOutputNumber(PU_CHARGED, tr("Processing units charged")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection = self.connection(parameters, context)
        task, cost = self.create(parameters, context, feedback, connection)
        if self.will_start(parameters, context):
            task = self.start(parameters, context, feedback, connection, task, cost)
        return {JOB_ID_OUTPUT: task.id, STATUS: task.status_text, PU_ESTIMATE: cost.estimate_pu,
                PU_CHARGED: cost.charged_pu}

    def start(self, parameters: Dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback,
              connection: Any, task: Any, cost: Any) -> Any:
        """Start the job just created, within the spending limit its estimate was checked against."""
        client = self.activity.batch_client(connection)
        started = start_job(client, task.id, spending_limit(self, parameters, context, connection.spending_limit_pu),
                            how_to_raise=raise_limit_help(), estimate=SpendingEstimate.of(cost))
        feedback.pushInfo(tr("Started job {id}.").format(id=task.id))
        return started

    def create(self, parameters: Dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback,
               connection: Any) -> Any:
        """Build, check and send the request; returns (task, cost estimate)."""
        inputs = self.request_inputs(parameters, context)
        if inputs.area_repaired:
            feedback.pushWarning(tr("Invalid polygons of the area were repaired."))
        client = self.activity.batch_client(connection)
        grid = self.resolve_grid(client, inputs, feedback) if inputs.features is None else None
        tiles, info, cost = compute_tiles_and_cost(inputs, grid)
        report_cost(feedback, tiles, cost)
        if self.will_start(parameters, context):
            limit = spending_limit(self, parameters, context, connection.spending_limit_pu)
            check_batch_spending(SpendingEstimate.of(cost), limit, how_to_raise=raise_limit_help())
        output_ids = self.output_ids(parameters, context, info)
        prepared = self.prepare_job(parameters, context, inputs, info, tiles, output_ids, connection)
        if prepared.body["output"].get("createCollection") or prepared.body["output"].get("collectionId"):
            feedback.pushWarning(byoc_bucket_policy_note())
        if feedback.isCanceled():
            raise InvalidRequestError(tr("Cancelled before the request was sent; no job was created."))
        if prepared.upload is not None:
            feedback.pushInfo(tr("Uploading {count} polygon(s) to {url}…").format(
                count=len(prepared.upload.features), url=prepared.upload.url))
        feedback.pushInfo(tr("Creating the batch job ({outputs}) at {url}…").format(
            outputs=", ".join(output_ids), url=connection.deployment.base_url))
        s3 = self.activity.s3_client(connection) if prepared.upload is not None else None
        task = send_job(client, s3, prepared.body, prepared.upload)
        feedback.pushInfo(tr("Job id: {id}").format(id=task.id))
        feedback.pushInfo(tr("Status: {status}").format(status=task.status_summary()))
        feedback.pushInfo(tr("Expected cost: {pu} PU charged").format(pu=format_pu(cost.charged_pu)))
        return task, cost

    def prepare_job(self, parameters: Dict[str, Any], context: QgsProcessingContext, inputs: Any, info: Any,
                    tiles: List[Any], output_ids: List[str], connection: Any) -> PreparedJob:
        """The checked request (and the polygons to upload) from the parameters, as the New job dock makes it."""
        formats = read_output_formats(self, parameters, context)
        unknown = sorted(set(formats) - set(output_ids))
        if unknown:
            raise InvalidRequestError(tr("Output formats are given for outputs the job does not have: {names}.")
                                      .format(names=", ".join(unknown)))
        base = dict(
            area=inputs.area,
            area_crs=inputs.area_crs,
            evalscript=inputs.evalscript,
            time_from=inputs.time_from,
            time_to=inputs.time_to,
            outputs=[OutputSpec(identifier, formats.get(identifier)) for identifier in output_ids],
            data_collection=inputs.data_collection,
            max_cloud_coverage=self.optional_number(parameters, MAX_CLOUD_COVERAGE, context),
            mosaicking_order=self.parameterAsString(parameters, MOSAICKING_ORDER, context).strip() or None,
            grid_id=inputs.grid_id,
            resolution=inputs.resolution,
            buffer_x=inputs.buffer_x,
            buffer_y=inputs.buffer_y,
            description=self.parameterAsString(parameters, DESCRIPTION, context).strip(),
        )
        choices = read_delivery_choices(
            self, parameters, context, self.parameterAsString(parameters, DELIVERY_URL, context).strip(),
            cog_output=self.parameterAsBool(parameters, COG_OUTPUT, context),
            overwrite=self.parameterAsBool(parameters, OVERWRITE, context),
            skip_existing=self.parameterAsBool(parameters, SKIP_EXISTING, context))
        return prepare_job(base, choices, connection, info, tiles, inputs.features,
                           self.parameterAsString(parameters, FEATURES_URL, context))

    def output_ids(self, parameters: Dict[str, Any], context: QgsProcessingContext, info: Any) -> List[str]:
        return split_names(self.parameterAsString(parameters, OUTPUTS, context)) or list(info.output_ids)

