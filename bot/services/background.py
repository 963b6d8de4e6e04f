"""The small, bounded pool listeners hand their after-ack work to (see bot.runtime.postack for why).

Bounded: a reply that waits behind minutes of queued work is worse than "busy, try again", so a
listener asks `has_room()` before it promises work after its ack. Work that must not be lost does not
live here alone: it is a row in the durable queue (bot.services.queue) that this pool merely runs first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor, wait

log = logging.getLogger(__name__)

WORKERS = 2  # CPU-bound Python: more threads than this only add GIL contention for the acks
MAX_WAITING = 64  # work not yet started; at a few tens of ms each, about a second or two of backlog


class BackgroundWork:
    """A small pool for the work a listener does after its ack, holding at most `max_waiting` items
    that have not started. `submit` itself never refuses (a listener that checked `has_room` may
    overshoot by the few listeners that checked at the same moment); `submit_once` drops work when full."""

    def __init__(self, workers: int = WORKERS, max_waiting: int = MAX_WAITING) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warmcall-work")
        self.max_waiting = max_waiting
        self._waiting = 0
        self._coalesced: set[Hashable] = set()
        self._futures: set[Future] = set()
        self._lock = threading.Lock()

    def has_room(self) -> bool:
        """Whether work submitted now starts soon (the queue of not-yet-started work is not full)."""
        with self._lock:
            return self._waiting < self.max_waiting

    @property
    def waiting(self) -> int:
        with self._lock:
            return self._waiting

    def submit(
        self, fn: Callable[..., object], /, *args, on_error: Callable[[], object] | None = None
    ) -> Future | None:
        """Run `fn(*args)` on the pool. None when the pool has been shut down (the process is
        stopping: durable work stays in its queue for another replica)."""

        def run() -> None:
            with self._lock:
                self._waiting -= 1
            try:
                fn(*args)
            except Exception:  # the listener has returned: log, and tell the user if we can
                log.exception("background work %s failed", getattr(fn, "__name__", fn))
                if on_error is not None:
                    try:
                        on_error()
                    except Exception:
                        log.warning("could not tell the user about the failure")

        with self._lock:
            self._waiting += 1
        try:
            future = self.executor.submit(run)
        except RuntimeError:  # "cannot schedule new futures after shutdown"
            with self._lock:
                self._waiting -= 1
            log.info("stopping: %s not started", getattr(fn, "__name__", fn))
            return None
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)

    def submit_once(self, key: Hashable, fn: Callable[[], object]) -> Future | None:
        """Run `fn` unless work under the same key is still waiting to start (it will see the newest
        data, so a burst of changes costs one run), or the pool is full (a Home refresh can wait for
        the next change). Returns None when coalesced or dropped."""
        with self._lock:
            if key in self._coalesced or self._waiting >= self.max_waiting:
                return None
            self._coalesced.add(key)

        def run() -> None:
            with self._lock:
                self._coalesced.discard(key)  # changes from now on schedule another run
            fn()

        run.__name__ = getattr(fn, "__name__", "work")
        future = self.submit(run)
        if future is None:
            with self._lock:
                self._coalesced.discard(key)
        return future

    def drain(self, timeout: float) -> bool:
        """Take no more work and wait up to `timeout` seconds for what was submitted (started or not)
        to finish. True when all of it did."""
        self.executor.shutdown(wait=False, cancel_futures=False)
        with self._lock:
            pending = set(self._futures)
        _, not_done = wait(pending, timeout=max(timeout, 0))
        if not_done:
            log.warning("stopping with %s pieces of after-ack work unfinished", len(not_done))
        return not not_done

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=False)
