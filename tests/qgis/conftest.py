"""Fixtures of the tests that run inside QGIS."""

from __future__ import annotations

import pytest


@pytest.fixture
def auth_ready(qgis_app):
    """The QGIS authentication database, unlocked with a test master password."""
    from qgis.core import QgsApplication

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("sentinelhub-batch-tests", True)
    return manager
