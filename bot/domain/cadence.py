"""Cadence: when to nudge about a contact next, and why (SPEC §7). Pure rules: no clock, no I/O (the
override file is read by bot.services.cadence_file).

Every number lives in one table, `CadenceRules` (defaults exactly as SPEC §7; a TOML file can override
them, see `rules_from_toml`):

    met        met_on + 2 business days, or the promised date if that is earlier
    reached    + 30 days; the unanswered streak goes back to 0
    voicemail  + 3 business days; from the 3rd unanswered try in a row + 14 days;
    no-answer  at the 6th the contact turns dormant, due the next business day so a digest asks "let go?"
    busy       an unanswered try like those (the streak counts it), but called back the next business day
               until the streak reaches 3; a busy line is not a voicemail
    wrong-number  the phone is marked wrong; the next business day, to find the right number or e-mail
               (nobody was reached, so the streak is kept, as for an e-mail)
    emailed    + 2 business days (an e-mail is not an answer: the streak is kept)
    messaged   a text or chat message: like an e-mail (emailed_business_days), the streak is kept
    meeting    the business day after the meeting date; no date: + 7 days
    later      + 90 days        no       let go, no more nudges (revive brings them back)
    snooze     + 7 days, or N (moved to a nudge day when the caller passes the nudge days)

Business days are the user's nudge days (Mon–Fri when none are set) that are no public holiday of their
country (a `WorkingDays` calendar; bare weekdays mean no holidays). Results counted in calendar days
are moved forward to the next nudge day, so a nudge never lands on a day with no digest; a promised
date is moved *back* to the last nudge day before it instead, so the reminder comes before the deadline.
A reason names the public holidays that moved its day ("moved to Mon 28 Dec: Fri 25 Dec is Christmas Day").
A NEW contact stays new until its first call outcome; then it is active (or dormant, or let go).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any, Protocol

from bot.domain.dates import day_label
from bot.domain.vocabulary import WEEKDAY_NAMES, Outcome, Stage, fold
from bot.domain.work_calendar import WorkingDays

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_RULE_VALUE = 3650  # ten years: anything larger is a typo, and keeps date arithmetic in range


class CadenceConfigError(ValueError):
    """A cadence file that cannot be used; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class CadenceRules:
    """Every cadence number in one table (SPEC §7). Days are calendar days unless named business days."""

    met_business_days: int = 2
    reached_days: int = 30
    unanswered_business_days: int = 3
    busy_business_days: int = 1  # a busy line: they are there, so try again soon
    wrong_number_business_days: int = 1  # find the right number, or write, soon
    unanswered_long_after: int = 3  # from this many unanswered tries in a row: + unanswered_long_days
    unanswered_long_days: int = 14
    dormant_after: int = 6  # this many unanswered in a row: dormant, and the next digest asks "let go?"
    emailed_business_days: int = 2
    meeting_no_date_days: int = 7
    later_days: int = 90
    snooze_days: int = 7
    lukewarm_after_days: int = 60  # used by /prep; kept here so one table holds every number


DEFAULT_RULES = CadenceRules()


class _ContactLike(Protocol):
    stage: str
    unanswered_streak: int | None
    next_due: date | None


@dataclass(frozen=True)
class ContactState:
    """What the rules need to know about a contact."""

    stage: Stage
    unanswered_streak: int = 0
    next_due: date | None = None

    @classmethod
    def of(cls, contact: _ContactLike) -> ContactState:
        """The state of anything shaped like a contact row (`storage.models.Contact`)."""
        return cls(Stage(contact.stage), contact.unanswered_streak or 0, contact.next_due)


@dataclass(frozen=True)
class FollowUp:
    """The new schedule: `next_due` None means no more nudges."""

    next_due: date | None
    stage: Stage
    unanswered_streak: int
    reason: str


# --- business days -----------------------------------------------------------------------------

NudgeDays = frozenset[int] | WorkingDays  # bare weekdays (no holidays), or the user's working calendar


def working_days(nudge_days: NudgeDays | set[int]) -> WorkingDays:
    """The working calendar of `nudge_days`: as given, or bare weekdays with no public holidays."""
    return nudge_days if isinstance(nudge_days, WorkingDays) else WorkingDays(frozenset(nudge_days))


def business_days(nudge_days: NudgeDays | set[int]) -> frozenset[int]:
    """The weekdays (date.weekday()) that count as business days: the nudge days, else Mon–Fri."""
    return working_days(nudge_days).weekdays


