"""Plain replies in Warmcall's DM (`message.im`), end to end over signed HTTP on SQLite and PostgreSQL.

Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from bot.delivery import queue as drain_queue
from bot.delivery.dispatcher import dispatch
from bot.domain.dm_reply import Verb, read_reply, snooze_parts, without_bot_mention
from bot.testing.slackdouble import BOT_USER_ID
from handlers.blocks.called import UNDO_ACTION
from handlers.blocks.digest import render_digest
from handlers.commands import QUEUED_WORK
from storage.contacts import add_contact, get_contact
from storage.interactions import contact_interactions
from storage.models import Contact, QueuedJob
from storage.profiles import get_or_create_profile
from tests.world import ACK_SECONDS, TEAM, press, settle, wait_for

D = dt.date
TODAY = D(2026, 11, 24)
_ts = itertools.count(1)


# --- the story's vocabulary -------------------------------------------------------------------------


def person(world, user: str = "U1") -> str:
    world.user(user, name="Ada Lovelace")
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user, tz="America/New_York")
    return user


def contact(world, name: str, user: str = "U1", **fields) -> int:
    defaults = dict(stage="active", met_on=D(2026, 11, 20), next_due=D(2026, 11, 30), unanswered_streak=0)
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name=name, **{**defaults, **fields}).id


def row(world, contact_id: int, user: str = "U1") -> Contact:
    with world.db.transaction() as s:
        c = get_contact(s, TEAM, user, contact_id)
        s.expunge(c)
        return c


def history(world, contact_id: int, user: str = "U1") -> list[str]:
    with world.db.transaction() as s:
        return [i.outcome for i in contact_interactions(s, TEAM, user, contact_id)]


def dm_event(user: str, text: str, *, thread_ts: str | None = None, **extra) -> dict:
    ts = f"1764590{next(_ts):03d}.000100"
    event = {
        "type": "message",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "client_msg_id": f"msg-{ts}",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    event.update(extra)
    return event


def say(world, text: str, user: str = "U1", *, thread_ts: str | None = None, **kwargs) -> dict:
    """Type `text` in the app's DM; the app's answer in the message's thread."""
    event = dm_event(user, text, thread_ts=thread_ts)
    root = thread_ts or event["ts"]
    before = len(answers_in(world, user, root))
    answer = world.slack.event(event, **kwargs)
    assert answer.status == 200
    assert answer.elapsed_seconds < ACK_SECONDS
    return wait_for(lambda: answers_in(world, user, root)[before:])[-1]


def answers_in(world, user: str, thread_ts: str) -> list[dict]:
    return [m for m in world.double.messages(user) if m.get("thread_ts") == thread_ts]


def text_of(message: dict) -> str:
    parts = [message.get("text", "")]
    for block in message.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        accessory = block.get("accessory") or {}
        parts.append((accessory.get("text") or {}).get("text", ""))
        for el in block.get("elements", []):
            parts.append(
                el["text"] if isinstance(el.get("text"), str) else (el.get("text") or {}).get("text", "")
            )
    return "\n".join(p for p in parts if p)


def buttons(message: dict) -> list[tuple[str, str | None, str]]:
    """(action_id, value, block_id) of every button in a message."""
    found = []
    for block in message.get("blocks", []):
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        found += [
            (e["action_id"], e.get("value"), block.get("block_id", ""))
            for e in elements
            if e.get("type") == "button"
        ]
    return found


def press_in(world, message: dict, action_id: str, user: str = "U1", value: str | None = None):
    for aid, v, block_id in buttons(message):
        if aid.startswith(action_id) and (value is None or v == value):
            shown = {**message, "channel": f"D{user}"}
            return press(world, aid, v, user, block_id=block_id, message=shown)
    raise AssertionError(f"no {action_id} button in {text_of(message)!r}")


def stored(world, message: dict, user: str = "U1") -> dict:
    return next(m for m in world.double.messages(user) if m["ts"] == message["ts"])


