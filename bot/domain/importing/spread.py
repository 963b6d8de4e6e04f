"""Spreading imported contacts' first follow-ups over the coming nudge days.

Pure. Sixty contacts from one event must not all come due on one morning: each day takes at most
the user's max per digest, counting what is already due that day. Contacts with a promise go first,
on their own (earlier) day when there is room; the rest follow in file order, each on the first nudge
day on or after its usual first follow-up (bot.domain.cadence.first_follow_up) that still has room.
Old connections (met more than six months ago: LinkedIn's "Connected On") are no warm leads: they
come in with no follow-up unless the user asks for them to be scheduled too.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.cadence import add_business_days, next_nudge_day

MAX_DAYS_AHEAD = 20 * 366  # a safety stop: 5,000 rows at 1 a morning fit in ~19 years of weekdays


@dataclass(frozen=True)
class FirstFollowUp:
    """One new contact waiting for its first day: `key` names it, `usual` is the rule's day."""

    key: int
    usual: dt.date
    promised: bool = False


def spread_follow_ups(
    items: Sequence[FirstFollowUp],
    today: dt.date,
    nudge_days: frozenset[int],
    per_day: int,
    already_due: Mapping[dt.date, int],
) -> dict[int, dt.date]:
    """The day each item comes due: never before today or its usual day, never more than `per_day`
    on one day (counting `already_due`, where anything overdue counts on today)."""
    per_day = max(1, per_day)
    taken: dict[dt.date, int] = {}
    for day, count in already_due.items():
        shown = next_nudge_day(max(day, today), nudge_days)
        taken[shown] = taken.get(shown, 0) + count
    ordered = sorted(
        enumerate(items),
        key=lambda pair: (not pair[1].promised, pair[1].usual if pair[1].promised else 0, pair[0]),
    )
    days: dict[int, dt.date] = {}
    after: dict[dt.date, dt.date] = {}  # a full day → a later day to look at next (path-compressed)
    stop = today + dt.timedelta(days=MAX_DAYS_AHEAD)

    def first_free(day: dt.date) -> dt.date:
        seen = []
        while taken.get(day, 0) >= per_day and day < stop:
            seen.append(day)
            day = after.get(day) or add_business_days(day, 1, nudge_days)
        for full in seen:
            after[full] = day
        return day

    for _, item in ordered:
        day = first_free(next_nudge_day(max(item.usual, today), nudge_days))
        taken[day] = taken.get(day, 0) + 1
        days[item.key] = day
    return days


OLD_AFTER_MONTHS = 6  # a connection made longer ago than this is no warm lead: no nudge by default


def is_old_connection(met_on: dt.date | None, today: dt.date, months: int = OLD_AFTER_MONTHS) -> bool:
    """Whether a row's met (or "Connected On") day is more than `months` before `today`: such rows
    come in as contacts without a follow-up unless the user asks to schedule them too."""
    if met_on is None:
        return False
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return met_on < dt.date(year, month + 1, day)
