"""Finding the contact a user means by a typed name (/called, /prep, the console).

Case-, accent- and apostrophe-insensitive; the name is tried first, then the company. A typed word
matches a whole word of the name, or is an initial ("j doe", "jane d."): never a piece inside another
word ("amara" is not "McNamara"). Pure: it works on the (id, name, name_key, company,
company_key[, event, met_on]) rows from storage.contacts.name_index.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
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


# Apostrophes vanish and hyphens part words: "O'Connell" is "OConnell", "Mary-Jane" is "Mary Jane".
# The same characters as storage.contacts.contacts_by_loose_name replaces in SQL.
APOSTROPHES = ("'", "\u2019", "\u2018", "`")
_LOOSE = str.maketrans({**dict.fromkeys(APOSTROPHES, ""), "-": " "})


_HAS_LOOSE = re.compile("[-" + "".join(APOSTROPHES) + "]").search


def loose_key(text: str | None) -> str:
    """fold() without apostrophes, hyphens read as spaces: the key two spellings of a name share
    ("Zoë O'Connell" and "Zoe OConnell": "zoe oconnell")."""
    return _loosened(fold(text or ""))


def _loosened(folded: str) -> str:
    """loose_key of a text fold() gave already (a stored key): cheap when it has nothing to drop."""
    return " ".join(folded.translate(_LOOSE).split()) if _HAS_LOOSE(folded) else folded


def _words(key: str) -> list[str]:
    return [w for w in (part.strip(".,()") for part in key.split()) if w]


def words_match(typed: Sequence[str], name: Sequence[str]) -> bool:
    """Every typed word is a whole word of `name`, or an initial of one (one letter), in the name's
    order, each word of the name used once."""
    at = 0
    for word in typed:
        while at < len(name) and not (name[at] == word or (len(word) == 1 and name[at][0] == word)):
            at += 1
        if at == len(name):
            return False
        at += 1
    return True


def _tier(r: Row, key: str, typed: list[str]) -> int | None:
    """How well row `r` matches: 0 the full name, 1 name and company, 2 the first name, 3 whole words
    or initials of the name, 4 the company, 5 whole words of the company; None: not at all."""
    name = _loosened(r[2])
    if name == key:
        return 0
    company = _loosened(r[4]) if r[4] else ""
    if typed[0] not in name and typed[0] not in company:  # cheap: most rows stop here
        return None
    if company and key in (f"{name} ({company})", f"{name} {company}"):
        return 1
    words = _words(name)
    if words[:1] == typed:
        return 2
    if words_match(typed, words):
        return 3
    if company == key and company:
        return 4
    if company and words_match(typed, _words(company)):
        return 5
    return None


def resolve_contact(rows: Sequence[Row], query: str, *, max_choices: int = 10) -> Resolution:
    key = loose_key(query)
    if not key:
        return Resolution()
    typed = _words(key)
    if not typed:
        return Resolution()

    buckets: list[list[Row]] = [[] for _ in range(6)]
    for r in rows:
        tier = _tier(r, key, typed)
        if tier is not None:
            buckets[tier].append(r)
    for tier in buckets:  # the first tier that matches anything decides
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
