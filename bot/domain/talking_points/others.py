"""The other contacts, indexed for introductions (intros.py): their role, notes and last call's notes
folded and joined once, so many `prepare` calls share the work, and kept up to date from version to
version (a new contact appended, a changed one spliced in place) instead of rebuilt."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from bot.domain.talking_points.facts import OtherFacts, _combined, _Profile, _profile
from bot.domain.talking_points.situation_leads import typed_plain
from bot.domain.vocabulary import Stage, fold


@dataclass(frozen=True)
class OthersIndex:
    """The other contacts' role and notes, folded and joined once, for many `prepare` calls to share.

    `reasons_for` builds one per batch instead of one per contact; it gives the same shortlist either
    way, because a regex match never crosses the NUL between two contacts' texts.
    """

    pool: tuple[OtherFacts, ...]
    folded: str
    starts: tuple[int, ...]
    ids: tuple[int, ...]  # pool[k].id
    # Filled as the index is used by the contacts of one batch, which share much: pattern -> the
    # positions in `pool` it hits ("hiring" for every jobish need), and position -> that other's profile.
    hits: dict[re.Pattern, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    profiles: dict[int, _Profile] = field(default_factory=dict, compare=False, repr=False)
    # first folded word of an introducer or referrer -> the others who name them, built on first use
    introducers: dict[str, tuple[OtherFacts, ...]] = field(default_factory=dict, compare=False, repr=False)

    def positions(self, pattern: re.Pattern) -> tuple[int, ...]:
        """Positions in `pool` of the others whose folded text `pattern` finds, scanned once per index
        (a match never crosses the NUL between two contacts' texts)."""
        found = self.hits.get(pattern)
        if found is None:
            found = self.hits[pattern] = tuple(
                {bisect_right(self.starts, m.start()) - 1: None for m in pattern.finditer(self.folded)}
            )
        return found

    def profile(self, k: int) -> _Profile:
        found = self.profiles.get(k)
        if found is None:
            other = self.pool[k]
            found = self.profiles[k] = profile_of(other)
        return found


def _notes(other: OtherFacts) -> str | None:
    """The notes from meeting them and from the newest call: either may say what they can offer; read
    as meant, as this contact's own are ("cherche transporteur": looking for a haulier)."""
    call = getattr(other, "last_call_notes", None)
    return typed_plain(f"{other.notes or ''}\n{call}".strip() if call else other.notes)


def _pooled(other: OtherFacts) -> bool:
    """Whether an other contact can be introduced: it has a role or notes and is not let go."""
    said = other.notes or getattr(other, "last_call_notes", None)  # read as meant only once pooled
    return bool((said and said.strip()) or _role(other)) and other.stage != Stage.LET_GO


def _role(other) -> str | None:
    """Their role and their firm's name, which often says their trade ("Grech & Sons Metalworks")."""
    company = (getattr(other, "company", None) or "").strip()
    role = (other.role or "").strip()
    return f"{role}; {company}" if role and company else role or company or None


def profile_of(other) -> _Profile:
    """What a contact needs and can offer, for introductions: role, firm, notes and the last call's."""
    return _profile(*_combined(_role(other), _notes(other)), not (other.role or "").strip())


def _text(other: OtherFacts) -> str:
    return f"{_role(other) or ''}\n{_notes(other) or ''}"


def _fold_text(text: str) -> str:
    return text.lower() if text.isascii() else fold(text)


def others_index(others: Sequence[OtherFacts]) -> OthersIndex:
    pool = [other for other in others if _pooled(other)]
    texts = [_text(other) for other in pool]
    joined = "\x00".join(texts)
    if joined.isascii():
        folded = joined.lower()
    else:
        texts = [_fold_text(t) for t in texts]
        folded = "\x00".join(texts)
    starts = tuple(accumulate((len(t) + 1 for t in texts), initial=0))
    return OthersIndex(tuple(pool), folded, starts, tuple(o.id for o in pool))


def others_index_after(
    index: OthersIndex, changed: Sequence[OtherFacts], added: Sequence[OtherFacts]
) -> OthersIndex | None:
    """`index` after some contacts changed (`changed`, same ids) and new ones came (`added`, ids above
    every id in it, in id order), built from it rather than from scratch: a change that leaves every
    role and note as it was swaps the facts in place; new contacts are appended, and the shortlist
    hits found so far are extended by scanning their text alone (a match never crosses the NUL
    between two contacts). The same index `others_index` would build, or None when that is needed
    (a role or note changed, a contact was let go or came back, or an id is out of order)."""
    pool, ids = list(index.pool), index.ids
    rewritten: dict[int, str] = {}  # position -> its new folded text (a call's notes, a new role)
    swapped: dict[int, tuple[OtherFacts, OtherFacts]] = {}  # id -> (as it was, as it is) in the pool
    for other in changed:
        k = bisect_right(ids, other.id) - 1
        here = k >= 0 and ids[k] == other.id
        if not here:
            if _pooled(other):
                return None  # it joins the pool: its text goes in the middle
            continue
        old = pool[k]
        if not _pooled(other):
            return None
        if (_role(old), _notes(old)) != (_role(other), _notes(other)):
            rewritten[k] = _fold_text(_text(other))
        pool[k] = other
        swapped[other.id] = (swapped.get(other.id, (old,))[0], other)
    new = [o for o in added if _pooled(o)]
    named = _named_after(index.introducers, swapped, new)
    if rewritten:
        index = _rewritten(index, rewritten)
    if not new:
        return OthersIndex(tuple(pool), index.folded, index.starts, ids, index.hits, index.profiles, named)
    if (ids and new[0].id <= ids[-1]) or any(a.id >= b.id for a, b in itertools.pairwise(new)):
        return None
    texts = [_fold_text(_text(o)) for o in new]
    tail = "\x00".join(texts)
    if pool:  # the first new text starts past the NUL that joins it on: at the old end marker
        folded, offset = f"{index.folded}\x00{tail}", index.starts[-1]
    else:
        folded, offset = tail, 0
    starts = index.starts[:-1] + tuple(accumulate((len(t) + 1 for t in texts), initial=offset))
    first = len(pool)
    hits: dict[re.Pattern, tuple[int, ...]] = {}
    # a copy: requests sharing the old index add their shortlist hits to it while this runs
    # each new text searched alone, as a match never crosses the NUL: no scan of the joined string
    for pattern, found in dict(index.hits).items():
        more = tuple(first + j for j, text in enumerate(texts) if pattern.search(text))
        hits[pattern] = found + more if more else found
    pool.extend(new)
    return OthersIndex(
        tuple(pool), folded, starts, ids + tuple(o.id for o in new), hits, index.profiles, named
    )


def _said_by(other: OtherFacts) -> str | None:
    return getattr(other, "introducer", None) or getattr(other, "referred_by", None)


def _named_by(others: Sequence[OtherFacts]) -> dict[str, tuple[OtherFacts, ...]]:
    """First folded word of an introducer or referrer -> the others who name them, in pool order."""
    found: dict[str, list[OtherFacts]] = {}
    for other in others:
        said = _said_by(other)
        words = _fold_text(said).split() if said else []
        if words:
            found.setdefault(words[0], []).append(other)
    return {first: tuple(group) for first, group in found.items()}


def _named_after(
    named: dict[str, tuple[OtherFacts, ...]],
    swapped: dict[int, tuple[OtherFacts, OtherFacts]],
    new: Sequence[OtherFacts],
) -> dict[str, tuple[OtherFacts, ...]]:
    """`named` (an index's introducers) with the changed others' facts swapped in and the new ones
    appended: what `_named_by` gives for the updated pool, without reading every other again. Empty (built
    on first use) when it was not built, or a change names someone else."""
    if not named or any(_said_by(was) != _said_by(now) for was, now in swapped.values()):
        return {}
    named = dict(named)
    for _, now in swapped.values():
        said = _said_by(now)
        if said and (words := _fold_text(said).split()):
            named[words[0]] = tuple(now if o.id == now.id else o for o in named[words[0]])
    for first, group in _named_by(new).items():
        named[first] = named.get(first, ()) + group
    return {first: group for first, group in named.items() if first} or {"": ()}  # "": built, none


def _rewritten(index: OthersIndex, texts: dict[int, str]) -> OthersIndex:
    """`index` with the folded texts at some positions replaced (same contacts, same order): the joined
    string is spliced, later offsets shift, and each shortlist pattern is searched again in the new
    texts alone (a match never crosses the NUL between two contacts)."""
    folded, starts = index.folded, list(index.starts)
    for k in sorted(texts, reverse=True):
        begin, end = starts[k], starts[k + 1] - 1  # end: the NUL after it (or the string's end)
        folded = folded[:begin] + texts[k] + folded[end:]
        delta = len(texts[k]) - (end - begin)
        for j in range(k + 1, len(starts)):
            starts[j] += delta
    hits: dict[re.Pattern, tuple[int, ...]] = {}
    # a copy: requests sharing the old index add their shortlist hits to it while this runs
    # hits are in position order: each rewritten position is found by bisection, not by walking them all
    for pattern, found in dict(index.hits).items():
        for k, text in texts.items():
            i = bisect_left(found, k)
            there = i < len(found) and found[i] == k
            if there != (pattern.search(text) is not None):
                found = found[:i] + found[i + 1 :] if there else found[:i] + (k,) + found[i:]
        hits[pattern] = found
    profiles = {k: v for k, v in dict(index.profiles).items() if k not in texts}
    return OthersIndex(index.pool, folded, tuple(starts), index.ids, hits, profiles)