# --- reading the verb (pure) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, verb, rest, days",
    [
        pytest.param("called jane, voicemail", Verb.CALLED, "jane voicemail", None, id="called-comma"),
        pytest.param(
            "Jane reached: wants the case study",
            Verb.CALLED,
            "Jane reached: wants the case study",
            None,
            id="no-verb",
        ),
        pytest.param(
            "met Tom Lee of Globex at the meetup yesterday",
            Verb.MET,
            "Tom Lee of Globex at the meetup yesterday",
            None,
            id="met",
        ),
        pytest.param("snooze ravi 2w", Verb.SNOOZE, "ravi", 14, id="snooze-2w"),
        pytest.param("snooze Ravi Patel for 3 days", Verb.SNOOZE, "Ravi Patel", 3, id="snooze-days"),
        pytest.param("snooze ravi", Verb.SNOOZE, "ravi", None, id="snooze-default"),
        pytest.param("done jane", Verb.DONE, "jane", None, id="done"),
        pytest.param("Done with Jane Doe.", Verb.DONE, "Jane Doe", None, id="done-with"),
        pytest.param("help", Verb.HELP, "", None, id="help"),
        pytest.param("hello there, how are you?", Verb.UNREADABLE, "", None, id="chat"),
        pytest.param("voicemail", Verb.CALLED, "voicemail", None, id="outcome-only"),
    ],
)
def test_read_reply(text, verb, rest, days):
    reply = read_reply(text)
    assert (reply.verb, reply.rest, reply.days) == (verb, rest, days)


@pytest.mark.parametrize(
    "text, name, days",
    [
        ("ravi 1w", "ravi", 7),
        ("ravi a week", "ravi", 7),
        ("ravi two weeks", "ravi", 14),
        ("ravi 1 month", "ravi", 30),
    ],
)
def test_snooze_lengths(text, name, days):
    assert snooze_parts(text) == (name, days)


# --- each reply form, answered in its thread -------------------------------------------------------------


def test_called_jane_voicemail_logs_it_and_answers_in_the_thread_with_undo(world):
    person(world)
    jane = contact(world, "Jane Doe", company="Acme")
    answer = say(world, "called jane, voicemail")
    assert "Jane Doe" in text_of(answer) and "Next follow-up" in text_of(answer)
    assert history(world, jane) == ["voicemail"]
    assert world.double.block_errors == []

    press_in(world, answer, UNDO_ACTION)
    wait_for(lambda: "Undone" in text_of(stored(world, answer)))
    assert history(world, jane) == []
    assert row(world, jane).next_due == D(2026, 11, 30)


def test_name_then_outcome_with_notes_keeps_the_notes(world):
    person(world)
    jane = contact(world, "Jane Doe")
    answer = say(world, "jane reached: wants the case study")
    assert "Reached" in text_of(answer) or "reached" in text_of(answer).lower()
    assert history(world, jane) == ["reached"]
    assert row(world, jane).last_call_notes == "wants the case study"


def test_met_saves_a_contact_with_the_met_grammar(world):
    person(world)
    answer = say(world, "met Tom Lee of Globex at the meetup yesterday")
    assert "Tom Lee" in text_of(answer)
    with world.db.transaction() as s:
        tom = s.query(Contact).filter_by(team_id=TEAM, user_id="U1", name="Tom Lee").one()
        assert (tom.company, tom.met_on) == ("Globex", D(2026, 11, 23))
        assert "meetup" in (tom.event or "")


def test_snooze_puts_the_contact_off_by_two_weeks(world):
    person(world)
    ravi = contact(world, "Ravi Patel", next_due=TODAY)
    answer = say(world, "snooze ravi 2w")
    assert "snoozed" in text_of(answer)
    assert history(world, ravi) == ["snooze"]
    assert row(world, ravi).next_due >= TODAY + dt.timedelta(days=14)


def test_done_closes_her_promise(world):
    person(world)
    jane = contact(world, "Jane Doe", promise="send the deck", promise_due=D(2026, 11, 27))
    answer = say(world, "done jane")
    assert "Jane Doe" in text_of(answer)
    kept = row(world, jane)
    assert (kept.promise_done, kept.promise_outcome, kept.promise_closed_on) == (True, "kept", TODAY)


def test_ambiguous_name_is_answered_with_buttons_in_the_thread(world):
    person(world)
    first = contact(world, "Jane Doe", company="Acme")
    second = contact(world, "Jane Roe", company="Globex")
    answer = say(world, "called jane voicemail")
    assert "Several contacts match" in text_of(answer)
    assert {"Jane Doe · Acme · met 20 Nov", "Jane Roe · Globex · met 20 Nov"} <= set(
        text_of(answer).split("\n")
    )
    press_in(world, answer, "called_pick_", value=None)
    wait_for(lambda: history(world, first) == ["voicemail"])
    assert history(world, second) == []


def test_ambiguous_snooze_offers_one_button_per_contact(world):
    person(world)
    contact(world, "Jane Doe", company="Acme")
    roe = contact(world, "Jane Roe", company="Globex")
    answer = say(world, "snooze jane 1w")
    assert "Several contacts match" in text_of(answer)
    press_in(world, answer, "contact_snooze", value=f"{roe}:7")
    wait_for(lambda: history(world, roe) == ["snooze"])
    assert world.double.block_errors == []


