"""Planned calls as pure rules (issue 28): the phrase reader, the best hour, the planner's default,
the 📅 label and the reminder's lead."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain.best_hour import MIN_TRIES, Try, best_hour, default_plan_at, weekday_runs
from bot.domain.plan import check_plan, due_after, plan_label, plan_words, reminder_lead
from bot.domain.plan_text import PlanPhrase, plan_instant, read_plan

TUESDAY = dt.date(2026, 11, 24)
NY = ZoneInfo("America/New_York")
MON, TUE, WED, THU, FRI = range(5)


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        ("call Ana thursday 10am", True, PlanPhrase("Ana", dt.date(2026, 11, 26), 600)),
        ("call ana ruiz thu at 4 pm", True, PlanPhrase("ana ruiz", dt.date(2026, 11, 26), 960)),
        (
            "plan a call with Ana Ruiz tomorrow at 16:30 by video",
            True,
            PlanPhrase("Ana Ruiz", dt.date(2026, 11, 25), 990, "video"),
        ),
        ("ring Jean-Luc at 9: the breakfast", True, PlanPhrase("Jean-Luc", None, 540, None, "the breakfast")),
        ("call May tomorrow 10am e-mail", True, PlanPhrase("May", dt.date(2026, 11, 25), 600, "email")),
        ("Ana Ruiz at 4pm thursday", False, PlanPhrase("Ana Ruiz", dt.date(2026, 11, 26), 960)),
        ("Ana on Dec 3 at noon", False, PlanPhrase("Ana", dt.date(2026, 12, 3), 720)),
    ],
    ids=[
        "weekday-hour",
        "at-split-pm",
        "with-video",
        "bare-hour-after-at",
        "name-is-a-month",
        "called",
        "noon",
    ],
)
def test_a_line_with_a_time_ahead_is_a_plan(text, lead, expected):
    assert read_plan(text, TUESDAY, lead=lead) == expected


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("call jane, voicemail", True),  # a log line
        ("called jane at 4pm", True),  # past tense: a log, not a plan
        ("call jane 2", True),  # a number alone is no time
        ("call jane thursday", True),  # "call" needs a clock time
        ("Jane voicemail yesterday", False),
        ("Acme meeting friday at 10am", False),  # a meeting outcome stays /called's
        ("Jane at 4pm: 10am call went well but", False),  # notes are the user's, never read for times
        ("call", True),
        ("10am thursday", False),  # no name
    ],
)
def test_anything_else_is_no_plan(text, lead):
    phrase = read_plan(text, TUESDAY, lead=lead)
    assert phrase is None or phrase.name == "Jane" and phrase.minute == 960


def test_plan_with_a_day_alone_takes_the_best_hour():
    phrase = read_plan("plan Ana thursday", TUESDAY, lead=True, need_time=False)
    assert phrase == PlanPhrase("Ana", dt.date(2026, 11, 26))
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=NY)
    assert plan_instant(phrase, now, 11 * 60) == dt.datetime(2026, 11, 26, 11, 0, tzinfo=NY)


def test_a_time_without_a_day_is_the_next_one_and_a_past_moment_plans_nothing():
    now = dt.datetime(2026, 11, 24, 15, 0, tzinfo=NY)
    assert plan_instant(PlanPhrase("A", None, 16 * 60), now, 600) == dt.datetime(2026, 11, 24, 16, tzinfo=NY)
    assert plan_instant(PlanPhrase("A", None, 9 * 60), now, 600) == dt.datetime(2026, 11, 25, 9, tzinfo=NY)
    assert plan_instant(PlanPhrase("A", TUESDAY, 9 * 60), now, 600) is None


def _tries(spec: list[tuple[int, int, int, int]]) -> list[Try]:
    """(weekday, hour, tries, reached) → that many tries at that hour."""
    found = []
    for weekday, hour, n, reached in spec:
        found += [Try(weekday, hour * 60, i < reached) for i in range(n)]
    return found


def test_before_twenty_tries_the_default_is_an_hour_after_the_nudge():
    best = best_hour(_tries([(TUE, 10, MIN_TRIES - 1, MIN_TRIES - 1)]), nudge_minute=9 * 60)
    assert (best.learned, best.minute, best.words()) == (False, 10 * 60, None)


def test_the_best_band_and_weekdays_come_from_reach_rate():
    tries = _tries(
        [
            (TUE, 9, 4, 3),
            (WED, 10, 4, 3),
            (THU, 9, 4, 3),
            (MON, 15, 4, 0),
            (FRI, 15, 4, 1),
            (MON, 13, 2, 0),
        ]
    )
    best = best_hour(tries, nudge_minute=8 * 60)
    assert best.learned and best.band == (9, 11) and best.minute == 9 * 60
    assert best.weekdays == (TUE, WED, THU)
    assert best.words() == "you reach people most often Tue–Thu 9–11"


@pytest.mark.parametrize(
    ("days", "words"),
    [((1, 2, 3), "Tue–Thu"), ((0, 2, 3, 4), "Mon, Wed–Fri"), ((4,), "Fri"), ((0, 1), "Mon, Tue")],
)
def test_weekdays_read_as_runs(days, words):
    assert weekday_runs(days) == words


def test_the_planner_default_is_the_next_good_slot():
    learned = best_hour(_tries([(THU, 9, 10, 8), (MON, 15, 10, 1)]), nudge_minute=8 * 60)
    tuesday_noon = dt.datetime(2026, 11, 24, 12, 0, tzinfo=NY)
    assert default_plan_at(learned, tuesday_noon) == dt.datetime(2026, 11, 26, 9, 0, tzinfo=NY)
    early = best_hour([], nudge_minute=9 * 60)
    tuesday_eight = dt.datetime(2026, 11, 24, 8, 0, tzinfo=NY)
    assert default_plan_at(early, tuesday_eight, frozenset(range(5))) == dt.datetime(
        2026, 11, 24, 10, tzinfo=NY
    )
    friday_late = dt.datetime(2026, 11, 27, 18, 0, tzinfo=NY)  # next nudge day: Monday
    assert default_plan_at(early, friday_late, frozenset(range(5))) == dt.datetime(
        2026, 11, 30, 10, tzinfo=NY
    )


def test_labels_and_the_reminder_lead():
    thursday = dt.datetime(2026, 11, 26, 10, 30, tzinfo=NY)
    assert plan_label(thursday, TUESDAY) == "Thu 10:30"
    assert plan_words(thursday, TUESDAY, "video") == "📅 Thu 10:30 · video call"
    assert plan_label(thursday + dt.timedelta(days=7), TUESDAY) == "Thu 3 Dec 10:30"
    assert plan_label(dt.datetime(2027, 1, 7, 9, 0, tzinfo=NY), TUESDAY) == "Thu 7 Jan 2027 09:00"
    assert reminder_lead(thursday, thursday - dt.timedelta(minutes=10)) == "In 10 minutes"
    assert reminder_lead(thursday, thursday + dt.timedelta(minutes=2)) == "Now"
    assert due_after(thursday.date()) == dt.date(2026, 11, 27)
    assert check_plan(thursday, thursday) is not None
    assert check_plan(thursday, thursday - dt.timedelta(hours=1)) is None
