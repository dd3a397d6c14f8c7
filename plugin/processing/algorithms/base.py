"""What every Sentinel Hub Batch algorithm shares: connection, job id and request parameters, failure messages.

Algorithms never touch ``iface`` (``qgis_process`` runs them without one) and never import the docks. Every action
goes through the service layer (``plugin.services``) and the core, the same code the docks use; this module only
turns Processing parameters into those calls, the feedback into an :class:`Activity` (cancel, progress, log), and
failures into ``QgsProcessingException`` messages a person can act on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtGui import QIcon

from ...core.batch_request import DATA_COLLECTIONS
from ...core.errors import SentinelHubBatchError
from ...core.grids import BUILTIN_GRIDS, TilingGrid, catalog_for
from ...core.spending import check_limit
from ...services.area import area_from_layer, current_area_layer
from ...services.compat import DATETIME_DATE, NUMBER_DOUBLE, NUMBER_INTEGER, PARAMETER_ADVANCED, SOURCE_POLYGONS
from ...services.connection import resolve_connection
from ...services.evalscript_presets import TUTORIAL_TIME_RANGE, read_evalscript_file
from ...services.i18n import tr
from ...services.messages import describe_failure
from ...services.tasks import Activity
from .job_options import add_features_parameters, read_own_features

PLUGIN_ROOT = Path(__file__).resolve().parents[3]
ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "icon.svg"

AUTH_CONFIG = "AUTH_CONFIG"
JOB_ID = "JOB_ID"

AREA = "AREA"
GRID = "GRID"
RESOLUTION = "RESOLUTION"
BUFFER_X = "BUFFER_X"
BUFFER_Y = "BUFFER_Y"
EVALSCRIPT = "EVALSCRIPT"
DATA_COLLECTION = "DATA_COLLECTION"
TIME_FROM = "TIME_FROM"
TIME_TO = "TIME_TO"
MAX_CLOUD_COVERAGE = "MAX_CLOUD_COVERAGE"
POLL_SECONDS = "POLL_SECONDS"

DEFAULT_POLL_SECONDS = 10.0

DEFAULT_DATA_COLLECTION = DATA_COLLECTIONS[0]
GRID_IDS = tuple(sorted(BUILTIN_GRIDS))
"""The tiling grids the GRID choice offers, in its order (the value is the position in this list)."""
DEFAULT_GRID_ID = 1


class BatchAlgorithm(QgsProcessingAlgorithm):
    """Base of the provider's algorithms: subclasses give ``displayName`` and ``shortHelpString`` (literal
    ``tr()`` texts, so ``make i18n`` extracts them), ``initAlgorithm`` and ``perform``.

    ``self.activity`` is the run's :class:`Activity`: its clients wait cancellably, report retries to the log and
    are cut off when the user cancels.
    """

    algorithm_id = ""
    group_id = "jobs"

    def __init__(self) -> None:
        super().__init__()
        self.activity = Activity()

    def name(self) -> str:
        return self.algorithm_id

    def group(self) -> str:
        return {"planning": tr("Planning"), "jobs": tr("Batch jobs"), "results": tr("Results")}[self.group_id]

    def groupId(self) -> str:
        return self.group_id

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def createInstance(self) -> QgsProcessingAlgorithm:
        return type(self)()

    def processAlgorithm(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        feedback = feedback or QgsProcessingFeedback()
        self.activity = feedback_activity(feedback)
        feedback.canceled.connect(self.activity.abort)
        try:
            return self.perform(parameters, context, feedback)
        except QgsProcessingException:
            raise
        except SentinelHubBatchError as error:
            raise QgsProcessingException(describe_failure(error)) from None
        except ImportError as error:
            missing = getattr(error, "name", None) or str(error)
            raise QgsProcessingException(tr(
                "The Python package '{name}' that Sentinel Hub Batch needs is not installed in this QGIS. Install it "
                "(e.g. pip install {name} in the Python of QGIS, or the python3-{name} package) and try again."
            ).format(name=missing)) from None
        finally:
            feedback.canceled.disconnect(self.activity.abort)
            self.activity.close()

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        raise NotImplementedError

    # -- shared parameters

    def add_connection_parameter(self) -> None:
        parameter = QgsProcessingParameterAuthConfig(
            AUTH_CONFIG, tr("Sentinel Hub credentials (authentication config; empty: environment or settings)"),
            optional=True)
        parameter.setHelp(tr("A Basic authentication configuration with the client id as username and the client "
                             "secret as password. Empty: SH_CLIENT_ID/SH_CLIENT_SECRET from the environment, else "
                             "the plugin's saved connection."))
        self.addParameter(parameter)

    def add_job_id_parameter(self, optional: bool = True) -> None:
        description = tr("Job id (empty: the most recent job)") if optional else tr("Job id")
        self.addParameter(QgsProcessingParameterString(JOB_ID, description, optional=optional))

    def add_area_parameter(self, limits_own_polygons: bool = False) -> None:
        """AREA; in QGIS it starts at the area the user works with (the New job dock's, which follows the active
        polygon layer), also when the active layer is a raster or points. With ``limits_own_polygons`` it is
        optional, as one's own polygons may be the tiles instead."""
        description = tr("Area (polygon layer; with own polygons as tiles it is optional and limits them)") \
            if limits_own_polygons else tr("Area (polygon layer)")
        area = current_area_layer()
        self.addParameter(QgsProcessingParameterVectorLayer(
            AREA, description, [SOURCE_POLYGONS], defaultValue=area.id() if area is not None else None,
            optional=limits_own_polygons))

    def add_evalscript_and_time_parameters(self) -> None:
        """EVALSCRIPT, DATA_COLLECTION (a choice of names), TIME_FROM, TIME_TO (dates; scripts may also pass ISO 8601
        times as text); read them with :meth:`evalscript_and_time`."""
        self.addParameter(QgsProcessingParameterString(
            EVALSCRIPT, tr("Evalscript (the script text, or the path of a .js file)"), multiLine=True))
        self.addParameter(QgsProcessingParameterEnum(
            DATA_COLLECTION, tr("Data collection"), list(DATA_COLLECTIONS), defaultValue=DEFAULT_DATA_COLLECTION,
            usesStaticStrings=True))
        time_from, time_to = TUTORIAL_TIME_RANGE
        self.addParameter(QgsProcessingParameterDateTime(
            TIME_FROM, tr("From (the whole day)"), DATETIME_DATE,
            defaultValue=time_from.isoformat()))
        self.addParameter(QgsProcessingParameterDateTime(
            TIME_TO, tr("To (the whole day)"), DATETIME_DATE,
            defaultValue=time_to.isoformat()))

    def add_max_cloud_coverage_parameter(self) -> None:
        self.add_advanced(QgsProcessingParameterNumber(
            MAX_CLOUD_COVERAGE, tr("Maximum cloud coverage (%)"), NUMBER_DOUBLE,
            optional=True, minValue=0.0, maxValue=100.0))

    def add_poll_seconds_parameter(self) -> None:
        self.add_advanced(QgsProcessingParameterNumber(
            POLL_SECONDS, tr("Seconds between status checks while processing"),
            NUMBER_DOUBLE, DEFAULT_POLL_SECONDS, minValue=0.5))

    def add_request_parameters(self) -> None:
        """AREA, FEATURES, FEATURE_ID_FIELD, GRID, RESOLUTION, BUFFER_X/Y, EVALSCRIPT, DATA_COLLECTION, TIME_FROM,
        TIME_TO."""
        self.add_area_parameter(limits_own_polygons=True)
        add_features_parameters(self)
        self.addParameter(QgsProcessingParameterEnum(
            GRID, tr("Tiling grid"), [BUILTIN_GRIDS[grid_id].describe() for grid_id in GRID_IDS],
            defaultValue=GRID_IDS.index(DEFAULT_GRID_ID)))
        self.addParameter(QgsProcessingParameterNumber(
            RESOLUTION, tr("Resolution (grid units: metres, or degrees for grid 3; one the grid allows; own polygons: "
                           "their CRS units)"),
            NUMBER_DOUBLE, 10.0, minValue=0.0))
        for name, label in ((BUFFER_X, tr("Buffer X (pixels on each side)")),
                            (BUFFER_Y, tr("Buffer Y (pixels on each side)"))):
            self.addParameter(QgsProcessingParameterNumber(
                name, label, NUMBER_INTEGER, 0, minValue=0))
        self.add_evalscript_and_time_parameters()

    def add_advanced(self, parameter: QgsProcessingParameterDefinition) -> None:
        parameter.setFlags(parameter.flags() | PARAMETER_ADVANCED)
        self.addParameter(parameter)

    # -- reading parameters

    def request_inputs(self, parameters: Dict[str, Any], context: QgsProcessingContext) -> RequestInputs:
        features = read_own_features(self, parameters, context)
        layer = self.parameterAsVectorLayer(parameters, AREA, context)
        if layer is None and (parameters.get(AREA) or features is None):
            raise QgsProcessingException(tr("The area layer could not be opened. Give a polygon layer or file (or "
                                            "your own polygons as tiles)."))
        area = area_from_layer(layer) if layer is not None else None
        if features is not None and (self.parameterAsInt(parameters, BUFFER_X, context)
                                     or self.parameterAsInt(parameters, BUFFER_Y, context)):
            raise QgsProcessingException(tr("Buffers apply to tiling grid tiles only; set them to 0 with your own "
                                            "polygons as tiles."))
        return RequestInputs(
            area=area.geometry if area else None,
            area_crs=area.crs if area else "EPSG:4326",
            area_repaired=bool(area and area.repaired),
            features=features,
            grid_id=GRID_IDS[self.parameterAsEnum(parameters, GRID, context)],
            resolution=self.parameterAsDouble(parameters, RESOLUTION, context),
            buffer_x=self.parameterAsInt(parameters, BUFFER_X, context),
            buffer_y=self.parameterAsInt(parameters, BUFFER_Y, context),
            **self.evalscript_and_time(parameters, context),
        )

    def evalscript_and_time(self, parameters: Dict[str, Any], context: QgsProcessingContext) -> Dict[str, Any]:
        """``evalscript``, ``data_collection``, ``time_from``, ``time_to``: keyword arguments of the inputs."""
        return {
            "evalscript": evalscript_text(self.parameterAsString(parameters, EVALSCRIPT, context)),
            "data_collection": self.parameterAsEnumString(parameters, DATA_COLLECTION, context)
            or DEFAULT_DATA_COLLECTION,
            "time_from": self.time_value(parameters, TIME_FROM, context),
            "time_to": self.time_value(parameters, TIME_TO, context),
        }

    def time_value(self, parameters: Dict[str, Any], name: str, context: QgsProcessingContext) -> Union[str, date]:
        """A time parameter: text from a script is kept as given (an ISO 8601 time keeps its time of day), a date from
        the dialog means the whole day."""
        raw = parameters.get(name)
        if isinstance(raw, str):
            return raw.strip()
        return self.parameterAsDate(parameters, name, context).toPyDate()

    def resolve_grid(self, client: Any, inputs: RequestInputs, feedback: QgsProcessingFeedback) -> TilingGrid:
        """The grid and resolution of the inputs as the service lists them (``grids.catalog_for``): a resolution it
        does not list is refused with the allowed ones; the built-in table stands in, with a warning, when the
        listing cannot be read. ``inputs.resolution`` becomes the allowed value."""
        catalog = catalog_for(client)
        grid, inputs.resolution = catalog.resolve(inputs.grid_id, inputs.resolution)
        if catalog.error:
            feedback.pushWarning(tr("The tiling grids of the service could not be read ({error}); the built-in "
                                    "table is used.").format(error=catalog.error))
        return grid

    def optional_number(self, parameters: Dict[str, Any], name: str, context: QgsProcessingContext
                        ) -> Optional[float]:
        """An optional number, None when not given (qgis_process passes a NULL value, which reads as NaN)."""
        raw = parameters.get(name)
        if raw is None or raw == "" or (hasattr(raw, "isNull") and raw.isNull()):
            return None
        value = self.parameterAsDouble(parameters, name, context)
        return None if math.isnan(value) else value

    def feature_sink(self, parameters: Dict[str, Any], name: str, context: QgsProcessingContext, fields: QgsFields,
                     geometry_type: Any, crs: str = "") -> Tuple[Any, str]:
        """(sink, destination) of the ``name`` sink parameter; a sink that cannot be opened fails the algorithm."""
        sink, destination = self.parameterAsSink(parameters, name, context, fields, geometry_type,
                                                 QgsCoordinateReferenceSystem(crs))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, destination

    def connection(self, parameters: Dict[str, Any], context: QgsProcessingContext) -> Any:
        return resolve_connection(self.parameterAsString(parameters, AUTH_CONFIG, context) or "")

    def open_job(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                 feedback: QgsProcessingFeedback) -> Tuple[Any, Any, str]:
        """(connection, batch client, job id) of a job algorithm's connection and JOB_ID parameters."""
        connection = self.connection(parameters, context)
        client = self.activity.batch_client(connection)
        return connection, client, self.job_id(parameters, context, client, feedback)

    def s3_client_or_none(self, connection: Any, feedback: QgsProcessingFeedback) -> Any:
        """The S3 client for the job's bucket, or None (with a warning) when no keys are set."""
        if not connection.s3.access_key or not connection.s3.secret_key:
            feedback.pushWarning(tr("No S3 keys are set (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the connection "
                                    "settings): tile statuses and results cannot be read from the bucket."))
            return None
        return self.activity.s3_client(connection)

    def job_id(self, parameters: Dict[str, Any], context: QgsProcessingContext, client: Any,
               feedback: QgsProcessingFeedback) -> str:
        text = self.parameterAsString(parameters, JOB_ID, context).strip()
        if text:
            return text
        latest = client.latest()
        if latest is None:
            raise QgsProcessingException(tr("No job id was given and the account has no batch jobs yet."))
        feedback.pushInfo(tr("No job id given: using the most recent job {id}.").format(id=latest.id))
        return latest.id


