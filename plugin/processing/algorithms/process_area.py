"""``process_area``: one synchronous Process API call over an area, one file per evalscript output.

The evalscript test of the provider's tutorial (e.g. ``NDVI.tif`` and ``data_mask.tif`` over the test
sub-area) as an algorithm for the toolbox, models and ``qgis_process``; reports the processing units spent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...core.process_api import MAX_OUTPUT_PIXELS, ProcessInputs, build_process_request, in_metric_crs
from ...core.spending import PROCESS_API_ASK_PU, format_pu
from ...services.area import area_from_layer
from ...services.compat import NUMBER_DOUBLE, NUMBER_INTEGER
from ...services.jobs import process_area, process_request_estimate
from .base import (
    AREA,
    MAX_CLOUD_COVERAGE,
    MAX_PU,
    BatchAlgorithm,
    add_spending_limit_parameter,
    split_names,
    tr,
)

SELECTED_ONLY = "SELECTED_ONLY"
RESOLUTION = "RESOLUTION"
WIDTH = "WIDTH"
HEIGHT = "HEIGHT"
OUTPUTS = "OUTPUTS"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
FILES = "FILES"
PU_SPENT = "PU_SPENT"


class ProcessAreaAlgorithm(BatchAlgorithm):
    algorithm_id = "process_area"
    group_id = "planning"

    def displayName(self) -> str:
        return tr("Process an area now (Process API)")

    def shortHelpString(self) -> str:
        return tr("Runs the evalscript synchronously over a small area with the Process API — e.g. on a test sub-area "
        "before paying for a batch job — and writes one file per output (NDVI.tif, data_mask.tif, …) into the "
        "output folder. The Process API renders at most 2500 × 2500 px: give a resolution in metres (an area in "
        "degrees is reprojected to its UTM zone) or a width and height in pixels. The call is estimated first "
        "and not sent above 5 PU unless MAX_PU allows more. Credentials: the "
        "authentication configuration, else SH_CLIENT_ID/SH_CLIENT_SECRET (with SH_BASE_URL/SH_TOKEN_URL or "
        "SH_DEPLOYMENT), else the plugin's saved connection.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_area_parameter()
        self.addParameter(QgsProcessingParameterBoolean(SELECTED_ONLY, tr("Selected features only"), False))
        self.add_evalscript_and_time_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            RESOLUTION, tr("Resolution in metres (used unless width and height are given)"),
            NUMBER_DOUBLE, 10.0, optional=True, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            WIDTH, tr("Width in pixels (0: from the resolution)"), NUMBER_INTEGER, 0,
            optional=True, minValue=0, maxValue=MAX_OUTPUT_PIXELS))
        self.addParameter(QgsProcessingParameterNumber(
            HEIGHT, tr("Height in pixels (0: from the resolution)"), NUMBER_INTEGER, 0,
            optional=True, minValue=0, maxValue=MAX_OUTPUT_PIXELS))
        self.add_max_cloud_coverage_parameter()
        self.add_advanced(QgsProcessingParameterString(
            OUTPUTS, tr("Outputs (comma-separated ids of setup(); empty: all, as GeoTIFF)"), optional=True))
        self.add_connection_parameter()
        add_spending_limit_parameter(self, process_api=True)
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Output folder")))
        self.addOutput(QgsProcessingOutputMultipleLayers(FILES, tr("Output files")))
        self.addOutput(QgsProcessingOutputNumber(PU_SPENT, tr("Processing units spent")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        area = area_from_layer(self.parameterAsVectorLayer(parameters, AREA, context),
                               self.parameterAsBoolean(parameters, SELECTED_ONLY, context))
        if area.repaired:
            feedback.pushWarning(tr("Invalid polygons of the area were repaired."))
        inputs = ProcessInputs(
            area=area.geometry,
            area_crs=area.crs,
            **self.evalscript_and_time(parameters, context),
            max_cloud_coverage=self.optional_number(parameters, MAX_CLOUD_COVERAGE, context),
        )
        requested = split_names(self.parameterAsString(parameters, OUTPUTS, context))
        outputs = [(name, "image/tiff") for name in requested] or None
        width = int(self.optional_number(parameters, WIDTH, context) or 0)
        height = int(self.optional_number(parameters, HEIGHT, context) or 0)
        if width or height:
            request = build_process_request(inputs, width=width or None, height=height or None, outputs=outputs,
                                            check_evalscript=False)
        else:
            resolution = self.optional_number(parameters, RESOLUTION, context) or 0.0
            if resolution <= 0:
                raise QgsProcessingException(tr("Give a resolution in metres, or a width and a height in pixels."))
            request = build_process_request(in_metric_crs(inputs), resx=resolution, resy=resolution,
                                            outputs=outputs, check_evalscript=False)
        folder = self.parameterAsString(parameters, OUTPUT_FOLDER, context)
        estimate = process_request_estimate(request)
        client = self.activity.batch_client(self.connection(parameters, context))
        feedback.pushInfo(tr("Expected cost: about {pu} PU ({url})").format(
            pu=format_pu(estimate), url=client.deployment.process_url()) if estimate is not None else
            tr("Expected cost: unknown, the evalscript's setup() could not be read ({url})").format(
                url=client.deployment.process_url()))
        allowed = self.optional_number(parameters, MAX_PU, context)
        result, paths = process_area(client, request, Path(folder), self.activity,
                                     PROCESS_API_ASK_PU if allowed is None else allowed,
                                     tr("run it again with the parameter MAX_PU at least as high as the estimate"))
        for path in paths:
            feedback.pushInfo(tr("Wrote {path}").format(path=path))
        if result.pu_spent is None:
            feedback.pushInfo(tr("The service did not report the processing units spent."))
        else:
            feedback.pushInfo(tr("Processing units spent: {pu:.4g}").format(pu=result.pu_spent))
        return {OUTPUT_FOLDER: folder, FILES: [str(path) for path in paths],
                PU_SPENT: result.pu_spent if result.pu_spent is not None else 0.0}
