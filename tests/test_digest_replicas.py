"""Exactly once across replicas (SPEC §8): real `warmcall tick` processes sharing one PostgreSQL.

Three replicas loop `python -m bot tick --now …` against a Slack double in this process; one is
killed with SIGKILL while its chat.postMessage is in flight. The others take over its claims once the
lease runs out, find the in-flight digest in conversations.history, and send the rest: every user
gets exactly one digest.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.domain.digest_schedule import schedule_next_digest
from bot.testing.slackdouble import SlackDouble
from storage.contacts import add_contact
from storage.db import Database
from storage.models import Digest
from storage.profiles import get_or_create_profile
from tests.conftest import _truncate_all

ROOT = Path(__file__).resolve().parents[1]
TEAM = "T0001"
START = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)  # Tue 09:00 in New York
USERS = [f"U{i:04d}" for i in range(300)]
VICTIM = "U0042"
LEASE_SECONDS = 9  # the client timeout is a third of it: 3 s

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class Replica(threading.Thread):
    """One bot replica run as cron would: `warmcall tick` again and again, until killed or stopped."""

    def __init__(self, env: dict[str, str], started: float) -> None:
        super().__init__(daemon=True)
        self.env, self.started = env, started
        self.process: subprocess.Popen | None = None
        self.killed = False
        self.stop = threading.Event()
        self.outputs: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set() and not self.killed:
            now = START + dt.timedelta(seconds=time.monotonic() - self.started)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "tick", "--now", now.isoformat()],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            out, _ = self.process.communicate()
            self.outputs.append(out)
            if self.process.returncode == -signal.SIGKILL:
                return
            time.sleep(0.1)


def _seed(url: str) -> None:
    db = Database(url)
    with db.transaction() as s:
        for user_id in USERS:
            profile, _ = get_or_create_profile(s, TEAM, user_id, tz="America/New_York")
            add_contact(
                s, TEAM, user_id, name=f"Contact of {user_id}", stage="active", next_due=dt.date(2026, 11, 20)
            )
            schedule_next_digest(profile, START - dt.timedelta(hours=1))
    db.dispose()


def _sent(db: Database) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(Digest).where(Digest.state == "sent")) or 0


def test_three_replicas_300_users_exactly_once_with_one_killed_mid_send(pg_database):
    _truncate_all(pg_database)
    _seed(pg_database)
    double = SlackDouble().start()
    for user_id in USERS:
        double.add_user(user_id)
    # The victim's post hangs for 2 s, so its replica is mid-send when we kill it; the double still
    # posts the message afterwards, as Slack would for a request already received.
    double.delay("chat.postMessage", 2.0, times=1, when={"channel": VICTIM})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WARMCALL_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=pg_database,
        SLACK_API_URL=double.url,
        SLACK_BOT_TOKEN="xoxb-test-token",
        WARMCALL_TICK_SECONDS="2",
        WARMCALL_DIGEST_LEASE_SECONDS=str(LEASE_SECONDS),
        # The victim's whole batch is left `sending`: an app allowed one history call a minute would
        # settle it in 100 minutes (tests/test_history_budget.py checks that budget).
        WARMCALL_HISTORY_PER_MINUTE="6000",
        LOG_LEVEL="WARNING",
    )
    db = Database(pg_database)
    started = time.monotonic()
    replicas = [Replica(env, started) for _ in range(3)]
    for replica in replicas:
        replica.start()
    try:
        # Wait for the victim's post to be in flight, then kill the replica that owns the claim.
        deadline = time.monotonic() + 60
        victim_pid = None
        while victim_pid is None and time.monotonic() < deadline:
            in_flight = [c for c in double.calls_to("chat.postMessage") if c.params.get("channel") == VICTIM]
            if in_flight and in_flight[0].status == 0:
                with db.sessions() as s:
                    owner = s.scalar(select(Digest.owner).where(Digest.user_id == VICTIM))
                if owner:
                    victim_pid = int(owner.split(":")[1])
            time.sleep(0.02)
        assert victim_pid is not None, "the victim's digest was never in flight"
        [victim] = [r for r in replicas if r.process is not None and r.process.pid == victim_pid]
        victim.killed = True
        os.kill(victim_pid, signal.SIGKILL)

        deadline = time.monotonic() + 90
        while _sent(db) < len(USERS) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        for replica in replicas:
            replica.stop.set()
        for replica in replicas:
            replica.join(timeout=30)
        double.stop()

    assert victim.process.returncode == -signal.SIGKILL
    assert _sent(db) == len(USERS), [o for r in replicas for o in r.outputs][-3:]
    per_user = {u: len(double.dm_messages(u)) for u in USERS}
    assert [u for u, n in per_user.items() if n != 1] == []
    ok_posts = [c for c in double.calls_to("chat.postMessage") if (c.response or {}).get("ok")]
    assert len(ok_posts) == len(USERS)
    # The victim's digest landed after its replica died; a survivor found it in the DM's history.
    history = [c.params.get("channel") for c in double.calls_to("conversations.history")]
    assert f"D{VICTIM}" in history
    with db.sessions() as s:
        row = s.scalar(select(Digest).where(Digest.user_id == VICTIM))
        assert row.state == "sent" and row.channel_id == f"D{VICTIM}"
        assert row.message_ts == double.dm_messages(VICTIM)[0]["ts"]
    assert double.block_errors == []
    db.dispose()
