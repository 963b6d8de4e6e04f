"""One change to a contact, as one transaction, and its Undo (SPEC §5, §7).

`apply_change` is how every change is written: it writes one Interaction row (with the contact's
previous schedule in `previous_state`, which is what Undo restores) and updates the contact. A change
carrying an idempotency key (a button click, a modal submission) is applied once: a repeat finds the
first row and returns its result. The changes themselves (call outcomes, snooze, let go, revive) are in
bot.services.call_outcomes; `/called` is read in bot.services.calls, which re-exports both. Knows
nothing of Slack payloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import IntegrityError

from bot.domain.cadence import FollowUp
from bot.domain.call_text import Refused
from bot.domain.clock import naive_utc, zone
from bot.domain.vocabulary import UNANSWERED, Action, Outcome, Stage
from bot.domain.work_calendar import WorkingDays
from bot.services.context import Services
from bot.services.profiles import ensure_profile, today_for, working_days_of
from storage.interactions import (
    add_interaction,
    contact_for_update,
    delete_interaction,
    get_interaction,
    interaction_by_key,
    latest_interaction,
)
from storage.models import Contact, Interaction
from storage.plans import follow_undo

SCHEDULE_FIELDS = (
    "stage",
    "next_due",
    "next_due_reason",
    "unanswered_streak",
    "last_outcome",
    "last_contact_on",
    "let_go_asked",
    # the story (SPEC §12): what Undo puts back as well
    "ever_reached",
    "last_call_on",
    "last_call_notes",
    "earlier_call_notes",
    "earlier_call_on",
    "meeting_on",
    "meeting_state",
    "meeting_asked",
    "let_go_on",
    "promise",
    "promise_due",
    "promise_done",
    "promise_outcome",
    "promise_closed_on",
    "referrer_thanked_on",
    # rhythm (migration 0006)
    "phone_wrong",
    "latest_due",
    "cadence_ideal_days",
    "cadence_latest_days",
)
_DATE_FIELDS = (
    "next_due",
    "last_contact_on",
    "last_call_on",
    "earlier_call_on",
    "meeting_on",
    "let_go_on",
    "promise_due",
    "promise_closed_on",
    "referrer_thanked_on",
    "latest_due",
)


class Owner(Protocol):  # handlers.request.Owner, without importing handlers
    team_id: str
    user_id: str


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    """A change that was stored (or had been stored already: `repeated`)."""

    interaction_id: int
    contact_id: int
    contact_name: str
    kind: str  # an Outcome or Action value
    on: dt.date
    next_due: dt.date | None
    reason: str
    stage: Stage
    repeated: bool = False
    second_try_today: bool = False  # an unanswered try on a day that already had one: not counted
    home_in_use: bool | None = None  # whether the owner has App Home in use; None: not looked up
    follow_up_words: str | None = None  # the words in the notes that set the next follow-up
    open_promise: str | None = None  # still promised after this call: the reply asks about it
    kept_now: str | None = None  # the promise this touch's notes say was sent ("sent the price sheet")
    thank_referrer: str | None = None  # the referrer to thank after this first conversation
    cadence_set: str | None = None  # `every 2w` typed with it: "every 2 weeks", now the contact's rhythm


@dataclass(frozen=True)
class Undone:
    contact_id: int
    contact_name: str
    kind: str
    next_due: dt.date | None
    stage: Stage


# --- applying a change -------------------------------------------------------------------------------


def today_of(services: Services, owner: Owner, at: dt.datetime | None = None) -> tuple[dt.date, WorkingDays]:
    """The user's local date (now, or at the instant `at`) and working days: nudge days less public
    holidays (creating their profile, from Slack, the first time)."""
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    today = at.astimezone(zone(profile.tz)).date() if at else today_for(services, profile)
    return today, working_days_of(profile)


def second_try_today(contact: Contact, on: dt.date) -> bool:
    """An unanswered try already logged on `on` (the latest outcome was one, that same day)."""
    return contact.last_outcome in UNANSWERED and contact.last_contact_on == on


NOT_YOURS = "I can't find that contact any more. It may have been deleted."


def apply_change(
    services: Services,
    owner: Owner,
    contact_id: int | str,
    kind: str,
    on: dt.date,
    notes: str | None,
    rule: Callable[[Contact], FollowUp | Refused],
    key: str | None,
    story: Callable[[Contact], None] | None = None,
) -> Logged | Refused:
    if key is not None:
        key = key[:200]
        earlier = _earlier(services, owner, key)
        if earlier is not None:
            return earlier
    try:
        with services.db.transaction() as session:
            contact = contact_for_update(session, owner.team_id, owner.user_id, contact_id)
            if contact is None:
                return Refused(NOT_YOURS)
            follow_up = rule(contact)
            if isinstance(follow_up, Refused):
                return follow_up
            previous = snapshot(contact)
            second_try = kind in UNANSWERED and second_try_today(contact, on)
            _schedule(contact, kind, on, follow_up)
            if story is not None:
                story(contact)
            interaction = add_interaction(
                session,
                owner.team_id,
                owner.user_id,
                contact_id=contact.id,
                at=naive_utc(services.clock.now()),
                on=on,
                outcome=kind,
                notes=notes,
                next_due=follow_up.next_due,
                reason=follow_up.reason[:300],
                previous_state=previous,
                idempotency_key=key,
            )
            return _logged(interaction, contact.name, contact, second_try=second_try)
    except IntegrityError:
        # The same click or submission raced us and won: it was logged once, report that one.
        earlier = _earlier(services, owner, key) if key else None
        if earlier is None:
            raise
        return earlier


def _earlier(services: Services, owner: Owner, key: str) -> Logged | None:
    with services.db.reading() as session:
        found = interaction_by_key(session, owner.team_id, owner.user_id, key)
        if found is None:
            return None
        logged = _logged(found, found.contact.name)
    return Logged(**{**logged.__dict__, "repeated": True})


def _logged(
    interaction: Interaction, name: str, contact: Contact | None = None, *, second_try: bool = False
) -> Logged:
    """The result of a change; with `contact` (just changed), what the reply should ask next."""
    after = Stage(interaction.contact.stage)
    open_promise = thank = None
    if contact is not None and interaction.outcome in _TALKED:
        if contact.promise and not contact.promise_done:
            open_promise = contact.promise
        first_talk = interaction.previous_state is not None and not interaction.previous_state.get(
            "ever_reached"
        )
        if contact.referred_by and contact.referrer_thanked_on is None and first_talk:
            thank = contact.referred_by
    kept_now = None
    if contact is not None and contact.promise and contact.promise_done and contact.promise_outcome == "kept":
        kept_now = contact.promise if contact.promise_closed_on == interaction.on else None
    return Logged(
        interaction_id=interaction.id,
        contact_id=interaction.contact_id,
        contact_name=name,
        kind=interaction.outcome,
        on=interaction.on,
        next_due=interaction.next_due,
        reason=interaction.reason or "",
        stage=after,
        second_try_today=second_try,
        follow_up_words=_words_of(interaction.reason),
        open_promise=open_promise,
        kept_now=kept_now,
        thank_referrer=thank,
    )


_TALKED = frozenset({Outcome.REACHED.value, Outcome.MEETING.value, Outcome.LATER.value})


def _words_of(reason: str | None) -> str | None:
    prefix = "your notes say "
    return reason[len(prefix) :] if reason and reason.startswith(prefix) else None


def _schedule(contact: Contact, kind: str, on: dt.date, follow_up: FollowUp) -> None:
    was_dormant = contact.stage == Stage.DORMANT
    contact.stage = follow_up.stage.value
    contact.next_due = follow_up.next_due
    contact.next_due_reason = follow_up.reason[:300]
    contact.unanswered_streak = follow_up.unanswered_streak
    if kind != Action.SNOOZE.value:
        contact.latest_due = None  # a call sets it again when a cadence applies
    # The digest asks "let go?" once per dormant spell: a fresh spell (or leaving it) asks anew.
    if not (was_dormant and follow_up.stage is Stage.DORMANT):
        contact.let_go_asked = False
    elif kind == Action.SNOOZE.value:
        contact.let_go_asked = True  # snoozing a dormant contact answers "let go?" with "not yet"
    if kind in {o.value for o in Outcome}:
        contact.last_outcome = kind
        if contact.last_contact_on is None or on > contact.last_contact_on:
            contact.last_contact_on = on


def snapshot(contact: Contact) -> dict:
    """The schedule fields as JSON-safe values (dates as ISO strings)."""
    state = {name: getattr(contact, name) for name in SCHEDULE_FIELDS}
    for name in ("ever_reached", "meeting_asked", "promise_done", "phone_wrong"):
        state[name] = bool(state[name])
    for name in _DATE_FIELDS:
        if state[name] is not None:
            state[name] = state[name].isoformat()
    return state


def _restore(contact: Contact, state: dict) -> None:
    for name in SCHEDULE_FIELDS:
        if name not in state:  # a change logged before the story columns existed
            continue
        value = state[name]
        if name in _DATE_FIELDS and value is not None:
            value = dt.date.fromisoformat(value)
        setattr(contact, name, value)


def undo(services: Services, owner: Owner, interaction_id: int | str) -> Undone | Refused:
    """Put the contact back exactly as it was before this change, and forget the change.

    Only the newest change on a contact can be undone: undoing an older one would overwrite later
    changes with a stale schedule.
    """
    with services.db.transaction() as session:
        interaction = get_interaction(session, owner.team_id, owner.user_id, interaction_id)
        if interaction is None:
            return Refused("That was already undone.")
        contact = contact_for_update(session, owner.team_id, owner.user_id, interaction.contact_id)
        if contact is None or interaction.previous_state is None:
            return Refused("That can't be undone any more.")
        newest = latest_interaction(session, owner.team_id, owner.user_id, contact.id)
        if newest is not None and newest.id != interaction.id:
            return Refused(f"Something newer was logged for {contact.name} since then; undo that first.")
        _restore(contact, interaction.previous_state)
        kind = interaction.outcome
        if kind == Action.SNOOZE.value:  # an undone snooze takes a planned call back with it
            follow_undo(contact, naive_utc(services.clock.now()))
        delete_interaction(session, interaction)
        return Undone(contact.id, contact.name, kind, contact.next_due, Stage(contact.stage))
