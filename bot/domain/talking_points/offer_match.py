"""How one of the user's offers fits a contact (`_match_offer`), and an offer by its short name in
the values the playbook words with. Split from `candidates`; the ranking is there."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _INVITE_TAGS,
    _STOPWORDS,
    _SUCCESS_TAGS,
    _TOKEN_RE,
    _TOPIC_WORDS,
    OfferFacts,
    _clause_at,
    _clip,
    _fast_fold,
    _find,
    _part_at,
    _Profile,
    _stem,
    _topic,
)
from bot.domain.talking_points.offer_meaning import (
    _CUT,
    _DISPUTED,
    _cuts_what_hurts,
    _has_your,
    _older_than,
    _pained,
    _shows_it,
    _title_case,
)
from bot.domain.talking_points.phrases import day_words, offer_name
from bot.domain.vocabulary import MONTH_WORDS

_ACTION_VERBS = frozenset(
    _stem(w)
    for w in [
        "send",
        "share",
        "forward",
        "book",
        "make",
        "introduce",
        "intro",
        "give",
        "hand",
        "deliver",
        "email",
        "e-mail",
    ]
)


@dataclass(frozen=True)
class _OfferMatch:
    offer: OfferFacts
    kind: str
    matched: str  # note words as written, "" when nothing matched
    strength: int
    in_role: bool
    note: str = ""  # the clause of the notes it matched ("rolling out a new client onboarding flow")


# Tags that say what form an offer takes, not what it is about: never a topic to match or to miss
_FORMATS = frozenset(
    _topic(_stem(w))
    for w in [
        "checklist",
        "playbook",
        "template",
        "report",
        "study",
        "casestudy",
        "article",
        "story",
        "guide",
        "tip",
        "tips",
        "advice",
        "howto",
        "explainer",
        "blog",
        "ebook",
        "whitepaper",
        "video",
        "podcast",
        "slides",
        "pdf",
    ]
)


@lru_cache(maxsize=1 << 12)
def _offer_kind(offer: OfferFacts) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The offer's kind and its topics as phrases of canonical stems (the title's words without topics)."""
    kind, phrases = "offer", []
    for topic in offer.topics:
        folded = _fast_fold(topic.strip())
        if folded in _INVITE_TAGS:
            kind = "invite"
            continue
        if folded in _SUCCESS_TAGS:
            kind = "client_success" if kind == "offer" else kind
            continue
        stems = tuple(_topic(_stem(t)) for t in _TOKEN_RE.findall(folded))
        if len(stems) == 1 and stems[0] in _FORMATS:
            continue  # "#checklist", "#guide": the offer's form, not what it is about
        if stems and not all(
            s in _STOPWORDS or s in _FUNCTION or len(s) < 2 for s in stems
        ):  # "#before-after"
            phrases.append(stems)
    if not phrases:  # no topics: the significant words of the title stand in (never a place: "…, Mechelen")
        titled = _title_case(offer.title)
        phrases = [
            (_topic(stem),)
            for k, raw in enumerate(_TOKEN_RE.findall(offer.title))
            for stem in (_stem(_fast_fold(raw)),)
            if len(stem) >= 4
            and not (k and raw[:1].isupper() and not raw.isupper() and not titled)
            and stem not in _STOPWORDS
            and stem not in _HOW_HELD  # "open workshop morning": how it is held, not what it is about
            and not any(c.isdigit() for c in stem)
        ]
    return kind, tuple(dict.fromkeys(phrases))


_FUNCTION = frozenset(("before", "after", "vs", "versus", "per", "via", "pre", "post"))
_HOW_HELD = frozenset(
    _stem(w) for w in ("open", "morning", "evening", "invitation", "invite", "workshop", "event", "session")
)


