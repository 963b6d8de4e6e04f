"""Socket Mode end to end: the real app behind Bolt's SocketModeHandler, on the Slack double's
WebSocket, on SQLite and PostgreSQL.

The scenarios (/met, /called, a button, a view submission, App Home) run over both transports with
the same assertions; over Socket Mode every request is an envelope the app must ack within 3 s.
Then what only a socket has: Slack asking the app to reconnect, a dropped socket, a command
delivered again, and a `python -m bot` process stopped with SIGTERM.
Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from bot.testing.signed import date_value, select_value, text_values
from bot.testing.slackdouble import SlackDouble
from bot.testing.socket_requests import SocketModeRequester
from storage.contacts import add_contact
from storage.db import Database
from storage.interactions import contact_interactions
from storage.models import Contact, UserProfile
from storage.profiles import get_or_create_profile
from tests.conftest import DEFAULT_NOW
from tests.socket_world import APP_TOKEN, SocketWorld
from tests.world import ACK_SECONDS, TEAM, World, click, open_home, press, slash_command, wait_for

ROOT = Path(__file__).resolve().parents[1]
D = dt.date
TODAY = D(2026, 11, 24)
EXIT_BOUND_SECONDS = 30  # SIGTERM to gone (issue 16); platforms kill at 30 s


@pytest.fixture(params=["http", "socket_mode"])
def world(request, db):
    """The same world over HTTP (signed requests) or over Socket Mode (envelopes)."""
    w = World(db, now=DEFAULT_NOW) if request.param == "http" else SocketWorld(db, now=DEFAULT_NOW)
    w.user("U1")
    yield w
    w.close()
    assert w.double.block_errors == []


@pytest.fixture
def sw(db):
    """Socket Mode only; U1's time zone is known already, so /met answers in its ack."""
    w = SocketWorld(db, now=DEFAULT_NOW)
    w.user("U1")
    with db.transaction() as s:
        profile, _ = get_or_create_profile(s, TEAM, "U1")
        profile.tz, profile.tz_fetched_at = "America/New_York", dt.datetime(2026, 11, 1)
    yield w
    w.close()
    assert w.double.block_errors == []


# --- the story's vocabulary -------------------------------------------------------------------------


def said(message: dict) -> str:
    """All the text a user sees in a message or view."""
    parts = [message.get("text") or ""]
    for block in message.get("blocks", []):
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [f["text"] for f in block.get("fields", [])]
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def buttons(message: dict) -> dict[str, str]:
    """action_id → value of every button in a message."""
    found = {}
    for block in message.get("blocks", []):
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value")
    return found


def names(world) -> list[str]:
    """Every saved contact's name, once per row."""
    with world.db.transaction() as s:
        return sorted(s.scalars(select(Contact.name)).all())


def contact(world, name: str, **fields) -> int:
    values = dict(stage="new", met_on=D(2026, 11, 20), next_due=TODAY, unanswered_streak=0, **fields)
    with world.db.transaction() as s:
        return add_contact(s, TEAM, "U1", name=name, **values).id


def history(world, contact_id: int) -> list:
    with world.db.transaction() as s:
        return list(contact_interactions(s, TEAM, "U1", contact_id))


def met(world, text: str) -> dict:
    return slash_command(world, "U1", "/met", text)


# --- the scenarios, over both transports -------------------------------------------------------------


def test_met_saves_and_the_ack_shows_what_was_understood(world):
    message = met(world, "Jane Doe of Acme at PyCon yesterday: hiring data engineers")

    assert message["response_type"] == "ephemeral"
    shown = said(message)
    assert (
        "Saved *Jane Doe (Acme)*" in shown and "*Event*\nPyCon" in shown and "*Met on*\nMon 23 Nov" in shown
    )
    with world.db.transaction() as s:
        [jane] = s.scalars(select(Contact)).all()
        assert (jane.team_id, jane.user_id, jane.name, jane.company) == (TEAM, "U1", "Jane Doe", "Acme")
        assert (jane.met_on, jane.notes) == (D(2026, 11, 23), "hiring data engineers")
    assert buttons(message) == {"met_edit": str(jane.id), "met_undo": str(jane.id)}


