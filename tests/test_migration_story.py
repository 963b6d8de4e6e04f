"""Migration 0003 on a database that already holds contacts: `via` values become introducers and the
story columns are filled from the interactions logged before it (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text

from storage.db import alembic_config, current_revision, make_engine
from tests.conftest import create_pg_database, drop_pg_database, pg_available


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/old.db"
        return
    if not pg_available():
        pytest.fail("PostgreSQL is required for the migration test")
    url = create_pg_database()
    yield url
    drop_pg_database(url)


def test_0003_moves_via_to_introducer_and_fills_the_story_from_history(empty_url):
    engine = make_engine(empty_url)
    command.upgrade(alembic_config(engine), "0002")
    now = dt.datetime(2026, 11, 20, 9, 0)
    with engine.begin() as conn:
        for cid, name, stage, via, promise_done in (
            (1, "Anna Schmidt", "active", "Jane Doe", False),
            (2, "Zoe Park", "let_go", None, True),
        ):
            conn.execute(
                text(
                    "INSERT INTO contacts (id, team_id, user_id, name, name_key, stage, referred_by, promise,"
                    " promise_done, unanswered_streak, let_go_asked, created_at, updated_at)"
                    " VALUES (:id, 'T1', 'U1', :name, :key, :stage, :via, 'send the deck', :done, 0, FALSE,"
                    " :now, :now)"
                ),
                {
                    "id": cid,
                    "name": name,
                    "key": name.lower(),
                    "stage": stage,
                    "via": via,
                    "done": promise_done,
                    "now": now,
                },
            )
        for iid, cid, on, outcome, notes in (
            (1, 1, dt.date(2026, 11, 18), "voicemail", None),
            (2, 1, dt.date(2026, 11, 19), "reached", "wants the case study"),
            (3, 2, dt.date(2026, 11, 17), "no", "not interested"),
        ):
            conn.execute(
                text(
                    'INSERT INTO interactions (id, team_id, user_id, contact_id, at, "on", outcome, notes)'
                    " VALUES (:id, 'T1', 'U1', :cid, :at, :on, :outcome, :notes)"
                ),
                {
                    "id": iid,
                    "cid": cid,
                    "at": now + dt.timedelta(minutes=iid),
                    "on": on,
                    "outcome": outcome,
                    "notes": notes,
                },
            )
    command.upgrade(alembic_config(engine), "0003")  # this revision's own work, whatever comes after it
    assert current_revision(engine) == "0003"
    with engine.connect() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                text(
                    "SELECT id, introducer, referred_by, ever_reached, last_call_on, last_call_notes, let_go_on,"
                    " promise_outcome, meeting_asked FROM contacts"
                )
            )
        }
        kept = conn.execute(text("SELECT COUNT(*) FROM interactions")).scalar()
    assert kept == 3  # a table rebuilt by a migration must not cascade-delete the history
    anna, zoe = rows[1], rows[2]
    assert (anna.introducer, anna.referred_by) == ("Jane Doe", None)
    assert bool(anna.ever_reached) is True
    assert str(anna.last_call_on) == "2026-11-19"
    assert anna.last_call_notes == "wants the case study"
    assert anna.promise_outcome is None and bool(anna.meeting_asked) is False
    assert bool(zoe.ever_reached) is False
    assert str(zoe.let_go_on) == "2026-11-17"
    assert zoe.promise_outcome == "kept"
    command.downgrade(alembic_config(engine), "0002")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT referred_by FROM contacts WHERE id = 1")).scalar() == "Jane Doe"
        assert conn.execute(text("SELECT COUNT(*) FROM interactions")).scalar() == 3
    engine.dispose()
