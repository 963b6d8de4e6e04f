"""Block Kit builders that respect Slack's limits (SPEC §11) by construction."""

from __future__ import annotations

import re
from typing import Any

Block = dict[str, Any]

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
FIELD_MAX = 2000
MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100
MODAL_TITLE_MAX = 24


def clip(text: str, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Mrkdwn(str):
    """Text that is already mrkdwn: any user text inside it went through `escape`."""


def escape(text: str | None) -> str:
    """Escape user text for mrkdwn (Slack only needs &, < and > escaped). Use it for the `text`
    fallback too: Slack reads markup there as well (`<!channel>` notifies, `<url|label>` links)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ESCAPED_MEMBER = re.compile(r"&lt;@([UW][A-Z0-9]{2,20})&gt;")


def escape_keeping_members(text: str | None) -> str:
    """`escape`, except that a member mention (`<@U123>`, as Warmcall stores a Slack member named as a
    referrer or introducer) stays a mention, so Slack shows the person's name. Broadcasts
    (`<!channel>`), channel links and URLs are still escaped."""
    return _ESCAPED_MEMBER.sub(r"<@\1>", escape(text))


def plain(text: str, limit: int = SECTION_MAX) -> dict:
    return {"type": "plain_text", "text": clip(text, limit) or " ", "emoji": True}


def mrkdwn(text: str, limit: int = SECTION_MAX) -> dict:
    return {"type": "mrkdwn", "text": clip(text, limit) or " "}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_MAX)}


def section(text: str, *, block_id: str | None = None, accessory: dict | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    if accessory:
        block["accessory"] = accessory
    return block


def fields(pairs: list[tuple[str, str]], *, block_id: str | None = None) -> Block:
    block: Block = {
        "type": "section",
        "fields": [mrkdwn(f"*{label}*\n{value}", FIELD_MAX) for label, value in pairs[:10]],
    }
    if block_id:
        block["block_id"] = block_id
    return block


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:10] if t]}


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    value: str | None = None,
    *,
    style: str | None = None,
    confirm: dict | None = None,
) -> dict:
    element: dict = {"type": "button", "text": plain(text, BUTTON_TEXT_MAX), "action_id": action_id[:255]}
    if value is not None:
        if len(value) > BUTTON_VALUE_MAX:
            raise ValueError(f"button value over {BUTTON_VALUE_MAX} characters for {action_id}")
        element["value"] = value
    if style in ("primary", "danger"):
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, text: str, yes: str, no: str = "Cancel") -> dict:
    return {
        "title": plain(title, 100),
        "text": plain(text, 300),
        "confirm": plain(yes, 30),
        "deny": plain(no, 30),
        "style": "danger",
    }


def actions(elements: list[dict], *, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": elements[:25]}
    if block_id:
        block["block_id"] = block_id[:255]
    return block


def ephemeral(blocks: list[Block], text: str) -> dict:
    """A slash-command reply visible only to the user; `text` is the notification fallback."""
    return {"response_type": "ephemeral", "text": clip(text, 3000), "blocks": blocks[:MESSAGE_BLOCKS_MAX]}


def error_reply(message: str) -> dict:
    """A warning only the user sees. `message` is plain text (it may quote what the user typed) and is
    escaped, unless it is already `Mrkdwn`."""
    text = message if isinstance(message, Mrkdwn) else escape(message)
    return ephemeral([section(f":warning: {text}")], text)


def modal(
    callback_id: str,
    title: str,
    blocks: list[Block],
    *,
    submit: str | None = "Save",
    close: str = "Cancel",
    private_metadata: str = "",
) -> dict:
    if len(private_metadata) > 3000:
        raise ValueError("private_metadata over 3000 characters")
    view: dict = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, MODAL_TITLE_MAX),
        "close": plain(close, MODAL_TITLE_MAX),
        "blocks": blocks[:VIEW_BLOCKS_MAX],
        "private_metadata": private_metadata,
    }
    if submit:
        view["submit"] = plain(submit, MODAL_TITLE_MAX)
    return view


def text_input(
    block_id: str,
    label: str,
    *,
    action_id: str = "value",
    initial: str | None = None,
    multiline: bool = False,
    optional: bool = False,
    max_length: int | None = None,
    placeholder: str | None = None,
    hint: str | None = None,
) -> Block:
    element: dict = {"type": "plain_text_input", "action_id": action_id, "multiline": multiline}
    if initial:
        element["initial_value"] = initial[: max_length or 3000]
    if max_length:
        element["max_length"] = min(max_length, 3000)
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def date_input(
    block_id: str, label: str, *, initial=None, optional: bool = True, hint: str | None = None
) -> Block:
    element: dict = {"type": "datepicker", "action_id": "value"}
    if initial:
        element["initial_date"] = initial.isoformat()
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def option(text: str, value: str) -> dict:
    return {"text": plain(text, 75), "value": value}


def select_input(
    block_id: str,
    label: str,
    options: list[tuple[str, str]],
    *,
    initial: str | None = None,
    optional: bool = False,
) -> Block:
    opts = [option(t, v) for t, v in options[:100]]
    element: dict = {"type": "static_select", "action_id": "value", "options": opts}
    chosen = [o for o in opts if o["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }


def state_value(view_state: dict, block_id: str, action_id: str = "value"):
    """Read one input from a view_submission's state, whatever its element type."""
    entry = (view_state.get("values", {}).get(block_id) or {}).get(action_id) or {}
    kind = entry.get("type")
    if kind == "datepicker":
        return entry.get("selected_date")
    if kind == "timepicker":
        return entry.get("selected_time")
    if kind in ("static_select", "external_select", "radio_buttons"):
        return (entry.get("selected_option") or {}).get("value")
    if kind in ("checkboxes", "multi_static_select"):
        return [o.get("value") for o in entry.get("selected_options") or []]
    return entry.get("value")


SORRY = "Sorry, something went wrong on our side and nothing was changed. Please try again in a minute."
SORRY_REPLY = {"response_type": "ephemeral", "replace_original": False, "text": SORRY}
BUSY = "I'm busy right now — try again in a minute."


def busy_reply() -> dict:
    """The ack of a command that would need the after-ack pool while it is full (nothing was done)."""
    return ephemeral([section(BUSY)], BUSY)
