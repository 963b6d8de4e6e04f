"""Slack's agent messaging surface (issue 28): opening the Messages tab pins the suggested prompts,
a DM shows "is looking…" while Warmcall works and is answered in its thread; a workspace without the
surface keeps the plain DM. Over signed HTTP and a Socket Mode envelope; the manifests are checked
against Slack's manifest schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from handlers.events.assistant import PROMPTS
from tests.test_dm_replies import answers_in, contact, dm_event, history, person, say, text_of
from tests.world import settle, wait_for

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path("/work/shared/slack-manifest.schema.json")
SUGGEST = "assistant.threads.setSuggestedPrompts"
STATUS = "assistant.threads.setStatus"

# Where the storage path is the same on both databases, SQLite alone (the CI budget).
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _prompts_set(world) -> list[dict]:
    return [c.params for c in world.double.calls_to(SUGGEST) if c.response and c.response.get("ok")]


@SQLITE_ONLY
def test_opening_the_messages_tab_pins_the_four_prompts(world):
    person(world)
    answer = world.slack.event(
        {
            "type": "app_home_opened",
            "user": "U1",
            "channel": "DU1",
            "tab": "messages",
            "event_ts": "1764590000.1",
        }
    )
    assert answer.status == 200
    sent = wait_for(lambda: _prompts_set(world))[0]
    assert sent["channel_id"] == "DU1" and not sent.get("thread_ts")
    assert [p["title"] for p in sent["prompts"]] == list(PROMPTS)
    assert [p["message"] for p in sent["prompts"]] == list(PROMPTS)
    assert world.double.home_of("U1") is None  # the Messages tab publishes no Home


def _thread_started(channel: str = "DU1", thread_ts: str = "1764590100.000200") -> dict:
    """`assistant_thread_started` as Slack documents it (the older assistant view)."""
    return {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U1",
            "context": {"channel_id": "C0GENERAL", "team_id": "T0001", "enterprise_id": None},
            "channel_id": channel,
            "thread_ts": thread_ts,
        },
        "event_ts": "1764590100.000300",
    }


@SQLITE_ONLY
def test_an_assistant_thread_gets_the_prompts_in_its_thread(world):
    person(world)
    assert world.slack.event(_thread_started()).status == 200
    sent = wait_for(lambda: _prompts_set(world))[0]
    assert (sent["channel_id"], sent["thread_ts"]) == ("DU1", "1764590100.000200")
    assert len(sent["prompts"]) == 4


@SQLITE_ONLY
def test_a_suggested_prompt_is_answered_in_its_thread_with_a_status_first(world):
    person(world)
    contact(world, "Jane Doe", next_due=world.clock.now().date())
    answer = say(world, "Who should I call today?")
    assert "1 person to call today" in text_of(answer) and "Jane Doe" in text_of(answer)
    log, shown = world.double.thread_statuses()
    assert log and log[0] == ("DU1", answer["thread_ts"], "is looking…")
    assert shown == {}  # the reply cleared it
    for prompt in ("What did I promise?", "Log a call", "Plan my calls"):
        assert text_of(say(world, prompt)).strip()  # every prompt gets an answer, never silence


@SQLITE_ONLY
def test_without_the_agent_surface_the_plain_dm_answers_as_before(world):
    world.double.set_agent_surface(False)
    person(world)
    jane = contact(world, "Jane Doe")
    world.slack.event(
        {
            "type": "app_home_opened",
            "user": "U1",
            "channel": "DU1",
            "tab": "messages",
            "event_ts": "1764590000.2",
        }
    )
    answer = say(world, "called jane, voicemail")
    assert "Jane Doe" in text_of(answer)
    assert history(world, jane) == ["voicemail"]
    refused = [
        c.response.get("error") for c in world.double.calls_to(STATUS) + world.double.calls_to(SUGGEST)
    ]
    assert refused and set(refused) == {"access_denied"}
    assert world.double.block_errors == []


def test_over_socket_mode_a_question_is_answered_once_in_its_thread(tmp_path, sqlite_template):
    """SQLite only: the transport is what differs here, not the storage."""
    import shutil

    from storage.db import Database
    from tests.conftest import DEFAULT_NOW
    from tests.socket_world import SocketWorld

    shutil.copy(sqlite_template, tmp_path / "socket.db")
    db = Database(f"sqlite:///{tmp_path / 'socket.db'}")
    world = SocketWorld(db, now=DEFAULT_NOW)
    try:
        person(world)
        contact(world, "Jane Doe", promise="send the deck")
        event = dm_event("U1", "what did I promise?")
        assert world.slack.event(event, event_id="EvTALK1").status == 200
        wait_for(lambda: answers_in(world, "U1", event["ts"]))
        assert world.slack.event(event, event_id="EvTALK1", retry_num=1).status == 200
        settle(world)
        answers = answers_in(world, "U1", event["ts"])
        assert len(answers) == 1 and "send the deck" in text_of(answers[0])
        assert world.slack.event(_thread_started()).status == 200
        wait_for(lambda: _prompts_set(world))
    finally:
        world.close()
        db.dispose()


# --- the manifests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["manifest.yml", "manifest.distribution.yml"])
def test_the_manifests_opt_in_to_the_agent_surface_and_fit_slacks_schema(name):
    manifest = yaml.safe_load((ROOT / name).read_text())
    agent = manifest["features"]["agent_view"]
    assert [p["title"] for p in agent["suggested_prompts"]] == list(PROMPTS)
    assert "assistant:write" in manifest["oauth_config"]["scopes"]["bot"]
    assert "assistant_thread_started" in manifest["settings"]["event_subscriptions"]["bot_events"]
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} is not here")
    schema = json.loads(SCHEMA.read_text())
    assert schema_errors(manifest, schema, schema) == []


def schema_errors(value, node: dict, root: dict, at: str = "$") -> list[str]:
    """The JSON Schema keywords Slack's manifest schema uses, checked (no third-party validator)."""
    if "$ref" in node:
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, at)
    if "anyOf" in node and all(schema_errors(value, option, root, at) for option in node["anyOf"]):
        return [f"{at}: fits none of anyOf"]
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "integer": int,
        "number": (int, float),
    }
    expected = node.get("type")
    if expected and not any(
        isinstance(value, kinds[t]) for t in ([expected] if isinstance(expected, str) else expected)
    ):
        return [f"{at}: not {expected}"]
    errors: list[str] = []
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{at}: {value!r} not in enum")
    if isinstance(value, str):
        if len(value) > node.get("maxLength", 10**9) or len(value) < node.get("minLength", 0):
            errors.append(f"{at}: length {len(value)}")
        if "pattern" in node and not re.search(node["pattern"], value):
            errors.append(f"{at}: does not match {node['pattern']}")
    if isinstance(value, list):
        if not node.get("minItems", 0) <= len(value) <= node.get("maxItems", 10**9):
            errors.append(f"{at}: {len(value)} items")
        for i, item in enumerate(value):
            errors += schema_errors(item, node.get("items", {}), root, f"{at}[{i}]")
    if isinstance(value, dict):
        errors += [f"{at}: missing {k}" for k in node.get("required", []) if k not in value]
        for key, item in value.items():
            if key in node.get("properties", {}):
                errors += schema_errors(item, node["properties"][key], root, f"{at}.{key}")
                continue
            matched = [p for p in node.get("patternProperties", {}) if re.search(p, key)]
            for pattern in matched:
                errors += schema_errors(item, node["patternProperties"][pattern], root, f"{at}.{key}")
            if not matched and node.get("additionalProperties") is False:
                errors.append(f"{at}: unknown key {key}")
    return errors
