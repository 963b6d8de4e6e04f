"""Prep buttons: the shared `contact_prep` (digest, Home, /prep lists, any message) and /prep's own pick
buttons for an ambiguous name. The answer is an ephemeral message with the talking points."""

from __future__ import annotations

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services import prep
from bot.services.context import Services
from handlers.blocks.kit import error_reply
from handlers.blocks.prep import points_reply
from handlers.request import owner_of


def _value(body: dict) -> str | None:
    return (body.get("actions") or [{}])[0].get("value")


def _deliver(client: WebClient, body: dict, respond: Respond, reply: dict, *, replace: bool) -> None:
    """Messages answer through response_url; Home has none, so the points go to the app's DM."""
    if body.get("response_url"):
        respond(**reply, replace_original=replace)
        return
    user_id = owner_of(body).user_id
    client.chat_postEphemeral(channel=user_id, user=user_id, text=reply["text"], blocks=reply["blocks"])


def _show(services: Services, body: dict, client: WebClient, respond: Respond, *, replace: bool) -> None:
    result = prep.prep_contact(services, owner_of(body), _value(body))
    reply = points_reply(result) if isinstance(result, prep.Prepared) else error_reply(result.message)
    _deliver(client, body, respond, reply, replace=replace)


def prep_clicked(ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services) -> None:
    ack()
    _show(services, body, client, respond, replace=False)  # keep the digest or list it came from


def prep_picked(ack: Ack, body: dict, client: WebClient, respond: Respond, services: Services) -> None:
    ack()
    _show(services, body, client, respond, replace=True)  # the question is answered: swap it
