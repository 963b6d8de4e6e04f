"""Round 72's classes (SPEC §14), in wordings of our own: a month when something happened ("the old
manager left in August") is no time to wait for; "wants the leak sorted" is an outcome, never a thing
to send; "to see the panel in hand" is a chance to see the panel; "2 sample taps fitted on the new
sinks" is a visit to book. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.next_step import next_step

_MET = dt.date(2026, 12, 2)
_TODAY = dt.date(2026, 12, 18)


def test_a_month_when_something_happened_is_no_wait():
    case = read_case(
        "ops lead. the old manager left in August and kept his master key", _MET, None, None, _TODAY
    )
    assert case.wait_until is None, case


def test_wanting_it_sorted_is_an_outcome_not_a_step():
    assert next_step("third leak this month, only wants the leak sorted") is None
    assert next_step("wants the spec sheet for the pumps")[0] == "send the spec sheet for the pumps"


def test_to_see_it_in_hand_is_a_chance_to_see_it():
    case = read_case("12 flats. wants to see the panel in hand before he budgets", _MET, None, None, _TODAY)
    assert case.deliver and case.deliver.thing == "a chance to see the panel", case.deliver
    assert case.deliver.action.startswith("book ")


def test_things_fitted_on_site_are_a_visit_to_book():
    case = read_case(
        "new café opens 30 Dec. asked for 2 sample taps fitted on the new sinks", _MET, None, None, _TODAY
    )
    assert case.deliver and case.deliver.action.startswith("book "), case.deliver
