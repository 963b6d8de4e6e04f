"""Rounds 159–162's classes (SPEC §14), in wordings of our own: a one-pager asked "before" a dated vote
is their request with that day; a meeting set up in the notes is a meeting to check once it has passed;
"(elle)" and "Mme Surname" give the pronoun; "badge said X — it's Y" is the name to use, never a topic;
"presents to the owners on the 23rd" is a decision; a grower sitting on a crop meets a mill whose line
is half empty, named as the notes type it. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import nickname_in
from bot.domain.pronouns import pronoun_of
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.noted_meeting import noted_meeting
from bot.domain.talking_points.situation_leads import typed_plain
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 12, 21)


def test_a_pager_asked_before_a_dated_vote_is_due_that_day():
    case = read_case(
        "budget voted at CODIR thu 24 Dec, wants a 2-pager w/ cost per trainee before", MET, None, None, TODAY
    )
    assert case.deliver is not None and case.deliver.by == dt.date(2026, 12, 24), case.deliver
    assert case.deliver.thing == "a 2-pager with cost per trainee", case.deliver
    assert typed_plain("ships w/o lids, and/or w/e") == "ships without lids, and/or w/e"


def test_a_meeting_set_up_in_the_notes_is_checked_once_passed():
    assert noted_meeting(("keen. said mtg Tue 8 Dec 9am at their depot, will confirm", MET)) == dt.date(
        2026, 12, 8
    )
    assert noted_meeting(("their board meeting on 8 Dec decides", MET)) is None
    contact = ContactFacts(
        1,
        "Mosese Taufa",
        "Taufa Water",
        met_on=MET,
        notes="procurement. said mtg Tue 8 Dec 9am at their depot",
        stage=Stage.NEW,
    )
    points = coach(contact, TODAY)
    assert points.reason.kind == "meeting_check", points.reason
    assert "8 Dec" in points.reason.text


def test_french_and_surname_titles_give_the_pronoun():
    assert pronoun_of("Awa Diop", None, "DAF (elle), direct") == "she"
    assert pronoun_of("Omar Said", None, "chef de quai (il)") == "he"
    assert pronoun_of("Claire Barry-Njoh", None, "Mme Barry-Njoh runs HR") == "she"


def test_the_name_on_the_badge_corrected_is_the_name_to_use():
    assert nickname_in("badge said Aleksandr — it's Sasha, she/her") == "Sasha"
    assert nickname_in("card says Katarzyna, it's Kasia") == "Kasia"
    contact = ContactFacts(
        2,
        "Aleksandra Nowak",
        "Nowak Berry",
        met_on=MET,
        notes="badge said Aleksandr — it's Sasha. 20 ha blueberries",
    )
    points = coach(contact, TODAY)
    assert "badge" not in points.reason.text and points.opener.startswith("Hi Sasha"), (
        points.reason.text,
        points.opener,
    )


def test_presenting_to_the_owners_on_a_day_is_a_decision():
    case = read_case(
        "ops mgr", MET, "quote sent, she presents to the owners 16 Dec", dt.date(2026, 12, 9), TODAY
    )
    assert case.decision_on == dt.date(2026, 12, 16), case


def test_a_crop_in_store_meets_a_mill_short_of_it():
    grower = ContactFacts(
        3,
        "Olena Bilyk",
        "Bilyk Farm",
        met_on=MET,
        notes="~200 t hrečka in store, the big mill wouldn't take it at her price",
    )
    mill = ContactFacts(
        4,
        "Taras Koval",
        "Koval Krupy",
        met_on=MET,
        notes="purchasing. groats line half empty, need raw buckwheat from new growers",
    )
    seller = coach(grower, TODAY, others=[mill]).reason.text
    assert "Taras Koval" in seller and "hrečka" in seller, seller
    assert "Olena Bilyk" in coach(mill, TODAY, others=[grower]).reason.text


def test_news_of_their_own_decision_is_theirs_to_send():
    from bot.domain.talking_points.next_step import next_step

    assert next_step("board still meets 10 Dec, we're on the shortlist, will send word 11th") is None
    assert next_step("tender panel sits Fri, will send the outcome after") is None
    assert next_step("I will send the result sheet by fri") == (
        "send the result sheet",
        "will send the result sheet by fri",
    )


def test_a_topic_said_to_be_covered_after_a_comma_is_no_need():
    from bot.domain.talking_points.models import OfferFacts

    offer = OfferFacts(
        9,
        "Case study: mildew spraying at a 40 ha vineyard",
        "https://ex.com/mildew",
        ("#mildew", "#spraying"),
    )
    contact = ContactFacts(
        5,
        "Ivo Marić",
        "Marić Vina",
        met_on=MET,
        notes="40 ha vines, bank wants yield maps by Feb, mildew fine w/ own crew",
    )
    assert "mildew" not in coach(contact, TODAY, offers=[offer]).reason.text.lower()
