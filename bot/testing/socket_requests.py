"""Send Slack requests to an app over Socket Mode: the same payloads as `bot.testing.signed`, as
envelopes on the Slack double's WebSocket, answered by the app's ack.

`SocketModeRequester` has SlackRequester's verbs (`command`, `block_action`, `view_submission`,
`view_closed`, `event`) and answers with the same `Reply`, so a scenario runs over either transport.
The payload is built exactly as for HTTP and then carried the way Slack carries it over a socket: a
slash command's form fields as a JSON object (`slash_commands`), an interactivity `payload` as the
object itself (`interactive`), an Events API body as it is (`events_api`, with Slack's retry headers
as `retry_attempt` / `retry_reason`). Nothing is signed: the socket is the authentication.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.testing.signed import Reply, SlackRequester
from bot.testing.slackdouble.seen import request_kind
from bot.testing.slackdouble.socket_mode import Envelope, SocketModeFront

Json = dict[str, Any]


@dataclass(frozen=True)
class SocketReply(Reply):
    """The app's ack as a Reply: status 200 once it came (however late; see `late`), 0 if it never
    did; `json` is the ack's payload (the reply itself, a response_action) or None for a bare ack."""

    envelope: Envelope | None = None

    @property
    def late(self) -> bool:
        return self.envelope is not None and self.envelope.late


class SocketModeRequester(SlackRequester):
    """Sends Slack-shaped requests as Socket Mode envelopes through a SlackDouble's `socket_mode`."""

    def __init__(
        self,
        socket: SocketModeFront,
        team_id: str = "T0001",
        response_urls: Callable[..., str] | None = None,
        *,
        timeout: float = 10.0,
        team_domain: str = "warmcall-test",
    ) -> None:
        super().__init__("socket-mode:", "", team_id, response_urls, timeout=timeout, team_domain=team_domain)
        self.socket = socket

    def raw(self, body: bytes, headers: Mapping[str, str]) -> Reply:
        raise TypeError("Socket Mode carries envelopes, not raw HTTP bodies: send those in HTTP mode")

    def _post(
        self,
        body: bytes,
        content_type: str,
        extra: Mapping[str, str] | None = None,
        *,
        timestamp: int | None,
        secret: str | None,
    ) -> SocketReply:
        kind, payload = request_kind(body, content_type)
        retry: Json = {}
        if extra and "X-Slack-Retry-Num" in extra:
            retry = {
                "retry_attempt": int(extra["X-Slack-Retry-Num"]),
                "retry_reason": extra.get("X-Slack-Retry-Reason", ""),
            }
        envelope = self.socket.request(kind, payload, timeout=self.timeout, **retry)
        return reply_of(envelope)


def reply_of(envelope: Envelope) -> SocketReply:
    if envelope.acked_at is None:
        return SocketReply(0, {}, "", None, time.monotonic() - envelope.sent_at, envelope)
    payload = envelope.ack_payload
    text = json.dumps(payload) if payload else ""
    return SocketReply(200, {}, text, payload or None, envelope.acked_at - envelope.sent_at, envelope)
