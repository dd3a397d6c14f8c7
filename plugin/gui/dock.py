"""The plugin's main dock (empty for now: the request, tiles and monitor panels are added by later issues)."""

from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QVBoxLayout, QWidget

DOCK_OBJECT_NAME = "SentinelHubBatchDock"


class BatchDock(QgsDockWidget):
    """Dock widget holding the plugin's panels; ``content_layout`` is where panels are added."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.setWindowTitle(QCoreApplication.translate("BatchDock", "Sentinel Hub Batch"))
        content = QWidget(self)
        content.setObjectName("SentinelHubBatchDockContent")
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(6, 6, 6, 6)
        self.content_layout.addStretch(1)
        self.setWidget(content)
