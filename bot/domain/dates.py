"""The one date reader: `/met`, `/called`, promises, call notes and every form field read day phrases here.

Pure: `today` is an argument. A phrase is a list of lower-case, accent-folded words. The reader
knows the phrases; each caller says which it admits and checks the range it needs (a met date is
never ahead, a meeting may be).

Import everything from here; the reading itself lives in two modules this one re-exports:

- `match_date` (bot.domain.day_phrases) reads one day: `today`, `yesterday`, ISO, `N days ago`,
  weekdays, `Nov 20`, …
- `match_ahead` (bot.domain.days_ahead) also reads the looser words people use for what comes next:
  `next week`, `this week`, `end of the month`, `next month`, `in 3 months`, `Q1`, `in January`,
  `after the holidays`. Those name a day by a fixed rule, documented at `match_ahead`.
- Numbers with slashes or dots (`31/11`, `11/30`, `30.11.2026`) are never guessed: the order of day
  and month differs between people, so they are a DateProblem that says how to write the day.

Here: `parse_day` reads a whole phrase (a form field, an answer) and `iso_field` a datepicker's value.
- `day_label` is the one way a day is shown: `Fri 27 Nov`, with the year when it is not this year.
- `met_date_problem` is the sanity rule for the day you met (not ahead, at most two years back).
- `parse_time` reads a clock time (`7:30`, `7.30`, `730`, `7:30am`, `19:30`, `7pm`).
"""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.day_phrases import (
    ISO_DATE,
    NUMBER_WORDS,
    NUMERIC_DATE,
    NUMERIC_DATE_WITH_YEAR,
    DateProblem,
    match_date,
    month_day,
    numeric_day,
    numeric_problem,
)
from bot.domain.days_ahead import first_workday, match_ahead
from bot.domain.jalali import jalali_spelled
from bot.domain.vocabulary import MONTH_WORDS, WEEKDAY_WORDS, fold

__all__ = [
    "DATE_EXAMPLES",
    "ISO_DATE",
    "MET_YEARS_BACK",
    "MONTH_LABELS",
    "MONTH_WORDS",
    "NUMBER_WORDS",
    "NUMERIC_DATE",
    "NUMERIC_DATE_WITH_YEAR",
    "TIME_EXAMPLES",
    "WEEKDAY_LABELS",
    "WEEKDAY_WORDS",
    "DateProblem",
    "UnreadableDate",
    "day_first_in",
    "day_label",
    "first_workday",
    "iso_field",
    "match_ahead",
    "match_date",
    "met_date_problem",
    "numeric_day",
    "numeric_in_order",
    "numeric_problem",
    "parse_day",
    "parse_time",
]

DATE_EXAMPLES = "`yesterday`, `friday`, `last tue`, `3 days ago`, `2026-12-03` or `Dec 3`"
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_LABELS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MET_YEARS_BACK = 2  # a met date further back than this is a typo, not a contact to call


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
# month first: the US and its territories, the Philippines; Japan, Korea, China and Taiwan ("12/24")
_MONTH_FIRST = frozenset(
    {"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "JP", "KR", "CN", "TW"}
)


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
            return month_day(month, day, today, ahead, m[0]).isoformat()
        except (ValueError, DateProblem):
            return m[0]

    return _AMBIGUOUS.sub(iso, head) + colon + notes


# "11.1", "10.12.", "3.2.2027": a date written with dots is day first wherever it is written so
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?$")


def dotted_day(key: str, today: dt.date) -> dt.date | None:
    """The day a date written with dots names ("11.1" is 11 January; without a year the next one)."""
    m = _DOTTED.match(key)
    if not m:
        return None
    day, month, year = int(m[1]), int(m[2]), m[3]
    try:
        if year:
            return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        return month_day(month, day, today, True, key)
    except (ValueError, DateProblem):
        return None


# "25.12", "05.01.", "3.2.2027": a month of two digits, or any with its year; never a decimal or a price
_DOTTED_IN_TEXT = re.compile(
    r"(?<![\w/.,:$€£])(\d{1,2})\.(?:(0[1-9]|1[0-2])(?:\.(\d{4}|\d{2}))?|(\d{1,2})\.(\d{4}))\.?"
    r"(?![\w/]|[.,:]\d)(?!\s*(?:%|x\b|[a-z]{1,3}\b(?<!\bin)(?<!\bon)(?<!\bto)(?<!\bor)(?<!\bat)(?<!\bby)"
    r"(?<!\bis)(?<!\bif)(?<!\bso)(?<!\bno)(?<!\bit)(?<!\bwe)(?<!\bam)(?<!\bthe)(?<!\band)(?<!\bfor)"
    r"|per\b|each\b|шт|кг|руб|ман\b|tonn|[€$£]|usd\b|eur\b))",
    re.I,
)
# "at 9.30", "um 10.15", "в 11.00": a time, not a day
_AT_HOUR = re.compile(r"(?:\b(?:at|um|à|alle|kl|klo|a las|в)\.?|@)\s*$", re.I)
# "1.05" could be a number; after one of these words (or with its year) it is a day: "до 5.01", "by 9.12"
_DAY_CUE = re.compile(
    r"\b(?:by|until|till|before|after|on|from|due|deadline|bis|ab|am|vor|nach|до|к|с|по|после|"
    r"mon|tue|wed|thu|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс)\.?,?\s*$",
    re.I,
)


def days_spelled(text: str | None, today: dt.date, day_first: bool | None) -> str | None:
    """Numeric days spelled out: in the user's order (`spelled_dates`), or, when the order is unknown,
    only those written with dots, which are day first everywhere."""
    text = jalali_spelled(text, today)  # "tâ 15 Dey": by 5 Jan 2027
    return dotted_dates(text, today) if day_first is None else spelled_dates(text, today, day_first)


def dotted_dates(text: str | None, today: dt.date) -> str | None:
    """Days written with dots spelled out ("до 25.12" → "до 25 Dec"), in any country: dots put the day
    first wherever they are used. The same object when there are none."""
    if text and "." in text and _DOTTED_IN_TEXT.search(text):
        return _DOTTED_IN_TEXT.sub(lambda m: _dotted_spelled(m, today), text)
    return text


def _dotted_spelled(m: re.Match[str], today: dt.date) -> str:
    if _AT_HOUR.search(m.string[max(0, m.start() - 8) : m.start()]):
        return m[0]
    day, month, year = int(m[1]), int(m[2] or m[4]), m[3] or m[5]
    if day <= 12 and not year and not _DAY_CUE.search(m.string[max(0, m.start() - 12) : m.start()]):
        return m[0]  # "up 2.05 on last year": a number
    return _day_written(day, month, year, today) or m[0]


def _day_written(day: int, month: int, year: str | None, today: dt.date, to: str = "") -> str | None:
    """ "24 Dec", "3 Feb 2027", "13-15 Dec" (`to`: a range's end): with no year, the reading nearest
    to today; None when no such day exists."""
    try:
        if year:
            on = dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day)
            return f"{on.day} {on:%b %Y}"
        options = [dt.date(today.year + k, month, day) for k in (-1, 0, 1)]
    except ValueError:
        return None
    on = min(options, key=lambda d: abs((d - today).days))
    return f"{on.day}{to} {on:%b}"


