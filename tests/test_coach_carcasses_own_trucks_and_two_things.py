"""Rounds 102–103's classes (SPEC §14), in wordings of our own: a co-op stuck with whole carcasses
meets a chef who would buy lamb straight from a farm, both ways, the goods named as the notes name
them (never "a buyer for slaughterhouse"); "will send her own truck" is the contact's, never the
user's promise; a promise of two things joined by "and" is kept whole; thanking an introducer never
claims news of someone not yet called. Pure, plus the /met parser."""

from __future__ import annotations

import datetime as dt

from bot.domain.quickadd import parse_met
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 20)
MET = dt.date(2026, 11, 18)

COOP = ContactFacts(
    1,
    "Hessa Al-Marri",
    "Dukhan Livestock",
    met_on=MET,
    notes="co-op abattoir, local goats. restaurants only take the legs, she's stuck with the rest. wants someone who'll take whole carcasses",
)
CHEF = ContactFacts(
    2,
    "Marco Bellini",
    "Corniche Grill",
    met_on=MET,
    notes="head chef. tired of frozen imported mutton, would buy direct from a farm if someone could supply steadily",
)


def test_a_coop_with_whole_carcasses_meets_a_chef_who_would_buy_direct_both_ways():
    points = coach(COOP, TODAY, others=[CHEF])
    assert points.reason.kind == "intro" and "Marco" in points.reason.text, points.reason
    assert "abattoir" not in points.reason.text.split(":")[0], points.reason.text
    back = coach(CHEF, TODAY, others=[COOP])
    assert back.reason.kind == "intro" and "Hessa" in back.reason.text, back.reason


def test_sending_her_own_truck_is_never_your_promise():
    parsed = parse_met(
        "Yanique Brown of SeaBlock at Expo on 2026-12-02: short of raw weed, will send her own truck if anyone has piles",
        TODAY,
    )
    assert parsed.promise is None, parsed.promise


def test_a_promise_of_two_things_joined_by_and_is_kept_whole():
    contact = ContactFacts(
        3,
        "Shanique Reid",
        "Reid Marina",
        met_on=MET,
        notes="marina owner, needs a permit for the jetty",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 9),
        last_contact_on=dt.date(2026, 12, 9),
        ever_reached=True,
        last_call_notes="I'll get her Rohan's number and the name of whoever handled the Port Royal dock permit before she meets her engineer on the 22nd",
    )
    points = coach(contact, TODAY)
    assert points.reason.kind == "promised", points.reason
    assert "Port Royal dock permit" in points.reason.text, points.reason.text
