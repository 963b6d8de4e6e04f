"""All contacts (App Home): open the list, and redraw it when the user searches, changes the stage
filter or pages. View on a row opens the contact modal (handlers.actions.home.view_contact)."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.services.contact_search import ContactPage, find_contacts
from bot.services.context import Services
from handlers.actions.home import show_view
from handlers.blocks.contact_list import (
    FILTER_BLOCK,
    PAGE_ACTION,
    SEARCH_ACTION,
    SEARCH_BLOCK,
    STAGE_ACTION,
    contact_list_modal,
    read_state,
)
from handlers.request import owner_of


def open_contact_list(
    ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    ack()
    listing = find_contacts(services, owner_of(context), "", "all", 0)
    show_view(client.views_open, trigger_id=body["trigger_id"], view=contact_list_modal(listing))


def contact_list_changed(
    ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    """A search (Enter in the box), a stage picked, or a page button: what the view's inputs now say."""
    ack()
    view = body.get("view") or {}
    listing = _listing(services, owner_of(context), view, (body.get("actions") or [{}])[0])
    show_view(client.views_update, view_id=view.get("id"), view=contact_list_modal(listing))


def contact_list_searched(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    """The modal's Search button: the same search, answered in the ack."""
    listing = _listing(services, owner_of(context), view, {})
    ack(response_action="update", view=contact_list_modal(listing))


def _listing(services: Services, owner, view: dict, action: dict) -> ContactPage:
    query, stage, page = read_state(view.get("private_metadata"))
    values = (view.get("state") or {}).get("values") or {}
    typed = (values.get(SEARCH_BLOCK) or {}).get(SEARCH_ACTION) or {}
    picked = ((values.get(FILTER_BLOCK) or {}).get(STAGE_ACTION) or {}).get("selected_option") or {}
    query = typed.get("value") if "value" in typed else query
    stage = picked.get("value") or stage
    action_id = action.get("action_id") or ""
    if action_id == SEARCH_ACTION:
        query = action.get("value") or ""
    elif action_id == STAGE_ACTION:
        stage = (action.get("selected_option") or {}).get("value") or stage
    value = str(action.get("value") or "")
    page = int(value) if action_id.startswith(PAGE_ACTION) and value.isdigit() else 0
    return find_contacts(services, owner, query or "", stage, page)
