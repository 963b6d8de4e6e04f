"""Crashes and deploys of a real `python -m bot serve` process in Socket Mode (SPEC §13: an ack is a
promise), the Socket Mode half of tests/test_crash_and_deploy.py.

Twenty clients send `/met` envelopes through the Slack double's WebSocket as fast as the bot acks
them; the bot is killed (SIGKILL) or stopped (SIGTERM, with the double's Web API gone and its socket
still up) in the middle. The double records which envelope ids were acked: every acked `/met` is in
the database afterwards, once, and a stopped bot is gone within 30 seconds; a stopped bot also
acks every /met it saved that was in flight at the signal (it stops taking envelopes and lets those in flight send their acks before
it closes the socket: bot.runtime.socket_mode.DrainingSocketModeHandler). A /met whose listener did
not call ack() within Slack's 3 s earlier (a loaded machine: Bolt stops waiting then) may be saved
unacked; that is a timeout the user saw, not the drain's doing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from bot.testing.slackdouble import SlackDouble
from bot.testing.slackdouble.socket_mode import ACK_SECONDS, Envelope
from bot.testing.socket_requests import SocketModeRequester
from storage.db import Database
from storage.models import Contact
from tests import test_crash_and_deploy as over_http
from tests.socket_world import APP_TOKEN
from tests.test_crash_and_deploy import (
    EXIT_BOUND_SECONDS,
    ROOT,
    TEAM,
    USERS,
    known_users,
    response_urls,
    wait_until,
)

pytestmark = pytest.mark.slow

TEXT = " of Acme at PyCon"  # after each client's unique name

# The HTTP file's fixtures: a migrated database of the test's own (SQLite or PostgreSQL), and the
# Slack double with the burst's users.
database_url = over_http.database_url
double = over_http.double


def saved_names(url: str) -> list[str]:
    """Every saved contact's name, once per row (a name twice is a /met acted on twice)."""
    db = Database(url)
    with db.transaction() as s:
        names = sorted(s.scalars(select(Contact.name)).all())
    db.dispose()
    return names


def promised(envelope: Envelope) -> bool:
    """An ack that promises the contact is kept: the reply says it was saved, or a bare ack (the reply
    comes by response_url later). An ack carrying another answer (an error) promises nothing."""
    if not envelope.acked:
        return False
    name = envelope.payload["text"].removesuffix(TEXT)
    return not envelope.ack_payload or f"Saved {name} (Acme)" in envelope.ack_payload.get("text", "")


class SocketBot(over_http.BotProcess):
    """`python -m bot serve` with SLACK_APP_TOKEN set: Socket Mode against the double's WebSocket."""

    def __init__(self, url: str, double: SlackDouble) -> None:
        self.socket = double.socket_mode
        opened = len(self.socket.links)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WARMCALL_", "DATABASE_"))}
        env.update(
            SLACK_BOT_TOKEN="xoxb-test-token",
            SLACK_APP_TOKEN=APP_TOKEN,
            SLACK_API_URL=double.url,
            DATABASE_URL=url,
            WARMCALL_TICK_SECONDS="60",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in close(); a pipe nobody reads would block the bot
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            text=True,
        )
        self.link = wait_until(lambda: self._connected(opened), 30, "the bot to open its socket")

    def _connected(self, opened: int):
        if self.process.poll() is not None:
            raise AssertionError(f"the bot exited: {self.output()[-2000:]}")
        links = self.socket.links
        return len(links) > opened and links[opened].ready and links[opened]


