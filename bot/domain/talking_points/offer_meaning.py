"""Fits by meaning that share few words (SPEC §14): a cost that hurts and a story that cut it ("power
bill nearly doubled" and "cut compressor kWh 22%"), a bill they dispute (no cost to cut), and an offer
about "your weighbridge" for someone who has one. Helpers of offer_match._match_offer."""

from __future__ import annotations

import re

from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _TOKEN_RE,
    _clause_at,
    _fast_fold,
    _find,
    _Profile,
    _stem,
    _topic,
)
from bot.domain.talking_points.models import OfferFacts

_HURTS = re.compile(
    r"\b(?:bills?|costs?|doubled|tripled|soar\w*|spik\w*|too (?:high|much|expensive)|expensive|pricey|"
    r"wast\w*|los(?:e|es|ing|t)|furious|complain\w*|through the roof|eat\w* (?:into|up)|"
    r"arrives? dead|dies|dying|rott\w*|spoil\w*|dock\w* (?:him|her|them))\b",
    re.I,
)
# the cost is someone else's error, not what they use: "sure the meter is wrong", "wants to contest it"
_DISPUTED = re.compile(r"\b(?:meter|wrong|mistake|error|dispute\w*|contest\w*|overcharg\w*)\b", re.I)
_CUT = re.compile(
    r"\b(?:cut|cuts|halv\w*|reduc\w*|lower\w*|sav(?:e|ed|es|ing)|slash\w*|trim\w*|fewer|less|"
    r"down (?:by )?\d+\s?%)",
    re.I,
)


def _cuts_what_hurts(offer: OfferFacts, me: _Profile, hits) -> list[tuple[int, int]]:
    """A client story or guide whose title cuts something ("cut compressor kWh 22%") fits a contact who
    says that very thing hurts ("power bill nearly doubled"): the result is what they lack, though the
    means (the compressors) is not in their words (SPEC §14, a fit by meaning)."""
    if not _CUT.search(offer.title):
        return []
    stems = me.topic_stems
    return [
        (k, k + 2 if k + 1 < len(stems) and stems[k + 1] in ("bill", "cost") else k + 1)  # "power bill"
        for p in hits
        for k in _find(stems, p)
        if _HURTS.search(said := _clause_at(me.text, me.spans[k][0], 300)) and not _DISPUTED.search(said)
    ]


_YOUR_THING = re.compile(
    r"\byour\s+((?:[\w-]+[’']s|[\w-]+)(?:\s+(?!(?:through|for|to|in|on|at|with|from|and|or|before|after)\b)[\w-]+[’']?s?){0,2})",
    re.I,
)


def _has_your(offer: OfferFacts, me: _Profile, trade: frozenset[str]) -> bool:
    """An offer about "your weighbridge" or "your cold room's bill", when that thing is the user's trade
    (`trade`: words their offers share), fits someone whose notes name it (its words or its topic);
    with no "your …" of the trade in the title, any contact may."""
    said = _YOUR_THING.search(offer.title)
    if said is None:
        return True
    own = {_stem(w) for w in _TOKEN_RE.findall(_fast_fold(re.sub(r"[’']s\b", "", said.group(1))))}
    own = (own - _GENERIC_TOPICS) & trade  # only the thing their offers keep coming back to
    return not own or bool(own & set(me.stems)) or bool({_topic(w) for w in own} & set(me.topic_stems))


_BEFORE_YEAR = re.compile(r"\b(?:pre|before|older than)[\s-]+(1[89]\d\d|20\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\w/.-])(?:(1[89]\d\d|20[0-4]\d)|['’](\d\d))(?![\w/.-])")


def _older_than(offer: OfferFacts, me: _Profile) -> list[tuple[int, int]]:
    """ "Why insurers care about pre-1981 buildings" meets "older one built '79" and "annex from 1974":
    the word spans of the years in the notes before the title's year, [] when none or no such title."""
    found = _BEFORE_YEAR.search(offer.title)
    if not found:
        return []
    limit = int(found.group(1))
    ranges = []
    for m in _YEAR.finditer(me.text):
        year = int(m.group(1)) if m.group(1) else 1900 + int(m.group(2))
        if not 1850 <= year < limit:
            continue
        k = next((i for i, (a, b) in enumerate(me.spans) if a <= m.end() - 1 < b or a >= m.start()), None)
        if k is not None:
            ranges.append((k, k + 1))
    return ranges


