"""A step the user proposed in their last e-mail, message or voicemail ("proposed a site survey",
"suggested a walk round the plant"): until they answer, the next touch is to get a yes and a day for
it, before anything that can only follow it (SPEC §14, things in flight)."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from bot.domain.call_text import said_days
from bot.domain.talking_points.offer_match import _name_stems
from bot.domain.talking_points.phrases import short_day

# what can be proposed and booked: a visit, a survey, a demo, a meeting, a call
_BOOKABLE = (
    r"(?:site\s+)?(?:survey|visit|walk(?:[- ]?(?:round|through|around))?|walkthrough|tour|inspection|"
    r"assessment|audit|demo|demonstration|trial|tasting|workshop|session|meeting|call|chat|coffee|"
    r"lunch|breakfast|viewing|fitting|consultation|measure-?up|check)"
)
_PROPOSED = re.compile(
    r"\b(?:proposed|suggested|offered|pitched)\s+(?:(?:her|him|them)\s+)?"
    r"(?P<x>(?:a|an|the|our|my)\s+(?:[\w'’-]+\s+){0,4}?"
    + _BOOKABLE
    + r"s?\b(?:\s+(?:on|at|of|for|in)\s+[^,;.!?]+)?)",
    re.I,
)
# "asked for 15 min in January", "asked her for a quick call next week": a call proposed
_ASKED_TIME = re.compile(
    r"\basked\s+(?:(?:her|him|them)\s+)?for\s+(?P<x>(?:a\s+|an\s+)?(?:\d+[\s-]*(?:min|mins|minutes?)\b|"
    r"(?:quick|short|brief)\s+(?:call|chat)\b|(?:call|chat|meeting|coffee|catch-?up)\b)[^,;.!?]*)",
    re.I,
)
_SEE_ON_SITE = re.compile(
    r"\b(?:told|said to|explained to|wrote)\s+(?:him|her|them)\s+(?:that\s+)?(?:we|I)(?:'d|’d| would| will| have to|"
    r" need to| must)?\s*(?:need to\s+)?(?:see|look at|inspect|check|measure)\s+(?:it\s+|them\s+|the \w+\s+)?"
    r"(?:on[- ]site|in person|on the spot)\b",
    re.I,
)
_MINUTES = re.compile(r"^(?:a\s+)?(\d+)[\s-]*(?:min|mins|minutes?)\b", re.I)
_BY = {"emailed": "Your e-mail", "messaged": "Your message", "voicemail": "Your voicemail"}


_EVENT_FOR = re.compile(
    r"\b(?:before|for|ahead of)\s+(?P<x>(?:the|her|his|their|our)\s+(?:[\w'’-]+\s+){0,2}?(?:party|launch|opening|"
    r"fair|event|conference|show|visit|meeting|open day|opening night|gala|dinner|festival|season|peak|audit|inspection))\b",
    re.I,
)


_BLOCKED = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t be able to)\s+(?:\w+\s+){0,2}without\s+(?:it|them|that|this)\b|"
    r"\b(?:before|so) (?:I|we) can (?:price|quote|cost|size|plan|finish|complete|prepare|do|work out)\b",  # "need shift times + headcount before I can price"
    re.I,
)


def blocked_on_it(notes: str | None) -> bool:
    """Whether a note says what you sent must come back before you can go on ("can't quote without it")."""
    return bool(notes and _BLOCKED.search(notes))


def passed_event(by_words: str) -> str:
    """The event a promise was for ("before the party" → "the party"); "" when its words name no event."""
    found = _EVENT_FOR.search(by_words or "")
    return " ".join(found.group("x").split()) if found else ""


# "offered slots Mon 14 or Thu 17 Dec", "proposed two dates: 9 or 11 Jan": days for them to pick
_SLOTS = re.compile(
    r"\b(?:offered|proposed|suggested|gave (?:her|him|them))\s+(?:(?:her|him|them)\s+)?"
    r"(?:(?:(?:two|three|2|3|a few|some|a couple of)\s+)?(?:slots?|dates?|days?|times?|windows?)\b|"
    r"(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d))",  # "offered Tue 22 or Wed 23 Dec"
    re.I,
)


def _slots(call_notes: str, call_on: date, today: date) -> str | None:
    """ "the Thu 17 Dec slot" (the one still ahead of the days you offered), "a slot on Mon 21 or
    Tue 22 Dec", or None when the note offers no days."""
    found = _SLOTS.search(call_notes)
    days = [d.day for d in said_days(call_notes[found.end() : found.end() + 60], call_on)] if found else []
    left = [d for d in days if d >= today]
    if not left:
        return None
    if len(left) == 1:
        return f"the {short_day(left[0], today)} slot"
    return f"a slot on {' or '.join(short_day(d, today) for d in left[:3])}"


