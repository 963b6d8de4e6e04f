"""Global shortcut "Log a call": the Log call modal with a contact picker (external_select) whose
typeahead searches the user's contacts (at most 100 options per answer). The submission is the Log
call modal's own, for the contact picked."""

from __future__ import annotations

import json

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.domain.resolve import Candidate
from bot.services import contact_search
from bot.services.context import Services
from handlers.blocks.kit import modal, plain
from handlers.request import owner_of
from handlers.views import log_call

CALLBACK_ID = "log_a_call"  # the shortcut's callback id
FORM = "log_call_any"  # the modal's callback id
PICKER_BLOCK, PICKER_ACTION = "contact", "contact_pick"


def picker_modal() -> dict:
    picker = {
        "type": "input",
        "block_id": PICKER_BLOCK,
        "label": plain("Whom did you call?"),
        "element": {
            "type": "external_select",
            "action_id": PICKER_ACTION,
            "placeholder": plain("Type a name or a company"),
            "min_query_length": 1,
        },
    }
    # The Log call modal's fields as they are, minus its "How did it go with NAME?" line.
    fields = log_call.log_call_modal(Candidate(0, "", None))["blocks"][1:]
    return modal(FORM, "Log call", [picker, *fields], submit="Log it")


def log_a_call(ack: Ack, shortcut: dict, client: WebClient) -> None:
    ack()
    client.views_open(trigger_id=shortcut["trigger_id"], view=picker_modal())


def suggest_contacts(ack: Ack, body: dict, services: Services, context: BoltContext) -> None:
    choices = contact_search.suggest(services, owner_of(context), str(body.get("value") or ""))
    ack(options=[{"text": plain(c.choice_label, 75), "value": str(c.id)} for c in choices])


def picked_call_submitted(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    entry = ((view.get("state") or {}).get("values", {}).get(PICKER_BLOCK) or {}).get(PICKER_ACTION) or {}
    picked = str((entry.get("selected_option") or {}).get("value") or "")
    if not picked.isdigit():
        ack(response_action="errors", errors={PICKER_BLOCK: "Pick whom you called."})
        return
    chosen = {**view, "private_metadata": json.dumps({"c": int(picked)})}
    log_call.log_call_submitted(ack, chosen, services, context)
