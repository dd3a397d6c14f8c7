"""``tile_status``: a job's tiles as a vector layer with each tile's status, styled by status."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProject,
    QgsWkbTypes,
)

from ...core.storage import ManifestFeature, TileStatus, manifest_tiles
from ...gui.compat import FIELD_TYPE_INT, FIELD_TYPE_STRING
from ...gui.layers import qgs_geometry
from .base import (
    JOB_ID,
    STATUS_OUTPUT,
    BatchAlgorithm,
    batch_client,
    fast_insert,
    make_fields,
    s3_client_or_none,
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
WGS84 = "EPSG:4326"


def records_from_manifest_rows(manifest: Sequence[ManifestFeature]) -> List[Any]:
    """One ``TileRecord`` per tile of the manifest, outline in WGS84."""
    from ...gui.layers import TileRecord

    target = QgsCoordinateReferenceSystem(WGS84)
    transforms: Dict[int, QgsCoordinateTransform] = {}
    records = []
    for name, rows in manifest_tiles(manifest).items():
        first = rows[0]
        geometry = qgs_geometry(first.geometry)
        if first.epsg and first.epsg != 4326:
            if first.epsg not in transforms:
                transforms[first.epsg] = QgsCoordinateTransform(
                    QgsCoordinateReferenceSystem(f"EPSG:{first.epsg}"), target, QgsProject.instance())
            geometry.transform(transforms[first.epsg])
        outputs = ",".join(sorted({row.output_id for row in rows if row.output_id}))
        records.append(TileRecord(name, first.epsg, first.width, first.height, geometry, outputs))
    return records


def records_from_request(task: Any) -> List[Any]:
    """Tiles of a job not analysed yet, computed locally from its request (same grid rules as the service)."""
    from ...core.tiles import tiles_for_area
    from ...gui.layers import TileRecord

    request = task.request
    grid_input = request.get("input") or {}
    bounds = ((request.get("processRequest") or {}).get("input") or {}).get("bounds") or {}
    if grid_input.get("type") != "tiling-grid" or not bounds.get("geometry"):
        return []
    crs = (bounds.get("properties") or {}).get("crs") or "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    tiles = tiles_for_area(bounds["geometry"], crs, int(grid_input.get("id", 1)), grid_input.get("resolution"),
                           int(grid_input.get("bufferX", 0)), int(grid_input.get("bufferY", 0)))
    return [TileRecord(tile.name, tile.epsg, tile.buffered_width, tile.buffered_height,
                       qgs_geometry(tile.geometry_wgs84)) for tile in tiles]


def style_tile_status_layer(layer: Any) -> None:
    from ...gui.layers import tile_status_renderer

    layer.setRenderer(tile_status_renderer())
    layer.triggerRepaint()


class TileStatusAlgorithm(BatchAlgorithm):
    algorithm_id = "tile_status"
    title = "Tile status"
    group_id = "results"
    help_text = ("A job's tiles as a polygon layer with the status of each tile (waiting, processing, done, no data, "
                 "failed) and its error, coloured by status. The tiles and statuses come from the feature manifest "
                 "and execution database the service writes to your bucket (S3 keys needed); before the job is "
                 "analysed, the tiles are computed locally from the request.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.add_connection_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Tile status")))
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Job status")))
        self.addOutput(QgsProcessingOutputNumber(TILE_COUNT, tr("Number of tiles")))
        for status, name in COUNT_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(name, tr("Tiles: {label}").format(label=tr(status.label))))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection = self.connection(parameters, context)
        client = batch_client(connection, feedback)
        task_id = self.job_id(parameters, context, client, feedback)
        s3 = s3_client_or_none(connection, feedback)
        return write_tile_status(self, parameters, context, feedback, client, s3, task_id)


def write_tile_status(algorithm: BatchAlgorithm, parameters: Dict[str, Any], context: QgsProcessingContext,
                      feedback: QgsProcessingFeedback, client: Any, s3: Any, task_id: str,
                      snapshot: Optional[Any] = None, output: str = OUTPUT) -> Dict[str, Any]:
    """Write the ``output`` sink of ``algorithm`` with the job's tiles; a known snapshot saves a poll."""
    from ...core.jobs import JobWatcher

    if snapshot is None:
        snapshot = JobWatcher(client, s3, task_id).poll()
        if snapshot.storage_problem:
            feedback.pushWarning(tr("The job's files could not be read from the bucket: {problem}").format(
                problem=snapshot.storage_problem))
    task = snapshot.task
    if snapshot.manifest:
        records = records_from_manifest_rows(snapshot.manifest)
    else:
        feedback.pushInfo(tr("No feature manifest yet (the job is {status}): tiles computed from the request.")
                          .format(status=task.status_text))
        records = records_from_request(task)
    statuses = snapshot.tile_statuses or {}
    errors = {feature.name: feature.error or "" for feature in (snapshot.execution or [])}

    fields = make_fields(TILE_STATUS_FIELDS)
    sink, destination = algorithm.parameterAsSink(parameters, output, context, fields, QgsWkbTypes.Type.Polygon,
                                                  QgsCoordinateReferenceSystem(WGS84))
    if sink is None:
        raise QgsProcessingException(algorithm.invalidSinkError(parameters, output))
    counts = {status: 0 for status in TileStatus}
    for record in records:
        status = statuses.get(record.name, TileStatus.PENDING)
        counts[status] += 1
        feature = QgsFeature(fields)
        feature.setGeometry(record.geometry)
        feature.setAttributes([record.name, record.epsg, record.width, record.height, status.value,
                               errors.get(record.name, ""), record.outputs])
        sink.addFeature(feature, fast_insert())
    summary = ", ".join(f"{count} {status.label.lower()}" for status, count in counts.items() if count)
    feedback.pushInfo(tr("Job {id} ({status}): {count} tiles — {summary}").format(
        id=task.id, status=task.status_text, count=len(records), summary=summary or tr("none")))
    style_when_loaded(context, destination, style_tile_status_layer)
    results: Dict[str, Any] = {output: destination, JOB_ID: task.id, STATUS_OUTPUT: task.status_text,
                               TILE_COUNT: len(records)}
    results.update({COUNT_OUTPUTS[status]: count for status, count in counts.items()})
    return results
