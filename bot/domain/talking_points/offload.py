"""Something piling up that they want gone (SPEC §14, introductions): "used crucibles and cupel waste
piling up in the store … asked if anyone takes it off their hands" is a need for someone who takes
the cupel waste, met by a contact who "takes spent cupels and recovers the lead"."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.domain.talking_points.situation_leads import PILING

# they want it gone: "asked if anyone takes it off their hands", "would pay someone to haul it away"
_WANT_GONE = re.compile(
    r"\b(?:(?:any|some)(?:one|body)|someone|a firm|a company)\s+(?:who'?ll |who will |to |that )?"
    r"(?:takes?|collects?|hauls?|clears?|buys?|recycles?)\s+(?:it|them|that|those)\b|"
    r"\b(?:off|of) (?:their|his|her|our) hands\b|\bget rid of (?:it|them)\b|\bwants? (?:it|them) gone\b",
    re.I,
)
_ITEM_SPLIT = re.compile(r"\s+(?:and|\+|&)\s+|\s*,\s*", re.I)


def piled_items(text: str) -> list[str]:
    """What piles up that they want gone ("used crucibles", "cupel waste"): at most two items, as typed;
    [] unless the notes also say they want it gone."""
    gone = _WANT_GONE.search(text)
    if not gone:
        return []
    piled = [m for m in PILING.finditer(text) if m.start() < gone.start()]
    if not piled:
        return []
    what = re.sub(r"^.*[.;:]\s*", "", piled[-1].group("x")).strip()
    return [item.strip() for item in _ITEM_SPLIT.split(what) if item.strip()][-2:]


_VAGUE = ("used", "old", "spent", "scrap", "the", "our", "their", "empty", "all")
_TOKEN = re.compile(r"\w+")


def offload_needs(text: str, stem: Callable[[str], str]) -> list[tuple[str, str]]:
    """(the word whoever takes it would name, the need as said) for each thing piled up that they want
    gone: "cupel waste" → ("cupel", "looking for someone to take cupel waste")."""
    items = piled_items(text)  # every profile of every contact passes here: most have no pile at all
    vague = {stem(w) for w in _VAGUE} if items else set()
    found = []
    for item in items:
        heads = [stem(t) for t in _TOKEN.findall(item) if stem(t) not in vague]
        if heads:
            found.append(
                (
                    heads[-2 if heads[-1] == "waste" and len(heads) > 1 else -1],
                    f"looking for someone to take {item}",
                )
            )
    return found
