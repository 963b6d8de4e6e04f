"""Named queries for the daily digest: due profiles, digest claims (one row per user per local day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.vocabulary import Stage
from storage.contacts import FACT_COLUMNS
from storage.models import Contact, Digest, Interaction, Offer, SeenRequest, UserProfile

# States of a digest row. `claimed`: reserved, nothing in flight (a refusal such as 429 put it back).
# `sending`: a worker may be talking to Slack right now, or died doing so: the outcome is unknown.
CLAIMED, SENDING, SENT, SKIPPED, FAILED = "claimed", "sending", "sent", "skipped", "failed"
OPEN_STATES = (CLAIMED, SENDING)


def _locked(query, session: Session, *of):
    """FOR UPDATE SKIP LOCKED on PostgreSQL (replicas split the work); SQLite serializes with BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True, of=of or None)
    return query


def unscheduled_profiles(session: Session, limit: int) -> Sequence[UserProfile]:
    """Profiles whose next digest was never computed (created by code that does not schedule)."""
    query = select(UserProfile).where(UserProfile.next_digest_at.is_(None)).limit(limit)
    return session.scalars(_locked(query, session, UserProfile)).all()


def due_profiles(session: Session, now: dt.datetime, limit: int) -> Sequence[UserProfile]:
    """Profiles whose next digest instant has passed (ix_user_profiles_next_digest_at), oldest first."""
    query = (
        select(UserProfile)
        .where(UserProfile.next_digest_at <= now)
        .order_by(UserProfile.next_digest_at)
        .limit(limit)
    )
    return session.scalars(_locked(query, session, UserProfile)).all()


def retry_digests(session: Session, now: dt.datetime, limit: int) -> Sequence[Digest]:
    """Open digest rows nobody holds: lease run out (a worker died) or a retry time that has come."""
    query = (
        select(Digest)
        .where(
            Digest.state.in_(OPEN_STATES),
            or_(Digest.lease_until.is_(None), Digest.lease_until <= now),
            or_(Digest.not_before.is_(None), Digest.not_before <= now),
        )
        .order_by(Digest.not_before)
        .limit(limit)
    )
    return session.scalars(_locked(query, session, Digest)).all()


def profiles_for(session: Session, owners: Iterable[tuple[str, str]]) -> Sequence[UserProfile]:
    owners = list(owners)
    if not owners:
        return []
    query = select(UserProfile).where(tuple_(UserProfile.team_id, UserProfile.user_id).in_(owners))
    return session.scalars(_locked(query, session, UserProfile)).all()


def insert_claims(
    session: Session,
    claims: Sequence[tuple[str, str, dt.date, list[int]]],
    *,
    owner: str,
    lease_until: dt.datetime,
    now: dt.datetime,
) -> dict[tuple[str, str], int]:
    """Claim many (team_id, user_id, day, contact_ids) with one INSERT … ON CONFLICT DO NOTHING, each row
    committed as `sending` with our lease: the new rows' ids by owner. An owner whose day is already
    claimed (on PostgreSQL, possibly by a replica still inserting it) is absent."""
    if not claims:
        return {}
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(Digest.__table__)
        .on_conflict_do_nothing(index_elements=["team_id", "user_id", "local_date"])
        .returning(Digest.__table__.c.id, Digest.__table__.c.team_id, Digest.__table__.c.user_id)
    )
    values = [
        dict(
            team_id=team_id,
            user_id=user_id,
            local_date=day,
            state=SENDING,
            attempts=1,
            owner=owner,
            lease_until=lease_until,
            contact_ids=contact_ids,
            created_at=now,
            updated_at=now,
        )
        for team_id, user_id, day, contact_ids in sorted(claims, key=lambda c: (c[0], c[1]))
    ]
    result = session.connection().execute(statement, values)
    return {(team_id, user_id): digest_id for digest_id, team_id, user_id in result}


