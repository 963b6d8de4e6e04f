"""A meeting from a previous year entered today (issue 29, item 4): the confirmation shows the year,
the first follow-up is never in the past, and no overdue count reaches back before the entry.

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.domain.cadence import first_follow_up
from bot.domain.contact_form import read_form
from bot.services import imports
from storage.models import Contact
from tests.test_met_e2e import everything_said, open_view, submit
from tests.world import open_home, slash_command

WEEKDAYS = frozenset(range(5))
TUE = dt.date(2026, 11, 24)

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the save is the same SQL on both


def stored(world) -> dict[str, Contact]:
    with world.db.reading() as s:
        return {c.name: c for c in s.scalars(select(Contact)).all()}


@pytest.mark.parametrize(
    ("met_on", "promise_due", "entered_on", "due"),
    [
        pytest.param(dt.date(2026, 11, 23), None, TUE, dt.date(2026, 11, 25), id="recent-meeting-unchanged"),
        pytest.param(dt.date(2025, 3, 11), None, TUE, TUE, id="last-year-due-at-once"),
        pytest.param(
            dt.date(2026, 11, 2), None, dt.date(2026, 11, 28), dt.date(2026, 11, 30), id="entered-on-saturday"
        ),
        pytest.param(dt.date(2026, 11, 18), None, TUE, TUE, id="usual-day-just-gone"),
        pytest.param(dt.date(2026, 11, 20), None, TUE, dt.date(2026, 11, 24), id="usual-day-is-today"),
        pytest.param(dt.date(2025, 9, 1), dt.date(2025, 9, 3), TUE, TUE, id="passed-promise-at-once"),
        pytest.param(
            dt.date(2026, 11, 1),
            dt.date(2026, 11, 3),
            dt.date(2026, 11, 28),
            dt.date(2026, 11, 30),
            id="passed-promise-weekend",
        ),
    ],
)
def test_a_first_follow_up_is_never_before_the_day_of_entry(met_on, promise_due, entered_on, due):
    follow = first_follow_up(met_on, promise_due, WEEKDAYS, entered_on=entered_on)
    assert follow.next_due == due
    assert follow.next_due >= entered_on


def test_a_follow_up_picked_in_the_past_is_refused_in_the_form():
    picked = read_form({"name": "Ines Roth", "met_on": "2026-11-02", "next_due": "2026-11-20"}, TUE)
    assert "passed" in picked["next_due"]
    today = read_form({"name": "Ines Roth", "met_on": "2026-11-02", "next_due": "2026-11-24"}, TUE)
    assert today.next_due == TUE


def test_the_reason_names_the_old_meeting_with_its_year():
    follow = first_follow_up(dt.date(2025, 3, 11), None, WEEKDAYS, entered_on=TUE)
    assert follow.reason == "you met on Tue 11 Mar 2025, so at once"


def test_met_last_year_confirms_the_year_and_a_day_to_come(world):
    world.user("U1")
    message = slash_command(world, "U1", "/met", "Olga Brandt of Bosch at Hannover Messe on 2025-04-14")
    said = everything_said(message)
    assert "*Met on*\nMon 14 Apr 2025" in said
    assert "*First follow-up:* Tue 24 Nov — you met on Mon 14 Apr 2025, so at once" in said
    olga = stored(world)["Olga Brandt"]
    assert (olga.met_on, olga.next_due) == (dt.date(2025, 4, 14), TUE)


@SQLITE_ONLY
def test_the_overdue_count_starts_at_the_first_follow_up_not_the_meeting(world):
    world.user("U1")
    slash_command(world, "U1", "/met", "Rui Pinto of Galp at Web Summit on 2025-11-12")
    world.advance(days=3)  # Fri 27 Nov: three days past the day it was entered
    home = open_home(world, "U1")
    text = str(home)
    assert "3 days overdue" in text
    assert "380 days" not in text and "days overdue" in text


@SQLITE_ONLY
def test_the_form_with_an_old_meeting_day_schedules_from_today(world):
    world.user("U1")
    world.command("U1", "/met", "")
    view = open_view(world, 1)
    reply = submit(world, "U1", view, name="Hanna Lind", met_on="2025-06-03")
    assert reply.body_text == "", reply.body_text
    hanna = stored(world)["Hanna Lind"]
    assert hanna.met_on == dt.date(2025, 6, 3)
    assert hanna.next_due == TUE


@SQLITE_ONLY
def test_an_imported_row_with_an_old_meeting_day_is_not_due_in_the_past(world):
    data = b"Name,Company,Met on\nIlse Vos,Philips,2026-10-01\n"  # within 6 months: not an old connection
    shown = imports.preview_import(world.services, "T0001", "U1", data, "people.csv")
    imports.confirm_import(world.services, "T0001", "U1", shown.batch_id)
    ilse = stored(world)["Ilse Vos"]
    assert ilse.met_on == dt.date(2026, 10, 1)
    assert ilse.next_due == TUE
