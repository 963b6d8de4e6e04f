"""Admission control at the door: under overload a request is told "busy, try again" at once instead
of being acknowledged after Slack's 3 s (when the user sees a timeout for a command that may even
have run).

waitress hands each complete request to a queue served by a few request threads (server.HTTP_THREADS).
`Door` is that queue with two rules:
- a request that arrives while `max_waiting` requests are already waiting is not queued: it goes to
  the door's own thread, which answers it at once, whatever the request threads are doing;
- a request that has waited `max_wait` seconds for a request thread is taken out by the door's thread
  (or, if a request thread gets to it first, answered as busy by that thread).
Either way the request is marked (`Ticket.shed`) and the WSGI app (bot.runtime.server) answers it with
`busy_answer` without running a listener: nothing is done, so trying again is safe. Socket Mode
envelopes pass the same door, with the same limits (bot.runtime.socket_admission).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from waitress.task import ThreadedTaskDispatcher

from bot.metrics import QUEUE_DEPTH, QUEUE_WAIT_SECONDS
from handlers.blocks.kit import BUSY, busy_reply

# Slack gives an ack 3 s. A request that waited 1.5 s for a thread is refused while the refusal
# still arrives in time (it costs a millisecond); an admitted one has the rest for its ack.
MAX_WAIT_SECONDS = 1.5
# Waiting requests per process beyond which a new one is refused on arrival. At the 5-20 ms an ack
# takes on a busy core, 100 waiting is about a second of work for the request threads.
MAX_WAITING = 100
REAP_SECONDS = 0.05  # how often the door's thread looks for requests that have waited too long

DEEP, WAITED = "deep", "waited"


@dataclass
class Ticket:
    """When a request was queued, and why it is refused (None: admitted)."""

    enqueued: float
    shed: str | None = None


_current = threading.local()


def current() -> Ticket | None:
    """The ticket of the request this thread is serving (None outside a Door, e.g. a bare waitress)."""
    return getattr(_current, "ticket", None)


class _Stamped:
    """A waitress task (its channel) with its ticket, set for the thread that serves it."""

    __slots__ = ("task", "ticket", "door")

    def __init__(self, task, ticket: Ticket, door: Door) -> None:
        self.task, self.ticket, self.door = task, ticket, door

    def service(self) -> None:
        door = self.door
        waited = door.clock() - self.ticket.enqueued
        if self.ticket.shed is None and waited > door.max_wait:
            self.ticket.shed = WAITED
        QUEUE_WAIT_SECONDS.observe(max(waited, 0.0))
        QUEUE_DEPTH.set(len(door.queue))
        _current.ticket = self.ticket
        try:
            self.task.service()
        finally:
            _current.ticket = None

    def cancel(self) -> None:
        self.task.cancel()

    def defer(self) -> None:
        self.task.defer()


class Door(ThreadedTaskDispatcher):
    """waitress's task dispatcher with admission control (see the module docstring)."""

    def __init__(
        self,
        *,
        max_waiting: int = MAX_WAITING,
        max_wait: float = MAX_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        reap_every: float | None = REAP_SECONDS,
    ) -> None:
        """`reap_every=None`: no thread of its own (tests call `serve_refused()` themselves)."""
        super().__init__()
        self.max_waiting, self.max_wait, self.clock = max_waiting, max_wait, clock
        self.refused: deque[_Stamped] = deque()
        self._door_cv = threading.Condition(self.lock)
        self._closing = False
        self._thread: threading.Thread | None = None
        self.reap_every = reap_every
        if reap_every is not None:
            self._thread = threading.Thread(target=self._run, name="warmcall-door", daemon=True)
            self._thread.start()

    def add_task(self, task) -> None:
        now = self.clock()
        with self.lock:
            if len(self.queue) >= self.max_waiting:
                self.refused.append(_Stamped(task, Ticket(now, DEEP), self))
                self._door_cv.notify()
            else:
                self.queue.append(_Stamped(task, Ticket(now), self))
                self.queue_cv.notify()
            depth = len(self.queue)
        QUEUE_DEPTH.set(depth)

    def busy(self) -> bool:
        """Anything queued, refused but not yet answered, or being served."""
        with self.lock:
            return bool(self.queue) or bool(self.refused) or self.active_count > 0

    def _next_refused(self) -> _Stamped | None:
        """Under the lock: a refused request, else the oldest waiting one if it waited too long."""
        if self.refused:
            return self.refused.popleft()
        if self.queue and self.clock() - self.queue[0].ticket.enqueued > self.max_wait:
            stamped = self.queue.popleft()
            stamped.ticket.shed = WAITED
            return stamped
        return None

    def serve_refused(self) -> int:
        """Answer every refused request and every one that waited too long, on this thread. How many."""
        served = 0
        while True:
            with self.lock:
                stamped = self._next_refused()
            if stamped is None:
                return served
            self._serve(stamped)
            served += 1

    def _serve(self, stamped: _Stamped) -> None:
        try:
            stamped.service()
        except BaseException:
            self.logger.exception("Exception when answering a refused request")

    def _run(self) -> None:
        while True:
            with self.lock:
                stamped = self._next_refused()
                while stamped is None and not self._closing:
                    self._door_cv.wait(self.reap_every)
                    stamped = self._next_refused()
                if self._closing:
                    if stamped is not None:
                        stamped.cancel()
                    return
            self._serve(stamped)

    def shutdown(self, cancel_pending: bool = True, timeout: float = 5) -> bool:
        with self.lock:
            self._closing = True
            self._door_cv.notify_all()
            while self.refused:
                self.refused.popleft().cancel()
        if self._thread is not None:
            self._thread.join(timeout)
        return super().shutdown(cancel_pending, timeout)


def busy_answer(body: dict) -> tuple[int, dict | None]:
    """What a refused request from Slack is answered: (HTTP status, JSON body or None).

    A slash command: 200 with the busy sentence, shown to the user as the reply. A modal's submit:
    the sentence as the error under its first input (the modal stays open, the user submits again).
    Anything else (events, button presses, shortcuts): 503 at once. Slack retries an event later
    (the replay guard drops a repeat of one that did run), and shows the user its own failure notice
    for a press, which is what a timeout shows too, only three seconds sooner."""
    if isinstance(body.get("command"), str):
        return 200, busy_reply()
    if body.get("type") == "view_submission":
        blocks = (body.get("view") or {}).get("blocks") or []
        for block in blocks:
            if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
                return 200, {"response_action": "errors", "errors": {block["block_id"]: BUSY}}
    return 503, None
