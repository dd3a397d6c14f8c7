"""The Batch Processing v2 client: the only code that speaks HTTP to Sentinel Hub's batch API."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple, Union

import requests

from .auth import TokenProvider
from .batch_assumptions import SEARCHED_TASK_FIELDS
from .deployments import Deployment
from .errors import ApiError
from .models import BatchTask, TaskStatus, UserAction
from .retry import RetryPolicy, TransientError, call_with_retries
from .transport import NetworkOptions, new_session

log = logging.getLogger("sentinelhub_batch")

USER_AGENT = "sentinelhub-batch-qgis/0.1"
SORT_ORDERS = ("created", "created:desc", "status", "status:desc")


class RecentlyCreatedJobs:
    """Batch requests created in the last minutes, known to every client of the process (and, with a state file,
    to later processes: ``create_job`` and ``start_job`` may run as two ``qgis_process`` calls).

    The service may answer 404 for a request for a while right after creating it; whoever acts on such a request
    next retries those 404s. The knowledge belongs to the job, not to the client object that created it.
    """

    def __init__(self, path: Union[str, Path, None] = None, keep_seconds: float = 600.0,
                 clock: Callable[[], float] = time.time):
        self._lock = threading.Lock()
        self._created: Dict[str, float] = {}
        self._path = Path(path) if path else None
        self._keep_seconds = keep_seconds
        self._clock = clock

    def use_file(self, path: Union[str, Path, None]) -> None:
        """Share the registry with other processes through ``path`` (a small JSON file; None: this process only)."""
        with self._lock:
            self._path = Path(path) if path else None

    def add(self, base_url: str, task_id: str) -> None:
        with self._lock:
            entries = self._read_locked()
            entries[_job_key(base_url, task_id)] = self._clock()
            self._write_locked(entries)

    def seconds_since_created(self, base_url: str, task_id: str) -> Optional[float]:
        """Seconds since this process (or one sharing the file) created the request; None when it did not."""
        with self._lock:
            created = self._read_locked().get(_job_key(base_url, task_id))
        return None if created is None else max(0.0, self._clock() - created)

    def _read_locked(self) -> Dict[str, float]:
        entries = dict(self._created)
        if self._path is not None:
            try:
                stored = json.loads(self._path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if isinstance(stored, dict):
                for key, value in stored.items():
                    if isinstance(value, (int, float)):
                        entries[str(key)] = max(float(value), entries.get(str(key), 0.0))
        oldest = self._clock() - self._keep_seconds
        return {key: value for key, value in entries.items() if value >= oldest}

    def _write_locked(self, entries: Dict[str, float]) -> None:
        self._created = entries
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            partial = self._path.with_name(f"{self._path.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps(entries), encoding="utf-8")
            partial.replace(self._path)
        except OSError as error:
            log.warning("Could not record the new batch request in %s: %s", self._path, error)


def _job_key(base_url: str, task_id: str) -> str:
    return f"{base_url.rstrip('/')} {task_id}"


RECENTLY_CREATED = RecentlyCreatedJobs()
"""The registry every BatchClient of this process shares; the QGIS side points it at a file in the profile."""


class BatchClient:
    """Batch v2 endpoints with token handling, bounded retries and typed errors.

    ``sleep`` is how the client waits between retries; a caller that must stay responsive (the monitor
    worker, a cancellable Processing algorithm) passes one that returns early and raises when cancelled.
    ``on_retry`` is told about every retry (wait seconds, reason), e.g. to show "reconnecting".
    ``token_provider`` shares one token between clients of the same credentials (the token endpoint is rate
    limited); without it the client fetches its own.
    """

    def __init__(
        self,
        deployment: Deployment,
        client_id: str,
        client_secret: str,
        *,
        network: Optional[NetworkOptions] = None,
        retry: Optional[RetryPolicy] = None,
        sleep: Callable[[float], None] = time.sleep,
        on_retry: Optional[Callable[[float, TransientError], None]] = None,
        recently_created: Optional[RecentlyCreatedJobs] = None,
        token_provider: Optional[TokenProvider] = None,
    ):
        self.deployment = deployment
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.on_retry = on_retry
        self.tokens = token_provider or TokenProvider(deployment.token_url, client_id, client_secret,
                                                      retry=self.retry, timeout=min(30.0, self.retry.timeout))
        self._session = new_session("Sentinel Hub API", network)
        self._session.headers["User-Agent"] = USER_AGENT
        self.recently_created = recently_created or RECENTLY_CREATED

    def __repr__(self) -> str:
        return f"BatchClient({self.deployment.base_url!r}, client_id={self.tokens.client_id!r})"

    def close(self) -> None:
        self._session.close()

    def access_token(self) -> str:
        """The current access token (fetched or refreshed when needed)."""
        return self.tokens.token(self._session)

    def abort(self, message: str = "") -> None:
        """End the client from any thread: a request in flight (the token's too) fails at once, later ones too."""
        self._session.abort(message)

    def __enter__(self) -> BatchClient:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # --- requests -------------------------------------------------------------------------------------

    def create(self, request: Mapping[str, Any]) -> BatchTask:
        """POST /process. After a lost answer the request may exist anyway: look for it before posting again.

        An answer that says the service did not take the request (429 or 503) needs no such look-up.
        """
        started = time.time()
        answer_lost = False

        def attempt() -> Union[requests.Response, BatchTask]:
            nonlocal answer_lost
            if answer_lost:
                existing = self._find_created(request, started)
                if existing is not None:
                    return existing
            try:
                return self._send_once("POST", self.deployment.batch_url("/process"), json=dict(request))
            except TransientError as error:
                answer_lost = error.status not in _NOT_TAKEN_STATUSES
                raise

        result = call_with_retries(attempt, self.retry, what="creating the batch request", sleep=self.sleep,
                                   on_retry=self.on_retry)
        task = result if isinstance(result, BatchTask) else BatchTask(result.json())
        self.recently_created.add(self.deployment.base_url, task.id)
        log.info("Created batch request %s", task.id)
        return task

    def get(self, task_id: str) -> BatchTask:
        response = self._call("GET", f"/process/{_checked_id(task_id)}", task_id=task_id)
        return BatchTask(response.json())

    def list_page(
        self,
        *,
        search: Optional[str] = None,
        sort: Optional[str] = None,
        count: Optional[int] = None,
        viewtoken: Optional[str] = None,
    ) -> Tuple[List[BatchTask], Optional[str]]:
        """One page of the account's requests and the token of the next page (None on the last one).

        ``search`` goes to the service where it takes one (CDSE); elsewhere the page is filtered here with the same
        syntax, so a page may hold fewer than ``count`` requests (even none) and still have a next page.
        """
        if sort is not None and sort not in SORT_ORDERS:
            raise ValueError(f"sort must be one of {', '.join(SORT_ORDERS)}")
        search = (search or "").strip()
        searched_by_service = bool(search) and self.deployment.capabilities.list_search
        params: Dict[str, Any] = {}
        if searched_by_service:
            params["search"] = search
        if sort:
            params["sort"] = sort
        if count:
            params["count"] = int(count)
        if viewtoken:
            params["viewtoken"] = viewtoken
        body = self._call("GET", "/process", params=params).json()
        tasks = [BatchTask(item) for item in body.get("data") or [] if isinstance(item, dict)]
        next_token = _next_token(body) if tasks else None
        if search and not searched_by_service:
            tasks = [task for task in tasks if task_matches_search(task, search)]
        return tasks, next_token

    def iter_tasks(
        self, *, search: Optional[str] = None, sort: Optional[str] = None, count: Optional[int] = None
    ) -> Iterator[BatchTask]:
        """Every request of the account (matching ``search``), following pagination to the end (``count`` is the
        page size)."""
        seen_tokens = set()
        token: Optional[str] = None
        while True:
            tasks, token = self.list_page(search=search, sort=sort, count=count, viewtoken=token)
            yield from tasks
            if not token or token in seen_tokens:
                return
            seen_tokens.add(token)

    def latest(self) -> Optional[BatchTask]:
        tasks, _ = self.list_page(sort="created:desc", count=1)
        return tasks[0] if tasks else None

    def update_description(self, task_id: str, description: str) -> None:
        self._call("PUT", f"/process/{_checked_id(task_id)}", json={"description": description}, task_id=task_id)

    def analyse(self, task_id: str) -> None:
        self._action(task_id, "analyse", UserAction.ANALYSE)

    def start(self, task_id: str) -> None:
        self._action(task_id, "start", UserAction.START)

    def stop(self, task_id: str) -> None:
        self._action(task_id, "stop", UserAction.STOP)

    # --- tiling grids ---------------------------------------------------------------------------------

    def tiling_grids(self) -> List[Any]:
        from .grids import TilingGrid

        grids: List[Any] = []
        token: Optional[str] = None
        while True:
            params = {"viewtoken": token} if token else None
            body = self._call("GET", "/tilinggrids", params=params).json()
            items = [TilingGrid.from_api(item) for item in body.get("data") or [] if isinstance(item, dict)]
            grids.extend(items)
            next_token = _next_token(body)
            if not items or not next_token or next_token == token:
                return grids
            token = next_token

    def tiling_grid(self, grid_id: int) -> Any:
        from .grids import TilingGrid

        return TilingGrid.from_api(self._call("GET", f"/tilinggrids/{int(grid_id)}").json())

    def post_raw(self, url: str, json: Any, headers: Optional[Mapping[str, str]] = None) -> requests.Response:
        """POST to another endpoint of the deployment (the Process API) with this client's token, retries, errors."""
        return call_with_retries(lambda: self._send_once("POST", url, json=json, headers=headers),
                                 self.retry, what=f"POST {url}", sleep=self.sleep, on_retry=self.on_retry)

    # --- plumbing -------------------------------------------------------------------------------------

    def _action(self, task_id: str, name: str, action: UserAction) -> None:
        """POST an action. If a retried call is refused, the first try may have landed: check before failing."""
        retried = False

        def note_retry(wait: float, error: TransientError) -> None:
            nonlocal retried
            retried = True
            if self.on_retry is not None:
                self.on_retry(wait, error)

        try:
            self._call("POST", f"/process/{_checked_id(task_id)}/{name}", task_id=task_id, on_retry=note_retry)
        except ApiError as error:
            if not retried or error.status not in (400, 409):
                raise
            task = self.get(task_id)
            if task.user_action is not action and not _action_visible(task, action):
                raise

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Optional[Mapping[str, Any]] = None,
        task_id: Optional[str] = None,
        on_retry: Optional[Callable[[float, TransientError], None]] = None,
    ) -> requests.Response:
        url = self.deployment.batch_url(path)
        return call_with_retries(
            lambda: self._send_once(method, url, json=json, params=params, task_id=task_id),
            self.retry, what=f"{method} {url}", sleep=self.sleep, on_retry=on_retry or self.on_retry,
        )

    def _send_once(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        params: Optional[Mapping[str, Any]] = None,
        task_id: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> requests.Response:
        """One HTTP exchange (plus one token refresh on 401). Raises TransientError for what may pass."""
        for refreshed in (False, True):
            token = self.access_token()
            try:
                response = self._session.request(
                    method, url, json=json, params=params, timeout=self.retry.timeout,
                    headers={"Accept": "application/json", **(headers or {}), "Authorization": f"Bearer {token}"},
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                raise TransientError(None, f"{type(error).__name__} on {method} {url}") from None
            status = response.status_code
            if status == 401 and not refreshed:
                log.info("The access token was refused; fetching a new one")
                self.tokens.invalidate(token)
                continue
            if status == 429 or status >= 500:
                raise TransientError(response, f"HTTP {status} on {method} {url}")
            if status == 404 and task_id and self._just_created(task_id):
                raise TransientError(response, f"request {task_id} not visible yet (HTTP 404 right after create)")
            if status >= 400:
                raise ApiError.from_body(status, _json_or_none(response), method, url)
            return response
        raise AssertionError("unreachable")

    def _just_created(self, task_id: str) -> bool:
        age = self.recently_created.seconds_since_created(self.deployment.base_url, task_id)
        return age is not None and age < self.retry.not_found_after_create

    def _find_created(self, request: Mapping[str, Any], since: float) -> Optional[BatchTask]:
        """After a dropped create, the request may exist anyway: look for it among the newest ones."""
        try:
            tasks, _ = self.list_page(sort="created:desc", count=10)
        except (ApiError, TransientError):
            return None
        for task in tasks:
            created = task.created
            if created is not None and created.timestamp() < since - 120:
                continue
            if _same_request(task.request, request):
                log.info("The dropped create had landed: found request %s", task.id)
                return task
        return None


_NOT_TAKEN_STATUSES = (429, 503)
"""Answers after which the service certainly did not create the request (rate limited, unavailable)."""


def task_matches_search(task: BatchTask, query: str) -> bool:
    """The ``search`` of ``GET /process`` done locally: "a single word to search for or multiple words separated by
    the ``|`` (or) and ``&`` (and) operators" (CDSE OpenAPI ``SearchBeanSearch``). Fields searched and precedence:
    batch_assumptions 4."""
    text = " ".join(str(getattr(task, name, "") or "") for name in SEARCHED_TASK_FIELDS).lower()
    alternatives = [part for part in query.lower().split("|") if part.strip()]
    return any(all(word.strip() in text for word in alternative.split("&") if word.strip())
               for alternative in alternatives)


def _same_request(sent_back: Mapping[str, Any], sent: Mapping[str, Any]) -> bool:
    def identity(request: Mapping[str, Any]) -> Tuple[Any, ...]:
        process = request.get("processRequest") or {}
        delivery = ((request.get("output") or {}).get("delivery") or {}).get("s3") or {}
        return (request.get("description"), process.get("evalscript"), request.get("input"), delivery.get("url"),
                (process.get("input") or {}).get("bounds"))

    return bool(sent_back) and identity(sent_back) == identity(sent)


def _action_visible(task: BatchTask, action: UserAction) -> bool:
    status = task.status
    if action is UserAction.STOP:
        return status in (TaskStatus.STOPPED, TaskStatus.DONE, TaskStatus.FAILED)
    if action is UserAction.START:
        return status in (TaskStatus.PROCESSING, TaskStatus.DONE)
    return status in (TaskStatus.ANALYSING, TaskStatus.ANALYSIS_DONE)


def _next_token(body: Mapping[str, Any]) -> Optional[str]:
    links = body.get("links") or {}
    token = links.get("nextToken") if isinstance(links, dict) else None
    if token:
        return str(token)
    next_url = links.get("next") if isinstance(links, dict) else None
    if next_url:
        from urllib.parse import parse_qs, urlparse

        values = parse_qs(urlparse(str(next_url)).query).get("viewtoken")
        return values[0] if values else None
    return None


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _checked_id(task_id: str) -> str:
    text = str(task_id or "").strip()
    if not text or "/" in text or "?" in text:
        raise ValueError(f"'{task_id}' is not a batch request id (a UUID such as 0b7d8f44-…).")
    return text