# Words of when, not of what: a need "before the summer" shares nothing with a guide "before the summer peak"
_TIME_WORDS = frozenset(_topic(_stem(month)) for month in MONTH_WORDS) | frozenset(
    _topic(_stem(w))
    for w in [
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "season",
        "peak",
        "christmas",
        "easter",
        "holiday",
        "holidays",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "quarter",
        "today",
        "tomorrow",
        "day",
        "days",
        "morning",
        "time",
        "first",
        "last",
        "next",
        "early",
        "late",
        "soon",
    ]
)


# A title's words that say when or how, never what about: "before" the frost, "without" downtime
_FILLERS = frozenset(
    _stem(w)
    for w in [
        "before",
        "after",
        "during",
        "without",
        "within",
        "between",
        "since",
        "until",
        "across",
        "around",
        "against",
        "ahead",
        "first",
        "last",
        "next",
        "every",
        "really",
        "actually",
        "still",
        "your",
        "yours",
        "ours",
        "their",
        "them",
        "more",
        "most",
        "less",
        "much",
        "many",
    ]
)


@lru_cache(maxsize=1 << 12)
def _title_phrases(offer: OfferFacts) -> tuple[tuple[str, ...], ...]:
    """The title's own significant words as one-word topics, beside the tags' (never broad ones)."""
    tagged = {w for phrase in _offer_kind(offer)[1] for w in phrase}
    found = []
    for k, raw in enumerate(_TOKEN_RE.findall(offer.title)):
        if k and raw[:1].isupper() and not raw.isupper():
            continue  # "a hotel in Aqaba", "Kumasi distributor": a place or a client's name, not a topic
        stem = _topic(_stem(_fast_fold(raw)))
        if (
            stem
            and len(stem) >= 4
            and stem not in _STOPWORDS
            and stem not in _GENERIC_TOPICS
            and stem not in tagged
            and stem not in _FILLERS
            and stem not in _TIME_WORDS
        ):
            found.append((stem,))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1 << 12)
def _name_stems(text: str) -> frozenset[str]:
    """The significant words of an offer's title or a promised thing, to tell whether they overlap."""
    return frozenset(
        stem
        for stem in (_topic(_stem(t)) for t in _TOKEN_RE.findall(_fast_fold(text)))
        if len(stem) >= 3
        and stem not in _STOPWORDS
        and stem not in _ACTION_VERBS
        and stem not in _GENERIC_TOPICS
    )


_UPKEEP = frozenset(
    _topic(_stem(w)) for w in ("maintenance", "cleaning", "storage", "winterise", "winterize")
)


_LACK = frozenset(
    _stem(w) for w in ("zero", "no", "without", "any", "do", "sell", "make", "lacks", "want", "need")
)


def _has_it(offer: OfferFacts, me: _Profile) -> bool:
    """Whether the notes say they have the thing an upkeep guide is about ("the pump sounds like
    gravel"), not that they want one or have none ("wants sails", "zero shade")."""
    about = _own_words(offer) - _UPKEEP
    return any(
        s in about
        and me.provides[k] is not None
        and not _LACK & set(me.stems[max(0, k - 2) : k])
        and _FAILING.search(_part_at(me.text, me.spans[k][0], 200))  # and it is going wrong
        for k, s in enumerate(me.topic_stems)
    )


_FAILING = re.compile(
    r"\b(?:sounds? like|rattl\w*|nois\w*|drops?|dropping|leak\w*|fail\w*|broke\w*|worn|wearing out|dying|dead|"
    r"stuck|trips?|tripping|overheat\w*|clog\w*|blocked|rust\w*|crack\w*|torn|ripped|smell\w*|stinks?|faded|"
    r"mou?ld\w*|dirty|filthy|stained|ageing|aging|tired|playing up|keeps? stopping|packed up|gave up)\b",
    re.I,
)


