"""Named queries on interactions (logged calls, snoozes, let go / revive). Always filtered by owner."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from storage.models import Contact, Interaction

# Built once with bind parameters (every /called runs them): a statement object keeps its cache key,
# so a call skips building the expression and keying it (a third of its ORM cost).
_CONTACT_FOR_UPDATE = (
    select(Contact)
    .where(
        Contact.id == bindparam("cid"),
        Contact.team_id == bindparam("team_id"),
        Contact.user_id == bindparam("user_id"),
    )
    .with_for_update()
)
_BY_KEY = select(Interaction).where(
    Interaction.team_id == bindparam("team_id"),
    Interaction.user_id == bindparam("user_id"),
    Interaction.idempotency_key == bindparam("key"),
)


def contact_for_update(
    session: Session, team_id: str, user_id: str, contact_id: int | str | None
) -> Contact | None:
    """The owner's contact, row-locked until the transaction ends (two logs on one contact queue up).

    Ids come from button values and private_metadata, so they are checked, never trusted.
    """
    try:
        cid = int(contact_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not 0 < cid < 2**31:  # ids are 32-bit integers (PostgreSQL INTEGER)
        return None
    return session.scalar(_CONTACT_FOR_UPDATE, {"cid": cid, "team_id": team_id, "user_id": user_id})


def add_interaction(session: Session, team_id: str, user_id: str, **fields) -> Interaction:
    """Insert and flush, so a repeated idempotency key fails here with IntegrityError."""
    interaction = Interaction(team_id=team_id, user_id=user_id, **fields)
    session.add(interaction)
    session.flush()
    return interaction


def interaction_by_key(session: Session, team_id: str, user_id: str, key: str) -> Interaction | None:
    return session.scalar(_BY_KEY, {"team_id": team_id, "user_id": user_id, "key": key})


def get_interaction(
    session: Session, team_id: str, user_id: str, interaction_id: int | str | None
) -> Interaction | None:
    try:
        iid = int(interaction_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not 0 < iid < 2**31:  # ids are 32-bit integers (PostgreSQL INTEGER)
        return None
    return session.scalar(
        select(Interaction).where(
            Interaction.id == iid, Interaction.team_id == team_id, Interaction.user_id == user_id
        )
    )


def latest_interaction(session: Session, team_id: str, user_id: str, contact_id: int) -> Interaction | None:
    """The newest interaction on a contact (by id: `at` can tie within one clock tick)."""
    return session.scalar(
        select(Interaction)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.contact_id == contact_id,
        )
        .order_by(Interaction.id.desc())
        .limit(1)
    )


def contact_interactions(
    session: Session, team_id: str, user_id: str, contact_id: int
) -> Sequence[Interaction]:
    """A contact's history, oldest first."""
    return session.scalars(
        select(Interaction)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.contact_id == contact_id,
        )
        .order_by(Interaction.id)
    ).all()


def count_interactions(session: Session, team_id: str, user_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Interaction)
            .where(Interaction.team_id == team_id, Interaction.user_id == user_id)
        )
        or 0
    )


def delete_interaction(session: Session, interaction: Interaction) -> None:
    session.delete(interaction)
    session.flush()
