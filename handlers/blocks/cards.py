"""What cards by photo look like: the upload modal (Slack's file_input), the "reading" view, the DM
preview with Review and save, the review modal (every card's fields to fix, a tick to keep each, the
event and met day once), and the saved message with the import's Undo."""

from __future__ import annotations

from bot.services.cards import FIELDS, LABELS, MAX_CARDS, CardRead, CardsPreview, shown_value
from bot.services.cards_ocr import IMAGE_TYPES, NOT_ENABLED
from bot.services.imports import Imported
from handlers.blocks import imports as import_blocks
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    confirm_dialog,
    context,
    error_reply,
    escape,
    modal,
    option,
    plain,
    section,
    text_input,
)

UPLOAD = "cards_upload"  # the file_input modal's callback id
REVIEW = "cards_review"  # the review modal's callback id
FILE_BLOCK, FILE_ACTION = "cards_files", "files"
EVENT_BLOCK, ON_BLOCK, KEEP_BLOCK = "cards_event", "cards_on", "cards_keep"
OPEN = "cards_open"  # "Add from business cards" (App Home, the DM)
REVIEW_OPEN, CANCEL = "cards_review_open", "cards_cancel"
MAX_LENGTHS = {
    "name": 100,
    "role": 200,
    "company": 200,
    "email": 320,
    "phone": 40,
    "url": 1000,
    "notes": 3000,
}


def field_block(number: int, field: str) -> str:
    return f"card{number}_{field}"


def open_button() -> dict:
    return button("Add from business cards", OPEN, "open")


def upload_modal(event: str | None = None, on: str | None = None) -> dict:
    blocks: list[Block] = [
        {
            "type": "input",
            "block_id": FILE_BLOCK,
            "label": plain(f"Photos of business cards (up to {MAX_CARDS})"),
            "hint": plain(
                "One card per photo, flat, filling the frame, in good light. JPEG or PNG. "
                "You see what I read before anything is saved."
            ),
            "element": {
                "type": "file_input",
                "action_id": FILE_ACTION,
                "filetypes": [t for t in IMAGE_TYPES if t not in ("gif", "bmp", "tiff")],
                "max_files": MAX_CARDS,
            },
        },
        *_event_inputs(event, on),
    ]
    return modal(UPLOAD, "Add business cards", blocks, submit="Read cards")


def _event_inputs(event: str | None, on: str | None) -> list[Block]:
    return import_blocks.event_inputs(
        EVENT_BLOCK, ON_BLOCK, event, on, "yesterday, Fri, Nov 20 or 2026-11-20 (empty: today)"
    )


def reading_view(count: int) -> dict:
    words = "your card" if count == 1 else f"your {count} cards"
    return modal(
        UPLOAD, "Add business cards", [section(f":hourglass_flowing_sand: Reading {words}…")], submit=None
    )


def not_enabled_view() -> dict:
    return modal(OPEN, "Add business cards", [section(escape(NOT_ENABLED))], submit=None, close="OK")


def _unsure_words(card: CardRead) -> str:
    shown = [LABELS[f] for f in card.uncertain]
    return f" — check the {', '.join(shown)}" if shown else ""


def card_lines(card: CardRead, country: str | None = None) -> list[str]:
    """One card as plain lines: what was read (phones as the user's `country` writes them), what is
    uncertain, or why nothing was read."""
    if card.problem:
        return [f"Card {card.number} ({card.file_name}): {card.problem} Nothing from it is saved."]
    read = [
        f"{LABELS[f]}: {shown_value(f, card.values.get(f), country)}"
        for f in FIELDS
        if f != "notes" and card.values.get(f)
    ]
    lines = [f"Card {card.number}: " + ("; ".join(read) or "no fields read") + _unsure_words(card)]
    if not card.values.get("name"):
        lines.append("No name was read: type it in the review.")
    if card.duplicate_of:
        lines.append(f"Already in your contacts as {card.duplicate_of}: saving fills in what the card adds.")
    return lines


