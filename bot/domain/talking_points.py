"""Talking points for one call (SPEC §6): the best value-first reason, why it was chosen, and what to say.

Pure and deterministic: the same facts give the same points, whatever the order of `offers` and
`others`. Wording comes from the playbook (seeds/); this module decides which kind of reason fits.

Ranking, best first (ties go to the lower offer or contact id):
 1. promised        an unkept promise, always first until it is marked done
 2. dormant_check   stage dormant or let go: ask once whether to let go (R10)
 3. open_deal       the notes mention a proposal, quote, pricing, contract, decision or pilot: ask directly (R8)
 4. referral        a referrer and never reached: ask the referrer for an intro, name them on the call (R6)
 5. unanswered_streak  3+ unanswered in a row: change the approach (e-mail to book a time, or lead
                    with a matching offer); never another plain try
 6. intro           this contact needs what another contact has, or has what another needs
                    ("hiring X", "looking for X", "needs X", "seeking X"), named on both sides
 7. offer / client_success / invite  one of the user's offers whose topics match the notes or role
                    (offers tagged #success or #case are client stories; #event, #invite, #meetup,
                    #workshop, #webinar are invitations); more matched topics first
 8. referral        a referrer, already spoken to: ask what they need, even if not a fit (R9)
 9. thread          something they said, quoted from the notes
10. lukewarm_gap    more than `lukewarm_after_days` since the last contact, nothing better known
11. invite          an invitation offer that matched nothing, for a contact met at an event
12. thread          fallback built from the event, company or role, else a plain question
A lukewarm contact also gets `gap_note` (name the gap first); the reason stays value-first (R5).
Alternatives are the next candidates of other kinds. The reassurance follows the first situation
that applies: dormant R10, unanswered R4, open deal R8, referral R6, lukewarm R5, first call after an
event R7, referral already reached R9, thin notes R2, no offers R1, otherwise R3 (as listed in seeds).

Matching folds case and accents (`fold`), works on whole words, strips a leading "#" and plural or
"-ing" endings ("engineers", "engineering" → "engineer"), so tags and plain words meet.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

from bot.domain.playbook import INTRO_SIDES, REASON_KINDS, SITUATIONS, Entry, Playbook, Reassurance
from bot.domain.vocabulary import WEEKDAY_NAMES, Stage, fold

# ---------------------------------------------------------------------------------------------------
# Inputs and outputs


@dataclass(frozen=True)
class ContactFacts:
    id: int
    name: str
    company: str | None = None
    role: str | None = None
    event: str | None = None
    met_on: date | None = None
    notes: str | None = None
    promise: str | None = None
    promise_due: date | None = None
    promise_done: bool = False
    referred_by: str | None = None
    stage: Stage = Stage.NEW
    last_outcome: str | None = None
    last_contact_on: date | None = None
    unanswered_streak: int = 0
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class OfferFacts:
    id: int
    title: str
    url: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class UserFacts:
    name: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a reason came from: kind is "offer", "contact", "note", "promise", "referrer" or "event"."""

    kind: str
    id: int | None = None
    excerpt: str | None = None


@dataclass(frozen=True)
class Reason:
    kind: str
    text: str
    why: str
    short: str  # the digest line
    entry_id: str  # which seeds entry worded it
    sources: tuple[SourceRef, ...] = ()

    @property
    def offer_id(self) -> int | None:
        return next((s.id for s in self.sources if s.kind == "offer"), None)

    @property
    def contact_id(self) -> int | None:
        return next((s.id for s in self.sources if s.kind == "contact"), None)


@dataclass(frozen=True)
class TalkingPoints:
    reason: Reason
    alternatives: tuple[Reason, ...]
    opener: str
    goal: str
    fallback: str
    voicemail: str
    reassurance: Reassurance
    gap_note: str | None
    days_since_contact: int | None


DIGEST_LINE_MAX = 150

# ---------------------------------------------------------------------------------------------------
# Words

