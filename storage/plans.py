"""Planned calls (issue 28): the table, and the queries that keep a plan and its contact in step.

A plan is open while its state is `planned`, no call was logged for the contact since it was made, and
the contact is not let go: a logged outcome ends it without anyone touching this row. While it is
open the contact's next follow-up is the morning after the planned day (bot.domain.plan.due_after).
Its reminder is a durable-queue job (storage.queue) due ten minutes before; the reminder state on the
row (waiting → sending → sent | failed) is what makes it go once, whichever replica runs the job.
Times are naive UTC; `local_day` is the user's day of the call.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, exists, select
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session

from bot.domain.cadence import FollowUp
from bot.domain.clock import naive_utc, zone
from bot.domain.plan import REMIND_BEFORE, due_after, plan_words
from bot.domain.stats import CALL_OUTCOMES
from bot.domain.vocabulary import Stage
from storage.models import Base, Contact, Interaction, utcnow
from storage.queue import add_job

TABLE = "planned_calls"
REMINDER = "plan_reminder"  # the durable queue's kind for a plan's reminder
PLANNED, REPLACED, CANCELLED = "planned", "replaced", "cancelled"
WAITING, SENDING, SENT, FAILED = "waiting", "sending", "sent", "failed"


class PlannedCall(Base):
    __tablename__ = TABLE
    __table_args__ = (
        Index("ix_planned_calls_owner_day", "team_id", "user_id", "local_day"),
        Index("ix_planned_calls_contact", "contact_id"),
        UniqueConstraint("team_id", "user_id", "idempotency_key", name="uq_planned_calls_idempotency"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # the call's time, naive UTC
    tz: Mapped[str] = mapped_column(String(64))  # the zone it was planned in (a move keeps its wall time)
    local_day: Mapped[dt.date] = mapped_column(Date)
    how: Mapped[str | None] = mapped_column(String(8))  # call | video | email
    note: Mapped[str | None] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(12), default=PLANNED)  # planned | replaced | cancelled
    reminder: Mapped[str] = mapped_column(String(12), default=WAITING)  # waiting | sending | sent | failed
    reminder_ts: Mapped[str | None] = mapped_column(String(32))
    replaced_id: Mapped[int | None] = mapped_column(Integer)  # the open plan this one replaced
    previous_next_due: Mapped[dt.date | None] = mapped_column(Date)  # put back by an undo
    previous_reason: Mapped[str | None] = mapped_column(String(300))
    previous_latest_due: Mapped[dt.date | None] = mapped_column(Date)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


def _called_since(plan_created):
    """A call outcome logged for the plan's contact since the plan was made."""
    return exists().where(
        Interaction.contact_id == PlannedCall.contact_id,
        Interaction.outcome.in_(CALL_OUTCOMES),
        Interaction.at >= plan_created,
    )


def _open():
    return (
        PlannedCall.state == PLANNED,
        Contact.id == PlannedCall.contact_id,
        Contact.stage != Stage.LET_GO.value,
        ~_called_since(PlannedCall.created_at),
    )


def _locked(query, session: Session):
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(of=PlannedCall)
    return query


def open_plan(
    session: Session, team_id: str, user_id: str, contact_id: int, *, lock: bool = True
) -> PlannedCall | None:
    """The contact's open plan (the newest), locked for the caller's transaction unless `lock` is off."""
    query = (
        select(PlannedCall)
        .where(PlannedCall.team_id == team_id, PlannedCall.user_id == user_id)
        .where(PlannedCall.contact_id == contact_id, *_open())
        .order_by(PlannedCall.id.desc())
        .limit(1)
    )
    return session.scalar(_locked(query, session) if lock else query)


def get_plan(session: Session, team_id: str, user_id: str, plan_id: object) -> PlannedCall | None:
    try:
        number = int(str(plan_id))
    except ValueError:
        return None
    if not 0 < number < 2**31:
        return None
    query = select(PlannedCall).where(
        PlannedCall.id == number, PlannedCall.team_id == team_id, PlannedCall.user_id == user_id
    )
    return session.scalar(_locked(query, session))


def plan_by_key(session: Session, team_id: str, user_id: str, key: str) -> PlannedCall | None:
    return session.scalar(
        select(PlannedCall).where(
            PlannedCall.team_id == team_id, PlannedCall.user_id == user_id, PlannedCall.idempotency_key == key
        )
    )


