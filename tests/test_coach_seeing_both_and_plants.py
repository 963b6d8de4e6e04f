"""Round 94's classes (SPEC §14), in wordings of our own: "wants to see the X at her yard" is a visit
to fix (a booked meeting then leads), "wants to see the figures" a paper to send; "send both" stands
for the things asked for just before it; "tender closes 28th" dates the tender, not the earlier day a
price is due; growers with stock and no buyer meet a buyer no nursery can supply at volume, both
ways; a quoted phrase is never cut in half. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverables, read_case
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 2, 15)
MET = dt.date(2027, 2, 1)


def test_wanting_to_see_a_thing_is_a_visit_and_figures_are_a_paper():
    seen = list(_deliverables("won't order blind - wants to see the panels at his depot next week", MET))
    assert seen and seen[0].action.startswith("book a chance to see the panels"), seen
    paper = list(_deliverables("wants to see the figures before the board", MET))
    assert paper and paper[0].action.startswith("send the figures"), paper


def test_a_booked_visit_leads_over_the_wish_to_see():
    contact = ContactFacts(
        1,
        "Chathuri Abeysekera",
        "Abeysekera Builders",
        met_on=MET,
        notes="wants to see the blankets at her site office before she specs them",
        stage=Stage.ACTIVE,
        last_outcome="meeting",
        last_call_on=dt.date(2027, 2, 3),
        last_contact_on=dt.date(2027, 2, 3),
        meeting_on=dt.date(2027, 2, 11),
        last_call_notes="pencilled 9am at her site office",
    )
    points = coach(contact, TODAY)
    assert "Send" not in points.reason.text and "send" not in points.reason.short.split(":")[0], points.reason
    assert "11 Feb" in points.reason.text, points.reason.text


def test_send_both_stands_for_what_was_asked_just_before():
    contact = ContactFacts(
        2,
        "Ruwan Jayasuriya",
        "Jayasuriya Hydro",
        met_on=MET,
        notes="wants our pull-out test results + the install guide - told him I'd send both by Fri 12 Feb",
        promise="send both",
        promise_due=dt.date(2027, 2, 12),
    )
    points = coach(contact, TODAY)
    assert "pull-out test results" in points.reason.text and "send both" not in points.reason.text, (
        points.reason
    )


def test_a_closing_day_said_as_an_ordinal_dates_the_tender():
    case = read_case(
        "pricing a bid - needs our rate by 17 Feb, tender closes 24th", MET, None, None, TODAY, None, None
    )
    assert case.decision_on == dt.date(2027, 2, 24), case


GROWER = ContactFacts(
    3,
    "Ishara Wijesinghe",
    "Wijesinghe Farm",
    met_on=MET,
    notes="grows vetiver for the oil trade, the buyer dropped out, she has thousands of cuttings and no buyer",
)
BUILDER = ContactFacts(
    4,
    "Kavinda Perera",
    "SlopeWorks",
    met_on=MET,
    notes="bioengineering installs. needs 25,000 grass cuttings for a March job and no one has the volume",
)


def test_stock_with_no_buyer_meets_a_buyer_no_one_can_supply_both_ways():
    points = coach(GROWER, TODAY, others=[BUILDER])
    assert points.reason.kind == "intro" and "Kavinda" in points.reason.text, points.reason
    back = coach(BUILDER, TODAY, others=[GROWER])
    assert back.reason.kind == "intro" and "Ishara" in back.reason.text, back.reason


def test_a_quoted_phrase_is_never_cut_in_half():
    found = situation_of("asked if we have a 'site diary template' - she means for the council audit")
    assert found is not None and found.phrase == "a site diary template", found
