"""`/met import [at EVENT] [on DATE]` opens the import modal; `/met export` sends every contact as
CSV and vCard files in the app's DM."""

from __future__ import annotations

import logging

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.domain.importing.options import split_import_words
from bot.services.context import Services
from bot.services.imports import export_contacts
from bot.services.slack_files import send_files
from handlers.blocks.imports import export_comment, import_modal
from handlers.blocks.kit import BUSY, SORRY, ephemeral, error_reply, section
from handlers.request import Owner

log = logging.getLogger(__name__)
WORDS = ("import", "export")


def is_import_command(text: str) -> bool:
    first = (text or "").strip().split(maxsplit=1)
    return bool(first) and first[0].lower() in WORDS


def import_or_export(
    ack: Ack, command: dict, respond: Respond, client: WebClient, services: Services, owner: Owner
) -> None:
    word, _, rest = (command.get("text") or "").strip().partition(" ")
    if word.lower() == "export":
        ack(
            ephemeral(
                [section("Putting your contacts together; the files arrive in our DM in a moment.")],
                "Export on its way",
            )
        )
        if not services.background.submit_for(owner, export_to_dm, services, client, owner, respond):
            respond(text=BUSY, response_type="ephemeral", replace_original=False)
        return
    ack()
    words = split_import_words(rest)
    try:
        client.views_open(
            trigger_id=command["trigger_id"],
            view=import_modal(words.event, words.on, command.get("channel_id")),
        )
    except Exception:
        log.exception("could not open the import modal")
        respond(**error_reply(SORRY), replace_original=False)


def export_to_dm(services: Services, client: WebClient, owner: Owner, respond: Respond | None) -> None:
    try:
        files = export_contacts(services, owner.team_id, owner.user_id)
        if files.count == 0:
            message = "You have no contacts to export yet."
            if respond:
                respond(text=message, replace_original=False)
            return
        refused = send_files(
            client,
            owner.user_id,
            [("warmcall-contacts.csv", files.csv), ("warmcall-contacts.vcf", files.vcard)],
            export_comment(files.count),
        )
        if refused and respond:
            respond(**error_reply(refused), replace_original=False)
    except Exception:
        log.exception("export failed")
        if respond:
            respond(**error_reply(SORRY), replace_original=False)
