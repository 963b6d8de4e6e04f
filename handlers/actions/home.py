"""Buttons on App Home and in the contact modal: Show more, View (the contact modal) and its history
pages, Edit, Let go / Revive, Delete, Settings, Resume nudges, and adding or removing offers."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import calls
from bot.services.contacts import contact_for_edit
from bot.services.context import Services
from bot.services.home import contact_card, forget_contact, remove_offer
from bot.services.profiles import ensure_profile
from bot.services.settings import current_settings, resume_nudges
from handlers.actions.contact import click_key
from handlers.blocks import contact_card as card_view
from handlers.blocks.home import read_page_value
from handlers.blocks.kit import escape
from handlers.home_refresh import publish_home, refresh_home
from handlers.request import Owner, on_home, owner_of
from handlers.views.met_modal import contact_modal as edit_modal
from handlers.views.settings import offer_modal, settings_modal

log = logging.getLogger(__name__)

GONE = "That contact isn't in your list any more. It may have been deleted."


def _action(body: dict) -> dict:
    return (body.get("actions") or [{}])[0]


def _in_modal(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "modal"


def show_card(
    services: Services,
    owner: Owner,
    body: dict,
    client: WebClient,
    contact_id: object,
    page: int = 0,
    note: str | None = None,
) -> None:
    """Open the contact modal, or redraw it in place when the click came from inside it."""
    card = contact_card(services, owner, contact_id, page)
    view = card_view.contact_modal(card, note) if card else card_view.message_modal(GONE)
    if _in_modal(body) and (body["view"].get("callback_id") or "").startswith(card_view.CALLBACK):
        show_view(client.views_update, view_id=body["view"]["id"], view=view)
    elif _in_modal(body):
        show_view(client.views_push, trigger_id=body["trigger_id"], view=view)
    else:
        show_view(client.views_open, trigger_id=body["trigger_id"], view=view)


def show_view(method, **arguments) -> bool:
    """Show a modal after the click was acknowledged. The change the click made is already saved,
    so a failure here (the user closed the modal: `not_found`; a slow open: `expired_trigger_id`)
    only costs the redraw: log it and carry on, never let it reach Bolt as a failed listener."""
    try:
        method(**arguments)
        return True
    except SlackApiError as exc:
        log.warning("%s failed after the click was handled: %s", method.__name__, exc.response.get("error"))
        return False


def view_contact(ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    show_card(services, owner_of(context), body, client, _action(body).get("value"))


def history_page(ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    contact_id, page = card_view.read_history_value(_action(body).get("value"))
    show_card(services, owner_of(context), body, client, contact_id, page)


def edit_contact(ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    contact = contact_for_edit(services, owner.team_id, owner.user_id, _action(body).get("value"))
    if contact is None:
        show_card(services, owner, body, client, None)
        return
    show_view(client.views_push, trigger_id=body["trigger_id"], view=edit_modal(contact, None))


def let_go_or_revive(
    ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    ack()
    owner, contact_id = owner_of(context), _action(body).get("value")
    change = calls.revive if _action(body).get("action_id") == card_view.REVIVE else calls.let_go
    result = change(services, owner, contact_id, click_key(body, owner))
    if isinstance(result, calls.Refused):
        note = f":warning: {escape(result.message)}"
    elif result.next_due is None:
        note = f"You let *{escape(result.contact_name)}* go: no more nudges about them."
    else:
        note = f"*{escape(result.contact_name)}* is back on your list."
    show_card(services, owner, body, client, contact_id, note=note)
    refresh_home(services, owner, from_home=on_home(body))


def delete_contact(ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    name = forget_contact(services, owner, _action(body).get("value"))
    text = f"Deleted *{escape(name)}* and everything logged about them." if name else GONE
    show_view(client.views_update, view_id=body["view"]["id"], view=card_view.message_modal(text))
    refresh_home(services, owner, from_home=on_home(body))


def home_page(ack: Ack, body: dict, services: Services, context: BoltContext) -> None:
    ack()
    publish_home(services, owner_of(context), read_page_value(_action(body).get("value")), seen=True)


def open_settings(ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    view = settings_modal(current_settings(profile), profile.tz)
    show_view(client.views_open, trigger_id=body["trigger_id"], view=view)


def resume(ack: Ack, body: dict, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    resume_nudges(services, owner)
    refresh_home(services, owner, from_home=on_home(body))


def open_offer_form(ack: Ack, body: dict, client: WebClient) -> None:
    ack()
    show_view(client.views_open, trigger_id=body["trigger_id"], view=offer_modal())


def offer_removed(ack: Ack, body: dict, services: Services, context: BoltContext) -> None:
    ack()
    owner = owner_of(context)
    remove_offer(services, owner, _action(body).get("value"))
    refresh_home(services, owner, from_home=on_home(body))
