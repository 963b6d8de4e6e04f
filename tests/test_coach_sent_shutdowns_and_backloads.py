"""Round 98's classes (SPEC §14), in wordings of our own: "asked for our insurance cert, sent the
same day" is done, never "send it"; "the whole plant stops over New Year" with a coordinator running
it meets a shutdown planning checklist; trucks running empty on the way back meet someone whose
transport costs eat the margin, both ways. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 12, 1)


def test_a_request_sent_the_same_day_is_done():
    contact = ContactFacts(
        1,
        "Bwalya Mutale",
        "Mutale Mining",
        met_on=MET,
        notes="head of plant. board picks the 2027 contractor on Tue 29 Dec",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 9),
        last_contact_on=dt.date(2026, 12, 9),
        ever_reached=True,
        last_call_notes="still shortlisted. asked for our insurance cert, sent it the same day",
    )
    points = coach(contact, TODAY)
    assert points.reason.kind != "asked" and "insurance cert" not in points.reason.short, points.reason


def test_a_plant_stopping_with_a_coordinator_meets_the_shutdown_checklist():
    checklist = OfferFacts(
        1, "Plant shutdown planning checklist", None, ("#checklist", "#shutdown", "#planning")
    )
    contact = ContactFacts(
        2,
        "Towela Mbewe",
        "Chilanga Lime",
        met_on=MET,
        notes="shutdown coordinator. the whole kiln line stops 28 Dec to 6 Jan, 5 contractors, first time she runs it",
    )
    points = coach(contact, TODAY, offers=[checklist])
    assert "checklist" in points.reason.text, points.reason.text


HAULIER = ContactFacts(
    3,
    "Kennedy Zulu",
    "Zulu Haulage",
    met_on=MET,
    notes="9 tippers on the Ndola run, half empty on the way back, chasing return loads",
)
RECYCLER = ContactFacts(
    4,
    "Precious Nkonde",
    "Nkonde Scrap",
    met_on=MET,
    notes="buys scrap steel from the mines. transport is eating his margin on every trip",
)


def test_trucks_running_empty_meet_a_shipper_whose_transport_costs_too_much_both_ways():
    points = coach(HAULIER, TODAY, others=[RECYCLER])
    assert points.reason.kind == "intro" and "Precious" in points.reason.text, points.reason
    back = coach(RECYCLER, TODAY, others=[HAULIER])
    assert back.reason.kind == "intro" and "Kennedy" in back.reason.text, back.reason
