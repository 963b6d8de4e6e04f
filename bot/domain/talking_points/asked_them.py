"""What the user asked the contact for in their last e-mail, message or voicemail (split from `known`):
"emailed: short hello, asked for their last three energy bills" means the next touch waits on them.
Pure."""

from __future__ import annotations

import re

from bot.domain.talking_points.case_items import _THING_STOP, _YOU_ASKED
from bot.domain.talking_points.known_words import _DETERMINED, _MEETING_ASK, _THEY_FIND, _THEY_SEND
from bot.domain.talking_points.thread import _THEIR, _whole


def asked_them_values(call_notes: str, name: str) -> dict[str, str]:
    """asked_them_for, their_thing and their spoken forms; {} when the notes ask them for nothing
    (or only for a call: "asked for a 15-minute call" is a meeting proposed, not a thing)."""
    asked = _YOU_ASKED.search(call_notes)
    if not asked:
        return {}
    thing = _THING_STOP.sub("", asked.group("x")).strip(" ,;:.")
    if not 1 <= len(thing.split()) <= 10 or re.match(
        r"(?:it|them|that|this)\b|.*" + _MEETING_ASK.pattern, thing, re.I
    ):
        return {}
    said = thing if _DETERMINED.match(thing) else f"the {thing}"
    # "thanks for the Channarith tip, asked for his direct number": his is Channarith's, never "your"
    named = set(re.findall(r"\b[A-Z][\w'’-]{2,}", call_notes[: asked.start()])) - set(name.split())
    spoken = said if named and re.match(r"(?:his|her)\b", said) else _THEIR.sub("your", said)
    values = {"asked_them_for": _whole(said, 90), "asked_them_for_spoken": _whole(spoken, 90)}
    return {
        **values,
        "their_thing": values["asked_them_for"],
        "their_thing_spoken": values["asked_them_for_spoken"],
    }


def their_thing_values(call_notes: str) -> dict[str, str]:
    """their_thing and their_thing_spoken when the call's notes say they will send something ("she'll
    send photos of the bins") or find a name ("he'll ask around who runs the belts"); {} otherwise."""
    theirs, name_of = _THEY_SEND.search(call_notes), ""
    if found := not theirs and _THEY_FIND.search(call_notes):
        theirs, name_of = found, "the name of whoever "
    if not theirs:
        return {}
    thing = name_of + theirs.group("x") if found else _THING_STOP.sub("", theirs.group("x"))
    thing = thing.strip(" ,;:.")
    if not 1 <= len(thing.split()) <= (13 if found else 10) or re.match(
        r"(?:it|them|that|this)\b", thing, re.I
    ):
        return {}
    said = thing if re.match(r"(?:the|a|an|their|his|her|some|two|three)\b", thing, re.I) else f"the {thing}"
    return {"their_thing": _whole(said, 90), "their_thing_spoken": _whole(_THEIR.sub("your", said), 90)}
