"""Rounds 83–84's classes (SPEC §14), in wordings of our own: "tmrw" is tomorrow; "we'd need a partner
there" is the user's need, never theirs; residues piling up meet a buyer of biomass both ways; a
hyphenated surname after a title is how to address them; a budget that closes on a day dates the
price they asked for; a promise clipped inside its aside stops before the aside; an object with
"incl." keeps its tail. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.facts import _clip
from bot.domain.talking_points.next_step import next_step
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 16)


def test_tmrw_is_tomorrow():
    assert notes_follow_up("stuck in a site meeting, try tmrw", dt.date(2026, 12, 9))[0] == dt.date(
        2026, 12, 10
    )


def test_a_need_of_ours_is_not_theirs():
    assert situation_of("their estate is in Kano so we would need a local installer there") is None


def test_residue_piling_up_meets_a_buyer_of_biomass_both_ways():
    mill = ContactFacts(
        1,
        "Bala Musa",
        "Musa Rice Mill",
        met_on=dt.date(2026, 11, 30),
        notes="rice husk piling up behind the mill, they burn some and pay to cart the rest away",
    )
    brickworks = ContactFacts(
        2,
        "Ngozi Eke",
        "Eke Clay Works",
        met_on=dt.date(2026, 11, 30),
        notes="diesel for the kilns doubled, could switch to biomass if she finds steady supply close by",
    )
    seller = coach(mill, TODAY, others=[brickworks])
    assert "Ngozi Eke" in seller.reason.text and "husk" in seller.reason.text, seller.reason.text
    buyer = coach(brickworks, TODAY, others=[mill])
    assert "Bala Musa" in buyer.reason.text and "biomass" in buyer.reason.text, buyer.reason.text


def test_a_hyphenated_surname_after_a_title_is_the_address():
    assert (
        address_in("medical director. Prof Eze-Okafor, not Chidi.", "Chidi Eze-Okafor") == "Prof Eze-Okafor"
    )


def test_a_budget_that_closes_dates_the_price_they_asked_for():
    contact = ContactFacts(
        3,
        "Amaka Obi",
        "Obi Clinic",
        met_on=dt.date(2026, 11, 25),
        notes="wants a budget price for two canopies — their budget closes Thu 17 Dec, then it is next year's money",
    )
    points = coach(contact, TODAY)
    assert "Thu 17 Dec" in points.reason.text and "today" in points.reason.text, points.reason.text


def test_a_clip_inside_an_aside_stops_before_it():
    text = "a one-page summary she can forward to the board (costs, lead times, warranty terms and the options we discussed)"
    assert _clip(text, 80) == "a one-page summary she can forward to the board"


def test_an_abbreviation_inside_the_thing_keeps_its_tail():
    found = next_step("wants the two sites priced + running costs incl. fuel & service")
    assert found is not None and found[0].endswith("fuel & service"), found


def test_open_to_a_check_on_the_call_is_a_day_to_fix():
    from bot.domain.talking_points.case import read_case

    found = read_case(
        "runs two lodges",
        dt.date(2026, 11, 20),
        "guests still moaning about the pump noise. open to a vibration test on site",
        dt.date(2026, 12, 8),
        TODAY,
    ).deliver
    assert found is not None and found.action == "book a vibration test on site", found


def test_an_order_cut_off_is_their_deadline():
    from bot.domain.talking_points.case_timing import decision_noun

    assert decision_noun("reminded him to order by 22 dec for the January fair") == "the order deadline"


def test_what_every_supplier_she_tried_wants_is_not_her_need():
    sit = situation_of("every mill she tried wants 10 t minimum so she buys retail flour")
    assert sit is None or "minimum" not in sit.phrase, sit


def test_a_buyer_and_a_seller_of_what_the_users_offers_mention_are_still_introduced():
    from bot.domain.talking_points import OfferFacts

    offers = [
        OfferFacts(1, "Honey jar label checklist", None, ("labels", "checklist")),
        OfferFacts(2, "Open day: honey label printing, Thu 14 Jan", None, ("invitation",)),
    ]
    apiary = ContactFacts(
        10,
        "Levan Kapanadze",
        "Kapanadze Apiary",
        met_on=dt.date(2026, 11, 20),
        notes="sitting on 800 jars of honey, shops full",
    )
    shop = ContactFacts(
        11,
        "Eka Beridze",
        "Tbilisi Deli",
        met_on=dt.date(2026, 11, 20),
        notes="wants a small honey producer for the gift shelf, 50 jars a month",
    )
    points = coach(shop, TODAY, offers=offers, others=[apiary])
    assert "Levan Kapanadze" in points.reason.text, points.reason.text
