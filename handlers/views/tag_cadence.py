"""The "Cadence by tag" modal, opened from App Home: read the table, save it or show why not."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.context import Services
from bot.services.rhythm import TableRefused, save_tag_table, tag_table
from handlers.blocks.rhythm import TABLE, TAG_CADENCE, TAG_CADENCE_FORM, tag_cadence_modal
from handlers.blocks.saved import tag_table_saved_text

__all__ = ["TAG_CADENCE", "TAG_CADENCE_FORM", "open_tag_cadence", "tag_cadence_saved"]
from handlers.blocks.kit import state_value
from handlers.home_refresh import refresh_home
from handlers.request import owner_of
from handlers.views.saved import tell_saved

log = logging.getLogger(__name__)


def open_tag_cadence(
    ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    ack()
    view = tag_cadence_modal(tag_table(services, owner_of(context)))
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as exc:  # the user waited too long, or closed Home: nothing was changed
        log.warning("views.open for the tag cadence failed: %s", exc.response.get("error"))


def tag_cadence_saved(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    result = save_tag_table(services, owner, state_value(view.get("state") or {}, TABLE) or "")
    if isinstance(result, TableRefused):
        ack(response_action="errors", errors={TABLE: " ".join(result.problems)[:2000]})
        return
    ack()
    refresh_home(services, owner, from_home=True)  # a form opened from Home: Home is behind it
    tell_saved(services, owner, tag_table_saved_text(result.table))
