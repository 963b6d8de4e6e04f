"""A saved form (Settings, Cadence by tag) is confirmed in the DM, in words: what was saved and when
the next digest comes (issue 28, finding 3). The form itself closes as before; the line is posted
after the ack, and a Slack refusal only costs the line (the change is saved)."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.services.context import Services
from handlers.request import Owner

log = logging.getLogger(__name__)


def tell_saved(services: Services, owner: Owner, text: str) -> None:
    services.background.submit(_post, services, owner, text)


def _post(services: Services, owner: Owner, text: str) -> None:
    token = services.tokens.token_for(owner.team_id)
    if services.tokens.per_workspace and not token:
        return
    try:
        services.client.chat_postMessage(
            token=token,
            channel=owner.user_id,
            text=text.replace("*", ""),
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
        )
    except SlackApiError as exc:
        log.warning("the saved confirmation was refused: %s", exc.response.get("error"))
