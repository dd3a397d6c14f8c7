"""``start_job``: start processing a job (a created job is analysed first), within the spending limit."""

from __future__ import annotations

from typing import Any, Dict

from qgis.core import QgsProcessingContext, QgsProcessingFeedback

from ...services.jobs import job_estimate, start_job
from .base import (
    STATUS_OUTPUT,
    JobActionAlgorithm,
    add_spending_limit_parameter,
    raise_limit_help,
    spending_limit,
    tr,
)


class StartJobAlgorithm(JobActionAlgorithm):
    algorithm_id = "start_job"

    def displayName(self) -> str:
        return tr("Start batch job")

    def shortHelpString(self) -> str:
        return tr("Starts a created, analysed or stopped job. A created job is analysed first, then processed. "
                  "Processing is charged in processing units: the job is estimated first (from its tiles once "
                  "analysed, else from its request) and not started above the spending limit (the connection's, "
                  "or MAX_PU). Follow it with 'Wait for batch job'.")

    def initAlgorithm(self, config: Any = None) -> None:
        super().initAlgorithm(config)
        add_spending_limit_parameter(self)

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        s3 = self.s3_client_or_none(connection, feedback)
        estimate = job_estimate(s3, client.get(task_id))
        feedback.pushInfo(tr("Job {id}: {estimate}").format(id=task_id, estimate=estimate.describe()))
        task = start_job(client, task_id, spending_limit(self, parameters, context, connection.spending_limit_pu),
                         how_to_raise=raise_limit_help(), estimate=estimate)
        feedback.pushInfo(tr("Job {id}: {status}").format(id=task.id, status=task.status_summary()))
        return {"JOB_ID": task.id, STATUS_OUTPUT: task.status_text}
