"""Contacts in and out (issue 18): preview a file, import it in one transaction, undo it, export all.

A preview reads the file (bot.domain.importing), matches each row against the owner's contacts and
stores the checked rows as an `import_batches` row; Import applies them in one transaction (matching
again, since contacts may have changed), records what it added and what each updated field held
before, and spreads the new contacts' first follow-ups (bot.domain.importing.spread). Undo deletes
what the import added and puts back what it updated. Every function takes the owner.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from bot.domain.cadence import first_follow_up
from bot.domain.clock import naive_utc
from bot.domain.dates import UnreadableDate, met_date_problem, parse_day
from bot.domain.importing import Budget, FileProblem, ImportedContact, RowProblem, read_contacts_file
from bot.domain.importing.export import contacts_csv, contacts_vcard
from bot.domain.importing.matching import UPDATABLE, Known, Matcher, changes_for
from bot.domain.importing.restore import STATE_FIELDS, read_state, state_cell
from bot.domain.importing.rows import tidy
from bot.domain.importing.spread import FirstFollowUp, is_old_connection, spread_follow_ups
from bot.domain.quickadd import MAX_FIELD
from bot.domain.vocabulary import DEFAULT_MAX_PER_DIGEST, Stage
from bot.services.contacts import OwnerDay, owner_day
from bot.services.context import Services
from bot.services.first_digest import hold_first_digest
from storage.contacts import update_contact
from storage.imports import (
    add_batch,
    add_calls,
    add_contacts,
    batch_for_update,
    call_log,
    contacts_with_ids,
    delete_contacts,
    due_counts,
    owner_contacts,
)
from storage.models import Contact
from storage.profiles import get_profile

PREVIEWED, IMPORTED, CANCELLED, UNDONE = "previewed", "imported", "cancelled", "undone"
SPREAD_REASON = "spread out after your import, at most {n} a morning"
_DATES = ("met_on", "promise_due")
SPREAD_HORIZON_DAYS = 20 * 366
READ_CPU_SECONDS = 10.0  # reading one file; a 5 MB export takes about half of it (bench/import.py)
CARDS_KIND = "cards"  # the kind of a batch of business cards (bot.services.cards.KIND)


# --- values --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    """Nothing was saved; `message` says what to do."""

    message: str


@dataclass(frozen=True)
class Preview:
    """What Import would do. `new` and `updated` are names in file order; `skipped` the rows left out,
    `left_out` cells dropped from rows that are imported."""

    batch_id: int
    file_name: str
    kind: str
    new: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    skipped: tuple[RowProblem, ...]
    left_out: tuple[RowProblem, ...]
    old: int = 0  # of `new`, connections older than six months: no follow-up unless scheduled too


@dataclass(frozen=True)
class Imported:
    batch_id: int
    added: int
    updated: int
    unchanged: int
    skipped: int
    first_day: dt.date | None  # the first new contact's follow-up day
    last_day: dt.date | None
    again: bool = False  # this batch was imported before: nothing more was done
    quiet: int = 0  # new contacts from long ago, saved without a follow-up (All contacts lists them)


@dataclass(frozen=True)
class Cancelled:
    batch_id: int


@dataclass(frozen=True)
class Undone:
    batch_id: int
    removed: int
    restored: int
    again: bool = False
    cards: bool = False  # the batch was business cards (bot.services.cards), not a file


@dataclass(frozen=True)
class ExportFiles:
    count: int
    csv: str
    vcard: str


# --- rows as JSON ------------------------------------------------------------------------------------------


def _row_json(row: ImportedContact) -> dict:
    data = {"line": row.line, **row.values()}
    for key in _DATES:
        if data[key] is not None:
            data[key] = data[key].isoformat()
    return {k: v for k, v in data.items() if v is not None}


def _row_of(data: dict) -> ImportedContact:
    values = dict(data)
    for key in _DATES:
        if values.get(key):
            values[key] = dt.date.fromisoformat(values[key])
    return ImportedContact(**values)


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_json(key: str, value: object) -> object:
    return dt.date.fromisoformat(value) if key in _DATES and isinstance(value, str) else value


def _saved_values(contact: Contact) -> dict[str, object]:
    return {key: getattr(contact, key) for key in ("name", "notes", "tags", *UPDATABLE)}


# --- options -----------------------------------------------------------------------------------------------


def read_options(
    event: str | None, on: str | None, today: dt.date
) -> tuple[str | None, dt.date | None] | ImportProblem:
    """The "met at EVENT on DATE" given for the whole file, checked like /met's."""
    event_text = tidy(event)
    if event_text and len(event_text) > MAX_FIELD:
        return ImportProblem(
            f"The event name is {len(event_text):,} characters long; keep it to {MAX_FIELD}."
        )
    met_on = None
    if on and on.strip():
        try:
            met_on = parse_day(on, today, ahead=False)
        except UnreadableDate as problem:
            return ImportProblem(str(problem))
        if met_on and (problem := met_date_problem(met_on, today)):
            return ImportProblem(problem)
    return event_text, met_on