_TOKEN_RE = re.compile(r"#?\w+")
_CLAUSE_RE = re.compile(r"[^.;!?\n]+")
_CONTACT_DETAIL_RE = re.compile(r"@|https?:|www\.|\d{3}[\d\s().-]{4,}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words(
    """a an the and or of to in on at for with by from is are was were be been it its this that these those
    we you i he she they them her his our their my me us as about into just very so not no do does did
    has have had will would can could should there here what who which"""
)
# Words that end a "needed thing" ("looking for a designer in Berlin" → "designer").
_NEED_STOPS = _STOPWORDS | _words(
    "asap soon now urgently next since before after because if but also too month year week"
)
# Words skipped at the front of a needed thing ("a senior designer" → "designer").
_NEED_LEAD = _words(
    """a an the some more new another two three few several good great senior junior experienced strong
    skilled freelance part full time our their his her its"""
)


def _fast_fold(text: str) -> str:
    return text.lower() if text.isascii() else fold(text)


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    """Folded word without a leading '#' and without plural or '-ing' endings; crude on purpose."""
    word = _fast_fold(token).lstrip("#")
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) >= 8 and word.endswith("ing"):
        word = word[:-3]
    return word


_HIRING = _stem("hiring")
_TRIGGER_FOR = frozenset({_stem("looking"), _stem("searching")})
_TRIGGER_ONE = frozenset({_stem("seeking"), _stem("need"), _stem("needs")})
_JOBISH = frozenset(_stem(w) for w in _words("job role position opportunity work gig employer internship"))
_DEAL_WORDS = frozenset(
    _stem(w) for w in _words("proposal quote pricing price contract decision decide pilot")
)
_PROMISE_WORDS = frozenset(_stem(w) for w in _words("promise promised"))
_INVITE_TAGS = frozenset({"#event", "#invite", "#meetup", "#workshop", "#webinar"})
_SUCCESS_TAGS = frozenset({"#success", "#case", "#case-study", "#casestudy", "#story"})


@dataclass(frozen=True)
class _Need:
    stems: tuple[str, ...]
    display: str  # "hiring data engineers", "looking for a job"
    jobish: bool


@dataclass(frozen=True)
class _Profile:
    """A contact's role and notes, tokenized once: words, their spans, needs, and what they can offer."""

    text: str
    role_end: int  # characters before this belong to the role
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    needs: tuple[_Need, ...]
    provides: tuple[str | None, ...]  # stems with the need phrases blanked out
    hiring: bool
    provided: frozenset[str | None]  # set(provides): a need whose first word is not in here cannot be
    # met, which rules out most pairs before _find walks the words


def _combined(role: str | None, notes: str | None) -> tuple[str, int]:
    role = (role or "").strip()
    notes = notes or ""
    return (f"{role}\n{notes}", len(role)) if role else (notes, -1)


@lru_cache(maxsize=1 << 15)
def _profile(text: str, role_end: int) -> _Profile:
    matches = list(_TOKEN_RE.finditer(text))
    stems = tuple(_stem(m.group()) for m in matches)
    spans = tuple(m.span() for m in matches)

    def joined(a: int, b: int) -> bool:
        return text[spans[a][1] : spans[b][0]].strip(" \t-") == ""

    needs: list[_Need] = []
    blank: set[int] = set()
    n = len(stems)
    i = 0
    while i < n:
        stem, verb, start = stems[i], "", i + 1
        if stem == _HIRING:
            verb = "hiring"
        elif stem in _TRIGGER_FOR and i + 1 < n and stems[i + 1] == "for" and joined(i, i + 1):
            verb, start = "looking for", i + 2
        elif stem in _TRIGGER_ONE:
            verb = "looking for"
        if verb and start + 1 < n and stems[start] == "to" and stems[start + 1] == "hire":
            verb, start = "hiring", start + 2
        if not verb or start >= n or not joined(start - 1, start) or stems[start] == "to":
            i += 1
            continue
        j = start
        while j < n and stems[j] in _NEED_LEAD and (j == start or joined(j - 1, j)):
            j += 1
        head_start, words = j, []
        while j < n and len(words) < 3 and stems[j] not in _NEED_STOPS and joined(j - 1, j):
            words.append(stems[j])
            j += 1
        if words:
            display = f"{verb} {text[spans[start][0] : spans[j - 1][1]]}"
            needs.append(_Need(tuple(words), display, words[-1] in _JOBISH))
            blank.update(range(i, j))
            i = j
        else:
            i = max(head_start, i + 1)
    provides = tuple(None if k in blank else s for k, s in enumerate(stems))
    hiring = any(need.display.startswith("hiring") for need in needs)
    return _Profile(text, role_end, stems, spans, tuple(needs), provides, hiring, frozenset(provides))


