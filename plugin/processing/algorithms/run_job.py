"""``run_job``: create → start → wait → tile status and results, in one step."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
)

from ...core.jobs import status_only_reason
from ...core.models import TaskStatus
from .base import POLL_SECONDS, STATUS_OUTPUT, add_spending_limit_parameter, tr
from .create_job import CreateJobAlgorithm
from .job_options import options_help
from .load_results import DOWNLOAD, MOSAIC_COUNT, OUTPUT_FOLDER, OUTPUT_LAYERS, load_job_results
from .tile_status import add_tile_count_outputs, write_tile_status
from .wait_for_job import COST_PU, wait_with_feedback

TILES = "TILES"


class RunJobAlgorithm(CreateJobAlgorithm):
    algorithm_id = "run_job"

    def displayName(self) -> str:
        return tr("Run batch job")

    def shortHelpString(self) -> str:
        return tr("The whole batch job in one step: creates it (printing tiles and cost), starts it, follows it until "
                  "it is done, then writes the tile status layer and loads the results as mosaics per output. "
                  "Nothing is created when the estimate is above the spending limit (the connection's, or MAX_PU). "
                  "Cancelling while it runs stops the waiting only; the job goes on at the service (follow it with "
                  "'Wait for batch job', stop it with 'Stop batch job').") + " " + options_help()

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_request_parameters()
        self.add_connection_parameter()
        self.add_start_parameters()
        self.add_poll_seconds_parameter()
        self.addParameter(QgsProcessingParameterBoolean(DOWNLOAD, tr("Download the result tiles"), False))
        self.addParameter(QgsProcessingParameterFeatureSink(TILES, tr("Tile status")))
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Folder for the mosaics")))
        self.add_job_outputs()
        self.addOutput(QgsProcessingOutputNumber(COST_PU, tr("Cost (PU)")))
        add_tile_count_outputs(self)
        self.addOutput(QgsProcessingOutputMultipleLayers(OUTPUT_LAYERS, tr("Result layers")))
        self.addOutput(QgsProcessingOutputNumber(MOSAIC_COUNT, tr("Number of mosaics")))

    def add_start_parameters(self) -> None:
        add_spending_limit_parameter(self)

    def will_start(self, parameters: Dict[str, Any], context: QgsProcessingContext) -> bool:
        return True

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection = self.connection(parameters, context)
        s3 = self.s3_client_or_none(connection, feedback)
        task, cost = self.create(parameters, context, feedback, connection)
        self.start(parameters, context, feedback, connection, task, cost)
        client = self.activity.batch_client(connection)
        task, progress = wait_with_feedback(client, s3, task.id, feedback, self.activity,
                                            self.parameterAsDouble(parameters, POLL_SECONDS, context))
        results = write_tile_status(self, parameters, context, feedback, client, s3, task.id,
                                    snapshot=progress.snapshot, output=TILES)
        results.update({"PU_ESTIMATE": cost.estimate_pu, "PU_CHARGED": cost.charged_pu, COST_PU: task.cost_pu,
                        STATUS_OUTPUT: task.status_text, OUTPUT_LAYERS: [], MOSAIC_COUNT: 0})
        status_only = status_only_reason(task)
        if status_only:
            feedback.pushWarning(status_only)
        if task.status is TaskStatus.DONE and s3 is not None and not status_only:
            folder = Path(self.parameterAsFileOutput(parameters, OUTPUT_FOLDER, context))
            mosaics = load_job_results(task, s3, folder, self.parameterAsBool(parameters, DOWNLOAD, context),
                                       context, feedback, self.activity)
            results.update({OUTPUT_FOLDER: str(folder), OUTPUT_LAYERS: [mosaic.path for mosaic in mosaics],
                            MOSAIC_COUNT: len(mosaics)})
        return results
