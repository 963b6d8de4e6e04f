"""The parts of a contact's story that are not call outcomes (SPEC §12): closing a promise, answering
"did the meeting happen?", and thanking the referrer after the first conversation.

Each is one change like a call: one transaction, one Interaction row with the previous state (so Undo
works the same way), applied once per idempotency key.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.domain import cadence
from bot.domain.cadence import FollowUp, day_label
from bot.domain.call_text import Refused
from bot.domain.vocabulary import Action, Stage
from bot.services.calls import Logged, apply_change, today_of
from bot.services.context import Services
from storage.contacts import get_contact
from storage.models import Contact

MEETING_ANSWERS = ("held", "moved", "cancelled")


class _Owner(Protocol):  # handlers.request.Owner, without importing handlers
    team_id: str
    user_id: str


def _unchanged(contact: Contact, why: str) -> FollowUp:
    return FollowUp(contact.next_due, Stage(contact.stage), contact.unanswered_streak, why)


def close_promise(
    services: Services, owner: _Owner, contact_id: int | str, kept: bool, key: str | None
) -> Logged | Refused:
    """Mark the open promise kept (or dropped). The schedule stays; the promise never comes back in a
    reason, opener or voicemail, and the history shows it with its day."""
    today, _ = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if not contact.promise:
            return Refused(f"There is no promise on file for {contact.name}.")
        if contact.promise_done:
            word = "kept" if contact.promise_outcome != "dropped" else "closed"
            return Refused(f"That promise to {contact.name} is already marked {word}.")
        return _unchanged(contact, contact.next_due_reason or "")

    def story(contact: Contact) -> None:
        contact.promise_done = True
        contact.promise_outcome = "kept" if kept else "dropped"
        contact.promise_closed_on = today

    kind = Action.PROMISE_KEPT if kept else Action.PROMISE_DROPPED
    return apply_change(services, owner, contact_id, kind.value, today, None, rule, key, story)


def answer_meeting(
    services: Services,
    owner: _Owner,
    contact_id: int | str,
    answer: str,
    key: str | None,
    new_day: dt.date | None = None,
) -> Logged | Refused:
    """ "Did the meeting happen?": held (it counts as your last contact, the follow-up is due the
    business day after it), moved to `new_day`, or cancelled (due now, to book another)."""
    if answer not in MEETING_ANSWERS:
        return Refused("Tell me whether the meeting was held, moved or cancelled.")
    today, nudge_days = today_of(services, owner)
    if answer == "moved" and new_day is None:
        return Refused("Pick the new day of the meeting.", "date")
    if new_day is not None and (
        new_day < today - dt.timedelta(days=366) or new_day > today + dt.timedelta(days=732)
    ):
        return Refused(f"{day_label(new_day, today)} is too far from today. Check the meeting date.", "date")

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.meeting_state not in ("booked", "held"):
            return Refused(f"There is no booked meeting with {contact.name} to answer about.")
        if answer == "held":
            day = contact.meeting_on or today
            due = max(cadence.add_business_days(day, 1, nudge_days), today)
            return FollowUp(due, Stage.ACTIVE, 0, f"the business day after your meeting on {day_label(day)}")
        if answer == "moved":
            due = cadence.add_business_days(new_day, 1, nudge_days)
            return FollowUp(
                due, Stage.ACTIVE, 0, f"the business day after your meeting on {day_label(new_day)}"
            )
        return FollowUp(today, Stage.ACTIVE, 0, "the meeting was cancelled, so book another")

    def story(contact: Contact) -> None:
        contact.meeting_asked = True
        if answer == "held":
            day = contact.meeting_on or today
            contact.meeting_state, contact.ever_reached = "held", True
            if contact.last_contact_on is None or day > contact.last_contact_on:
                contact.last_contact_on = day
        elif answer == "moved":
            contact.meeting_state, contact.meeting_on, contact.meeting_asked = "booked", new_day, False
        else:
            contact.meeting_state = "cancelled"

    kind = {"held": Action.MEETING_HELD, "moved": Action.MEETING_MOVED, "cancelled": Action.MEETING_CANCELLED}
    return apply_change(services, owner, contact_id, kind[answer].value, today, None, rule, key, story)


def thank_referrer(
    services: Services, owner: _Owner, contact_id: int | str, key: str | None
) -> Logged | Refused:
    """Record that the user told the referrer how the first conversation went; the referral loop is
    then closed (no reason ever asks for it again)."""
    today, _ = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if not contact.referred_by:
            return Refused(f"No one referred {contact.name} to you, so there is no one to thank.")
        if contact.referrer_thanked_on is not None:
            return Refused(f"You already thanked {contact.referred_by} for {contact.name}.")
        return _unchanged(contact, contact.next_due_reason or "")

    def story(contact: Contact) -> None:
        contact.referrer_thanked_on = today

    return apply_change(services, owner, contact_id, Action.THANKED.value, today, None, rule, key, story)


def referrer_of(services: Services, owner: _Owner, contact_id: int | str) -> str | None:
    """Who referred the owner's contact (a name, or a `<@U…>` mention), or None."""
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        return contact.referred_by if contact is not None else None
