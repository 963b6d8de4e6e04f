"""Rounds 163–164's classes (SPEC §14 and §12's dates), in wordings of our own: a weekday's short form
in Spanish, Portuguese or French before a day and month ("mar 15 dic") is that day, never March; a
"don't call before" in Spanish; a whole date after "till end of month" stays in its own month; a range
("13-15 Dec", "12/13-15" typed month first) ends on its last day and "call after" waits past it;
"in a mtg, said call next week" is no meeting; "Ing. Alex Soto" greets "Ing. Soto", and a line that
is only a name and pronouns is no topic. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up, said_days
from bot.domain.cue_words import in_english
from bot.domain.dates import spelled_dates
from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case_timing import _wait
from bot.domain.talking_points.noted_meeting import noted_meeting
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 8)


def test_a_spanish_weekday_before_a_date_is_never_march():
    said = in_english("le prometí cotiz antes del mar 22 dic")
    assert said == "promised to quote before Tue 22 Dec", said
    assert [d.day for d in said_days(said, TODAY)] == [dt.date(2026, 12, 22)]
    assert in_english("ter 15/12 sem falta").startswith("Tue 15/12")
    assert [d.day for d in said_days(in_english("launch mar 15"), TODAY)] == [dt.date(2027, 3, 15)]  # English


def test_dont_call_before_in_spanish_reads_whole():
    assert in_english("NO llamar antes del 7 ene") == "don't call before 7 Jan"


def test_a_whole_date_after_a_span_stays_in_its_month():
    found = _wait("on leave till end of month, don't ring before 2026-12-28", dt.date(2026, 12, 2), set())
    assert found is not None and found[0] == dt.date(2026, 12, 28), found


def test_a_range_ends_on_its_last_day():
    assert notes_follow_up("trade fair in Eilat 14-16 Dec, call after", TODAY)[0] == dt.date(2026, 12, 17)
    assert spelled_dates("fair 12/14-16, call after", TODAY, True) == "fair 14-16 Dec, call after"
    assert notes_follow_up("need 3-4 people", TODAY) is None


def test_busy_in_a_meeting_is_no_meeting_with_you():
    for said in ("in a mtg, said call next week", "stuck in a meeting, try Thu 10 Dec"):
        assert noted_meeting((said, TODAY)) is None, said
    assert noted_meeting(("mtg Thu 10 Dec 9am at their plant", TODAY)) == dt.date(2026, 12, 10)


def test_a_title_with_the_full_name_greets_title_and_surname():
    assert address_in("Ing. Marta Ruiz-Vela (she/her), plant eng.", "Marta Ruiz-Vela") == "Ing. Ruiz-Vela"
    contact = ContactFacts(
        1,
        "Marta Ruiz-Vela",
        "Vela Pharma",
        met_on=dt.date(2026, 11, 20),
        notes="Ing. Marta Ruiz-Vela (they/them)",
    )
    points = coach(contact, TODAY)
    assert "they/them" not in points.reason.text, points.reason.text


def test_until_the_bare_day_then_call_after():
    assert notes_follow_up("month-end close till the 15, ring after", TODAY)[0] == dt.date(2026, 12, 16)
    assert notes_follow_up("en clôture mensuelle jusqu'au 15, rappeler après", TODAY)[0] == dt.date(
        2026, 12, 16
    )
    assert notes_follow_up("the 15 pallets arrive", TODAY) is None


def test_a_christmas_leave_named_by_its_day_is_that_day():
    from bot.domain.talking_points.case import read_case

    case = read_case(
        None, None, "I'll get him the price list before he goes on xmas leave thu 17 Dec", TODAY, TODAY
    )
    assert case.deliver is not None and case.deliver.by == dt.date(2026, 12, 17), case.deliver
