"""A local Slack Web API double: a real HTTP server that answers like Slack and checks Block Kit.

Used by the test suite and by `warmcall console`. Point a `WebClient(base_url=double.url)` at it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TEAM_ID = "T0001"
BOT_USER_ID = "UBOT"
BOT_ID = "B0001"
APP_ID = "A0001"

Surface = Literal["message", "modal", "home"]
Json = dict[str, Any]

_JSON_FIELDS = ("blocks", "view", "metadata", "attachments")
_EVENT_TYPE = re.compile(r"^[a-z0-9_]+$")


class _Clock(Protocol):
    def now(self) -> dt.datetime: ...


# ---------------------------------------------------------------------------------------------------
# Block Kit validation (limits from https://api.slack.com/reference/block-kit, see SLACK.md)
# ---------------------------------------------------------------------------------------------------

_MAX_BLOCKS: dict[str, int] = {"message": 50, "modal": 100, "home": 100}
_BLOCK_TYPES = {
    "section",
    "header",
    "context",
    "actions",
    "divider",
    "input",
    "image",
    "rich_text",
    "markdown",
    "file",
    "video",
    "context_actions",
}
_SELECTS_WITH_OPTIONS = {"static_select", "multi_static_select"}
_TEXT_INPUTS = {"plain_text_input", "email_text_input", "url_text_input", "number_input"}


class _Checker:
    """Collects Slack-style error messages: `<problem> [json-pointer:/blocks/0/text]`."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, problem: str) -> None:
        self.errors.append(f"{problem} [json-pointer:{path}]")

    def length(self, value: Any, limit: int, path: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.error(path, f"must be at most {limit} characters (got {len(value)})")

    def text(self, obj: Any, path: str, *, limit: int, plain_only: bool = False) -> None:
        if not isinstance(obj, dict):
            self.error(path, "must be a text object")
            return
        kind = obj.get("type")
        allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
        if kind not in allowed:
            self.error(f"{path}/type", f"must be one of {', '.join(allowed)} (got {kind!r})")
        value = obj.get("text")
        if not isinstance(value, str) or not value:
            self.error(f"{path}/text", "must be a non-empty string")
            return
        self.length(value, limit, f"{path}/text")

    def option(self, opt: Any, path: str, *, plain_only: bool = True) -> None:
        if not isinstance(opt, dict):
            self.error(path, "must be an option object")
            return
        self.text(opt.get("text"), f"{path}/text", limit=75, plain_only=plain_only)
        if not isinstance(opt.get("value"), str) or not opt.get("value"):
            self.error(f"{path}/value", "must be a non-empty string")
        self.length(opt.get("value"), 150, f"{path}/value")

    def element(self, el: Any, path: str) -> str | None:
        """Check one interactive element; return its action_id (if any)."""
        if not isinstance(el, dict) or not isinstance(el.get("type"), str):
            self.error(path, "must be an element object with a type")
            return None
        kind = el["type"]
        action_id = el.get("action_id")
        self.length(action_id, 255, f"{path}/action_id")
        if "placeholder" in el:
            self.text(el["placeholder"], f"{path}/placeholder", limit=150, plain_only=True)
        if kind == "button":
            self.text(el.get("text"), f"{path}/text", limit=75, plain_only=True)
            self.length(el.get("value"), 2000, f"{path}/value")
            self.length(el.get("url"), 3000, f"{path}/url")
            if el.get("style") not in (None, "primary", "danger"):
                self.error(f"{path}/style", "must be primary or danger")
        elif kind in _SELECTS_WITH_OPTIONS:
            options = el.get("options")
            groups = el.get("option_groups")
            if options is None and groups is None:
                self.error(path, "must provide options or option_groups")
            if isinstance(options, list):
                if len(options) > 100:
                    self.error(f"{path}/options", f"must have at most 100 items (got {len(options)})")
                for i, opt in enumerate(options):
                    self.option(opt, f"{path}/options/{i}")
            if isinstance(groups, list) and len(groups) > 100:
                self.error(f"{path}/option_groups", f"must have at most 100 items (got {len(groups)})")
        elif kind in ("checkboxes", "radio_buttons"):
            options = el.get("options")
            if not isinstance(options, list) or not options or len(options) > 10:
                self.error(f"{path}/options", "must have 1 to 10 items")
            else:
                for i, opt in enumerate(options):
                    self.option(opt, f"{path}/options/{i}", plain_only=False)
        elif kind == "overflow":
            options = el.get("options")
            if not isinstance(options, list) or not 1 <= len(options) <= 5:
                self.error(f"{path}/options", "must have 1 to 5 items")
        elif kind in _TEXT_INPUTS:
            for key in ("max_length", "min_length"):
                value = el.get(key)
                if value is not None and (not isinstance(value, int) or not 0 <= value <= 3000):
                    self.error(f"{path}/{key}", "must be an integer from 0 to 3000")
            self.length(el.get("initial_value"), 3000, f"{path}/initial_value")
        elif kind == "image":
            if not el.get("image_url") and not el.get("slack_file"):
                self.error(f"{path}/image_url", "is required")
            if not el.get("alt_text"):
                self.error(f"{path}/alt_text", "is required")
        return action_id if isinstance(action_id, str) else None

    def block(self, block: Any, path: str) -> None:
        if not isinstance(block, dict):
            self.error(path, "must be a block object")
            return
        kind = block.get("type")
        if kind not in _BLOCK_TYPES:
            self.error(f"{path}/type", f"unknown block type {kind!r}")
            return
        if kind == "header":
            self.text(block.get("text"), f"{path}/text", limit=150, plain_only=True)
        elif kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and not fields:
                self.error(path, "must have text or fields")
            if text is not None:
                self.text(text, f"{path}/text", limit=3000)
            if fields is not None:
                if not isinstance(fields, list) or len(fields) > 10:
                    self.error(f"{path}/fields", "must be a list of at most 10 text objects")
                else:
                    for i, item in enumerate(fields):
                        self.text(item, f"{path}/fields/{i}", limit=2000)
            if "accessory" in block:
                self.element(block["accessory"], f"{path}/accessory")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
                self.error(f"{path}/elements", "must have 1 to 10 items")
            else:
                for i, el in enumerate(elements):
                    if isinstance(el, dict) and el.get("type") == "image":
                        self.element(el, f"{path}/elements/{i}")
                    else:
                        self.text(el, f"{path}/elements/{i}", limit=3000)
        elif kind == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
                self.error(f"{path}/elements", "must have 1 to 25 items")
                return
            seen: set[str] = set()
            for i, el in enumerate(elements):
                action_id = self.element(el, f"{path}/elements/{i}")
                if action_id is not None:
                    if action_id in seen:
                        self.error(f"{path}/elements/{i}/action_id", f"duplicate action_id {action_id!r}")
                    seen.add(action_id)
        elif kind == "input":
            self.text(block.get("label"), f"{path}/label", limit=2000, plain_only=True)
            if "hint" in block:
                self.text(block["hint"], f"{path}/hint", limit=2000, plain_only=True)
            if "element" not in block:
                self.error(f"{path}/element", "is required")
            else:
                self.element(block["element"], f"{path}/element")
        elif kind == "image":
            if not block.get("image_url") and not block.get("slack_file"):
                self.error(f"{path}/image_url", "is required")
            if not block.get("alt_text"):
                self.error(f"{path}/alt_text", "is required")


def validate_blocks(blocks: Any, surface: Surface) -> list[str]:
    """Return Slack-style error messages for `blocks` on a message, modal or Home tab ([] when valid)."""
    check = _Checker()
    if not isinstance(blocks, list):
        check.error("/blocks", "must be a list of blocks")
        return check.errors
    limit = _MAX_BLOCKS[surface]
    if len(blocks) > limit:
        check.error("/blocks", f"must have at most {limit} items for a {surface} (got {len(blocks)})")
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        path = f"/blocks/{i}"
        check.block(block, path)
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if block_id is not None:
            check.length(block_id, 255, f"{path}/block_id")
            if block_id in seen:
                check.error(f"{path}/block_id", f"duplicate block_id {block_id!r}")
            seen.add(block_id)
    return check.errors


def validate_view(view: Any) -> list[str]:
    """Return error messages for a modal or Home tab view object ([] when valid)."""
    check = _Checker()
    if not isinstance(view, dict):
        return ["must be a view object [json-pointer:/view]"]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [f"type must be modal or home (got {kind!r}) [json-pointer:/view/type]"]
    if kind == "modal":
        check.text(view.get("title"), "/view/title", limit=24, plain_only=True)
        for key in ("submit", "close"):
            if key in view:
                check.text(view[key], f"/view/{key}", limit=24, plain_only=True)
        blocks = view.get("blocks") or []
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if has_input and "submit" not in view:
            check.error("/view/submit", "is required when the view has input blocks")
    check.length(view.get("private_metadata"), 3000, "/view/private_metadata")
    check.length(view.get("callback_id"), 255, "/view/callback_id")
    check.length(view.get("external_id"), 255, "/view/external_id")
    errors = [
        e.replace("[json-pointer:/blocks", "[json-pointer:/view/blocks")
        for e in validate_blocks(view.get("blocks", []), kind)
    ]
    return check.errors + errors


def _metadata_errors(metadata: Any) -> list[str]:
    if metadata is None:
        return []
    if not isinstance(metadata, dict):
        return ["metadata must be an object [json-pointer:/metadata]"]
    errors = []
    if not isinstance(metadata.get("event_type"), str) or not _EVENT_TYPE.match(metadata["event_type"]):
        errors.append(
            "event_type must be lower-case letters, digits and _ [json-pointer:/metadata/event_type]"
        )
    if not isinstance(metadata.get("event_payload"), dict):
        errors.append("event_payload must be an object [json-pointer:/metadata/event_payload]")
    return errors


# ---------------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------------


@dataclass
class Call:
    """One Web API call as received (token removed); `status`/`response` are filled once answered."""

    method: str
    params: Json
    at: dt.datetime
    status: int = 0
    response: Json | None = None


@dataclass
class _Fault:
    method: str
    kind: Literal["error", "status", "ratelimit", "delay"]
    error: str = ""
    status: int = 200
    retry_after: int = 1
    seconds: float = 0.0
    times: int | None = None
    until: float | None = None
    when: dict[str, Any] | None = None

    def applies(self, method: str, params: Json, now: float) -> bool:
        if self.method not in (method, "*"):
            return False
        if self.times is not None and self.times <= 0:
            return False
        if self.until is not None and now >= self.until:
            return False
        return not self.when or all(str(params.get(k)) == str(v) for k, v in self.when.items())


@dataclass
class _ResponseUrl:
    url: str
    channel: str | None
    user_id: str | None
    original: Json | None
    uses: int = 0


class _ApiError(Exception):
    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _decode_cursor(cursor: Any) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.b64decode(str(cursor)).decode().partition(":")
        if kind != "offset":
            raise ValueError(cursor)
        return int(value)
    except ValueError as exc:
        raise _ApiError("invalid_cursor") from exc


# ---------------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------------


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

    double: SlackDouble


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        status, headers, body = self.server.double._handle(self)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging."""


class SlackDouble:
    """A thread-safe fake of the Slack Web API and response URLs, served over real HTTP."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        clock: _Clock | None = None,
        response_url_max_uses: int = 5,
    ) -> None:
        self._host, self._port = host, port
        self._clock = clock
        self._response_url_max_uses = response_url_max_uses
        self._lock = threading.RLock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._faults: list[_Fault] = []
        self._rate_limits: dict[str, tuple[float, list[float]]] = {}
        self._users: dict[str, Json] = {}
        self._init_state()

    def _init_state(self) -> None:
        self.calls: list[Call] = []
        self.block_errors: list[str] = []
        self.warnings: list[str] = []
        self.responses: list[Json] = []
        self._history: dict[str, list[Json]] = {}
        self._ephemeral: list[Json] = []
        self._views: dict[str, Json] = {}
        self._homes: dict[str, Json] = {}
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._last_ts = 0
        self._ids = itertools.count(1)

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> SlackDouble:
        """Start serving in a daemon thread; returns self."""
        if self._server is None:
            self._server = _Server((self._host, self._port), _Handler)
            self._server.double = self
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="slack-double",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
            self._thread = None

    def __enter__(self) -> SlackDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT` (the server must be started)."""
        if self._server is None:
            raise RuntimeError("SlackDouble is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The Web API base for `WebClient(base_url=...)`."""
        return f"{self.base}/api/"

    # -- test set-up and assertions -----------------------------------------------------------------

    def reset(self) -> None:
        """Forget calls, messages, views, responses and faults (users stay registered)."""
        with self._lock:
            self._init_state()
            self._faults.clear()
            self._rate_limits.clear()

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def member(self, user_id: str) -> dict | None:
        """A member as users.info shows them (the `user` of a user_change event), or None."""
        with self._lock:
            user = self._users.get(user_id)
        return _user_view(self, user) if user is not None else None

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "America/New_York",
        deleted: bool = False,
        is_bot: bool = False,
    ) -> None:
        """Register (or replace) a workspace member for users.info / users.list."""
        ZoneInfo(tz)  # fail early on a bad zone name
        name = name or user_id.lower()
        with self._lock:
            self._users[user_id] = {
                "id": user_id,
                "name": name,
                "real_name": real_name or name,
                "tz": tz,
                "deleted": deleted,
                "is_bot": is_bot,
            }

    def messages(self, channel_or_user: str) -> list[Json]:
        """Messages stored in a conversation (a user id means the app's DM with them), oldest first."""
        with self._lock:
            return [dict(m) for m in self._history.get(self._dm_id(channel_or_user), [])]

    def dm_messages(self, user_id: str) -> list[Json]:
        return self.messages(user_id)

    def ephemerals(self, user_id: str | None = None) -> list[Json]:
        """Ephemeral messages (chat.postEphemeral and response_url replies), optionally for one user."""
        with self._lock:
            return [dict(m) for m in self._ephemeral if user_id in (None, m.get("user"))]

    def home_of(self, user_id: str) -> Json | None:
        """The Home tab view last published for a user."""
        with self._lock:
            return self._homes.get(user_id)

    def views(self) -> list[Json]:
        """Modal views currently open (opened, pushed or updated), in opening order."""
        with self._lock:
            return list(self._views.values())

    def view(self, view_id: str) -> Json | None:
        with self._lock:
            return self._views.get(view_id)

    def new_response_url(
        self, original: Json | None = None, *, channel: str | None = None, user_id: str | None = None
    ) -> str:
        """A response_url on this server; `original` is the message a `replace_original` acts on.

        If `original` has the `channel` and `ts` of a stored message, replace/delete act on that message.
        """
        with self._lock:
            url = f"{self.base}/response/{next(self._ids)}"
            self._response_urls[url] = _ResponseUrl(
                url, channel, user_id, dict(original) if original else None
            )
            return url

    def original_of(self, response_url: str) -> Json | None:
        """The current state of a response_url's original message (None when deleted or unknown)."""
        with self._lock:
            record = self._response_urls.get(response_url)
            if record is None or record.original is None:
                return None
            stored = self._find_stored(record.original)
            return dict(stored) if stored else dict(record.original)

    # -- fault injection ----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        error: str = "user_not_found",
        *,
        status: int | None = None,
        times: int | None = None,
        for_seconds: float | None = None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Answer `method` ("*" for any) with `ok: false, error` or, given `status`, that HTTP status.

        Without `times` or `for_seconds` the fault lasts until `clear_faults()`.
        """
        kind: Literal["error", "status"] = "error" if status is None else "status"
        self._add_fault(_Fault(method, kind, error=error, status=status or 200), times, for_seconds, when)

    def rate_limit(
        self,
        method: str,
        retry_after: int = 1,
        *,
        times: int | None = None,
        for_seconds: float | None = None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Answer HTTP 429 with `Retry-After` and `{"ok": false, "error": "ratelimited"}`."""
        self._add_fault(_Fault(method, "ratelimit", retry_after=retry_after), times, for_seconds, when)

    def delay(
        self, method: str, seconds: float, *, times: int | None = None, when: dict[str, Any] | None = None
    ) -> None:
        """Sleep before answering `method` (to exercise timeouts and the 3-second ack)."""
        self._add_fault(_Fault(method, "delay", seconds=seconds), times, None, when)

    def limit_rate(self, method: str, per_second: float = 50) -> None:
        """Answer 429 (Retry-After 1) once `method` is called more than `per_second` times in a second."""
        with self._lock:
            self._rate_limits[method] = (per_second, [])

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._rate_limits.clear()

    def _add_fault(
        self, fault: _Fault, times: int | None, for_seconds: float | None, when: dict[str, Any] | None
    ) -> None:
        fault.times = times
        fault.until = self._seconds() + for_seconds if for_seconds is not None else None
        fault.when = when
        with self._lock:
            self._faults.append(fault)

    def _fault_for(self, method: str, params: Json) -> tuple[float, _Fault | None]:
        """Consume matching faults: total delay, then the first failing fault (if any)."""
        now = self._seconds()
        delay, failing = 0.0, None
        with self._lock:
            for fault in self._faults:
                if not fault.applies(method, params, now):
                    continue
                if fault.kind == "delay":
                    delay += fault.seconds
                elif failing is not None:
                    continue
                else:
                    failing = fault
                if fault.times is not None:
                    fault.times -= 1
            if failing is None and method in self._rate_limits:
                per_second, stamps = self._rate_limits[method]
                stamps[:] = [s for s in stamps if now - s < 1.0]
                if len(stamps) >= per_second:
                    failing = _Fault(method, "ratelimit", retry_after=1)
                else:
                    stamps.append(now)
        return delay, failing

    # -- HTTP -------------------------------------------------------------------------------------

    def _handle(self, request: _Handler) -> tuple[int, dict[str, str], bytes]:
        parsed = urllib.parse.urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if parsed.path.startswith("/response/"):
            return self._handle_response_url(f"{self.base}{parsed.path}", raw)
        if not parsed.path.startswith("/api/"):
            return 404, {"Content-Type": "text/plain"}, b"not found"
        method = parsed.path.removeprefix("/api/")
        try:
            params = self._parse_params(parsed.query, raw, request.headers.get("Content-Type", ""))
        except _ApiError as exc:
            return self._json(200, {"ok": False, "error": exc.error})
        token = params.pop("token", None)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth.removeprefix("Bearer ").strip()
        call = Call(method, params, self._now())
        with self._lock:
            self.calls.append(call)
        status, headers, payload = self._answer(method, params, token)
        with self._lock:
            call.status, call.response = status, payload
        return self._json(status, payload, headers)

    def _answer(self, method: str, params: Json, token: str | None) -> tuple[int, dict[str, str], Json]:
        if not token:
            return 200, {}, {"ok": False, "error": "not_authed"}
        if not token.startswith("xox"):
            return 200, {}, {"ok": False, "error": "invalid_auth"}
        delay, fault = self._fault_for(method, params)
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
        handler = _METHODS.get(method)
        if handler is None:
            return 200, {}, {"ok": False, "error": "unknown_method", "req_method": method}
        try:
            with self._lock:
                result = handler(self, params)
        except _ApiError as exc:
            return 200, {}, {"ok": False, "error": exc.error, **exc.extra}
        return 200, {}, {"ok": True, **result}

    @staticmethod
    def _parse_params(query: str, raw: bytes, content_type: str) -> Json:
        params: Json = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        if raw:
            if content_type.startswith("application/json"):
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    raise _ApiError("invalid_json") from exc
                if not isinstance(body, dict):
                    raise _ApiError("invalid_json")
                params.update(body)
            else:
                params.update(urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True))
        for key in _JSON_FIELDS:
            if isinstance(params.get(key), str) and params[key]:
                try:
                    params[key] = json.loads(params[key])
                except ValueError as exc:
                    raise _ApiError(
                        f"invalid_{key}_format" if key != "view" else "invalid_arguments"
                    ) from exc
        return params

    @staticmethod
    def _json(
        status: int, payload: Json, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        return (
            status,
            {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
            json.dumps(payload).encode(),
        )

    def _handle_response_url(self, url: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        text = {"Content-Type": "text/html"}
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return 400, text, b"invalid_payload"
        delay, fault = self._fault_for("response_url", body)
        if delay:
            time.sleep(delay)
        with self._lock:
            entry: Json = {"url": url, "body": body}
            self.responses.append(entry)
            if fault is not None:
                entry["status"] = (
                    429 if fault.kind == "ratelimit" else (fault.status if fault.kind == "status" else 404)
                )
                return entry["status"], text, (fault.error or "error").encode()
            record = self._response_urls.get(url)
            if record is None:
                entry["status"] = 404
                return 404, text, b"no_service"
            record.uses += 1
            if record.uses > self._response_url_max_uses:
                entry["status"] = 404
                return 404, text, b"used_url"
            errors = validate_blocks(body["blocks"], "message") if "blocks" in body else []
            if errors:
                self.block_errors.extend(f"response_url: {e}" for e in errors)
                entry["status"] = 400
                return 400, text, b"invalid_blocks"
            self._apply_response(record, body)
            entry["status"] = 200
            return 200, text, b"ok"

    def _apply_response(self, record: _ResponseUrl, body: Json) -> None:
        message = {"text": body.get("text", ""), "blocks": body.get("blocks", [])}
        if _truthy(body.get("delete_original")):
            stored = self._find_stored(record.original) if record.original else None
            if stored is not None:
                self._history[stored["channel"]].remove(stored)
            record.original = None
            return
        if _truthy(body.get("replace_original")) and record.original is not None:
            stored = self._find_stored(record.original)
            if stored is not None:
                stored.update(message)
            record.original.update(message)
            return
        if body.get("response_type") == "in_channel" and record.channel:
            record.original = self._store(self._dm_id(record.channel), message)
        else:
            ts = self._next_ts()
            record.original = {"ts": ts, "channel": record.channel, "user": record.user_id, **message}
            self._ephemeral.append(dict(record.original))

    # -- state helpers (call with the lock held) ---------------------------------------------------

    def _now(self) -> dt.datetime:
        return self._clock.now() if self._clock else dt.datetime.now(dt.UTC)

    def _seconds(self) -> float:
        """Fault windows (`for_seconds`) run on the double's clock when it has one, else real time."""
        return self._clock.now().timestamp() if self._clock else time.monotonic()

    def use_clock(self, clock: _Clock | None) -> None:
        """Follow an injected clock (time-travel tests, the console) for timestamps and fault windows."""
        with self._lock:
            self._clock = clock

    def _next_ts(self) -> str:
        with self._lock:
            micros = int(self._now().timestamp() * 1_000_000)
            self._last_ts = max(micros, self._last_ts + 1)
            return f"{self._last_ts // 1_000_000}.{self._last_ts % 1_000_000:06d}"

    @staticmethod
    def _dm_id(channel_or_user: str) -> str:
        return f"D{channel_or_user}" if channel_or_user[:1] in ("U", "W") else channel_or_user

    def _store(self, channel: str, fields: Json) -> Json:
        message = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "ts": self._next_ts(),
            "channel": channel,
            "metadata": None,
            **fields,
        }
        self._history.setdefault(channel, []).append(message)
        return message

    def _find_stored(self, ref: Json) -> Json | None:
        for message in self._history.get(str(ref.get("channel")), []):
            if message["ts"] == ref.get("ts"):
                return message
        return None

    def _check_message(self, method: str, params: Json) -> None:
        block_errors = (
            validate_blocks(params["blocks"], "message") if params.get("blocks") is not None else []
        )
        errors = block_errors + _metadata_errors(params.get("metadata"))
        if errors:
            # Metadata mistakes are payload-shape bugs too: one list for tests to assert empty.
            self.block_errors.extend(f"{method}: {e}" for e in errors)
            code = "invalid_blocks" if block_errors else "invalid_metadata_format"
            raise _ApiError(
                code, errors=errors, response_metadata={"messages": [f"[ERROR] {e}" for e in errors]}
            )
        if params.get("blocks") and not params.get("text"):
            self.warnings.append(f"{method}: blocks without a top-level text (no notification fallback)")
        if len(str(params.get("text") or "")) > 40_000:
            self.warnings.append(f"{method}: text longer than 40,000 characters is truncated")

    def _check_view(self, method: str, view: Any) -> Json:
        errors = validate_view(view)
        if errors:
            self.block_errors.extend(f"{method}: {e}" for e in errors)
            raise _ApiError(
                "invalid_blocks",
                errors=errors,
                response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
            )
        return view

    def _render_view(self, view: Json, *, view_id: str | None = None, previous: Json | None = None) -> Json:
        view_id = view_id or f"V{next(self._ids):08d}"
        digest = hashlib.sha1(json.dumps(view, sort_keys=True).encode() + view_id.encode()).hexdigest()[:8]
        return {
            "id": view_id,
            "team_id": TEAM_ID,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
            "type": view["type"],
            "blocks": view.get("blocks", []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "external_id": view.get("external_id", ""),
            "title": view.get("title"),
            "submit": view.get("submit"),
            "close": view.get("close"),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{digest}",
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "root_view_id": (previous or {}).get("root_view_id") or view_id,
            "previous_view_id": (previous or {}).get("id"),
        }


def _require(params: Json, *names: str) -> None:
    missing = [n for n in names if params.get(n) in (None, "")]
    if missing:
        raise _ApiError(
            "invalid_arguments",
            response_metadata={"messages": [f"[ERROR] missing required field: {n}" for n in missing]},
        )


# ---------------------------------------------------------------------------------------------------
# Web API methods (each runs with the double's lock held and returns the fields beside `ok: true`)
# ---------------------------------------------------------------------------------------------------


def _auth_test(d: SlackDouble, p: Json) -> Json:
    return {
        "url": "https://warmcall-test.slack.com/",
        "team": "Warmcall Test",
        "user": "warmcall",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _conversation(d: SlackDouble, channel: Any, *, allow_user: bool) -> str:
    channel = str(channel or "")
    if channel[:1] in ("U", "W"):
        if not allow_user:
            raise _ApiError("channel_not_found")
        user = d._users.get(channel)
        if user is not None and user["is_bot"]:
            raise _ApiError("cannot_dm_bot")
        return d._dm_id(channel)
    if channel[:1] in ("C", "D", "G"):
        return channel
    raise _ApiError("channel_not_found")


def _message_fields(p: Json) -> Json:
    fields: Json = {"text": p.get("text", "")}
    for key in ("blocks", "attachments", "thread_ts"):
        if p.get(key) is not None:
            fields[key] = p[key]
    fields.setdefault("blocks", [])
    return fields


def _chat_post_message(d: SlackDouble, p: Json) -> Json:
    channel = _conversation(d, p.get("channel"), allow_user=True)
    if not p.get("text") and not p.get("blocks") and not p.get("attachments"):
        raise _ApiError("no_text")
    d._check_message("chat.postMessage", p)
    message = d._store(channel, {**_message_fields(p), "metadata": p.get("metadata")})
    public = {k: v for k, v in message.items() if k not in ("channel",) and v is not None}
    return {"channel": channel, "ts": message["ts"], "message": public}


def _chat_post_ephemeral(d: SlackDouble, p: Json) -> Json:
    _require(p, "channel", "user")
    channel = _conversation(d, p["channel"], allow_user=True)
    if not p.get("text") and not p.get("blocks") and not p.get("attachments"):
        raise _ApiError("no_text")
    d._check_message("chat.postEphemeral", p)
    ts = d._next_ts()
    d._ephemeral.append({"ts": ts, "channel": channel, "user": p["user"], **_message_fields(p)})
    return {"message_ts": ts}


def _chat_update(d: SlackDouble, p: Json) -> Json:
    _require(p, "channel", "ts")
    channel = _conversation(d, p["channel"], allow_user=False)
    d._check_message("chat.update", p)
    stored = d._find_stored({"channel": channel, "ts": p["ts"]})
    if stored is None:
        raise _ApiError("message_not_found")
    for key in ("text", "blocks", "attachments", "metadata"):
        if key in p:
            stored[key] = p[key]
    stored["edited"] = {"user": BOT_USER_ID, "ts": d._next_ts()}
    public = {k: v for k, v in stored.items() if k != "channel" and v is not None}
    return {"channel": channel, "ts": stored["ts"], "text": stored.get("text", ""), "message": public}


def _chat_delete(d: SlackDouble, p: Json) -> Json:
    _require(p, "channel", "ts")
    channel = _conversation(d, p["channel"], allow_user=False)
    stored = d._find_stored({"channel": channel, "ts": p["ts"]})
    if stored is None:
        raise _ApiError("message_not_found")
    d._history[channel].remove(stored)
    return {"channel": channel, "ts": p["ts"]}


def _conversations_open(d: SlackDouble, p: Json) -> Json:
    if p.get("channel"):
        channel = _conversation(d, p["channel"], allow_user=False)
        return {"no_op": True, "already_open": True, "channel": {"id": channel}}
    _require(p, "users")
    users = [u.strip() for u in str(p["users"]).split(",") if u.strip()]
    if len(users) != 1:
        raise _ApiError("not_supported_by_this_double")
    channel = _conversation(d, users[0], allow_user=True)
    already = channel in d._history
    d._history.setdefault(channel, [])
    return {"no_op": already, "already_open": already, "channel": {"id": channel}}


def _conversations_history(d: SlackDouble, p: Json) -> Json:
    _require(p, "channel")
    channel = _conversation(d, p["channel"], allow_user=False)
    if channel not in d._history:
        raise _ApiError("channel_not_found")
    inclusive = _truthy(p.get("inclusive"))
    oldest, latest = float(p.get("oldest") or 0), float(p.get("latest") or 0) or float("inf")

    def in_range(ts: float) -> bool:
        if inclusive:
            return oldest <= ts <= latest
        return oldest < ts < latest

    newest_first = [m for m in reversed(d._history[channel]) if in_range(float(m["ts"]))]
    limit = int(p.get("limit") or 100)
    start = _decode_cursor(p.get("cursor"))
    page = newest_first[start : start + limit]
    has_more = start + limit < len(newest_first)
    with_metadata = _truthy(p.get("include_all_metadata"))
    messages = []
    for m in page:
        shown = {k: v for k, v in m.items() if k != "channel" and v is not None}
        if not with_metadata:
            shown.pop("metadata", None)
        messages.append(shown)
    return {
        "messages": messages,
        "has_more": has_more,
        "pin_count": 0,
        "channel_actions_ts": None,
        "channel_actions_count": 0,
        "response_metadata": {"next_cursor": _encode_cursor(start + limit) if has_more else ""},
    }


def _user_view(d: SlackDouble, user: Json) -> Json:
    try:
        now = d._now().astimezone(ZoneInfo(user["tz"]))
        offset = int(now.utcoffset().total_seconds()) if now.utcoffset() else 0
        label = now.tzname() or user["tz"]
    except ZoneInfoNotFoundError:
        offset, label = 0, user["tz"]
    return {
        "id": user["id"],
        "team_id": TEAM_ID,
        "name": user["name"],
        "real_name": user["real_name"],
        "deleted": user["deleted"],
        "tz": user["tz"],
        "tz_label": label,
        "tz_offset": offset,
        "is_bot": user["is_bot"],
        "is_app_user": False,
        "is_admin": False,
        "is_owner": False,
        "updated": 1700000000,
        "profile": {"real_name": user["real_name"], "display_name": user["name"], "team": TEAM_ID},
    }


def _users_info(d: SlackDouble, p: Json) -> Json:
    _require(p, "user")
    user = d._users.get(str(p["user"]))
    if user is None:
        raise _ApiError("user_not_found")
    return {"user": _user_view(d, user)}


def _users_list(d: SlackDouble, p: Json) -> Json:
    members = list(d._users.values())
    limit = int(p.get("limit") or 0) or len(members) or 1
    start = _decode_cursor(p.get("cursor"))
    page = members[start : start + limit]
    has_more = start + limit < len(members)
    return {
        "members": [_user_view(d, u) for u in page],
        "cache_ts": int(d._now().timestamp()),
        "response_metadata": {"next_cursor": _encode_cursor(start + limit) if has_more else ""},
    }


def _views_open(d: SlackDouble, p: Json) -> Json:
    _require(p, "trigger_id", "view")
    view = d._check_view("views.open", p["view"])
    if view["type"] != "modal":
        raise _ApiError("invalid_arguments")
    rendered = d._render_view(view)
    d._views[rendered["id"]] = rendered
    return {"view": rendered}


def _views_push(d: SlackDouble, p: Json) -> Json:
    _require(p, "trigger_id", "view")
    view = d._check_view("views.push", p["view"])
    previous = list(d._views.values())[-1] if d._views else None
    rendered = d._render_view(view, previous=previous)
    d._views[rendered["id"]] = rendered
    return {"view": rendered}


def _views_update(d: SlackDouble, p: Json) -> Json:
    _require(p, "view")
    if p.get("view_id"):
        current = d._views.get(str(p["view_id"]))
    elif p.get("external_id"):
        current = next((v for v in d._views.values() if v["external_id"] == p["external_id"]), None)
    else:
        raise _ApiError("invalid_arguments")
    if current is None:
        raise _ApiError("not_found")
    if p.get("hash") and p["hash"] != current["hash"]:
        raise _ApiError("hash_conflict")
    view = d._check_view("views.update", p["view"])
    rendered = d._render_view(view, view_id=current["id"], previous=current)
    rendered["root_view_id"], rendered["previous_view_id"] = (
        current["root_view_id"],
        current["previous_view_id"],
    )
    d._views[current["id"]] = rendered
    return {"view": rendered}


def _views_publish(d: SlackDouble, p: Json) -> Json:
    _require(p, "user_id", "view")
    view = d._check_view("views.publish", p["view"])
    if view["type"] != "home":
        raise _ApiError("invalid_arguments")
    current = d._homes.get(str(p["user_id"]))
    if p.get("hash") and current and p["hash"] != current["hash"]:
        raise _ApiError("hash_conflict")
    rendered = d._render_view(view, view_id=current["id"] if current else None)
    d._homes[str(p["user_id"])] = rendered
    return {"view": rendered}


_METHODS: dict[str, Callable[[SlackDouble, Json], Json]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _chat_post_message,
    "chat.postEphemeral": _chat_post_ephemeral,
    "chat.update": _chat_update,
    "chat.delete": _chat_delete,
    "conversations.open": _conversations_open,
    "conversations.history": _conversations_history,
    "users.info": _users_info,
    "users.list": _users_list,
    "views.open": _views_open,
    "views.push": _views_push,
    "views.update": _views_update,
    "views.publish": _views_publish,
}


__all__ = ["BOT_ID", "BOT_USER_ID", "TEAM_ID", "Call", "SlackDouble", "validate_blocks", "validate_view"]
