"""The looser words people use for what comes next (`next week`, `end of the month`, `in 3 months`,
`Q1`, `in January`, `after the holidays`): `match_ahead` names a day for each by a fixed rule.

Pure: `today` is an argument. Use it through `bot.domain.dates`, which re-exports it; anything it
doesn't know falls through to `match_date` (read ahead).
"""

from __future__ import annotations

import datetime as dt

from bot.domain.day_phrases import DAY_NUMBER, DAY_UNITS, DateProblem, count_of, match_date
from bot.domain.vocabulary import MONTH_WORDS

_QUARTERS = {"q1": 1, "q2": 4, "q3": 7, "q4": 10}
_SEASON_THINGS = frozenset(
    [
        "appeal",
        "appeals",
        "rush",
        "party",
        "parties",
        "sale",
        "sales",
        "market",
        "markets",
        "order",
        "orders",
        "menu",
        "stock",
        "shopping",
        "trade",
        "season",
        "orders",
        "campaign",
        "drive",
        "fair",
        "lunch",
        "dinner",
        "bonus",
        "bonuses",
        "hamper",
        "hampers",
        "lights",
    ]  # noqa: SIM905
)
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
    ten weeks (in summer "the holidays" are someone else's); `christmas`, `xmas` alone → 25 December,
    `new year` → 1 January, within ten weeks ("before Christmas" is a deadline).
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
        if w2 in MONTH_WORDS and MONTH_WORDS[w2] == today.month and today.day < 25:
            return 3, first_workday(today.replace(day=25))  # "call back end of Dec", said on 8 Dec
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
    if (
        w0 in ("first", "second", "last")
        and w1 == "week"
        and w2 == "of"
        and len(w) > 3
        and w[3] in MONTH_WORDS
    ):
        start = _next_month_start(MONTH_WORDS[w[3]], today)  # "first week of Jan": its first working day
        if start:
            day = {"first": 1, "second": 8, "last": 24}[w0]
            return 4, first_workday(start.replace(day=day))
        return None
    if w0 in ("early", "mid", "late") and w1 in MONTH_WORDS and not DAY_NUMBER.fullmatch(w2):
        start = _next_month_start(MONTH_WORDS[w1], today)
        if start:
            return 2, first_workday(start.replace(day={"early": 1, "mid": 15, "late": 25}[w0]))
        return None
    if (
        w0 in MONTH_WORDS
        and not DAY_NUMBER.fullmatch(w1)
        and len(w0) > 3
        or (w0 == "in" and w1 in MONTH_WORDS and not DAY_NUMBER.fullmatch(w2))
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
    if w0 in ("christmas", "xmas") and w1 in _SEASON_THINGS:
        return None  # "Xmas appeal chaos", "the Christmas rush": the season's work, no day to call
    if w0 in ("christmas", "xmas") or (w0 == "new" and w1 in ("year", "years", "year's", "year’s")):
        # "before Christmas" → 25 Dec, "before New Year" → 1 Jan (the next one, within ten weeks);
        # "Christmas Eve" → 24 Dec, "New Year's Eve" → 31 Dec
        used = 1 if w0 != "new" else 2
        eve = (w1 if w0 != "new" else w2) == "eve"
        day = dt.date(today.year, 12, 24 if eve else 25) if w0 != "new" else dt.date(today.year + 1, 1, 1)
        if w0 == "new" and eve:
            day = dt.date(today.year - (today.month == 1 and today.day == 1), 12, 31)
        if w0 != "new" and day < today:
            day = day.replace(year=today.year + 1)
        used += eve
        return (used, day) if 0 <= (day - today).days <= 70 else None
    if w0 == "in":
        rest, used = w[1:], 1
        if rest[0] in ("a", "an") and rest[1] in _FEW:
            rest, used = rest[1:], 2
        if rest[0] in _FEW:
            n, rest, used = _FEW[rest[0]], rest[1:], used + 1
            if rest[0] == "of":
                rest, used = rest[1:], used + 1
            if rest[0] in DAY_UNITS:
                return used + 1, today + dt.timedelta(days=n * (7 if rest[0].startswith("week") else 1))
        if w2 in ("month", "months") and (n := count_of(w1)) is not None:
            return 3, _add_months(today, n, " ".join(words[:3]))
    return match_date(words, today, ahead=True, bare=True)
