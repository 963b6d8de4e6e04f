"""Buttons that change a contact's schedule: Log call (opens the modal), Snooze, Let go, Revive, the
/called outcome and pick buttons, and Undo. Usable from any message, modal or Home that shows them.

Where the click came from decides how the answer is shown: a row of a bigger message (a digest) is
swapped in place for a one-line confirmation with Undo; our own /called replies are replaced whole; a
contact row in an ephemeral message we cannot see (/prep) gets a new ephemeral line; Home is simply
re-published.
"""

from __future__ import annotations

import hashlib
import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.vocabulary import Outcome
from bot.services import calls
from bot.services.context import Services
from handlers.blocks.called import (
    RESULT_BLOCK,
    TOO_LONG_FOR_BUTTONS,
    ask_outcome_reply,
    logged_block,
    logged_text,
    read_value,
    undone_blocks,
    undone_text,
)
from handlers.blocks.contact_buttons import parse_snooze_value
from handlers.blocks.kit import Block, error_reply
from handlers.home_refresh import refresh_home
from handlers.request import Owner, on_home, owner_of
from handlers.views.log_call import CALLBACK_ID, log_call_modal, undone_modal

log = logging.getLogger(__name__)


def _action(body: dict) -> dict:
    return (body.get("actions") or [{}])[0]


def click_key(body: dict, owner: Owner) -> str:
    """The same click delivered twice (a retry, a double click) has the same key."""
    action = _action(body)
    raw = "|".join(
        (action.get("action_ts", ""), action.get("action_id", ""), action.get("value") or "", owner.user_id)
    )
    return "click:" + hashlib.sha256(raw.encode()).hexdigest()[:48]


def _refuse(body: dict, respond: Respond, message: str) -> None:
    if body.get("response_url"):
        respond(**error_reply(message), replace_original=False)


def show_in_place(body: dict, respond: Respond, blocks: list[Block], text: str) -> None:
    """Put `blocks` where the clicked row was (see the module docstring)."""
    if not body.get("response_url"):
        return  # Home or a modal: re-publishing / views.update shows the change
    block_id = _action(body).get("block_id") or ""
    shown = (body.get("message") or {}).get("blocks") or []
    if any(b.get("block_id") == block_id for b in shown):
        swapped = [new for b in shown for new in (blocks if b.get("block_id") == block_id else [b])]
        respond(replace_original=True, blocks=swapped, text=(body.get("message") or {}).get("text") or text)
    elif block_id.startswith("contact:"):
        respond(replace_original=False, response_type="ephemeral", blocks=blocks, text=text)
    else:
        respond(replace_original=True, response_type="ephemeral", blocks=blocks, text=text)


def show_change(services: Services, owner: Owner, body: dict, respond: Respond, result) -> None:
    if isinstance(result, calls.Refused):
        _refuse(body, respond, result.message)
        return
    block_id = _action(body).get("block_id") or ""
    in_row = (
        block_id if block_id.startswith("contact:") and (body.get("message") or {}).get("blocks") else None
    )
    show_in_place(body, respond, [logged_block(result, in_row or RESULT_BLOCK)], logged_text(result))
    refresh_home(services, owner, from_home=on_home(body))


SLOW_TRIGGER = "That took Slack too long to open, so nothing opened. Press the button again."


def open_modal(client: WebClient, body: dict, respond: Respond, view: dict) -> bool:
    """Open a modal after the ack (pushed on top when the click came from a modal). A trigger id lasts about 3 s and the user may have
    closed what we were updating: such failures are Slack's answer, not a bug, so they are logged as
    warnings and the user hears what to do, instead of Bolt logging an error and apologising."""
    in_modal = (body.get("view") or {}).get("type") == "modal"
    opener = client.views_push if in_modal else client.views_open
    try:
        opener(trigger_id=body["trigger_id"], view=view)
        return True
    except SlackApiError as exc:
        error = exc.response.get("error")
        log.warning("%s failed: %s", getattr(opener, "__name__", "views"), error)
        if error == "expired_trigger_id":
            _refuse(body, respond, SLOW_TRIGGER)
        else:
            _refuse(body, respond, "Slack didn't open that form just now. Please try again in a minute.")
        return False


def update_view(client: WebClient, view_id: str, view: dict) -> bool:
    """views.update after the change was saved: a closed modal (`not_found`) only costs the redraw."""
    try:
        client.views_update(view_id=view_id, view=view)
        return True
    except SlackApiError as exc:
        log.warning("views_update failed after the change was saved: %s", exc.response.get("error"))
        return False


def open_log_call(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    contact = calls.contact_named(services, owner, _action(body).get("value"))
    if contact is None:
        _refuse(body, respond, calls.NOT_YOURS)
        return
    promise = calls.open_promise(services, owner, contact.id)
    open_modal(client, body, respond, log_call_modal(contact, promise))


def snooze(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    value = _action(body).get("value") or ""
    contact_id, days = parse_snooze_value(value)
    days_or_default = days if ":" in value else None  # the workspace's cadence decides the default
    result = calls.snooze(services, owner, contact_id, days_or_default, click_key(body, owner))
    show_change(services, owner, body, respond, result)


def let_go(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    result = calls.let_go(services, owner, _action(body).get("value"), click_key(body, owner))
    show_change(services, owner, body, respond, result)


def revive(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    result = calls.revive(services, owner, _action(body).get("value"), click_key(body, owner))
    show_change(services, owner, body, respond, result)


def outcome_clicked(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    contact_id, outcome, carry = read_value(_action(body).get("value"))
    if outcome not in {o.value for o in Outcome}:
        _refuse(body, respond, "I didn't understand that button. Try `/called NAME OUTCOME` instead.")
        return
    result = calls.log_typed(services, owner, contact_id, Outcome(outcome), carry, click_key(body, owner))
    show_change(services, owner, body, respond, result)


def contact_picked(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    contact_id, outcome, carry = read_value(_action(body).get("value"))
    if outcome in {o.value for o in Outcome}:
        key = click_key(body, owner)
        result = calls.log_typed(services, owner, contact_id, Outcome(outcome), carry, key)
        show_change(services, owner, body, respond, result)
        return
    ask = calls.ask_outcome(services, owner, contact_id, carry)
    if isinstance(ask, calls.Refused):
        _refuse(body, respond, ask.message)
        return
    respond(**(ask_outcome_reply(ask) or error_reply(TOO_LONG_FOR_BUTTONS)), replace_original=True)


def undo_change(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    result = calls.undo(services, owner, _action(body).get("value"))
    if isinstance(result, calls.Refused):
        _refuse(body, respond, result.message)
        return
    view = body.get("view") or {}
    if view.get("callback_id") == f"{CALLBACK_ID}_done":
        update_view(client, view["id"], undone_modal(result))
    block_id = _action(body).get("block_id") or RESULT_BLOCK
    show_in_place(body, respond, undone_blocks(result, block_id), undone_text(result))
    refresh_home(services, owner, from_home=on_home(body))
