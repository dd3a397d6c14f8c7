"""Pure-Python dependencies bundled into the release zip (``requests_oauthlib``, ``oauthlib``).

The source tree has none: ``make package`` copies them here. They are a fallback for QGIS installations whose
Python lacks them, so the folder goes at the *end* of ``sys.path`` and only after a normal import failed::

    try:
        from requests_oauthlib import OAuth2Session
    except ImportError:
        from ..vendor import ensure_vendored_path
        ensure_vendored_path()
        from requests_oauthlib import OAuth2Session
"""

from __future__ import annotations

import sys
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent
VENDORED_PACKAGES = ("requests_oauthlib", "oauthlib")


def ensure_vendored_path() -> bool:
    """Make the bundled packages importable (after anything already installed); idempotent.

    Returns whether the bundled packages are present at all (False in a development checkout).
    """
    present = any((VENDOR_DIR / name / "__init__.py").is_file() for name in VENDORED_PACKAGES)
    if present and str(VENDOR_DIR) not in sys.path:
        sys.path.append(str(VENDOR_DIR))
    return present
