"""The compat names work with the running QGIS as the rest of the plugin uses them."""

from __future__ import annotations

import warnings

from qgis.core import QgsField, QgsVectorLayer
from sentinelhub_batch.plugin.services import compat


def test_field_types_create_fields_of_the_intended_kind():
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "fields", "memory")
    fields = [
        QgsField("name", compat.FIELD_TYPE_STRING),
        QgsField("count", compat.FIELD_TYPE_INT),
        QgsField("big", compat.FIELD_TYPE_LONG),
        QgsField("cost", compat.FIELD_TYPE_DOUBLE),
        QgsField("created", compat.FIELD_TYPE_DATETIME),
    ]
    assert layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    by_name = {field.name(): field for field in layer.fields()}
    assert not by_name["name"].isNumeric()
    assert by_name["count"].isNumeric() and by_name["big"].isNumeric() and by_name["cost"].isNumeric()
    assert by_name["created"].isDateOrTime() and not by_name["name"].isDateOrTime()


def test_geometry_types_match_layers():
    assert QgsVectorLayer("Polygon?crs=EPSG:4326", "a", "memory").geometryType() == compat.POLYGON_GEOMETRY
    assert QgsVectorLayer("LineString?crs=EPSG:4326", "b", "memory").geometryType() == compat.LINE_GEOMETRY
    assert QgsVectorLayer("Point?crs=EPSG:4326", "c", "memory").geometryType() == compat.POINT_GEOMETRY


def test_qaction_is_a_checkable_qt_action():
    action = compat.QAction("toggle")
    action.setCheckable(True)
    action.trigger()
    assert action.isChecked()
    assert compat.QGIS_VERSION_INT >= 32200


def test_renderer_band_reads_the_drawn_band_without_deprecation_warnings(tmp_path):
    from osgeo import gdal
    from qgis.core import (
        QgsPalettedRasterRenderer,
        QgsRasterLayer,
        QgsSingleBandGrayRenderer,
        QgsSingleBandPseudoColorRenderer,
    )

    path = str(tmp_path / "three_bands.tif")
    dataset = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 3, gdal.GDT_Byte)
    dataset = None  # noqa: F841 (closing writes the file)
    layer = QgsRasterLayer(path, "three bands")
    assert layer.isValid()
    provider = layer.dataProvider()
    renderers = [QgsSingleBandGrayRenderer(provider, 2), QgsSingleBandPseudoColorRenderer(provider, 3),
                 QgsPalettedRasterRenderer(provider, 1, [])]
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert [compat.renderer_band(renderer) for renderer in renderers] == [2, 3, 1]
