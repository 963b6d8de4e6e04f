"""Rounds 112–114's classes (SPEC §14), in wordings of our own: a pile someone wants gone ("old
pallets and broken crates stacking up in the yard … asked if anyone collects them") meets a contact
who "takes broken crates and chips them for fuel", both ways; someone "looking for bakeries that
produce the stuff" is after customers, so a bakery is offered no introduction to them; "no rust
complaints with the current racks" rules out a guide to rust; a hurried promise ("send her 2027 rate
card") is said with its article. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 15)
MET = dt.date(2026, 11, 30)

PILE = ContactFacts(
    1,
    "Greta Sandvik",
    "Sandvik Fruit",
    met_on=MET,
    notes="packhouse manager. old pallets and broken crates stacking up in the yard, the skip firm charges a lot. asked if anyone collects them",
)
CHIPPER = ContactFacts(
    2,
    "Ivo Marek",
    "Marek Biomass",
    met_on=MET,
    notes="two-man outfit, they take broken crates and chip them for boiler fuel. looking for packhouses that produce the stuff",
)
BAKERY = ContactFacts(
    3, "Lotte Brun", "Brun Bakery", met_on=MET, notes="runs a packhouse canteen and a bakery"
)


def test_a_pile_someone_wants_gone_meets_whoever_takes_it_both_ways():
    one = coach(PILE, TODAY, others=[CHIPPER, BAKERY])
    assert one.reason.kind == "intro" and "Ivo" in one.reason.text, one.reason.text
    other = coach(CHIPPER, TODAY, others=[PILE, BAKERY])
    assert other.reason.kind == "intro" and "Greta" in other.reason.text, other.reason.text


def test_someone_after_customers_is_no_introduction_for_the_customer():
    points = coach(BAKERY, TODAY, others=[CHIPPER])
    assert "Ivo" not in points.reason.text, points.reason.text
    assert all("Ivo" not in alt.text for alt in points.alternatives), points.alternatives


def test_no_complaints_about_a_thing_rules_out_an_offer_about_it():
    racks = ContactFacts(
        4,
        "Pål Lie",
        "Lie Cold Store",
        met_on=MET,
        notes="no rust complaints w/ the current racks either — his headache is forklift damage at the aisle ends",
    )
    guide = OfferFacts(
        1, "Why racks rust: five causes and what each costs", "https://x.example/rust", ("rust", "racks")
    )
    points = coach(racks, TODAY, offers=[guide])
    assert "rust" not in points.reason.text.lower(), points.reason.text
    assert all("rust" not in alt.text.lower() for alt in points.alternatives), points.alternatives


def test_a_hurried_promise_is_said_with_its_article():
    points = coach(
        ContactFacts(
            5, "Sara Holm", "Holm Farms", met_on=MET, promise="send her 2027 rate card", promise_due=TODAY
        ),
        TODAY,
    )
    assert "send her the 2027 rate card" in points.reason.text, points.reason.text
