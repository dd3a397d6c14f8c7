"""The plugin's actions on batch jobs, one function each, shared by the docks and the Processing algorithms.

Each takes the clients of the caller's :class:`~.tasks.Activity` (which decides how waits are cancelled and where
retries are reported) and returns what the service answered. They run off the GUI thread: a dock runs them in a
background task, Processing in its algorithm's thread. Building the request (``core.batch_request``), the preview
(``preview.compute_preview``) and loading results (``results.prepare_results``) are the other shared actions.

The paid actions — :func:`start_job`, :func:`rerun_tiles` (started), :func:`process_area` — are the one place
where spending is guarded: each estimates the work first (:func:`job_estimate`, ``core.spending``) and refuses above
the limit its caller passes (the connection's, or one the user raised for this run), whatever asked the user before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ..core.errors import InvalidRequestError
from ..core.gc_pause import garbage_collection_paused
from ..core.grids import catalog_for
from ..core.jobs import (
    ResultsUnreadableError,
    S3Keys,
    analysed_manifest,
    failed_tile_names,
    job_manifest,
    retry_tiles,
    wait_for_job,
)
from ..core.models import BatchTask, TaskStatus, redact_secrets
from ..core.process_api import ProcessResult, process
from ..core.spending import (
    PROCESS_API_ASK_PU,
    SpendingEstimate,
    check_batch_spending,
    check_process_spending,
    estimate_job,
    process_request_pu,
)
from .i18n import tr
from .tasks import Activity

log = logging.getLogger("sentinelhub_batch")

RECENTLY_CREATED_FILE = Path("sentinelhub_batch") / "recently_created.json"
"""Under the QGIS profile folder: the batch requests created in the last minutes, shared by every QGIS and
``qgis_process`` of the profile."""
JOB_SORT_ORDERS = ("created:desc", "created", "status", "status:desc")
"""The job list orders, in the order the Jobs dock and the list_jobs algorithm offer them."""
ANALYSIS_WAIT_SECONDS = 900.0
STARTABLE = (TaskStatus.CREATED, TaskStatus.ANALYSIS_DONE, TaskStatus.STOPPED)
STOPPABLE = (TaskStatus.ANALYSING, TaskStatus.ANALYSIS_DONE, TaskStatus.PROCESSING)


def share_recently_created_jobs(profile_folder: Optional[str] = None) -> Path:
    """Point the core's registry of just-created requests (``core.client.RECENTLY_CREATED``) at a file in the QGIS
    profile, so a request created by one process (``qgis_process run create_job``) is known to the next
    (``start_job``), which then retries the 404s the service answers for a while after a create."""
    from qgis.core import QgsApplication

    from ..core.client import RECENTLY_CREATED

    path = Path(profile_folder or QgsApplication.qgisSettingsDirPath()) / RECENTLY_CREATED_FILE
    RECENTLY_CREATED.use_file(path)
    return path


def stop_sharing_recently_created_jobs() -> None:
    from ..core.client import RECENTLY_CREATED

    RECENTLY_CREATED.use_file(None)


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


def raise_limit_help() -> str:
    """Where the spending limit is raised, for a refusal that does not come from a Processing run."""
    return tr("raise the spending limit for this run in the confirmation, or the connection's limit in the "
              "connection settings")


def job_estimate(s3: Any, task: BatchTask, tile_names: Optional[Sequence[str]] = None) -> SpendingEstimate:
    """What starting ``task`` (or re-running ``tile_names`` of it) costs: from its feature manifest once analysed
    (read with ``s3``), else from its request.

    A country's manifest is hundreds of thousands of rows: they are read and priced with the garbage collector
    paused, and die before it runs again (core.gc_pause)."""
    with garbage_collection_paused():
        return _job_estimate(s3, task, tile_names)


def _job_estimate(s3: Any, task: BatchTask, tile_names: Optional[Sequence[str]]) -> SpendingEstimate:
    if tile_names is not None:
        return estimate_job(task.request, job_manifest(s3, task), tile_names)
    try:
        manifest = analysed_manifest(s3, task)
    except ResultsUnreadableError as error:
        log.warning("%s The cost is estimated from the request instead.", error)
        manifest = None
    return estimate_job(task.request, manifest)


def start_job(client: Any, task_id: str, limit_pu: float, *, s3: Any = None, how_to_raise: str = "",
              estimate: Optional[SpendingEstimate] = None) -> BatchTask:
    """Start processing (a created job is analysed first by the service) unless the job's estimate is above
    ``limit_pu``: then SpendingLimitError says how to raise it. ``estimate``: the caller's estimate of the request
    it just created; else :func:`job_estimate`."""
    task = client.get(task_id)
    check_batch_spending(estimate or job_estimate(s3, task), limit_pu,
                         how_to_raise=how_to_raise or raise_limit_help())
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


def rerun_estimate(s3: Any, task: BatchTask, tile_names: Optional[Sequence[str]]
                   ) -> Tuple[List[str], SpendingEstimate]:
    """The tiles a re-run would process (None: the failed ones, from the execution database) and their cost."""
    names = list(tile_names) if tile_names is not None else failed_tile_names(s3, task)
    return names, job_estimate(s3, task, names)


class Rerun(NamedTuple):
    task: BatchTask
    """The new job."""
    tile_names: List[str]
    estimate: SpendingEstimate


def rerun_tiles(client: Any, s3: Any, task: BatchTask, tile_names: Optional[Sequence[str]], keys: S3Keys,
                limit_pu: float, *, start: bool = True, how_to_raise: str = "") -> Rerun:
    """A new job over just these tiles (None: the failed ones) writing into the same objects; started unless not
    ``start``. When it would start above ``limit_pu``, nothing is created (SpendingLimitError)."""
    manifest = job_manifest(s3, task)
    names = list(tile_names) if tile_names is not None else failed_tile_names(s3, task)
    estimate = estimate_job(task.request, manifest, names)
    if start:
        check_batch_spending(estimate, limit_pu, how_to_raise=how_to_raise or raise_limit_help())
    new_task = retry_tiles(client, s3, task, names, keys=keys, manifest=manifest)
    if start:
        client.start(new_task.id)
        new_task = client.get(new_task.id)
    return Rerun(new_task, names, estimate)


def process_request_estimate(request: Mapping[str, Any]) -> Optional[float]:
    """The PU a Process API request is expected to cost; None when its evalscript's setup() cannot be read."""
    from ..core.evalscript import read_evalscript

    try:
        return process_request_pu(request, read_evalscript(str(request.get("evalscript") or "")))
    except InvalidRequestError as error:
        log.info("The cost of the Process API call is unknown: %s", error)
        return None


