"""The bytes of files the service writes to a bucket (feature manifests), built with GDAL in memory for tests."""

from __future__ import annotations

import itertools
from typing import Iterable

from osgeo import gdal, ogr, osr

_unique = itertools.count()


def vsimem_bytes(path: str) -> bytes:
    """The content of a /vsimem/ file, which is then deleted."""
    handle = gdal.VSIFOpenL(path, "rb")
    gdal.VSIFSeekL(handle, 0, 2)
    size = gdal.VSIFTellL(handle)
    gdal.VSIFSeekL(handle, 0, 0)
    data = bytes(gdal.VSIFReadL(1, size, handle))
    gdal.VSIFCloseL(handle)
    gdal.Unlink(path)
    return data


def manifest_gpkg(rows: Iterable) -> bytes:
    """A ``featureManifest-<id>.gpkg`` of ``ManifestFeature`` rows: one ``feature_<epsg>`` table per CRS."""
    path = f"/vsimem/manifest_{next(_unique)}.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    tables = {}
    for row in rows:
        if row.epsg not in tables:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(row.epsg)
            layer = source.CreateLayer(f"feature_{row.epsg}", srs, ogr.wkbPolygon)
            for name, kind in (("outputId", ogr.OFTString), ("identifier", ogr.OFTString),
                               ("path", ogr.OFTString), ("width", ogr.OFTInteger), ("height", ogr.OFTInteger)):
                layer.CreateField(ogr.FieldDefn(name, kind))
            tables[row.epsg] = layer
        layer = tables[row.epsg]
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in (("outputId", row.output_id), ("identifier", row.identifier), ("path", row.path),
                            ("width", row.width), ("height", row.height)):
            feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(row.geometry.wkb))
        layer.CreateFeature(feature)
    source = None
    return vsimem_bytes(path)


def execution_sqlite(rows: Iterable) -> bytes:
    """An ``execution-<id>.sqlite`` of ``(id, name, status, error, delivered)`` rows (BatchV2.qmd "Execution
    database")."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE features (id INTEGER, name TEXT, status TEXT, error TEXT, delivered BOOLEAN)")
    connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)", rows)
    connection.commit()
    data = connection.serialize()
    connection.close()
    return data
