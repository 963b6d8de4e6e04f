"""Buttons of an import: Import and Cancel on the preview, Undo import on the result, and App Home's
Import contacts / Export contacts."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.metrics import count_import
from bot.services.context import Services
from bot.services.imports import (
    Imported,
    cancel_import,
    confirm_import,
    confirm_import_scheduling_all,
    undo_import,
)
from handlers.blocks.imports import answer_message, import_modal
from handlers.blocks.kit import BUSY, SORRY, error_reply
from handlers.commands.imports import export_to_dm
from handlers.home_refresh import refresh_home
from handlers.request import owner_of

log = logging.getLogger(__name__)


def _answer(services: Services, respond: Respond, run, owner, value) -> None:
    try:
        result = run(services, owner.team_id, owner.user_id, value)
        if isinstance(result, Imported) and not result.again:
            count_import("imported")
        message = answer_message(result)
        message.pop("response_type", None)
        respond(replace_original=True, **message)
        refresh_home(services, owner)
    except Exception:
        log.exception("import button failed")
        respond(**error_reply(SORRY), replace_original=False)


def _run_after_ack(run):
    def listener(ack: Ack, action: dict, respond: Respond, services: Services, context: BoltContext) -> None:
        ack()  # a 5,000-row import can take longer than Slack's 3 seconds: it runs after the ack
        owner = owner_of(context)
        # Heavy (an import of 5,000 rows): on the user's own queue, never ahead of others' replies.
        if not services.background.submit_for(
            owner, _answer, services, respond, run, owner, action.get("value")
        ):
            respond(text=BUSY, response_type="ephemeral", replace_original=False)

    listener.__name__ = f"{run.__name__}_clicked"
    return listener


import_clicked = _run_after_ack(confirm_import)
import_all_clicked = _run_after_ack(confirm_import_scheduling_all)
cancel_clicked = _run_after_ack(cancel_import)
undo_clicked = _run_after_ack(undo_import)


def open_import_modal(ack: Ack, body: dict, client: WebClient) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=import_modal())


def export_clicked(ack: Ack, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    if not services.background.submit_for(owner, export_to_dm, services, client, owner, None):
        client.chat_postMessage(channel=owner.user_id, text=BUSY)
