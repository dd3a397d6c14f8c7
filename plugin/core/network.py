"""How the core's HTTP sessions reach the network: a proxy, the URLs that bypass it, the CA certificates to trust.

The QGIS shell fills these in from QGIS's own network settings (``gui/connection.py``), so the plugin's requests go
through the proxy QGIS uses, skip it for the URLs QGIS excludes, and trust the CAs of the QGIS authentication
database (a corporate TLS-inspecting proxy, a private S3 endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

import requests
from requests.adapters import HTTPAdapter


@dataclass(frozen=True)
class NetworkOptions:
    proxies: Mapping[str, str] = field(default_factory=dict)
    """A requests ``proxies`` mapping (``{"http": url, "https": url}``); empty for none."""
    proxy_exclusions: Tuple[str, ...] = ()
    """URL prefixes that are reached without the proxy (QGIS compares the start of the URL, as here)."""
    ca_bundle: Optional[str] = None
    """A PEM file of the CA certificates to trust instead of requests' default; None for the default."""

    def client_options(self) -> Dict[str, Any]:
        """Keyword arguments of ``BatchClient`` and ``S3Client``."""
        return {"proxies": dict(self.proxies) or None, "proxy_exclusions": self.proxy_exclusions,
                "verify": self.ca_bundle}


class _NetworkAdapter(HTTPAdapter):
    """Applies the options on every request: requests itself lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a
    session's ``verify`` and has no way to exempt URLs from a proxy set on the session."""

    def __init__(self, excluded_prefixes: Sequence[str], verify: Union[bool, str, None]):
        super().__init__()
        self.excluded_prefixes = tuple(excluded_prefixes)
        self.verify = verify

    def send(self, request, **kwargs):
        if self.excluded_prefixes and request.url and request.url.startswith(self.excluded_prefixes):
            kwargs["proxies"] = {}
        if self.verify is not None:
            kwargs["verify"] = self.verify
        return super().send(request, **kwargs)


def configure_session(session: requests.Session, proxies: Optional[Mapping[str, str]] = None,
                      proxy_exclusions: Sequence[str] = (), verify: Union[bool, str, None] = None) -> None:
    """Apply a proxy (with the URL prefixes that bypass it) and the certificates to trust to ``session``."""
    exclusions = tuple(prefix for prefix in proxy_exclusions if prefix.strip()) if proxies else ()
    if proxies:
        session.proxies.update(dict(proxies))
    if verify is not None:
        session.verify = verify
    if exclusions or verify is not None:
        adapter = _NetworkAdapter(exclusions, verify)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