def is_open(session: Session, plan: PlannedCall) -> bool:
    return bool(session.scalar(select(PlannedCall.id).where(PlannedCall.id == plan.id, *_open()).limit(1)))


def queue_reminder(session: Session, plan: PlannedCall, now: dt.datetime) -> None:
    """A reminder job for the plan as it is now (a moved plan gets a new one; the old one finds its
    time changed and sends nothing). It counts as created when it comes due, so a plan for next week
    is no week-old job in the queue's age (warmcall_durable_queue_oldest_seconds)."""
    due = max(plan.at - REMIND_BEFORE, now)
    add_job(
        session,
        plan.team_id,
        plan.user_id,
        REMINDER,
        {"plan_id": plan.id, "at": plan.at.isoformat()},
        now=due,
    )


def add_plan(
    session: Session,
    contact: Contact,
    at: dt.datetime,
    tz: str,
    *,
    how: str | None,
    note: str | None,
    key: str | None,
    now: dt.datetime,
) -> PlannedCall:
    """Plan a call with `contact` at `at` (aware): an open plan it had is replaced, the contact's next
    follow-up moves to the morning after, and the reminder is queued, all in the caller's transaction."""
    earlier = open_plan(session, contact.team_id, contact.user_id, contact.id)
    local = at.astimezone(zone(tz))
    plan = PlannedCall(
        team_id=contact.team_id,
        user_id=contact.user_id,
        contact_id=contact.id,
        at=naive_utc(at),
        tz=tz,
        local_day=local.date(),
        how=how,
        note=(note or None) and note[:300],
        state=PLANNED,
        reminder=WAITING,
        replaced_id=earlier.id if earlier is not None else None,
        previous_next_due=contact.next_due,
        previous_reason=contact.next_due_reason,
        previous_latest_due=contact.latest_due,
        idempotency_key=key,
        created_at=now,
    )
    if earlier is not None:
        earlier.state = REPLACED
    session.add(plan)
    contact.next_due = due_after(plan.local_day)
    contact.next_due_reason = "due the next morning if the planned call is not logged"
    contact.latest_due = None
    session.flush()
    queue_reminder(session, plan, now)
    return plan


def cancel_plan(session: Session, plan: PlannedCall, contact: Contact, now: dt.datetime) -> None:
    """Undo a plan: the contact's schedule as it was, or the plan it replaced open again."""
    plan.state = CANCELLED
    if contact.next_due == due_after(plan.local_day):
        contact.next_due = plan.previous_next_due
        contact.next_due_reason = plan.previous_reason
        contact.latest_due = plan.previous_latest_due
    if plan.replaced_id is not None:
        earlier = session.get(PlannedCall, plan.replaced_id)
        if earlier is not None and earlier.state == REPLACED and earlier.at > now:
            earlier.state = PLANNED
            session.flush()
            queue_reminder(session, earlier, now)


def move_plan(
    session: Session, plan: PlannedCall, contact: Contact | None, days: int, now: dt.datetime
) -> None:
    """Move the plan by `days` at the same wall-clock time, and `contact`'s follow-up with it."""
    local = plan.at.replace(tzinfo=dt.UTC).astimezone(zone(plan.tz))
    day = local.date() + dt.timedelta(days=days)
    moved = dt.datetime.combine(day, local.time(), tzinfo=zone(plan.tz))
    plan.at, plan.local_day, plan.reminder = naive_utc(moved), day, WAITING
    if contact is not None:
        contact.next_due = due_after(day)
    session.flush()
    queue_reminder(session, plan, now)


