"""Where another contact meets a need (intros.py): the need's own words in what they offer, a surplus
of its head word ("retiring ~30 barriques" for "used casks", "6 trucks free for return loads"), or a
practice of its kind ("a structural assessment" and "Ōshiro Structural Design")."""

from __future__ import annotations

from bot.domain.talking_points.facts import _find, _Need, _Profile, _stem, _vague

# what someone has too much of and will let go: "retiring ~30 barriques", "rid of the old racks"
_SURPLUS_WORDS = (
    "retiring", "spare", "surplus", "leftover", "offloading", "rid", "selling", "dispose", "disposes", "disposing",
    "dumps", "dumping", "excess",
)  # fmt: skip


_SURPLUS = frozenset(_stem(w) for w in _SURPLUS_WORDS)
_FREE = frozenset(_stem(w) for w in ("free", "idle", "empty", "available", "unused", "spare"))


def _free_after(them: _Profile, k: int) -> bool:
    """ "6 trucks free for return loads", "3 rooms idle till March": a surplus said after the thing."""
    return any(them.stems[j] in _FREE for j in range(k + 1, min(len(them.stems), k + 3)))


def _find_any(them: _Profile, need: _Need) -> tuple[list[int], int]:
    """Where the first phrase that meets `need` starts in `them`'s words, and that phrase's length."""
    for phrase in need.phrases:
        if phrase[0] in them.provided:
            hits = _find(them.provides, phrase)
            if hits:
                return hits, len(phrase)
    # "retiring ~30 barriques" meets "used red-wine casks": a surplus meets the need on its head word alone
    for phrase in need.phrases if len(need.stems) > 1 else ():
        for k in _find(them.provides, phrase[-1:]) if phrase[-1] in them.provided else ():
            if any(them.stems[j] in _SURPLUS for j in range(max(0, k - 7), k)) or _free_after(them, k):
                return [k], 1  # "rid of 600 L of used oil", "6 trucks free for return loads"
    # "a structural assessment" meets "Ōshiro Structural Design": that kind of work, done by a practice of it
    for phrase in need.phrases:
        if len(phrase) >= 2 and phrase[-1] in _SERVICE_HEADS and not _vague(phrase[-2]):
            for k in _find(them.provides, phrase[-2:-1]) if phrase[-2] in them.provided else ():
                if k + 1 < len(them.stems) and them.stems[k + 1] in _PRACTICE:
                    return [k], 2
    return [], 0


def _need_keys(need: _Need) -> frozenset[str]:
    """Every word `_find_any(them, need)` looks up in `them.provided` before it finds anything: a
    profile that offers none of them cannot meet the need, told by one set test instead of the walk."""
    keys = {phrase[0] for phrase in need.phrases}
    if len(need.stems) > 1:
        keys.update(phrase[-1] for phrase in need.phrases)
    keys.update(
        phrase[-2]
        for phrase in need.phrases
        if len(phrase) >= 2 and phrase[-1] in _SERVICE_HEADS and not _vague(phrase[-2])
    )
    return frozenset(keys)


_SERVICE_HEADS = frozenset(
    _stem(w)
    for w in (
        "assessment",
        "survey",
        "inspection",
        "audit",
        "diagnosis",
        "appraisal",
        "evaluation",
        "calculations",
    )
)
_PRACTICES = "design|office|engineer|engineering|practice|consultancy|consultants|studio|lab"
_PRACTICE = frozenset(_stem(w) for w in _PRACTICES.split("|"))


def linked(contact, other) -> bool:
    """Whether the two already know each other through the user's records: one introduced or referred
    the other ("she's the one who brought Hélène over"). No introduction to offer between them."""
    mine = {n.strip().casefold() for n in (contact.introducer, contact.referred_by) if n}
    theirs = {
        n.strip().casefold()
        for n in (getattr(other, "introducer", None), getattr(other, "referred_by", None))
        if n
    }
    return other.name.strip().casefold() in mine or contact.name.strip().casefold() in theirs
