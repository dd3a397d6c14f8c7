"""``retry_failed_tiles``: re-run a job's failed (or chosen) tiles as a new job writing to the same objects."""

from __future__ import annotations

from typing import Any, Dict

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ...services.jobs import delivery_keys, rerun_tiles
from .base import (
    JOB_ID,
    STATUS_OUTPUT,
    BatchAlgorithm,
    add_spending_limit_parameter,
    raise_limit_help,
    spending_limit,
    split_names,
    tr,
)

TILES = "TILES"
START = "START"
NEW_JOB_ID = "NEW_JOB_ID"
TILE_COUNT = "TILE_COUNT"


class RetryFailedTilesAlgorithm(BatchAlgorithm):
    algorithm_id = "retry_failed_tiles"

    def displayName(self) -> str:
        return tr("Retry failed tiles")

    def shortHelpString(self) -> str:
        return tr("Re-runs the failed tiles of a job (or the tiles you name) the Batch v2 way: a GeoPackage with just "
                  "those tiles is put next to the job's files and a new job processes it into the same output "
                  "objects (overwrite). The new job is started unless you untick 'Start', and only when the "
                  "tiles' estimate is within the spending limit (the connection's, or MAX_PU). Needs S3 keys.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.addParameter(QgsProcessingParameterString(
            TILES, tr("Tile names, comma separated (empty: the failed tiles)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(START, tr("Start the new job"), True))
        self.add_connection_parameter()
        add_spending_limit_parameter(self)
        self.addOutput(QgsProcessingOutputString(NEW_JOB_ID, tr("Id of the new job")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Status of the new job")))
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Id of the original job")))
        self.addOutput(QgsProcessingOutputNumber(TILE_COUNT, tr("Number of tiles re-run")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        s3 = self.activity.s3_client(connection)
        names = split_names(self.parameterAsString(parameters, TILES, context)) or None
        task = client.get(task_id)
        rerun = rerun_tiles(client, s3, task, names, delivery_keys(connection),
                            spending_limit(self, parameters, context, connection.spending_limit_pu),
                            start=self.parameterAsBool(parameters, START, context), how_to_raise=raise_limit_help())
        new_task, tile_count = rerun.task, len(rerun.tile_names)
        if names is None:
            feedback.pushInfo(tr("Failed tiles: {names}").format(names=", ".join(rerun.tile_names)))
        feedback.pushInfo(tr("Created job {new} to re-run {estimate} of {old}.").format(
            new=new_task.id, estimate=rerun.estimate.describe(), old=task.id))
        feedback.pushInfo(tr("Job {id}: {status}").format(id=new_task.id, status=new_task.status_summary()))
        return {NEW_JOB_ID: new_task.id, STATUS_OUTPUT: new_task.status_text, JOB_ID: task.id,
                TILE_COUNT: tile_count}

