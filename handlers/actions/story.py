"""Buttons of a contact's story (SPEC §12): promise kept, did the meeting happen, thank the referrer.

They answer like every contact button (handlers.actions.contact.show_change): the clicked row becomes
a confirmation with Undo. "It moved" opens a small modal for the new day; "Thank them" sends the
referrer, a Slack member, a short DM from Warmcall, only because the user pressed it.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import calls, story
from bot.services.context import Services
from handlers.actions.contact import _action, _refuse, click_key, open_modal, show_change
from handlers.blocks.kit import escape
from handlers.blocks.story import member_of
from handlers.request import owner_of
from handlers.views.meeting import moved_modal

log = logging.getLogger(__name__)


def promise_kept(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    result = story.close_promise(services, owner, _action(body).get("value"), True, click_key(body, owner))
    show_change(services, owner, body, respond, result)


def promise_dropped(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    result = story.close_promise(services, owner, _action(body).get("value"), False, click_key(body, owner))
    show_change(services, owner, body, respond, result)


def meeting_held(ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    result = story.answer_meeting(services, owner, _action(body).get("value"), "held", click_key(body, owner))
    show_change(services, owner, body, respond, result)


def meeting_cancelled(
    ack: Ack, body: dict, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    key = click_key(body, owner)
    result = story.answer_meeting(services, owner, _action(body).get("value"), "cancelled", key)
    show_change(services, owner, body, respond, result)


def meeting_moved(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    contact = calls.contact_named(services, owner, _action(body).get("value"))
    if contact is None:
        _refuse(body, respond, calls.NOT_YOURS)
        return
    open_modal(client, body, respond, moved_modal(contact.id, contact.name))


def _thanks_text(owner_user: str, contact_name: str) -> str:
    return (
        f"👋 A note from <@{owner_user}>, sent through Warmcall: they have now spoken with "
        f"*{escape(contact_name)}*, the person you referred. Thank you for making the connection!"
    )


def thank(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    contact_id = _action(body).get("value")
    referrer = story.referrer_of(services, owner, contact_id)
    result = story.thank_referrer(services, owner, contact_id, click_key(body, owner))
    if isinstance(result, calls.Refused) or result.repeated or referrer is None:
        show_change(services, owner, body, respond, result)
        return
    member = member_of(referrer)
    if member is not None and member != owner.user_id:
        try:
            client.chat_postMessage(channel=member, text=_thanks_text(owner.user_id, result.contact_name))
        except SlackApiError as exc:
            log.warning("thank-you DM failed: %s", exc.response.get("error"))
            calls.undo(services, owner, result.interaction_id)
            _refuse(
                body,
                respond,
                "Slack didn't let me send the thank-you just now, so nothing was noted. Try again in a minute.",
            )
            return
    show_change(services, owner, body, respond, result)
