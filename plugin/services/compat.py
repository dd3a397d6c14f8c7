"""The one place for Qt and QGIS APIs that differ between QGIS 3.22 (Qt5) and QGIS 4 (Qt6).

Pattern: every difference gets one name here, resolved once at import by feature detection
(``hasattr`` / ``ImportError``, not version comparisons where a feature test is possible). The rest of
the plugin imports that name from here and never branches on versions itself. Enums that exist with the
same scoped spelling in both (``Qt.DockWidgetArea.RightDockWidgetArea``, ``Qgis.MessageLevel.Warning``)
are used directly and need no entry.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsMapLayerProxyModel, QgsWkbTypes
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

if QGIS_VERSION_INT >= 33800 or not hasattr(QVariant, "String"):
    # QgsField takes QMetaType.Type from QGIS 3.38; Qt6 has no QVariant.Type at all.
    FIELD_TYPE_STRING = QMetaType.Type.QString
    FIELD_TYPE_INT = QMetaType.Type.Int
    FIELD_TYPE_LONG = QMetaType.Type.LongLong
    FIELD_TYPE_DOUBLE = QMetaType.Type.Double
    FIELD_TYPE_DATETIME = QMetaType.Type.QDateTime
else:
    FIELD_TYPE_STRING = QVariant.Type.String
    FIELD_TYPE_INT = QVariant.Type.Int
    FIELD_TYPE_LONG = QVariant.Type.LongLong
    FIELD_TYPE_DOUBLE = QVariant.Type.Double
    FIELD_TYPE_DATETIME = QVariant.Type.DateTime

__all__ = [
    "FIELD_TYPE_DATETIME",
    "FIELD_TYPE_DOUBLE",
    "FIELD_TYPE_INT",
    "FIELD_TYPE_LONG",
    "FIELD_TYPE_STRING",
    "LINE_GEOMETRY",
    "POINT_GEOMETRY",
    "POLYGON_GEOMETRY",
    "POLYGON_LAYER_FILTER",
    "QGIS_VERSION_INT",
    "MessageLevel",
    "QAction",
]
