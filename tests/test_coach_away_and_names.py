"""Known classes from rounds 58-65 (SPEC §14), in wordings of our own: a stretch they are away is no time
to call, and the week before it they are to be reached before they go; compound first names are said
whole ("Ana Lucía", "Mary Ann"), a first name and a surname never. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.names import first_name
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach

_CALL = dt.date(2026, 12, 9)


@pytest.mark.parametrize(
    "said",
    [
        "great chat, on holiday 22 Dec-5 Jan",
        "out of office from 22 Dec to 5 Jan",
        "away 22 Dec – 5 Jan with family",
    ],
)
def test_while_they_are_away_the_call_waits_for_the_first_weekday_back(said):
    case = read_case("imports olive oil", dt.date(2026, 12, 1), said, _CALL, dt.date(2026, 12, 29))
    assert case.wait_until == dt.date(2027, 1, 6), case


def test_the_week_before_they_go_says_to_reach_them_first():
    case = read_case(
        "imports olive oil", dt.date(2026, 12, 1), "on leave 24 Dec-4 Jan", _CALL, dt.date(2026, 12, 18)
    )
    assert case.wait_until is None
    assert case.heed and "by Wed 23 Dec" in case.heed[0], case.heed


def test_a_stretch_long_past_or_far_ahead_changes_nothing():
    far = read_case(
        "imports olive oil", dt.date(2026, 12, 1), "on leave 1 Feb-10 Feb", _CALL, dt.date(2026, 12, 18)
    )
    assert far.wait_until is None and not far.heed, far


def test_away_in_the_prep_is_not_yet_with_the_day_back():
    contact = ContactFacts(
        5,
        "Kalani Akana",
        "Akana Imports",
        met_on=dt.date(2026, 12, 1),
        notes="imports olive oil",
        last_outcome="reached",
        last_call_on=_CALL,
        last_contact_on=_CALL,
        last_call_notes="keen on samples, on holiday 22 Dec-5 Jan",
    )
    points = coach(contact, dt.date(2026, 12, 29))
    assert points.reason.kind == "not_yet" and "Wed 6 Jan" in points.reason.text, points.reason


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Ana Lucía Pérez", "Ana Lucía"),
        ("Mary Ann Whitfield", "Mary Ann"),
        ("Miguel Ángel Soto", "Miguel Ángel"),
        ("Ana Pérez Ruiz", "Ana"),
        ("Maria Schmidt", "Maria"),
    ],
)
def test_compound_first_names_are_said_whole(name, first):
    assert first_name(name) == first


def _pair(needs, has):
    short = ContactFacts(11, "Wairimu Njoroge", "Kijani Feeds", met_on=dt.date(2026, 12, 1), notes=needs)
    spare = ContactFacts(12, "Tevita Fifita", "Fifita Mills", met_on=dt.date(2026, 12, 1), notes=has)
    return short, spare


@pytest.mark.parametrize(
    ("needs", "has"),
    [
        (
            "short of brewers' grain for the pig feed",
            "brewery; has to get rid of two tonnes of spent brewers' grain a week",
        ),
        ("low on pallets every month end", "warehouse, has to dispose of 200 spare pallets each week"),
    ],
)
def test_one_short_of_what_another_gets_rid_of_are_introduced_both_ways(needs, has):
    short, spare = _pair(needs, has)
    one = coach(short, dt.date(2026, 12, 15), others=[spare])
    assert one.reason.kind == "intro" and "Tevita" in one.reason.text, one.reason
    other = coach(spare, dt.date(2026, 12, 15), others=[short])
    assert other.reason.kind == "intro" and "Wairimu" in other.reason.text, other.reason
