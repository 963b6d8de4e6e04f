"""Admission control (issue 27): under overload a request is answered "busy, try again" at once, never
acked after Slack's 3 s; and heavy work (imports) queues per user, so one user's import never delays
another's reply. Deterministic: threads are held by gates the test releases, the door's clock is the
test's; nothing here measures time."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from bot.runtime import admission, server
from bot.runtime.admission import DEEP, WAITED, Door, busy_answer
from bot.runtime.server import HttpServer
from bot.services.background import BackgroundWork
from bot.testing.payload_parts import file_share_event
from bot.testing.signed import SlackRequester
from handlers.blocks.imports import MODAL, import_modal
from handlers.blocks.kit import BUSY
from handlers.views import import_modal as modal_listener
from storage.models import Contact
from tests.world import SIGNING_SECRET, TEAM, slash_command, wait_for

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # no storage path differs


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Task:
    """A stand-in for waitress's channel: records the ticket it was served under."""

    def __init__(self) -> None:
        self.ticket: admission.Ticket | None = None
        self.cancelled = False

    def service(self) -> None:
        self.ticket = admission.current()

    def cancel(self) -> None:
        self.cancelled = True


def test_a_request_arriving_at_a_deep_queue_is_refused_and_one_that_waited_too_long_too():
    clock = Clock()
    door = Door(max_waiting=2, max_wait=1.5, clock=clock, reap_every=None)  # no request threads
    first, second, third = Task(), Task(), Task()
    for task in (first, second, third):
        door.add_task(task)
    assert [t.ticket.shed for t in door.queue] == [None, None] and len(door.refused) == 1
    assert door.serve_refused() == 1  # the door's own thread would do this at once
    assert third.ticket.shed == DEEP and first.ticket is None
    clock.now += 1.5
    assert door.serve_refused() == 0  # 1.5 s is still in time
    clock.now += 0.01
    assert door.serve_refused() == 2  # both waited too long: answered busy, oldest first
    assert first.ticket.shed == second.ticket.shed == WAITED
    assert not door.busy()
    door.shutdown(timeout=1)


def test_a_request_thread_that_reaches_an_old_request_answers_it_busy():
    clock = Clock()
    door = Door(max_waiting=10, max_wait=1.5, clock=clock, reap_every=None)
    late, fresh = Task(), Task()
    door.add_task(late)
    clock.now += 2
    door.add_task(fresh)
    door.queue.popleft().service()  # what a request thread does
    door.queue.popleft().service()
    assert late.ticket.shed == WAITED and fresh.ticket.shed is None
    door.shutdown(timeout=1)


def test_busy_answers_by_kind():
    status, body = busy_answer({"command": "/met", "text": "x"})
    assert status == 200 and body["text"] == BUSY and body["response_type"] == "ephemeral"
    status, body = busy_answer({"type": "view_submission", "view": import_modal()})
    first_input = next(b["block_id"] for b in import_modal()["blocks"] if b["type"] == "input")
    assert (status, body) == (200, {"response_action": "errors", "errors": {first_input: BUSY}})
    assert busy_answer({"type": "event_callback", "event": {"type": "app_home_opened"}}) == (503, None)
    assert busy_answer({"type": "block_actions"}) == (503, None)


def busy_count(kind: str) -> float:
    for family in text_string_to_metric_families(generate_latest(REGISTRY).decode()):
        for s in family.samples:
            if s.name == "warmcall_requests_total" and s.labels == {"kind": kind, "answer": "busy"}:
                return s.value
    return 0.0


