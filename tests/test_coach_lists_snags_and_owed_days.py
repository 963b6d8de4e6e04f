"""Round 79's and 80's classes (SPEC §14), in wordings of our own: a request that lists several papers
is all of them; time asked for ("asked for 15 minutes") is a meeting to fix, never a thing to send;
", not X" rules an offer about X out; what stands in the way of a yes before their decision is the
call's subject; a call set after the day of an open promise comes back on that day (through the
console, a real app on SQLite); where they are every morning is when to ring; "wants to know which…"
is a question to answer; an offer titled as a question is named by it; "pre-1990 buildings" meets a
building from 1984; Ghanaian given names of two words and "Hajia". Pure, except the console run."""

from __future__ import annotations

import datetime as dt

from bot.domain.cadence import FollowUp, by_your_promise
from bot.domain.names import address_in, first_name
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_items import asked_question
from bot.domain.talking_points.phrases import offer_name
from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, Stage
from tests.coach_helpers import coach
from tests.test_console import after, run_console

TODAY = dt.date(2026, 12, 14)


def test_a_request_listing_several_papers_is_all_of_them():
    found = read_case(
        "she asked for our insurance cert, VAT certificate and two site photos by Fri 18 Dec",
        TODAY,
        None,
        None,
        TODAY,
    ).deliver
    assert found is not None and found.thing.endswith("two site photos"), found


def test_time_asked_for_is_no_thing_to_send():
    contact = ContactFacts(
        1,
        "Kobby Asante",
        "Asante Foods",
        met_on=dt.date(2026, 11, 20),
        notes="runs the dry store",
        last_outcome="emailed",
        last_contact_on=dt.date(2026, 12, 7),
        last_call_on=dt.date(2026, 12, 7),
        last_call_notes="short hello, asked for 15 minutes next week",
    )
    points = coach(contact, TODAY)
    assert "15 minutes" not in points.reason.text or "send" not in points.reason.text, points.reason.text
    assert "could send" not in (points.opener or ""), points.opener


def test_not_x_rules_an_offer_about_x_out():
    contact = ContactFacts(
        2,
        "Dede Mensah",
        "Coastal Pharma",
        met_on=dt.date(2026, 11, 20),
        notes="QA lead. what keeps her up is humidity logging in the store, not racking. old racks in the dispatch bay",
    )
    offers = [OfferFacts(1, "Racking inspection checklist", None, ("racking", "inspection", "checklist"))]
    points = coach(contact, TODAY, offers=offers)
    assert "checklist" not in points.reason.text, points.reason.text


def test_what_stands_in_the_way_before_a_decision_is_the_subject():
    contact = ContactFacts(
        3,
        "Nana Ofori",
        "Ofori Builders",
        met_on=dt.date(2026, 11, 20),
        notes="two bids for the warehouse fit-out, directors choose on Wed 16 Dec",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        ever_reached=True,
        last_contact_on=dt.date(2026, 12, 9),
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="we're the better design but they think we're expensive next to the other bid",
    )
    points = coach(contact, TODAY)
    assert "expensive" in points.reason.text and "Wed 16 Dec" in points.reason.text, points.reason.text


def test_a_call_set_after_an_open_promise_comes_back_on_its_day():
    later = FollowUp(dt.date(2027, 1, 4), Stage.ACTIVE, 0, "your notes say 4 Jan")
    kept = by_your_promise(later, dt.date(2026, 12, 11), dt.date(2026, 12, 7), DEFAULT_NUDGE_DAYS)
    assert kept.next_due == dt.date(2026, 12, 11) and "promise" in kept.reason
    late = by_your_promise(later, dt.date(2026, 12, 1), dt.date(2026, 12, 7), DEFAULT_NUDGE_DAYS)
    assert late.next_due == dt.date(2026, 12, 8)
    sooner = FollowUp(dt.date(2026, 12, 9), Stage.ACTIVE, 0, "2 business days")
    assert by_your_promise(sooner, dt.date(2026, 12, 11), dt.date(2026, 12, 7), DEFAULT_NUDGE_DAYS) == sooner


def test_the_console_keeps_a_promised_day_when_their_boss_is_away():
    result = run_console(
        "/met Kojo Badu of Badu Juice at Trade Fair on 2026-11-20: promised a layout drawing by Fri 27 Nov\n"
        "/called Kojo Badu reached: liked the photos. his director is on leave, back 11 Jan\n"
    )
    assert result.returncode == 0, result.stderr
    logged = after(
        result.stdout, "/called Kojo Badu reached: liked the photos. his director is on leave, back 11 Jan"
    )
    assert "Next follow-up Fri 27 Nov: your promise is due" in logged, logged


def test_where_they_are_every_morning_is_no_topic():
    contact = ContactFacts(
        4,
        "Akua Boateng",
        "Boateng Bakes",
        met_on=dt.date(2026, 11, 20),
        notes="on the ovens every morning, call after 11. flour sacks stacked on the floor, wants shelving",
    )
    points = coach(contact, TODAY)
    assert "every morning" not in points.reason.text, points.reason.text


def test_wanting_to_know_which_is_a_question_to_answer():
    found = asked_question("nice chat. he wants to know which forms the council needs for the permit")
    assert found is not None and found[0] == "an answer on which forms the council needs for the permit"


def test_an_offer_titled_as_a_question_is_named_by_it():
    assert offer_name("How dock levellers fail and what to check", "offer").startswith(
        "our piece on how dock levellers fail"
    )


def test_a_building_older_than_the_titles_year_meets_it():
    contact = ContactFacts(
        5,
        "Ewurabena Sey",
        "Sey Storage",
        met_on=dt.date(2026, 11, 20),
        notes="the insurer raised the premium on their warehouse from 1984, wants to know why",
    )
    offers = [
        OfferFacts(1, "What insurers look for in pre-1990 warehouses", None, ("insurance", "structure"))
    ]
    points = coach(contact, TODAY, offers=offers)
    assert "pre-1990" in points.reason.text or "our piece on" in points.reason.text, points.reason.text


def test_two_word_ghanaian_given_names_and_hajia():
    assert first_name("Maame Akua Owusu") == "Maame Akua"
    assert address_in("met at the fair. Alhaji Issah - runs the depot", "Issah Seidu") == "Alhaji Issah"
