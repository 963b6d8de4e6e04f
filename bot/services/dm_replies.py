"""Plain messages in Warmcall's DM (`message.im`): "called jane, voicemail", "met Tom Lee of Globex",
"snooze ravi 2w", "done jane". Read with the /called and /met grammar and acted on by the same use
cases (calls, quick_add, story); a reply in the thread of a digest is about that digest's contacts.

Taking a message is one transaction before the ack: the event id is claimed (a redelivery acts once)
and a durable `dm` job is committed with what the message said. The job does the work after the ack,
on any replica if this one dies; every change it makes carries the event's key, so a second run of
the same job changes nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from bot.domain.call_text import Refused
from bot.domain.clock import naive_utc
from bot.domain.dm_reply import Verb, leading_outcome, read_reply
from bot.domain.questions import read_question
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.vocabulary import fold
from bot.services import answers, calls, plans, story
from bot.services.contacts import Duplicate, Problem, Saved
from bot.services.context import Services
from bot.services.queue import Gone, Job, job_of
from bot.services.quick_add import quick_add
from storage.contacts import claim_once, get_contact, name_index, name_rows
from storage.dm_threads import digest_contact_ids
from storage.queue import add_job

DM = "dm"  # the durable queue's kind for a DM waiting to be answered


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class Help:
    """Text we could not read: answered with one short line and an example."""

    verb: Verb = Verb.UNREADABLE


@dataclass(frozen=True)
class PickFor:
    """A snooze or a "done" whose name matches several contacts (or a digest thread of several):
    which one? `days` is the snooze's length."""

    verb: Verb
    query: str
    choices: tuple[Candidate, ...]
    days: int | None = None


Answer = (
    calls.Logged
    | calls.AskOutcome
    | calls.AskPick
    | calls.NotFound
    | Refused
    | Saved
    | Duplicate
    | Problem
    | Gone
    | Help
    | PickFor
    | answers.Answer
)


def take_message(
    services: Services, owner: _Owner, event_id: str, text: str, channel: str, ts: str, thread_ts: str | None
) -> Job | None:
    """Before the ack: claim the event once and queue its answer, in one transaction. None when this
    event was taken before (Slack retried it)."""
    with services.db.transaction() as session:
        if not claim_once(session, owner.team_id, owner.user_id, f"dm:{event_id}"):
            return None
        row = add_job(
            session,
            owner.team_id,
            owner.user_id,
            DM,
            {"text": text, "channel": channel, "ts": ts, "thread_ts": thread_ts, "event_id": event_id},
            now=naive_utc(services.clock.now()),
        )
        session.flush()
        return job_of(row)


def thread_contacts(services: Services, owner: _Owner, thread_ts: str | None) -> list[Candidate] | None:
    """The contacts of the digest at the root of this thread (still the owner's), or None when the
    thread's root is not a digest."""
    if not thread_ts:
        return None
    with services.db.reading() as session:
        ids = digest_contact_ids(session, owner.team_id, owner.user_id, thread_ts)
        if ids is None:
            return None
        found = [get_contact(session, owner.team_id, owner.user_id, i) for i in ids]
        return [Candidate(c.id, c.name, c.company, c.event, c.met_on) for c in found if c is not None]


def answer(
    services: Services,
    owner: _Owner,
    text: str,
    *,
    thread: list[Candidate] | None,
    key: str,
    at: dt.datetime | None = None,
    job_id: int | None = None,
) -> Answer:
    """Do what the DM says and return what to answer. `thread`: the contacts of the digest the
    message replies to (a text without a name is about them). `key` makes every change once.
    A question ("who should I call today?") is answered from bot.services.answers and changes nothing."""
    if (
        planned := plans.plan_from_text(services, owner, text, lead=True, key=key, learn_zone=True)
    ) is not None:
        return planned  # "call Ana thursday 10am" (bot.services.plans)
    question = read_question(text)
    if question is not None:
        return answers.answer(services, owner, question)
    reply = read_reply(text)
    if reply.verb in (Verb.HELP, Verb.UNREADABLE):
        return Help(reply.verb)
    if reply.verb is Verb.MET:
        if not reply.rest:
            return Help(Verb.MET)
        return quick_add(services, owner.team_id, owner.user_id, reply.rest, at=at, job_id=job_id)
    if reply.verb is Verb.CALLED:
        return _called(services, owner, reply.rest, reply.typed_verb, thread, key, at)
    return _on_contact(services, owner, reply.verb, reply.rest, reply.days, thread, key)


def _called(services, owner, rest: str, typed: bool, thread, key: str, at) -> Answer:
    nameless = leading_outcome(rest)
    if nameless is not None and (thread or not typed or not _names_someone(services, owner, rest)):
        if not thread:
            return Help(Verb.CALLED)
        outcome, carry = nameless
        if len(thread) == 1:
            return calls.log_typed(services, owner, thread[0].id, outcome, carry, key)
        return calls.AskPick("this morning's list", tuple(thread), outcome, carry)
    if not rest:
        if thread and len(thread) == 1:
            return calls.AskOutcome(thread[0], "", "")
        return Help(Verb.CALLED)
    return calls.called(services, owner, rest, at=at, key=key)


def _names_someone(services: Services, owner: _Owner, text: str) -> bool:
    """Whether the first word of `text` is a contact's name ("No Name reached" starts with a name)."""
    first = fold(text.split()[0]) if text.split() else ""
    with services.db.reading() as session:
        return bool(name_rows(session, owner.team_id, owner.user_id, first))


def _on_contact(services, owner, verb: Verb, name: str, days: int | None, thread, key: str) -> Answer:
    if not name:
        if not thread:
            return Help(verb)
        if verb is Verb.DONE:
            thread = _promising(services, owner, thread)
            if not thread:
                return Refused("No one in this list has an open promise. Name them: `done Jane`.")
        if len(thread) > 1:
            return PickFor(verb, "this morning's list", tuple(thread), days)
        contact_id = thread[0].id
    else:
        found = find_contact(services, owner, name)
        if not isinstance(found, Candidate):
            if isinstance(found, calls.AskPick):
                return PickFor(verb, name, found.choices, days)
            return found
        contact_id = found.id
    if verb is Verb.SNOOZE:
        return calls.snooze(services, owner, contact_id, days, key)
    return story.close_promise(services, owner, contact_id, True, key)


def _promising(services: Services, owner: _Owner, thread: list[Candidate]) -> list[Candidate]:
    """The thread's contacts with a promise still open (what `done` alone can mean)."""
    with services.db.reading() as session:
        found = [get_contact(session, owner.team_id, owner.user_id, c.id) for c in thread]
        open_ids = {c.id for c in found if c is not None and c.promise and not c.promise_done}
    return [c for c in thread if c.id in open_ids]


def find_contact(
    services: Services, owner: _Owner, name: str
) -> Candidate | calls.AskPick | calls.NotFound | Refused:
    """The owner's contact a typed name means, matched as /called matches it."""
    with services.db.reading() as session:
        rows = name_rows(session, owner.team_id, owner.user_id, fold(name)) or name_index(
            session, owner.team_id, owner.user_id
        )
    if not rows:
        return Refused("You have no contacts yet. Add one with `met Jane Doe of Acme`.")
    found = resolve_contact(rows, name)
    if found.match is not None:
        return found.match
    if found.choices:
        return calls.AskPick(name, found.choices, None, "")
    return calls.NotFound(name, found.suggestions)
