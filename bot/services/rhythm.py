"""Rhythm use cases (issue 21): the cadence-by-tag table set from App Home, and the cadence that
applies to one contact after a reached call (bot.domain.rhythm has the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session, object_session

from bot.domain.rhythm import Cadence, Chosen, choose, event_key, keys_of, read_tag_table, table_text
from bot.domain.tags import tags_of
from bot.services.context import Services
from storage.models import Contact
from storage.rhythm import owner_events, owner_tags, replace_tag_cadences, tag_cadence_rows


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class TagTable:
    """The owner's cadence-by-tag table, and the tags their contacts have (for the form's hint)."""

    table: dict[str, Cadence]
    known: tuple[str, ...]

    @property
    def text(self) -> str:
        return table_text(self.table)


@dataclass(frozen=True)
class TableRefused:
    problems: tuple[str, ...]


def _table(session: Session, team_id: str, user_id: str) -> dict[str, Cadence]:
    return {
        tag: Cadence(i, latest) for tag, (i, latest) in tag_cadence_rows(session, team_id, user_id).items()
    }


def _known(session: Session, team_id: str, user_id: str) -> set[str]:
    """The keys a table line may name: the owner's tags and their events (`@pycon`)."""
    events = {event_key(e) for e in owner_events(session, team_id, user_id)}
    return owner_tags(session, team_id, user_id) | {e for e in events if e}


def tag_table(services: Services, owner: _Owner) -> TagTable:
    with services.db.reading() as session:
        table = _table(session, owner.team_id, owner.user_id)
        known = _known(session, owner.team_id, owner.user_id)
    return TagTable(table, tuple(sorted(known | set(table))))


def save_tag_table(services: Services, owner: _Owner, text: str) -> TagTable | TableRefused:
    """Replace the owner's table with what the box says, or refuse it (nothing changes) with one
    sentence per line that can't be used. Tags already in the table stay known even when no contact
    has them any more, so the table can be saved again as shown."""
    with services.db.transaction() as session:
        known = _known(session, owner.team_id, owner.user_id)
        known |= set(tag_cadence_rows(session, owner.team_id, owner.user_id))
        read = read_tag_table(text, known)
        if isinstance(read, list):
            return TableRefused(tuple(read))
        rows = {tag: (c.ideal_days, c.latest_days) for tag, c in read.items()}
        replace_tag_cadences(session, owner.team_id, owner.user_id, rows)
        return TagTable(read, tuple(sorted(known)))


def cadence_for(contact: Contact, default_days: int, own: Cadence | None = None) -> Chosen:
    """The cadence for a loaded `contact` after a reached call, read in the contact's own transaction;
    `own` (a cadence being set right now) stands for the contact's stored one."""
    if own is None and contact.cadence_ideal_days and contact.cadence_latest_days:
        own = Cadence(contact.cadence_ideal_days, contact.cadence_latest_days)
    tags = keys_of(tags_of(contact.tags), contact.event)
    session = object_session(contact)
    by_tag = _table(session, contact.team_id, contact.user_id) if tags and own is None and session else {}
    return choose(own, tags, by_tag, default_days)
