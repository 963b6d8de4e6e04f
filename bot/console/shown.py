"""What the console shows of the app's answers: the HTTP ack's message, and each Slack call the app
made since the last look (DMs, ephemerals, updates, modals and forms) and each response_url post,
read back from the Slack double. A mixin of bot.console.session.ConsoleSession, which waits for the
app to go quiet (`wait_quiet`) before anything is shown.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from dataclasses import dataclass
from typing import Any

from bot.console.answers import input_blocks
from bot.console.forms import Forms, browsable
from bot.console.screen import Screen, Surface
from bot.domain.clock import ManualClock, local_now, zone
from bot.testing.signed import Reply
from bot.testing.slackdouble import SlackDouble

Json = dict[str, Any]


@dataclass
class _Seen:
    calls: int = 0
    responses: int = 0


class AppOutput:
    """Shows what the app sent back; the session provides the attributes below and `wait_quiet`."""

    double: SlackDouble
    screen: Screen
    forms: Forms
    clock: ManualClock
    tz: str
    user_id: str
    dm_channel: str
    _seen: _Seen
    _fake_ts: itertools.count

    def wait_quiet(self) -> None:
        raise NotImplementedError

    def after_request(self, reply: Reply, *, show_ack: bool = True) -> None:
        if show_ack:
            self.show_ack(reply)
        self.settle()

    def show_ack(self, reply: Reply) -> None:
        if reply.status == 404:
            self.screen.note("(the app has no listener for that yet)")
            return
        if reply.status >= 400:
            self.screen.error(f"The app answered HTTP {reply.status}.")
            return
        body = reply.json
        if isinstance(body, dict) and (body.get("blocks") or body.get("text")):
            message = {
                "text": body.get("text", ""),
                "blocks": body.get("blocks") or [],
                "ts": self.fake_ts(),
                "channel": self.dm_channel,
                "user": self.user_id,
            }
            in_channel = body.get("response_type") == "in_channel"
            self.screen.banner("Warmcall" if in_channel else "Warmcall (only visible to you)")
            self.screen.show_message(message, Surface("ephemeral", message=message))
        elif reply.json is None and reply.body_text.strip():
            message = {"text": reply.body_text, "ts": self.fake_ts(), "channel": self.dm_channel}
            self.screen.banner("Warmcall (only visible to you)")
            self.screen.show_message(message, Surface("ephemeral", message=message))

    def settle(self) -> bool:
        """Wait for the app to go quiet, print what is new for the user, run any form that opened.

        Returns whether anything was shown.
        """
        self.wait_quiet()
        return self.show_new()

    def show_new(self) -> bool:
        calls = self.double.calls[self._seen.calls :]
        responses = self.double.responses[self._seen.responses :]
        answered = list(itertools.takewhile(lambda c: c.status != 0, calls))
        self._seen.calls += len(answered)
        self._seen.responses += len(responses)
        shown = False
        form: Json | None = None
        for call in answered:
            kind = self.show_call(call)
            shown = shown or kind is not None
            if kind == "form":
                form = call.response["view"]  # type: ignore[index]
        for entry in responses:
            shown = self.show_response(entry) or shown
        if form is not None:
            self.forms.fill_form(form)
        return shown

    def show_call(self, call: Any) -> str | None:
        p, response = call.params, call.response or {}
        if not response.get("ok"):
            if call.method not in ("users.info", "conversations.history", "auth.test"):
                self.screen.error(f"(Slack refused {call.method}: {response.get('error')})")
            return None
        if call.method == "chat.postMessage" and response.get("channel") == self.dm_channel:
            message = self.stored(self.dm_channel, response["ts"]) or {**p, "channel": self.dm_channel}
            self.screen.banner("DM from Warmcall")
            self.screen.show_message(message, Surface("message", message=message))
            return "message"
        if call.method == "chat.postEphemeral" and p.get("user") == self.user_id:
            message = {
                **p,
                "ts": response.get("message_ts"),
                "channel": response.get("channel") or p["channel"],
            }
            self.screen.banner("Warmcall (only visible to you)")
            self.screen.show_message(message, Surface("ephemeral", message=message))
            return "message"
        if call.method == "chat.update" and response.get("channel") == self.dm_channel:
            message = self.stored(self.dm_channel, response["ts"]) or {**p, "channel": self.dm_channel}
            self.screen.banner("DM from Warmcall (updated)")
            self.screen.show_message(message, Surface("message", message=message))
            return "message"
        if call.method in ("views.open", "views.push", "views.update"):
            view = response.get("view") or {}
            if view.get("type") != "modal":
                return None
            self.forms.modals[view["id"]] = view
            if browsable(view):  # All contacts: buttons to click, and `search WORDS` for its box
                self.forms.browse(view)
                return "view"
            if input_blocks(view) or view.get("submit"):
                return "form"
            self.forms.show_modal(view)
            return "view"
        return None

    def show_response(self, entry: Json) -> bool:
        body, status = entry.get("body") or {}, entry.get("status")
        if status != 200:
            self.screen.error(f"(Slack refused a response_url post: HTTP {status})")
            return False
        if body.get("delete_original") in (True, "true"):
            self.screen.note("(the message was removed)")
            return True
        if not body.get("text") and not body.get("blocks"):
            return False
        replaced = body.get("replace_original") in (True, "true")
        current = self.double.original_of(entry["url"]) if replaced else None
        message = {
            "text": body.get("text", ""),
            "blocks": body.get("blocks") or [],
            "ts": (current or {}).get("ts") or self.fake_ts(),
            "channel": (current or {}).get("channel") or self.dm_channel,
        }
        is_dm = bool(current) and self.stored(message["channel"], message["ts"]) is not None
        in_channel = body.get("response_type") == "in_channel"
        if replaced:
            self.screen.banner("Warmcall (updated)" if is_dm else "Warmcall (updated, only visible to you)")
        else:
            self.screen.banner("Warmcall" if in_channel else "Warmcall (only visible to you)")
        surface = Surface("message" if is_dm else "ephemeral", message=message)
        self.screen.show_message(message, surface)
        return True

    def fake_ts(self) -> str:
        return f"{int(time.time())}.{next(self._fake_ts):06d}"

    def stored(self, channel: str, ts: str) -> Json | None:
        return next((m for m in self.double.messages(channel) if m.get("ts") == ts), None)

    def todays_digest(self) -> Json | None:
        today = local_now(self.clock, self.tz).date()
        for message in reversed(self.double.dm_messages(self.user_id)):
            metadata = message.get("metadata") or {}
            sent = dt.datetime.fromtimestamp(float(message["ts"]), dt.UTC)
            if metadata.get("event_type") == "warmcall_digest" and local_day(sent, self.tz) == today:
                return message
        return None


def local_day(instant: dt.datetime, tz: str) -> dt.date:
    return instant.astimezone(zone(tz)).date()
