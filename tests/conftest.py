"""Test-wide set-up: the repository is imported as the installed plugin package ``sentinelhub_batch``."""

import os
import sys
from pathlib import Path

import pytest

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


@pytest.fixture(autouse=True)
def close_opened_clients():
    """The clients a test registered with ``closing.opened`` are closed after it."""
    yield
    from closing import close_opened

    close_opened()


@pytest.fixture(autouse=True)
def fresh_plugin_settings():
    """Every test starts without saved connection settings (pytest-qgis keeps one QGIS profile for the run), so a
    test can never reach a real deployment configured by an earlier one."""
    from qgis.core import QgsSettings

    QgsSettings().remove("sentinelhub_batch")
    yield


@pytest.fixture
def auth_ready(qgis_app):
    """The QGIS authentication database, unlocked with a test master password."""
    from qgis.core import QgsApplication

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("sentinelhub-batch-tests", True)
    return manager
