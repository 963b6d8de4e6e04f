"""The one date reader: `/met`, `/called` and every form field read day phrases here.

Pure: `today` is an argument. A phrase is a list of lower-case, accent-folded words. The reader
knows the phrases; each caller says which it admits and checks the range it needs (a met date is
never ahead, a meeting may be).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.vocabulary import MONTH_WORDS, WEEKDAY_WORDS, fold

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")
_UNITS = ("day", "days", "week", "weeks")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_YEARS_SEARCHED = 9  # a month and day without a year: this many years either way
DATE_EXAMPLES = "`yesterday`, `friday`, `last tue`, `3 days ago`, `2026-12-03` or `Dec 3`"


@dataclass(frozen=True)
class DateProblem(Exception):
    """A date phrase that names no real day. `kind`: impossible (31 Nov), too_far (10**7 days ago)."""

    kind: str
    shown: str

    def sentence(self, example: str) -> str:
        if self.kind == "too_far":
            return f"`{self.shown}` is further back than I can count. Try an exact date, like {example}."
        return f"`{self.shown}` isn't a real date. Check the day and month, or write it like {example}."


def _real(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem("impossible", shown) from None


def _month_day(month: int, day: int, today: dt.date, ahead: bool, shown: str) -> dt.date:
    """The nearest month/day on or before today (on or after, `ahead`); a leap day finds a leap year."""
    _real(2024, month, day, shown)  # a leap year: only impossible days fail here
    step = 1 if ahead else -1
    for year in range(today.year, today.year + step * _YEARS_SEARCHED, step):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 Feb outside a leap year
            continue
        if (candidate >= today) if ahead else (candidate <= today):
            return candidate
    raise DateProblem("impossible", shown)


def _days(n: int, today: dt.date, shown: str) -> dt.date:
    try:
        return today + dt.timedelta(days=n)
    except OverflowError:
        raise DateProblem("too_far", shown) from None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word) if len(word) <= 7 else 10**7
    return NUMBER_WORDS.get(word)


def match_date(
    words: list[str], today: dt.date, *, ahead: bool = False, bare: bool = True
) -> tuple[int, dt.date] | None:
    """If `words` starts with a day phrase: (words used, the day); else None. Raises DateProblem
    for a phrase that names no real day.

    Always read: `today`, `yesterday`, ISO `2026-11-20`, `N days|weeks ago`, `last <weekday>`, and
    after `on` anything below. `bare` also reads a weekday, `Nov 20` / `20 Nov` [year], `tomorrow`,
    `next <weekday>` and `in N days|weeks` without `on` (the quick-add leaves those out: a bare
    weekday may be part of an event's name). A weekday or month-day alone is the most recent one,
    today included, or with `ahead` the next one (a weekday strictly after today).
    """
    w0 = words[0]
    if w0 == "today":
        return 1, today
    if w0 == "yesterday":
        return 1, today - dt.timedelta(days=1)
    if m := ISO_DATE.fullmatch(w0):
        return 1, _real(int(m[1]), int(m[2]), int(m[3]), w0)
    if len(words) >= 3 and words[2] == "ago" and words[1] in _UNITS and (n := _count(w0)) is not None:
        per = 7 if words[1].startswith("week") else 1
        return 3, _days(-n * per, today, " ".join(words[:3]))
    if w0 == "last" and len(words) >= 2 and words[1] in WEEKDAY_WORDS:
        return 2, today - dt.timedelta(days=(today.weekday() - WEEKDAY_WORDS[words[1]]) % 7 or 7)
    if w0 == "on" and len(words) >= 2:
        rest = words[1:]
        if rest[0] != "on" and (found := match_date(rest, today, ahead=ahead, bare=True)):
            return found[0] + 1, found[1]
        return None
    if not bare:
        return None
    if w0 == "tomorrow":
        return 1, today + dt.timedelta(days=1)
    if w0 in WEEKDAY_WORDS:
        target = WEEKDAY_WORDS[w0]
        if ahead:
            return 1, today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)
        return 1, today - dt.timedelta(days=(today.weekday() - target) % 7)
    if w0 == "next" and len(words) >= 2 and words[1] in WEEKDAY_WORDS:
        return 2, today + dt.timedelta(days=(WEEKDAY_WORDS[words[1]] - today.weekday()) % 7 or 7)
    if w0 == "in" and len(words) >= 3 and words[2] in _UNITS and (n := _count(words[1])) is not None:
        return 3, _days(n * (7 if words[2].startswith("week") else 1), today, " ".join(words[:3]))
    if len(words) >= 2:
        if w0 in MONTH_WORDS and (d := _DAY.fullmatch(words[1])):
            month, day = MONTH_WORDS[w0], int(d[1])
        elif words[1] in MONTH_WORDS and (d := _DAY.fullmatch(w0)):
            month, day = MONTH_WORDS[words[1]], int(d[1])
        else:
            return None
        if len(words) >= 3 and _YEAR.fullmatch(words[2]):
            return 3, _real(int(words[2]), month, day, " ".join(words[:3]))
        return 2, _month_day(month, day, today, ahead, " ".join(words[:2]))
    return None


class UnreadableDate(ValueError):
    """A whole phrase that is not a day; the message says what to try."""


def parse_day(text: str, today: dt.date, *, ahead: bool) -> dt.date | None:
    """A whole day phrase (`friday`, `on Dec 3`, `for next tue`), or None for an empty one.
    `ahead` reads a bare weekday or month-day forwards (a meeting date) instead of backwards (a call).
    Raises UnreadableDate with a sentence for anything else."""
    words = fold(text).replace(",", " ").split()
    if words and words[0] in ("on", "for"):
        words = words[1:]
    if not words:
        return None
    try:
        found = match_date(words, today, ahead=ahead)
    except DateProblem as problem:
        raise UnreadableDate(problem.sentence("`2026-12-03`")) from None
    if found is None or found[0] != len(words):
        raise UnreadableDate(
            f"I couldn't read `{text.strip()}` as a date. Try {DATE_EXAMPLES}, and put notes after a colon."
        )
    return found[1]


def iso_field(raw: object) -> tuple[dt.date | None, bool]:
    """(date, ok) from a datepicker's ISO value; ok is False for a date that doesn't exist."""
    if not raw:
        return None, True
    try:
        return dt.date.fromisoformat(str(raw)), True
    except ValueError:
        return None, False
