"""Bounded retries: 429 waits for Retry-After, 5xx and dropped connections back off exponentially."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar

from .errors import ApiError, ConnectionFailedError, RateLimitError, ServiceUnavailableError

log = logging.getLogger("sentinelhub_batch")

T = TypeVar("T")

RETRY_AFTER_UNIT_SECONDS = 0.001
"""Sentinel Hub sends ``Retry-After`` in milliseconds (e.g. ``3398`` = 3.4 s), unlike the HTTP standard."""


@dataclass(frozen=True)
class RetryPolicy:
    rate_limit_retries: int = 10
    rate_limit_total_wait: float = 300.0
    """Give up on a call whose 429 waits would add up to more than this many seconds."""
    server_error_retries: int = 5
    backoff_initial: float = 1.0
    backoff_factor: float = 2.0
    backoff_max: float = 30.0
    not_found_after_create: float = 120.0
    """A request may 404 for a while right after it was created (eventual consistency): 404s on a request created
    less than this many seconds ago are retried (see ``client.RecentlyCreatedJobs``)."""
    timeout: float = 60.0


class TransientError(Exception):
    """A failure worth another try: 429, 5xx, a dropped connection, or a 404 just after create."""

    def __init__(self, response: Any, detail: str):
        super().__init__(detail)
        self.response = response
        self.detail = detail

    @property
    def status(self) -> Optional[int]:
        return None if self.response is None else int(self.response.status_code)

    def retry_after(self) -> Optional[float]:
        if self.response is None:
            return None
        value = self.response.headers.get("Retry-After")
        try:
            return max(0.0, float(value) * RETRY_AFTER_UNIT_SECONDS)
        except (TypeError, ValueError):
            return None

    def final_error(self, what: str, tries: int) -> Exception:
        if self.response is None:
            return ConnectionFailedError(
                f"Could not reach {what} after {tries} tries ({self.detail}). Check the network connection and the "
                "proxy settings of QGIS, then try again."
            )
        try:
            body = self.response.json()
        except ValueError:
            body = None
        error = ApiError.from_body(self.status or 0, body, self.response.request.method if self.response.request
                                   else "", self.response.url)
        if isinstance(error, (RateLimitError, ServiceUnavailableError)) or self.status == 404:
            error.message = f"{error.message} (still failing after {tries} tries; try again later)"
            error.args = (error.describe(),)
        return error


def backoff_delay(policy: RetryPolicy, failures: int) -> float:
    delay = min(policy.backoff_max, policy.backoff_initial * policy.backoff_factor ** max(0, failures - 1))
    return delay * random.uniform(0.8, 1.0)


def call_with_retries(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    *,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Optional[Callable[[float, TransientError], None]] = None,
) -> T:
    """Run ``attempt`` until it returns, retrying ``TransientError`` within the policy's bounds."""
    rate_limited = 0
    rate_limit_waited = 0.0
    failures = 0
    tries = 0
    while True:
        tries += 1
        try:
            return attempt()
        except TransientError as error:
            if error.status == 429:
                rate_limited += 1
                wait = error.retry_after()
                if wait is None:
                    wait = backoff_delay(policy, rate_limited)
                if rate_limited > policy.rate_limit_retries or rate_limit_waited + wait > policy.rate_limit_total_wait:
                    raise error.final_error(what, tries) from None
                rate_limit_waited += wait
            else:
                failures += 1
                if failures > policy.server_error_retries:
                    raise error.final_error(what, tries) from None
                wait = backoff_delay(policy, failures)
            log.info("Retrying %s in %s: %s", what, format_wait(wait), error.detail)
            if on_retry is not None:
                on_retry(wait, error)
            sleep(wait)


def format_wait(seconds: float) -> str:
    """A wait as people read it: ``450 ms`` below a second, ``3.4 s`` below ten, ``12 s`` above."""
    if seconds < 1.0:
        return f"{max(0, round(seconds * 1000))} ms"
    if seconds < 10.0:
        return f"{seconds:.1f} s"
    return f"{seconds:.0f} s"
