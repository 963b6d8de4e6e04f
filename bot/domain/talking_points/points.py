"""`prepare`: the talking points for one call, the best reason with up to two alternatives of other
kinds, and the opener, goal, fallback, voicemail, gap note and reassurance that go with it.

A lukewarm contact also gets `gap_note` (name the gap first); the reason stays value-first (R5).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.domain.playbook import REASON_KINDS, THREAD_ABOUTS, Playbook
from bot.domain.talking_points.as_read import read_and_typed, reader
from bot.domain.talking_points.as_typed import points_in_own_words
from bot.domain.talking_points.candidates import _OUTCOME_WORDS, _Candidate, _candidates, _know
from bot.domain.talking_points.facts import (
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    TalkingPoints,
    UserFacts,
    _clip,
)
from bot.domain.talking_points.intros import OthersIndex
from bot.domain.talking_points.phrases import short_day
from bot.domain.talking_points.wording import _reassurance, _render, _render_reason, _situations, placed

# Alternatives never contradict the main reason: no "send it, then ring" next to "get an
# introduction first", no call ideas next to a meeting that is already booked.
_AHEAD_OF_A_CALL = frozenset({"offer", "client_success", "intro", "promised", "asked"})
_CONFLICTS: dict[str, frozenset[str]] = {
    # not yet: only what to have ready by then
    "not_yet": frozenset(set(REASON_KINDS) - _AHEAD_OF_A_CALL),
    "decision_pending": frozenset({"open_deal"}),
    # what they asked for, or you promised, is not with them yet: no "where does the decision stand?"
    "asked": frozenset({"call_next_step", "referral", "lukewarm_gap", "open_deal"}),
    "promised": frozenset({"referral", "open_deal"}),
    "meeting_ahead": frozenset(
        {"unanswered_streak", "referral", "dormant_check", "lukewarm_gap", "meeting_check", "thread"}
    ),
    "meeting_check": frozenset({"meeting_followup", "unanswered_streak", "dormant_check"}),
    "meeting_followup": frozenset({"referral", "unanswered_streak", "lukewarm_gap", "call_next_step"}),
    "call_next_step": frozenset({"referral", "lukewarm_gap"}),
    "referrer_thanks": frozenset({"referral"}),
    "introducer_thanks": frozenset({"referral", "lukewarm_gap"}),
    "dormant_check": frozenset({"lukewarm_gap"}),
}


# The fallback reasons that quote a note as written: a last resort, never offered as an alternative.
_QUOTING_ENTRIES = frozenset({"thread-notes-1", "thread-notes-2"})
# small talk about the event, company or role: a way in when nothing is known, never an alternative
_SMALL_TALK = ("thread-event-1", "thread-event-2", "thread-company-", "thread-role-")
# A note that says not to e-mail them: no tip that says to send an e-mail
_NO_EMAIL = re.compile(r"\b(?:not|never|no|don'?t|do not)\s+(?:by\s+|via\s+|send\s+)?e-?mails?\b", re.I)

# Reasons that come from the last call's notes: the spare topic is something else.
_FROM_THE_CALL = frozenset(
    {"call_next_step", "meeting_followup", "asked", "not_yet", "decision_pending", "promised"}
)


# A call note about what you did ("Sent a short intro email, cc'd Hēmi", "left my mobile") is no topic
# to ask them about
_YOUR_OWN_DOING = re.compile(
    r"^\s*(?:sent|emailed|e-mailed|texted|left|cc'?d|forwarded|rang|called|tried|i\b|we\b)", re.I
)


def _clash(a: Reason, b: Reason) -> bool:
    """Two reasons that say the same or contradict each other: the same kind, the same offer or
    contact, a kind that conflicts, or one that already folds in the other's promise."""
    if a.kind == b.kind or b.kind in _CONFLICTS.get(a.kind, ()) or a.kind in _CONFLICTS.get(b.kind, ()):
        return True
    if a.offer_id is not None and a.offer_id == b.offer_id:
        return True
    return bool(a.contact_id is not None and a.contact_id == b.contact_id)


def last_touch_label(contact: ContactFacts) -> str:
    """ "Last e-mail" (or "Last message") when the newest note came with an e-mail (a text or chat
    message) you logged, else "Last call"."""
    if contact.last_call_on and contact.last_contact_on and contact.last_contact_on > contact.last_call_on:
        return "Earlier call"  # tries since then left no note: this note is not from the last one
    if contact.last_call_on != contact.last_contact_on:
        return "Last call"
    return {"emailed": "Last e-mail", "messaged": "Last message"}.get(contact.last_outcome or "", "Last call")


