"""The "Import contacts" modal's submission: the file is fetched after the ack, and the preview
(with Import / Cancel) arrives in the app's DM."""

from __future__ import annotations

import logging

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.metrics import count_import
from bot.services.context import Services
from bot.services.imports import ImportProblem, preview_import
from bot.services.slack_files import FileRefused, fetch_file
from handlers.blocks.imports import EVENT_BLOCK, FILE_ACTION, FILE_BLOCK, MODAL, ON_BLOCK, preview_message
from handlers.blocks.kit import BUSY, SORRY, error_reply, state_value
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)
CALLBACK = MODAL


def import_submitted(
    ack: Ack, view: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    values = (view.get("state") or {}).get("values") or {}
    files = ((values.get(FILE_BLOCK) or {}).get(FILE_ACTION) or {}).get("files") or []
    if not files:
        ack(response_action="errors", errors={FILE_BLOCK: "Choose a .csv or .vcf file to import."})
        return
    ack()
    owner = owner_of(context)
    event = state_value(view["state"], EVENT_BLOCK)
    on = state_value(view["state"], ON_BLOCK)
    # Heavy: on the user's own queue, so it never holds up anyone else's replies.
    if not services.background.submit_for(
        owner, preview_to_dm, services, client, owner, str(files[0].get("id")), event, on
    ):
        client.chat_postMessage(channel=owner.user_id, text=BUSY)


def preview_to_dm(
    services: Services, client: WebClient, owner: Owner, file_id: str, event: str | None, on: str | None
) -> None:
    """Fetch, read and preview the file; the answer (preview or a sentence) goes to the app's DM."""
    try:
        fetched = fetch_file(client, file_id)
        if isinstance(fetched, FileRefused):
            message = error_reply(fetched.message)
            count_import("refused")
        else:
            result = preview_import(
                services, owner.team_id, owner.user_id, fetched.data, fetched.name, event=event, on=on
            )
            message = (
                error_reply(result.message) if isinstance(result, ImportProblem) else preview_message(result)
            )
            count_import("refused" if isinstance(result, ImportProblem) else "previewed")
    except Exception:
        log.exception("import preview failed")
        message = error_reply(SORRY)
    message.pop("response_type", None)
    client.chat_postMessage(channel=owner.user_id, text=message["text"], blocks=message["blocks"])
