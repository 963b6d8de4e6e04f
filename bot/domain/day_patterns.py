"""Patterns the day reader (call_text) uses on the words of a note: hyphens and slashes that join a day
to its word ("mid-January", "11/jan"), a range's last day ("13-15 Dec"), a whole date ("2026-12-27",
"27/12"), a bare day after "the" ("until the 15"), a break named by its own day ("xmas leave fri 18
Dec"), and "call after that" after a day or a vote. Pure."""

from __future__ import annotations

import re

from bot.domain.cue_words import in_english

_HYPHENED = re.compile(
    r"\b(mid|early|late|end)-(?=[a-z])|(?<=\b\d)/(?=[a-z]{3})|(?<=\b\d\d)/(?=[a-z]{3})", re.I
)
_STOPS = (",", ";", ".")  # the marks that end a clause after a word
_NAMED_BREAK = re.compile(
    r"(?:leave|holidays?|break|shutdown|closure|hols)\s+(?:from\s+|on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d)"
)
_RANGE = re.compile(r"\d{1,2}[-–](\d{1,2})")
_HAS_MONTH = re.compile(r"\d{4}-\d{1,2}-\d{1,2}$|\d{1,2}[/.-]\d{1,2}")  # "2026-12-27", "27/12": whole dates
_BARE_DAY = re.compile(r"^(\d{1,2})$")
# "flying out tmrw, back 4 Jan": the day they are back is the next call, never the day they leave
_BACK = frozenset(("back", "returns", "return", "returning"))

_CALL_AFTER = re.compile(r"^[\s,;.—–-]*(?:\w+\s+){0,2}(?:call|ring|try|phone)\s+(?:\w+\s+)?after\b", re.I)
_CALL_AFTER_IT = re.compile(_CALL_AFTER.pattern + r"(?:\s+(?:that|it|then|this))?\s*(?:[.;,!?]|$)", re.I)

_CALL_KEYS = frozenset(("call", "ring", "phone", "try", "contact", "chase", "email", "e-mail"))


def _deciding(keys: list[str], i: int, end: int) -> bool:
    """Whether the words around a day say a decision is taken then ("meet on the 17th to choose")."""
    return any(k.startswith(_DECIDING) for k in keys[max(0, i - 8) : i] + keys[end : end + 3])


_DECIDING = ("decid", "decision", "approv", "vote", "choos", "pick", "sign")


def _after_then(keys: list[str], at: int) -> bool:
    """Whether the words just after a day say to call after it: "…, call him after that"."""
    window = keys[at : at + 9]
    for n in range(len(window)):
        # "…, call him after that"; "capex cmte decides Thu 17th, call her after" (the notes end there)
        if window[n] == "after" and (
            window[n + 1 : n + 2] in (["that"], ["then"], ["it"], ["this"])
            or n + 1 == len(window) == len(keys) - at
        ):
            return any(k in _CALL_KEYS for k in window[max(0, n - 3) : n])
    return False


# "call him back around 28th", "ring me back after the 4th": a day they set for the call itself
_CALLBACK_SET = re.compile(
    r"\b(?:call|ring|phone|try)\s+(?:(?:him|her|them|me|us)\s+)?back\s+(?:around|about|after|on|from|in|by|the|mon|tue|wed|thu|fri|\d)",
    re.I,
)


def callback_set(notes: str | None) -> bool:
    """Whether the notes give a day for the call back itself (it comes before anything to deliver first)."""
    return bool(_CALLBACK_SET.search(in_english(notes) or ""))


def call_then(keys: list[str], start: int, end: int, leads: frozenset[str]) -> bool:
    """Whether the words around a day (`start`-`end`) say to call on it: a call word just before ("ring
    on Tue"), or "call then" right after ("campus reopens Mon 4 Jan — call then")."""
    if any(k in leads for k in keys[max(0, start - 3) : start]):
        return True
    return [w for w in keys[end : end + 3] if w.strip("-—–,")][:2] in (["call", "then"], ["ring", "then"])
