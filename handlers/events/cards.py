"""Photos sent to Warmcall's DM with no other text are business cards: read after the ack (Bolt acks
events first), and the preview arrives in the DM. A contacts file goes to the import instead."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.services.cards import is_image_file
from bot.services.cards_ocr import NOT_ENABLED, cards_enabled
from bot.services.context import Services
from handlers.blocks.cards import problem_message
from handlers.request import owner_of
from handlers.views.cards import read_cards

_CONTACT_FILES = ("csv", "vcf", "vcard", "tsv", "txt")


def card_photos(event: dict) -> bool:
    """Listener matcher: a person's files in the DM, no words, at least one not a contacts file."""
    files = event.get("files") or []
    return (
        event.get("channel_type") == "im"
        and not event.get("bot_id")
        and bool(files)
        and not (event.get("text") or "").strip()
        and (
            any(is_image_file(f) for f in files)
            or not any(str(f.get("filetype") or "").lower() in _CONTACT_FILES for f in files)
        )
    )


def shared_card_photos(event: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    if not cards_enabled():
        client.chat_postMessage(channel=owner.user_id, **problem_message(NOT_ENABLED))
        return
    services.background.submit(read_cards, services, client, owner, list(event["files"]))
