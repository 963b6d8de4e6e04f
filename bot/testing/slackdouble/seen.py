"""What the user saw: every reply the app sent, wherever it arrived (an HTTP or Socket Mode ack, a
response_url post, chat.*, views.*), with the Block Kit problems Slack would have refused it for.

`Shown.text` is every piece of text a person reads in it, so one scan covers every pipe.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any, Literal

from bot.testing.slackdouble.blockkit import validate_blocks, validate_view
from bot.testing.slackdouble.records import Json

EnvelopeType = Literal["slash_commands", "interactive", "events_api"]

# Interactions Slack lets the ack answer (a view_submission's response_action, block_suggestion's
# options); for the rest (buttons, shortcuts, view_closed, events) it ignores an ack's body.
ANSWERABLE_INTERACTIONS = frozenset({"view_submission", "block_suggestion"})


@dataclass(frozen=True)
class Shown:
    """One reply as it reached Slack: where (`via`), what (`body`), and what Slack refused in it."""

    via: str  # "http ack (slash_commands)", "socket mode ack (view_submission)", "response_url", "chat.postMessage", …
    body: Json
    errors: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return readable_text(self.body)


def readable_text(body: Any) -> str:
    """Every string a person reads in a message, view or ack: top-level text, text objects at any
    depth (sections, fields, context, buttons, options, titles), and a response_action's field errors."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "text" and isinstance(item, str):
                    parts.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(body)
    if isinstance(body, dict) and body.get("response_action") == "errors":
        parts += [str(v) for v in (body.get("errors") or {}).values()]
    return "\n".join(parts)


def ack_problems(answer: Json) -> list[str]:
    """Block Kit problems in an ack Slack shows: its message blocks, or a response_action's view."""
    errors = validate_blocks(answer["blocks"], "message") if answer.get("blocks") else []
    if isinstance(answer.get("view"), dict):
        errors += validate_view(answer["view"])
    return errors


def answerable(kind: str, payload: Json) -> bool:
    """Whether Slack shows what the ack of this request carries."""
    if kind == "interactive":
        return payload.get("type") in ANSWERABLE_INTERACTIONS
    return kind == "slash_commands"


def request_kind(body: bytes, content_type: str) -> tuple[EnvelopeType, Json]:
    """The kind of request an HTTP body is (as a Socket Mode envelope type) and its payload."""
    if content_type.startswith("application/json"):
        return "events_api", json.loads(body)
    form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
    if set(form) == {"payload"}:
        return "interactive", json.loads(form["payload"])
    return "slash_commands", form


def interaction_name(kind: str, payload: Json) -> str:
    """`slash_commands`, `events_api`, or the interaction's own type (`block_actions`, …)."""
    return str(payload.get("type")) if kind == "interactive" else kind
