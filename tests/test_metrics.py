"""GET /metrics (issue 27): after a scenario of signed requests and digest passes, a scrape shows what
happened, in Prometheus's text format; with several workers, every worker's counters add up."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot import metrics
from bot.runtime.config import load_settings
from bot.runtime.metrics import MULTIPROC_ENV, Exporter, serve, worker_gone
from bot.runtime.scheduler import scheduled_jobs
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.db import Database
from storage.profiles import get_or_create_profile
from storage.queue import add_job
from tests.world import TEAM, slash_command

ROOT = Path(__file__).resolve().parents[1]


def parse(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def scrape(world) -> dict[tuple[str, tuple], float]:
    with urllib.request.urlopen(world.server.url + "/metrics", timeout=5) as answer:
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/plain; version=")
        return parse(answer.read().decode())


def grew(before: dict, after: dict, name: str, **labels) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


def due_user(world, user_id: str) -> None:
    world.user(user_id)
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user_id, tz="America/New_York")
        add_contact(s, TEAM, user_id, name="Due Person", stage="active", next_due=dt.date(2026, 1, 5))


def test_a_scrape_after_a_scenario_shows_requests_acks_digests_429s_and_the_queue(world):
    before = scrape(world)
    world.user("U1")
    assert "Jane Doe" in str(slash_command(world, "U1", "/met", "Jane Doe of Acme at PyCon"))
    world.slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "messages"})
    forged = world.slack.raw(b"command=%2Fmet&text=x", {"Content-Type": "application/x-www-form-urlencoded"})
    assert forged.status == 401

    # A digest refused once with 429, then sent on the next pass.
    due_user(world, "UD1")
    world.double.rate_limit("chat.postMessage", retry_after=600, times=1)
    dispatch = {job.id: job for job in scheduled_jobs(world.services, render_digest)}["dispatch"]
    dispatch.run()
    world.advance(minutes=11)
    dispatch.run()

    # Work an ack promised, waiting in the durable queue for a minute.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with world.db.transaction() as s:
        add_job(s, TEAM, "U1", "met", {}, now=now - dt.timedelta(seconds=60))
    metrics.count_card_read("read")  # what the business-card reader calls
    metrics.count_card_read("no such outcome")

    after = scrape(world)
    assert grew(before, after, "warmcall_requests_total", kind="/met", answer="acked") == 1
    assert grew(before, after, "warmcall_ack_seconds_count", kind="/met") == 1
    assert grew(before, after, "warmcall_ack_seconds_bucket", kind="/met", le="+Inf") == 1
    assert grew(before, after, "warmcall_requests_total", kind="event:app_home_opened", answer="acked") == 1
    assert grew(before, after, "warmcall_requests_total", kind="unread", answer="refused") == 1
    assert grew(before, after, "warmcall_request_queue_wait_seconds_count") >= 3
    assert grew(before, after, "warmcall_slack_rate_limited_total", method="chat.postMessage") == 1
    assert grew(before, after, "warmcall_digests_total", outcome="retrying") == 1
    assert grew(before, after, "warmcall_digests_total", outcome="sent") == 1
    assert after[("warmcall_durable_queue_jobs", (("state", "queued"),))] == 1
    assert 60 <= after[("warmcall_durable_queue_oldest_seconds", ())] < 3600
    assert grew(before, after, "warmcall_card_reads_total", outcome="read") == 1
    assert grew(before, after, "warmcall_card_reads_total", outcome="other") == 1
    assert ("warmcall_request_queue_depth", ()) in after


def own(name: str, **labels) -> float:
    """A sample of this process's registry (the tests run one process: no multiprocess mode)."""
    return parse(generate_latest(REGISTRY).decode()).get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_pass_report_becomes_digest_outcomes_and_the_history_budget():
    before = {o: own("warmcall_digests_total", outcome=o) for o in ("refused", "late", "skipped")}
    spent = own("warmcall_history_budget_spent_total")
    metrics.count_digest_pass(
        {"failed": 1, "paused": 2, "expired": 1, "history_budget_spent": 2, "nothing_due": 3, "claimed": 9}
    )
    assert own("warmcall_digests_total", outcome="refused") - before["refused"] == 3
    assert own("warmcall_digests_total", outcome="late") - before["late"] == 3
    assert own("warmcall_digests_total", outcome="skipped") - before["skipped"] == 3
    assert own("warmcall_history_budget_spent_total") - spent == 2


WORKER = """
import os, sys
from bot import metrics
metrics.REQUESTS.labels("/met", "acked").inc(int(sys.argv[1]))
metrics.QUEUE_DEPTH.set(int(sys.argv[1]))
print(os.getpid())
"""


def test_several_workers_add_up_in_any_workers_scrape(tmp_path, monkeypatch, sqlite_template):
    files = tmp_path / "metrics"
    files.mkdir()
    env = {**os.environ, MULTIPROC_ENV: str(files), "PYTHONPATH": str(ROOT)}
    pids = []
    for n in (2, 5):
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(n)], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        pids.append(int(done.stdout))
    shutil.copy(sqlite_template, tmp_path / "warmcall.db")
    db = Database(f"sqlite:///{tmp_path / 'warmcall.db'}")
    monkeypatch.setenv(MULTIPROC_ENV, str(files))
    try:
        seen = parse(Exporter(db).scrape().decode())
        assert seen[("warmcall_requests_total", (("answer", "acked"), ("kind", "/met")))] == 7
        assert seen[("warmcall_request_queue_depth", ())] == 7
        worker_gone(pids[0])  # that worker exited: its counters stay, its gauge goes
        seen = parse(Exporter(db).scrape().decode())
        assert seen[("warmcall_requests_total", (("answer", "acked"), ("kind", "/met")))] == 7
        assert seen[("warmcall_request_queue_depth", ())] == 5
    finally:
        db.dispose()


def test_socket_mode_serves_the_metrics_on_a_port_of_its_own(tmp_path, monkeypatch, sqlite_template):
    monkeypatch.setenv("WARMCALL_METRICS_PORT", "9100")
    assert load_settings(mode="migrate").metrics_port == 9100
    shutil.copy(sqlite_template, tmp_path / "warmcall.db")
    db = Database(f"sqlite:///{tmp_path / 'warmcall.db'}")
    served = serve(db, 0, host="127.0.0.1")
    try:
        url = f"http://127.0.0.1:{served.effective_port}/metrics"
        with urllib.request.urlopen(url, timeout=5) as answer:
            seen = parse(answer.read().decode())
        assert ("warmcall_durable_queue_oldest_seconds", ()) in seen
        assert ("warmcall_request_queue_depth", ()) in seen
    finally:
        served.close()
        db.dispose()
