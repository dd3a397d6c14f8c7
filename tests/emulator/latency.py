"""A loopback HTTP proxy in front of the emulator or the S3 server that adds a round-trip latency to every request
and counts the requests and bytes that pass.

On loopback a request costs well under a millisecond; from a desktop to Sentinel Hub or an S3 region it costs 20-50
ms. ``make bench`` puts this proxy between the plugin and the local stack (``LocalStack(latency_seconds=...)``,
``python -m emulator.stack --latency-ms 30``) so that what the plugin asks for shows in seconds as it would for a
user, and so that the number of requests can be read back: ``GET <proxy>/_latency`` answers
``{"requests": n, "methods": {"GET": n, ...}, "statuses": {"200": n, "304": n, ...}, "bytes": n, "latency_ms": x}``
(bytes of the answers' bodies), ``DELETE`` resets the counts and
``POST`` with ``{"latency_ms": x}`` changes the latency. Those control calls are neither delayed nor counted.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Optional
from urllib.parse import urlsplit

CONTROL_PATH = "/_latency"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade"}


class LatencyProxy:
    """Forwards every request to ``target_url`` after ``latency_seconds``; start with :meth:`start`."""

    def __init__(self, target_url: str, latency_seconds: float = 0.0):
        parts = urlsplit(target_url)
        self.target_host = parts.hostname or "127.0.0.1"
        self.target_port = parts.port or 80
        self.latency_seconds = latency_seconds
        self._lock = threading.Lock()
        self._methods: Counter = Counter()
        self._statuses: Counter = Counter()
        self._bytes = 0
        self._server: Optional[_ProxyServer] = None
        self._thread: Optional[threading.Thread] = None
        self.url = ""

    def start(self) -> LatencyProxy:
        self._server = _ProxyServer(("127.0.0.1", 0), self)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True, name="latency-proxy")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def counted(self, method: str, status: int, size: int) -> None:
        with self._lock:
            self._methods[method] += 1
            self._statuses[str(status)] += 1
            self._bytes += size

    def counts(self) -> Dict[str, Any]:
        with self._lock:
            return {"requests": sum(self._methods.values()), "methods": dict(self._methods),
                    "statuses": dict(self._statuses), "bytes": self._bytes, "latency_ms": self.latency_seconds * 1000}

    def reset(self) -> None:
        with self._lock:
            self._methods.clear()
            self._statuses.clear()
            self._bytes = 0


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: Any, proxy: LatencyProxy):
        super().__init__(address, _ProxyHandler)
        self.proxy = proxy


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.upstream: Optional[http.client.HTTPConnection] = None

    def finish(self) -> None:
        if self.upstream is not None:
            self.upstream.close()
        super().finish()

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        proxy = self.server.proxy
        if self.path.startswith(CONTROL_PATH):
            self._control(proxy, body)
            return
        time.sleep(proxy.latency_seconds)
        headers = {key: value for key, value in self.headers.items() if key.lower() not in HOP_BY_HOP}
        try:
            response, data = self._forward(headers, body)
        except (OSError, http.client.HTTPException) as error:
            self._answer(502, {"Content-Type": "text/plain"}, f"Proxy: upstream failed ({error})".encode())
            return
        answer_headers = {key: value for key, value in response.getheaders()
                          if key.lower() not in HOP_BY_HOP and key.lower() != "content-length"}
        if self.command == "HEAD":
            answer_headers["Content-Length"] = response.getheader("Content-Length", "0")
        proxy.counted(self.command, response.status, len(data))
        self._answer(response.status, answer_headers, data, reason=response.reason)

    def _forward(self, headers: Dict[str, str], body: Optional[bytes]) -> Any:
        """One request upstream on this client connection's own keep-alive connection (reopened once if the server
        closed it meanwhile)."""
        proxy = self.server.proxy
        for attempt in range(2):
            if self.upstream is None:
                self.upstream = http.client.HTTPConnection(proxy.target_host, proxy.target_port, timeout=120)
            try:
                self.upstream.request(self.command, self.path, body=body, headers=headers)
                response = self.upstream.getresponse()
                data = response.read()
                if response.will_close:
                    self.upstream.close()
                    self.upstream = None
                return response, data
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                self.upstream.close()
                self.upstream = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _control(self, proxy: LatencyProxy, body: Optional[bytes]) -> None:
        if self.command == "DELETE":
            proxy.reset()
        elif self.command == "POST":
            proxy.latency_seconds = float(json.loads(body or b"{}").get("latency_ms", 0)) / 1000
        self._answer(200, {"Content-Type": "application/json"}, json.dumps(proxy.counts()).encode())

    def _answer(self, status: int, headers: Dict[str, str], data: bytes, reason: Optional[str] = None) -> None:
        self.send_response(status, reason)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD" and data:
            with contextlib.suppress(OSError):
                self.wfile.write(data)
