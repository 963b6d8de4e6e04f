"""Send signed Slack requests (slash commands, interactivity, events) to a running app over HTTP.

Payload shapes follow what Slack sends; signatures follow https://api.slack.com/authentication/verifying-requests-from-slack.
Used by scenario tests and by `warmcall console`.
"""

from __future__ import annotations

import inspect
import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.signature import SignatureVerifier

from bot.testing.payload_parts import Grid, checkbox_values, date_value, select_value, text_values

__all__ = [  # the payload parts are re-exported: scenario tests import them from here
    "Grid",
    "Reply",
    "SlackRequester",
    "checkbox_values",
    "date_value",
    "select_value",
    "text_values",
]

Json = dict[str, Any]
APP_ID = "A0001"
# Told of every request sent and the app's HTTP answer: (body, content type, status, answer text).
AnswerObserver = Callable[[bytes, str, int, str], None]


@dataclass(frozen=True)
class Reply:
    """The app's HTTP answer to one signed request."""

    status: int
    headers: dict[str, str]
    body_text: str
    json: Any
    elapsed_seconds: float


class SlackRequester:
    """Signs and posts Slack-shaped requests to an app's events URL (e.g. `http://127.0.0.1:3000/slack/events`).

    `response_urls` makes a fresh response_url per request; `SlackDouble.new_response_url` fits and also
    learns the user, channel and (for message buttons) the original message. `answers` is told of
    every answer, as Slack reads it; `SlackDouble.http_ack` fits and checks and records what it shows.
    """

    def __init__(
        self,
        events_url: str,
        signing_secret: str,
        team_id: str = "T0001",
        response_urls: Callable[..., str] | None = None,
        *,
        timeout: float = 10.0,
        team_domain: str = "warmcall-test",
        answers: AnswerObserver | None = None,
    ) -> None:
        self.events_url = events_url
        self._answers = answers
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.team_domain = team_domain
        self.timeout = timeout
        self._response_urls = response_urls
        self._ids = itertools.count(1)

    # -- request kinds ------------------------------------------------------------------------------

    def command(
        self,
        user_id: str,
        command: str,
        text: str = "",
        channel_id: str | None = None,
        trigger_id: str | None = None,
        team_id: str | None = None,
        *,
        response_url: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        grid: Grid | None = None,
    ) -> Reply:
        """A slash command, form-encoded as Slack sends it (`channel_id` defaults to the user's DM)."""
        team = team_id or self.team_id
        channel_id = channel_id or f"D{user_id}"
        form = {
            "token": "verification-token-unused",
            "team_id": team,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": "directmessage",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url or self._response_url(channel=channel_id, user_id=user_id),
            "trigger_id": trigger_id or self._trigger_id(),
        }
        if grid is not None:
            form["enterprise_id"] = grid.enterprise_id
            form["enterprise_name"] = grid.enterprise_name
            form["is_enterprise_install"] = "true" if grid.org_wide else "false"
        body = urllib.parse.urlencode(form).encode()
        return self._post(body, "application/x-www-form-urlencoded", timestamp=timestamp, secret=secret)

    def block_action(
        self,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str = "b",
        *,
        selected_option: Json | None = None,
        action_type: str | None = None,
        message: Json | None = None,
        view: Json | None = None,
        container: Json | None = None,
        channel_id: str | None = None,
        response_url: str | None = None,
        trigger_id: str | None = None,
        action_ts: str | None = None,
        team_id: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        grid: Grid | None = None,
    ) -> Reply:
        """A `block_actions` interaction from a message (`message`), a modal/Home (`view`) or an ephemeral message."""
        team = team_id or self.team_id
        action: Json = {
            "action_id": action_id,
            "block_id": block_id,
            "type": action_type or ("static_select" if selected_option is not None else "button"),
            "action_ts": action_ts or f"{time.time():.6f}",
        }
        if selected_option is not None:
            action["selected_option"] = selected_option
        else:
            action["value"] = value
            action["text"] = {"type": "plain_text", "text": action_id}
        payload: Json = {
            "type": "block_actions",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "trigger_id": trigger_id or self._trigger_id(),
            "team": {"id": team, "domain": self.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "actions": [action],
        }
        self._place_in_grid(payload, grid)
        if view is not None:
            payload["view"] = view
            payload["container"] = container or {"type": "view", "view_id": view.get("id", "")}
            payload["state"] = view.get("state", {"values": {}})
        else:
            channel = channel_id or (message or {}).get("channel") or f"D{user_id}"
            if message is not None:
                shown = {k: v for k, v in message.items() if k != "channel"}
                payload["message"] = {"type": "message", **shown}
            payload["container"] = container or {
                "type": "message",
                "message_ts": (message or {}).get("ts", ""),
                "channel_id": channel,
                "is_ephemeral": message is None,
            }
            payload["channel"] = {"id": channel, "name": "directmessage"}
            payload["state"] = {"values": {}}
            payload["response_url"] = response_url or self._response_url(
                original=message and {**message, "channel": channel}, channel=channel, user_id=user_id
            )
        return self._post_payload(payload, timestamp=timestamp, secret=secret)

    def view_submission(
        self,
        user_id: str,
        callback_id: str,
        values: Json,
        private_metadata: str = "",
        view_id: str | None = None,
        team_id: str | None = None,
        *,
        view: Json | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        grid: Grid | None = None,
    ) -> Reply:
        """A modal submission; `values` is Slack's state shape `{block_id: {action_id: {...}}}`."""
        payload = self._view_payload(
            "view_submission", user_id, callback_id, private_metadata, view_id, team_id, view
        )
        self._place_in_grid(payload, grid)
        payload["view"]["state"] = {"values": values}
        payload["response_urls"] = []
        return self._post_payload(payload, timestamp=timestamp, secret=secret)

    def view_closed(
        self,
        user_id: str,
        callback_id: str,
        private_metadata: str = "",
        view_id: str | None = None,
        team_id: str | None = None,
        *,
        is_cleared: bool = False,
        view: Json | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> Reply:
        """A modal closed by the user (sent only for views with `notify_on_close`)."""
        payload = self._view_payload(
            "view_closed", user_id, callback_id, private_metadata, view_id, team_id, view
        )
        payload["is_cleared"] = is_cleared
        return self._post_payload(payload, timestamp=timestamp, secret=secret)

    def shortcut(
        self,
        user_id: str,
        callback_id: str,
        *,
        message: Json | None = None,
        channel_id: str | None = None,
        trigger_id: str | None = None,
        team_id: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> Reply:
        """A global shortcut (`shortcut`), or with `message` a message shortcut (`message_action`:
        the message, its channel and a response_url), as bolt-python's scenario tests send them."""
        team = team_id or self.team_id
        payload: Json = {
            "type": "shortcut",
            "token": "verification-token-unused",
            "action_ts": f"{time.time():.6f}",
            "team": {"id": team, "domain": self.team_domain},
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team},
            "api_app_id": APP_ID,
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": trigger_id or self._trigger_id(),
        }
        if message is not None:
            channel = channel_id or message.get("channel") or f"D{user_id}"
            shown = {k: v for k, v in message.items() if k != "channel"}
            payload.update(
                type="message_action",
                channel={"id": channel, "name": "general"},
                message_ts=message.get("ts", ""),
                message={"type": "message", **shown},
                response_url=self._response_url(channel=channel, user_id=user_id),
            )
        return self._post_payload(payload, timestamp=timestamp, secret=secret)

    def options(
        self,
        user_id: str,
        action_id: str,
        value: str,
        *,
        block_id: str,
        view: Json,
        team_id: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> Reply:
        """An external_select's typeahead (`block_suggestion`) from a modal; the app answers with
        `{"options": [...]}` in the HTTP response."""
        team = team_id or self.team_id
        payload: Json = {
            "type": "block_suggestion",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team},
            "container": {"type": "view", "view_id": view.get("id", "")},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "team": {"id": team, "domain": self.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "view": view,
        }
        return self._post_payload(payload, timestamp=timestamp, secret=secret)

    def event(
        self,
        event: Json,
        event_id: str | None = None,
        retry_num: int | None = None,
        *,
        retry_reason: str = "http_timeout",
        team_id: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        grid: Grid | None = None,
        sender_team_id: str | None = None,
    ) -> Reply:
        """An Events API `event_callback`; `retry_num` adds Slack's retry headers.

        `sender_team_id`: a Slack Connect event from another organisation's workspace. Slack then puts
        the sender's team at the top level (`team_id`, with `context_team_id` the app's) and
        `is_ext_shared_channel: true`; `authorizations` still names the installation.
        """
        team = team_id or self.team_id
        envelope = {
            "token": "verification-token-unused",
            "team_id": team,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team,
                    "user_id": "UBOT",
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        if grid is not None:
            envelope["enterprise_id"] = grid.enterprise_id
            envelope["authorizations"][0]["enterprise_id"] = grid.enterprise_id
            if grid.org_wide:
                envelope["authorizations"][0].update(team_id=None, is_enterprise_install=True)
        if sender_team_id is not None:
            envelope.update(
                team_id=sender_team_id,
                context_team_id=team,
                context_enterprise_id=grid.enterprise_id if grid else None,
                is_ext_shared_channel=True,
            )
            envelope.pop("enterprise_id", None)
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        body = json.dumps(envelope).encode()
        return self._post(body, "application/json", headers, timestamp=timestamp, secret=secret)

    def raw(self, body: bytes, headers: Mapping[str, str]) -> Reply:
        """POST `body` with exactly these headers (no signing): for malformed or unsigned requests."""
        return self._send(body, dict(headers))

    def sign(self, body: bytes, *, timestamp: int | None = None, secret: str | None = None) -> dict[str, str]:
        """Slack's signature headers for `body` (override `timestamp`/`secret` to forge bad ones)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        verifier = SignatureVerifier(self.signing_secret if secret is None else secret)
        signature = verifier.generate_signature(timestamp=ts, body=body) or ""
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}

    # -- plumbing -----------------------------------------------------------------------------------

    def _view_payload(
        self,
        kind: str,
        user_id: str,
        callback_id: str,
        private_metadata: str,
        view_id: str | None,
        team_id: str | None,
        view: Json | None,
    ) -> Json:
        team = team_id or self.team_id
        view_id = view_id or (view or {}).get("id") or f"V{next(self._ids):08d}"
        shown: Json = {
            "id": view_id,
            "team_id": team,
            "type": "modal",
            "blocks": [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "hash": f"{int(time.time())}.abc",
            "title": {"type": "plain_text", "text": "Warmcall"},
            "root_view_id": view_id,
            "previous_view_id": None,
            "app_id": APP_ID,
            "bot_id": "B0001",
            **(view or {}),
        }
        shown["callback_id"] = callback_id
        if private_metadata or "private_metadata" not in (view or {}):
            shown["private_metadata"] = private_metadata
        return {
            "type": kind,
            "team": {"id": team, "domain": self.team_domain},
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "trigger_id": self._trigger_id(),
            "view": shown,
            "enterprise": None,
            "is_enterprise_install": False,
        }

    @staticmethod
    def _place_in_grid(payload: Json, grid: Grid | None) -> None:
        """Turn an interactivity payload into its Enterprise Grid shape."""
        if grid is None:
            return
        payload["enterprise"] = grid.enterprise
        payload["is_enterprise_install"] = grid.org_wide
        team = payload["team"]["id"]
        payload["user"]["team_id"] = grid.user_team_id or team
        view = payload.get("view")
        if grid.org_wide:
            payload["team"] = None
        else:
            payload["team"].update(enterprise_id=grid.enterprise_id, enterprise_name=grid.enterprise_name)
            if isinstance(view, dict):
                payload["view"] = {**view, "app_installed_team_id": team}

    def _post_payload(self, payload: Json, *, timestamp: int | None, secret: str | None) -> Reply:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self._post(body, "application/x-www-form-urlencoded", timestamp=timestamp, secret=secret)

    def _post(
        self,
        body: bytes,
        content_type: str,
        extra: Mapping[str, str] | None = None,
        *,
        timestamp: int | None,
        secret: str | None,
    ) -> Reply:
        headers = {
            "Content-Type": content_type,
            **self.sign(body, timestamp=timestamp, secret=secret),
            **(extra or {}),
        }
        return self._send(body, headers)

    def _send(self, body: bytes, headers: dict[str, str]) -> Reply:
        request = urllib.request.Request(self.events_url, data=body, headers=headers, method="POST")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, answer_headers, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            status, answer_headers, raw = exc.code, dict(exc.headers), exc.read()
        elapsed = time.monotonic() - started
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        if self._answers is not None:
            self._answers(body, headers.get("Content-Type", ""), status, text)
        return Reply(status, answer_headers, text, parsed, elapsed)

    def _response_url(self, **context: Any) -> str:
        """A fresh response_url; context (`original`, `channel`, `user_id`) goes to the factory if it takes it."""
        if self._response_urls is not None:
            try:
                accepted = inspect.signature(self._response_urls).parameters
            except (TypeError, ValueError):
                accepted = {}
            return self._response_urls(**{k: v for k, v in context.items() if k in accepted})
        return f"https://hooks.slack.com/actions/{self.team_id}/{next(self._ids)}/unused"

    def _trigger_id(self) -> str:
        return f"{next(self._ids)}.{int(time.time())}.trigger"
