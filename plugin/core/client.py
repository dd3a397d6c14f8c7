"""The Batch Processing v2 client: the only code that speaks HTTP to Sentinel Hub's batch API."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import requests

from .auth import TokenProvider
from .deployments import Deployment
from .errors import ApiError
from .models import BatchTask, TaskStatus, UserAction
from .network import configure_session
from .retry import RetryPolicy, TransientError, call_with_retries

log = logging.getLogger("sentinelhub_batch")

USER_AGENT = "sentinelhub-batch-qgis/0.1"
SORT_ORDERS = ("created", "created:desc", "status", "status:desc")


class BatchClient:
    """Batch v2 endpoints with token handling, bounded retries and typed errors.

    ``sleep`` is how the client waits between retries; a caller that must stay responsive (the monitor
    worker, a cancellable Processing algorithm) passes one that returns early and raises when cancelled.
    ``on_retry`` is told about every retry (wait seconds, reason), e.g. to show "reconnecting".
    """

    def __init__(
        self,
        deployment: Deployment,
        client_id: str,
        client_secret: str,
        *,
        proxies: Optional[Dict[str, str]] = None,
        proxy_exclusions: Sequence[str] = (),
        verify: Union[bool, str, None] = None,
        retry: Optional[RetryPolicy] = None,
        sleep: Callable[[float], None] = time.sleep,
        on_retry: Optional[Callable[[float, TransientError], None]] = None,
        session: Optional[requests.Session] = None,
    ):
        self.deployment = deployment
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.on_retry = on_retry
        self.tokens = TokenProvider(deployment.token_url, client_id, client_secret, proxies=proxies,
                                    proxy_exclusions=proxy_exclusions, verify=verify, retry=self.retry,
                                    timeout=min(30.0, self.retry.timeout))
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        configure_session(self._session, proxies, proxy_exclusions, verify)
        self._created_at: Dict[str, float] = {}
        self._created_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"BatchClient({self.deployment.base_url!r}, client_id={self.tokens.client_id!r})"

    def close(self) -> None:
        self._session.close()

    # --- requests -------------------------------------------------------------------------------------

    def create(self, request: Mapping[str, Any]) -> BatchTask:
        """POST /process. A dropped connection is retried only after checking the request was not created."""
        started = time.time()
        attempts = 0

        def attempt() -> requests.Response:
            nonlocal attempts
            attempts += 1
            if attempts > 1:
                existing = self._find_created(request, started)
                if existing is not None:
                    return existing
            return self._send_once("POST", self.deployment.batch_url("/process"), json=dict(request))

        result = call_with_retries(attempt, self.retry, what="creating the batch request", sleep=self.sleep,
                                   on_retry=self.on_retry)
        task = result if isinstance(result, BatchTask) else BatchTask(result.json())
        with self._created_lock:
            self._created_at[task.id] = time.monotonic()
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
        """One page of the account's requests and the token of the next page (None on the last one)."""
        if sort is not None and sort not in SORT_ORDERS:
            raise ValueError(f"sort must be one of {', '.join(SORT_ORDERS)}")
        params: Dict[str, Any] = {}
        if search:
            params["search"] = search
        if sort:
            params["sort"] = sort
        if count:
            params["count"] = int(count)
        if viewtoken:
            params["viewtoken"] = viewtoken
        body = self._call("GET", "/process", params=params).json()
        tasks = [BatchTask(item) for item in body.get("data") or [] if isinstance(item, dict)]
        return tasks, _next_token(body) if tasks else None

    def iter_tasks(
        self, *, search: Optional[str] = None, sort: Optional[str] = None, count: Optional[int] = None
    ) -> Iterator[BatchTask]:
        """Every request of the account, following pagination to the end (``count`` is the page size)."""
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
            token = self.tokens.token()
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
        with self._created_lock:
            created = self._created_at.get(task_id)
        return created is not None and time.monotonic() - created < self.retry.not_found_after_create

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