def lock_digest(session: Session, digest_id: int) -> Digest | None:
    query = select(Digest).where(Digest.id == digest_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalar(query)


# Columns bot.domain.digest_schedule.next_nudge_at reads of a profile (plain rows stand in for UserProfile there)
SCHEDULE_COLUMNS = (
    UserProfile.id,
    UserProfile.team_id,
    UserProfile.user_id,
    UserProfile.tz,
    UserProfile.nudge_minute,
    UserProfile.nudge_days,
    UserProfile.pause_until,
    UserProfile.paused_reason,
    UserProfile.dm_channel_id,
    UserProfile.holiday_country,
)


def held_digest_ids(session: Session, digest_ids: Sequence[int], owner: str) -> set[int]:
    """Lock these digest rows (in id order, so concurrent lockers never deadlock) and return the ids
    `owner` still holds."""
    table = Digest.__table__
    query = select(table.c.id, table.c.owner).where(table.c.id.in_(sorted(digest_ids))).order_by(table.c.id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return {digest_id for digest_id, holder in session.connection().execute(query).all() if holder == owner}


def schedule_rows(session: Session, owners: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """SCHEDULE_COLUMNS of many owners' profiles as plain rows, by (team_id, user_id)."""
    found: dict[tuple[str, str], Any] = {}
    connection = session.connection()
    for team_id, users in _by_team(owners).items():
        query = select(*SCHEDULE_COLUMNS).where(
            UserProfile.team_id == team_id, UserProfile.user_id.in_(users)
        )
        for row in connection.execute(query).all():
            found[(row.team_id, row.user_id)] = row
    return found


def mark_sent_many(
    session: Session,
    digests: Sequence[tuple[int, str | None, str | None]],
    profiles: Sequence[tuple[int, dt.datetime, str | None]],
    now: dt.datetime,
) -> None:
    """Digests (id, channel_id, message_ts) become sent and nobody's; profiles (id, next_digest_at,
    dm_channel_id) get their next instant. Two executemany statements for a whole group; the caller
    has locked the digest rows and checked they are still its own (held_digest_ids)."""
    if digests:
        table = Digest.__table__
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                state=SENT,
                error=None,
                owner=None,
                lease_until=None,
                not_before=None,
                channel_id=bindparam("b_channel"),
                message_ts=bindparam("b_ts"),
                updated_at=now,
            ),
            [{"b_id": i, "b_channel": c, "b_ts": ts} for i, c, ts in digests],
        )
    if profiles:
        table = UserProfile.__table__
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(next_digest_at=bindparam("b_next"), dm_channel_id=bindparam("b_dm"), updated_at=now),
            [{"b_id": i, "b_next": n, "b_dm": dm} for i, n, dm in profiles],
        )


def earliest_pending(session: Session) -> dt.datetime | None:
    """The earliest `next_digest_at` of all profiles (used to linger briefly for Retry-After). It may
    be past: a claim given back a moment ago, or a profile another transaction holds right now."""
    return session.scalar(select(func.min(UserProfile.next_digest_at)))


def digests_of(session: Session, team_id: str, user_id: str) -> Sequence[Digest]:
    return session.scalars(
        select(Digest).where(Digest.team_id == team_id, Digest.user_id == user_id).order_by(Digest.local_date)
    ).all()


def delete_old_digests(session: Session, before: dt.date) -> int:
    result = session.execute(delete(Digest).where(Digest.local_date < before))
    return result.rowcount or 0


def delete_old_seen_requests(session: Session, before: dt.datetime) -> int:
    result = session.execute(delete(SeenRequest).where(SeenRequest.seen_at < before))
    return result.rowcount or 0


# --- one query per claimed batch (the dispatcher builds up to `batch_size` digests at a time) -------


