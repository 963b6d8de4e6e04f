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
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import Ack, App

log = logging.getLogger(__name__)

LISTENER_THREADS = 64


def listener_executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="warmcall-listener")


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
