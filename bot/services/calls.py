"""`/called NAME OUTCOME [DATE] [: NOTES]` and the buttons and form that finish it (SPEC §5, §7).

Reads what the user typed or picked and hands the change to bot.services.call_outcomes, which writes
it through bot.services.call_changes (one transaction, with what Undo restores). Every public name of
those two is re-exported here, so callers keep importing `bot.services.calls`. Knows nothing of Slack
payloads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from bot.domain import cadence, rhythm
from bot.domain.call_text import MAX_NOTES, Refused, notes_follow_up, read_when, when_from
from bot.domain.dates import day_first_in, numeric_in_order
from bot.domain.home_use import in_use
from bot.domain.names import clean_text
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.vocabulary import Outcome, fold
from bot.services.call_changes import (
    NOT_YOURS,
    SCHEDULE_FIELDS,
    Logged,
    Owner,
    Undone,
    apply_change,
    snapshot,
    today_of,
    undo,
)
from bot.services.call_outcomes import MAX_SNOOZE_DAYS, let_go, log_outcome, revive, snooze
from bot.services.contacts import known_day_in
from bot.services.context import Services
from bot.services.queue import CALLED, Busy, Gone, Queued, queue_command
from bot.services.requests import first_delivery
from storage.contacts import get_contact, name_index, name_rows

__all__ = [
    "MAX_NOTES",
    "MAX_SNOOZE_DAYS",
    "NOT_YOURS",
    "SCHEDULE_FIELDS",
    "AskOutcome",
    "AskPick",
    "Logged",
    "NotFound",
    "Owner",
    "Refused",
    "Undone",
    "apply_change",
    "ask_outcome",
    "called",
    "called_now",
    "contact_named",
    "let_go",
    "log_from_form",
    "log_outcome",
    "log_typed",
    "open_promise",
    "revive",
    "snapshot",
    "snooze",
    "today_of",
    "undo",
]


# --- what /called asks back ------------------------------------------------------------------------


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


def called_now(
    services: Services,
    owner: Owner,
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
    owner: Owner,
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
    if outcome is Outcome.BUSY:  # busy with their words and a day is a call they answered
        outcome = cadence.picked_up(outcome, rest, notes_follow_up(rest.partition(":")[2], today) is not None)
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


def contact_named(services: Services, owner: Owner, contact_id: int | str) -> Candidate | None:
    """The owner's contact by id (for a form's title), or None when it is not theirs or gone."""
    with services.db.transaction() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        return Candidate(contact.id, contact.name, contact.company) if contact else None


def open_promise(services: Services, owner: Owner, contact_id: int | str) -> str | None:
    """The contact's open promise (for the Log call modal's "I kept my promise"), or None."""
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        if contact is None or not contact.promise or contact.promise_done:
            return None
        return contact.promise


def ask_outcome(services: Services, owner: Owner, contact_id: int | str, carry: str) -> AskOutcome | Refused:
    """Offer the outcomes for a contact picked from a list."""
    contact = contact_named(services, owner, contact_id)
    return AskOutcome(contact, "", carry) if contact else Refused(NOT_YOURS)


def log_typed(
    services: Services, owner: Owner, contact_id: int | str, outcome: Outcome, carry: str, key: str | None
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
    owner: Owner,
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
