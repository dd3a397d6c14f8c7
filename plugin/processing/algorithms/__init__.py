"""One module per algorithm of the Sentinel Hub Batch provider; ``ALGORITHM_CLASSES`` lists them in menu order."""

from __future__ import annotations

from typing import List, Type

from qgis.core import QgsProcessingAlgorithm


def algorithm_classes() -> List[Type[QgsProcessingAlgorithm]]:
    from .preview_tiles import PreviewTilesAlgorithm

    return [PreviewTilesAlgorithm]
