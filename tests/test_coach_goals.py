"""The goal of a call fits what the reason is about (SPEC §14): a need someone else meets ends with a
name given, a problem with a first step that has a day, an invitation with an answer; never the plain
"find out what is going on" when the notes say more. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts
from tests.coach_helpers import coach

_PLAIN = "what is going on in"


def _goal(notes: str, offers=()) -> tuple[str, str]:
    who = ContactFacts(
        7, "Tamsin Oyelaran-Frith", company="Brightmoor", met_on=dt.date(2026, 12, 1), notes=notes
    )
    points = coach(who, dt.date(2026, 12, 10), offers)
    return points.reason.entry_id, points.goal


@pytest.mark.parametrize(
    ("notes", "words"),
    [
        ("asked whether I'd run a short session at their spring open day", "answer"),
        ("asked if I know a good conveyancing solicitor in town", "lead"),
    ],
)
def test_the_goal_follows_what_the_reason_is_about(notes, words):
    entry, goal = _goal(notes)
    assert entry.startswith("thread-"), entry
    assert _PLAIN not in goal
    assert words in goal, (entry, goal)


def test_a_contact_with_little_on_file_keeps_the_open_goal():
    entry, goal = _goal("")
    assert _PLAIN in goal, (entry, goal)
