"""The world over Socket Mode: the real app behind the Socket Mode handler `warmcall` runs when
SLACK_APP_TOKEN is set (bot.runtime.socket_mode), connected to the Slack double's WebSocket.

`SocketWorld` has the attributes the verbs in tests.world use (`slack`, `double`, `db`, `busy`, …),
so `slash_command`, `press`, `click`, `open_home`, `settle` and the rest work on it unchanged; its
`slack` sends envelopes and answers with the app's ack.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket

from bot.domain.clock import ManualClock
from bot.runtime.app import build_app
from bot.runtime.socket_admission import EnvelopeDoor
from bot.runtime.socket_mode import socket_mode_handler
from bot.services.context import Services
from bot.testing.busy import BusyTracker
from bot.testing.slackdouble import SlackDouble
from bot.testing.socket_requests import SocketModeRequester
from storage.db import Database
from tests.world import TEAM, Allowed, World, check_seen, settings_for

APP_TOKEN = "xapp-1-A0001-1-test"


class SocketWorld(World):
    """A World whose app talks to Slack over Socket Mode instead of serving HTTP."""

    def __init__(
        self, db: Database, *, now: dt.datetime, team_id: str = TEAM, door: EnvelopeDoor | None = None
    ) -> None:
        """`door`: the admission rules in front of the envelope workers (the defaults when not given)."""
        self.db = db
        self.team_id = team_id
        self.double = SlackDouble().start()
        self.clock = ManualClock(now)
        settings = settings_for(db.url, self.double.url, app_token=APP_TOKEN, signing_secret=None)
        self.services = Services(settings=settings, db=db, clock=self.clock)
        self.app = build_app(self.services)
        self.handler = socket_mode_handler(self.app, self.services, door)  # the one `warmcall` connects
        self.busy = BusyTracker()
        self.busy.track(self.app.listener_runner.listener_executor)
        self.busy.track(self.services.background.executor)
        self.busy.track(self.handler.client.message_workers)  # where Bolt runs each envelope
        self.handler.connect()
        self.double.socket_mode.wait_for_link(1)
        self.slack = SocketModeRequester(
            self.double.socket_mode, team_id=team_id, response_urls=self.double.new_response_url
        )
        self.allowed = Allowed()

    def close(self) -> None:
        try:
            self._wake_the_client()
            self.handler.close()
            self.services.background.drain(10)
        finally:
            self.double.stop()
        check_seen(self.double.seen, self.allowed)

    def _wake_the_client(self) -> None:
        """The test is over: let the builtin client's threads see it now instead of at their timeouts.

        Its close() takes the socket's receive lock, which the reader holds through a recv of up to
        3 s, and its message processor waits up to 1 s on its queue: about 3 s a test, spent idle.
        Reading stops (the read side shut, the session marked ended, no reconnect) and the processor
        is woken; acks still in flight are sent as before (the write side stays open), and envelopes
        not yet taken are dropped as handler.close() drops them."""
        client = self.handler.client
        client.auto_reconnect_enabled = False
        client.closed = True
        client.message_queue.put(None)  # a None is skipped: it only ends the processor's wait
        client.current_session_state.terminated = True
        session = client.current_session
        sock = getattr(session, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the test (a dropped socket)
                sock.shutdown(socket.SHUT_RD)
