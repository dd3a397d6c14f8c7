"""Finished outputs of a job as map layers: one VRT mosaic per output and CRS, read from S3 or a local copy.

Thousands of tiles load as a few layers, with a few requests whatever the number of tiles: the feature manifest
says which object holds which output of which tile and where it lies, the execution database which tiles are done.
One VRT per output and CRS is written from those and from one sample file per output (bands, pixel type, nodata):
no tile is listed or opened, GDAL opens a tile only when its pixels are drawn. Each VRT gets a default style, so
QGIS computes no statistics over it; mosaics of many tiles get overviews built in the background from the tiles'
own COG overviews, so they render at full extent from one local file. GDAL reads the objects through ``/vsis3/``
with the S3 client's settings applied for that bucket only.

Used by the jobs dock and by the Processing algorithms: nothing here touches ``iface`` or widgets. The slow parts,
:func:`prepare_results` and :func:`build_overviews`, run off the GUI thread.
"""

from __future__ import annotations

import math
import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from osgeo import gdal, osr
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsColorRampShader,
    QgsContrastEnhancement,
    QgsDataProvider,
    QgsLayerTreeGroup,
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRasterLayer,
    QgsRasterRange,
    QgsRasterShader,
    QgsSingleBandGrayRenderer,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
)
from qgis.PyQt.QtGui import QColor

from ..core.errors import InvalidRequestError, SentinelHubBatchError
from ..core.storage import (
    OUTPUT_TYPE_RASTER,
    OUTPUT_TYPE_ZARR,
    ManifestFeature,
    TileStatus,
    delivery_root,
    execution_db_location,
    feature_manifest_location,
    parse_s3_url,
    read_execution_statuses,
    read_manifest,
    request_output_type,
    zarr_gdal_path,
)
from .compat import RAMP_INTERPOLATED
from .i18n import tr
from .tasks import Activity

RESULT_PROPERTY = "sentinelhub_batch/result"
"""Custom layer property ``<task id>/<output id>/<epsg>`` marking a result layer (to reload rather than duplicate)."""

_INDEX_NAMES = re.compile(r"(^|[^a-z])(ndvi|ndwi|ndmi|ndre|evi|savi|nbr)([^a-z]|$)", re.IGNORECASE)
_MASK_NAMES = re.compile(r"mask", re.IGNORECASE)


class ResultsError(SentinelHubBatchError):
    """The results of a job cannot be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class OutputMosaic:
    """One output of a job in one CRS, as a VRT over its tiles."""

    task_id: str
    output_id: str
    epsg: int
    path: str
    """The VRT file."""
    tile_count: int
    sources: Tuple[str, ...] = field(default=(), repr=False)

    @property
    def key(self) -> str:
        return f"{self.task_id}/{self.output_id}/{self.epsg}"


# ----------------------------------------------------------------------------------------------- GDAL and S3


def vsis3_path(s3_url: str) -> str:
    location = parse_s3_url(s3_url)
    return location.vsis3_path


def configure_gdal_for_s3(s3_client: Any, bucket: str) -> None:
    """Let GDAL read ``/vsis3/<bucket>/...`` with the client's keys and endpoint, for that bucket only.

    The options hold the secret key: they go to GDAL and nowhere else. Cached GDAL reads of the bucket are
    dropped, so objects a retry overwrote are read again.
    """
    prefix = f"/vsis3/{bucket}"
    options = dict(s3_client.gdal_vsi_options())
    options.setdefault("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")
    setter = getattr(gdal, "SetPathSpecificOption", None) or getattr(gdal, "SetCredential", None)
    for name, value in options.items():
        if setter is not None:
            setter(prefix, name, value)
        else:  # GDAL < 3.5: process-wide options
            gdal.SetConfigOption(name, value)
    if hasattr(gdal, "VSICurlPartialClearCache"):
        gdal.VSICurlPartialClearCache(prefix)


def tiles_with_outputs(s3_client: Any, delivery_url: str, task_id: str) -> Set[str]:
    """The tiles whose outputs were written: DONE in the job's execution database (one request, however many tiles;
    "No data" tiles have none)."""
    from ..core.s3 import S3Error

    location = execution_db_location(delivery_url, task_id)
    try:
        found = s3_client.get_object(location.bucket, location.key)
    except S3Error as error:
        if error.not_found:
            raise ResultsError(tr("Job {id} has no execution database at {url} yet: results can be loaded once tiles "
                                  "are done.").format(id=task_id, url=location.url)) from None
        raise
    return {name for name, status in read_execution_statuses(found.data).items() if status is TileStatus.DONE}


def read_job_manifest(s3_client: Any, delivery_url: str, task_id: str,
                      output_type: str = OUTPUT_TYPE_RASTER) -> List[ManifestFeature]:
    from ..core.s3 import S3Error

    location = feature_manifest_location(delivery_url, task_id, output_type)
    try:
        found = s3_client.get_object(location.bucket, location.key)
    except S3Error as error:
        if error.not_found:
            raise ResultsError(tr("Job {id} has no feature manifest at {url} yet: results can be loaded once the job "
                                  "has been analysed and tiles are done.").format(id=task_id, url=location.url)
                               ) from None
        raise
    return read_manifest(found.data)


# ----------------------------------------------------------------------------------------------- mosaics


def mosaic_groups(manifest: Iterable[ManifestFeature], tile_names: Optional[Iterable[str]] = None,
                  available: Optional[Set[str]] = None) -> Dict[Tuple[str, int], List[ManifestFeature]]:
    """Manifest rows of GeoTIFF outputs per (output id, EPSG), limited to the named tiles and, when given, to the
    object URLs in ``available`` (e.g. the files downloaded)."""
    wanted = set(tile_names) if tile_names is not None else None
    groups: Dict[Tuple[str, int], List[ManifestFeature]] = {}
    for feature in manifest:
        if wanted is not None and feature.identifier not in wanted:
            continue
        if available is not None and feature.path not in available:
            continue
        if not feature.path.lower().endswith((".tif", ".tiff")):
            continue
        groups.setdefault((feature.output_id, feature.epsg), []).append(feature)
    return groups


def results_folder(project: Optional[QgsProject], task_id: str) -> Path:
    """Where VRTs (and downloads) of a job go: next to a saved project, else in the QGIS profile's cache."""
    if project is not None and project.fileName():
        project_path = Path(project.fileName())
        base = project_path.parent / f"{project_path.stem}_sentinelhub"
    else:
        base = Path(QgsApplication.qgisSettingsDirPath()) / "cache" / "sentinelhub_batch"
    return base / task_id


