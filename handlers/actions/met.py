"""Buttons on /met replies: Edit, Undo, and the answer to "is this the same person?"."""

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.contact_form import unpack
from bot.services.contacts import (
    GONE,
    Problem,
    Saved,
    contact_for_edit,
    merge_into,
    save_new,
    undo_add,
)
from bot.services.context import Services
from handlers.blocks.met import (
    DUPLICATE_UPDATE,
    apologise_on_failure,
    problem_message,
    removed_message,
    saved_message,
)
from handlers.home_refresh import refresh_home
from handlers.request import owner_of
from handlers.views.met_modal import open_contact_modal

STALE = Problem("That button has expired or was changed. Type the `/met` line again.")


def _channel_of(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def _replier(body: dict, respond: Respond) -> Respond | None:
    return respond if body.get("response_url") else None


def edit_added(
    ack: Ack,
    body: dict,
    action: dict,
    respond: Respond,
    client: WebClient,
    services: Services,
    context: BoltContext,
) -> None:
    ack()
    replier = _replier(body, respond)
    with apologise_on_failure(replier):
        owner = owner_of(context)
        contact = contact_for_edit(services, owner.team_id, owner.user_id, action.get("value"))
        if contact is None:
            respond(**problem_message(GONE), replace_original=False)
            return
        open_contact_modal(client, body["trigger_id"], contact, _channel_of(body), replier)


def undo_added(
    ack: Ack, body: dict, action: dict, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    with apologise_on_failure(_replier(body, respond)):
        owner = owner_of(context)
        removed = undo_add(services, owner.team_id, owner.user_id, action.get("value"))
        respond(**removed_message(removed), replace_original=True)
        if removed.name is not None:
            refresh_home(services, owner)


def duplicate_answered(
    ack: Ack, body: dict, action: dict, respond: Respond, services: Services, context: BoltContext
) -> None:
    ack()
    with apologise_on_failure(_replier(body, respond)):
        owner = owner_of(context)
        pending = unpack(action.get("value"))
        if pending is None:
            respond(**problem_message(STALE), replace_original=False)
            return
        if action.get("action_id") == DUPLICATE_UPDATE:
            result = merge_into(
                services, owner.team_id, owner.user_id, pending.existing_id, pending.draft, once=pending.nonce
            )
        else:
            result = save_new(services, owner.team_id, owner.user_id, pending.draft, once=pending.nonce)
        if isinstance(result, Saved):
            respond(**saved_message(result), replace_original=True)
            refresh_home(services, owner)
        else:
            respond(**problem_message(result), replace_original=False)  # type: ignore[arg-type]
