"""Following a batch job and acting on it: the shared logic of the monitor worker and the Processing algorithms."""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

from .client import BatchClient
from .errors import (
    ConnectionFailedError,
    InvalidRequestError,
    RateLimitError,
    SentinelHubBatchError,
    ServiceUnavailableError,
    TaskCancelledError,
)
from .gc_pause import garbage_collection_paused
from .models import BatchTask, TaskStatus, UserAction
from .storage import (
    OUTPUT_TYPE_ZARR,
    ExecutionFeature,
    ManifestFeature,
    ManifestTiles,
    TileStatus,
    delivery_root,
    delivery_settings,
    execution_db_location,
    feature_manifest_location,
    output_template,
    read_execution,
    read_execution_statuses,
    read_manifest,
    read_manifest_tiles,
    request_output_type,
    tile_status,
)

log = logging.getLogger("sentinelhub_batch")

TRANSIENT_ERRORS = (ConnectionFailedError, ServiceUnavailableError, RateLimitError)
"""Errors after which a job is still there: keep it tracked and poll again later."""


class ResultsUnreadableError(SentinelHubBatchError):
    """The job is fine at the service, but its files in the bucket cannot be read (settings, keys, path)."""


@dataclass
class JobSnapshot:
    """What one poll learned about a job."""

    task: BatchTask
    manifest: Optional[List[ManifestFeature]] = None
    """The feature manifest, once the service has written it (read once, then kept)."""
    execution: Optional[List[ExecutionFeature]] = None
    """The latest execution database rows, when known."""
    manifest_tiles: Optional[ManifestTiles] = None
    """The tiles of the manifest in bulk form, on the poll that read it (a watcher with ``keep_files=False``)."""
    status_changes: Optional[Dict[str, TileStatus]] = None
    """The tiles whose status differs from the previous read of the execution database — every tile on the first
    read (a watcher with ``keep_files=False``)."""
    tiles_changed: bool = False
    """The execution database changed since the previous poll."""
    task_changed: bool = True
    storage_problem: str = ""
    """Why the bucket could not be read (the job itself is fine), for the user to fix the S3 settings."""
    status_only: str = ""
    """Why the job's files are not read at all (its delivery is in Google Cloud Storage): only its status is known."""

    @property
    def tile_statuses(self) -> Optional[Dict[str, TileStatus]]:
        if self.execution is None:
            return None
        return {feature.name: tile_status(feature) for feature in self.execution}


