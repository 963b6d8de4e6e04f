"""Every reason that could apply to one call, ranked, and the best one worded (`best_reason`).

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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.domain.playbook import REASON_KINDS, Entry, Playbook
from bot.domain.talking_points.facts import (
    _CLAUSE_RE,
    _CONTACT_DETAIL_RE,
    _DEAL_WORDS,
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
)
from bot.domain.talking_points.intros import OthersIndex, _intro_candidates
from bot.domain.talking_points.wording import _render_reason, due_words, met_when
from bot.domain.vocabulary import Stage, fold

_KIND_ORDER = {kind: n for n, kind in enumerate(REASON_KINDS)}
_REACHED_OUTCOMES = frozenset({"reached", "meeting", "later", "no"})


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
