"""Finished outputs of a job as map layers: one VRT mosaic per output and CRS, read from S3 or a local copy.

Thousands of tiles load as a few layers: the feature manifest says which object holds which output of which tile,
``gdal.BuildVRT`` stitches the tiles of one output and CRS together, and QGIS opens the VRT. GDAL reads the
objects through ``/vsis3/`` with the S3 client's settings applied for that bucket only.

Used by the jobs dock and by the Processing algorithms: nothing here touches ``iface`` or widgets. The slow part,
:func:`prepare_results`, runs off the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsColorRampShader,
    QgsContrastEnhancement,
    QgsLayerTreeGroup,
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRasterLayer,
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
    delivery_root,
    feature_manifest_location,
    parse_s3_url,
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


def existing_object_urls(s3_client: Any, delivery_url: str, task_id: str) -> Set[str]:
    """The ``s3://`` URLs of every object under the job's delivery root (one listing, not one call per tile)."""
    root = delivery_root(delivery_url, task_id)
    prefix = root.key.rstrip("/") + "/" if root.key else ""
    return {f"s3://{root.bucket}/{item.key}" for item in s3_client.list_objects(root.bucket, prefix)
            if not item.is_prefix}


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
    """Manifest rows per (output id, EPSG), limited to the named tiles and to objects that exist."""
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

    ``source_for`` maps a manifest row to the path GDAL opens (default: its ``/vsis3/`` path; a local file after
    :func:`download_outputs`). GDAL must already be configured for the bucket (:func:`configure_gdal_for_s3`).
    """
    groups = mosaic_groups(manifest, tile_names, available)
    if not groups:
        raise ResultsError(tr("Job {id} has no finished GeoTIFF outputs to load yet (no tile is done, or the "
                              "outputs are in another format).").format(id=task_id))
    folder.mkdir(parents=True, exist_ok=True)
    source_for = source_for or (lambda feature: vsis3_path(feature.path))
    several_crs = len({epsg for _, epsg in groups}) > 1
    mosaics = []
    for (output_id, epsg), features in sorted(groups.items()):
        if is_cancelled():
            return mosaics
        sources = [source_for(feature) for feature in features]
        name = _safe_file_part(output_id) + (f"_{epsg}" if several_crs else "")
        path = folder / f"{name}.vrt"
        try:
            dataset = gdal.BuildVRT(str(path), sources, options=gdal.BuildVRTOptions(resolution="highest"))
        except RuntimeError as error:
            raise ResultsError(tr("GDAL could not build a mosaic of output '{output}' (EPSG:{epsg}): {error}. Check "
                                  "the S3 settings of the connection.").format(output=output_id, epsg=epsg,
                                                                               error=error)) from None
        if dataset is None:
            raise ResultsError(tr("GDAL could not build a mosaic of output '{output}' (EPSG:{epsg}): {error}. Check "
                                  "the S3 settings of the connection.").format(
                output=output_id, epsg=epsg, error=gdal.GetLastErrorMsg() or tr("no tile could be opened")))
        dataset.FlushCache()
        dataset = None
        mosaics.append(OutputMosaic(task_id, output_id, epsg, str(path), len(sources), tuple(sources)))
    return mosaics


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
    if _MASK_NAMES.search(output_id):
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
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers.append(layer)
    return layers


def repair_result_layers(project: QgsProject) -> int:
    """Reopen result layers that failed to load with the project (GDAL had no S3 keys then); returns how many."""
    repaired = 0
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsRasterLayer) and layer.customProperty(RESULT_PROPERTY) and not layer.isValid():
            layer.setDataSource(layer.source(), layer.name(), "gdal")
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
    tile_names: Optional[List[str]] = None
    """Only these tiles (e.g. the DONE ones); None for every tile with an output object."""
    manifest: Optional[List[ManifestFeature]] = None
    download: bool = False


def prepare_results(s3_client: Any, request: ResultsRequest, activity: Activity) -> List[OutputMosaic]:
    """Read the manifest, download the tiles when asked, and build one VRT mosaic per output and CRS.

    Slow (network, GDAL): runs off the GUI thread — a dock's background task or a Processing algorithm. The
    mosaics are then added to the project on the GUI thread (:func:`add_results_to_project`) or handed to
    Processing to load.
    """
    if not request.delivery_url:
        raise InvalidRequestError(tr("Job {id} has no S3 delivery, so there are no results to load.").format(
            id=request.task_id))
    configure_gdal_for_s3(s3_client, parse_s3_url(request.delivery_url).bucket)
    manifest = request.manifest or read_job_manifest(s3_client, request.delivery_url, request.task_id)
    available = existing_object_urls(s3_client, request.delivery_url, request.task_id)
    activity.progress(5)
    source_for: Optional[Callable[[ManifestFeature], str]] = None
    if request.download:
        wanted = [feature for features in mosaic_groups(manifest, request.tile_names, available).values()
                  for feature in features]
        activity.info(tr("Downloading {count} GeoTIFF(s) to {folder}…").format(count=len(wanted),
                                                                             folder=request.folder / "tiles"))
        local = download_outputs(s3_client, wanted, request.folder / "tiles",
                                 progress=lambda percent: activity.progress(5 + 0.9 * percent),
                                 is_cancelled=activity.cancelled)
        activity.check_cancelled()
        available = set(local)

        def source_for(feature: ManifestFeature) -> str:
            return local[feature.path]
    mosaics = build_mosaics(request.task_id, manifest, request.folder, tile_names=request.tile_names,
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