def _safe_file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text) or "output"


@dataclass(frozen=True)
class OutputSample:
    """What every file of one output shares, read from one of them.

    ``buffer`` is how many pixels the raster reaches past the tile's manifest geometry on each side (x, y): the
    request's bufferX/bufferY when the manifest holds the tile itself, 0 when it holds the raster's extent.
    """

    bands: int
    data_type: str
    """GDAL's name of the pixel type, e.g. ``UInt16``."""
    nodata: Optional[float]
    colour_interpretations: Tuple[str, ...]
    block: Tuple[int, int]
    buffer: Tuple[int, int]


def read_output_sample(source: str, feature: ManifestFeature) -> OutputSample:
    """Open one output file (``source``: the path GDAL opens for ``feature``) and read what its output shares."""
    dataset = gdal.Open(source)
    if dataset is None:
        raise ResultsError(tr("GDAL could not open {path} to read output '{output}': {error}. Check the S3 settings "
                              "of the connection.").format(path=source, output=feature.output_id,
                                                           error=gdal.GetLastErrorMsg() or tr("unknown error")))
    try:
        origin_x, pixel_x, _, origin_y, _, pixel_y = dataset.GetGeoTransform()
        min_x, _min_y, _max_x, max_y = feature.geometry.bounds
        first = dataset.GetRasterBand(1)
        block = first.GetBlockSize()
        return OutputSample(
            bands=dataset.RasterCount,
            data_type=gdal.GetDataTypeName(first.DataType),
            nodata=first.GetNoDataValue(),
            colour_interpretations=tuple(
                gdal.GetColorInterpretationName(dataset.GetRasterBand(band).GetColorInterpretation())
                for band in range(1, dataset.RasterCount + 1)),
            block=(int(block[0]), int(block[1])),
            buffer=(max(0, round((min_x - origin_x) / pixel_x)), max(0, round((origin_y - max_y) / -pixel_y))),
        )
    finally:
        dataset = None


RESULT_NODATA = 0.0
"""The value Sentinel Hub writes where a tile has no data: outside the request's area and where ``dataMask`` is 0
(every band of such a pixel is 0). A mosaic of an output whose files declare no nodata value treats it as nodata, so
the surroundings of the area are transparent. Masks keep their 0 as a class of their own ("No data")."""


def is_mask_output(output_id: str) -> bool:
    return bool(_MASK_NAMES.search(output_id))


@dataclass(frozen=True)
class _Placement:
    """Where one tile's pixels go in the mosaic: the source window without the buffer, and the mosaic window."""

    source: str
    source_window: Tuple[int, int, int, int]
    bounds: Tuple[float, float, float, float]
    pixel: Tuple[float, float]