def test_unreadable_text_gets_one_help_line_with_an_example(world):
    person(world)
    answer = say(world, "hello there, how are you?")
    assert "called Jane, voicemail" in text_of(answer)
    settle(world)
    assert len(world.double.messages("U1")) == 1


def test_unknown_name_says_so_with_the_closest_names(world):
    person(world)
    contact(world, "Jane Doe")
    answer = say(world, "called janet voicemail")
    assert "can't find" in text_of(answer)


# --- threads of the morning list ----------------------------------------------------------------------


def digest_of(world, user: str = "U1") -> dict:
    dispatch(world.services, render_digest)
    return wait_for(lambda: next((m for m in world.double.messages(user) if m.get("metadata")), None))


def test_a_reply_in_the_thread_of_a_digest_applies_to_its_contact(world):
    person(world)
    jane = contact(world, "Jane Doe", company="Acme", next_due=D(2026, 11, 20))
    digest = digest_of(world)
    answer = say(world, "voicemail: left a note", thread_ts=digest["ts"])
    assert "Jane Doe" in text_of(answer)
    assert history(world, jane) == ["voicemail"]
    assert row(world, jane).last_call_notes == "left a note"

    snoozed = say(world, "snooze 1w", thread_ts=digest["ts"])
    assert "snoozed" in text_of(snoozed)
    assert sorted(history(world, jane)) == ["snooze", "voicemail"]


def test_a_nameless_reply_to_a_digest_of_several_asks_which_one(world):
    person(world)
    jane = contact(world, "Jane Doe", company="Acme", next_due=D(2026, 11, 20))
    ravi = contact(world, "Ravi Patel", company="Globex", next_due=D(2026, 11, 20))
    digest = digest_of(world)
    answer = say(world, "reached", thread_ts=digest["ts"])
    assert "Jane Doe" in text_of(answer) and "Ravi Patel" in text_of(answer)
    assert history(world, jane) == history(world, ravi) == []
    named = say(world, "ravi no answer", thread_ts=digest["ts"])  # a name picks one of them
    assert "Ravi Patel" in text_of(named) and "Jane Doe" not in text_of(named)
    assert history(world, ravi) == ["no-answer"] and history(world, jane) == []


# --- what is ignored, and what acts once -----------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"bot_id": "B0001"}, id="a-bot"),
        pytest.param({"subtype": "message_changed"}, id="an-edit"),
        pytest.param({"subtype": "message_deleted"}, id="a-deletion"),
        pytest.param({"subtype": "channel_join"}, id="another-subtype"),
        pytest.param({"channel_type": "channel", "channel": "C0001"}, id="a-channel"),
    ],
)
def test_bots_edits_and_other_subtypes_are_ignored(world, extra):
    person(world)
    jane = contact(world, "Jane Doe")
    answer = world.slack.event(dm_event("U1", "called jane voicemail", **extra))
    assert answer.status == 200
    settle(world)
    assert world.double.calls_to("chat.postMessage") == []
    assert history(world, jane) == []


def test_the_same_event_delivered_twice_acts_once(world):
    person(world)
    jane = contact(world, "Jane Doe")
    event = dm_event("U1", "called jane voicemail")
    assert world.slack.event(event, event_id="EvSAME").status == 200
    wait_for(lambda: answers_in(world, "U1", event["ts"]))
    again = world.slack.event(event, event_id="EvSAME", retry_num=1)
    assert again.status == 200
    settle(world)
    assert history(world, jane) == ["voicemail"]
    assert len(answers_in(world, "U1", event["ts"])) == 1


def test_the_answer_survives_slack_failing_after_the_ack(world):
    """The message is a durable job committed before the ack: when the answer cannot be posted, the
    queue drain answers it later, and the call is logged once."""
    person(world)
    jane = contact(world, "Jane Doe")
    world.double.fail("chat.postMessage", status=500, times=3)
    event = dm_event("U1", "called jane voicemail")
    assert world.slack.event(event).status == 200
    settle(world)
    assert answers_in(world, "U1", event["ts"]) == []
    with world.db.transaction() as s:
        assert s.query(QueuedJob).filter_by(kind="dm").count() == 1
    world.advance(minutes=1)
    drain_queue.drain(world.services, QUEUED_WORK, budget_seconds=5)
    assert len(answers_in(world, "U1", event["ts"])) == 1
    assert history(world, jane) == ["voicemail"]
    with world.db.transaction() as s:
        assert s.query(QueuedJob).count() == 0