@dataclass
class Burst:
    """CLIENTS threads sending `/met` envelopes with a name of their own each time, until stopped.

    A client waits for each ack up to Slack's 3 s and then sends its next; what was acked, and when,
    is read from the double's record of envelopes, not from the clients."""

    slack: SocketModeRequester
    stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> Burst:
        for index, user in enumerate(USERS):
            thread = threading.Thread(target=self._client, args=(index, user), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _client(self, index: int, user: str) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                self.slack.command(user, "/met", f"Burst Person {index}-{n}{TEXT}")
            except AssertionError:  # no open socket within the timeout: the bot is gone
                pass

    def acked(self) -> int:
        return sum(1 for e in self.slack.socket.envelopes if e.acked)

    def finish(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


@dataclass(frozen=True)
class Outcome:
    """What the double saw of the burst: names sent, names whose ack promised them kept."""

    sent: set[str]
    acknowledged: set[str]
    other_acks: int  # acked with an answer that promises nothing (an error)

    @classmethod
    def of(cls, envelopes: list[Envelope]) -> Outcome:
        commands = [e for e in envelopes if e.type == "slash_commands"]
        acknowledged = {e.payload["text"].removesuffix(TEXT) for e in commands if promised(e)}
        return cls(
            sent={e.payload["text"].removesuffix(TEXT) for e in commands},
            acknowledged=acknowledged,
            other_acks=sum(1 for e in commands if e.acked and not promised(e)),
        )


def requester(double: SlackDouble) -> SocketModeRequester:
    return SocketModeRequester(double.socket_mode, TEAM, response_urls=response_urls(double), timeout=3)


def assert_kept(outcome: Outcome, saved: list[str], log: str) -> None:
    missing = outcome.acknowledged - set(saved)
    assert not missing, (
        f"{len(missing)} acknowledged /met lost, e.g. {sorted(missing)[:5]}; log: {log[-2000:]}"
    )
    twice = sorted({name for name in saved if saved.count(name) > 1})
    assert not twice, f"{len(twice)} contacts saved twice, e.g. {twice[:5]}"


def test_sigkill_mid_burst_then_restart_every_acknowledged_met_is_saved(database_url, double):
    known_users(database_url, USERS)
    bot = SocketBot(database_url, double)
    burst = Burst(requester(double)).start()
    try:
        wait_until(lambda: burst.acked() >= 300, 30, "300 acknowledged /met")
        bot.kill(signal.SIGKILL)
        bot.process.wait(timeout=30)
    finally:
        burst.finish()  # before the restart: nothing sent after the kill reaches the new process
        log = bot.output()
        bot.close()
    outcome = Outcome.of(double.socket_mode.envelopes)
    restarted = SocketBot(database_url, double)  # the same database, as after a crash
    try:
        after = requester(double).command(USERS[0], "/met", f"After Restart{TEXT}")
        saved = saved_names(database_url)
    finally:
        log += restarted.output()
        restarted.close()
    print(
        f"\n{len(outcome.sent)} sent, {len(outcome.acknowledged)} acknowledged, {len(saved) - 1} saved, "
        f"{outcome.other_acks} acked with an error"
    )
    assert after.status == 200 and "Saved After Restart (Acme)" in after.json["text"]
    assert restarted.link.number == bot.link.number + 1
    assert len(outcome.acknowledged) >= 300
    assert_kept(outcome, saved, log)
    assert set(saved) <= outcome.sent | {"After Restart"}
    assert all(e.acks <= 1 for e in double.socket_mode.envelopes)
    assert double.socket_mode.stray_acks == []


@dataclass(frozen=True)
class Deploy:
    """A SIGTERM in the middle of a burst: how the process ended and what was acked and saved."""

    code: int | None  # None: still running EXIT_BOUND_SECONDS after the signal
    took: float
    outcome: Outcome
    saved: list[str]
    log: str
    timed_out: set[str] = field(default_factory=set)  # unacked, their 3 s over before the signal


def deploy_mid_burst(url: str, double: SlackDouble, slack: str) -> Deploy:
    """100 acks, then the Web API goes (`stopped`: connections refused; `hanging`: never answers)
    while the socket stays up, 50 more acks, then SIGTERM."""
    known_users(url, USERS)
    bot = SocketBot(url, double)
    burst = Burst(requester(double)).start()
    code = None
    signalled = float("inf")
    try:
        wait_until(lambda: burst.acked() >= 100, 30, "100 acknowledged /met")
        if slack == "stopped":
            double.stop_web_api()  # the socket stays up (SlackDouble.stop() would end it too)
        else:
            double.delay("*", 120)
        before = burst.acked()
        wait_until(lambda: burst.acked() >= before + 50, 30, "acks while the Web API is gone")
        signalled = time.monotonic()
        bot.kill(signal.SIGTERM)
        try:
            code = wait_until(
                lambda: bot.process.poll() is not None and (bot.process.returncode,),
                EXIT_BOUND_SECONDS,
                "the bot to exit after SIGTERM",
            )[0]
        except AssertionError:
            pass
        took = time.monotonic() - signalled
    finally:
        burst.finish()
        log = bot.output()
        bot.close()
    outcome = Outcome.of(double.socket_mode.envelopes)
    saved = saved_names(url)
    timed_out = {
        e.payload["text"].removesuffix(TEXT)
        for e in double.socket_mode.envelopes
        if e.type == "slash_commands" and not e.acked and e.sent_at + ACK_SECONDS < signalled
    }
    print(
        f"\nexit {code} after {took:.1f} s; {len(outcome.sent)} sent, {len(outcome.acknowledged)} "
        f"acknowledged, {len(saved)} saved, {outcome.other_acks} acked with an error"
    )
    return Deploy(code, took, outcome, saved, log, timed_out)


@pytest.mark.parametrize(
    ("database_url", "slack"),
    [
        ("sqlite", "stopped"),
        pytest.param("postgres", "stopped", marks=pytest.mark.postgres),
        ("sqlite", "hanging"),  # one database is enough for the slowest case
    ],
    indirect=["database_url"],
)
def test_sigterm_mid_burst_with_the_web_api_gone_exits_within_30s_and_keeps_every_ack(
    database_url, slack, double
):
    deploy = deploy_mid_burst(database_url, double, slack)

    assert deploy.code == 0, f"no exit within {EXIT_BOUND_SECONDS} s: {deploy.log[-2000:]}"
    assert len(deploy.outcome.acknowledged) >= 150
    assert_kept(deploy.outcome, deploy.saved, deploy.log)
    assert set(deploy.saved) <= deploy.outcome.sent
    assert all(e.acks <= 1 for e in double.socket_mode.envelopes)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sigterm_mid_burst_acks_every_met_it_saved(database_url, double):
    deploy = deploy_mid_burst(database_url, double, "stopped")

    assert deploy.code == 0
    assert deploy.outcome.acknowledged <= set(deploy.saved)
    # A /met saved but never acked is one whose listener did not call ack() within Slack's 3 s (Bolt
    # stops waiting then, on a loaded machine): it timed out before the signal, not in the drain.
    unacked = set(deploy.saved) - deploy.outcome.acknowledged
    assert unacked <= deploy.timed_out, f"saved, in flight at the signal, never acked: {sorted(unacked)}"
    assert len(deploy.outcome.acknowledged) >= 150
