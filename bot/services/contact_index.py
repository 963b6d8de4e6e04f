"""The owner's contacts as narrow rows (for resolving names) and as facts (for introductions), held by
each Services container (`services.contact_indexes`) and refreshed with only what changed."""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy.orm import Session

from bot.domain.talking_points import ContactFacts, OthersIndex, others_index, others_index_after
from bot.domain.vocabulary import Stage
from storage.contacts import contact_ids, contacts_fingerprint, talking_point_index

_STAGES = {stage.value: stage for stage in Stage}


def stage_of(value: str | None) -> Stage:
    """The stored stage string as a Stage; an unknown or missing one reads as new."""
    return _STAGES.get(value or "", Stage.NEW)


def _other(row: Sequence) -> ContactFacts:
    """A narrow talking_point_index row → the few facts introductions look at."""
    cid, name, _key, company, _ckey, role, notes, stage, _event, met_on, introducer, referred_by = row[:12]
    last_call_notes = row[12] if len(row) > 12 else None
    return ContactFacts(
        cid,
        name,
        company,
        role,
        notes=notes,
        stage=stage_of(stage),
        met_on=met_on,
        introducer=introducer,
        referred_by=referred_by,
        last_call_notes=last_call_notes,
    )


@dataclass(frozen=True)
class ContactIndex:
    """The owner's contacts as narrow rows (for resolving names) and as facts (for introductions)."""

    rows: tuple[Sequence, ...]
    others: tuple[ContactFacts, ...]

    @cached_property
    def ids(self) -> tuple[int, ...]:
        """Contact ids, ascending (rows are in id order)."""
        return tuple(row[0] for row in self.rows)

    @cached_property
    def intro_index(self) -> OthersIndex:
        """`others` folded and joined for introductions, built on first use and kept with this
        version of the index: every /prep, digest and Home render until the next change shares it,
        and with it the shortlist hits and parsed notes it memoizes. (Two threads racing here build
        it twice; both copies are equal.)"""
        return others_index(self.others)


def _updated(old: ContactIndex, fresh: Sequence[Sequence], *, alive: set[int] | None = None) -> ContactIndex:
    """`old` with the rows changed since it was built (`fresh`), and, given `alive` (some were
    deleted), without the ids not in it.

    The common case, edits of existing contacts and new ones with higher ids, replaces rows in place
    and appends, and carries the introductions index over (others_index_after) instead of folding
    every other contact's text again; anything else merges by id and builds it on first use."""
    ids = old.ids
    rows, others = list(old.rows), list(old.others)
    changed, added = [], []
    for row in fresh:
        facts = _other(row)
        k = bisect_left(ids, row[0])
        if k < len(ids) and ids[k] == row[0]:
            rows[k], others[k] = row, facts
            changed.append(facts)
        else:
            added.append((row, facts))
    added.sort(key=lambda pair: pair[0][0])
    in_order = not added or not ids or added[0][0][0] > ids[-1]
    if alive is not None or not in_order:
        merged = dict(zip(ids, zip(rows, others, strict=True), strict=True))
        merged.update((row[0], (row, facts)) for row, facts in added)
        if alive is not None:
            merged = {cid: pair for cid, pair in merged.items() if cid in alive}
        pairs = [merged[cid] for cid in sorted(merged)]
        return ContactIndex(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))
    index = ContactIndex(
        tuple(rows) + tuple(row for row, _ in added), tuple(others) + tuple(facts for _, facts in added)
    )
    index.__dict__["ids"] = ids + tuple(row[0] for row, _ in added)  # the cached_property, known here
    built = old.__dict__.get("intro_index")  # the old version's, if it was built
    if built is not None:
        after = others_index_after(built, changed, [facts for _, facts in added])
        if after is not None:
            index.__dict__["intro_index"] = after
    return index


class ContactIndexCache:
    """ContactIndex per owner, kept fresh by a fingerprint (count, max id, max updated_at).

    Building it for 10,000 contacts costs more than everything else /prep does. A changed fingerprint
    reloads only the contacts updated since the cached max updated_at (and the id list when some were
    deleted). Bounded by the number of contacts held, least recently used out.
    """

    def __init__(self, max_contacts: int = 200_000) -> None:
        self._max = max_contacts
        self._held = 0
        self._entries: OrderedDict[tuple, tuple[tuple, ContactIndex]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[tuple, ContactIndex] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, fingerprint: tuple, index: ContactIndex) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._held -= len(old[1].rows)
            if len(index.rows) > self._max:
                return
            self._entries[key] = (fingerprint, index)
            self._held += len(index.rows)
            while self._held > self._max:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._held -= len(dropped.rows)

    def load(self, session: Session, team: str, user: str) -> ContactIndex:
        """The owner's ContactIndex: cached, refreshed with only what changed since it was built."""
        key = (team, user)
        fingerprint = contacts_fingerprint(session, team, user)
        cached = self.get(key)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        if cached is None or cached[0][2] is None:
            rows = tuple(talking_point_index(session, team, user))
            index = ContactIndex(rows, tuple(_other(r) for r in rows))
        else:
            old_fingerprint, old = cached
            fresh = talking_point_index(session, team, user, changed_since=old_fingerprint[2])
            index = _updated(old, fresh)
            if len(index.rows) != fingerprint[0]:  # some were deleted
                index = _updated(old, fresh, alive=contact_ids(session, team, user))
        self.put(key, fingerprint, index)
        return index