def _match_offer(offer: OfferFacts, me: _Profile) -> _OfferMatch:
    """How well an offer fits the contact. Topics are phrases matched whole on folded word forms and
    synonyms ("hire" = "hiring" = "recruiter"), so "client onboarding" never matches "employee
    onboarding". Broad topics (hiring, team, growth, … see _GENERIC_TOPICS) count only next to a
    specific one: an offer tagged #hiring #engineering needs "engineering" to match, so a contact
    hiring teachers does not get it; an offer whose topics are all broad matches on any of them."""
    kind, phrases = _offer_kind(offer)
    if kind == "invite":
        named = _named_in(offer, me.text)
        if named:  # "keen on the open day": they named the event itself
            return _OfferMatch(
                offer, kind, named, 3, False, _part_at(me.text, _fast_fold(me.text).find(_fast_fold(named)))
            )
    if shown := _shows_it(
        kind, me.text, f"{offer.title} {' '.join(offer.topics)}"
    ):  # "wants proof you've done it before", "until he's seen a job of ours"
        return _OfferMatch(offer, kind, shown[0], 3, False, _part_at(me.text, shown[1]))
    stems = me.topic_stems
    upkeep = kind != "invite" and bool(_UPKEEP & _own_words(offer)) and not _UPKEEP & set(stems)
    has_it = upkeep and _has_it(offer, me)  # "the pump sounds like gravel": a guide to the pump fits
    if upkeep and not has_it:
        # a guide to looking after a thing fits someone who has one and says so, never someone who
        # wants one or has none ("zero shade", "wants sails"): upkeep is another need than buying
        return _OfferMatch(offer, kind, "", 0, False)
    ranges: set[tuple[int, int]] = set()
    strength = 0
    specific_hit = False
    has_specific = False
    has_generic = generic_hit = False
    for phrase in phrases:
        specific = not (len(phrase) == 1 and phrase[0] in _GENERIC_TOPICS)
        has_specific = has_specific or specific
        has_generic = has_generic or not specific
        hits = _find(stems, phrase)
        if hits:
            strength += 1
            specific_hit = specific_hit or specific
            generic_hit = generic_hit or not specific
            ranges.update((k, k + len(phrase)) for k in hits)
    if has_specific and not specific_hit:
        return _OfferMatch(offer, kind, "", 0, False)
    specific_phrases = [p for p in phrases if not (len(p) == 1 and p[0] in _GENERIC_TOPICS)]
    specific_hits = [p for p in specific_phrases if _find(stems, p)]
    in_role_hit = any(me.spans[k][0] < me.role_end for p in specific_hits for k in _find(stems, p))
    one_word = (
        len(specific_phrases) >= 2 and len(specific_hits) < 2 and all(len(p) == 1 for p in specific_hits)
    )
    # the title can be the second topic: "#winter" met by "drifts", and "snow clearing" in the title met
    # by "clear the drifts" is a fit by meaning, not one word in common; so is "#screens" met by
    # "screens" and the title's "lobby screens" by "the lobbies", whatever a broad tag (#digital) says
    hit_topics = {w for p in specific_hits for w in p}
    extra = [p for p in _title_phrases(offer) if p[0] not in hit_topics and _find(stems, p)]
    if extra and (one_word or (has_specific and has_generic and not generic_hit)):
        one_word = False  # needed: the title's word is shown among what matched
        for p in extra[:1]:
            ranges.update((k, k + 1) for k in _find(stems, p))
    hurts = _cuts_what_hurts(offer, me, specific_hits) if one_word else []
    hurts = hurts or (_older_than(offer, me) if one_word else [])  # "pre-1981 buildings", "built '79"
    if hurts:  # "power bill nearly doubled" and a story that cut the kWh: the result they lack
        one_word = False
        ranges.update(hurts)
    if one_word and _pained(me, [k for p in specific_hits for k in _find(stems, p)]):
        one_word = False  # "the bill is killing them" and an offer about bills: the word is their pain
    if one_word and kind != "invite" and not in_role_hit and not has_it:
        # an offer about two things ("#heritage #grant") fits a need that shares both, not one word of it
        # ("sports capital grant"): one shared word is a coincidence, not a fit (SPEC §14). Their job
        # title saying it is enough; so is one topic for an invitation (an easy, generous ask)
        return _OfferMatch(offer, kind, "", 0, False)
    if not _has_your(
        offer, me, _FORMATS | _TIME_WORDS
    ):  # "getting your weighbridge through …" is for someone with a weighbridge
        return _OfferMatch(offer, kind, "", 0, False)
    if has_specific and has_generic and not generic_hit and not extra:
        # #hiring #engineering is for engineering HIRING: a platform engineer looking for a job
        # matches "engineer" only, and a hiring scorecard is not for them
        return _OfferMatch(offer, kind, "", 0, False)
    if _CUT.search(offer.title) and any(
        _DISPUTED.search(_clause_at(me.text, me.spans[k][0], 300)) for k, _ in ranges
    ):
        return _OfferMatch(offer, kind, "", 0, False)  # a bill they think is wrong is no use to cut
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    words: dict[str, str] = {}
    seen: list[frozenset[str]] = []
    for start, end in sorted(merged, key=lambda r: (r[0] - r[1], r[0])):  # longest first
        said = frozenset(stems[start:end])
        if any(said <= other for other in seen):
            continue  # "hiring" and "engineers" are already in "engineering hiring"
        seen.append(said)
        written = me.text[me.spans[start][0] : me.spans[end - 1][1]]
        words.setdefault(_fast_fold(written), written)
    shown = list(words.values())[:3]
    matched = " and ".join(shown) if len(shown) < 3 else f"{shown[0]}, {shown[1]} and {shown[2]}"
    in_role = bool(merged) and all(me.spans[s][0] < me.role_end for s, _ in merged)
    in_notes = [s for s, _ in sorted(ranges) if me.spans[s][0] > me.role_end]
    # the part of the notes that says most about it: "raising a seed round in the spring", not "co-founder"
    parts = [_part_at(me.text, me.spans[s][0]) for s in in_notes]
    note = max(parts, key=lambda p: (len(p.split()), -parts.index(p))) if parts else ""
    return _OfferMatch(offer, kind, _clip(matched, 80), strength, in_role, note)


