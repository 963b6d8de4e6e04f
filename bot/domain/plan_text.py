"""Reading a planned call from a line: `call Ana thursday 10am`, `plan Ana Ruiz tomorrow at 16:30 by
video`, and a /called text with a time ahead, `Ana at 4pm thursday`.

Days are read by the /called and /met day reader (bot.domain.dates.match_date, forwards) and times by
its clock reader (parse_time). Everything after the name must be a day, a time or a way to talk
("video", "by e-mail"), with notes after `: `; a line with anything else is no plan (None), so
`call jane, voicemail` stays a log line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.cadence import parse_outcome
from bot.domain.dates import DateProblem, match_date, parse_time
from bot.domain.plan import CALL, EMAIL, VIDEO
from bot.domain.vocabulary import fold

LEADS = frozenset({"call", "plan", "ring", "phone", "schedule"})
HOW_WORDS = {
    "call": CALL,
    "phone": CALL,
    "video": VIDEO,
    "zoom": VIDEO,
    "teams": VIDEO,
    "email": EMAIL,
    "e-mail": EMAIL,
    "mail": EMAIL,
}
_HOW_FILLERS = frozenset({"by", "via", "over", "on", "a"})
_SPARE = frozenset({"later", "back", "again"})  # "call Ana back later at 4pm": said, nothing to read
_HALVES = frozenset({"am", "pm", "a.m.", "p.m."})
_CLOCKISH = re.compile(r"\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?")
_NOTES = re.compile(r":(?:\s|$)")
MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class PlanPhrase:
    """What a line planned: whom (`name`, as typed), the day and minute of the day if said, how, and
    the user's notes."""

    name: str
    day: dt.date | None = None
    minute: int | None = None
    how: str | None = None
    note: str | None = None


def _time_at(words: list[str], k: int, after_at: bool) -> tuple[int, int] | None:
    """(words used, minute of the day) for a clock time at `k`: `10am`, `4 pm`, `16:30`, `noon`;
    a bare hour (`9`) only after `at`."""
    w = words[k]
    if w == "noon":
        return 1, 12 * 60
    if k + 1 < len(words) and words[k + 1] in _HALVES and w.isdigit():
        minute = parse_time(w + words[k + 1][0] + "m")
        return (2, minute) if minute is not None else None
    if not _CLOCKISH.fullmatch(w):
        return None
    if not after_at and w.isdigit():
        return None  # "call jane 2": a number alone is no time unless it follows "at"
    minute = parse_time(w)
    return (1, minute) if minute is not None else None


def _tail(words: list[str], today: dt.date) -> tuple[dt.date | None, int | None, str | None] | None:
    """Read `words` as days, times and ways to talk only; None when anything else is there."""
    day = minute = how = None
    k = 0
    while k < len(words):
        w = words[k]
        if w == "at" and k + 1 < len(words) and (found := _time_at(words, k + 1, True)):
            if minute is not None:
                return None
            k, minute = k + 1 + found[0], found[1]
            continue
        if found := _time_at(words, k, False):
            if minute is not None:
                return None
            k, minute = k + found[0], found[1]
            continue
        if w in _SPARE:
            k += 1
            continue
        if w in HOW_WORDS and how is None:
            k, how = k + 1, HOW_WORDS[w]
            continue
        if w in _HOW_FILLERS and k + 1 < len(words) and words[k + 1] in HOW_WORDS and how is None:
            k, how = k + 2, HOW_WORDS[words[k + 1]]
            continue
        try:
            dated = match_date(words[k:], today, ahead=True, bare=True)
        except DateProblem:
            return None
        if dated is None or day is not None:
            return None
        k, day = k + dated[0], dated[1]
    return day, minute, how


def read_plan(text: str, today: dt.date, *, lead: bool, need_time: bool = True) -> PlanPhrase | None:
    """A planned call in `text`, or None when the line plans nothing. `lead`: the line starts with a
    verb (`call`, `plan`, `ring`, …), as in the DM; without it the text is a /called text. A plan
    needs a clock time, or with `need_time=False` at least a day."""
    text = text or ""
    notes_at = _NOTES.search(text)
    raw, note = (text[: notes_at.start()], text[notes_at.end() :]) if notes_at else (text, "")
    shown = [w.strip(",;!?") for w in raw.split()]
    shown = [w for w in shown if w]
    words = [fold(w).rstrip(".") if not _CLOCKISH.fullmatch(fold(w)) else fold(w) for w in shown]
    if lead:
        if not words or words[0] not in LEADS:
            return None
        start = 1
        if words[1:3] == ["a", "call"] and len(words) > 3 and words[3] == "with":
            start = 4
        elif len(words) > 1 and words[1] == "with":
            start = 2
        shown, words = shown[start:], words[start:]
    for j in range(1, min(len(words), MAX_NAME_WORDS + 1)):
        read = _tail(words[j:], today)
        if read is None:
            continue
        day, minute, how = read
        if minute is None and (need_time or day is None):
            continue
        name = " ".join(shown[:j]).strip(",: ")
        if not name or any(parse_outcome(w) for w in words[:j]):
            return None  # "Acme meeting friday at 10am" says what happened: a log, not a plan
        return PlanPhrase(name, day, minute, how, note.strip() or None)
    return None


def plan_instant(phrase: PlanPhrase, now: dt.datetime, default_minute: int) -> dt.datetime | None:
    """When the phrase plans the call, in the zone of `now` (aware, local); None when that moment has
    passed. A time without a day is today's, or tomorrow's once today's has gone; a day without a
    time takes `default_minute` (the user's best hour)."""
    minute = phrase.minute if phrase.minute is not None else default_minute
    clock = dt.time(minute // 60, minute % 60)
    day = phrase.day or now.date()
    at = dt.datetime.combine(day, clock, tzinfo=now.tzinfo)
    if phrase.day is None and at <= now:
        at = dt.datetime.combine(day + dt.timedelta(days=1), clock, tzinfo=now.tzinfo)
    return at if at > now else None