def process_area(client: Any, request: Mapping[str, Any], folder: Path, activity: Activity,
                 allowed_pu: Optional[float] = PROCESS_API_ASK_PU, how_to_raise: str = ""
                 ) -> Tuple[ProcessResult, List[Path]]:
    """One synchronous Process API call, refused when estimated above ``allowed_pu`` (what the user agreed to;
    None only after the user confirmed a call of unknown cost); its files are written to ``folder`` unless
    cancelled meanwhile."""
    if allowed_pu is not None:
        check_process_spending(process_request_estimate(request), allowed_pu,
                               how_to_raise=how_to_raise or tr("confirm the cost when asked"))
    result = process(client, request)
    activity.check_cancelled()
    return result, result.write_to(folder)


def list_jobs_page(client: Any, *, search: Optional[str] = None, sort: Optional[str] = None, count: int = 50,
                   viewtoken: Optional[str] = None,
                   activity: Optional[Activity] = None) -> Tuple[List[BatchTask], Optional[str]]:
    """A full page of jobs (``count`` or more) and the token of the next one (None at the end).

    Where the service cannot search (sentinel-hub.com) the client filters each page itself, so a page may come
    back short or empty with more to come: pages are fetched until ``count`` jobs are found or the list ends.
    """
    tasks: List[BatchTask] = []
    seen = set()
    token = viewtoken
    while True:
        page, token = client.list_page(search=search, sort=sort, count=count, viewtoken=token)
        tasks.extend(page)
        if len(tasks) >= count or not token or token in seen:
            return tasks, (token if token not in seen else None)
        seen.add(token)
        if activity is not None:
            activity.check_cancelled()
