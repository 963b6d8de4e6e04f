"""Rounds 67-68's classes (SPEC §14), in wordings of our own: a question they put to you on a call is
theirs to be answered, and soon; "she'll ring me after …" is a call of theirs to wait for; "still no
vans" meets "vans idle"; "get her the results" is said to her as "get you the results"; a brand name
stitched on things is no name asked for; a date said apart from the ask ("needs it by FRI 18 DEC")
dates it, and an e-mail asking for their figures blocks it. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_schedule import deliver_follow_up
from bot.domain.talking_points.phrases import spoken
from bot.domain.vocabulary import nudge_days_from_text
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 20)
_CALL = dt.date(2026, 12, 7)
_WEEKDAYS = nudge_days_from_text("0,1,2,3,4")


def _called(notes, said, outcome="reached", cid=21, name="Noa Kahale", company="Kahale Farms"):
    return ContactFacts(
        cid, name, company, met_on=_MET, event="Agri Summit", notes=notes,
        last_outcome=outcome, last_call_on=_CALL, last_contact_on=_CALL, last_call_notes=said,
    )  # fmt: skip


@pytest.mark.parametrize(
    "said",
    [
        "asked what lead time we quote for 20 pumps and a price per unit",
        "she asked how soon we could survey the site",
    ],
)
def test_a_question_put_to_you_is_theirs_to_be_answered_and_soon(said):
    points = coach(_called("grows papaya", said), dt.date(2026, 12, 10))
    assert points.reason.kind == "asked" and "an answer on" in points.reason.text, points.reason
    day, _why, _thing = deliver_follow_up(said, _CALL, _WEEKDAYS)
    assert day == dt.date(2026, 12, 9)


def test_a_call_they_said_they_would_make_is_waited_for_then_saved():
    points = coach(
        _called("grows papaya", "board looks at it Fri 11 Dec, she'll ring me after the 11th"),
        dt.date(2026, 12, 9),
    )
    assert points.reason.kind == "not_yet" and "would ring you after the 11th" in points.reason.text, (
        points.reason
    )
    assert "save you the call" in points.opener and "ring to hear" not in points.opener


def test_still_no_vans_meets_vans_idle_both_ways():
    short = _called("packhouse", "still no vans for the January harvest")
    spare = _called(
        "courier firm", "3 vans idle over January", cid=22, name="Ikaika Pua", company="Pua Couriers"
    )
    one = coach(short, dt.date(2026, 12, 10), others=[spare])
    assert one.reason.kind == "intro" and "Ikaika" in one.reason.text, one.reason
    other = coach(spare, dt.date(2026, 12, 10), others=[short])
    assert other.reason.kind == "intro" and "Noa" in other.reason.text, other.reason


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("get her soil results for the top field", "get you the soil results for the top field"),
        ("send her 2 references", "send you 2 references"),
        ("review her plan", "review your plan"),
    ],
)
def test_what_you_get_her_is_got_for_you(action, said):
    assert spoken(action, "Noa") == said


def test_a_brand_name_stitched_on_things_is_no_name_asked_for():
    case = read_case(
        "wants the farm name printed on the crates for spring", _MET, None, None, dt.date(2026, 12, 10)
    )
    assert case.deliver is None, case.deliver


def test_a_date_said_apart_dates_the_ask_and_an_email_asking_for_figures_blocks_it():
    contact = _called(
        "asked me for a written price: drip lines + filters. needs it by FRI 18 DEC, budget meeting after",
        "rang twice, emailed asking the exact field sizes so I can finish her price",
        outcome="emailed",
    )
    points = coach(contact, dt.date(2026, 12, 15))
    assert points.reason.kind == "awaiting" and "field sizes" in points.reason.text, points.reason
    assert "Fri 18 Dec" in points.reason.text and "FRI" not in points.reason.text
