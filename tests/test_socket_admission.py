"""Admission control over Socket Mode (bot.runtime.socket_admission): under a burst an envelope is
answered busy at once, as HTTP answers a refused request (tests/test_admission.py), never acked after
Slack's 3 s. The real handler on the Slack double's WebSocket, envelopes in Slack's shapes.
Deterministic: the one envelope worker is held by a gate the test releases, the door's clock is the
test's; nothing here measures time."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select

from bot.runtime import admission
from bot.runtime.admission import DEEP, WAITED
from bot.runtime.socket_admission import EnvelopeDoor
from bot.testing.socket_requests import SocketModeRequester
from handlers.blocks.imports import MODAL, import_modal
from handlers.blocks.kit import BUSY, busy_reply
from storage.models import Contact
from storage.profiles import get_or_create_profile
from tests.conftest import DEFAULT_NOW
from tests.socket_world import SocketWorld
from tests.test_admission import Clock
from tests.world import TEAM, settle, wait_for

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # no storage path differs
HELD = "Held Person of Acme"  # the /met that keeps the only worker until the test releases it
HOME_OPENED = {"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"}


def shed() -> str | None:
    """A call that says why the door refused it (None: admitted)."""
    ticket = admission.current()
    assert ticket is not None
    return ticket.shed


def sample(name: str, **labels: str) -> float:
    """A metric's value in the process's Prometheus registry (0 before its first count)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def busy(kind: str) -> float:
    return sample("warmcall_requests_total", kind=kind, answer="busy")


# --- the door itself ---------------------------------------------------------------------------------


def test_a_call_arriving_at_a_deep_queue_is_refused_at_once_and_one_that_waited_too_long_too():
    clock = Clock()
    door = EnvelopeDoor(0, max_waiting=2, max_wait=1.5, clock=clock, reap_every=None)  # no workers
    first, second, third = [door.submit(shed) for _ in range(3)]
    assert (len(door.queue), len(door.refused)) == (2, 1)
    assert door.serve_refused() == 1  # the door's own thread does this at once
    assert third.result(timeout=0) == DEEP and not first.done() and not second.done()
    clock.now += 1.5
    assert door.serve_refused() == 0  # 1.5 s is still in time
    clock.now += 0.01
    assert door.serve_refused() == 2  # both waited too long: answered busy, oldest first
    assert first.result(timeout=0) == second.result(timeout=0) == WAITED
    assert not door.busy()
    door.shutdown(timeout=1)


def test_a_worker_that_reaches_a_call_that_waited_too_long_runs_it_refused():
    clock = Clock()
    door = EnvelopeDoor(1, max_waiting=10, max_wait=1.5, clock=clock, reap_every=None)  # no reaper
    entered, release = threading.Event(), threading.Event()

    def held() -> str | None:
        entered.set()
        release.wait(10)
        return shed()

    first = door.submit(held)
    assert entered.wait(10)
    late = door.submit(shed)
    clock.now += 2
    fresh = door.submit(shed)
    release.set()
    assert [f.result(timeout=10) for f in (first, late, fresh)] == [None, WAITED, None]
    door.shutdown(timeout=1)


def test_closing_the_door_cancels_the_calls_still_waiting():
    door = EnvelopeDoor(0, reap_every=None)
    waiting = door.submit(shed)
    door.shutdown(timeout=1)
    assert waiting.cancelled()  # what a BusyTracker counting the door's futures sees


# --- the real handler on the double's socket ---------------------------------------------------------


class SendOnly:
    """The double's socket, whose `request` returns once the envelope is sent (the test waits for
    the acks it expects): for envelopes sent while the worker is held, and an event never acked."""

    def __init__(self, socket) -> None:
        self.socket = socket

    def request(self, kind, payload, *, timeout: float, **retry):
        return self.socket.send(kind, payload, timeout=timeout, **retry)


class HeldWorker:
    """Wraps the handler's listener: the envelope of `HELD` keeps its worker until `release`."""

    def __init__(self, world: SocketWorld) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        listeners = world.handler.client.socket_mode_request_listeners
        real = listeners[0]

        def held(client, request) -> None:
            if request.payload.get("text") == HELD:
                self.entered.set()
                self.release.wait(30)
            real(client, request)

        listeners[0] = held


