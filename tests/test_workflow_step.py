"""The "Add contacts to Warmcall" Workflow Builder step (issue 28): a `function_executed` event as
Slack sends it (with the execution's own xwfp- token), over signed HTTP and Socket Mode, adds the
people to the member's Warmcall and ends with functions.completeSuccess; nobody to add ends with
functions.completeError; a redelivered event adds nothing twice. The distribution manifest declares
the step and fits Slack's schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.domain.workflow_people import PersonIn, read_people
from storage.contacts import list_contacts
from tests.test_talk_agent import SCHEMA, schema_errors
from tests.world import TEAM, settle, wait_for

ROOT = Path(__file__).resolve().parent.parent
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def function_executed(execution_id: str, inputs: dict) -> dict:
    """The event as Slack sends it for a custom step of a Bolt app."""
    return {
        "type": "function_executed",
        "function": {
            "id": "Fn0ADD",
            "callback_id": "add_contacts",
            "title": "Add contacts to Warmcall",
            "description": "Adds people met at an event to a member's Warmcall",
            "type": "app",
            "input_parameters": [
                {
                    "type": "slack#/types/user_id",
                    "name": "owner",
                    "title": "Warmcall user",
                    "is_required": True,
                },
                {"type": "array", "name": "people", "title": "People", "is_required": True},
                {"type": "string", "name": "event", "title": "Event", "is_required": False},
            ],
            "output_parameters": [
                {"type": "integer", "name": "added", "title": "Added", "is_required": False},
                {"type": "integer", "name": "skipped", "title": "Skipped", "is_required": False},
            ],
            "app_id": "A0WARMCALL",
            "date_created": 1764500000,
            "date_updated": 1764500000,
            "date_deleted": 0,
        },
        "inputs": inputs,
        "function_execution_id": execution_id,
        "workflow_execution_id": "Wx0REGISTRATION",
        "event_ts": "1764590000.000100",
        "bot_access_token": "xwfp-T0001-Fx-just-in-time",
    }


def run_step(world, execution_id: str, inputs: dict, **kwargs) -> dict:
    world.double.start_function(execution_id)
    answer = world.slack.event(function_executed(execution_id, inputs), **kwargs)
    assert answer.status == 200
    return wait_for(
        lambda: (
            (world.double.function_run(execution_id) or {}).get("state") != "running"
            and world.double.function_run(execution_id)
        )
    )


def names(world, user: str = "U1") -> list[tuple[str, str | None, str | None]]:
    with world.db.reading() as s:
        return sorted((c.name, c.company, c.event) for c in list_contacts(s, TEAM, user))


@sqlite_only
def test_the_step_adds_the_people_and_completes(world):
    world.user("U1", name="Ada Lovelace")
    people = [
        {"name": "Ana Ruiz", "company": "Globex", "email": "ana@globex.com", "note": "wants the deck"},
        {"name": "Bo Chen", "company": "Initech"},
        {"company": "nobody named"},
    ]
    run = run_step(world, "Fx0001", {"owner": "U1", "people": people, "event": "DevDays"})
    assert run == {"state": "completed", "outputs": {"added": 2, "skipped": 1}}
    assert names(world) == [("Ana Ruiz", "Globex", "DevDays"), ("Bo Chen", "Initech", "DevDays")]
    (done,) = world.double.calls_to("functions.completeSuccess")
    assert done.token == "xwfp-T0001-Fx-just-in-time"  # the execution's own token, as Bolt attaches it

    # The same people again (a second registration run): both are already there.
    again = run_step(
        world, "Fx0002", {"owner": "U1", "people": "Ana Ruiz, Globex\nCy Diaz, Hooli, cy@hooli.io"}
    )
    assert again["outputs"] == {"added": 1, "skipped": 1}
    # Slack retries the first event: nothing is added twice, and the finished run stays finished.
    world.slack.event(function_executed("Fx0001", {"owner": "U1", "people": people}), retry_num=1)
    settle(world)
    assert len(names(world)) == 3


@sqlite_only
def test_nobody_to_add_or_no_user_ends_the_step_with_an_error(world):
    world.user("U1", name="Ada Lovelace")
    run = run_step(world, "Fx0003", {"owner": "U1", "people": [{"company": "Acme"}]})
    assert run["state"] == "failed" and "give each person at least a name" in run["error"]
    run = run_step(world, "Fx0004", {"owner": "", "people": [{"name": "Ana"}]})
    assert run["state"] == "failed" and "Warmcall user" in run["error"]
    assert names(world) == []


def test_people_are_read_from_objects_or_lines():
    people, unnamed = read_people(
        ["Ana Ruiz, Globex, ana@globex.com, met at the booth", "  ", {"Name": "Bo"}]
    )
    assert people == [PersonIn("Ana Ruiz", "Globex", "ana@globex.com", "met at the booth"), PersonIn("Bo")]
    assert unnamed == 1
    assert read_people(None) == ([], 0)


def test_the_distribution_manifest_declares_the_step():
    manifest = yaml.safe_load((ROOT / "manifest.distribution.yml").read_text())
    step = manifest["functions"]["add_contacts"]
    assert set(step["input_parameters"]) == {"owner", "people", "event"}
    assert "function_executed" in manifest["settings"]["event_subscriptions"]["bot_events"]
    assert manifest["settings"]["org_deploy_enabled"] is True
    if SCHEMA.exists():
        schema = json.loads(SCHEMA.read_text())
        assert schema_errors(manifest, schema, schema) == []


def test_over_socket_mode_the_step_completes_too(tmp_path, sqlite_template):
    """SQLite only: the transport is what differs here, not the storage."""
    import shutil

    from storage.db import Database
    from tests.conftest import DEFAULT_NOW
    from tests.socket_world import SocketWorld

    shutil.copy(sqlite_template, tmp_path / "socket.db")
    db = Database(f"sqlite:///{tmp_path / 'socket.db'}")
    world = SocketWorld(db, now=DEFAULT_NOW)
    try:
        world.user("U1", name="Ada Lovelace")
        run = run_step(world, "Fx0S01", {"owner": "U1", "people": ["Ana Ruiz, Globex"], "event": "DevDays"})
        assert run == {"state": "completed", "outputs": {"added": 1, "skipped": 0}}
        assert names(world) == [("Ana Ruiz", "Globex", "DevDays")]
    finally:
        world.close()
        db.dispose()