def _placements(features: Sequence[ManifestFeature], sample: OutputSample,
                source_for: Callable[[ManifestFeature], str]) -> List[_Placement]:
    buffer_x, buffer_y = sample.buffer
    placements = []
    for feature in features:
        min_x, min_y, max_x, max_y = feature.geometry.bounds
        inner_width, inner_height = feature.width - 2 * buffer_x, feature.height - 2 * buffer_y
        if inner_width <= 0 or inner_height <= 0 or max_x <= min_x or max_y <= min_y:
            raise ResultsError(tr("The feature manifest gives tile {tile} of output '{output}' a size of {width} × "
                                  "{height} px that does not fit its extent; the mosaic cannot be built from it.")
                               .format(tile=feature.identifier, output=feature.output_id, width=feature.width,
                                       height=feature.height))
        placements.append(_Placement(source_for(feature), (buffer_x, buffer_y, inner_width, inner_height),
                                     (min_x, min_y, max_x, max_y),
                                     ((max_x - min_x) / inner_width, (max_y - min_y) / inner_height)))
    return placements


def mosaic_vrt_xml(placements: Sequence[_Placement], sample: OutputSample, epsg: int,
                   nodata: Optional[float]) -> str:
    """The VRT of one output in one CRS, written from the tiles' placements alone.

    Each source says its size, type and block size (``SourceProperties``), so GDAL opens a tile's file only when
    pixels of that tile are read, and keeps few open at once (its dataset pool). Sources are cut to the tile without
    its buffer, so neighbours do not overlap. The mosaic takes the finest pixel size of its tiles.
    """
    pixel_x = min(placement.pixel[0] for placement in placements)
    pixel_y = min(placement.pixel[1] for placement in placements)
    min_x = min(placement.bounds[0] for placement in placements)
    max_y = max(placement.bounds[3] for placement in placements)
    width = max(round((placement.bounds[2] - min_x) / pixel_x) for placement in placements)
    height = max(round((max_y - placement.bounds[1]) / pixel_y) for placement in placements)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(epsg))
    lines = [f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}">',
             f'  <SRS dataAxisToSRSAxisMapping="1,2">{escape(srs.ExportToWkt())}</SRS>',
             f"  <GeoTransform>{min_x!r}, {pixel_x!r}, 0.0, {max_y!r}, 0.0, {-pixel_y!r}</GeoTransform>"]
    properties = (f'<SourceProperties RasterXSize="{{width}}" RasterYSize="{{height}}" DataType="{sample.data_type}" '
                  f'BlockXSize="{sample.block[0]}" BlockYSize="{sample.block[1]}"/>')
    for band in range(1, sample.bands + 1):
        lines.append(f'  <VRTRasterBand dataType="{sample.data_type}" band="{band}">')
        if nodata is not None:
            lines.append(f"    <NoDataValue>{nodata!r}</NoDataValue>")
        lines.append(f"    <ColorInterp>{sample.colour_interpretations[band - 1]}</ColorInterp>")
        for placement in placements:
            x, y, source_width, source_height = placement.source_window
            left, bottom, right, top = placement.bounds
            lines += [
                "    <SimpleSource>",
                f'      <SourceFilename relativeToVRT="0">{escape(placement.source)}</SourceFilename>',
                f"      <SourceBand>{band}</SourceBand>",
                "      " + properties.format(width=source_width + 2 * x, height=source_height + 2 * y),
                f'      <SrcRect xOff="{x}" yOff="{y}" xSize="{source_width}" ySize="{source_height}"/>',
                f'      <DstRect xOff="{(left - min_x) / pixel_x:.10g}" yOff="{(max_y - top) / pixel_y:.10g}" '
                f'xSize="{(right - left) / pixel_x:.10g}" ySize="{(top - bottom) / pixel_y:.10g}"/>',
                "    </SimpleSource>",
            ]
        lines.append("  </VRTRasterBand>")
    lines.append("</VRTDataset>")
    return "\n".join(lines) + "\n"


STYLE_SAMPLE_PIXELS = 64
"""Width of the copy of a sample tile the default style of a mosaic is made on."""


def write_default_style(vrt_path: Path, sample_source: str, output_id: str, nodata: Optional[float]) -> None:
    """Write the style of a mosaic as its default style, ``<name>.qml`` next to the VRT.

    QGIS opens a raster layer with its default style when there is one; without one it first computes statistics
    for the contrast stretch, which over a VRT of thousands of remote tiles reads every tile. The style is that of
    :func:`style_result_layer`, made on a small copy of one tile (read from its smallest overview), whose values
    also give the range of an output the style rules do not know.
    """
    copy_path = f"/vsimem/sentinelhub_batch_style_{uuid.uuid4().hex}.tif"
    options = {"width": STYLE_SAMPLE_PIXELS, "height": 0, "format": "GTiff"}
    if nodata is not None:
        options["noData"] = nodata
    try:
        written = gdal.Translate(copy_path, sample_source, options=gdal.TranslateOptions(**options))
        if written is None:
            raise ResultsError(tr("GDAL could not read {path}: {error}").format(
                path=sample_source, error=gdal.GetLastErrorMsg() or tr("unknown error")))
        written = None
        layer = QgsRasterLayer(copy_path, output_id, "gdal")
        if layer.isValid():
            style_result_layer(layer, output_id)
            layer.saveNamedStyle(str(vrt_path.with_suffix(".qml")))
        del layer
    finally:
        gdal.Unlink(copy_path)


