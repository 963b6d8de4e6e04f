"""What the contact asked for that is still open (split from `known`): a request in the notes, unless a
newer note says it went, it was the user's own ask in an e-mail, or a booked meeting or the call's next
step now says what comes next. Pure."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain.talking_points.case import Case, Deliverable
from bot.domain.talking_points.known_words import _ONE_WAY
from bot.domain.talking_points.next_step import SENT_ALREADY, next_step
from bot.domain.talking_points.offer_match import _name_stems
from bot.domain.talking_points.situation_leads import spelled_out
from bot.domain.talking_points.thread import _sent_stems, had_stems

# a request for dates, and an e-mail that sent an invitation or a date: answered
_DATES_ASKED = re.compile(r"\b(?:dates?|days?|times?|slots?|schedule)\b", re.I)
_DATES_SENT = re.compile(
    r"\b(?:invit\w*|dates?|slots?|schedule|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b",
    re.I,
)

# what an e-mail said is still to come did not go with it: "sent hello, said price list coming"
_TO_COME = re.compile(
    r"[^,.;:!?\n]*\b(?:coming|to follow|follows|on (?:its|the|their) way|soon|still (?:updating|working|waiting))\b"
    r"[^,.;:!?\n]*",
    re.I,
)


def open_ask(case: Case, outcome: str | None, call_notes: str, meeting_booked: bool) -> Deliverable | None:
    """The contact's request to deliver first, or None."""
    ask = case.deliver if case.deliver and case.deliver.theirs else None
    if ask and SENT_ALREADY.search(ask.note):
        ask = None  # "asked for our safety stats, sent same day": done
    if ask and call_notes and ask.note not in call_notes:  # asked when you met, or on an earlier call
        sent = _sent_stems(call_notes) | had_stems(call_notes)  # "got proposal v2 Wed": they have it
        wanted = _name_stems(ask.thing)
        core = re.split(r"\s+(?:with|w/|for|incl\.?|including|on)\s+", ask.thing, maxsplit=1)[0].split()
        # "proposal v2 w/ response times": the proposal is its head word
        head = next((stems for word in reversed(core) if (stems := _name_stems(word))), frozenset())
        listed = outcome in ("emailed", "messaged") and not re.search(r"\bask(?:ed|ing)\b", call_notes)
        if len(sent & wanted) >= min(2, len(wanted) or 1) or (head and head <= sent):  # "quote … sent"
            ask = None  # the last call's notes say it was sent ("ballpark figure sent for the board pack")
        elif listed and wanted & _name_stems(_TO_COME.sub("", call_notes)):
            ask = None  # "emailed: turnaround comparison + SOLAS article": what the e-mail carried
        elif listed and sent and _DATES_ASKED.search(ask.thing) and _DATES_SENT.search(call_notes):
            ask = (
                None  # asked for "dates of anything training-y"; "emailed: sent the open day invite, 14 Jan"
            )
    if ask and ask.from_call and outcome in _ONE_WAY and re.search(r"\basked\b", ask.note, re.I):
        ask = None  # "emailed: asked for 15 min in January": what YOU asked of them, not their request
    if ask and ask.from_call and outcome == "meeting" and meeting_booked:
        ask = None  # "meeting on the 16th: they want to see sample scans": for the meeting, which leads
    if ask and ask.action.startswith("book ") and meeting_booked:
        ask = None  # a visit they asked for is booked: the meeting is the reason now
    step = next_step(call_notes) if ask and not ask.by and call_notes else None
    if step and not (ask.action.startswith("book ") and step[0].startswith("send ")):
        ask = None  # no date of theirs: the call's next step says it (and can name the offer it is), but
        # "want to see a plant running" is a visit to book, never "send a plant running"
    return replace(ask, thing=spelled_out(ask.thing)) if ask else None  # "balances + pipettes", "w/ stand"
