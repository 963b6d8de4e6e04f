"""A firm after a few customers of one kind for a pilot or a trial ("looking for 2-3 hotels for a free
pilot in Jan") meets a contact who is one ("Holm Hotels"; "owner, 30-room lodge"): an introduction both
ways (SPEC §14, two-sided introductions in different words). Which words name one kind of business is
data: `[[kind]]` in seeds/vocabulary.toml. One regex scan over the others' folded text (cached in the
index) finds the seekers or the candidates; the kind check runs on those only. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.talking_points.others import OthersIndex, _fold_text, _text
from seeds import vocabulary

_SEEKS = re.compile(
    r"\b(?:looking|searching|hunting|wants?|needs?|after)\s+(?:for\s+)?(?:a few |some |a couple of |one or two |"
    r"two |three |four |five |more |\d+\s*(?:-|–|to|or)\s*\d+\s+|\d+\s+)?(?:small |local |independent |new )?"
    r"(?P<kind>[a-z][a-z&'-]+)\s+(?:for|to)\s+(?:a |an |the |their |its )?(?:free |paid |short |small |first |"
    r"\d+-\w+ )?(?:pilot|trial|beta|test|try (?:it|out))\w*\b[^.;!?\n]{0,30}",
    re.I,
)


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """word → the name of its kind of business ("lodge" → "hotel")."""
    return {w: k["name"] for k in vocabulary().get("kind", ()) for w in k["words"]}


def _single(word: str) -> str:
    word = word.lower()
    if word in _kinds():
        return word
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(cut) and (word[: -len(cut)] + add) in _kinds():
            return word[: -len(cut)] + add
    return word


@lru_cache(maxsize=64)
def _words_of(kind: str) -> re.Pattern:
    words = sorted((w for w, k in _kinds().items() if k == kind), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?:s|es)?\b", re.I)


def _one_of(text: str, kind: str) -> str:
    """The words that say this contact IS one of `kind` (their role or firm, else their notes' first
    clause), "" when they are not: a firm that serves them ("software for hotels") is not one."""
    role, _, notes = text.partition("\n")
    first = re.split(r"[.;!?\n]", notes, maxsplit=1)[0]
    for part in (role, first):
        found = _words_of(kind).search(_fold_text(part))
        if found and not re.search(
            r"\b(?:for|to|with)\s+(?:[\w-]+\s+){0,2}$", _fold_text(part)[: found.start()]
        ):
            said = " ".join(part.split()).strip(" ,;:")
            return f"runs {said}" if part is role and said[:1].isupper() and ";" not in said else said
    return ""


@dataclass(frozen=True)
class Pilot:
    other_position: int  # in the index's pool
    contact_seeks: bool  # True: this contact is after them; False: this contact is one of the kind
    seeker_words: str  # "looking for 2-3 hotels for a free pilot in Jan"
    kind_words: str  # "Holm Hotels" or the notes' first clause


def pilots_for(text: str, index: OthersIndex, skip_id: int) -> list[Pilot]:
    """Others this contact (role and notes in `text`) could pilot with, best first (two at most)."""
    found: list[Pilot] = []
    seeks = _SEEKS.search(text)
    kind = _kinds().get(_single(seeks.group("kind"))) if seeks else None
    if seeks and kind:
        for k in index.positions(_words_of(kind)):
            other = index.pool[k]
            theirs = _text(other) if other.id != skip_id else ""
            said = _one_of(theirs, kind) if theirs else ""
            if said and not _SEEKS.search(theirs):
                found.append(Pilot(k, True, " ".join(seeks.group().split()), said))
    elif not seeks:
        for k in index.positions(_SEEKS):
            other = index.pool[k]
            theirs = _SEEKS.search(_text(other)) if other.id != skip_id else None
            kind = _kinds().get(_single(theirs.group("kind"))) if theirs else None
            said = _one_of(text, kind) if kind else ""
            if said:
                found.append(Pilot(k, False, " ".join(theirs.group().split()), said))
    return found[:2]
