"""Logging what happened with a contact: call outcomes, snooze, let go and revive (SPEC §7, §12).

Each is one transaction through `apply_change` (bot.services.call_changes), which stores the change
with what Undo restores. Re-exported by bot.services.calls. Knows nothing of Slack payloads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.domain import cadence, rhythm
from bot.domain.cadence import ContactState, FollowUp, day_label
from bot.domain.call_text import Refused
from bot.domain.clock import naive_utc
from bot.domain.day_patterns import callback_set
from bot.domain.rhythm import Cadence
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_schedule import before_their_decision, deliver_follow_up
from bot.domain.talking_points.thread import sent_keeps
from bot.domain.vocabulary import UNANSWERED, Action, Outcome, Stage
from bot.domain.work_calendar import WorkingDays
from bot.services.call_changes import Logged, Owner, apply_change, second_try_today, today_of
from bot.services.context import Services
from bot.services.rhythm import cadence_for
from storage.models import Contact
from storage.plans import follow_snooze

MAX_SNOOZE_DAYS = 365


def log_outcome(
    services: Services,
    owner: Owner,
    contact_id: int | str,
    outcome: Outcome,
    on: dt.date,
    notes: str | None = None,
    meeting_on: dt.date | None = None,
    idempotency_key: str | None = None,
    nudge_days: WorkingDays | None = None,
    *,
    follow_up_on: dt.date | None = None,
    follow_up_words: str | None = None,
    kept_promise: bool = False,
    set_cadence: Cadence | None = None,
) -> Logged | Refused:
    """Record a call outcome on `on` and schedule the next follow-up (SPEC §7, §12), in one transaction.

    A call dated before the day you met is refused. A second unanswered try on the same day is logged
    but leaves the streak as it was. When the notes said when to call next (`follow_up_on`), that day
    wins over the cadence table. `kept_promise` closes the open promise in the same transaction.

    After a reached call the rhythm decides the gap: the contact's own cadence (`set_cadence`, typed
    as `every 2w`, becomes it), else the shortest of its tags', else the table's `reached_days`; a
    cadence's latest day is kept (`latest_due`) so every screen can say "slipping" or "overdue"."""
    if nudge_days is None:
        _, nudge_days = today_of(services, owner)
    latest: list[dt.date | None] = [None]

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.met_on is not None and on < contact.met_on:
            return Refused(
                f"You met {contact.name} on {day_label(contact.met_on)}, so a call can't be dated "
                f"{day_label(on)}. Check the date.",
                "date",
            )
        state = ContactState.of(contact)
        if outcome.value in UNANSWERED and second_try_today(contact, on):
            state = dataclasses.replace(state, unanswered_streak=max(state.unanswered_streak - 1, 0))
        follow_up = cadence.next_follow_up(
            state, outcome, on, nudge_days, meeting_on=meeting_on, rules=services.cadence
        )
        deliver = (
            deliver_follow_up(notes, on, nudge_days, contact.notes, contact.met_on)
            if outcome in _DELIVER_AFTER
            else None
        )
        if deliver and follow_up_on is not None and callback_set(notes):
            deliver = None  # "call him back around 28th": the day they set stands, whatever is to go first
        if deliver and follow_up.next_due is not None and deliver[0] < follow_up.next_due:
            # they asked for something, or you took a step on: deliver first, then the call (SPEC §14)
            follow_up = dataclasses.replace(follow_up, next_due=deliver[0], reason=deliver[1])
        elif (
            follow_up_on is not None
            and follow_up.next_due is not None
            and follow_up_on > on
            and not ((follow_up_words or "").startswith("by ") and follow_up.next_due < follow_up_on)
        ):  # a deadline of theirs ("by March") never pushes the call past the usual next one
            why = f"your notes say {follow_up_words}" if follow_up_words else "the day your notes give"
            day, why = cadence.on_nudge_day(follow_up_on, nudge_days, why, on)
            if day != follow_up_on and (follow_up_words or "").startswith(("before ", "by ")):
                earlier = cadence.working_days(nudge_days).last_working(follow_up_on)
                if earlier > on:  # a deadline's nudge on a holiday moves back, never onto their date
                    day, why = earlier, f"your notes say {follow_up_words}, so the working day before it"
            follow_up = dataclasses.replace(follow_up, next_due=day, reason=why)
        elif outcome is Outcome.REACHED:
            chosen = cadence_for(contact, services.cadence.reached_days, set_cadence)
            if chosen.source != "default":
                exact = on + dt.timedelta(days=chosen.cadence.ideal_days)
                due, why = cadence.on_nudge_day(exact, nudge_days, rhythm.reason_of(chosen), on)
                follow_up = dataclasses.replace(follow_up, next_due=due, reason=why)
                latest[0] = rhythm.latest_day(on, chosen)
        if outcome is not Outcome.NO and outcome is not Outcome.MEETING:
            decided = before_their_decision(
                follow_up.next_due, contact.notes, contact.met_on, on, nudge_days, call_notes=notes
            )
            if decided:  # "the committee picks on Tue 22 Dec" from meeting them: help them decide first
                follow_up = dataclasses.replace(follow_up, next_due=decided[0], reason=decided[1])
            if contact.promise and not contact.promise_done and not kept_promise:
                follow_up = cadence.by_your_promise(follow_up, contact.promise_due, on, nudge_days)
        return follow_up

    def story(contact: Contact) -> None:
        contact.latest_due = latest[0]
        if set_cadence is not None:
            contact.cadence_ideal_days = set_cadence.ideal_days
            contact.cadence_latest_days = set_cadence.latest_days
        _call_story(contact, outcome, on, notes, meeting_on)
        if (
            contact.promise
            and not contact.promise_done
            and (kept_promise or sent_keeps(contact.promise, notes))
        ):
            _close_promise(contact, True, on)  # ticked, or the notes say it went: "sent the price sheet"
        _promise_from_notes(contact, notes, on)

    result = apply_change(services, owner, contact_id, outcome.value, on, notes, rule, idempotency_key, story)
    if set_cadence is not None and isinstance(result, Logged) and not result.repeated:
        result = dataclasses.replace(result, cadence_set=set_cadence.words())
    return result


