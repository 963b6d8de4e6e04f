"""Numbers about a user's own activity, shared by the digest footer and App Home."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.domain import Outcome
from storage.contacts import call_days

CALL_OUTCOMES = tuple(o.value for o in Outcome)
STREAK_LOOKBACK_DAYS = 400


def call_streak(
    session: Session, team_id: str, user_id: str, today: dt.date, nudge_days: frozenset[int]
) -> int:
    """Consecutive nudge days, counting back from today, with at least one logged call.

    Today counts when a call is already logged, but an empty today does not break the streak (the
    digest arrives in the morning, before the day's calls). Days that are not nudge days are skipped.
    """
    if not nudge_days:
        return 0
    logged = set(
        call_days(session, team_id, user_id, CALL_OUTCOMES, today - dt.timedelta(STREAK_LOOKBACK_DAYS))
    )
    return streak_from_days(logged, today, nudge_days)


def streak_from_days(logged: set[dt.date], today: dt.date, nudge_days: frozenset[int]) -> int:
    streak = 1 if today in logged and today.weekday() in nudge_days else 0
    day = today - dt.timedelta(days=1)
    for _ in range(STREAK_LOOKBACK_DAYS):
        if day.weekday() in nudge_days:
            if day not in logged:
                break
            streak += 1
        day -= dt.timedelta(days=1)
    return streak