@pytest.fixture
def held(db):
    """A Socket Mode world with one envelope worker (held by HeldWorker), room for one envelope to
    wait, and the test's clock at the door. U1's time zone is known, so /met answers in its ack."""
    clock = Clock()
    door = EnvelopeDoor(1, max_waiting=1, max_wait=1.5, clock=clock, reap_every=0.01)
    world = SocketWorld(db, now=DEFAULT_NOW, door=door)
    world.user("U1")
    with db.transaction() as s:
        profile, _ = get_or_create_profile(s, TEAM, "U1")
        profile.tz, profile.tz_fetched_at = "America/New_York", dt.datetime(2026, 11, 1)
    worker = HeldWorker(world)
    # The only requester of the test: a second one would repeat its trigger ids, which the replay
    # guard takes for a command delivered again.
    sender = SocketModeRequester(
        SendOnly(world.double.socket_mode), team_id=TEAM, response_urls=world.double.new_response_url
    )
    try:
        yield world, door, clock, worker, sender
    finally:
        worker.release.set()
        world.close()
    assert world.double.block_errors == []


def names(world: SocketWorld) -> list[str]:
    with world.db.reading() as s:
        return sorted(s.scalars(select(Contact.name)).all())


def shown(envelope) -> str:
    return json.dumps(envelope.ack_payload)


@SQLITE_ONLY
def test_with_the_worker_held_a_deep_queue_answers_each_kind_busy_at_once_and_does_nothing(held):
    world, door, _, worker, sender = held
    socket = world.double.socket_mode
    kinds = ("/met", "view_submission", "event:app_home_opened")
    before = {kind: busy(kind) for kind in kinds}
    first = sender.command("U1", "/met", HELD).envelope
    assert worker.entered.wait(10)  # the only worker is busy
    queued = sender.command("U1", "/met", "Queued Person of Acme").envelope
    wait_for(lambda: len(door.queue) == 1)
    assert sample("warmcall_request_queue_depth") == 1

    refused = socket.wait_for_ack(sender.command("U1", "/met", "Refused Person of Acme").envelope)
    assert refused.ack_payload == busy_reply()  # the queue is deep: the busy reply is the ack
    modal = socket.wait_for_ack(sender.view_submission("U1", MODAL, {}, view=import_modal()).envelope)
    first_input = next(b["block_id"] for b in import_modal()["blocks"] if b["type"] == "input")
    assert modal.ack_payload == {"response_action": "errors", "errors": {first_input: BUSY}}
    event = sender.event(HOME_OPENED).envelope
    wait_for(lambda: busy("event:app_home_opened") > before["event:app_home_opened"])
    assert not first.acked and not queued.acked  # all that while, the worker was held

    worker.release.set()
    socket.wait_for_ack(first)
    socket.wait_for_ack(queued)
    settle(world)
    assert "Saved *Held Person (Acme)*" in shown(first)  # admitted: run and acked as ever
    assert "Saved *Queued Person (Acme)*" in shown(queued)
    assert event.acks == 0  # no ack: Slack sends the event again later
    assert names(world) == ["Held Person", "Queued Person"]  # a refused command did nothing
    assert {kind: busy(kind) - before[kind] for kind in kinds} == dict.fromkeys(kinds, 1)

    again = socket.redeliver(event)  # Slack's retry: nothing was done, so it runs now
    assert again.acked and again.ack_payload is None
    assert wait_for(lambda: world.double.home_of("U1"))


@SQLITE_ONLY
def test_an_envelope_that_waited_too_long_is_answered_busy_while_the_worker_is_stuck(held):
    world, door, clock, worker, sender = held
    socket = world.double.socket_mode
    before, waited_before = busy("/met"), sample("warmcall_request_queue_wait_seconds_sum")
    first = sender.command("U1", "/met", HELD).envelope
    assert worker.entered.wait(10)
    queued = sender.command("U1", "/met", "Queued Person of Acme").envelope
    wait_for(lambda: len(door.queue) == 1)

    clock.now += 2.0  # the queued command has now waited longer than the door allows
    socket.wait_for_ack(queued)
    assert queued.ack_payload == busy_reply()
    assert not first.acked  # the worker is still held: the door's own thread answered
    assert busy("/met") - before == 1
    assert sample("warmcall_request_queue_wait_seconds_sum") - waited_before == pytest.approx(2.0)

    worker.release.set()
    socket.wait_for_ack(first)
    after = socket.wait_for_ack(sender.command("U1", "/met", "Ann Lee of Acme").envelope)  # admitted
    assert "Saved *Held Person (Acme)*" in shown(first)
    assert "Saved *Ann Lee (Acme)*" in shown(after)
    assert names(world) == ["Ann Lee", "Held Person"]
    assert busy("/met") - before == 1
