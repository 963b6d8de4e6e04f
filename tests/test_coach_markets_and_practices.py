"""Round 78's and 79's classes (SPEC §14), in wordings of our own: produce with nobody to take it meets a
buyer short of it or of what is made from it, both ways, but never across products; a survey of a
kind meets a practice of that kind ("a structural assessment" and "… Structural Design"); "won't
lend without X" is a need for X; a lender's demand on them is no request to you unless it is yours
to give; numeric days in notes are read in the user's country's order ("12/24" in Tokyo); a
propagation house is a greenhouse. Pure, except one console run."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bot.domain.dates import day_first_in, spelled_dates
from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.offer_match import need_is_ours
from bot.services.playbook_files import load_playbook
from seeds import vocabulary
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 14)


def _contact(cid, name, company, notes, call=None):
    return ContactFacts(cid, name, company, met_on=dt.date(2026, 11, 25), notes=notes, last_call_notes=call)


ORCHARD = _contact(
    1,
    "Esi Boateng",
    "Akuapem Mango Growers",
    "chair of 60 growers. a glut every June, half the crop rots at the roadside",
    "from June about 20 t a month, nobody lined up to take it",
)
JUICER = _contact(
    2,
    "Kojo Mensah",
    "Tropical Press Juices",
    "plant manager. the juice line runs short of fruit half the year, they end up importing concentrate",
)
BRICKS = _contact(3, "Ama Owusu", "Red Clay Bricks", "kiln manager. short of clay every dry season")


def test_produce_with_no_buyer_meets_a_buyer_short_of_it_both_ways():
    seller = coach(ORCHARD, TODAY, others=[JUICER, BRICKS])
    assert "Kojo Mensah" in seller.reason.text and "buyer" in seller.reason.text, seller.reason.text
    buyer = coach(JUICER, TODAY, others=[ORCHARD, BRICKS])
    assert "Esi Boateng" in buyer.reason.text and "fruit" in buyer.reason.text, buyer.reason.text


def test_a_buyer_of_another_product_is_no_market():
    points = coach(ORCHARD, TODAY, others=[BRICKS])
    assert "Ama Owusu" not in points.reason.text, points.reason.text


def test_every_product_word_belongs_to_one_product():
    counts = Counter(w for p in vocabulary()["product"] for w in p["words"])
    assert [w for w, n in counts.items() if n > 1] == []


def test_a_survey_of_a_kind_meets_a_practice_of_that_kind():
    school = _contact(
        4,
        "Yaw Darko",
        "Hillside Academy",
        "the insurer won't renew without a structural survey of the old block, and no engineer can come before March",
    )
    office = _contact(5, "Efua Quaye", "Quaye Structural Engineering", "small practice, has space in January")
    points = coach(school, TODAY, others=[office])
    assert "Efua Quaye" in points.reason.text and "structural survey" in points.reason.text, (
        points.reason.text
    )
    back = coach(office, TODAY, others=[school])
    assert "Yaw Darko" in back.reason.text, back.reason.text


def test_a_lenders_demand_is_theirs_unless_it_is_yours_to_give():
    assert read_case("the bank wants the valuation report by March", TODAY, None, None, TODAY).deliver is None
    found = read_case("the bank wants two quotes on file by March", TODAY, None, None, TODAY).deliver
    assert found is not None and "quote" in found.thing


def test_numeric_days_in_notes_read_in_the_users_order():
    assert day_first_in("JP") is False and day_first_in("GH") is True
    assert (
        spelled_dates("board signs off 12/22, not before", TODAY, False)
        == "board signs off 22 Dec, not before"
    )
    assert spelled_dates("board signs off 22/12", TODAY, True) == "board signs off 22 Dec"
    assert spelled_dates("about 2/3 of the racks", TODAY, False) == "about 2/3 of the racks"
    contact = ContactFacts(
        6,
        "Haruto Mori",
        "Mori Cold Store",
        met_on=dt.date(2026, 11, 25),
        notes="asked for a price for anchoring 40 racks, needs it before the budget closes 12/17",
    )
    points = prepare(
        contact,
        user=UserFacts("Sam", day_first=False),
        offers=[],
        others=[],
        today=TODAY,
        playbook=load_playbook(),
    )
    assert "17 Dec" in points.reason.text and "12/17" not in points.reason.text, points.reason.text


def test_a_propagation_house_is_the_greenhouse_builders_own_work():
    offers = [
        OfferFacts(1, "Greenhouse open day, Sat 9 Jan", None, ("openday",)),
        OfferFacts(2, "Greenhouse ventilation checklist", None, ("checklist",)),
    ]
    assert need_is_ours("wants a propagation house for cocoa seedlings", offers)
    assert not need_is_ours("wants a cold room for cocoa beans", offers)
