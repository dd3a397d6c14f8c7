"""ASSUMPTIONS about Batch v2 that no public source states, in one place.

Every constant or rule here is a deliberate, replaceable guess; the code that depends on it refers to it by name.
Sources that *are* documented are cited where the rule is implemented (``batch_request.py``, ``storage.py``,
``deployments.py``, ``client.py``).

1. **Delivery root** (where ``request-<id>.json``, ``featureManifest-<id>.gpkg`` and ``execution-<id>.sqlite``
   are). The docs only say "the root folder of the specified output delivery path" (BatchV2.qmd, Feature Manifest /
   Execution database). Taken, as the provider's CARD4L metadata generator and eo-grow (``download_batch.py``:
   template ``{folder}/<tileName>/<outputId>.<format>``, manifest read from ``{folder}``) do: a raster template is
   cut before its first path segment that still holds a placeholder once ``<requestId>`` is replaced; a URL without
   placeholders first gets the documented default template. For Zarr output the root is the delivery folder itself.
2. **File extension of image/tiff** for ``<format>``: ``tif`` (real objects; the OpenAPI text says ``tiff``).
3. **Deployment of a custom URL**: a token URL in the ``CDSE`` realm (``/realms/CDSE/``) means a CDSE-like service,
   anything else a sentinel-hub.com-like one (that decides IAM role / Google Cloud Storage / ``search``).
4. **What ``search`` matches** when the plugin filters a listing itself: the request id and description, case
   insensitive, word by word. The syntax (``|`` = or, ``&`` = and) is documented (CDSE OpenAPI,
   ``SearchBeanSearch``); which fields are searched and that ``&`` binds tighter than ``|`` are not.
5. **``<tileId>`` on sentinel-hub.com**: documented in the CDSE OpenAPI only; accepted on every deployment.
6. **Zarr output with a GeoPackage input**: the OpenAPI allows Zarr only "with WGS84 and LAEA grids"; a GeoPackage
   is accepted when all its features are in one of those CRSs (EPSG:4326 or EPSG:3035), as a single Zarr has one CRS.
7. **Feature size from a resolution**: when the plugin writes a GeoPackage from the user's polygons, each feature
   gets ``width``/``height`` = its bounding box divided by the resolution, rounded to the nearest pixel (at least 1),
   so the size the plugin prices is the size the service renders.
8. **BYOC ingestion** (``createCollection`` / ``collectionId``): BatchV2/Migration.qmd §1 says these fields were
   removed, but BatchV2.qmd ("Ingesting results into BYOC") and the OpenAPIs of both deployments list them; the
   plugin follows the latter.
9. **Google Cloud Storage credentials**: the service-account key file (JSON) is sent base64-encoded as a whole
   (standard alphabet, padded), as "Base64-encoded service account credentials in JSON format" reads.
"""

from __future__ import annotations

TIFF_EXTENSION = "tif"
CDSE_AUTH_REALM = "/realms/CDSE/"
SEARCHED_TASK_FIELDS = ("id", "description")
ZARR_GEOPACKAGE_EPSG_CODES = (4326, 3035)
