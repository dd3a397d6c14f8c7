"""Write the GeoPackage a Batch v2 request takes as input (``{"type": "geopackage"}``): the user's own polygons as
tiles, or chosen tiles of a job to re-run.

The provider's rules for such a file (BatchV2.qmd, "2. GeoPackage"): one or more POLYGON / MULTIPOLYGON feature
tables in EPSG coordinate systems, columns ``id`` INTEGER unique (the primary key), ``identifier`` TEXT unique across
all tables, ``width`` and ``height`` INTEGER (at most 3500 × 3500 px) or ``resolution``, at most 700 000 features.
Written with sqlite3 only (no GDAL in the core), following the OGC GeoPackage 1.3 encoding.
"""

from __future__ import annotations

import math
import os
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import proj
from .errors import InvalidRequestError
from .proj_threads import on_python_thread

MAX_FEATURE_PIXELS = 3500
MAX_FEATURES = 700_000
GEOPACKAGE_APPLICATION_ID = 0x47504B47  # "GPKG"
GEOPACKAGE_USER_VERSION = 10300  # 1.3.0
_CAN_SERIALIZE = hasattr(sqlite3.Connection, "serialize")
"""Python 3.11+ builds the file in memory; 3.9/3.10 go through a temporary file."""


@dataclass(frozen=True)
class GeoPackageFeature:
    """One feature (tile) of an input GeoPackage."""

    id: int
    identifier: str
    """Becomes ``<tileName>`` in the output paths: keep the manifest's name to overwrite the same objects."""
    epsg: int
    geometry: Any
    """shapely Polygon or MultiPolygon in ``epsg`` coordinates."""
    width: int
    height: int

    @property
    def name(self) -> str:
        """The tile name (what the cost estimate and the tile layer call a tile)."""
        return self.identifier


def features_from_polygons(
    polygons: Iterable[Tuple[Optional[str], Any]], epsg: int, resolution: float
) -> List[GeoPackageFeature]:
    """One feature per ``(identifier, polygon)`` of the user's layer, in EPSG:``epsg``, sized at ``resolution``.

    Missing identifiers become ``feature_<n>`` (n = the feature's position from 1). Width and height are the
    bounding box divided by the resolution (in the CRS units), rounded (batch_assumptions 7); features larger than
    3500 px or invalid ones are refused with the feature named, so nothing is sent that the service would refuse.
    """
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.validation import explain_validity

    try:
        pixel = float(resolution)
    except (TypeError, ValueError):
        pixel = math.nan
    if not pixel > 0 or math.isinf(pixel):
        raise InvalidRequestError(f"The resolution {resolution!r} must be a number above 0 (in the units of "
                                  f"EPSG:{epsg}).")
    features = []
    for number, (identifier, geometry) in enumerate(polygons, start=1):
        name = str(identifier).strip() if identifier not in (None, "") else f"feature_{number}"
        if not isinstance(geometry, (Polygon, MultiPolygon)):
            kind = getattr(geometry, "geom_type", type(geometry).__name__)
            raise InvalidRequestError(f"Feature '{name}' is a {kind}; batch features must be polygons or "
                                      "multipolygons. Use a polygon layer.")
        if geometry.is_empty:
            raise InvalidRequestError(f"Feature '{name}' has an empty geometry; remove it or draw its polygon.")
        if not geometry.is_valid:
            raise InvalidRequestError(f"Feature '{name}' is invalid ({explain_validity(geometry)}). Repair the layer "
                                      "(Processing → Fix geometries) and try again.")
        min_x, min_y, max_x, max_y = geometry.bounds
        features.append(GeoPackageFeature(id=number, identifier=name, epsg=int(epsg), geometry=geometry,
                                           width=max(1, round((max_x - min_x) / pixel)),
                                           height=max(1, round((max_y - min_y) / pixel))))
    validate_features(features)
    return features


@on_python_thread
def features_in_area(features: Sequence[GeoPackageFeature], area: Any, area_crs: Any) -> List[GeoPackageFeature]:
    """The features a request with this area processes (and charges): those that intersect it, each "processed in
    its entirety" even when partly covered (BatchV2.qmd "Area of Interest and PUs"). ``area_crs``: an EPSG code,
    ``EPSG:n`` or an OGC CRS URI; x is longitude in geographic CRSs."""
    from shapely.ops import transform
    from shapely.prepared import prep

    source = proj.crs(area_crs)
    prepared: Dict[int, Any] = {}
    kept = []
    for feature in features:
        if feature.epsg not in prepared:
            to_feature_crs = proj.transformer(source, proj.crs_from_epsg(feature.epsg))
            prepared[feature.epsg] = prep(transform(to_feature_crs.transform, area))
        if prepared[feature.epsg].intersects(feature.geometry):
            kept.append(feature)
    return kept


