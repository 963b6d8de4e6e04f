"""Reading what `/called` and the Log call form say after the outcome: `[DATE] [: NOTES]`, checked.
A call is dated from the day you met (`met_on`) to today; a meeting may be ahead (up to two years).
Call notes that say when to call next set the next follow-up (`When.follow_up_on`, and the words
that said it in `When.follow_up_words`, for the reply). Only a day ahead of today counts; when the
notes name several, the earliest wins. What is read (through bot.domain.dates.match_ahead):
- anywhere: `tomorrow`, `next week`, `next month`, `next quarter`, `in two weeks`, `in 3 weeks`,
  `in a few days`, `in 3 months`, `end of the month`, `Q1`…`Q4` / `in Q1` (the first workday of that
  quarter's next start), `after the holidays` (the first workday from 5 January), an ISO day, `14 Dec`;
- a month after `in`, `by`, `until`, `after`, `early`, `mid`, `late`, `end of` (`decision in January`:
  the first workday of January, skipping New Year's Day; `mid`: the 15th; `late`: the 25th);
- a weekday after `on`, `by`, `next`, `until`, `till`, or a call word (`call back on friday`,
  `try friday`), unless the words just before say it already happened (`spoke on friday`);
- `before` + a day within three words (`before her 14 Dec session`): two days before it, never
  earlier than tomorrow; `after` + a day: the day after it;
- a decision on a day (`the board decides on Fri 18 Dec`): two working days before it (SPEC §14); a
  month (`decision in January`) or hearing back (`she'll know on Thursday`) stays that day.
Cue words typed in French, Portuguese or Spanish ("rappeler sem pro") are read first (cue_words).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.cue_words import in_english
from bot.domain.dates import (
    NEGATIONS,
    DateProblem,
    UnreadableDate,
    day_label,
    dotted_day,
    first_workday,
    held_until,
    match_ahead,
    negated_at,
    numeric_day,
    parse_day,
)
from bot.domain.day_patterns import (
    _BACK,
    _BARE_DAY,
    _CALL_AFTER,
    _CALL_AFTER_IT,
    _HAS_MONTH,
    _HYPHENED,
    _NAMED_BREAK,
    _RANGE,
    _STOPS,
    _after_then,
    _deciding,
    call_then,
)
from bot.domain.jalali import jalali_spelled
from bot.domain.vocabulary import MONTH_WORDS, SHORT_DAY_WORDS, WEEKDAY_WORDS, Outcome, fold

MAX_NOTES = 3000


@dataclass(frozen=True)
class Refused:
    """Nothing was changed; `message` tells the user why and what to do instead (`field`: which
    form field it is about, "date" or "notes", when it is about one)."""

    message: str
    field: str | None = None


@dataclass(frozen=True)
class When:
    """What `[DATE] [: NOTES]` said: when the call happened, the meeting date, the notes, and the
    next follow-up the notes asked for (`follow_up_on`, said by `follow_up_words`, like "in Q1")."""

    on: dt.date
    meeting_on: dt.date | None
    notes: str | None
    follow_up_on: dt.date | None = None
    follow_up_words: str | None = None


def read_when(rest: str, outcome: Outcome, today: dt.date, met_on: dt.date | None = None) -> When | Refused:
    """`[DATE] [: NOTES]` after the outcome word, checked; a Refused says what to change."""
    date_text, colon, notes = rest.partition(":")
    notes = notes.strip() if colon else ""
    if len(notes) > MAX_NOTES:
        return Refused(
            f"Your notes are {len(notes):,} characters; the limit is {MAX_NOTES:,}. "
            "Shorten them and send it again."
        )
    meeting = outcome is Outcome.MEETING
    try:
        day = parse_day(date_text, today, ahead=meeting)
    except UnreadableDate as problem:
        return Refused(str(problem))
    return when_from(outcome, day, notes, today, met_on=met_on)


def when_from(
    outcome: Outcome, day: dt.date | None, notes: str | None, today: dt.date, met_on: dt.date | None = None
) -> When | Refused:
    """Checks a date against the outcome: a meeting may be ahead; anything else already happened, on
    or after the day you met (`met_on`, when known)."""
    notes = (notes or "").strip() or None
    if notes and len(notes) > MAX_NOTES:
        return Refused(f"Your notes are {len(notes):,} characters; the limit is {MAX_NOTES:,}.", "notes")
    follow_up = notes_follow_up(notes, today) if notes else None
    if follow_up is None and notes and outcome in (Outcome.LATER, Outcome.BUSY):
        hour = _TIME_OF_DAY.search(in_english(notes))  # "перезвонить после 16:00" too
        if hour:  # "call after 17h on a weekday": a time of day, so the next working day, not months
            follow_up = (first_workday(today + dt.timedelta(days=1)), hour.group().strip())
    after = {"follow_up_on": follow_up[0], "follow_up_words": follow_up[1]} if follow_up else {}
    if outcome is Outcome.MEETING:
        if day is not None and abs((day - today).days) > 2 * 366:
            return Refused(
                f"{day_label(day, today)} is more than two years away. Check the meeting date.", "date"
            )
        if day is not None and met_on is not None and day < met_on:
            return Refused(
                f"{day_label(day, today)} is before the day you met ({day_label(met_on, today)}). "
                "Check the meeting date.",
                "date",
            )
        if day is not None and follow_up and follow_up[0] > day:
            after = {}  # the meeting comes first: its follow-up is the day after it, not the notes' date
        return When(on=today, meeting_on=day, notes=notes, **after)
    if day is None:
        return When(on=today, meeting_on=None, notes=notes, **after)
    if day > today:
        return Refused(
            f"{day_label(day, today)} is in the future. Log a call once it has happened, "
            "or use `meeting DATE` for a meeting you booked.",
            "date",
        )
    if met_on is not None and day < met_on:
        return Refused(
            f"{day_label(day, today)} is before the day you met ({day_label(met_on, today)}), so it "
            "can't be a call with them. Check the date, or leave it out for today.",
            "date",
        )
    if (today - day).days > 366:
        return Refused(f"{day_label(day, today)} is more than a year ago. Check the date.", "date")
    return When(on=day, meeting_on=None, notes=notes, **after)


# --- when the notes say to call next ---------------------------------------------------------------

# a time of day to call back ("after 17h", "after 5pm", "in the afternoon", "on a weekday"): after
# `later` or `busy`, the next working day
_TIME_OF_DAY = re.compile(
    r"\b(?:after|before|from|around|at|until|till)\s+\d{1,2}(?:[:.h]\d{2})?\s*(?:h|hrs|am|pm|o'?clock)?(?![\d/-])"
    r"(?:\s+on\s+a\s+weekday)?|\b(?:in the|this|tomorrow|later (?:in the|this))\s+(?:afternoon|evening|morning)\b|"
    r"\blater today\b|\btonight\b|\bafter (?:lunch|service|school|hours|work)\b|\bon a weekday\b",
    re.I,
)

_WORD = re.compile(r"\S+")
_WEEKDAY_LEADS = frozenset("on by next until till this call ring try back again".split())  # noqa: SIM905
_MONTH_LEADS = frozenset(("in", "by", "until", "till", "after", "early", "mid", "late", "of"))
_ALREADY = frozenset(
    ("met", "spoke", "talked", "was", "were", "said", "did", "had", "called", "sent", "went", "saw", "last")
    + ("rang", "phoned", "emailed", "replied", "visited", "again")  # "owners asked again on Friday": gone
)
_BEFORE_FILLERS = 5  # "before her board meets on the 20th": words between `before` and the day
_FIXED_DAYS = frozenset(("xmas", "christmas", "new"))  # a day of its own, never moved into a month
# "not before", "not until", "no sooner than", "no earlier than": the day itself, never a deadline before it
_NEGATED = tuple(
    tuple(p.split()) for p in ("not before", "not until", "not till", "no sooner than", "no earlier than")
)
_ORDINAL_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_DAYS_BEFORE = 2  # a call this many days before a day the contact named
_NAMES_A_THING = re.compile(r" (?!(?:and|or|but|so|then|at|latest|earliest|please|is|if|when)\b)[a-z]{3,}\b")


def _key(word: str) -> str:
    key = fold(word).strip(",;:.!?()\"'“”‘’")
    key = key[:-2] if key.endswith(("'s", "’s")) else key  # "friday's review" is Friday
    return SHORT_DAY_WORDS.get(key, key)  # "quote b4 Xmas", "away til the 5th", "call her next wk"


_CALL_LEADS = frozenset(("call", "ring", "phone", "try", "contact", "chase"))
_WEEK_OF = re.compile(r"(?<!first )(?<!second )(?<!third )(?<!fourth )(?<!last )\b(?:the )?week of\b", re.I)


def notes_follow_up(notes: str | None, today: dt.date) -> tuple[dt.date, str] | None:
    """The next follow-up the call notes ask for, and the words that said it; None when they
    don't say when (or only name days already past). The rules are in the module docstring."""
    notes = jalali_spelled(in_english(notes), today)  # "qabl az 19 Dey": before 9 Jan
    if not notes:
        return None
    notes = _WEEK_OF.sub("week from", notes)  # "the week of the 21st": that day's week
    notes = _HYPHENED.sub(lambda m: f"{m[1] or ''} ", notes)  # "mid-January", "11/jan": same length
    spans = [(m.start(), m.end()) for m in _WORD.finditer(notes)]
    keys = [_key(notes[a:b]) for a, b in spans]
    best: tuple[dt.date, int, int] | None = None
    called: tuple[dt.date, int, int] | None = None  # a day said with "call", "ring", "try": it wins
    back: tuple[dt.date, int, int] | None = None  # "back 4 Jan": after an earlier day they leave
    i = 0
    while i < len(keys):
        found = _said_when(keys, i, today) if keys[i] else None
        if found is None:
            i += 1
            continue
        month_only = found[2] - found[1] <= 2 and not any(k[:1].isdigit() for k in keys[found[1] : found[2]])
        during = found[1] and (
            keys[found[1] - 1] in ("through", "during", "over", "throughout") or held_until(keys, found[1])
        )
        said = keys[max(0, found[1] - 1) : found[2]]  # "started 1 Dec", said on the 9th: past, not next year
        no_year = not any(len(k) == 4 and k.isdigit() for k in said) and "next" not in said
        far = (month_only and (found[0] - today).days > 270) or (no_year and (found[0] - today).days > 320)
        if found[0] > today and not far and not during:
            # ("wearing the samples through Christmas, feedback first week of Jan": not on Christmas;
            # "retired in Nov", said in December, is last month, not next November)
            if best is None or found[0] < best[0]:
                best = found
            if call_then(keys, found[1], found[2], _CALL_LEADS):  # "ring on Tue", "Jan 4 — call then"
                called = called if called and called[0] <= found[0] else found
            back = found if found[1] and keys[found[1] - 1] in _BACK else back
        i = max(found[2], i + 1)  # the words of one phrase are not read again on their own
    best = called or (back if back and best and back[0] > best[0] else best)  # "call after New Year"
    if best is None:
        return None
    day, start, end = best
    words = notes[spans[start][0] : spans[end - 1][1]].strip(",;:.!?()\"'“”‘’ ")
    rest = notes[spans[end - 1][1] :]
    if (keys[start] in ("till", "until") and _CALL_AFTER.search(rest)) or _CALL_AFTER_IT.search(rest):
        # "till the 18th, call after", "committee sits Mon 14 Dec, call after that": the day after it
        said = words.split(None, 1)[-1] if keys[start] in ("till", "until", "on") else words
        counted = _after_then(keys, end) and _deciding(
            keys, start, end
        )  # the day after a vote is read already
        return first_workday(day + dt.timedelta(days=0 if counted else 1)), f"after {said}"
    return day, words