@SQLITE_ONLY
def test_with_every_request_thread_held_slack_still_gets_busy_at_once(world, monkeypatch):
    world.user("U1")
    clock = Clock()
    door = Door(max_waiting=1, max_wait=1.5, clock=clock, reap_every=0.01)
    held = HttpServer(world.app, world.db, host="127.0.0.1", port=0, threads=1, door=door).start()
    slack = SlackRequester(
        held.url + "/slack/events",
        SIGNING_SECRET,
        team_id=TEAM,
        response_urls=world.double.new_response_url,
        answers=world.double.http_ack,
    )
    entered, release = threading.Event(), threading.Event()
    real_dispatch = server.dispatch

    def held_dispatch(app, request):
        if request.body.get("text") == "Held Person of Acme":
            entered.set()
            release.wait(30)
        return real_dispatch(app, request)

    monkeypatch.setattr(server, "dispatch", held_dispatch)
    before = busy_count("/met")
    pool = ThreadPoolExecutor(2)
    try:
        first = pool.submit(slack.command, "U1", "/met", "Held Person of Acme")
        assert entered.wait(10)  # the only request thread is busy
        second = pool.submit(slack.command, "U1", "/met", "Queued Person of Acme")
        wait_for(lambda: len(door.queue) == 1 or None)

        refused = slack.command("U1", "/met", "Refused Person of Acme")  # the queue is deep
        assert refused.status == 200 and refused.json["text"] == BUSY
        modal = slack.view_submission("U1", MODAL, {}, view=import_modal())
        assert modal.status == 200 and modal.json["response_action"] == "errors"
        event = slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
        assert event.status == 503  # Slack sends it again later
        assert not first.done() and not second.done()  # all that while, the request thread was held

        clock.now += 2.0  # the queued command has now waited longer than the door allows
        waited = second.result(timeout=10)
        assert waited.status == 200 and waited.json["text"] == BUSY
        assert not first.done()
        release.set()
        assert first.result(timeout=10).status == 200
    finally:
        release.set()
        pool.shutdown(wait=True)
        held.stop()
    assert busy_count("/met") - before == 2
    world.services.background.drain(10)  # the admitted command's work after its ack

    def names() -> list[str]:
        with world.db.reading() as s:
            return list(s.scalars(select(Contact.name)).all())

    assert names() == ["Held Person"]  # a refused command did nothing: trying again is safe


# --- heavy work: one queue per user ----------------------------------------------------------------


def test_heavy_work_runs_per_user_in_turns_and_never_ahead_of_the_replies():
    work = BackgroundWork(heavy_workers=1, max_per_user=2)
    order: list[str] = []
    gate = threading.Event()

    def held(name: str) -> None:
        gate.wait(10)
        order.append(name)

    assert work.submit_for("A", held, "A1")
    assert work.submit_for("A", order.append, "A2")
    assert work.submit_for("A", order.append, "A3")
    assert not work.submit_for("A", order.append, "A4")  # two waiting already: refused
    assert work.submit_for("B", order.append, "B1")
    work.submit(order.append, "a reply").result(timeout=10)  # while A1 holds the heavy thread
    assert order == ["a reply"]
    gate.set()
    assert work.drain(10)
    assert order == ["a reply", "A1", "B1", "A2", "A3"]  # users take turns


def dm_count(world, user: str) -> int:
    return len(world.double.dm_messages(user))


@SQLITE_ONLY
def test_two_users_importing_never_delay_a_third_users_reply(world, monkeypatch):
    gate = threading.Event()
    real_fetch = modal_listener.fetch_file

    fetching: list[str] = []

    def held_fetch(client, file_id):
        fetching.append(file_id)
        gate.wait(30)
        return real_fetch(client, file_id)

    monkeypatch.setattr(modal_listener, "fetch_file", held_fetch)
    importers = ("U1", "U3")
    for user in importers:
        world.user(user)
        file = world.double.add_file("guests.csv", b"Name,Company\nAnn Lee,Acme\n", user)
        event = file_share_event(user, [file], "import", f"1796000000.00010{user[-1]}")
        assert world.slack.event(event).status == 200
    wait_for(lambda: len(fetching) == 2 or None)  # both imports are running, held
    try:
        world.user("U2")  # a new user: the reply to their first /met comes after the ack
        assert "Jane Doe" in str(slash_command(world, "U2", "/met", "Jane Doe of Acme"))
        assert [dm_count(world, u) for u in importers] == [0, 0]  # both imports still held
    finally:
        gate.set()
    for user in importers:
        preview = wait_for(lambda u=user: world.double.dm_messages(u) or None)
        assert "Ready to import" in preview[0]["text"]
