"""Round 73's classes (SPEC §14), in wordings of our own: what someone else in their house wants ("the
owner wants a pool") is no step of theirs; "asked if she wants it as PDF" is your question, and her
dated ask still stands; "waited 6 days for a truck" meets a haulier with empty trucks; a yes to your
invitation is a place to confirm, not an invitation to send again. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.next_step import next_step
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 25)
_CALL = dt.date(2026, 12, 8)
_TODAY = dt.date(2026, 12, 15)


def _who(cid, name, notes, **more):
    return ContactFacts(cid, name, "Firm", met_on=_MET, event="Agri Day", notes=notes, **more)


def test_what_someone_else_in_their_house_wants_is_no_step():
    assert next_step("the owner wants a pool, she wants the dryer. board votes Fri") is None


def test_your_question_about_the_format_leaves_her_dated_ask_standing():
    contact = _who(
        71, "Aigerim Bekova", "asked for our price list + lead times, needs it by 8 Jan for the tender",
        last_outcome="emailed", last_call_on=_CALL, last_contact_on=_CALL,
        last_call_notes="asked if she wants the price list as PDF or in the tender form",
    )  # fmt: skip
    points = coach(contact, _TODAY)
    assert points.reason.kind == "asked" and "price list" in points.reason.text, points.reason


def test_waiting_for_a_truck_meets_a_haulier_with_empty_trucks():
    station = _who(72, "Dana Ospanova", "grain sat 6 days waiting for a truck to the mill last harvest")
    haulier = _who(73, "Nurlan Sadykov", "trucking firm, 12 trucks, looking for return loads")
    points = coach(station, _TODAY, others=[haulier])
    assert points.reason.kind == "intro" and "Nurlan" in points.reason.text, points.reason


def test_a_yes_to_your_invitation_is_a_place_to_confirm():
    open_day = OfferFacts(
        4, "Invitation: open day at our Almaty yard, Thu 14 Jan 2027", None, ("#event",), dt.date(2027, 1, 14)
    )
    contact = _who(
        74, "Saule Nurova", "runs the agronomy lab",
        last_outcome="reached", last_call_on=_CALL, last_contact_on=_CALL,
        last_call_notes="wants to come to the open day with two of her students",
    )  # fmt: skip
    points = coach(contact, _TODAY, [open_day])
    assert "said yes" in points.reason.text and "Confirm" in points.reason.text, points.reason
    assert "glad you're coming" in points.opener and "invite you" not in points.voicemail
