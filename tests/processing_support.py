"""Running the provider's algorithms in tests: Processing initialised with the provider, and a feedback that keeps
what an algorithm reports."""

from __future__ import annotations

import sys

from qgis.core import QgsApplication, QgsProcessingFeedback

QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"
PROVIDER_ID = "sentinelhub_batch"


def initialise_processing():
    """Processing with our provider registered (idempotent); returns the ``processing`` module."""
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
    from qgis import processing

    return processing


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps what an algorithm reports; cancels itself once ``cancel_when(text)`` is true for a message."""

    def __init__(self, cancel_when=None):
        super().__init__()
        self.messages = []
        self.progress_values = []
        self.cancel_when = cancel_when
        self.progressChanged.connect(self.progress_values.append)

    def _record(self, text):
        self.messages.append(text)
        if self.cancel_when is not None and self.cancel_when(text):
            self.cancel()

    def pushInfo(self, text):
        self._record(text)
        super().pushInfo(text)

    def pushWarning(self, text):
        self._record(text)
        super().pushWarning(text)

    def reportError(self, text, fatal=False):
        self._record(text)
        super().reportError(text, fatal)

    @property
    def text(self):
        return "\n".join(self.messages)


def grid_choice(grid_id: int) -> int:
    """The GRID parameter's value for a tiling grid id (its position in the choice list)."""
    from sentinelhub_batch.plugin.processing.algorithms.base import GRID_IDS

    return GRID_IDS.index(grid_id)
