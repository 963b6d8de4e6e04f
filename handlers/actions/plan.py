"""Plan it (a digest row, /prep, a pick list) opens the planner form; Undo takes a plan back."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.call_text import Refused
from bot.services import plans
from bot.services.context import Services
from handlers.actions.contact import open_modal, show_in_place, update_view
from handlers.blocks.kit import error_reply
from handlers.blocks.plan import (
    DONE_CALLBACK,
    RESULT_BLOCK,
    plan_modal,
    undo_row,
    unplanned_text,
    unplanned_view,
)
from handlers.home_refresh import refresh_home
from handlers.request import on_home, owner_of


def _value(body: dict) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value") or "")


def _refuse(body: dict, respond: Respond, message: str) -> None:
    if body.get("response_url"):
        respond(**error_reply(message), replace_original=False)


def open_planner(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    planner = plans.planner(services, owner_of(context), _value(body))
    if isinstance(planner, Refused):
        _refuse(body, respond, planner.message)
        return
    open_modal(client, body, respond, plan_modal(planner))


def undo_clicked(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    result = plans.undo_plan(services, owner, _value(body))
    if isinstance(result, Refused):
        _refuse(body, respond, result.message)
        return
    view = body.get("view") or {}
    if view.get("callback_id") == DONE_CALLBACK:
        update_view(client, view["id"], unplanned_view(result))
    block_id = ((body.get("actions") or [{}])[0]).get("block_id") or RESULT_BLOCK
    show_in_place(body, respond, undo_row(result) if block_id == RESULT_BLOCK else [], unplanned_text(result))
    refresh_home(services, owner, from_home=on_home(body))