class Proposal(NamedTuple):
    step: str  # "a site survey", "the Thu 17 Dec slot"
    by: str  # "Your e-mail", "Your message", "Your voicemail"
    slot: bool = False  # days offered to pick: a slot to lock in, not a day to find


def offered_slot(call_notes: str, last_outcome: str | None, call_on: date | None, today: date) -> str | None:
    """The slot a one-way touch offered that is still ahead ("the Thu 17 Dec slot"), or None."""
    if not call_notes or last_outcome not in _BY or call_on is None:
        return None
    return _slots(call_notes, call_on, today)


def proposed_step(
    call_notes: str, last_outcome: str | None, call_on: date | None = None, today: date | None = None
) -> Proposal | None:
    """("a site survey", "Your e-mail") when the last touch was one-way and proposed a bookable step;
    None otherwise (on a call they will have answered it)."""
    if not call_notes or last_outcome not in _BY:
        return None
    if today and (slot := offered_slot(call_notes, last_outcome, call_on, today)):
        return Proposal(slot, _BY[last_outcome], slot=True)
    if _SEE_ON_SITE.search(call_notes):  # "told him we need to see it on site": a visit to book
        return Proposal("a site visit", _BY[last_outcome])
    found = _PROPOSED.search(call_notes) or _ASKED_TIME.search(call_notes)
    if not found:
        return None
    step = _MINUTES.sub(r"a \1-minute call", " ".join(found.group("x").split()))
    step = re.sub(r"\s+(?:next|this)\s+(?:week|month)$", "", step)  # said on the day it was written
    if re.search(r"\b(?:call|chat|catch-?up)\b", step, re.I) and not re.search(
        r"\b(?:in|after|from|early|mid|late|end|next|on)\b", step, re.I
    ):
        return None  # "asked for a 15-minute call": the next call is that call, nothing to book first
    return Proposal(step, _BY[last_outcome]) if len(step.split()) <= 10 else None


# what they owe you before yours can go: "drawings coming 'this week'", "chasing the drawings, nothing yet"
_THEIRS_FIRST = re.compile(
    r"\b(?:chasing|still waiting (?:on|for)|waiting (?:on|for) (?:their|her|his))\s+(?:the |their |her |his )?"
    r"(?P<x>(?:[\w-]+ ){0,2}(?:drawings?|plans?|figures|numbers|photos|measurements|dimensions|bills?|specs?|"
    r"floor ?plans?|data|details|documents|survey))\b|"
    r"\b(?P<y>(?:[\w-]+ ){0,2}(?:drawings?|plans?|figures|photos|measurements|dimensions|bills?|specs?|data))\s+"
    r"(?:coming|to follow|promised|due from (?:her|him|them))\b",
    re.I,
)


def waiting_on_them(*notes: str | None) -> str:
    """What the newest notes say must come from them first ("the food-court roof drawings"), or ""."""
    for text in notes:
        found = _THEIRS_FIRST.search(text or "")
        if found:
            return "the " + " ".join((found.group("x") or found.group("y")).split())
    return ""


def moved_due(
    promise: str, due: date | None, asked_thing: str, asked_by: date | None, today: date
) -> date | None:
    """The day a promise is due: its own, or a later day a newer call asked for the same thing by ("their
    budget meeting moved to Tue 22 Dec; still wants the case study before then"), so it is not late."""
    if due is None or asked_by is None or due >= today or asked_by <= due:
        return due
    return asked_by if _name_stems(asked_thing) & _name_stems(promise) else due
