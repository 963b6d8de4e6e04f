"""The user's offer closest to a need they wrote down, when none fits it (SPEC §14): the kind of work
their offers are about, said beside the need ("not what our thermography guide covers")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.domain.talking_points.facts import _TOKEN_RE, _clip, _stem, _topic
from bot.domain.talking_points.models import OfferFacts
from bot.domain.talking_points.offer_match import _TIME_WORDS, _name_stems, _offer_kind, _own_words
from bot.domain.talking_points.phrases import day_words, offer_name


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
