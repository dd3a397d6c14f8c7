"""A small HTTP server on loopback whose answers a test scripts, for client tests before/without the emulator."""

from __future__ import annotations

import json
import re
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlparse

DROP = object()
"""Return this from a handler to close the connection without answering."""


@dataclass
class Recorded:
    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> Dict[str, str]:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


Answer = Tuple[int, Dict[str, str], Any]
Handler = Callable[[Recorded], Any]


@dataclass
class ScriptedServer:
    routes: List[Tuple[str, re.Pattern[str], Handler]] = field(default_factory=list)
    requests: List[Recorded] = field(default_factory=list)
    tls: Optional[ssl.SSLContext] = None
    """Serve HTTPS with this server context (its certificate must name 127.0.0.1)."""

    def __post_init__(self) -> None:
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parsed = urlparse(self.path)
                recorded = Recorded(self.command, parsed.path, parse_qs(parsed.query), dict(self.headers),
                                    self.rfile.read(length) if length else b"", time.monotonic())
                server.requests.append(recorded)
                answer = server.answer(recorded)
                if answer is DROP:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                status, headers, body = answer
                if isinstance(body, (dict, list)):
                    payload = json.dumps(body).encode()
                    headers = {"Content-Type": "application/json", **headers}
                else:
                    payload = body if isinstance(body, bytes) else str(body or "").encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        if self.tls is not None:
            self.httpd.socket = self.tls.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, method: str, path_pattern: str, handler: Handler) -> None:
        """Later routes win, so a test can override a default answer."""
        self.routes.insert(0, (method, re.compile(path_pattern + "$"), handler))

    def answer(self, recorded: Recorded) -> Any:
        for method, pattern, handler in self.routes:
            if method == recorded.method and pattern.match(recorded.path):
                result = handler(recorded)
                if result is DROP:
                    return DROP
                if isinstance(result, tuple):
                    return result
                return 200, {}, result
        return 404, {}, {"error": {"status": 404, "reason": "Not Found", "message": "No route", "code": "COMMON_NOT_FOUND"}}

    def calls(self, method: str, path_pattern: str) -> List[Recorded]:
        pattern = re.compile(path_pattern + "$")
        return [item for item in self.requests if item.method == method and pattern.match(item.path)]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def sequence(*answers: Any) -> Handler:
    """A handler giving each answer in turn, then repeating the last one."""
    remaining = list(answers)

    def handler(_: Recorded) -> Any:
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return handler


def token_endpoint(server: ScriptedServer, expires_in: int = 3600, client_id: str = "client",
                   client_secret: str = "secret", realm: str = "main") -> List[str]:
    """Route a token endpoint issuing token-1, token-2, ...; returns the list of issued tokens."""
    issued: List[str] = []

    def handler(request: Recorded) -> Any:
        form = request.form()
        if form.get("client_id") != client_id or form.get("client_secret") != client_secret:
            return 401, {}, {"error": "unauthorized_client",
                             "error_description": "Invalid client or Invalid client credentials"}
        issued.append(f"token-{len(issued) + 1}")
        return {"access_token": issued[-1], "expires_in": expires_in, "token_type": "Bearer"}

    server.route("POST", f"/auth/realms/{realm}/protocol/openid-connect/token", handler)
    return issued
