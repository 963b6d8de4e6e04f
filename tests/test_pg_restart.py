"""A PostgreSQL restart in the middle of a digest run: the run resumes, nothing is sent twice or lost."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.delivery.dispatcher import dispatch
from bot.domain.clock import ManualClock
from bot.domain.digest_schedule import schedule_next_digest
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.models import Digest
from storage.profiles import get_or_create_profile
from tests.conftest import _truncate_all

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.serial]  # restarts the server

USERS = [f"UR{i:03d}" for i in range(120)]
START = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)  # Tue 09:00 in New York
# What a run sees while PostgreSQL restarts: the connection refused or cut (SQLAlchemy's names).
OUTAGE_ERRORS = {"OperationalError", "InterfaceError", "PendingRollbackError", "DBAPIError"}


def _restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.skipif(
    shutil.which("pg_ctlcluster") is None or os.geteuid() != 0, reason="needs pg_ctlcluster as root"
)
def test_postgres_restart_mid_run_resumes_without_duplicates(pg_database):
    from storage.db import Database
    from tests.world import World

    _truncate_all(pg_database)
    db = Database(pg_database)
    world = World(db, now=START)
    world.clock = world.services.clock = ManualClock(START, follow_real_time=True)
    # The outage leaves rows whose outcome is unknown; each is settled by a conversations.history
    # check. At Slack's one call a minute for a non-Marketplace app that takes an hour, so this run
    # has a Marketplace app's 50 a minute... times ten: the restart is what is tested here.
    world.services.settings = dataclasses.replace(world.services.settings, history_per_minute=500)
    try:
        with db.transaction() as s:
            for user in USERS:
                world.user(user, tz="America/New_York")
                profile, _ = get_or_create_profile(s, world.team_id, user, tz="America/New_York")
                add_contact(
                    s,
                    world.team_id,
                    user,
                    name=f"Contact of {user}",
                    stage="active",
                    next_due=dt.date(2026, 11, 20),
                )
                schedule_next_digest(profile, START - dt.timedelta(hours=1))
        world.double.delay("chat.postMessage", 0.15)  # the run outlasts the restart
        errors: list[str] = []

        def run_until_done() -> None:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    dispatch(world.services, render_digest, lease=dt.timedelta(seconds=3), workers=4)
                    with db.sessions() as s:
                        if s.scalar(
                            select(func.count()).select_from(Digest).where(Digest.state == "sent")
                        ) == len(USERS):
                            return
                except Exception as exc:  # the database is restarting: try again, as the scheduler would
                    errors.append(type(exc).__name__)
                time.sleep(0.2)

        runner = threading.Thread(target=run_until_done)
        runner.start()
        while len(world.double.calls_to("chat.postMessage")) < 20 and runner.is_alive():
            time.sleep(0.01)
        sent_before_restart = len(world.double.calls_to("chat.postMessage"))
        _restart_postgres()
        sent_when_back = len(world.double.calls_to("chat.postMessage"))  # the database is up again
        runner.join(timeout=120)
        assert not runner.is_alive()

        print(
            f"\n{sent_before_restart} of {len(USERS)} digests posted before the restart, "
            f"{sent_when_back} when it was back; {len(world.double.calls_to('chat.postMessage'))} posts "
            f"in all; errors seen: {Counter(errors)}"
        )
        with db.sessions() as s:
            states = Counter(s.scalars(select(Digest.state)).all())
        print(f"digest states: {states}; Web API calls: {Counter(c.method for c in world.double.calls)}")
        per_user = Counter(m["channel"] for u in USERS for m in world.double.dm_messages(u))
        # The restart fell mid-run: posts went out before it, and the run still had work when the
        # database came back (so what follows was sent after the restart).
        assert sent_before_restart >= 20
        assert sent_when_back < len(USERS)
        # The run saw the outage (the restart was not a no-op) and only as database errors.
        assert errors and set(errors) <= OUTAGE_ERRORS, errors
        assert len(per_user) == len(USERS)  # nothing lost
        assert set(per_user.values()) == {1}  # nothing twice
        assert states == Counter({"sent": len(USERS)})
    finally:
        world.close()
        db.dispose()
