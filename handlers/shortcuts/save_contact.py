"""Message shortcut "Save as contact": the contact form, prefilled from the message.

The trigger id is good for about 3 s, so the form opens at once with the message as its note; the
look-ups (users.info for the person and the poster, chat.getPermalink) then fill in the rest with
views.update. A form the user has already changed is left as it is (the view hash no longer fits).
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import message_contacts
from bot.services.context import Services
from handlers.request import owner_of
from handlers.views.met_modal import contact_modal

log = logging.getLogger(__name__)

CALLBACK_ID = "save_as_contact"


def save_as_contact(
    ack: Ack, shortcut: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id")
    text = str(message.get("text") or "")
    opened = client.views_open(
        trigger_id=shortcut["trigger_id"],
        view=contact_modal(message_contacts.first_form(services, owner, text), channel),
    )
    permalink = _permalink(client, channel, message.get("ts") or shortcut.get("message_ts"))
    form = message_contacts.message_form(
        services, owner, text, message.get("user"), permalink, bot_user_id=context.bot_user_id
    )
    view = opened.get("view") or {}
    try:
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=contact_modal(form, channel))
    except SlackApiError as exc:  # hash_conflict: the user started typing; their words win
        log.info("the contact form from a message was not filled in: %s", exc.response.get("error"))


def _permalink(client: WebClient, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError as exc:
        log.info("chat.getPermalink failed: %s", exc.response.get("error"))
        return None
