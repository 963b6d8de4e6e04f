"""Named queries for contacts imports and exports. Every function takes the owner (team_id, user_id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from bot.domain.vocabulary import fold
from storage.contacts import still_nudged
from storage.models import Contact, ImportBatch, Interaction


def add_batch(session: Session, team_id: str, user_id: str, **fields) -> ImportBatch:
    batch = ImportBatch(team_id=team_id, user_id=user_id, **fields)
    session.add(batch)
    session.flush()
    return batch


def batch_for_update(session: Session, team_id: str, user_id: str, batch_id: object) -> ImportBatch | None:
    """The owner's batch, locked until the transaction ends (a double click waits, then sees the state)."""
    try:
        bid = int(batch_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    if not 0 < bid < 2**31:  # ids are 32-bit integers (PostgreSQL INTEGER)
        return None
    return session.scalar(
        select(ImportBatch)
        .where(ImportBatch.id == bid, ImportBatch.team_id == team_id, ImportBatch.user_id == user_id)
        .with_for_update()
    )


def owner_contacts(session: Session, team_id: str, user_id: str) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).where(Contact.team_id == team_id, Contact.user_id == user_id).order_by(Contact.id)
    ).all()


def contacts_with_ids(session: Session, team_id: str, user_id: str, ids: Iterable[int]) -> Sequence[Contact]:
    wanted = [int(i) for i in ids]
    if not wanted:
        return []
    found: list[Contact] = []
    for start in range(0, len(wanted), 500):
        found.extend(
            session.scalars(
                select(Contact).where(
                    Contact.team_id == team_id,
                    Contact.user_id == user_id,
                    Contact.id.in_(wanted[start : start + 500]),
                )
            ).all()
        )
    return found


def delete_contacts(session: Session, team_id: str, user_id: str, ids: Iterable[int]) -> int:
    """Deletes the owner's contacts with these ids and their history; how many were still there."""
    wanted = [int(i) for i in ids]
    removed = 0
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        session.execute(
            delete(Interaction).where(
                Interaction.team_id == team_id,
                Interaction.user_id == user_id,
                Interaction.contact_id.in_(chunk),
            )
        )
        result = session.execute(
            delete(Contact).where(
                Contact.team_id == team_id, Contact.user_id == user_id, Contact.id.in_(chunk)
            )
        )
        removed += result.rowcount or 0
    return removed


def due_counts(session: Session, team_id: str, user_id: str, until: dt.date) -> dict[dt.date, int]:
    """How many still-nudged contacts come due on each day up to `until` (overdue ones on their day)."""
    rows = session.execute(
        select(Contact.next_due, func.count())
        .where(
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Contact.next_due.is_not(None),
            Contact.next_due <= until,
            *still_nudged(),
        )
        .group_by(Contact.next_due)
    ).all()
    return {day: count for day, count in rows}


_CALL_COLUMNS = (Interaction.on, Interaction.at, Interaction.outcome, Interaction.notes, Interaction.next_due)


def call_log(session: Session, team_id: str, user_id: str) -> dict[int, list[dict[str, object]]]:
    """Every logged interaction of the owner by contact, oldest first (for an export); `seq` is its
    place among all the owner's interactions, so an import can log them in the same order."""
    rows = session.execute(
        select(Interaction.contact_id, *_CALL_COLUMNS, Interaction.reason)
        .where(Interaction.team_id == team_id, Interaction.user_id == user_id)
        .order_by(Interaction.at, Interaction.id)
    ).all()
    log: dict[int, list[dict[str, object]]] = {}
    for seq, (contact_id, on, at, outcome, notes, next_due, reason) in enumerate(rows):
        log.setdefault(contact_id, []).append(
            {
                "seq": seq,
                "on": on,
                "at": at,
                "outcome": outcome,
                "notes": notes,
                "next_due": next_due,
                "reason": reason,
            }
        )
    return log


def add_calls(session: Session, team_id: str, user_id: str, rows: Sequence[dict]) -> None:
    """Insert logged interactions (an import of an export's call log) in one batched INSERT."""
    if rows:
        session.execute(insert(Interaction), [{**r, "team_id": team_id, "user_id": user_id} for r in rows])


def add_contacts(session: Session, team_id: str, user_id: str, rows: Sequence[dict]) -> list[int]:
    """Insert many contacts in batched INSERTs (not one round trip each); their ids, in order.

    Pages of 100 rows: psycopg parses each distinct statement text once, and one 1,000-row statement
    costs more to parse than ten of the same 100-row text."""
    if not rows:
        return []
    values = []
    for fields in rows:
        company = fields.get("company")
        values.append(
            {
                **fields,
                "team_id": team_id,
                "user_id": user_id,
                "name_key": fold(str(fields["name"])),
                "company_key": fold(str(company)) if company else None,
            }
        )
    statement = (
        insert(Contact)
        .returning(Contact.id, sort_by_parameter_order=True)
        .execution_options(insertmanyvalues_page_size=100)
    )
    return list(session.scalars(statement, values).all())