def build_mosaics(
    task_id: str,
    manifest: Sequence[ManifestFeature],
    folder: Path,
    *,
    tile_names: Optional[Iterable[str]] = None,
    available: Optional[Set[str]] = None,
    source_for: Optional[Callable[[ManifestFeature], str]] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> List[OutputMosaic]:
    """Write one VRT per output and CRS into ``folder`` and describe them.

    The VRTs come from the manifest (each tile's extent, raster size and object) and one sample file per output
    (bands, pixel type, nodata, block size, buffer): loading opens one file per output, whatever the tile count.
    ``tile_names`` are the tiles with outputs (the DONE ones); ``source_for`` maps a manifest row to the path GDAL
    opens (default: its ``/vsis3/`` path; a local file after :func:`download_outputs`). GDAL must already be
    configured for the bucket (:func:`configure_gdal_for_s3`).
    """
    groups = mosaic_groups(manifest, tile_names, available)
    if not groups:
        raise ResultsError(tr("Job {id} has no finished GeoTIFF outputs to load yet (no tile is done, or the "
                              "outputs are in another format).").format(id=task_id))
    folder.mkdir(parents=True, exist_ok=True)
    source_for = source_for or (lambda feature: vsis3_path(feature.path))
    several_crs = len({epsg for _, epsg in groups}) > 1
    samples: Dict[str, OutputSample] = {}
    mosaics = []
    for (output_id, epsg), features in sorted(groups.items()):
        if is_cancelled():
            return mosaics
        sample = samples.get(output_id)
        if sample is None:
            sample = samples[output_id] = read_output_sample(source_for(features[0]), features[0])
        nodata = sample.nodata
        if nodata is None and not is_mask_output(output_id):
            nodata = RESULT_NODATA
        placements = _placements(features, sample, source_for)
        name = _safe_file_part(output_id) + (f"_{epsg}" if several_crs else "")
        path = folder / f"{name}.vrt"
        path.write_text(mosaic_vrt_xml(placements, sample, epsg, nodata), encoding="utf-8")
        write_default_style(path, source_for(features[0]), output_id, nodata)
        mosaics.append(OutputMosaic(task_id, output_id, epsg, str(path), len(placements),
                                    tuple(placement.source for placement in placements)))
    return mosaics


# ----------------------------------------------------------------------------------------------- overviews

OVERVIEW_MIN_TILES = 64
"""Mosaics of fewer tiles render at full extent quickly enough from the tiles themselves: no overview."""
OVERVIEW_MAX_PIXELS = 32 * 1024 * 1024
"""The first overview level is the finest power-of-two reduction with at most this many pixels."""
OVERVIEW_READERS = 8
"""Tiles read at the same time while an overview is built (network round trips overlap; GDAL releases the GIL)."""


def overview_factor(width: int, height: int) -> int:
    factor = 2
    while math.ceil(width / factor) * math.ceil(height / factor) > OVERVIEW_MAX_PIXELS:
        factor *= 2
    return factor


def overview_path(vrt_path: str) -> str:
    """Where GDAL looks for a dataset's external overviews (and finds them without being told)."""
    return vrt_path + ".ovr"


def build_mosaic_overview(mosaic: OutputMosaic, activity: Activity) -> bool:
    """Build the overviews of a mosaic from its tiles' own (COG) overviews, as ``<mosaic>.vrt.ovr``.

    At full extent a country-wide mosaic would otherwise open every tile on every redraw. The first level is
    :func:`overview_factor` times coarser than the mosaic: each tile is read once at that reduction, which GDAL
    serves from the tile's internal overview (its header and one block, not its full-resolution pixels),
    :data:`OVERVIEW_READERS` tiles at a time; the coarser levels are computed from the first one locally. Tiles
    without internal overviews (not COG) would have to be read whole: no overview is built for them (False).
    """
    vrt = ElementTree.parse(mosaic.path).getroot()  # noqa: S314 (a VRT this module wrote)
    width, height = int(vrt.get("rasterXSize", "0")), int(vrt.get("rasterYSize", "0"))
    bands = vrt.findall("VRTRasterBand")
    windows = [(source.findtext("SourceFilename", ""), _rect(source.find("SrcRect")), _rect(source.find("DstRect")))
               for source in bands[0].findall("SimpleSource")]
    if not windows:
        return False
    first = gdal.Open(windows[0][0])
    if first is None or first.GetRasterBand(1).GetOverviewCount() == 0:
        return False
    first = None
    factor = overview_factor(width, height)
    nodata_text = bands[0].findtext("NoDataValue")
    nodata = float(nodata_text) if nodata_text is not None else None
    data_type = gdal.GetDataTypeByName(bands[0].get("dataType", "Byte"))
    resampling = gdal.GRIORA_NearestNeighbour if is_mask_output(mosaic.output_id) else gdal.GRIORA_Average
    target = overview_path(mosaic.path)
    partial = target + ".part"
    dataset = gdal.GetDriverByName("GTiff").Create(
        partial, math.ceil(width / factor), math.ceil(height / factor), len(bands), data_type,
        options=["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"])
    try:
        for index in range(1, len(bands) + 1):
            band = dataset.GetRasterBand(index)
            if nodata is not None:
                band.SetNoDataValue(nodata)
                band.Fill(nodata)

        def read(window: Tuple[str, Tuple[int, ...], Tuple[int, ...]]) -> Tuple[Tuple[int, int, int, int], bytes]:
            source, (x, y, source_width, source_height), (left, top, right, bottom) = window
            placed = (round(left / factor), round(top / factor), round(right / factor), round(bottom / factor))
            tile = gdal.Open(source)
            if tile is None:
                raise ResultsError(tr("GDAL could not open {path}: {error}").format(
                    path=source, error=gdal.GetLastErrorMsg() or tr("unknown error")))
            pixels = tile.ReadRaster(x, y, source_width, source_height, buf_xsize=placed[2] - placed[0],
                                     buf_ysize=placed[3] - placed[1], resample_alg=resampling)
            return placed, pixels

        with ThreadPoolExecutor(OVERVIEW_READERS) as pool:
            pending = [pool.submit(read, window) for window in windows]
            for done, future in enumerate(pending, 1):
                if activity.cancelled():
                    for waiting in pending:
                        waiting.cancel()
                    activity.check_cancelled()
                (left, top, right, bottom), pixels = future.result()
                if right > left and bottom > top:
                    dataset.WriteRaster(left, top, right - left, bottom - top, pixels)
                activity.progress(90.0 * done / len(pending))
        levels = []
        level = 2
        while max(dataset.RasterXSize, dataset.RasterYSize) / level >= 256:
            levels.append(level)
            level *= 2
        if levels:
            dataset.BuildOverviews("NEAREST" if resampling == gdal.GRIORA_NearestNeighbour else "AVERAGE", levels)
        dataset.FlushCache()
        dataset = None
        os.replace(partial, target)
    finally:
        dataset = None
        if os.path.exists(partial):
            os.remove(partial)
    activity.progress(100)
    return True


def build_overviews(mosaics: Sequence[OutputMosaic], activity: Activity) -> List[OutputMosaic]:
    """:func:`build_mosaic_overview` for the mosaics of at least :data:`OVERVIEW_MIN_TILES` tiles (off the GUI
    thread, after their layers were added); returns those that got overviews (reload their layers)."""
    built = []
    for mosaic in mosaics:
        activity.check_cancelled()
        if not mosaic.path.endswith(".vrt"):
            continue  # a Zarr array has its own overviews, if any
        if mosaic.tile_count >= OVERVIEW_MIN_TILES and build_mosaic_overview(mosaic, activity):
            built.append(mosaic)
        elif mosaic.tile_count >= OVERVIEW_MIN_TILES:
            activity.info(tr("The outputs '{output}' have no internal overviews (they are not COGs), so the mosaic "
                             "has none either: zoomed out it reads every tile in view. Ask for COG output for large "
                             "jobs.").format(output=mosaic.output_id))
    return built


def reload_result_layers(project: QgsProject, mosaics: Sequence[OutputMosaic]) -> None:
    """Reopen the layers of these mosaics (e.g. after their overviews were built)."""
    keys = {mosaic.key for mosaic in mosaics}
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsRasterLayer) and layer.customProperty(RESULT_PROPERTY) in keys:
            layer.dataProvider().reloadData()
            layer.triggerRepaint()


