"""The plugin's actions on batch jobs, one function each, shared by the docks and the Processing algorithms.

Each takes the clients of the caller's :class:`~.tasks.Activity` (which decides how waits are cancelled and where
retries are reported) and returns what the service answered. They run off the GUI thread: a dock runs them in a
background task, Processing in its algorithm's thread. Building the request (``core.batch_request``), the preview
(``preview.compute_preview``) and loading results (``results.prepare_results``) are the other shared actions.

The paid actions — :func:`start_job`, :func:`rerun_tiles` (started), :func:`process_area` — are only reached after
the user agreed (the docks' start dialog, a Processing run): they are the one place to guard spending.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple

from ..core.grids import catalog_for
from ..core.jobs import S3Keys, retry_tiles, wait_for_job
from ..core.models import BatchTask, TaskStatus, redact_secrets
from ..core.process_api import ProcessResult, process
from .tasks import Activity

log = logging.getLogger("sentinelhub_batch")

JOB_SORT_ORDERS = ("created:desc", "created", "status", "status:desc")
"""The job list orders, in the order the Jobs dock and the list_jobs algorithm offer them."""
ANALYSIS_WAIT_SECONDS = 900.0
STARTABLE = (TaskStatus.CREATED, TaskStatus.ANALYSIS_DONE, TaskStatus.STOPPED)
STOPPABLE = (TaskStatus.ANALYSING, TaskStatus.ANALYSIS_DONE, TaskStatus.PROCESSING)


def create_job(client: Any, body: Mapping[str, Any]) -> BatchTask:
    """Send a built batch request (``core.batch_request.build_batch_request``); the job is not started.

    Its tiling grid and resolution are checked against the service's listing first (``grids.catalog_for``): a
    resolution the service does not list is refused with the ones it allows, before anything is sent.
    """
    grid_input = body.get("input") or {}
    if grid_input.get("type") == "tiling-grid":
        catalog_for(client).resolve(grid_input.get("id"), grid_input.get("resolution"))
    log.info("Creating a batch request: %s", redact_secrets(body).get("description", ""))
    return client.create(body)


def analyse_job(client: Any, task_id: str, activity: Optional[Activity] = None) -> BatchTask:
    """Ask for the analysis; with an ``activity``, wait (cancellably) until it is done or failed."""
    client.analyse(task_id)
    if activity is None:
        return client.get(task_id)
    return wait_for_job(client, task_id, is_cancelled=activity.cancelled, sleep=activity.wait,
                        give_up_after=ANALYSIS_WAIT_SECONDS)


def start_job(client: Any, task_id: str) -> BatchTask:
    """Start processing (a created job is analysed first by the service). Charged: ask the user before."""
    client.start(task_id)
    return client.get(task_id)


def stop_job(client: Any, task_id: str) -> BatchTask:
    client.stop(task_id)
    return client.get(task_id)


def save_description(client: Any, task_id: str, description: str) -> BatchTask:
    client.update_description(task_id, description)
    return client.get(task_id)


def delivery_keys(connection: Any) -> S3Keys:
    """The S3 keys a re-run request hands the service (the connection's bucket keys)."""
    return S3Keys(connection.s3.access_key, connection.s3.secret_key)


def rerun_tiles(client: Any, s3: Any, task: BatchTask, tile_names: Optional[List[str]], keys: S3Keys,
                start: bool = True) -> BatchTask:
    """A new job over just these tiles (None: the failed ones) writing into the same objects; started unless not
    ``start``. Charged when started: ask the user before."""
    new_task = retry_tiles(client, s3, task, tile_names, keys=keys)
    if not start:
        return new_task
    return start_job(client, new_task.id)


def process_area(client: Any, request: Mapping[str, Any], folder: Path,
                 activity: Activity) -> Tuple[ProcessResult, List[Path]]:
    """One synchronous Process API call; its files are written to ``folder`` unless cancelled meanwhile."""
    result = process(client, request)
    activity.check_cancelled()
    return result, result.write_to(folder)
