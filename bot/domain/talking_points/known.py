"""What `prepare` knows about one contact before ranking (`_know`): the values and facts the playbook
reads, the thread, the deal, the last call's next step and the case (case.py). Split from `candidates`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.domain.call_text import notes_follow_up, said_days
from bot.domain.cue_words import untranslated
from bot.domain.names import address_in, nickname_in
from bot.domain.playbook import Playbook
from bot.domain.pronouns import pronoun_of
from bot.domain.talking_points.asked_them import asked_them_values, their_thing_values
from bot.domain.talking_points.case import Case, Deliverable, asked_to_call, read_case
from bot.domain.talking_points.case_items import _THING_STOP, _YOU_ASKED, ASKED_NEED, SENT_AFTER_RE, SENT_RE
from bot.domain.talking_points.case_timing import decision_noun, decision_when, missed_callback, snag_in
from bot.domain.talking_points.deals import deal_clause
from bot.domain.talking_points.facts import (
    ContactFacts,
    OfferFacts,
    UserFacts,
    _clip,
    _combined,
    _first_name,
    _Profile,
    _profile,
)
from bot.domain.talking_points.known_words import (  # noqa: F401
    _CHAT_APP,
    _DETERMINED,
    _MEETING_ASK,
    _NAMES_A_MONTH,
    _NO_FIRM,
    _ONE_WAY,
    _OURS,
    _OUTCOME_WORDS,
    _PHONE_ONLY,
    _PROPOSED,
    _REACHED_OUTCOMES,
    _SAID_BEFORE,
    _SENT_END,
    _SENT_OUTCOMES,
    _TALKED,
    _THEY_FIND,
    _THEY_RING,
    _THEY_SEND,
)
from bot.domain.talking_points.next_step import next_step, step_when
from bot.domain.talking_points.noted_meeting import noted_meeting
from bot.domain.talking_points.offer_match import _name_stems, _offers_named, need_is_ours
from bot.domain.talking_points.offer_near import not_ours_after, offer_near_need
from bot.domain.talking_points.open_ask import open_ask
from bot.domain.talking_points.phrases import (
    as_action,
    day_words,
    fit_words,
    iso_days_said,
    late_words,
    next_week_words,
    plain_by,
    plural_thing,
    short_day,
    spoken,
)
from bot.domain.talking_points.proposed import (
    blocked_on_it,
    moved_due,
    passed_event,
    proposed_step,
    waiting_on_them,
)
from bot.domain.talking_points.situation_leads import asked_what, spelled_out
from bot.domain.talking_points.their_help import help_values, referrer_door, referrer_told
from bot.domain.talking_points.thread import (
    _THEIR,
    _doing,
    _sent_stems,
    _situation,
    _situation_values,
    _thread_of,
    _whole,
    _whole_note,
    had_stems,
    heard_values,
    to_them,
    told_you,
)
from bot.domain.talking_points.wording import due_words, met_when
from bot.domain.vocabulary import Stage

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


# what the coach says in its own sentences from a note (never "you mentioned needing du gombo")
_SAID_AS_OURS = ("thread_doing", "thread_doing_spoken", "thread_told", "thread_told_spoken", "thread_heard")


def _know(
    contact: ContactFacts,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int,
    others: Sequence = (),
) -> _Known:
    stage = Stage(contact.stage)
    first = (
        address_in(contact.notes, contact.name)
        or nickname_in(contact.notes)
        or nickname_in(contact.last_call_notes)
        or _first_name(contact.name)
    )
    text, role_end = _combined(contact.role, contact.notes)
    me = _profile(text, role_end)
    notes_start = role_end + 1 if role_end >= 0 else 0
    note_words = sum(1 for span in me.spans if span[0] >= notes_start)
    let_go = stage == Stage.LET_GO

    if not contact.meeting_on and (
        noted := noted_meeting(
            (contact.last_call_notes, contact.last_call_on), (contact.notes, contact.met_on)
        )
    ):  # "said mtg Thu 10 Dec 10am their office": booked in the notes, unconfirmed
        contact = replace(contact, meeting_on=noted)
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
        earlier = (contact.earlier_call_notes, contact.earlier_call_on)  # the talk before an e-mail
        case = read_case(
            contact.notes, contact.met_on, call_notes or None, contact.last_call_on, today, *earlier
        )
    ask = open_ask(case, contact.last_outcome, call_notes, bool(contact.meeting_on))
    promise_due = (
        moved_due(raw_promise, contact.promise_due, ask.thing, ask.by, today) if ask else contact.promise_due
    )
    if case.deliver and not case.deliver.theirs and (not raw_promise or _SAID_BEFORE.fullmatch(action)):
        # a step you took on in your notes ("I'll send her the rates by Friday") is a promise (§14); so
        # is what "send both" stands for ("wants the data + spec sheet - told her I'd send both")
        action, promise_due = spelled_out(as_action(case.deliver.action)), case.deliver.by or promise_due

    values: dict[str, str] = {
        "user_name": _clip(user.name, 100),
        "next_week": next_week_words(today),  # "in the week of Mon 4 Jan" across Christmas
        "callback": user.phone or user.email or playbook.callback_unknown,
        "contact_name": _clip(contact.name, 100),
        "contact_first_name": _clip(first, 60),
        "_pronoun": pronoun_of(contact.name, contact.role, contact.notes, contact.last_call_notes),
    }
    optional = {
        "company": None if _NO_FIRM.fullmatch((contact.company or "").strip()) else contact.company,
        "role": contact.role,
        "event": contact.event,
        "referrer": contact.referred_by,
        "referrer_told": {
            "told": f"is letting {first} know you will call",
            "name": "said you may say who sent you",
            "number": "passed you the number",
        }.get(
            referrer_told(contact)
            or (referrer_door(contact, getattr(others, "pool", others)) if never_reached else "")
        ),
        "introducer": contact.introducer,
        "promise": (fit_words(action, 100) or action) if action else None,  # never "before the Old…"
        "promise_spoken": (fit_words(said := spoken(action, first), 100) or said) if action else None,
    }
    values.update({k: _clip(v, 100) for k, v in optional.items() if v and v.strip()})
    if contact.referred_by and never_reached:
        values.pop("event", None)  # where you heard of them, not where you met: no "what stood out at"
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
            if late > 7 and (
                gone := passed_event(f"{raw_promise} {case.deliver.note if case.deliver else ''}")
            ):
                values["promise_for"] = gone  # "before the party", weeks ago: too late to deliver
        else:
            values["promise_due"] = due_words(promise_due, today)
    wait_until = case.wait_until
    if wait_until:
        values["wait_note"] = _clip(case.wait_words, 80)
        values["wait_said"] = f' (your note: "{values["wait_note"]}")'
        if ring := _THEY_RING.search(case.wait_words):  # "he'll ring me after the 17th": theirs to make
            values["they_ring_when"] = _clip(" ".join(ring.group("when").split()), 60)
    elif contact.last_outcome == "later" and contact.next_due and contact.next_due > today:
        wait_until = contact.next_due
        if contact.last_call_on and (contact.next_due - contact.last_call_on).days >= 80:  # no day named
            values["later_default"] = "no day was named, so it waits the usual 90 days"
            values["wait_said"] = f": {values['later_default']}"
    if wait_until and contact.next_due and 0 < (contact.next_due - wait_until).days <= 7:
        wait_until = contact.next_due  # "after New Year" is 1 Jan, a holiday: the working day it was moved to
    if wait_until:
        values["wait_when"] = day_words(wait_until, today)
        values["wait_day"] = short_day(wait_until, today)
    if case.decision_on:
        values["decision_when"] = decision_when(case.decision_words, case.decision_on, today)
        values["decision_note"] = _clip(case.decision_words, 80)
        values["decision_what"] = decision_noun(case.decision_words)
        if case.decision_on >= today and (
            snag := snag_in(call_notes or contact.notes)
        ):  # "price is the issue"
            values["decision_snag"] = _clip(snag, 90)
        if case.decision_on < today:
            values["decision_past"] = values["decision_when"]
    if ask:
        values["ask_action"] = _clip(ask.action, 100)
        values["ask_thing"] = _clip(ask.thing, 80)
        values["ask_thing_bare"] = _clip(re.sub(r"^(?:a|an|the|some)\s+", "", ask.thing, flags=re.I), 80)
        values["ask_thing_spoken"] = _clip(_THEIR.sub("your", spoken(ask.thing, first)), 80)  # "your size"
        values["ask_note"] = _clip(ask.note, 100)
        values["ask_it"] = "them" if plural_thing(ask.thing) else "it"
        if ask.by and ask.by >= today:
            by = plain_by(ask.by_words, ask.by, today) or ask.by_words or due_words(ask.by, today)
            if not _NAMES_A_MONTH.search(by):
                by = f"{by} ({short_day(ask.by, today)})"  # "before her board meets on the 20th (Sun 20 Dec)"
            values["ask_by"] = _clip(spelled_out(by), 80)
            values["ask_by_day"] = day_words(ask.by, today)
            left = (ask.by - today).days
            if left <= 3:  # two days before a board paper is no time to "prepare it well before then"
                values["ask_soon"] = ("today", "tomorrow", "in two days", "in three days")[left]
                if first_theirs := waiting_on_them(call_notes, contact.earlier_call_notes):
                    values["theirs_first"] = first_theirs  # "chasing the drawings": theirs must come first
        elif ask.by:
            values["ask_past"] = day_words(ask.by, today)
    if contact.meeting_on:
        values["meeting_when"] = day_words(contact.meeting_on, today)
        if contact.last_outcome == "meeting" and call_notes and not playbook.banned_in(call_notes):
            values["meeting_note"] = _whole_note(call_notes)  # "walk round the laundry and basement at 10h"
    if let_go and contact.let_go_on:
        values["let_go_when"] = day_words(contact.let_go_on, today)
    if contact.last_call_on:
        values["call_when"] = met_when(contact.last_call_on, today)
        if call_notes and not playbook.banned_in(call_notes):
            values["call_note"] = _clip(call_notes, 100)

    step = None
    mine = case.deliver is not None and not case.deliver.theirs
    emailed = contact.last_outcome == "emailed"  # the notes say what YOU wrote, nothing agreed
    if call_notes and not let_go and contact.last_outcome != "no" and not ask and not mine and not emailed:
        step = next_step(call_notes)
        if step and action and _name_stems(step[0]) & _name_stems(action):
            step = None  # the open promise already says it
        if step:
            values["next_step"] = _clip(step[0], 100)
            values["next_step_spoken"] = _THEIR.sub("your", values["next_step"])  # "for your team"
            values["step_note"] = _clip(step[1], 100)
            when = step_when(call_notes)
            if when:
                values["step_when"] = when

    heard = f"{contact.notes or ''} {contact.last_call_notes or ''}"
    kept = _name_stems(as_action(raw_promise)) if raw_promise and contact.promise_done else frozenset()
    given: frozenset[str] = frozenset()  # "sent her the CSRD article": given, never offered again
    for text in (call_notes, contact.notes or "", contact.earlier_call_notes or ""):
        given |= _sent_stems(text) | had_stems(text)  # "loved the checklist": she has it
    sent = None
    if call_notes and not step and not ask and not let_go and "decision_past" not in values:
        sent = SENT_RE.search(call_notes) or SENT_AFTER_RE.search(call_notes)
        if sent and contact.last_call_on and said_days(sent.group(), contact.last_call_on):
            sent = None  # "tanks delivered Mon 28 Dec", said on the 16th: a delivery to come, not yours sent
    if (
        call_notes
        and not sent
        and emailed
        and _PROPOSED.search(call_notes)  # "emailed: proposed a visit", not "thanked her for the intro"
        and not step
        and not ask
        and not let_go
        and "decision_past" not in values
    ):
        values["sent_thing"], values["sent_thing_spoken"] = "your e-mail", "my e-mail"
    if sent and contact.last_outcome in _SENT_OUTCOMES and not untranslated(sent.group("obj")):
        # "emailed: sent our rate card": the next call is about that, once they have had it
        thing = re.sub(r"\s*\([^)]*\)?", "", _SENT_END.sub("", sent.group("obj"))).strip(" :-")  # "(6-8 wks)"
        thing = re.sub(r"\s+(?:to keep|just to|so (?:he|she|they))\b.*$", "", thing)  # "… to keep him warm"
        if not _DETERMINED.match(thing):
            thing = f"our {thing}"  # "quote sent": our quote, never "you sent Eva quote"
        values["sent_thing"] = _whole(_OURS.sub("your", spelled_out(thing)), 90)
        to_you = re.sub(r"\b(?:he|she|they) (asked|wanted|needed|requested)\b", r"you \1", spelled_out(thing))
        values["sent_thing_spoken"] = _whole(to_you, 90)  # said to them: "our rate card", "… you asked for"
        values.update(
            {"sent_invite": values["sent_thing_spoken"]} if re.search(r"\binvit", thing, re.I) else {}
        )
    if (
        ask
        and blocked_on_it(call_notes)
        and (gone := _YOU_ASKED.search(call_notes) or SENT_RE.search(call_notes))
    ):
        asked = gone.groupdict().get("x")  # what your e-mail asked them for, else what it sent
        said = f"the questions on {_THING_STOP.sub('', asked)}" if asked else gone.group("obj")
        values["blocked_on"] = _whole(_OURS.sub("your", re.split(r"\s*\(|\s+-\s", said)[0]), 60)
    proposal = (
        proposed_step(call_notes, contact.last_outcome, contact.last_call_on, today) if not let_go else None
    )
    if proposal:  # "proposed a site survey": a yes and a day for it come before what follows it
        values["proposed_step"], values["proposed_by"] = proposal.step, proposal.by
        values["proposed_step_spoken"] = re.sub(r"^(?:a|an|our|my)\b", "the", proposal.step)
        values.update({"proposed_slot": proposal.step} if proposal.slot else {})  # a slot to lock in
    one_way = call_notes and not let_go and contact.last_outcome in ("emailed", "messaged", "voicemail")
    if one_way and (
        asked := asked_them_values(call_notes, contact.name)
    ):  # "asked for their bills": you wait
        values.update(asked)
        values.pop("sent_thing", None)
        values.pop("sent_thing_spoken", None)
    if (
        call_notes
        and not sent
        and not step
        and not ask
        and not let_go
        and contact.last_outcome in ("reached", "meeting")
    ):
        values.update(their_thing_values(call_notes))  # "she'll send photos of the bins": it comes first
    deal_note, deal_word, deal_in_call = deal_clause(
        me, notes_start, kept, never_reached, call_notes if contact.last_outcome in _TALKED else ""
    )

    if deal_note and case.deliver and _name_stems(deal_note) & _name_stems(case.deliver.note):
        deal_note = ""  # the deal words are the thing to deliver ("the pilot pricing"): that comes first
    if deal_note and case.decision_on:
        deal_note = ""  # a decision on a known day: help them decide, never "does it go ahead?" before it
    if deal_note:
        values["deal_note"] = deal_note
    if note_words < 6 and (
        query := re.search(r"(?:^|[.;,:]\s*)([^\W\d][\w'’ -]{1,28})\?", contact.notes or "")
    ):
        values["thread_query"] = query.group(1).strip()  # "vet. xray?": the one thing you noted to ask
    if note_words < 4 and offers and not let_go:  # little on file: listen for a fit with what you have
        values["offers_named"] = _offers_named(offers, today)

    # the newest words first: what the last conversation was about, else the notes from meeting them
    thread, thread_why = "", "from your notes"
    if (
        call_notes
        and contact.last_outcome in _TALKED
        and contact.last_outcome
        not in ("meeting", "later")  # "harvest starting, call after the 15th": no topic
        and not step
        and not ask
        and not mine
    ):
        thread = _thread_of(call_notes, playbook, kept)
        thread_why = "from your note on the last call"
    if not thread and contact.notes:
        # the thing to deliver is the reason already: it is no second topic ("wants our rate card …")
        said = kept | (_name_stems(case.deliver.thing) if case.deliver else frozenset())
        thread, thread_why = _thread_of(contact.notes, playbook, said), "from your notes"
    sit = _situation(contact, call_notes if thread_why != "from your notes" else "", case)
    if sit and (sit.kind in ("plan", "doing") and told_you(thread) or ASKED_NEED.match(sit.phrase)):
        sit = None  # "says they only learn of it from a photo"; "wants our checklist" is an ask, no need
    if sit:
        if call_notes and sit.clause not in " ".join(call_notes.split()):  # said when you met
            thread_why = "from your notes"
        thread = _whole(sit.clause)
        values.update(_situation_values(sit))
        if "thread_need" in values and offers:  # is it near the work the user's offers are about?
            near = offer_near_need(sit.phrase, offers, today)
            values["thread_need_near" if near else "thread_need_unserved"] = near or values["thread_need"]
            if need_is_ours(sit.clause, offers):  # "old racks bent, wants someone to look": your own work
                values["thread_need_ours"] = values["thread_need"]
    if (sit is None or sit.kind == "doing") and (helps := help_values(call_notes, contact.notes)):
        thread, from_call = _whole(helps.pop("clause")), helps.pop("from_call")  # "offered to put me in…"
        thread_why = thread_why if from_call else "from your notes"
        values.update(helps)
    if sit is None and (question := asked_what(call_notes) or asked_what(contact.notes)):
        thread, values["thread_question"] = question, question  # "asked what she has to do to be legal"
        values["thread_question_spoken"] = to_them(question)  # "what you have to do to be legal"
    if thread:
        values["thread"] = thread
        values.update(heard_values(thread, contact.referred_by) if never_reached else {})  # "Dragan says …"
        said = (
            told_you(thread) if sit is None and not (never_reached and contact.referred_by) else ""
        )  # the referrer said it
        if said:  # "says they only find out …": said back as what they told you, not as a quote
            values["thread_told"] = said
            values["thread_told_spoken"] = to_them(said)
        doing = _doing(thread) if sit is None else None
        if doing and "thread_doing" not in values:
            values["thread_doing"], values["thread_doing_spoken"] = doing
    for key in [k for k in _SAID_AS_OURS if untranslated(values.get(k, ""))]:
        del values[key]  # "looking for подрядчиков" is never put into an English sentence; it is quoted

    back = contact.last_outcome in ("later", "busy") and notes_follow_up(
        contact.last_call_notes, contact.last_call_on
    )
    owed = missed_callback(back or None, contact.last_call_on, today)  # "call back thursday", and it went by
    if owed and owed[2]:
        values["callback_when"], values["callback_day"] = owed[:2]
    elif owed:  # "ring after she's back on the 14th", and it is the 16th: the call they expect
        values["callback_after"] = owed[0]
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
        "ask_bookable": bool(ask and ask.action.startswith("book ")),
        "ask_elsewhere": bool(ask and not_ours_after(ask.note, f"{contact.notes or ''}. {call_notes or ''}")),
        "asked_to_call": asked_to_call(contact.notes, contact.last_call_notes),
        "callback_missed": "callback_day" in values,
        # "phone/WhatsApp guy": a message there is writing, so never "phone only"
        "phone_only": not (app := _CHAT_APP.search(heard)) and bool(_PHONE_ONLY.search(heard)),
    }
    values.update({"chat_app": app.group()} if app else {})
    for key, value in values.items():
        values[key] = iso_days_said(value, today)  # "on 2027-01-08" → "on Fri 8 Jan"

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
