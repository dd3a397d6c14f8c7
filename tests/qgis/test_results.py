"""Results from S3: VRT mosaics per output and CRS written from the manifest (no tile listed or opened), styled
raster layers in a group with transparent surroundings, overviews from the tiles' COG overviews, downloads."""

from __future__ import annotations

import numpy as np
import pytest
from bucket_files import execution_sqlite, manifest_gpkg, vsimem_bytes
from emulator.latency import LatencyProxy
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
    build_mosaic_overview,
    build_mosaics,
    configure_gdal_for_s3,
    download_outputs,
    looks_like_vegetation_index,
    mosaic_groups,
    overview_path,
    prepare_results,
    style_result_layer,
    tiles_with_outputs,
)
from sentinelhub_batch.plugin.services.tasks import Activity
from shapely.geometry import box

TASK_ID = "0f6c1c0e-1d3b-4f5e-9a43-7c2bb7c2a001"
TILE_PIXELS = 20
PIXEL = 10.0


def _geotiff(epsg: int, x: float, y: float, bands: int, data_type: int, value: float, buffer: int = 0,
             cog: bool = False, pixels: int = TILE_PIXELS) -> bytes:
    """A tile of ``pixels`` px (plus ``buffer`` px on each side, valued 0) whose tile proper starts at x, y."""
    size = pixels + 2 * buffer
    memory = gdal.GetDriverByName("MEM").Create("", size, size, bands, data_type)
    memory.SetGeoTransform((x - buffer * PIXEL, PIXEL, 0, y + (pixels + buffer) * PIXEL, 0, -PIXEL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    memory.SetProjection(srs.ExportToWkt())
    values = np.zeros((size, size))
    values[buffer:buffer + pixels, buffer:buffer + pixels] = value
    for band in range(1, bands + 1):
        memory.GetRasterBand(band).WriteArray(values)
    path = f"/vsimem/tile_{epsg}_{x}_{y}_{bands}_{buffer}_{cog}.tif"
    options = ["BLOCKSIZE=64", "OVERVIEW_RESAMPLING=AVERAGE"] if cog else []
    gdal.GetDriverByName("COG" if cog else "GTiff").CreateCopy(path, memory, options=options)
    return vsimem_bytes(path)


def publish_job(bucket, tiles, outputs, missing=(), buffer=0, cog=False, pixels=TILE_PIXELS):
    """Upload tiles like the service does (default layout), the feature manifest and the execution database;
    returns delivery URL, manifest rows.

    ``tiles``: (name, epsg, x, y); ``outputs``: (output id, bands, GDAL type, value); tiles named in ``missing``
    get manifest rows but no objects and are "No data" in the execution database.
    """
    delivery_url = bucket.url("results")
    rows = []
    fid = 1
    with bucket.client() as client:
        for name, epsg, x, y in tiles:
            for output_id, bands, data_type, value in outputs:
                key = f"results/{TASK_ID}/{name}/{output_id}.tif"
                rows.append(ManifestFeature(fid, output_id, name, f"s3://{bucket.bucket}/{key}", pixels + 2 * buffer,
                                            pixels + 2 * buffer, epsg,
                                            box(x, y, x + pixels * PIXEL, y + pixels * PIXEL)))
                fid += 1
                if name not in missing:
                    client.put_object(bucket.bucket, key, _geotiff(epsg, x, y, bands, data_type, value, buffer, cog,
                                                                   pixels))
        client.put_object(bucket.bucket, f"results/{TASK_ID}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(rows))
        execution = [(index, name, "DONE", "No data" if name in missing else None, name not in missing)
                     for index, (name, *_) in enumerate(tiles)]
        client.put_object(bucket.bucket, f"results/{TASK_ID}/execution-{TASK_ID}.sqlite",
                          execution_sqlite(execution))
    return delivery_url, rows


TUTORIAL_OUTPUTS = (("NDVI", 1, gdal.GDT_UInt16, 17000), ("data_mask", 1, gdal.GDT_Byte, 1))
TILES = (("A", 32611, 600000.0, 4000000.0), ("B", 32611, 600200.0, 4000000.0), ("C", 32610, 200000.0, 4000000.0))


@pytest.fixture
def counted_s3(s3_bucket):
    """The bucket behind a proxy that counts requests (GDAL and the S3 client both go through it)."""
    proxy = LatencyProxy(s3_bucket.endpoint_url).start()
    counted = type(s3_bucket)(proxy.url, s3_bucket.access_key, s3_bucket.secret_key, s3_bucket.region,
                              s3_bucket.bucket)
    yield counted, proxy
    proxy.stop()
    gdal.VSICurlClearCache()


def test_manifest_round_trips_through_the_helper(s3_bucket):
    _, rows = publish_job(s3_bucket, TILES[:1], TUTORIAL_OUTPUTS)
    data = s3_bucket.client().get_object(s3_bucket.bucket, f"results/{TASK_ID}/featureManifest-{TASK_ID}.gpkg").data
    assert [(row.output_id, row.identifier, row.path) for row in read_manifest(data)] == \
        [(row.output_id, row.identifier, row.path) for row in rows]


def test_one_vrt_per_output_and_crs_from_the_manifest_and_the_execution_database(s3_bucket, tmp_path):
    delivery_url, rows = publish_job(s3_bucket, (*TILES, ("D", 32611, 600400.0, 4000000.0)), TUTORIAL_OUTPUTS,
                                     missing=("D",))
    client = s3_bucket.client()
    configure_gdal_for_s3(client, s3_bucket.bucket)
    done = tiles_with_outputs(client, delivery_url, TASK_ID)
    assert done == {"A", "B", "C"}  # D is "No data": it has no outputs

    mosaics = build_mosaics(TASK_ID, rows, tmp_path, tile_names=done)
    assert sorted((m.output_id, m.epsg, m.tile_count) for m in mosaics) == [
        ("NDVI", 32610, 1), ("NDVI", 32611, 2), ("data_mask", 32610, 1), ("data_mask", 32611, 2)]
    ndvi = next(m for m in mosaics if m.output_id == "NDVI" and m.epsg == 32611)
    assert all(source.startswith(f"/vsis3/{s3_bucket.bucket}/results/") for source in ndvi.sources)
    dataset = gdal.Open(ndvi.path)
    assert (dataset.RasterXSize, dataset.RasterYSize) == (2 * TILE_PIXELS, TILE_PIXELS)
    assert dataset.GetGeoTransform() == (600000.0, PIXEL, 0.0, 4000000.0 + TILE_PIXELS * PIXEL, 0.0, -PIXEL)
    assert int(dataset.GetRasterBand(1).ReadAsArray().min()) == 17000  # the pixels really came from S3
    assert dataset.GetRasterBand(1).GetNoDataValue() == 0  # outside the area: transparent
    mask = next(m for m in mosaics if m.output_id == "data_mask" and m.epsg == 32611)
    assert gdal.Open(mask.path).GetRasterBand(1).GetNoDataValue() is None  # a mask's 0 is its "No data" class


def test_loading_opens_one_file_per_output_whatever_the_number_of_tiles(counted_s3, tmp_path, qgis_new_project):
    bucket, proxy = counted_s3
    tiles = [(f"T{index}", 32611, 600000.0 + (index % 6) * TILE_PIXELS * PIXEL,
              4000000.0 + (index // 6) * TILE_PIXELS * PIXEL) for index in range(24)]
    delivery_url, _ = publish_job(bucket, tiles, TUTORIAL_OUTPUTS)
    requests_for = {}
    for count in (1, 24):
        proxy.reset()
        gdal.VSICurlClearCache()
        request = ResultsRequest(TASK_ID, delivery_url, tmp_path / str(count), "Results",
                                 tile_names=None if count == 24 else ["T0"])
        with bucket.client() as client:
            mosaics = prepare_results(client, request, Activity())
        layers = add_results_to_project(QgsProject.instance(), mosaics, f"Results {count}")
        assert all(layer.isValid() for layer in layers)
        requests_for[count] = proxy.counts()["requests"]
    # manifest + execution database + one sample per output; the layers themselves read nothing (default style)
    assert requests_for[24] <= 2 + 2 * len(TUTORIAL_OUTPUTS)
    assert requests_for[24] <= requests_for[1] + 1  # the single-tile load skips the execution database


def test_a_buffer_is_cut_off_so_neighbours_do_not_overlap(s3_bucket, tmp_path):
    tiles = (("L", 32611, 600000.0, 4000000.0), ("R", 32611, 600200.0, 4000000.0))
    _, rows = publish_job(s3_bucket, tiles, (("NDVI", 1, gdal.GDT_UInt16, 17000),), buffer=3)
    configure_gdal_for_s3(s3_bucket.client(), s3_bucket.bucket)
    mosaic = build_mosaics(TASK_ID, rows, tmp_path)[0]
    dataset = gdal.Open(mosaic.path)
    assert (dataset.RasterXSize, dataset.RasterYSize) == (2 * TILE_PIXELS, TILE_PIXELS)
    assert dataset.GetGeoTransform()[0] == 600000.0
    values = dataset.GetRasterBand(1).ReadAsArray()
    assert values.min() == 17000  # no 0 of a buffer drawn over the neighbour, no gap


def test_only_named_tiles_are_mosaicked(s3_bucket, tmp_path):
    _, rows = publish_job(s3_bucket, TILES, TUTORIAL_OUTPUTS)
    groups = mosaic_groups(rows, tile_names=["A"])
    assert list(groups) == [("NDVI", 32611), ("data_mask", 32611)]
    with pytest.raises(ResultsError, match="no finished GeoTIFF"):
        build_mosaics(TASK_ID, rows, tmp_path, tile_names=[])


def test_layers_go_in_one_group_masks_below_and_hidden_and_reload_instead_of_duplicating(s3_bucket, tmp_path,
                                                                                          qgis_new_project):
    outputs = (("ndvi", 1, gdal.GDT_Float32, 0.5), ("data_mask", 1, gdal.GDT_Byte, 1))  # the NDVI preset
    _, rows = publish_job(s3_bucket, TILES[:2], outputs)
    configure_gdal_for_s3(s3_bucket.client(), s3_bucket.bucket)
    mosaics = build_mosaics(TASK_ID, rows, tmp_path)
    assert [mosaic.output_id for mosaic in mosaics] == ["data_mask", "ndvi"]
    project = QgsProject.instance()
    layers = add_results_to_project(project, mosaics, "Results job")
    assert all(layer.isValid() for layer in layers)
    group = project.layerTreeRoot().findGroup("Results job")
    nodes = group.findLayers()
    assert [node.layer().name() for node in nodes] == ["ndvi", "data_mask"]  # the mask does not cover the index
    assert [node.itemVisibilityChecked() for node in nodes] == [True, False]
    ndvi = nodes[0].layer()
    assert isinstance(ndvi.renderer(), QgsSingleBandPseudoColorRenderer)
    assert ndvi.renderer().classificationMin() == pytest.approx(-0.2)

    again = add_results_to_project(project, mosaics, "Results job")
    assert sorted(layer.id() for layer in again) == sorted(layer.id() for layer in layers)
    assert len(group.findLayers()) == 2


def test_overviews_come_from_the_tiles_cog_overviews(s3_bucket, tmp_path):
    pixels = 256
    tiles = [(f"T{index}", 32611, 600000.0 + (index % 3) * pixels * PIXEL, 4000000.0 + (index // 3) * pixels * PIXEL)
             for index in range(6)]
    outputs = (("NDVI", 1, gdal.GDT_UInt16, 17000),)
    _, rows = publish_job(s3_bucket, tiles, outputs, cog=True, pixels=pixels)
    configure_gdal_for_s3(s3_bucket.client(), s3_bucket.bucket)
    mosaic = build_mosaics(TASK_ID, rows, tmp_path)[0]
    progress = []
    assert build_mosaic_overview(mosaic, Activity(progress=progress.append))
    assert progress[-1] == 100
    overview = gdal.Open(overview_path(mosaic.path))
    assert (overview.RasterXSize, overview.RasterYSize) == (3 * pixels // 2, 2 * pixels // 2)
    assert overview.GetRasterBand(1).ReadAsArray().min() == 17000
    dataset = gdal.Open(mosaic.path)
    assert dataset.GetRasterBand(1).GetOverviewCount() >= 1  # GDAL finds <mosaic>.vrt.ovr by itself


def test_no_overview_from_tiles_without_internal_overviews(s3_bucket, tmp_path):
    _, rows = publish_job(s3_bucket, TILES[:2], (("NDVI", 1, gdal.GDT_UInt16, 17000),))
    configure_gdal_for_s3(s3_bucket.client(), s3_bucket.bucket)
    mosaic = build_mosaics(TASK_ID, rows, tmp_path)[0]
    assert not build_mosaic_overview(mosaic, Activity())


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


def test_outside_the_area_is_transparent_but_a_mask_keeps_its_no_data_class(tmp_path, qgis_app):
    # A file the Process API wrote (an evalscript test): no nodata value, 0 outside the area.
    ndvi, _ = _styled(tmp_path, "ndvi", 1, gdal.GDT_Float32, 0.0)
    ranges = ndvi.dataProvider().userNoDataValues(1)
    assert [(item.min(), item.max()) for item in ranges] == [(0, 0)]
    block = ndvi.dataProvider().block(1, ndvi.extent(), 4, 4)
    assert block.isNoData(0, 0)
    mask, _ = _styled(tmp_path, "dataMask", 1, gdal.GDT_Byte, 0)
    assert not mask.dataProvider().userNoDataValues(1)


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
