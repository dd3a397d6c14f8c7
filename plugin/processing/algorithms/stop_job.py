"""``stop_job``: stop a job that is being analysed or processed."""

from __future__ import annotations

from .base import JobActionAlgorithm


class StopJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "stop_job"
    title = "Stop batch job"
    action = "stop"
    help_text = ("Stops a job while it is analysed (the analysis still completes) or processed. Tiles already "
                 "processed stay in the bucket. The service may refuse to restart a job for 30 minutes after a stop.")
