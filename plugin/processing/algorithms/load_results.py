"""``load_results``: a job's outputs as raster layers, one VRT mosaic per output and CRS."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
)

from ...core.errors import InvalidRequestError
from .base import JOB_ID, BatchAlgorithm, tr

OUTPUT_FOLDER = "OUTPUT_FOLDER"
DOWNLOAD = "DOWNLOAD"
OUTPUT_LAYERS = "OUTPUT_LAYERS"
MOSAIC_COUNT = "MOSAIC_COUNT"


def load_job_results(task: Any, s3: Any, folder: Path, download: bool, context: QgsProcessingContext,
                     feedback: QgsProcessingFeedback, progress_range: tuple = (0.0, 100.0)) -> List[Any]:
    """Build the mosaics of a job's finished outputs (downloading the tiles first when asked) and queue them
    for loading into the project, styled; returns the ``OutputMosaic`` list."""
    from ...core.storage import ManifestFeature, parse_s3_url
    from ...gui.results import (
        build_mosaics,
        configure_gdal_for_s3,
        download_outputs,
        existing_object_urls,
        mosaic_groups,
        read_job_manifest,
        result_layer_name,
    )

    if not task.delivery_url:
        raise InvalidRequestError(tr("Job {id} has no S3 delivery, so there are no results to load.").format(
            id=task.id))
    low, high = progress_range
    configure_gdal_for_s3(s3, parse_s3_url(task.delivery_url).bucket)
    manifest = read_job_manifest(s3, task.delivery_url, task.id)
    available = existing_object_urls(s3, task.delivery_url, task.id)
    source_for: Optional[Callable[[ManifestFeature], str]] = None
    if download:
        wanted = [feature for features in mosaic_groups(manifest, None, available).values() for feature in features]
        feedback.pushInfo(tr("Downloading {count} GeoTIFF(s) to {folder}…").format(
            count=len(wanted), folder=folder / "tiles"))
        def report(percent: float) -> None:
            feedback.setProgress(low + (high - low) * 0.9 * percent / 100)

        local = download_outputs(s3, wanted, folder / "tiles", progress=report, is_cancelled=feedback.isCanceled)
        if feedback.isCanceled():
            raise InvalidRequestError(tr("Cancelled while downloading the results."))
        available = set(local)

        def source_for(feature: ManifestFeature) -> str:
            return local[feature.path]

    mosaics = build_mosaics(task.id, manifest, folder, available=available, source_for=source_for,
                            is_cancelled=feedback.isCanceled)
    several_crs = len({mosaic.epsg for mosaic in mosaics}) > 1
    for mosaic in mosaics:
        name = result_layer_name(mosaic, several_crs)
        feedback.pushInfo(tr("{name}: {tiles} tile(s) → {path}").format(name=name, tiles=mosaic.tile_count,
                                                                      path=mosaic.path))
        context.addLayerToLoadOnCompletion(mosaic.path, QgsProcessingContext.LayerDetails(
            name, context.project(), OUTPUT_LAYERS))
        _style_result_when_loaded(context, mosaic.path, mosaic.output_id)
    if not download:
        feedback.pushInfo(tr("The mosaics read the tiles from S3 (/vsis3/); QGIS needs the S3 keys of the "
                             "connection to display them in a later session. Use 'Download' for local copies."))
    feedback.setProgress(high)
    return mosaics


def _style_result_when_loaded(context: QgsProcessingContext, path: str, output_id: str) -> None:
    from ...gui.results import style_result_layer
    from .base import style_when_loaded

    style_when_loaded(context, path, lambda layer: style_result_layer(layer, output_id))


class LoadResultsAlgorithm(BatchAlgorithm):
    algorithm_id = "load_results"
    title = "Load results"
    group_id = "results"
    help_text = ("Loads the finished outputs of a job as raster layers: one VRT mosaic per output (and per CRS when "
                 "the area spans several UTM zones), built from the feature manifest. The tiles are read from the "
                 "bucket (/vsis3/) or, with 'Download', copied to the output folder first. Index outputs such as "
                 "NDVI get a red-yellow-green ramp.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.add_connection_parameter()
        self.addParameter(QgsProcessingParameterBoolean(DOWNLOAD, tr("Download the tiles (local copies)"), False))
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Folder for the mosaics")))
        self.addOutput(QgsProcessingOutputMultipleLayers(OUTPUT_LAYERS, tr("Result layers")))
        self.addOutput(QgsProcessingOutputNumber(MOSAIC_COUNT, tr("Number of mosaics")))
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Job id")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        task = client.get(task_id)
        folder = Path(self.parameterAsFileOutput(parameters, OUTPUT_FOLDER, context))
        mosaics = load_job_results(task, connection.s3_client(), folder, self.parameterAsBool(
            parameters, DOWNLOAD, context), context, feedback)
        return {OUTPUT_FOLDER: str(folder), OUTPUT_LAYERS: [mosaic.path for mosaic in mosaics],
                MOSAIC_COUNT: len(mosaics), JOB_ID: task.id}
