"""The user's offer closest to a need they wrote down, when none fits it (SPEC §14): the kind of work
their offers are about, said beside the need ("not what our thermography guide covers")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from bot.domain.talking_points.case_items import head_word
from bot.domain.talking_points.facts import _TOKEN_RE, _clip, _fast_fold, _stem, _topic
from bot.domain.talking_points.models import OfferFacts, SourceRef
from bot.domain.talking_points.offer_match import (
    _TIME_WORDS,
    _name_stems,
    _offer_kind,
    _offer_values,
    _OfferMatch,
    _own_words,
)
from bot.domain.talking_points.phrases import day_words, offer_name
from bot.domain.talking_points.situation import _NOT_OURS
from bot.domain.vocabulary import fold


def _need_head(need: str) -> str:
    """The words that say what a need is, without who does it or what it is for: "someone to check the
    panels before Carnaval" → "check the panels"; "a safety checklist for the forklift lanes" → "a safety
    checklist" (its last word, the head, is what must be shared)."""
    said = re.sub(
        r"^(?:someone|somebody|a person)(?:\s+\w+)?\s+(?:to|who(?:\s+(?:can|will|could))?)\s+\w+(?:\s+(?:at|over|into|after))?\s+",
        "",
        need.strip(),
        flags=re.I,
    )  # "someone to look at the gates": the gates
    said = re.split(
        r"\s(?:for|in|at|on|before|by|from|with|over|across|during|until|after|so|because)\s", said
    )[0]
    words = said.split()
    return words[-1] if words else ""


def offer_near_need(need: str, offers: Sequence[OfferFacts], today: date) -> str:
    """The short name of the user's offer whose own words share a specific word with a need they
    wrote down ("someone to check the panels" and "a guide to thermography of electrical panels"):
    the kind of work the user's offers are about, close to the need without fitting it. "" when no
    live offer shares a word; the one sharing most wins, the first among equals."""
    names = frozenset(  # "Berlin", "Grafana": a place or a brand in common is a coincidence; "UPS" is a thing
        _topic(_stem(t)) for t in _TOKEN_RE.findall(need) if t[:1].isupper() and not t.isupper()
    )
    head = _need_head(need)
    said = frozenset(w for w in _name_stems(head) if not w.isdigit() and len(w) >= 3) - _TIME_WORDS - names
    best, best_shared = None, 0
    for offer in sorted(offers, key=lambda o: o.id):
        if offer.ends_on is not None and offer.ends_on < today:
            continue
        shared = len(said & _own_words(offer))
        if shared > best_shared:
            best, best_shared = offer, shared
    if best is None:
        return ""
    kind = _offer_kind(best)[0]
    name = offer_name(best.title, kind)
    if kind == "invite" and best.ends_on:
        name = f"{name} {day_words(best.ends_on, today)}"
    return _clip(name, 80)


def with_fitting_offer(
    values: Mapping[str, str],
    matched: Sequence[_OfferMatch],
    today: date,
    not_about: str = "",
    within: str = "",
) -> tuple[dict[str, str], tuple[SourceRef, ...]]:
    """A reason's values with the best offer that fits their need (never an invitation, nor the thing
    `not_about` names: what you already sent, nor one matched only by a word of `within`, the decision's
    own clause: "comité decides 2027 maintenance contracts" asks for no maintenance article), and its
    source; the values alone when none fits."""
    sent = _name_stems(not_about)
    fits = [
        m
        for m in matched
        if m.kind != "invite"
        and not (sent and sent & _name_stems(m.offer.title))
        and not (within and m.note and m.note in within)
    ]
    if not fits:
        return dict(values), ()
    return {**values, **_offer_values(fits[0], today)}, (
        SourceRef("offer", fits[0].offer.id, fits[0].matched),
    )


# what they asked for is an event: an invitation of yours can be it ("founder events in Berlin")
_EVENTISH = re.compile(
    r"\b(?:events?|meetups?|dinners?|breakfasts?|invites?|invitations?|workshops?|talks?|open days?|"
    r"conferences?|sessions?|webinars?|tours?|chance to see|demos?|demonstrations?)\b",
    re.I,
)


