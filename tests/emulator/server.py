"""HTTP front of the emulator: OAuth2 token endpoint, Batch v2 under /api/v2/batch, fault control under /_emulator."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlencode, urlsplit

from . import assumptions, tiling
from .faults import Faults
from .service import BatchService, ServiceError
from .validation import CDSE, BadPayload, validate_create

log = logging.getLogger("emulator")

TOKEN_PATHS = ("/auth/realms/main/protocol/openid-connect/token", "/auth/realms/CDSE/protocol/openid-connect/token")
BATCH_PREFIX = "/api/v2/batch"
PROCESS_API_PATH = "/api/v1/process"
SORTS = ("created", "created:desc", "status", "status:desc")

REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable"}
FAULT_MESSAGES = {403: "The monthly processing unit quota of this account is used up.",
                  429: "You have exceeded your rate limit",
                  500: "Internal server error.", 502: "Bad gateway.", 503: "Service temporarily unavailable."}
FAULT_CODES = {401: "COMMON_UNAUTHORIZED", 403: "COMMON_INSUFFICIENT_PERMISSIONS", 404: "COMMON_NOT_FOUND",
               429: "RATE_LIMIT_EXCEEDED"}


def error_body(status: int, message: str, code: str, errors: Any = None) -> Dict[str, Any]:
    """The service's error body: ``{"error": {...}}`` (OpenAPI ``RestErrorWrapper``), except a 429, which the rate
    limiter sends flat, ``{"status", "reason", "message", "code"}`` (Overview/RateLimiting.qmd)."""
    error: Dict[str, Any] = {"status": status, "reason": REASONS.get(status, "Error"), "message": message,
                             "code": code}
    if errors is not None:
        error["errors"] = errors
    return error if status == 429 else {"error": error}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenIssuer:
    """Keycloak-like client credentials: JWT-shaped tokens with ``exp``, ``iat`` and ``sub``."""

    def __init__(self, client_id: str, client_secret: str, lifetime: int, faults: Faults):
        self.client_id = client_id
        self.client_secret = client_secret
        self.lifetime = lifetime
        self.faults = faults
        self._valid_until: Dict[str, Tuple[float, str]] = {}
        self._lock = threading.Lock()
        self.issued = 0

    def issue(self, form: Dict[str, str], realm: str = "main") -> Tuple[int, Dict[str, Any]]:
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant_type"}
        if not secrets.compare_digest(form.get("client_id", ""), self.client_id) or \
                not secrets.compare_digest(form.get("client_secret", ""), self.client_secret):
            return 401, {"error": "unauthorized_client",
                         "error_description": "Invalid client or Invalid client credentials"}
        issued_at = int(time.time())
        payload = {"exp": issued_at + self.lifetime, "iat": issued_at, "jti": secrets.token_hex(8),
                   "iss": f"http://localhost/auth/realms/{realm}", "sub": self.client_id, "typ": "Bearer",
                   "azp": self.client_id, "did": 1, "aid": "emulator-account"}
        header = {"alg": "RS256", "typ": "JWT", "kid": "emulator"}
        token = ".".join((_b64(json.dumps(header).encode()), _b64(json.dumps(payload).encode()),
                          _b64(secrets.token_bytes(64))))
        valid_for = self.faults.token_valid_seconds
        with self._lock:
            self._valid_until[token] = (time.time() + (self.lifetime if valid_for is None else valid_for), realm)
            self.issued += 1
        return 200, {"access_token": token, "expires_in": self.lifetime, "refresh_expires_in": 0,
                     "token_type": "Bearer", "not-before-policy": 0, "scope": "email profile"}

    def check(self, authorization: Optional[str]) -> Optional[str]:
        """The deployment the emulator answers as for this token (by its realm), or None when it is not valid."""
        if not authorization or not authorization.startswith("Bearer "):
            return None
        token = authorization[len("Bearer "):].strip()
        with self._lock:
            valid_until, realm = self._valid_until.get(token, (0.0, ""))
        return assumptions.DEPLOYMENT_BY_REALM[realm] if time.time() < valid_until else None

    def expire_all(self) -> None:
        with self._lock:
            self._valid_until.clear()


class RateLimiter:
    """A sliding one-minute window of calls; answers how many milliseconds to wait when it is full."""

    def __init__(self) -> None:
        self._calls: List[float] = []
        self._lock = threading.Lock()

    def wait_ms(self, per_minute: Optional[int]) -> int:
        if not per_minute:
            return 0
        now = time.monotonic()
        with self._lock:
            self._calls = [moment for moment in self._calls if moment > now - 60.0]
            if len(self._calls) >= per_minute:
                return max(1, int((self._calls[0] + 60.0 - now) * 1000))
            self._calls.append(now)
            return 0


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: Tuple[str, int], service: BatchService, tokens: TokenIssuer, faults: Faults):
        super().__init__(address, EmulatorHandler)
        self.service = service
        self.tokens = tokens
        self.faults = faults
        self.request_log: List[Tuple[str, str, int]] = []
        self.rate_limiter = RateLimiter()


class EmulatorHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EmulatorServer
    server_version = "SentinelHubEmulator/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    # --- plumbing -----------------------------------------------------------------------------------

    def _send(self, status: int, body: Any = None, headers: Optional[Dict[str, str]] = None) -> None:
        if getattr(self, "_lose_answer", False):
            self._lose_answer = False
            self._drop()
            return
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)
        self.server.request_log.append((self.command, self.path, status))

    def _error(self, status: int, message: str, code: str, errors: Any = None,
               headers: Optional[Dict[str, str]] = None) -> None:
        self._send(status, error_body(status, message, code, errors), headers)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _drop(self) -> None:
        """Close the connection without answering."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.server.request_log.append((self.command, self.path, 0))

    def _json_body(self, raw: bytes) -> Any:
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            return _multipart_request(raw, content_type)
        try:
            return json.loads(raw.decode() or "null")
        except (UnicodeDecodeError, ValueError):
            raise ServiceError(400, "The request body is not valid JSON.", "COMMON_BAD_PAYLOAD") from None

    # --- dispatch -----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        raw = self._read_body()
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        if path.startswith("/_emulator"):
            self._control(path, raw)
            return
        decision = self.server.faults.decide(self.command, path)
        if decision is not None:
            if decision.kind == "drop":
                self._drop()
                return
            if decision.kind == "lose_answer":
                self._lose_answer = True
            elif decision.kind == "slow":
                time.sleep(decision.delay)
            else:
                headers = {"Retry-After": str(decision.retry_after_ms)} if decision.status == 429 else {}
                code = FAULT_CODES.get(decision.status, "COMMON_EXCEPTION")
                self._error(decision.status, FAULT_MESSAGES.get(decision.status, "Injected fault."), code,
                            headers=headers)
                return
        try:
            if path in TOKEN_PATHS and self.command == "POST":
                form = {key: values[0] for key, values in parse_qs(raw.decode(errors="replace")).items()}
                status, body = self.server.tokens.issue(form, realm=path.split("/")[3])
                self._send(status, body)
                return
            if path.startswith(BATCH_PREFIX):
                deployment = self.server.tokens.check(self.headers.get("Authorization"))
                if deployment is None:
                    self._error(401, "You are not authorized! Please provide a valid access token.",
                                "COMMON_UNAUTHORIZED")
                    return
                wait_ms = self.server.rate_limiter.wait_ms(self.server.service.config.requests_per_minute)
                if wait_ms:
                    self._error(429, FAULT_MESSAGES[429], "RATE_LIMIT_EXCEEDED", headers={"Retry-After": str(wait_ms)})
                    return
                self._batch(path[len(BATCH_PREFIX):], parse_qs(parts.query), raw, deployment)
                return
            if path == PROCESS_API_PATH and self.command == "POST":
                if not self.server.tokens.check(self.headers.get("Authorization")):
                    self._error(401, "You are not authorized! Please provide a valid access token.",
                                "COMMON_UNAUTHORIZED")
                    return
                self._process_api(raw)
                return
            self._error(404, f"No endpoint {self.command} {path}.", "COMMON_NOT_FOUND")
        except ServiceError as error:
            self._error(error.status, error.message, error.code, error.errors, error.headers)
        except BadPayload as error:
            self._error(400, f"Illegal request: {error.parameter} {error.violation}", "COMMON_BAD_PAYLOAD",
                        error.errors())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as error:  # a bug: answer 500 like a service would, and keep serving
            log.exception("Emulator error on %s %s", self.command, self.path)
            self._error(500, f"Internal error: {error}", "COMMON_EXCEPTION")

    def _process_api(self, raw: bytes) -> None:
        from .process_endpoint import handle_process

        answer = handle_process(raw, {key: value for key, value in self.headers.items()})
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)
        self.server.request_log.append((self.command, self.path, answer.status))

    def _batch(self, path: str, query: Dict[str, List[str]], raw: bytes, deployment: str) -> None:
        service = self.server.service
        account, echo = service.config.domain_account_id, service.config.echo_secrets
        segments = [s for s in path.split("/") if s]
        method = self.command
        if segments == ["process"] and method == "POST":
            body = self._json_body(raw)
            validate_create(body, deployment=deployment)
            self._send(201, service.create(body).to_api(account, echo))
        elif segments == ["process"] and method == "GET":
            self._list(query, deployment)
        elif len(segments) == 2 and segments[0] == "process" and method == "GET":
            self._send(200, service.get(segments[1]).to_api(account, echo))
        elif len(segments) == 2 and segments[0] == "process" and method == "PUT":
            self._send(200, service.update(segments[1], self._json_body(raw)).to_api(account, echo))
        elif len(segments) == 3 and segments[0] == "process" and method == "POST" and \
                segments[2] in ("analyse", "start", "stop"):
            service.action(segments[1], segments[2].upper())
            self._send(204)
        elif segments == ["tilinggrids"] and method == "GET":
            self._send(200, {"data": tiling.grid_listing(), "links": {}})
        elif len(segments) == 2 and segments[0] == "tilinggrids" and method == "GET":
            grid = tiling.grid_description(int(segments[1])) if segments[1].isdigit() else None
            if grid is None:
                raise ServiceError(404, f"Tiling grid {segments[1]} not found.", "COMMON_NOT_FOUND")
            self._send(200, grid)
        elif segments and segments[0] in ("process", "tilinggrids"):
            raise ServiceError(405, f"Method {method} is not allowed on {BATCH_PREFIX}{path}.", "COMMON_BAD_PAYLOAD")
        else:
            raise ServiceError(404, f"No endpoint {method} {BATCH_PREFIX}{path}.", "COMMON_NOT_FOUND")

    def _list(self, query: Dict[str, List[str]], deployment: str) -> None:
        service = self.server.service
        config = service.config
        sort = (query.get("sort") or ["created"])[0]
        if sort not in SORTS:
            raise BadPayload("sort", f"use one of {', '.join(SORTS)}", sort)
        try:
            count = int((query.get("count") or [config.default_page_size])[0])
        except ValueError:
            raise BadPayload("count", "must be a whole number", (query.get("count") or [""])[0]) from None
        if count < 1:
            raise BadPayload("count", "must be at least 1", count)
        count = min(count, config.max_page_size)
        view_token = (query.get("viewtoken") or [None])[0]
        offset = _decode_view_token(view_token) if view_token else 0
        search = (query.get("search") or [""])[0] if deployment == CDSE else ""
        requests = service.listing()
        if search.strip():
            requests = [r for r in requests if _matches(r, search)]
        key, descending = sort.split(":")[0], sort.endswith(":desc")
        if key == "created":
            requests.sort(key=lambda r: (r.created_at, r.id), reverse=descending)
        else:
            requests.sort(key=lambda r: (r.status, r.created_at, r.id), reverse=descending)
        page = requests[offset:offset + count]
        links: Dict[str, Any] = {}
        if view_token:
            links["currentToken"] = view_token
        if offset + count < len(requests):
            next_token = _encode_view_token(offset + count)
            params = {k: v[0] for k, v in query.items() if k != "viewtoken"}
            params["viewtoken"] = next_token
            host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            links["nextToken"] = next_token
            links["next"] = f"http://{host}{BATCH_PREFIX}/process?{urlencode(params)}"
        self._send(200, {"data": [r.to_api(config.domain_account_id, config.echo_secrets) for r in page],
                         "links": links})

    # --- control ------------------------------------------------------------------------------------

    def _control(self, path: str, raw: bytes) -> None:
        server = self.server
        try:
            body = json.loads(raw.decode() or "{}")
        except ValueError:
            self._send(400, {"error": "body must be JSON"})
            return
        try:
            if path == "/_emulator/faults" and self.command == "GET":
                self._send(200, server.faults.describe())
            elif path == "/_emulator/faults" and self.command in ("POST", "PUT"):
                server.faults.configure(body)
                self._send(200, server.faults.describe())
            elif path == "/_emulator/faults" and self.command == "DELETE":
                server.faults.clear()
                self._send(200, server.faults.describe())
            elif path == "/_emulator/config" and self.command == "GET":
                self._send(200, server.service.config.to_dict())
            elif path == "/_emulator/config" and self.command in ("POST", "PUT"):
                server.service.config.update(body)
                self._send(200, server.service.config.to_dict())
            elif path == "/_emulator/byoc/collections" and self.command == "GET":
                self._send(200, {"data": server.service.byoc.describe()})
            elif path == "/_emulator/byoc/collections" and self.command == "POST":
                self._send(201, server.service.byoc.create(str(body.get("name") or "collection"),
                                                           dict(body.get("bands") or {})).describe())
            elif path == "/_emulator/tokens/expire" and self.command == "POST":
                server.tokens.expire_all()
                self._send(204)
            elif path.startswith("/_emulator/process/") and path.endswith("/stop") and self.command == "POST":
                request_id = path.split("/")[3]
                server.service.force_stop(request_id, str(body.get("reason", "UNHEALTHY")))
                self._send(204)
            else:
                self._send(404, {"error": f"no control endpoint {self.command} {path}"})
        except ServiceError as error:
            self._error(error.status, error.message, error.code)
        except (TypeError, ValueError) as error:
            self._send(400, {"error": str(error)})