@on_python_thread
def outlines_in_lonlat(features: Sequence[GeoPackageFeature]) -> List[Any]:
    """Each feature's polygon in longitude/latitude (for a preview layer in EPSG:4326)."""
    from shapely.ops import transform

    to_lonlat: Dict[int, Any] = {}
    outlines = []
    for feature in features:
        if feature.epsg not in to_lonlat:
            to_lonlat[feature.epsg] = proj.transformer(proj.crs_from_epsg(feature.epsg), proj.crs_from_epsg(4326))
        outlines.append(transform(to_lonlat[feature.epsg].transform, feature.geometry))
    return outlines


def upload_features_geopackage(s3: Any, url: str, features: Sequence[GeoPackageFeature]) -> str:
    """Write the features as a GeoPackage to ``url`` (an ``s3://…/name.gpkg`` object) with the plugin's S3 client
    (``s3.put_object``); returns the URL to give as ``input.features``."""
    from .storage import parse_s3_url

    location = parse_s3_url(url)
    if not location.key or location.key.endswith("/") or not location.key.lower().endswith(".gpkg"):
        raise InvalidRequestError(f"The features location {url} must name a .gpkg file, like "
                                  f"s3://{location.bucket}/features/my-fields.gpkg.")
    s3.put_object(location.bucket, location.key, write_features_geopackage(features),
                  content_type="application/geopackage+sqlite3")
    return location.url


def features_from_manifest(
    manifest: Iterable[Any], identifiers: Optional[Iterable[str]] = None
) -> List[GeoPackageFeature]:
    """One feature per tile of a feature manifest (which has one row per output), keeping name, CRS and size.

    ``identifiers`` limits the result to those tiles (e.g. the failed ones); unknown names raise
    InvalidRequestError. Ids are numbered from 1 in manifest order.
    """
    wanted = None if identifiers is None else list(dict.fromkeys(identifiers))
    first_rows: Dict[str, Any] = {}
    for row in manifest:
        if wanted is not None and row.identifier not in wanted:
            continue
        known = first_rows.get(row.identifier)
        if known is None:
            first_rows[row.identifier] = row
        elif (known.epsg, known.width, known.height) != (row.epsg, row.width, row.height):
            raise InvalidRequestError(
                f"The manifest describes tile '{row.identifier}' twice with different CRS or size "
                f"(EPSG:{known.epsg} {known.width}×{known.height} and EPSG:{row.epsg} {row.width}×{row.height})."
            )
    if wanted is not None:
        missing = [name for name in wanted if name not in first_rows]
        if missing:
            raise InvalidRequestError(
                f"These tiles are not in the request's feature manifest: {', '.join(missing[:10])}"
                + (" ..." if len(missing) > 10 else "")
                + ". Reload the manifest and choose tiles from it."
            )
        ordered = [first_rows[name] for name in wanted]
    else:
        ordered = list(first_rows.values())
    return [
        GeoPackageFeature(
            id=number,
            identifier=row.identifier,
            epsg=int(row.epsg),
            geometry=row.geometry,
            width=int(row.width),
            height=int(row.height),
        )
        for number, row in enumerate(ordered, start=1)
    ]