def _rect(element: Any) -> Tuple[int, ...]:
    """A VRT SrcRect/DstRect as (x, y, width, height) for SrcRect and (left, top, right, bottom) for DstRect."""
    x, y = float(element.get("xOff")), float(element.get("yOff"))
    width, height = float(element.get("xSize")), float(element.get("ySize"))
    if element.tag == "SrcRect":
        return round(x), round(y), round(width), round(height)
    return round(x), round(y), round(x + width), round(y + height)


def download_outputs(
    s3_client: Any,
    features: Sequence[ManifestFeature],
    folder: Path,
    *,
    progress: Optional[Callable[[float], None]] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> Dict[str, str]:
    """Copy the objects of these manifest rows to ``folder/<tile>/<file>``; returns object URL → local path.

    Files already there with the object's size are not downloaded again. Stops early (returning what is done)
    when ``is_cancelled()`` turns true; a half-downloaded file is never left behind.
    """
    done: Dict[str, str] = {}
    total = len(features)
    for index, feature in enumerate(features):
        if is_cancelled():
            break
        location = parse_s3_url(feature.path)
        target = folder / _safe_file_part(feature.identifier) / _safe_file_part(Path(location.key).name)
        target.parent.mkdir(parents=True, exist_ok=True)
        info = s3_client.head_object(location.bucket, location.key) if target.exists() else None
        if info is None or target.stat().st_size != info.size:
            def file_progress(bytes_done: int, bytes_total: Optional[int], index: int = index) -> None:
                if progress is not None and bytes_total:
                    progress(100.0 * (index + bytes_done / bytes_total) / total)

            if not s3_client.download_file(location.bucket, location.key, str(target), progress=file_progress,
                                           cancel=is_cancelled):
                break
        done[feature.path] = str(target)
        if progress is not None:
            progress(100.0 * (index + 1) / total)
    return done


# ----------------------------------------------------------------------------------------------- layers and styles


def looks_like_vegetation_index(output_id: str) -> bool:
    return bool(_INDEX_NAMES.search(output_id))


def _index_range(data_type: int) -> Tuple[float, float]:
    """The display range -0.2 … 0.9 of an index in the usual encodings of each data type."""
    if data_type == Qgis.DataType.UInt16:
        return 8000.0, 19000.0  # tutorial encoding: ndvi * 10000 + 10000
    if data_type == Qgis.DataType.Int16:
        return -2000.0, 9000.0  # ndvi * 10000
    if data_type == Qgis.DataType.Byte:
        return 102.0, 242.0  # (ndvi + 1) * 127.5
    return -0.2, 0.9


def _reflectance_range(data_type: int) -> Tuple[float, float]:
    if data_type == Qgis.DataType.Byte:
        return 0.0, 255.0
    if data_type in (Qgis.DataType.UInt16, Qgis.DataType.Int16, Qgis.DataType.UInt32, Qgis.DataType.Int32):
        return 0.0, 3000.0  # reflectance * 10000: 0 … 0.3
    return 0.0, 0.3


def _index_renderer(layer: QgsRasterLayer) -> QgsSingleBandPseudoColorRenderer:
    low, high = _index_range(layer.dataProvider().dataType(1))
    ramp = QgsStyle.defaultStyle().colorRamp("RdYlGn")
    shader_function = QgsColorRampShader(low, high)
    shader_function.setColorRampType(RAMP_INTERPOLATED)
    if ramp is not None:
        shader_function.setSourceColorRamp(ramp)
        shader_function.classifyColorRamp(7)
    else:
        colours = ("#a50026", "#f46d43", "#fee08b", "#d9ef8b", "#66bd63", "#006837")
        step = (high - low) / (len(colours) - 1)
        shader_function.setColorRampItemList([
            QgsColorRampShader.ColorRampItem(low + index * step, QColor(colour)) for index, colour in enumerate(colours)
        ])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(low)
    renderer.setClassificationMax(high)
    return renderer


def _stretch(provider: Any, band: int, low: float, high: float) -> QgsContrastEnhancement:
    enhancement = QgsContrastEnhancement(provider.dataType(band))
    enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
    enhancement.setMinimumValue(low)
    enhancement.setMaximumValue(high)
    return enhancement


def looks_like_true_colour(layer: QgsRasterLayer, output_id: str) -> bool:
    """3 or 4 bands (RGB, RGBA) of reflectance or 8-bit colour, and not named like an index or a mask."""
    return layer.bandCount() in (3, 4) and not looks_like_vegetation_index(output_id) \
        and not _MASK_NAMES.search(output_id)


def _mask_renderer(layer: QgsRasterLayer) -> QgsPalettedRasterRenderer:
    classes = [QgsPalettedRasterRenderer.Class(0, QColor("#000000"), tr("No data")),
               QgsPalettedRasterRenderer.Class(1, QColor("#ffffff"), tr("Data"))]
    return QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes)


