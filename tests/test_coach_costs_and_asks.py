"""Round 65's classes (SPEC §14), in wordings of our own: a bill they think is wrong is no cost to cut;
losses in their words meet a client story whose losses went down; what went out before is followed by
what fits better; a checklist sharing words with the quote they asked for is not that quote; a past day
in call notes is never next year's follow-up; "decides alone" is who decides, not when; a next step's
time leaves no dangling "for", and "send it in March" says when; "on her desk" is where, not what. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.call_text import notes_follow_up
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.next_step import next_step, step_when
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 12)
_TODAY = dt.date(2026, 12, 14)
_GAS = OfferFacts(
    1,
    "Checklist: nine ways to cut your bakery's gas bill",
    "https://e.com/g",
    ("#gas", "#checklist", "#savings"),
)
_SALMON = OfferFacts(
    2,
    "Case study: Ørsted Smokehouse, mortality down 27% on the ferry leg",
    "https://e.com/s",
    ("#case-study", "#seafood", "#spoilage"),
)


def _who(notes, **more):
    return ContactFacts(
        3, "Aoife Ní Bhriain", "Cois Farraige", met_on=_MET, event="Harbour Expo", notes=notes, **more
    )


def test_a_bill_they_think_is_wrong_is_no_cost_to_cut():
    points = coach(
        _who("gas bill tripled in a month, convinced the meter is faulty and wants to dispute it"),
        _TODAY,
        [_GAS],
    )
    assert points.reason.kind not in ("offer", "client_success"), points.reason


def test_the_same_bill_that_hurts_meets_the_checklist():
    points = coach(_who("gas bill tripled since the new ovens went in, owner furious"), _TODAY, [_GAS])
    assert points.reason.kind in ("offer", "client_success") and "gas bill" in points.reason.text, (
        points.reason
    )


@pytest.mark.parametrize(
    "notes",
    [
        "ships live lobsters to Paris, a few arrive dead every load",
        "oysters spoil in the van on hot days, customers complain",
    ],
)
def test_losses_in_their_words_meet_a_story_whose_losses_went_down(notes):
    points = coach(_who(notes), _TODAY, [_SALMON])
    assert points.reason.kind == "client_success" and "Ørsted Smokehouse" in points.reason.text, points.reason


def test_what_went_out_is_followed_by_what_fits_better():
    contact = _who(
        "ships live lobsters to Paris, a few arrive dead every load",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 3),
        last_contact_on=dt.date(2026, 12, 3),
        last_call_notes="sent our price list",
    )
    points = coach(contact, _TODAY, [_SALMON])
    assert points.reason.kind == "sent_followup", points.reason
    assert "price list" in points.reason.text and "Ørsted Smokehouse" in points.reason.text, (
        points.reason.text
    )
    assert "Ørsted Smokehouse" in points.voicemail and "Ørsted Smokehouse" in points.opener


def test_a_checklist_sharing_words_with_the_quote_asked_for_is_not_that_quote():
    contact = _who("needs a quote for new bakery gas ovens by Fri 18 Dec")
    points = coach(contact, _TODAY, [_GAS])
    assert points.reason.kind == "asked" and "quote" in points.reason.text, points.reason
    assert "checklist" not in points.reason.text


def test_a_past_day_in_call_notes_is_never_next_year():
    assert notes_follow_up("season opened 2 Dec, still short of hands", dt.date(2026, 12, 9)) is None
    assert notes_follow_up("renewal is next 2 Dec, ring a month before", dt.date(2026, 12, 9)) is not None


@pytest.mark.parametrize(
    "said", ["refits the cellar in Q1 2027 and decides alone", "she decides herself, spring build"]
)
def test_who_decides_is_not_when(said):
    case = read_case(said, _MET, None, None, _TODAY)
    assert case.decision_on is None, case


def test_a_next_step_time_leaves_no_dangling_word_and_their_month_wins():
    said = 'wants a service plan quote for next winter, "send it in March". closed till then'
    assert next_step(said)[0] == "send a service plan quote"
    assert step_when(said) == "in March"


def test_on_her_desk_is_where_not_what():
    case = read_case(
        "wants a quote for the walk-in chiller on her desk by 20 Dec",
        _MET,
        "still needs quote by 20 Dec",
        _TODAY,
        _TODAY,
    )
    assert case.deliver and "desk" not in case.deliver.thing, case.deliver
