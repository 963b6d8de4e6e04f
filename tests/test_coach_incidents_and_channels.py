"""Round 71's classes (SPEC §14), in wordings of our own: a past incident ("stuck 4 days waiting on
certs") is no request; an e-mail whose note lists what it carried answers the ask; "engines keep
failing" meets "just opened an engine repair shop", both ways; how you heard of them is no topic;
"phone only, no email" is never answered with "write instead"; "asked group price for 60 units" is
their request. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 18)
_TODAY = dt.date(2026, 12, 14)


def _who(cid, name, notes, **more):
    return ContactFacts(cid, name, "Firm", met_on=_MET, event="Harbour Day", notes=notes, **more)


def test_a_past_incident_waiting_on_something_is_no_request():
    case = read_case(
        "Sept: a barge sat 4 days waiting on hull certs before the audit, lost a contract",
        _MET,
        None,
        None,
        _TODAY,
    )
    assert case.deliver is None, case.deliver


def test_an_email_listing_what_it_carried_answers_the_ask():
    contact = _who(
        61, "Moana Tuilagi", "wants our turnaround times in writing for the owners",
        last_outcome="emailed", last_call_on=dt.date(2026, 12, 4), last_contact_on=dt.date(2026, 12, 4),
        last_call_notes="turnaround comparison + price sheet for the owners",
    )  # fmt: skip
    points = coach(contact, _TODAY)
    assert points.reason.kind != "asked", points.reason


def test_a_thing_going_wrong_meets_a_new_shop_that_repairs_it_both_ways():
    fleet = _who(62, "Sione Vea", "3 tour boats, engines keep failing, nobody local he trusts")
    shop = _who(63, "Tevita Lolo", "just opened an engine repair shop by the marina, trained in Auckland")
    one = coach(fleet, _TODAY, others=[shop])
    assert one.reason.kind == "intro" and "Tevita" in one.reason.text, one.reason
    other = coach(shop, _TODAY, others=[fleet])
    assert other.reason.kind == "intro" and "Sione" in other.reason.text, other.reason


def test_how_you_heard_of_them_is_no_topic():
    contact = _who(
        64,
        "Lupe Fifita",
        "NOT met her yet, Sione's tip. runs 5 longliners. say he sent me",
        referred_by="Sione Vea",
    )
    points = coach(contact, _TODAY)
    assert "tip" not in points.reason.text and "sent me" not in points.reason.text, points.reason


def test_phone_only_is_never_answered_with_write_instead():
    contact = _who(
        65, "Ana Taufa", "coop chair. phone only, no email",
        email="ana@example.com", last_outcome="no-answer", last_call_on=dt.date(2026, 12, 10),
        last_contact_on=dt.date(2026, 12, 10), unanswered_streak=3,
    )  # fmt: skip
    points = coach(contact, _TODAY)
    shown = " ".join([points.reason.text, points.opener, points.voicemail]).lower()
    assert "e-mail" not in shown.replace("no e-mail", "") and "write" not in shown, shown


def test_asked_a_price_without_for_is_their_request():
    case = read_case("coop chair. asked group price for 60 jackets", _MET, None, None, _TODAY)
    assert case.deliver and case.deliver.theirs and "price" in case.deliver.thing, case.deliver
