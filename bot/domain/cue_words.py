"""Cue words in the other languages notes are typed in ("prometi mandar … até 18/12", "rappeler sem
pro"), read as the English the date, promise, wait and ask readers key on. Data: seeds/cue_words.toml.
Pure: `in_english("promis devis avant ven 11/12")` → "promised quote before Fri 11/12"."""

from __future__ import annotations

import re
from functools import lru_cache

from seeds import cue_words


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    keys = sorted(cue_words(), key=len, reverse=True)  # "semaine pro" before "pro"-less words inside it
    return re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w'’])", re.I)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every cue ("pas", "semaine", "prometi"): a note with none of them has no cue."""
    return frozenset(re.split(r"[\s']", key)[0] for key in cue_words())


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def in_english(text: str | None) -> str | None:
    """`text` with its cue words in English; the same object when it has none (most notes: one pass
    over the words against a set, never the whole alternation)."""
    if not text or _first_words().isdisjoint(w.lower() for w in _WORD.findall(text)):
        return text
    return _pattern().sub(lambda m: cue_words()[m.group().lower()], text)