_SEEN_AT = re.compile(r"\b(?:see|seen|watch|look at)\b", re.I)


def is_the_thing_asked(m: _OfferMatch, thing: str) -> bool:
    """Whether an offer that fits is the very thing they asked for: the same thing by its words (two
    shared, or all of a one-word thing) and of the same kind: a checklist about cold rooms is not "two
    quotes for a cold room", and an invitation that shares a word is not "spectrum measurements"."""
    wanted, title = _name_stems(thing), m.offer.title
    if m.kind == "invite" and thing.startswith("a chance to see") and _SEEN_AT.search(m.note or m.matched):
        return True  # "wants to see one running" and an open house that shows it running: the answer
    same = bool(_EVENTISH.search(thing)) if m.kind == "invite" else head_word(thing) in fold(title)
    return same and len(wanted & _name_stems(title)) >= min(2, len(wanted))


def _ruled_out(m: _OfferMatch, notes: str) -> bool:
    """Whether the notes say what the offer matched is not the user's thing ("fridge loggers still top of
    her list, told her not our thing"): never offered for it."""
    words = _name_stems(m.matched)
    said = {w[:5] for w in re.findall(r"[a-z]{4,}", _fast_fold(m.matched))}  # "shelves" is "shelving"
    return (
        bool(words)
        and any(
            (
                (no := _NOT_OURS.search(part))
                and not _in_quotes(part[: no.start()])
                and words & _name_stems(part)
            )
            or said & {w[:5] for w in _NOT_THIS.findall(_fast_fold(part))}  # "the cold chain, not shelving"
            or said & {w[:5] for w in _FINE.findall(_fast_fold(part))}  # "labels fine for now": no need there
            # "no CP need himself": nothing about CP is for him, whatever else the offer's words meet
            or bool(
                (none := _NO_NEED.search(_fast_fold(part)))
                and none.group(1)
                in re.findall(r"[a-z0-9]+", _fast_fold(f"{m.offer.title} {' '.join(m.offer.topics)}"))
            )
            # "… snow guards before January. not really our flat-roof thing.": nothing of yours fits
            or (
                m.kind != "invite"
                and len(part.split()) <= 7
                and _NOT_OURS.search(part)
                and not _in_quotes(part)
            )
            for part in re.split(r"[.;!?\n]", notes)
        )
        or _not_ours_next(words, re.split(r"[.;!?\n]", notes))
    )


def _not_ours_next(words: frozenset[str], parts: list[str]) -> bool:
    """ "wants a cleaning checklist for the milk tanks. not our kind of work", "needs the rigging surveyed.
    told him that's marine, we don't do boats": a short sentence saying it is not the user's line rules
    out what the sentence before it asked for."""
    return any(
        (
            _NOT_OURS.match(part.strip()) is not None
            or (len(part.split()) <= 12 and _NOT_OURS.search(part) is not None and not _in_quotes(part))
        )
        and bool(words & _name_stems(parts[n - 1]))
        for n, part in enumerate(parts)
        if n
    )


_NO_NEED = re.compile(r"\bno ([a-z][\w-]{1,20}) (?:need|needs|use|interest)\b")
_FINE = re.compile(
    r"\b([a-z]{4,})s? (?:are |is )?(?:fine|sorted|ok|okay|good) (?:for now|as they are|as it is)\b"
)


def _in_quotes(before: str) -> bool:
    """ "…"I can't put a dinar upfront"": their words quoted, not the user saying what they do not do."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


_NOT_THIS = re.compile(r"(?:^|[,—–-]\s*)not (?:the |about |a |an |any |more )?([a-z][a-z-]{3,})\b")


def not_ours_after(note: str, text: str) -> bool:
    """Whether the note's own sentence or the one after it says the thing is not the user's line:
    "asked for a checklist for their lab balances. not our kind of kit but lovely"."""
    flat = " ".join(text.split())
    at = flat.find(" ".join(note.split()))
    if at < 0:
        return False
    tail = re.split(r"(?<=[.;!?])\s+", flat[at:], maxsplit=2)
    return any(_NOT_OURS.search(part) and not _in_quotes(part) for part in tail[:2])
