"""What the emulator writes to and reads from S3: boto3 against the local S3 server, GDAL/OGR for the files."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
import uuid
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

GDAL_TYPES = {
    np.dtype(np.uint8): gdal.GDT_Byte, np.dtype(np.uint16): gdal.GDT_UInt16, np.dtype(np.int16): gdal.GDT_Int16,
    np.dtype(np.int8): gdal.GDT_Int16, np.dtype(np.float32): gdal.GDT_Float32,
}

_SESSION_LOCK = threading.Lock()


@dataclass(frozen=True)
class S3Access:
    endpoint_url: str
    access_key: str
    secret_key: str
    region: str = "eu-central-1"

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        with _SESSION_LOCK:  # boto3 session creation is not thread-safe
            session = boto3.session.Session()
        return session.client(
            "s3", endpoint_url=self.endpoint_url, aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key, region_name=self.region,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, s3={"addressing_style": "path"}))


class Bucket:
    """A thin S3 view with the operations the emulator needs (boto3 clients are thread-safe; one is shared)."""

    def __init__(self, access: S3Access):
        self.access = access
        self._client_lock = threading.Lock()
        self._shared_client: Any = None

    @property
    def _client(self) -> Any:
        with self._client_lock:
            if self._shared_client is None:
                self._shared_client = self.access.client()
            return self._shared_client

    def put(self, bucket: str, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        self._client.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)

    def get(self, bucket: str, key: str) -> Optional[bytes]:
        from botocore.exceptions import ClientError

        try:
            return self._client.get_object(Bucket=bucket, Key=key)["Body"].read()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NoSuchBucket"):
                return None
            raise

    def has_policy(self, bucket: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            return bool(self._client.get_bucket_policy(Bucket=bucket).get("Policy"))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchBucketPolicy", "NoSuchBucket"):
                return False
            raise

    def keys(self, bucket: str, prefix: str = "") -> List[str]:
        paginator = self._client.get_paginator("list_objects_v2")
        found: List[str] = []
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            found.extend(item["Key"] for item in page.get("Contents", []))
        return found


def _temporary_path(suffix: str) -> str:
    return os.path.join(tempfile.gettempdir(), f"emulator-{uuid.uuid4().hex}{suffix}")


def geotiff_bytes(values: np.ndarray, bounds: Sequence[float], epsg: int, cog: bool,
                  cog_parameters: Optional[Dict[str, Any]] = None) -> bytes:
    """A georeferenced (COG when ``cog``) GeoTIFF of ``values`` shaped (bands, height, width)."""
    bands, height, width = values.shape
    if values.dtype == np.int8:
        values = values.astype(np.int16)
    memory = gdal.GetDriverByName("MEM").Create("", width, height, bands, GDAL_TYPES[values.dtype])
    xmin, ymin, xmax, ymax = bounds
    memory.SetGeoTransform((xmin, (xmax - xmin) / width, 0.0, ymax, 0.0, -(ymax - ymin) / height))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(epsg))
    memory.SetProjection(srs.ExportToWkt())
    for index in range(bands):
        memory.GetRasterBand(index + 1).WriteArray(values[index])
    path = f"/vsimem/emulator-{uuid.uuid4().hex}.tif"
    try:
        if cog:
            parameters = cog_parameters or {}
            options = ["COMPRESS=DEFLATE", f"BLOCKSIZE={int(parameters.get('blockxsize', 256))}",
                       f"OVERVIEW_RESAMPLING={str(parameters.get('resamplingAlgorithm', 'average')).upper()}"]
            if parameters.get("usePredictor", True):
                options.append("PREDICTOR=YES")
            if "overviewLevels" in parameters and not parameters["overviewLevels"]:
                options.append("OVERVIEWS=NONE")
            written = gdal.GetDriverByName("COG").CreateCopy(path, memory, options=options)
        else:
            written = gdal.GetDriverByName("GTiff").CreateCopy(path, memory, options=["COMPRESS=DEFLATE", "TILED=YES"])
        if written is None:
            raise RuntimeError(f"GDAL could not write the GeoTIFF: {gdal.GetLastErrorMsg()}")
        written = None
        return _read_vsimem(path)
    finally:
        gdal.Unlink(path)


@dataclass(frozen=True)
class ManifestRow:
    output_id: str
    identifier: str
    path: str
    width: int
    height: int
    epsg: int
    geometry_wkt: str


def manifest_geopackage(rows: Iterable[ManifestRow]) -> bytes:
    """``featureManifest-<id>.gpkg``: one table ``feature_<epsg>`` per CRS, written by OGR."""
    path = _temporary_path(".gpkg")
    try:
        source = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        layers: Dict[int, Any] = {}
        transaction_open = False
        for row in rows:
            layer = layers.get(row.epsg)
            if layer is None:
                srs = osr.SpatialReference()
                srs.ImportFromEPSG(row.epsg)
                srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
                layer = source.CreateLayer(f"feature_{row.epsg}", srs, ogr.wkbPolygon, options=["FID=fid"])
                for name, kind in (("outputId", ogr.OFTString), ("identifier", ogr.OFTString),
                                   ("path", ogr.OFTString), ("width", ogr.OFTInteger), ("height", ogr.OFTInteger)):
                    layer.CreateField(ogr.FieldDefn(name, kind))
                layers[row.epsg] = layer
            if not transaction_open:
                source.StartTransaction()
                transaction_open = True
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("outputId", row.output_id)
            feature.SetField("identifier", row.identifier)
            feature.SetField("path", row.path)
            feature.SetField("width", row.width)
            feature.SetField("height", row.height)
            feature.SetGeometry(ogr.CreateGeometryFromWkt(row.geometry_wkt))
            layer.CreateFeature(feature)
        if transaction_open:
            source.CommitTransaction()
        source = None
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        if os.path.exists(path):
            os.remove(path)


@dataclass
class ExecutionRow:
    id: int
    name: str
    status: str = "PENDING"
    error: Optional[str] = None
    delivered: bool = False


def execution_database(rows: Iterable[ExecutionRow]) -> bytes:
    """``execution-<id>.sqlite``: table ``features(id INTEGER, name TEXT, status TEXT, error TEXT, delivered BOOLEAN)``."""
    path = _temporary_path(".sqlite")
    try:
        connection = sqlite3.connect(path)
        try:
            connection.execute("CREATE TABLE features (id INTEGER, name TEXT, status TEXT, error TEXT, "
                               "delivered BOOLEAN)")
            connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)",
                                   [(r.id, r.name, r.status, r.error, r.delivered) for r in rows])
            connection.commit()
        finally:
            connection.close()
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        if os.path.exists(path):
            os.remove(path)


@dataclass(frozen=True)
class UserFeature:
    """One feature of a user's GeoPackage input."""

    id: int
    identifier: str
    epsg: int
    geometry_wkt: str
    width: Optional[int]
    height: Optional[int]
    resolution: Optional[float]
    bounds: Sequence[float]


