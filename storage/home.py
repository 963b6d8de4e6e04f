"""Named queries behind App Home: contacts by due window, recent logs, stats inputs, history.

Every function takes the owner (team_id, user_id) and filters by it; lists are bounded (limit/offset)
so a user with thousands of contacts costs a few indexed queries, never a full load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.vocabulary import Stage
from storage.contacts import still_nudged
from storage.models import Contact, Interaction


def _due_window(team_id: str, user_id: str, after: dt.date | None, until: dt.date) -> list:
    """Contacts still nudged (storage.contacts.still_nudged) with after < next_due <= until (`after` None: no lower bound)."""
    conditions = [
        Contact.team_id == team_id,
        Contact.user_id == user_id,
        Contact.next_due.is_not(None),
        Contact.next_due <= until,
        *still_nudged(),
    ]
    if after is not None:
        conditions.append(Contact.next_due > after)
    return conditions


def contacts_due_window(
    session: Session,
    team_id: str,
    user_id: str,
    after: dt.date | None,
    until: dt.date,
    *,
    limit: int,
    offset: int = 0,
) -> Sequence[Contact]:
    """One page of contacts due in (after, until], earliest first (uses ix_contacts_owner_due)."""
    return session.scalars(
        select(Contact)
        .where(*_due_window(team_id, user_id, after, until))
        .order_by(Contact.next_due, Contact.id)
        .limit(limit)
        .offset(offset)
    ).all()


def count_due_window(
    session: Session, team_id: str, user_id: str, after: dt.date | None, until: dt.date
) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Contact).where(*_due_window(team_id, user_id, after, until))
        )
        or 0
    )


def recent_logs(
    session: Session, team_id: str, user_id: str, outcomes: Sequence[str], *, limit: int
) -> Sequence[tuple[Interaction, str]]:
    """The newest interactions with one of `outcomes`, with their contact's name, newest first."""
    return session.execute(
        select(Interaction, Contact.name)
        .join(Contact, Contact.id == Interaction.contact_id)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Interaction.outcome.in_(list(outcomes)),
        )
        .order_by(Interaction.at.desc(), Interaction.id.desc())
        .limit(limit)
    ).all()


def outcomes_since(
    session: Session, team_id: str, user_id: str, outcomes: Sequence[str], since: dt.date
) -> list[tuple[dt.date, str, int]]:
    """(local date, outcome, contact id) of every logged outcome on or after `since`, newest first."""
    rows = session.execute(
        select(Interaction.on, Interaction.outcome, Interaction.contact_id)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.on >= since,
            Interaction.outcome.in_(list(outcomes)),
        )
        .order_by(Interaction.on.desc(), Interaction.id.desc())
    ).all()
    return [(on, outcome, contact_id) for on, outcome, contact_id in rows]


def history_page(
    session: Session, team_id: str, user_id: str, contact_id: int, *, limit: int, offset: int = 0
) -> Sequence[Interaction]:
    """A page of one contact's history, newest first."""
    return session.scalars(
        select(Interaction)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.contact_id == contact_id,
        )
        .order_by(Interaction.at.desc(), Interaction.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()


def count_history(session: Session, team_id: str, user_id: str, contact_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Interaction)
            .where(
                Interaction.team_id == team_id,
                Interaction.user_id == user_id,
                Interaction.contact_id == contact_id,
            )
        )
        or 0
    )


def _quiet(team_id: str, user_id: str) -> tuple:
    """Dormant contacts a digest already asked "let go?" about: due nowhere until answered."""
    return (
        Contact.team_id == team_id,
        Contact.user_id == user_id,
        Contact.stage == Stage.DORMANT.value,
        Contact.let_go_asked.is_(True),
    )


def quiet_contacts(
    session: Session, team_id: str, user_id: str, *, limit: int, offset: int = 0
) -> Sequence[Contact]:
    return session.scalars(
        select(Contact)
        .where(*_quiet(team_id, user_id))
        .order_by(Contact.next_due, Contact.id)
        .limit(limit)
        .offset(offset)
    ).all()


def count_quiet(session: Session, team_id: str, user_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Contact).where(*_quiet(team_id, user_id))) or 0
