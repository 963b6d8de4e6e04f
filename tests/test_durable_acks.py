"""An ack is a promise (SPEC §13): what a command acknowledges is committed before the ack, and what
must still run after it is a job in the durable queue that any replica drains.

The real app over HTTP against the Slack double, on SQLite and PostgreSQL; the drain is run by hand
(`drain`) on the World's manual clock. Crashes and deploys of a real process: test_crash_and_deploy.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.delivery.queue import drain
from bot.services import queue
from bot.services.profiles import ensure_profile
from handlers.blocks.kit import BUSY
from handlers.commands import QUEUED_WORK
from handlers.commands.met import run_queued_met
from storage.models import Contact, QueuedJob, UserProfile
from tests.world import TEAM, reply, response, settle, wait_for


def known_user(world, user_id: str, **kwargs) -> str:
    """A user whose time zone we have already learnt from Slack (any earlier command does that)."""
    world.user(user_id, **kwargs)
    ensure_profile(world.services, TEAM, user_id)
    return user_id


def contacts(world) -> list[Contact]:
    with world.db.transaction() as s:
        return list(s.scalars(select(Contact).order_by(Contact.id)).all())


def jobs(world) -> list[QueuedJob]:
    with world.db.transaction() as s:
        return list(s.scalars(select(QueuedJob).order_by(QueuedJob.id)).all())


def said(message: dict) -> str:
    return json.dumps(message.get("blocks") or []) + message.get("text", "")


def test_met_is_committed_before_the_ack_and_the_ack_carries_the_reply(world):
    known_user(world, "U1")
    answer = world.command("U1", "/met", "Jane Doe of Acme at PyCon")
    assert answer.status == 200
    assert "Saved *Jane Doe (Acme)*" in said(answer.json)
    [jane] = contacts(world)  # already there when the ack arrives: no waiting
    assert (jane.name, jane.company, jane.event) == ("Jane Doe", "Acme", "PyCon")
    settle(world)
    assert world.double.responses == []  # nothing more to say through response_url
    assert jobs(world) == []


def test_called_is_logged_before_the_ack_and_the_ack_carries_the_reply(world):
    known_user(world, "U1")
    world.command("U1", "/met", "Jane Doe of Acme at PyCon")
    answer = world.command("U1", "/called", "Jane reached: loved the deck")
    assert "Jane Doe" in said(answer.json)
    [jane] = contacts(world)
    assert jane.last_outcome == "reached"
    settle(world)
    assert world.double.responses == []


def test_a_new_users_command_waits_in_the_queue_for_their_time_zone(world):
    # 14:00 UTC on Tuesday is already Wednesday on Kiritimati: the date needs the zone from Slack.
    world.user("U9", tz="Pacific/Kiritimati")
    world.double.delay("users.info", 1)
    answer = world.command("U9", "/met", "Kenji Sato at a Pacific meetup today")
    assert answer.status == 200 and not answer.json
    with world.db.transaction() as s:  # the profile exists before the ack, made without Slack
        assert s.scalar(select(UserProfile.user_id).where(UserProfile.user_id == "U9")) == "U9"
    message = reply(world, 1)
    assert "Saved *Kenji Sato*" in said(message)
    [kenji] = contacts(world)
    assert kenji.met_on == dt.date(2026, 11, 25)
    settle(world)
    assert jobs(world) == []


def test_a_mention_is_saved_before_the_ack_and_named_by_the_queue_after_it(world):
    known_user(world, "U1")
    world.user("U123", name="Priya Patel")
    world.double.delay("users.info", 1)  # the look-up is still running when we look
    answer = world.command("U1", "/met", "<@U123> at PyCon")
    assert answer.status == 200 and not answer.json
    [saved] = contacts(world)
    assert (saved.name, saved.slack_user_id, saved.event) == ("<@U123>", "U123", "PyCon")
    message = reply(world, 1)
    assert "Saved *Priya Patel*" in said(message)
    [priya] = contacts(world)
    assert (priya.id, priya.name) == (saved.id, "Priya Patel")
    settle(world)
    assert jobs(world) == []


def test_a_name_slack_does_not_give_is_tried_again_by_the_drain(world):
    known_user(world, "U1")
    world.user("U123", name="Priya Patel")
    world.double.fail("users.info", "fatal_error", times=1)
    world.command("U1", "/met", "<@U123> at PyCon")
    [job] = wait_for(lambda: [j for j in jobs(world) if j.attempts == 1 and j.lease_until is None])
    assert job.kind == queue.NAME
    assert drain(world.services, QUEUED_WORK) == {}  # not due yet: it backs off
    world.advance(seconds=10)
    assert drain(world.services, QUEUED_WORK) == {"jobs_done": 1}
    assert "Saved *Priya Patel*" in said(reply(world, 1))
    assert [c.name for c in contacts(world)] == ["Priya Patel"]
    assert jobs(world) == []


def test_a_reply_slack_does_not_take_waits_in_the_queue_and_the_work_is_not_done_twice(world):
    world.user("U2")
    world.double.fail("response_url", status=500, times=1)
    world.command("U2", "/met", "Kim Ho of Initech")
    assert response(world, 1)["status"] == 500
    [held] = wait_for(lambda: [j for j in jobs(world) if j.kind == queue.REPLY])
    assert held.payload["message"]["text"].startswith("Saved Kim Ho (Initech)")
    assert drain(world.services, QUEUED_WORK) == {"jobs_done": 1}
    assert "Saved *Kim Ho (Initech)*" in said(reply(world, 2))
    assert [c.name for c in contacts(world)] == ["Kim Ho"]
    assert jobs(world) == []


def test_a_queued_met_run_twice_saves_once_and_answers_the_same(world):
    world.user("U2")
    job = queue.queue_command(world.services, TEAM, "U2", queue.MET, "Kim Ho of Initech", None)
    taken = queue.take(world.services, job.id)
    first = run_queued_met(world.services, taken)
    again = run_queued_met(world.services, taken)  # the worker died before it could finish the job
    assert [c.name for c in contacts(world)] == ["Kim Ho"]
    assert first == again
    assert "Saved *Kim Ho (Initech)*" in said(first)


def test_a_job_whose_worker_died_is_drained_once_its_lease_runs_out(world):
    world.user("U2")
    job = queue.queue_command(world.services, TEAM, "U2", queue.MET, "Kim Ho of Initech", None)
    assert queue.take(world.services, job.id) is not None  # a worker took it, then died
    assert queue.take(world.services, job.id) is None  # nobody else may while its lease holds
    assert drain(world.services, QUEUED_WORK) == {}
    world.advance(seconds=queue.LEASE.total_seconds() + 1)
    assert drain(world.services, QUEUED_WORK) == {"jobs_done": 1}
    assert [c.name for c in contacts(world)] == ["Kim Ho"]
    assert jobs(world) == []


def test_a_full_pool_answers_busy_and_writes_nothing_it_could_not_finish(world):
    known_user(world, "U1")
    world.user("U2")  # new: their command would wait for the pool
    world.user("U123", name="Priya Patel")
    world.services.background.max_waiting = 0
    for user, command, text in (
        ("U2", "/prep", "Jane"),  # a first-time user's profile comes from Slack after the ack
        ("U2", "/met", "Kim Ho of Initech"),
        ("U2", "/called", "Kim reached"),
        ("U1", "/met", "<@U123> at PyCon"),
    ):
        answer = world.command(user, command, text)
        assert answer.json["text"] == BUSY, (command, text)
        assert answer.json["response_type"] == "ephemeral"
    assert contacts(world) == [] and jobs(world) == []
    with world.db.transaction() as s:
        assert s.scalar(select(UserProfile.id).where(UserProfile.user_id == "U2")) is None
    # A command that needs no after-ack work is still done at once, answered in its ack.
    assert "I can't find “Jane”" in said(world.command("U1", "/prep", "Jane").json)
    assert "Saved *Jane Doe*" in said(world.command("U1", "/met", "Jane Doe").json)
    settle(world)
    assert world.double.responses == []
