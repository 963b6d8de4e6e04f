"""What an import looks like in Slack (and, as plain lines, in the console): the modal with its file
input, the preview with Import / Cancel, the result with Undo import, the export note."""

from __future__ import annotations

import json

from bot.domain.dates import day_label
from bot.domain.importing import MAX_ROWS
from bot.services.imports import Cancelled, Imported, ImportProblem, Preview, Undone
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    confirm_dialog,
    context,
    error_reply,
    escape,
    modal,
    plain,
    section,
    text_input,
)

MODAL = "import_contacts"
FILE_BLOCK, EVENT_BLOCK, ON_BLOCK = "import_file", "import_event", "import_on"
FILE_ACTION = "file"
CONFIRM, CANCEL, UNDO = "import_confirm", "import_cancel", "import_undo"
CONFIRM_ALL = "import_confirm_all"  # Import, and schedule the old connections too
OPEN_MODAL = "import_open"  # App Home's "Import contacts"
EXPORT = "export_contacts"  # App Home's "Export contacts"
ERASE = "erase_open"  # App Home's "Delete all my data"
CARDS_OPEN = "cards_open"  # App Home's "Add from business cards" (handlers/blocks/cards.py OPEN)
NAMES_SHOWN = 12
PROBLEMS_SHOWN = 12


def event_inputs(
    event_block: str, on_block: str, event: str | None, on: str | None, on_hint: str
) -> list[Block]:
    """The "Met at" and "Met on" inputs a batch of contacts (an import, a stack of cards) is asked once."""
    return [
        text_input(
            event_block,
            "Met at (event)",
            initial=event,
            optional=True,
            max_length=200,
            placeholder="PyCon US",
        ),
        text_input(on_block, "Met on", initial=on, optional=True, max_length=60, placeholder=on_hint),
    ]


