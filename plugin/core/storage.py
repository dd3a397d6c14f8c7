"""The files a Batch v2 request leaves in the user's bucket: where they are and what they say.

Layout (spec batch-api.md §3): the service writes ``request-<id>.json``, ``featureManifest-<id>.gpkg`` and
``execution-<id>.sqlite`` to the delivery root, and one object per tile and output at the path template (raster
output) or one Zarr group in the delivery folder (Zarr output). This module resolves those locations from the
delivery URL and reads the manifest (a GeoPackage) and the execution database (SQLite) from their bytes, without
GDAL. What the docs leave open is in ``batch_assumptions`` (items 1 and 2).
"""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .batch_assumptions import TIFF_EXTENSION
from .errors import InvalidRequestError, SentinelHubBatchError

# Placeholders of a raster delivery template (OpenAPI ``BatchV2RasterOutput.delivery``; ``<tileId>`` is listed in the
# CDSE OpenAPI, batch_assumptions 5).
REQUEST_ID = "<requestId>"
TILE_NAME = "<tileName>"
TILE_ID = "<tileId>"
OUTPUT_ID = "<outputId>"
FORMAT = "<format>"
PLACEHOLDERS = (REQUEST_ID, TILE_NAME, TILE_ID, OUTPUT_ID, FORMAT)
DEFAULT_TEMPLATE_SUFFIX = f"{REQUEST_ID}/{TILE_NAME}/{OUTPUT_ID}.{FORMAT}"
"""A URL without placeholders "is equivalent to the template ``<url>/<requestId>/<tileName>/<outputId>.<format>``"
(OpenAPI ``BatchV2RasterOutput.delivery``)."""

OUTPUT_TYPE_RASTER = "raster"
OUTPUT_TYPE_ZARR = "zarr"

FORMAT_EXTENSIONS = {
    "image/tiff": TIFF_EXTENSION,
    "application/json": "json",
}
"""File extension per output format type of a raster delivery (``tif``: batch_assumptions 2)."""

_S3_URL = re.compile(r"^s3://(?P<bucket>[^/\s]+)(?:/(?P<key>.*))?$")
_OBJECT_URL = re.compile(r"^(?P<scheme>s3|gs)://(?P<bucket>[^/\s]+)(?:/(?P<key>.*))?$")
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")
_GCS_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,220}[a-z0-9]$")
"""Google Cloud Storage bucket names: 3-63 characters (up to 222 with dots) of lower-case letters, digits, dashes,
underscores and dots, starting and ending with a letter or digit."""
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CAN_DESERIALIZE = hasattr(sqlite3.Connection, "deserialize")
"""Python 3.11+ opens database bytes in memory; 3.9/3.10 go through a temporary file."""


class DeliveryFileError(SentinelHubBatchError):
    """A file from the bucket (manifest, execution database) cannot be read."""


# ----------------------------------------------------------------------------------------------- locations


@dataclass(frozen=True)
class S3Location:
    bucket: str
    key: str = ""

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.key}" if self.key else f"s3://{self.bucket}"

    @property
    def vsis3_path(self) -> str:
        """The path GDAL opens this object with (after the client's ``gdal_vsi_options()`` are applied)."""
        return f"/vsis3/{self.bucket}/{self.key}"

    def child(self, name: str) -> S3Location:
        """The object ``name`` inside this location taken as a folder."""
        prefix = self.key.rstrip("/")
        return S3Location(self.bucket, f"{prefix}/{name}" if prefix else name)

    def __str__(self) -> str:
        return self.url


def parse_s3_url(url: str) -> S3Location:
    """``s3://bucket/a/b`` → ``S3Location("bucket", "a/b")``. Raises InvalidRequestError for anything else."""
    match = _S3_URL.match((url or "").strip())
    if not match:
        raise InvalidRequestError(
            f"'{url}' is not an S3 URL. Write it as s3://bucket/folder (for example s3://my-bucket/results)."
        )
    bucket = match.group("bucket")
    if not _BUCKET_NAME.match(bucket):
        raise InvalidRequestError(
            f"'{bucket}' is not a valid S3 bucket name: use 3-63 lower-case letters, digits, dots or hyphens, "
            "starting and ending with a letter or digit."
        )
    return S3Location(bucket, match.group("key") or "")