def _said_when(keys: list[str], i: int, today: dt.date) -> tuple[dt.date, int, int] | None:
    """A follow-up day said by the words from `i`: (day, first word, end word), or None."""
    key = keys[i]
    for phrase in _NEGATED:
        if tuple(keys[i : i + len(phrase)]) == phrase:
            k = i + len(phrase)
            k += 1 if k < len(keys) and keys[k] == "after" else 0
            for j in range(k, min(k + 1 + _BEFORE_FILLERS, len(keys))):
                hit = _read(keys, j, today)
                if hit and hit[1] > today:
                    day = hit[1] + dt.timedelta(days=1) if keys[k - 1] == "after" else hit[1]
                    return first_workday(day), i, j + hit[0]
            return None
    if key == "after" and (whole := _read(keys, i, today)) and whole[1] > today:
        return whole[1], i, i + whole[0]  # "after the holidays", "after Christmas": the 5 January rule
    if key in ("before", "after"):
        for k in range(i + 1, min(i + 2 + _BEFORE_FILLERS, len(keys))):
            hit = _read(keys, k, today)
            if hit and hit[1] > today and (keys[k] not in WEEKDAY_WORDS or k == i + 1):
                if key == "before" and negated_at(keys, i):  # "don't call before the 11th": that day itself
                    return first_workday(hit[1]), i, k + hit[0]
                if key == "before":
                    return _days_before(hit[1], today), i, k + hit[0]
                return first_workday(hit[1] + dt.timedelta(days=1)), i, k + hit[0]
        if key == "before":
            return None
    before = keys[i - 1] if i else ""
    hit = _read(keys, i, today)
    if hit is None:
        return None
    used, day = hit
    head = keys[i]
    if head in WEEKDAY_WORDS or (head == "on" and i + 1 < len(keys) and keys[i + 1] in WEEKDAY_WORDS):
        # "call her Monday", "ring him back friday": the call word two back counts as the lead
        object_lead = (
            before in ("her", "him", "them", "me", "us") and i >= 2 and keys[i - 2] in _WEEKDAY_LEADS
        )
        if head in WEEKDAY_WORDS and before not in _WEEKDAY_LEADS and not object_lead:
            return None
        if (
            any(k in _ALREADY for k in keys[max(0, i - 3) : i])
            and not _CALL_LEADS.intersection(keys[max(0, i - 3) : i])
            and not object_lead
        ):
            return None  # "spoke Monday" is gone; "said call Monday", "said ring back Fri" are ahead
    month_alone = head in MONTH_WORDS and (i + 1 >= len(keys) or not keys[i + 1][:1].isdigit())
    if month_alone and before not in _MONTH_LEADS:
        return None
    if head.isdigit() and used == 1:
        return None
    start = i - 1 if before in ("on", "by", "until", "till", "from") and head != "on" else i
    decided = any(
        k.startswith(("decid", "decision", "approv", "confirm", "sign", "know", "answer"))
        for k in keys[max(0, i - 5) : i]
    )
    # "the board decides between us and Vattex on Fri 18 Dec": help them decide, so the call comes
    # before that day (SPEC §14); "she'll know by Friday" stays the day to ask how it went
    deciding = _deciding(keys, i, i + used)
    one_day = any(k[:1].isdigit() or k in WEEKDAY_WORDS for k in keys[i : i + used])  # not "in January"
    if _after_then(keys, i + used):
        # "the board votes on the 18th, call him after that": after a decision, the next working day;
        # "travelling until 11 Jan, ring me after that": that day
        return first_workday(day + dt.timedelta(days=1) if deciding else day), start, i + used
    if deciding and one_day and (day - today).days >= 3:
        return _days_before(day, today), start, i + used
    away = any(
        k in ("shut", "closed", "off", "away", "leave", "holiday", "holidays", "travelling", "traveling")
        for k in keys[max(0, i - 5) : i]
    )
    if before == "from" and away:
        # "plant shut from 24 Dec", "off from the 19th": they are gone from that day, so call before it
        return _days_before(day, today), start, i + used
    if before == "by" and head != "on" and not decided:
        # "needs the ballpark by 23 Dec", "six by March": their deadline, so the call comes before it
        # ("decision by Dec 10" is the day to ask how it went)
        return _days_before(day, today), start, i + used
    return day, start, i + used


