"""Injected faults (errors, HTTP statuses, 429s, delays) and per-method rate limits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from bot.testing.slackdouble.records import Json


@dataclass
class Fault:
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


class Faults:
    """The faults in force; `seconds` is the clock their `for_seconds` windows run on."""

    def __init__(self, lock: threading.RLock, seconds: Callable[[], float]) -> None:
        self._lock = lock
        self._seconds = seconds
        self._faults: list[Fault] = []
        self._rate_limits: dict[str, tuple[float, list[float]]] = {}

    def add(
        self, fault: Fault, times: int | None, for_seconds: float | None, when: dict[str, Any] | None
    ) -> None:
        fault.times = times
        fault.until = self._seconds() + for_seconds if for_seconds is not None else None
        fault.when = when
        with self._lock:
            self._faults.append(fault)

    def limit_rate(self, method: str, per_second: float) -> None:
        with self._lock:
            self._rate_limits[method] = (per_second, [])

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._rate_limits.clear()

    def consume(self, method: str, params: Json) -> tuple[float, Fault | None]:
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
                    failing = Fault(method, "ratelimit", retry_after=1)
                else:
                    stamps.append(now)
        return delay, failing
