"""What a contact offered to do for the user (SPEC §14, "what they could offer others"): "offered to put
me in touch with Eirik in Bergen", "said she'd intro me to her clients", "happy to walk us round the
depot". A door they opened is a reason to call back: take them up on it, and bring something in return.
Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.pronouns import REFERRER_TELLS
from bot.domain.talking_points.situation_leads import spelled_out

_HELP = re.compile(
    r"\b(?:(?:(?:he|she|they)\s+)?(?:kindly\s+)?(?:offered|volunteered|promised|(?:is|are|was|were)\s+happy|happy|glad)"
    r"\s+to\s+|said\s+(?:he|she|they)(?:'d|’d|\s+would|\s+will|\s+could|\s+can)\s+(?:(?:be\s+)?happy\s+to\s+)?)"
    r"(?P<x>(?:intro(?:duce)?\s+(?:me|us)|put\s+(?:me|us)\s+in\s+touch|connect\s+(?:me|us)|refer\s+(?:me|us)|"
    r"pass\s+(?:on\s+)?(?:my|our)\s+(?:no\.(?=\s)|(?:name|details|number|no|card|contact)\b)|mention\s+(?:me|us)\b|"
    r"walk\s+(?:me|us)\s+(?:round|around|through)\b|show\s+(?:me|us)\b|take\s+(?:me|us)\s+(?:round|around|to)\b|"
    r"vouch\s+for\s+(?:me|us)\b|(?:intro(?:duce)?|connect|refer)\s+(?:me|us)\b|put\s+(?:me|us)\s+in\s+touch\b)"
    r"[^.;!?\n(]*)",
    re.I,
)
# "wd happily run sessions if someone covers petrol", "would gladly give a talk": help they would give
_WOULD_HELP = re.compile(
    r"\b(?:would|wd|'d|’d)\s+(?:happily|gladly|love to|be happy to|be glad to)\s+"
    r"(?P<x>(?:run|give|teach|host|lead|mentor|train|speak|talk)\b[^.;!?\n(]*)",
    re.I,
)
_CUT = re.compile(
    r",(?!\s*(?:who|which|whose)\b)|\s(?:but|if|once|though|although|as long as)\s|\s[-—–]\s", re.I
)
_TO_USER = {"me": "you", "us": "you", "my": "your", "our": "your", "i": "you"}
_TO_THEM = {"his": "your", "her": "your", "their": "your"}


@dataclass(frozen=True)
class TheirHelp:
    what: str  # said to the user: "put you in touch with Eirik in Bergen"
    spoken: str  # said to them: "put me in touch with Eirik in Bergen"
    clause: str  # the note's words


def their_help(notes: str | None) -> TheirHelp | None:
    """The first thing the notes say the contact offered to do for the user, or None."""
    found = _HELP.search(notes or "") or _WOULD_HELP.search(notes or "")
    if not found or re.search(r"\b(?:I|we)\s+(?:\w+\s+)?$", notes[: found.start()], re.I):
        return None  # "I offered to introduce her to Tom": the user's offer, not theirs
    said = _CUT.split(found.group("x"), maxsplit=1)[0].strip(" ,;:")
    said = spelled_out(re.sub(r"^intro\b", "introduce", said, flags=re.I)).replace(" no. ", " number ")
    if not 2 <= len(said.split()) <= 16:
        return None
    what = re.sub(r"\b(?:me|us|my|our|I)\b", lambda m: _TO_USER[m.group().lower()], said)
    spoken = re.sub(r"\b(?:his|her|their)\b(?=\s+\w)", lambda m: _TO_THEM[m.group().lower()], said)
    return TheirHelp(what, spoken, " ".join(found.group().split()))


def help_values(call_notes: str | None, notes: str | None) -> dict | None:
    """thread_help and thread_help_spoken (clipped), with the note's clause and whether the last
    call's notes said it; None when neither the call nor the notes from meeting them open a door."""
    helps = their_help(call_notes) or their_help(notes)
    if helps is None:
        return None
    return {
        "thread_help": helps.what[:120],
        "thread_help_spoken": helps.spoken[:120],
        "clause": helps.clause,
        "from_call": helps.clause in " ".join((call_notes or "").split()),
    }


# the referrer has told them you will call: "she'll tell him I'm calling", Cerys: "tell her I sent you"
_NAME_LENT = (
    r"say (?:I|we) sent you|(?:mention|use|drop) (?:my|her|his|their) name"  # use the referrer's name
)
_TOLD = re.compile(
    REFERRER_TELLS + r"|\btell (?:him|her|them) (?:I|we) sent you\b|\b(?:" + _NAME_LENT + r")\b", re.I
)


_USE_NAME = re.compile(r"\b(?:" + _NAME_LENT + r")\b", re.I)


def referrer_told(contact) -> str:
    """How a referral's notes say the referrer opened the door: "told" (the referrer has told them, or
    will, that you will call), "name" (use the referrer's name: "say I sent you"), or "" (ask for an
    introduction first)."""
    found = _TOLD.search(contact.notes or "") if contact.referred_by else None
    if not found:
        return ""
    return "name" if _USE_NAME.fullmatch(found.group()) else "told"
