"""Public holidays (SPEC §14 "Calendar"): which days are holidays where, the country of a Slack time zone,
the next working day, and the cadence rules that skip holidays and say so."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.cadence import (
    ContactState,
    add_business_days,
    first_follow_up,
    next_follow_up,
    revive,
    snooze,
)
from bot.domain.digest_schedule import digest_day, next_nudge_at, no_digest_because
from bot.domain.stats import streak_from_days
from bot.domain.vocabulary import Outcome, Stage
from bot.domain.work_calendar import (
    NO_HOLIDAYS,
    WorkingDays,
    country_of_zone,
    find_regions,
    holiday_name,
    holiday_region,
    next_try_within_week,
    parse_region,
    region_name,
)

WEEKDAYS = frozenset(range(5))
DE, GB, US = (WorkingDays(WEEKDAYS, country) for country in ("DE", "GB", "US"))
ACTIVE = ContactState(Stage.ACTIVE)


@pytest.mark.parametrize(
    ("region", "day", "name"),
    [
        pytest.param("DE", dt.date(2026, 12, 25), "Christmas Day", id="de-christmas"),
        pytest.param("DE", dt.date(2026, 12, 26), "Second Day of Christmas", id="de-boxing-day"),
        pytest.param("GB", dt.date(2026, 12, 25), "Christmas Day", id="gb-christmas"),
        # 26 Dec 2026 is a Saturday: the bank holiday moves to Monday 28 Dec
        pytest.param("GB", dt.date(2026, 12, 28), "Boxing Day (observed)", id="gb-substitute-bank-holiday"),
        pytest.param("GB", dt.date(2027, 1, 1), "New Year's Day", id="gb-new-year"),
        pytest.param("DE", dt.date(2027, 1, 1), "New Year's Day", id="de-new-year"),
        pytest.param("US", dt.date(2026, 11, 26), "Thanksgiving Day", id="us-thanksgiving"),
        pytest.param("GB-SCT", dt.date(2027, 1, 4), "New Year Holiday (observed)", id="scotland-2-jan-moved"),
        pytest.param("DE-BY", dt.date(2026, 1, 6), "Epiphany", id="bavaria-epiphany"),
        pytest.param("DE", dt.date(2026, 1, 6), None, id="not-in-all-of-germany"),
        pytest.param("DE", dt.date(2026, 12, 24), None, id="christmas-eve-is-a-working-day-in-de"),
        pytest.param(None, dt.date(2026, 12, 25), None, id="no-region"),
        pytest.param(NO_HOLIDAYS, dt.date(2026, 12, 25), None, id="chose-none"),
        pytest.param("XX", dt.date(2026, 12, 25), None, id="unknown-region"),
    ],
)
def test_holiday_name(region, day, name):
    assert holiday_name(region, day) == name


@pytest.mark.parametrize(
    ("tz", "country"),
    [
        ("Europe/Berlin", "DE"),
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("America/Los_Angeles", "US"),
        ("Europe/Paris", "FR"),
        ("Asia/Tokyo", "JP"),
        ("UTC", None),
        ("Etc/GMT+1", None),
        ("Not/AZone", None),
        (None, None),
    ],
)
def test_the_country_of_a_time_zone(tz, country):
    assert country_of_zone(tz) == country
    assert holiday_region(None, tz) == country  # nothing chosen: the zone decides


def test_a_chosen_region_wins_over_the_time_zone():
    assert holiday_region("GB-SCT", "Europe/Berlin") == "GB-SCT"
    assert holiday_region(NO_HOLIDAYS, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("de", "DE"), ("Germany", "DE"), ("gb-sct", "GB-SCT"), ("Scotland", "GB-SCT"), ("none", NO_HOLIDAYS)],
)
def test_parse_region(typed, code):
    assert parse_region(typed) == code


def test_regions_are_found_by_either_name_and_shown_with_their_code():
    assert parse_region("Atlantis") is None
    assert [r.code for r in find_regions("united kingdom")][0] == "GB"  # the tz database says "Britain (UK)"
    assert find_regions("de")[0].code == "DE"  # the exact code first
    assert region_name("GB-SCT") == "Britain (UK): Scotland (GB-SCT)"
    assert region_name(None) == "no public holidays"


def test_the_next_working_day_skips_weekends_and_holidays():
    assert DE.next_working(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)
    assert GB.next_working(dt.date(2026, 12, 25)) == dt.date(2026, 12, 29)  # 28 Dec is a bank holiday too
    assert GB.next_working(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)
    assert WorkingDays(WEEKDAYS).next_working(dt.date(2026, 12, 25)) == dt.date(2026, 12, 25)
    assert WorkingDays(frozenset({4}), "DE").next_working(dt.date(2026, 12, 25)) == dt.date(2027, 1, 8)
    assert DE.last_working(dt.date(2026, 12, 26)) == dt.date(2026, 12, 24)


@pytest.mark.parametrize(
    ("today", "next_try", "within"),
    [
        pytest.param(dt.date(2026, 12, 21), dt.date(2026, 12, 24), True, id="mon-to-thu"),
        pytest.param(
            dt.date(2026, 12, 22), dt.date(2026, 12, 28), False, id="christmas-pushes-it-to-next-week"
        ),
        pytest.param(dt.date(2026, 12, 23), dt.date(2026, 12, 27), True, id="sunday-is-this-week"),
        pytest.param(dt.date(2026, 12, 23), dt.date(2026, 12, 22), False, id="in-the-past"),
        pytest.param(dt.date(2026, 12, 23), None, False, id="no-next-try"),
    ],
)
def test_next_try_within_week(today, next_try, within):
    assert next_try_within_week(today, next_try) is within


# --- cadence ---------------------------------------------------------------------------------------


def test_a_voicemail_before_christmas_is_tried_again_after_it_and_says_why():
    follow_up = next_follow_up(ACTIVE, Outcome.VOICEMAIL, dt.date(2026, 12, 22), DE)
    assert follow_up.next_due == dt.date(2026, 12, 28)
    assert follow_up.reason == (
        "3 business days after a voicemail, moved to Mon 28 Dec: Fri 25 Dec is Christmas Day"
    )
    assert not next_try_within_week(dt.date(2026, 12, 22), follow_up.next_due)
    # without holidays it was Friday, this week
    assert next_follow_up(ACTIVE, Outcome.VOICEMAIL, dt.date(2026, 12, 22), WEEKDAYS).next_due == dt.date(
        2026, 12, 25
    )


def test_every_skipped_holiday_is_named():
    follow_up = next_follow_up(ACTIVE, Outcome.VOICEMAIL, dt.date(2026, 12, 23), GB)
    assert follow_up.next_due == dt.date(2026, 12, 30)
    assert follow_up.reason.endswith(
        "moved to Wed 30 Dec: Fri 25 Dec is Christmas Day, Mon 28 Dec is Boxing Day (observed)"
    )


@pytest.mark.parametrize(
    ("rule", "due", "note"),
    [
        pytest.param(
            lambda: next_follow_up(ACTIVE, Outcome.REACHED, dt.date(2026, 11, 25), DE),
            dt.date(2026, 12, 28),
            "moved to Mon 28 Dec: Fri 25 Dec is Christmas Day",
            id="reached-30-days-lands-on-christmas",
        ),
        pytest.param(
            lambda: snooze(ACTIVE, dt.date(2026, 12, 19), 7, nudge_days=GB),
            dt.date(2026, 12, 29),
            "moved to Tue 29 Dec: Mon 28 Dec is Boxing Day (observed)",
            id="snooze-onto-a-substitute-bank-holiday",
        ),
        pytest.param(
            lambda: revive(ACTIVE, dt.date(2026, 12, 31), DE),
            dt.date(2027, 1, 4),
            "moved to Mon 4 Jan 2027: Fri 1 Jan 2027 is New Year's Day",
            id="revive-on-new-years-eve",
        ),
        pytest.param(
            lambda: first_follow_up(dt.date(2026, 12, 23), None, DE),
            dt.date(2026, 12, 28),
            "moved to Mon 28 Dec: Fri 25 Dec is Christmas Day",
            id="met-two-days-before-christmas",
        ),
        pytest.param(
            lambda: first_follow_up(dt.date(2026, 12, 21), dt.date(2026, 12, 26), DE),
            dt.date(2026, 12, 23),
            "",
            id="usual-day-is-before-the-promise",
        ),
        pytest.param(
            lambda: first_follow_up(dt.date(2026, 12, 24), dt.date(2026, 12, 28), GB),
            dt.date(2026, 12, 24),
            "moved to Thu 24 Dec: Fri 25 Dec is Christmas Day, Mon 28 Dec is Boxing Day (observed)",
            id="promise-reminder-comes-before-the-holidays",
        ),
        pytest.param(
            lambda: next_follow_up(
                ACTIVE, Outcome.MEETING, dt.date(2026, 12, 20), US, meeting_on=dt.date(2026, 12, 24)
            ),
            dt.date(2026, 12, 28),
            "moved to Mon 28 Dec: Fri 25 Dec is Christmas Day",
            id="meeting-on-christmas-eve",
        ),
    ],
)
def test_each_rule_skips_holidays(rule, due, note):
    follow_up = rule()
    assert follow_up.next_due == due
    assert follow_up.reason.endswith(note)


def test_business_days_count_no_holiday():
    assert add_business_days(dt.date(2026, 12, 24), 1, GB) == dt.date(2026, 12, 29)
    assert add_business_days(dt.date(2026, 12, 24), 1, WEEKDAYS) == dt.date(2026, 12, 25)  # bare weekdays


# --- the digest's days ------------------------------------------------------------------------------


class Profile:
    """The profile fields the digest schedule reads."""

    def __init__(self, tz: str, holiday_country: str | None = None) -> None:
        self.tz, self.holiday_country = tz, holiday_country
        self.nudge_minute, self.nudge_days = 9 * 60, "0,1,2,3,4"
        self.pause_until = self.paused_reason = None


def test_why_no_digest_is_said_plainly():
    panama = Profile("America/Panama")
    mourning = dt.datetime(2026, 12, 21, 21, 15, tzinfo=dt.UTC)  # Mon 21 Dec, 16:15 in Panama
    assert no_digest_because(panama, mourning).startswith("today is National Mourning Day")
    sunday = dt.datetime(2026, 12, 20, 15, 0, tzinfo=dt.UTC)
    assert no_digest_because(panama, sunday) == "Sunday is not one of your nudge days"
    tuesday = dt.datetime(2026, 12, 22, 11, 0, tzinfo=dt.UTC)  # 06:00 in Panama, before 09:00
    assert no_digest_because(panama, tuesday) == "your digest time is 09:00"
    assert no_digest_because(panama, tuesday + dt.timedelta(hours=4)) == ""  # 10:00: one may go out
    assert digest_day(panama, tuesday + dt.timedelta(hours=4)) == dt.date(2026, 12, 22)
    panama.paused_reason = "token_revoked"
    assert no_digest_because(panama, tuesday + dt.timedelta(hours=4)) == "your nudges are paused"


def test_no_digest_day_on_a_holiday_and_the_next_one_after_it():
    berlin = Profile("Europe/Berlin")
    christmas_nine = dt.datetime(2026, 12, 25, 8, 0, tzinfo=dt.UTC)  # 09:00 in Berlin
    assert digest_day(berlin, christmas_nine) is None
    assert next_nudge_at(berlin, christmas_nine) == dt.datetime(2026, 12, 28, 8, 0)
    assert next_nudge_at(
        berlin, dt.datetime(2026, 12, 24, 12, 0, tzinfo=dt.UTC), after=dt.date(2026, 12, 24)
    ) == (dt.datetime(2026, 12, 28, 8, 0))
    assert digest_day(Profile("Europe/Berlin", NO_HOLIDAYS), christmas_nine) == dt.date(2026, 12, 25)
    assert digest_day(Profile("UTC"), dt.datetime(2026, 12, 25, 9, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 25)
    assert next_nudge_at(Profile("Europe/London"), dt.datetime(2026, 12, 25, 9, 0, tzinfo=dt.UTC)) == (
        dt.datetime(2026, 12, 29, 9, 0)  # 28 Dec is the substitute bank holiday for Boxing Day
    )


def test_a_holiday_without_a_call_does_not_break_the_streak():
    called = {dt.date(2026, 12, d) for d in (21, 22, 23, 24)}  # Mon–Thu before Christmas
    monday = dt.date(2026, 12, 28)
    assert streak_from_days(called, monday, WEEKDAYS, "DE") == 4  # Fri 25 Dec is skipped like a Sunday
    assert streak_from_days(called, monday, WEEKDAYS) == 0  # without holidays, Friday had no call