def test_called_logs_the_outcome_and_the_ack_gives_the_next_step(world):
    cid = contact(world, "Jane Doe", company="Acme")
    message = slash_command(world, "U1", "/called", "jane doe reached: talked about the pilot")

    assert "Jane Doe" in said(message) and "Thu 24 Dec" in said(message)
    assert "called_undo" in buttons(message)
    [logged] = history(world, cid)
    assert (logged.outcome, logged.on, logged.notes, logged.next_due) == (
        "reached",
        TODAY,
        "talked about the pilot",
        D(2026, 12, 24),
    )


def test_a_button_acts_and_replies_through_the_response_url(world):
    message = met(world, "Jane Doe of Acme at PyCon")
    assert names(world) == ["Jane Doe"]

    reply = click(world, "met_undo", buttons(message)["met_undo"])

    assert reply["replace_original"] is True and "Removed Jane Doe" in reply["text"]
    assert names(world) == []


def test_a_view_submission_logs_the_call_and_the_ack_updates_the_modal(world):
    cid = contact(world, "Jane Doe", company="Acme")
    press(world, "contact_log", str(cid), block_id=f"contact:{cid}")
    view = wait_for(lambda: world.double.views())[-1]
    assert view["callback_id"] == "log_call" and "Jane Doe (Acme)" in json.dumps(view["blocks"])

    values = {
        "outcome": {"value": select_value("meeting")},
        "date": {"value": date_value("2026-12-04")},
        **text_values({"notes": {"value": "demo for the data team"}}),
    }
    done = world.slack.view_submission("U1", "log_call", values, view=world.double.view(view["id"]))

    assert done.status == 200 and done.elapsed_seconds < ACK_SECONDS
    assert done.json["response_action"] == "update" and "Mon 7 Dec" in json.dumps(done.json["view"])
    [logged] = history(world, cid)
    assert (logged.outcome, logged.on, logged.notes) == ("meeting", TODAY, "demo for the data team")


def test_app_home_opened_publishes_the_home(world):
    home = open_home(world, "U1")

    assert "/met Sam Lee of Northwind at DevDays yesterday" in said(home)
    assert "Change settings" in json.dumps(home)
    with world.db.transaction() as s:
        profile = s.scalar(select(UserProfile).where(UserProfile.user_id == "U1"))
        assert profile.tz == "America/New_York"  # the first visit learns the time zone


# --- what only a socket has --------------------------------------------------------------------------


def test_each_kind_of_request_travels_in_its_envelope_and_is_acked_in_time(sw):
    open_home(sw, "U1")  # the first visit learns U1's time zone, so /met can answer in its ack
    message = met(sw, "Jane Doe of Acme at PyCon")
    click(sw, "met_undo", buttons(message)["met_undo"])
    cid = contact(sw, "Bob Stone")
    press(sw, "contact_log", str(cid), block_id=f"contact:{cid}")
    view = wait_for(lambda: sw.double.views())[-1]
    values = {"outcome": {"value": select_value("reached")}, **text_values({"notes": {"value": None}})}
    sw.slack.view_submission("U1", "log_call", values, view=sw.double.view(view["id"]))

    sent = sw.double.socket_mode.envelopes
    kinds = [(e.type, e.payload.get("type"), e.accepts_response_payload) for e in sent]
    assert kinds == [
        ("events_api", "event_callback", False),
        ("slash_commands", None, True),
        ("interactive", "block_actions", False),
        ("interactive", "block_actions", False),
        ("interactive", "view_submission", True),
    ]
    assert all(e.acks == 1 and not e.late and e.ack_seconds < ACK_SECONDS for e in sent)
    home, command, undo, log, submission = sent
    assert command.ack_payload == message and command.payload["command"] == "/met"
    assert undo.ack_payload is None and home.ack_payload is None and log.ack_payload is None
    assert submission.ack_payload["response_action"] == "update"
    assert home.message()["retry_attempt"] == 0
    assert sw.double.socket_mode.stray_acks == []
    assert not [w for w in sw.double.warnings if w.startswith("socket mode")]


