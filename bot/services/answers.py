"""Answers to the questions people type in Warmcall's DM (bot.domain.questions), read from the same
queries the screens use: App Home's due windows, the weekly look back's counts, the contact card's
story. Each answer is one read-only snapshot; nothing here changes anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Protocol

from bot.domain.clock import local_today, zone
from bot.domain.digest_schedule import holiday_region_of
from bot.domain.questions import Ask, Question
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.stats import CALL_OUTCOMES, REACHED_OUTCOMES, week_start
from bot.domain.tags import tags_of
from bot.domain.vocabulary import UNANSWERED, Outcome, fold, nudge_days_from_text
from bot.services.context import Services
from bot.services.prep import facts_of, reasons_for
from bot.services.profiles import ensure_profile
from bot.services.stats import call_streak
from storage import answers as store
from storage.contacts import count_contacts, get_contact, name_index, name_rows
from storage.home import contacts_due_window, count_due_window, outcomes_since
from storage.models import Contact
from storage.weekly import promise_counts

SHOWN = 10  # people listed in one answer; the rest are counted
HISTORY = 3  # what happened last: this many logged outcomes


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class Person:
    """One contact as an answer lists it."""

    id: int
    name: str
    company: str | None
    event: str | None
    stage: str
    next_due: dt.date | None
    why: str | None
    promise: str | None
    promise_due: dt.date | None
    tags: tuple[str, ...]
    last_outcome: str | None
    last_contact_on: dt.date | None


@dataclass(frozen=True)
class People:
    """A list answer (due, promises, at a company, from an event, with a tag). `looked_in`: the field
    that matched when it is not the one asked ("no company called PyCon: these are from the event")."""

    question: Question
    today: dt.date
    people: tuple[Person, ...]
    total: int
    until: dt.date | None = None  # the last day a "due" answer covers
    looked_in: str | None = None
    no_contacts: bool = False


@dataclass(frozen=True)
class Logged:
    on: dt.date
    outcome: str
    notes: str | None


@dataclass(frozen=True)
class LastWith:
    """What happened with one person: their newest logged outcomes, and what is next."""

    person: Person
    today: dt.date
    history: tuple[Logged, ...]
    meeting_on: dt.date | None


@dataclass(frozen=True)
class Whom:
    """A name that matched several contacts, or none (`choices` empty: `suggestions` are close)."""

    query: str
    choices: tuple[Candidate, ...]
    suggestions: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Week:
    """How the week went, Monday to today."""

    today: dt.date
    since: dt.date
    tries: int
    reached: int
    unanswered: int
    emails: int
    meetings: int
    people: int
    kept: int
    still_open: int
    streak: int
    due_now: int
    messages: int = 0  # texts and chat messages (issue 28)


@dataclass(frozen=True)
class Guide:
    """No data needed: how to log, or what can be asked."""

    kind: Ask


Answer = People | LastWith | Whom | Week | Guide


def answer(services: Services, owner: _Owner, question: Question) -> Answer:
    """The answer to `question` for `owner`, from one read of their contacts."""
    if question.kind in (Ask.HOW_TO_LOG, Ask.WHAT_TO_ASK):
        return Guide(question.kind)
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    today = local_today(services.clock, profile.tz)
    if question.kind is Ask.MY_WEEK:
        return _week(services, owner, today, profile)
    if question.kind is Ask.LAST_WITH:
        return _last_with(services, owner, question.about, today)
    with services.db.reading() as session:
        team, user = owner.team_id, owner.user_id
        until = looked_in = None
        if question.kind is Ask.DUE_TODAY:
            rows = contacts_due_window(session, team, user, None, today, limit=SHOWN)
            total = count_due_window(session, team, user, None, today)
        elif question.kind is Ask.DUE_WEEK:
            until = end_of_week(today)
            rows = contacts_due_window(session, team, user, None, until, limit=SHOWN)
            total = count_due_window(session, team, user, None, until)
        elif question.kind is Ask.PROMISES:
            rows, total = store.open_promises(session, team, user, limit=SHOWN)
        else:
            asked = _FIELDS[question.kind]
            rows, total = store.contacts_where(session, team, user, asked, question.about, limit=SHOWN)
            other = _OTHER_FIELD.get(asked)
            if not total and other:
                rows, total = store.contacts_where(session, team, user, other, question.about, limit=SHOWN)
                looked_in = other if total else None
        people = tuple(person_of(c) for c in rows)
        empty = not total and not count_contacts(session, team, user)
        due = [facts_of(c) for c in rows] if question.kind in (Ask.DUE_TODAY, Ask.DUE_WEEK) else []
    if due:  # whom to call says why, as the morning list does: the coach's reason, not the date's
        said = reasons_for(services, owner, due, today)
        people = tuple(replace(p, why=said.get(p.id, p.why)) for p in people)
    return People(question, today, people, total, until=until, looked_in=looked_in, no_contacts=empty)


_FIELDS = {Ask.AT_COMPANY: "company", Ask.FROM_EVENT: "event", Ask.WITH_TAG: "tags"}
_OTHER_FIELD = {"company": "event", "event": "company"}


def end_of_week(today: dt.date) -> dt.date:
    """The Sunday that ends this week; from Friday on, the Sunday after (the week still to work)."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return sunday + dt.timedelta(days=7) if today.weekday() >= 4 else sunday


