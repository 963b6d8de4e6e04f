"""A new user's nudge days follow their country's working week (SPEC §8's Mon–Fri is the default where
the weekend is Saturday and Sunday): Doha and Amman work Sunday to Thursday, so the digest comes on a
Sunday and never on a Friday; days chosen in Settings are never replaced. Through the real service,
on the Slack Web API double's users.info."""

from __future__ import annotations

import datetime as dt

from bot.domain.vocabulary import nudge_days_from_text
from bot.domain.work_calendar import WorkingDays, country_workdays
from bot.services.profiles import ensure_profile, working_days_of
from storage.profiles import get_or_create_profile


def test_a_new_user_in_doha_gets_the_sunday_to_thursday_week(world):
    world.user("UDOHA", tz="Asia/Qatar")
    profile = ensure_profile(world.services, world.team_id, "UDOHA")
    assert nudge_days_from_text(profile.nudge_days) == {6, 0, 1, 2, 3}
    days = working_days_of(profile)
    assert days.is_working(dt.date(2026, 12, 20))  # a Sunday
    assert not days.is_working(dt.date(2026, 12, 25))  # a Friday


def test_a_new_user_in_lisbon_keeps_monday_to_friday(world):
    world.user("ULIS", tz="Europe/Lisbon")
    profile = ensure_profile(world.services, world.team_id, "ULIS")
    assert nudge_days_from_text(profile.nudge_days) == {0, 1, 2, 3, 4}


def test_days_chosen_before_slack_named_the_zone_are_kept(world):
    with world.services.db.transaction() as session:
        profile, _ = get_or_create_profile(session, world.team_id, "UAMM")
        profile.nudge_days = "1,3"  # chosen in Settings before users.info answered
    world.user("UAMM", tz="Asia/Amman")
    profile = ensure_profile(world.services, world.team_id, "UAMM")
    assert nudge_days_from_text(profile.nudge_days) == {1, 3}


def test_the_working_week_comes_from_the_countrys_weekend():
    assert country_workdays("Africa/Cairo") == {6, 0, 1, 2, 3}
    assert country_workdays("Europe/Berlin") is None  # Mon–Fri: the default stands
    assert country_workdays("Etc/UTC") is None  # no country
    assert WorkingDays(country_workdays("Asia/Amman") or frozenset()).is_working(dt.date(2026, 12, 6))