def style_result_layer(layer: QgsRasterLayer, output_id: str) -> str:
    """Give a result layer a sensible look without computing statistics over thousands of remote tiles.

    Outputs other than masks whose files declare no nodata value show :data:`RESULT_NODATA` as transparent.
    Returns what was applied:
    ``"mask"`` — ``data_mask``/``dataMask`` outputs: band 1 as 0 = black "No data", 1 = white "Data";
    ``"index"`` — outputs named like an index (NDVI, ...), with one band or one band per date: a red-yellow-green
    ramp on band 1 over -0.2 … 0.9 in the data type's usual encoding (other dates: band choice in layer properties);
    ``"true colour"`` — 3 or 4 bands that are not an index: bands 1-3 as RGB with a fixed reflectance stretch;
    ``"band 1"`` — any other output with several bands: band 1 in grey over the reflectance range;
    ``"default"`` — one band of something unknown: QGIS' own choice.
    """
    provider = layer.dataProvider()
    bands = layer.bandCount()
    if not is_mask_output(output_id):
        for band in range(1, bands + 1):
            if not provider.sourceHasNoDataValue(band) and not provider.userNoDataValues(band):
                provider.setUserNoDataValue(band, [QgsRasterRange(RESULT_NODATA, RESULT_NODATA)])
    if is_mask_output(output_id):
        layer.setRenderer(_mask_renderer(layer))
        applied = "mask"
    elif looks_like_vegetation_index(output_id):
        layer.setRenderer(_index_renderer(layer))
        applied = "index"
    elif looks_like_true_colour(layer, output_id):
        renderer = QgsMultiBandColorRenderer(provider, 1, 2, 3)
        low, high = _reflectance_range(provider.dataType(1))
        renderer.setRedContrastEnhancement(_stretch(provider, 1, low, high))
        renderer.setGreenContrastEnhancement(_stretch(provider, 2, low, high))
        renderer.setBlueContrastEnhancement(_stretch(provider, 3, low, high))
        layer.setRenderer(renderer)
        applied = "true colour"
    elif bands > 1:
        renderer = QgsSingleBandGrayRenderer(provider, 1)
        renderer.setContrastEnhancement(_stretch(provider, 1, *_reflectance_range(provider.dataType(1))))
        layer.setRenderer(renderer)
        applied = "band 1"
    else:
        applied = "default"
    layer.triggerRepaint()
    return applied


