"""``preview_tiles``: the tiles a batch job over an area would process and what they would cost.

Computed locally; the only call to the service (when a connection is set up) reads its list of tiling grids.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from qgis.core import (
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
)

from ...core.grids import get_grid
from ...services.compat import FIELD_TYPE_DOUBLE, FIELD_TYPE_INT, FIELD_TYPE_STRING, WKB_POLYGON
from ...services.connection import connection_ready_without_prompt, resolve_connection
from ...services.layers import qgs_geometry
from ...services.preview import PreviewInputs, checked_preview, format_pu
from .base import (
    BatchAlgorithm,
    RequestInputs,
    fast_insert,
    make_fields,
    style_when_loaded,
    tr,
)

OUTPUT = "OUTPUT"
TILE_COUNT = "TILE_COUNT"
PU_ESTIMATE = "PU_ESTIMATE"
PU_CHARGED = "PU_CHARGED"
PU_BILLED = "PU_BILLED"
ALL_TILES = "ALL_TILES"
MAX_TILE_FEATURES = 200_000
"""More tile features than this are written only when ALL_TILES asks for them (a continent on grid 1 is millions of
tiles and gigabytes of GeoPackage); the count and the cost are reported in any case."""

TILE_FIELDS = [
    ("name", FIELD_TYPE_STRING),
    ("epsg", FIELD_TYPE_INT),
    ("width", FIELD_TYPE_INT),
    ("height", FIELD_TYPE_INT),
    ("raster_width", FIELD_TYPE_INT),
    ("raster_height", FIELD_TYPE_INT),
    ("pu_estimate", FIELD_TYPE_DOUBLE),
    ("pu_charged", FIELD_TYPE_DOUBLE),
]


def compute_tiles_and_cost(inputs: RequestInputs, grid: Optional[Any] = None) -> Any:
    """(tiles, evalscript info, cost estimate) for the request inputs: the docks' preview, without a tile limit.

    ``grid`` is the TilingGrid as the service lists it (default: the built-in one of ``inputs.grid_id``).
    """
    preview = checked_preview(PreviewInputs(
        area=inputs.area, area_crs=inputs.area_crs, grid=grid or inputs.grid_id, resolution=inputs.resolution,
        buffer_x=inputs.buffer_x, buffer_y=inputs.buffer_y, evalscript=inputs.evalscript,
        time_from=inputs.time_from, time_to=inputs.time_to, data_collection=inputs.data_collection,
        features=inputs.features))
    return preview.tiles, preview.evalscript_info, preview.cost


def report_cost(feedback: QgsProcessingFeedback, tiles: List[Any], cost: Any) -> None:
    crs_list = ", ".join(f"EPSG:{epsg}" for epsg in sorted({tile.epsg for tile in tiles}))
    feedback.pushInfo(tr("Tiles: {count} ({crs})").format(count=len(tiles), crs=crs_list))
    feedback.pushInfo(tr("Estimate before the batch discount: {pu} PU").format(pu=format_pu(cost.estimate_pu)))
    feedback.pushInfo(tr("Charged (one third): {pu} PU").format(pu=format_pu(cost.charged_pu)))
    if cost.billed_pu > cost.charged_pu:
        feedback.pushInfo(tr("Billed: {pu} PU (the minimum per request)").format(pu=format_pu(cost.billed_pu)))
    for line in cost.factors:
        feedback.pushDebugInfo(str(line))


class PreviewTilesAlgorithm(BatchAlgorithm):
    algorithm_id = "preview_tiles"
    group_id = "planning"

    def displayName(self) -> str:
        return tr("Preview tiles and cost")

    def shortHelpString(self) -> str:
        return tr("Computes the tiles a batch job over the area would process (the tiling grid at the chosen "
                  "resolution) and estimates its cost in processing units: before the batch discount (the legacy "
                  "valueEstimate) and what is charged (one third, at least 100 PU per request). The evalscript's "
                  "setup() decides the bands, sample type and mosaicking. Nothing is sent to Sentinel Hub; with a "
                  "connection set up, its list of tiling grids is read so that the grid and resolution are the ones "
                  "it offers.") + " " + tr(
            "With own polygons as tiles, each polygon is one tile sized at the resolution (in its layer's CRS "
            "units), and an area keeps only the polygons it touches.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_request_parameters()
        self.add_advanced(QgsProcessingParameterBoolean(
            ALL_TILES, tr("Write the tiles even when there are more than 200,000"), False))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Tiles")))
        self.addOutput(QgsProcessingOutputNumber(TILE_COUNT, tr("Number of tiles")))
        self.addOutput(QgsProcessingOutputNumber(PU_ESTIMATE, tr("Processing units before the batch discount")))
        self.addOutput(QgsProcessingOutputNumber(PU_CHARGED, tr("Processing units charged")))
        self.addOutput(QgsProcessingOutputNumber(PU_BILLED, tr("Processing units billed (with the minimum)")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        inputs = self.request_inputs(parameters, context)
        if inputs.area_repaired:
            feedback.pushWarning(tr("Invalid polygons of the area were repaired."))
        feedback.setProgress(10)
        grid = self.preview_grid(inputs, feedback) if inputs.features is None else None
        tiles, _, cost = compute_tiles_and_cost(inputs, grid)
        feedback.setProgress(60)
        report_cost(feedback, tiles, cost)
        if len(tiles) > MAX_TILE_FEATURES and not self.parameterAsBool(parameters, ALL_TILES, context):
            raise QgsProcessingException(tr(
                "The area needs {count:,} tiles ({pu} PU charged): no layer of more than {limit:,} tile features is "
                "written unless you ask for it (the parameter ALL_TILES). Check the area, grid and resolution."
            ).format(count=len(tiles), pu=format_pu(cost.charged_pu), limit=MAX_TILE_FEATURES))

        fields = make_fields(TILE_FIELDS)
        sink, destination = self.feature_sink(parameters, OUTPUT, context, fields, WKB_POLYGON,
                                              "EPSG:4326")
        for index, (tile, tile_cost) in enumerate(zip(tiles, cost.tiles)):
            if feedback.isCanceled():
                break
            feature = QgsFeature(fields)
            feature.setGeometry(qgs_geometry(tile.geometry_wgs84))
            feature.setAttributes([tile.name, tile.epsg, tile.width, tile.height, tile.buffered_width,
                                   tile.buffered_height, round(tile_cost.estimate_pu, 6),
                                   round(tile_cost.charged_pu, 6)])
            sink.addFeature(feature, fast_insert())
            if index % 200 == 0:
                feedback.setProgress(60 + 40 * index / max(1, len(tiles)))
        style_when_loaded(context, destination, _style_tiles)
        return {OUTPUT: destination, TILE_COUNT: len(tiles), PU_ESTIMATE: cost.estimate_pu,
                PU_CHARGED: cost.charged_pu, PU_BILLED: cost.billed_pu}


    def preview_grid(self, inputs: RequestInputs, feedback: QgsProcessingFeedback) -> Any:
        """The grid as the service lists it when a connection is set up (and needs no password prompt), else the
        built-in one."""
        if not connection_ready_without_prompt():
            feedback.pushInfo(tr("No connection is ready: the tiling grid is the built-in one."))
            grid = get_grid(inputs.grid_id)
            inputs.resolution = grid.check_resolution(inputs.resolution)
            return grid
        return self.resolve_grid(self.activity.batch_client(resolve_connection()), inputs, feedback)


def _style_tiles(layer: Any) -> None:
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple({"color": "43,140,190,40", "outline_color": "43,140,190,255",
                                         "outline_width": "0.4"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()
