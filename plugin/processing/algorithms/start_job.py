"""``start_job``: start processing a job (a created job is analysed first)."""

from __future__ import annotations

from typing import Any

from ...services.jobs import start_job
from .base import JobActionAlgorithm, tr


class StartJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "start_job"

    def displayName(self) -> str:
        return tr("Start batch job")

    def shortHelpString(self) -> str:
        return tr("Starts a created, analysed or stopped job. A created job is analysed first, then processed. "
                  "Processing is charged in processing units. Follow it with 'Wait for batch job'.")

    def act(self, client: Any, task_id: str) -> Any:
        return start_job(client, task_id)
