"""The send pacer: keeps one process's digest posts under a rate limit it learns from 429s."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Protocol


class Monotonic(Protocol):
    """Elapsed time and waiting, injected so tests drive the pacer without sleeping."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back."""

    def sleep(self, seconds: float) -> None:
        """Let `seconds` pass."""


class SystemMonotonic:
    """The real one: time.monotonic and time.sleep."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class ManualMonotonic:
    """Time that moves only when told: `advance`, or `sleep`, which returns at once having moved it."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += max(0.0, seconds)

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)


class SendPacer:
    """Paces posts within one process so a rate-limited workspace gets a steady stream, not bursts.

    After a 429 nobody posts before Retry-After, and the rate drops to just under what got through in
    the last second (Slack's allowance, as observed). That rate is also the ceiling: a 429 stops
    everyone for Retry-After, so climbing back into the same limit again and again costs more than
    it gains. A 429 at the paced rate itself (posts bunch up in transit) lowers the rate by one post
    per second, and a minute without refusals raises the ceiling by one, in case the allowance grew.
    Besides the spacing, no more posts leave within any one second than got through before the 429,
    less WINDOW_ROOM (`admit`). Refusals of posts already in flight when the first one came back
    change nothing. A worker that would have to wait long gives its claim back instead (`reserve`
    returns None).
    """

    HEADROOM = 0.92  # the rate after a 429, as a share of what got through
    WINDOW_ROOM = 4  # and at most this many fewer posts in any one second than got through

    def __init__(
        self,
        *,
        clock: Monotonic | None = None,
        max_wait: float = 1.5,
        increase_every: float = 10.0,
        probe_every: float = 60.0,
    ) -> None:
        self.clock: Monotonic = clock or SystemMonotonic()
        self._lock = threading.Lock()
        self._rate: float | None = None  # posts per second; None = as fast as the workers go
        self._ceiling: float | None = None  # the rate may climb back up to this
        self._next_slot = 0.0
        self._gate_until = 0.0  # end of the last Retry-After
        self._successes: deque[float] = deque()
        self._sends: deque[float] = deque()  # when posts actually left, for the last second
        self._window_cap: int | None = None  # at most this many posts leave in any second
        self._last_change = 0.0
        self._last_refusal = 0.0
        self._max_wait = max_wait
        self._increase_every = increase_every
        self._probe_every = probe_every

    def reserve(self) -> float | None:
        """Seconds to wait before posting, or None when the wait would be too long (release instead)."""
        with self._lock:
            now = self.clock.monotonic()
            slot = max(now, self._next_slot)
            if slot - now > self._max_wait:
                return None
            if self._rate:
                self._next_slot = slot + 1.0 / self._rate
                if now - self._last_change > self._increase_every:
                    self._climb(now)
            return slot - now

    def wait(self, seconds: float) -> None:
        """Wait out what `reserve` said, on the pacer's clock."""
        self.clock.sleep(seconds)

    def admit(self) -> None:
        """Call right before a post leaves: waits while the last second already holds the window cap.
        Spacing alone is not enough: posts reserved on time can leave late (threads wait for the GIL)
        and bunch up, and Slack counts them when they arrive."""
        while True:
            with self._lock:
                now = self.clock.monotonic()
                while self._sends and now - self._sends[0] >= 1.0:
                    self._sends.popleft()
                if self._window_cap is None or len(self._sends) < self._window_cap:
                    self._sends.append(now)
                    return
                wait = self._sends[0] + 1.0 - now
            self.clock.sleep(max(0.001, wait))

    def _climb(self, now: float) -> None:
        if self._rate is None:
            return
        if self._ceiling is not None and now - self._last_refusal > self._probe_every:
            self._ceiling += 1.0
            if self._window_cap is not None:
                self._window_cap += 1
            self._last_refusal = now
        if self._ceiling is None or self._rate + 1.0 <= self._ceiling:
            self._rate += 1.0
        self._last_change = now

    def gate(self) -> float:
        """Seconds until posting is allowed again."""
        with self._lock:
            return max(0.0, self._next_slot - self.clock.monotonic())

    def succeeded(self) -> None:
        with self._lock:
            now = self.clock.monotonic()
            self._successes.append(now)
            while self._successes and now - self._successes[0] > 1.0:
                self._successes.popleft()

    def rate_limited(self, retry_after: float) -> None:
        with self._lock:
            now = self.clock.monotonic()
            if now < self._gate_until:
                return  # a post that left before the first refusal came back: already handled
            while self._successes and now - self._successes[0] > 1.0:
                self._successes.popleft()
            observed = len(self._successes)
            if observed:
                # room for posts bunched in transit
                target, cap = self.HEADROOM * observed, observed - self.WINDOW_ROOM
                if self._rate is not None and self._rate <= target + 0.5:
                    # Refused at our own pace: posts bunch up more than the room we left; ease off.
                    target = self._rate - 1.0
                    cap = min(cap, (self._window_cap or cap) - 1)
                self._rate = max(1.0, target)
                self._ceiling = self._rate
                self._window_cap = max(1, cap)
            else:  # nothing got through lately: no measure of the allowance, so no ceiling
                self._rate = max(1.0, (self._rate or 2.0) / 2)
                self._ceiling = self._window_cap = None
            self._last_change = self._last_refusal = now
            self._gate_until = now + retry_after
            self._next_slot = max(self._next_slot, self._gate_until)
