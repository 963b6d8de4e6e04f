"""Patterns the day reader (call_text) uses on the words of a note: hyphens and slashes that join a day
to its word ("mid-January", "11/jan"), a range's last day ("13-15 Dec"), a whole date ("2026-12-27",
"27/12"), a bare day after "the" ("until the 15"), and a break named by its own day ("xmas leave fri 18
Dec"). Pure."""

from __future__ import annotations

import re

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
