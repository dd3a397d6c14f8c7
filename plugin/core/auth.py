"""OAuth2 client credentials: one token reused until shortly before it expires.

The grant is one form POST (RFC 6749 §4.4, as the provider documents it: ``grant_type=client_credentials``, the
client id and the client secret) sent through the core's transport rules (:mod:`.transport`), so a loopback token
URL needs no process-wide "insecure transport" switch and a redirect never carries the secret elsewhere.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Dict, Optional

import requests

from .errors import ApiError, AuthenticationError, ConnectionFailedError
from .retry import RetryPolicy, TransientError, call_with_retries
from .transport import CredentialSession, check_url

log = logging.getLogger("sentinelhub_batch")


class TokenProvider:
    """Fetches and caches an access token; refreshes it ``refresh_margin`` seconds before it expires.

    The token endpoint is rate limited, so a token is never fetched while a valid one is cached, and a
    401 from the API leads to exactly one forced refresh (see ``BatchClient``).
    """

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        retry: Optional[RetryPolicy] = None,
        refresh_margin: float = 90.0,
        clock: Callable[[], float] = time.time,
        timeout: float = 30.0,
    ):
        if not client_id or not client_secret:
            raise AuthenticationError(401, "A client id and a client secret are needed. Enter them in the "
                                      "connection settings (they are kept in the QGIS authentication database).")
        self.token_url = check_url(token_url, "token URL")
        self.client_id = client_id
        self._client_secret = client_secret
        self._retry = retry or RetryPolicy()
        self._refresh_margin = refresh_margin
        self._clock = clock
        self._timeout = timeout
        self._lock = threading.Lock()
        self._access_token: Optional[str] = None
        self._expires_at = 0.0
        self.fetch_count = 0

    def __repr__(self) -> str:
        return f"TokenProvider(token_url={self.token_url!r}, client_id={self.client_id!r})"

    def token(self, session: CredentialSession) -> str:
        """The cached token, fetched through ``session`` (the caller's: aborting it cuts a fetch short) if needed."""
        with self._lock:
            if self._access_token is None or self._clock() >= self._expires_at - self._refresh_margin:
                self._fetch(session)
            assert self._access_token is not None
            return self._access_token

    def invalidate(self, token: Optional[str] = None) -> None:
        """Forget the cached token (only if it is still ``token``, so parallel callers refresh once)."""
        with self._lock:
            if token is None or token == self._access_token:
                self._access_token = None

    def _fetch(self, session: CredentialSession) -> None:
        def attempt() -> Dict[str, Any]:
            return self._fetch_once(session)

        token = call_with_retries(attempt, self._retry, what=f"the token request to {self.token_url}")
        self._access_token = str(token["access_token"])
        expires_in = float(token.get("expires_in") or 3600)
        self._expires_at = self._clock() + expires_in
        self.fetch_count += 1
        log.debug("Fetched an access token for client %s, valid %.0f s", self.client_id, expires_in)

    def _fetch_once(self, session: CredentialSession) -> Dict[str, Any]:
        form = {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self._client_secret}
        try:
            response = session.post(self.token_url, data=form, timeout=self._timeout, purpose="token service",
                                    headers={"Accept": "application/json"})
        except (requests.ConnectionError, requests.Timeout) as error:
            raise TransientError(None, f"could not reach {self.token_url}: {type(error).__name__}") from None
        with response:
            _raise_for_token_error(response)
            try:
                token = response.json()
            except ValueError:
                token = None
        if not isinstance(token, dict) or not token.get("access_token"):
            raise AuthenticationError(
                401, "The token service answered without an access token. Check the token URL of the deployment.",
                code="OAUTH_ERROR", method="POST", url=self.token_url,
            )
        return token


def _raise_for_token_error(response: requests.Response) -> requests.Response:
    """Turn a failed token answer into our errors."""
    status = response.status_code
    if status == 200:
        return response
    if status == 429 or status >= 500:
        raise TransientError(response, f"the token service answered {status}")
    try:
        body = response.json()
    except ValueError:
        body = None
    if status in (400, 401):
        description = ""
        if isinstance(body, dict):
            description = str(body.get("error_description") or body.get("error") or "")
        raise AuthenticationError(
            401, "The token service refused the client id or secret"
            + (f" ({description})" if description else "") + ". Check them in the connection settings.",
            code="OAUTH_ERROR", method="POST", url=response.url,
        )
    raise ApiError.from_body(status, body, "POST", response.url)


__all__ = ["ConnectionFailedError", "TokenProvider"]
