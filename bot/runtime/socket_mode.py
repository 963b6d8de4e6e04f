"""Socket Mode: the Bolt handler `warmcall` connects to Slack with when SLACK_APP_TOKEN is set.

One place, so the tests connect the same handler to the Slack double's WebSocket
(tests/socket_world.py). Bolt's builtin client: apps.connections.open goes to SLACK_API_URL through
the app's WebClient, and it reconnects by itself after a `disconnect` envelope or a lost socket.

Stopping (SIGTERM) drains before it closes: Bolt's `close()` disconnects at once, so a command whose
change was already committed could never send its ack over the closed socket (the user would see a
timeout for a contact that was saved). `DrainingSocketModeHandler.close(timeout)` first stops taking
envelopes (one that arrives now is neither acted on nor acknowledged: Slack shows the user the
command failed, and retries events), waits for those in flight to send their acks, then closes.

Under a burst an envelope is answered busy at once rather than acked late: the client is the builtin
one with the HTTP door's admission rules in front of its workers (bot.runtime.socket_admission).
"""

from __future__ import annotations

import logging
import threading

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.runtime.socket_admission import AdmittingSocketModeClient, EnvelopeDoor
from bot.services.context import Services

log = logging.getLogger(__name__)

PING_SECONDS = 10  # Bolt's SocketModeHandler default (the builtin client's own is 5)


class DrainingSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, counting the envelopes in flight so `close` can wait for their acks."""

    def __init__(self, app: App, client: SocketModeClient) -> None:
        self._in_flight = 0
        self._stopping = False
        self._changed = threading.Condition()
        # What Bolt's SocketModeHandler.__init__ does, with the client given instead of built there
        self.app, self.app_token, self.client = app, client.app_token, client
        client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        with self._changed:
            if self._stopping:
                return  # not acted on, not acknowledged
            self._in_flight += 1
        try:
            super().handle(client, req)  # dispatch to the app, then send its ack on the socket
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    def close(self, timeout: float = 5.0) -> None:  # type: ignore[override]
        """Take no more envelopes, let the ones in flight send their acks (at most `timeout` seconds),
        then close the socket."""
        with self._changed:
            self._stopping = True
            drained = self._changed.wait_for(lambda: self._in_flight == 0, timeout=max(timeout, 0))
            left = self._in_flight
        if not drained:
            log.warning("closing the socket with %s envelopes still in flight", left)
        super().close()


def socket_mode_handler(
    app: App, services: Services, door: EnvelopeDoor | None = None
) -> DrainingSocketModeHandler:
    """The handler for `app`, not yet connected (`connect()` opens the socket, `close()` ends it).
    Its client is built as Bolt builds it, with `door` (the default limits when not given) in front
    of the threads that serve envelopes."""
    app_token = services.settings.app_token
    if not app_token:
        raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an app-level token, xapp-…)")
    client = AdmittingSocketModeClient(
        door if door is not None else EnvelopeDoor(),
        app_token=app_token,
        logger=app.logger,
        web_client=services.client,
        proxy=app.client.proxy,
        ping_interval=PING_SECONDS,
    )
    return DrainingSocketModeHandler(app, client)
