"""The small, bounded pool listeners hand their after-ack work to (see bot.runtime.postack for why).

Bounded: a reply that waits behind minutes of queued work is worse than "busy, try again", so a
listener asks `has_room()` before it promises work after its ack. Work that must not be lost does not
live here alone: it is a row in the durable queue (bot.services.queue) that this pool merely runs first.

Heavy work (reading an uploaded file, an import, an export, card photos: up to seconds of CPU each)
goes through `submit_for(user, …)` instead: its own threads, one queue per user. A user's heavy jobs
run one at a time in the order given, users take turns, and none of it waits in or holds up the
threads every other reply runs on: one user's 5 MB import never delays another user's /met.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor, wait

log = logging.getLogger(__name__)


def _run_logged(
    what: str, fn: Callable[..., object], args: tuple, on_error: Callable[[], object] | None
) -> None:
    """`fn(*args)` after the listener has returned: a failure is logged, and the user told if we can."""
    try:
        fn(*args)
    except Exception:
        log.exception("%s %s failed", what, getattr(fn, "__name__", fn))
        if on_error is not None:
            try:
                on_error()
            except Exception:
                log.warning("could not tell the user about the failure")


WORKERS = 2  # CPU-bound Python: more threads than this only add GIL contention for the acks
MAX_WAITING = 64  # work not yet started; at a few tens of ms each, about a second or two of backlog
HEAVY_WORKERS = 2  # users whose heavy jobs run at once; the others wait their turn
MAX_PER_USER = 8  # heavy jobs one user may have waiting; past that, `submit_for` refuses


class _Heavy:
    """A heavy job as the lanes' executor sees it (so it runs on the heavy threads)."""

    __slots__ = ("run",)

    def __init__(self, run: Callable[[], None]) -> None:
        self.run = run

    def __call__(self) -> None:
        self.run()


class Lanes:
    """The pool's executor: one `submit` (a BusyTracker that wraps it counts both lanes), ordinary
    work on `workers` threads and heavy work (a `_Heavy`) on threads of its own."""

    def __init__(self, workers: int, heavy_workers: int) -> None:
        self.ordinary = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warmcall-work")
        self.heavy = ThreadPoolExecutor(max_workers=heavy_workers, thread_name_prefix="warmcall-heavy")

    def submit(self, fn, /, *args, **kwargs) -> Future:
        pool = self.heavy if isinstance(fn, _Heavy) else self.ordinary
        return pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.ordinary.shutdown(wait=wait, cancel_futures=cancel_futures)
        self.heavy.shutdown(wait=wait, cancel_futures=cancel_futures)


class BackgroundWork:
    """A small pool for the work a listener does after its ack, holding at most `max_waiting` items
    that have not started. `submit` itself never refuses (a listener that checked `has_room` may
    overshoot by the few listeners that checked at the same moment); `submit_once` drops work when full."""

    def __init__(
        self,
        workers: int = WORKERS,
        max_waiting: int = MAX_WAITING,
        *,
        heavy_workers: int = HEAVY_WORKERS,
        max_per_user: int = MAX_PER_USER,
    ) -> None:
        self.executor = Lanes(workers, heavy_workers)
        self.max_waiting = max_waiting
        self._waiting = 0
        self._coalesced: set[Hashable] = set()
        self._futures: set[Future] = set()
        self._lock = threading.Lock()
        self.heavy_workers, self.max_per_user = heavy_workers, max_per_user
        self._per_user: dict[Hashable, deque[Callable[[], None]]] = {}
        self._turns: deque[Hashable] = deque()  # users with heavy work waiting and none running
        self._running: set[Hashable] = set()
        self._closing = False

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
            _run_logged("background work", fn, args, on_error)

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

    # -- heavy work, one queue per user ----------------------------------------------------------

    def submit_for(
        self,
        user: Hashable,
        fn: Callable[..., object],
        /,
        *args,
        on_error: Callable[[], object] | None = None,
    ) -> bool:
        """Run `fn(*args)` on the heavy threads after `user`'s earlier heavy jobs, taking turns with
        other users. False when the user already has `max_per_user` jobs waiting, or the process is
        stopping (nothing will run)."""

        def job() -> None:
            _run_logged("heavy work", fn, args, on_error)

        with self._lock:
            if self._closing:
                return False
            waiting = self._per_user.setdefault(user, deque())
            if len(waiting) >= self.max_per_user:
                log.info("a user has %s heavy jobs waiting: refused one more", len(waiting))
                return False
            waiting.append(job)
            if user in self._running or user in self._turns:
                return True
            if len(self._running) >= self.heavy_workers:
                self._turns.append(user)
                return True
            self._running.add(user)
        self._start(user)
        return True

    def _start(self, user: Hashable) -> None:
        """Run `user`'s next heavy job (the caller has marked the user running)."""
        with self._lock:
            job = self._per_user[user].popleft()

        def run() -> None:
            try:
                job()
            finally:
                self._next_turn(user)

        future = self.executor.submit(_Heavy(run))
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _next_turn(self, user: Hashable) -> None:
        """A heavy job of `user` ended: the next user waiting goes next (this one, if it has more, at
        the back). Started before this job's thread returns, so the pool never looks idle between."""
        with self._lock:
            self._running.discard(user)
            if self._per_user.get(user):
                self._turns.append(user)
            else:
                self._per_user.pop(user, None)
            if not self._turns:
                return
            following = self._turns.popleft()
            self._running.add(following)
        self._start(following)

    def heavy_waiting(self, user: Hashable) -> int:
        """Heavy jobs of `user` not started yet."""
        with self._lock:
            return len(self._per_user.get(user, ()))

    def drain(self, timeout: float) -> bool:
        """Take no more work and wait up to `timeout` seconds for what was submitted (started or not,
        heavy work waiting its turn included) to finish. True when all of it did."""
        deadline = time.monotonic() + max(timeout, 0)
        self.executor.ordinary.shutdown(wait=False, cancel_futures=False)
        with self._lock:
            self._closing = True
        while True:
            with self._lock:
                pending = set(self._futures)
                lanes_busy = bool(self._running or self._turns)
            if not pending and not lanes_busy:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if pending:
                wait(pending, timeout=min(remaining, 0.5))
            else:  # a heavy job is handing over to the next one
                time.sleep(0.01)
        self.executor.heavy.shutdown(wait=False, cancel_futures=False)
        with self._lock:
            unfinished = len(self._futures) + sum(len(q) for q in self._per_user.values())
        if unfinished:
            log.warning("stopping with %s pieces of after-ack work unfinished", unfinished)
        return not unfinished

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=False)
