"""Slack's limits for an app distributed outside the Marketplace (new installs since 29 May 2025, every
install since 3 March 2026): conversations.history and conversations.replies, one call a minute per
workspace, each returning at most 15 messages. Off until a test turns it on (`distributed_app()`)."""

from __future__ import annotations

import math
from collections.abc import Callable

from bot.testing.slackdouble.records import Json

LIMITED = ("conversations.history", "conversations.replies")
WINDOW_SECONDS = 60.0


class HistoryLimit:
    """Per (workspace, method): the calls admitted in the last minute. The caller holds the lock."""

    def __init__(self, seconds: Callable[[], float]) -> None:
        self._seconds = seconds
        self.per_minute: int | None = None  # None: off
        self.messages = 15
        self._admitted: dict[tuple[str, str], list[float]] = {}

    def configure(self, per_minute: int | None, messages: int) -> None:
        self.per_minute, self.messages = per_minute, messages
        self._admitted.clear()

    def refuse(self, method: str, workspace: str) -> int | None:
        """Retry-After seconds (until the oldest admitted call leaves the minute) when this call is one
        too many, else None (and the call counts)."""
        if self.per_minute is None or method not in LIMITED:
            return None
        now = self._seconds()
        admitted = self._admitted.setdefault((workspace, method), [])
        admitted[:] = [t for t in admitted if now - t < WINDOW_SECONDS]
        if len(admitted) >= self.per_minute:
            return max(1, math.ceil(WINDOW_SECONDS - (now - admitted[0])))
        admitted.append(now)
        return None

    def capped(self, method: str, params: Json) -> Json:
        """The call's parameters with at most `messages` per call, whatever `limit` asks for (the
        recorded call keeps what the app asked)."""
        if self.per_minute is None or method not in LIMITED:
            return params
        return {**params, "limit": str(min(int(params.get("limit") or 100), self.messages))}
