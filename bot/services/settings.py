"""A user's nudge settings: reading what the settings form says, and saving it so the digest follows.

`read_settings` is pure (today passed in) and answers either the new settings or, per field, a
sentence saying what to change; `submit_settings` stores them and reschedules the next digest in the
same transaction, so the dispatcher never sees settings without their matching `next_digest_at`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.domain.clock import local_today, naive_utc, zone
from bot.domain.dates import iso_field, parse_time
from bot.domain.digest_schedule import nudge_instant, nudge_minute_of, schedule_next_digest
from bot.domain.vocabulary import MAX_PER_DIGEST_CAP, WEEKDAY_NAMES, nudge_days_from_text, nudge_days_to_text
from bot.domain.work_calendar import NO_HOLIDAYS, find_regions, holiday_region, parse_region, region_name
from bot.services.context import Services
from storage.digests import digests_on
from storage.models import UserProfile
from storage.profiles import get_or_create_profile, get_profile

log = logging.getLogger(__name__)

MAX_PER_DIGEST_MIN, MAX_PER_DIGEST_MAX = 1, MAX_PER_DIGEST_CAP  # the digest shows at most this many
NUDGE_TIME, NUDGE_DAYS, PAUSE_UNTIL, MAX_PER_DIGEST = (
    "nudge_time",
    "nudge_days",
    "pause_until",
    "max_per_digest",
)
WEEKLY_REVIEW = "weekly_review"  # the settings checkbox's block id and its one option's value
HOLIDAY_COUNTRY = "holiday_country"  # the settings field whose public holidays get no nudges
FROM_ZONE = "auto"  # that field's answer for "the country of my Slack time zone" (stored as NULL)
HOLIDAY_CHOICES_MAX = 100  # Slack shows at most 100 options per external_select answer
TIME_PROBLEM = "Give a time like 7:30, 07:30, 7:30am, 7pm or 19:30 (HH:MM on a 24-hour clock works too)."


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class NudgeSettings:
    nudge_minute: int  # minutes after local midnight
    nudge_days: frozenset[int]  # date.weekday() numbers
    pause_until: dt.date | None
    max_per_digest: int
    weekly_review: bool = False  # the Friday look back (issue 19), off unless asked for
    holiday_country: str | None = None  # as chosen: a region (`DE`), `none`, or None for the zone's country
    holidays: str | None = None  # the region whose public holidays apply now (None: no holidays)


def current_settings(profile: UserProfile) -> NudgeSettings:
    return NudgeSettings(
        nudge_minute=profile.nudge_minute,
        nudge_days=nudge_days_from_text(profile.nudge_days or ""),
        pause_until=profile.pause_until,
        max_per_digest=profile.max_per_digest,
        weekly_review=bool(profile.weekly_review),
        holiday_country=profile.holiday_country,
        holidays=holiday_region(profile.holiday_country, profile.tz),
    )


def holidays_text(settings: NudgeSettings) -> str:
    """`Germany (DE), from your time zone`, `Britain (UK): Scotland (GB-SCT)`, `none`."""
    if settings.holidays is None:
        return "none" if settings.holiday_country == NO_HOLIDAYS else "none (your time zone names no country)"
    shown = region_name(settings.holidays)
    return f"{shown}, from your time zone" if settings.holiday_country is None else shown


def holiday_choice(settings: NudgeSettings) -> tuple[str, str]:
    """The (label, value) the country field starts with: what the user chose, or "same as my zone"."""
    if settings.holiday_country is None:
        return _from_zone_label(settings.holidays), FROM_ZONE
    if settings.holiday_country == NO_HOLIDAYS:
        return "No public holidays", NO_HOLIDAYS
    return region_name(settings.holiday_country), settings.holiday_country


def holiday_choices(query: str, holidays_now: str | None = None) -> list[tuple[str, str]]:
    """(label, value) choices for the country field matching `query`: "same as my time zone" and "no
    public holidays" first when they match, then the regions the `holidays` package knows."""
    typed = query.strip()
    special = [(_from_zone_label(holidays_now), FROM_ZONE), ("No public holidays", NO_HOLIDAYS)]
    chosen = [c for c in special if not typed or typed.casefold() in c[0].casefold()]
    if typed.casefold() in ("none", "no", "off"):
        chosen = special[1:]
    found = [(region_name(r.code), r.code) for r in find_regions(typed, HOLIDAY_CHOICES_MAX)]
    return (chosen + found)[:HOLIDAY_CHOICES_MAX]


def holiday_choices_for(services: Services, owner: _Owner, query: str) -> list[tuple[str, str]]:
    """holiday_choices for this user, whose "same as my time zone" names their zone's country."""
    with services.db.reading() as session:
        profile = get_profile(session, owner.team_id, owner.user_id)
    return holiday_choices(query, holiday_region(None, profile.tz) if profile else None)


def _from_zone_label(holidays_now: str | None) -> str:
    return f"Same as my time zone ({region_name(holidays_now)})" if holidays_now else "Same as my time zone"


def read_holiday_country(answer: str | None) -> tuple[bool, str | None] | str:
    """The settings field's answer as (changed, value to store): a region code, `none`, None for the
    zone's country; (False, None) when the field was left as it was. A problem: a sentence."""
    if answer is None or answer == "":
        return False, None
    if answer == FROM_ZONE:
        return True, None
    region = parse_region(answer)
    if region is None:
        return "Pick a country from the list (type a few letters of its name), or “No public holidays”."
    return True, region


