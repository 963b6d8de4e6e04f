"""Keep acks fast under load: listeners start at once, and slow command work runs on a small pool.

Bolt runs each listener in its executor and answers Slack when the listener calls ack(). Bolt's
default executor has 5 threads: once 5 listeners are busy with work after their ack, every new
request waits to even start, and its ack with it. So listeners get a large executor (they never wait
to start), and the slash commands hand everything after their ack to `BackgroundWork`: a few worker
threads with a queue. Under a burst the replies queue (users get them a moment later through
response_url, valid for 30 minutes) while acks stay fast, instead of every ack slowing down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from slack_bolt import Ack, App

log = logging.getLogger(__name__)

LISTENER_THREADS = 64
WORKERS = 2  # CPU-bound Python: more threads than this only add GIL contention for the acks


def listener_executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="warmcall-listener")


class BackgroundWork:
    """A small pool for the work a listener does after its ack."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warmcall-work")

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


class StickyAck(Ack):
    """An Ack whose answer, once given, stays given.

    When a listener raises after calling ack(), Bolt's thread runner resets `ack.response` to None
    (slack_bolt/listener/thread_runner.py), so a request already acknowledged would wait out the 3 s
    and reach the user as a timeout. The ack was sent; keep it.
    """

    @property
    def response(self):
        return self.__dict__.get("_response")

    @response.setter
    def response(self, value) -> None:
        if value is None and self.__dict__.get("_response") is not None:
            return
        self.__dict__["_response"] = value


def install(app: App) -> None:
    @app.middleware
    def sticky_ack(context, next) -> None:  # noqa: A002 - Bolt's middleware signature
        if "ack" not in context:
            context["ack"] = StickyAck()
        next()
