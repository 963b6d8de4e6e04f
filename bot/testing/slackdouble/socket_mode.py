"""The double's Socket Mode side: the WebSocket that `apps.connections.open` hands out.

It behaves as Slack's does (docs.slack.dev/apis/events-api/using-socket-mode, and the envelopes in
slack_sdk's own socket mode tests): a `hello` on connect; envelopes of type `slash_commands`,
`interactive` and `events_api`, each with an `envelope_id` and `accepts_response_payload`, which the
app acks with `{"envelope_id": …, "payload": …}` within 3 s; `disconnect` envelopes
(`refresh_requested`, `warning`) after which Slack closes the old socket; and sockets that just drop.
Every envelope is recorded with its ack (payload, when, on which socket, how many times), so a test
sees a late or missing ack the way Slack would.

The server side is the `websockets` package (the project's dev extra); the console never opens a
socket, so the double imports without it.
"""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

try:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.server import Server, ServerConnection, serve
except ImportError:  # pragma: no cover - `pip install -e '.[dev]'` brings it
    serve = None
    ConnectionClosed = OSError

from bot.testing.slackdouble.records import APP_ID, Json
from bot.testing.slackdouble.seen import EnvelopeType, answerable
from bot.testing.slackdouble.workspace import Workspace

ACK_SECONDS = 3.0  # Slack shows the user an error (and retries events) after this
DISCONNECT_GRACE_SECONDS = 10.0  # how long Slack keeps a socket open after asking the app to leave it
LINK_HOST = "applink-double-1"


@dataclass
class Envelope:
    """One envelope sent to the app, and its ack."""

    envelope_id: str
    type: str
    payload: Json
    accepts_response_payload: bool
    link: int
    sent_at: float  # time.monotonic()
    retry_attempt: int | None = None
    retry_reason: str | None = None
    acked_at: float | None = None
    acked_on: int | None = None
    ack_payload: Json | None = None
    acks: int = 0

    def message(self) -> Json:
        """The envelope as it goes over the socket."""
        message: Json = {
            "envelope_id": self.envelope_id,
            "payload": self.payload,
            "type": self.type,
            "accepts_response_payload": self.accepts_response_payload,
        }
        if self.type == "events_api":
            message["retry_attempt"] = self.retry_attempt or 0
            message["retry_reason"] = self.retry_reason or ""
        return message

    @property
    def acked(self) -> bool:
        return self.acked_at is not None

    @property
    def ack_seconds(self) -> float | None:
        return None if self.acked_at is None else self.acked_at - self.sent_at

    @property
    def late(self) -> bool:
        """Acked, but after Slack had given up (the user saw a timeout)."""
        return self.acked_at is not None and self.acked_at - self.sent_at > ACK_SECONDS

    @property
    def missing(self) -> bool:
        """No ack, and the 3 seconds are over."""
        return self.acked_at is None and time.monotonic() - self.sent_at > ACK_SECONDS


@dataclass
class Link:
    """One WebSocket connection of the app (numbered from 1 in opening order)."""

    number: int
    ticket: str
    opened_at: float
    ready: bool = False  # the hello was sent: envelopes may follow
    disconnect_reason: str | None = None  # the double sent a `disconnect` envelope
    dropped: bool = False  # the double cut the TCP connection without a close frame
    closed_at: float | None = None
    closed_by: str | None = None  # "app" or "double"
    close_code: int | None = None
    connection: Any = field(default=None, repr=False)

    @property
    def open(self) -> bool:
        return self.closed_at is None


