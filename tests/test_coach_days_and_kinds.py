"""Round 57's classes (SPEC §14), in wordings of our own: a weekday with a bare day number is that
date ("Thu 24"); "the samples must be food-grade" is a rule, not their plan; "not hotels" on a call
never matches an offer about hotels; "looking for clinics that want X" seeks customers and offers X;
a guide to looking after a thing fits someone whose thing is failing; a one-pager is a thing to send;
a quote inside a quoted note turns single. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.call_text import said_days
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.facts import _combined, _profile
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 26)
_TODAY = dt.date(2026, 12, 14)


def _prep(notes: str, offers=(), call: str | None = None, others=()):
    who = ContactFacts(
        41,
        "Dagny Oyelowo-Hart",
        company="Hart Foods",
        met_on=_MET,
        notes=notes,
        last_outcome="reached" if call else None,
        last_call_on=dt.date(2026, 12, 9) if call else None,
        last_contact_on=dt.date(2026, 12, 9) if call else None,
        last_call_notes=call,
    )
    return coach(who, _TODAY, offers, others)


def _shown(points) -> str:
    return " ".join([points.reason.text, points.reason.why, *(a.text for a in points.alternatives)])


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("board sits Thu 24, pack to them by Mon 21", dt.date(2026, 12, 24)),
        ("samples by Mon 21 at the latest", dt.date(2026, 12, 21)),
    ],
)
def test_a_weekday_with_a_bare_day_number_is_that_date(said, day):
    found = said_days(said, dt.date(2026, 12, 10))
    assert found and found[0].day == day, found


def test_a_rule_about_a_thing_is_not_their_plan():
    points = _prep("runs a deli chain", call="keen. the samples must be food-grade, not plastic tubs")
    assert "has to be" not in _shown(points), _shown(points)


def test_what_a_call_rules_out_never_matches_an_offer():
    hotels = OfferFacts(
        1, "Case study: a hotel group that halved its food waste", None, ("#casestudy", "#hotels", "#waste")
    )
    points = _prep("catering for offices", offers=[hotels], call="wants references, offices only, not hotels")
    assert "hotel group" not in _shown(points), _shown(points)


def test_seeking_customers_is_no_need_and_says_what_they_offer():
    me = _profile(
        *_combined(None, "vet, gone freelance. looking for clinics that want locum cover on weekends")
    )
    assert not any("clinic" in n.display for n in me.needs), me.needs


def test_a_guide_to_looking_after_a_thing_fits_when_theirs_is_failing():
    guide = OfferFacts(
        2, "Checklist: 8 signs your chiller compressor is wearing out", None, ("#compressor", "#maintenance")
    )
    points = _prep("two cold rooms, the compressor 'rattles like a tin can' since October", offers=[guide])
    assert "8 signs your chiller compressor" in _shown(points), _shown(points)
    assert "''" not in _shown(points)


def test_a_one_pager_is_a_thing_to_send():
    case = read_case(
        "wants a one-pager with cost and timing for the trustees", _MET, None, None, dt.date(2026, 12, 9)
    )
    assert case.deliver is not None and case.deliver.theirs and "one-pager" in case.deliver.thing, (
        case.deliver
    )
