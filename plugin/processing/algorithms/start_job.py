"""``start_job``: start processing a job (a created job is analysed first)."""

from __future__ import annotations

from .base import JobActionAlgorithm


class StartJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "start_job"
    title = "Start batch job"
    action = "start"
    help_text = ("Starts a created, analysed or stopped job. A created job is analysed first, then processed. "
                 "Processing is charged in processing units. Follow it with 'Wait for batch job'.")