def validate_features(features: Sequence[GeoPackageFeature]) -> None:
    """Raise InvalidRequestError (saying which feature and what to do) for anything the service refuses."""
    from shapely.geometry import MultiPolygon, Polygon

    if not features:
        raise InvalidRequestError("No features to write: choose at least one tile.")
    if len(features) > MAX_FEATURES:
        raise InvalidRequestError(
            f"{len(features)} features is more than the {MAX_FEATURES} a batch GeoPackage may hold; split the job."
        )
    seen_ids: Dict[int, str] = {}
    seen_identifiers = set()
    for feature in features:
        name = feature.identifier
        if not isinstance(name, str) or not name.strip():
            raise InvalidRequestError(f"Feature {feature.id} has no identifier; every feature needs a unique name.")
        if isinstance(feature.id, bool) or not isinstance(feature.id, int):
            raise InvalidRequestError(f"Feature '{name}' has the id {feature.id!r}; ids must be integers.")
        if feature.id in seen_ids:
            raise InvalidRequestError(
                f"Features '{seen_ids[feature.id]}' and '{name}' have the same id {feature.id}; ids must be unique."
            )
        if name in seen_identifiers:
            raise InvalidRequestError(f"The identifier '{name}' is used twice; identifiers must be unique.")
        seen_ids[feature.id] = name
        seen_identifiers.add(name)
        for label, value in (("width", feature.width), ("height", feature.height)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FEATURE_PIXELS:
                raise InvalidRequestError(
                    f"Feature '{name}' has {label} {value!r} px; it must be a whole number from 1 to "
                    f"{MAX_FEATURE_PIXELS}. Use a coarser resolution or smaller features."
                )
        if not isinstance(feature.geometry, (Polygon, MultiPolygon)):
            kind = getattr(feature.geometry, "geom_type", type(feature.geometry).__name__)
            raise InvalidRequestError(
                f"Feature '{name}' is a {kind}; batch features must be polygons or multipolygons."
            )
        if feature.geometry.is_empty:
            raise InvalidRequestError(f"Feature '{name}' has an empty geometry.")
        if isinstance(feature.epsg, bool) or not isinstance(feature.epsg, int) or feature.epsg <= 0:
            raise InvalidRequestError(f"Feature '{name}' has no EPSG code ({feature.epsg!r}).")


def gpkg_geometry_blob(geometry: Any, srs_id: int) -> bytes:
    """GeoPackage binary: ``GP``, version 0, flags (little endian, xy envelope), srs_id, envelope, WKB."""
    from shapely import to_wkb

    min_x, min_y, max_x, max_y = geometry.bounds
    flags = 0b0000_0011  # bit 0: little-endian header; bits 1-3 = 1: envelope [minx, maxx, miny, maxy]
    header = b"GP" + struct.pack("<BBi4d", 0, flags, srs_id, min_x, max_x, min_y, max_y)
    return header + to_wkb(geometry, output_dimension=2, byte_order=1)


@on_python_thread
def _crs_definition(epsg: int) -> Tuple[str, str]:
    """``(name, WKT)`` of an EPSG CRS from pyproj; WKT1 as GeoPackage asks, WKT2 when WKT1 cannot express it."""
    try:
        crs = proj.crs_from_epsg(epsg)
    except proj.CRSError:
        raise InvalidRequestError(
            f"EPSG:{epsg} is not a known coordinate system; batch features need an EPSG CRS."
        ) from None
    wkt = crs.to_wkt("WKT1_GDAL") or crs.to_wkt()
    return crs.name, wkt


_CORE_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
"""

def table_name_for(epsg: int) -> str:
    return f"features_{epsg}"


def _populate(connection: sqlite3.Connection, features: Sequence[GeoPackageFeature]) -> None:
    from shapely.geometry import MultiPolygon, Polygon

    connection.execute(f"PRAGMA application_id = {GEOPACKAGE_APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {GEOPACKAGE_USER_VERSION}")
    connection.executescript(_CORE_SCHEMA)
    spatial_ref_sys = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ]
    by_epsg: Dict[int, List[GeoPackageFeature]] = {}
    for feature in features:
        by_epsg.setdefault(feature.epsg, []).append(feature)
    for epsg in sorted({4326, *by_epsg}):
        name, wkt = _crs_definition(epsg)
        spatial_ref_sys.append((name, epsg, "EPSG", epsg, wkt, None))
    connection.executemany(
        "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, "
        "description) VALUES (?, ?, ?, ?, ?, ?)",
        spatial_ref_sys,
    )
    for epsg, group in sorted(by_epsg.items()):
        table = table_name_for(epsg)
        multi = any(isinstance(feature.geometry, MultiPolygon) for feature in group)
        geometry_type = "MULTIPOLYGON" if multi else "POLYGON"
        connection.execute(
            f'CREATE TABLE "{table}" ('
            "id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
            "identifier TEXT NOT NULL UNIQUE, "
            "width INTEGER NOT NULL, "
            "height INTEGER NOT NULL, "
            f"geometry {geometry_type})"
        )
        rows = []
        min_x = min_y = float("inf")
        max_x = max_y = float("-inf")
        for feature in group:
            geometry = feature.geometry
            if multi and isinstance(geometry, Polygon):
                geometry = MultiPolygon([geometry])
            x0, y0, x1, y1 = geometry.bounds
            min_x, min_y, max_x, max_y = min(min_x, x0), min(min_y, y0), max(max_x, x1), max(max_y, y1)
            rows.append(
                (feature.id, feature.identifier, feature.width, feature.height, gpkg_geometry_blob(geometry, epsg))
            )
        connection.executemany(
            f'INSERT INTO "{table}" (id, identifier, width, height, geometry) VALUES (?, ?, ?, ?, ?)',  # noqa: S608
            rows,
        )
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, "
            "srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
            (table, table, f"Batch features in EPSG:{epsg}", min_x, min_y, max_x, max_y, epsg),
        )
        connection.execute(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) "
            "VALUES (?, 'geometry', ?, ?, 0, 0)",
            (table, geometry_type, epsg),
        )
    connection.commit()


def write_features_geopackage(features: Iterable[GeoPackageFeature], path: Optional[str] = None) -> bytes:
    """Write the features as a GeoPackage (one table ``features_<epsg>`` per CRS) and return its bytes.

    When ``path`` is given the file is also written there (replacing it). Raises InvalidRequestError for
    features the service would refuse.
    """
    feature_list = list(features)
    validate_features(feature_list)
    if _CAN_SERIALIZE:
        connection = sqlite3.connect(":memory:")
        try:
            _populate(connection, feature_list)
            data = bytes(connection.serialize())
        finally:
            connection.close()
    else:
        handle, temporary_path = tempfile.mkstemp(suffix=".gpkg")
        os.close(handle)
        os.remove(temporary_path)
        connection = sqlite3.connect(temporary_path)
        try:
            _populate(connection, feature_list)
        finally:
            connection.close()
        try:
            with open(temporary_path, "rb") as file:
                data = file.read()
        finally:
            os.remove(temporary_path)
    if path:
        partial = path + ".part"
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    return data

