"""Finding the contact a user means by a typed name (/called, /prep, the console).

Case- and accent-insensitive; the name is tried first, then the company. Pure: it works on the
(id, name, name_key, company, company_key[, event, met_on]) rows from storage.contacts.name_index.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain.vocabulary import fold

Row = tuple  # (id, name, name_key, company, company_key), optionally followed by (event, met_on)

# A pick button holds at most 75 characters: each part is kept short enough for all to fit.
_CHOICE_PARTS = {"name": 29, "company": 18, "event": 14}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    company: str | None
    event: str | None = None
    met_on: dt.date | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name

    @property
    def choice_label(self) -> str:
        """Name · company · where and when you met ("José Núñez · Bank of America · PyCon, 24 Nov"):
        what tells two people of the same name apart on a pick button (at most 75 characters)."""
        parts = [_short(self.name, _CHOICE_PARTS["name"])]
        if self.company:
            parts.append(_short(self.company, _CHOICE_PARTS["company"]))
        when = f"{self.met_on.day} {self.met_on:%b}" if self.met_on else None
        if self.event:
            event = _short(self.event, _CHOICE_PARTS["event"])
            parts.append(f"{event}, {when}" if when else event)
        elif when:
            parts.append(f"met {when}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Resolution:
    """Exactly one of: `match` (one contact), `choices` (several, ask), or neither (see `suggestions`)."""

    match: Candidate | None = None
    choices: tuple[Candidate, ...] = ()
    suggestions: tuple[Candidate, ...] = field(default=())


def _candidate(row: Row) -> Candidate:
    event, met_on = (row[5], row[6]) if len(row) >= 7 else (None, None)
    return Candidate(id=row[0], name=row[1], company=row[3], event=event, met_on=met_on)


def resolve_contact(rows: Sequence[Row], query: str, *, max_choices: int = 10) -> Resolution:
    key = fold(query)
    if not key:
        return Resolution()
    # Tiers in order; the first that matches anything decides. Generators, so a 10,000-contact
    # list is scanned only as far as needed.
    tiers = (
        lambda r: r[2] == key,  # exact full name
        lambda r: bool(r[4]) and (f"{r[2]} ({r[4]})" == key or f"{r[2]} {r[4]}" == key),  # "name (company)"
        lambda r: r[2].startswith(key + " ") or r[2].split(" ")[0] == key,  # first name
        lambda r: key in r[2],  # part of the name
        lambda r: bool(r[4]) and r[4] == key,  # company, exact
        lambda r: bool(r[4]) and key in r[4],  # company, part
    )
    for test in tiers:
        tier = [r for r in rows if test(r)]
        if len(tier) == 1:
            return Resolution(match=_candidate(tier[0]))
        if tier:
            return Resolution(choices=tuple(_candidate(r) for r in tier[:max_choices]))
    return Resolution(suggestions=closest(rows, key))


def closest(rows: Sequence[Row], key: str, limit: int = 3, cutoff: float = 0.5) -> tuple[Candidate, ...]:
    """The nearest names by spelling, for "did you mean…" when nothing matched.

    Like difflib.get_close_matches: the cheap upper bounds (real_quick_ratio, quick_ratio) rule out
    most rows before the costly ratio(), which keeps this fast on 10,000 contacts.
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)

    def score(text: str | None) -> float:
        if not text:
            return 0.0
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            return 0.0
        return matcher.ratio()

    scored = []
    for row in rows:
        best = max(score(row[2]), score(row[2].split(" ")[0]), score(row[4]))
        if best >= cutoff:
            scored.append((-best, row[0], row))
    scored.sort()
    return tuple(_candidate(r) for _, _, r in scored[:limit])
