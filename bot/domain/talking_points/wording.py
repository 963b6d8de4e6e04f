"""Talking points put into words through the playbook (seeds/): which entry words a reason, an opener
or a voicemail, dates as people say them, and the reassurance for the call's situation.

The reassurance follows the first situation that applies: dormant R10, unanswered R4, open deal R8,
referral R6, lukewarm R5, first call after an event R7, referral already reached R9, thin notes R2,
no offers R1, otherwise R3 (as listed in seeds).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Protocol

from bot.domain.names import first_name
from bot.domain.playbook import SITUATIONS, Entry, Playbook, Reassurance
from bot.domain.talking_points.facts import DIGEST_LINE_MAX, Reason, SourceRef, TalkingPoints, _clip
from bot.domain.vocabulary import WEEKDAY_NAMES, Stage

_UNANSWERED_OUTCOMES = frozenset({"voicemail", "no-answer"})

# ---------------------------------------------------------------------------------------------------
# Dates in words

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def met_when(met_on: date, today: date) -> str:
    """ "today", "yesterday", "on Monday", "on 20 November", "in March 2025"."""
    days = (today - met_on).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {_FULL_WEEKDAYS[met_on.weekday()]}"
    if -1 < days < 300 or met_on.year == today.year:
        return f"on {met_on.day} {_MONTHS[met_on.month - 1]}"
    return f"in {_MONTHS[met_on.month - 1]} {met_on.year}"


def due_words(due: date, today: date) -> str:
    """ "due today", "due tomorrow", "due Fri", "due 3 Dec", "overdue since Mon 16 Nov"."""
    days = (due - today).days
    short = f"{due.day} {_MONTHS[due.month - 1][:3]}"
    if days < 0:
        return f"overdue since {WEEKDAY_NAMES[due.weekday()]} {short}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 7:
        return f"due {WEEKDAY_NAMES[due.weekday()]}"
    return f"due {short}"


# ---------------------------------------------------------------------------------------------------
# Digest lines


def one_line(points: TalkingPoints) -> str:
    """The reason as one digest line of at most 150 characters."""
    return _clip(points.reason.short, DIGEST_LINE_MAX)


def reason_line(reason: Reason) -> str:
    """`one_line` for a reason from `best_reason`."""
    return _clip(reason.short, DIGEST_LINE_MAX)


# ---------------------------------------------------------------------------------------------------
# Entries chosen and rendered


class _Wordable(Protocol):
    """What a reason needs to be worded (a candidate from bot.domain.talking_points.candidates)."""

    kind: str
    values: Mapping[str, str]
    why: str | Callable[[Entry], str]
    sources: tuple[SourceRef, ...]
    facts: Mapping[str, object]


def _pick(
    entries: Sequence[Entry],
    facts: Mapping[str, object],
    values: Mapping[str, str],
    seed: str,
    used: set[str],
) -> list[Entry]:
    """Eligible entries in the order to try: priority, then more conditions, then the seed's turn.

    `seed` is "CONTACT_ID:what" (e.g. "12:opener"): among equals the entry is picked by a hash of
    what is worded plus the contact id, so contacts with neighbouring ids (one list, one import) get
    different variants in turn rather than the same line, and the same contact always the same one."""
    eligible = [
        e for e in entries if e.id not in used and e.fields <= values.keys() and e.when.matches(facts)
    ]
    head, _, salt = seed.partition(":")
    spin = zlib.crc32(salt.encode()) + int(head) if head.isdigit() else zlib.crc32(seed.encode())
    ordered: list[Entry] = []
    while eligible:
        top = max((e.priority, e.when.count) for e in eligible)
        group = sorted((e for e in eligible if (e.priority, e.when.count) == top), key=lambda e: e.id)
        chosen = group[spin % len(group)]
        ordered.append(chosen)
        eligible.remove(chosen)
    return ordered


_NAMED = ("referrer", "introducer", "other_name", "introduced_name")


def _once_in_full(text: str, values: Mapping[str, str]) -> str:
    """A person named in full once, then by first name: "Ask Renata Sandoval-Ibarra for an introduction;
    then call and say Renata suggested it"."""
    for key in _NAMED:
        full = values.get(key, "")
        if " " not in full or text.count(full) < 2:
            continue
        head, _, rest = text.partition(full)
        # a button's label ("press Thank Maria Lopez") is quoted as it is
        text = head + full + re.sub(rf"(?<!Thank ){re.escape(full)}", first_name(full), rest)
    return text


