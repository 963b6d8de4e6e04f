"""Old connections in an import (issue 29, item 6): rows connected more than six months ago come in
without a nudge, listed under All contacts, unless the user asks to schedule them too; the preview
says how many of each.

The clock is Tue 24 Nov 2026, 09:00 in New York: six months back is Sun 24 May 2026.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from bot.domain.importing.spread import is_old_connection
from bot.services.contact_search import find_contacts
from handlers.blocks import imports as blocks
from storage.models import Contact
from tests.story_helpers import text_of
from tests.test_imports_slack import click_on, open_modal, submit_file

CONNECTIONS = b"""First Name,Last Name,Company,Position,Connected On
Amaka,Obi,Paystack,CTO,12 Nov 2026
Rafael,Souza,Nubank,Product Manager,03 Oct 2026
Greta,Holm,Klarna,Designer,14 Mar 2025
Yusuf,Demir,Getir,Engineer,02 Jan 2023
Lena,Vogel,N26,Analyst,20 May 2026
"""
RECENT = {"Amaka Obi", "Rafael Souza"}
OLD = {"Greta Holm", "Yusuf Demir", "Lena Vogel"}

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the other test covers PostgreSQL


@pytest.mark.parametrize(
    ("met_on", "today", "old"),
    [
        (dt.date(2026, 5, 24), dt.date(2026, 11, 24), False),
        (dt.date(2026, 5, 23), dt.date(2026, 11, 24), True),
        (dt.date(2026, 8, 30), dt.date(2027, 2, 28), False),  # six months before 28 Feb: 28 Aug
        (dt.date(2026, 8, 27), dt.date(2027, 2, 28), True),
        (None, dt.date(2026, 11, 24), False),  # no date: the day of the import
    ],
)
def test_older_than_six_months_is_an_old_connection(met_on, today, old):
    assert is_old_connection(met_on, today) is old


def _due(world) -> dict[str, dt.date | None]:
    with world.db.reading() as s:
        return {c.name: c.next_due for c in s.scalars(select(Contact).where(Contact.user_id == "U1"))}


def test_old_connections_come_in_quietly_and_are_listed_under_all_contacts(world):
    world.user("U1")
    preview = submit_file(world, "U1", open_modal(world, "U1"), "Connections.csv", CONNECTIONS)
    said = text_of(preview)
    assert "2 of them get follow-ups; 3 were connected over 6 months ago" in said
    assert "Import and schedule all" in said

    done = click_on(world, "U1", preview, blocks.CONFIRM)
    assert "3 connections from over 6 months ago are under All contacts" in text_of(done)
    due = _due(world)
    assert {name for name, day in due.items() if day is None} == OLD
    assert all(due[name] >= dt.date(2026, 11, 24) for name in RECENT)
    listed = find_contacts(world.services, SimpleNamespace(team_id="T0001", user_id="U1"), "", "all", 0)
    assert {item.name for item in listed.items} >= OLD
    assert world.double.block_errors == []


@SQLITE_ONLY
def test_the_user_can_schedule_the_old_connections_too(world):
    world.user("U1")
    preview = submit_file(world, "U1", open_modal(world, "U1"), "Connections.csv", CONNECTIONS)
    done = click_on(world, "U1", preview, blocks.CONFIRM_ALL)
    assert "over 6 months ago" not in text_of(done)
    due = _due(world)
    assert set(due) == RECENT | OLD and all(day is not None for day in due.values())