def _named_in(offer: OfferFacts, text: str) -> str:
    """The event's own name as the notes say it ("keen on the open day" for "Open day at our depot, Thu
    14 Jan"), or ""; a name of one short word is too loose to count."""
    head = re.split(r"\s*[:—–,(]\s*|\s+-\s+|\s+(?:at|on|in|for)\s+", offer.title, maxsplit=1)[0]
    folded = _fast_fold(text)
    for name in (re.sub(r"^(?:the|our)\s+", "", offer_name(offer.title, "invite"), flags=re.I), head):
        words = name.split()
        if not words or (len(words) == 1 and len(words[0]) < 6) or len(words) > 4 or name.lower() == "event":
            continue
        at = folded.find(_fast_fold(name))
        if at >= 0 and (at == 0 or not folded[at - 1].isalnum()):
            return text[at : at + len(name)]
    return ""


def _offers_named(offers: Sequence[OfferFacts], today: date) -> str:
    """ "our hiring scorecard, the Lumen case study or the Founders breakfast on Thu 3 Dec": the
    user's live offers (at most three, in id order) by their short names."""
    names = []
    for offer in sorted(offers, key=lambda o: o.id):
        if offer.ends_on is not None and offer.ends_on < today:
            continue
        kind = _offer_kind(offer)[0]
        name = offer_name(offer.title, kind)
        if kind == "invite" and offer.ends_on:
            name = f"{name} {day_words(offer.ends_on, today)}"
        names.append(name)
        if len(names) == 3:
            break
    if len(names) < 2:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _offer_values(m: _OfferMatch, today: date) -> dict[str, str]:
    name = offer_name(m.offer.title, m.kind)
    if m.kind == "invite" and m.offer.ends_on and m.offer.ends_on >= today:
        name = f"{name} {day_words(m.offer.ends_on, today)}"  # "the Founders breakfast on Thu 3 Dec"
    found = {
        "offer_title": _clip(m.offer.title, 120),
        "offer_name": _clip(name, 80),
    }
    if m.offer.url:
        found["offer_url"] = m.offer.url[:300]
    if m.matched:
        found["matched"] = m.matched
    if m.note and (note := m.note.strip(" —–-")):
        found["matched_note"] = note  # "— she has no benchmark": the dash belonged to the sentence before
    return found