def _last_call(contact: ContactFacts, today: date) -> str | None:
    """ "Last call, Tue 1 Dec (you spoke). Your note: wants the case study, budget in Q1"."""
    if contact.last_call_on is None:
        return None
    text = f"{last_touch_label(contact)}, {short_day(contact.last_call_on, today)}"
    outcome = _OUTCOME_WORDS.get(contact.last_outcome or "")
    if outcome:
        text += f" ({outcome})"
    notes = " ".join((contact.last_call_notes or "").split())
    return f"{text}. Your note: {_clip(notes, 200)}" if notes else f"{text}."


def prepare(
    contact: ContactFacts,
    *,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    others: Sequence[OtherFacts] | OthersIndex,
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int = 60,
    demoted: frozenset[str] = frozenset(),
) -> TalkingPoints:
    """Talking points for calling `contact` today. `others` are the user's other contacts (for intros),
    or an `others_index` of them shared by many calls.

    A let-go contact gets the let_go reason only: no alternatives, and an empty opener, goal,
    fallback and voicemail (there is no call to make)."""
    contact, typed = read_and_typed(contact, user, today)  # "quote b4 Xmas" as meant; quoted as typed
    known = _know(contact, user, offers, today, playbook, lukewarm_after_days, others)
    candidates = sorted(_candidates(known, offers, others), key=lambda c: c.ranked(demoted))
    facts, stage, note_words = known.facts, known.stage, known.note_words
    lukewarm, days_since = known.lukewarm, known.days_since

    seed = str(contact.id)
    used: set[str] = set()
    rendered: list[tuple[Reason, _Candidate]] = []
    for cand in candidates:
        reason = _render_reason(cand, facts, playbook, seed, used)
        if reason is not None:
            rendered.append((reason, cand))
    primary, primary_cand = rendered[0]
    primary_entry = next(e for e in playbook.reasons if e.id == primary.entry_id)
    last_call = _last_call(contact, today)
    situations = _situations(facts, primary.kind, note_words, stage)
    no_email = bool(_NO_EMAIL.search(f"{contact.notes or ''} {contact.last_call_notes or ''}"))
    if primary.kind == "let_go":
        return points_in_own_words(
            TalkingPoints(
                reason=primary,
                alternatives=(),
                opener="",
                goal="",
                fallback="",
                voicemail="",
                reassurance=_reassurance(playbook, situations, no_email),
                gap_note=None,
                days_since_contact=days_since,
                last_call=last_call,
            ),
            typed,
            reader(user, today),
        )
    alternatives: list[Reason] = []
    # nothing but the event or their work is known: a second plain question is still a way in
    little_known = primary_entry.id.startswith(_SMALL_TALK) or primary_entry.id == "thread-event-offers"
    folded_promise = "promise" in primary_entry.fields  # e.g. "before the meeting, do what you said"
    for reason, _cand in rendered[1:]:
        if len(alternatives) == 2:
            break
        if folded_promise and reason.kind == "promised":
            continue
        said_so_far = " ".join([primary.text, *(alt.text for alt in alternatives)])
        quoted = known.thread and known.thread in said_so_far and known.thread in reason.text
        if reason.kind == "thread" and quoted:
            continue  # the reason already quotes that note
        if reason.entry_id in _QUOTING_ENTRIES or (
            reason.entry_id.startswith(_SMALL_TALK) and not little_known
        ):
            continue  # a note pasted into a question, or "going back to the expo?", is no second way in
        if _clash(primary, reason) or any(_clash(alt, reason) for alt in alternatives):
            continue
        if (who := primary_cand.values.get("promise_who")) and reason.kind == "intro" and who in reason.text:
            continue  # the name you promised is the reason already
        alternatives.append(reason)
    if not alternatives:
        # a second wording of a plain question is better than nothing; never a second intro or offer
        spare = [
            r
            for r, _ in rendered[1:]
            if r.kind == primary.kind == "thread"
            and r.text != primary.text
            and (little_known or not r.entry_id.startswith(_SMALL_TALK))
            and not (r.entry_id.startswith("thread-need") and primary.entry_id.startswith("thread-need"))
        ]
        alternatives.extend(spare[:1])

    ctx_facts = {**facts, **primary_cand.facts, "reason": primary.kind, "thread_about": _about(primary_entry)}
    ctx_values = dict(primary_cand.values)
    said = " ".join([primary.text, *(alt.text for alt in alternatives)])
    fallback_values = {  # the spare topic is not what the reason or an alternative already says
        k: v
        for k, v in ctx_values.items()
        if not (k in ("thread", "call_note") and v in said)
        and not (k == "call_note" and primary.kind in _FROM_THE_CALL)
        and not (k == "call_note" and _YOUR_OWN_DOING.search(v))  # "sent a short intro e-mail": yours
    }
    gap_note = (
        _render(playbook.gap_notes, ctx_facts, ctx_values, playbook, f"{seed}:gap")
        if lukewarm or ctx_facts.get("callback_missed") or "callback_after" in ctx_values
        else None
    )

    opener = _render(playbook.openers, ctx_facts, ctx_values, playbook, f"{seed}:opener") or ""
    spoke = contact.last_outcome in ("busy", "later")  # they picked up, if only to put you off
    if known.never_reached and not spoke and contact.met_on and (today - contact.met_on).days >= 14:
        opener = placed(opener, ctx_values)  # three weeks on, a name alone does not place you
    voicemail = _render(playbook.voicemails, ctx_facts, ctx_values, playbook, f"{seed}:voicemail") or ""
    written = next((h for h in known.case.heed if _WRITE_ONLY.search(h)), None)
    if written and opener and not opener.startswith("Write"):
        # "WhatsApp only", "no calls, e-mail him": the opener becomes the message; no voicemail to leave
        later = f"Would ten minutes one day {ctx_values.get('next_week', 'next week')} suit?"  # never Christmas week
        said = (
            _ASK_NOW.sub(later, opener)
            .replace("I'm calling", "I'm writing")
            .replace("I'm ringing", "I'm writing")
        )
        opener, voicemail = f'Write, don\'t ring (your note: {written}): "{said}"', ""

    points = TalkingPoints(
        reason=primary,
        alternatives=tuple(alternatives),
        opener=opener,
        goal=_render(playbook.goals, ctx_facts, ctx_values, playbook, f"{seed}:goal") or "",
        fallback=_render(playbook.fallbacks, ctx_facts, fallback_values, playbook, f"{seed}:fallback") or "",
        voicemail=voicemail,
        reassurance=_reassurance(playbook, situations, no_email),
        gap_note=gap_note,
        days_since_contact=days_since,
        last_call=last_call,
        heed=known.case.heed,
    )
    return points_in_own_words(points, typed, reader(user, today))


