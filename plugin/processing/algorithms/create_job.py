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

from ...core.errors import InvalidRequestError
from ...services.jobs import create_job
from ...services.preview import format_pu
from .base import MAX_CLOUD_COVERAGE, BatchAlgorithm, split_names, tr
from .preview_tiles import compute_tiles_and_cost, report_cost

OUTPUTS = "OUTPUTS"
DELIVERY_URL = "DELIVERY_URL"
DESCRIPTION = "DESCRIPTION"
MOSAICKING_ORDER = "MOSAICKING_ORDER"
COG_OUTPUT = "COG_OUTPUT"
OVERWRITE = "OVERWRITE"
SKIP_EXISTING = "SKIP_EXISTING"

JOB_ID_OUTPUT = "JOB_ID"
STATUS = "STATUS"
PU_ESTIMATE = "PU_ESTIMATE"
PU_CHARGED = "PU_CHARGED"


class CreateJobAlgorithm(BatchAlgorithm):
    algorithm_id = "create_job"

    def displayName(self) -> str:
        return tr("Create batch job")

    def shortHelpString(self) -> str:
        return tr("Sends a batch processing request to Sentinel Hub: the area, evalscript, data collection and time "
                  "range, tiled by the chosen grid, with the outputs delivered to your S3 bucket. The job is created, "
                  "not started (use 'Start batch job', or 'Run batch job' to do everything at once). The tile count "
                  "and cost estimate are printed first. Outputs empty: every output of the evalscript's setup().")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_request_parameters()
        self.add_connection_parameter()
        self.add_job_outputs()

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

    def add_job_outputs(self) -> None:
        self.addOutput(QgsProcessingOutputString(JOB_ID_OUTPUT, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS, tr("Status")))
        self.addOutput(QgsProcessingOutputNumber(PU_ESTIMATE, tr("Processing units before the batch discount")))
        self.addOutput(QgsProcessingOutputNumber(PU_CHARGED, tr("Processing units charged")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection = self.connection(parameters, context)
        task, cost = self.create(parameters, context, feedback, connection)
        return {JOB_ID_OUTPUT: task.id, STATUS: task.status_text, PU_ESTIMATE: cost.estimate_pu,
                PU_CHARGED: cost.charged_pu}

    def create(self, parameters: Dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback,
               connection: Any) -> Any:
        """Build, check and send the request; returns (task, cost estimate)."""
        from ...core.batch_request import BatchJobSpec, BucketAccess, BucketLocation, OutputSpec, build_batch_request

        inputs = self.request_inputs(parameters, context)
        if inputs.area_repaired:
            feedback.pushWarning(tr("Invalid polygons of the area were repaired."))
        client = self.activity.batch_client(connection)
        tiles, info, cost = compute_tiles_and_cost(inputs, self.resolve_grid(client, inputs, feedback))
        report_cost(feedback, tiles, cost)
        output_ids = self.output_ids(parameters, context, info)
        spec = BatchJobSpec(
            area=inputs.area,
            area_crs=inputs.area_crs,
            evalscript=inputs.evalscript,
            delivery=BucketLocation(
                self.parameterAsString(parameters, DELIVERY_URL, context).strip(),
                BucketAccess.with_keys(connection.s3.access_key, connection.s3.secret_key)
                if connection.s3.access_key else None,
                region=connection.s3.region or None,
            ),
            time_from=inputs.time_from,
            time_to=inputs.time_to,
            outputs=[OutputSpec(identifier) for identifier in output_ids],
            data_collection=inputs.data_collection,
            max_cloud_coverage=self.optional_number(parameters, MAX_CLOUD_COVERAGE, context),
            mosaicking_order=self.parameterAsString(parameters, MOSAICKING_ORDER, context).strip() or None,
            grid_id=inputs.grid_id,
            resolution=inputs.resolution,
            buffer_x=inputs.buffer_x,
            buffer_y=inputs.buffer_y,
            cog_output=self.parameterAsBool(parameters, COG_OUTPUT, context),
            overwrite=self.parameterAsBool(parameters, OVERWRITE, context),
            skip_existing=self.parameterAsBool(parameters, SKIP_EXISTING, context),
            description=self.parameterAsString(parameters, DESCRIPTION, context).strip(),
        )
        body = build_batch_request(spec)
        if feedback.isCanceled():
            raise InvalidRequestError(tr("Cancelled before the request was sent; no job was created."))
        feedback.pushInfo(tr("Creating the batch job ({outputs}) at {url}…").format(
            outputs=", ".join(output_ids), url=connection.deployment.base_url))
        task = create_job(client, body)
        feedback.pushInfo(tr("Job id: {id}").format(id=task.id))
        feedback.pushInfo(tr("Status: {status}").format(status=task.status_summary()))
        feedback.pushInfo(tr("Expected cost: {pu} PU charged").format(pu=format_pu(cost.charged_pu)))
        return task, cost

    def output_ids(self, parameters: Dict[str, Any], context: QgsProcessingContext, info: Any) -> List[str]:
        return split_names(self.parameterAsString(parameters, OUTPUTS, context)) or list(info.output_ids)