def _days_before(day: dt.date, today: dt.date) -> dt.date:
    """A workday a couple of days before `day`, but not before tomorrow."""
    call = day - dt.timedelta(days=_DAYS_BEFORE)
    while call.weekday() >= 5:
        call -= dt.timedelta(days=1)
    return max(call, today + dt.timedelta(days=1))


def _ordinal_day(keys: list[str], i: int, today: dt.date) -> tuple[int, dt.date] | None:
    """ "the 20th", "20th": the next such day of a month after today."""
    found = _ORDINAL_RE.match(keys[i])
    if not found or not 1 <= int(found.group(1)) <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):
        try:
            day = dt.date(year, month, int(found.group(1)))
        except ValueError:
            day = None
        if day and day > today:
            return 1, day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


_ORDINAL_LEADS = frozenset("on by before after until till from than around closes closing due ends".split())  # noqa: SIM905


def _ordinal(keys: list[str], i: int, today: dt.date) -> tuple[int, dt.date] | None:
    """ "on the 20th", "by the 3rd of January": a day said as an ordinal after a word that dates it,
    and not one that already happened ("met on the 2nd")."""
    at = i + 1 if keys[i] == "the" else i
    if at < len(keys) and at > i and _BARE_DAY.match(keys[at]):
        keys = [*keys[:at], f"{keys[at]}th", *keys[at + 1 :]]  # "until the 15" (a cue word's "jusqu'au 15")
    if at >= len(keys) or not _ORDINAL_RE.match(keys[at]):
        return None
    lead = i - 1
    if (
        lead < 0
        or (keys[lead] not in _ORDINAL_LEADS and keys[lead] not in WEEKDAY_WORDS)  # "decides Thu 17th"
        or any(k in _ALREADY for k in keys[max(0, lead - 3) : lead])
    ):
        return None
    of = 1 if at + 2 < len(keys) and keys[at + 1] == "of" else 0  # "the 3rd of January", "by 8th Jan"
    if at + 1 + of < len(keys) and keys[at + 1 + of] in MONTH_WORDS:
        try:
            hit = match_ahead([_ORDINAL_RE.match(keys[at]).group(1), keys[at + 1 + of]], today)
        except DateProblem:
            return None
        return (at + 2 + of - i, hit[1]) if hit else None
    hit = _ordinal_day(keys, at, today)
    return (at + 1 - i, hit[1]) if hit else None


