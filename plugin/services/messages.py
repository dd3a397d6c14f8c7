"""The one text a user reads about a failure: what failed, why, what to do. Never a traceback.

The docks, the dialogs and the Processing algorithms all use :func:`describe_failure`; details go to the log.
"""

from __future__ import annotations

from ..core.errors import (
    ApiError,
    AuthenticationError,
    ConnectionFailedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SentinelHubBatchError,
    ServiceUnavailableError,
)
from .i18n import tr


def describe_failure(error: BaseException, what: str = "", base_url: str = "") -> str:
    """``"<what> failed: <why>. <what to do>"``, or only the why when ``what`` is empty.

    ``base_url`` names the service that could not be reached or answered 'not found'.
    """
    reason = _reason(error, base_url or tr("the service"))
    return tr("{what} failed: {reason}").format(what=what, reason=reason) if what else reason


def _reason(error: BaseException, where: str) -> str:
    if isinstance(error, AuthenticationError):
        return tr("Sentinel Hub refused the client id or secret (a wrong or expired secret, or a deleted OAuth "
                  "client). Check the credentials in the connection settings.")
    if isinstance(error, ApiError):
        refused = tr("Sentinel Hub refused it{code}: {message}").format(
            code=f" [{error.code}]" if error.code else f" ({error.status})", message=error.message.rstrip("."))
        if isinstance(error, PermissionDeniedError):
            return refused + tr(". The credentials work, but this account may not do this: Batch Processing needs "
                                "an account with batch access; check the plan or the deployment.")
        if isinstance(error, NotFoundError):
            return refused + tr(". Check the job id, the deployment and the base URL ({where}).").format(where=where)
        if isinstance(error, (RateLimitError, ServiceUnavailableError)):
            return refused + tr(". The service is busy or unavailable; try again in a few minutes.")
        return refused + "."
    if isinstance(error, ConnectionFailedError):
        return tr("{where} could not be reached (no answer). Check the URL, the network and the proxy settings of "
                  "QGIS, then try again.").format(where=where)
    if isinstance(error, (SentinelHubBatchError, ValueError)):
        return str(error)
    return tr("Unexpected error ({kind}: {error}); details are in the message log (Sentinel Hub Batch).").format(
        kind=type(error).__name__, error=error)
