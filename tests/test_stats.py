"""App Home stats: hand-computed numbers from known outcomes, with week and month boundaries taken in
the user's time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.clock import ManualClock
from bot.domain.stats import R4_NOTE, outcome_bars, stats_from
from bot.domain.vocabulary import Outcome
from bot.services.context import Services
from bot.services.home import home_for
from storage.contacts import add_contact
from storage.interactions import add_interaction
from storage.profiles import get_or_create_profile
from tests.world import settings_for

D = dt.date
TODAY = D(2026, 11, 25)  # a Wednesday: the week started Mon 23 Nov; the 30 days start Tue 27 Oct

LOGS = [
    (D(2026, 11, 26), "reached"),  # after today: ignored
    (D(2026, 11, 25), "reached"),
    (D(2026, 11, 24), "voicemail"),
    (D(2026, 11, 23), "no-answer"),  # Monday: first day of the week
    (D(2026, 11, 22), "reached"),  # Sunday: last week, this month
    (D(2026, 11, 20), "snooze"),  # not a call
    (D(2026, 11, 2), "meeting"),
    (D(2026, 10, 31), "voicemail"),  # last month, within 30 days
    (D(2026, 10, 27), "no"),  # the 30th day back
    (D(2026, 10, 26), "reached"),  # 31 days back: outside everything
]


def test_stats_match_hand_computed_values():
    stats = stats_from(LOGS, TODAY, streak=3)
    assert stats.this_week == 3  # 23, 24, 25 Nov
    assert stats.this_month == 5  # 2, 22, 23, 24, 25 Nov
    assert stats.attempts == 7  # 27 Oct … 25 Nov
    assert stats.reached == 4  # reached ×2, meeting, no (they answered)
    assert stats.reach_rate == pytest.approx(4 / 7)
    assert stats.mix == (
        (Outcome.REACHED, 2),
        (Outcome.VOICEMAIL, 2),
        (Outcome.NO_ANSWER, 1),
        (Outcome.MEETING, 1),
        (Outcome.NO, 1),
    )
    assert stats.streak == 3
    assert stats.discouraged  # 4 of the 7 latest attempts ended without a welcome


def test_outcome_bars_scale_to_the_largest_count():
    chart = outcome_bars(((Outcome.REACHED, 4), (Outcome.VOICEMAIL, 2), (Outcome.NO, 1)), width=8)
    assert chart.splitlines() == [
        "reached   ████████ 4",
        "voicemail ████ 2",
        "no        ██ 1",
    ]
    assert outcome_bars(()) == ""


@pytest.mark.parametrize(
    "logs, discouraged",
    [
        pytest.param([(TODAY, "voicemail")] * 4, False, id="too-few-to-say"),
        pytest.param([(TODAY, "voicemail")] * 3 + [(TODAY, "reached")] * 3, False, id="half-is-not-most"),
        pytest.param(
            [(TODAY, "no-answer")] * 3 + [(TODAY, "no")] + [(TODAY, "reached")] * 2, True, id="most"
        ),
        pytest.param(
            [(TODAY, "reached")] * 6 + [(TODAY - dt.timedelta(days=1), "voicemail")] * 20,
            False,
            id="only-the-latest-ten-count",
        ),
    ],
)
def test_r4_note_when_most_recent_attempts_end_badly(logs, discouraged):
    assert stats_from(logs, TODAY).discouraged is discouraged


def test_no_calls_means_no_rate():
    stats = stats_from([], TODAY)
    assert (stats.this_week, stats.this_month, stats.attempts, stats.reach_rate) == (0, 0, 0, None)
    assert "verdict" in R4_NOTE  # our own words, shown only when discouraged


# Logged on these local dates: Mon 30 Nov, Sun 29 Nov, Fri 27 Nov, Tue 3 Nov.
STORED = [
    (D(2026, 11, 30), "reached"),
    (D(2026, 11, 29), "voicemail"),
    (D(2026, 11, 27), "emailed"),
    (D(2026, 11, 3), "no-answer"),
]


@pytest.mark.parametrize(
    "now, tz, week, month",
    [
        # 03:00 UTC Mon 30 Nov: still Sunday evening in New York (week 23–29 Nov), Monday in Tokyo
        pytest.param(dt.datetime(2026, 11, 30, 3, tzinfo=dt.UTC), "America/New_York", 2, 3, id="ny-sunday"),
        pytest.param(dt.datetime(2026, 11, 30, 3, tzinfo=dt.UTC), "Asia/Tokyo", 1, 4, id="tokyo-monday"),
        # 03:00 UTC Tue 1 Dec: still November in New York, already December in Tokyo
        pytest.param(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), "America/New_York", 1, 4, id="ny-november"),
        pytest.param(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), "Asia/Tokyo", 1, 0, id="tokyo-december"),
    ],
)
def test_week_and_month_follow_the_users_time_zone(db, now, tz, week, month):
    services = Services(
        settings=settings_for(db.url, "http://127.0.0.1:9/api/"), db=db, clock=ManualClock(now)
    )
    with db.transaction() as s:
        profile, _ = get_or_create_profile(s, "T1", "U1", tz=tz)
        contact = add_contact(s, "T1", "U1", name="Jane Doe", stage="active")
        other = add_contact(s, "T1", "U2", name="Someone Else")  # another user's calls never count
        for on, outcome in STORED:
            for c in (contact, other):
                add_interaction(s, c.team_id, c.user_id, contact_id=c.id, on=on, outcome=outcome)
    stats = home_for(services, profile).stats
    assert (stats.this_week, stats.this_month) == (week, month)
    assert stats.attempts == len([on for on, _ in STORED if on <= stats.today])


def test_unanswered_tries_count_once_per_contact_per_day():
    logs = [(TODAY, "voicemail", 7)] * 5 + [(TODAY, "no-answer", 8), (TODAY, "reached", 7)]
    stats = stats_from(logs, TODAY)
    assert stats.this_week == 3  # one try on contact 7, one on 8, and the reached call
    assert dict(stats.mix)[Outcome.VOICEMAIL] == 1