def follow_snooze(contact: Contact, follow_up: FollowUp, today: dt.date, now: dt.datetime) -> FollowUp:
    """A snooze of `contact` (in its transaction, before the change is applied): a plan still ahead
    moves as many days as the snooze puts the contact off, and the follow-up becomes the morning
    after it. A plan whose time has passed is dropped (its day and hour were for then, not for after
    the snooze) and the reason says so; the snooze acts as ever. Undoing the snooze leaves it dropped:
    the contact is due again, as after any missed plan."""
    session = object_session(contact)
    if session is None or follow_up.next_due is None:
        return follow_up
    plan = open_plan(session, contact.team_id, contact.user_id, contact.id)
    if plan is None:
        return follow_up
    if plan.at <= now:
        plan.state = CANCELLED
        passed = plan_words(plan.at.replace(tzinfo=dt.UTC).astimezone(zone(plan.tz)), today, None)
        why = f"{follow_up.reason}; your planned call ({passed}) had passed, so I dropped it"
        return dataclasses.replace(follow_up, reason=why)
    # The contact is left to the snooze (its undo keeps the schedule from before): only the plan moves.
    move_plan(session, plan, None, (follow_up.next_due - today).days, now)
    moved = plan.at.replace(tzinfo=dt.UTC).astimezone(zone(plan.tz))
    return dataclasses.replace(
        follow_up,
        next_due=due_after(plan.local_day),
        reason=f"your planned call moved with it: {plan_words(moved, today, None)}",
    )


def follow_undo(contact: Contact, now: dt.datetime) -> None:
    """After an undo put `contact`'s schedule back: an open plan whose day no longer matches the
    contact's follow-up (an undone snooze) moves back with it."""
    session = object_session(contact)
    if session is None or contact.next_due is None:
        return
    plan = open_plan(session, contact.team_id, contact.user_id, contact.id)
    if plan is not None and due_after(plan.local_day) != contact.next_due:
        move_plan(session, plan, contact, (contact.next_due - due_after(plan.local_day)).days, now)


def take_reminder(session: Session, plan_id: int, at: dt.datetime) -> tuple[PlannedCall, Contact] | None:
    """Claim the plan's reminder (waiting → sending, in the caller's transaction, committed before
    any post): the plan and its contact, or None when it is not this job's to send (moved, undone,
    a call logged, sent already or being sent by another worker)."""
    query = select(PlannedCall, Contact).where(PlannedCall.id == plan_id, *_open())
    row = session.execute(_locked(query, session)).first()
    if row is None:
        return None
    plan, contact = row
    if plan.at != at or plan.reminder != WAITING:
        return None
    plan.reminder = SENDING
    return plan, contact


def settle_reminder(session: Session, plan_id: int, state: str, ts: str | None = None) -> None:
    plan = session.get(PlannedCall, plan_id)
    if plan is not None:
        plan.reminder, plan.reminder_ts = state, ts


def upcoming_plans(
    session: Session, team_id: str, user_id: str, since: dt.date, *, limit: int
) -> Sequence[tuple[PlannedCall, str]]:
    """(plan, contact name) of the open plans on or after `since`, soonest first."""
    query = (
        select(PlannedCall, Contact.name)
        .where(PlannedCall.team_id == team_id, PlannedCall.user_id == user_id)
        .where(PlannedCall.local_day >= since, *_open())
        .order_by(PlannedCall.at, PlannedCall.id)
        .limit(limit)
    )
    return [(plan, name) for plan, name in session.execute(query).all()]


def plans_on_days(
    session: Session, days: dict[tuple[str, str], dt.date]
) -> dict[tuple[str, str], list[tuple[PlannedCall, str]]]:
    """The open plans of each (team, user) on its day, for a batch of digests (one query)."""
    if not days:
        return {}
    teams = {team for team, _ in days}
    users = {user for _, user in days}
    query = (
        select(PlannedCall, Contact.name)
        .where(PlannedCall.team_id.in_(teams), PlannedCall.user_id.in_(users))
        .where(PlannedCall.local_day.in_(set(days.values())), *_open())
        .order_by(PlannedCall.at, PlannedCall.id)
    )
    found: dict[tuple[str, str], list[tuple[PlannedCall, str]]] = {}
    for plan, name in session.execute(query).all():
        owner = (plan.team_id, plan.user_id)
        if days.get(owner) == plan.local_day:
            found.setdefault(owner, []).append((plan, name))
    return found


def call_tries(session: Session, team_id: str, user_id: str, outcomes: Sequence[str], limit: int):
    """(at, on, outcome) of the user's newest logged call tries."""
    return session.execute(
        select(Interaction.at, Interaction.on, Interaction.outcome)
        .where(Interaction.team_id == team_id, Interaction.user_id == user_id)
        .where(Interaction.outcome.in_(outcomes))
        .order_by(Interaction.at.desc())
        .limit(limit)
    ).all()
