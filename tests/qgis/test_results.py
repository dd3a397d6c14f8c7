"""Results from S3: VRT mosaics per output and CRS over /vsis3/, styled raster layers in a group, downloads."""

from __future__ import annotations

import numpy as np
import pytest
from bucket_files import manifest_gpkg, vsimem_bytes
from osgeo import gdal, osr
from qgis.core import (
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandGrayRenderer,
    QgsSingleBandPseudoColorRenderer,
)
from sentinelhub_batch.plugin.core.storage import ManifestFeature, read_manifest
from sentinelhub_batch.plugin.services.compat import renderer_band
from sentinelhub_batch.plugin.services.results import (
    ResultsError,
    ResultsRequest,
    add_results_to_project,
    build_mosaics,
    configure_gdal_for_s3,
    download_outputs,
    existing_object_urls,
    looks_like_vegetation_index,
    mosaic_groups,
    prepare_results,
    style_result_layer,
)
from sentinelhub_batch.plugin.services.tasks import Activity
from shapely.geometry import box

TASK_ID = "0f6c1c0e-1d3b-4f5e-9a43-7c2bb7c2a001"
TILE_PIXELS = 20
PIXEL = 10.0


def _geotiff(epsg: int, x: float, y: float, bands: int, data_type: int, value: float) -> bytes:
    path = f"/vsimem/tile_{epsg}_{x}_{y}_{bands}.tif"
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(path, TILE_PIXELS, TILE_PIXELS, bands, data_type)
    dataset.SetGeoTransform((x, PIXEL, 0, y + TILE_PIXELS * PIXEL, 0, -PIXEL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    dataset.SetProjection(srs.ExportToWkt())
    for band in range(1, bands + 1):
        dataset.GetRasterBand(band).WriteArray(np.full((TILE_PIXELS, TILE_PIXELS), value))
    dataset = None
    return vsimem_bytes(path)


def publish_job(bucket, tiles, outputs, missing=()):
    """Upload tiles like the service does (default layout) plus the feature manifest; returns delivery URL, rows.

    ``tiles``: (name, epsg, x, y); ``outputs``: (output id, bands, GDAL type, value); tiles named in ``missing``
    get manifest rows but no objects (failed or no-data tiles).
    """
    client = bucket.client()
    delivery_url = bucket.url("results")
    rows = []
    fid = 1
    for name, epsg, x, y in tiles:
        for output_id, bands, data_type, value in outputs:
            key = f"results/{TASK_ID}/{name}/{output_id}.tif"
            rows.append(ManifestFeature(fid, output_id, name, f"s3://{bucket.bucket}/{key}", TILE_PIXELS,
                                        TILE_PIXELS, epsg, box(x, y, x + TILE_PIXELS * PIXEL, y + TILE_PIXELS * PIXEL)))
            fid += 1
            if name not in missing:
                client.put_object(bucket.bucket, key, _geotiff(epsg, x, y, bands, data_type, value))
    client.put_object(bucket.bucket, f"results/{TASK_ID}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(rows))
    return delivery_url, rows


TUTORIAL_OUTPUTS = (("NDVI", 1, gdal.GDT_UInt16, 17000), ("data_mask", 1, gdal.GDT_Byte, 1))
TILES = (("A", 32611, 600000.0, 4000000.0), ("B", 32611, 600200.0, 4000000.0), ("C", 32610, 200000.0, 4000000.0))


def test_manifest_round_trips_through_the_helper(s3_bucket):
    _, rows = publish_job(s3_bucket, TILES[:1], TUTORIAL_OUTPUTS)
    data = s3_bucket.client().get_object(s3_bucket.bucket, f"results/{TASK_ID}/featureManifest-{TASK_ID}.gpkg").data
    assert [(row.output_id, row.identifier, row.path) for row in read_manifest(data)] == \
        [(row.output_id, row.identifier, row.path) for row in rows]


def test_one_vrt_per_output_and_crs_over_vsis3_skipping_missing_tiles(s3_bucket, tmp_path):
    delivery_url, rows = publish_job(s3_bucket, (*TILES, ("D", 32611, 600400.0, 4000000.0)), TUTORIAL_OUTPUTS,
                                     missing=("D",))
    client = s3_bucket.client()
    configure_gdal_for_s3(client, s3_bucket.bucket)
    available = existing_object_urls(client, delivery_url, TASK_ID)
    assert len(available) == 6 + 1  # six outputs and the manifest; tile D has none

    mosaics = build_mosaics(TASK_ID, rows, tmp_path, available=available)
    assert sorted((m.output_id, m.epsg, m.tile_count) for m in mosaics) == [
        ("NDVI", 32610, 1), ("NDVI", 32611, 2), ("data_mask", 32610, 1), ("data_mask", 32611, 2)]
    ndvi = next(m for m in mosaics if m.output_id == "NDVI" and m.epsg == 32611)
    assert all(source.startswith(f"/vsis3/{s3_bucket.bucket}/results/") for source in ndvi.sources)
    dataset = gdal.Open(ndvi.path)
    assert (dataset.RasterXSize, dataset.RasterYSize) == (2 * TILE_PIXELS, TILE_PIXELS)
    assert int(dataset.GetRasterBand(1).ReadAsArray().min()) == 17000  # the pixels really came from S3


def test_only_named_tiles_are_mosaicked(s3_bucket, tmp_path):
    _, rows = publish_job(s3_bucket, TILES, TUTORIAL_OUTPUTS)
    groups = mosaic_groups(rows, tile_names=["A"])
    assert list(groups) == [("NDVI", 32611), ("data_mask", 32611)]
    with pytest.raises(ResultsError, match="no finished GeoTIFF"):
        build_mosaics(TASK_ID, rows, tmp_path, tile_names=[])


def test_layers_go_in_one_group_styled_and_reload_instead_of_duplicating(s3_bucket, tmp_path, qgis_new_project):
    _, rows = publish_job(s3_bucket, TILES[:2], TUTORIAL_OUTPUTS)
    configure_gdal_for_s3(s3_bucket.client(), s3_bucket.bucket)
    mosaics = build_mosaics(TASK_ID, rows, tmp_path)
    project = QgsProject.instance()
    layers = add_results_to_project(project, mosaics, "Results job")
    assert [layer.name() for layer in layers] == ["NDVI", "data_mask"]
    assert all(layer.isValid() for layer in layers)
    group = project.layerTreeRoot().findGroup("Results job")
    assert sorted(node.layer().name() for node in group.findLayers()) == ["NDVI", "data_mask"]
    assert isinstance(layers[0].renderer(), QgsSingleBandPseudoColorRenderer)
    assert layers[0].renderer().classificationMin() == 8000  # NDVI -0.2 in the tutorial's UINT16 encoding

    again = add_results_to_project(project, mosaics, "Results job")
    assert [layer.id() for layer in again] == [layer.id() for layer in layers]
    assert len(group.findLayers()) == 2


def _styled(tmp_path, output_id: str, bands: int, data_type: int, value: float):
    path = tmp_path / f"{output_id}_{bands}.tif"
    path.write_bytes(_geotiff(32611, 0, 0, bands, data_type, value))
    layer = QgsRasterLayer(str(path), output_id, "gdal")
    assert layer.isValid()
    return layer, style_result_layer(layer, output_id)


def test_multi_date_index_gets_a_ramp_on_band_1_not_a_white_true_colour(tmp_path, qgis_app):
    # The tutorial's NDVI: one band per date, UINT16 = ndvi * 10000 + 10000.
    layer, applied = _styled(tmp_path, "NDVI", 5, gdal.GDT_UInt16, 17000)
    renderer = layer.renderer()
    assert applied == "index"
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer) and renderer_band(renderer) == 1
    assert (renderer.classificationMin(), renderer.classificationMax()) == (8000, 19000)
    shown, red, green, _blue, _alpha = renderer.shader().rasterShaderFunction().shade(17000)
    assert shown and green > red and (red, green) != (255, 255)  # NDVI 0.7 is green, not white

    single, applied = _styled(tmp_path, "ndvi", 1, gdal.GDT_Float32, 0.5)
    assert applied == "index" and renderer_band(single.renderer()) == 1
    assert single.renderer().classificationMin() == pytest.approx(-0.2)
    assert single.renderer().classificationMax() == pytest.approx(0.9)


@pytest.mark.parametrize("output_id, bands, data_type, high", [
    ("TRUE_COLOR", 3, gdal.GDT_Byte, 255), ("rgba", 4, gdal.GDT_UInt16, 3000), ("default", 3, gdal.GDT_Float32, 0.3),
])
def test_rgb_outputs_get_true_colour_with_a_fixed_stretch(tmp_path, qgis_app, output_id, bands, data_type, high):
    layer, applied = _styled(tmp_path, output_id, bands, data_type, 100)
    renderer = layer.renderer()
    assert applied == "true colour" and isinstance(renderer, QgsMultiBandColorRenderer)
    assert (renderer.redBand(), renderer.greenBand(), renderer.blueBand()) == (1, 2, 3)
    enhancement = renderer.redContrastEnhancement()
    assert enhancement.minimumValue() == 0 and enhancement.maximumValue() == pytest.approx(high)


@pytest.mark.parametrize("output_id", ["dataMask", "data_mask"])
def test_masks_are_paletted_zero_and_one(tmp_path, qgis_app, output_id):
    layer, applied = _styled(tmp_path, output_id, 1, gdal.GDT_Byte, 1)
    renderer = layer.renderer()
    assert applied == "mask" and isinstance(renderer, QgsPalettedRasterRenderer) and renderer_band(renderer) == 1
    assert [(item.value, item.label) for item in renderer.classes()] == [(0, "No data"), (1, "Data")]


def test_other_outputs(tmp_path, qgis_app):
    layer, applied = _styled(tmp_path, "bands", 6, gdal.GDT_UInt16, 100)
    assert applied == "band 1" and isinstance(layer.renderer(), QgsSingleBandGrayRenderer)
    assert renderer_band(layer.renderer()) == 1
    _layer, applied = _styled(tmp_path, "LAI", 1, gdal.GDT_Float32, 3.0)
    assert applied == "default"
    assert looks_like_vegetation_index("NDVI") and looks_like_vegetation_index("my_ndvi_2020")
    assert not looks_like_vegetation_index("data_mask") and not looks_like_vegetation_index("seventeen")


def test_download_copies_objects_and_stops_on_cancel(s3_bucket, tmp_path):
    _, rows = publish_job(s3_bucket, TILES[:2], TUTORIAL_OUTPUTS)
    client = s3_bucket.client()
    percents = []
    local = download_outputs(client, rows, tmp_path, progress=percents.append)
    assert len(local) == 4 and percents[-1] == 100.0
    assert all(gdal.Open(path) is not None for path in local.values())
    assert sorted(p.name for p in (tmp_path / "A").iterdir()) == ["NDVI.tif", "data_mask.tif"]

    calls = []
    cancelled = download_outputs(client, rows, tmp_path / "again", is_cancelled=lambda: len(calls) > 0 or
                                 calls.append(1) is not None)
    assert len(cancelled) < len(rows)


def test_loading_results_downloads_builds_and_adds_layers(s3_bucket, tmp_path, qgis_new_project):
    delivery_url, _ = publish_job(s3_bucket, TILES, TUTORIAL_OUTPUTS)
    request = ResultsRequest(TASK_ID, delivery_url, tmp_path, "Results task", download=True, tile_names=["A", "C"])
    progress = []
    mosaics = prepare_results(s3_bucket.client(), request, Activity(progress=progress.append))
    added = add_results_to_project(QgsProject.instance(), mosaics, request.group_name)
    layers = [QgsProject.instance().mapLayer(layer.id()) for layer in added]
    assert progress and progress == sorted(progress) and progress[-1] <= 100
    assert sorted(layer.name() for layer in layers) == ["NDVI (EPSG:32610)", "NDVI (EPSG:32611)",
                                                        "data_mask (EPSG:32610)", "data_mask (EPSG:32611)"]
    assert all(str(tmp_path / "tiles") in gdal.Open(layer.source()).GetFileList()[1] for layer in layers)


def test_loading_results_reports_a_missing_manifest(s3_bucket, tmp_path, qgis_new_project):
    request = ResultsRequest(TASK_ID, s3_bucket.url("nothing"), tmp_path, "Results none")
    with pytest.raises(ResultsError) as raised:
        prepare_results(s3_bucket.client(), request, Activity())
    assert "no feature manifest" in str(raised.value)
