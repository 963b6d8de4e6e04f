"""Foundation: signed HTTP transport, start-up errors, health, migrations, manifest, tenant isolation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, inspect, select

from handlers.blocks.kit import SORRY
from storage.contacts import add_contact, due_contacts, get_contact, list_contacts
from storage.db import Database, current_revision, migrate
from storage.models import Contact, Interaction
from tests.world import ACK_SECONDS, seen_text, wait_for

ROOT = Path(__file__).resolve().parents[1]


def test_signed_met_help_answers_usage_fast(world):
    world.user("U1")
    reply = world.command("U1", "/met", "help")
    assert reply.status == 200
    assert reply.elapsed_seconds < ACK_SECONDS  # Slack's 3 s ack
    assert reply.json["response_type"] == "ephemeral"
    assert "/met" in reply.json["text"]
    assert world.double.block_errors == []


@pytest.mark.parametrize("command", ["/called", "/prep"])
def test_help_for_every_command(world, command):
    reply = world.command("U1", command, "help")
    assert reply.status == 200
    assert command in reply.json["text"]


def test_bad_signature_and_stale_timestamp_are_refused(world):
    bad = world.slack.command("U1", "/met", "Jane Doe of Acme", secret="not-the-secret")
    assert bad.status == 401
    stale = world.slack.command("U1", "/met", "Jane Doe of Acme", timestamp=int(time.time()) - 6 * 60)
    assert stale.status == 401
    with world.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 0


def _run_cli(args, env_overrides, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WARMCALL_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_start_without_bot_token_says_which_variable_and_exits_2(tmp_path):
    result = _run_cli([], {"PYTHONPATH": str(ROOT)}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_malformed_setting_is_one_line(tmp_path):
    result = _run_cli(
        ["serve", "--http"],
        {"PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "eighty"},
        tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "PORT" in result.stderr


def test_migrate_command_creates_the_sqlite_file_and_folder(tmp_path):
    url = f"sqlite:///{tmp_path}/nested/dir/w.db"
    result = _run_cli(["migrate"], {"PYTHONPATH": str(ROOT), "DATABASE_URL": url}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "nested/dir/w.db").exists()
    assert "0013" in result.stdout


# The probes (/healthz, /readyz): tests/test_probes.py


def test_migrations_create_schema_and_are_idempotent(db_url):
    engine = Database(db_url).engine
    migrate(engine)
    migrate(engine)
    assert current_revision(engine) == "0013"
    tables = set(inspect(engine).get_table_names())
    assert {"contacts", "interactions", "user_profiles", "offers", "digests", "alembic_version"} <= tables
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("contacts")}
    assert "ix_contacts_owner_due" in indexes
    assert "ix_user_profiles_next_digest_at" in {
        ix["name"] for ix in inspect(engine).get_indexes("user_profiles")
    }
    engine.dispose()


def test_manifest_declares_every_registered_command(world, monkeypatch):
    from slack_bolt import App

    from bot.runtime.app import build_app

    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    declared = {c["command"] for c in manifest["features"]["slash_commands"]}
    registered: set[str] = set()
    command = App.command

    def recording(app, name, *args, **kwargs):
        registered.add(name)
        return command(app, name, *args, **kwargs)

    monkeypatch.setattr(App, "command", recording)
    build_app(world.services)
    # The app registers exactly the commands the manifest declares, and each is answered over HTTP
    # while a command the app never registered is not (Bolt: 404).
    assert registered == declared and declared
    for name in declared:
        assert world.command("U1", name, "help").status == 200
    assert world.command("U1", "/not-a-warmcall-command", "help").status == 404
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "app_home_opened" in manifest["settings"]["event_subscriptions"]["bot_events"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_rows_of_one_owner_are_invisible_to_others(db):
    import datetime as dt

    day = dt.date(2026, 11, 24)
    with db.transaction() as s:
        mine = add_contact(s, "T1", "U1", name="Jane Doe", next_due=day)
        add_contact(s, "T1", "U2", name="Bob Roe", next_due=day)
        add_contact(s, "T2", "U1", name="Other Team", next_due=day)
        s.add(Interaction(team_id="T1", user_id="U1", contact_id=mine.id, on=day, outcome="reached"))
    with db.transaction() as s:
        assert [c.name for c in list_contacts(s, "T1", "U1")] == ["Jane Doe"]
        assert [c.name for c in list_contacts(s, "T1", "U2")] == ["Bob Roe"]
        assert [c.name for c in list_contacts(s, "T2", "U1")] == ["Other Team"]
        assert [c.name for c in due_contacts(s, "T1", "U2", day)] == ["Bob Roe"]
        assert get_contact(s, "T1", "U2", mine.id) is None
        assert get_contact(s, "T2", "U1", mine.id) is None
        assert get_contact(s, "T1", "U1", mine.id).name == "Jane Doe"


def test_a_listener_failing_after_its_ack_still_answers_at_once(world):
    @world.app.command("/boom")
    def boom(ack):
        ack("on it")
        raise RuntimeError("fails right after the ack")

    world.allow_phrase(SORRY, "the listener fails on purpose after its ack; the user is told")
    reply = world.command("U1", "/boom", "")
    assert reply.status == 200
    assert reply.body_text == "on it"
    wait_for(lambda: SORRY in seen_text(world))  # the failure after the ack reaches the user as an apology
    assert reply.elapsed_seconds < ACK_SECONDS  # Slack's 3 s ack: the failure after it holds nothing up


def test_an_ack_once_given_cannot_be_taken_back():
    # Bolt's runner sets ack.response = None when a listener raises after acking (a race with the
    # request thread that then times out after 3 s); StickyAck keeps the answer.
    from bot.runtime.postack import StickyAck

    ack = StickyAck()
    assert ack.response is None
    ack("done")
    given = ack.response
    ack.response = None
    assert ack.response is given and given.status == 200


def test_a_slow_users_info_does_not_hold_up_a_new_user(world):
    from bot.services.profiles import ensure_profile

    world.user("USLOW", tz="Asia/Tokyo")
    world.double.delay("users.info", 5)
    profile = ensure_profile(world.services, world.team_id, "USLOW")
    # Returned before Slack answered users.info (which takes 5 s): the app gave up waiting.
    assert [call.status for call in world.double.calls_to("users.info")] == [0]
    assert profile.tz == "UTC"  # not known yet; fetched again later
    assert "timeout" not in world.double.calls_to("users.info")[0].params


def test_a_snapshot_sees_one_moment_on_postgresql(db):
    # App Home is read from several queries; under READ COMMITTED a call logged between two of them
    # showed its contact in two sections (a duplicate block_id Slack refuses).
    if db.is_sqlite:
        pytest.skip("SQLite transactions already read one snapshot (and hold the write lock)")
    with db.transaction() as s:
        add_contact(s, "T1", "U1", name="Jane Doe")
    with db.snapshot() as snap:
        before = snap.scalar(select(func.count()).select_from(Contact))
        with db.transaction() as s:  # committed while the snapshot is open
            add_contact(s, "T1", "U1", name="Bob Stone")
        assert snap.scalar(select(func.count()).select_from(Contact)) == before == 1
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 2


def test_a_read_only_transaction_does_not_wait_for_a_writer(tmp_path):
    # SQLite: every write transaction takes the write lock up front (BEGIN IMMEDIATE); a read-only
    # one must not, or /prep and App Home would queue behind every /met and /called.
    db = Database(f"sqlite:///{tmp_path / 'locks.db'}")
    db.migrate()
    with db.transaction() as writer:
        writer.add(Contact(team_id="T1", user_id="U1", name="Jane", name_key="jane"))
        writer.flush()
        with db.reading() as reader:  # would wait out the 30 s busy timeout if it took the lock
            assert reader.scalar(select(func.count()).select_from(Contact)) == 0  # its own snapshot
    with db.reading() as reader:
        assert reader.scalar(select(func.count()).select_from(Contact)) == 1
    db.dispose()