_SLASH_YEAR = re.compile(r"(?<![\w/.,])(\d{1,2})/(\d{1,2})-(\d\d)(?![\d/])")
_NUMERIC_DAY = re.compile(
    r"(?<![\w/.,])(?!24/7\b)(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?P<to>[-–]\d{1,2}(?!\d))?(?![\w/]|[.,]\d)"
    r"(?!\s+(?:of|an?|the|day|days|hour|hours|price|share|split|size|inch|mile|cup)\b)"  # "3/4 of the roof"
)


def spelled_dates(text: str | None, today: dt.date, day_first: bool) -> str | None:
    """Numeric days in notes written out ("budget freeze on 12/24" in Tokyo → "budget freeze on 24 Dec"),
    so the coach reads them as days and says them as a person would. The order is the user's country's
    unless only one reading is a day; without a year, the reading nearest to today. A fraction ("3/4
    of the roof", "1/2 day"), "24/7" and what no reading makes a day ("50/50") stay as typed. A day
    written with dots ("КП до 25.12", "bis 3.02.2027") is day first everywhere; a decimal ("1.5 kW",
    "4.25"), a price and a time ("at 9.30") stay as typed."""
    text = dotted_dates(text, today)
    if not text or "/" not in text:
        return text
    if "-" in text:  # "ring IKKE før man 4/1-27": the Danish way to add the year, never a range to the 27th
        near = {today.year % 100, (today.year + 1) % 100}
        text = _SLASH_YEAR.sub(lambda m: f"{m[1]}/{m[2]}/20{m[3]}" if int(m[3]) in near else m[0], text)

    def spelled(m: re.Match[str]) -> str:
        a, b, year = int(m[1]), int(m[2]), m[3]
        day, month = (a, b) if day_first else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day  # "24/12" in Tokyo: only one reading is a day
        return (
            _day_written(day, month, year, today, m["to"] or "") or m[0]
        )  # "12/13-15" in Tel Aviv: "13-15 Dec"

    return _NUMERIC_DAY.sub(spelled, text)


# what something is kept or used "till April" for: how long they need it, not when to call
_HELD_VERBS = frozenset(
    [
        "park",
        "parked",
        "parking",
        "store",
        "stored",
        "storing",
        "keep",
        "kept",
        "keeping",
        "rent",
        "renting",
        "hire",
        "hiring",
        "lease",
        "leasing",
        "house",
        "cover",
        "covered",
        "last",
        "lasts",
        "use",
        "using",
        "run",
        "running",
        "stay",
        "staying",
        "sit",
        "sitting",
    ]  # noqa: SIM905
)


def held_until(keys: list[str], at: int) -> bool:
    """Whether the date phrase at `at` ends a span something is kept or used for ("park them till
    april", "needs cover until March"): folded words `keys`, the phrase's first word at `at`."""
    lead = at if keys[at] in _UNTIL else at - 1 if at and keys[at - 1] in _UNTIL else -1
    return lead > 0 and any(k in _HELD_VERBS for k in keys[max(0, lead - 4) : lead])


_UNTIL = frozenset(("till", "until", "til", "through"))


NEGATIONS = frozenset(("not", "don't", "dont", "don’t", "never", "no", "nobody", "without"))


def negated_at(keys: list[str], at: int) -> bool:
    """ "don't bother calling before", "do not ring before": a "before" that means "not until"."""
    return any(
        k in NEGATIONS
        and not (j and keys[j - 1] in ("or", "yes"))
        and not (j + 1 < at and keys[j + 1] in ("from", "one"))
        for j, k in ((j, keys[j]) for j in range(max(0, at - 4), at))
    )  # "a yes or no from our side before 15 Jan" is an answer to give, not a call to hold back
