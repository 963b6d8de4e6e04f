"""A yes to one of the user's invitations (SPEC §14): while the day is ahead, confirm the places; in the
two weeks after it, ask how it went for them ("invited to open morning Thu 17 Dec - YES + 3 of her ICU
nurses", and the morning has been). Pure; split from `candidates`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from bot.domain.talking_points.facts import _clip
from bot.domain.talking_points.models import OfferFacts
from bot.domain.talking_points.offer_match import _match_offer, _offer_values
from bot.domain.talking_points.phrases import day_words, offer_name
from bot.domain.talking_points.proof import proof_values

COMING = re.compile(
    r"\b(?:wants? to come|will come|coming|will attend|signed up|registered|booked a place|said yes|yes)\b",
    re.I,
)


def yes_values(note: str, offered: Mapping[str, str]) -> dict[str, str]:
    return {"invite_yes": _clip(note, 120), "invite_yes_name": offered["offer_name"]}


def went_values(offers: Sequence[OfferFacts], heard, today: date) -> dict[str, str]:
    """invite_went ("the open morning") and invite_went_when ("on Thu 17 Dec") for an invitation of
    the user's they said yes to whose day passed in the last two weeks; {} otherwise."""
    for offer in offers:
        if not (offer.ends_on and 0 < (today - offer.ends_on).days <= 14):
            continue
        m = _match_offer(offer, heard)
        if m.strength and m.kind == "invite" and COMING.search(m.note or ""):
            return {
                "invite_went": _clip(offer_name(offer.title, "invite"), 80),
                "invite_went_when": day_words(offer.ends_on, today),
            }
    return {}


# they asked to hear of events: "keep me posted on any MLRO events pls", "let her know about workshops"
_KEEP_POSTED = re.compile(
    r"\b(?:keep (?:me|us|her|him|them) posted|let (?:me|us|her|him|them) know|send (?:me|us|her|him|them) (?:any|details))"
    r"\b[^.;]{0,40}?(?P<what>\b(?:[\w-]+\s+)?(?:events?|invites?|invitations?|breakfasts?|workshops?|"
    r"open (?:days?|mornings?)|webinars?))\b",
    re.I,
)


def wants_invites(text: str) -> str:
    """What events the notes ask to hear of ("MLRO events", "events"): then an invitation is welcome even
    while they are otherwise not to be called; "" when they ask for none."""
    found = _KEEP_POSTED.search(text)
    return re.sub(r"^(?:any|all|the|your|our)\s+", "", found.group("what"), flags=re.I) if found else ""


def asked_of_you(notes: str, matches, offers: Sequence[OfferFacts], heard, today: date, first: str) -> list:
    """(tier, kind, values, why) for what the notes ask of the user's offers: an invitation to events they
    asked to hear of (3), the client story they asked for as proof (3), a yes to an invitation now past (4)."""
    found = []
    events = wants_invites(notes)  # "keep me posted on any MLRO events": an invitation, whatever the wait
    invited = next((m for m in matches if m.kind == "invite"), None) if events else None
    if invited is not None:
        name = offer_name(invited.offer.title, "invite")
        found.append(
            (
                3,
                "invite",
                {**_offer_values(invited, today), "invite_asked": events},
                f"{first} asked to hear of events like {name}",
            )
        )
    if proof := proof_values(notes, matches, today):  # "wants proof we've done this for shops before"
        found.append((3, "client_success", proof, f"{first} asked for {proof['proof_asked']}"))
    if went := went_values(offers, heard, today):  # "YES + 3 nurses", and the day has been
        found.append((4, "invite", went, f"{first} said yes to {went['invite_went']}"))
    return found