@pytest.mark.parametrize("reason", ["refresh_requested", "warning"])
def test_after_a_disconnect_envelope_the_app_reconnects_and_loses_or_repeats_nothing(sw, reason):
    socket = sw.double.socket_mode
    first = met(sw, "Ann Lee of Acme")
    old = socket.links[0]

    socket.disconnect(reason)
    new = socket.wait_for_link(2)  # a new socket, from a fresh apps.connections.open
    second = sw.command("U1", "/met", "Bob Stone of Initech")  # right away
    again = socket.redeliver(socket.envelopes[0])  # what Slack had sent on the old socket, once more

    assert "Saved *Ann Lee (Acme)*" in said(first)
    assert second.status == 200 and "Saved *Bob Stone (Initech)*" in said(second.json)
    assert again.acked and again.ack_payload is None  # acked, and acted on once only
    assert names(sw) == ["Ann Lee", "Bob Stone"]
    assert socket.wait_closed(old).closed_by == "app"  # the app left the old socket itself
    assert len(sw.double.calls_to("apps.connections.open")) == 2
    assert (second.envelope.link, again.link) == (new.number, new.number)
    assert [e.acks for e in socket.envelopes] == [1, 1, 1]


def test_after_a_dropped_socket_the_app_reconnects_and_loses_or_repeats_nothing(sw):
    socket = sw.double.socket_mode
    met(sw, "Ann Lee of Acme")

    dropped = socket.drop("reset")  # the connection is reset: no close frame, no goodbye
    # The client sees the reset at once and reconnects at its next health check (every 10 s).
    new = socket.wait_for_link(2, timeout=20)
    second = sw.command("U1", "/met", "Bob Stone of Initech")
    again = socket.redeliver(socket.envelopes[0])

    assert dropped.dropped and not dropped.open
    assert second.status == 200 and not second.late and "Saved *Bob Stone (Initech)*" in said(second.json)
    assert again.acked and again.ack_payload is None
    assert names(sw) == ["Ann Lee", "Bob Stone"]
    assert len(sw.double.calls_to("apps.connections.open")) == 2
    assert (second.envelope.link, again.link) == (new.number, new.number)
    assert [e.acks for e in socket.envelopes] == [1, 1, 1]


# Two limits of Bolt's builtin Socket Mode client (slack_sdk.socket_mode.builtin), pinned so they
# are seen the day the handler changes: both pass with Bolt's websocket_client adapter.


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.xfail(
    # not strict: the ack lands ~3.05 s after the command, at the very edge of the 3 s it is held to,
    # so on a quiet moment it squeaks in (an XPASS that once failed CI); the limit stays pinned here
    strict=False,
    reason="slack_sdk's builtin client closes the old socket while its reader holds the receive lock "
    "until its 3 s recv timeout (builtin/connection.py disconnect()): the first envelope on the new "
    "socket is acked after ~3.05 s",
)
def test_a_command_right_after_a_disconnect_envelope_is_acked_in_time(sw):
    socket = sw.double.socket_mode
    socket.disconnect("refresh_requested")
    socket.wait_for_link(2)

    answer = sw.command("U1", "/met", "Bob Stone of Initech")

    assert answer.status == 200 and not answer.late


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.xfail(
    strict=True,
    reason="slack_sdk's builtin client reads b'' after a FIN without a close frame and spins on it "
    "(about half a core) until its ping check gives up: ~50 s with Bolt's ping_interval of 10 s "
    "(python-slack-sdk #1246 fixed it, #1269 reverted the fix)",
)
def test_a_socket_closed_without_a_close_frame_is_reopened_within_20_seconds(sw):
    socket = sw.double.socket_mode
    socket.drop("eof")

    socket.wait_for_link(2, timeout=20)


