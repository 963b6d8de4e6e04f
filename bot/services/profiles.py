"""User profiles: created on first contact, with the time zone from Slack (users.info `tz`)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import overload

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.clock import local_today, naive_utc
from bot.domain.digest_schedule import NEVER, holiday_region_of, schedule_next_digest
from bot.domain.quickadd import MAX_NAME
from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, nudge_days_from_text, nudge_days_to_text
from bot.domain.work_calendar import WorkingDays, country_workdays
from bot.metrics import CountRateLimits
from bot.services.context import Services
from storage.models import UserProfile
from storage.profiles import get_or_create_profile, get_profile, unsaved_profile

log = logging.getLogger(__name__)

DEACTIVATED = "Slack says this account is deactivated, so Warmcall sends it no DMs"


def fetch_slack_user(
    services: Services, user_id: str, *, timeout: float = 2.0, team_id: str | None = None
) -> dict | None:
    """users.info within a short budget, with the bot token of `team_id` (the tenant whose member
    this is); None when Slack is slow or says no (we then keep defaults), or when the tenant has no
    installation (OAuth mode without `team_id` never guesses one)."""
    client = services.client
    token = services.tokens.token_for(team_id) if team_id is not None else services.settings.bot_token
    token = token if services.tokens.per_workspace else (token or client.token)
    if not token:
        return None
    # A client of its own: slack_sdk sends extra keyword arguments as API parameters, not as a timeout.
    quick = WebClient(
        token=token, base_url=client.base_url, timeout=max(1, round(timeout)), logger=client.logger
    )
    quick.retry_handlers.insert(0, CountRateLimits())
    try:
        response = quick.users_info(user=user_id)
        return response.get("user")
    except SlackApiError as exc:
        log.info("users.info for %s failed: %s", user_id, exc.response.get("error"))
    except Exception as exc:  # timeouts and connection errors
        log.info("users.info for %s failed: %s", user_id, type(exc).__name__)
    return None


@dataclass(frozen=True)
class SlackMember:
    """A member as users.info describes them: their real name, and whether their account is
    deactivated (`deleted: true`; Slack still answers, but nobody should be told to call them there)."""

    name: str | None
    deactivated: bool


def look_up_member(
    services: Services, member_id: str, *, timeout: float, team_id: str | None = None
) -> SlackMember | None:
    """users.info for a mentioned member of `team_id`; None when Slack did not answer."""
    member = fetch_slack_user(services, member_id, timeout=timeout, team_id=team_id)
    if member is None:
        return None
    profile = member.get("profile") or {}
    name = (profile.get("real_name") or member.get("real_name") or "").strip()
    return SlackMember(name[:MAX_NAME] or None, bool(member.get("deleted")))


def known_profile(services: Services, team_id: str, user_id: str) -> UserProfile | None:
    """The user's profile if we have learnt their time zone from Slack; None otherwise (no Slack call)."""
    with services.db.reading() as session:  # no write lock needed
        known = get_profile(session, team_id, user_id)
    return known if known is not None and known.tz_fetched_at is not None else None


def ensure_profile(services: Services, team_id: str, user_id: str) -> UserProfile:
    """The user's profile; the first time we see a user we ask Slack for their time zone and name."""
    known = known_profile(services, team_id, user_id)  # the common case
    if known is not None:
        return known
    with services.db.transaction() as session:
        profile, created = get_or_create_profile(session, team_id, user_id)
        if not created and profile.tz_fetched_at is not None:
            return profile
    user = fetch_slack_user(services, user_id, team_id=team_id)
    if user is None:
        return profile
    return apply_slack_user(services, team_id, user)


def profile_to_show(services: Services, team_id: str, user_id: str) -> UserProfile:
    """The profile a screen (App Home) is drawn from. Showing stores nothing of a user who has no
    profile: they get an unsaved one in the zone Slack names. So a Home refresh that runs after
    "Delete all my data" (or races it) brings back no row and no name of theirs."""
    known = known_profile(services, team_id, user_id)
    if known is not None:
        return known
    user = fetch_slack_user(services, user_id, team_id=team_id)
    if user is not None:
        stored = apply_slack_user(services, team_id, user, create=False)
        if stored is not None:
            return stored
    with services.db.reading() as session:
        stored = get_profile(session, team_id, user_id)
    if stored is not None:
        return stored
    tz = (user or {}).get("tz")
    return unsaved_profile(team_id, user_id, **({"tz": tz} if tz else {}))


@overload
def apply_slack_user(services: Services, team_id: str, user: dict) -> UserProfile: ...
@overload
def apply_slack_user(services: Services, team_id: str, user: dict, *, create: bool) -> UserProfile | None: ...


def apply_slack_user(
    services: Services, team_id: str, user: dict, *, create: bool = True
) -> UserProfile | None:
    """Store tz and name from a users.info / users.list / user_change user object (`create=False`:
    only for a user who has a profile; None when they have none).

    The digest is rescheduled when the zone is stored for the first time or changes: until Slack
    answered, the profile had the default zone, and the dispatcher (or Home) may already have
    scheduled its first digest for 09:00 there (SPEC §8: the nudge time is in the user's zone).
    """
    now = services.clock.now()
    with services.db.transaction() as session:
        if create:
            profile, _ = get_or_create_profile(session, team_id, user["id"])
        elif (found := get_profile(session, team_id, user["id"])) is not None:
            profile = found
        else:
            return None
        tz = user.get("tz")
        zone_learned = bool(tz) and (profile.tz_fetched_at is None or tz != profile.tz)
        # a first zone, days never chosen: the nudge days are that country's working week (Sun–Thu in
        # Doha or Amman), never a Friday or a Saturday there; Settings change them as ever
        first_zone = (
            tz
            and profile.tz_fetched_at is None
            and profile.nudge_days in (None, nudge_days_to_text(DEFAULT_NUDGE_DAYS))
        )
        if first_zone and (workdays := country_workdays(tz)):
            profile.nudge_days = nudge_days_to_text(workdays)
        if tz:
            profile.tz = tz
        name = (user.get("profile") or {}).get("real_name") or user.get("real_name") or user.get("name")
        if name:
            profile.display_name = name[:200]
        profile.tz_fetched_at = naive_utc(now)
        if user.get("deleted"):
            # A deactivated (or deleted) account: no more DMs until Slack says it is back.
            if profile.paused_reason != DEACTIVATED:
                profile.paused_reason, profile.next_digest_at = DEACTIVATED, NEVER
                log.info("paused nudges for %s/%s: account deactivated in Slack", team_id, user["id"])
            return profile
        if profile.paused_reason == DEACTIVATED:
            profile.paused_reason = None
            schedule_next_digest(profile, now)
        elif zone_learned:
            schedule_next_digest(profile, now)
        return profile


def today_for(services: Services, profile: UserProfile) -> dt.date:
    return local_today(services.clock, profile.tz)


def nudge_days_of(profile: UserProfile) -> frozenset[int]:
    return nudge_days_from_text(profile.nudge_days)


def working_days_of(profile: UserProfile) -> WorkingDays:
    """The days the user's nudges may land on: their nudge days that are no public holiday of the
    region they chose, else of their Slack time zone's country (SPEC §14 "Calendar")."""
    return WorkingDays(nudge_days_of(profile), holiday_region_of(profile))


def apply_user_change(services: Services, team_id: str, user: dict) -> UserProfile | None:
    """A `user_change` event: refresh a known user's tz and name (a moved zone moves their digest,
    see apply_slack_user). Unknown users are ignored (no profile per member)."""
    if not user.get("id") or not team_id:
        return None
    return apply_slack_user(services, team_id, user, create=False)