def result_layer_name(mosaic: OutputMosaic, several_crs: bool) -> str:
    return f"{mosaic.output_id} (EPSG:{mosaic.epsg})" if several_crs else mosaic.output_id


def results_group_name(task_id: str, description: str = "") -> str:
    short = task_id[:8]
    return tr("Results {id} – {description}").format(id=short, description=description[:40]) if description \
        else tr("Results {id}").format(id=short)


def find_or_create_group(project: QgsProject, name: str) -> QgsLayerTreeGroup:
    root = project.layerTreeRoot()
    group = root.findGroup(name)
    return group if group is not None else root.insertGroup(0, name)


def add_results_to_project(
    project: QgsProject, mosaics: Sequence[OutputMosaic], group_name: str
) -> List[QgsRasterLayer]:
    """Add (or reload) one styled raster layer per mosaic in the job's layer-tree group; returns the layers.

    A mosaic already in the group is reloaded instead of added again, so loading after a retry refreshes it.
    """
    group = find_or_create_group(project, group_name)
    existing: Dict[str, QgsRasterLayer] = {}
    for node in group.findLayers():
        layer = node.layer()
        if isinstance(layer, QgsRasterLayer) and layer.customProperty(RESULT_PROPERTY):
            existing[str(layer.customProperty(RESULT_PROPERTY))] = layer
    several_crs = len({mosaic.epsg for mosaic in mosaics}) > 1
    layers = []
    added = []
    for mosaic in mosaics:
        layer = existing.get(mosaic.key)
        if layer is not None and layer.source() == mosaic.path:
            layer.dataProvider().reloadData()
            layer.reload()
            layer.triggerRepaint()
            layers.append(layer)
            continue
        layer = QgsRasterLayer(mosaic.path, result_layer_name(mosaic, several_crs), "gdal")
        if not layer.isValid():
            raise ResultsError(tr("QGIS could not open the mosaic {path} of output '{output}': {error}").format(
                path=mosaic.path, output=mosaic.output_id, error=layer.error().summary()))
        layer.setCustomProperty(RESULT_PROPERTY, mosaic.key)
        style_result_layer(layer, mosaic.output_id)
        if mosaic.key in existing:
            project.removeMapLayer(existing[mosaic.key].id())
        layers.append(layer)
        added.append((layer, mosaic.output_id))
    place_result_layers(project, group, added)
    return layers


def place_result_layers(project: QgsProject, group: QgsLayerTreeGroup,
                        layers: Sequence[Tuple[QgsRasterLayer, str]]) -> None:
    """Add ``(layer, output id)`` pairs to the project in ``group``: masks below the other outputs and hidden, so an
    opaque mask never covers the index or the image it belongs to (tick it to see where there is data)."""
    for layer, output_id in sorted(layers, key=lambda pair: is_mask_output(pair[1])):
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        if is_mask_output(output_id):
            node.setItemVisibilityChecked(False)


def repair_result_layers(project: QgsProject) -> int:
    """Reopen result layers that failed to load with the project (GDAL had no S3 keys then); returns how many."""
    repaired = 0
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsRasterLayer) and layer.customProperty(RESULT_PROPERTY) and not layer.isValid():
            layer.setDataSource(layer.source(), layer.name(), "gdal", QgsDataProvider.ProviderOptions(), True)
            if layer.isValid():
                output_id = str(layer.customProperty(RESULT_PROPERTY)).split("/")[1]
                style_result_layer(layer, output_id)
                repaired += 1
    return repaired


# ----------------------------------------------------------------------------------------------- the action