def test_sigterm_closes_the_socket_and_exits_in_time(db_url, tmp_path):
    double = SlackDouble().start()
    double.add_user("U1", tz="America/New_York")
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": double.url,
        "DATABASE_URL": db_url,
        "LOG_LEVEL": "INFO",
    }
    env.pop("SLACK_SIGNING_SECRET", None)
    log = (tmp_path / "bot.log").open("w")
    bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        link = double.socket_mode.wait_for_link(1, timeout=60)
        slack = SocketModeRequester(double.socket_mode, response_urls=double.new_response_url)
        answer = slack.command("U1", "/met", "Jane Doe of Acme at PyCon")
        assert answer.status == 200 and not answer.late
        # A new user: the reply waits for their time zone from Slack and comes by the response_url.
        shown = answer.json or wait_for(lambda: double.responses)[0]["body"]
        assert "Saved *Jane Doe (Acme)*" in said(shown)

        stopped = time.monotonic()
        bot.send_signal(signal.SIGTERM)
        double.socket_mode.wait_closed(link, timeout=EXIT_BOUND_SECONDS)
        code = bot.wait(timeout=max(0.1, EXIT_BOUND_SECONDS - (time.monotonic() - stopped)))

        assert code == 0, (tmp_path / "bot.log").read_text()
        assert link.closed_by == "app"
        assert len(double.calls_to("apps.connections.open")) == 1  # closing is not a reconnect
        db = Database(db_url)
        with db.transaction() as s:
            assert list(s.scalars(select(Contact.name)).all()) == ["Jane Doe"]
        db.dispose()
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
        log.close()
        double.stop()


# --- the double's socket, against a hand-driven client -----------------------------------------------


def api(double: SlackDouble, method: str, token: str) -> dict:
    request = urllib.request.Request(
        double.url + method, data=b"", headers={"Authorization": f"Bearer {token}"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.load(answer)


@pytest.fixture
def double():
    with SlackDouble() as d:
        yield d


def test_apps_connections_open_takes_the_app_level_token_and_nothing_else_does(double):
    assert api(double, "apps.connections.open", "xoxb-test-token") == {
        "ok": False,
        "error": "not_allowed_token_type",
    }
    assert api(double, "chat.postMessage", APP_TOKEN)["error"] == "not_allowed_token_type"
    opened = api(double, "apps.connections.open", APP_TOKEN)
    assert opened["ok"] is True and opened["url"].startswith("ws://127.0.0.1:")
    assert "/link/?ticket=" in opened["url"]


def test_a_ticket_opens_one_socket_which_starts_with_hello(double):
    url = api(double, "apps.connections.open", APP_TOKEN)["url"]
    with ws_connect(url) as app:
        hello = json.loads(app.recv(timeout=5))
        assert hello["type"] == "hello" and hello["num_connections"] == 1
        assert hello["connection_info"] == {"app_id": "A0001"}
        with pytest.raises(InvalidStatus) as refused:
            ws_connect(url)
        assert refused.value.response.status_code == 401


def test_acks_are_matched_by_envelope_id_and_late_missing_or_ignored_ones_are_recorded(double):
    socket = double.socket_mode
    with ws_connect(api(double, "apps.connections.open", APP_TOKEN)["url"]) as app:
        app.recv(timeout=5)  # hello
        command = socket.send("slash_commands", {"command": "/met", "text": "x", "trigger_id": "1.2.t"})
        button = socket.send("interactive", {"type": "block_actions", "actions": []})
        sent = [json.loads(app.recv(timeout=5)) for _ in range(2)]
        assert [(m["type"], m["accepts_response_payload"]) for m in sent] == [
            ("slash_commands", True),
            ("interactive", False),
        ]
        assert sent[0]["envelope_id"] == command.envelope_id and sent[0]["payload"]["text"] == "x"

        app.send(json.dumps({"envelope_id": command.envelope_id, "payload": {"text": "Saved"}}))
        app.send(json.dumps({"envelope_id": "not-one-of-ours"}))
        wait_for(lambda: socket.wait_for_ack(command, 0).acked and socket.stray_acks)
        assert command.ack_payload == {"text": "Saved"} and not command.late
        assert socket.stray_acks == [{"envelope_id": "not-one-of-ours"}]

        wait_for(lambda: button.missing)  # 3 s and no ack: the user saw an error
        app.send(json.dumps({"envelope_id": button.envelope_id, "payload": {"text": "too late"}}))
        socket.wait_for_ack(button, 5)
        assert button.acked and button.late
        assert "socket mode: the ack payload of a block_actions envelope is ignored" in double.warnings
