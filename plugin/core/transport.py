"""The transport rules, in one place, for every request that carries a credential.

Requests to the token endpoint (client secret), the batch and Process APIs (bearer token) and S3 (signed with the
secret key, and carrying the user's results) obey the same three rules:

1. **https only**; plain http is accepted for loopback hosts alone (the local stack on this machine);
2. **redirects are never followed**: a redirect would re-send the secret, the token or a request body with S3 keys
   to wherever the answer points (requests re-posts the body on 307/308), so a 3xx answer is an error that names
   the new address instead;
3. **no process-wide switches**: nothing here changes environment variables or global library state that other
   code in the same QGIS would inherit.

Every HTTP session of the core comes from :func:`new_session`, and every URL the user can type passes
:func:`check_url` when it is configured (settings dialog, environment, Processing) and again before each request.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Mapping, Optional, Union
from urllib.parse import urlsplit

import requests

from .errors import InvalidRequestError, SentinelHubBatchError

#: What ``verify`` may be: True (the CA bundle requests ships), or the path of a PEM bundle.
Verify = Union[bool, str]


class InsecureTransportError(InvalidRequestError):
    """A URL would send credentials in clear (plain http to another machine) or is not a web address at all."""


class RedirectRefusedError(SentinelHubBatchError):
    """The server answered with a redirect, which is not followed with credentials."""

    def __init__(self, what: str, url: str, status: int, location: str):
        self.url = url
        self.status = status
        self.location = location
        target = f" to {location}" if location else ""
        super().__init__(
            f"The {what} at {_without_query(url)} answered with a redirect{target} (HTTP {status}). Redirects are "
            "not followed, because they would send the credentials on. If the new address is right, enter it in "
            "the connection settings."
        )


def is_loopback_url(url: str) -> bool:
    """True for http(s) URLs on this machine (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(str(url).strip()).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: Any, what: str) -> str:
    """The URL without a trailing slash if it may carry credentials; InsecureTransportError otherwise."""
    text = str(url or "").strip()
    parsed = urlsplit(text)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InsecureTransportError(
            f"The {what} '{text}' is not a web address. Enter a URL such as https://host/path."
        )
    if parsed.scheme == "http" and not is_loopback_url(text):
        raise InsecureTransportError(
            f"The {what} '{text}' uses plain http. Credentials and results may only travel over https (plain http "
            "is accepted only for a server on this machine); use an https:// address."
        )
    return text.rstrip("/")


class CredentialSession(requests.Session):
    """A requests session that applies the rules of this module to every request it sends."""

    def __init__(self, what: str, proxies: Optional[Mapping[str, str]] = None, verify: Verify = True):
        super().__init__()
        self.what = what
        self.auth = _no_netrc
        if proxies:
            self.proxies.update(proxies)
        self.verify = verify

    def request(self, method: str, url: Union[str, bytes], *args: Any, **kwargs: Any) -> requests.Response:
        text = url.decode() if isinstance(url, bytes) else str(url)
        check_url(text, self.what)
        kwargs["allow_redirects"] = False
        response = super().request(method, text, *args, **kwargs)
        if response.is_redirect:
            location = response.headers.get("Location", "")
            response.close()
            raise RedirectRefusedError(self.what, text, response.status_code, location)
        return response


def _no_netrc(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """Session auth that leaves the request as built: without it, requests would replace the Authorization header
    the clients set with credentials from a ``~/.netrc`` entry for the same host."""
    return request


def new_session(what: str, proxies: Optional[Mapping[str, str]] = None, verify: Verify = True) -> CredentialSession:
    """The session every core client uses for ``what`` (named in error messages, e.g. "token service")."""
    return CredentialSession(what, proxies, verify)


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
