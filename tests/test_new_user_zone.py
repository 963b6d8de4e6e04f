"""A new user's first digest comes at 09:00 in their Slack time zone, even when Slack names the zone
only after the profile exists (and after the dispatcher has already seen the profile)."""

from __future__ import annotations

import datetime as dt

from bot.delivery.dispatcher import dispatch
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.models import UserProfile
from storage.profiles import get_profile
from tests.world import TEAM, settle, slash_command

ADDIS = "Africa/Addis_Ababa"  # UTC+3 all year
TUESDAY_8_AM_IN_ADDIS = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)
NINE_IN_ADDIS = dt.datetime(2026, 11, 24, 6, 0)  # naive UTC, as stored


def newcomer(world, user_id: str = "U1") -> str:
    """A member in Addis Ababa with one contact due, and no profile yet."""
    world.clock.set(TUESDAY_8_AM_IN_ADDIS)
    world.user(user_id, tz=ADDIS)
    with world.db.transaction() as s:
        add_contact(s, TEAM, user_id, name="Jane Doe", stage="active", next_due=dt.date(2026, 11, 20))
    return user_id


def profile_of(world, user_id: str) -> UserProfile:
    with world.db.transaction() as s:
        return get_profile(s, TEAM, user_id)


def digests_to(world, user_id: str) -> list[dict]:
    return [m for m in world.double.dm_messages(user_id) if (m.get("metadata") or {}).get("event_type")]


def test_the_first_digest_is_at_nine_in_the_zone_slack_names(world):
    user = newcomer(world)
    slash_command(world, user, "/prep", "", after_ack=True)
    settle(world)
    profile = profile_of(world, user)
    assert profile.tz == ADDIS
    assert profile.next_digest_at == NINE_IN_ADDIS


def test_a_zone_slack_names_late_moves_a_digest_scheduled_before_it(world):
    user = newcomer(world)
    world.double.fail("users.info", "internal_error")  # Slack can't say yet: the default zone for now
    slash_command(world, user, "/prep", "", after_ack=True)
    settle(world)
    dispatch(world.services, render_digest)  # the dispatcher schedules profiles it finds unscheduled
    assert profile_of(world, user).tz_fetched_at is None

    world.double.clear_faults()
    slash_command(world, user, "/prep", "", after_ack=True)  # users.info answers this time
    settle(world)
    profile = profile_of(world, user)
    assert profile.tz == ADDIS and profile.next_digest_at == NINE_IN_ADDIS

    world.clock.set(NINE_IN_ADDIS.replace(tzinfo=dt.UTC))
    dispatch(world.services, render_digest)
    assert len(digests_to(world, user)) == 1  # at their nine, not at noon