def time_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def days_text(days: Iterable[int]) -> str:
    """`Mon–Fri`, `Mon, Wed, Fri`, `every day`; "no days" when empty."""
    days = sorted(set(days))
    if len(days) == 7:
        return "every day"
    if not days:
        return "no days"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{WEEKDAY_NAMES[days[0]]}–{WEEKDAY_NAMES[days[-1]]}"
    return ", ".join(WEEKDAY_NAMES[d] for d in days)


def read_settings(
    nudge_time: str | None,
    nudge_days: list[str] | None,
    pause_until: str | None,
    max_per_digest: str | None,
    today: dt.date,
) -> NudgeSettings | dict[str, str]:
    """The settings the form asks for, or {field: what to change} (nothing is saved then)."""
    errors: dict[str, str] = {}

    minute = parse_time(nudge_time)
    if minute is None:
        errors[NUDGE_TIME] = TIME_PROBLEM

    days: set[int] = set()
    for raw in nudge_days or []:
        if str(raw).isdigit() and 0 <= int(raw) <= 6:
            days.add(int(raw))
        else:
            errors[NUDGE_DAYS] = "Pick days from the list."
    if not days and NUDGE_DAYS not in errors:
        errors[NUDGE_DAYS] = "Pick at least one day. To stop nudges for a while, set “Pause until” instead."

    pause = None
    if pause_until:
        pause, ok = iso_field(pause_until)
        if not ok:
            errors[PAUSE_UNTIL] = "That isn't a date I can read. Pick one from the calendar."
        elif pause is not None and pause < today:
            errors[PAUSE_UNTIL] = (
                f"That date has passed. Pick today ({today.isoformat()}) or later, or clear it."
            )

    count = None
    raw_max = (max_per_digest or "").strip()
    if raw_max.isdigit() and MAX_PER_DIGEST_MIN <= int(raw_max) <= MAX_PER_DIGEST_MAX:
        count = int(raw_max)
    else:
        errors[MAX_PER_DIGEST] = (
            f"Give a whole number from {MAX_PER_DIGEST_MIN} to {MAX_PER_DIGEST_MAX}, like 5."
        )

    if errors or minute is None or count is None:
        return errors
    return NudgeSettings(minute, frozenset(days), pause, count)


def submit_settings(
    services: Services,
    owner: _Owner,
    nudge_time: str | None,
    nudge_days: list[str] | None,
    pause_until: str | None,
    max_per_digest: str | None,
    weekly_review: bool | None = None,
    holiday_country: str | None = None,
) -> UserProfile | dict[str, str]:
    """Check the settings form against the user's local today and save it, rescheduling the next
    digest, all in one transaction; or {field: what to change} with nothing saved. `holiday_country`:
    the country field's answer (see read_holiday_country); None leaves it as it was."""
    with services.db.transaction() as session:
        profile, _ = get_or_create_profile(session, owner.team_id, owner.user_id)
        today = local_today(services.clock, profile.tz)
        new = read_settings(nudge_time, nudge_days, pause_until, max_per_digest, today)
        country = read_holiday_country(holiday_country)
        if isinstance(new, dict) or isinstance(country, str):
            problems = new if isinstance(new, dict) else {}
            return {**problems, HOLIDAY_COUNTRY: country} if isinstance(country, str) else problems
        if country[0]:
            profile.holiday_country = country[1]
        profile.nudge_minute = new.nudge_minute
        profile.nudge_days = nudge_days_to_text(new.nudge_days)
        profile.pause_until = new.pause_until
        profile.max_per_digest = new.max_per_digest
        if weekly_review is not None:
            profile.weekly_review = weekly_review
        reschedule_after_change(session, profile, services.clock.now())
        return profile


def reschedule_after_change(session, profile: UserProfile, now: dt.datetime) -> dt.datetime:
    """The next digest after the user changed when they get it: today's nudge time while it is still
    ahead and today's digest has not gone out, else the next nudge day — never an instant already
    past. (The dispatcher's own rescheduling keeps a missed digest's day open until 18:00 instead.)"""
    today = local_today_at(now, profile.tz)
    owner = (profile.team_id, profile.user_id)
    settled = owner in digests_on(session, {owner: today})
    passed = nudge_instant(today, nudge_minute_of(profile), profile.tz) < naive_utc(now)
    return schedule_next_digest(profile, now, after=today if settled or passed else None)


def local_today_at(now: dt.datetime, tz: str) -> dt.date:
    return now.astimezone(zone(tz)).date()


def resume_nudges(services: Services, owner: _Owner) -> UserProfile:
    """Lift a pause Slack caused (a DM refused with user_not_found, cannot_dm_bot, …): the user says
    the account can take DMs again. The next digest is scheduled as usual; if Slack still refuses,
    that digest pauses nudges again with the reason (one try a day, never a retry storm)."""
    with services.db.transaction() as session:
        profile, _ = get_or_create_profile(session, owner.team_id, owner.user_id)
        if profile.paused_reason:
            log.info(
                "nudges resumed for %s/%s (were paused: %s)",
                owner.team_id,
                owner.user_id,
                profile.paused_reason,
            )
            profile.paused_reason = None
            reschedule_after_change(session, profile, services.clock.now())
        return profile
