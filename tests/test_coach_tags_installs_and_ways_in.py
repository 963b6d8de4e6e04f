"""Round 101's classes (SPEC §14), in wordings of our own: a tag made of function words ("#before-after")
matches nothing; "would love to see an install" is answered by the demo day; "wants in on tenders" is
a way in, and "asking about drainage" is nothing they are doing; pronouns in brackets are never quoted.
Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.thread import _whole
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 22)
MET = dt.date(2026, 11, 24)


def test_a_tag_of_function_words_matches_nothing():
    story = OfferFacts(
        1, "Case study: fewer closures on the Mugling road", None, ("#casestudy", "#before-after")
    )
    points = coach(
        ContactFacts(
            1,
            "Pema Lama",
            "Road Safety Trust",
            met_on=MET,
            notes="wants before/after injury data from our sites",
        ),
        TODAY,
        offers=[story],
    )
    assert "case study" not in points.reason.text.lower(), points.reason.text


def test_wanting_to_see_an_install_is_answered_by_the_demo_day():
    demo = OfferFacts(
        2,
        "Barrier demo day at our test bend - Thu 7 Jan 2027",
        None,
        ("#invitation", "#demo"),
        dt.date(2027, 1, 7),
    )
    points = coach(
        ContactFacts(
            2,
            "Sita Gurung",
            "Hill Roads Forum",
            met_on=MET,
            notes="runs a drivers' group. would love to see an install in person",
        ),
        TODAY,
        offers=[demo],
    )
    assert points.reason.kind == "invite", points.reason


def test_wanting_in_and_asking_about_read_as_said():
    found = situation_of("caters for site camps. wants in on tenders for the hill packages")
    assert found is not None and found.phrase.startswith("a way in on tenders"), found
    assert situation_of("asking about drainage and check dams") is None


def test_pronouns_in_brackets_are_never_quoted():
    assert (
        _whole("(they/them) gathers crash reports from bus drivers")
        == "gathers crash reports from bus drivers"
    )
    assert _whole("runs the depot (she/her), 12 trucks") == "runs the depot, 12 trucks"
