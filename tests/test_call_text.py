"""What /called and the Log call form read after the outcome (bot.domain.call_text)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.call_text import Refused, When, notes_follow_up, read_when, when_from
from bot.domain.vocabulary import Outcome

TUE = dt.date(2026, 12, 1)  # a Tuesday in Q4
MET = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("notes", "day", "words"),
    [
        pytest.param("try again in Q1", dt.date(2027, 1, 4), "in Q1", id="q1-first-workday-of-january"),
        pytest.param("wants the case study, budget in Q1", dt.date(2027, 1, 4), "in Q1", id="budget-in-q1"),
        pytest.param("decision in January", dt.date(2027, 1, 4), "in January", id="decision-in-january"),
        pytest.param(
            "wants to read something before her 14 Dec session",
            dt.date(2026, 12, 11),  # two days before Mon 14 Dec is a Saturday: the Friday before
            "before her 14 Dec",
            id="before-her-session",
        ),
        pytest.param("call me in two weeks", dt.date(2026, 12, 15), "in two weeks", id="in-two-weeks"),
        pytest.param("in 3 weeks", dt.date(2026, 12, 22), "in 3 weeks", id="in-3-weeks"),
        pytest.param("next month works", dt.date(2027, 1, 4), "next month", id="next-month"),
        pytest.param("call back on friday", dt.date(2026, 12, 4), "on friday", id="call-back-on-friday"),
        pytest.param(
            "after the holidays", dt.date(2027, 1, 5), "after the holidays", id="after-the-holidays"
        ),
        pytest.param("busy until mid January", dt.date(2027, 1, 15), "until mid January", id="mid-month"),
        pytest.param("decision by Dec 10", dt.date(2026, 12, 8), "by Dec 10", id="by-month-day"),
        pytest.param("in Q1, or maybe next week", dt.date(2026, 12, 7), "next week", id="earliest-wins"),
    ],
)
def test_notes_that_say_when(notes, day, words):
    assert notes_follow_up(notes, TUE) == (day, words)


@pytest.mark.parametrize(
    "notes",
    [
        "spoke on friday, nice chat",
        "met June from finance",
        "talked last week about the 2 options",
        "before the conference",
        "Q4 plans are set",  # we are in Q4: no new day
        "decision in December",  # we are in December
        "see you yesterday",
        "",
    ],
)
def test_notes_that_do_not_say_when(notes):
    assert notes_follow_up(notes, TUE) is None


def test_read_when_carries_the_follow_up_from_the_notes():
    when = read_when(": wants the case study, budget in Q1", Outcome.REACHED, TUE)
    assert isinstance(when, When)
    assert (when.on, when.follow_up_on, when.follow_up_words) == (TUE, dt.date(2027, 1, 4), "in Q1")
    plain = read_when(": nice chat", Outcome.REACHED, TUE)
    assert isinstance(plain, When) and plain.follow_up_on is None and plain.follow_up_words is None


def test_a_call_before_the_met_day_is_refused():
    refused = read_when("2026-11-20", Outcome.REACHED, TUE, met_on=MET)
    assert isinstance(refused, Refused)
    assert refused.field == "date" and "before the day you met" in refused.message
    assert isinstance(when_from(Outcome.REACHED, dt.date(2026, 11, 29), None, TUE, met_on=MET), Refused)
    ok = read_when("yesterday", Outcome.REACHED, TUE, met_on=MET)
    assert isinstance(ok, When) and ok.on == MET


def test_a_call_in_the_future_is_refused():
    refused = read_when("2026-12-03", Outcome.VOICEMAIL, TUE)
    assert isinstance(refused, Refused) and "in the future" in refused.message


def test_a_meeting_far_ahead_shows_its_year():
    when = read_when("2027-12-31", Outcome.MEETING, TUE)
    assert isinstance(when, When) and when.meeting_on == dt.date(2027, 12, 31)
    refused = read_when("2029-01-05", Outcome.MEETING, TUE)
    assert isinstance(refused, Refused) and "2029" in refused.message


def test_a_meeting_takes_the_looser_words():
    when = read_when("next week", Outcome.MEETING, TUE)
    assert isinstance(when, When) and when.meeting_on == dt.date(2026, 12, 7)


def test_numeric_call_dates_say_how_to_write_them():
    refused = read_when("11/10", Outcome.REACHED, TUE)  # 11 October or 10 November? never guessed
    assert isinstance(refused, Refused) and "couldn't read `11/10`" in refused.message
    read = read_when("11/20", Outcome.REACHED, TUE)  # one reading only: 20 November
    assert isinstance(read, When) and read.on == dt.date(2026, 11, 20)
