"""``tile_status``: a job's tiles as a vector layer with each tile's status, styled by status."""

from __future__ import annotations

from typing import Any, Dict, Optional

from qgis.core import (
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
)

from ...core.errors import SentinelHubBatchError
from ...core.storage import TileStatus
from ...services.compat import FIELD_TYPE_INT, FIELD_TYPE_STRING, WKB_POLYGON
from ...services.layers import (
    TILE_LAYER_CRS,
    records_from_manifest,
    records_from_request,
    status_counts_text,
    status_label,
    tile_status_renderer,
)
from .base import (
    JOB_ID,
    STATUS_OUTPUT,
    BatchAlgorithm,
    fast_insert,
    make_fields,
    style_when_loaded,
    tr,
)

OUTPUT = "OUTPUT"
TILE_COUNT = "TILE_COUNT"
COUNT_OUTPUTS = {status: f"TILES_{status.value}" for status in TileStatus}

TILE_STATUS_FIELDS = [
    ("name", FIELD_TYPE_STRING),
    ("epsg", FIELD_TYPE_INT),
    ("width", FIELD_TYPE_INT),
    ("height", FIELD_TYPE_INT),
    ("status", FIELD_TYPE_STRING),
    ("error", FIELD_TYPE_STRING),
    ("outputs", FIELD_TYPE_STRING),
]


def add_tile_count_outputs(algorithm: BatchAlgorithm) -> None:
    """TILE_COUNT and one count per tile status (TILES_DONE, TILES_FAILED, …), as ``write_tile_status`` fills."""
    algorithm.addOutput(QgsProcessingOutputNumber(TILE_COUNT, tr("Number of tiles")))
    for status, name in COUNT_OUTPUTS.items():
        algorithm.addOutput(QgsProcessingOutputNumber(name, tr("Tiles: {label}").format(label=status_label(status))))


def style_tile_status_layer(layer: Any) -> None:
    layer.setRenderer(tile_status_renderer())
    layer.triggerRepaint()


class TileStatusAlgorithm(BatchAlgorithm):
    algorithm_id = "tile_status"
    group_id = "results"

    def displayName(self) -> str:
        return tr("Tile status")

    def shortHelpString(self) -> str:
        return tr("A job's tiles as a polygon layer with the status of each tile (waiting, processing, done, no data, "
                  "failed) and its error, coloured by status. The tiles and statuses come from the feature manifest "
                  "and execution database the service writes to your bucket (S3 keys needed); before the job is "
                  "analysed, the tiles are computed locally from the request.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.add_connection_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Tile status")))
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Job status")))
        add_tile_count_outputs(self)

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        s3 = self.s3_client_or_none(connection, feedback)
        return write_tile_status(self, parameters, context, feedback, client, s3, task_id)


def write_tile_status(algorithm: BatchAlgorithm, parameters: Dict[str, Any], context: QgsProcessingContext,
                      feedback: QgsProcessingFeedback, client: Any, s3: Any, task_id: str,
                      snapshot: Optional[Any] = None, output: str = OUTPUT) -> Dict[str, Any]:
    """Write the ``output`` sink of ``algorithm`` with the job's tiles; a known snapshot saves a poll."""
    from ...core.jobs import JobWatcher, ResultsUnreadableError
    from ...core.models import TaskStatus

    if snapshot is None:
        snapshot = JobWatcher(client, s3, task_id).poll()
        if snapshot.storage_problem and snapshot.task.status is TaskStatus.DONE:
            raise ResultsUnreadableError(snapshot.storage_problem)
        if snapshot.storage_problem:
            feedback.pushWarning(tr("The job's files could not be read from the bucket: {problem}").format(
                problem=snapshot.storage_problem))
    task = snapshot.task
    if snapshot.status_only:
        feedback.pushWarning(snapshot.status_only)
    if snapshot.manifest:
        records = records_from_manifest(snapshot.manifest)
    else:
        feedback.pushInfo(tr("No feature manifest yet (the job is {status}): tiles computed from the request.")
                          .format(status=task.status_text))
        try:
            records = records_from_request(task.request)
        except SentinelHubBatchError as reason:
            feedback.pushInfo(tr("No tiles to show yet: {reason}").format(reason=reason))
            records = []
    statuses = snapshot.tile_statuses or {}
    errors = {feature.name: feature.error or "" for feature in (snapshot.execution or [])}

    fields = make_fields(TILE_STATUS_FIELDS)
    sink, destination = algorithm.feature_sink(parameters, output, context, fields, WKB_POLYGON,
                                               TILE_LAYER_CRS)
    counts = {status: 0 for status in TileStatus}
    for record in records:
        status = statuses.get(record.name, TileStatus.PENDING)
        counts[status] += 1
        feature = QgsFeature(fields)
        feature.setGeometry(record.geometry)
        feature.setAttributes([record.name, record.epsg, record.width, record.height, status.value,
                               errors.get(record.name, ""), record.outputs])
        sink.addFeature(feature, fast_insert())
    summary = status_counts_text(counts)
    feedback.pushInfo(tr("Job {id} ({status}): {count} tiles — {summary}").format(
        id=task.id, status=task.status_text, count=len(records), summary=summary or tr("none")))
    style_when_loaded(context, destination, style_tile_status_layer)
    results: Dict[str, Any] = {output: destination, JOB_ID: task.id, STATUS_OUTPUT: task.status_text,
                               TILE_COUNT: len(records)}
    results.update({COUNT_OUTPUTS[status]: count for status, count in counts.items()})
    return results
