"""Round 95's classes (SPEC §14), in wordings of our own: "the steering cttee picks … on 16 Dec" is a
decision on a day; "won't add anything without seeing it work on the ground" is answered by the
invitation that shows it; "the culverts need clearing" is their need, said as one; a nursery group
after steady contract work meets a contractor with nobody for the planting, both ways. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 1, 20)
MET = dt.date(2026, 12, 9)


def test_an_abbreviated_committee_picking_on_a_day_is_a_decision():
    case = read_case(
        "mine closure plan. the client's mgmt cttee picks the rehab firm on 14 Jan",
        MET,
        None,
        None,
        TODAY,
        None,
        None,
    )
    assert case.decision_on == dt.date(2027, 1, 14), case


def test_seeing_it_work_on_the_ground_is_answered_by_the_invitation():
    day = OfferFacts(
        1,
        "Site day: vetiver hedges on a live cutting, Mbeya — Thu 28 Jan 2027",
        None,
        ("#invitation", "#siteday"),
        dt.date(2027, 1, 28),
    )
    points = coach(
        ContactFacts(
            2,
            "Neema Kweka",
            "Mbeya Roads",
            met_on=MET,
            notes="district engineer. won't try anything new without seeing it work on the ground",
        ),
        TODAY,
        offers=[day],
    )
    assert points.reason.kind == "invite", points.reason


def test_a_thing_of_theirs_that_needs_work_is_said_as_their_need():
    found = situation_of("survey done last month, the roadside culverts need clearing before the rains")
    assert found is not None and found.phrase.startswith("help with clearing the roadside culverts"), found
    assert situation_of("she needs a new site manager").phrase == "a new site manager"


NURSERY = ContactFacts(
    3,
    "Upendo Massawe",
    "Kilolo Seedlings Co-op",
    met_on=MET,
    notes="runs a co-op of 20 growers. raise grass splits and seedlings, want regular contract work, not just market stalls",
)
CONTRACTOR = ContactFacts(
    4,
    "Juma Hassani",
    "Hassani Civils",
    met_on=MET,
    notes="road contractor in Iringa",
    stage=Stage.ACTIVE,
    last_outcome="reached",
    last_call_on=dt.date(2027, 1, 12),
    last_contact_on=dt.date(2027, 1, 12),
    ever_reached=True,
    last_call_notes="new job in March. still nobody for the grassing of the embankments",
)


def test_a_nursery_after_contract_work_meets_a_contractor_with_nobody_for_the_planting():
    points = coach(NURSERY, TODAY, others=[CONTRACTOR])
    assert points.reason.kind == "intro" and "Juma" in points.reason.text, points.reason
    back = coach(CONTRACTOR, TODAY, others=[NURSERY])
    assert back.reason.kind == "intro" and "Upendo" in back.reason.text, back.reason
    assert "Kilolo Seedlings" not in back.reason.text, back.reason.text
