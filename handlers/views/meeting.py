"""The "Meeting moved" modal: the new day of a booked meeting (opened by the story's "It moved")."""

from __future__ import annotations

import json

from slack_bolt import Ack, BoltContext

from bot.domain.call_text import Refused
from bot.domain.dates import iso_field
from bot.services import story
from bot.services.context import Services
from handlers.blocks.kit import date_input, escape, modal, section
from handlers.home_refresh import refresh_home
from handlers.request import owner_of

MOVED_FORM = "story_meeting_moved_form"
MOVED_BLOCK = "day"


def moved_modal(contact_id: int, name: str) -> dict:
    blocks = [
        section(f"When will you meet *{escape(name)}* now?"),
        date_input(MOVED_BLOCK, "New day", optional=False),
    ]
    return modal(
        MOVED_FORM, "Meeting moved", blocks, submit="Save", private_metadata=json.dumps({"c": contact_id})
    )


def meeting_moved_saved(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    try:
        contact_id = str(json.loads(view.get("private_metadata") or "{}").get("c", ""))
    except (ValueError, AttributeError):
        contact_id = ""
    raw = ((view.get("state") or {}).get("values", {}).get(MOVED_BLOCK) or {}).get("value") or {}
    day, ok = iso_field(raw.get("selected_date"))
    if not ok or day is None:
        ack(response_action="errors", errors={MOVED_BLOCK: "Pick the new day of the meeting."})
        return
    result = story.answer_meeting(services, owner, contact_id, "moved", f"view:{view.get('id', '')}", day)
    if isinstance(result, Refused):
        ack(response_action="errors", errors={MOVED_BLOCK: result.message})
        return
    ack()
    refresh_home(services, owner)
