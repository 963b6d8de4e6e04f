"""Round 64's classes (SPEC §14), in wordings of our own: a cost that hurts meets a client story that cut
it; a decision on a known day carries the offer that fits their need; a call-back the contact asked
for is owed only once its time has really gone by, in the words they used; a client's name keeps its
elided particle ("d'Ordino"). Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.phrases import offer_name
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 18)
_FUEL = OfferFacts(
    1,
    "Case study: how Brennan Haulage trimmed diesel use 18% with route planning",
    "https://e.com/1",
    ("#diesel", "#routing"),
)


def _van_owner(notes, **more):
    return ContactFacts(
        7, "Keziah Mbeki-Arnott", "Arnott Deliveries", met_on=_MET, event="Depot Day", notes=notes, **more
    )


@pytest.mark.parametrize(
    "notes",
    [
        "diesel bill for the vans has gone through the roof since spring",
        "moans that diesel costs are eating into every job",
    ],
)
def test_a_cost_that_hurts_meets_a_story_that_cut_it(notes):
    points = coach(_van_owner(notes), dt.date(2026, 12, 2), [_FUEL])
    assert points.reason.kind in ("offer", "client_success"), points.reason
    assert "Brennan Haulage" in points.reason.text


def test_the_same_word_without_a_cost_is_no_fit():
    points = coach(
        _van_owner("drives her own diesel van to markets on Saturdays"), dt.date(2026, 12, 2), [_FUEL]
    )
    assert points.reason.kind not in ("offer", "client_success"), points.reason


def test_a_decision_day_carries_the_offer_that_fits():
    contact = _van_owner("diesel bill doubled this year. partners sign off the new fleet plan on Fri 11 Dec")
    points = coach(contact, dt.date(2026, 12, 7), [_FUEL])
    assert points.reason.kind == "decision_pending", points.reason
    assert "Brennan Haulage" in points.reason.text and "Fri 11 Dec" in points.reason.text, points.reason.text
    assert "Brennan Haulage" in points.opener and "Brennan Haulage" in points.voicemail
    assert "Brennan Haulage" in points.reason.short


def _put_off(said, today):
    contact = _van_owner(
        "runs six vans",
        last_outcome="busy",
        last_call_on=dt.date(2026, 12, 2),
        last_contact_on=dt.date(2026, 12, 2),
        last_call_notes=said,
    )
    return coach(contact, today)


def test_a_week_they_named_is_owed_as_that_week_never_as_a_day():
    points = _put_off("mid stocktake, told me to ring her next week", dt.date(2026, 12, 15))
    assert points.gap_note and "the week of 7 Dec" in points.gap_note, points.gap_note
    assert "Mon 7 Dec" not in points.gap_note


def test_a_week_not_yet_over_is_not_owed():
    points = _put_off("mid stocktake, told me to ring her next week", dt.date(2026, 12, 10))
    assert not points.gap_note or "slipped" not in points.gap_note, points.gap_note


def test_after_a_day_is_on_time_a_few_days_on_and_owed_a_week_on():
    soon = _put_off("away at a depot audit, ring after Tue 8 Dec", dt.date(2026, 12, 11))
    assert soon.gap_note and "after Tue 8 Dec" in soon.gap_note and "slipped" not in soon.gap_note, (
        soon.gap_note
    )
    late = _put_off("away at a depot audit, ring after Tue 8 Dec", dt.date(2026, 12, 21))
    assert late.gap_note and "slipped" in late.gap_note, late.gap_note


def test_a_day_they_named_and_missed_is_owed_with_that_day():
    points = _put_off("in a meeting, call back Friday", dt.date(2026, 12, 9))
    assert points.gap_note and "Fri 4 Dec" in points.gap_note and "slipped" in points.gap_note, (
        points.gap_note
    )


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Case study: Pont d'Inca halved its water bill", "the Pont d'Inca case study"),
        ("Case study: how Vall d'Aran Lodges cut laundry costs", "the Vall d'Aran Lodges case study"),
    ],
)
def test_a_client_name_keeps_its_elided_particle(title, name):
    assert offer_name(title, "client_success") == name


@pytest.mark.parametrize(
    ("notes", "wanted"),
    [
        ("owner. her head chef is leaving end of January, asked if I know anybody", "her head chef"),
        ("their site engineer retires in April, asked whether I knew anyone", "their site engineer"),
    ],
)
def test_a_name_asked_for_someone_who_leaves_is_a_name_to_find(notes, wanted):
    contact = ContactFacts(8, "Oluwaseun Adébáyọ̀", "Kòlá Foods", met_on=_MET, event="Food Expo", notes=notes)
    points = coach(contact, dt.date(2026, 12, 2))
    assert points.reason.kind == "thread" and "take over from" in points.reason.text, points.reason
    assert wanted in points.reason.text


def test_an_opener_three_weeks_on_says_where_you_met_whatever_the_reason():
    contact = ContactFacts(
        8,
        "Oluwaseun Adébáyọ̀",
        "Kòlá Foods",
        met_on=_MET,
        event="Food Expo",
        introducer="Bisi Ogun",
        notes="her head chef is leaving end of January, asked if I know anybody",
    )
    points = coach(contact, dt.date(2026, 12, 14))
    assert "Bisi Ogun introduced us at Food Expo" in points.opener, points.opener
    assert "take over from your head chef" in points.opener, points.opener


def test_what_was_sent_ends_before_why_it_was_sent():
    contact = _van_owner(
        "runs six vans",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 3),
        last_contact_on=dt.date(2026, 12, 3),
        last_call_notes="emailed her our tyre-wear guide because she asked about winter tyres",
    )
    points = coach(contact, dt.date(2026, 12, 14))
    assert points.reason.kind == "sent_followup", points.reason
    assert "asked about" not in points.reason.text and "tyre-wear guide" in points.reason.text
    assert "asked about" not in points.voicemail
