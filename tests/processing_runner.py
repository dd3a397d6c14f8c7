"""Processing with the plugin's provider registered, for tests that run its algorithms in this process."""

from __future__ import annotations

import sys

QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"
PROVIDER_ID = "sentinelhub_batch"


def initialise_processing():
    """Processing with our provider registered (idempotent); returns the ``processing`` module."""
    from qgis.core import QgsApplication

    if QGIS_PYTHON_PLUGINS not in sys.path:
        sys.path.append(QGIS_PYTHON_PLUGINS)
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is None:
        from sentinelhub_batch.plugin.processing.provider import SentinelHubBatchProvider

        provider = SentinelHubBatchProvider()
        assert registry.addProvider(provider)
        initialise_processing.provider = provider
    import processing

    return processing
