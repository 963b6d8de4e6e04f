"""Rounds 106–108's classes (SPEC §14), in wordings of our own: someone who needs "someone with a boat" for
the seabed meets a survey firm whose boat sits idle, both ways; "no CP need himself" rules out every
offer about CP, whatever else its words meet ("survey"); "prefers Spanish" is a language, never a name. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 11, 25)

BUILDER = ContactFacts(
    1,
    "Salim Al-Hinai",
    "Sohar Marine Works",
    met_on=MET,
    notes="new jetty. their depth survey sub quit, need someone with a boat to sound the basin before the tender",
)
SURVEYOR = ContactFacts(
    2,
    "Layla Al-Balushi",
    "Deep Line Hydro",
    met_on=MET,
    notes="runs a small hydrographic firm. survey vessel sitting idle since October",
)


def test_a_need_for_someone_with_a_boat_meets_an_idle_survey_vessel_both_ways():
    points = coach(BUILDER, TODAY, others=[SURVEYOR])
    assert points.reason.kind == "intro" and "Layla" in points.reason.text, points.reason
    back = coach(SURVEYOR, TODAY, others=[BUILDER])
    assert back.reason.kind == "intro" and "Salim" in back.reason.text, back.reason


def test_no_need_for_the_offers_subject_rules_it_out():
    report = OfferFacts(1, "Reading a CP survey report", None, ("#cp", "#survey"))
    points = coach(
        ContactFacts(
            3,
            "Owen Price-Mensah",
            "Engineers Forum",
            met_on=MET,
            notes="running the annual pay survey for engineers. no CP need himself",
        ),
        TODAY,
        offers=[report],
    )
    assert "CP survey report" not in points.reason.text, points.reason.text


def test_a_preferred_language_is_never_a_name():
    contact = ContactFacts(
        4,
        "Inés Chiac",
        "Chiac Water Taxis",
        met_on=MET,
        notes="3 water taxis. prefers Spanish, fine in English",
    )
    points = coach(contact, TODAY)
    assert points.opener.startswith("Hi Inés"), points.opener
    assert "Spanish" not in points.voicemail.split(",")[0], points.voicemail
