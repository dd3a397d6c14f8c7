"""``analyse_job``: let the service compute a job's tiles (and write its feature manifest) without processing."""

from __future__ import annotations

from typing import Any

from ...services.jobs import analyse_job
from .base import JobActionAlgorithm, tr


class AnalyseJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "analyse_job"

    def displayName(self) -> str:
        return tr("Analyse batch job")

    def shortHelpString(self) -> str:
        return tr("Asks Sentinel Hub to analyse a created job: it computes the tiles and writes the feature manifest "
                  "to the bucket, without processing (nothing is charged yet). Then look at the tiles with 'Tile "
                  "status' and start it with 'Start batch job'.")

    def act(self, client: Any, task_id: str) -> Any:
        return analyse_job(client, task_id)
