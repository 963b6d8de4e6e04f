"""Crashes and deploys of a real `python -m bot serve --http` process (SPEC §13: an ack is a promise).

Twenty clients send `/met` as fast as the bot answers; the bot is killed (SIGKILL) or stopped
(SIGTERM, with Slack gone) in the middle. Every `/met` that was acknowledged is in the database
afterwards, and a stopped bot is gone within 30 seconds. A mention's name that was still to be
looked up when the bot died is filled by the restarted one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import select

from bot.testing.signed import SlackRequester
from bot.testing.slackdouble import SlackDouble
from storage.db import Database, make_engine, migrate
from storage.models import Contact, QueuedJob
from storage.profiles import get_or_create_profile
from tests.conftest import create_pg_database, drop_pg_database, pg_available

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TEAM = "T0001"
CLIENTS = 20
USERS = [f"UB{i:02d}" for i in range(CLIENTS)]
EXIT_BOUND_SECONDS = 30  # the bound for SIGTERM to exit


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path, sqlite_template):
    """A database of the test's own, migrated (a PostgreSQL one is created and dropped here)."""
    if request.param == "sqlite":
        path = tmp_path / "warmcall.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    if not pg_available():
        pytest.skip("PostgreSQL not reachable (set WARMCALL_TEST_PG_URL)")
    url = create_pg_database()
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    drop_pg_database(url)


def known_users(url: str, user_ids: list[str]) -> None:
    """Profiles whose time zone was learnt from Slack earlier: their /met needs no Slack call."""
    db = Database(url)
    with db.transaction() as s:
        for user_id in user_ids:
            profile, _ = get_or_create_profile(s, TEAM, user_id)
            profile.tz, profile.tz_fetched_at = "UTC", dt.datetime(2026, 1, 1)
    db.dispose()


def contact_names(url: str) -> set[str]:
    db = Database(url)
    with db.transaction() as s:
        names = set(s.scalars(select(Contact.name)).all())
    db.dispose()
    return names


def queued_jobs(url: str) -> list[QueuedJob]:
    db = Database(url)
    with db.transaction() as s:
        rows = list(s.scalars(select(QueuedJob)).all())
    db.dispose()
    return rows


def wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def response_urls(double: SlackDouble):
    """The double's response_urls, and once it is stopped URLs where nothing answers (as Slack's)."""
    base, ids = double.base, itertools.count(1)

    def make(channel: str | None = None, user_id: str | None = None) -> str:
        try:
            return double.new_response_url(channel=channel, user_id=user_id)
        except RuntimeError:  # the double is stopped
            return f"{base}/response/gone-{next(ids)}"

    return make


def children(pid: int) -> list[int]:
    try:
        return [
            int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()
        ]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class BotProcess:
    """A bot process (`self.process`) whose stderr goes to `self.log`."""

    process: subprocess.Popen
    log: IO[str]

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def kill(self, sig: int) -> None:
        os.kill(self.process.pid, sig)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        self.log.close()