_DOTTED_LEADS = frozenset("by before on till until from after than due back since".split())  # noqa: SIM905


def _read(keys: list[str], i: int, today: dt.date) -> tuple[int, dt.date] | None:
    if (span := _RANGE.fullmatch(keys[i])) and i + 1 < len(keys) and keys[i + 1] in MONTH_WORDS:
        keys = [*keys[:i], span.group(1), *keys[i + 1 :]]  # "conf 13-15 Dec, call after": its last day
    if keys[i] in WEEKDAY_WORDS and i + 1 < len(keys) and (day := dotted_day(keys[i + 1], today)):
        return 2, day  # "Mon 11.1": the date says the day
    if "/" in keys[i] and keys[i] != "24/7" and (day := numeric_day(keys[i], today, True)):
        return 1, day  # "comité confirmé 23/12": one way only (never "03/04", nor "open 24/7")
    if (i and keys[i - 1] in _DOTTED_LEADS or keys[i].count(".") == 2) and (
        day := dotted_day(keys[i], today)
    ):
        return 1, day  # "till 10.1", "3.2.2027"; never "a 3.2 m ironer"
    if (
        keys[i] in WEEKDAY_WORDS
        and i + 1 < len(keys)
        and (keys[i + 1] == "the" or _ORDINAL_RE.match(keys[i + 1]))
    ):
        at = i + 2 if keys[i + 1] == "the" else i + 1  # "Monday the 14th": the date says the day
        if at < len(keys) and (hit := _ordinal_day(keys, at, today)):
            return at + 1 - i, hit[1]
    if keys[i] == "the" or _ORDINAL_RE.match(keys[i]):
        found = _ordinal(keys, i, today)
        if found or keys[i] != "the":
            return found
    if keys[i] in ("last", "yesterday", "today") or (i + 2 < len(keys) and keys[i + 2] == "ago"):
        return None
    try:
        return match_ahead(keys[i : i + 6], today)
    except DateProblem:
        return None