def _find(stems: tuple[str | None, ...], phrase: tuple[str, ...]) -> list[int]:
    """Where `phrase` starts in `stems` (the first word is found by tuple.index, in C)."""
    size, first = len(phrase), phrase[0]
    found: list[int] = []
    k = -1
    while True:
        try:
            k = stems.index(first, k + 1)
        except ValueError:
            return found
        if size == 1 or stems[k : k + size] == phrase:
            found.append(k)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def _clause_at(text: str, position: int, limit: int = 80) -> str:
    for clause in _CLAUSE_RE.finditer(text):
        if clause.start() <= position < clause.end():
            return _clip(clause.group().strip(), limit)
    return ""


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


# ---------------------------------------------------------------------------------------------------
# Dates in words

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def met_when(met_on: date, today: date) -> str:
    """ "today", "yesterday", "on Monday", "on 20 November", "in March 2025"."""
    days = (today - met_on).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {_FULL_WEEKDAYS[met_on.weekday()]}"
    if -1 < days < 300 or met_on.year == today.year:
        return f"on {met_on.day} {_MONTHS[met_on.month - 1]}"
    return f"in {_MONTHS[met_on.month - 1]} {met_on.year}"


def due_words(due: date, today: date) -> str:
    """ "due today", "due tomorrow", "due Fri", "due 3 Dec", "overdue since Mon 16 Nov"."""
    days = (due - today).days
    short = f"{due.day} {_MONTHS[due.month - 1][:3]}"
    if days < 0:
        return f"overdue since {WEEKDAY_NAMES[due.weekday()]} {short}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 7:
        return f"due {WEEKDAY_NAMES[due.weekday()]}"
    return f"due {short}"


# ---------------------------------------------------------------------------------------------------
# Candidates

_KIND_ORDER = {kind: n for n, kind in enumerate(REASON_KINDS)}
_REACHED_OUTCOMES = frozenset({"reached", "meeting", "later", "no"})
_UNANSWERED_OUTCOMES = frozenset({"voicemail", "no-answer"})


@dataclass(frozen=True)
class _Candidate:
    tier: int
    kind: str
    values: Mapping[str, str]
    why: str | Callable[[Entry], str]
    sources: tuple[SourceRef, ...] = ()
    strength: int = 0
    ref: int = 0
    facts: Mapping[str, object] = field(default_factory=dict)

    def key(self) -> tuple[int, int, int, int]:
        return (self.tier, -self.strength, self.ref, _KIND_ORDER[self.kind])


@dataclass(frozen=True)
class _OfferMatch:
    offer: OfferFacts
    kind: str
    matched: str  # note words as written, "" when nothing matched
    strength: int
    in_role: bool


def _offer_kind(offer: OfferFacts) -> tuple[str, list[tuple[str, ...]]]:
    kind, phrases = "offer", []
    for topic in offer.topics:
        folded = _fast_fold(topic.strip())
        if folded in _INVITE_TAGS:
            kind = "invite"
            continue
        if folded in _SUCCESS_TAGS:
            kind = "client_success" if kind == "offer" else kind
            continue
        stems = tuple(_stem(t) for t in _TOKEN_RE.findall(folded))
        if stems and not (len(stems) == 1 and (stems[0] in _STOPWORDS or len(stems[0]) < 2)):
            phrases.append(stems)
    if not phrases:  # no topics: the significant words of the title stand in
        phrases = [
            (stem,)
            for stem in (_stem(t) for t in _TOKEN_RE.findall(_fast_fold(offer.title)))
            if len(stem) >= 4 and stem not in _STOPWORDS
        ]
    return kind, phrases


def _match_offer(offer: OfferFacts, me: _Profile) -> _OfferMatch:
    kind, phrases = _offer_kind(offer)
    ranges: set[tuple[int, int]] = set()
    strength = 0
    for phrase in dict.fromkeys(phrases):
        hits = _find(me.stems, phrase)
        if hits:
            strength += 1
            ranges.update((k, k + len(phrase)) for k in hits)
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    words: dict[str, str] = {}
    for start, end in merged:
        written = me.text[me.spans[start][0] : me.spans[end - 1][1]]
        words.setdefault(_fast_fold(written), written)
    shown = list(words.values())[:3]
    matched = " and ".join(shown) if len(shown) < 3 else f"{shown[0]}, {shown[1]} and {shown[2]}"
    in_role = bool(merged) and all(me.spans[s][0] < me.role_end for s, _ in merged)
    return _OfferMatch(offer, kind, _clip(matched, 80), strength, in_role)


