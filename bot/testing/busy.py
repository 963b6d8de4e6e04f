"""Knowing when the app is idle: count the listener work Bolt (and the after-ack pool) still runs.

The console waits on it before it prints, the scenario tests before they assert.
"""

from __future__ import annotations

import threading
from typing import Any


class BusyTracker:
    """Counts listener work Bolt runs after the ack (its listener executor), to know when the app is idle."""

    def __init__(self) -> None:
        self._pending = 0
        self._lock = threading.Lock()

    def track(self, executor: Any) -> None:
        submit = executor.submit

        def counted_submit(fn, /, *args, **kwargs):
            with self._lock:
                self._pending += 1
            future = submit(fn, *args, **kwargs)
            future.add_done_callback(self._done)
            return future

        executor.submit = counted_submit

    def _done(self, _future) -> None:
        with self._lock:
            self._pending -= 1

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0
