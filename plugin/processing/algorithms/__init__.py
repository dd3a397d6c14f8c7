"""One module per algorithm of the Sentinel Hub Batch provider (``base`` holds what they share)."""

from __future__ import annotations

from typing import List, Type

from qgis.core import QgsProcessingAlgorithm


def algorithm_classes() -> List[Type[QgsProcessingAlgorithm]]:
    """Every algorithm class, in the order of the Processing toolbox."""
    from .analyse_job import AnalyseJobAlgorithm
    from .create_job import CreateJobAlgorithm
    from .list_jobs import ListJobsAlgorithm
    from .load_results import LoadResultsAlgorithm
    from .preview_tiles import PreviewTilesAlgorithm
    from .retry_failed_tiles import RetryFailedTilesAlgorithm
    from .run_job import RunJobAlgorithm
    from .start_job import StartJobAlgorithm
    from .stop_job import StopJobAlgorithm
    from .tile_status import TileStatusAlgorithm
    from .wait_for_job import WaitForJobAlgorithm

    return [PreviewTilesAlgorithm, CreateJobAlgorithm, AnalyseJobAlgorithm, StartJobAlgorithm, StopJobAlgorithm,
            WaitForJobAlgorithm, ListJobsAlgorithm, TileStatusAlgorithm, LoadResultsAlgorithm,
            RetryFailedTilesAlgorithm, RunJobAlgorithm]