def _word_pattern(stem: str) -> str:
    """Surface forms of a stem: "engineer" also finds "engineers" and "engineering"."""
    if stem.endswith("y"):
        return re.escape(stem[:-1]) + "(?:y|ies)"
    return re.escape(stem) + "(?:s|es|ing)?"


class OtherFacts(Protocol):
    """What introductions read of the other contacts: a ContactFacts, or any row with these fields
    (the digest passes its plain database rows, so 100 contacts per user cost no objects). `stage`
    may be the plain stored string: Stage is a StrEnum."""

    id: int
    name: str
    company: str | None
    role: str | None
    notes: str | None
    stage: str


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
    hits: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    profiles: dict[int, _Profile] = field(default_factory=dict, compare=False, repr=False)

    def profile(self, k: int) -> _Profile:
        found = self.profiles.get(k)
        if found is None:
            other = self.pool[k]
            found = self.profiles[k] = _profile(*_combined(other.role, other.notes))
        return found


def others_index(others: Sequence[OtherFacts]) -> OthersIndex:
    pool: list[OtherFacts] = []
    texts: list[str] = []
    for other in others:
        role, notes = other.role, other.notes
        if (notes or role) and other.stage != Stage.LET_GO:
            pool.append(other)
            texts.append(f"{role or ''}\n{notes or ''}")
    joined = "\x00".join(texts)
    if joined.isascii():
        folded = joined.lower()
    else:
        texts = [t.lower() if t.isascii() else fold(t) for t in texts]
        folded = "\x00".join(texts)
    starts = tuple(accumulate((len(t) + 1 for t in texts), initial=0))
    return OthersIndex(tuple(pool), folded, starts, tuple(o.id for o in pool))


@lru_cache(maxsize=1 << 12)
def _shortlist_patterns(me: _Profile) -> tuple[str, ...]:
    # Every pattern starts with a literal so the regex engine can skip ahead; a stray hit only costs
    # one precise check, so word boundaries are left to that check.
    patterns = [
        r"[ \t-]+#?".join(_word_pattern(s) for s in need.stems) for need in me.needs if not need.jobish
    ]
    if any(need.jobish for need in me.needs):
        patterns += ["hiring", "to hire"]
    provided = {stem for stem in me.provides if stem and stem not in _STOPWORDS and stem not in _NEED_LEAD}
    if me.hiring:
        provided |= _JOBISH
    if provided:  # someone else's need that this contact can meet, a few words after the trigger
        words = "|".join(_word_pattern(stem) for stem in sorted(provided))
        tail = r"[ \t-]+(?:#?\w+[ \t-]+){0,4}#?(?:" + words + ")"
        patterns += [
            trigger + tail for trigger in ("hiring", "looking for", "searching for", "seeking", "need")
        ]
    return tuple(patterns)


def _shortlist(me: _Profile, index: OthersIndex, skip_id: int) -> list[int]:
    """Positions in `index.pool` of the others that may match, found by a few regex scans over all
    their folded text joined into one string, so 10,000 others cost milliseconds; the precise
    word-by-word check runs on these only."""
    patterns = _shortlist_patterns(me)
    if not patterns:
        return []
    folded, starts, ids, hits = index.folded, index.starts, index.ids, index.hits
    picked: set[int] = set()
    for pattern in patterns:
        found = hits.get(pattern)
        if found is None:
            found = hits[pattern] = tuple(
                {bisect_right(starts, match.start()) - 1: None for match in re.finditer(pattern, folded)}
            )
        picked.update(found)
    return [k for k in sorted(picked) if ids[k] != skip_id]


@dataclass(frozen=True)
class _IntroMatch:
    strength: int  # words matched, plus one for an explicit phrase
    other: OtherFacts
    side: str  # "contact_needs": the other has it; "other_needs": this contact has it
    need: str  # as said: "hiring data engineers"
    other_match: str  # the other's words that fit (contact_needs), or this contact's (other_needs)
    excerpt: str  # what the source ref quotes

    def key(self) -> tuple[int, int, int]:
        return (-self.strength, self.other.id, INTRO_SIDES.index(self.side))


