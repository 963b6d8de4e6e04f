"""Reading what `/called` and the Log call form say after the outcome: `[DATE] [: NOTES]`, checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.dates import UnreadableDate, parse_day
from bot.domain.vocabulary import Outcome

MAX_NOTES = 3000


@dataclass(frozen=True)
class Refused:
    """Nothing was changed; `message` tells the user why and what to do instead (`field`: which
    form field it is about, "date" or "notes", when it is about one)."""

    message: str
    field: str | None = None


@dataclass(frozen=True)
class When:
    """What `[DATE] [: NOTES]` said: when the call happened, the meeting date, the notes."""

    on: dt.date
    meeting_on: dt.date | None
    notes: str | None


def read_when(rest: str, outcome: Outcome, today: dt.date) -> When | Refused:
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
    return when_from(outcome, day, notes, today)


def when_from(outcome: Outcome, day: dt.date | None, notes: str | None, today: dt.date) -> When | Refused:
    """Checks a date against the outcome: a meeting may be ahead; anything else already happened."""
    notes = (notes or "").strip() or None
    if notes and len(notes) > MAX_NOTES:
        return Refused(f"Your notes are {len(notes):,} characters; the limit is {MAX_NOTES:,}.", "notes")
    if outcome is Outcome.MEETING:
        if day is not None and abs((day - today).days) > 2 * 366:
            return Refused(f"{day.isoformat()} is more than two years away. Check the meeting date.", "date")
        return When(on=today, meeting_on=day, notes=notes)
    if day is None:
        return When(on=today, meeting_on=None, notes=notes)
    if day > today:
        return Refused(
            f"{day.isoformat()} is in the future. Log a call once it has happened, "
            "or use `meeting DATE` for a meeting you booked.",
            "date",
        )
    if (today - day).days > 366:
        return Refused(f"{day.isoformat()} is more than a year ago. Check the date.", "date")
    return When(on=day, meeting_on=None, notes=notes)
