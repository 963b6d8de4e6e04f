"""Reading a request from Slack over HTTP: size limit, signature first, then our own body parser.

Nothing reads a field of the body before its signature is verified (SPEC §13). Bolt checks the
signature too, but only after it has parsed the body, and its parser has two faults we must not
inherit: `slack_bolt.request.internals.parse_body` returns `{}` for any form body that contains the
substring "payload" without a `payload` field (a slash command whose text says "payload" is dropped),
and a deep or non-object JSON body raises before the check (a 500, and Bolt's error handler then
answers the unverified `response_url`). So this module verifies the raw bytes, parses them itself,
and hands Bolt the parsed body; a body that is not what Slack sends gets 400, never a 500.
"""

from __future__ import annotations

import hmac
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.request.internals import build_context

MAX_BODY_BYTES = 1 << 20  # 1 MiB: Slack's payloads are far smaller (a modal's state tops out near 100 KB)
MAX_SKEW_SECONDS = 60 * 5  # Slack's own recommendation for replay protection
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


@dataclass(frozen=True)
class Refusal:
    """A request we answer without acting on it: `status` 400, 401 or 413 and a short error word."""

    status: int
    error: str


@dataclass(frozen=True)
class SlackRequest:
    """A verified request: the raw text Bolt re-verifies, the parsed body, the headers."""

    text: str
    body: dict[str, Any]
    headers: dict[str, str]
    query: str


def headers_of(environ: dict) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")
    }
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = environ[key]
    return headers


def signature_ok(secret: str, raw: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's v0 signature over `v0:{timestamp}:{body}`, compared in constant time; the timestamp
    must be a whole number of seconds within five minutes of `now` (anything else is refused, not
    an exception)."""
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        return False
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        return False
    base = b"v0:" + timestamp.encode("ascii") + b":" + raw
    expected = "v0=" + hmac.new(secret.encode("utf-8"), base, sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def parse_slack_body(text: str, content_type: str) -> dict[str, Any] | None:
    """The body as Slack means it: JSON (events), a form (slash commands) or a form whose `payload`
    field is JSON (interactivity). None for anything that is not an object in one of those shapes."""
    base = content_type.split(";", 1)[0].strip().lower()
    try:
        if base == "application/json" or text.startswith("{"):
            body = json.loads(text)
        else:
            form = dict(parse_qsl(text, keep_blank_values=True))
            body = json.loads(form["payload"]) if "payload" in form else form
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return body if isinstance(body, dict) else None


def read_request(
    environ: dict, secret: str, *, now: Callable[[], float] = time.time
) -> SlackRequest | Refusal:
    """Read, verify and parse a POST from Slack, in that order; a Refusal says why not."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return Refusal(400, "bad_request")
    if length > MAX_BODY_BYTES:
        return Refusal(413, "request_too_large")
    if length <= 0:
        return Refusal(400, "bad_request")
    raw = environ["wsgi.input"].read(length)
    headers = headers_of(environ)
    timestamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not signature_ok(secret, raw, timestamp, signature, now()):
        return Refusal(401, "invalid_request")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(400, "bad_request")
    body = parse_slack_body(text, headers.get("content-type", ""))
    if body is None:
        return Refusal(400, "bad_request")
    return SlackRequest(text=text, body=body, headers=headers, query=environ.get("QUERY_STRING", ""))


def bolt_request(request: SlackRequest) -> BoltRequest:
    """A BoltRequest carrying our parsed body (and the context built from it), since Bolt's own
    parser may have read the same text differently (see the module docstring)."""
    bolt = BoltRequest(body=request.text, query=request.query, headers=request.headers)
    if bolt.body != request.body:
        bolt.body = request.body
        bolt.context = build_context(BoltContext({}), request.body)
    return bolt


def dispatch(app: App, request: SlackRequest):
    return app.dispatch(bolt_request(request))
