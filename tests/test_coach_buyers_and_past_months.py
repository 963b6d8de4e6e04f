"""Round 90's classes (SPEC §14), in wordings of our own: a month said of something that happened
("rejected at the port in September", said in November) is no day ahead; "wants a client in Spain"
is never met by another contact who is "an existing client" of yours, but a grower with no buyer
meets an importer hunting a new origin for that fruit, naming the goods; "the headache is X — has
to Y" is a problem, not a plan to help happen; "asked if I know anything on X" asks for a lead. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import said_days
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2026, 11, 30)


def test_a_month_of_something_that_happened_is_no_day_ahead():
    assert said_days("a whole lorry of figs was rejected at the port in September", TODAY) == []
    assert said_days("wants to talk again in March", TODAY)[0].day == dt.date(2027, 3, 1)
    assert said_days("ring next October", TODAY)[0].day == dt.date(2027, 10, 1)


def test_a_past_month_does_not_hold_the_call_back():
    points = coach(
        ContactFacts(
            5,
            "Nilufar Sodiqova",
            "Farg'ona Figs",
            met_on=dt.date(2026, 11, 20),
            notes="a whole lorry of figs was rejected at the port in September, mould. wants it sorted before the next harvest",
        ),
        TODAY,
    )
    assert points.reason.kind != "wait", points.reason
    assert "2027" not in points.reason.text, points.reason.text


GROWER = ContactFacts(
    6,
    "Otabek Mirzayev",
    "Namangan Sun Farms",
    met_on=dt.date(2026, 11, 20),
    notes="dries prunes and raisins, 80 t a season. sells only at the local bazaar, asked if I know any buyers abroad",
)
IMPORTER = ContactFacts(
    7,
    "Lena Hoffmann-Brück",
    "Hoffmann Naturkost",
    met_on=dt.date(2026, 11, 21),
    notes="Hamburg wholesaler for health-food shops. searching for a new source of raisins, their Iranian one dried up",
)
CLIENT = ContactFacts(
    8,
    "Timur Rashidov",
    "Tashkent Mill",
    met_on=dt.date(2026, 11, 21),
    notes="existing client of ours, two machines. wants a client in Spain for his flour",
)


def test_a_grower_with_no_buyer_meets_an_importer_hunting_a_new_source():
    points = coach(GROWER, TODAY, others=[CLIENT, IMPORTER])
    assert points.reason.kind == "intro" and "Lena" in points.reason.text, points.reason
    back = coach(IMPORTER, TODAY, others=[CLIENT, GROWER])
    assert back.reason.kind == "intro" and "Otabek" in back.reason.text, back.reason
    assert "prunes" in back.reason.text or "raisins" in back.reason.text.split(":", 1)[-1], back.reason.text


def test_the_word_client_is_no_introduction():
    someone = ContactFacts(
        9, "Aziza Karimova", "Karimova Trade", notes="existing client, happy with the service contract"
    )
    points = coach(CLIENT, TODAY, others=[someone])
    assert "Aziza" not in points.reason.text, points.reason.text


def test_the_headache_named_first_is_a_problem_not_a_plan():
    found = situation_of("the headache is cash in spring — has to buy seed in March and nobody will lend")
    assert found is not None and found.kind == "worry", found
    assert found.phrase == "cash in spring", found


def test_asking_whether_you_know_anything_on_it_asks_for_a_lead():
    found = situation_of("asked if I knew anything about crop insurance")
    assert found is not None and found.lead == "asked", found
    assert found.phrase == "a good lead on crop insurance", found