def _intro_candidates(
    contact: ContactFacts, me: _Profile, others: Sequence[OtherFacts] | OthersIndex
) -> list[_IntroMatch]:
    """The two best introductions, on either side, best first."""
    index = others if isinstance(others, OthersIndex) else others_index(others)
    best: list[_IntroMatch] = []
    for k in _shortlist(me, index, contact.id):
        other, them = index.pool[k], index.profile(k)
        found: list[_IntroMatch] = []
        for need in me.needs:  # they have what this contact needs
            if need.jobish and them.hiring:
                hiring = next(n for n in them.needs if n.display.startswith("hiring"))
                found.append(
                    _IntroMatch(1, other, "contact_needs", need.display, hiring.display, hiring.display)
                )
                continue
            hits = _find(them.provides, need.stems) if need.stems[0] in them.provided else None
            if hits:
                excerpt = _clause_at(them.text, them.spans[hits[0]][0])
                found.append(
                    _IntroMatch(len(need.stems) + 1, other, "contact_needs", need.display, excerpt, excerpt)
                )
        for need in them.needs:  # this contact has what they need
            if need.jobish and me.hiring:
                found.append(_IntroMatch(1, other, "other_needs", need.display, "", need.display))
                continue
            hits = _find(me.provides, need.stems) if need.stems[0] in me.provided else None
            if hits:
                mine = me.text[me.spans[hits[0]][0] : me.spans[hits[0] + len(need.stems) - 1][1]]
                found.append(
                    _IntroMatch(len(need.stems) + 1, other, "other_needs", need.display, mine, need.display)
                )
        if found:
            best.append(min(found, key=_IntroMatch.key))
    return sorted(best, key=_IntroMatch.key)[:2]


# ---------------------------------------------------------------------------------------------------
# The engine


@dataclass(frozen=True)
class _Known:
    """Everything `prepare` derives from one contact before ranking."""

    contact: ContactFacts
    first: str
    stage: Stage
    me: _Profile
    note_words: int
    values: Mapping[str, str]  # placeholder values every entry may use
    facts: Mapping[str, object]  # what `when` conditions test
    deal_note: str
    deal_word: str
    thread: str
    days_since: int | None
    lukewarm: bool
    never_reached: bool


def _know(
    contact: ContactFacts,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int,
) -> _Known:
    stage = Stage(contact.stage)
    first = _first_name(contact.name)
    text, role_end = _combined(contact.role, contact.notes)
    me = _profile(text, role_end)
    notes_start = role_end + 1 if role_end >= 0 else 0
    note_words = sum(1 for span in me.spans if span[0] >= notes_start)

    last_seen = contact.last_contact_on or contact.met_on
    days_since = max((today - last_seen).days, 0) if last_seen else None
    lukewarm = days_since is not None and days_since > lukewarm_after_days
    never_reached = contact.last_outcome not in _REACHED_OUTCOMES
    promise_open = bool(contact.promise and contact.promise.strip()) and not contact.promise_done

    values: dict[str, str] = {
        "user_name": _clip(user.name, 100),
        "callback": user.phone or user.email or playbook.callback_unknown,
        "contact_name": _clip(contact.name, 100),
        "contact_first_name": _clip(first, 60),
    }
    optional = {
        "company": contact.company,
        "role": contact.role,
        "event": contact.event,
        "referrer": contact.referred_by,
        "promise": contact.promise if promise_open else None,
    }
    values.update({k: _clip(v, 100) for k, v in optional.items() if v and v.strip()})
    if contact.met_on:
        values["met_when"] = met_when(contact.met_on, today)
    if days_since is not None:
        values["days_since"] = str(days_since)
    if promise_open and contact.promise_due:
        values["promise_due"] = due_words(contact.promise_due, today)

    deal_note, deal_word = "", ""
    for k, stem in enumerate(me.stems):
        if stem in _DEAL_WORDS and me.spans[k][0] >= notes_start:
            deal_note = _clause_at(me.text, me.spans[k][0])
            deal_word = me.text[me.spans[k][0] : me.spans[k][1]]
            break

    thread = ""
    for clause in _CLAUSE_RE.finditer(contact.notes or ""):
        words = [_stem(w) for w in _TOKEN_RE.findall(clause.group())]
        if len(words) < 2 or _PROMISE_WORDS.intersection(words) or _CONTACT_DETAIL_RE.search(clause.group()):
            continue
        if playbook.banned_in(clause.group()):
            continue
        thread = _clip(clause.group().strip(), 80)
        break
    if thread:
        values["thread"] = thread

    facts: dict[str, object] = {
        "stage": stage.value,
        "last_outcome": contact.last_outcome,
        "has_referrer": "referrer" in values,
        "never_reached": never_reached,
        "has_event": "event" in values,
        "has_notes": note_words > 0,
        "has_offers": bool(offers),
        "has_open_deal": bool(deal_note),
        "has_promise": promise_open,
        "has_email": bool(contact.email),
        "has_phone": bool(contact.phone),
        "lukewarm": lukewarm,
        "unanswered": contact.unanswered_streak,
        "days_since_contact": days_since,
    }

    return _Known(
        contact,
        first,
        stage,
        me,
        note_words,
        values,
        facts,
        deal_note,
        deal_word,
        thread,
        days_since,
        lukewarm,
        never_reached,
    )


