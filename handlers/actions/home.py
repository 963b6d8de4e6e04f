"""Buttons on App Home and in the contact modal: Show more, View (the contact modal) and its history
pages, Edit, Let go / Revive, Delete, Settings, Resume nudges, and adding or removing offers."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.services import calls
from bot.services.contacts import contact_for_edit
from bot.services.context import Services
from bot.services.home import contact_card, forget_contact, remove_offer
from bot.services.profiles import ensure_profile
from bot.services.settings import current_settings, resume_nudges
from handlers.actions.contact import click_key
from handlers.blocks import contact_card as card_view
from handlers.blocks.home import read_page_value
from handlers.home_refresh import publish_home, refresh_home
from handlers.request import owner_of
from handlers.views.met_modal import contact_modal as edit_modal
from handlers.views.settings import offer_modal, settings_modal

GONE = "That contact isn't in your list any more. It may have been deleted."


def _action(body: dict) -> dict:
    return (body.get("actions") or [{}])[0]


def _in_modal(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "modal"


def show_card(
    services: Services,
    body: dict,
    client: WebClient,
    contact_id: object,
    page: int = 0,
    note: str | None = None,
) -> None:
    """Open the contact modal, or redraw it in place when the click came from inside it."""
    card = contact_card(services, owner_of(body), contact_id, page)
    view = card_view.contact_modal(card, note) if card else card_view.message_modal(GONE)
    if _in_modal(body) and (body["view"].get("callback_id") or "").startswith(card_view.CALLBACK):
        client.views_update(view_id=body["view"]["id"], view=view)
    elif _in_modal(body):
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def view_contact(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    show_card(services, body, client, _action(body).get("value"))


def history_page(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    contact_id, page = card_view.read_history_value(_action(body).get("value"))
    show_card(services, body, client, contact_id, page)


def edit_contact(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    owner = owner_of(body)
    contact = contact_for_edit(services, owner.team_id, owner.user_id, _action(body).get("value"))
    if contact is None:
        show_card(services, body, client, None)
        return
    client.views_push(trigger_id=body["trigger_id"], view=edit_modal(contact, None))


def let_go_or_revive(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    owner, contact_id = owner_of(body), _action(body).get("value")
    change = calls.revive if _action(body).get("action_id") == card_view.REVIVE else calls.let_go
    result = change(services, owner, contact_id, click_key(body))
    if isinstance(result, calls.Refused):
        note = f":warning: {result.message}"
    elif result.next_due is None:
        note = f"You let *{result.contact_name}* go: no more nudges about them."
    else:
        note = f"*{result.contact_name}* is back on your list."
    show_card(services, body, client, contact_id, note=note)
    refresh_home(services, owner)


def delete_contact(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    owner = owner_of(body)
    name = forget_contact(services, owner, _action(body).get("value"))
    text = f"Deleted *{name}* and everything logged about them." if name else GONE
    client.views_update(view_id=body["view"]["id"], view=card_view.message_modal(text))
    refresh_home(services, owner)


def home_page(ack: Ack, body: dict, services: Services) -> None:
    ack()
    publish_home(services, owner_of(body), read_page_value(_action(body).get("value")))


def open_settings(ack: Ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    owner = owner_of(body)
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    client.views_open(
        trigger_id=body["trigger_id"], view=settings_modal(current_settings(profile), profile.tz)
    )


def resume(ack: Ack, body: dict, services: Services) -> None:
    ack()
    owner = owner_of(body)
    resume_nudges(services, owner)
    refresh_home(services, owner)


def open_offer_form(ack: Ack, body: dict, client: WebClient) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=offer_modal())


def offer_removed(ack: Ack, body: dict, services: Services) -> None:
    ack()
    owner = owner_of(body)
    remove_offer(services, owner, _action(body).get("value"))
    refresh_home(services, owner)