@dataclass
class ResultsRequest:
    """What to load: a job, where its outputs are, and optionally a local folder to download them to."""

    task_id: str
    delivery_url: str
    folder: Path
    group_name: str = ""
    tile_names: Optional[Iterable[str]] = None
    """Only these tiles; None for the tiles DONE in the job's execution database."""
    manifest: Optional[List[ManifestFeature]] = None
    download: bool = False


def prepare_results(s3_client: Any, request: ResultsRequest, activity: Activity) -> List[OutputMosaic]:
    """Read the manifest and the execution database, download the tiles when asked, and build one VRT mosaic per
    output and CRS. Without a download that is three requests per output, whatever the number of tiles.

    Slow (network, GDAL): runs off the GUI thread — a dock's background task or a Processing algorithm. The
    mosaics are then added to the project on the GUI thread (:func:`add_results_to_project`) or handed to
    Processing to load.
    """
    if not request.delivery_url:
        raise InvalidRequestError(tr("Job {id} has no S3 delivery, so there are no results to load.").format(
            id=request.task_id))
    configure_gdal_for_s3(s3_client, parse_s3_url(request.delivery_url).bucket)
    manifest = request.manifest or read_job_manifest(s3_client, request.delivery_url, request.task_id)
    tile_names = request.tile_names
    if tile_names is None:
        tile_names = tiles_with_outputs(s3_client, request.delivery_url, request.task_id)
    activity.progress(5)
    source_for: Optional[Callable[[ManifestFeature], str]] = None
    available: Optional[Set[str]] = None
    if request.download:
        wanted = [feature for features in mosaic_groups(manifest, tile_names).values() for feature in features]
        activity.info(tr("Downloading {count} GeoTIFF(s) to {folder}…").format(count=len(wanted),
                                                                             folder=request.folder / "tiles"))
        local = download_outputs(s3_client, wanted, request.folder / "tiles",
                                 progress=lambda percent: activity.progress(5 + 0.9 * percent),
                                 is_cancelled=activity.cancelled)
        activity.check_cancelled()
        available = set(local)

        def source_for(feature: ManifestFeature) -> str:
            return local[feature.path]
    mosaics = build_mosaics(request.task_id, manifest, request.folder, tile_names=tile_names,
                            available=available, source_for=source_for, is_cancelled=activity.cancelled)
    activity.check_cancelled()
    return mosaics


# ----------------------------------------------------------------------------------------------- Zarr and dispatch


def prepare_zarr_results(s3_client: Any, task_id: str, delivery_url: str, activity: Activity) -> List[OutputMosaic]:
    """The arrays of a Zarr output, one layer each: GDAL's Zarr driver reads the group over ``/vsis3/`` (the first
    time step of each array), so nothing is mosaicked or downloaded. Off the GUI thread, like
    :func:`prepare_results`."""
    root = delivery_root(delivery_url, task_id, OUTPUT_TYPE_ZARR)
    configure_gdal_for_s3(s3_client, root.bucket)
    manifest = read_job_manifest(s3_client, delivery_url, task_id, OUTPUT_TYPE_ZARR)
    activity.progress(30)
    tiles_per_output: Dict[str, Set[str]] = {}
    epsg_codes = set()
    for feature in manifest:
        tiles_per_output.setdefault(feature.output_id, set()).add(feature.identifier)
        epsg_codes.add(feature.epsg)
    if not tiles_per_output:
        raise ResultsError(tr("The feature manifest of job {id} lists no outputs.").format(id=task_id))
    epsg = min(epsg_codes)
    arrays = []
    for output_id, tiles in sorted(tiles_per_output.items()):
        activity.check_cancelled()
        path = zarr_gdal_path(root, output_id)
        dataset = gdal.Open(path)
        if dataset is None:
            raise ResultsError(tr("GDAL could not open the Zarr array '{output}' at {url}: {error}. Check that the job "
                                  "has written it and the S3 settings of the connection.").format(
                output=output_id, url=root.url, error=gdal.GetLastErrorMsg() or tr("no such array")))
        dataset = None
        arrays.append(OutputMosaic(task_id, output_id, epsg, path, len(tiles)))
    activity.progress(100)
    return arrays


def prepare_job_results(s3_client: Any, task: Any, request: ResultsRequest, activity: Activity) -> List[OutputMosaic]:
    """The results of ``task`` as layers to add: Zarr arrays or GeoTIFF mosaics by its output type; a job that
    delivers to Google Cloud Storage is refused with the reason (the plugin cannot read those buckets)."""
    from ..core.jobs import status_only_reason

    status_only = status_only_reason(task)
    if status_only:
        raise ResultsError(status_only)
    if request_output_type(task.request) == OUTPUT_TYPE_ZARR:
        if request.download:
            raise ResultsError(tr("Job {id} wrote one Zarr, which QGIS reads from the bucket: load it without "
                                  "downloading.").format(id=task.id))
        return prepare_zarr_results(s3_client, task.id, task.delivery_url, activity)
    return prepare_results(s3_client, request, activity)
