"""``analyse_job``: let the service compute a job's tiles (and write its feature manifest) without processing."""

from __future__ import annotations

from .base import JobActionAlgorithm


class AnalyseJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "analyse_job"
    title = "Analyse batch job"
    action = "analyse"
    help_text = ("Asks Sentinel Hub to analyse a created job: it computes the tiles and writes the feature manifest "
                 "to the bucket, without processing (nothing is charged yet). Then look at the tiles with 'Tile "
                 "status' and start it with 'Start batch job'.")
