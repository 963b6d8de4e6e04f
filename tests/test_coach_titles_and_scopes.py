"""Round 55's classes (SPEC §14), in wordings of our own: a weekday with a slashed date reads the one
day that fits; "in a board meeting, ring back Thursday" is no decision day; "the garden benches not
before May" is about the benches, not about calling; a title before one of their names is how to greet
them ("Me Duval" is Maître Duval); "what he really wants is …" is the need; what they asked for ends
before what they will do with it; an invitation with only event tags never fits on "open". Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.names import address_in
from bot.domain.promises import read_promise
from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.facts import _combined, _profile
from bot.services.playbook_files import load_playbook

_MET = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("the sample board by Wed 16/12", dt.date(2026, 12, 16)),
        ("the costing by Thu 4/3", dt.date(2027, 3, 4)),  # 3 April 2027 is a Saturday
        ("the costing by Sat 3/4", dt.date(2027, 4, 3)),
    ],
)
def test_a_weekday_with_a_slashed_date_reads_the_day_that_fits(said, due):
    promise = read_promise(said, _MET)
    assert promise.due == due and "/" not in promise.action, promise


def test_a_meeting_they_are_in_is_no_decision_day():
    case = read_case(
        "runs the trust",
        _MET,
        "in a board meeting, ring back Thursday",
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
    )
    assert case.decision_on is None, case
    dated = read_case(
        "their board meets Thu 17 Dec to pick a supplier", _MET, None, None, dt.date(2026, 12, 9)
    )
    assert dated.decision_on == dt.date(2026, 12, 17)


@pytest.mark.parametrize(
    "notes", ["strip-out in January. the garden benches not before May", "phase two not before March"]
)
def test_a_thing_not_before_a_day_is_no_time_not_to_call(notes):
    assert read_case(notes, _MET, None, None, dt.date(2026, 12, 9)).wait_until is None


def test_not_before_a_day_about_them_still_holds():
    case = read_case("abroad till the 10th, not before 11 Jan", _MET, None, None, dt.date(2026, 12, 9))
    assert case.wait_until == dt.date(2027, 1, 11), case


@pytest.mark.parametrize(
    ("name", "notes", "greeting"),
    [
        ("Hugo Duval", "notary, it's Me Duval in letters; he minds the Mr.", "Maître Duval"),
        ("Ġorġ Camilleri", "Fr Ġorġ runs the youth centre", "Fr Ġorġ"),
        ("Lina Borg", "architect. Perit Borg please, she is strict on it", "Perit Borg"),
        ("Claire Mbida", "Sœur Claire heads the dispensary", "Sœur Claire"),
        ("Esther Nkodo", "introduces herself as Docteur, warm once you ask about the lab", "Docteur Nkodo"),
    ],
)
def test_a_title_before_their_name_is_how_to_greet_them(name, notes, greeting):
    assert address_in(notes, name) == greeting
    who = ContactFacts(21, name, company="Co", met_on=_MET, notes=notes)
    points = prepare(
        who, user=UserFacts("Sam"), offers=[], others=[], today=dt.date(2026, 12, 9), playbook=load_playbook()
    )
    assert f"Hi {greeting}" in points.opener, points.opener


def test_what_they_really_want_is_the_need():
    me = _profile(*_combined(None, "what he really wants is a proper storm plan for the marina"))
    assert [n.display for n in me.needs] == ["looking for a proper storm plan"]


def test_what_they_asked_for_ends_before_what_they_will_do_with_it():
    case = read_case(
        "asked me for two client names he can ring before his budget review on Fri 18 Dec",
        _MET,
        None,
        None,
        dt.date(2026, 12, 9),
    )
    assert case.deliver is not None and case.deliver.thing == "two client names", case.deliver
    assert case.deliver.action.startswith("send"), case.deliver


def test_an_invitation_with_only_event_tags_never_fits_on_open():
    invite = OfferFacts(
        1, "Invitation: open studio morning at Rivermill, Thu 14 Jan 2027", None, ("#event", "#invitation")
    )
    who = ContactFacts(22, "Ama Owusu", company="Co", met_on=_MET, notes="they open a second bakery in March")
    points = prepare(
        who,
        user=UserFacts("Sam"),
        offers=[invite],
        others=[],
        today=dt.date(2026, 12, 9),
        playbook=load_playbook(),
    )
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives)])
    assert "open studio morning" not in shown, shown