class JobWatcher:
    """Polls one job: its status, and while it runs the manifest and execution database from the bucket.

    The manifest is read once; the execution database is downloaded only when its ETag changed (a conditional GET:
    an unchanged database costs one small request and no transfer). With ``keep_files=True`` (Processing) the
    snapshots carry both files as rows. With ``keep_files=False`` (the monitor of the jobs dock) they carry what a
    tile layer needs, in bulk: the manifest's tiles on the poll that read it, and only the tiles whose status
    changed since the previous read. The watcher then keeps one dict of statuses and no object per tile (less for
    Python's garbage collector to walk, which pauses every thread of QGIS).
    """

    def __init__(self, client: BatchClient, s3: Any, task_id: str, *, keep_files: bool = True):
        self.client = client
        self.s3 = s3
        self.task_id = task_id
        self.keep_files = keep_files
        self.manifest: Optional[List[ManifestFeature]] = None
        self.execution: Optional[List[ExecutionFeature]] = None
        self._statuses: Dict[str, TileStatus] = {}
        self._manifest_read = False
        self._execution_etag: Optional[str] = None
        self._last_raw: Optional[Dict[str, Any]] = None
        self._final_read_done = False

    def poll(self) -> JobSnapshot:
        previous = self._last_raw
        with garbage_collection_paused():
            task = self.client.get(self.task_id)
            if previous is not None and task.raw.get("request") == previous.get("request"):
                # The request (with the area: hundreds of kilobytes of coordinates for a country) rarely changes:
                # the copy just read is freed at once, never counted as surviving objects (core.gc_pause).
                task.raw["request"] = previous.get("request")
        snapshot = JobSnapshot(task, task_changed=task.raw != previous)
        self._last_raw = task.raw
        snapshot.status_only = status_only_reason(task)
        if self.s3 is not None and task.delivery_url:
            try:
                self._read_bucket(task, snapshot)
            except SentinelHubBatchError as error:
                snapshot.storage_problem = str(error)
                log.warning("Could not read the files of job %s from the bucket: %s", task.id, error)
        if self.keep_files:
            snapshot.manifest = self.manifest
            snapshot.execution = self.execution
        return snapshot

    def _read_bucket(self, task: BatchTask, snapshot: JobSnapshot) -> None:
        status = task.status
        if status in (TaskStatus.CREATED, TaskStatus.ANALYSING, TaskStatus.UNKNOWN):
            return
        output_type = request_output_type(task.request)
        if not self._manifest_read:
            location = feature_manifest_location(task.delivery_url, task.id, output_type)
            if self.keep_files:
                found = self._get(location.bucket, location.key, None)
                if found is not None:
                    self.manifest = snapshot.manifest = read_manifest(found.data)
            else:
                snapshot.manifest_tiles = self._manifest_tiles(location)
            self._manifest_read = self.manifest is not None or snapshot.manifest_tiles is not None
            if not self._manifest_read and status is TaskStatus.DONE:
                raise ResultsUnreadableError(
                    f"Job {task.id} is DONE, but its feature manifest is not at {location.url}. Check that the "
                    "bucket and output path in the request are the ones the S3 settings read, and that the S3 keys "
                    "may read them.")
        if status is TaskStatus.ANALYSIS_DONE or self._final_read_done:
            return
        location = execution_db_location(task.delivery_url, task.id, output_type)
        found = self._get(location.bucket, location.key, self._execution_etag)
        if found is not None:
            self._execution_etag = found.etag
            snapshot.tiles_changed = True
            if self.keep_files:
                self.execution = snapshot.execution = read_execution(found.data)
            else:
                statuses = read_execution_statuses(found.data)
                previous = self._statuses
                snapshot.status_changes = {name: shown for name, shown in statuses.items()
                                           if previous.get(name) is not shown}
                self._statuses = statuses
        elif status is TaskStatus.DONE and self._execution_etag is None:
            raise ResultsUnreadableError(
                f"Job {task.id} is DONE, but its execution database is not at {location.url}, so the tile "
                "statuses are unknown. Check the bucket, the output path and the S3 keys.")
        if status in (TaskStatus.DONE, TaskStatus.FAILED) and self._execution_etag is not None:
            self._final_read_done = True

    def _manifest_tiles(self, location: Any) -> Optional[ManifestTiles]:
        """The manifest's tiles, streamed through a temporary file (None while it is not written yet): a country's
        manifest is tens of megabytes, which neither stay in memory nor hold the GIL while copied as one block."""
        from .s3 import S3Error

        handle, path = tempfile.mkstemp(suffix=".gpkg")
        os.close(handle)
        try:
            self.s3.download_file(location.bucket, location.key, path)
            return read_manifest_tiles(path)
        except S3Error as error:
            if error.not_found:
                return None
            raise
        finally:
            with contextlib.suppress(OSError):
                os.remove(path)

    def _get(self, bucket: str, key: str, etag: Optional[str]) -> Any:
        from .s3 import S3Error

        try:
            return self.s3.get_object(bucket, key, if_none_match=etag)
        except S3Error as error:
            if error.not_found:
                return None
            raise


def status_only_reason(task: BatchTask) -> str:
    """Why the plugin cannot follow the tiles or load the results of this job ("" when it can)."""
    settings = delivery_settings(task.request)
    if settings is not None and settings.google_cloud_storage:
        return (f"Job {task.id} delivers to Google Cloud Storage ({settings.url}), which the plugin cannot read: "
                "only its status is followed here; see its tiles and results in the Google Cloud console.")
    return ""


@dataclass(frozen=True)
class PollPolicy:
    """How long to wait before the next poll.

    A steady cadence while the job moves — every ``analysing`` seconds while it analyses or is about to move (the
    user asked to analyse or start it and the status has not caught up yet), every ``processing_min`` seconds while it
    processes — so the progress shown is never older than one interval; every ``waiting_for_user`` seconds while
    it waits for the user. ``processing_max`` caps the backoff after failed polls.
    """

    analysing: float = 5.0
    waiting_for_user: float = 30.0
    processing_min: float = 10.0
    processing_max: float = 120.0

    def next_delay(self, task: BatchTask) -> Optional[float]:
        """Seconds until the next poll of ``task``; None when the job cannot change any more."""
        status = task.status
        if status.is_terminal:
            return None
        if status is TaskStatus.PROCESSING:
            return self.processing_min
        if status is TaskStatus.ANALYSING or not waiting_on_user(task):
            return self.analysing
        return self.waiting_for_user


class WaitCancelledError(TaskCancelledError):
    """The caller stopped waiting; the job itself goes on at the service."""


