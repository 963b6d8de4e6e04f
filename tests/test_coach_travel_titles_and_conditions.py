"""Round 97's classes (SPEC §14), in wordings of our own: a promise on a call whose thing runs long
("… we have in stock before she flies back …") is still a promise; travel ("flying to Doha Friday")
and a job title ("purchasing mgr") are nothing they are doing; "wasn't at the event" is no topic; a
condition in quotes ('"if the price is right"') is never part of the thing; "30 rugs + runners need
washing before" is their need, said whole. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverables
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)


def test_a_long_promise_on_a_call_is_still_a_promise():
    contact = ContactFacts(
        1,
        "Chiara Mancuso",
        "Mancuso Interiors",
        met_on=dt.date(2026, 11, 26),
        notes="interior designer, two flats in Baku",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_contact_on=dt.date(2026, 12, 8),
        ever_reached=True,
        last_call_notes="I'll get her pictures + measurements of the 4 restored kilims we have in the back room before she flies home Fri 18 Dec.",
    )
    points = coach(contact, TODAY)
    assert points.reason.kind == "promised", points.reason
    assert "4 restored kilims" in points.reason.text and "late" in points.reason.text, points.reason.text


def test_travel_and_job_titles_are_nothing_they_are_doing():
    assert situation_of("flying to Doha Friday, back on the 20th") is None
    assert situation_of("purchasing mgr, 3 hotels") is None
    assert situation_of("rebuilding the warehouse roof this winter").kind == "doing"


def test_not_being_at_the_event_is_no_topic():
    contact = ContactFacts(
        2,
        "Rauf Quliyev",
        "Quliyev Hotels",
        met_on=dt.date(2026, 12, 2),
        notes="haven't met, he wasn't at the event. owns 2 hotels",
        referred_by="Aysel Məmmədova",
    )
    assert "at the event" not in coach(contact, TODAY).reason.text


def test_a_quoted_condition_is_never_part_of_the_thing():
    assert list(_deliverables('GM, 2 hotels. wants a yearly contract "if the numbers work"', TODAY)) == []
    asked = list(_deliverables('wants a price for 30 rugs "unless it\'s silly money"', TODAY))
    assert asked and asked[0].thing == "a price for 30 rugs", asked


def test_things_that_need_work_before_a_day_are_said_whole():
    found = situation_of("new year gala on the 31st, 30 rugs + runners need washing before")
    assert found is not None and found.phrase == "help with washing the 30 rugs and runners", found
