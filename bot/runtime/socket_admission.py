"""Admission control for Socket Mode: the HTTP door's two rules (bot.runtime.admission) for envelopes.

slack_sdk's builtin client puts every message it reads on a queue; one thread (`process_messages`)
hands each to `message_workers`, a thread pool whose own queue has no bound, so under a burst
envelopes wait there and are acked after Slack's 3 s. `EnvelopeDoor` takes that pool's place: the
same `Door` (the same two limits, its own thread that answers refusals, the same queue metrics),
serving envelopes on threads of its own. `AdmittingSocketModeClient` answers a refused envelope with
`busy_answer` and runs no listener: a 200 body goes back as the envelope's ack payload; a 503 is no
ack at all (Slack retries an event; for a press the user sees Slack's failure notice, as a timeout
would show, only sooner). A `disconnect` is never refused: the processing thread reconnects at once.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from queue import Empty
from typing import Any

from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.response import SocketModeResponse

from bot import metrics
from bot.runtime import admission
from bot.runtime.admission import MAX_WAIT_SECONDS, MAX_WAITING, REAP_SECONDS, Door, busy_answer
from bot.runtime.server import RequestKinds

ENVELOPE_WORKERS = 10  # envelopes served at once: Bolt's SocketModeHandler default (`concurrency`)


class _Call:
    """A submitted call as a task of the door, with the Future `submit` returned for it."""

    __slots__ = ("fn", "args", "kwargs", "future")

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.future: Future = Future()

    def service(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            raise  # nobody reads the future: the door's thread logs it
        self.future.set_result(result)

    def cancel(self) -> None:
        self.future.cancel()


class EnvelopeDoor(Door):
    """A Socket Mode client's `message_workers` (the `submit` and `shutdown` of the ThreadPoolExecutor
    it replaces) with the door's rules. A call refused on arrival, or after waiting `max_wait` for one
    of the `workers` threads, still runs, on the door's thread or the worker that reached it first,
    with `admission.current().shed` set: the call answers busy instead of serving."""

    def __init__(
        self,
        workers: int = ENVELOPE_WORKERS,
        *,
        max_waiting: int = MAX_WAITING,
        max_wait: float = MAX_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        reap_every: float | None = REAP_SECONDS,
    ) -> None:
        super().__init__(max_waiting=max_waiting, max_wait=max_wait, clock=clock, reap_every=reap_every)
        self.set_thread_count(workers)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        call = _Call(fn, args, kwargs)
        self.add_task(call)
        return call.future

    def start_new_thread(self, target: Callable[[int], None], thread_no: int) -> None:
        name = f"warmcall-envelope-{thread_no}"
        threading.Thread(target=target, name=name, args=(thread_no,), daemon=True).start()


class AdmittingSocketModeClient(SocketModeClient):
    """slack_sdk's builtin client with `door` as its `message_workers` (see the module docstring)."""

    def __init__(self, door: EnvelopeDoor, **options: Any) -> None:
        super().__init__(**options)
        self.message_workers.shutdown(wait=False)  # the pool it built: never used, no thread started
        self.message_workers = door  # type: ignore[assignment]
        self._kinds = RequestKinds()

    def process_message(self) -> None:
        """slack_sdk's own, handing each envelope to the door with what it needs to answer busy."""
        try:
            raw_message = self.message_queue.get(timeout=1)
        except Empty:
            return
        if raw_message is None:  # a wake-up, not a message
            return
        message: dict = json.loads(raw_message) if raw_message.startswith("{") else {}
        if message.get("type") == "disconnect":
            self.connect_to_new_endpoint(force=True)
        elif not message.get("envelope_id"):  # a hello: nothing to refuse or acknowledge, no worker needed
            self.run_message_listeners(message, raw_message)
        else:
            self.message_workers.submit(self._serve, message, raw_message)

    def _serve(self, message: dict, raw_message: str) -> None:
        ticket = admission.current()
        if ticket is not None and ticket.shed:
            self.answer_busy(message)
        else:
            self.run_message_listeners(message, raw_message)

    def answer_busy(self, message: dict) -> None:
        """Answer a refused envelope as HTTP answers a refused request, and count it the same way."""
        payload = message.get("payload")
        payload = payload if isinstance(payload, dict) else {}
        _, body = busy_answer(payload)
        metrics.REQUESTS.labels(self._kinds.of(payload), "busy").inc()
        if body is None:
            return  # a 503 over HTTP: no ack
        try:
            self.send_socket_mode_response(SocketModeResponse(message["envelope_id"], payload=body))
        except Exception:  # the socket is closing: Slack shows the user its timeout instead
            self.logger.warning("could not send the busy answer to a refused envelope", exc_info=True)
