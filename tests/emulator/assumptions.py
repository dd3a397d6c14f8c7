"""Every behaviour of the emulator that no public source documents, in one place.

Each constant is a deliberate, replaceable guess; tests and code refer to these names rather than
repeating the guess. These guesses are built into the code without a switch:

- evaluatePixel may return more values than an output has bands (the tutorial does): extras are dropped,
  missing ones are 0.
- A tile with no acquisition in the time range is DONE with error 'No data' and no raster is written.
- ``scenes.orbits[i].dateFrom``/``dateTo`` are the day's bounds (00:00:00Z / 23:59:59Z).
- A STOP received while ANALYSING lets the analysis finish, then the request is STOPPED (USER_ACTION).
- After the last tile, the request stays PROCESSING at 100 % for a while (`EmulatorConfig.done_delay_seconds`).
- The ``errors`` member of a 400 body is an object ``{"parameter", "invalidValue", "violation"}``.
- An ``output`` without ``type`` is a raster output (the OpenAPI requires the field; the emulator is lenient).
- Google Cloud Storage has no local server: a ``gs://bucket/key`` delivery or input is written to / read from the
  bucket of the same name on the local S3 server, once the credentials are accepted (a base64 JSON service-account
  key: ``type`` "service_account", ``client_email``, ``private_key``).
- An IAM role ARN is accepted (sentinel-hub.com) and the stack's own keys do the writing.
- The bucket check at create (BatchV2.qmd: create "uploads a JSON of the original request to the user's bucket"):
  when that upload fails the create call answers 400 COMMON_BAD_PAYLOAD naming the bucket.
- Zarr output: the group holds one array per output, shaped (time=1, y, x), with coordinate arrays ``time``
  (days since 1970-01-01, the day of ``timeRange.from``) and ``y``/``x`` (``lat``/``lon`` on the WGS84 grid) at pixel
  centres; each tile writes its unbuffered extent; the group's default attributes are ``date_modified`` and
  ``geospatial_bounds`` (WKT of the envelope); arrays are little endian whatever the byte order of ``dtype`` (GDAL
  writes native order). The Zarr with a GeoPackage input is allowed when all features share EPSG:4326 or EPSG:3035.
- The feature manifest of a Zarr output has the Zarr folder as ``path`` of every row ("the output paths will just be
  the root of the output folder").
- BYOC ingestion: a created collection is named after the request and its id is written into the task's
  ``request.output.collectionId``; a collection counts as readable when its bucket has any bucket policy
  (BatchV2.qmd "Mandatory bucket settings"); an existing collection must have a band per output with the output's
  sampleType.
- A feature of a GeoPackage with only a ``resolution`` is ``round(extent / resolution)`` pixels wide and high.
- ``costPU`` counts a tile's own pixels, not its buffer (``charges.py``), and a FLOAT32 output anywhere in the
  request doubles every tile's cost.
"""

from __future__ import annotations

MASK_OUTSIDE_AREA = True
"""Pixels of a tile outside the request's area get dataMask 0 (and zero bands), as the Process API does."""

DEFAULT_TIME_RANGE_DAYS = 30
"""A data entry without ``dataFilter.timeRange.from`` covers this many days before ``to`` (now)."""

LATTICE_NODES = 17
"""Lon/lat is computed exactly on a 17 × 17 lattice per tile and bilinearly interpolated in between."""

RESTART_BLOCK_STATUS = 400
"""START within the restart block after a stop: 400, the only refusal ``POST .../start`` lists in both OpenAPIs
(204, 400, 401, 403, 404); the real code and text are not documented."""

ILLEGAL_TRANSITION_STATUS = 400
"""An action the current status does not allow (e.g. analyse when DONE) answers 400: analyse/start/stop list 204,
400, 401, 403, 404 in both OpenAPIs (409 is listed only for PUT)."""

TILE_ATTEMPTS = 3
"""A failing tile is tried this many times before it is FATAL."""

MINIMUM_ACCOUNT_PU_TO_CREATE = 1000

ECHO_SECRETS_IN_REQUEST = True
"""Whether ``request`` in a task echoes S3 secret keys as sent is not documented; by default the emulator echoes the
body unchanged (the worst case for a client that must never show them). ``EmulatorConfig.echo_secrets`` flips it."""

DEPLOYMENT_BY_REALM = {"main": "sentinel-hub", "CDSE": "cdse"}
"""The emulator answers as the deployment whose token realm issued the caller's token: ``/realms/main`` is
sentinel-hub.com (IAM role, Google Cloud Storage, GeoPackage defaults; no ``search``), ``/realms/CDSE`` is CDSE
(access keys only, ``search``)."""

SEARCHED_FIELDS = ("id", "description")
"""``search`` of ``GET /process`` matches the request id and description, case insensitive; ``&`` binds tighter
than ``|`` (the syntax itself is documented in the CDSE OpenAPI, ``SearchBeanSearch``)."""

IGNORED_UNKNOWN_QUERY_PARAMETERS = True
"""sentinel-hub.com does not list ``search``: the emulator ignores it there (lists everything)."""

REFUSE_GEOPACKAGE_DEFAULTS_ON_CDSE = True
"""CDSE's OpenAPI has no ``input.defaults``: the emulator answers 400 rather than ignore the field."""
