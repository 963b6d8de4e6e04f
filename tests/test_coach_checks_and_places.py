"""Round 81's classes (SPEC §14), in wordings of our own: "asked if I had X, said I'd see" is finding
out whether we have X, never a promise to "see"; a place or a client named in an offer's title is no
topic ("a hotel in Aqaba" is not for someone flying back to Aqaba); "before he takes it to the board
on 14 Jan" is said whole; a fear someone else does not have ("lads who aren't scared of heights") is
no worry of theirs. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 20)


def test_said_id_see_after_a_question_is_finding_out_the_answer():
    contact = ContactFacts(
        1,
        "Rami Haddad",
        "Haddad Clinic",
        met_on=dt.date(2026, 12, 2),
        notes="asked if I had a template for the ministry's licence renewal, said I'd see",
    )
    points = coach(contact, TODAY)
    assert "whether we have a template for the ministry" in points.reason.text, points.reason.text
    assert "would see" not in points.reason.text and "would see" not in (points.opener or "")


def test_a_place_in_an_offers_title_is_no_topic():
    contact = ContactFacts(
        2,
        "Karim Saleh",
        "Saleh Logistics",
        met_on=dt.date(2026, 11, 25),
        notes="ops manager, flying back to Irbid on Monday, wants to cut diesel use in the yard",
    )
    offers = [OfferFacts(1, "Case study: cold store roof in Irbid", None, ("casestudy", "coldstore"))]
    points = coach(contact, TODAY, offers=offers)
    assert "cold store" not in points.reason.text, points.reason.text


def test_before_an_event_on_a_day_is_said_whole():
    found = read_case(
        "wants two client references he can ring before he takes it to the board on 14 Jan",
        dt.date(2026, 12, 1),
        None,
        None,
        TODAY,
    ).deliver
    assert (
        found.by == dt.date(2027, 1, 14) and found.by_words == "before he takes it to the board on 14 Jan"
    ), found


def test_a_fear_denied_is_no_worry():
    sit = situation_of("can't find young lads who aren't scared of heights, would train them himself")
    assert sit is None or sit.kind != "worry", sit


def test_their_own_words_in_quotes_never_rule_an_offer_out_and_pain_makes_one_word_enough():
    contact = ContactFacts(
        3,
        "Omar Nasser",
        "Nasser Printing",
        met_on=dt.date(2026, 11, 20),
        notes='owner. likes it BUT "I can\'t pay anything upfront, it has to come out of savings"',
    )
    offers = [OfferFacts(1, "Guide: paying for new presses with green loans", None, ("financing", "bank"))]
    points = coach(contact, TODAY, offers=offers)
    assert "green loans" in points.reason.text or "guide" in points.reason.text, points.reason.text


def test_a_titles_named_checklist_is_named_by_its_head():
    from bot.domain.talking_points.phrases import offer_name

    assert offer_name("Boiler-room checklist: 12 things to photograph before a service visit", "offer") == (
        "our boiler-room checklist"
    )


def test_a_bank_branch_still_waiting_on_a_certificate_is_no_request_to_you():
    found = read_case(
        "the branch is still waiting on the survey certificate before they lend. asked if I know anyone",
        TODAY,
        None,
        None,
        TODAY,
    ).deliver
    assert found is None, found


def test_a_buyers_demand_on_them_is_not_their_own_need():
    sit = situation_of("their retailer wants suppliers on renewable power by 2029. keen on a pilot")
    assert sit is None or "suppliers" not in sit.phrase, sit


def test_after_unanswered_tries_a_whatsapp_person_gets_a_message():
    contact = ContactFacts(
        9,
        "Yusuf Bello",
        "Bello Mills",
        met_on=dt.date(2026, 11, 25),
        notes="flour mill. WhatsApp only, never checks email",
        last_outcome="no-answer",
        unanswered_streak=3,
        last_contact_on=dt.date(2026, 12, 11),
        last_call_on=dt.date(2026, 12, 11),
    )
    points = coach(contact, TODAY)
    assert "WhatsApp message" in points.reason.text, points.reason.text


def test_a_long_titled_article_is_named_up_to_its_tail():
    from bot.domain.talking_points.phrases import offer_name

    assert offer_name(
        "Article — Keeping cold rooms cold through a power cut without a generator", "offer"
    ) == ('our article, "Keeping cold rooms cold through a power cut"')
