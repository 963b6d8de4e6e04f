"""Time as an injected dependency, so rules and the scheduler can be tested by time travel."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, timezone-aware UTC."""


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock that only moves when told (tests, and `advance 3d` in the console)."""

    def __init__(self, start: dt.datetime | None = None, *, follow_real_time: bool = False) -> None:
        start = start or dt.datetime.now(dt.UTC)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._offset = start - dt.datetime.now(dt.UTC)
        self._frozen = None if follow_real_time else start
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            return dt.datetime.now(dt.UTC) + self._offset

    def set(self, instant: dt.datetime) -> None:
        with self._lock:
            if self._frozen is not None:
                self._frozen = instant
            else:
                self._offset = instant - dt.datetime.now(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self.set(self.now() + delta)


def local_now(clock: Clock, tz: str) -> dt.datetime:
    return clock.now().astimezone(zone(tz))


def local_today(clock: Clock, tz: str) -> dt.date:
    return local_now(clock, tz).date()


def zone(tz: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz or "UTC")
    except Exception:  # an unknown or malformed zone name from Slack: fall back, never crash
        return ZoneInfo("UTC")


def naive_utc(instant: dt.datetime) -> dt.datetime:
    """Database timestamps are naive UTC (portable across SQLite and PostgreSQL)."""
    return instant.astimezone(dt.UTC).replace(tzinfo=None)
