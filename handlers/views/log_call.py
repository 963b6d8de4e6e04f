"""The "Log call" modal (outcome, notes, optional date), opened by any contact's Log call button."""

from __future__ import annotations

import datetime as dt
import json

from slack_bolt import Ack, BoltContext

from bot.domain.cadence import OUTCOME_LABELS, parse_outcome
from bot.domain.dates import iso_field
from bot.domain.resolve import Candidate
from bot.domain.vocabulary import Outcome
from bot.services import calls
from bot.services.context import Services
from handlers.blocks.called import logged_block, logged_text, undone_text
from handlers.blocks.kit import (
    date_input,
    escape,
    modal,
    plain,
    section,
    select_input,
    state_value,
    text_input,
)
from handlers.home_refresh import refresh_home
from handlers.request import owner_of

CALLBACK_ID = "log_call"
OUTCOME_BLOCK, DATE_BLOCK, NOTES_BLOCK, PROMISE_BLOCK = "outcome", "date", "notes", "promise"
KEPT = "kept"


def _promise_box(promise: str) -> dict:
    """ "I kept my promise", ticked to close the open promise with the call (SPEC §12)."""
    return {
        "type": "input",
        "block_id": PROMISE_BLOCK,
        "optional": True,
        "label": plain("Your promise", 2000),
        "element": {
            "type": "checkboxes",
            "action_id": "value",
            "options": [
                {
                    "text": plain("I kept my promise", 75),
                    "description": plain(f"You promised to {promise}", 75),
                    "value": KEPT,
                }
            ],
        },
    }


def log_call_modal(contact: Candidate, promise: str | None = None) -> dict:
    options = [(OUTCOME_LABELS[o], o.value) for o in Outcome]
    blocks = [
        section(f"How did it go with *{escape(contact.label)}*?"),
        select_input(OUTCOME_BLOCK, "Outcome", options),
        date_input(
            DATE_BLOCK,
            "When",
            hint="For a meeting: the day you will meet. Otherwise: the day of the call (empty = today).",
        ),
        text_input(
            NOTES_BLOCK,
            "Notes",
            multiline=True,
            optional=True,
            max_length=calls.MAX_NOTES,
            placeholder="What you talked about, what you promised",
        ),
    ]
    if promise:
        blocks.append(_promise_box(promise))
    metadata = json.dumps({"c": contact.id})
    return modal(CALLBACK_ID, "Log call", blocks, submit="Log it", private_metadata=metadata)


def result_modal(text: str, blocks: list[dict] | None = None) -> dict:
    return modal(f"{CALLBACK_ID}_done", "Log call", blocks or [section(text)], submit=None, close="Done")


def logged_modal(result: calls.Logged) -> dict:
    return result_modal(logged_text(result), [logged_block(result)])


def undone_modal(result: calls.Undone) -> dict:
    return result_modal(undone_text(result))


def _kept(state: dict) -> bool:
    return KEPT in (state_value(state, PROMISE_BLOCK) or [])


def _read(view: dict) -> tuple[str, Outcome | None, dt.date | None | str, str]:
    """(contact id, outcome, date, notes) from the submitted view; the date is "bad" when unreadable."""
    try:
        contact_id = str(json.loads(view.get("private_metadata") or "{}").get("c", ""))
    except (ValueError, AttributeError):
        contact_id = ""
    state = view.get("state") or {}
    outcome = parse_outcome(state_value(state, OUTCOME_BLOCK) or "")
    raw_date = state_value(state, DATE_BLOCK)
    day, ok = iso_field(raw_date)
    if not ok:
        day = "bad"
    return contact_id, outcome, day, state_value(state, NOTES_BLOCK) or ""


def log_call_submitted(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    contact_id, outcome, day, notes = _read(view)
    if outcome is None:
        ack(response_action="errors", errors={OUTCOME_BLOCK: "Pick what happened."})
        return
    if day == "bad":
        ack(response_action="errors", errors={DATE_BLOCK: "That isn't a real date. Pick one."})
        return
    key = f"view:{view.get('id', '')}"
    kept = _kept(view.get("state") or {})
    result = calls.log_from_form(services, owner, contact_id, outcome, day, notes, key, kept_promise=kept)
    if isinstance(result, calls.Refused) and result.field in (DATE_BLOCK, NOTES_BLOCK):
        ack(response_action="errors", errors={result.field: result.message})
        return
    if isinstance(result, calls.Refused):
        ack(response_action="update", view=result_modal(f":warning: {result.message}"))
        return
    ack(response_action="update", view=logged_modal(result))
    refresh_home(services, owner)
