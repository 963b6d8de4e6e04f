"""The console's `import PATH [at EVENT] [on DATE]` and `export PATH`: a file from this computer goes
into the Slack double as an upload and through the import modal's real listener (the preview, with
Import and Cancel buttons to `click`, arrives as a DM); an export's files are written to PATH."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.domain.importing import MAX_BYTES
from bot.domain.importing.options import split_import_words
from bot.testing.signed import text_values
from handlers.blocks.imports import EVENT_BLOCK, FILE_ACTION, FILE_BLOCK, MODAL, ON_BLOCK, import_modal

IMPORT_EXAMPLE = "`import ~/Downloads/Connections.csv at Web Summit on Nov 20`"
EXPORT_EXAMPLE = "`export ~/warmcall-contacts.csv` (a .vcf is written beside it)"


def import_command(session: Any, argument: str) -> None:
    words = split_import_words(argument)
    if not words.path:
        session.screen.error(f"Say which file to import, like {IMPORT_EXAMPLE}.")
        return
    path = Path(words.path).expanduser()
    if not path.is_file():
        session.screen.error(f"There is no file at {path}. Check the path, like {IMPORT_EXAMPLE}.")
        return
    if path.stat().st_size > MAX_BYTES:
        session.screen.error(
            f"{path.name} is over {MAX_BYTES // 1024 // 1024} MB. Split it into smaller files and import them one by one."
        )
        return
    file = session.double.add_file(path.name, path.read_bytes(), session.user_id)
    values: dict = {FILE_BLOCK: {FILE_ACTION: {"type": "file_input", "files": [file]}}}
    values.update(text_values({EVENT_BLOCK: {"value": words.event}, ON_BLOCK: {"value": words.on}}))
    session.screen.note(
        f"(uploading {path.name}; the preview comes as a DM: click Import, or Cancel; with connections "
        "over 6 months old it also offers Import and schedule all, to give them follow-ups too)"
    )
    reply = session.slack.view_submission(
        session.user_id, MODAL, values, view=import_modal(words.event, words.on)
    )
    session.after_request(reply, show_ack=False)


def export_command(session: Any, argument: str) -> None:
    if not argument.strip():
        session.screen.error(f"Say where to write the files, like {EXPORT_EXAMPLE}.")
        return
    target = Path(argument.strip()).expanduser()
    before = len(session.double.uploaded_files())
    session.slash_command("/met", "export")
    files = session.double.uploaded_files()[before:]
    if not files:
        return  # the app said why (no contacts, or Slack refused)
    csv_path = target / "warmcall-contacts.csv" if target.is_dir() else target.with_suffix(".csv")
    written = []
    for file, data in files:
        path = csv_path.with_suffix(".vcf") if file["name"].endswith(".vcf") else csv_path
        problem = _write(path, data)
        if problem:
            session.screen.error(f"{problem} Nothing else was written; try again, like {EXPORT_EXAMPLE}.")
            return
        written.append(str(path))
    session.screen.success(f"Wrote {' and '.join(written)}.")


def _write(path: Path, data: bytes) -> str | None:
    """Write the file; a sentence saying what to change when that can't be done."""
    if not path.parent.is_dir():
        return f"There is no folder {path.parent}. Create it first, or pick a folder that exists."
    try:
        path.write_bytes(data)
    except PermissionError:
        return f"I may not write to {path}. Pick a folder of your own."
    except IsADirectoryError:
        return f"{path} is a folder. Give a file name, like {path / 'warmcall-contacts.csv'}."
    except OSError as exc:
        return f"I couldn't write {path} ({exc.strerror or type(exc).__name__})."
    return None
