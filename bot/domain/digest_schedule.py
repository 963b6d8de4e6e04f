"""When a user's daily digest is due: pure arithmetic on the profile's nudge settings and an instant.
No digest on a public holiday of the user's country (SPEC §14 "Calendar"): the next nudge day instead."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.domain.clock import naive_utc, zone
from bot.domain.vocabulary import DEFAULT_NUDGE_MINUTE, LATEST_DIGEST_MINUTE, nudge_days_from_text
from bot.domain.work_calendar import holiday_name, holiday_region

NEVER = dt.datetime(9999, 12, 31)  # next_digest_at of a user who gets no nudges
BACKOFF_START = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(minutes=30)
_WEEKDAYS = "0,1,2,3,4"
_SEARCH_DAYS = 366  # a nudge day that is no holiday is always found within a year


class NudgeSettings(Protocol):
    """The profile fields the schedule reads (a UserProfile, or a plain row of them)."""

    @property
    def tz(self) -> str: ...
    @property
    def nudge_minute(self) -> int | None: ...
    @property
    def nudge_days(self) -> str | None: ...
    @property
    def pause_until(self) -> dt.date | None: ...
    @property
    def paused_reason(self) -> str | None: ...
    @property
    def holiday_country(self) -> str | None: ...


class Schedulable(NudgeSettings, Protocol):
    """A profile whose next digest instant can be set."""

    next_digest_at: dt.datetime | None


def nudge_minute_of(profile: NudgeSettings) -> int:
    return DEFAULT_NUDGE_MINUTE if profile.nudge_minute is None else profile.nudge_minute


def nudge_days_of(profile: NudgeSettings) -> frozenset[int]:
    return nudge_days_from_text(profile.nudge_days if profile.nudge_days is not None else _WEEKDAYS)


def holiday_region_of(profile: NudgeSettings) -> str | None:
    """The region whose public holidays get no digest: the user's choice, else their zone's country."""
    return holiday_region(profile.holiday_country, profile.tz)


def latest_minute(profile: NudgeSettings) -> int:
    """A missed digest may still go out until 18:00 local (or an hour after a late nudge time)."""
    return min(24 * 60, max(LATEST_DIGEST_MINUTE, nudge_minute_of(profile) + 60))


def nudge_instant(day: dt.date, minute: int, tz: str) -> dt.datetime:
    """Naive UTC of `minute` past local midnight on `day` in `tz` (zoneinfo resolves DST)."""
    local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=zone(tz))
    return naive_utc(local)


def next_nudge_at(profile: NudgeSettings, now: dt.datetime, *, after: dt.date | None = None) -> dt.datetime:
    """The next instant this user's digest is due: the nudge time on the first nudge day, not paused,
    from today (while today's window is still open: the dispatcher's digest row deduplicates) or from
    the day after `after` (a day already settled), skipping public holidays. NEVER when the user gets
    no nudges."""
    days = nudge_days_of(profile)
    if profile.paused_reason or not days:
        return NEVER
    local = now.astimezone(zone(profile.tz))
    today = local.date()
    first = today if after is None else max(today, after + dt.timedelta(days=1))
    if first == today and local.hour * 60 + local.minute >= latest_minute(profile):
        first = today + dt.timedelta(days=1)
    if profile.pause_until is not None and profile.pause_until >= first:
        first = profile.pause_until + dt.timedelta(days=1)
    region = holiday_region_of(profile)
    for offset in range(_SEARCH_DAYS):
        day = first + dt.timedelta(days=offset)
        if day.weekday() in days and holiday_name(region, day) is None:
            return nudge_instant(day, nudge_minute_of(profile), profile.tz)
    return NEVER  # unreachable: `days` is a non-empty subset of the week and holidays never fill a year


def schedule_next_digest(
    profile: Schedulable, now: dt.datetime, *, after: dt.date | None = None
) -> dt.datetime:
    """Set `profile.next_digest_at`. Call after creating a profile or changing its tz, nudge time,
    nudge days or pause (inside the same transaction); the dispatcher calls it after each day."""
    profile.next_digest_at = next_nudge_at(profile, now, after=after)
    return profile.next_digest_at


def first_digest_at(profile: NudgeSettings, now: dt.datetime) -> dt.datetime:
    """The earliest instant for the first digest of a user whose first contacts are saved at `now`:
    never today once today's nudge time has passed (the next nudge day instead), so it does not
    depend on whether a dispatcher pass ran between their profile and their first contact (a pass
    that found no contacts settles today the same way)."""
    today = now.astimezone(zone(profile.tz)).date()
    if naive_utc(now) > nudge_instant(today, nudge_minute_of(profile), profile.tz):
        return next_nudge_at(profile, now, after=today)
    return next_nudge_at(profile, now)


def digest_day(profile: NudgeSettings, now: dt.datetime) -> dt.date | None:
    """The local date whose digest may be sent right now, or None (paused, not a nudge day, a public
    holiday, too early, or past the day's latest time: `no_digest_because` says which)."""
    return None if no_digest_because(profile, now) else now.astimezone(zone(profile.tz)).date()


def no_digest_because(profile: NudgeSettings, now: dt.datetime) -> str:
    """Why no digest may go out right now, in words for the user ("today is Christmas Day, a public
    holiday"), or "" when one may: the one set of rules `digest_day` applies."""
    if profile.paused_reason:
        return "your nudges are paused"
    local = now.astimezone(zone(profile.tz))
    today, minute = local.date(), local.hour * 60 + local.minute
    if today.weekday() not in nudge_days_of(profile):
        return f"{today:%A} is not one of your nudge days"
    holiday = holiday_name(holiday_region_of(profile), today)
    if holiday:
        return f"today is {holiday}, a public holiday where you are"
    if profile.pause_until is not None and profile.pause_until >= today:
        return f"you paused nudges until {profile.pause_until:%a} {profile.pause_until.day} {profile.pause_until:%b}"
    start = nudge_minute_of(profile)
    if minute < start:
        return f"your digest time is {start // 60:02d}:{start % 60:02d}"
    if minute >= latest_minute(profile):
        return f"today's digest window closed at {latest_minute(profile) // 60:02d}:{latest_minute(profile) % 60:02d}"
    return ""


def retry_instant(
    profile: NudgeSettings, day: dt.date, attempts: int | None, now: dt.datetime
) -> dt.datetime | None:
    """When to try `day`'s digest again after a transient error (5xx, timeout, network): 1, 2, 4 …
    minutes after `now` by attempt, at most 30; None when that is past the day's window (give up)."""
    delay = min(BACKOFF_CAP, BACKOFF_START * 2 ** max(0, (attempts or 1) - 1))
    retry_at = now + delay
    local_retry = retry_at.astimezone(zone(profile.tz))
    if local_retry.date() != day or local_retry.hour * 60 + local_retry.minute >= latest_minute(profile):
        return None
    return retry_at
