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
"""

from __future__ import annotations

MASK_OUTSIDE_AREA = True
"""Pixels of a tile outside the request's area get dataMask 0 (and zero bands), as the Process API does."""

DEFAULT_TIME_RANGE_DAYS = 30
"""A data entry without ``dataFilter.timeRange.from`` covers this many days before ``to`` (now)."""

LATTICE_NODES = 17
"""Lon/lat is computed exactly on a 17 × 17 lattice per tile and bilinearly interpolated in between."""

RESTART_BLOCK_STATUS = 409
"""START within the restart block after a stop answers 409 (the real code and text are not documented)."""

ILLEGAL_TRANSITION_STATUS = 409
"""An action the current status does not allow (e.g. analyse when DONE) answers 409."""

TILE_ATTEMPTS = 3
"""A failing tile is tried this many times before it is FATAL."""

MINIMUM_ACCOUNT_PU_TO_CREATE = 1000

ECHO_SECRETS_IN_REQUEST = True
"""Whether ``request`` in a task echoes S3 secret keys as sent is not documented; by default the emulator echoes the
body unchanged (the worst case for a client that must never show them). ``EmulatorConfig.echo_secrets`` flips it."""
