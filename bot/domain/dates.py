"""The one date reader: `/met`, `/called`, promises, call notes and every form field read day phrases here.

Pure: `today` is an argument. A phrase is a list of lower-case, accent-folded words. The reader
knows the phrases; each caller says which it admits and checks the range it needs (a met date is
never ahead, a meeting may be).

- `match_date` reads one day: `today`, `yesterday`, ISO, `N days ago`, weekdays, `Nov 20`, …
- `match_ahead` also reads the looser words people use for what comes next: `next week`, `this
  week`, `end of the month`, `next month`, `in 3 months`, `Q1`, `in January`, `after the holidays`.
  Those name a day by a fixed rule, documented at `match_ahead`.
- Numbers with slashes or dots (`31/11`, `11/30`, `30.11.2026`) are never guessed: the order of day
  and month differs between people, so they are a DateProblem that says how to write the day.
- `day_label` is the one way a day is shown: `Fri 27 Nov`, with the year when it is not this year.
- `met_date_problem` is the sanity rule for the day you met (not ahead, at most two years back).
- `parse_time` reads a clock time (`7:30`, `7.30`, `730`, `7:30am`, `19:30`, `7pm`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.vocabulary import MONTH_WORDS, WEEKDAY_WORDS, fold

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# `31/11`, `11/30`, `30.11.2026`, `2026/11/30`: a day written with numbers and slashes or dots.
NUMERIC_DATE = re.compile(r"(\d{1,4})[/.](\d{1,2})(?:[/.](\d{2,4}))?")
# Three parts with a year are a date attempt anywhere; two parts only where a date is expected.
NUMERIC_DATE_WITH_YEAR = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}[/.]\d{1,2}[/.]\d{1,2}")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
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
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_LABELS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MET_YEARS_BACK = 2  # a met date further back than this is a typo, not a contact to call


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
        return _month_day(month, day, today, ahead, word)
    except (ValueError, DateProblem):
        return None


def numeric_problem(word: str, today: dt.date) -> DateProblem | None:
    """The DateProblem for a day written as numbers with slashes or dots that can't be read one way
    only (`03/04`, `31/11`), or None for other words and for a day `numeric_day` reads."""
    m = NUMERIC_DATE.fullmatch(word.rstrip(",;.!?)"))
    if not m or numeric_day(word, today) is not None:
        return None
    shown = m.group(0)
    a, b, c = int(m[1]), int(m[2]), m[3]
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
    if w0 == "tomorrow":
        return 1, today + dt.timedelta(days=1)
    if w0.rstrip(",") in WEEKDAY_WORDS and len(words) >= 2 and words[1] not in WEEKDAY_WORDS:
        # "Tue 24 Nov", "Thursday, 17 December 2026", "Fri 11th": the date says the day; the weekday
        # only names it
        dated = match_date(words[1:], today, ahead=ahead, bare=True)
        if dated and (dated[0] >= 2 or _ORDINAL.fullmatch(words[1])):
            return dated[0] + 1, dated[1]
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
        if len(words) == 1 and (numeric := numeric_problem(words[0], today)):
            raise numeric
        if len(words) == 1 and (day := numeric_day(words[0], today, ahead)):
            return day
        found = match_ahead(words, today) if ahead else match_date(words, today)
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


# --- looser words for what comes next --------------------------------------------------------------

_QUARTERS = {"q1": 1, "q2": 4, "q3": 7, "q4": 10}
_HOLIDAY_WORDS = (("the", "holidays"), ("christmas",), ("xmas",), ("new", "year"), ("new", "years"))
_FEW = {"couple": 2, "few": 3}


def first_workday(day: dt.date) -> dt.date:
    """`day`, or the Monday after it when it is a weekend; 1 January (a holiday nearly everywhere)
    counts as the 2nd."""
    if day.month == 1 and day.day == 1:
        day = day + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _next_month_start(month: int, today: dt.date) -> dt.date | None:
    """The first of `month` strictly after this month; None while we are in it (no new day named)."""
    if month == today.month:
        return None
    year = today.year if month > today.month else today.year + 1
    return dt.date(year, month, 1)


def _month_end(day: dt.date) -> dt.date:
    return _month_start(day.year, day.month + 1) - dt.timedelta(days=1)


def _add_months(day: dt.date, n: int, shown: str) -> dt.date:
    """The same day `n` months on (the month's last day when it is shorter)."""
    if n > 1200:
        raise DateProblem("too_far", shown)
    start = _month_start(day.year, day.month + n)
    return start.replace(day=min(day.day, _month_end(start).day))


def _friday(today: dt.date, weeks: int) -> dt.date:
    return max(today, today + dt.timedelta(days=4 - today.weekday() + 7 * weeks))


def match_ahead(words: list[str], today: dt.date) -> tuple[int, dt.date] | None:
    """If `words` starts with a phrase naming a day ahead: (words used, the day); else None.

    Everything `match_date` reads with `ahead` (a weekday or month-day alone is the next one), and:
    `this week`, `(the) end of (the) week` → this week's Friday (today from Friday on);
    `next week` → next Monday; `end of next week` → next week's Friday;
    `next month` → the 1st of next month; `end of (the) month` → its last day;
    `in N months`, `in a month` → the same day N months on; `in a couple of|few days|weeks` → 2|3 of them;
    `Q1`…`Q4`, `next quarter` → the first workday of that quarter's next start (nothing while in it);
    `January`, `early|mid|late January` → its next 1st (first workday) | 15th | 25th (nothing while in it);
    `after the holidays|christmas|new year` → the first workday from 5 January, when that is within
    ten weeks (in summer "the holidays" are someone else's).
    Past days are returned as read; callers decide whether a past day counts.
    """
    if not words:
        return None
    w = words + [""] * 4
    w0, w1, w2, w3 = w[0], w[1], w[2], w[3]
    if w0 in ("this", "the") and w1 == "week" or w0 == "eow":
        return (1 if w0 == "eow" else 2), _friday(today, 0)
    if w0 == "the" and w1 == "end" and (found := match_ahead(words[1:], today)):
        return found[0] + 1, found[1]
    if w0 == "end" and w1 == "of":
        k = 3 if w2 in ("the", "this") else 2
        what = w[k] if k < len(w) else ""
        if what == "week":
            return k + 1, _friday(today, 0)
        if what == "month":
            return k + 1, _month_end(today)
        if w2 == "next" and w3 in ("week", "month"):
            return 4, _friday(today, 1) if w3 == "week" else _month_end(
                _month_start(today.year, today.month + 1)
            )
        if w2 in MONTH_WORDS and (start := _next_month_start(MONTH_WORDS[w2], today)):
            return 3, start.replace(day=25)
    if w0 == "next":
        if w1 == "week":
            return 2, today + dt.timedelta(days=7 - today.weekday())
        if w1 == "month":
            return 2, first_workday(_month_start(today.year, today.month + 1))
        if w1 == "quarter":
            return 2, first_workday(_month_start(today.year, (today.month - 1) // 3 * 3 + 4))
    if w0 in _QUARTERS or (w0 == "in" and w1 in _QUARTERS):
        k = 1 if w0 in _QUARTERS else 2
        start = _next_month_start(_QUARTERS[w[k - 1]], today)
        in_it = (today.month - 1) // 3 * 3 + 1 == _QUARTERS[w[k - 1]]
        return (k, first_workday(start)) if start and not in_it else None
    if w0 in ("early", "mid", "late") and w1 in MONTH_WORDS and not _DAY.fullmatch(w2):
        start = _next_month_start(MONTH_WORDS[w1], today)
        if start:
            return 2, first_workday(start.replace(day={"early": 1, "mid": 15, "late": 25}[w0]))
        return None
    if (
        w0 in MONTH_WORDS
        and not _DAY.fullmatch(w1)
        and len(w0) > 3
        or (w0 == "in" and w1 in MONTH_WORDS and not _DAY.fullmatch(w2))
    ):
        month = MONTH_WORDS[w0] if w0 in MONTH_WORDS else MONTH_WORDS[w1]
        start = _next_month_start(month, today)
        return ((1 if w0 in MONTH_WORDS else 2), first_workday(start)) if start else None
    if w0 == "after":
        for phrase in _HOLIDAY_WORDS:
            if tuple(w[1 : 1 + len(phrase)]) == phrase:
                jan5 = dt.date(today.year + (today.month > 1 or today.day > 5), 1, 5)
                if (jan5 - today).days <= 70:
                    return 1 + len(phrase), first_workday(jan5)
                return None
    if w0 == "in":
        rest, used = w[1:], 1
        if rest[0] in ("a", "an") and rest[1] in _FEW:
            rest, used = rest[1:], 2
        if rest[0] in _FEW:
            n, rest, used = _FEW[rest[0]], rest[1:], used + 1
            if rest[0] == "of":
                rest, used = rest[1:], used + 1
            if rest[0] in _UNITS:
                return used + 1, today + dt.timedelta(days=n * (7 if rest[0].startswith("week") else 1))
        if w2 in ("month", "months") and (n := _count(w1)) is not None:
            return 3, _add_months(today, n, " ".join(words[:3]))
    return match_date(words, today, ahead=True, bare=True)


# --- the day you met -------------------------------------------------------------------------------


def met_date_problem(day: dt.date, today: dt.date) -> str | None:
    """Why `day` can't be the day you met (ahead of today, or more than two years back), or None."""
    if day > today:
        return (
            f"{day_label(day, today)} is still to come, and you can only log someone you have met. "
            "Use the day you met, like `yesterday` or `last friday`."
        )
    try:
        limit = today.replace(year=today.year - MET_YEARS_BACK)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - MET_YEARS_BACK, day=28)
    if day < limit:
        return (
            f"{day_label(day, today)} is more than {MET_YEARS_BACK} years ago, further back than I follow "
            "up. Check the year, or use a recent day."
        )
    return None


# --- showing a day ---------------------------------------------------------------------------------


def day_label(day: dt.date, today: dt.date | None = None) -> str:
    """`Fri 27 Nov`, or `Fri 1 Jan 2027` when `today` is given and the year is another one."""
    label = f"{WEEKDAY_LABELS[day.weekday()]} {day.day} {MONTH_LABELS[day.month - 1]}"
    return f"{label} {day.year}" if today is not None and day.year != today.year else label


# --- clock times -----------------------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?")
_CLOCK_RUN = re.compile(r"(\d{1,2})(\d{2})\s*([ap])?\.?\s*(?:m\.?)?")
TIME_EXAMPLES = "`9:00`, `7:30`, `7.30am`, `19:30` or `7pm`"


def parse_time(text: str | None) -> int | None:
    """Minutes after midnight for `7:30`, `7.30`, `730`, `7:30am`, `07:30`, `19:30`, `7pm`, `12am`,
    `9`; None for anything else (hours 0-23, or 1-12 with am/pm; minutes 0-59)."""
    raw = (text or "").strip().casefold()
    m = _CLOCK.fullmatch(raw) or _CLOCK_RUN.fullmatch(raw)
    if not m:
        return None
    hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23:
        return None
    return hour * 60 + minute


# Countries that write the month first (02/12 is February 12); elsewhere the day comes first.
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM"})


def day_first_in(region: str | None) -> bool | None:
    """Whether the country of `region` ("PT", "US-NY", "GB-SCT") writes numeric dates day first;
    None without a country (a date like 02/12 is then refused rather than guessed)."""
    if not region or region == "none":
        return None
    return region.split("-", 1)[0].upper() not in _MONTH_FIRST


_AMBIGUOUS = re.compile(r"(?<![\w/.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\w/])")


def numeric_in_order(text: str, today: dt.date, day_first: bool, *, ahead: bool = False) -> str:
    """The numeric dates before the first colon that both orders could read (`02/12/2026`, `10.12`),
    written as ISO days in the order of the user's country; the notes after the colon stay as typed.
    Without a year: the latest such day up to today, or with `ahead` the next one from today."""
    head, colon, notes = text.partition(":")

    def iso(m: re.Match[str]) -> str:
        a, b, year = int(m[1]), int(m[2]), m[3]
        if a > 12 or b > 12:
            return m[0]  # one reading only: the date grammar reads it as it is
        day, month = (a, b) if day_first else (b, a)
        try:
            if year:
                return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day).isoformat()
            return _month_day(month, day, today, ahead, m[0]).isoformat()
        except (ValueError, DateProblem):
            return m[0]

    return _AMBIGUOUS.sub(iso, head) + colon + notes
