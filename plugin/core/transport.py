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

import contextlib
import ipaddress
import socket
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .errors import InvalidRequestError, SentinelHubBatchError, TaskCancelledError


@dataclass(frozen=True)
class NetworkOptions:
    """How the clients reach the network: the QGIS shell fills this in from QGIS's own network settings, so the
    plugin's requests use the proxy QGIS uses, skip it for the URLs QGIS excludes, and trust the CAs of the QGIS
    authentication database (a corporate TLS-inspecting proxy, a private S3 endpoint)."""

    proxies: Mapping[str, str] = field(default_factory=dict)
    """A requests ``proxies`` mapping (``{"http": url, "https": url}``); empty for none."""
    proxy_exclusions: Tuple[str, ...] = ()
    """URL prefixes reached without the proxy (QGIS compares the start of the URL, as here)."""
    ca_bundle: Optional[str] = None
    """A PEM file of the CA certificates to trust instead of requests' default; None for the default."""


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


class RequestAbortedError(TaskCancelledError):
    """The session was aborted (the user cancelled, the plugin unloads); the request did not complete."""


class _OpenConnections:
    """Weak references to the connections a session opened (urllib3 owns, pools and reuses them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()
        self._shut = False

    def add(self, connection: Any) -> Any:
        with self._lock:
            self._connections.add(connection)
        return connection

    def connected(self, connection: Any) -> None:
        """A connection that finished connecting after :meth:`shut_down` is shut down at once (no read may block)."""
        with self._lock:
            shut = self._shut
        if shut:
            _shut_socket(connection)

    def shut_down(self) -> None:
        """Shut every socket down: a thread blocked reading from one returns at once with an error."""
        with self._lock:
            self._shut = True
            connections = list(self._connections)
        for connection in connections:
            _shut_socket(connection)


def _shut_socket(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _pool_class(base: Any, connections: _OpenConnections) -> type:
    class TrackedConnection(base.ConnectionCls):  # type: ignore[misc, name-defined]
        def connect(self) -> None:
            super().connect()
            connections.connected(self)

    class TrackedPool(base):  # type: ignore[misc, valid-type]
        ConnectionCls = TrackedConnection

        def _new_conn(self) -> Any:
            return connections.add(super()._new_conn())

    return TrackedPool


class _SessionAdapter(HTTPAdapter):
    """Tracks the connections it opens (for :meth:`CredentialSession.abort`) and applies the network options on every
    request: requests itself lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's ``verify`` and has no way
    to exempt URLs from a proxy set on the session."""

    def __init__(self, connections: _OpenConnections, network: NetworkOptions) -> None:
        self._connections = connections
        self._excluded_prefixes = tuple(prefix for prefix in network.proxy_exclusions if prefix.strip()) \
            if network.proxies else ()
        self._ca_bundle = network.ca_bundle
        super().__init__()

    def _tracked(self, manager: Any) -> Any:
        manager.pool_classes_by_scheme = {"http": _pool_class(HTTPConnectionPool, self._connections),
                                          "https": _pool_class(HTTPSConnectionPool, self._connections)}
        return manager

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._tracked(self.poolmanager)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        return self._tracked(super().proxy_manager_for(*args, **kwargs))

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if self._excluded_prefixes and request.url and request.url.startswith(self._excluded_prefixes):
            kwargs["proxies"] = {}
        if self._ca_bundle is not None:
            kwargs["verify"] = self._ca_bundle
        return super().send(request, **kwargs)


class CredentialSession(requests.Session):
    """A requests session that applies the rules of this module to every request it sends.

    :meth:`abort` (from any thread) ends it: a request in flight fails at once — even one blocked reading from a
    server that accepted the connection and never answers — and later requests are refused, with
    RequestAbortedError, which the core's retries let through.
    """

    def __init__(self, what: str = "Sentinel Hub API", network: Optional[NetworkOptions] = None):
        super().__init__()
        network = network or NetworkOptions()
        self.what = what
        self.auth = _no_netrc
        self.proxies.update(dict(network.proxies))
        if network.ca_bundle is not None:
            self.verify = network.ca_bundle
        self._connections = _OpenConnections()
        adapter = _SessionAdapter(self._connections, network)
        self.mount("http://", adapter)
        self.mount("https://", adapter)
        self._aborted = threading.Event()
        self._abort_message = ""

    @property
    def aborted(self) -> bool:
        return self._aborted.is_set()

    def abort(self, message: str = "") -> None:
        self._abort_message = message or self._abort_message
        self._aborted.set()
        self._connections.shut_down()

    def request(self, method: str, url: Union[str, bytes], *args: Any, purpose: str = "",
                **kwargs: Any) -> requests.Response:
        """``purpose`` names the server in messages (default: the session's ``what``)."""
        what = purpose or self.what
        text = url.decode() if isinstance(url, bytes) else str(url)
        self._raise_if_aborted()
        check_url(text, what)
        kwargs["allow_redirects"] = False
        try:
            response = super().request(method, text, *args, **kwargs)
        except requests.RequestException:
            self._raise_if_aborted()
            raise
        if self.aborted:
            response.close()
            self._raise_if_aborted()
        if response.is_redirect:
            location = response.headers.get("Location", "")
            response.close()
            raise RedirectRefusedError(what, text, response.status_code, location)
        return response

    def _raise_if_aborted(self) -> None:
        if self.aborted:
            raise RequestAbortedError(self._abort_message or "Cancelled; the request was not completed.")


def _no_netrc(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """Session auth that leaves the request as built: without it, requests would replace the Authorization header
    the clients set with credentials from a ``~/.netrc`` entry for the same host."""
    return request


def new_session(what: str = "Sentinel Hub API", network: Optional[NetworkOptions] = None) -> CredentialSession:
    """The session every core client uses (``what`` names the server in error messages, e.g. "S3 service")."""
    return CredentialSession(what, network)


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