def _apply_options(rows: tuple[ImportedContact, ...], event: str | None, met_on: dt.date | None):
    """The file-wide event and met day replace each row's own (they are what the user said)."""
    changed = {}
    if event:
        changed["event"] = event
    if met_on:
        changed["met_on"] = met_on
    if not changed:
        return rows
    return tuple(
        ImportedContact(**{**{f.name: getattr(r, f.name) for f in fields(r)}, **changed}) for r in rows
    )


# --- preview -----------------------------------------------------------------------------------------------


def preview_import(
    services: Services,
    team_id: str,
    user_id: str,
    data: bytes,
    file_name: str,
    *,
    event: str | None = None,
    on: str | None = None,
) -> Preview | ImportProblem:
    """Read and check a file, and say what Import would do; nothing is imported yet."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    options = read_options(event, on, day.today)
    if isinstance(options, ImportProblem):
        return options
    # The reading thread's own CPU time: other threads' work never counts against this file.
    read = read_contacts_file(
        data, file_name, day.today, Budget(READ_CPU_SECONDS, time.thread_time), region=day.country
    )
    if isinstance(read, FileProblem):
        return ImportProblem(read.message)
    rows = _apply_options(read.contacts, *options)
    skipped = tuple(p for p in read.problems if p.skipped)
    left_out = tuple(p for p in read.problems if not p.skipped)
    if not rows:
        shown = "; ".join(p.reason for p in skipped[:3])
        return ImportProblem(
            f"None of the rows in that file can be imported: {shown}. Fix them and try again."
        )
    with services.db.transaction() as session:
        new, updated, unchanged, old = _plan(session, team_id, user_id, rows, day.today)
        batch = add_batch(
            session,
            team_id,
            user_id,
            created_at=naive_utc(services.clock.now()),
            state=PREVIEWED,
            file_name=(file_name or "")[:300],
            kind=read.kind,
            rows=[_row_json(r) for r in rows],
            problems=[[p.line, p.reason, p.skipped] for p in read.problems],
            counts={
                "new": len(new),
                "updated": len(updated),
                "unchanged": unchanged,
                "skipped": len(skipped),
                "old": len(old),
            },
        )
        batch_id = batch.id
    services.log.info("import previewed: %d rows, %d skipped", len(rows), len(skipped))
    return Preview(
        batch_id, file_name, read.kind, tuple(new), tuple(updated), unchanged, skipped, left_out, len(old)
    )


def _plan(
    session: Session, team_id: str, user_id: str, rows, today: dt.date
) -> tuple[list[str], list[str], int, list[str]]:
    """(new names, updated names, unchanged count, names of new old connections)."""
    known = {c.id: _saved_values(c) for c in owner_contacts(session, team_id, user_id)}
    matcher = Matcher.of(Known(cid, values) for cid, values in known.items())
    new: list[str] = []
    old: list[str] = []
    updated: list[str] = []
    unchanged = 0
    next_key = -1
    for row in rows:
        key = matcher.find(row)
        if key is None:
            new.append(row.name)
            if row.state is None and is_old_connection(row.met_on, today):
                old.append(row.name)
            known[next_key] = row.values()
            matcher.add(next_key, row.values())
            next_key -= 1
            continue
        changes = changes_for(known[key], row)
        if changes and key > 0:
            updated.append(str(known[key]["name"]))
        elif not changes:
            unchanged += 1
        known[key] = {**known[key], **changes}
    return new, updated, unchanged, old


# --- import ------------------------------------------------------------------------------------------------


def confirm_import_scheduling_all(
    services: Services, team_id: str, user_id: str, batch_id: object
) -> Imported | ImportProblem:
    """Import, and give connections older than six months a first follow-up too."""
    return confirm_import(services, team_id, user_id, batch_id, schedule_old=True)


def confirm_import(
    services: Services, team_id: str, user_id: str, batch_id: object, *, schedule_old: bool = False
) -> Imported | ImportProblem:
    """Import a previewed batch in one transaction. A second Import of the same batch does nothing.
    New contacts met (connected) more than six months ago come in without a follow-up unless
    `schedule_old`: they are listed under All contacts, no digest brings them up."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    with services.db.transaction() as session:
        batch = batch_for_update(session, team_id, user_id, batch_id)
        if batch is None:
            return ImportProblem("I can't find that import any more. Upload the file again to import it.")
        if batch.state == IMPORTED:
            counts = batch.counts or {}
            return Imported(
                batch.id,
                counts.get("new", 0),
                counts.get("updated", 0),
                counts.get("unchanged", 0),
                counts.get("skipped", 0),
                None,
                None,
                again=True,
            )
        if batch.state != PREVIEWED:
            return ImportProblem("That import was cancelled or undone. Upload the file again to import it.")
        rows = [_row_of(r) for r in batch.rows or []]
        result = _apply(session, services, team_id, user_id, rows, day, schedule_old=schedule_old)
        added, previous, unchanged, days, quiet = result
        skipped = sum(1 for p in batch.problems or [] if p[2])
        batch.state = IMPORTED
        batch.imported_at = naive_utc(services.clock.now())
        batch.added_ids = added
        hold_first_digest(session, services.clock, team_id, user_id, added)
        batch.previous = previous
        batch.rows = None
        batch.counts = {
            "new": len(added),
            "updated": len(previous),
            "unchanged": unchanged,
            "skipped": skipped,
        }
        imported = Imported(
            batch.id,
            len(added),
            len(previous),
            unchanged,
            skipped,
            min(days) if days else None,
            max(days) if days else None,
            quiet=quiet,
        )
    services.log.info("import %s: %d added, %d updated", imported.batch_id, imported.added, imported.updated)
    return imported


