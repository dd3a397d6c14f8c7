"""Test-wide set-up: the repository is imported as the installed plugin package ``sentinelhub_batch``."""

import os
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
PACKAGE_ROOT = REPOSITORY / ".build" / "pkgroot"
TESTS = REPOSITORY / "tests"
SHARED = REPOSITORY.parent / "shared"


def _make_package_importable() -> None:
    link = PACKAGE_ROOT / "sentinelhub_batch"
    if not link.exists():
        PACKAGE_ROOT.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPOSITORY, target_is_directory=True)
    for path in (str(PACKAGE_ROOT), str(TESTS)):
        if path not in sys.path:
            sys.path.insert(0, path)


_make_package_importable()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["fixtures_s3", "fixtures_stack"]
