"""The weekly look back (issue 19): pure rules for when it is due and what it says.

It goes out on Fridays at the user's nudge time (any time later that Friday too, so a tick that was
late still sends it), once per week, keyed by the week's Monday. Calls are counted like App Home's
stats (bot.domain.stats): unanswered tries once per contact per day, a wrong number not against you.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.feedback import KindTally
from bot.domain.stats import CALL_OUTCOMES, REACHED_OUTCOMES, week_start
from bot.domain.vocabulary import UNANSWERED, Outcome

FRIDAY = 4
MAX_SLIPPING = 3
ENCOURAGEMENT = "R4"  # the playbook's reassurance shown at the end


def review_due(local_now: dt.datetime, nudge_minute: int) -> dt.date | None:
    """The week (its Monday) whose look back is due at this local time, or None: Fridays from the
    nudge time to midnight."""
    if local_now.weekday() != FRIDAY:
        return None
    if local_now.hour * 60 + local_now.minute < nudge_minute:
        return None
    return week_start(local_now.date())


@dataclass(frozen=True)
class WeekCalls:
    calls: int
    reached: int

    @property
    def reach_rate(self) -> float | None:
        return self.reached / self.calls if self.calls else None


def count_calls(logs: list[tuple], start: dt.date, end: dt.date) -> WeekCalls:
    """Calls and reached ones from (local date, outcome, contact id) tuples on start..end (inclusive);
    an unanswered try counts once per contact per day."""
    calls = reached = 0
    tried: set[tuple] = set()
    for on, outcome, contact_id in logs:
        if outcome not in CALL_OUTCOMES or not start <= on <= end:
            continue
        if outcome in UNANSWERED:
            if (contact_id, on) in tried:
                continue
            tried.add((contact_id, on))
        calls += 1
        if Outcome(outcome) in REACHED_OUTCOMES:
            reached += 1
    return WeekCalls(calls, reached)


@dataclass(frozen=True)
class Slipping:
    name: str
    days_overdue: int


@dataclass(frozen=True)
class WeeklyReview:
    week_start: dt.date
    this_week: WeekCalls
    last_week: WeekCalls
    promises_kept: int
    promises_open: int
    slipping: tuple[Slipping, ...]
    encouragement: str
    usefulness: tuple[KindTally, ...] = ()  # the user's feedback on reasons, per kind (all time)

    @property
    def empty(self) -> bool:
        """Nothing happened this week: no DM."""
        return self.this_week.calls == 0 and self.promises_kept == 0


def build_review(
    today: dt.date,
    logs: list[tuple],
    promises_kept: int,
    promises_open: int,
    overdue: list[tuple[str, dt.date]],
    encouragement: str,
    usefulness: tuple[KindTally, ...] = (),
) -> WeeklyReview:
    """The look back for the week containing `today` from the last two weeks' logs, the promise
    counts, and (name, last day it was fine) of overdue contacts, the longest overdue first."""
    start = week_start(today)
    last_start = start - dt.timedelta(days=7)
    slipping = tuple(Slipping(name, (today - day).days) for name, day in overdue[:MAX_SLIPPING])
    return WeeklyReview(
        week_start=start,
        this_week=count_calls(logs, start, today),
        last_week=count_calls(logs, last_start, start - dt.timedelta(days=1)),
        promises_kept=promises_kept,
        promises_open=promises_open,
        slipping=slipping,
        encouragement=encouragement,
        usefulness=usefulness,
    )
