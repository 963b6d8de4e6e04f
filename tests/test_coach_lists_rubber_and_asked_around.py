"""Round 96's classes (SPEC §14), in wordings of our own: a decision's own clause ("the board decides
2027 service contracts on …") matches no article by one of its words; "wants something printed to go
through step by step" is answered by a checklist; old belts someone wants gone meet a maker always
looking for more rubber, both ways; "asked if we do X - not our thing" is answered already, and
"he'll ask around who runs X" is a name to check on; "walked me over" is no topic; "wants to be
called Ingeniera" is how to greet her. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 2, 1)
MET = dt.date(2027, 1, 12)
TRACKING = OfferFacts(1, "Why belts wander: a field guide to tracking", None, ("#tracking", "#maintenance"))
CHECKLIST = OfferFacts(2, "Shutdown belt inspection checklist", None, ("#checklist", "#shutdown"))


def test_a_word_of_the_decisions_own_clause_brings_no_article():
    contact = ContactFacts(
        1,
        "Lesbia Cáceres",
        "Molino Sur",
        met_on=MET,
        notes="board decides 2027 maintenance contracts on Wed 3 Feb, wants our quote before then",
    )
    points = coach(contact, TODAY, offers=[TRACKING])
    assert points.reason.kind in ("decision_pending", "asked"), points.reason
    assert "tracking" not in points.reason.text, points.reason.text


def test_wanting_something_to_go_through_step_by_step_gets_the_checklist():
    contact = ContactFacts(
        2,
        "Oscar Mejía",
        "Ingenio Central",
        met_on=MET,
        notes="maintenance lead. at every stop his crew misses things, wants something printed they can go through step by step",
    )
    points = coach(contact, TODAY, offers=[TRACKING, CHECKLIST])
    assert "checklist" in points.reason.text, points.reason.text


YARD = ContactFacts(
    3,
    "Wilmer Bustillo",
    "Palmera Norte",
    met_on=MET,
    notes="yard stacked with worn-out belting, wants it gone, hates paying the dump",
)
MAKER = ContactFacts(
    4,
    "Gloria Andino",
    "Andino Pisos",
    met_on=MET,
    notes="makes gym flooring from crumb rubber. always looking for more rubber she can grind",
)


def test_worn_belts_meet_a_maker_looking_for_rubber_both_ways():
    points = coach(YARD, TODAY, others=[MAKER])
    assert points.reason.kind == "intro" and "Gloria" in points.reason.text, points.reason
    back = coach(MAKER, TODAY, others=[YARD])
    assert back.reason.kind == "intro" and "Wilmer" in back.reason.text, back.reason


def test_an_answered_scope_question_is_no_reason_and_asking_around_is_a_name_to_check_on():
    contact = ContactFacts(
        5,
        "Edwin Paz",
        "Paz Logística",
        met_on=MET,
        notes="asked if we do tracking - meant GPS for his fleet, not our thing",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_call_on=dt.date(2027, 1, 20),
        last_contact_on=dt.date(2027, 1, 20),
        ever_reached=True,
        last_call_notes="good talk, he'll ask around who looks after the belts at the cement dock",
    )
    points = coach(contact, TODAY)
    assert "straight answer" not in points.reason.text, points.reason.text
    assert "whoever looks after the belts at the cement dock" in points.reason.text, points.reason.text


def test_walking_you_over_is_no_topic_and_a_wished_form_of_address_is_used():
    contact = ContactFacts(
        6, "Iris Zelaya", "Cementos Norte", met_on=MET, notes="Rafa walked me over at the bar. plant engineer"
    )
    assert "walked me over" not in coach(contact, TODAY).reason.text
    assert address_in("wants to be called Ingeniera, not Maritza", "Maritza Flores") == "Ingeniera Flores"