def _candidates(
    known: _Known, offers: Sequence[OfferFacts], others: Sequence[OtherFacts] | OthersIndex
) -> list[_Candidate]:
    """Every reason that could apply, tiered as in the module docstring."""
    contact, first, me, values, stage = known.contact, known.first, known.me, known.values, known.stage
    deal_note, deal_word, thread = known.deal_note, known.deal_word, known.thread
    never_reached, lukewarm, days_since = known.never_reached, known.lukewarm, known.days_since
    promise_open = bool(known.facts["has_promise"])
    matches = sorted((_match_offer(offer, me) for offer in offers), key=lambda m: (-m.strength, m.offer.id))
    matched = [m for m in matches if m.strength > 0]

    candidates: list[_Candidate] = []
    add = candidates.append
    if promise_open:
        due = f", {values['promise_due']}," if "promise_due" in values else ""
        add(
            _Candidate(
                1,
                "promised",
                values,
                f'you promised {first} "{values["promise"]}"{due} and it is not marked done',
                (SourceRef("promise", contact.id, values["promise"]),),
            )
        )
    if stage in (Stage.DORMANT, Stage.LET_GO):
        why = (
            "marked dormant after repeated unanswered tries"
            if stage == Stage.DORMANT
            else "you let them go earlier"
        )
        add(_Candidate(2, "dormant_check", values, why))
    if deal_note:
        add(
            _Candidate(
                3,
                "open_deal",
                {**values, "deal_note": deal_note},
                f'your notes mention "{deal_word}": "{deal_note}"',
                (SourceRef("note", contact.id, deal_note),),
            )
        )
    if "referrer" in values:
        source = (SourceRef("referrer", None, values["referrer"]),)
        if never_reached:
            add(
                _Candidate(
                    4,
                    "referral",
                    values,
                    f"{values['referrer']} referred {first} and you have not spoken yet",
                    source,
                )
            )
        else:
            add(_Candidate(8, "referral", values, f"{values['referrer']} referred {first} to you", source))
    if contact.unanswered_streak >= 3:
        extra: dict[str, str] = {}
        sources: tuple[SourceRef, ...] = ()
        if matched:
            extra = {"offer_title": _clip(matched[0].offer.title, 120), "matched": matched[0].matched}
            sources = (SourceRef("offer", matched[0].offer.id, matched[0].matched),)
        add(
            _Candidate(
                5,
                "unanswered_streak",
                {**values, **extra},
                f"{contact.unanswered_streak} tries in a row went unanswered; the same approach again is unlikely to land",
                sources,
            )
        )
    for intro in _intro_candidates(contact, me, others):
        other = intro.other
        intro_values = {**values, "other_name": _clip(other.name, 100), "need": _clip(intro.need, 80)}
        if other.company:
            intro_values["other_company"] = _clip(other.company, 100)
        if intro.other_match:
            intro_values["other_match"] = _clip(intro.other_match, 80)
        if intro.side == "contact_needs":
            why = f'{first} is {intro.need}, and your notes on {other.name} say "{intro.excerpt}"'
        elif intro.other_match:
            why = f'{other.name} is {intro.need}, which fits "{intro.other_match}" in your notes on {first}'
        else:
            why = f"{other.name} is {intro.need}, and {first} is hiring"
        sources = (SourceRef("contact", other.id, intro.excerpt),)
        add(
            _Candidate(
                6, "intro", intro_values, why, sources, intro.strength, other.id, {"intro_side": intro.side}
            )
        )
    for m in matched:
        where = "their role" if m.in_role else "your notes"
        add(
            _Candidate(
                7,
                m.kind,
                {**values, **_offer_values(m)},
                f'your offer "{m.offer.title}" matches "{m.matched}" in {where}',
                (SourceRef("offer", m.offer.id, m.matched),),
                m.strength,
                m.offer.id,
            )
        )
    if thread:
        add(
            _Candidate(
                9, "thread", values, f'from your notes: "{thread}"', (SourceRef("note", contact.id, thread),)
            )
        )
    if lukewarm:
        add(_Candidate(10, "lukewarm_gap", values, f"{days_since} days since your last contact with {first}"))
    if "event" in values:
        for m in matches:
            if m.kind == "invite" and m.strength == 0:
                add(
                    _Candidate(
                        11,
                        "invite",
                        {**values, **_offer_values(m)},
                        f'you met at {values["event"]}, and you can offer "{m.offer.title}"',
                        (SourceRef("offer", m.offer.id, None),),
                        0,
                        m.offer.id,
                    )
                )
    plain = {k: v for k, v in values.items() if k != "thread"}
    add(_Candidate(12, "thread", plain, _fallback_why))
    add(_Candidate(13, "thread", plain, _fallback_why))
    return candidates