def _summary(preview: CardsPreview) -> str:
    n, bad = len(preview.readable), len(preview.cards) - len(preview.readable)
    text = f"I read {n} card{'s' if n != 1 else ''}"
    if bad:
        text += f"; {bad} photo{'s' if bad != 1 else ''} I couldn't read"
    if preview.event:
        text += f" from {preview.event}"
    return text + "."


def preview_message(preview: CardsPreview) -> dict:
    """The DM preview: every card and what is uncertain, then Review and save / Cancel."""
    summary = _summary(preview)
    blocks: list[Block] = [section(f"*{escape(summary)}*")]
    for card in preview.cards[:MAX_CARDS]:
        blocks.append(section(escape("\n".join(card_lines(card, preview.country)))))
    value = str(preview.batch_id)
    if preview.readable:
        blocks.append(
            context("Nothing is saved yet. Review to fix a field, drop a card, and set the event once.")
        )
        blocks.append(
            actions(
                [
                    button("Review and save", REVIEW_OPEN, value, style="primary"),
                    button("Cancel", CANCEL, value),
                ],
                block_id=f"cards_{value}",
            )
        )
    return {"text": summary, "blocks": blocks}


def review_modal(preview: CardsPreview) -> dict:
    """Every readable card's fields to fix, a tick per card to keep it, the event and day once."""
    readable = preview.readable
    keep = [
        option(f"Card {c.number}: {c.values.get('name') or '(no name read)'}", str(c.number))
        for c in readable
    ]
    blocks: list[Block] = [
        section(f"*{escape(_summary(preview))}* Fix anything read wrong; untick a card to leave it out."),
        *_event_inputs(preview.event, preview.on),
        {
            "type": "input",
            "block_id": KEEP_BLOCK,
            "label": plain("Cards to save"),
            "optional": True,
            "element": {
                "type": "checkboxes",
                "action_id": "value",
                "options": keep,
                "initial_options": keep,
            },
        },
    ]
    for card in readable:
        heading = f"*Card {card.number}* ({escape(card.file_name)}){escape(_unsure_words(card))}"
        if card.duplicate_of:
            heading += (
                f"\nAlready in your contacts as {escape(card.duplicate_of)}: saving fills in what is new."
            )
        blocks.append(section(heading))
        for field in FIELDS:
            label = LABELS[field].capitalize() + (" (check)" if field in card.uncertain else "")
            blocks.append(
                text_input(
                    field_block(card.number, field),
                    label,
                    initial=shown_value(field, card.values.get(field), preview.country),
                    optional=True,
                    multiline=field == "notes",
                    max_length=MAX_LENGTHS[field],
                )
            )
    unreadable = [c for c in preview.cards if c.problem]
    if unreadable:
        blocks.append(context(escape(" ".join(card_lines(c)[0] for c in unreadable))[:2900]))
    n = len(readable)
    return modal(
        REVIEW,
        "Add business cards",
        blocks,
        submit=f"Save {n} card{'s' if n != 1 else ''}"[:24],
        private_metadata=str(preview.batch_id),
    )


def saved_message(result: Imported) -> dict:
    """What was saved, with the import's Undo (it takes the whole batch back)."""
    if result.again:
        text = "Those cards are already saved; nothing more was changed."
        return {"text": text, "blocks": [section(text)]}
    added, updated = result.added, result.updated
    text = f"Saved {added} new contact{'s' if added != 1 else ''} from your cards"
    if updated:
        text += f" and filled in {updated} you already had"
    text += "."
    blocks: list[Block] = [section(f":white_check_mark: {escape(text)}")]
    if result.first_day:
        blocks.append(context(escape(import_blocks.imported_lines(result)[-1])))
    undo = button(
        "Undo",
        import_blocks.UNDO,
        str(result.batch_id),
        confirm=confirm_dialog(
            "Undo these cards?",
            "The contacts they added are removed and the fields they filled in go back to what they were.",
            "Undo",
        ),
    )
    blocks.append(actions([undo], block_id=f"cards_done_{result.batch_id}"))
    return {"text": text, "blocks": blocks}


def problem_message(message: str) -> dict:
    reply = error_reply(message)
    reply.pop("response_type", None)
    return reply
