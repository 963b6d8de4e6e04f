"""Round 69's classes (SPEC §14), in wordings of our own: "I'd look into it" after what they asked
about is a promise about that; "a quote to service 12 units" stays whole; what a referrer says is not
what the referred contact told you; a "later" call's why-not-now is no topic, the notes from meeting
them are. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 19)


def test_looking_into_it_is_looking_into_what_they_asked_about():
    case = read_case(
        "asked about night-time deliveries (noise limits?). said I'd look into it", _MET, None, None, _MET
    )
    assert case.deliver and case.deliver.action.startswith("look into night-time deliveries"), case.deliver


def test_a_quote_to_do_something_stays_whole():
    case = read_case(
        "needs quote to service 12 boilers",
        _MET,
        "still needs quote by 18 dec",
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 9),
    )
    assert case.deliver and case.deliver.thing == "the quote to service 12 boilers", case.deliver


def test_what_a_referrer_says_is_not_what_the_contact_told_you():
    contact = ContactFacts(
        41,
        "Tariq Haddad",
        "Haddad Bakeries",
        met_on=_MET,
        referred_by="Leila Nasser",
        notes="not met him yet. four bakeries, she says the ovens trip every week",
    )
    points = coach(contact, dt.date(2026, 12, 9))
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives), points.opener])
    assert "told you" not in shown and "Tariq told" not in shown, shown


def test_a_later_calls_why_not_now_is_no_topic():
    contact = ContactFacts(
        42,
        "Yusuf Demir",
        "Demir Orchards",
        met_on=_MET,
        notes="apple packhouse, lost a whole cold store of fruit in August when the compressor died",
        last_outcome="later",
        last_call_on=dt.date(2026, 12, 1),
        last_contact_on=dt.date(2026, 12, 1),
        last_call_notes="picking season, ring after the 7th",
    )
    points = coach(contact, dt.date(2026, 12, 9))
    assert "picking season" not in points.reason.text, points.reason
    assert "compressor" in points.reason.text or "cold store" in points.reason.text, points.reason


def test_someone_to_teach_his_people_meets_an_instructor():
    plant = ContactFacts(
        43,
        "Kwame Asante",
        "Asante Textiles",
        met_on=_MET,
        notes="plant manager, 200 operators. wants someone to drill his people + teach them the extinguishers",
    )
    tutor = ContactFacts(
        44,
        "Efua Mensah",
        "Safe Hands",
        met_on=_MET,
        notes="freelance instructor, first-aid and fire courses in Twi",
    )
    points = coach(plant, dt.date(2026, 12, 9), others=[tutor])
    assert points.reason.kind == "intro" and "Efua" in points.reason.text, points.reason
