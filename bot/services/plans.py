"""Planning a call for a day and an hour (issue 28): the Plan it form's defaults, a plan from the form
or from a line (`call Ana thursday 10am`, `/called Ana at 4pm thursday`), undo, the plans Home and
the digest show, the user's best hour, and the reminder's claim. One transaction per use case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.best_hour import BestHour, Try, best_hour, default_plan_at
from bot.domain.call_text import Refused
from bot.domain.clock import naive_utc, zone
from bot.domain.plan import HOW_LABELS, check_plan, plan_words
from bot.domain.plan_text import plan_instant, read_plan
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.stats import REACHED_OUTCOMES
from bot.domain.vocabulary import Outcome, Stage, fold, nudge_days_from_text
from bot.services.context import Services
from bot.services.prep import facts_of, reasons_for
from bot.services.profiles import ensure_profile
from storage import plans as store
from storage.contacts import get_contact, name_index, name_rows
from storage.interactions import contact_for_update
from storage.models import UserProfile
from storage.profiles import get_profile

log = logging.getLogger(__name__)

REMINDER = store.REMINDER  # the durable queue's kind for a reminder
TRY_OUTCOMES = tuple(
    o.value for o in Outcome if o not in (Outcome.EMAILED, Outcome.MESSAGED, Outcome.WRONG_NUMBER)
)
TRIES_READ = 500  # the newest tries the best hour is learnt from
HOME_PLANS = 5
NO_ZONE = "I don't know your time zone yet. Open my Home tab once, then plan the call again."


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class Planned:
    plan_id: int
    contact_id: int
    contact_name: str
    at: dt.datetime  # aware, the user's zone
    how: str | None
    today: dt.date
    repeated: bool = False

    @property
    def words(self) -> str:
        return plan_words(self.at, self.today, self.how)


@dataclass(frozen=True)
class Unplanned:
    contact_id: int
    contact_name: str
    next_due: dt.date | None


@dataclass(frozen=True)
class Planner:
    """What the Plan it form opens with."""

    contact_id: int
    contact_name: str
    default_at: dt.datetime  # aware, the user's zone
    best: BestHour


def _unplannable(contact) -> Refused | None:
    """Why a call with `contact` can't be planned: gone, or let go."""
    if contact is None:
        return Refused("I can't find that contact any more. It may have been deleted.")
    if contact.stage == Stage.LET_GO:
        return Refused(f"You let {contact.name} go. Revive them first, then plan a call.")
    return None


@dataclass(frozen=True)
class PickToPlan:
    """Several contacts match the typed name."""

    query: str
    choices: tuple[Candidate, ...]


@dataclass(frozen=True)
class PlanRow:
    contact_id: int
    contact_name: str
    words: str  # `📅 Thu 10:30`


@dataclass(frozen=True)
class Reminder:
    """A claimed reminder: post it, then settle it."""

    plan_id: int
    team_id: str
    user_id: str
    contact_id: int
    contact_name: str
    at: dt.datetime  # aware, the user's zone
    how: str | None
    note: str | None
    now: dt.datetime  # aware, the user's zone
    reason: str | None  # the talking points' reason line (bot.services.prep), when there is one


# --- the best hour -------------------------------------------------------------------------------------


def tries_of(session: Session, profile: UserProfile) -> list[Try]:
    """The user's call tries at the local hour they were logged, for those logged on the day of the
    call (a call logged later says nothing about its hour)."""
    tz = zone(profile.tz)
    found = []
    for at, on, outcome in store.call_tries(
        session, profile.team_id, profile.user_id, TRY_OUTCOMES, TRIES_READ
    ):
        local = at.replace(tzinfo=dt.UTC).astimezone(tz)
        if local.date() == on:
            found.append(Try(local.weekday(), local.hour * 60 + local.minute, outcome in REACHED_OUTCOMES))
    return found


def best_hour_of(session: Session, profile: UserProfile) -> BestHour:
    return best_hour(tries_of(session, profile), profile.nudge_minute)


# --- planning ------------------------------------------------------------------------------------------


def _profile(services: Services, owner: _Owner) -> UserProfile | None:
    """The stored profile (no Slack call: a plan is made before an ack); None for a user never seen."""
    with services.db.reading() as session:
        profile = get_profile(session, owner.team_id, owner.user_id)
        if profile is not None:
            session.expunge(profile)
        return profile


