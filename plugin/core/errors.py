"""Exceptions of the core. Every message is meant to be read by a person: what failed, why, what to do."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class SentinelHubBatchError(Exception):
    """Base of every error the core raises on purpose."""


class InvalidRequestError(SentinelHubBatchError, ValueError):
    """The user's input cannot make a valid request; raised before anything is sent."""


class TaskCancelledError(SentinelHubBatchError):
    """The user (or the plugin's unload) cancelled the work; a job already sent goes on at the service."""


class ApiError(SentinelHubBatchError):
    """The service answered with an error. Carries the service's own ``message`` and ``code``."""

    def __init__(
        self,
        status: int,
        message: str,
        code: Optional[str] = None,
        reason: Optional[str] = None,
        errors: Any = None,
        method: str = "",
        url: str = "",
    ):
        self.status = status
        self.message = message
        self.code = code
        self.reason = reason
        self.errors = errors
        self.method = method
        self.url = url
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f" ({self.method} {self.url})" if self.method else ""
        code = f" [{self.code}]" if self.code else ""
        text = f"Sentinel Hub answered {self.status}{code}: {self.message}{where}"
        if self.errors:
            text += f" Details: {self.errors}"
        return text

    @classmethod
    def from_body(cls, status: int, body: Any, method: str = "", url: str = "") -> ApiError:
        """Decode an error body of any of the shapes Sentinel Hub sends; tolerate anything else.

        - wrapped: ``{"error": {"status", "reason", "message", "code", "errors"}}`` (OpenAPI ``RestErrorWrapper``);
        - flat: ``{"status": 429, "reason": ..., "message": ..., "code": "RATE_LIMIT_EXCEEDED"}`` (the rate limiter,
          Overview/RateLimiting.qmd);
        - OAuth2: ``{"error": "invalid_client", "error_description": ...}`` (the token endpoint).
        """
        error: Mapping[str, Any] = {}
        if isinstance(body, Mapping):
            inner = body.get("error")
            if isinstance(inner, Mapping):
                error = inner
            elif isinstance(body.get("error_description"), str):
                error = {"message": body["error_description"], "code": inner}
            elif isinstance(body.get("message"), str) or isinstance(body.get("code"), str):
                error = body
        message = error.get("message") or _default_message(status)
        error_type = _ERROR_TYPES.get(status, ApiError)
        return error_type(
            status=status,
            message=str(message),
            code=error.get("code") if isinstance(error.get("code"), str) else None,
            reason=error.get("reason") if isinstance(error.get("reason"), str) else None,
            errors=error.get("errors"),
            method=method,
            url=url,
        )


class AuthenticationError(ApiError):
    """401: the credentials or the token were refused."""


class PermissionDeniedError(ApiError):
    """403: the account may not do this, or its monthly quota is used up."""


class NotFoundError(ApiError):
    """404: no such request or grid."""


class ConflictError(ApiError):
    """409: the request is in a state that does not allow this action."""


class RateLimitError(ApiError):
    """429 that did not clear within the retry budget."""


class ServiceUnavailableError(ApiError):
    """5xx that did not clear within the retry budget."""


class ConnectionFailedError(SentinelHubBatchError):
    """The service could not be reached (DNS, refused, reset, timeout) within the retry budget."""


def _default_message(status: int) -> str:
    return {
        400: "The request was not accepted.",
        401: "The credentials were refused. Check the client id and secret.",
        403: "The account may not do this (no batch access, or the monthly quota is used up).",
        404: "Not found.",
        409: "The request is in a state that does not allow this action.",
        429: "Too many requests: the account's rate limit was reached.",
    }.get(status, "The service failed to answer; try again later." if status >= 500 else f"HTTP {status}.")


_ERROR_TYPES = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
    500: ServiceUnavailableError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: ServiceUnavailableError,
}