# --- every day a note names, with the word that dates it (for the coach's case, bot.domain.talking_points.case)

_STRONG_LEADS = frozenset(("before", "by", "until", "till", "after", "than"))
_LEADS = frozenset(("before", "by", "until", "till", "after", "than", "from", "in", "on", "ahead", "for"))


@dataclass(frozen=True)
class SaidDay:
    """A day ahead of `today` named in a note, as said (not moved): `lead` is the word that dates
    it ("before", "by", "after", "until", "on", …; "not before" for "not before", "not until", "no
    sooner than"), `start`/`end` the characters from the lead word to the end of the day's words."""

    day: dt.date
    lead: str
    start: int
    end: int


def said_days(notes: str | None, today: dt.date) -> list[SaidDay]:
    """Every day ahead of `today` the note names, in order."""
    if not notes:
        return []
    notes = _HYPHENED.sub(lambda m: f"{m[1] or ''} ", notes)  # "mid-January", "11/jan": same length
    spans = [(m.start(), m.end()) for m in _WORD.finditer(notes)]
    keys = [_key(notes[a:b]) for a, b in spans]
    found: list[SaidDay] = []
    i = 0
    while i < len(keys):
        hit = _read(keys, i, today) if keys[i] and keys[i] not in _LEADS else None
        if hit and keys[i] in ("xmas", "christmas") and _NAMED_BREAK.match(" ".join(keys[i + 1 : i + 5])):
            hit = None  # "before she goes on xmas leave fri 18 Dec": the leave's own day, not the 25th
        if hit is None or hit[1] <= today:
            i += 1
            continue
        lead, at = "", i
        for k in range(i - 1, max(-1, i - 2 - _BEFORE_FILLERS), -1):
            if notes[spans[k][1] - 1] in ";.!?" and k < i:
                break  # "quote in; the board meets Tue 15 Dec": "in" belongs to the clause before
            if keys[k] in _LEADS and (not lead or keys[k] in _STRONG_LEADS):
                lead, at = keys[k], k  # "before her board meets on the 20th": the lead is "before"
                if lead in _STRONG_LEADS:
                    break
            if keys[k] in (",", "and", "but") or notes[spans[k][1] - 1 : spans[k][1] + 1].strip() in _STOPS:
                break  # "by 8 Feb, the trustees vote 10 Feb": the lead belongs to the part before the comma
        before = keys[max(0, at - 2) : at]
        if (
            lead in ("before", "until", "till")
            and negated_at(keys, at)
            or lead == "than"
            and before[-1:] in (["sooner"], ["earlier"])
        ):
            lead = "not before"
            # from "not", "don't" or "no": the whole phrase ("don't bother calling before 11 Jan")
            negations = [k for k in range(max(0, at - 4), at) if keys[k] in NEGATIONS]
            at = negations[0] if negations else max(0, at - 2)
            at -= 1 if at and keys[at - 1] == "do" else 0
        elif lead == "after" and before[-1:] in (["until"], ["till"]):
            lead = "after"
        day = hit[1]
        if hit[0] == 1 and keys[i] in MONTH_WORDS and (day - today).days > 270 and "next" not in before:
            i += 1  # "turned back at Hamburg in October", said in December: last October, not next
            continue
        words = keys[i : i + hit[0]]
        if (
            found
            and found[-1].day > day
            and (
                found[-1].lead in ("till", "until", "back", "from", "after", "not before")
                or lead == "not before"
            )
            and not any(
                w in MONTH_WORDS or w in WEEKDAY_WORDS or w in _FIXED_DAYS or _HAS_MONTH.match(w)
                for w in words
            )
            and not re.search(r"[.;!?]\s", notes[found[-1].end : spans[at][0]])  # "from Q1. … till the 14th"
        ):
            # "away till 10 Jan, don't call before the 11th": a day of the month said after a date is in
            # that date's month (or the next one), never back in this month
            after = found[-1].day
            month = after.replace(day=1)
            for _ in range(2):
                try:
                    moved = month.replace(day=day.day)
                except ValueError:
                    moved = None
                if moved is not None and moved >= after:
                    day = moved
                    break
                month = (month + dt.timedelta(days=32)).replace(day=1)
        if lead in ("before", "by") and hit[0] == 1 and keys[i] in MONTH_WORDS:
            if _NAMES_A_THING.match(notes, spans[i][1]):
                i += 1  # "before her January order on 23 Dec": the month names the order, the day is later
                continue
            day = day.replace(day=1) - dt.timedelta(days=1)  # "before January": by 31 December
        end = spans[min(i + hit[0], len(spans)) - 1][1]  # "Thu 7 Jan latest": a deadline, by that day
        lead = lead or ("by" if re.match(r"[\s,\"”']*(?:at the )?latest\b", notes[end:], re.I) else "")
        found.append(SaidDay(day, lead, spans[at][0], end))
        i += hit[0]
    return found
