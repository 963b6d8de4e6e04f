"""Prep buttons: the shared `contact_prep` (digest, Home, /prep lists, any message) and /prep's own pick
buttons for an ambiguous name. The answer is an ephemeral message with the talking points."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import prep
from bot.services.context import Services
from handlers.blocks.kit import error_reply
from handlers.blocks.prep import points_reply
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)


def _value(body: dict) -> str | None:
    return (body.get("actions") or [{}])[0].get("value")


def _deliver(
    client: WebClient, owner: Owner, body: dict, respond: Respond, reply: dict, *, replace: bool
) -> None:
    """Messages answer through response_url. Home has none: the points go to the app's DM, as an
    ephemeral message, or as a plain DM when Slack refuses the ephemeral one."""
    if body.get("response_url"):
        respond(**reply, replace_original=replace)
        return
    user_id, text, blocks = owner.user_id, reply["text"], reply["blocks"]
    try:
        client.chat_postEphemeral(channel=user_id, user=user_id, text=text, blocks=blocks)
        return
    except SlackApiError as exc:
        log.info("chat.postEphemeral of talking points failed (%s); sending a DM", exc.response.get("error"))
    try:
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not send talking points to %s: %s", user_id, exc.response.get("error"))


def _show(
    services: Services, owner: Owner, body: dict, client: WebClient, respond: Respond, *, replace: bool
) -> None:
    result = prep.prep_contact(services, owner, _value(body))
    reply = points_reply(result) if isinstance(result, prep.Prepared) else error_reply(result.message)
    _deliver(client, owner, body, respond, reply, replace=replace)


def prep_clicked(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    # Keep the digest or list it came from.
    _show(services, owner_of(context), body, client, respond, replace=False)


def prep_picked(
    ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    _show(services, owner_of(context), body, client, respond, replace=True)  # the question is answered
