"""Round 58's classes (SPEC §14), in wordings of our own: owners or directors meeting on a day is a
decision day; a note's part keeps a number with a comma ("3,800 m"); designing one hotel is a project,
not hotels to offer; a title before half of a double surname greets them; each of two contacts needing
what the other has is the best introduction. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.facts import _part_at
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 25)
_TODAY = dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    "said", ["the owners meet Wed 23 Dec to sign off 2027", "directors sit Wed 23 Dec on it"]
)
def test_owners_or_directors_meeting_on_a_day_is_a_decision_day(said):
    case = read_case("runs the lodge", _MET, said, dt.date(2026, 12, 9), dt.date(2026, 12, 10))
    assert case.decision_on == dt.date(2026, 12, 23), case


def test_a_part_of_a_note_keeps_a_number_with_a_comma():
    text = "site at 3,800 m, night staff sleep badly"
    assert _part_at(text, text.find("site")) == "site at 3,800 m"


def _prep(contact, *others):
    return coach(contact, _TODAY, others=others)


def test_designing_one_hotel_is_a_project_not_hotels_to_offer():
    traveller = ContactFacts(
        1,
        "Benedikt Ayoola",
        company="Trail Buses",
        met_on=_MET,
        notes="40 hikers a week, looking for a hotel for their first night",
    )
    architect = ContactFacts(
        2,
        "Mireia Tenorio-Blum",
        company="Studio Tenorio",
        met_on=_MET,
        notes="designing a 30-room hotel in the old mill for a client",
    )
    points = _prep(traveller, architect)
    assert "Mireia" not in points.reason.text, points.reason.text


def test_a_title_before_half_a_double_surname_greets_them():
    assert address_in("Dra. Okafor, please, not her first name", "Chiamaka Okafor-Lind") == "Dra. Okafor"


def test_each_needing_what_the_other_has_is_the_best_introduction():
    tours = ContactFacts(
        3,
        "Teo Marangoni",
        company="Peak Tours",
        met_on=_MET,
        notes="runs trekking groups in the hills, looking for a hostel, central if possible",
    )
    plain = ContactFacts(4, "Ulla Brandt", company="Hostel Nord", met_on=_MET, notes="ops manager, 40 beds")
    keen = ContactFacts(
        5,
        "Ines Paredes",
        company="Hostel Sur",
        met_on=_MET,
        notes="beds empty in winter, hunting for trekking groups",
    )
    points = _prep(tours, plain, keen)
    assert points.reason.kind == "intro" and "Ines" in points.reason.text, points.reason.text


@pytest.mark.parametrize(
    ("notes", "said"),
    [
        ("they run six kilns, glaze from the port always late, asked if we can supply", "supply glaze"),
        ("asked whether we could sell them racks", "sell them racks"),
    ],
)
def test_asked_whether_you_supply_says_what(notes, said):
    who = ContactFacts(6, "Kofi Lindqvist", company="Kiln Co", met_on=_MET, notes=notes)
    points = _prep(who)
    assert said in points.reason.text, points.reason.text


def test_a_time_of_day_not_to_ring_is_heeded_without_its_and():
    case = read_case(
        "back on the 20th, don't call before then, and never before 10am", _MET, None, None, _TODAY
    )
    assert "never before 10am" in case.heed, case.heed


def test_what_their_clients_need_is_a_lead_not_their_need():
    who = ContactFacts(
        7,
        "Séverin Adjovi",
        company="Adjovi Depots",
        met_on=_MET,
        notes="owns a cold store by the ring road, wants to rent it out, asked if any of my customers need storage",
    )
    points = _prep(who)
    assert "needs storage" not in points.reason.text and "after storage" not in points.opener, (
        points.reason.text
    )


@pytest.mark.parametrize(
    "notes", ["only the whole nuts fetch a price at market", "the owners decide investments, not her"]
)
def test_a_price_or_a_decision_said_in_passing_is_no_deal(notes):
    who = ContactFacts(
        8,
        "Rosine Dossou",
        company="Co",
        met_on=_MET,
        notes=notes,
        ever_reached=True,
        last_outcome="reached",
        last_contact_on=dt.date(2026, 12, 1),
    )
    assert _prep(who).reason.kind != "open_deal"


def test_away_till_a_day_and_call_after_means_the_day_after():
    from bot.domain.call_text import notes_follow_up

    found = notes_follow_up("at a fair in Accra till the 17th, call after", dt.date(2026, 12, 9))
    assert found == (dt.date(2026, 12, 18), "after the 17th"), found


def test_no_call_yet_is_news_not_a_wish_to_be_written_to():
    case = read_case(
        "sells malt to brewers",
        _MET,
        "already passed my name on, no call yet. wants a tip for her newsletter by 15 Jan",
        dt.date(2026, 12, 9),
        _TODAY,
    )
    assert case.heed == (), case.heed
    assert (
        case.deliver is not None and case.deliver.by == dt.date(2027, 1, 15) and "tip" in case.deliver.thing
    )


def test_wanting_to_see_their_own_thing_is_no_thing_to_send():
    case = read_case(
        "building a sensor for proofing rooms; want to see it on real kit + meet bakers",
        _MET,
        None,
        None,
        _TODAY,
    )
    assert case.deliver is None, case.deliver


def test_a_note_to_yourself_is_not_their_need():
    who = ContactFacts(
        9,
        "Bozhidar Kanev",
        company="Kanev Bread",
        met_on=_MET,
        notes="two old rack ovens, gas bill is huge. need his meter readings first",
    )
    points = _prep(who)
    assert "needs his meter readings" not in points.reason.text, points.reason.text


def test_a_title_and_the_name_they_go_by_open_the_notes():
    assert address_in("Fr. Tomás, runs the shrine, warm", "Eduardo Villafañe") == "Fr. Tomás"


def test_text_or_email_over_calls_turns_the_opener_into_a_message():
    who = ContactFacts(
        10,
        "Iñigo Balderas",
        company="Balderas Parts",
        met_on=_MET,
        notes="plant manager, sceptical. prefers text/email over calls",
    )
    points = _prep(who)
    assert points.opener.startswith("Write, don't ring") and points.voicemail == "", points.opener


def test_why_they_could_not_talk_is_no_topic():
    who = ContactFacts(
        11,
        "Marisol Tan-Reyes",
        company="Reyes Foods",
        met_on=_MET,
        notes="CFO, power bill up a third this year, wants proof of payback",
        last_outcome="busy",
        last_call_on=dt.date(2026, 12, 8),
        last_contact_on=dt.date(2026, 12, 8),
        last_call_notes="her assistant says month-end closing, try after the 18th",
    )
    points = _prep(who)
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives)])
    assert "month-end" not in shown, shown


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("quick chat, said I'd send him the spring price list by Friday", "send him the spring price list"),
        ("runs vans north twice a week. said we'd share our route volumes", "share our route volumes"),
    ],
)
def test_said_id_is_a_step_of_yours(said, action):
    found = read_case(None, None, said, dt.date(2026, 12, 9), dt.date(2026, 12, 9)).deliver
    assert found is not None and not found.theirs and found.action == action, found


def test_what_someone_else_said_you_would_do_is_no_step():
    assert (
        read_case(
            None, None, "she said I'd love their new cellar", dt.date(2026, 12, 9), dt.date(2026, 12, 9)
        ).deliver
        is None
    )