def _by_team(owners: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Owners grouped by team: `team_id = ? AND user_id IN (…)` stays on the (team_id, user_id, …) indexes."""
    teams: dict[str, list[str]] = {}
    for team_id, user_id in owners:
        teams.setdefault(team_id, []).append(user_id)
    return teams


def digests_on(session: Session, days: dict[tuple[str, str], dt.date]) -> dict[tuple[str, str], Digest]:
    """Each owner's row for their local day, locked (like get_digest: on PostgreSQL a row another
    transaction holds is left out)."""
    found: dict[tuple[str, str], Digest] = {}
    for team_id, users in _by_team(days).items():
        query = select(Digest).where(
            Digest.team_id == team_id,
            Digest.user_id.in_(users),
            Digest.local_date.in_(sorted({days[(team_id, u)] for u in users})),
        )
        for row in session.scalars(_locked(query, session, Digest)):
            if days.get((row.team_id, row.user_id)) == row.local_date:
                found[(row.team_id, row.user_id)] = row
    return found


DIGEST_FACT_COLUMNS = (*FACT_COLUMNS, Contact.let_go_asked)


def has_contacts_besides(session: Session, team_id: str, user_id: str, ids: Iterable[int]) -> bool:
    """Whether the owner has a contact other than `ids` (the ones their transaction just saved)."""
    query = select(Contact.id).where(
        Contact.team_id == team_id, Contact.user_id == user_id, Contact.id.not_in(list(ids))
    )
    return session.execute(query.limit(1)).first() is not None


def contact_rows_of(session: Session, owners: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list]:
    """Every contact of each owner as plain rows (storage.contacts.FACT_COLUMNS, user_id and
    let_go_asked), by id; owners without contacts are absent. Runs on the Core connection: the ORM
    path costs a third more per row, and a batch of 100 users reads 10,000 rows at 100 contacts each."""
    rows: dict[tuple[str, str], list] = {}
    connection = session.connection()
    for team_id, users in _by_team(owners).items():
        query = (
            select(Contact.user_id, *DIGEST_FACT_COLUMNS)
            .where(Contact.team_id == team_id, Contact.user_id.in_(users))
            .order_by(Contact.user_id, Contact.id)
        )
        for row in connection.execute(query).all():
            rows.setdefault((team_id, row.user_id), []).append(row)
    return rows


def offers_of_owners(
    session: Session, owners: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[Offer]]:
    """Each owner's offers, oldest first (storage.offers.offers_of for many owners)."""
    found: dict[tuple[str, str], list[Offer]] = {}
    for team_id, users in _by_team(owners).items():
        query = select(Offer).where(Offer.team_id == team_id, Offer.user_id.in_(users)).order_by(Offer.id)
        for offer in session.scalars(query):
            found.setdefault((team_id, offer.user_id), []).append(offer)
    return found


def call_days_of(
    session: Session, owners: Iterable[tuple[str, str]], outcomes: Sequence[str], since: dt.date
) -> dict[tuple[str, str], set[dt.date]]:
    """The local dates on which each owner logged one of `outcomes` (storage.contacts.call_days for
    many owners)."""
    found: dict[tuple[str, str], set[dt.date]] = {}
    for team_id, users in _by_team(owners).items():
        query = (
            select(Interaction.user_id, Interaction.on)
            .where(
                Interaction.team_id == team_id,
                Interaction.user_id.in_(users),
                Interaction.on >= since,
                Interaction.outcome.in_(list(outcomes)),
            )
            .distinct()
        )
        for user_id, day in session.execute(query):
            found.setdefault((team_id, user_id), set()).add(day)
    return found


def mark_let_go_asked(session: Session, team_id: str, user_id: str, contact_ids: Iterable[int]) -> int:
    """Record that a sent digest asked "let go?" about these contacts (those still dormant)."""
    ids = list(contact_ids)
    if not ids:
        return 0
    result = session.execute(
        update(Contact)
        .where(
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Contact.id.in_(ids),
            Contact.stage == Stage.DORMANT.value,
        )
        .values(let_go_asked=True)
    )
    return result.rowcount or 0


def mark_meeting_asked(session: Session, team_id: str, user_id: str, contact_ids: Iterable[int]) -> int:
    """Record that a sent digest asked whether these contacts' booked meetings happened (asked once:
    after it, the meeting counts as held unless the user says otherwise)."""
    ids = list(contact_ids)
    if not ids:
        return 0
    result = session.execute(
        update(Contact)
        .where(
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Contact.id.in_(ids),
            Contact.meeting_state == "booked",
        )
        .values(meeting_asked=True)
    )
    return result.rowcount or 0