def prepare(
    contact: ContactFacts,
    *,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    others: Sequence[OtherFacts] | OthersIndex,
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int = 60,
) -> TalkingPoints:
    """Talking points for calling `contact` today. `others` are the user's other contacts (for intros),
    or an `others_index` of them shared by many calls."""
    known = _know(contact, user, offers, today, playbook, lukewarm_after_days)
    candidates = sorted(_candidates(known, offers, others), key=_Candidate.key)
    facts, stage, note_words = known.facts, known.stage, known.note_words
    lukewarm, days_since = known.lukewarm, known.days_since

    seed = f"{contact.id}:{fold(contact.name)}"
    used: set[str] = set()
    rendered: list[tuple[Reason, _Candidate]] = []
    for cand in candidates:
        reason = _render_reason(cand, facts, playbook, seed, used)
        if reason is not None:
            rendered.append((reason, cand))
    primary, primary_cand = rendered[0]
    alternatives: list[Reason] = []
    kinds = {primary.kind}
    for reason, _cand in rendered[1:]:
        if reason.kind not in kinds and len(alternatives) < 2:
            alternatives.append(reason)
            kinds.add(reason.kind)
    if not alternatives and len(rendered) > 1:
        alternatives.append(rendered[1][0])

    ctx_facts = {**facts, **primary_cand.facts, "reason": primary.kind}
    ctx_values = dict(primary_cand.values)
    fallback_values = {
        k: v for k, v in ctx_values.items() if not (k == "thread" and primary.kind == "thread")
    }
    gap_note = (
        _render(playbook.gap_notes, ctx_facts, ctx_values, playbook, f"{seed}:gap") if lukewarm else None
    )

    return TalkingPoints(
        reason=primary,
        alternatives=tuple(alternatives),
        opener=_render(playbook.openers, ctx_facts, ctx_values, playbook, f"{seed}:opener") or "",
        goal=_render(playbook.goals, ctx_facts, ctx_values, playbook, f"{seed}:goal") or "",
        fallback=_render(playbook.fallbacks, ctx_facts, fallback_values, playbook, f"{seed}:fallback") or "",
        voicemail=_render(playbook.voicemails, ctx_facts, ctx_values, playbook, f"{seed}:voicemail") or "",
        reassurance=_reassurance(playbook, _situations(facts, primary.kind, note_words, stage)),
        gap_note=gap_note,
        days_since_contact=days_since,
    )


def one_line(points: TalkingPoints) -> str:
    """The reason as one digest line of at most 150 characters."""
    return _clip(points.reason.short, DIGEST_LINE_MAX)


