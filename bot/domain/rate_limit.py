"""A request rate per key (a client address): a token bucket, with the time passed in.

`allow(key, now)` spends one token of the key's bucket, or says how long until there is one. Only the
`max_keys` most recently seen keys are remembered, so a flood from many addresses costs bounded memory
(a forgotten key starts again with a full bucket).
"""

from __future__ import annotations

from collections import OrderedDict


class RateLimit:
    def __init__(self, *, per_minute: float, burst: int, max_keys: int = 10_000) -> None:
        self.per_second = per_minute / 60
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key: (tokens, when)

    def allow(self, key: str, now: float) -> float | None:
        """None when the request may go ahead (a token spent); else the seconds until it may."""
        tokens, then = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - then) * self.per_second)
        allowed = tokens >= 1
        self._buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return None if allowed else (1 - tokens) / self.per_second
