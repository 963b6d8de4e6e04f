"""Cards by photo, the modals: the photos' submission (file_input) turns the modal into "Reading…" and
the cards are read after the ack; the review's submission saves the kept cards with their fixes, then
the result (with Undo) arrives in the app's DM. Also the DM's photos, read the same way."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.cards import (
    FIELDS,
    MAX_CARDS,
    NeedsFixing,
    phone_region,
    photos_from_slack,
    preview_cards,
    read_photos,
    save_cards,
)
from bot.services.cards_ocr import cards_enabled
from bot.services.context import Services
from bot.services.imports import ImportProblem
from handlers.blocks.cards import (
    EVENT_BLOCK,
    FILE_ACTION,
    FILE_BLOCK,
    KEEP_BLOCK,
    ON_BLOCK,
    field_block,
    not_enabled_view,
    preview_message,
    problem_message,
    reading_view,
    review_modal,
    saved_message,
)
from handlers.blocks.kit import SORRY, state_value
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)
_FIELD_BLOCK = re.compile(r"^card(\d+)_(\w+)$")


def cards_submitted(
    ack: Ack, view: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    state = view.get("state") or {}
    files = (((state.get("values") or {}).get(FILE_BLOCK) or {}).get(FILE_ACTION) or {}).get("files") or []
    if not files:
        ack(response_action="errors", errors={FILE_BLOCK: "Choose at least one photo of a business card."})
        return
    if not cards_enabled():
        ack(response_action="update", view=not_enabled_view())
        return
    ack(response_action="update", view=reading_view(len(files)))
    event, on = state_value(state, EVENT_BLOCK), state_value(state, ON_BLOCK)
    owner = owner_of(context)
    services.background.submit(read_cards, services, client, owner, files, event, on, view.get("id"))


def read_cards(
    services: Services,
    client: WebClient,
    owner: Owner,
    files: list[dict],
    event: str | None = None,
    on: str | None = None,
    view_id: str | None = None,
) -> None:
    """After the ack: fetch and read the photos, keep the preview; the review replaces the modal, or
    (from the DM, or when the modal was closed meanwhile) the preview arrives in the DM."""
    try:
        region = phone_region(services, owner.team_id, owner.user_id)
        reads = read_photos(photos_from_slack(client, files), region)
        preview = preview_cards(services, owner.team_id, owner.user_id, reads, event=event, on=on)
    except Exception:
        log.exception("reading cards failed")
        client.chat_postMessage(channel=owner.user_id, **problem_message(SORRY))
        return
    if view_id and preview.readable:
        try:
            client.views_update(view_id=view_id, view=review_modal(preview))
            return
        except SlackApiError as exc:
            log.info(
                "cards review: the modal is gone (%s); the preview goes to the DM", exc.response.get("error")
            )
    client.chat_postMessage(channel=owner.user_id, **preview_message(preview))
    if len(files) > MAX_CARDS:
        more = len(files) - MAX_CARDS
        text = f"I read the first {MAX_CARDS} photos; send the other {more} in another message."
        client.chat_postMessage(channel=owner.user_id, text=text)


def review_submitted(
    ack: Ack, view: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    state = view.get("state") or {}
    edits: dict[int, dict[str, str | None]] = {}
    for block_id in state.get("values") or {}:
        if (found := _FIELD_BLOCK.match(block_id)) and found.group(2) in FIELDS:
            edits.setdefault(int(found.group(1)), {})[found.group(2)] = state_value(state, block_id)
    keep = {int(v) for v in state_value(state, KEEP_BLOCK) or [] if str(v).isdigit()}
    owner = owner_of(context)
    result = save_cards(
        services,
        owner.team_id,
        owner.user_id,
        view.get("private_metadata"),
        keep=keep,
        edits=edits,
        event=state_value(state, EVENT_BLOCK),
        on=state_value(state, ON_BLOCK),
    )
    if isinstance(result, NeedsFixing):
        errors = {field_block(n, f): text for (n, f), text in result.problems.items()}
        if result.general:
            errors[KEEP_BLOCK if "Tick" in result.general else ON_BLOCK] = result.general
        ack(response_action="errors", errors=errors)
        return
    ack()
    message = problem_message(result.message) if isinstance(result, ImportProblem) else saved_message(result)
    services.background.submit(_tell, services, client, owner, message)


def _tell(services: Services, client: WebClient, owner: Owner, message: dict) -> None:
    client.chat_postMessage(channel=owner.user_id, **message)
    refresh_home(services, owner)