class SocketModeFront:
    """The WebSocket server behind apps.connections.open; started on the first URL it hands out."""

    def __init__(self, workspace: Workspace, host: str = "127.0.0.1") -> None:
        self._ws = workspace
        self._host = host
        self._cond = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._tickets: set[str] = set()
        self._links: list[Link] = []
        self._envelopes: list[Envelope] = []
        self._by_id: dict[str, Envelope] = {}
        self._timers: list[threading.Timer] = []
        self.stray_acks: list[Any] = []  # acks naming no envelope we sent, or not JSON
        self._log = logging.getLogger("slackdouble.socket_mode")

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> None:
        with self._cond:
            if self._server is not None:
                return
            if serve is None:
                raise RuntimeError(
                    "the Slack double's Socket Mode needs the websockets package: pip install -e '.[dev]'"
                )
            self._server = serve(
                self._serve_link,
                self._host,
                0,
                process_request=self._admit,
                compression=None,
                logger=self._log,
            )
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="slack-double-socket-mode", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        with self._cond:
            server, self._server = self._server, None
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
        if server is not None:
            server.shutdown()  # closes open links (1001 going away) and waits for their threads
            if self._thread is not None:
                self._thread.join(timeout=5)

    def reset(self) -> None:
        """Forget envelopes and stray acks (links stay as they are)."""
        with self._cond:
            self._envelopes.clear()
            self._by_id.clear()
            self.stray_acks.clear()

    def issue_url(self) -> str:
        """A one-use WebSocket URL, as apps.connections.open answers it."""
        self.start()
        ticket = uuid.uuid4().hex
        with self._cond:
            assert self._server is not None
            port = self._server.socket.getsockname()[1]
            self._tickets.add(ticket)
        return f"ws://{self._host}:{port}/link/?ticket={ticket}&app_id={APP_ID}"

    # -- what happened ------------------------------------------------------------------------------

    @property
    def links(self) -> list[Link]:
        with self._cond:
            return list(self._links)

    @property
    def envelopes(self) -> list[Envelope]:
        with self._cond:
            return list(self._envelopes)

    def envelope(self, envelope_id: str) -> Envelope | None:
        with self._cond:
            return self._by_id.get(envelope_id)

    def wait_for_link(self, number: int = 1, timeout: float = 10.0) -> Link:
        """Wait until the `number`-th link has had its hello (the app is connected through it)."""
        with self._cond:
            if not self._cond.wait_for(
                lambda: len(self._links) >= number and self._links[number - 1].ready, timeout
            ):
                raise AssertionError(f"the app opened no socket number {number} within {timeout:g} s")
            return self._links[number - 1]

    def wait_closed(self, link: Link, timeout: float = 10.0) -> Link:
        with self._cond:
            if not self._cond.wait_for(lambda: link.closed_at is not None, timeout):
                raise AssertionError(f"socket {link.number} still open after {timeout:g} s")
            return link

    # -- talking to the app -------------------------------------------------------------------------

    def send(
        self,
        kind: EnvelopeType,
        payload: Json,
        *,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
        timeout: float = 10.0,
    ) -> Envelope:
        """Send an envelope on the newest link the app is not leaving (waiting up to `timeout` for one)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                if not self._cond.wait_for(lambda: self._current() is not None, deadline - time.monotonic()):
                    raise AssertionError(f"no open socket to send a {kind} envelope on within {timeout:g} s")
                link = self._current()
                assert link is not None
                envelope = Envelope(
                    envelope_id=str(uuid.uuid4()),
                    type=kind,
                    payload=payload,
                    accepts_response_payload=answerable(kind, payload),
                    link=link.number,
                    sent_at=time.monotonic(),
                    retry_attempt=retry_attempt,
                    retry_reason=retry_reason,
                )
                self._envelopes.append(envelope)
                self._by_id[envelope.envelope_id] = envelope
            try:
                link.connection.send(json.dumps(envelope.message()))
                return envelope
            except ConnectionClosed:  # it closed under us: Slack would use another socket
                with self._cond:
                    self._envelopes.remove(envelope)
                    del self._by_id[envelope.envelope_id]
                    self._cond.wait_for(lambda closing=link: closing.closed_at is not None, 1.0)

    def wait_for_ack(self, envelope: Envelope, timeout: float = 10.0) -> Envelope:
        """Wait for the app's ack (however late) for up to `timeout` s; returns the envelope either way."""
        with self._cond:
            self._cond.wait_for(lambda: envelope.acked_at is not None, timeout)
        return envelope

    def request(self, kind: EnvelopeType, payload: Json, *, timeout: float = 10.0, **retry: Any) -> Envelope:
        """Send an envelope and wait for its ack."""
        return self.wait_for_ack(self.send(kind, payload, timeout=timeout, **retry), timeout)

    def redeliver(self, envelope: Envelope, *, timeout: float = 10.0) -> Envelope:
        """Send the same payload again under a new envelope id, as Slack re-sends what it thinks was
        not received (an events_api envelope counts the retry); waits for the ack."""
        retry: dict[str, Any] = {}
        if envelope.type == "events_api":
            retry = {"retry_attempt": (envelope.retry_attempt or 0) + 1, "retry_reason": "timeout"}
        kind: EnvelopeType = envelope.type  # type: ignore[assignment]
        return self.request(kind, envelope.payload, timeout=timeout, **retry)

    def disconnect(
        self, reason: str = "refresh_requested", *, grace: float = DISCONNECT_GRACE_SECONDS
    ) -> Link:
        """Ask the app to leave its newest link, as Slack does before it recycles one; Slack closes
        the link itself `grace` seconds later if the app is still on it."""
        with self._cond:
            link = self._current()
            if link is None:
                raise AssertionError("no open socket to disconnect")
            link.disconnect_reason = reason
            timer = threading.Timer(grace, self._close_link, args=(link,))
            timer.daemon = True
            self._timers.append(timer)
        link.connection.send(
            json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": LINK_HOST}})
        )
        timer.start()
        return link

    def drop(self, how: Literal["reset", "eof"] = "reset") -> Link:
        """Cut the newest link's TCP connection with no WebSocket close frame: `reset` sends an RST
        (a network failure), `eof` a plain FIN (a peer that went away)."""
        with self._cond:
            link = self._current(include_leaving=True)
            if link is None:
                raise AssertionError("no open socket to drop")
            link.dropped, link.closed_by = True, "double"
        conn = link.connection
        if how == "reset":
            # Close the socket before websockets' reader wakes up: it would shut down the write side
            # first (a FIN), and the app would see an orderly end instead of a reset.
            conn.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.socket.close()
        else:
            conn.socket.shutdown(socket.SHUT_RDWR)
        conn.close_socket()  # ends websockets' reader thread, and with it the link
        return link

    # -- the server ---------------------------------------------------------------------------------

    def _current(self, *, include_leaving: bool = False) -> Link | None:
        for link in reversed(self._links):
            if link.ready and link.open and (include_leaving or link.disconnect_reason is None):
                return link
        return None

    def _admit(self, connection: ServerConnection, request: Any):
        """The opening handshake: only /link/ with a ticket apps.connections.open issued, once."""
        url = urllib.parse.urlsplit(request.path)
        ticket = urllib.parse.parse_qs(url.query).get("ticket", [""])[0]
        with self._cond:
            if url.path.rstrip("/") != "/link" or ticket not in self._tickets:
                return connection.respond(401, "invalid or used ticket; call apps.connections.open\n")
            self._tickets.discard(ticket)
        return None

    def _serve_link(self, connection: ServerConnection) -> None:
        ticket = urllib.parse.parse_qs(urllib.parse.urlsplit(connection.request.path).query)["ticket"][0]
        with self._cond:
            link = Link(len(self._links) + 1, ticket, time.monotonic(), connection=connection)
            self._links.append(link)
            connections = sum(1 for other in self._links if other.open)
        try:
            connection.send(
                json.dumps(
                    {
                        "type": "hello",
                        "num_connections": connections,
                        "debug_info": {
                            "host": LINK_HOST,
                            "build_number": 1,
                            "approximate_connection_time": 18060,
                        },
                        "connection_info": {"app_id": APP_ID},
                    }
                )
            )
            with self._cond:
                link.ready = True
                self._cond.notify_all()
            for message in connection:
                self._on_ack(link, message)
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                link.closed_at = time.monotonic()
                link.closed_by = link.closed_by or "app"
                link.close_code = connection.close_code
                self._cond.notify_all()

    def _on_ack(self, link: Link, message: str | bytes) -> None:
        try:
            ack = json.loads(message)
            envelope_id = ack.get("envelope_id") if isinstance(ack, dict) else None
        except ValueError:
            ack, envelope_id = message, None
        with self._cond:
            envelope = self._by_id.get(envelope_id) if isinstance(envelope_id, str) else None
            if envelope is None:
                self.stray_acks.append(ack)
                return
            envelope.acks += 1
            if envelope.acked_at is None:
                envelope.acked_at, envelope.acked_on = time.monotonic(), link.number
                envelope.ack_payload = ack.get("payload")
            self._cond.notify_all()
        if envelope.acks == 1 and envelope.ack_payload:
            self._check_ack_payload(envelope)

    def _check_ack_payload(self, envelope: Envelope) -> None:
        """What Slack does with an ack's payload: shows it (checked like any message or view), or,
        for envelopes that accept none, ignores it."""
        self._ws.show_ack("socket mode", envelope.type, envelope.payload, envelope.ack_payload)

    def _close_link(self, link: Link) -> None:
        with self._cond:
            if not link.open:
                return
            link.closed_by = "double"
        link.connection.close()