_ONE_WAY = frozenset(
    {
        Outcome.EMAILED,
        Outcome.MESSAGED,
        Outcome.VOICEMAIL,
        Outcome.NO_ANSWER,
        Outcome.BUSY,
        Outcome.WRONG_NUMBER,
    }
)
# after these the next touch waits for what was asked; a meeting keeps its own day (the day after it)
_DELIVER_AFTER = frozenset({Outcome.REACHED, Outcome.EMAILED, Outcome.MESSAGED})


def _promise_from_notes(contact: Contact, notes: str | None, on: dt.date) -> None:
    """A step the user took on in the call's notes ("I'll send her the rates by Friday", "next step:
    share the checklist") becomes the contact's promise, unless one is still open (SPEC §14)."""
    if not notes or (contact.promise and not contact.promise_done):
        return
    found = read_case(None, None, notes, on, on).deliver
    if found is None or found.theirs:
        return
    contact.promise = found.action[:500]
    contact.promise_due = found.by if found.by and found.by >= on else None
    contact.promise_done, contact.promise_outcome, contact.promise_closed_on = False, None, None


def _call_story(
    contact: Contact, outcome: Outcome, on: dt.date, notes: str | None, meeting_on: dt.date | None
) -> None:
    """What a call outcome adds to the contact's story: the newest call with notes, whether you have
    ever talked, a booked meeting, a let-go day."""
    if notes and (contact.last_call_on is None or on >= contact.last_call_on):
        if outcome in _ONE_WAY and contact.last_call_notes and not contact.earlier_call_notes:
            # "emailed: sent the offer" after "board picks on 7 Jan": the conversation stays readable
            contact.earlier_call_notes, contact.earlier_call_on = (
                contact.last_call_notes,
                contact.last_call_on,
            )
        elif outcome not in _ONE_WAY:
            contact.earlier_call_notes = contact.earlier_call_on = None
        contact.last_call_on, contact.last_call_notes = on, notes
    if outcome in (Outcome.REACHED, Outcome.MEETING, Outcome.LATER, Outcome.NO):
        contact.ever_reached = True
    if outcome is Outcome.MEETING:
        contact.meeting_on, contact.meeting_state, contact.meeting_asked = meeting_on, "booked", False
    if outcome is Outcome.NO:
        contact.let_go_on = on
    if outcome is Outcome.WRONG_NUMBER:
        contact.phone_wrong = True


def _close_promise(contact: Contact, kept: bool, on: dt.date) -> None:
    contact.promise_done = True
    contact.promise_outcome = "kept" if kept else "dropped"
    contact.promise_closed_on = on


def snooze(
    services: Services, owner: Owner, contact_id: int | str, days: int | None, key: str | None
) -> Logged | Refused:
    """Put a contact off by `days` (the cadence table's default when None)."""
    today, nudge_days = today_of(services, owner)
    if days is not None and not 1 <= days <= MAX_SNOOZE_DAYS:
        return Refused(f"Snooze for 1 to {MAX_SNOOZE_DAYS} days.")

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.stage == Stage.LET_GO:
            return Refused(f"You let {contact.name} go, so there is nothing to snooze. Revive them first.")
        follow_up = cadence.snooze(
            ContactState.of(contact), today, days, services.cadence, nudge_days=nudge_days
        )
        # a planned call moves with the snooze, and the follow-up with the plan (storage.plans)
        return follow_snooze(contact, follow_up, today, naive_utc(services.clock.now()))

    return apply_change(services, owner, contact_id, Action.SNOOZE.value, today, None, rule, key)


def let_go(services: Services, owner: Owner, contact_id: int | str, key: str | None) -> Logged | Refused:
    today, _ = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.stage == Stage.LET_GO:
            return Refused(f"{contact.name} is already let go.")
        return cadence.let_go(ContactState.of(contact), today)

    def story(contact: Contact) -> None:
        contact.let_go_on = today

    return apply_change(services, owner, contact_id, Action.LET_GO.value, today, None, rule, key, story)


def revive(services: Services, owner: Owner, contact_id: int | str, key: str | None) -> Logged | Refused:
    today, nudge_days = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.stage not in (Stage.LET_GO, Stage.DORMANT):
            return Refused(f"{contact.name} is still on your list; there is nothing to revive.")
        return cadence.revive(ContactState.of(contact), today, nudge_days, services.cadence)

    def story(contact: Contact) -> None:
        contact.let_go_on = None

    return apply_change(services, owner, contact_id, Action.REVIVE.value, today, None, rule, key, story)
