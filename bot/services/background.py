"""The small pool listeners hand their after-ack work to (see bot.runtime.postack for why)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

WORKERS = 2  # CPU-bound Python: more threads than this only add GIL contention for the acks


class BackgroundWork:
    """A small pool for the work a listener does after its ack."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warmcall-work")
        self._waiting: set[Hashable] = set()
        self._lock = threading.Lock()

    def submit(
        self, fn: Callable[..., object], /, *args, on_error: Callable[[], object] | None = None
    ) -> Future:
        def run() -> None:
            try:
                fn(*args)
            except Exception:  # the listener has returned: log, and tell the user if we can
                log.exception("background work %s failed", getattr(fn, "__name__", fn))
                if on_error is not None:
                    try:
                        on_error()
                    except Exception:
                        log.warning("could not tell the user about the failure")

        return self.executor.submit(run)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=False)

    def submit_once(self, key: Hashable, fn: Callable[[], object]) -> Future | None:
        """Run `fn` unless work under the same key is still waiting to start (it will see the newest
        data, so a burst of changes costs one run). Returns None when coalesced."""
        with self._lock:
            if key in self._waiting:
                return None
            self._waiting.add(key)

        def run() -> None:
            with self._lock:
                self._waiting.discard(key)  # changes from now on schedule another run
            fn()

        run.__name__ = getattr(fn, "__name__", "work")
        return self.submit(run)