@dataclass
class RequestInputs:
    """The request parameters of an algorithm, read and checked."""

    area: Any
    """None with own polygons and no area to limit them."""
    area_crs: str
    area_repaired: bool
    features: Any
    """``services.features.OwnFeatures`` when one's own polygons are the tiles, else None."""
    grid_id: int
    resolution: float
    buffer_x: int
    buffer_y: int
    evalscript: str
    data_collection: str
    time_from: Union[str, date]
    time_to: Union[str, date]


def evalscript_text(value: str) -> str:
    """The script itself, or the content of the .js file the value names."""
    text = (value or "").strip()
    if not text:
        raise QgsProcessingException(tr("No evalscript was given. Pass the script text or the path of a .js file."))
    if "\n" not in text and len(text) < 4096:
        candidate = Path(text).expanduser()
        if candidate.suffix.lower() in (".js", ".txt") or candidate.is_file():
            if not candidate.is_file():
                raise QgsProcessingException(tr("The evalscript file '{path}' does not exist.").format(path=text))
            return read_evalscript_file(str(candidate))
    return value


def split_names(text: str) -> List[str]:
    """The non-empty names of a comma (or semicolon) separated list, stripped."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def feedback_activity(feedback: QgsProcessingFeedback) -> Activity:
    """An Activity that follows the feedback: its cancel, progress bar and log."""
    return Activity(feedback.isCanceled, feedback.setProgress, feedback.pushInfo,
                    tr("Cancelled. Anything already sent to Sentinel Hub (a created or started job) goes on at "
                       "the service."))


def make_fields(specification: List[Tuple[str, Any]]) -> QgsFields:
    fields = QgsFields()
    for name, field_type in specification:
        fields.append(QgsField(name, field_type))
    return fields


def fast_insert() -> Any:
    return QgsFeatureSink.Flag.FastInsert


# -- styling outputs that Processing loads into a project

_POST_PROCESSORS: List[QgsProcessingLayerPostProcessorInterface] = []


class _StyleOnLoad(QgsProcessingLayerPostProcessorInterface):
    """Applies a style function to an output layer once Processing has loaded it into the project."""

    def __init__(self, style: Callable[[Any], None]):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer: Any, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> None:
        if layer is not None:
            self.style(layer)


def style_when_loaded(context: QgsProcessingContext, layer_id_or_path: str, style: Callable[[Any], None]) -> None:
    """Style an output layer when Processing loads it on completion (kept alive until then)."""
    if not context.willLoadLayerOnCompletion(layer_id_or_path):
        return
    processor = _StyleOnLoad(style)
    # Processing does not own post-processors; keep a bounded number alive here.
    _POST_PROCESSORS.append(processor)
    del _POST_PROCESSORS[:-50]
    context.layerToLoadOnCompletionDetails(layer_id_or_path).setPostProcessor(processor)


# -- the spending guard: every algorithm that makes Sentinel Hub spend processing units takes MAX_PU

MAX_PU = "MAX_PU"


def add_spending_limit_parameter(algorithm: BatchAlgorithm, process_api: bool = False) -> None:
    """MAX_PU: the most this run may spend; empty = the connection's limit (or, for the Process API, the amount a
    call may spend without asking)."""
    description = (tr("Most processing units this call may spend (empty: 5 PU)") if process_api else
                   tr("Most processing units this run may be billed (empty: the connection's spending limit)"))
    parameter = QgsProcessingParameterNumber(MAX_PU, description, NUMBER_DOUBLE,
                                             optional=True, minValue=0.0)
    parameter.setHelp(tr("The job is estimated before anything is started (tiles, pixels, bands, samples, the batch "
                         "discount and the 100 PU minimum); above this limit the run is refused with the tile count "
                         "and the PU. Raise it here when the cost is intended."))
    algorithm.addParameter(parameter)


def spending_limit(algorithm: BatchAlgorithm, parameters: Dict[str, Any], context: QgsProcessingContext,
                   default: float) -> float:
    """MAX_PU when given, else ``default`` (the connection's limit)."""
    given = algorithm.optional_number(parameters, MAX_PU, context)
    return default if given is None else check_limit(given)


def raise_limit_help() -> str:
    return tr("run it again with the parameter MAX_PU at least as high as the PU billed")


STATUS_OUTPUT = "STATUS"


class JobActionAlgorithm(BatchAlgorithm):
    """An algorithm that sends one unpaid action (analyse, stop) to a job and reports its status after it."""

    def act(self, client: Any, task_id: str) -> Any:
        """The action (a ``services.jobs`` function); returns the job after it."""
        raise NotImplementedError

    def initAlgorithm(self, config: Any = None) -> None:
        from qgis.core import QgsProcessingOutputString

        self.add_job_id_parameter()
        self.add_connection_parameter()
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Status")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        _connection, client, task_id = self.open_job(parameters, context, feedback)
        task = self.act(client, task_id)
        feedback.pushInfo(tr("Job {id}: {status}").format(id=task.id, status=task.status_summary()))
        return {JOB_ID: task.id, STATUS_OUTPUT: task.status_text}
