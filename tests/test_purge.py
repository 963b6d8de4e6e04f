"""Nothing of a user stays after "Delete all my data", nothing of a workspace after its uninstall's grace
period: both walk one registry of tables (storage.erase.TABLES), and a table missing from it fails here.

The checks read every row of every table with SQL and look for the erased id in any column, on SQLite
and PostgreSQL. Each OWNER table is filled for the erased owner and for a bystander who keeps theirs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import subprocess
import sys

import pytest
from sqlalchemy import Column, Integer, String, Table, select

import storage
from bot.delivery.maintenance import delete_old_rows
from bot.testing.signed import text_values
from handlers.blocks import imports as blocks
from handlers.home_refresh import refresh_home
from handlers.request import Owner
from handlers.views import erase
from storage import installations as installs_table
from storage.db import Database
from storage.erase import TABLES, Holds, UnregisteredTable, delete_owner_rows, unregistered
from storage.models import Base, SeenRequest
from tests.conftest import DEFAULT_NOW
from tests.oauth_world import CLIENT_ID, OAuthWorld
from tests.world import TEAM, open_home, press_on_view, settle, slash_command, wait_for

GONE, KEPT = "UGONE01", "UKEPT01"  # ids that occur nowhere else, so a scan for them means their rows
TA, TB = "T0GONE", "T0KEPT"


def _storage_modules() -> None:
    """Import every storage module, so tables declared outside storage.models are in the metadata."""
    for module in pkgutil.walk_packages(storage.__path__, "storage."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)


def test_every_table_of_the_metadata_says_whose_rows_it_holds():
    _storage_modules()
    assert unregistered() == set()


def test_the_purge_sees_every_table_by_itself():
    """A table declared in a module the purge does not import would be skipped by its walk."""
    _storage_modules()
    alone = subprocess.run(
        [sys.executable, "-c", "import storage.erase as e; print(' '.join(sorted(e.Base.metadata.tables)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert set(alone.stdout.split()) == set(Base.metadata.tables)


def test_a_table_missing_from_the_registry_stops_the_purge(db):
    stray = Table(
        "stray_notes", Base.metadata, Column("id", Integer, primary_key=True), Column("team_id", String)
    )
    try:
        assert unregistered() == {"stray_notes"}
        with pytest.raises(UnregisteredTable, match="stray_notes"), db.transaction() as s:
            delete_owner_rows(s, TEAM, GONE)
    finally:
        Base.metadata.remove(stray)
    assert unregistered() == set()


# -- the rows a user leaves, and where they could hide ------------------------------------------------


def fill_owner_tables(db: Database, team: str, user: str) -> None:
    """A row of the owner in every OWNER table the commands left empty (a plain value of each column's
    type, so a new table is filled without changing this test), and a request key."""
    with db.transaction() as s:
        for table in Base.metadata.sorted_tables:
            if TABLES.get(table.name) is not Holds.OWNER:
                continue
            c = table.c
            if s.execute(select(c.team_id).where(c.team_id == team, c.user_id == user).limit(1)).first():
                continue
            values = {col.name: _plain(col.type.python_type) for col in table.columns if not col.primary_key}
            for col in table.columns:  # a foreign key points at the owner's own row (a cascade stays theirs)
                for fk in col.foreign_keys:
                    parent = fk.column.table
                    mine = (parent.c.team_id == team, parent.c.user_id == user)
                    values[col.name] = s.scalar(select(fk.column).where(*mine).limit(1))
            s.execute(table.insert().values({**values, "team_id": team, "user_id": user}))
        s.add(SeenRequest(key=f"{team}:{user}:action:1796000000.1"))


def _plain(kind: type) -> object:
    plain = {str: "x", int: 1, bool: False, dict: {}, list: [], object: {}, dt.date: dt.date(2026, 11, 23)}
    return dt.datetime(2026, 11, 23, 9) if kind is dt.datetime else plain[kind]


def rows_with(db: Database, needle: str) -> dict[str, list[dict]]:
    """Every row of every table in which any column holds `needle`, by table name (plain SQL reads)."""
    found: dict[str, list[dict]] = {}
    with db.reading() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)).mappings():
                if needle in json.dumps({k: v for k, v in row.items()}, default=str):
                    found.setdefault(table.name, []).append(dict(row))
    return found


def owner_tables() -> set[str]:
    mine = (Holds.OWNER, Holds.SEEN_KEYS)
    return {name for name, holds in TABLES.items() if holds in mine and name in Base.metadata.tables}


# -- "Delete all my data" ------------------------------------------------------------------------------


def test_delete_all_my_data_leaves_nothing_of_the_user_and_home_brings_nothing_back(world):
    for user in (GONE, KEPT):
        world.user(user, name=f"Person {user}")
        slash_command(world, user, "/met", "Pat Quill of Acme at PyCon #investor")
        slash_command(world, user, "/called", "Pat reached: wants the deck")
        fill_owner_tables(world.db, TEAM, user)
    settle(world)
    assert set(rows_with(world.db, GONE)) == owner_tables()  # the scan sees them all before

    home = open_home(world, GONE)
    before = len(world.double.views())
    press_on_view(world, GONE, home, blocks.ERASE, "open")
    view = wait_for(lambda: world.double.views()[-1] if len(world.double.views()) > before else None)
    published = len(world.double.calls_to("views.publish"))
    done = world.slack.view_submission(
        GONE, erase.CALLBACK, text_values({erase.TYPED: {"value": "DELETE"}}), view=view
    )
    assert done.json["response_action"] == "update"
    # The Home refresh after the delete, and one more that ran late (queued by a change before the
    # delete): both show an empty Home ...
    wait_for(lambda: len(world.double.calls_to("views.publish")) > published)
    settle(world)
    refresh_home(world.services, Owner(TEAM, GONE), from_home=True)
    settle(world)
    assert len(world.double.calls_to("views.publish")) == published + 2
    assert "Pat Quill" not in json.dumps(world.double.home_of(GONE))

    # ... and store nothing: no profile row, no name, no request key, in any table
    assert rows_with(world.db, GONE) == {}
    assert set(rows_with(world.db, KEPT)) == owner_tables()
    # Their next visit is a new user's: Warmcall starts afresh
    assert "Pat Quill" not in json.dumps(open_home(world, GONE))


# -- uninstall, after the grace period -----------------------------------------------------------------


def test_an_uninstalled_workspace_leaves_nothing_after_the_grace_period(db):
    from tests.test_oauth import met, uninstall_event

    w = OAuthWorld(db, now=DEFAULT_NOW)
    try:
        for team, user in ((TA, GONE), (TB, KEPT)):
            w.install(team)
            w.user(user, team)
            met(w, user, team, "Jane Doe of Acme #investor")
            assert w.command(user, "/called", "Jane reached", team_id=team).status == 200
            fill_owner_tables(db, team, user)
        with db.transaction() as s:  # an install of an earlier app id, left in our tables
            s.execute(
                installs_table.bots.insert().values(
                    client_id="0000.old", app_id="AOLD", team_id=TA, bot_token="xoxb-old"
                )
            )
        settle(w)
        assert set(rows_with(db, TA)) >= owner_tables() | {installs_table.BOTS_TABLE}

        w.double.installs.uninstall(TA)
        assert uninstall_event(w, TA).status == 200
        wait_for(lambda: w.services.tokens.token_for(TA) is None)
        w.advance(days=7, seconds=1)
        assert delete_old_rows(w.services)["workspaces_deleted"] == 1

        assert rows_with(db, TA) == {}
        assert set(rows_with(db, TB)) >= owner_tables() | {installs_table.BOTS_TABLE}
        with db.reading() as s:
            assert (
                s.scalar(select(installs_table.bots.c.client_id).where(installs_table.bots.c.team_id == TB))
                == CLIENT_ID
            )
    finally:
        w.close()