# a clause in pain: "bill is killing them", "can't put a dinar upfront": one word of an offer there is a fit
_PAINED = re.compile(
    r"\b(?:killing|kills|crippl\w*|through the roof|doubled|tripled|can'?t (?:afford|pay|put|find)|cannot (?:afford|pay)|"
    r"too (?:expensive|dear|high)|nightmare|problems?|headache|struggl\w*|losing|lost)\b",
    re.I,
)


def _pained(me: _Profile, starts: list[int]) -> bool:
    """Whether a word of the notes at one of `starts` (word indexes) sits in a clause that hurts."""
    return any(_PAINED.search(_clause_at(me.text, me.spans[k][0], 300)) for k in starts)


# "wants proof you've done this before": a job of yours that went well (a case study) is the answer
_WANTS_PROOF = re.compile(
    r"\b(?:wants?|needs?|asked for)\s+(?:some\s+|real\s+)?(?:proof|evidence|a track record)\b|\bdone (?:this|it) before\b|"
    # "has no benchmark to show them", "give me one real example of a hotel that came back fast"
    r"\bno (?:benchmark|reference case|example)s?\b|\b(?:one|a|any) real example\b|\bexample of (?:a|an|one) \w+ (?:that|who|which)\b",
    re.I,
)
# "won't go to the owners until he's seen a job of ours", "I'll believe it when I see one move": a visit
_WANTS_TO_SEE = re.compile(
    r"\b(?:seen|see|seeing)\b[^.;!?\n]{0,40}?\b(?:with (?:his|her|their|my) own eyes|in action|working|work|works|move|running|on the ground|"
    r"installed|install|installation|an install|going in|in place|finished|for (?:him|her|them)sel(?:f|ves))|\bbelieve\b[^.;!?\n]{0,40}\bwhen (?:i|he|she|they) see\b"
    # "wants to walk our line herself", "asked to visit our plant", "see how we make it": a visit to you
    r"|\b(?:walk|tour|visit|see|look (?:round|around|at)|come (?:to|and see))\s+(?:round\s+|around\s+|through\s+)?"
    r"our\s+(?:[\w-]+\s+){0,2}?(?:line|lines|plant|factory|kitchen|workshop|site|facility|warehouse|production|"
    r"premises|yard|farm|mill|lab|floor|set-?up)\b|\bsee (?:how|where) we (?:make|do|work|run|build|cook|pack)\b",
    re.I,
)


# "wants something printed they can go through point by point": a checklist is the answer
_WANTS_A_LIST = re.compile(
    r"\b(?:point by point|step by step|tick (?:off|list|box)|something (?:printed|written|on paper)|"
    r"(?:a )?(?:printed|written) list|forget half|"
    # "wants smth the cooks can go thru every morning b4 lighting up": a routine to follow is a list
    r"(?:something|smth|sth|stg) (?:[\w'’-]+ ){0,3}?(?:can |could |to )?(?:go (?:through|thru|over)|follow|run through|tick)|"
    r"every (?:morning|shift|day|night) (?:before|b4)|daily checks?)\b",
    re.I,
)


def _shows_it(kind: str, text: str, offer_words: str = "") -> tuple[str, int] | None:
    """(the words, where) when the notes ask to be shown: proof for a case study, a sight for an
    invitation, a list to go through for a checklist."""
    listed = kind == "offer" and re.search(r"\bchecklists?\b|#checklist", offer_words, re.I)
    found = (
        _WANTS_PROOF
        if kind == "client_success"
        else _WANTS_TO_SEE
        if kind == "invite"
        else _WANTS_A_LIST
        if listed
        else None
    )
    hit = found.search(text) if found else None
    return (hit.group(), hit.start()) if hit else None


def _title_case(title: str) -> bool:
    words = [w for w in _TOKEN_RE.findall(title) if len(w) >= 4]
    return sum(w[:1].isupper() for w in words) * 2 > len(words)
