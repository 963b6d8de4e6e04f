"""Round 74's classes (SPEC §14), in wordings of our own: how they want to be addressed is no plan;
where they are all morning is when to ring, no topic; "pays to haul it away" is a cost, not time away;
a title that asks a question names the offer by what it is ("our soil-moisture checklist"). Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.phrases import offer_name
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach


def test_how_they_want_to_be_addressed_is_no_plan():
    sit = situation_of(
        "Dr., wants to be called Doctor Haidari, not Laila. wants to bring her class to a working farm"
    )
    assert sit is not None and "called" not in sit.phrase and "class" in sit.phrase, sit


def test_where_they_are_all_morning_is_no_topic_and_hauling_away_is_a_cost():
    contact = ContactFacts(
        81,
        "Farida Noori",
        "Noori Mills",
        met_on=dt.date(2026, 12, 1),
        notes="flour mill, tonnes of bran and husk and pays a man to cart it away. no calls before 2pm, she's in the mill all morning",
    )
    points = coach(contact, dt.date(2026, 12, 14))
    assert "all morning" not in points.reason.text and "cart it away" in points.reason.text, points.reason


def test_a_title_that_asks_a_question_names_the_offer_by_what_it_is():
    assert (
        offer_name("Why seedlings wilt after planting: a soil-moisture checklist", "offer")
        == "our soil-moisture checklist"
    )


def test_what_people_of_theirs_want_is_not_their_plan():
    assert situation_of("goat dairy. both her cheesemakers are near 65 and want to retire in 2 yrs") is None
    assert situation_of("wants to add a second cheese room in spring").phrase.startswith(
        "add a second cheese room"
    )


def test_an_invitation_over_before_the_call_is_no_offer_for_it():
    from bot.domain.talking_points import OfferFacts

    open_day = OfferFacts(
        9,
        "Open day at our Limassol workshop, Fri 18 Dec 2026",
        None,
        ("#event", "#halloumi"),
        dt.date(2026, 12, 18),
    )
    contact = ContactFacts(
        82,
        "Eleni Pavlou",
        "Pavlou Farm",
        met_on=dt.date(2026, 12, 1),
        notes="makes halloumi for her guests. not before Mon 21 Dec",
    )
    points = coach(contact, dt.date(2026, 12, 16), [open_day])
    assert points.reason.kind == "not_yet" and "open day" not in points.reason.text.lower(), points.reason
    assert "open day" not in points.opener.lower() and "open day" not in points.voicemail.lower()
