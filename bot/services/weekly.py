"""The weekly look back's transactions: find who is due, claim the week before any post, settle it.

Exactly once per user per week: `claim_due` commits the week's row (unique on team, user, week_start)
as `sending` before the DM is posted, so another tick, replica or a restarted process finds the week
taken and leaves it. A post whose outcome is unknown (the process died mid-call) is never retried:
a missed look back is the lesser harm than a second one. A week with nothing in it is claimed as
`skipped` so later ticks don't compute it again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from bot.domain.clock import local_now, naive_utc
from bot.domain.feedback import tallies
from bot.domain.stats import CALL_OUTCOMES
from bot.domain.weekly import ENCOURAGEMENT, MAX_SLIPPING, WeeklyReview, build_review, review_due
from bot.services.context import Services
from storage import weekly as store
from storage.feedback import votes_of
from storage.home import outcomes_since

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WeeklyClaim:
    review_id: int
    team_id: str
    user_id: str
    review: WeeklyReview


def _encouragement(services: Services) -> str:
    try:
        return services.playbook.reassurance(ENCOURAGEMENT).text
    except Exception:  # a playbook without R4: the look back still goes out, without the line
        log.warning("the playbook has no reassurance %s for the weekly look back", ENCOURAGEMENT)
        return ""


def claim_due(services: Services) -> tuple[list[WeeklyClaim], int]:
    """Claim this week's look back for every opted-in user whose Friday nudge time has come; returns
    the claims to post and how many empty weeks were skipped. Committed before anything is posted."""
    claims: list[WeeklyClaim] = []
    skipped = 0
    encouragement = None
    with services.db.transaction() as session:
        for profile in store.opted_in(session):
            now = local_now(services.clock, profile.tz)
            week = review_due(now, profile.nudge_minute)
            today = now.date()
            if week is None or profile.paused_reason:
                continue
            if profile.pause_until is not None and profile.pause_until >= today:
                continue
            owner = (profile.team_id, profile.user_id)
            if store.claimed_weeks(session, [(*owner, week)]):
                continue
            if encouragement is None:
                encouragement = _encouragement(services)
            logs = outcomes_since(session, *owner, CALL_OUTCOMES, week - dt.timedelta(days=7))
            kept, still_open = store.promise_counts(session, *owner, week)
            overdue = store.overdue_longest(session, *owner, today, MAX_SLIPPING)
            usefulness = tallies(votes_of(session, *owner))
            review = build_review(today, logs, kept, still_open, overdue, encouragement, usefulness)
            state = store.SKIPPED if review.empty else store.SENDING
            review_id = store.claim_week(session, *owner, week, state, now=naive_utc(services.clock.now()))
            if review_id is None:
                continue  # another replica claimed it a moment ago
            if review.empty:
                skipped += 1
            else:
                claims.append(WeeklyClaim(review_id, *owner, review))
    return claims, skipped


def settle(services: Services, claim: WeeklyClaim, *, sent: bool, ts: str | None, error: str | None) -> None:
    with services.db.transaction() as session:
        store.settle_week(session, claim.review_id, store.SENT if sent else store.FAILED, ts=ts, error=error)