def parse_object_url(url: str, what: str = "location") -> Tuple[str, str, str]:
    """``(scheme, bucket, key)`` of an ``s3://`` or ``gs://`` URL; InvalidRequestError for anything else."""
    match = _OBJECT_URL.match((url or "").strip())
    if not match:
        raise InvalidRequestError(
            f"The {what} '{url}' is not an S3 URL. Write it as s3://bucket/folder (or gs://bucket/folder for "
            "Google Cloud Storage on sentinel-hub.com)."
        )
    scheme, bucket = match.group("scheme"), match.group("bucket")
    if scheme == "s3":
        parse_s3_url(url)
    elif not _GCS_BUCKET_NAME.match(bucket) or (len(bucket) > 63 and "." not in bucket):
        raise InvalidRequestError(
            f"'{bucket}' is not a valid Google Cloud Storage bucket name: use 3-63 lower-case letters, digits, "
            "dashes, underscores or dots, starting and ending with a letter or digit."
        )
    return scheme, bucket, match.group("key") or ""


def has_placeholders(url: str) -> bool:
    return any(placeholder in url for placeholder in PLACEHOLDERS)


def output_template(url: str) -> str:
    """The full path template of a raster delivery URL: a URL without placeholders gets the default sub-folders."""
    url = url.strip()
    if has_placeholders(url):
        return url
    return url.rstrip("/") + "/" + DEFAULT_TEMPLATE_SUFFIX


def validate_output_template(url: str, output_ids: Sequence[str], output_type: str = OUTPUT_TYPE_RASTER) -> None:
    """Refuse a delivery URL (``s3://`` or ``gs://``) the service would refuse, with the fix in the message.

    Raster (OpenAPI ``BatchV2RasterOutput.delivery``): "The template must contain ``<tileName>`` or ``<tileId>`` in
    order to ensure unique output files. In case of multiple outputs, the template must also contain
    ``<outputId>``." A URL without placeholders uses the default layout. Zarr (``BatchV2ZarrOutput.delivery``): a
    folder, optionally templated with ``<requestId>`` only. The placeholder rules are checked before the bucket
    name, so the more specific problem is reported first.
    """
    match = _OBJECT_URL.match((url or "").strip())
    if not match or not re.search(r"<[^<>/]*>", url):
        parse_object_url(url, "output location")
        return
    key = match.group("key") or ""
    placeholders = set(re.findall(r"<[^<>/]*>", key))
    if output_type == OUTPUT_TYPE_ZARR:
        others = sorted(placeholders - {REQUEST_ID})
        if others:
            raise InvalidRequestError(
                f"The Zarr output folder '{url}' has the placeholders {', '.join(others)}. A Zarr output is one "
                f"folder: use a plain folder or one ending in {REQUEST_ID}, e.g. "
                f"{match.group('scheme')}://{match.group('bucket')}/zarr/{REQUEST_ID}."
            )
        parse_object_url(url, "output location")
        return
    unknown = sorted(placeholders - set(PLACEHOLDERS))
    if unknown:
        raise InvalidRequestError(
            f"The output path template '{url}' has unknown placeholders {', '.join(unknown)}. "
            f"Use only {', '.join(PLACEHOLDERS)}."
        )
    if TILE_NAME not in key and TILE_ID not in key:
        raise InvalidRequestError(
            f"The output path template '{url}' has neither {TILE_NAME} nor {TILE_ID}, so every tile would overwrite "
            f"the same file. Add one, e.g. {match.group('scheme')}://{match.group('bucket')}/results/{TILE_NAME}/"
            f"{OUTPUT_ID}.{FORMAT}."
        )
    if len(set(output_ids)) > 1 and OUTPUT_ID not in key:
        raise InvalidRequestError(
            f"The output path template '{url}' has no {OUTPUT_ID} but the request has {len(set(output_ids))} "
            f"outputs ({', '.join(output_ids)}), which would overwrite each other. Add {OUTPUT_ID}, "
            f"e.g. ...{TILE_NAME}/{OUTPUT_ID}.{FORMAT}."
        )
    parse_object_url(url, "output location")


def format_extension(format_type: str) -> str:
    """``image/tiff`` → ``tif``, ``application/json`` → ``json``; unknown types use their last word."""
    if format_type in FORMAT_EXTENSIONS:
        return FORMAT_EXTENSIONS[format_type]
    return format_type.rsplit("/", 1)[-1].lower() or "bin"


