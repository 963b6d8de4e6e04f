"""The double's HTTP side: a threaded server answering Web API calls and response_url posts.

Requests are recorded (`Call`s, response bodies), faults are applied, then a method from `METHODS`
answers; response_url posts replace, delete or add messages the way Slack does.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.testing.slackdouble.blockkit import validate_blocks
from bot.testing.slackdouble.faults import Faults
from bot.testing.slackdouble.files import serve as serve_file
from bot.testing.slackdouble.history_limit import HistoryLimit
from bot.testing.slackdouble.installs import NO_TOKEN_METHODS, Installs, basic_auth
from bot.testing.slackdouble.methods import METHODS, token_error
from bot.testing.slackdouble.records import ApiError, Call, Json, ResponseUrl, truthy
from bot.testing.slackdouble.workspace import Workspace

_JSON_FIELDS = ("blocks", "view", "metadata", "attachments")

Answer = tuple[int, dict[str, str], bytes]
Served = tuple[int, dict[str, str], bytes | Iterator[bytes]]  # a file download may stream


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog is 5: a sixth client connecting at the same moment has
    # its SYN dropped and retries a second later, a stall Slack never shows.
    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:
        """A client that gave up (its timeout in a delay test) is not an error of the double."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    front: HttpFront


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        status, headers, body = self.server.front.handle(self)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if isinstance(body, bytes):
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Connection", "close")  # a streamed body (a slow download) ends the connection
        self.end_headers()
        self.close_connection = True
        for chunk in body:
            self.wfile.write(chunk)
            self.wfile.flush()

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging."""


class HttpFront:
    """Serves `/api/<method>` and `/response/<n>` for one workspace, in a daemon thread."""

    def __init__(
        self, workspace: Workspace, faults: Faults, host: str, port: int, *, response_url_max_uses: int
    ) -> None:
        self._ws = workspace
        self._faults = faults
        self._host, self._port = host, port
        self._response_url_max_uses = response_url_max_uses
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.installs = Installs(workspace)
        self.history_limit = HistoryLimit(workspace.seconds)

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> None:
        if self._server is None:
            self._server = _Server((self._host, self._port), _Handler)
            self._server.front = self
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="slack-double",
                daemon=True,
            )
            self._thread.start()
            self._ws.__dict__["file_base"] = self.base  # where url_private and upload URLs point

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
            self._thread = None

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT` (the server must be started)."""
        if self._server is None:
            raise RuntimeError("SlackDouble is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- requests ---------------------------------------------------------------------------------

    def handle(self, request: BaseHTTPRequestHandler) -> Served:
        parsed = urllib.parse.urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if (served := serve_file(self._ws, parsed.path, request.headers, raw)) is not None:
            return served
        if parsed.path.startswith("/response/"):
            return self._handle_response_url(f"{self.base}{parsed.path}", raw)
        if not parsed.path.startswith("/api/"):
            return 404, {"Content-Type": "text/plain"}, b"not found"
        method = parsed.path.removeprefix("/api/")
        try:
            params = _parse_params(parsed.query, raw, request.headers.get("Content-Type", ""))
        except ApiError as exc:
            return _json(200, {"ok": False, "error": exc.error})
        token = params.pop("token", None)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth.removeprefix("Bearer ").strip()
        basic = basic_auth(auth)
        call = Call(method, params, self._ws.now(), token=token)
        with self._ws.lock:
            self._ws.calls.append(call)
        status, headers, payload = self._answer(method, params, token, basic)
        with self._ws.lock:
            call.status, call.response = status, payload
        return _json(status, payload, headers)

    def _answer(
        self, method: str, params: Json, token: str | None, basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, str], Json]:
        installs = self.installs
        if method in NO_TOKEN_METHODS:
            try:
                with self._ws.lock:
                    return 200, {}, {"ok": True, **installs.oauth_v2_access(params, basic)}
            except ApiError as exc:
                return 200, {}, {"ok": False, "error": exc.error}
        if not token:
            return 200, {}, {"ok": False, "error": "not_authed"}
        with self._ws.lock:
            refused = token_error(method, token) or installs.token_error(method, token)
            throttled = None if refused else installs.throttled(method, token)
            if not refused and throttled is None:
                throttled = self.history_limit.refuse(method, installs.tenant_of(token) or token)
                params = self.history_limit.capped(method, params)
        if refused:
            return 200, {}, {"ok": False, "error": refused}
        if throttled is not None:
            return 429, {"Retry-After": str(throttled)}, {"ok": False, "error": "ratelimited"}
        delay, fault = self._faults.consume(method, params)
        if delay:
            time.sleep(delay)
        if fault is not None:
            if fault.kind == "ratelimit":
                return 429, {"Retry-After": str(fault.retry_after)}, {"ok": False, "error": "ratelimited"}
            if fault.kind == "status":
                errors = {500: "internal_error", 503: "service_unavailable"}
                return (
                    fault.status,
                    {},
                    {"ok": False, "error": errors.get(fault.status, f"http_{fault.status}")},
                )
            return 200, {}, {"ok": False, "error": fault.error}
        per_install = {
            "auth.test": lambda: installs.auth_test(token),
            "apps.uninstall": lambda: installs.apps_uninstall(params, token),
            "users.info": lambda: installs.users_info(params, token),
            "users.list": lambda: installs.users_list(params, token),
        }
        handler = METHODS.get(method)
        if handler is None and method not in per_install:
            return 200, {}, {"ok": False, "error": "unknown_method", "req_method": method}
        try:
            with self._ws.lock:
                hidden = installs.refuse_target(method, params, token)
                if hidden:
                    raise ApiError(hidden)
                result = per_install[method]() if method in per_install else handler(self._ws, params)
        except ApiError as exc:
            return 200, {}, {"ok": False, "error": exc.error, **exc.extra}
        return 200, {}, {"ok": True, **result}

    def _handle_response_url(self, url: str, raw: bytes) -> Answer:
        text = {"Content-Type": "text/html"}
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return 400, text, b"invalid_payload"
        delay, fault = self._faults.consume("response_url", body)
        if delay:
            time.sleep(delay)
        ws = self._ws
        with ws.lock:
            entry: Json = {"url": url, "body": body}
            ws.responses.append(entry)
            if fault is not None:
                entry["status"] = (
                    429 if fault.kind == "ratelimit" else (fault.status if fault.kind == "status" else 404)
                )
                return entry["status"], text, (fault.error or "error").encode()
            record = ws.response_urls.get(url)
            if record is None:
                entry["status"] = 404
                return 404, text, b"no_service"
            record.uses += 1
            if record.uses > self._response_url_max_uses:
                entry["status"] = 404
                return 404, text, b"used_url"
            errors = validate_blocks(body["blocks"], "message") if "blocks" in body else []
            ws.show("response_url", body, errors)
            if errors:
                entry["status"] = 400
                return 400, text, b"invalid_blocks"
            _apply_response(ws, record, body)
            entry["status"] = 200
            return 200, text, b"ok"


