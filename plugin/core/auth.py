"""OAuth2 client credentials: one token reused until shortly before it expires."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from typing import Any, Callable, Dict, Iterator, Optional, Sequence, Union

import requests

from .deployments import check_url, is_loopback_url
from .errors import ApiError, AuthenticationError, ConnectionFailedError
from .network import configure_session
from .retry import RetryPolicy, TransientError, call_with_retries

log = logging.getLogger("sentinelhub_batch")

_INSECURE_TRANSPORT_LOCK = threading.Lock()


@contextlib.contextmanager
def _plain_http_allowed_for(url: str) -> Iterator[None]:
    """oauthlib refuses http:// token URLs; allow it for loopback hosts only, for the duration of one call."""
    if not url.startswith("http://") or not is_loopback_url(url):
        yield
        return
    with _INSECURE_TRANSPORT_LOCK:
        previous = os.environ.get("OAUTHLIB_INSECURE_TRANSPORT")
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("OAUTHLIB_INSECURE_TRANSPORT", None)
            else:
                os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = previous


def _import_oauth2_session() -> Any:
    try:
        from requests_oauthlib import OAuth2Session
    except ImportError:
        from ..vendor import ensure_vendored_path

        ensure_vendored_path()
        from requests_oauthlib import OAuth2Session
    return OAuth2Session


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
        proxies: Optional[Dict[str, str]] = None,
        proxy_exclusions: Sequence[str] = (),
        verify: Union[bool, str, None] = None,
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
        self._proxies = dict(proxies or {})
        self._proxy_exclusions = tuple(proxy_exclusions)
        self._verify = verify
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

    def token(self) -> str:
        with self._lock:
            if self._access_token is None or self._clock() >= self._expires_at - self._refresh_margin:
                self._fetch()
            assert self._access_token is not None
            return self._access_token

    def invalidate(self, token: Optional[str] = None) -> None:
        """Forget the cached token (only if it is still ``token``, so parallel callers refresh once)."""
        with self._lock:
            if token is None or token == self._access_token:
                self._access_token = None

    def _fetch(self) -> None:
        def attempt() -> Dict[str, Any]:
            return self._fetch_once()

        token = call_with_retries(attempt, self._retry, what=f"the token request to {self.token_url}")
        self._access_token = str(token["access_token"])
        expires_in = float(token.get("expires_in") or 3600)
        self._expires_at = self._clock() + expires_in
        self.fetch_count += 1
        log.debug("Fetched an access token for client %s, valid %.0f s", self.client_id, expires_in)

    def _fetch_once(self) -> Dict[str, Any]:
        oauth_session_class = _import_oauth2_session()  # first: it makes the bundled oauthlib importable
        from oauthlib.oauth2 import BackendApplicationClient
        from oauthlib.oauth2.rfc6749.errors import OAuth2Error

        session = oauth_session_class(client=BackendApplicationClient(client_id=self.client_id))
        configure_session(session, self._proxies, self._proxy_exclusions, self._verify)
        session.register_compliance_hook("access_token_response", _raise_for_token_error)
        try:
            with _plain_http_allowed_for(self.token_url):
                return dict(session.fetch_token(
                    token_url=self.token_url,
                    client_id=self.client_id,
                    client_secret=self._client_secret,
                    include_client_id=True,
                    timeout=self._timeout,
                ))
        except (requests.ConnectionError, requests.Timeout) as error:
            raise TransientError(None, f"could not reach {self.token_url}: {type(error).__name__}") from None
        except OAuth2Error as error:
            raise AuthenticationError(
                401, f"The token service refused the credentials: {error.description or error.error}. "
                "Check the client id and secret.", code="OAUTH_ERROR", method="POST", url=self.token_url,
            ) from None
        finally:
            session.close()


def _raise_for_token_error(response: requests.Response) -> requests.Response:
    """Turn a failed token answer into our errors before oauthlib tries to parse it."""
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
