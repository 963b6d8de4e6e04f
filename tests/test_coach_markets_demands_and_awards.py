"""Rounds 139–140's classes (SPEC §14), in wordings of our own: an importer "looking for dealers" and a
shop that "can't get real dewormer locally" are introduced both ways (so are a glass maker after small
brands and a maker who can't find jars in small lots); what every supplier or the government demands of
them is no need of theirs; an award on a known day is a decision; "Kim" before a double surname is a
first name, not a Korean family name; "asked what forms the council needs before he can open" is a
question to answer. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import first_name
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case_timing import decision_noun
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.situation_leads import asked_what
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 12)
TODAY = dt.date(2026, 12, 2)


def _met(n, name, company, notes):
    return ContactFacts(n, name, company, met_on=MET, notes=notes, stage=Stage.NEW)


def _intro_both_ways(seller: ContactFacts, buyer: ContactFacts) -> None:
    for one, other in ((seller, buyer), (buyer, seller)):
        points = coach(one, TODAY, others=[other])
        assert points.reason.kind == "intro", (one.name, points.reason)
        assert other.name in points.reason.text, points.reason.text


def test_an_importer_after_dealers_meets_a_shop_short_of_genuine_stock():
    _intro_both_ways(
        _met(
            1,
            "Zainab Lawal",
            "Lawal Animal Health",
            "imports acaricides and vaccines, looking for sub-dealers in the west",
        ),
        _met(
            2,
            "Kwame Boateng",
            "Boateng Agro Shop",
            "farm shop. can't get real dewormer locally, half of it is fake",
        ),
    )


def test_a_jar_maker_after_small_brands_meets_a_maker_short_of_small_lots():
    _intro_both_ways(
        _met(
            3,
            "Lucía Ferreyra",
            "Ferreyra Vidrios",
            "glass jars and droppers, min 200 pcs, looking for small brands",
        ),
        _met(
            4,
            "Tomás Rey",
            "Rey Botanics",
            "balms and oils. can't find glass jars in small lots, everyone wants 5k",
        ),
    )


def test_a_demand_made_on_them_is_no_need_of_theirs():
    for note in (
        "every supplier wants a 5k minimum",
        "all the printers want 10k runs",
        "govt needs a licence first",
    ):
        sit = situation_of(note)
        assert sit is None or sit.kind != "need", (note, sit)
    assert situation_of("wants a 5k minimum order line").kind == "need"


def test_an_award_on_a_known_day_is_the_decision():
    contact = ContactFacts(
        5, "Henrik Lund", "AidNord", met_on=MET, notes="NGO, tender for depot deliveries", stage=Stage.ACTIVE,
        last_outcome="emailed", ever_reached=True, last_contact_on=dt.date(2026, 11, 20),
        last_call_on=dt.date(2026, 11, 20), last_call_notes="sent the bid, he confirmed receipt. award 30 nov",
    )  # fmt: skip
    points = coach(contact, TODAY)
    assert "Mon 30 Nov" in points.reason.text and "how it went" in points.reason.text, points.reason.text
    assert decision_noun("award still 22 dec") == "the award"
    assert decision_noun("shortlist on the 8th") == "the shortlist"


def test_kim_before_a_double_surname_is_the_first_name():
    assert first_name("Kim Ribeiro-Sousa") == "Kim"
    assert first_name("Lee Sang-woo") == "Sang-woo"
    assert first_name("Kim Ha-Na") == "Ha-Na"


def test_a_question_with_a_longer_subject_is_still_a_question():
    assert asked_what("asked what forms the council needs before he can open") == (
        "what forms the council needs before he can open"
    )


def test_back_on_a_day_is_a_wait_and_a_day_over_a_month_name_is_read():
    contact = _met(
        6, "Aiko Sato", "Sato Foods", "sauces, 4 lines. touring suppliers in Peru, back 14/jan, msgs fine"
    )
    points = coach(contact, TODAY)
    assert points.reason.text.startswith("Not yet"), points.reason.text
    assert "Thu 14 Jan 2027" in points.reason.text
    # a day they came back is history, never a wait
    came = _met(7, "Ben Ito", "Ito Ltd", "came back 14 Dec from Lima, wants a quote for 2 lines")
    assert not coach(came, TODAY).reason.text.startswith("Not yet")