class GeopackageInputError(ValueError):
    """The user's GeoPackage cannot be processed; the message goes into the request's ``error``."""


MAX_FEATURE_PIXELS = 3500


def read_user_geopackage(data: bytes, defaults: Optional[Dict[str, Any]] = None) -> List[UserFeature]:
    """Validate and read a ``geopackage`` input the way analysis does (BatchV2.qmd "2. GeoPackage"); ``defaults``
    (``input.defaults``) size the features that have neither width/height nor resolution."""
    path = _temporary_path(".gpkg")
    with open(path, "wb") as handle:
        handle.write(data)
    try:
        source = ogr.Open(path)
        if source is None:
            reason = gdal.GetLastErrorMsg() or "not a GeoPackage"
            raise GeopackageInputError(f"The input GeoPackage cannot be opened: {reason}")
        if source.GetLayerCount() == 0:
            raise GeopackageInputError("The input GeoPackage has no feature table.")
        features: List[UserFeature] = []
        ids, identifiers = set(), set()
        for index in range(source.GetLayerCount()):
            layer = source.GetLayerByIndex(index)
            features.extend(_read_layer(layer, ids, identifiers, defaults or {}))
        source = None
        if not features:
            raise GeopackageInputError("The input GeoPackage has no features.")
        return features
    finally:
        os.remove(path)