@lru_cache(maxsize=1 << 10)
def _trade_of(offers: tuple[OfferFacts, ...]) -> frozenset[str]:
    """What the user sells, read from their own client stories (case studies: their work, where one
    article or event could be anyone's) and from a topic two or more of their offers share ("rack
    inspection checklist", "racking safety breakfast"): specific topics of tags and titles. A need of
    one of these topics is the user's to meet, never an introduction to someone else (SPEC §14)."""
    found: set[str] = set()
    seen: dict[str, int] = {}  # a topic in two or more offers is what the user's offers are about
    for offer in offers:
        kind, phrases = _offer_kind(offer)
        own = {w for phrase in phrases for w in phrase if w not in _GENERIC_TOPICS}
        for token in _TOKEN_RE.findall(_fast_fold(offer.title)):
            stem = _topic(_stem(token))
            if stem and stem in _TOPIC_WORDS and stem not in _GENERIC_TOPICS:
                own.add(stem)
        for stem in own:
            seen[stem] = seen.get(stem, 0) + 1
        if (
            kind == "client_success"
        ):  # an article, checklist or event can be anyone's; a client story is yours
            found.update(own)
    return frozenset(found | {stem for stem, n in seen.items() if n >= 2})


def trade_of(offers) -> frozenset[str]:
    return _trade_of(tuple(offers))


_HIRING = re.compile(r"\b(?:hir(?:e|es|ing)|recruit\w*|vacanc\w*|open roles?|headcount)\b", re.I)


def need_is_ours(text: str, offers) -> bool:
    """Whether a need, as written, is of a topic the user sells (`trade_of`), or names the thing two or
    more of their offer titles share ("wants a fale" when the offers are about fale)."""
    trade, recurring = trade_of(offers), _recurring(tuple(offers))  # "fale" in three offer titles
    if not (trade or recurring) or _HIRING.search(text):
        return False  # "hiring data engineers": a person to hire is never the user's own work
    tokens = [t for t in _TOKEN_RE.findall(_fast_fold(text)) if len(t) >= 3]
    joined = [a + b for a, b in zip(tokens, tokens[1:], strict=False)]  # "fire-stopping" is #firestopping
    return any(_topic(_stem(t)) in trade or _stem(t) in recurring for t in (*tokens, *joined))


def _own_words(offer: OfferFacts) -> frozenset[str]:
    """An offer's significant words, from its title and its tags (never its form: "#guide")."""
    tags = frozenset(w for phrase in _offer_kind(offer)[1] for w in phrase)
    return (_name_stems(offer.title) | tags) - _FORMATS - _TIME_WORDS


@lru_cache(maxsize=1 << 10)
def _recurring(offers: tuple[OfferFacts, ...]) -> frozenset[str]:
    """The words two or more of the user's offer titles share: the thing their trade is about
    ("weighbridge" in an open day and a checklist), never a form or a time."""
    seen: dict[str, int] = {}
    for offer in offers:
        for stem in _name_stems(offer.title) - _FORMATS - _TIME_WORDS:
            seen[stem] = seen.get(stem, 0) + 1
    return frozenset(stem for stem, n in seen.items() if n >= 2)


def your_thing_fits(offer: OfferFacts, me: _Profile, offers: Sequence[OfferFacts]) -> bool:
    """An offer about "your weighbridge" (the thing the user's offers keep coming back to) fits only
    someone whose notes name it: a weighbridge checklist is not for a depot calibrating fuel meters."""
    return _has_your(offer, me, _recurring(tuple(offers)))