def output_location(url: str, request_id: str, tile_name: str, output_id: str, format_type: str,
                    tile_id: Optional[int] = None) -> S3Location:
    """Where the service writes output ``output_id`` of tile ``tile_name`` (``format_type`` like image/tiff).

    ``tile_id`` is the numeric id of the tile (``id`` in the execution database), needed by ``<tileId>`` templates.
    """
    template = output_template(url)
    if TILE_ID in template:
        if tile_id is None:
            raise InvalidRequestError(f"The output template '{url}' uses {TILE_ID}: the numeric tile id is needed.")
        template = template.replace(TILE_ID, str(int(tile_id)))
    resolved = (
        template.replace(REQUEST_ID, request_id)
        .replace(TILE_NAME, tile_name)
        .replace(OUTPUT_ID, output_id)
        .replace(FORMAT, format_extension(format_type))
    )
    return parse_s3_url(resolved)


def zarr_location(url: str, request_id: str) -> S3Location:
    """The folder of a Zarr output: the delivery URL with ``<requestId>`` replaced (OpenAPI
    ``BatchV2ZarrOutput.delivery``: "The output Zarr will be stored to this folder (prefix)")."""
    return parse_s3_url(url.strip().replace(REQUEST_ID, request_id).rstrip("/"))


def zarr_gdal_path(location: S3Location, array: Optional[str] = None) -> str:
    """What GDAL's Zarr driver opens over ``/vsis3/``: the group, or one array of it (an evalscript output).

    ``ZARR:"/vsis3/bucket/folder"`` lists the arrays as subdatasets; ``ZARR:"/vsis3/bucket/folder":/NDVI`` is one
    array. The arrays are (time, y, x) with one time step per output (the OpenAPI: chunks "[1, …, …]", "the first
    element (time dimension chunking) must be 1"); GDAL exposes the first time step with ``:0`` appended.
    Apply the S3 client's ``gdal_vsi_options()`` first.
    """
    group = f'ZARR:"{location.vsis3_path.rstrip("/")}"'
    return f"{group}:/{array}:0" if array else group


def delivery_root(url: str, request_id: str, output_type: str = OUTPUT_TYPE_RASTER) -> S3Location:
    """The folder that holds ``request-<id>.json``, ``featureManifest-<id>.gpkg`` and ``execution-<id>.sqlite``.

    The provider's documentation only says these files go to the "root folder of the specified output delivery
    path"; how that folder is found is batch_assumptions 1, encoded here only:

    * Zarr output: the Zarr folder (``zarr_location``);
    * a raster URL without placeholders gets the default template, so ``s3://b/folder`` → ``s3://b/folder/<id>/``;
    * ``<requestId>`` is replaced by the id;
    * the root is what comes before the first path segment that still holds a placeholder:
      ``s3://b/f/<requestId>/<tileName>/<outputId>.<format>`` → ``s3://b/f/<id>``,
      ``s3://b/f/<tileName>.tif`` → ``s3://b/f``, ``s3://b/f/<requestId>_<tileName>.tif`` → ``s3://b/f``,
      ``s3://b/f/<outputId>/<tileId>.tif`` → ``s3://b/f``.
    """
    if output_type == OUTPUT_TYPE_ZARR:
        return zarr_location(url, request_id)
    template = output_template(url.strip()).replace(REQUEST_ID, request_id)
    location = parse_s3_url(template)
    root_segments: List[str] = []
    for segment in location.key.split("/"):
        if any(placeholder in segment for placeholder in PLACEHOLDERS):
            break
        root_segments.append(segment)
    return S3Location(location.bucket, "/".join(segment for segment in root_segments if segment))


def request_json_location(url: str, request_id: str, output_type: str = OUTPUT_TYPE_RASTER) -> S3Location:
    return delivery_root(url, request_id, output_type).child(f"request-{request_id}.json")


def feature_manifest_location(url: str, request_id: str, output_type: str = OUTPUT_TYPE_RASTER) -> S3Location:
    return delivery_root(url, request_id, output_type).child(f"featureManifest-{request_id}.gpkg")


def execution_db_location(url: str, request_id: str, output_type: str = OUTPUT_TYPE_RASTER) -> S3Location:
    return delivery_root(url, request_id, output_type).child(f"execution-{request_id}.sqlite")


