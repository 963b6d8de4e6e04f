"""A contacts file sent to Warmcall's DM with the word `import` (`import at PyCon on Nov 20`): the same
preview as the import modal, answered in the DM. Other shared files are left alone."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.domain.importing.options import split_import_words
from bot.services.context import Services
from handlers.blocks.kit import BUSY
from handlers.commands.imports import is_import_command
from handlers.request import owner_of
from handlers.views.import_modal import preview_to_dm


def shared_import_file(event: dict, client: WebClient, services: Services, context: BoltContext) -> None:
    """After the ack (Bolt acks events first): fetch and preview the first file, off the listener thread."""
    if event.get("channel_type") != "im" or event.get("bot_id") or not event.get("files"):
        return
    text = (event.get("text") or "").strip()
    if not is_import_command(text) or text.split()[0].lower() != "import":
        return
    words = split_import_words(text.partition(" ")[2])
    file_id = str(event["files"][0].get("id"))
    owner = owner_of(context)
    # Heavy: on the user's own queue, so it never holds up anyone else's replies.
    if not services.background.submit_for(
        owner, preview_to_dm, services, client, owner, file_id, words.event, words.on
    ):
        client.chat_postMessage(channel=owner.user_id, text=BUSY)
