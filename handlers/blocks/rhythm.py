"""Rhythm on App Home (issue 21): the "Cadence by tag" row and its modal."""

from __future__ import annotations

from bot.domain.rhythm import MAX_DAYS, shown
from bot.services.rhythm import TagTable
from handlers.blocks.kit import Block, button, context, escape, modal, section, text_input

TAG_CADENCE = "home_tag_cadence"  # the Home button
TAG_CADENCE_FORM = "home_tag_cadence_form"  # the modal's callback id
TABLE = "tag_cadence_table"  # its one field


def rhythm_block() -> Block:
    text = (
        "*Cadence by tag*\nHow often to talk to everyone with a tag after you reach them, like "
        "`#investor 30` or `#friend 90`; a contact's own rhythm (`/called Jane reached every 2w`) wins."
    )
    return section(text, block_id="home_rhythm", accessory=button("Cadence by tag", TAG_CADENCE, "open"))


def tag_cadence_modal(table: TagTable) -> dict:
    known = " ".join(shown(k) for k in table.known[:30]) or "none yet: add `#investor` to a /met line"
    blocks = [
        text_input(
            TABLE,
            "One tag and its gap a line",
            initial=table.text or None,
            multiline=True,
            optional=True,
            max_length=2000,
            placeholder="#investor 21-30\n#friend every 3 months\n@PyCon every 3 weeks",
            hint=(
                "A gap in days (`30`), weeks (`2w`) or months (`3 months`); a range is the ideal day and "
                f"the latest (`21-30`). From 1 day to {MAX_DAYS // 365} years. Leave it empty to use "
                "the usual rhythm for everyone."
            ),
        ),
        context(
            f"Your tags and events: {escape(known)}. `@PyCon 21` sets it for everyone you met at PyCon "
            "(dashes for spaces: `@pycon-us`). With several, the shortest gap counts; a contact's own "
            "rhythm beats them all."
        ),
    ]
    return modal(TAG_CADENCE_FORM, "Cadence by tag", blocks, submit="Save")
