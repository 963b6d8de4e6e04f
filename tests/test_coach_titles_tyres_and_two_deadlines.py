"""Round 109's classes (SPEC §14), in wordings of our own: an abbreviated job title ("plantation
workshop supt.") is never the thing to ask about; a yard of dead tyres to clear meets someone asking
where he can get old tyres, both ways; a promise of two things whose first names another day ("two
places at the 20 Jan open day and a sample before New Year's Eve") is due by its "before", whole. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverables
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 11, 26)

YARD = ContactFacts(
    1,
    "Rosa Tamate",
    "Hoskins Palm Oil",
    met_on=MET,
    notes="plantation workshop supt. ~200 worn tyres piled up by the shed, council gave them until February to clear it",
)
BUILDER = ContactFacts(
    2,
    "Peni Waigani",
    "Waigani Civil",
    met_on=MET,
    notes="building sea walls and a school playground. asked where he can get old tyres cheap",
)


def test_an_abbreviated_title_is_never_the_topic():
    points = coach(YARD, TODAY)
    assert "workshop supt" not in points.reason.text, points.reason.text
    assert "tyres" in points.reason.text, points.reason.text


def test_tyres_to_clear_meet_someone_who_wants_old_tyres_both_ways():
    points = coach(YARD, TODAY, others=[BUILDER])
    assert points.reason.kind == "intro" and "Peni" in points.reason.text, points.reason
    back = coach(BUILDER, TODAY, others=[YARD])
    assert back.reason.kind == "intro" and "Rosa" in back.reason.text, back.reason


def test_a_two_part_promise_is_due_by_its_before_and_kept_whole():
    found = list(
        _deliverables(
            "keen now. I'll get her two places at the 20 Jan open day and a retread sample before New Year's Eve",
            dt.date(2026, 12, 9),
        )
    )
    assert found and found[0].by == dt.date(2026, 12, 31), found
    assert "retread sample" in found[0].thing and "two places" in found[0].thing, found
