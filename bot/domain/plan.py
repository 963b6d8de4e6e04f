"""A planned call: how it is shown ("📅 Thu 10:30"), what the reminder says, and when it goes.

A plan puts the contact's next follow-up on the day after the planned day: the contact leaves the
"due" pile until then, and a plan nobody logged an outcome for comes back the next morning as due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.clock import zone
from bot.domain.dates import MONTH_LABELS, WEEKDAY_LABELS

CALL, VIDEO, EMAIL = "call", "video", "email"
HOW_LABELS = {CALL: "Call", VIDEO: "Video call", EMAIL: "E-mail"}
REMIND_BEFORE = dt.timedelta(minutes=10)
LATE_AFTER = dt.timedelta(minutes=30)  # a reminder this late (the bot was down) is not sent
MAX_AHEAD = dt.timedelta(days=366)
ICON = "📅"


@dataclass(frozen=True)
class PlanProblem:
    """A plan we refuse, with the sentence that says what to change."""

    message: str


def due_after(planned_day: dt.date) -> dt.date:
    """The contact's next follow-up while a plan holds: the morning after the planned day."""
    return planned_day + dt.timedelta(days=1)


def remind_at(at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """When the reminder goes: REMIND_BEFORE the call, or now when that has passed already."""
    return max(at - REMIND_BEFORE, now)


def check_plan(at: dt.datetime, now: dt.datetime) -> PlanProblem | None:
    if at <= now:
        return PlanProblem("That time has passed. Pick a time ahead of now.")
    if at - now > MAX_AHEAD:
        return PlanProblem("That is more than a year away. Pick a time within the next year.")
    return None


def plan_label(at: dt.datetime, today: dt.date) -> str:
    """`Thu 10:30` within the coming week, `Thu 17 Dec 10:30` further ahead (with the year when it
    is another one). `at` is local."""
    day = at.date()
    clock = f"{at:%H:%M}"
    if 0 <= (day - today).days < 7:
        return f"{WEEKDAY_LABELS[day.weekday()]} {clock}"
    label = f"{WEEKDAY_LABELS[day.weekday()]} {day.day} {MONTH_LABELS[day.month - 1]}"
    if day.year != today.year:
        label += f" {day.year}"
    return f"{label} {clock}"


def plan_words(at: dt.datetime, today: dt.date, how: str | None) -> str:
    """`📅 Thu 10:30`, `📅 Thu 10:30 · video call`."""
    words = f"{ICON} {plan_label(at, today)}"
    return f"{words} · {HOW_LABELS[how].lower()}" if how in HOW_LABELS else words


def reminder_lead(at: dt.datetime, now: dt.datetime) -> str:
    """`In 10 minutes`, `In 1 minute`, or `Now` (the reminder went late)."""
    minutes = round((at - now).total_seconds() / 60)
    if minutes <= 0:
        return "Now"
    return f"In {minutes} minute{'s' if minutes != 1 else ''}"


def planned_lines(plans, tz: str, today: dt.date) -> tuple[tuple[str, str], ...]:
    """(`📅 Thu 10:30`, name) of planned calls given as (plan with `at` in naive UTC and `how`, name)."""
    where = zone(tz)
    return tuple(
        (plan_words(plan.at.replace(tzinfo=dt.UTC).astimezone(where), today, plan.how), name)
        for plan, name in plans
    )
