"""Cards by photo, the buttons: Add from business cards (App Home) opens the photos modal; the DM
preview's Review and save opens the review, Cancel drops the batch."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.services.cards import cards_preview
from bot.services.cards_ocr import cards_enabled
from bot.services.context import Services
from bot.services.imports import ImportProblem, cancel_import
from handlers.blocks.cards import not_enabled_view, problem_message, review_modal, upload_modal
from handlers.request import owner_of

log = logging.getLogger(__name__)


def open_cards_modal(ack: Ack, body: dict, client: WebClient) -> None:
    ack()
    view = upload_modal() if cards_enabled() else not_enabled_view()
    client.views_open(trigger_id=body["trigger_id"], view=view)


def review_clicked(
    ack: Ack,
    body: dict,
    action: dict,
    client: WebClient,
    respond: Respond,
    services: Services,
    context: BoltContext,
) -> None:
    ack()
    owner = owner_of(context)
    preview = cards_preview(services, owner.team_id, owner.user_id, action.get("value"))
    if isinstance(preview, ImportProblem):
        respond(replace_original=False, **problem_message(preview.message))
        return
    client.views_open(trigger_id=body["trigger_id"], view=review_modal(preview))


def cancel_clicked(
    ack: Ack, action: dict, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    result = cancel_import(services, owner.team_id, owner.user_id, action.get("value"))
    if isinstance(result, ImportProblem):
        respond(replace_original=False, **problem_message(result.message))
        return
    respond(replace_original=True, text="Cancelled; nothing from those cards was saved.")
