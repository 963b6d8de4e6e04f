"""Introductions by meaning (SPEC §14), in wordings of our own: a firm's name says its trade ("…
Ironworks"); "hasn't found anyone to weld" and "nobody to make the frames" are needs, said as "someone
to …"; a partner's kind is the word before "partner"; "would take on subcontracting" is something they
offer; a call's notes count on both sides. And the lines said to them speak to them ("plants you can
call"). Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.phrases import spoken
from tests.coach_helpers import coach

_MET = dt.date(2026, 12, 2)
_TODAY = dt.date(2026, 12, 14)


def _prep(contact: ContactFacts, *others: ContactFacts):
    return coach(contact, _TODAY, others=others)


def _all(points) -> str:
    return " ".join([points.reason.text, *(a.text for a in points.alternatives)])


@pytest.mark.parametrize(
    "needs",
    [
        "two cafés on the quay. their fabricator emigrated, still hasn't found anyone to weld the bar frames",
        "opening a taproom in March; nobody to fabricate the steel bar frames since their man retired",
    ],
)
def test_a_firm_whose_name_says_the_trade_meets_the_need(needs):
    seeker = ContactFacts(1, "Orla Nakashima-Reyes", company="Quayside Cafés", met_on=_MET, notes=needs)
    smith = ContactFacts(
        2, "Bogdan Hartigan", company="Hartigan Ironworks", met_on=_MET, notes="gates, stair rails"
    )
    points = _prep(seeker, smith)
    assert points.reason.kind == "intro" and "Bogdan" in points.reason.text, points.reason.text
    assert "anyone to" not in _all(points) and "nobody to" not in _all(points)
    assert "works at Hartigan Ironworks" in points.reason.why or "Hartigan Ironworks" in points.reason.text


def test_a_partner_of_a_kind_meets_who_takes_on_that_work_on_both_sides():
    brand = ContactFacts(
        3,
        "Sigrún Abernathy-Oduya",
        company="Fjord Knits",
        met_on=_MET,
        notes="orders doubled for spring, searching for an outsourcing partner for 3,000 jumpers a month",
    )
    mill = ContactFacts(
        4,
        "Teodor Vasquez-Lindqvist",
        company="Lindqvist Mills",
        met_on=_MET,
        notes="two of his five lines idle since the autumn, would take on subcontracting",
    )
    for contact, other in ((brand, mill), (mill, brand)):
        points = _prep(contact, other)
        assert any(r.kind == "intro" for r in (points.reason, *points.alternatives)), _all(points)
        assert other.name.split()[0] in _all(points)


def test_what_they_can_offer_is_quoted_by_its_own_part_of_the_note():
    brand = ContactFacts(
        5, "Ines Corrigan", met_on=_MET, notes="looking for a subcontractor for knitwear runs"
    )
    mill = ContactFacts(
        6,
        "Piet Oyelaran",
        met_on=_MET,
        notes="lost a big client in the summer, 3 lines idle, will take any subcontracting",
    )
    points = _prep(brand, mill)
    assert "will take any subcontracting" in _all(points)
    assert "lost a big client" not in points.reason.text


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("get him two sites he can visit", "get you two sites you can visit"),
        ("send her the form she needs", "send you the form you need"),
        ("find her a venue she likes", "find you a venue you like"),
        ("introduce him to Ana, she runs a mill", "introduce you to Ana, she runs a mill"),
    ],
)
def test_a_promise_said_to_them_speaks_to_them(action, said):
    assert spoken(action, "Hédi") == said


def test_what_went_out_afterwards_closes_what_they_wanted_before():
    case = read_case(
        "their board picks a supplier on Tue 22 Dec, wants our offer before",
        _MET,
        "emailed the offer after. worried about lead times",
        dt.date(2026, 12, 8),
        _TODAY,
    )
    assert case.deliver is None, case.deliver
