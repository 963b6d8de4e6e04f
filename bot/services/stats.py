"""A user's call stats read from the database, for App Home; the arithmetic is bot.domain.stats."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.domain.stats import (
    CALL_OUTCOMES,
    STREAK_LOOKBACK_DAYS,
    CallStats,
    stats_from,
    stats_window_start,
    streak_from_days,
)
from storage.answers import digest_days
from storage.contacts import call_days
from storage.home import outcomes_since

DIGEST_DAYS_KEPT = 59  # bot.delivery.maintenance keeps digest rows 60 days: the days it surely still has


def call_streak(
    session: Session,
    team_id: str,
    user_id: str,
    today: dt.date,
    nudge_days: frozenset[int],
    holidays: str | None = None,
) -> int:
    """`streak_from_days` over the user's logged call days (one bounded query; none without nudge days);
    the public holidays of the region `holidays` are skipped like days that are no nudge days."""
    if not nudge_days:
        return 0
    since = today - dt.timedelta(STREAK_LOOKBACK_DAYS)
    logged = set(call_days(session, team_id, user_id, CALL_OUTCOMES, since))
    kept_from = today - dt.timedelta(DIGEST_DAYS_KEPT)
    sent = digest_days(session, team_id, user_id, kept_from)
    return streak_from_days(
        logged, today, nudge_days, holidays, digest_days=sent, digests_known_since=kept_from
    )


def user_stats(
    session: Session,
    team_id: str,
    user_id: str,
    today: dt.date,
    nudge_days: frozenset[int],
    holidays: str | None = None,
) -> CallStats:
    """The user's stats for App Home: two bounded queries (the stats window, and the streak's days)."""
    logs = outcomes_since(session, team_id, user_id, CALL_OUTCOMES, stats_window_start(today))
    return stats_from(logs, today, call_streak(session, team_id, user_id, today, nudge_days, holidays))