def _render(entries, facts, values, playbook: Playbook, seed: str) -> str | None:
    for entry in _pick(entries, facts, values, seed, set()):
        text = _once_in_full(entry.render(values), values)
        if not playbook.banned_in(text):
            return text
    return None


def _render_reason(cand: _Wordable, facts, playbook: Playbook, seed: str, used: set[str]) -> Reason | None:
    facts = {**facts, **cand.facts}
    for entry in _pick(playbook.reasons_of(cand.kind), facts, cand.values, f"{seed}:{cand.kind}", used):
        text, short = _once_in_full(entry.render(cand.values), cand.values), entry.render_short(cand.values)
        if playbook.banned_in(text) or playbook.banned_in(short):
            continue
        used.add(entry.id)
        why = cand.why(entry) if callable(cand.why) else cand.why
        return Reason(cand.kind, text, why, short, entry.id, cand.sources)
    return None


def _situations(facts: Mapping[str, object], kind: str, note_words: int, stage: Stage) -> set[str]:
    unanswered = facts["unanswered"] or facts["last_outcome"] in _UNANSWERED_OUTCOMES
    return {
        name
        for name, applies in (
            ("dormant", stage in (Stage.DORMANT, Stage.LET_GO) or kind in ("dormant_check", "let_go")),
            ("unanswered", bool(unanswered)),
            ("open_deal", bool(facts["has_open_deal"])),
            ("referral", bool(facts["has_referrer"] and facts["never_reached"] and kind == "referral")),
            ("lukewarm", bool(facts["lukewarm"])),
            (
                "first_call",
                bool(facts["never_reached"] and facts["last_outcome"] is None and facts["has_event"]),
            ),
            ("referral_reached", bool(facts["has_referrer"] and not facts["never_reached"])),
            ("thin_notes", note_words < 4),
            ("no_offers", not facts["has_offers"]),
            ("any", True),
        )
        if applies
    }


def _reassurance(playbook: Playbook, situations: set[str], no_email: bool = False) -> Reassurance:
    """The tip for the most specific situation; one that says to send an e-mail is passed over when
    the notes say not to e-mail them."""
    for situation in SITUATIONS:  # most specific first
        if situation in situations:
            for reassurance in playbook.reassurances:
                if situation in reassurance.situations and not (no_email and "e-mail" in reassurance.text):
                    return reassurance
    raise AssertionError("the playbook guarantees a reassurance for the situation 'any'")


def _spare_why(entry: Entry) -> str:
    """Why a plain question is offered beside better reasons: it is a second way in, not all we know."""
    if "event" in entry.fields:
        return "a second way in: where you met"
    if "company" in entry.fields or "role" in entry.fields:
        return "a second way in: their work"
    return "a second way in: an open question"


def _fallback_why(entry: Entry) -> str:
    if "event" in entry.fields:
        return "you met at the event and little else is on file"
    if "company" in entry.fields or "role" in entry.fields:
        return "little is on file beyond their work"
    return "little is on file about them yet, so a good question comes first"


def placed(opener: str, values: Mapping[str, str]) -> str:
    """An opener to someone you have not spoken to since the event, with where you met (and who
    introduced you) after your name, when it does not say so already: "Hi Toni, it's Sam; we met at
    the Chamber breakfast on 26 November. You asked …". A referral never met is left as it is."""
    event, when, user = values.get("event"), values.get("met_when"), values.get("user_name")
    if not opener or not event or not when or not user or "referrer" in values or event in opener:
        return opener
    name = re.search(re.escape(user) + r"(?: here)?(?P<end>\.)\s", opener)
    if name is None:
        return opener
    who = values.get("introducer")
    met = f"{who} introduced us" if who and who not in opener else "we met"
    return f"{opener[: name.start('end')]}; {met} at {event} {when}.{opener[name.end('end') :]}"
