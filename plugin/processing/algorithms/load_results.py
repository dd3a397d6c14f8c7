"""``load_results``: a job's outputs as raster layers, one VRT mosaic per output and CRS."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
)

from ...services.results import ResultsRequest, prepare_job_results, result_layer_name, style_result_layer
from ...services.tasks import Activity
from .base import JOB_ID, BatchAlgorithm, style_when_loaded, tr

OUTPUT_FOLDER = "OUTPUT_FOLDER"
DOWNLOAD = "DOWNLOAD"
OUTPUT_LAYERS = "OUTPUT_LAYERS"
MOSAIC_COUNT = "MOSAIC_COUNT"


def load_job_results(task: Any, s3: Any, folder: Path, download: bool, context: QgsProcessingContext,
                     feedback: QgsProcessingFeedback, activity: Activity) -> List[Any]:
    """Build the mosaics of a job's finished outputs (downloading the tiles first when asked), or open the arrays of
    its Zarr, and queue them for loading into the project, styled; returns the ``OutputMosaic`` list."""
    mosaics = prepare_job_results(s3, task, ResultsRequest(task.id, task.delivery_url, folder, download=download),
                                  activity)
    several_crs = len({mosaic.epsg for mosaic in mosaics}) > 1
    for mosaic in mosaics:
        name = result_layer_name(mosaic, several_crs)
        feedback.pushInfo(tr("{name}: {tiles} tile(s) → {path}").format(name=name, tiles=mosaic.tile_count,
                                                                      path=mosaic.path))
        context.addLayerToLoadOnCompletion(mosaic.path, QgsProcessingContext.LayerDetails(
            name, context.project(), OUTPUT_LAYERS))
        _style_result_when_loaded(context, mosaic.path, mosaic.output_id)
    if not download and mosaics:
        feedback.pushInfo(tr("The mosaics read the tiles from S3 (/vsis3/); QGIS needs the S3 keys of the "
                             "connection to display them in a later session. Use 'Download' for local copies."))
    feedback.setProgress(100)
    return mosaics


def _style_result_when_loaded(context: QgsProcessingContext, path: str, output_id: str) -> None:
    style_when_loaded(context, path, lambda layer: style_result_layer(layer, output_id))


class LoadResultsAlgorithm(BatchAlgorithm):
    algorithm_id = "load_results"
    group_id = "results"

    def displayName(self) -> str:
        return tr("Load results")

    def shortHelpString(self) -> str:
        return tr("Loads the finished outputs of a job as raster layers: one VRT mosaic per output (and per CRS when "
                  "the area spans several UTM zones), built from the feature manifest. The tiles are read from the "
                  "bucket (/vsis3/) or, with 'Download', copied to the output folder first. A Zarr output is opened "
                  "in the bucket with GDAL's Zarr driver, one layer per array. Index outputs such as NDVI get a "
                  "red-yellow-green ramp. Jobs delivered to Google Cloud Storage cannot be read by the plugin.")

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
        mosaics = load_job_results(task, self.activity.s3_client(connection), folder, self.parameterAsBool(
            parameters, DOWNLOAD, context), context, feedback, self.activity)
        return {OUTPUT_FOLDER: str(folder), OUTPUT_LAYERS: [mosaic.path for mosaic in mosaics],
                MOSAIC_COUNT: len(mosaics), JOB_ID: task.id}