@dataclass(frozen=True)
class DeliverySettings:
    """The non-secret part of a request's delivery (keys are never read from a task)."""

    url: str
    region: Optional[str] = None
    output_type: str = OUTPUT_TYPE_RASTER

    def root(self, request_id: str) -> S3Location:
        return delivery_root(self.url, request_id, self.output_type)

    @property
    def google_cloud_storage(self) -> bool:
        """A ``gs://`` delivery: the plugin has no client for Google Cloud Storage, so it cannot read its files."""
        return self.url.strip().lower().startswith("gs://")

    @property
    def zarr(self) -> bool:
        return self.output_type == OUTPUT_TYPE_ZARR


def delivery_settings(request: Mapping[str, Any]) -> Optional[DeliverySettings]:
    """Where a request delivers: v2 ``output.delivery.s3`` (or ``.gs``); v1 ``output.defaultTilePath`` or
    ``bucketName``."""
    output = request.get("output") or {}
    if not isinstance(output, Mapping):
        return None
    delivery = output.get("delivery") or {}
    output_type = str(output.get("type") or OUTPUT_TYPE_RASTER)
    for storage in ("s3", "gs"):
        settings = delivery.get(storage) if isinstance(delivery, Mapping) else None
        if isinstance(settings, Mapping) and settings.get("url"):
            return DeliverySettings(str(settings["url"]), settings.get("region"), output_type)
    if output.get("defaultTilePath"):
        return DeliverySettings(str(output["defaultTilePath"]))
    if request.get("bucketName"):
        return DeliverySettings(f"s3://{request['bucketName']}")
    return None


def request_output_type(request: Mapping[str, Any]) -> str:
    """``raster`` or ``zarr``: where the request's files are depends on it (``delivery_root``)."""
    settings = delivery_settings(request)
    return settings.output_type if settings is not None else OUTPUT_TYPE_RASTER


