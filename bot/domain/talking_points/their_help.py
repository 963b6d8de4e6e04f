"""What a contact offered to do for the user (SPEC §14, "what they could offer others"): "offered to put
me in touch with Eirik in Bergen", "said she'd intro me to her clients", "happy to walk us round the
depot". A door they opened is a reason to call back: take them up on it, and bring something in return.
Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.pronouns import REFERRER_TELLS
from bot.domain.talking_points.others import _fold_text
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
        return _their_name(contact.referred_by, contact.notes)
    return "name" if _USE_NAME.fullmatch(found.group()) else "told"


_EXPECTING = re.compile(r"\b(?:is\s+|'s\s+|’s\s+)?expect(?:s|ing)\s+(?:my|our|a|your|the)\s+call\b", re.I)


def _their_name(referrer: str | None, notes: str | None) -> str:
    """ "told" when the notes say they expect your call; "name" when they say to use the referrer's
    own name ("call & mention S.", "say Bronwen sent you", "use Tomás's name"); "number" when the
    referrer passed you the number ("number saved from Ruta"); else ""."""
    words = _folded(referrer).split()
    if not words or not notes:
        return ""
    if _EXPECTING.search(notes):
        return "told"
    who = rf"(?:{re.escape(words[0])}|{re.escape(words[0][0])}\.?)"
    lent = rf"\b(?:mention|name-?drop|drop)\s+{who}(?!\w)|\bsay\s+{who}\s+sent\s+(?:you|me|us)\b|\buse\s+{who}(?:'s|’s)\s+name\b"
    # "number saved from Ruta", "Paulo gave me her number", "got his number via Ana": the door is the referrer's
    passed = (
        rf"\b(?:number|no\.?|contact|details|e-?mail)\s+(?:saved\s+|got\s+)?(?:from|via)\s+{who}(?!\w)"
        rf"|\b{who}\s+(?:gave|passed|sent|shared|forwarded)\s+(?:me|us)\s+(?:his|her|their)\s+(?:number|no\.?|contact|details|e-?mail)\b"
    )
    if re.search(passed, _folded(notes), re.I):
        return "number"
    return "name" if re.search(lent, _folded(notes), re.I) else ""


# what the referrer's own notes say about the door to this contact (`{n}` their first name, folded):
# "told Renée about us", "Renée's expecting my call", "intro'd me to Renée", "done, see Renée" …
_DOOR_OPEN = (
    r"\b(?:told|tell(?:ing)?|briefed|warned|messaged|texted|whatsapped|let)\s+{n}\b(?!\s+(?:that\s+)?(?:no|not)\b)"
    r"|\b{n}(?:\s+is|'s|’s)?\s+expect(?:s|ing)\s+(?:my|our|a|your|the|us|me)\b"
    r"|\bintro(?:'d|’d|ed|duced)?\s+(?:me|us)\s+(?:to|w(?:ith|/))\s+{n}\b"
    r"|\b(?:cc'?d|copied|looped)\s+(?:me|us)?\s*(?:in\s+)?(?:to|with|on)?\s*(?:an?\s+e-?mail\s+(?:to|with)\s+)?{n}\b"
    r"|\bdone,?\s+see\s+{n}\b"
)
# … or that they want you to call: "said call Renée", "told me to ring Renée", "suggested I speak to Renée"
_DOOR_NAME = (
    r"\b(?:said|says|suggested|told\s+(?:me|us)|wants\s+(?:me|us)|asked\s+(?:me|us))\s+(?:to\s+|I\s+|we\s+)?"
    r"(?:should\s+)?(?:call|ring|phone|contact|reach\s+out\s+to|get\s+in\s+touch\s+with|speak\s+to|talk\s+to)\s+{n}\b"
)


def _folded(text: str | None) -> str:
    return _fold_text(text or "")  # the others' index folds names the same way (lower() for plain ASCII)


def _referrer(contact, others) -> object | None:
    """The other contact who referred this one: all the referrer's words are in their name."""
    said = _folded(contact.referred_by).split()
    if not said:
        return None
    for other in others:
        folded = _folded(other.name)
        if (
            said[0] in folded
            and other.id != getattr(contact, "id", None)
            and set(said) <= set(folded.split())
        ):
            return other
    return None


def referrer_door(contact, others) -> str:
    """What the referrer's own notes and newest call say about the door to `contact`: "told" (the
    referrer has told them, or introduced you), "name" (the referrer said to call them), or ""."""
    referrer = _referrer(contact, others) if contact.referred_by else None
    first = _folded(contact.name).split()[:1]
    if referrer is None or not first:
        return ""
    text = _folded(f"{referrer.notes or ''}\n{getattr(referrer, 'last_call_notes', None) or ''}")
    name = re.escape(first[0])
    if re.search(_DOOR_OPEN.format(n=name), text, re.I):
        return "told"
    return "name" if re.search(_DOOR_NAME.format(n=name), text, re.I) else ""