def _apply_response(ws: Workspace, record: ResponseUrl, body: Json) -> None:
    """What a response_url post does to the message it answers (call with the lock held)."""
    message = {"text": body.get("text", ""), "blocks": body.get("blocks", [])}
    if truthy(body.get("delete_original")):
        stored = ws.find_stored(record.original) if record.original else None
        if stored is not None:
            ws.history[stored["channel"]].remove(stored)
        record.original = None
        return
    if truthy(body.get("replace_original")) and record.original is not None:
        stored = ws.find_stored(record.original)
        if stored is not None:
            stored.update(message)
        record.original.update(message)
        return
    if body.get("response_type") == "in_channel" and record.channel:
        record.original = ws.store(ws.dm_id(record.channel), message)
    else:
        ts = ws.next_ts()
        record.original = {"ts": ts, "channel": record.channel, "user": record.user_id, **message}
        ws.ephemeral.append(dict(record.original))


def _parse_params(query: str, raw: bytes, content_type: str) -> Json:
    params: Json = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    if raw:
        if content_type.startswith("application/json"):
            try:
                body = json.loads(raw)
            except ValueError as exc:
                raise ApiError("invalid_json") from exc
            if not isinstance(body, dict):
                raise ApiError("invalid_json")
            params.update(body)
        else:
            params.update(urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True))
    for key in _JSON_FIELDS:
        if isinstance(params.get(key), str) and params[key]:
            try:
                params[key] = json.loads(params[key])
            except ValueError as exc:
                raise ApiError(f"invalid_{key}_format" if key != "view" else "invalid_arguments") from exc
    return params


def _json(status: int, payload: Json, headers: dict[str, str] | None = None) -> Answer:
    return (
        status,
        {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        json.dumps(payload).encode(),
    )
