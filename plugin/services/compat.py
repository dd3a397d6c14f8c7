"""The one place for Qt and QGIS APIs that differ between QGIS 3.22 (Qt5) and QGIS 4 (Qt6).

Pattern: every difference gets one name here, resolved once at import by feature detection
(``hasattr`` / ``ImportError``, not version comparisons where a feature test is possible). The rest of
the plugin imports that name from here and never branches on versions itself. Enums that exist with the
same scoped spelling in both (``Qt.DockWidgetArea.RightDockWidgetArea``, ``Qgis.MessageLevel.Warning``)
are used directly and need no entry.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsColorRampShader,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

try:  # Qt6 moved QAction from QtWidgets to QtGui.
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction

QGIS_VERSION_INT: int = Qgis.versionInt() if hasattr(Qgis, "versionInt") else Qgis.QGIS_VERSION_INT

MessageLevel = Qgis.MessageLevel
"""``Qgis.MessageLevel`` (``Qgis.Info``/``Qgis.Warning`` unscoped spellings are gone in QGIS 4)."""

if hasattr(Qgis, "GeometryType"):  # QGIS >= 3.30
    POLYGON_GEOMETRY = Qgis.GeometryType.Polygon
    LINE_GEOMETRY = Qgis.GeometryType.Line
    POINT_GEOMETRY = Qgis.GeometryType.Point
else:
    POLYGON_GEOMETRY = QgsWkbTypes.GeometryType.PolygonGeometry
    LINE_GEOMETRY = QgsWkbTypes.GeometryType.LineGeometry
    POINT_GEOMETRY = QgsWkbTypes.GeometryType.PointGeometry

if hasattr(Qgis, "LayerFilter"):  # QGIS >= 3.34 moved the layer filters of QgsMapLayerComboBox into Qgis
    POLYGON_LAYER_FILTER = Qgis.LayerFilter.PolygonLayer
else:
    POLYGON_LAYER_FILTER = QgsMapLayerProxyModel.Filter.PolygonLayer

# Enums that moved into Qgis: the old class-scoped names are aliases on QGIS 3.30-3.40 and are gone in QGIS 4.
DISTANCE_DEGREES = (Qgis.DistanceUnit.Degrees if hasattr(Qgis, "DistanceUnit")  # QGIS >= 3.30
                    else QgsUnitTypes.DistanceUnit.DistanceDegrees)

if hasattr(Qgis, "WkbType"):  # QGIS >= 3.30
    WKB_POLYGON = Qgis.WkbType.Polygon
    WKB_NO_GEOMETRY = Qgis.WkbType.NoGeometry
else:
    WKB_POLYGON = QgsWkbTypes.Type.Polygon
    WKB_NO_GEOMETRY = QgsWkbTypes.Type.NoGeometry

REQUEST_NO_GEOMETRY = (Qgis.FeatureRequestFlag.NoGeometry if hasattr(Qgis, "FeatureRequestFlag")  # QGIS >= 3.36
                       else QgsFeatureRequest.Flag.NoGeometry)

if hasattr(Qgis, "ProcessingSourceType"):  # QGIS >= 3.36
    SOURCE_TABLE = Qgis.ProcessingSourceType.Vector
    SOURCE_POLYGONS = Qgis.ProcessingSourceType.VectorPolygon
else:
    SOURCE_TABLE = QgsProcessing.SourceType.TypeVector
    SOURCE_POLYGONS = QgsProcessing.SourceType.TypeVectorPolygon

if hasattr(Qgis, "ProcessingNumberParameterType"):  # QGIS >= 3.36
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
else:
    NUMBER_INTEGER = QgsProcessingParameterNumber.Type.Integer
    NUMBER_DOUBLE = QgsProcessingParameterNumber.Type.Double

DATETIME_DATE = (Qgis.ProcessingDateTimeParameterDataType.Date  # QGIS >= 3.36
                 if hasattr(Qgis, "ProcessingDateTimeParameterDataType") else QgsProcessingParameterDateTime.Type.Date)

PARAMETER_ADVANCED = (Qgis.ProcessingParameterFlag.Advanced if hasattr(Qgis, "ProcessingParameterFlag")  # >= 3.36
                      else QgsProcessingParameterDefinition.Flag.FlagAdvanced)

RAMP_INTERPOLATED = (Qgis.ShaderInterpolationMethod.Linear if hasattr(Qgis, "ShaderInterpolationMethod")  # >= 3.38
                     else QgsColorRampShader.Type.Interpolated)

if QGIS_VERSION_INT >= 33800 or not hasattr(QVariant, "String"):
    # QgsField takes QMetaType.Type from QGIS 3.38; Qt6 has no QVariant.Type at all.
    FIELD_TYPE_STRING = QMetaType.Type.QString
    FIELD_TYPE_INT = QMetaType.Type.Int
    FIELD_TYPE_LONG = QMetaType.Type.LongLong
    FIELD_TYPE_DOUBLE = QMetaType.Type.Double
    FIELD_TYPE_DATETIME = QMetaType.Type.QDateTime
else:  # QGIS 3.22-3.36 (Qt5) take QVariant.Type: the one place it is named (flake8-qgis QGS402 is for Qt6)
    FIELD_TYPE_STRING = QVariant.Type.String  # noqa: QGS402
    FIELD_TYPE_INT = QVariant.Type.Int  # noqa: QGS402
    FIELD_TYPE_LONG = QVariant.Type.LongLong  # noqa: QGS402
    FIELD_TYPE_DOUBLE = QVariant.Type.Double  # noqa: QGS402
    FIELD_TYPE_DATETIME = QVariant.Type.DateTime  # noqa: QGS402



def renderer_band(renderer) -> int:
    """The band a single-band raster renderer draws (``band()``/``grayBand()`` are deprecated from QGIS 3.38)."""
    if hasattr(renderer, "inputBand"):
        return renderer.inputBand()
    return renderer.grayBand() if hasattr(renderer, "grayBand") else renderer.band()


__all__ = [
    "DATETIME_DATE",
    "DISTANCE_DEGREES",
    "FIELD_TYPE_DATETIME",
    "FIELD_TYPE_DOUBLE",
    "FIELD_TYPE_INT",
    "FIELD_TYPE_LONG",
    "FIELD_TYPE_STRING",
    "LINE_GEOMETRY",
    "NUMBER_DOUBLE",
    "NUMBER_INTEGER",
    "PARAMETER_ADVANCED",
    "POINT_GEOMETRY",
    "POLYGON_GEOMETRY",
    "POLYGON_LAYER_FILTER",
    "QGIS_VERSION_INT",
    "RAMP_INTERPOLATED",
    "REQUEST_NO_GEOMETRY",
    "SOURCE_POLYGONS",
    "SOURCE_TABLE",
    "WKB_NO_GEOMETRY",
    "WKB_POLYGON",
    "MessageLevel",
    "QAction",
    "renderer_band",
]
