"""Reading one day phrase: `match_date` and the rules for days written with numbers.

Pure: `today` is an argument. A phrase is a list of lower-case, accent-folded words. Use these
through `bot.domain.dates`, which re-exports them; `bot.domain.days_ahead` builds the looser words
for what comes next on `match_date`.

- `match_date` reads one day: `today`, `yesterday`, ISO, `N days ago`, weekdays, `Nov 20`, …
- Numbers with slashes or dots (`31/11`, `11/30`, `30.11.2026`) are never guessed: the order of day
  and month differs between people, so they are a DateProblem that says how to write the day;
  `numeric_day` reads only those that can be read one way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.vocabulary import MONTH_WORDS, WEEKDAY_WORDS

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# `31/11`, `11/30`, `30.11.2026`, `2026/11/30`: a day written with numbers and slashes or dots.
NUMERIC_DATE = re.compile(r"(\d{1,4})[/.](\d{1,2})(?:[/.](\d{2,4}))?")
# Three parts with a year are a date attempt anywhere; two parts only where a date is expected.
NUMERIC_DATE_WITH_YEAR = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}[/.]\d{1,2}[/.]\d{1,2}")
DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_YEAR = re.compile(r"\d{4}")
DAY_UNITS = ("day", "days", "week", "weeks")
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


@dataclass(frozen=True)
class DateProblem(Exception):
    """A date phrase that names no real day. `kind`: impossible (31 Nov), too_far (10**7 days ago),
    numeric (`31/11`: numbers with slashes or dots, which I don't guess; `hint` is the ISO day
    when only one reading is possible)."""

    kind: str
    shown: str
    hint: str = ""

    def sentence(self, example: str, others: str = "`on Nov 30` or `last friday`") -> str:
        if self.kind == "too_far":
            return f"`{self.shown}` is further back than I can count. Try an exact date, like {example}."
        if self.kind == "numeric":
            like = f"`on {self.hint}`" if self.hint else example
            return (
                f"I couldn't read `{self.shown}` as a date (day and month order differs between people). "
                f"Write it like {like}, {others}."
            )
        return f"`{self.shown}` isn't a real date. Check the day and month, or write it like {example}."


def numeric_day(word: str, today: dt.date, ahead: bool = False) -> dt.date | None:
    """A day written as numbers that can be read only one way: `20/11/2026`, `11/30`, `2026/11/20`
    (one of day and month is over 12, or the year comes first). None for anything else."""
    m = NUMERIC_DATE.fullmatch(word.rstrip(",;.!?)"))
    if not m:
        return None
    a, b, c = int(m[1]), int(m[2]), m[3]
    if len(m[1]) == 4:
        if not c:
            return None
        try:
            return dt.date(a, b, int(c))
        except ValueError:
            return None
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        return None  # 03/04: March or April? never guessed
    try:
        if c:
            return dt.date(int(c) + (2000 if len(c) == 2 else 0), month, day)
        return month_day(month, day, today, ahead, word)
    except (ValueError, DateProblem):
        return None


def _by_weekday(weekday: str, word: str, today: dt.date, ahead: bool) -> dt.date | None:
    """ "Thu 4/3": of its two readings, the one day that falls on the weekday said (4 March 2027)."""
    if weekday in WEEKDAY_WORDS and re.fullmatch(
        r"\d{1,2}", word.rstrip(",;.!?)")
    ):  # "Wed 23": a 23rd that is a Wednesday
        n, first = int(word.rstrip(",;.!?)")), today.replace(day=1)
        for k in (0, 1, 2, -1):
            month = (
                (first + dt.timedelta(days=32 * k)).replace(day=1)
                if k >= 0
                else (first - dt.timedelta(days=1)).replace(day=1)
            )
            try:
                found = month.replace(day=n)
            except ValueError:
                continue
            if found.weekday() == WEEKDAY_WORDS[weekday] and (
                found > today if ahead else abs((found - today).days) <= 45
            ):
                return found
        return None
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})", word.rstrip(",;.!?)"))
    if not m or weekday not in WEEKDAY_WORDS:
        return None
    fits = set()
    for day, month in ((int(m[1]), int(m[2])), (int(m[2]), int(m[1]))):
        try:
            found = month_day(month, day, today, ahead, word)
        except (ValueError, DateProblem):
            continue
        if found.weekday() == WEEKDAY_WORDS[weekday]:
            fits.add(found)
    return fits.pop() if len(fits) == 1 else None


def numeric_problem(word: str, today: dt.date) -> DateProblem | None:
    """The DateProblem for a day written as numbers with slashes or dots that can't be read one way
    only (`03/04`, `31/11`), or None for other words and for a day `numeric_day` reads."""
    m = NUMERIC_DATE.fullmatch(word.rstrip(",;.!?)"))
    if not m or numeric_day(word, today) is not None:
        return None
    shown = m.group(0)
    a, b, c = int(m[1]), int(m[2]), m[3]
    if len(m[1]) != 4 and (min(a, b) > 12 or max(a, b) > 31):
        return None  # "sizes 30/32/34", "scored 14/20": no month either way round, so no date at all
    hint = ""
    if len(m[1]) == 4:
        year, month, day = a, b, int(c) if c else 0
    else:
        year = (int(c) + (2000 if len(c) == 2 else 0)) if c else today.year
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            day = month = 0
    try:
        hint = dt.date(year, month, day).isoformat()
    except ValueError:
        hint = ""
    return DateProblem("numeric", shown, hint)


def _real(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem("impossible", shown) from None


def month_day(month: int, day: int, today: dt.date, ahead: bool, shown: str) -> dt.date:
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


def _day_of_month(day: int, today: dt.date, ahead: bool, shown: str) -> dt.date:
    """The nearest `day` of a month on or before today (on or after, `ahead`)."""
    if not 1 <= day <= 31:
        raise DateProblem("impossible", shown)
    year, month = today.year, today.month
    step = 1 if ahead else -1
    for _ in range(13):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            candidate = None
        if candidate and ((candidate >= today) if ahead else (candidate <= today)):
            return candidate
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    raise DateProblem("impossible", shown)


def _weekday_year(dated: tuple[int, dt.date], weekday: int, today: dt.date) -> dt.date:
    """ "Fri 20 Nov" without a year, read ahead as 2027 (a Saturday): the year next to it in which
    20 Nov is a Friday (2026: a day that has passed). A year written out, or a weekday that fits
    neither year, leaves the day as read."""
    used, day = dated
    if used != 2 or day.weekday() == weekday:
        return day
    for year in sorted((day.year - 1, day.year + 1), key=lambda y: abs(y - today.year)):
        try:
            other = day.replace(year=year)
        except ValueError:  # 29 Feb
            continue
        if other.weekday() == weekday and abs((other - today).days) <= 366:
            return other
    return day


def _days(n: int, today: dt.date, shown: str) -> dt.date:
    try:
        return today + dt.timedelta(days=n)
    except OverflowError:
        raise DateProblem("too_far", shown) from None


def count_of(word: str) -> int | None:
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
    if len(words) >= 3 and words[2] == "ago" and words[1] in DAY_UNITS and (n := count_of(w0)) is not None:
        per = 7 if words[1].startswith("week") else 1
        return 3, _days(-n * per, today, " ".join(words[:3]))
    if w0 == "last" and len(words) >= 2 and words[1] in WEEKDAY_WORDS:
        return 2, today - dt.timedelta(days=(today.weekday() - WEEKDAY_WORDS[words[1]]) % 7 or 7)
    if (numeric := numeric_day(w0, today, ahead)) and (NUMERIC_DATE_WITH_YEAR.fullmatch(w0.rstrip(",;.!?)"))):
        return 1, numeric
    if w0 == "on" and len(words) >= 2:
        rest = words[1:]
        if problem := numeric_problem(rest[0], today):
            raise problem
        if numeric := numeric_day(rest[0], today, ahead):
            return 2, numeric
        if rest[0] != "on" and (found := match_date(rest, today, ahead=ahead, bare=True)):
            return found[0] + 1, found[1]
        return None
    if NUMERIC_DATE_WITH_YEAR.fullmatch(w0.rstrip(",;.!?)")) and (problem := numeric_problem(w0, today)):
        raise problem
    if not bare:
        return None
    if w0 in ("tomorrow", "tmrw", "tmw", "tmrow", "tomoz", "2moro", "2morrow"):  # as people text it
        return 1, today + dt.timedelta(days=1)
    if w0.rstrip(",") in WEEKDAY_WORDS and len(words) >= 2 and words[1] not in WEEKDAY_WORDS:
        # "Tue 24 Nov", "Thursday, 17 December 2026", "Fri 11th": the date says the day; the weekday
        # only names it
        dated = match_date(words[1:], today, ahead=ahead, bare=True)
        if dated and (dated[0] >= 2 or _ORDINAL.fullmatch(words[1])):
            return dated[0] + 1, _weekday_year(dated, WEEKDAY_WORDS[w0.rstrip(",")], today)
        if numeric := numeric_day(words[1], today, ahead) or _by_weekday(
            w0.rstrip(","), words[1], today, ahead
        ):
            return (
                2,
                numeric,
            )  # "Tue 15/12": a weekday, then a day read one way only (or one that fits the weekday)
    if w0 == "the" and len(words) >= 2 and _ORDINAL.fullmatch(words[1]):
        # "the 11th", "the 20th Dec", "the 3rd of January"
        skipped = 1 if len(words) >= 4 and words[2] == "of" and words[3] in MONTH_WORDS else 0
        rest = [words[1], *words[2 + skipped :]]
        found = match_date(rest, today, ahead=ahead, bare=True)
        return (found[0] + 1 + skipped, found[1]) if found else None
    if (d := _ORDINAL.fullmatch(w0)) and not (
        len(words) >= 2 and (words[1] in MONTH_WORDS or words[1] == "of")
    ):
        # "by the 11th", "Fri 11th": that day of this month, or of the next (the last, for a past day)
        return 1, _day_of_month(int(d[1]), today, ahead, w0)
    if w0 in WEEKDAY_WORDS:
        target = WEEKDAY_WORDS[w0]
        if ahead:
            return 1, today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)
        return 1, today - dt.timedelta(days=(today.weekday() - target) % 7)
    if w0 == "next" and len(words) >= 2 and words[1] in WEEKDAY_WORDS:
        return 2, today + dt.timedelta(days=(WEEKDAY_WORDS[words[1]] - today.weekday()) % 7 or 7)
    if w0 == "in" and len(words) >= 3 and words[2] in DAY_UNITS and (n := count_of(words[1])) is not None:
        return 3, _days(n * (7 if words[2].startswith("week") else 1), today, " ".join(words[:3]))
    if len(words) >= 2:
        if w0 in MONTH_WORDS and (d := DAY_NUMBER.fullmatch(words[1])):
            month, day = MONTH_WORDS[w0], int(d[1])
        elif words[1] in MONTH_WORDS and (d := DAY_NUMBER.fullmatch(w0)):
            month, day = MONTH_WORDS[words[1]], int(d[1])
        else:
            return None
        if len(words) >= 3 and _YEAR.fullmatch(words[2]):
            return 3, _real(int(words[2]), month, day, " ".join(words[:3]))
        return 2, month_day(month, day, today, ahead, " ".join(words[:2]))
    return None
