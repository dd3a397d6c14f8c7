"""Processing provider: the plugin's actions as algorithms for the toolbox, models, batch mode and qgis_process."""

from __future__ import annotations

from pathlib import Path
from typing import List, Type

from qgis.core import QgsProcessingAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

PROVIDER_ID = "sentinelhub_batch"
ICON_PATH = Path(__file__).resolve().parents[2] / "resources" / "icons" / "icon.svg"


def algorithm_classes() -> List[Type[QgsProcessingAlgorithm]]:
    """The algorithm classes the provider offers (one module each under ``algorithms/``)."""
    from .algorithms import algorithm_classes as classes
    from .algorithms.process_area import ProcessAreaAlgorithm

    listed = classes()
    return listed if ProcessAreaAlgorithm in listed else [*listed, ProcessAreaAlgorithm]


class SentinelHubBatchProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "Sentinel Hub Batch"

    def longName(self) -> str:
        return "Sentinel Hub Batch Processing"

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def svgIconPath(self) -> str:
        return str(ICON_PATH)

    def loadAlgorithms(self) -> None:
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
