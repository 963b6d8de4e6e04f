"""What the double stores (members, conversations, views, response URLs) and what it has seen.

One lock guards all of it; the Web API methods run with it held.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.testing.slackdouble.blockkit import metadata_errors, validate_blocks, validate_view
from bot.testing.slackdouble.records import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_ID,
    ApiError,
    Call,
    Clock,
    Json,
    ResponseUrl,
)
from bot.testing.slackdouble.seen import Shown, ack_problems, answerable, interaction_name


class Workspace:
    """The workspace state behind the double; `reset()` forgets everything but the members."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.users: dict[str, Json] = {}
        self.socket_links: Callable[[], str] | None = None  # apps.connections.open's URLs (SlackDouble)
        self.agent_surface = True  # the agent messaging methods answer (assistant.py); False: refused
        self.reset()

    def reset(self) -> None:
        self.calls: list[Call] = []
        self.block_errors: list[str] = []
        self.seen: list[Shown] = []
        self.warnings: list[str] = []
        self.responses: list[Json] = []
        self.history: dict[str, list[Json]] = {}
        self.ephemeral: list[Json] = []
        self.views: dict[str, Json] = {}
        self.homes: dict[str, Json] = {}
        self.response_urls: dict[str, ResponseUrl] = {}
        self.last_ts = 0
        self.ids = itertools.count(1)
        # assistant.threads.* (assistant.py), by (channel, thread_ts)
        self.assistant_prompts: dict[tuple[str, str | None], Json] = {}
        self.assistant_status: dict[tuple[str, str], str] = {}
        self.assistant_status_log: list[tuple[str, str, str]] = []
        self.assistant_titles: dict[tuple[str, str], str] = {}
        self.function_runs: dict[str, Json] = {}  # custom step executions by id (functions.py)

    # -- time -------------------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock.now() if self.clock else dt.datetime.now(dt.UTC)

    def seconds(self) -> float:
        """Fault windows (`for_seconds`) run on the double's clock when it has one, else real time."""
        return self.clock.now().timestamp() if self.clock else time.monotonic()

    def next_ts(self) -> str:
        with self.lock:
            micros = int(self.now().timestamp() * 1_000_000)
            self.last_ts = max(micros, self.last_ts + 1)
            return f"{self.last_ts // 1_000_000}.{self.last_ts % 1_000_000:06d}"

    # -- messages (call with the lock held) ---------------------------------------------------------

    @staticmethod
    def dm_id(channel_or_user: str) -> str:
        return f"D{channel_or_user}" if channel_or_user[:1] in ("U", "W") else channel_or_user

    def store(self, channel: str, fields: Json) -> Json:
        message = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "ts": self.next_ts(),
            "channel": channel,
            "metadata": None,
            **fields,
        }
        self.history.setdefault(channel, []).append(message)
        return message

    def find_stored(self, ref: Json) -> Json | None:
        for message in self.history.get(str(ref.get("channel")), []):
            if message["ts"] == ref.get("ts"):
                return message
        return None

    def show(self, via: str, body: Json, errors: list[str] | tuple[str, ...] = ()) -> None:
        """Record a reply the user saw (or Slack refused, given `errors`) under `via`."""
        with self.lock:
            self.seen.append(Shown(via, dict(body), tuple(errors)))
            self.block_errors.extend(f"{via}: {e}" for e in errors)

    def show_ack(self, transport: str, kind: str, payload: Json, answer: Any) -> None:
        """What Slack does with an ack's body: shows it (checked like any message or view), or, for
        requests whose ack it ignores, nothing (a warning: the app meant the user to see it)."""
        if not answer:
            return
        name = interaction_name(kind, payload)
        if not isinstance(answer, dict):
            answer = {"text": str(answer)}
        if not answerable(kind, payload):
            if name != "url_verification":
                with self.lock:
                    self.warnings.append(f"{transport}: the ack payload of a {name} envelope is ignored")
            return
        self.show(f"{transport} ack ({name})", answer, ack_problems(answer))

    def check_message(self, method: str, params: Json) -> None:
        block_errors = (
            validate_blocks(params["blocks"], "message") if params.get("blocks") is not None else []
        )
        # Metadata mistakes are payload-shape bugs too: one list for tests to assert empty.
        errors = block_errors + metadata_errors(params.get("metadata"))
        self.show(method, params, errors)
        if errors:
            code = "invalid_blocks" if block_errors else "invalid_metadata_format"
            raise ApiError(
                code, errors=errors, response_metadata={"messages": [f"[ERROR] {e}" for e in errors]}
            )
        if params.get("blocks") and not params.get("text"):
            self.warnings.append(f"{method}: blocks without a top-level text (no notification fallback)")
        if len(str(params.get("text") or "")) > 40_000:
            self.warnings.append(f"{method}: text longer than 40,000 characters is truncated")

    # -- views ------------------------------------------------------------------------------------

    def check_view(self, method: str, view: Any) -> Json:
        errors = validate_view(view)
        self.show(method, view if isinstance(view, dict) else {"view": view}, errors)
        if errors:
            raise ApiError(
                "invalid_blocks",
                errors=errors,
                response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
            )
        return view

    def render_view(self, view: Json, *, view_id: str | None = None, previous: Json | None = None) -> Json:
        view_id = view_id or f"V{next(self.ids):08d}"
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

    # -- members ----------------------------------------------------------------------------------

    def user_view(self, user: Json) -> Json:
        """A member as users.info and users.list show them, with the offset of their zone now."""
        try:
            now = self.now().astimezone(ZoneInfo(user["tz"]))
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
            "profile": {
                "real_name": user["real_name"],
                "display_name": user["name"],
                "title": user.get("title", ""),
                "team": TEAM_ID,
            },
        }
