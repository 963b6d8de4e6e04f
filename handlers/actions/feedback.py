""" "Useful / Not useful" under a reason (digest rows, /prep): store the presser's verdict, answer with
a short note only they see. The vote is always the presser's (handlers.request.owner_of)."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.feedback import thanks_text
from bot.services import feedback
from bot.services.context import Services
from handlers.blocks.kit import ephemeral, error_reply, escape, section
from handlers.request import owner_of

log = logging.getLogger(__name__)

NOT_RECORDED = "I couldn't note that: the contact may have been deleted. Nothing was changed."


def reason_feedback(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    value = (body.get("actions") or [{}])[0].get("value")
    noted = feedback.record_vote(services, owner, value)
    if noted is None:
        reply = error_reply(NOT_RECORDED)
    else:
        text = thanks_text(noted.kind, noted.useful, noted.demoted)
        reply = ephemeral([section(escape(text))], text)
    if body.get("response_url"):
        respond(**reply, replace_original=False)
        return
    try:  # a message without a response_url: the note goes to the app's DM, only for the presser
        client.chat_postEphemeral(
            channel=owner.user_id, user=owner.user_id, text=reply["text"], blocks=reply["blocks"]
        )
    except SlackApiError as exc:
        log.info("chat.postEphemeral of a feedback note failed (%s)", exc.response.get("error"))