# --- the console: a line that is no command is a DM to Warmcall ------------------------------------------


def console_transcript(db_url: str, script: str) -> str:
    import io

    from bot.console import console
    from bot.console.terminal import Terminal
    from tests.world import settings_for

    out = io.StringIO()
    start = dt.datetime.fromisoformat("2026-11-24T14:00:00+00:00")
    terminal = Terminal(stdin=io.StringIO(script), stdout=out)
    with console(
        settings_for(db_url, "http://unused/"), terminal, user_name="Ada", tz="UTC", start=start
    ) as s:
        assert s.run() == 0
        assert s.double.block_errors == []
    return out.getvalue()


def test_the_console_sends_other_lines_as_dms_and_reply_answers_in_the_digest_thread(db_url):
    script = (
        "/met Jane Doe of Acme at PyCon yesterday\n"
        "called jane, voicemail\n"
        "advance 3d\n"
        "reply reached: wants the case study\n"
        "quit\n"
    )
    transcript = console_transcript(db_url, script)
    logged = transcript.split("> called jane, voicemail\n", 1)[1].split("\n> ", 1)[0]
    assert "DM from Warmcall" in logged and "Jane Doe" in logged and "Undo" in logged
    replied = transcript.split("> reply reached: wants the case study\n", 1)[1].split("\n> ", 1)[0]
    assert "Jane Doe" in replied and "Next follow-up" in replied


def test_done_in_a_digest_thread_closes_the_one_open_promise_there(world):
    person(world)
    contact(world, "Ravi Patel", company="Globex", next_due=D(2026, 11, 20))
    jane = contact(
        world, "Jane Doe", next_due=D(2026, 11, 20), promise="send the deck", promise_due=D(2026, 11, 27)
    )
    digest = digest_of(world)
    answer = say(world, "done", thread_ts=digest["ts"])
    assert "Jane Doe" in text_of(answer)
    assert row(world, jane).promise_done is True


def test_a_first_dm_from_a_new_user_learns_their_zone_after_the_ack_and_saves(world):
    world.user("U7", name="Grace Hopper", tz="Pacific/Kiritimati")  # no profile yet: Slack tells us the zone
    answer = say(world, "met Tom Lee of Globex at the meetup yesterday", user="U7")
    assert "Tom Lee" in text_of(answer)
    with world.db.transaction() as s:
        tom = s.query(Contact).filter_by(team_id=TEAM, user_id="U7", name="Tom Lee").one()
        assert tom.met_on == D(2026, 11, 24)  # 04:00 on the 25th there (UTC+14): yesterday was the 24th
    assert world.double.calls_to("users.info")


@pytest.fixture
def socket_world(db):
    from tests.conftest import DEFAULT_NOW
    from tests.socket_world import SocketWorld

    w = SocketWorld(db, now=DEFAULT_NOW)
    yield w
    w.close()


def test_over_socket_mode_a_dm_is_answered_once_in_its_thread(socket_world):
    world = socket_world
    person(world)
    jane = contact(world, "Jane Doe")
    event = dm_event("U1", "called jane, voicemail")
    assert world.slack.event(event, event_id="EvSOCKET").status == 200
    wait_for(lambda: answers_in(world, "U1", event["ts"]))
    assert world.slack.event(event, event_id="EvSOCKET", retry_num=1).status == 200
    settle(world)
    assert history(world, jane) == ["voicemail"]
    assert len(answers_in(world, "U1", event["ts"])) == 1


def test_a_dm_that_starts_by_addressing_the_bot_reads_without_the_mention(world):
    person(world)
    jane = contact(world, "Jane Doe", company="Acme")
    answer = say(world, f"<@{BOT_USER_ID}> called jane, voicemail")
    assert "Jane Doe" in text_of(answer) and "Next follow-up" in text_of(answer)
    assert history(world, jane) == ["voicemail"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<@U0BOT> called jane", "called jane"),
        ("<@U0BOT|warmcall>: jane reached", "jane reached"),
        ("  <@U0BOT>, done jane", "done jane"),
        ("<@U0OTHER> reached", "<@U0OTHER> reached"),  # a contact's mention stays
        ("called <@U0BOT> jane", "called <@U0BOT> jane"),  # only a leading one
    ],
)
def test_without_bot_mention(text, expected):
    assert without_bot_mention(text, "U0BOT") == expected
