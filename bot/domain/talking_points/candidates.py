"""Every reason that could apply to one call, ranked, and the best one worded (`best_reason`).

Ranking, best first (ties go to the lower offer or contact id):
 0. let_go          stage let_go: the only reason, no call to make; says when, and that Revive helps
 1. meeting_ahead   a meeting booked for today or later: prepare for it, not a call to make
 2. promised        an open promise (not promise_done), said as the action it is; a late one says by
                    how much ("3 days late")
 3. meeting_check   a booked meeting's day has passed and it is not confirmed: did it happen?
    wrong_number    the phone is marked wrong (a call reached someone else): find the right number
                    or write an e-mail before any other call reason
 4. meeting_followup  a held meeting and no call logged after it: the recap and the next step
    call_next_step  otherwise, the newest call's notes name a next step ("wants the case study")
    awaiting        the newest call's notes say THEY would send something ("she'll send photos"):
                    has it come? thank them and use it, or a one-line reminder first
    sent_followup   otherwise, the newest call's notes say you sent them something ("emailed: sent our
                    rate card"): the call is about whether it answers what they need
 5. referrer_thanks a referral you have reached and not yet thanked: tell the referrer how it went
 6. dormant_check   stage dormant: ask once whether to let go (R10)
 7. decision_pending  a decision on a known day: help them reach it (with an offer that fits, if any)
    open_deal       the notes mention a proposal, quote, pricing, contract, decision or pilot: ask directly (R8)
 8. referral        a referrer and never reached: ask the referrer for an intro, name them on the call (R6)
 9. unanswered_streak  3+ unanswered in a row: change the approach (e-mail to book a time, or lead
                    with a matching offer); never another plain try
10. intro           this contact needs what another contact has, or has what another needs
11. offer / client_success / invite  an offer matching the notes or role (`_match_offer`), never a passed
    invitation or the promised thing (a yes to one, or "keep me posted on events", comes at 3–4)
12. introducer_thanks  they introduced you to another ("via X") and you have not spoken since: thank them
    referral        a referrer, already spoken to: ask what they need, even if not a fit (R9)
    thread          a door they opened ("offered to put me in touch with Eirik"): take them up on it
13. thread          something from your notes ("your note: …"), never quoted as their words
14. lukewarm_gap    more than `lukewarm_after_days` since the last contact, nothing better known
15. thread          fallback built from the event, company or role, else a plain question; variants
                    rotate with the contact id, so one list does not repeat the same line

"Never reached" is `ever_reached` (or a reached outcome, or a held meeting). Days count from the newer
of last contact and meeting. Proof they asked for ("wants proof we've done this") is a client story, at 3."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.domain.names import first_name
from bot.domain.playbook import REASON_KINDS, Entry, Playbook
from bot.domain.talking_points.as_read import read_and_typed, reader
from bot.domain.talking_points.as_typed import reason_in_own_words
from bot.domain.talking_points.facts import (
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    SourceRef,
    UserFacts,
    _clip,
    _profile,
    _unnegated,
)
from bot.domain.talking_points.intro_find import linked
from bot.domain.talking_points.intros import OthersIndex, _intro_candidates, introduced_by, profile_of
from bot.domain.talking_points.invite_yes import COMING, asked_of_you, yes_values
from bot.domain.talking_points.known import _OUTCOME_WORDS, _know, _Known  # noqa: F401 (points.py)
from bot.domain.talking_points.offer_match import (
    _match_offer,
    _name_stems,
    _offer_values,
    _OfferMatch,
    need_is_ours,
    your_thing_fits,
)
from bot.domain.talking_points.offer_near import _ruled_out, is_the_thing_asked, with_fitting_offer
from bot.domain.talking_points.phrases import _said, offer_name
from bot.domain.talking_points.promised_name import promised_name
from bot.domain.talking_points.wording import _fallback_why, _render_reason, _spare_why
from bot.domain.vocabulary import Stage

_KIND_ORDER = {kind: n for n, kind in enumerate(REASON_KINDS)}
_THREAD_TIER = dict.fromkeys(("thread_name_asked", "thread_invited", "thread_scope", "thread_question"), 10)
_THREAD_TIER |= {"thread_help": 12}  # a door they opened comes after offers and intros
_HEARD = frozenset({"reached", "meeting", "later"})  # outcomes whose notes say what THEY said
_DEMOTED_BY = 4  # behind offers and intros (11), still ahead of the plain fallback questions (15)
_NEVER_DEMOTED = frozenset(
    (
        "let_go",
        "not_yet",
        "asked",
        "promised",
        "meeting_ahead",
        "meeting_check",
        "meeting_followup",
        "wrong_number",
    )
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

    def ranked(self, demoted: frozenset[str]) -> tuple[int, int, int, int]:
        """`key`, with a kind the user marked not useful (bot.domain.feedback.demoted_kinds) behind
        every other reason of substance; what the story demands (a let-go, a time they set, their
        request, a promise, a meeting, a wrong number) is never demoted."""
        tier = (
            self.tier + _DEMOTED_BY if self.kind in demoted and self.kind not in _NEVER_DEMOTED else self.tier
        )
        return (tier, -self.strength, self.ref, _KIND_ORDER[self.kind])


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
    said = " ".join((contact.last_call_notes or "").split())  # the last call counts as much as meeting them
    heard = (
        _profile(f"{me.text}. {_unnegated(said)}", me.role_end)
        if said and contact.last_outcome in _HEARD
        else me
    )
    matches = sorted((_match_offer(offer, heard) for offer in live), key=lambda m: (-m.strength, m.offer.id))
    notes = f"{contact.notes or ''}. {said}"
    matched = [
        m
        for m in matches
        if m.strength and not _ruled_out(m, notes) and your_thing_fits(m.offer, heard, live)
    ]
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
    if step_offer is not None and step_offer.kind == "invite":
        step, step_offer = None, None  # "keen on the yard day": the invitation is the reason, by its date
    matched = [
        m
        for m in matched
        if not (taken & _name_stems(m.offer.title))
        and (step_offer is None or m.offer.id != step_offer.offer.id)
    ]
    candidates: list[_Candidate] = []
    add = candidates.append
    asks = asked_of_you(notes, matches, offers, heard, known.today, first)  # events, proof, a past yes
    for tier, kind, extra, why in asks:
        add(_Candidate(tier, kind, {**values, **extra}, why))
    invited = any("invite_asked" in extra for _, _, extra, _ in asks)  # "keep me posted on events"
    if "wait_when" in values and meeting != "ahead" and not invited:
        said = values.get("wait_said", "")  # (your note: "…"), or that no day was named
        by = known.case.wait_until or contact.next_due or known.today  # an event over by then is no offer
        kept = [m for m in matched if not (m.kind == "invite" and m.offer.ends_on and m.offer.ends_on < by)]
        ready = {**values, **_offer_values(kept[0], known.today)} if kept else values
        add(_Candidate(0, "not_yet", ready, f"the next call is not before {values['wait_day']}{said}"))
    ask_offer = None
    if known.ask:  # an offer of yours that is what they asked for: give it, by its name (§14)
        ask_offer = next((m for m in matched if is_the_thing_asked(m, known.ask.thing)), None)
    if known.ask and ask_offer is None and not {"proposed_step", "blocked_on"} & values.keys():  # they say it
        by = f" ({values['ask_by']})" if "ask_by" in values else ""
        where = "your note from the last call says so" if known.ask.from_call else "your notes say so"
        add(
            _Candidate(  # a booked meeting since, not known held: did they get it there? (a date ahead leads)
                4 if meeting == "check" and not (known.ask.by and known.ask.by > known.today) else 2,
                "asked",
                values,
                f"{first} asked you for {values['ask_thing']}{by}, and {where}",
                (SourceRef("note", contact.id, known.ask.note),),
            )
        )
    if meeting == "ahead":
        booked = f"you have a meeting with {first} booked {values['meeting_when']}"
        add(_Candidate(1, "meeting_ahead", values, booked))
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
            step_values["next_step"] = step_values["next_step_spoken"] = _clip(f"{verb} {name}", 100)
            step_values.update(_offer_values(step_offer, known.today))
            step_sources += (SourceRef("offer", step_offer.offer.id, step[1]),)
    call_after_meeting = bool(
        contact.meeting_on and (contact.last_call_on or contact.meeting_on) > contact.meeting_on
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
    if "blocked_on" in values:
        add(
            _Candidate(
                1, "awaiting", values, f"{values['blocked_on']} must come back before {values['ask_thing']}"
            )
        )
    if "proposed_step" in values and meeting != "ahead":
        add(
            _Candidate(
                1,
                "awaiting",
                values,
                f"{values['proposed_by'].lower()} {values.get('call_when', 'recently')} proposed "
                f"{values['proposed_step']}, and {first} has not answered yet",
                (SourceRef("note", contact.id, values["proposed_step"]),),
            )
        )
    if "their_thing" in values and meeting != "held":
        add(
            _Candidate(
                4,
                "awaiting",
                values,
                f"you asked {first} for {values['asked_them_for']} {values.get('call_when', 'recently')}"
                if "asked_them_for" in values
                else f"on your last call {first} offered to send {values['their_thing']}",
                (SourceRef("note", contact.id, values["their_thing"]),),
            )
        )
    if "sent_thing" in values and not step and meeting != "held":
        sent_values, offer_source = with_fitting_offer(values, matched, known.today, values["sent_thing"])
        add(
            _Candidate(
                8 if "decision_when" in values and "decision_past" not in values else 4,  # the decision first
                "sent_followup",
                sent_values,  # with what fits their need better than what went out, if anything does
                f"you sent {first} {values['sent_thing']} {values.get('call_when', 'recently')}, and no call since",
                (SourceRef("note", contact.id, values["sent_thing"]), *offer_source),
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
    introduced = introduced_by(contact, others)
    if introduced is not None and not (
        contact.last_contact_on and introduced.met_on and contact.last_contact_on > introduced.met_on
    ):
        them = introduced.name
        add(
            _Candidate(
                12,
                "introducer_thanks",
                {
                    **values,
                    "introduced_name": _clip(them, 100),
                    "introduced_first": _clip(first_name(them), 60),
                },
                f"{first} introduced you to {them}, and you have not spoken to {first} since",
                (SourceRef("contact", introduced.id, them),),
                strength=9,
            )
        )
    if stage == Stage.DORMANT:
        add(_Candidate(6, "dormant_check", values, "marked dormant after repeated unanswered tries"))
    if "decision_when" in values:
        fitting = [] if "decision_past" in values else matched  # what fits their need helps them decide
        decision_values, offer_source = with_fitting_offer(
            values, fitting, known.today, within=values["decision_note"]
        )
        decision_sources = (SourceRef("note", contact.id, values["decision_note"]), *offer_source)
        add(
            _Candidate(
                7,
                "decision_pending",
                decision_values,
                (
                    f'the decision was due {values["decision_past"]} (your note: "{values["decision_note"]}"): '
                    "now ask how it went"
                )
                if "decision_past" in values
                else f'{values["decision_what"]} is {values["decision_when"]} (your note: "{values["decision_note"]}"): '
                "until then, help them get there",
                decision_sources,
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
    # a need of what the user sells is theirs to meet, never an introduction ("wants drip" and "likes drip")
    found = _intro_candidates(contact, profile_of(contact), others)
    intros = [
        i for i in found if (i.market or not need_is_ours(i.need, offers)) and not linked(contact, i.other)
    ]
    if action and (named := promised_name(values, first, intros, contact, others)):
        add(_Candidate(2, "promised", *named, strength=1))  # the name you promised, found among your contacts
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
            said = f'your notes on {other.name} say "{intro.excerpt}"'  # or their job, or their firm's name
            works = f"{other.name} works {'at' if intro.excerpt == other.company else 'as'} {intro.excerpt}"
            why = f"{first} is {intro.need}, and {works if intro.in_role else said}"
        elif intro.other_match and intro.in_role:
            work = (
                f"{first} at" if intro.other_match == contact.company else f"{first}'s work as"
            )  # firm, or job
            why = f"{other.name} is {intro.need}, which fits {work} {intro.other_match}"
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
        coming = m.kind == "invite" and COMING.search(m.note or "")  # "wants to come to the demo day"
        add(
            _Candidate(
                2 if ask_offer is m else 4 if coming else 11,
                m.kind,
                {
                    **values,
                    **(offered := _offer_values(m, known.today)),
                    **(yes_values(m.note, offered) if coming else {}),
                },
                f'your offer "{m.offer.title}" {fits}',
                (SourceRef("offer", m.offer.id, m.matched),),
                m.strength,
                m.offer.id,
            )
        )
    if introduced is not None and "thread_help" in values:  # the door they opened is the introduction made
        values = {k: v for k, v in values.items() if not k.startswith("thread_help")}
    if thread:  # what they asked of you ("do you know a carrier?", "would you give a talk?") before an offer
        add(
            _Candidate(
                _THREAD_TIER.get(next((k for k in _THREAD_TIER if k in values), ""), 13),
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
    demoted: frozenset[str] = frozenset(),
) -> Reason:
    """Only `prepare(...).reason` (no alternatives, opener, goal, voicemail or reassurance), for the
    digest and due lists, which show one line per contact; same arguments as `prepare`."""
    contact, typed = read_and_typed(contact, user, today)  # as `prepare` reads it
    known = _know(contact, user, offers, today, playbook, lukewarm_after_days, others)
    seed = str(contact.id)
    for cand in sorted(_candidates(known, offers, others), key=lambda c: c.ranked(demoted)):
        reason = _render_reason(cand, known.facts, playbook, seed, set())
        if reason is not None:
            return reason_in_own_words(reason, typed, reader(user, today))
    raise AssertionError("the playbook guarantees a fallback thread reason")