def _read_layer(layer: Any, ids: set, identifiers: set, defaults: Dict[str, Any]) -> List[UserFeature]:
    name = layer.GetName()
    definition = layer.GetLayerDefn()
    columns = {definition.GetFieldDefn(i).GetName(): definition.GetFieldDefn(i).GetType()
               for i in range(definition.GetFieldCount())}
    fid_column = layer.GetFIDColumn()
    if "id" not in columns and fid_column != "id":
        raise GeopackageInputError(f"Table '{name}' has no 'id' column (INTEGER, unique).")
    if "id" in columns and columns["id"] not in (ogr.OFTInteger, ogr.OFTInteger64):
        raise GeopackageInputError(f"Column 'id' of table '{name}' must be INTEGER.")
    if "identifier" not in columns or columns["identifier"] != ogr.OFTString:
        raise GeopackageInputError(f"Table '{name}' needs an 'identifier' TEXT column (unique).")
    has_size = "width" in columns and "height" in columns
    if not has_size and "resolution" not in columns and not defaults:
        raise GeopackageInputError(f"Table '{name}' needs 'width' and 'height' (INTEGER) or 'resolution' (REAL), "
                                   "or the request needs input.defaults.")
    geometry_type = ogr.GT_Flatten(layer.GetGeomType())
    if geometry_type not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        raise GeopackageInputError(f"Table '{name}' must hold POLYGON or MULTIPOLYGON geometries, not "
                                   f"{ogr.GeometryTypeToName(geometry_type)}.")
    srs = layer.GetSpatialRef()
    epsg = None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        code = srs.GetAuthorityCode(None)
        epsg = int(code) if code else None
    if epsg is None:
        raise GeopackageInputError(f"Table '{name}' has no CRS with an EPSG code.")
    found = []
    for feature in layer:
        feature_id = feature.GetFID() if "id" not in columns else feature.GetField("id")
        identifier = feature.GetField("identifier")
        if feature_id is None or identifier is None:
            raise GeopackageInputError(f"A feature of table '{name}' has an empty id or identifier.")
        if feature_id in ids:
            raise GeopackageInputError(f"The id {feature_id} appears more than once; ids must be unique.")
        if identifier in identifiers:
            raise GeopackageInputError(f"The identifier '{identifier}' appears more than once; identifiers "
                                       "must be unique.")
        ids.add(feature_id)
        identifiers.add(identifier)
        geometry = feature.GetGeometryRef()
        if geometry is None or geometry.IsEmpty():
            raise GeopackageInputError(f"Feature '{identifier}' has no geometry.")
        xmin, xmax, ymin, ymax = geometry.GetEnvelope()
        width = feature.GetField("width") if has_size else None
        height = feature.GetField("height") if has_size else None
        resolution = feature.GetField("resolution") if "resolution" in columns else None
        if (width is None or height is None) and not resolution:
            width, height = defaults.get("width"), defaults.get("height")
            resolution = defaults.get("resolution")
        if width is None or height is None:
            if not resolution:
                raise GeopackageInputError(f"Feature '{identifier}' has neither width/height nor resolution.")
            width = round((xmax - xmin) / float(resolution))
            height = round((ymax - ymin) / float(resolution))
        if width < 1 or height < 1:
            raise GeopackageInputError(f"Feature '{identifier}' would be {width}×{height} px; it must be at least "
                                       "1×1 px.")
        if width > MAX_FEATURE_PIXELS or height > MAX_FEATURE_PIXELS:
            raise GeopackageInputError(f"Feature '{identifier}' would be {width}×{height} px; at most "
                                       f"{MAX_FEATURE_PIXELS}×{MAX_FEATURE_PIXELS} px are allowed.")
        found.append(UserFeature(int(feature_id), str(identifier), epsg, geometry.ExportToWkt(), int(width),
                                 int(height), resolution, (xmin, ymin, xmax, ymax)))
    return found


# ----------------------------------------------------------------------------------------------- Zarr


ZARR_GDAL_TYPES = {"|u1": gdal.GDT_Byte, "|i1": gdal.GDT_Int16, "<u2": gdal.GDT_UInt16, ">u2": gdal.GDT_UInt16,
                   "<i2": gdal.GDT_Int16, ">i2": gdal.GDT_Int16, "<f4": gdal.GDT_Float32, ">f4": gdal.GDT_Float32,
                   "<f8": gdal.GDT_Float64, ">f8": gdal.GDT_Float64}
