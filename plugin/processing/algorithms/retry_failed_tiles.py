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

from ...core.errors import InvalidRequestError
from ...core.jobs import JobWatcher, failed_tiles
from ...services.jobs import delivery_keys, rerun_tiles
from .base import JOB_ID, STATUS_OUTPUT, BatchAlgorithm, split_names, tr

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
                  "objects (overwrite). The new job is started unless you untick 'Start'. Needs S3 keys.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.addParameter(QgsProcessingParameterString(
            TILES, tr("Tile names, comma separated (empty: the failed tiles)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(START, tr("Start the new job"), True))
        self.add_connection_parameter()
        self.addOutput(QgsProcessingOutputString(NEW_JOB_ID, tr("Id of the new job")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Status of the new job")))
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Id of the original job")))
        self.addOutput(QgsProcessingOutputNumber(TILE_COUNT, tr("Number of tiles re-run")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        s3 = self.activity.s3_client(connection)
        names = split_names(self.parameterAsString(parameters, TILES, context)) or None
        snapshot = JobWatcher(client, s3, task_id).poll()
        task = snapshot.task
        if names is None and snapshot.execution is not None:
            names = failed_tiles(snapshot.execution)
            if not names:
                raise InvalidRequestError(tr("Job {id} has no failed tiles to retry ({status}).").format(
                    id=task.id, status=task.status_summary()))
            feedback.pushInfo(tr("Failed tiles: {names}").format(names=", ".join(names)))
        new_task = rerun_tiles(client, s3, task, names, delivery_keys(connection),
                               start=self.parameterAsBool(parameters, START, context))
        tile_count = len(names or ())
        feedback.pushInfo(tr("Created job {new} to re-run {count} tile(s) of {old}.").format(
            new=new_task.id, count=tile_count, old=task.id))
        feedback.pushInfo(tr("Job {id}: {status}").format(id=new_task.id, status=new_task.status_summary()))
        return {NEW_JOB_ID: new_task.id, STATUS_OUTPUT: new_task.status_text, JOB_ID: task.id,
                TILE_COUNT: tile_count}

