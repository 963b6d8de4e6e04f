"""Rounds 104–105's classes (SPEC §14), in wordings of our own: "HER ask - a trial on …" and "asked ME —
a quote for …" are their requests; "said I'd try again Thu" is another call, never a deed to keep;
"before her March order on 2 Mar" is due on the 2nd, not at the end of February. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import said_days
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverables
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 2, 15)


def test_an_ask_said_with_a_dash_is_their_request():
    asked = list(_deliverables("HIS ask - a sample run on 5 of their hoses, back by the 26th", TODAY))
    assert asked and asked[0].theirs and "sample run on 5 of their hoses" in asked[0].thing, asked
    quote = list(_deliverables("she asked me — quote for 12 hose kits, has to have it by Fri 26 Feb", TODAY))
    assert quote and quote[0].thing.startswith("the quote for 12 hose kits"), quote
    assert quote[0].by == dt.date(2027, 2, 26)


def test_saying_you_will_try_again_is_no_promise():
    contact = ContactFacts(
        1,
        "Vilay Sengdara",
        "Sengdara Weaving",
        met_on=dt.date(2027, 1, 20),
        notes="runs a weaving co-op",
        stage=Stage.ACTIVE,
        last_outcome="voicemail",
        last_call_on=dt.date(2027, 2, 9),
        last_contact_on=dt.date(2027, 2, 9),
        last_call_notes="left a message, said I'd try again Thursday",
    )
    points = coach(contact, TODAY)
    assert points.reason.kind != "promised" and "try again" not in points.reason.short, points.reason


def test_a_month_naming_an_order_leaves_the_day_that_follows():
    days = said_days("I'll get her the price list before she places her March order on 2 Mar", TODAY)
    assert [d.day for d in days] == [dt.date(2027, 3, 2)], days
    assert said_days("wants it before March", TODAY)[0].day == dt.date(2027, 2, 28)