def add_business_days(day: date, n: int, nudge_days: NudgeDays) -> date:
    """The n-th business day after `day` (`day` itself is never counted); n=0 returns `day`. A public
    holiday of the working calendar is not a business day."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    calendar = working_days(nudge_days)
    while n:
        day += timedelta(days=1)
        if calendar.is_working(day):
            n -= 1
    return day


def next_nudge_day(day: date, nudge_days: NudgeDays) -> date:
    """`day` if it is a nudge day (and no public holiday), else the first such day after it."""
    return working_days(nudge_days).next_working(day)


def last_nudge_day(day: date, nudge_days: NudgeDays) -> date:
    """`day` if it is a nudge day (and no public holiday), else the last such day before it."""
    return working_days(nudge_days).last_working(day)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _holiday_note(calendar: WorkingDays, skipped: tuple[date, date], due: date, on: date) -> str:
    """`, moved to Mon 28 Dec: Fri 25 Dec is Christmas Day` for the holidays in `skipped` (first and
    last day), or "" when there were none."""
    found = calendar.holidays_between(*skipped)
    if not found:
        return ""
    named = ", ".join(f"{day_label(day, on)} is {name}" for day, name in found[:3])
    more = f" and {_plural(len(found) - 3, 'more public holiday')}" if len(found) > 3 else ""
    return f", moved to {day_label(due, on)}: {named}{more}"


def _business(on: date, n: int, nudge_days: NudgeDays, why: str) -> tuple[date, str]:
    """on + n business days, and the reason, which names the public holidays that moved it."""
    calendar = working_days(nudge_days)
    due = add_business_days(on, n, calendar)
    if due != add_business_days(on, n, calendar.weekdays):
        why += _holiday_note(calendar, (on + timedelta(days=1), due - timedelta(days=1)), due, on)
    return due, why


def on_nudge_day(exact: date, nudge_days: NudgeDays, why: str, on: date) -> tuple[date, str]:
    """`exact` moved forward to a nudge day that is no public holiday, and the reason saying so when it
    moved (`on`, the day of the change, decides whether a label shows the year)."""
    calendar = working_days(nudge_days)
    due = calendar.next_working(exact)
    if due != next_nudge_day(exact, calendar.weekdays):
        return due, why + _holiday_note(calendar, (exact, due - timedelta(days=1)), due, on)
    if due != exact:
        why += f", moved to {WEEKDAY_NAMES[due.weekday()]} (your next nudge day)"
    return due, why


def _calendar(on: date, n: int, nudge_days: NudgeDays, why: str) -> tuple[date, str]:
    """on + n calendar days, moved forward to a nudge day (and the reason says so when it moved)."""
    return on_nudge_day(on + timedelta(days=n), nudge_days, why, on)


# --- the rules -----------------------------------------------------------------------------------


def first_follow_up(
    met_on: date,
    promise_due: date | None,
    nudge_days: NudgeDays,
    rules: CadenceRules = DEFAULT_RULES,
    *,
    entered_on: date | None = None,
) -> FollowUp:
    """The first nudge for a new contact: a few business days after meeting, sooner if you promised.

    A promise wins when its date is earlier than the usual one, even when that is today or already
    past (then it is due at once). It falls back to the last nudge day before the promised date (a
    public holiday counts as no nudge day), but never before the day you met.

    `entered_on` (the day the contact is saved) keeps the first nudge out of the past: when its day
    has gone by (a meeting long ago, a passed promise) it is due at once, on `entered_on` or the first
    nudge day after it, so no overdue count ever includes days before the contact was entered.
    """
    follow_up = _first_follow_up(met_on, promise_due, nudge_days, rules)
    if entered_on is None or follow_up.next_due is None or follow_up.next_due >= entered_on:
        return follow_up
    due = working_days(nudge_days).next_working(entered_on)
    if promise_due is not None and promise_due < entered_on:
        why = f"the day you promised ({day_label(promise_due, entered_on)}) has passed, so at once"
    elif promise_due is not None:
        why = (
            f"you met on {day_label(met_on, entered_on)}, so at once, well before the day you promised "
            f"({day_label(promise_due, entered_on)})"
        )
    else:
        why = f"you met on {day_label(met_on, entered_on)}, so at once"
    return FollowUp(due, Stage.NEW, 0, why)


def _first_follow_up(
    met_on: date, promise_due: date | None, nudge_days: NudgeDays, rules: CadenceRules
) -> FollowUp:
    n = rules.met_business_days
    usual, why = _business(met_on, n, nudge_days, f"{_plural(n, 'business day')} after you met")
    if promise_due is not None and promise_due < usual:
        calendar = working_days(nudge_days)
        promised = max(promise_due, met_on)  # a promise dated before the meeting is a typo
        due = max(last_nudge_day(promised, calendar), met_on)
        why = f"you promised something by {day_label(promise_due, met_on)}"
        if due != max(last_nudge_day(promised, calendar.weekdays), met_on):
            why += _holiday_note(calendar, (due + timedelta(days=1), promised), due, met_on)
        return FollowUp(due, Stage.NEW, 0, why)
    return FollowUp(usual, Stage.NEW, 0, why)


def next_follow_up(
    state: ContactState,
    outcome: Outcome,
    on: date,
    nudge_days: NudgeDays,
    *,
    meeting_on: date | None = None,
    rules: CadenceRules = DEFAULT_RULES,
) -> FollowUp:
    """The schedule after a call attempt on `on` (the user's local date).

    Any answer (reached, meeting, later, no) resets the unanswered streak; voicemail, no-answer and
    busy add one; an e-mail or a wrong number leaves it as it was. Logging an outcome on a dormant or let-go contact makes it
    active again (unless the outcome itself makes it dormant or let go). `meeting_on` is used only for
    a meeting, as given: a date in the past makes the contact due at once.
    """
    streak = state.unanswered_streak
    if outcome is Outcome.REACHED:
        due, why = _calendar(
            on, rules.reached_days, nudge_days, f"{rules.reached_days} days after you talked"
        )
        return FollowUp(due, Stage.ACTIVE, 0, why)
    if outcome in (Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.BUSY):
        streak += 1
        if streak >= rules.dormant_after:
            why = f"{streak} tries in a row without an answer, so the next digest asks whether to let go"
            due, why = _business(on, 1, nudge_days, why)
            return FollowUp(due, Stage.DORMANT, streak, why)
        if streak >= rules.unanswered_long_after:
            due, why = _calendar(
                on,
                rules.unanswered_long_days,
                nudge_days,
                f"{streak} tries in a row without an answer, so we give it {rules.unanswered_long_days} days",
            )
            return FollowUp(due, Stage.ACTIVE, streak, why)
        if outcome is Outcome.BUSY:
            n, what = rules.busy_business_days, "a busy line"
        else:
            n = rules.unanswered_business_days
            what = "a voicemail" if outcome is Outcome.VOICEMAIL else "no answer"
        due, why = _business(on, n, nudge_days, f"{_plural(n, 'business day')} after {what}")
        return FollowUp(due, Stage.ACTIVE, streak, why)
    if outcome is Outcome.WRONG_NUMBER:
        n = rules.wrong_number_business_days
        why = f"the number was wrong, so in {_plural(n, 'business day')} find the right one or write"
        due, why = _business(on, n, nudge_days, why)
        return FollowUp(due, Stage.ACTIVE, streak, why)
    if outcome in (Outcome.EMAILED, Outcome.MESSAGED):
        n = rules.emailed_business_days
        what = "your e-mail" if outcome is Outcome.EMAILED else "your message"
        due, why = _business(on, n, nudge_days, f"{_plural(n, 'business day')} after {what}")
        return FollowUp(due, Stage.ACTIVE, streak, why)
    if outcome is Outcome.MEETING:
        if meeting_on is not None:
            why = f"the business day after your meeting on {day_label(meeting_on, on)}"
            due, why = _business(meeting_on, 1, nudge_days, why)
            return FollowUp(due, Stage.ACTIVE, 0, why)
        n = rules.meeting_no_date_days
        due, why = _calendar(
            on, n, nudge_days, f"a meeting with no date yet, so we come back to it in {_plural(n, 'day')}"
        )
        return FollowUp(due, Stage.ACTIVE, 0, why)
    if outcome is Outcome.LATER:
        due, why = _calendar(
            on, rules.later_days, nudge_days, f"they said later, so we wait {rules.later_days} days"
        )
        return FollowUp(due, Stage.ACTIVE, 0, why)
    if outcome is Outcome.NO:
        return FollowUp(None, Stage.LET_GO, 0, "they said no, so we let go (you can revive them)")
    raise ValueError(f"unknown outcome {outcome!r}")


def by_your_promise(
    follow_up: FollowUp, promise_due: date | None, on: date, nudge_days: NudgeDays
) -> FollowUp:
    """A call set after the day of your open promise comes back on that day (or the next nudge day, when
    it has passed): "MD back from leave 4 Jan" must not hide the drawing you owe by Fri 11 Dec."""
    if promise_due is None or follow_up.next_due is None:
        return follow_up
    day, why = on_nudge_day(
        max(promise_due, on + timedelta(days=1)),
        nudge_days,
        f"your promise is due {day_label(promise_due, on)}",
        on,
    )
    return replace(follow_up, next_due=day, reason=why) if day < follow_up.next_due else follow_up


def snooze(
    state: ContactState,
    on: date,
    days: int | None = None,
    rules: CadenceRules = DEFAULT_RULES,
    *,
    nudge_days: NudgeDays | None = None,
) -> FollowUp:
    """Put a contact off by `days` (default `rules.snooze_days`); stage and streak stay as they were.

    With `nudge_days` the date moves forward to a nudge day like every calendar-day result; without,
    it is the exact day (a digest shows it on the next nudge day anyway). Snoozing a let-go contact
    changes nothing: it has no nudges to put off until it is revived.
    """
    if state.stage is Stage.LET_GO:
        return FollowUp(None, Stage.LET_GO, state.unanswered_streak, "let go, so there is nothing to snooze")
    n = rules.snooze_days if days is None else days
    if n < 1:
        raise ValueError(f"snooze needs 1 day or more, got {n}")
    why = f"snoozed for {_plural(n, 'day')}"
    if nudge_days is None:
        return FollowUp(on + timedelta(days=n), state.stage, state.unanswered_streak, why)
    due, why = _calendar(on, n, nudge_days, why)
    return FollowUp(due, state.stage, state.unanswered_streak, why)


def let_go(state: ContactState, on: date) -> FollowUp:
    """Stop nudging about a contact (the streak is kept, for the record)."""
    return FollowUp(None, Stage.LET_GO, state.unanswered_streak, "you let them go (you can revive them)")


def revive(
    state: ContactState, on: date, nudge_days: NudgeDays, rules: CadenceRules = DEFAULT_RULES
) -> FollowUp:
    """Bring a dormant or let-go contact back: active, a fresh streak, due the next business day.

    `rules` is accepted so every schedule change has the same shape; no number applies here.
    """
    due, why = _business(on, 1, nudge_days, "revived, so they are due again")
    return FollowUp(due, Stage.ACTIVE, 0, why)


# --- the cadence file ------------------------------------------------------------------------------


def rules_from_toml(text: str, label: str) -> CadenceRules:
    """Rules from a cadence file's text, whose `[cadence]` table overrides any field of `CadenceRules`.

    Example: `[cadence]` / `reached_days = 21` / `later_days = 60`. Every value is a whole number from
    1 to 3650. Anything else raises `CadenceConfigError` naming the file (`label`), the key and the fix.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CadenceConfigError(f"{label}: not valid TOML ({exc}); fix the syntax") from None

    extra = sorted(set(data) - {"cadence"})
    if extra:
        raise CadenceConfigError(
            f"{label}: unknown top-level key {extra[0]!r}; put the numbers under a [cadence] table"
        )
    table = data.get("cadence", {})
    if not isinstance(table, dict):
        raise CadenceConfigError(f"{label}: 'cadence' must be a table; write [cadence] on its own line")
    return _apply(table, label)


def _apply(table: Mapping[str, Any], label: str) -> CadenceRules:
    known = [f.name for f in fields(CadenceRules)]
    overrides: dict[str, int] = {}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise CadenceConfigError(
                f"{label}: [cadence] unknown key {key!r}; {hint}known keys: {', '.join(known)}"
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RULE_VALUE:
            default = getattr(DEFAULT_RULES, key)
            raise CadenceConfigError(
                f"{label}: [cadence] {key} = {value!r} is not allowed; "
                f"use a whole number from 1 to {MAX_RULE_VALUE} (the default is {key} = {default})"
            )
        overrides[key] = value
    return replace(DEFAULT_RULES, **overrides)


# --- outcome words (SPEC §5) -------------------------------------------------------------------------

_OUTCOME_WORDS: dict[Outcome, tuple[str, ...]] = {
    Outcome.REACHED: ("reached", "talked", "spoke", "connected"),
    Outcome.VOICEMAIL: ("voicemail", "vm", "left-message"),
    Outcome.NO_ANSWER: ("no-answer", "missed"),
    Outcome.BUSY: ("busy", "line-busy", "busy-signal", "engaged"),
    Outcome.WRONG_NUMBER: ("wrong-number", "wrong", "bad-number", "not-their-number", "disconnected"),
    Outcome.EMAILED: ("emailed", "e-mailed to schedule"),
    Outcome.MESSAGED: ("messaged", "texted", "whatsapped"),
    Outcome.MEETING: ("meeting", "booked"),
    Outcome.LATER: ("later", "not-now", "not-ready"),
    Outcome.NO: ("no", "declined", "not-interested", "let-go"),
}
_SEPARATORS = re.compile(r"[\s_\-]+")


def _word_key(text: str) -> str:
    """`No answer`, `no-answer`, `NO_ANSWER` and `noanswer` all become `noanswer`."""
    return _SEPARATORS.sub("", fold(text).strip(".,;!?"))


_BY_KEY: dict[str, Outcome] = {_word_key(w): o for o, words in _OUTCOME_WORDS.items() for w in words}
_LONGEST = max(len(w.replace("-", " ").split()) for words in _OUTCOME_WORDS.values() for w in words)

OUTCOME_WORDS: dict[Outcome, tuple[str, ...]] = _OUTCOME_WORDS
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.REACHED: "✅ Reached",
    Outcome.VOICEMAIL: "📼 Voicemail",
    Outcome.NO_ANSWER: "🔕 No answer",
    Outcome.BUSY: "📞 Busy line",
    Outcome.WRONG_NUMBER: "❌ Wrong number",
    Outcome.EMAILED: "📧 Emailed",
    Outcome.MESSAGED: "💬 Messaged",
    Outcome.MEETING: "📅 Meeting booked",
    Outcome.LATER: "⏳ Later",
    Outcome.NO: "🛑 They said no",
}


def parse_outcome(word: str) -> Outcome | None:
    """The outcome a word (or a few words) names, or None.

    Case-, accent- and separator-insensitive: `No answer`, `no-answer` and `noanswer` are the same.
    """
    return _BY_KEY.get(_word_key(word))


# "busy: said he's slammed, try Thursday": they picked up and said so, which is a "later", not a busy line
_THEY_SPOKE = re.compile(
    r"\b(?:said|says|told me|asked (?:me )?to|asked if|he'?s|she'?s|they'?re|he is|she is|they are|"
    r"picked up|answered)\b",
    re.I,
)


def picked_up(outcome: Outcome | None, notes: str, dated: bool = True) -> Outcome | None:
    """`busy` whose notes report what they said and give a day is a call they answered: logged as
    `later` (SPEC §5), so it is no unanswered try and the day they gave is kept. Without a day it stays
    a busy line (the next business day, not `later`'s 90 days)."""
    if outcome is Outcome.BUSY and dated and _THEY_SPOKE.search(notes.partition(":")[2] or ""):
        return Outcome.LATER
    return outcome


_NOTES_COLON = re.compile(r":(?!\d)|(?<!\d):")  # a colon, but not one inside a time like 10:30


def split_outcome(text: str) -> tuple[str, Outcome | None, str]:
    """Split `/called NAME OUTCOME [DATE] [: NOTES]` into (name, outcome, rest).

    The outcome is the *last* run of words before the notes colon that names one (the longest run
    when several end on the same word), and at least one word must come before it: so `Bob No
    reached` is Bob No + reached, `Noah Later later` is Noah Later + later, and `Noah Later` alone is
    Noah + later (a caller can retry with the whole text as the name). `rest` is everything after the
    outcome, date and `: notes` included, stripped. No outcome: (text before the colon, None, the
    colon and what follows it).
    """
    colon = _NOTES_COLON.search(text)
    head = text[: colon.start()] if colon else text
    tail = text[colon.start() :] if colon else ""
    tokens = list(re.finditer(r"\S+", head))
    for end in range(len(tokens) - 1, 0, -1):
        for start in range(max(1, end - _LONGEST + 1), end + 1):
            outcome = parse_outcome(head[tokens[start].start() : tokens[end].end()])
            if outcome is not None:
                name = head[: tokens[start].start()].strip()
                rest = (head[tokens[end].end() :] + tail).strip()
                return name, outcome, rest
    return head.strip(), None, tail.strip()
