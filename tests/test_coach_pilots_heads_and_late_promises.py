"""Rounds 141–142's classes (SPEC §14), in wordings of our own: a firm "after three guesthouses to trial"
its app meets a contact who runs one, both ways (never one that only serves them); "by 27.11" written
in a /met of 19 Nov is this November's day, so the promise is late, not a year away; "~600 head" is a
herd, never a head of anything; a farm "looking for cheap feed / byproducts" meets a brewery whose
spent grain piles up; a boss who "keeps asking her why" is pressure, the surcharge behind it the
problem. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.promises import read_promise
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 19)
TODAY = dt.date(2026, 12, 8)


def _met(n, name, company, notes):
    return ContactFacts(n, name, company, met_on=MET, notes=notes, stage=Stage.NEW)


def test_a_firm_after_a_few_of_a_kind_for_a_trial_meets_one_both_ways():
    seeker = _met(
        1,
        "Rua Tamihana",
        "Kete Bookings",
        "booking app for small stays, after three guesthouses to trial it in Feb",
    )
    host = _met(2, "Oona Byrne", "Byrne Guesthouse", "owner, 8 rooms. card machine keeps dropping")
    for one, other in ((seeker, host), (host, seeker)):
        points = coach(one, TODAY, others=[other])
        assert points.reason.kind == "intro" and other.name in points.reason.text, (one.name, points.reason)
    assert "after three guesthouses to trial it in Feb" in coach(host, TODAY, others=[seeker]).reason.text


def test_a_firm_that_only_serves_the_kind_is_not_one():
    seeker = _met(1, "Rua Tamihana", "Kete Bookings", "after three guesthouses to trial the app in Feb")
    supplier = _met(3, "Piet Kruger", "Kruger Linen", "linen hire for guesthouses and hotels, 40 clients")
    points = coach(seeker, TODAY, others=[supplier])
    assert not (points.reason.kind == "intro" and "Piet" in points.reason.text), points.reason


def test_a_dotted_deadline_before_today_is_read_from_the_day_it_was_promised():
    read = read_promise("promised her the price list + a visit plan by 27.11", TODAY, since=MET)
    assert read.due == dt.date(2026, 11, 27), read
    assert read_promise("send the plan by 27.11", TODAY).due.year == 2027  # said today: next year's
    assert read_promise("send the plan by 27 Nov", TODAY, since=MET).due == dt.date(2026, 11, 27)
    assert read_promise("send the plan by fri", TODAY, since=MET).due == dt.date(
        2026, 12, 11
    )  # the coming one


def test_a_herd_counted_in_head_is_no_head_of_anything():
    farm = _met(4, "Gerrit Visser", "Visser Agro", "dairy farm ~600 head, milking parlour needs a refit")
    boss = _met(5, "Ines Laine", "Laine Foods", "head of operations, needs a new ops director before spring")
    for one, other in ((farm, boss), (boss, farm)):
        points = coach(one, TODAY, others=[other])
        assert points.reason.kind != "intro", (one.name, points.reason)


def test_a_farm_after_cheap_feed_meets_a_brewery_with_grain_to_shift():
    farm = _met(
        6, "Tadeusz Nowak", "Nowak Pigs", "pig unit, feed bills doubled, looking for cheap wet feed nearby"
    )
    brewery = _met(
        7, "Saoirse Kehoe", "Kehoe Brewing", "brewpub. spent grain piling up, pays a man to haul it off"
    )
    for one, other in ((farm, brewery), (brewery, farm)):
        points = coach(one, TODAY, others=[other])
        assert points.reason.kind == "intro" and other.name in points.reason.text, (one.name, points.reason)


def test_pressure_from_their_boss_is_not_the_problem_the_surcharge_is():
    sit = situation_of("water board adds a pollution surcharge each quarter, her MD keeps asking her why")
    assert sit.kind == "problem" and "surcharge" in sit.phrase, sit


def test_every_kind_word_names_one_kind():
    from collections import Counter

    from seeds import vocabulary

    counts = Counter(w for kind in vocabulary()["kind"] for w in kind["words"])
    assert [w for w, n in counts.items() if n > 1] == []
    assert all(" " not in w for w in counts), "kind words are single words"
