"""The job area from a QGIS layer: the polygons users mean, or a message that says what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from sentinelhub_batch.plugin.services.area import AreaLayerError, area_from_layer
from shapely.geometry import box

TUTORIAL_AREA = Path(__file__).resolve().parents[3] / "shared" / "data" / "california_crop_fields.geojson"


def memory_layer(kind: str, wkts, crs: str = "EPSG:4326", name: str = "test layer") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs={crs}", name, "memory")
    features = []
    for wkt in wkts:
        feature = QgsFeature()
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def test_no_layer_says_what_is_needed(qgis_app):
    with pytest.raises(AreaLayerError, match=r"No polygon layer is chosen as the area\. Add the layer with your area"):
        area_from_layer(None)


def test_a_point_layer_is_refused_with_a_message(qgis_app):
    layer = memory_layer("Point", ["POINT(10 45)"], name="wells")
    with pytest.raises(AreaLayerError) as caught:
        area_from_layer(layer)
    assert "'wells' is a Point layer" in str(caught.value) and "polygon" in str(caught.value)


def test_an_empty_layer_is_refused_with_a_message(qgis_app):
    with pytest.raises(AreaLayerError, match="has no features"):
        area_from_layer(memory_layer("Polygon", [], name="empty"))
    with pytest.raises(AreaLayerError, match="have no geometry"):
        area_from_layer(memory_layer("Polygon", [None], name="no geometry"))


def test_a_self_intersecting_polygon_is_repaired_and_reported(qgis_app):
    bowtie = "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))"
    area = area_from_layer(memory_layer("Polygon", [bowtie]))
    assert area.repaired and area.geometry.is_valid
    assert area.geometry.area == pytest.approx(0.5)
    assert "repaired" in area.describe()


def test_a_collapsed_polygon_is_refused_not_dropped(qgis_app):
    layer = memory_layer("Polygon", ["POLYGON((0 0, 1 1, 2 2, 0 0))", "POLYGON((5 5, 6 5, 6 6, 5 6, 5 5))"],
                         name="fields")
    with pytest.raises(AreaLayerError) as caught:
        area_from_layer(layer)
    message = str(caught.value)
    assert "Feature" in message and "'fields'" in message and "Fix geometries" in message


def test_selected_features_only(qgis_app):
    layer = memory_layer("Polygon", ["POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON((5 5, 7 5, 7 7, 5 7, 5 5))"])
    with pytest.raises(AreaLayerError, match="No features of 'test layer' are selected"):
        area_from_layer(layer, selected_only=True)
    second = [feature.id() for feature in layer.getFeatures()][1]
    layer.selectByIds([second])
    area = area_from_layer(layer, selected_only=True)
    assert area.feature_count == 1 and area.geometry.equals(box(5, 5, 7, 7))
    whole = area_from_layer(layer)
    assert whole.feature_count == 2 and whole.geometry.area == pytest.approx(5.0)


def test_epsg_layers_keep_their_crs_others_are_reprojected_to_wgs84(qgis_app):
    projected = area_from_layer(memory_layer("Polygon", ["POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))"],
                                             crs="EPSG:32611"))
    assert projected.crs == "EPSG:32611" and projected.epsg == 32611 and projected.reprojected_from is None
    assert projected.geometry.area == pytest.approx(1e6)

    custom = "+proj=tmerc +lat_0=36 +lon_0=-120 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"
    layer = memory_layer("Polygon", ["POLYGON((0 0, 10000 0, 10000 10000, 0 10000, 0 0))"], crs=f"PROJ:{custom}")
    assert layer.crs().isValid() and not layer.crs().authid().startswith("EPSG:")
    area = area_from_layer(layer)
    assert area.crs == "EPSG:4326" and area.reprojected_from
    minx, miny, maxx, maxy = area.geometry.bounds
    assert -120.01 < minx < maxx < -119.8 and 35.99 < miny < maxy < 36.1


def test_the_tutorial_layer(qgis_app):
    layer = QgsVectorLayer(str(TUTORIAL_AREA), "california_crop_fields", "ogr")
    assert layer.isValid()
    area = area_from_layer(layer)
    assert area.crs == "EPSG:4326" and area.feature_count == 2 and not area.repaired
    minx, _miny, _maxx, maxy = area.geometry.bounds
    assert (round(minx, 4), round(maxy, 4)) == (-119.3488, 36.1383)
