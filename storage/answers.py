"""Named queries behind the DM's questions (bot.services.answers): open promises, contacts at a company,
from an event or with a tag, and the days a digest went out (the streak skips days nobody was due)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.vocabulary import Stage
from storage.models import Contact, Digest, Interaction

SENT = "sent"


def _owned(team_id: str, user_id: str) -> tuple:
    return (Contact.team_id == team_id, Contact.user_id == user_id)


def open_promises(
    session: Session, team_id: str, user_id: str, *, limit: int
) -> tuple[Sequence[Contact], int]:
    """Contacts with a promise still open, soonest deadline first (no deadline last), and how many."""
    where = (
        *_owned(team_id, user_id),
        Contact.promise.is_not(None),
        Contact.promise_done.is_(False),
        Contact.stage != Stage.LET_GO.value,
    )
    rows = session.scalars(
        select(Contact)
        .where(*where)
        .order_by(Contact.promise_due.is_(None), Contact.promise_due, Contact.id)
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).select_from(Contact).where(*where)) or 0
    return rows, total


def _like(words: str) -> str:
    escaped = words.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contacts_where(
    session: Session, team_id: str, user_id: str, field: str, words: str, *, limit: int
) -> tuple[Sequence[Contact], int]:
    """Contacts whose `field` ("company", "event" or "tags") holds `words` (any case), and how many;
    let-go contacts last."""
    if field == "tags":
        column = func.lower(" " + func.coalesce(Contact.tags, "") + " ")
        condition = column.like(_like(f" {words.strip().lstrip('#')} "), escape="\\")
    else:
        column = func.lower(func.coalesce(getattr(Contact, field), ""))
        condition = column.like(_like(words.strip()), escape="\\")
    where = (*_owned(team_id, user_id), condition)
    rows = session.scalars(
        select(Contact)
        .where(*where)
        .order_by(
            Contact.stage == Stage.LET_GO.value, Contact.next_due.is_(None), Contact.next_due, Contact.id
        )
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).select_from(Contact).where(*where)) or 0
    return rows, total


def last_interactions(
    session: Session, team_id: str, user_id: str, contact_id: int, outcomes: Sequence[str], *, limit: int
) -> Sequence[Interaction]:
    """The contact's newest logged outcomes (of `outcomes`), newest first."""
    return session.scalars(
        select(Interaction)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.contact_id == contact_id,
            Interaction.outcome.in_(list(outcomes)),
        )
        .order_by(Interaction.on.desc(), Interaction.at.desc(), Interaction.id.desc())
        .limit(limit)
    ).all()


def digest_days(session: Session, team_id: str, user_id: str, since: dt.date) -> set[dt.date]:
    """The local dates since `since` on which the user's digest went out (somebody was due)."""
    return set(
        session.scalars(
            select(Digest.local_date).where(
                Digest.team_id == team_id,
                Digest.user_id == user_id,
                Digest.local_date >= since,
                Digest.state == SENT,
            )
        ).all()
    )


def digest_on(session: Session, team_id: str, user_id: str, day: dt.date) -> Digest | None:
    """The user's digest row for their local `day`, if one was claimed."""
    return session.scalars(
        select(Digest).where(Digest.team_id == team_id, Digest.user_id == user_id, Digest.local_date == day)
    ).first()


def digest_days_of(
    session: Session, owners: Iterable[tuple[str, str]], since: dt.date
) -> dict[tuple[str, str], set[dt.date]]:
    """`digest_days` for many owners in one query per team (the digest batch's streaks)."""
    by_team: dict[str, list[str]] = {}
    for team_id, user_id in owners:
        by_team.setdefault(team_id, []).append(user_id)
    found: dict[tuple[str, str], set[dt.date]] = {}
    for team_id, users in by_team.items():
        query = select(Digest.user_id, Digest.local_date).where(
            Digest.team_id == team_id,
            Digest.user_id.in_(users),
            Digest.local_date >= since,
            Digest.state == SENT,
        )
        for user_id, day in session.execute(query):
            found.setdefault((team_id, user_id), set()).add(day)
    return found