def best_reason(
    contact: ContactFacts,
    *,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    others: Sequence[OtherFacts] | OthersIndex,
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int = 60,
) -> Reason:
    """Only `prepare(...).reason`: no alternatives, opener, goal, voicemail or reassurance.

    For the digest and due lists, which show one line per contact; same arguments as `prepare`.
    """
    known = _know(contact, user, offers, today, playbook, lukewarm_after_days)
    seed = f"{contact.id}:{fold(contact.name)}"
    for cand in sorted(_candidates(known, offers, others), key=_Candidate.key):
        reason = _render_reason(cand, known.facts, playbook, seed, set())
        if reason is not None:
            return reason
    raise AssertionError("the playbook guarantees a fallback thread reason")


def reason_line(reason: Reason) -> str:
    """`one_line` for a reason from `best_reason`."""
    return _clip(reason.short, DIGEST_LINE_MAX)


def _offer_values(m: _OfferMatch) -> dict[str, str]:
    found = {"offer_title": _clip(m.offer.title, 120)}
    if m.offer.url:
        found["offer_url"] = m.offer.url[:300]
    if m.matched:
        found["matched"] = m.matched
    return found


def _fallback_why(entry: Entry) -> str:
    if "event" in entry.fields:
        return "you met at the event and little else is on file"
    if "company" in entry.fields or "role" in entry.fields:
        return "little is on file beyond their work"
    return "little is on file about them yet, so a good question comes first"


def _pick(
    entries: Sequence[Entry],
    facts: Mapping[str, object],
    values: Mapping[str, str],
    seed: str,
    used: set[str],
) -> list[Entry]:
    """Eligible entries in the order to try: priority, then more conditions, then a stable hash of `seed`."""
    eligible = [
        e for e in entries if e.id not in used and e.fields <= values.keys() and e.when.matches(facts)
    ]
    spin = zlib.crc32(seed.encode())
    ordered: list[Entry] = []
    while eligible:
        top = max((e.priority, e.when.count) for e in eligible)
        group = sorted((e for e in eligible if (e.priority, e.when.count) == top), key=lambda e: e.id)
        chosen = group[spin % len(group)]
        ordered.append(chosen)
        eligible.remove(chosen)
    return ordered


def _render(entries, facts, values, playbook: Playbook, seed: str) -> str | None:
    for entry in _pick(entries, facts, values, seed, set()):
        text = entry.render(values)
        if not playbook.banned_in(text):
            return text
    return None


def _render_reason(cand: _Candidate, facts, playbook: Playbook, seed: str, used: set[str]) -> Reason | None:
    facts = {**facts, **cand.facts}
    for entry in _pick(playbook.reasons_of(cand.kind), facts, cand.values, f"{seed}:{cand.kind}", used):
        text, short = entry.render(cand.values), entry.render_short(cand.values)
        if playbook.banned_in(text) or playbook.banned_in(short):
            continue
        used.add(entry.id)
        why = cand.why(entry) if callable(cand.why) else cand.why
        return Reason(cand.kind, text, why, short, entry.id, cand.sources)
    return None


def _situations(facts: Mapping[str, object], kind: str, note_words: int, stage: Stage) -> set[str]:
    unanswered = facts["unanswered"] or facts["last_outcome"] in _UNANSWERED_OUTCOMES
    return {
        name
        for name, applies in (
            ("dormant", stage in (Stage.DORMANT, Stage.LET_GO) or kind == "dormant_check"),
            ("unanswered", bool(unanswered)),
            ("open_deal", bool(facts["has_open_deal"])),
            ("referral", bool(facts["has_referrer"] and facts["never_reached"])),
            ("lukewarm", bool(facts["lukewarm"])),
            (
                "first_call",
                bool(facts["never_reached"] and facts["last_outcome"] is None and facts["has_event"]),
            ),
            ("referral_reached", bool(facts["has_referrer"] and not facts["never_reached"])),
            ("thin_notes", note_words < 4),
            ("no_offers", not facts["has_offers"]),
            ("any", True),
        )
        if applies
    }


def _reassurance(playbook: Playbook, situations: set[str]) -> Reassurance:
    for situation in SITUATIONS:  # most specific first
        if situation in situations:
            for reassurance in playbook.reassurances:
                if situation in reassurance.situations:
                    return reassurance
    raise AssertionError("the playbook guarantees a reassurance for the situation 'any'")
