"""HTTP workers: `python -m bot serve --http --workers 2`, one listening socket, one supervisor.

The same promises as one process (SPEC §13): every acknowledged `/met` is saved through crashes and
deploys, a stopped bot is gone within 30 seconds, and no worker outlives its supervisor. On SQLite
the two workers write to one file, taking turns on the cross-process writer lock.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time

import pytest

from tests import test_crash_and_deploy as over_http
from tests.test_crash_and_deploy import (
    EXIT_BOUND_SECONDS,
    ROOT,
    USERS,
    Bot,
    Burst,
    alive,
    contact_names,
    known_users,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.serial]  # 30 s shutdown bounds: the machine alone
WORKERS = 2

# The HTTP file's fixtures: a migrated database of the test's own, and the Slack double.
database_url = over_http.database_url
double = over_http.double


def serve(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """`python -m bot serve --http ARGS` run to its exit with this environment (and no other Slack or
    Warmcall settings)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WARMCALL_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", *args],
        cwd=ROOT,
        env={**base, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_two_workers_serve_one_port_and_every_acknowledged_met_survives_a_whole_crash(database_url, double):
    known_users(database_url, USERS)
    secret = secrets.token_hex(16)
    bot = Bot(database_url, double, secret, workers=WORKERS)
    burst = Burst(bot).start()
    try:
        wait_until(lambda: len(bot.workers()) == WORKERS, 30, "two workers")
        wait_until(lambda: burst.count() >= 200, 60, "200 acknowledged /met")
        bot.kill_all(signal.SIGKILL)  # the machine dies: supervisor and workers at once
        bot.process.wait(timeout=30)
        log = bot.output()
    finally:
        burst.finish()
        bot.close()
    restarted = Bot(database_url, double, secret, workers=WORKERS)
    try:
        saved = contact_names(database_url)
    finally:
        restarted.close()
    missing = burst.acked - saved
    print(f"\n{len(burst.acked)} acknowledged, {len(saved)} saved, {burst.refused} not acknowledged")
    assert len(burst.acked) >= 200
    assert not missing, f"{len(missing)} acknowledged /met lost, e.g. {sorted(missing)[:5]}"
    assert "database is locked" not in log


def test_sigterm_stops_every_worker_within_30s_with_slack_gone_and_keeps_every_ack(database_url, double):
    known_users(database_url, USERS)
    bot = Bot(database_url, double, secrets.token_hex(16), workers=WORKERS)
    burst = Burst(bot).start()
    try:
        wait_until(lambda: len(bot.workers()) == WORKERS, 30, "two workers")
        workers = bot.workers()
        wait_until(lambda: burst.count() >= 100, 60, "100 acknowledged /met")
        double.stop()  # connections refused
        before = burst.count()
        wait_until(lambda: burst.count() >= before + 50, 60, "acks while Slack is gone")
        signalled = time.monotonic()
        bot.kill(signal.SIGTERM)  # the supervisor only, as a platform stops a container's first process
        code = bot.process.wait(timeout=EXIT_BOUND_SECONDS + 15)
        took = time.monotonic() - signalled
    finally:
        burst.finish()
        bot.close()
    saved = contact_names(database_url)
    missing = burst.acked - saved
    print(f"\nexit {code} after {took:.1f} s; {len(burst.acked)} acknowledged, {len(saved)} saved")
    assert code == 0
    assert took < EXIT_BOUND_SECONDS
    assert not [pid for pid in workers if alive(pid)], "a worker outlived its supervisor"
    assert not missing, f"{len(missing)} acknowledged /met lost, e.g. {sorted(missing)[:5]}"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_worker_that_dies_is_replaced_and_the_port_keeps_answering(database_url, double):
    known_users(database_url, USERS)
    bot = Bot(database_url, double, secrets.token_hex(16), workers=WORKERS)
    try:
        wait_until(lambda: len(bot.workers()) == WORKERS, 30, "two workers")
        first, second = bot.workers()
        os.kill(first, signal.SIGKILL)
        # The other worker answers at once; the supervisor starts a new one in the dead one's place.
        answer = bot.slack.command(USERS[0], "/met", "Ana Lima of Acme at PyCon")
        assert answer.status == 200 and "Saved Ana Lima (Acme)" in answer.json["text"]
        replaced = wait_until(
            lambda: (pids := bot.workers()) and len(pids) == WORKERS and first not in pids and pids,
            30,
            "a new worker",
        )
        assert second in replaced
        assert bot.process.poll() is None
        log = bot.output()
    finally:
        bot.close()
    assert "HTTP worker 0 exited" in log or "HTTP worker 1 exited" in log


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_workers_stop_when_their_supervisor_is_killed(database_url, double):
    bot = Bot(database_url, double, secrets.token_hex(16), workers=WORKERS)
    try:
        wait_until(lambda: len(bot.workers()) == WORKERS, 30, "two workers")
        workers = bot.workers()
        bot.kill(signal.SIGKILL)  # the supervisor alone
        bot.process.wait(timeout=10)
        wait_until(
            lambda: not [pid for pid in workers if alive(pid)], EXIT_BOUND_SECONDS, "the orphans to stop"
        )
    finally:
        bot.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_worker_that_cannot_start_stops_the_supervisor_with_its_reason(database_url, double):
    double.fail("auth.test", "invalid_auth")  # Slack refuses the token: every worker fails at start
    done = serve(
        ["--port", "0", "--workers", "2"],
        SLACK_BOT_TOKEN="xoxb-revoked",
        SLACK_SIGNING_SECRET=secrets.token_hex(16),
        SLACK_API_URL=double.url,
        DATABASE_URL=database_url,
    )
    assert done.returncode == 2
    assert "did not accept SLACK_BOT_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value", ["0", "65", "two"])
def test_web_concurrency_out_of_range_is_a_clear_config_error(value, tmp_path):
    done = serve(
        [],
        SLACK_BOT_TOKEN="xoxb-x",
        SLACK_SIGNING_SECRET="s" * 32,
        DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}",
        WEB_CONCURRENCY=value,
    )
    assert done.returncode == 2
    assert "WEB_CONCURRENCY" in done.stderr
    assert "Traceback" not in done.stderr


def test_workers_zero_on_the_command_line_is_a_clear_config_error(tmp_path):
    done = serve(
        ["--workers", "0"],
        SLACK_BOT_TOKEN="xoxb-x",
        SLACK_SIGNING_SECRET="s" * 32,
        DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}",
    )
    assert done.returncode == 2
    assert "--workers must be between 1 and 64 (got 0)" in done.stderr