def _apply(
    session: Session,
    services: Services,
    team_id: str,
    user_id: str,
    rows,
    day: OwnerDay,
    *,
    schedule_old: bool,
):
    """Match and write every row; new contacts are inserted together at the end (one batched flush)."""
    contacts: dict[int, Contact] = {c.id: c for c in owner_contacts(session, team_id, user_id)}
    matcher = Matcher.of(Known(cid, _saved_values(c)) for cid, c in contacts.items())
    already = due_counts(session, team_id, user_id, day.today + dt.timedelta(days=SPREAD_HORIZON_DAYS))
    fresh: dict[int, dict[str, object]] = {}  # negative keys: new contacts not inserted yet
    quiet: set[int] = set()  # of those, old connections: saved without a follow-up
    previous: dict[str, dict[str, object]] = {}
    unchanged = 0
    for row in rows:
        key = matcher.find(row)
        if key is None:
            key = -(len(fresh) + 1)
            fresh[key] = {**row.values(), "met_on": row.met_on or day.today}
            if not schedule_old and row.state is None and is_old_connection(row.met_on, day.today):
                quiet.add(key)
            matcher.add(key, fresh[key])
            continue
        saved = fresh[key] if key < 0 else _saved_values(contacts[key])
        changes = changes_for(saved, row)
        if not changes:
            unchanged += 1
            continue
        if key < 0:  # the same person twice in the file: the later row fills in the new contact
            fresh[key].update(changes)
            matcher.add(key, fresh[key])
            continue
        contact = contacts[key]
        before = previous.setdefault(str(key), {})
        for field in changes:
            before.setdefault(field, _json_value(getattr(contact, field)))
        if "promise" in changes:
            before.setdefault("promise_done", contact.promise_done)
            before.setdefault("promise_outcome", contact.promise_outcome)
            before.setdefault("promise_closed_on", _json_value(contact.promise_closed_on))
            changes.update(promise_done=False, promise_outcome=None, promise_closed_on=None)
        update_contact(contact, **changes)
        matcher.add(key, _saved_values(contact))
    profile = get_profile(session, team_id, user_id)
    per_day = profile.max_per_digest if profile else DEFAULT_MAX_PER_DIGEST
    waiting = []
    restored: dict[int, dict[str, object]] = {}  # rows of our own export: their state as it was
    for key, values in fresh.items():
        state = read_state(values.pop("state", None))  # type: ignore[arg-type]
        if state is not None:
            restored[key] = state
            continue
        if key in quiet:
            continue
        usual = first_follow_up(
            values["met_on"], values.get("promise_due"), day.working, services.cadence, entered_on=day.today
        )
        waiting.append(FirstFollowUp(key, usual.next_due, promised=bool(values.get("promise"))))
    days = spread_follow_ups(waiting, day.today, day.nudge_days, per_day, already)
    reason = SPREAD_REASON.format(n=per_day)

    def new_row(key: int, values: dict[str, object]) -> dict[str, object]:
        if key in restored:  # our own export: the contact as it was
            return {**values, **{k: v for k, v in restored[key].items() if k != "calls"}}
        due, why = (None, None) if key in quiet else (days[key], reason)
        return {
            **values,
            "stage": Stage.NEW.value,
            "unanswered_streak": 0,
            "next_due": due,
            "next_due_reason": why,
        }

    new_rows = [new_row(key, values) for key, values in fresh.items()]
    added = add_contacts(session, team_id, user_id, new_rows)
    calls = [
        {**call, "contact_id": cid, "at": call["at"] or dt.datetime.combine(call["on"], dt.time(12))}
        for cid, key in zip(added, fresh, strict=True)
        for call in (restored[key]["calls"] if key in restored else [])  # type: ignore[union-attr]
    ]
    last = len(calls)  # calls without a place in the log go after the rest
    calls.sort(key=lambda call: seq if (seq := call.pop("seq", None)) is not None else last)
    add_calls(session, team_id, user_id, calls)
    session.flush()
    return added, previous, unchanged, list(days.values()), len(quiet)