def _about(entry) -> str | None:
    """What a thread reason is about, by the first "{thread_…}" placeholder of its wording."""
    return next((a for a in THREAD_ABOUTS if f"thread_{a}" in entry.fields), None)


_WRITE_ONLY = re.compile(
    r"\b(?:whatsapp|texts?|sms|e-?mails?|in writing|messages?)\s+only\b|"
    r"\bonly\s+(?:by\s+|on\s+|via\s+)?(?:whatsapp|texts?|sms|e-?mails?|in writing|messages?)\b|"
    r"\bprefers?\s+(?:whatsapp|texts?|sms|e-?mails?|messages?)(?:\s*(?:/|or|and)\s*(?:whatsapp|texts?|sms|e-?mails?))?"
    r"\s+(?:to|over)\s+(?:calls?|phone|ringing)\b|\bsays\s+whatsapp\b|"  # "prefers text/email over calls"
    r"\bprefers?\s+(?:an?\s+)?e-?mails?\s+first\b|"  # "prefers email first then a call": write first
    # "no calls", "don't ring her" — but "don't call her Hortense" says what to call her, not how to reach her
    r"\b(?:no|never|don'?t|do not)\s+(?:\w+\s+)?(?:calls?|ring|phone)\b"
    r"(?!\s+(?:before|after|until|till|between|in|on|at|yet|so far|from|back|since)\b|"  # "no call yet": none came
    r"\s+(?:her|him|them|me)\s+(?:by\s+)?[\"“‘']?[A-ZÀ-Þ])",
    re.I,
)
# "Is now a good moment for two minutes?" is for a call; in a message it asks for a time instead
_ASK_NOW = re.compile(
    r"(?:Is now a good moment[^?]*|Have you got (?:two|a few) minutes|Do you have a minute[^?]*)\?", re.I
)
