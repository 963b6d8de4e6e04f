"""SQL for the weekly look back: who opted in, the week's promises and overdue contacts, and the
one-row-per-week claim (INSERT … ON CONFLICT DO NOTHING on the unique key)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.vocabulary import Stage
from storage.models import Contact, UserProfile, WeeklyReview

SENDING, SENT, SKIPPED, FAILED = "sending", "sent", "skipped", "failed"


def opted_in(session: Session) -> Sequence[UserProfile]:
    """Every profile that asked for the weekly look back."""
    return session.scalars(
        select(UserProfile).where(UserProfile.weekly_review.is_(True)).order_by(UserProfile.id)
    ).all()


def claimed_weeks(session: Session, owners: Sequence[tuple[str, str, dt.date]]) -> set[tuple[str, str]]:
    """Which of these (team, user, week_start) already have a row."""
    found: set[tuple[str, str]] = set()
    for team_id, user_id, week in owners:
        row = session.scalar(
            select(WeeklyReview.id).where(
                WeeklyReview.team_id == team_id,
                WeeklyReview.user_id == user_id,
                WeeklyReview.week_start == week,
            )
        )
        if row is not None:
            found.add((team_id, user_id))
    return found


def claim_week(
    session: Session, team_id: str, user_id: str, week: dt.date, state: str, *, now: dt.datetime
) -> int | None:
    """Insert the week's row; its id, or None when the week is already claimed."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(WeeklyReview.__table__)
        .values(
            team_id=team_id,
            user_id=user_id,
            week_start=week,
            state=state,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "user_id", "week_start"])
        .returning(WeeklyReview.__table__.c.id)
    )
    return session.execute(statement).scalar()


def settle_week(session: Session, review_id: int, state: str, *, ts: str | None, error: str | None) -> None:
    session.execute(
        update(WeeklyReview)
        .where(WeeklyReview.id == review_id)
        .values(state=state, message_ts=ts, error=(error or None) and error[:300])
    )


def promise_counts(session: Session, team_id: str, user_id: str, since: dt.date) -> tuple[int, int]:
    """(promises kept on or after `since`, promises still open)."""
    mine = (Contact.team_id == team_id, Contact.user_id == user_id)
    kept = session.scalar(
        select(func.count()).where(
            *mine, Contact.promise_outcome == "kept", Contact.promise_closed_on >= since
        )
    )
    still_open = session.scalar(
        select(func.count()).where(
            *mine,
            Contact.promise.is_not(None),
            Contact.promise_done.is_(False),
            Contact.stage != Stage.LET_GO.value,
        )
    )
    return int(kept or 0), int(still_open or 0)


def overdue_longest(
    session: Session, team_id: str, user_id: str, today: dt.date, limit: int
) -> list[tuple[str, dt.date]]:
    """(name, last day before overdue) of contacts past their latest day (else their due day), the
    longest overdue first; let go and dormant contacts are left out."""
    fine_until = func.coalesce(Contact.latest_due, Contact.next_due)
    rows = session.execute(
        select(Contact.name, fine_until)
        .where(
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Contact.stage.not_in([Stage.LET_GO.value, Stage.DORMANT.value]),
            fine_until < today,
        )
        .order_by(fine_until, Contact.id)
        .limit(limit)
    ).all()
    return [(name, day) for name, day in rows]
