"""The double's identities and the small records it keeps: calls, response URLs, API errors, cursors."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

TEAM_ID = "T0001"
BOT_USER_ID = "UBOT"
BOT_ID = "B0001"


def default_auth() -> dict:
    """What `auth.test` answers for the single-workspace bot token (the default team's install)."""
    return {
        "url": "https://warmcall-test.slack.com/",
        "team": "Warmcall Test",
        "user": "warmcall",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


APP_ID = "A0001"

Json = dict[str, Any]


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


@dataclass
class Call:
    """One Web API call as received (the token kept apart from the params); `status`/`response` are
    filled once answered."""

    method: str
    params: Json
    at: dt.datetime
    status: int = 0
    response: Json | None = None
    token: str | None = None  # which token the call came with (never logged)


@dataclass
class ResponseUrl:
    url: str
    channel: str | None
    user_id: str | None
    original: Json | None
    uses: int = 0


class ApiError(Exception):
    """A Web API refusal: answered as `{"ok": false, "error": error, **extra}`."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


def truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def require(params: Json, *names: str) -> None:
    missing = [n for n in names if params.get(n) in (None, "")]
    if missing:
        raise ApiError(
            "invalid_arguments",
            response_metadata={"messages": [f"[ERROR] missing required field: {n}" for n in missing]},
        )


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: Any) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.b64decode(str(cursor)).decode().partition(":")
        if kind != "offset":
            raise ValueError(cursor)
        return int(value)
    except ValueError as exc:
        raise ApiError("invalid_cursor") from exc