def waiting_on_user(task: BatchTask) -> bool:
    """True when the job will not move until someone acts (the reference client hangs forever here)."""
    status = task.status
    if status is TaskStatus.CREATED:
        return task.user_action in (None, UserAction.NONE)
    if status in (TaskStatus.ANALYSIS_DONE, TaskStatus.STOPPED):
        return task.user_action is not UserAction.START
    return False


def wait_for_job(
    client: BatchClient,
    task_id: str,
    *,
    s3: Any = None,
    policy: PollPolicy = PollPolicy(),
    on_update: Optional[Callable[[JobSnapshot], None]] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    give_up_after: float = 900.0,
) -> BatchTask:
    """Poll until the job is DONE or FAILED, or waits for the user (CREATED, ANALYSIS_DONE, STOPPED).

    Network trouble is ridden out for ``give_up_after`` seconds of consecutive failed polls; then the error is
    raised, and the job is still at the service. Cancelling raises WaitCancelledError and leaves the job running.
    With ``s3``, a job that ends DONE while its files cannot be read raises ResultsUnreadableError with the reason:
    its outputs exist somewhere the settings do not reach, which is not a success to report.
    """
    watcher = JobWatcher(client, s3, task_id)
    failing_since: Optional[float] = None
    while True:
        _check_cancelled(is_cancelled)
        try:
            snapshot = watcher.poll()
            failing_since = None
        except TRANSIENT_ERRORS as error:
            failing_since = failing_since or time.monotonic()
            if time.monotonic() - failing_since > give_up_after:
                raise
            log.warning("Polling job %s failed (%s); trying again", task_id, error)
            _sleep_unless_cancelled(policy.processing_min, sleep, is_cancelled)
            continue
        if on_update is not None:
            on_update(snapshot)
        task = snapshot.task
        if task.status is TaskStatus.DONE and snapshot.storage_problem:
            raise ResultsUnreadableError(snapshot.storage_problem)
        if task.status.is_terminal or waiting_on_user(task):
            return task
        delay = policy.next_delay(task)
        if delay is None:
            return task
        _sleep_unless_cancelled(delay, sleep, is_cancelled)


def _check_cancelled(is_cancelled: Callable[[], bool]) -> None:
    if is_cancelled():
        raise WaitCancelledError("Stopped waiting. The job goes on at the service; wait for it again at any time.")


def _sleep_unless_cancelled(seconds: float, sleep: Callable[[float], None], is_cancelled: Callable[[], bool]) -> None:
    deadline = time.monotonic() + seconds
    while True:
        _check_cancelled(is_cancelled)
        left = deadline - time.monotonic()
        if left <= 0:
            return
        sleep(min(0.25, left))


def failed_tiles(execution: Sequence[ExecutionFeature]) -> List[str]:
    return [feature.name for feature in execution if tile_status(feature) is TileStatus.FAILED]


@dataclass
class S3Keys:
    """The keys the service uses to read the tile GeoPackage and write the outputs (from the user's settings)."""

    access_key: str = ""
    secret_key: str = field(default="", repr=False)


def job_manifest(s3: Any, task: BatchTask) -> List[ManifestFeature]:
    """The job's feature manifest from the bucket; InvalidRequestError when it is not there (yet)."""
    if not task.delivery_url:
        raise InvalidRequestError(f"Job {task.id} has no S3 delivery; its tiles cannot be re-run from here.")
    manifest = _manifest_or_none(s3, task)
    if manifest is None:
        raise InvalidRequestError(f"Job {task.id} has no feature manifest yet; tiles can be re-run only after the "
                                  "job was analysed.")
    return manifest


def analysed_manifest(s3: Any, task: BatchTask) -> Optional[List[ManifestFeature]]:
    """The feature manifest of a job the service has analysed, None before that (or without S3 access).

    A manifest that cannot be read for another reason than its absence is an error (``ResultsUnreadableError``),
    not None: the caller would otherwise go on as if the job were not analysed while the bucket settings are wrong.
    """
    if s3 is None or not task.delivery_url or task.status in (TaskStatus.CREATED, TaskStatus.ANALYSING,
                                                               TaskStatus.UNKNOWN):
        return None
    return _manifest_or_none(s3, task)


def _manifest_or_none(s3: Any, task: BatchTask) -> Optional[List[ManifestFeature]]:
    from .s3 import S3Error

    location = feature_manifest_location(task.delivery_url, task.id, request_output_type(task.request))
    try:
        return read_manifest(s3.get_object(location.bucket, location.key).data)
    except S3Error as error:
        if error.not_found:
            return None
        raise ResultsUnreadableError(f"The feature manifest of job {task.id} could not be read from "
                                     f"{location.url} ({error.message}).") from None