def planner(services: Services, owner: _Owner, contact_id: object) -> Planner | Refused:
    """The contact and the form's default time: the user's best hour on the next good day."""
    profile = _profile(services, owner)
    if profile is None:
        return Refused(NO_ZONE)
    now = services.clock.now().astimezone(zone(profile.tz))
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        if (refused := _unplannable(contact)) is not None:
            return refused
        best = best_hour_of(session, profile)
        open_now = store.open_plan(session, owner.team_id, owner.user_id, contact.id, lock=False)
        default = default_plan_at(best, now, nudge_days_from_text(profile.nudge_days))
        if open_now is not None and open_now.at.replace(tzinfo=dt.UTC) > services.clock.now():
            default = open_now.at.replace(tzinfo=dt.UTC).astimezone(now.tzinfo)
        return Planner(contact.id, contact.name, default, best)


def plan_call(
    services: Services,
    owner: _Owner,
    contact_id: object,
    at: dt.datetime,
    how: str | None,
    *,
    key: str | None,
    note: str | None = None,
) -> Planned | Refused:
    """Plan a call with the contact at `at` (aware). The same `key` twice plans once."""
    profile = _profile(services, owner)
    if profile is None:
        return Refused(NO_ZONE)
    now = services.clock.now()
    problem = check_plan(at, now)
    if problem is not None:
        return Refused(problem.message, field="when")
    how = how if how in HOW_LABELS else None
    key = key[:200] if key else None
    if key and (earlier := _earlier(services, owner, key, profile)) is not None:
        return earlier
    try:
        with services.db.transaction() as session:
            contact = contact_for_update(session, owner.team_id, owner.user_id, contact_id)
            if (refused := _unplannable(contact)) is not None:
                return refused
            plan = store.add_plan(
                session, contact, at, profile.tz, how=how, note=note, key=key, now=naive_utc(now)
            )
            return _planned(plan, contact.name, profile, now)
    except IntegrityError:
        earlier = _earlier(services, owner, key, profile) if key else None
        if earlier is None:
            raise
        return earlier


def _planned(plan: store.PlannedCall, name: str, profile: UserProfile, now: dt.datetime, **extra) -> Planned:
    tz = zone(profile.tz)
    return Planned(
        plan.id,
        plan.contact_id,
        name,
        plan.at.replace(tzinfo=dt.UTC).astimezone(tz),
        plan.how,
        now.astimezone(tz).date(),
        **extra,
    )


def _earlier(services: Services, owner: _Owner, key: str, profile: UserProfile) -> Planned | None:
    with services.db.reading() as session:
        plan = store.plan_by_key(session, owner.team_id, owner.user_id, key)
        if plan is None:
            return None
        contact = get_contact(session, owner.team_id, owner.user_id, plan.contact_id)
        name = contact.name if contact is not None else ""
        return _planned(plan, name, profile, services.clock.now(), repeated=True)


def plan_from_text(
    services: Services, owner: _Owner, text: str, *, lead: bool, key: str | None, learn_zone: bool = False
) -> Planned | Refused | PickToPlan | None:
    """A plan from a line: the DM's `call Ana thursday 10am` (`lead`), or a /called text with a time
    ahead (`Ana at 4pm thursday`). None when the line plans nothing (read it as before). A user with
    no stored profile plans nothing before the ack; after it (`learn_zone`) their time zone is asked
    of Slack first (users.info), so their first `/called Ana at 4pm thursday` plans too."""
    profile = _profile(services, owner)
    if learn_zone and (profile is None or profile.tz_fetched_at is None):
        ensure_profile(services, owner.team_id, owner.user_id)
        profile = _profile(services, owner)
    if profile is None:
        return None
    now = services.clock.now().astimezone(zone(profile.tz))
    first = fold(text).split()[:1]
    phrase = read_plan(text, now.date(), lead=lead, need_time=not (lead and first == ["plan"]))
    if phrase is None:
        return None
    with services.db.reading() as session:
        best = best_hour_of(session, profile)
        rows = name_rows(session, owner.team_id, owner.user_id, fold(phrase.name)) or name_index(
            session, owner.team_id, owner.user_id
        )
    at = plan_instant(phrase, now, best.minute)
    if at is None:
        return None
    if not rows:
        return Refused("You have no contacts yet. Add one with `/met Jane Doe of Acme`.")
    found = resolve_contact(rows, phrase.name)
    if found.match is None:
        if found.choices:
            return PickToPlan(phrase.name, tuple(found.choices))
        return Refused("I couldn't find that name among your contacts. Check the spelling and plan again.")
    return plan_call(services, owner, found.match.id, at, phrase.how, key=key, note=phrase.note)


