"""A meeting the notes set up without a `/called … meeting` (SPEC §14, "a meeting that will have
passed, unconfirmed"): "said mtg Thu 10 Dec 10am their office, she'd confirm by email", "booked a
site meeting for the 14th". Its day, so the coach asks whether it happened once it has passed. Never
their own board or committee meeting (a decision), never "met at" or a meeting already behind them
when it was written. Pure."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.call_text import said_days

_MEETING = re.compile(
    r"(?<!board )(?<!committee )(?<!team )(?<!staff )(?<!their )(?<!his )(?<!her )(?<!AGM )"
    r"\b(?:mtg|meeting|appt|appointment|site visit)\b(?!\s+(?:room|notes|minutes)\b)",
    re.I,
)
_BUSY_IN = re.compile(r"\b(?:in|at|into|from|out of|between)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)
_CALL = re.compile(r"\b(?:call|ring|phone|try|tries|cb|callback|back)\b", re.I)
_THEIRS = re.compile(
    r"\b(?:has|have|got|holds?|running|runs)\s+(?:an?\s+|the\s+|her\s+|his\s+|their\s+)?(?:[\w'’-]+\s+){0,2}$|"
    r"\b(?:their|his|her)\s+(?:[\w'’-]+\s+){1,2}$"  # "b4 their budget mtg 20 Jan": theirs, a day to work to
    r"|\b(?:she|he|they)(?:'s|’s|\s+is|\s+are|\s+has|\s+have)?\s+$"  # "she meeting de landlords Sat 19th": hers
    # "National Trust meeting Thu 14 Jan": a body's own meeting, named with capitals mid-sentence
    r"|(?<=[\w,)]\s)(?-i:(?!(?:Zoom|Teams|Google|Skype|Site|Sales|Intro|Kick|Follow)\b)[A-Z][\w&'’-]+)\s+$",
    re.I,
)
_WITH_YOU = re.compile(r"\s+(?:w/|with)\s+(?:me|us|you)\b", re.I)
_OPEN = re.compile(r"\b(?:any\s*(?:day|time|weekday|date)|whenever|once|when)\b", re.I)
_NEAR = 45  # characters from the word to the day it is set for: "mtg Thu 10 Dec", "meeting on the 14th"


def noted_meeting(*said: tuple[str | None, date | None]) -> date | None:
    """The day of the first meeting the notes set up, each note read from the day it was written
    (newest first, as given), or None."""
    for text, on in said:
        if not text or not on or not _MEETING.search(text):
            continue
        days = said_days(text, on)
        for hit in _MEETING.finditer(text):
            if _BUSY_IN.search(text[max(0, hit.start() - 14) : hit.start()]):
                continue  # "in a mtg, said call next week": where they were, no meeting with you
            if _THEIRS.search(text[max(0, hit.start() - 30) : hit.start()]) and not _WITH_YOU.match(
                text, hit.end()
            ):
                continue  # "Sister has cooks mtg Thu 17 Dec": her own meeting, not one with you
            ahead = [
                d
                for d in days
                if hit.end() <= d.start <= hit.end() + _NEAR
                and d.lead not in ("before", "by", "until")
                and not _CALL.search(text[hit.end() : d.start])  # "mtg now, call back Tue": a call's day
                and not _OPEN.search(
                    text[hit.end() : d.start]
                )  # "site visit any day after 10 Jan": no day set
                and not re.search(
                    r"[.;!?]\s", text[hit.end() : d.start]
                )  # the next sentence's day is not its
            ]
            if ahead:
                return ahead[0].day
    return None