def requested_outputs(request: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """``(identifier, format type)`` of every response of ``processRequest.output.responses``."""
    process_request = request.get("processRequest") or {}
    responses = ((process_request.get("output") or {}).get("responses")) or []
    outputs = []
    for response in responses:
        if not isinstance(response, Mapping):
            continue
        format_type = ((response.get("format") or {}).get("type")) or "image/tiff"
        outputs.append((str(response.get("identifier") or "default"), str(format_type)))
    return outputs


# ----------------------------------------------------------------------------------------------- SQLite


@contextmanager
def open_sqlite(source: Union[bytes, str], what: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection to an SQLite database given as bytes (in memory when sqlite3 can deserialize) or as
    the path of a file."""
    if isinstance(source, str):
        with open(source, "rb") as file:
            header = file.read(len(_SQLITE_MAGIC))
    else:
        header = bytes(source[:16])
    if header != _SQLITE_MAGIC:
        raise DeliveryFileError(
            f"The {what} is not an SQLite database (empty or cut short, perhaps still being uploaded). "
            "It will be read again at the next update."
        )
    temporary_path = None
    if isinstance(source, str):
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    elif _CAN_DESERIALIZE:
        connection = sqlite3.connect(":memory:")
        try:
            connection.deserialize(bytes(source))
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise DeliveryFileError(f"The {what} cannot be opened: {exc}.") from None
    else:
        handle, temporary_path = tempfile.mkstemp(suffix=".sqlite")
        with os.fdopen(handle, "wb") as file:
            file.write(source)
        connection = sqlite3.connect(f"file:{temporary_path}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("PRAGMA trusted_schema = OFF")
        yield connection
    except sqlite3.DatabaseError as exc:
        raise DeliveryFileError(f"The {what} cannot be read: {exc}.") from None
    finally:
        connection.close()
        if temporary_path:
            with suppress(OSError):
                os.remove(temporary_path)


def _table_columns(connection: sqlite3.Connection, table: str) -> Dict[str, str]:
    """Lower-case column name → real column name."""
    rows = connection.execute(f"PRAGMA table_info({_quote_identifier(table)})").fetchall()
    return {row[1].lower(): row[1] for row in rows}


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select_expression(columns: Mapping[str, str], name: str) -> str:
    real = columns.get(name.lower())
    return _quote_identifier(real) if real else "NULL"


# ----------------------------------------------------------------------------------------------- GeoPackage geometry

_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def gpkg_wkb(blob: bytes) -> Tuple[Optional[int], bytes]:
    """Split a GeoPackage geometry blob into ``(srs_id, standard WKB)``.

    Header (GeoPackage spec §2.1.3): magic ``GP``, version byte, flags byte — bit 0 byte order of the header
    (1 = little endian), bits 1-3 envelope kind (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm), bit 4 empty geometry,
    bit 5 extended type — then the int32 srs_id, the envelope doubles, and standard WKB.
    """
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        raise DeliveryFileError("A geometry in the GeoPackage is not a GeoPackage geometry blob (no 'GP' header).")
    flags = blob[3]
    if flags & 0x20:
        raise DeliveryFileError("A geometry in the GeoPackage uses an extended geometry type, which is not supported.")
    byte_order = "<" if flags & 0x01 else ">"
    envelope_kind = (flags >> 1) & 0x07
    if envelope_kind not in _ENVELOPE_DOUBLES:
        raise DeliveryFileError(f"A geometry in the GeoPackage has an invalid envelope indicator ({envelope_kind}).")
    (srs_id,) = struct.unpack(byte_order + "i", blob[4:8])
    wkb_start = 8 + 8 * _ENVELOPE_DOUBLES[envelope_kind]
    if len(blob) <= wkb_start:
        raise DeliveryFileError("A geometry in the GeoPackage is cut short.")
    return srs_id, blob[wkb_start:]


def parse_gpkg_geometry(blob: bytes) -> Tuple[Optional[int], Any]:
    """Decode a GeoPackage geometry blob into ``(srs_id, shapely geometry)``."""
    from shapely import wkb
    from shapely.errors import ShapelyError

    srs_id, data = gpkg_wkb(blob)
    try:
        geometry = wkb.loads(data)
    except (ShapelyError, ValueError, TypeError) as exc:
        raise DeliveryFileError(f"A geometry in the GeoPackage cannot be decoded: {exc}.") from None
    return srs_id, geometry


# ----------------------------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class ManifestFeature:
    """One row of ``featureManifest-<id>.gpkg``: one output of one tile."""

    fid: int
    output_id: str
    identifier: str
    """The tile name (``<tileName>``)."""
    path: str
    """Full object URI of this output, e.g. ``s3://bucket/folder/<id>/<tile>/NDVI.tif``."""
    width: int
    height: int
    epsg: int
    geometry: Any
    """shapely geometry in the table's CRS (``epsg``)."""


_FEATURE_TABLE = re.compile(r"^feature_(\d+)$", re.IGNORECASE)


def _feature_tables(connection: sqlite3.Connection) -> List[Tuple[str, Optional[str], Optional[int]]]:
    """``(table, geometry column, EPSG)`` of each feature table, from the GeoPackage metadata when present."""
    tables: Dict[str, Tuple[Optional[str], Optional[int]]] = {}
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "gpkg_geometry_columns" in names:
        query = (
            "SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id, g.srs_id "
            "FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
            if "gpkg_spatial_ref_sys" in names
            else "SELECT table_name, column_name, NULL, NULL, srs_id FROM gpkg_geometry_columns"
        )
        for table, column, organization, organization_id, srs_id in connection.execute(query):
            epsg = None
            if organization and str(organization).upper() == "EPSG" and organization_id:
                epsg = int(organization_id)
            elif srs_id and int(srs_id) > 0:
                epsg = int(srs_id)
            tables[table] = (column, epsg)
    for name in names:
        if _FEATURE_TABLE.match(name) and name not in tables:
            tables[name] = (None, None)
    result = []
    for table, (column, epsg) in sorted(tables.items()):
        match = _FEATURE_TABLE.match(table)
        if epsg is None and match:
            epsg = int(match.group(1))
        result.append((table, column, epsg))
    return result


def read_manifest(data: bytes) -> List[ManifestFeature]:
    """Every row of every ``feature_<epsg>`` table of a feature manifest GeoPackage, ordered by table and fid."""
    features: List[ManifestFeature] = []
    with open_sqlite(data, "feature manifest") as connection:
        for table, geometry_column, epsg in _feature_tables(connection):
            columns = _table_columns(connection, table)
            geometry_column = geometry_column or columns.get("geometry") or columns.get("geom")
            if not geometry_column or "identifier" not in columns:
                continue
            select = ", ".join(
                [
                    _select_expression(columns, "fid"),
                    _select_expression(columns, "outputId"),
                    _select_expression(columns, "identifier"),
                    _select_expression(columns, "path"),
                    _select_expression(columns, "width"),
                    _select_expression(columns, "height"),
                    _quote_identifier(geometry_column),
                ]
            )
            rows = connection.execute(f"SELECT {select} FROM {_quote_identifier(table)}").fetchall()  # noqa: S608
            for fid, output_id, identifier, path, width, height, blob in rows:
                if blob is None:
                    continue
                srs_id, geometry = parse_gpkg_geometry(blob)
                feature_epsg = epsg if epsg is not None else srs_id
                features.append(
                    ManifestFeature(
                        fid=int(fid) if fid is not None else 0,
                        output_id=str(output_id or ""),
                        identifier=str(identifier or ""),
                        path=str(path or ""),
                        width=int(width or 0),
                        height=int(height or 0),
                        epsg=int(feature_epsg or 0),
                        geometry=geometry,
                    )
                )
    features.sort(key=lambda feature: (feature.epsg, feature.fid))
    return features


@dataclass(frozen=True)
class ManifestTiles:
    """The tiles of a feature manifest, one entry per tile, as parallel lists.

    What the tile layer of a 100 000-tile job needs, read in bulk: a handful of lists instead of an object (and a
    shapely geometry) per row, so reading it neither takes long nor leaves Python's garbage collector a burst of
    objects to walk (a full collection pauses every thread of QGIS, the GUI thread too).
    """

    names: List[str]
    epsg: List[int]
    widths: List[int]
    heights: List[int]
    outputs: List[str]
    """The tile's output ids, sorted and joined with commas."""
    geometries: List[bytes]
    """WKB of the tile's geometry in its own CRS (``epsg``)."""

    def __len__(self) -> int:
        return len(self.names)


def read_manifest_tiles(source: Union[bytes, str]) -> ManifestTiles:
    """Every tile of a feature manifest (its bytes, or the path of the file; one row per tile and output) as
    :class:`ManifestTiles`, ordered like :func:`read_manifest` (by table EPSG, then by the tile's first row)."""
    tiles = ManifestTiles([], [], [], [], [], [])
    with open_sqlite(source, "feature manifest") as connection:
        for table, geometry_column, epsg in sorted(_feature_tables(connection), key=lambda item: item[2] or 0):
            columns = _table_columns(connection, table)
            geometry_column = geometry_column or columns.get("geometry") or columns.get("geom")
            if not geometry_column or "identifier" not in columns:
                continue
            identifier = _select_expression(columns, "identifier")
            select = ", ".join([
                identifier,
                f"min({_select_expression(columns, 'fid')})",
                f"group_concat(DISTINCT {_select_expression(columns, 'outputId')})",
                _select_expression(columns, "width"),
                _select_expression(columns, "height"),
                _quote_identifier(geometry_column),
            ])
            # SQLite takes the bare columns of a min() aggregate from the row with the minimum.
            query = (f"SELECT {select} FROM {_quote_identifier(table)} "  # noqa: S608
                     f"WHERE {_quote_identifier(geometry_column)} IS NOT NULL GROUP BY {identifier} ORDER BY 2")
            for name, _fid, outputs, width, height, blob in connection.execute(query):
                srs_id, wkb = gpkg_wkb(blob)
                tiles.names.append(str(name or ""))
                tiles.epsg.append(int((epsg if epsg is not None else srs_id) or 0))
                tiles.widths.append(int(width or 0))
                tiles.heights.append(int(height or 0))
                tiles.outputs.append(",".join(sorted(set(str(outputs).split(",")))) if outputs else "")
                tiles.geometries.append(wkb)
    return tiles


def manifest_tiles(features: Iterable[ManifestFeature]) -> Dict[str, List[ManifestFeature]]:
    """The manifest rows grouped by tile name (one row per output), in manifest order."""
    tiles: Dict[str, List[ManifestFeature]] = {}
    for feature in features:
        tiles.setdefault(feature.identifier, []).append(feature)
    return tiles


# ----------------------------------------------------------------------------------------------- execution


@dataclass(frozen=True)
class ExecutionFeature:
    """One row of ``execution-<id>.sqlite``, table ``features``."""

    id: int
    name: str
    """The tile name, as ``identifier`` in the manifest."""
    status: str
    """As written by the service: PENDING, DONE or FATAL."""
    error: Optional[str]
    delivered: bool


class TileStatus(str, Enum):
    """What a tile's colour on the map means."""

    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    DONE = "DONE"
    NO_DATA = "NO_DATA"
    FAILED = "FAILED"

    @property
    def label(self) -> str:
        return {
            TileStatus.PENDING: "Waiting",
            TileStatus.PROCESSING: "Processing",
            TileStatus.DONE: "Done",
            TileStatus.NO_DATA: "No data",
            TileStatus.FAILED: "Failed",
        }[self]

    @property
    def is_final(self) -> bool:
        return self in (TileStatus.DONE, TileStatus.NO_DATA, TileStatus.FAILED)


NO_DATA_ERROR = "no data"

_PROCESSING_STATUSES = {"PROCESSING", "RUNNING", "SCHEDULED", "QUEUED", "STARTED"}
_FAILED_STATUSES = {"FATAL", "FAILED", "ERROR"}


def tile_status(feature: ExecutionFeature) -> TileStatus:
    """The display status of a row of the execution database (:func:`display_status`)."""
    return display_status(feature.status, feature.error)


def display_status(status: Optional[str], error: Optional[str]) -> TileStatus:
    """The display status of a tile from its ``status`` and ``error`` in the execution database.

    DONE with the error "No data" means there was nothing to process. The documented statuses are PENDING, DONE
    and FATAL (BatchV2.qmd, "Execution database"): no row says that a tile is being processed right now, so while
    the job is PROCESSING its PENDING tiles are the ones it is working through (the tile layer says so, see
    ``services.layers``). Statuses that would say a tile is being worked on map to PROCESSING, failures to FAILED,
    anything else unknown to PENDING (it is not finished as far as the plugin can tell).
    """
    status = (status or "").strip().upper()
    if status == "DONE":
        if (error or "").strip().rstrip(".").lower() == NO_DATA_ERROR:
            return TileStatus.NO_DATA
        return TileStatus.DONE
    if status in _FAILED_STATUSES:
        return TileStatus.FAILED
    if status in _PROCESSING_STATUSES:
        return TileStatus.PROCESSING
    return TileStatus.PENDING


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes", "y")
    return bool(value)


def _execution_table(connection: sqlite3.Connection) -> Tuple[str, Dict[str, str]]:
    tables = {row[0].lower(): row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "features" not in tables:
        raise DeliveryFileError(
            "The execution database has no 'features' table; the service may have changed its format."
        )
    table = tables["features"]
    return table, _table_columns(connection, table)


def read_execution(data: bytes) -> List[ExecutionFeature]:
    """Every row of the ``features`` table of ``execution-<id>.sqlite``, ordered by id."""
    with open_sqlite(data, "execution database") as connection:
        table, columns = _execution_table(connection)
        select = ", ".join(
            _select_expression(columns, name) for name in ("id", "name", "status", "error", "delivered")
        )
        rows = connection.execute(f"SELECT {select} FROM {_quote_identifier(table)}").fetchall()  # noqa: S608
    features = [
        ExecutionFeature(
            id=int(row_id) if row_id is not None else 0,
            name=str(name or ""),
            status=str(status or "").upper(),
            error=str(error) if error not in (None, "") else None,
            delivered=_as_bool(delivered),
        )
        for row_id, name, status, error, delivered in rows
    ]
    features.sort(key=lambda feature: feature.id)
    return features


def read_execution_statuses(data: bytes) -> Dict[str, TileStatus]:
    """Tile name → display status of every row of ``execution-<id>.sqlite``, ordered by id.

    The same answer as :func:`read_execution` and :func:`tile_status`, in the form the monitor needs for 100 000-tile
    jobs: one dict, no object per row (each distinct status and error is mapped once).
    """
    statuses: Dict[str, TileStatus] = {}
    known: Dict[Tuple[Any, Any], TileStatus] = {}
    with open_sqlite(data, "execution database") as connection:
        table, columns = _execution_table(connection)
        select = ", ".join(_select_expression(columns, name) for name in ("name", "status", "error"))
        order = _select_expression(columns, "id")
        for name, status, error in connection.execute(
                f"SELECT {select} FROM {_quote_identifier(table)} ORDER BY {order}"):  # noqa: S608
            shown = known.get((status, error))
            if shown is None:
                shown = known[(status, error)] = display_status(status, error)
            statuses[str(name or "")] = shown
    return statuses


def status_counts(features: Iterable[ExecutionFeature]) -> Dict[TileStatus, int]:
    """How many tiles are in each display status (every status present, zero when none)."""
    counts = {status: 0 for status in TileStatus}
    for feature in features:
        counts[tile_status(feature)] += 1
    return counts