def person_of(contact: Contact) -> Person:
    promise = contact.promise if contact.promise and not contact.promise_done else None
    return Person(
        id=contact.id,
        name=contact.name,
        company=contact.company,
        event=contact.event,
        stage=contact.stage,
        next_due=contact.next_due,
        why=contact.next_due_reason,
        promise=promise,
        promise_due=contact.promise_due if promise else None,
        tags=tags_of(contact.tags),
        last_outcome=contact.last_outcome,
        last_contact_on=contact.last_contact_on,
    )


def _last_with(services: Services, owner: _Owner, name: str, today: dt.date) -> LastWith | Whom:
    team, user = owner.team_id, owner.user_id
    with services.db.reading() as session:
        rows = name_rows(session, team, user, fold(name)) or name_index(session, team, user)
        found = resolve_contact(rows, name) if rows else None
        if found is None or found.match is None:
            choices = found.choices if found else ()
            return Whom(name, tuple(choices), tuple(found.suggestions) if found else ())
        contact = get_contact(session, team, user, found.match.id)
        if contact is None:
            return Whom(name, ())
        logs = store.last_interactions(session, team, user, contact.id, CALL_OUTCOMES, limit=HISTORY)
        history = tuple(Logged(i.on, i.outcome, i.notes) for i in logs)
        ahead = contact.meeting_state == "booked" and contact.meeting_on and contact.meeting_on >= today
        return LastWith(person_of(contact), today, history, contact.meeting_on if ahead else None)


def _week(services: Services, owner: _Owner, today: dt.date, profile) -> Week:
    team, user = owner.team_id, owner.user_id
    since = week_start(today)
    with services.db.reading() as session:
        logs = outcomes_since(session, team, user, CALL_OUTCOMES, since)
        kept, still_open = promise_counts(session, team, user, since)
        streak = call_streak(
            session, team, user, today, nudge_days_from_text(profile.nudge_days), holiday_region_of(profile)
        )
        due_now = count_due_window(session, team, user, None, today)
    logs = [entry for entry in logs if entry[0] <= today]
    tried = {(contact, on) for on, outcome, contact in logs if outcome in UNANSWERED}
    return Week(
        today=today,
        since=since,
        tries=len([e for e in logs if e[1] not in UNANSWERED]) + len(tried),
        reached=sum(1 for _, outcome, _ in logs if Outcome(outcome) in REACHED_OUTCOMES),
        unanswered=len(tried),
        emails=sum(1 for _, outcome, _ in logs if outcome == Outcome.EMAILED.value),
        messages=sum(1 for _, outcome, _ in logs if outcome == Outcome.MESSAGED.value),
        meetings=sum(1 for _, outcome, _ in logs if outcome == Outcome.MEETING.value),
        people=len({contact for _, _, contact in logs}),
        kept=kept,
        still_open=still_open,
        streak=streak,
        due_now=due_now,
    )


@dataclass(frozen=True)
class DigestToday:
    """Whether today's digest went out (`sent_at`, local time) and how many people are due now."""

    sent_at: dt.datetime | None
    due: int


def digest_today(services: Services, owner: _Owner) -> DigestToday:
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    today = local_today(services.clock, profile.tz)
    with services.db.reading() as session:
        row = store.digest_on(session, owner.team_id, owner.user_id, today)
        due = count_due_window(session, owner.team_id, owner.user_id, None, today)
        sent = row.updated_at if row is not None and row.state == store.SENT else None
    local = sent.replace(tzinfo=dt.UTC).astimezone(zone(profile.tz)) if sent else None
    return DigestToday(local, due)