def _matches(request: Any, search: str) -> bool:
    """CDSE ``SearchBeanSearch``: "a single word … or multiple words separated by the | (or) and & (and)
    operators"; what is searched: assumptions.SEARCHED_FIELDS."""
    text = " ".join(str(getattr(request, name)) for name in assumptions.SEARCHED_FIELDS).lower()
    return any(all(term.strip() in text for term in branch.split("&") if term.strip())
               for branch in search.lower().split("|") if branch.strip())


def _encode_view_token(offset: int) -> str:
    return _b64(json.dumps({"offset": offset, "nonce": secrets.token_hex(2)}).encode())


def _decode_view_token(token: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        offset = int(json.loads(base64.urlsafe_b64decode(padded))["offset"])
    except (ValueError, KeyError, TypeError):
        raise BadPayload("viewtoken", "is not a token this service issued", token) from None
    if offset < 0:
        raise BadPayload("viewtoken", "is not a token this service issued", token)
    return offset


def _multipart_request(raw: bytes, content_type: str) -> Any:
    """``multipart/form-data`` with a ``request`` JSON part and an optional ``evalscript`` part."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = part.get_payload(decode=True).decode()
    try:
        body = json.loads(parts.get("request") or "null")
    except ValueError:
        raise ServiceError(400, "The multipart 'request' part is not valid JSON.", "COMMON_BAD_PAYLOAD") from None
    if isinstance(body, dict) and "evalscript" in parts:
        body.setdefault("processRequest", {})["evalscript"] = parts["evalscript"]
    return body
