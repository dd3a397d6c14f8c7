"""``stop_job``: stop a job that is being analysed or processed."""

from __future__ import annotations

from typing import Any

from ...services.jobs import stop_job
from .base import JobActionAlgorithm, tr


class StopJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "stop_job"

    def displayName(self) -> str:
        return tr("Stop batch job")

    def shortHelpString(self) -> str:
        return tr("Stops a job while it is analysed (the analysis still completes) or processed. Tiles already "
                  "processed stay in the bucket. The service may refuse to restart a job for 30 minutes after a stop.")

    def act(self, client: Any, task_id: str) -> Any:
        return stop_job(client, task_id)
