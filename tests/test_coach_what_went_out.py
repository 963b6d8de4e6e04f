"""Round 56's classes (SPEC §14), in wordings of our own: a quote sent answers a price asked for (and
an estimate a ballpark); a long step taken on a call is still a promise; what they asked for ends
before what their people will do with it; where they were when you rang is no topic; a call-back
asked for "after" a day says that day; sows and pigs, power and electricity are one need; a client's
whole name names its case study. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.phrases import offer_name
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 24)
_ON = dt.date(2026, 12, 8)


@pytest.mark.parametrize(
    ("asked", "sent"),
    [
        ("wants a price for a small press, the partners vote Fri 18 Dec", "sent the quote this morning"),
        ("needs a ballpark by the 15th for the budget", "emailed the estimate"),
        ("asked for our proposal before the board", "quotation sent, he'll table it"),
    ],
)
def test_what_went_out_answers_the_same_thing_by_another_name(asked, sent):
    case = read_case(asked, _MET, sent, _ON, dt.date(2026, 12, 9))
    assert case.deliver is None, case.deliver


def test_a_long_step_taken_on_a_call_is_still_a_promise():
    said = (
        "friendly. I'll get him a two-page note on how the press cuts the odour plus the visit dates "
        "before the board meets on Thu 17 Dec"
    )
    found = read_case(None, None, said, _ON, _ON).deliver
    assert found is not None and not found.theirs, found
    assert found.by == dt.date(2026, 12, 17) and found.action.startswith("get him a two-page note"), found


def test_what_they_asked_for_ends_before_what_their_people_will_do_with_it():
    found = read_case(
        "asked me for 4 sites her growers can tour, by Fri 18 Dec", _MET, None, None, dt.date(2026, 12, 9)
    ).deliver
    assert found is not None and found.thing == "4 sites", found


def _prep(notes: str, call: str | None = None, outcome: str | None = None, offers=()):
    who = ContactFacts(
        31,
        "Renata Quirós-Alfaro",
        company="Hacienda Alta",
        met_on=_MET,
        notes=notes,
        last_outcome=outcome,
        last_call_on=_ON if call else None,
        last_contact_on=_ON if call else None,
        last_call_notes=call,
    )
    return coach(who, dt.date(2026, 12, 16), offers)


def test_where_they_were_when_you_rang_is_no_topic():
    points = _prep(
        "900 sows, flares the gas, wants to make power with it",
        "at a trade fair in Lima, ring after she's back Mon 14 Dec",
        "later",
    )
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives)])
    assert "trade fair" not in shown, shown
    assert points.gap_note and "after Mon 14 Dec" in points.gap_note, points.gap_note
    assert "slipped" not in points.gap_note  # two days after it is on time, not a call owed


def test_sows_and_power_meet_a_pig_farm_electricity_story():
    story = OfferFacts(
        1,
        "Case study - Finca Los Robles cut its electricity bill 30% with biogas",
        None,
        ("#casestudy", "#pigs", "#electricity"),
    )
    points = _prep("900 sows, flares the gas, wants to make power with it", offers=[story])
    assert points.reason.kind in ("client_success", "offer"), points.reason.text
    assert "the Finca Los Robles case study" in points.reason.text


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Case study - Finca Los Robles cut its electricity bill 30%", "the Finca Los Robles case study"),
        ("Case study: Orchard Mills, 2x faster dispatch", "the Orchard Mills case study"),
        ("Case study: how Brightwater halved its waste", "the Brightwater case study"),
    ],
)
def test_a_clients_whole_name_names_its_story(title, named):
    assert offer_name(title, "client_success") == named
