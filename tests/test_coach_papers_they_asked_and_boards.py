"""Rounds 167–168's classes (SPEC §14), in wordings of our own: a paper that names a trade ("our
agent agreement", "the supplier list") is a thing to send, not a person to find; a newer note that
says they have it ("got our rate card") closes the request; a decision's day comes from the part of
the note that says who decides then, not from an earlier step said in passing. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.digest_view import digest_rank
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_items import names_a_person
from bot.domain.talking_points.case_timing import _decision
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 11, 24)


def test_a_paper_named_after_a_trade_is_not_a_person():
    assert not names_a_person("our agent agreement in French")
    assert not names_a_person("the supplier list + price grid")
    assert names_a_person("a good agent in Lyon")
    assert names_a_person("an accountant who knows VAT")


def test_a_request_for_such_a_paper_with_their_day_is_theirs_to_receive():
    case = read_case(
        "imports bikes from Taiwan. Asked for our agent agreement + customs forms, needs them before 23 Dec",
        MET,
        None,
        None,
        TODAY,
    )
    assert case.deliver is not None and case.deliver.theirs, case.deliver
    assert "agent agreement" in case.deliver.thing and case.deliver.by == dt.date(2026, 12, 23)
    contact = ContactFacts(
        7,
        "Ines Varga",
        "Varga Bikes",
        met_on=MET,
        notes="imports bikes from Taiwan. Asked for our agent agreement + customs forms, needs them before 23 Dec",
    )
    reason = coach(contact, TODAY).reason.text
    assert "agent agreement" in reason and "Wed 23 Dec" in reason, reason
    assert "deal" not in reason.lower(), reason


def test_they_have_it_now_closes_the_request():
    case = read_case(
        "ops lead, comparing three hauliers, wants rate card",
        MET,
        "has our rate card now, shortlisting two",
        dt.date(2026, 12, 9),
        TODAY,
    )
    assert case.deliver is None, case.deliver
    still = read_case("wants rate card and our terms", MET, "liked the call", dt.date(2026, 12, 9), TODAY)
    assert still.deliver is not None and "rate card" in still.deliver.thing


def test_the_decision_day_comes_from_the_part_that_decides():
    found = _decision("two firms shortlisted, committee picks on Tue 22 Dec", dt.date(2026, 12, 9))
    assert found == (dt.date(2026, 12, 22), "committee picks on Tue 22 Dec"), found
    contact = ContactFacts(
        8,
        "Oskar Lindqvist",
        "Lindqvist Bygg",
        met_on=MET,
        notes="reviewing suppliers for next year, wants rate card",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="has our rate card. two firms shortlisted, committee picks on Tue 22 Dec",
    )
    reason = coach(contact, TODAY).reason.text
    assert "committee" in reason and "tomorrow" in reason, reason
    assert "shortlist" not in reason, reason
    assert digest_rank(contact, TODAY)[0] == 0  # the day they decide puts them first in the digest