def import_modal(event: str | None = None, on: str | None = None, channel_id: str | None = None) -> dict:
    file_block: Block = {
        "type": "input",
        "block_id": FILE_BLOCK,
        "label": plain("Contacts file (.csv or .vcf)"),
        "hint": plain(
            f"An attendee list, LinkedIn Connections.csv, a phone or Google/Outlook export; up to 5 MB and "
            f"{MAX_ROWS:,} contacts. You see a preview before anything is saved."
        ),
        "element": {
            "type": "file_input",
            "action_id": FILE_ACTION,
            "filetypes": ["csv", "vcf"],
            "max_files": 1,
        },
    }
    blocks = [
        file_block,
        *event_inputs(EVENT_BLOCK, ON_BLOCK, event, on, "yesterday, Nov 20 or 2026-11-20"),
        context(
            "The event and day apply to every contact in the file; leave them empty to keep the file's own."
        ),
    ]
    metadata = json.dumps({"channel": channel_id}) if channel_id else ""
    return modal(MODAL, "Import contacts", blocks, submit="Preview", private_metadata=metadata)


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(escape(n) for n in names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return f"{shown} and {more:,} more" if more > 0 else shown


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def preview_lines(preview: Preview) -> list[str]:
    """The preview as plain sentences (the console prints these; Slack shows them as mrkdwn)."""
    lines = [
        f"{preview.file_name}: {_plural(len(preview.new), 'new contact')}, "
        f"{_plural(len(preview.updated), 'update')}, {preview.unchanged:,} already up to date, "
        f"{_plural(len(preview.skipped), 'row')} skipped."
    ]
    if preview.old:
        lines.append(old_line(len(preview.new), preview.old))
    if preview.new:
        lines.append(f"New: {', '.join(preview.new[:NAMES_SHOWN])}" + _more(len(preview.new)))
    if preview.updated:
        lines.append(f"Updated: {', '.join(preview.updated[:NAMES_SHOWN])}" + _more(len(preview.updated)))
    for problem in (*preview.skipped, *preview.left_out)[:PROBLEMS_SHOWN]:
        lines.append(f"- {problem.reason}")
    hidden = len(preview.skipped) + len(preview.left_out) - PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(f"- and {hidden:,} more like these.")
    return lines


def old_line(new: int, old: int) -> str:
    """How many new contacts get follow-ups and how many, connected long ago, come in quietly."""
    return (
        f"{_plural(new - old, 'of them gets', 'of them get')} follow-ups; {_plural(old, 'was', 'were')} "
        "connected over 6 months ago and will wait under All contacts with no nudge, unless you choose "
        "Import and schedule all."
    )


def _more(total: int) -> str:
    return f" and {total - NAMES_SHOWN:,} more" if total > NAMES_SHOWN else ""


def preview_message(preview: Preview) -> dict:
    summary = escape(preview_lines(preview)[0])
    blocks: list[Block] = [section(f"*Ready to import* {summary}")]
    if preview.old:
        blocks.append(section(escape(old_line(len(preview.new), preview.old))))
    if preview.new:
        blocks.append(section(f"*New:* {_names(preview.new)}"))
    if preview.updated:
        blocks.append(section(f"*Updated (filled-in cells only):* {_names(preview.updated)}"))
    problems = (*preview.skipped, *preview.left_out)
    if problems:
        listed = "\n".join(f"• {escape(p.reason)}" for p in problems[:PROBLEMS_SHOWN])
        hidden = len(problems) - PROBLEMS_SHOWN
        if hidden > 0:
            listed += f"\n• and {hidden:,} more like these."
        blocks.append(section(f"*Left out:*\n{listed}"))
    value = str(preview.batch_id)
    if preview.new or preview.updated:
        blocks.append(
            actions(
                [
                    button("Import", CONFIRM, value, style="primary"),
                    *([button("Import and schedule all", CONFIRM_ALL, value)] if preview.old else []),
                    button("Cancel", CANCEL, value),
                ],
                block_id=f"import_{value}",
            )
        )
    else:
        blocks.append(
            context("Everything in this file is already in Warmcall, so there is nothing to import.")
        )
    return {"text": f"Ready to import {summary}", "blocks": blocks}


def imported_lines(result: Imported) -> list[str]:
    if result.again:
        return ["That file is already imported; nothing more was changed."]
    line = (
        f"Imported {_plural(result.added, 'new contact')} and updated {_plural(result.updated, 'contact')}"
        f" ({result.unchanged:,} already up to date, {result.skipped:,} skipped)."
    )
    lines = [line]
    if result.first_day and result.last_day:
        spread = (
            f"Their first follow-ups are spread from {day_label(result.first_day)} to {day_label(result.last_day)},"
            " a few each morning."
            if result.first_day != result.last_day
            else f"Their first follow-up is on {day_label(result.first_day)}."
        )
        lines.append(spread)
    if result.quiet:
        lines.append(
            f"{_plural(result.quiet, 'connection')} from over 6 months ago {'is' if result.quiet == 1 else 'are'} "
            "under All contacts with no follow-up; open one and pick a date to start."
        )
    return lines


def imported_message(result: Imported) -> dict:
    lines = imported_lines(result)
    blocks: list[Block] = [section(f":white_check_mark: {escape(lines[0])}")]
    if len(lines) > 1:
        blocks.append(context(escape(" ".join(lines[1:]))))
    if not result.again:
        undo = button(
            "Undo import",
            UNDO,
            str(result.batch_id),
            confirm=confirm_dialog(
                "Undo this import?",
                "The contacts it added are removed and the fields it changed go back to what they were.",
                "Undo import",
            ),
        )
        blocks.append(actions([undo], block_id=f"import_done_{result.batch_id}"))
    return {"text": lines[0], "blocks": blocks}


def undone_lines(result: Undone) -> list[str]:
    if result.again:
        return ["Those cards were already undone." if result.cards else "That import was already undone."]
    return [
        f"{'Cards' if result.cards else 'Import'} undone: {_plural(result.removed, 'contact')} removed, "
        f"{_plural(result.restored, 'contact')} put back as they were."
    ]


def answer_message(result: Imported | Undone | Cancelled | ImportProblem) -> dict:
    if isinstance(result, Imported):
        return imported_message(result)
    if isinstance(result, Undone):
        text = undone_lines(result)[0]
        return {"text": text, "blocks": [section(escape(text))]}
    if isinstance(result, Cancelled):
        text = "Import cancelled; nothing was saved."
        return {"text": text, "blocks": [section(text)]}
    return error_reply(result.message)


def export_comment(count: int) -> str:
    return (
        f"Here are your {_plural(count, 'contact')}: a CSV (opens in any spreadsheet) and a vCard 4.0 file "
        "(for your phone or address book). Importing either brings every field back."
    )


def home_files_block() -> Block:
    """App Home settings: bring contacts in from a file, take them all out, or delete everything."""
    return actions(
        [
            button("Import contacts", OPEN_MODAL, "open"),
            button("Add from business cards", CARDS_OPEN, "open"),
            button("Export contacts", EXPORT, "all"),
            button("Delete all my data", ERASE, "open", style="danger"),
        ],
        block_id="home_files",
    )