class Bot(BotProcess):
    """`python -m bot serve --http` against the Slack double and a database."""

    def __init__(self, url: str, double: SlackDouble, secret: str, *, workers: int = 1) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WARMCALL_", "DATABASE_"))}
        env.update(
            SLACK_BOT_TOKEN="xoxb-test-token",
            SLACK_SIGNING_SECRET=secret,
            SLACK_API_URL=double.url,
            DATABASE_URL=url,
            WARMCALL_TICK_SECONDS="60",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in close(); a pipe nobody reads would block the bot
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve",
                "--http",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            text=True,
            start_new_session=True,  # its own process group: kill_all() reaches its HTTP workers too
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.slack = SlackRequester(
            self.url + "/slack/events", secret, TEAM, response_urls=response_urls(double), timeout=10
        )
        wait_until(self._ready, 30, "the bot to start")

    def kill_all(self, sig: int) -> None:
        """The signal to the process and every process it started (its own group), as a machine or a
        container dies."""
        os.killpg(self.process.pid, sig)

    def workers(self) -> list[int]:
        """The pids of the HTTP worker processes it started (none for a single process)."""
        return children(self.process.pid)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the bot exited: {self.output()[-2000:]}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                return True
        except Exception:
            return False


@dataclass
class Burst:
    """CLIENTS threads sending `/met` with a name of their own each time, until stopped."""

    bot: Bot
    acked: set[str] = field(default_factory=set)  # names whose /met was acknowledged as saved
    refused: int = 0  # no 200 (connection refused or reset: not acknowledged)
    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
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
            name = f"Burst Person {index}-{n}"
            try:
                answer = self.bot.slack.command(user, "/met", f"{name} of Acme at PyCon")
                ok = answer.status == 200 and f"Saved {name} (Acme)" in (answer.json or {}).get("text", "")
            except Exception:
                ok = False
            with self._lock:
                if ok:
                    self.acked.add(name)
                else:
                    self.refused += 1

    def count(self) -> int:
        with self._lock:
            return len(self.acked)

    def finish(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


@pytest.fixture
def double():
    double = SlackDouble().start()
    for user in [*USERS, "UM"]:
        double.add_user(user, tz="UTC")
    yield double
    double.stop()


def test_sigkill_mid_burst_then_restart_every_acknowledged_met_is_saved(database_url, double):
    known_users(database_url, USERS)
    secret = secrets.token_hex(16)
    bot = Bot(database_url, double, secret)
    burst = Burst(bot).start()
    try:
        wait_until(lambda: burst.count() >= 150, 60, "150 acknowledged /met")
        bot.kill(signal.SIGKILL)
        bot.process.wait(timeout=30)
    finally:
        burst.finish()
        bot.close()
    restarted = Bot(database_url, double, secret)  # the same database, as after a crash
    try:
        saved = contact_names(database_url)
    finally:
        restarted.close()
    missing = burst.acked - saved
    print(f"\n{len(burst.acked)} acknowledged, {len(saved)} saved, {burst.refused} not acknowledged")
    assert len(burst.acked) >= 150
    assert not missing, f"{len(missing)} acknowledged /met lost, e.g. {sorted(missing)[:5]}"


@pytest.mark.parametrize(
    ("database_url", "slack"),
    [
        ("sqlite", "stopped"),
        pytest.param("postgres", "stopped", marks=pytest.mark.postgres),
        ("sqlite", "hanging"),  # one database is enough for the slowest case
    ],
    indirect=["database_url"],
)
def test_sigterm_mid_burst_with_slack_gone_exits_within_30s_and_keeps_every_ack(database_url, slack, double):
    known_users(database_url, USERS)
    bot = Bot(database_url, double, secrets.token_hex(16))
    burst = Burst(bot).start()
    try:
        wait_until(lambda: burst.count() >= 100, 60, "100 acknowledged /met")
        if slack == "stopped":
            double.stop()  # connections refused
        else:
            double.delay("*", 120)  # Slack takes connections and never answers
        before = burst.count()
        wait_until(lambda: burst.count() >= before + 50, 60, "acks while Slack is gone")
        signalled = time.monotonic()
        bot.kill(signal.SIGTERM)
        code = bot.process.wait(timeout=EXIT_BOUND_SECONDS + 15)
        took = time.monotonic() - signalled
    finally:
        burst.finish()
        bot.close()
    saved = contact_names(database_url)
    missing = burst.acked - saved
    print(f"\nexit {code} after {took:.1f} s; {len(burst.acked)} acknowledged, {len(saved)} saved")
    assert took < EXIT_BOUND_SECONDS
    assert not missing, f"{len(missing)} acknowledged /met lost, e.g. {sorted(missing)[:5]}"


def test_a_mention_queued_before_a_kill_is_named_by_the_restarted_bot(database_url, double):
    known_users(database_url, ["UM"])
    double.add_user("U777", name="priya", real_name="Priya Patel", tz="UTC")
    double.fail("users.info", "fatal_error")  # Slack cannot name the member yet
    secret = secrets.token_hex(16)
    bot = Bot(database_url, double, secret)
    try:
        answer = bot.slack.command("UM", "/met", "<@U777> at PyCon")
        assert answer.status == 200 and not answer.json  # saved; the name comes after the ack
        assert contact_names(database_url) == {"<@U777>"}
        # The look-up was tried, failed, and the job waits for its retry in the table.
        wait_until(
            lambda: [j for j in queued_jobs(database_url) if j.attempts == 1 and j.lease_until is None],
            30,
            "the failed look-up to be queued for a retry",
        )
        bot.kill(signal.SIGKILL)
        bot.process.wait(timeout=30)
    finally:
        bot.close()
    double.clear_faults()
    restarted = Bot(database_url, double, secret)
    try:
        wait_until(lambda: contact_names(database_url) == {"Priya Patel"}, 60, "the name to be filled")
        posted = wait_until(
            lambda: [r for r in double.responses if r.get("status") == 200], 30, "the reply after the ack"
        )
        wait_until(lambda: not queued_jobs(database_url), 30, "the queue to empty")
    finally:
        restarted.close()
    assert "Saved *Priya Patel*" in posted[0]["body"]["blocks"][0]["text"]["text"]
