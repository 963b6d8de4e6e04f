"""Round 99's classes (SPEC §14), in wordings of our own: "the 14th … the 15th" said in a sentence of
their own after "from Q1" are this month's, not the quarter's; "everyone calls him Oknha" is how to
greet him; "thanks for the Sovann tip, asked for his mobile" asks for Sovann's number, never "your
mobile". Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import said_days
from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 16)


def test_a_day_of_the_month_in_a_later_sentence_is_not_moved_to_an_earlier_dates_month():
    days = said_days(
        "group wants one supplier from Q1, she owns the shortlist. in Bangkok till the 18th - ring after the 19th",
        dt.date(2026, 12, 2),
    )
    assert [d.day for d in days][-2:] == [dt.date(2026, 12, 18), dt.date(2026, 12, 19)], days
    # within one sentence the month still carries: "back 10 Jan, not before the 11th"
    assert said_days("back 10 Jan, not before the 11th", dt.date(2026, 12, 2))[-1].day == dt.date(2027, 1, 11)


def test_an_honour_everyone_uses_is_how_to_greet_him():
    assert address_in("owns 2 mills. everyone calls him Oknha - do likewise", "Chea Vuthy") == "Oknha"
    points = coach(
        ContactFacts(
            1,
            "Chea Vuthy",
            "Vuthy Garments",
            met_on=dt.date(2026, 12, 1),
            notes="owns 2 mills. everyone calls him Oknha - do likewise",
        ),
        TODAY,
    )
    assert points.opener.startswith("Hi Oknha"), points.opener


def test_his_number_after_another_persons_name_stays_his():
    contact = ContactFacts(
        2,
        "Claire Fontaine",
        "Mekong Advisory",
        met_on=dt.date(2026, 11, 24),
        notes="consultant, knows everyone in footwear",
        stage=Stage.ACTIVE,
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 7),
        last_contact_on=dt.date(2026, 12, 7),
        last_call_notes="thanks for the Sovann tip, asked for his mobile",
    )
    points = coach(contact, TODAY)
    said = " ".join((points.reason.text, points.opener, points.voicemail))
    assert "your mobile" not in said, said
