"""``wait_for_job``: follow a job until it is done, failed, or waits for the user; cancelling leaves it running."""

from __future__ import annotations

from typing import Any, Dict, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
)

from ...core.models import TaskStatus
from ...core.storage import TileStatus
from ...services.layers import status_counts_text
from ...services.preview import format_pu
from ...services.tasks import Activity
from .base import (
    DEFAULT_POLL_SECONDS,
    JOB_ID,
    POLL_SECONDS,
    STATUS_OUTPUT,
    BatchAlgorithm,
    tr,
)

COMPLETION = "COMPLETION"
COST_PU = "COST_PU"
TILES_DONE = "TILES_DONE"
TILES_FAILED = "TILES_FAILED"


class JobProgress:
    """Turns job snapshots into feedback: status changes, the progress bar, tile counts when they change."""

    def __init__(self, feedback: QgsProcessingFeedback):
        self.feedback = feedback
        self.last_status = ""
        self.last_percentage: Optional[float] = None
        self.last_counts = ""
        self.snapshot: Any = None

    def __call__(self, snapshot: Any) -> None:
        self.snapshot = snapshot
        task = snapshot.task
        summary = task.status_summary()
        if task.status_text != self.last_status:
            self.feedback.pushInfo(tr("Status: {status}").format(status=summary))
            if snapshot.status_only and not self.last_status:
                self.feedback.pushWarning(snapshot.status_only)
            self.last_status = task.status_text
        percentage = float(task.completion_percentage or 0.0)
        if task.status is TaskStatus.DONE:
            percentage = 100.0
        if percentage != self.last_percentage:
            self.feedback.setProgress(percentage)
            if task.status is TaskStatus.PROCESSING:
                self.feedback.setProgressText(tr("Processing: {percent:.0f}%").format(percent=percentage))
            self.last_percentage = percentage
        counts = self.tile_counts_text()
        if counts and counts != self.last_counts:
            self.feedback.pushInfo(tr("Tiles: {counts}").format(counts=counts))
            self.last_counts = counts

    def tile_counts(self) -> Dict[str, int]:
        statuses = self.snapshot.tile_statuses if self.snapshot is not None else None
        if not statuses:
            return {}
        counts: Dict[str, int] = {}
        for status in statuses.values():
            counts[status.value] = counts.get(status.value, 0) + 1
        return counts

    def tile_counts_text(self) -> str:
        counts = self.tile_counts()
        return status_counts_text({status: counts.get(status.value, 0) for status in TileStatus})


def poll_policy(poll_seconds: float) -> Any:
    from ...core.jobs import PollPolicy

    poll_seconds = max(0.5, float(poll_seconds or DEFAULT_POLL_SECONDS))
    return PollPolicy(analysing=min(5.0, poll_seconds), waiting_for_user=poll_seconds,
                      processing_min=poll_seconds, processing_max=poll_seconds * 6)


def wait_with_feedback(client: Any, s3: Any, task_id: str, feedback: QgsProcessingFeedback, activity: Activity,
                       poll_seconds: float = DEFAULT_POLL_SECONDS) -> Any:
    """Wait for the job, reporting progress; returns (task, JobProgress). Raises on FAILED."""
    from ...core.jobs import wait_for_job

    progress = JobProgress(feedback)
    feedback.pushInfo(tr("Waiting for job {id} (cancel to stop waiting; the job goes on)…").format(id=task_id))
    task = wait_for_job(client, task_id, s3=s3, policy=poll_policy(poll_seconds), on_update=progress,
                        is_cancelled=activity.cancelled, sleep=activity.wait)
    if task.status is TaskStatus.FAILED:
        raise QgsProcessingException(tr("Job {id} failed: {error}").format(
            id=task.id, error=task.error or tr("the service gave no reason")))
    if task.status is TaskStatus.DONE:
        feedback.pushInfo(tr("Job {id} is done; cost {pu} PU.").format(id=task.id, pu=format_pu(task.cost_pu)))
    elif task.status is TaskStatus.STOPPED:
        feedback.pushWarning(tr("Job {id} stopped: {why}").format(id=task.id, why=task.status_summary()))
    else:
        feedback.pushWarning(tr("Job {id} is {status} and waits for you: start it to go on.").format(
            id=task.id, status=task.status_text))
    return task, progress


class WaitForJobAlgorithm(BatchAlgorithm):
    algorithm_id = "wait_for_job"

    def displayName(self) -> str:
        return tr("Wait for batch job")

    def shortHelpString(self) -> str:
        return tr("Follows a job until it is done or failed, showing its status, progress and (with S3 keys) how "
                  "many tiles are done. It also returns when the job waits for you (created, analysed or stopped), "
                  "instead of waiting forever. Cancelling stops the waiting only: the job goes on at the service. "
                  "A failed job makes the algorithm fail with the service's error.")

    def initAlgorithm(self, config: Any = None) -> None:
        self.add_job_id_parameter()
        self.add_connection_parameter()
        self.add_poll_seconds_parameter()
        self.addOutput(QgsProcessingOutputString(JOB_ID, tr("Job id")))
        self.addOutput(QgsProcessingOutputString(STATUS_OUTPUT, tr("Status")))
        self.addOutput(QgsProcessingOutputNumber(COMPLETION, tr("Completion (%)")))
        self.addOutput(QgsProcessingOutputNumber(COST_PU, tr("Cost (PU)")))
        self.addOutput(QgsProcessingOutputNumber(TILES_DONE, tr("Tiles done")))
        self.addOutput(QgsProcessingOutputNumber(TILES_FAILED, tr("Tiles failed")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        connection, client, task_id = self.open_job(parameters, context, feedback)
        s3 = self.s3_client_or_none(connection, feedback)
        poll_seconds = self.parameterAsDouble(parameters, POLL_SECONDS, context)
        task, progress = wait_with_feedback(client, s3, task_id, feedback, self.activity, poll_seconds)
        return wait_results(task, progress)


def wait_results(task: Any, progress: JobProgress) -> Dict[str, Any]:
    counts = progress.tile_counts()
    return {JOB_ID: task.id, STATUS_OUTPUT: task.status_text, COMPLETION: task.completion_percentage,
            COST_PU: task.cost_pu, TILES_DONE: counts.get("DONE", 0) + counts.get("NO_DATA", 0),
            TILES_FAILED: counts.get("FAILED", 0)}
