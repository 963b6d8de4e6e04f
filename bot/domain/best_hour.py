"""When the user reaches people: reach rate by weekday and hour band from their own logged tries, once
there are enough of them (MIN_TRIES); the planner's default time, and the line App Home shows.

Before MIN_TRIES the default is the user's nudge hour plus one: they have just read the digest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.dates import WEEKDAY_LABELS

MIN_TRIES = 20  # fewer tries than this say nothing about the hour
BANDS = ((7, 9), (9, 11), (11, 13), (13, 15), (15, 17), (17, 19))  # local hours [start, end)
MIN_BAND_TRIES = 3  # a band needs this many tries to be the best one
MIN_DAY_TRIES = 2  # a weekday needs this many tries to be among the best
LOOK_AHEAD_DAYS = 14  # the default plan is the first good slot within this many days


@dataclass(frozen=True)
class Try:
    """One logged call try at a local time: its weekday (Mon = 0), minute of the day, and whether
    the person was reached."""

    weekday: int
    minute: int
    reached: bool


@dataclass(frozen=True)
class BestHour:
    """`minute`: the planner's default time of day. Learned from `tries` once there are MIN_TRIES:
    then `weekdays` (best first by weekday order) and `band` (start and end hour) say when."""

    minute: int
    tries: int
    learned: bool = False
    weekdays: tuple[int, ...] = ()
    band: tuple[int, int] | None = None

    def words(self) -> str | None:
        """`you reach people most often Tue–Thu 9–11`; None until learned."""
        if not self.learned or self.band is None:
            return None
        days = weekday_runs(self.weekdays)
        when = f"{days} {self.band[0]}–{self.band[1]}" if days else f"{self.band[0]}–{self.band[1]}"
        return f"you reach people most often {when}"


def _band_of(minute: int) -> tuple[int, int] | None:
    hour = minute // 60
    return next((band for band in BANDS if band[0] <= hour < band[1]), None)


def _rate(reached: int, tries: int) -> float:
    return reached / tries if tries else 0.0


def best_hour(tries: Iterable[Try], nudge_minute: int) -> BestHour:
    """The best weekdays and hour band from the user's own tries (reach rate), or, before MIN_TRIES
    of them, the nudge hour plus one. Ties go to the band with more tries, then the earlier one."""
    tries = list(tries)
    fallback = min(nudge_minute + 60, 23 * 60)
    if len(tries) < MIN_TRIES:
        return BestHour(minute=fallback, tries=len(tries))
    by_band: dict[tuple[int, int], list[int]] = {}
    by_day: dict[int, list[int]] = {}
    for t in tries:
        band = _band_of(t.minute)
        if band is not None:
            by_band.setdefault(band, [0, 0])
            by_band[band][0] += t.reached
            by_band[band][1] += 1
        by_day.setdefault(t.weekday, [0, 0])
        by_day[t.weekday][0] += t.reached
        by_day[t.weekday][1] += 1
    bands = [(band, n) for band, n in by_band.items() if n[1] >= MIN_BAND_TRIES]
    if not bands:
        return BestHour(minute=fallback, tries=len(tries))
    band = max(bands, key=lambda item: (_rate(*item[1]), item[1][1], -item[0][0]))[0]
    overall = _rate(sum(t.reached for t in tries), len(tries))
    days = [d for d, n in by_day.items() if n[1] >= MIN_DAY_TRIES]
    good = sorted(d for d in days if _rate(*by_day[d]) >= overall and by_day[d][0] > 0)
    if not good and days:
        good = [max(days, key=lambda d: (_rate(*by_day[d]), by_day[d][1], -d))]
    return BestHour(minute=band[0] * 60, tries=len(tries), learned=True, weekdays=tuple(good), band=band)


def weekday_runs(days: Iterable[int]) -> str:
    """`Tue–Thu`, `Mon, Wed–Fri`, `Fri`: consecutive weekdays as ranges."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for d in ordered:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        first, last = WEEKDAY_LABELS[run[0]], WEEKDAY_LABELS[run[-1]]
        parts.append(first if len(run) == 1 else f"{first}–{last}" if len(run) > 2 else f"{first}, {last}")
    return ", ".join(parts)


def default_plan_at(
    best: BestHour, now: dt.datetime, nudge_days: frozenset[int] = frozenset()
) -> dt.datetime:
    """The planner's default: the first good day at the best minute, at least a quarter of an hour
    from `now` (an aware local time; the answer is in the same zone). A good day is a best weekday
    once learned, else one of the user's nudge days (any day when they have none)."""
    good = set(best.weekdays) if best.learned and best.weekdays else set(nudge_days) or set(range(7))
    hour, minute = divmod(best.minute, 60)
    earliest = now + dt.timedelta(minutes=15)
    for ahead in range(LOOK_AHEAD_DAYS + 1):
        day = now.date() + dt.timedelta(days=ahead)
        slot = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=now.tzinfo)
        if day.weekday() in good and slot >= earliest:
            return slot
    day = now.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=now.tzinfo)
