"""The Plan it form's submission: plan the call, answer with the plan and its Undo."""

from __future__ import annotations

import datetime as dt

from slack_bolt import Ack, BoltContext

from bot.domain.call_text import Refused
from bot.services import plans
from bot.services.context import Services
from handlers.blocks.plan import WHEN_BLOCK, planned_view, read_form, refused_view
from handlers.home_refresh import refresh_home
from handlers.request import owner_of


def plan_submitted(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    contact_id, stamp, how = read_form(view)
    if stamp is None:
        ack(response_action="errors", errors={WHEN_BLOCK: "Pick a day and a time."})
        return
    at = dt.datetime.fromtimestamp(stamp, dt.UTC)
    result = plans.plan_call(services, owner, contact_id, at, how, key=f"view:{view.get('id', '')}")
    if isinstance(result, Refused) and result.field == WHEN_BLOCK:
        ack(response_action="errors", errors={WHEN_BLOCK: result.message})
        return
    if isinstance(result, Refused):
        ack(response_action="update", view=refused_view(result.message))
        return
    ack(response_action="update", view=planned_view(result))
    refresh_home(services, owner)