def undo_plan(services: Services, owner: _Owner, plan_id: object) -> Unplanned | Refused:
    """Take a plan back: the contact's schedule as it was before it."""
    now = services.clock.now()
    with services.db.transaction() as session:
        plan = store.get_plan(session, owner.team_id, owner.user_id, plan_id)
        if plan is None or plan.state != store.PLANNED:
            return Refused("That plan was already undone.")
        contact = contact_for_update(session, owner.team_id, owner.user_id, plan.contact_id)
        if contact is None:
            return Refused("I can't find that contact any more. It may have been deleted.")
        if not store.is_open(session, plan):
            return Refused(f"A call with {contact.name} was logged since, so the plan is done.")
        store.cancel_plan(session, plan, contact, naive_utc(now))
        return Unplanned(contact.id, contact.name, contact.next_due)


# --- what the screens show -----------------------------------------------------------------------------


def plan_rows(
    session: Session, profile: UserProfile, today: dt.date, now: dt.datetime
) -> tuple[PlanRow, ...]:
    """The user's coming plans, soonest first (App Home), read in the caller's session."""
    tz = zone(profile.tz)
    rows = store.upcoming_plans(session, profile.team_id, profile.user_id, today, limit=HOME_PLANS)
    return tuple(
        PlanRow(p.contact_id, name, plan_words(p.at.replace(tzinfo=dt.UTC).astimezone(tz), today, p.how))
        for p, name in rows
        if p.at.replace(tzinfo=dt.UTC) > now - dt.timedelta(hours=1)
    )


def plans_for_digests(
    session: Session, profiles: dict[tuple[str, str], tuple[UserProfile, dt.date]]
) -> dict[tuple[str, str], tuple[PlanRow, ...]]:
    """Each user's plans on their digest's day (one query for the batch)."""
    found = store.plans_on_days(session, {owner: day for owner, (_, day) in profiles.items()})
    shown = {}
    for owner, plans in found.items():
        profile, day = profiles[owner]
        tz = zone(profile.tz)
        shown[owner] = tuple(
            PlanRow(p.contact_id, name, plan_words(p.at.replace(tzinfo=dt.UTC).astimezone(tz), day, p.how))
            for p, name in plans
        )
    return shown


# --- the reminder --------------------------------------------------------------------------------------


def take_reminder(services: Services, plan_id: int, at: str) -> Reminder | None:
    """Claim the plan's reminder, committed before anything is posted, with its talking points; None
    when there is nothing to send (moved, undone, a call logged, already sent or being sent)."""
    try:
        planned_at = dt.datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    with services.db.transaction() as session:
        taken = store.take_reminder(session, plan_id, planned_at)
        if taken is None:
            return None
        plan, contact = taken
        profile = get_profile(session, plan.team_id, plan.user_id)
        tz = zone(profile.tz if profile is not None else plan.tz)
        claim = Reminder(
            plan.id,
            plan.team_id,
            plan.user_id,
            contact.id,
            contact.name,
            plan.at.replace(tzinfo=dt.UTC).astimezone(tz),
            plan.how,
            plan.note,
            services.clock.now().astimezone(tz),
            None,
        )
    return _with_reason(services, claim)


def _with_reason(services: Services, claim: Reminder) -> Reminder:
    """The talking points' reason line (the words the digest and /prep use); a reminder goes without
    it rather than not at all."""
    owner = _OwnerOf(claim.team_id, claim.user_id)
    try:
        with services.db.reading() as session:
            contact = get_contact(session, claim.team_id, claim.user_id, claim.contact_id)
            facts = facts_of(contact) if contact is not None else None
        line = (
            reasons_for(services, owner, [facts], claim.now.date()).get(claim.contact_id) if facts else None
        )
    except Exception:  # the coach must never cost the user their reminder
        log.exception("talking points failed for a plan reminder")
        line = None
    return dataclasses.replace(claim, reason=line or None)


@dataclass(frozen=True)
class _OwnerOf:
    team_id: str
    user_id: str


def settle_reminder(services: Services, plan_id: int, *, sent: bool, ts: str | None = None) -> None:
    with services.db.transaction() as session:
        store.settle_reminder(session, plan_id, store.SENT if sent else store.FAILED, ts)


def release_reminder(services: Services, plan_id: int) -> None:
    """Slack refused the post (nothing was posted): the reminder may go again."""
    with services.db.transaction() as session:
        store.settle_reminder(session, plan_id, store.WAITING)
