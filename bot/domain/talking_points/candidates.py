"""Every reason that could apply to one call, ranked, and the best one worded (`best_reason`).

Ranking, best first (ties go to the lower offer or contact id):
 0. let_go          stage let_go: the only reason, no call to make; says when, and that Revive brings
                    them back (no promise, no coaching)
 1. meeting_ahead   a meeting booked for today or later: prepare for it, not a call to make
 2. promised        an open promise (not promise_done), said as the action it is; a late one says by
                    how much ("3 days late")
 3. meeting_check   a booked meeting's day has passed and it is not confirmed: did it happen?
    wrong_number    the phone is marked wrong (a call reached someone else): find the right number
                    or write an e-mail before any other call reason
 4. meeting_followup  a held meeting and no call logged after it: the recap and the next step
    call_next_step  otherwise, the newest call's notes name a next step ("wants the case study")
 5. referrer_thanks a referral you have now reached (ever_reached) and not yet thanked: tell the
                    referrer how it went
 6. dormant_check   stage dormant: ask once whether to let go (R10)
 7. open_deal       the notes mention a proposal, quote, pricing, contract, decision or pilot: ask directly (R8)
 8. referral        a referrer and never reached: ask the referrer for an intro, name them on the call (R6)
 9. unanswered_streak  3+ unanswered in a row: change the approach (e-mail to book a time, or lead
                    with a matching offer); never another plain try
10. intro           this contact needs what another contact has, or has what another needs
                    ("hiring X", "looking for X", "needs X", "seeking X"), named on both sides
11. offer / client_success / invite  one of the user's offers whose topics match the notes or role
                    (offers tagged #success or #case are client stories; #event, #invite, #meetup,
                    #workshop, #webinar are invitations); more matched topics first. How topics match
                    is `_match_offer`'s docstring. An offer whose `ends_on` has passed is never
                    suggested, nor one that is the promised thing; one the call's next step names
                    becomes that step ("send the Northwind case study"). Nothing is offered without
                    a matching topic.
12. referral        a referrer, already spoken to: ask what they need, even if not a fit (R9)
13. thread          something from your notes ("your note: …"), never quoted as their words
14. lukewarm_gap    more than `lukewarm_after_days` since the last contact, nothing better known
15. thread          fallback built from the event, company or role, else a plain question; variants
                    rotate with the contact id, so one list does not repeat the same line

"Never reached" is `ever_reached` (or a reached outcome, or a held meeting): a voicemail after a
reached call does not make a referral a stranger again. An introducer ("via X") is not a referral.
Days since contact count from the newest of the last contact and a held meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bot.domain.playbook import REASON_KINDS, Entry, Playbook
from bot.domain.talking_points.case import SENT_RE, Case, Deliverable, read_case
from bot.domain.talking_points.facts import (
    _CLAUSE_RE,
    _CONTACT_DETAIL_RE,
    _DEAL_WORDS,
    _GENERIC_TOPICS,
    _INVITE_TAGS,
    _PROMISE_WORDS,
    _STOPWORDS,
    _SUCCESS_TAGS,
    _TOKEN_RE,
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    SourceRef,
    UserFacts,
    _clause_at,
    _clip,
    _combined,
    _fast_fold,
    _find,
    _first_name,
    _Profile,
    _profile,
    _stem,
    _topic,
)
from bot.domain.talking_points.intros import OthersIndex, _intro_candidates
from bot.domain.talking_points.phrases import (
    as_action,
    day_words,
    late_words,
    next_step,
    offer_name,
    short_day,
    spoken,
    step_when,
)
from bot.domain.talking_points.wording import _render_reason, due_words, met_when
from bot.domain.vocabulary import Stage

_KIND_ORDER = {kind: n for n, kind in enumerate(REASON_KINDS)}
_NAMES_A_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}", re.I
)
_REACHED_OUTCOMES = frozenset({"reached", "meeting", "later", "no"})
_MET_WORDS = frozenset({"met", "meet", "meeting"})
# Words that make a clause of the notes a live thread, not a label ("churn is their big worry").
_THREAD_SIGNALS = frozenset(
    _stem(w)
    for w in [
        "need",
        "needs",
        "want",
        "wants",
        "wanted",
        "asked",
        "worry",
        "worried",
        "problem",
        "struggle",
        "struggles",
        "stuck",
        "hard",
        "mess",
        "pain",
        "issue",
        "challenge",
        "plan",
        "plans",
        "launch",
        "launched",
        "expand",
        "hire",
        "invests",
        "invest",
        "raise",
        "evaluating",
        "looking",
    ]
)
_TALKED = frozenset({"reached", "meeting", "later"})
# Asking for the price is a next step (send it), not yet a deal to ask about
_PRICE_ONLY = frozenset({_stem("pricing"), _stem("price"), _stem("quote")})
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
    note: str = ""  # the clause of the notes it matched ("rolling out a new client onboarding flow")


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
        if stems and not (len(stems) == 1 and (stems[0] in _STOPWORDS or len(stems[0]) < 2)):
            phrases.append(stems)
    if not phrases:  # no topics: the significant words of the title stand in
        phrases = [
            (_topic(stem),)
            for stem in (_stem(t) for t in _TOKEN_RE.findall(_fast_fold(offer.title)))
            if len(stem) >= 4 and stem not in _STOPWORDS
        ]
    return kind, tuple(dict.fromkeys(phrases))


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


def _part_at(text: str, position: int, limit: int = 80) -> str:
    """The comma-separated part of the clause at `position`: what one note says about one thing."""
    for clause in _CLAUSE_RE.finditer(text):
        if clause.start() <= position < clause.end():
            at = clause.start()
            for part in clause.group().split(","):
                if at <= position < at + len(part) + 1:
                    return _clip(part.strip(), limit)
                at += len(part) + 1
    return _clause_at(text, position, limit)


def _match_offer(offer: OfferFacts, me: _Profile) -> _OfferMatch:
    """How well an offer fits the contact. Topics are phrases matched whole on folded word forms and
    synonyms ("hire" = "hiring" = "recruiter"), so "client onboarding" never matches "employee
    onboarding". Broad topics (hiring, team, growth, … see _GENERIC_TOPICS) count only next to a
    specific one: an offer tagged #hiring #engineering needs "engineering" to match, so a contact
    hiring teachers does not get it; an offer whose topics are all broad matches on any of them."""
    kind, phrases = _offer_kind(offer)
    stems = me.topic_stems
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
    if has_specific and has_generic and not generic_hit:
        # #hiring #engineering is for engineering HIRING: a platform engineer looking for a job
        # matches "engineer" only, and a hiring scorecard is not for them
        return _OfferMatch(offer, kind, "", 0, False)
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


# ---------------------------------------------------------------------------------------------------
# The engine

_OUTCOME_WORDS = {
    "reached": "you spoke",
    "voicemail": "voicemail",
    "no-answer": "no answer",
    "emailed": "you e-mailed",
    "meeting": "meeting booked",
    "later": "call back later",
    "no": "they said no",
}


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
    thread_why: str  # "from your notes" or "from your note on the last call"
    days_since: int | None
    lukewarm: bool
    never_reached: bool
    today: date
    action: str  # the open promise as an action, "" when none is open
    meeting: str  # "", "ahead", "check" (past, unconfirmed) or "held"
    step: tuple[str, str] | None  # the last call's next step: (action, the note's words)
    kept: frozenset[str] = frozenset()  # the words of a promise already kept: never offered again
    deal_in_call: bool = False  # the open deal is in the last call's notes, not the contact's
    case: Case = Case()  # what the story says the next touch is for (case.py)
    ask: Deliverable | None = None  # something the contact asked for, to deliver first
    given: frozenset[str] = frozenset()  # the words of things the notes say were sent: not offered again


def _thread_of(notes: str, playbook: Playbook, avoid: frozenset[str] = frozenset()) -> str:
    """The clause of the notes most worth asking about: not a promise, not contact details, not how
    you met ("met at the booth, building a recommender team" gives "building a recommender team").

    A clause that says what is going on (something they are doing, need or struggle with:
    "raising a seed round", "churn is their big worry") beats one that only labels them ("co-founder",
    "head of growth", "platform engineer"); among equals the first one wins."""
    best, best_score = "", 0
    for clause in _CLAUSE_RE.finditer(notes):
        for part in clause.group().split(","):
            tokens = _TOKEN_RE.findall(part)
            words = [_stem(w) for w in tokens]
            if len(words) < 2 or words[0] in _MET_WORDS or _PROMISE_WORDS.intersection(words):
                continue
            if _CONTACT_DETAIL_RE.search(part) or playbook.banned_in(part):
                continue
            if avoid and avoid & _name_stems(part):
                continue  # about a promise already kept: it never comes up again
            content = sum(1 for w in words if w not in _STOPWORDS)
            lowered = [_fast_fold(t) for t in tokens]
            doing = any((len(t) >= 6 and t.endswith("ing")) or _stem(t) in _THREAD_SIGNALS for t in lowered)
            score = (
                3 if doing else 2 if content >= 3 else 0
            )  # a bare label ("head of procurement") is no thread
            if score > best_score:
                best, best_score = _clip(part.strip(), 80), score
                if score == 3:
                    return best
    return best


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
    let_go = stage == Stage.LET_GO

    meeting = ""
    if contact.meeting_on:
        meeting = "ahead" if contact.meeting_on >= today else "held" if contact.meeting_confirmed else "check"
    seen = [d for d in (contact.last_contact_on, contact.meeting_on if meeting == "held" else None) if d]
    last_seen = max(seen) if seen else contact.met_on
    days_since = max((today - last_seen).days, 0) if last_seen else None
    lukewarm = days_since is not None and days_since > lukewarm_after_days and not let_go
    ever_reached = contact.ever_reached or contact.last_outcome in _REACHED_OUTCOMES or meeting == "held"
    never_reached = not ever_reached
    raw_promise = (contact.promise or "").strip()
    action = as_action(raw_promise) if raw_promise and not contact.promise_done and not let_go else ""
    call_notes = " ".join((contact.last_call_notes or "").split())
    case = Case()
    if not let_go and contact.last_outcome != "no":
        case = read_case(
            contact.notes, contact.met_on, call_notes or None, contact.last_call_on, first, today
        )
    ask = case.deliver if case.deliver and case.deliver.theirs else None
    if ask and not ask.by and call_notes and next_step(call_notes):
        ask = None  # no date of theirs: the call's next step says it (and can name the offer it is)
    promise_due = contact.promise_due
    if case.deliver and not case.deliver.theirs and not raw_promise:
        # a step you took on in your notes ("I'll send her the rates by Friday") is a promise (§14)
        action, promise_due = as_action(case.deliver.action), case.deliver.by

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
        "introducer": contact.introducer,
        "promise": action or None,
        "promise_spoken": spoken(action, first) if action else None,
    }
    values.update({k: _clip(v, 100) for k, v in optional.items() if v and v.strip()})
    if contact.met_on:
        values["met_when"] = met_when(contact.met_on, today)
    if days_since is not None:
        values["days_since"] = str(days_since)
    promise_late = False
    if action and promise_due:
        late = (today - promise_due).days
        if late > 0:
            promise_late = True
            values["promise_late"] = late_words(late)
        else:
            values["promise_due"] = due_words(promise_due, today)
    wait_until = case.wait_until
    if wait_until:
        values["wait_note"] = _clip(case.wait_words, 80)
    elif contact.last_outcome == "later" and contact.next_due and contact.next_due > today:
        wait_until = contact.next_due
    if wait_until:
        values["wait_when"] = day_words(wait_until, today)
        values["wait_day"] = short_day(wait_until, today)
    if case.decision_on:
        values["decision_when"] = day_words(case.decision_on, today)
        values["decision_note"] = _clip(case.decision_words, 80)
        if case.decision_on < today:
            values["decision_past"] = values["decision_when"]
    if ask:
        values["ask_action"] = _clip(ask.action, 100)
        values["ask_thing"] = _clip(ask.thing, 80)
        values["ask_note"] = _clip(ask.note, 100)
        if ask.by and ask.by >= today:
            by = ask.by_words or due_words(ask.by, today)
            if not _NAMES_A_MONTH.search(by):
                by = f"{by} ({short_day(ask.by, today)})"  # "before her board meets on the 20th (Sun 20 Dec)"
            values["ask_by"] = _clip(by, 80)
            values["ask_by_day"] = day_words(ask.by, today)
        elif ask.by:
            values["ask_past"] = day_words(ask.by, today)
    if contact.meeting_on:
        values["meeting_when"] = day_words(contact.meeting_on, today)
    if let_go and contact.let_go_on:
        values["let_go_when"] = day_words(contact.let_go_on, today)
    if contact.last_call_on:
        values["call_when"] = met_when(contact.last_call_on, today)
        if call_notes and not playbook.banned_in(call_notes):
            values["call_note"] = _clip(call_notes, 100)

    step = None
    mine = case.deliver is not None and not case.deliver.theirs
    if call_notes and not let_go and contact.last_outcome != "no" and not ask and not mine:
        step = next_step(call_notes)
        if step and action and _name_stems(step[0]) & _name_stems(action):
            step = None  # the open promise already says it
        if step:
            values["next_step"] = _clip(step[0], 100)
            values["step_note"] = _clip(step[1], 100)
            when = step_when(call_notes)
            if when:
                values["step_when"] = when

    kept = _name_stems(as_action(raw_promise)) if raw_promise and contact.promise_done else frozenset()
    given: frozenset[str] = frozenset()  # "sent her the CSRD article": given, never offered again
    for text in (call_notes, contact.notes or ""):
        for sent in SENT_RE.finditer(text):
            given |= _name_stems(sent.group("obj"))
    deal_note, deal_word = "", ""
    for k, stem in enumerate(me.stems):
        if stem in _DEAL_WORDS and me.spans[k][0] >= notes_start:
            clause = _clause_at(me.text, me.spans[k][0])
            if kept & _name_stems(clause):
                continue  # about a promise already kept: it never comes up again
            deal_note = clause
            deal_word = me.text[me.spans[k][0] : me.spans[k][1]]
            break
    deal_in_call = False
    if not deal_note and call_notes and contact.last_outcome in _TALKED:
        said = _profile(call_notes, -1)  # "decision on a pilot by 4 Dec" on the last call
        for k, stem in enumerate(said.stems):
            if stem in _DEAL_WORDS and stem not in _PRICE_ONLY:
                deal_note = _clause_at(call_notes, said.spans[k][0])
                deal_word = call_notes[said.spans[k][0] : said.spans[k][1]]
                deal_in_call = True
                break

    if deal_note and case.deliver and _name_stems(deal_note) & _name_stems(case.deliver.note):
        deal_note = ""  # the deal words are the thing to deliver ("the pilot pricing"): that comes first
    if deal_note and case.decision_on:
        deal_note = ""  # a decision on a known day: help them decide, never "does it go ahead?" before it
    if deal_note:
        values["deal_note"] = deal_note
    if note_words < 4 and offers and not let_go:  # little on file: listen for a fit with what you have
        values["offers_named"] = _offers_named(offers, today)

    # the newest words first: what the last conversation was about, else the notes from meeting them
    thread, thread_why = "", "from your notes"
    if (
        call_notes
        and contact.last_outcome in _TALKED
        and contact.last_outcome != "meeting"
        and not step
        and not ask
        and not mine
    ):
        thread = _thread_of(call_notes, playbook, kept)
        thread_why = "from your note on the last call"
    if not thread and contact.notes:
        thread, thread_why = _thread_of(contact.notes, playbook, kept), "from your notes"
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
        "has_promise": bool(action),
        "has_email": bool(contact.email),
        "has_phone": bool(contact.phone),
        "lukewarm": lukewarm,
        "has_introducer": "introducer" in values,
        "promise_late": promise_late,
        "met_last": never_reached,
        "meeting_held": meeting == "held",
        "referrer_is_member": contact.referrer_is_member,
        "unanswered": contact.unanswered_streak,
        "days_since_contact": days_since,
        "ask_past": "ask_past" in values,
        "decision_past": "decision_past" in values,
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
        thread_why,
        days_since,
        lukewarm,
        never_reached,
        today,
        action,
        meeting,
        step,
        kept,
        deal_in_call,
        case,
        ask,
        given,
    )


def _candidates(
    known: _Known, offers: Sequence[OfferFacts], others: Sequence[OtherFacts] | OthersIndex
) -> list[_Candidate]:
    """Every reason that could apply, tiered as in the module docstring."""
    contact, first, me, values, stage = known.contact, known.first, known.me, known.values, known.stage
    deal_note, deal_word, thread = known.deal_note, known.deal_word, known.thread
    never_reached, lukewarm, days_since = known.never_reached, known.lukewarm, known.days_since
    action, meeting, step = known.action, known.meeting, known.step

    if stage == Stage.LET_GO:
        when = f" {values['let_go_when']}" if "let_go_when" in values else ""
        return [_Candidate(0, "let_go", values, f"you let {first} go{when}; Revive brings them back")]

    live = [o for o in offers if o.ends_on is None or o.ends_on >= known.today]
    matches = sorted((_match_offer(offer, me) for offer in live), key=lambda m: (-m.strength, m.offer.id))
    matched = [m for m in matches if m.strength > 0]
    # An offer that is the promised thing is not offered again beside it ("send the checklist you
    # promised", then "Offer José the checklist"); the call's next step may name an offer outright.
    taken = (_name_stems(action) if action else frozenset()) | known.kept | known.given
    step_offer: _OfferMatch | None = None
    if step:
        wanted = _name_stems(step[0])
        for m in sorted(matches, key=lambda m: m.offer.id):
            if wanted and len(wanted & _name_stems(m.offer.title)) >= min(2, len(wanted)):
                step_offer = m
                break
    matched = [
        m
        for m in matched
        if not (taken & _name_stems(m.offer.title))
        and (step_offer is None or m.offer.id != step_offer.offer.id)
    ]

    candidates: list[_Candidate] = []
    add = candidates.append
    if "wait_when" in values and meeting != "ahead":
        said = f' (your note: "{values["wait_note"]}")' if "wait_note" in values else ""
        ready = {**values, **_offer_values(matched[0], known.today)} if matched else values
        add(_Candidate(0, "not_yet", ready, f"{first} set the time: not before {values['wait_day']}{said}"))
    ask_offer = None
    if known.ask:  # an offer of yours that is what they asked for: give it, by its name (§14)
        wanted = _name_stems(known.ask.thing)
        ask_offer = next((m for m in matched if wanted & _name_stems(m.offer.title)), None)
    if known.ask and ask_offer is None:
        by = f" ({values['ask_by']})" if "ask_by" in values else ""
        where = "your note from the last call says so" if known.ask.from_call else "your notes say so"
        add(
            _Candidate(
                2,
                "asked",
                values,
                f"{first} asked you for {values['ask_thing']}{by}, and {where}",
                (SourceRef("note", contact.id, known.ask.note),),
            )
        )
    if meeting == "ahead":
        add(
            _Candidate(
                1,
                "meeting_ahead",
                values,
                f"you have a meeting with {first} booked {values['meeting_when']}",
            )
        )
    if action:
        if "promise_late" in values:
            due = f" ({values['promise_late']})"
        elif "promise_due" in values:
            due = f" ({values['promise_due']})"
        else:
            due = ""
        add(
            _Candidate(
                2,
                "promised",
                values,
                f"you told {first} you would {values['promise']}{due}, and it is not marked done",
                (SourceRef("promise", contact.id, values["promise"]),),
            )
        )
    if meeting == "check":
        add(
            _Candidate(
                3,
                "meeting_check",
                values,
                f"a meeting with {first} was booked {values['meeting_when']} and is not marked as held yet",
            )
        )
    if contact.phone_wrong and meeting != "ahead":
        add(_Candidate(3, "wrong_number", values, f"your last call to {first} reached a wrong number"))
    step_values = dict(values)
    step_sources: tuple[SourceRef, ...] = ()
    if step:
        step_sources = (SourceRef("note", contact.id, step[1]),)
        if step_offer:
            name = offer_name(step_offer.offer.title, step_offer.kind)
            verb = step[0].split(" ", 1)[0]
            step_values["next_step"] = _clip(f"{verb} {name}", 100)
            step_values.update(_offer_values(step_offer, known.today))
            step_sources += (SourceRef("offer", step_offer.offer.id, step[1]),)
    call_after_meeting = bool(
        contact.last_call_on and contact.meeting_on and contact.last_call_on > contact.meeting_on
    )
    if meeting == "held" and not call_after_meeting and not deal_note:  # a deal: deal-meeting asks
        meeting_values, meeting_sources = (step_values, step_sources) if step else (values, ())
        if not step and matched:  # the recap can carry the offer that fits what you met about
            meeting_values = {**values, **_offer_values(matched[0], known.today)}
            meeting_sources = (SourceRef("offer", matched[0].offer.id, matched[0].matched),)
        add(
            _Candidate(
                4,
                "meeting_followup",
                meeting_values,
                f"you met {first} {values['meeting_when']} and no call is logged since",
                meeting_sources,
            )
        )
    elif step:
        add(
            _Candidate(
                4,
                "call_next_step",
                step_values,
                f'your note from the last call ({values.get("call_when", "recently")}): "{step[1]}"',
                step_sources,
            )
        )
    if "referrer" in values and not never_reached and not contact.referrer_thanked:
        add(
            _Candidate(
                5,
                "referrer_thanks",
                values,
                f"{values['referrer']} referred {first}; you have spoken since, and {values['referrer']} "
                "has not heard how it went",
                (SourceRef("referrer", None, values["referrer"]),),
            )
        )
    if stage == Stage.DORMANT:
        add(_Candidate(6, "dormant_check", values, "marked dormant after repeated unanswered tries"))
    if "decision_when" in values:
        add(
            _Candidate(
                7,
                "decision_pending",
                values,
                f'a decision is due {values["decision_when"]} (your note: "{values["decision_note"]}"): '
                "until then, help them decide",
                (SourceRef("note", contact.id, values["decision_note"]),),
            )
        )
    if deal_note and not (step and known.deal_in_call):  # else the step says it ("step-deal")
        add(
            _Candidate(
                7,
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
                    5,
                    "referral",
                    values,
                    f"{values['referrer']} referred {first} and you have not spoken yet",
                    source,
                )
            )
        else:
            add(_Candidate(12, "referral", values, f"{values['referrer']} referred {first} to you", source))
    intros = _intro_candidates(contact, me, others)
    if contact.unanswered_streak >= 3 and meeting != "ahead":
        # lead with the most useful thing you have for them: an introduction they need, else an offer
        extra: dict[str, str] = {}
        sources: tuple[SourceRef, ...] = ()
        streak_facts: dict[str, object] = {}
        wanted = next((i for i in intros if i.side == "contact_needs" and i.other_match), None)
        if wanted:
            extra = {"other_name": _clip(wanted.other.name, 100), "need": _clip(wanted.need, 80)}
            extra["other_match"] = _clip(_said(wanted.other_match, wanted.in_role), 80)
            sources = (SourceRef("contact", wanted.other.id, wanted.excerpt),)
            streak_facts = {"intro_side": "contact_needs"}
        elif matched:
            extra = _offer_values(matched[0], known.today)
            sources = (SourceRef("offer", matched[0].offer.id, matched[0].matched),)
        add(
            _Candidate(
                9,
                "unanswered_streak",
                {**values, **extra},
                f"{contact.unanswered_streak} tries in a row went unanswered; the same approach again is unlikely to land",
                sources,
                facts=streak_facts,
            )
        )
    for intro in intros:
        other = intro.other
        intro_values = {**values, "other_name": _clip(other.name, 100), "need": _clip(intro.need, 80)}
        if other.company:
            intro_values["other_company"] = _clip(other.company, 100)
        if intro.other_match:
            intro_values["other_match"] = _clip(_said(intro.other_match, intro.in_role), 80)
        if intro.side == "contact_needs":
            if intro.in_role:
                why = f"{first} is {intro.need}, and {other.name} works as {intro.excerpt}"
            else:
                why = f'{first} is {intro.need}, and your notes on {other.name} say "{intro.excerpt}"'
        elif intro.other_match and intro.in_role:
            why = f"{other.name} is {intro.need}, which fits {first}'s work as {intro.other_match}"
        elif intro.other_match:
            why = f'{other.name} is {intro.need}, which fits "{intro.other_match}" in your notes on {first}'
        else:
            why = f"{other.name} is {intro.need}, and {first} is hiring"
        sources = (SourceRef("contact", other.id, intro.excerpt),)
        add(
            _Candidate(
                10, "intro", intro_values, why, sources, intro.strength, other.id, {"intro_side": intro.side}
            )
        )
    for m in matched:
        where = "their role" if m.in_role else "your notes"
        fits = f'matches "{m.matched}" in {where}'
        if m.note and m.note != m.matched:
            fits += f' ("{m.note}")'
        if ask_offer is m:
            fits = f"is what {first} asked you for ({values['ask_thing']})"
        add(
            _Candidate(
                2 if ask_offer is m else 11,
                m.kind,
                {**values, **_offer_values(m, known.today)},
                f'your offer "{m.offer.title}" {fits}',
                (SourceRef("offer", m.offer.id, m.matched),),
                m.strength,
                m.offer.id,
            )
        )
    if thread:
        add(
            _Candidate(
                13,
                "thread",
                values,
                f'{known.thread_why}: "{thread}"',
                (SourceRef("note", contact.id, thread),),
            )
        )
    if lukewarm:
        add(_Candidate(14, "lukewarm_gap", values, f"{days_since} days since your last contact with {first}"))
    plain = {k: v for k, v in values.items() if k != "thread"}
    why = _fallback_why if known.note_words < 4 else _spare_why
    add(_Candidate(15, "thread", plain, why))
    add(_Candidate(16, "thread", plain, why))
    return candidates


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
    seed = str(contact.id)
    for cand in sorted(_candidates(known, offers, others), key=_Candidate.key):
        reason = _render_reason(cand, known.facts, playbook, seed, set())
        if reason is not None:
            return reason
    raise AssertionError("the playbook guarantees a fallback thread reason")


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


def _said(words: str, in_role: bool) -> str:
    """Words from the notes inside a sentence: "Invests in seed" -> "invests in seed"; a job title,
    an acronym or a name keeps its capitals."""
    if in_role or not words[:1].isupper() or words[1:2].isupper():
        return words
    first = words.split(" ", 1)[0]
    return words if first in ("I", "I'm") else words[:1].lower() + words[1:]


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
    if m.note:
        found["matched_note"] = m.note
    return found


def _spare_why(entry: Entry) -> str:
    """Why a plain question is offered beside better reasons: it is a second way in, not all we know."""
    if "event" in entry.fields:
        return "a second way in: where you met"
    if "company" in entry.fields or "role" in entry.fields:
        return "a second way in: their work"
    return "a second way in: an open question"


def _fallback_why(entry: Entry) -> str:
    if "event" in entry.fields:
        return "you met at the event and little else is on file"
    if "company" in entry.fields or "role" in entry.fields:
        return "little is on file beyond their work"
    return "little is on file about them yet, so a good question comes first"