def failed_tile_names(s3: Any, task: BatchTask) -> List[str]:
    """The tiles of the job that failed, from its execution database; InvalidRequestError when there are none."""
    from .s3 import S3Error

    execution_location = execution_db_location(task.delivery_url, task.id)
    try:
        execution = read_execution(s3.get_object(execution_location.bucket, execution_location.key).data)
    except S3Error as error:
        raise InvalidRequestError(f"The execution database of job {task.id} could not be read "
                                  f"({error.message}).") from None
    names = failed_tiles(execution)
    if not names:
        raise InvalidRequestError(f"Job {task.id} has no failed tiles to retry.")
    return names


def retry_tiles(
    client: BatchClient,
    s3: Any,
    task: BatchTask,
    tile_names: Optional[Sequence[str]] = None,
    *,
    keys: Optional[S3Keys] = None,
    description: Optional[str] = None,
    manifest: Optional[Sequence[ManifestFeature]] = None,
) -> BatchTask:
    """Re-run chosen tiles of a job (default: its failed ones) the v2 way, and return the new job (created only).

    A GeoPackage with just those tiles (same names, CRS and sizes as in the manifest) is uploaded next to the
    job's files, and a new request reads it as its input and writes to the same paths with ``overwrite``.
    ``manifest``: the job's manifest when the caller read it already (:func:`job_manifest`).
    """
    from .geopackage import features_from_manifest, write_features_geopackage

    status_only = status_only_reason(task)
    if status_only:
        raise InvalidRequestError(f"{status_only} Its tiles cannot be re-run from here.")
    if request_output_type(task.request) == OUTPUT_TYPE_ZARR:
        raise InvalidRequestError(
            f"Job {task.id} writes one Zarr, and a Zarr output fails when its folder already holds files, so its "
            "tiles cannot be re-run into it. Create a new job for those tiles into an empty folder.")
    if manifest is None:
        manifest = job_manifest(s3, task)
    if tile_names is None:
        tile_names = failed_tile_names(s3, task)
    features = features_from_manifest(manifest, tile_names)
    root = delivery_root(task.delivery_url, task.id)
    features_location = root.child(f"reprocess-{uuid.uuid4().hex[:12]}.gpkg")
    s3.put_object(features_location.bucket, features_location.key, write_features_geopackage(features),
                  content_type="application/geopackage+sqlite3")

    body = reprocess_request(task, features_location.url, keys or S3Keys(),
                             description or f"Re-run of {len(features)} tile(s) of {task.id}")
    new_task = client.create(body)
    log.info("Created job %s to re-run %d tile(s) of %s", new_task.id, len(features), task.id)
    return new_task


def reprocess_request(task: BatchTask, features_url: str, keys: S3Keys, description: str) -> Dict[str, Any]:
    """The body of a request that re-runs a GeoPackage of tiles of ``task`` into the same output objects."""
    original = task.request
    if not original.get("processRequest"):
        raise InvalidRequestError(f"The service did not return the request of job {task.id}; cannot re-run it.")
    old_s3 = ((original.get("output") or {}).get("delivery") or {}).get("s3") or {}
    # Pin <requestId> to the original job so the new outputs replace the old objects.
    template = output_template(task.delivery_url).replace("<requestId>", task.id)

    def delivery(url: str) -> Dict[str, Any]:
        s3: Dict[str, Any] = {"url": url}
        if old_s3.get("iamRoleARN"):
            s3["iamRoleARN"] = old_s3["iamRoleARN"]
        elif keys.access_key and keys.secret_key:
            s3["accessKey"], s3["secretAccessKey"] = keys.access_key, keys.secret_key
        else:
            raise InvalidRequestError("S3 access keys are needed to re-run tiles (the service reads the tile list and "
                                      "writes the outputs with them). Add them in the connection settings.")
        if old_s3.get("region"):
            s3["region"] = old_s3["region"]
        return {"s3": s3}

    output = copy.deepcopy(original.get("output") or {"type": "raster"})
    output["delivery"] = delivery(template)
    output["overwrite"] = True
    output["skipExisting"] = False
    body: Dict[str, Any] = {
        "processRequest": copy.deepcopy(original["processRequest"]),
        "input": {"type": "geopackage", "features": delivery(features_url)},
        "output": output,
        "description": description,
    }
    if original.get("instanceType"):
        body["instanceType"] = original["instanceType"]
    return body