def cancel_import(
    services: Services, team_id: str, user_id: str, batch_id: object
) -> Cancelled | ImportProblem:
    with services.db.transaction() as session:
        batch = batch_for_update(session, team_id, user_id, batch_id)
        if batch is None:
            return ImportProblem("I can't find that import any more, so there is nothing to cancel.")
        if batch.state == IMPORTED:
            return ImportProblem("That file is already imported. Use Undo import to take it back out.")
        batch.state, batch.rows = CANCELLED, None
        return Cancelled(batch.id)


def undo_import(services: Services, team_id: str, user_id: str, batch_id: object) -> Undone | ImportProblem:
    """Remove the contacts an import added and put back the fields it updated; a second undo does nothing."""
    with services.db.transaction() as session:
        batch = batch_for_update(session, team_id, user_id, batch_id)
        if batch is None:
            return ImportProblem("I can't find that import any more, so there is nothing to undo.")
        if batch.state == UNDONE:
            return Undone(batch.id, 0, 0, again=True, cards=batch.kind == CARDS_KIND)
        if batch.state != IMPORTED:
            return ImportProblem("That file was never imported, so there is nothing to undo.")
        removed = delete_contacts(session, team_id, user_id, batch.added_ids or [])
        previous = batch.previous or {}
        restored = 0
        for contact in contacts_with_ids(session, team_id, user_id, [int(k) for k in previous]):
            values = {k: _from_json(k, v) for k, v in previous[str(contact.id)].items()}
            update_contact(contact, **values)
            restored += 1
        batch.state = UNDONE
        batch.undone_at = naive_utc(services.clock.now())
        return Undone(batch.id, removed, restored, cards=batch.kind == CARDS_KIND)


# --- export ------------------------------------------------------------------------------------------------


def export_contacts(services: Services, team_id: str, user_id: str) -> ExportFiles:
    """All the owner's contacts, as CSV (with a BOM for Excel) and vCard 4.0: the CSV's last column
    carries everything else a contact has, with its call log, so importing it restores them."""
    with services.db.snapshot() as session:
        log = call_log(session, team_id, user_id)
        rows = []
        for contact in owner_contacts(session, team_id, user_id):
            row = _saved_values(contact)
            state = {key: getattr(contact, key) for key in STATE_FIELDS}
            calls = log.get(contact.id, [])
            row.update(state, calls=len(calls), state=state_cell(state, calls))
            rows.append(row)
    return ExportFiles(len(rows), "\ufeff" + contacts_csv(rows), contacts_vcard(rows))
