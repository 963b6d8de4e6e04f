"""Rounds 174–176's classes (SPEC §14 and §12's dates), in wordings of our own: "off to Dubai tomorrow,
back 11 Jan" waits for the day they are back, never the day they leave; "antes del jue 17" is Thursday
the 17th (an English "mar 17" stays March); "le consigo …" on a call is your promise and "me pidió …"
their request, each with its day; a price someone wants from you is never an introduction to another
contact who mentions prices. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.cue_words import in_english
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 9)


def test_the_day_they_are_back_beats_the_day_they_leave():
    assert notes_follow_up("flies to Dubai tomorrow, back 11 Jan, dont ring b4", TODAY)[0] == dt.date(
        2027, 1, 11
    )
    assert notes_follow_up("ring me tomorrow", TODAY)[0] == dt.date(2026, 12, 10)


def test_a_spanish_weekday_before_a_bare_day_is_that_weekday():
    assert in_english("lo necesita antes del jue 17") == "needs it before Thu 17"
    assert in_english("launch mar 17") == "launch mar 17"
    case = read_case(None, None, "lo necesita antes del jue 17, quiere plazo", TODAY, TODAY)
    assert case.deliver is None or case.deliver.by != dt.date(2027, 3, 17)


def test_spanish_steps_on_a_call_are_a_promise_and_a_request():
    mine = read_case(None, None, "le consigo la lista de precios antes del vie 18/12", TODAY, TODAY).deliver
    assert mine is not None and not mine.theirs and mine.by == dt.date(2026, 12, 18), mine
    theirs = read_case(None, None, "me pidió precio por 2 lectores antes del 22/12", TODAY, TODAY).deliver
    assert theirs is not None and theirs.theirs and theirs.by == dt.date(2026, 12, 22), theirs


def test_a_price_wanted_from_you_is_no_introduction():
    met = dt.date(2026, 11, 20)
    asker = met_contact(
        1, "Selam Tesfay", "Tesfay Café", "2 ovens cracked, wants price for new plates", met=met, today=TODAY
    )
    other = met_contact(
        2, "Yonas Berhe", "Berhe Hotel", "hotel kitchen, I'll bring service plan prices", met=met, today=TODAY
    )
    reason = coach(asker, TODAY, others=[other])
    assert "Yonas" not in reason.reason.text and all("Yonas" not in a.text for a in reason.alternatives), (
        reason
    )


def test_asking_when_the_quote_comes_is_chasing_it():
    from bot.domain.talking_points.case_items import asked_question

    assert asked_question("asked when our price list is coming, said Friday")[0] == "the price list"
    assert asked_question("asked which grade we stock")[0] == "an answer on which grade we stock"
    contact = met_contact(
        3,
        "Mele Tuipulotu",
        "Tuipulotu Marine",
        "skiff hull cracked. told her quote for hull repair by Fri 11 Dec",
        met=dt.date(2026, 11, 20),
        today=TODAY,
        call="asked when quote coming, told her end of wk",
    )
    reason = coach(contact, TODAY).reason.text
    assert "quote for hull repair" in reason and "for coming" not in reason, reason


def test_wanting_to_get_paid_sooner_is_no_thing_to_send():
    case = read_case(
        "exporter, 90-day terms, wants to get paid earlier by discounting", TODAY, None, None, TODAY
    )
    assert case.deliver is None, case.deliver
    still = read_case("wants to get our rate card by Fri 11 Dec", TODAY, None, None, TODAY)
    assert still.deliver is not None and "rate card" in still.deliver.thing


def test_no_budget_until_a_quarter_is_no_time_to_wait():
    from bot.domain.talking_points.case_timing import _wait

    assert _wait("roof leaks every rain. no budget till Q2", TODAY, set()) is None
    assert _wait("on leave, don't ring till Q2", TODAY, set()) is not None


def test_the_sample_they_want_is_not_a_sample_of_itself():
    mine = read_case(
        None, None, "wants a sample tile, matt grey. I'll get her the sample before Fri 18 Dec", TODAY, TODAY
    )
    assert mine.deliver.action == "get her the sample", mine.deliver


def test_christmas_and_dont_call_before_in_icelandic():
    said = in_english("á sjó fram að jólum, call after jól")
    assert "until Christmas" in said and "after Christmas" in said, said
    assert notes_follow_up(said, TODAY)[0] > dt.date(2026, 12, 25)
    assert in_english("EKKI hringja fyrr en 9 jan") == "don't call before 9 jan"
