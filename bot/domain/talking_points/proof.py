"""Proof they asked for (SPEC §14, "what they asked of the user"): "wants proof we've done this for shops
before", "asked for references from other clinics". A client story of the user's is that proof: send it,
whatever words its tags use. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.domain.talking_points.offer_match import _offer_values, _OfferMatch

_PROOF = re.compile(
    r"\b(?:wants?|wanted|needs?|asked for|asking for|would like|keen on)\s+(?:to see\s+)?(?:some\s+|a\s+|any\s+)?"
    r"[\"“']?(?P<x>(?:proof|evidence|references?|examples?|a track record|case stud(?:y|ies))\b[^\"”.;!?]{0,60})",
    re.I,
)


_STORY = re.compile(r"\b(?:case stud(?:y|ies)|client story|success story)\b", re.I)


def proof_values(notes: str, matches: Sequence[_OfferMatch], today: date) -> dict[str, str]:
    """The user's client story (the best fitting one) and what they asked for, as "proof_asked" ("proof
    you have done this for shops before"); {} when they asked for no proof or the user has no story."""
    found = _PROOF.search(notes)
    story = (
        next((m for m in matches if m.kind == "client_success" or _STORY.search(m.offer.title)), None)
        if found
        else None
    )
    if story is None or found is None:
        return {}
    asked = re.sub(r"\b(?:we|I)(?:'ve|’ve| have)\b", "you have", found.group("x").strip(" ,:-"), flags=re.I)
    asked = re.sub(r"\b(?:we|I)\b", "you", asked)
    return {**_offer_values(story, today), "proof_asked": asked[:90]}
