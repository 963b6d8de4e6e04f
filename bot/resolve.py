"""Finding the contact a user means by a typed name (/called, /prep, the console).

Case- and accent-insensitive; the name is tried first, then the company. Pure: it works on the
(id, name, name_key, company, company_key) rows from storage.contacts.name_index.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain import fold

Row = tuple[int, str, str, "str | None", "str | None"]


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    company: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


@dataclass(frozen=True)
class Resolution:
    """Exactly one of: `match` (one contact), `choices` (several, ask), or neither (see `suggestions`)."""

    match: Candidate | None = None
    choices: tuple[Candidate, ...] = ()
    suggestions: tuple[Candidate, ...] = field(default=())


def _candidate(row: Row) -> Candidate:
    return Candidate(id=row[0], name=row[1], company=row[3])


def resolve_contact(rows: Sequence[Row], query: str, *, max_choices: int = 10) -> Resolution:
    key = fold(query)
    if not key:
        return Resolution()
    tiers = [
        [r for r in rows if r[2] == key],  # exact full name
        [r for r in rows if f"{r[2]} ({r[4]})" == key or f"{r[2]} {r[4]}" == key],  # "name (company)"
        [r for r in rows if r[2].startswith(key + " ") or r[2].split(" ")[0] == key],  # first name
        [r for r in rows if key in r[2]],  # part of the name
        [r for r in rows if r[4] and r[4] == key],  # company, exact
        [r for r in rows if r[4] and key in r[4]],  # company, part
    ]
    for tier in tiers:
        if len(tier) == 1:
            return Resolution(match=_candidate(tier[0]))
        if tier:
            return Resolution(choices=tuple(_candidate(r) for r in tier[:max_choices]))
    return Resolution(suggestions=closest(rows, key))


def closest(rows: Sequence[Row], key: str, limit: int = 3) -> tuple[Candidate, ...]:
    """The nearest names by spelling, for "did you mean…" when nothing matched."""
    scored = []
    for row in rows:
        first = row[2].split(" ")[0]
        score = max(
            difflib.SequenceMatcher(None, key, row[2]).ratio(),
            difflib.SequenceMatcher(None, key, first).ratio(),
            difflib.SequenceMatcher(None, key, row[4]).ratio() if row[4] else 0.0,
        )
        if score >= 0.5:
            scored.append((-score, row[0], row))
    scored.sort()
    return tuple(_candidate(r) for _, _, r in scored[:limit])