"""Zarr dtype → what GDAL 3.6 writes: native byte order, and no 8-bit signed type (``|i1`` becomes ``<i2``)."""
DEFAULT_ZARR_COMPRESSOR = {"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0}
"""The documented default of ``compressor`` (OpenAPI ``BatchV2ZarrOutputArrayParameters``)."""


class ZarrCompressorError(ValueError):
    """A ``compressor`` the emulator cannot write."""


def zarr_compression_options(compressor: Optional[Dict[str, Any]]) -> List[str]:
    """GDAL creation options for a numcodecs-style ``compressor`` object (None = uncompressed)."""
    if compressor is None:
        return ["COMPRESS=NONE"]
    codec = str(compressor.get("id", "")).lower()
    if codec == "blosc":
        shuffle = {0: "NONE", 1: "BYTE", 2: "BIT"}.get(int(compressor.get("shuffle", 1)), "BYTE")
        return ["COMPRESS=BLOSC", f"BLOSC_CNAME={compressor.get('cname', 'lz4')}",
                f"BLOSC_CLEVEL={int(compressor.get('clevel', 5))}", f"BLOSC_SHUFFLE={shuffle}",
                f"BLOSC_BLOCKSIZE={int(compressor.get('blocksize', 0))}"]
    levels = {"zlib": "ZLIB_LEVEL", "gzip": "GZIP_LEVEL", "zstd": "ZSTD_LEVEL", "lzma": "LZMA_PRESET"}
    if codec in levels:
        options = [f"COMPRESS={codec.upper()}"]
        if "level" in compressor or "preset" in compressor:
            options.append(f"{levels[codec]}={int(compressor.get('level', compressor.get('preset')))}")
        return options
    if codec == "lz4":
        return ["COMPRESS=LZ4"]
    raise ZarrCompressorError(f"Unsupported Zarr compressor {compressor.get('id')!r}; use blosc, zlib, gzip, lzma, "
                              "zstd or lz4.")


@dataclass(frozen=True)
class ZarrArray:
    name: str
    dtype: str
    chunks: Sequence[int]
    fill_value: Any
    compressor: Optional[Dict[str, Any]]
    attributes: Dict[str, Any]


class ZarrGroup:
    """One Zarr v2 group (time, y, x arrays plus coordinates) written with GDAL in ``/vsimem``; ``changed_files``
    gives what to upload after each write."""

    def __init__(self, arrays: Sequence[ZarrArray], epsg: int, envelope: Sequence[float], resolution: float,
                 bottom_left: bool, time_days: float, attributes: Dict[str, Any]):
        self.path = f"/vsimem/emulator-zarr-{uuid.uuid4().hex}"
        self.envelope = tuple(float(v) for v in envelope)
        self.resolution = float(resolution)
        self.bottom_left = bottom_left
        xmin, ymin, xmax, ymax = self.envelope
        self.width = max(1, round((xmax - xmin) / self.resolution))
        self.height = max(1, round((ymax - ymin) / self.resolution))
        self._lock = threading.Lock()
        self._uploaded: Dict[str, int] = {}
        self._create(arrays, epsg, time_days, attributes)

    def _create(self, arrays: Sequence[ZarrArray], epsg: int, time_days: float, attributes: Dict[str, Any]) -> None:
        dataset = gdal.GetDriverByName("ZARR").CreateMultiDimensional(self.path, [], ["FORMAT=ZARR_V2",
                                                                                      "CREATE_ZMETADATA=NO"])
        root = dataset.GetRootGroup()
        geographic = epsg == 4326
        names = ("time", "lat" if geographic else "y", "lon" if geographic else "x")
        float64 = gdal.ExtendedDataType.Create(gdal.GDT_Float64)
        time_dim = root.CreateDimension(names[0], gdal.DIM_TYPE_TEMPORAL, None, 1)
        y_dim = root.CreateDimension(names[1], gdal.DIM_TYPE_HORIZONTAL_Y, None, self.height)
        x_dim = root.CreateDimension(names[2], gdal.DIM_TYPE_HORIZONTAL_X, None, self.width)
        xmin, ymin, _, ymax = self.envelope
        half = self.resolution / 2
        rows = np.arange(self.height, dtype=np.float64) * self.resolution
        y_values = ymin + half + rows if self.bottom_left else ymax - half - rows
        for dimension, values, unit in ((time_dim, np.array([time_days]), "days since 1970-01-01"),
                                        (y_dim, y_values, "degrees_north" if geographic else "metre"),
                                        (x_dim, xmin + half + np.arange(self.width) * self.resolution,
                                         "degrees_east" if geographic else "metre")):
            variable = root.CreateMDArray(dimension.GetName(), [dimension], float64)
            variable.Write(np.asarray(values, dtype=np.float64))
            variable.SetUnit(unit)
            dimension.SetIndexingVariable(variable)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(epsg))
        for array in arrays:
            chunks = ",".join(str(int(value)) for value in array.chunks)
            created = root.CreateMDArray(array.name, [time_dim, y_dim, x_dim],
                                         gdal.ExtendedDataType.Create(ZARR_GDAL_TYPES[array.dtype]),
                                         [f"BLOCKSIZE={chunks}", *zarr_compression_options(array.compressor)])
            created.SetNoDataValueDouble(float("nan") if array.fill_value == "NaN" else float(array.fill_value))
            created.SetSpatialRef(srs)
            _write_attributes(created, array.attributes)
        _write_attributes(root, attributes)
        dataset = None

    def write(self, name: str, values: np.ndarray, bounds: Sequence[float]) -> None:
        """Put a north-up (rows, columns) raster covering ``bounds`` into array ``name``."""
        xmin, ymin, _, ymax = (float(v) for v in bounds)
        column = round((xmin - self.envelope[0]) / self.resolution)
        row = round((ymin - self.envelope[1]) / self.resolution) if self.bottom_left else \
            round((self.envelope[3] - ymax) / self.resolution)
        data = np.flipud(values) if self.bottom_left else values
        with self._lock:
            dataset = gdal.OpenEx(self.path, gdal.OF_MULTIDIM_RASTER | gdal.OF_UPDATE)
            array = dataset.GetRootGroup().OpenMDArray(name)
            numpy_type = gdal_array_type(array.GetDataType().GetNumericDataType())
            array.Write(np.ascontiguousarray(data[np.newaxis], dtype=numpy_type), array_start_idx=[0, row, column],
                        count=[1, data.shape[0], data.shape[1]])
            array = None
            dataset = None

    def changed_files(self) -> List[Tuple[str, bytes]]:
        """``(path inside the group, bytes)`` of every file new or changed since the last call."""
        found = []
        with self._lock:
            for name in gdal.ReadDirRecursive(self.path) or []:
                if name.endswith("/"):
                    continue
                data = _read_vsimem(f"{self.path}/{name}")
                digest = hash(data)
                if self._uploaded.get(name) != digest:
                    self._uploaded[name] = digest
                    found.append((name, data))
        return found

    def close(self) -> None:
        gdal.RmdirRecursive(self.path)


def gdal_array_type(gdal_type: int) -> Any:
    return {gdal.GDT_Byte: np.uint8, gdal.GDT_UInt16: np.uint16, gdal.GDT_Int16: np.int16,
            gdal.GDT_Float32: np.float32, gdal.GDT_Float64: np.float64}[gdal_type]


def _write_attributes(target: Any, attributes: Dict[str, Any]) -> None:
    for key, value in attributes.items():
        if isinstance(value, str):
            attribute = target.CreateAttribute(key, [], gdal.ExtendedDataType.CreateString())
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            attribute = target.CreateAttribute(key, [], gdal.ExtendedDataType.Create(gdal.GDT_Float64))
        else:
            attribute = target.CreateAttribute(key, [], gdal.ExtendedDataType.CreateString())
            value = json.dumps(value)
        attribute.Write(value)


def _read_vsimem(path: str) -> bytes:
    handle = gdal.VSIFOpenL(path, "rb")
    try:
        gdal.VSIFSeekL(handle, 0, 2)
        size = gdal.VSIFTellL(handle)
        gdal.VSIFSeekL(handle, 0, 0)
        return bytes(gdal.VSIFReadL(1, size, handle))
    finally:
        gdal.VSIFCloseL(handle)
