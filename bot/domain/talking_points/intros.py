"""Introductions: this contact needs what another contact has, or has what another needs, named on
both sides. A few regex scans over all the others' folded text make a shortlist; the precise
word-by-word check runs on that shortlist only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.domain.playbook import INTRO_SIDES
from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _INVESTOR_ALTS,
    _JOBISH,
    _NEED_LEAD,
    _STOPWORDS,
    _TOPIC_WORDS,
    ContactFacts,
    OtherFacts,
    _clause_at,
    _Need,
    _part_at,
    _Profile,
    _stem,
    _topic,
    _vague,
)
from bot.domain.talking_points.intro_find import (
    _PRACTICES,
    _SERVICE_HEADS,
    _SURPLUS_WORDS,
    _find_any,
    _need_keys,
)
from bot.domain.talking_points.intro_jobs import _job_fit, _seeker
from bot.domain.talking_points.intro_uses import _trade_end, _uses
from bot.domain.talking_points.markets import market_need, markets_for
from bot.domain.talking_points.others import (  # noqa: F401 (OthersIndex and its builders are re-exported)
    OthersIndex,
    _fold_text,
    _named_by,
    _notes,
    _pooled,
    _said_by,
    others_index,
    others_index_after,
    profile_of,
)
from bot.domain.talking_points.pilots import pilots_for


def _word_pattern(stem: str) -> str:
    """Surface forms of a stem: "engineer" also finds "engineers" and "engineering"."""
    if stem.endswith("y"):
        return re.escape(stem[:-1]) + "(?:y|ies)"
    return re.escape(stem) + "(?:s|es|ing)?"


def _word_start(stem: str) -> str:
    """The surface forms of a stem where nothing follows in the pattern: "engineer" alone finds what
    "engineers" and "engineering" would."""
    return _word_pattern(stem) if stem.endswith("y") else re.escape(stem)


@lru_cache(maxsize=1 << 12)
def _shortlist_patterns(me: _Profile) -> tuple[re.Pattern, ...]:
    # Every pattern starts with a literal so the regex engine can skip ahead; a stray hit only costs
    # one precise check, so word boundaries are left to that check.
    patterns = [
        r"[ \t-]+#?".join(_word_pattern(s) for s in phrase)
        for need in me.needs
        if not need.jobish
        for phrase in need.phrases
    ]
    heads = sorted(
        {
            phrase[-1]
            for need in me.needs
            if not need.jobish and len(need.stems) > 1
            for phrase in need.phrases
        }
    )
    if heads:  # "cold rooms idle till March" for "chilled space near the port": free after the thing
        patterns.append(
            r"(?:" + "|".join(_word_pattern(h) for h in heads) + r")[ \t-]+(?:\w+[ \t-]+)?"
            r"(?:free|idle|empty|available|unused|spare)"
        )
    if heads:  # "retiring ~30 barriques" for "used red-wine casks": a surplus of the need's head word
        patterns.append(
            r"(?:"
            + "|".join(_SURPLUS_WORDS)
            + r")[ \t-]+(?:[#~]?[\w,.'’]+[ \t-]+){0,6}(?:"
            + "|".join(_word_pattern(h) for h in heads)
            + ")"
        )
    kinds = sorted(
        {
            phrase[-2]
            for need in me.needs
            for phrase in need.phrases
            if len(phrase) >= 2 and phrase[-1] in _SERVICE_HEADS and not _vague(phrase[-2])
        }
    )
    if kinds:  # "a structural assessment": a practice of that kind ("Structural Design")
        patterns.append(
            r"(?:" + "|".join(_word_pattern(k) for k in kinds) + r")[ \t-]+(?:" + _PRACTICES + ")"
        )
    if any(need.jobish for need in me.needs):
        patterns += ["hiring", "to hire"]
    if any(phrase[0] in me.provided for phrase in _INVESTOR_ALTS):
        patterns.append("rais")  # someone raising a round needs this investor
    provided = {stem for stem in me.provides if stem and stem not in _STOPWORDS and stem not in _NEED_LEAD}
    # what they offer, in its other words too: an "electrical contractor" meets "can't find a sparky"
    # (only the words of their trade: the role, else the notes' first clause, "electrical contractor; …",
    # or what a verb of supplying governs: "will take any subcontracting")
    trade_end = _trade_end(me)
    provided |= {
        alt
        for k, stem in enumerate(me.provides)
        if stem
        and stem in provided
        and _topic(stem) not in _GENERIC_TOPICS
        and (me.spans[k][0] < trade_end or (_topic(stem) in _TOPIC_WORDS and not _uses(me, k)))
        for alt in _TOPIC_WORDS.get(_topic(stem) or "", ())
    }
    if me.hiring:
        provided |= _JOBISH
    if provided:  # someone else's need that this contact can meet, a few words after the trigger
        stems = sorted(provided)
        words = "|".join(_word_pattern(stem) for stem in stems)
        # last in a pattern, a word's endings find no other contact: a match with them is one without
        ends = "|".join(_word_start(stem) for stem in stems)
        patterns.append(
            r"(?:hiring|looking for|searching for|hunting(?: for)?|scouting for|sourcing|seeking|needs?|wants?|lacks|find|"
            r"short (?:of|on)|low on|still no|without)[ \t-]+(?:[#~]?[\w,.]+[ \t-]+){0,4}#?(?:" + ends + ")"
        )  # "needs room for ~1,500 pallets"
        # "outboards keep dying" (a thing going wrong is a need for whoever fixes or supplies it), and
        # "cupel waste piling up" (a pile someone wants gone, for whoever takes it: offload.py): the words
        # compiled once for both; apart from the triggers, as two scans cost less than one of both
        patterns.append(
            r"(?:" + words + r")[ \t-]+(?:(?:\w+[ \t-]+)?(?:keeps?|kept|broke|fail|dying|died|leak|clog)|"
            r"(?:\w+[ \t-]+){0,2}(?:piling|piled|stacking) up)"
        )
    # compiled here: re's own cache holds 512, fewer than the distinct patterns of a large address book
    return tuple(_compiled(p) for p in patterns)


@lru_cache(maxsize=1 << 13)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _shortlist(me: _Profile, index: OthersIndex, skip_id: int) -> list[int]:
    """Positions in `index.pool` of the others that may match, found by a few regex scans over all
    their folded text joined into one string, so 10,000 others cost milliseconds; the precise
    word-by-word check runs on these only."""
    patterns = _shortlist_patterns(me)
    if not patterns:
        return []
    picked: set[int] = set()
    for pattern in patterns:
        picked.update(index.positions(pattern))
    return [k for k in sorted(picked) if index.ids[k] != skip_id]


# a buyer is found by what they buy (markets.py), never by the word: "existing customer" is yours
_CUSTOMERS = frozenset(_stem(w) for w in ("customer", "client", "buyer", "offtaker", "stockist"))
# "wants price for new plates": a price asked of you, which no other contact supplies
_ASKED_OF_YOU = frozenset(_stem(w) for w in ("price", "quote", "quotation", "estimate", "costing"))
_NO_INTRO = _CUSTOMERS | _ASKED_OF_YOU  # needs no other contact meets


@dataclass(frozen=True)
class _IntroMatch:
    strength: int  # words matched, plus one for an explicit phrase
    other: OtherFacts
    side: str  # "contact_needs": the other has it; "other_needs": this contact has it
    need: str  # as said: "hiring data engineers"
    other_match: str  # the other's words that fit (contact_needs), or this contact's (other_needs)
    excerpt: str  # what the source ref quotes
    in_role: bool = False  # the words that fit are a job title, never quoted as something said
    market: bool = False  # a buyer and a seller of one product (markets.py): never the user's own work

    def key(self) -> tuple[int, int, int]:
        return (-self.strength, self.other.id, INTRO_SIDES.index(self.side))


def _also_needs(profile: _Profile, need) -> bool:
    """Whether `profile` states the same need itself ("needs repointing" on both sides)."""
    wanted = set(need.stems)
    return any(wanted & set(own.stems) for own in profile.needs if not own.jobish)


def _meets(me: _Profile, need: _Need) -> tuple[int, str, bool] | None:
    """How this contact meets another's need: the strength, their words that meet it, whether those
    are their job title; None when they do not (or need it too, or only use it)."""
    if _NO_INTRO.intersection(need.stems):
        return None
    hits, size = _find_any(me, need)
    if not hits or _also_needs(me, need) or _uses(me, hits[0]):
        return None
    in_role = me.spans[hits[0]][0] < me.role_end
    if in_role:  # the whole job title: "Angel investor", not "Angel"
        return size + 1, _clause_at(me.text, me.spans[hits[0]][0]), True
    return size + 1, me.text[me.spans[hits[0]][0] : me.spans[hits[0] + size - 1][1]], False


def _intro_candidates(
    contact: ContactFacts, me: _Profile, others: Sequence[OtherFacts] | OthersIndex
) -> list[_IntroMatch]:
    """The two best introductions, on either side, best first."""
    index = others if isinstance(others, OthersIndex) else others_index(others)
    best: list[_IntroMatch] = []
    # this contact's needs with the words another's offer must hold to meet them (None: no other can)
    wanted = [
        (
            need,
            None if need.jobish or _NO_INTRO.intersection(need.stems) else _need_keys(need),
            set(need.stems),
        )
        for need in me.needs
    ]
    met: dict[tuple, tuple[int, str, bool] | None] = {}  # another's need -> how this contact meets it
    for k in _shortlist(me, index, contact.id):
        other, them = index.pool[k], index.profile(k)
        found: list[_IntroMatch] = []
        for need, keys, stems in wanted:  # they have what this contact needs
            if need.jobish:
                fit = _job_fit(me, them)
                if fit:
                    hiring, field = fit
                    found.append(
                        _IntroMatch(
                            2, other, "contact_needs", _seeker(need, field), hiring.display, hiring.display
                        )
                    )
                continue
            # "wants a customer in France": never met by "existing customer" (markets.py); nor by someone
            # who offers none of the words that could meet it
            if keys is None or them.provided.isdisjoint(keys):
                continue
            if any(not stems.isdisjoint(own.stems) for own in them.needs if not own.jobish):
                continue  # they need it too: two people after the same thing are no introduction
            hits, size = _find_any(them, need)
            if hits and _uses(them, hits[0]):
                continue  # "refitting the display cases": a buyer of it too, not someone who supplies it
            if hits:
                excerpt = _part_at(them.text, them.spans[hits[0]][0])  # "will take any subcontracting"
                in_role = them.spans[hits[0]][0] < them.role_end
                found.append(
                    _IntroMatch(size + 1, other, "contact_needs", need.display, excerpt, excerpt, in_role)
                )
        for need in them.needs:  # this contact has what they need
            if need.jobish:
                fit = _job_fit(them, me)
                if fit:
                    hiring, field = fit
                    found.append(
                        _IntroMatch(
                            2, other, "other_needs", _seeker(need, field), hiring.display, need.display
                        )
                    )
                continue
            # the same need said by many others is met the same way: worked out once per call
            said = (need.stems, need.alts)
            mine = met[said] if said in met else met.setdefault(said, _meets(me, need))
            if mine:
                strength, words, in_role = mine
                found.append(
                    _IntroMatch(strength, other, "other_needs", need.display, words, need.display, in_role)
                )
        if found:  # each needs what the other has: the best introduction of all
            both = len({f.side for f in found}) == 2
            top = min(found, key=_IntroMatch.key)
            best.append(replace(top, strength=top.strength + 2) if both else top)
    for market in markets_for(me.text, index, contact.id):  # produce with no buyer ↔ a buyer short of it
        other = index.pool[market.other_position]
        need = market_need(market)
        theirs = market.buyer_words if market.contact_sells else market.seller_words
        best = [b for b in best if b.other.id != other.id]
        best.append(_IntroMatch(5, other, "contact_needs", need, theirs, theirs, market=True))
    for pilot in pilots_for(me.text, index, contact.id):  # after a few hotels for a pilot ↔ a hotel
        other = index.pool[pilot.other_position]
        best = [b for b in best if b.other.id != other.id]
        side, theirs = "contact_needs" if pilot.contact_seeks else "other_needs", pilot.kind_words
        best.append(_IntroMatch(5, other, side, pilot.seeker_words, theirs, theirs, market=True))
    return sorted(best, key=_IntroMatch.key)[:2]


def introduced_by(contact: ContactFacts, others: Sequence[OtherFacts] | OthersIndex) -> OtherFacts | None:
    """The other contact this one introduced you to ("via Ewa Lis", "referred by Ewa"), the newest
    first; None when there is none. Names meet whole words folded ("Ewa Lis-Zając" = "ewa lis-zajac"):
    the introducer's words are all in this contact's name, first name at least. An index keeps who
    names whom, built once for all the contacts of a batch."""
    mine = _fold_text(contact.name).split()
    if not mine:
        return None
    if isinstance(others, OthersIndex):
        if not others.introducers:
            others.introducers.update(_named_by(others.pool) or {"": ()})
        named = others.introducers.get(mine[0], ())
    else:
        named = _named_by(others).get(mine[0], ())
    found = None
    for other in named:
        words = _fold_text(_said_by(other)).split()
        if other.id != contact.id and set(words) <= set(mine) and (found is None or other.id > found.id):
            found = other
    return found
