"""More of rounds 141–142's classes (SPEC §14), in wordings of our own: a busy spell "thru" a day
("stocktake thru 12 Jan") is a time not to call before; "wants the inspection done in Feb" is a
booking in February, never a note pasted whole; "wants kWh per room from our hotel jobs" asks for
figures to send; an e-mail that "told her we need to see it on site" proposed a site visit. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.next_step import next_step, step_when
from bot.domain.talking_points.proposed import proposed_step
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)
TODAY = dt.date(2026, 12, 9)


def test_a_busy_spell_through_a_day_is_a_wait():
    contact = ContactFacts(1, "Orla Quinn", "Quinn Stores", met_on=MET, notes="5 shops. stocktake thru 12 Jan, nothing before",
                           stage=Stage.NEW)  # fmt: skip
    points = coach(contact, TODAY)
    assert points.reason.text.startswith("Not yet") and "Tue 12 Jan 2027" in points.reason.text, (
        points.reason.text
    )
    # a thing they want through a channel is no wait
    other = ContactFacts(
        2, "Ade Bello", "Bello Ltd", met_on=MET, notes="wants quotes through the portal", stage=Stage.NEW
    )
    assert not coach(other, TODAY).reason.text.startswith("Not yet")


def test_a_bookable_thing_wanted_done_in_a_month_is_booked_then():
    assert next_step("wants the inspection done in Feb") == (
        "book the inspection",
        "wants the inspection done in Feb",
    )
    assert step_when("wants the inspection done in Feb") == "in Feb"
    assert next_step("wants the roof done in Feb") is None  # the outcome they want, not a thing to book


def test_figures_per_unit_from_your_jobs_are_a_thing_to_send():
    case = read_case("developer", MET, "wants kWh per room from our hotel jobs for the bank", TODAY, TODAY)
    assert case.deliver is not None and "kWh per room" in case.deliver.thing, case


def test_an_email_that_says_you_must_see_it_on_site_proposed_a_visit():
    found = proposed_step("photos came. told her we'd need to see it on site", "emailed", TODAY, TODAY)
    assert found is not None and found.step == "a site visit", found
    assert proposed_step("photos came, all fine", "emailed", TODAY, TODAY) is None
