"""The contact modal opened by any contact's View button: every field, the history newest first in
pages, and Log call, Edit, Let go / Revive, Delete (with a confirmation)."""

from __future__ import annotations

from bot.domain.cadence import OUTCOME_LABELS, day_label
from bot.domain.vocabulary import Outcome, Stage
from bot.services.home import HISTORY_PER_PAGE, KIND_WORDS, ContactCard
from handlers.blocks.contact_buttons import LOG_CALL
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    clip,
    confirm_dialog,
    context,
    escape,
    fields,
    modal,
    section,
)
from handlers.blocks.met import contact_fields, label, show

CALLBACK = "contact_view"
EDIT = "contact_view_edit"
LET_GO = "contact_view_let_go"
REVIVE = "contact_view_revive"
DELETE = "contact_view_delete"
HISTORY = "contact_view_history"  # value "CONTACT:PAGE"

STAGE_WORDS = {
    Stage.NEW.value: "new",
    Stage.ACTIVE.value: "active",
    Stage.DORMANT.value: "gone quiet",
    Stage.LET_GO.value: "let go",
}


def history_value(contact_id: int, page: int) -> str:
    return f"{contact_id}:{page}"


def read_history_value(value: str | None) -> tuple[str, int]:
    contact_id, _, raw = (value or "").partition(":")
    return contact_id, int(raw[:6]) if raw.isdigit() else 0


def _kind(kind: str) -> str:
    try:
        return OUTCOME_LABELS[Outcome(kind)]
    except ValueError:
        return KIND_WORDS.get(kind, kind)


def _entry(entry) -> Block:
    line = f"*{day_label(entry.on)}* · {_kind(entry.kind)}"
    if entry.next_due:
        line += f" → next {day_label(entry.next_due)}"
    if entry.notes:
        line += f"\n{escape(clip(entry.notes, 600))}"
    return section(line)


def last_touch_words(outcome: str | None) -> str:
    """An e-mail you logged is the last e-mail, a text or chat message the last message, never the
    last call (issue 28, finding 5)."""
    return {Outcome.EMAILED.value: "Last e-mail", Outcome.MESSAGED.value: "Last message"}.get(
        outcome or "", "Last call"
    )


def contact_modal(card: ContactCard, note: str | None = None) -> dict:
    """The modal for one contact; `note` is a line on top saying what just changed."""
    contact, today = card.contact, card.today
    blocks: list[Block] = []
    if note:
        blocks.append(section(note, block_id="contact_note"))
    stage = STAGE_WORDS.get(card.stage, card.stage)
    headline = f"*{escape(label(contact))}* · {stage}"
    if contact.next_due and not card.let_go:
        why = f" ({escape(contact.next_due_reason)})" if contact.next_due_reason else ""
        headline += f"\nNext follow-up *{day_label(contact.next_due)}*{why}"
    if card.last_contact_on:
        days = (today - card.last_contact_on).days
        ago = "today" if days == 0 else ("yesterday" if days == 1 else f"{days} days ago")
        headline += f"\n{last_touch_words(card.last_outcome)} {ago}"
    blocks.append(section(headline, block_id="contact_head"))
    pairs = contact_fields(contact)
    for start in range(0, len(pairs), 10):
        blocks.append(fields(pairs[start : start + 10], block_id=f"contact_fields_{start}"))
    if contact.notes:
        blocks.append(section(f"*Notes*\n{show(contact.notes)}", block_id="contact_notes"))

    cid = str(card.contact_id)
    row = [button("Log call", LOG_CALL, cid, style="primary"), button("Edit", EDIT, cid)]
    if card.let_go:
        row.append(button("Revive", REVIVE, cid))
    else:
        row.append(
            button(
                "Let go",
                LET_GO,
                cid,
                confirm=confirm_dialog(
                    "Let go?", "No more nudges about them. You can revive them later.", "Let go"
                ),
            )
        )
    if card.history_total == 0:
        removes = f"This removes {clip(contact.name, 60)} for good."
    else:
        entries = "1 history entry" if card.history_total == 1 else f"{card.history_total} history entries"
        removes = f"This removes {clip(contact.name, 60)} and {entries} for good."
    row.append(
        button(
            "Delete",
            DELETE,
            cid,
            style="danger",
            confirm=confirm_dialog(
                f"Delete {clip(contact.name, 60)}?",
                f"{removes} It can't be undone.",
                "Delete",
            ),
        )
    )
    blocks.append(actions(row, block_id="contact_actions"))

    first = card.page * HISTORY_PER_PAGE
    if card.history_total == 0:
        blocks.append(section("*History*\nNothing logged yet.", block_id="contact_history"))
    else:
        shown = f"{first + 1}–{first + len(card.history)} of {card.history_total}"
        blocks.append(section(f"*History* · newest first · {shown}", block_id="contact_history"))
        blocks.extend(_entry(e) for e in card.history)
    pager = []
    if card.has_older:
        pager.append(button("Older", HISTORY, history_value(card.contact_id, card.page + 1)))
    if card.page > 0:
        pager.append(button("Newer", f"{HISTORY}_newer", history_value(card.contact_id, card.page - 1)))
    if pager:
        blocks.append(actions(pager, block_id="contact_history_pages"))
    return modal(CALLBACK, "Contact", blocks, submit=None, close="Close", private_metadata=cid)


def message_modal(text: str) -> dict:
    """A modal that only says something (the contact was deleted, or is gone)."""
    return modal(
        f"{CALLBACK}_done",
        "Contact",
        [section(text), context("Your Home tab is up to date.")],
        submit=None,
        close="Close",
    )
