"""Logging what happened with a contact: call outcomes, snooze, let go, revive, and Undo (SPEC §5, §7).

Every change is one transaction that writes one Interaction row (with the contact's previous schedule
in `previous_state`, which is what Undo restores) and updates the contact. A change carrying an
idempotency key (a button click, a modal submission) is applied once: a repeat finds the first row
and returns its result. Knows nothing of Slack payloads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import IntegrityError

from bot.domain import cadence, rhythm
from bot.domain.cadence import ContactState, FollowUp, day_label
from bot.domain.call_text import MAX_NOTES, Refused, read_when, when_from
from bot.domain.clock import naive_utc, zone
from bot.domain.dates import day_first_in, numeric_in_order
from bot.domain.home_use import in_use
from bot.domain.names import clean_text
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.rhythm import Cadence
from bot.domain.talking_points.case import deliver_follow_up, read_case
from bot.domain.vocabulary import UNANSWERED, Action, Outcome, Stage, fold
from bot.domain.work_calendar import WorkingDays
from bot.services.contacts import known_day_in
from bot.services.context import Services
from bot.services.profiles import ensure_profile, today_for, working_days_of
from bot.services.queue import CALLED, Busy, Gone, Queued, queue_command
from bot.services.requests import first_delivery
from bot.services.rhythm import cadence_for
from storage.contacts import get_contact, name_index, name_rows
from storage.interactions import (
    add_interaction,
    contact_for_update,
    delete_interaction,
    get_interaction,
    interaction_by_key,
    latest_interaction,
)
from storage.models import Contact, Interaction
from storage.plans import follow_snooze, follow_undo

MAX_SNOOZE_DAYS = 365
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
    "meeting_on",
    "let_go_on",
    "promise_due",
    "promise_closed_on",
    "referrer_thanked_on",
    "latest_due",
)


class _Owner(Protocol):  # handlers.request.Owner, without importing handlers
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
    thank_referrer: str | None = None  # the referrer to thank after this first conversation
    cadence_set: str | None = None  # `every 2w` typed with it: "every 2 weeks", now the contact's rhythm


@dataclass(frozen=True)
class Undone:
    contact_id: int
    contact_name: str
    kind: str
    next_due: dt.date | None
    stage: Stage


@dataclass(frozen=True)
class AskOutcome:
    """We know whom, not what happened: offer the outcomes. `carry` is text to keep (notes)."""

    contact: Candidate
    unknown: str
    carry: str


@dataclass(frozen=True)
class AskPick:
    """Several contacts match: offer them; `outcome` and `carry` are applied after the pick."""

    query: str
    choices: tuple[Candidate, ...]
    outcome: Outcome | None
    carry: str


@dataclass(frozen=True)
class NotFound:
    query: str
    suggestions: tuple[Candidate, ...]


# --- /called NAME OUTCOME [DATE] [: NOTES] ---------------------------------------------------------


def today_of(services: Services, owner: _Owner, at: dt.datetime | None = None) -> tuple[dt.date, WorkingDays]:
    """The user's local date (now, or at the instant `at`) and working days: nudge days less public
    holidays (creating their profile, from Slack, the first time)."""
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    today = at.astimezone(zone(profile.tz)).date() if at else today_for(services, profile)
    return today, working_days_of(profile)


def called_now(
    services: Services,
    owner: _Owner,
    text: str,
    response_url: str | None,
    *,
    can_queue: bool,
    replay_key: str | None = None,
) -> Logged | AskOutcome | AskPick | NotFound | Refused | Queued | Busy | Gone:
    """`/called <text>` before the ack, without Slack, so the ack can carry the reply. Until we know
    the owner's time zone ("yesterday" depends on it) the command is queued for after the ack, which
    needs the after-ack pool: Busy when `can_queue` is False (nothing written). `replay_key`: the
    command's delivery key, which logs the call once (a repeated delivery answers with that log,
    "already logged"); on the queued path a repeated delivery queues nothing (Gone)."""
    outcome = called(services, owner, text, before_ack=True, key=replay_key)
    if not isinstance(outcome, _ZoneUnknown):
        return outcome
    if not can_queue:
        return Busy()
    if replay_key is not None and not first_delivery(services, owner.team_id, owner.user_id, replay_key):
        return Gone()
    return Queued(queue_command(services, owner.team_id, owner.user_id, CALLED, text, response_url))


@dataclass(frozen=True)
class _ZoneUnknown:
    """Before the ack, for an owner whose time zone we have not learnt from Slack yet."""


def called(
    services: Services,
    owner: _Owner,
    text: str,
    *,
    at: dt.datetime | None = None,
    key: str | None = None,
    before_ack: bool = False,
) -> Logged | AskOutcome | AskPick | NotFound | Refused | _ZoneUnknown:
    """What `/called <text>` asks for: log it, or ask which outcome or which contact. `at`: when the
    command came (its "today"); `key`: logs once however often it is called with the same key.
    `before_ack`: never call Slack, and answer _ZoneUnknown for an owner whose zone we do not know."""
    text = " ".join(clean_text(text).split())  # no control characters: PostgreSQL refuses a NUL in text
    name, outcome, rest = cadence.split_outcome(text)
    head = text.partition(":")[0].strip()
    if not name or (outcome is None and cadence.parse_outcome(head) is not None):
        return Refused("Tell me whom you called first, like `/called Jane Doe reached`.")
    head_key = fold(head)
    day = None
    with services.db.reading() as session:  # finding the contact only reads: no write lock
        if before_ack:
            day = known_day_in(session, services, owner.team_id, owner.user_id)
            if day is None:
                return _ZoneUnknown()
        # An exact name is found through the index; only a partial name scans the whole list.
        head_rows = name_rows(session, owner.team_id, owner.user_id, head_key) if outcome is not None else []
        exact = head_rows or name_rows(session, owner.team_id, owner.user_id, fold(name))
        rows = exact or name_index(session, owner.team_id, owner.user_id)
    if not rows:
        return Refused("You have no contacts yet. Add one with `/met Jane Doe of Acme`.")

    if head_rows:
        outcome, name, rest = None, head, text[len(head) :].strip()  # "Noah Later" is a name here

    today, nudge_days = (day.today, day.working) if day else today_of(services, owner, at)
    if outcome is None:
        return _without_outcome(rows, name, rest)
    rest, every = rhythm.split_every(rest)
    if isinstance(every, str):
        return Refused(every)
    day_first = day_first_in(getattr(nudge_days, "region", None))
    if day_first is not None:  # "meeting 10.12" in Warsaw is 10 December
        rest = numeric_in_order(rest, today, day_first, ahead=outcome is Outcome.MEETING)
    when = read_when(rest, outcome, today)
    if isinstance(when, Refused):
        return when
    found = resolve_contact(rows, name)
    if found.match is not None:
        logged = log_outcome(
            services,
            owner,
            found.match.id,
            outcome,
            when.on,
            when.notes,
            when.meeting_on,
            idempotency_key=key,
            nudge_days=nudge_days,
            set_cadence=every,
            **_notes_date(when),
        )
        if day is not None and isinstance(logged, Logged):  # the profile was read: Home in use?
            logged = dataclasses.replace(logged, home_in_use=in_use(day.home_seen_at, services.clock.now()))
        return logged
    if found.choices:
        return AskPick(name, found.choices, outcome, rest)
    return NotFound(name, found.suggestions)


def _without_outcome(rows, name: str, rest: str) -> AskOutcome | AskPick | NotFound | Refused:
    notes = rest.partition(":")[2].strip() if rest.startswith(":") else ""
    if len(notes) > MAX_NOTES:
        return Refused(f"Your notes are {len(notes):,} characters; the limit is {MAX_NOTES:,}.")
    carry = f": {notes}" if notes else ""
    words = name.split()
    # "Jane Doe blorp": the longest leading run of words that names someone; the rest is not an outcome.
    for k in range(len(words), 0, -1):
        found = resolve_contact(rows, " ".join(words[:k]))
        unknown = " ".join(words[k:])
        if found.match is not None:
            return AskOutcome(found.match, unknown, carry)
        if found.choices:
            return AskPick(" ".join(words[:k]), found.choices, None, carry)
    return NotFound(name, resolve_contact(rows, name).suggestions)


def contact_named(services: Services, owner: _Owner, contact_id: int | str) -> Candidate | None:
    """The owner's contact by id (for a form's title), or None when it is not theirs or gone."""
    with services.db.transaction() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        return Candidate(contact.id, contact.name, contact.company) if contact else None


def open_promise(services: Services, owner: _Owner, contact_id: int | str) -> str | None:
    """The contact's open promise (for the Log call modal's "I kept my promise"), or None."""
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        if contact is None or not contact.promise or contact.promise_done:
            return None
        return contact.promise


def ask_outcome(services: Services, owner: _Owner, contact_id: int | str, carry: str) -> AskOutcome | Refused:
    """Offer the outcomes for a contact picked from a list."""
    contact = contact_named(services, owner, contact_id)
    return AskOutcome(contact, "", carry) if contact else Refused(NOT_YOURS)


def log_typed(
    services: Services, owner: _Owner, contact_id: int | str, outcome: Outcome, carry: str, key: str | None
) -> Logged | Refused:
    """Log from an outcome or pick button: `carry` is the `[DATE] [: NOTES]` text typed earlier."""
    today, _ = today_of(services, owner)
    carry, every = rhythm.split_every(carry)
    if isinstance(every, str):
        return Refused(every)
    when = read_when(carry, outcome, today)
    if isinstance(when, Refused):
        return when
    return log_outcome(
        services,
        owner,
        contact_id,
        outcome,
        when.on,
        when.notes,
        when.meeting_on,
        idempotency_key=key,
        set_cadence=every,
        **_notes_date(when),
    )


def log_from_form(
    services: Services,
    owner: _Owner,
    contact_id: int | str,
    outcome: Outcome,
    day: dt.date | None,
    notes: str | None,
    key: str | None,
    *,
    kept_promise: bool = False,
) -> Logged | Refused:
    """Log from the Log call modal (its date is the meeting date, or when the call happened);
    `kept_promise`: its "I kept my promise" box was ticked."""
    today, _ = today_of(services, owner)
    when = when_from(outcome, day, notes, today)
    if isinstance(when, Refused):
        return when
    return log_outcome(
        services,
        owner,
        contact_id,
        outcome,
        when.on,
        when.notes,
        when.meeting_on,
        idempotency_key=key,
        kept_promise=kept_promise,
        **_notes_date(when),
    )


def _notes_date(when) -> dict:
    """The next follow-up the call notes named ("try again in Q1"), when they named one."""
    return {
        "follow_up_on": getattr(when, "follow_up_on", None),
        "follow_up_words": getattr(when, "follow_up_words", None),
    }


# --- the changes -------------------------------------------------------------------------------------


def log_outcome(
    services: Services,
    owner: _Owner,
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
        if outcome.value in UNANSWERED and _second_try(contact, on):
            state = dataclasses.replace(state, unanswered_streak=max(state.unanswered_streak - 1, 0))
        follow_up = cadence.next_follow_up(
            state, outcome, on, nudge_days, meeting_on=meeting_on, rules=services.cadence
        )
        deliver = deliver_follow_up(notes, on, nudge_days) if outcome in _DELIVER_AFTER else None
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
            follow_up = dataclasses.replace(follow_up, next_due=day, reason=why)
        elif outcome is Outcome.REACHED:
            chosen = cadence_for(contact, services.cadence.reached_days, set_cadence)
            if chosen.source != "default":
                exact = on + dt.timedelta(days=chosen.cadence.ideal_days)
                due, why = cadence.on_nudge_day(exact, nudge_days, rhythm.reason_of(chosen), on)
                follow_up = dataclasses.replace(follow_up, next_due=due, reason=why)
                latest[0] = rhythm.latest_day(on, chosen)
        return follow_up

    def story(contact: Contact) -> None:
        contact.latest_due = latest[0]
        if set_cadence is not None:
            contact.cadence_ideal_days = set_cadence.ideal_days
            contact.cadence_latest_days = set_cadence.latest_days
        _call_story(contact, outcome, on, notes, meeting_on)
        if kept_promise and contact.promise and not contact.promise_done:
            _close_promise(contact, True, on)
        _promise_from_notes(contact, notes, on)

    result = apply_change(services, owner, contact_id, outcome.value, on, notes, rule, idempotency_key, story)
    if set_cadence is not None and isinstance(result, Logged) and not result.repeated:
        result = dataclasses.replace(result, cadence_set=set_cadence.words())
    return result


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


def _second_try(contact: Contact, on: dt.date) -> bool:
    """An unanswered try already logged on `on` (the latest outcome was one, that same day)."""
    return contact.last_outcome in UNANSWERED and contact.last_contact_on == on


def _call_story(
    contact: Contact, outcome: Outcome, on: dt.date, notes: str | None, meeting_on: dt.date | None
) -> None:
    """What a call outcome adds to the contact's story: the newest call with notes, whether you have
    ever talked, a booked meeting, a let-go day."""
    if notes and (contact.last_call_on is None or on >= contact.last_call_on):
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
    services: Services, owner: _Owner, contact_id: int | str, days: int | None, key: str | None
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


def let_go(services: Services, owner: _Owner, contact_id: int | str, key: str | None) -> Logged | Refused:
    today, _ = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.stage == Stage.LET_GO:
            return Refused(f"{contact.name} is already let go.")
        return cadence.let_go(ContactState.of(contact), today)

    def story(contact: Contact) -> None:
        contact.let_go_on = today

    return apply_change(services, owner, contact_id, Action.LET_GO.value, today, None, rule, key, story)


def revive(services: Services, owner: _Owner, contact_id: int | str, key: str | None) -> Logged | Refused:
    today, nudge_days = today_of(services, owner)

    def rule(contact: Contact) -> FollowUp | Refused:
        if contact.stage not in (Stage.LET_GO, Stage.DORMANT):
            return Refused(f"{contact.name} is still on your list; there is nothing to revive.")
        return cadence.revive(ContactState.of(contact), today, nudge_days, services.cadence)

    def story(contact: Contact) -> None:
        contact.let_go_on = None

    return apply_change(services, owner, contact_id, Action.REVIVE.value, today, None, rule, key, story)


NOT_YOURS = "I can't find that contact any more. It may have been deleted."


def apply_change(
    services: Services,
    owner: _Owner,
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
            second_try = kind in UNANSWERED and _second_try(contact, on)
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


def _earlier(services: Services, owner: _Owner, key: str) -> Logged | None:
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


def undo(services: Services, owner: _Owner, interaction_id: int | str) -> Undone | Refused:
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
