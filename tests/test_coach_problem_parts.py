"""Round 114's classes (SPEC §14), in wordings of our own: in "took on 3 more boats at the marina,
the swell keeps snapping the mooring lines" the problem is the part that says what goes wrong, not
the first part; a problem told without its subject ("lost two pallets in transit") is said with one
("you lost …"), never "you told me lost". Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 16)


def test_the_problem_is_the_part_that_says_what_goes_wrong():
    found = situation_of(
        "marina manager. took on 3 more boats at the marina, the swell keeps snapping the mooring lines"
    )
    assert found and found.kind == "problem" and found.phrase.startswith("the swell keeps snapping"), found


def test_a_problem_without_its_subject_is_said_with_one():
    points = coach(
        ContactFacts(
            1,
            "Jonah Kealoha",
            "Kealoha Freight",
            met_on=dt.date(2026, 12, 1),
            event="Port Expo",
            notes="lost two pallets of glassware in transit last month",
        ),
        TODAY,
    )
    said = " ".join([points.reason.text, points.opener, points.voicemail])
    assert "told me lost" not in said and "solve: lost" not in said, said
