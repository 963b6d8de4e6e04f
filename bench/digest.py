"""Digest dispatcher benchmark (issue 6): due-users query, digests/second, rate-limited delivery, RSS.

    python bench/digest.py            # full: 10,000 users x 100 contacts on PostgreSQL
    python bench/digest.py --quick    # small, for CI (PostgreSQL when reachable, else SQLite)

The dispatcher runs as a real `warmcall tick` process (so its peak RSS is its own) against a Slack
double served from this process. Rates come from the double's clock: (posts - 1) / (last - first).
Baseline: a bare loop run like the dispatcher (its own process, the dispatcher's 8 threads) posting
the same messages with a raw WebClient to the double.
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from bench.harness import checks_of, emit, new_database  # noqa: E402
from bot.domain.digest_view import DigestItem, DigestView  # noqa: E402
from bot.testing.slackdouble import SlackDouble  # noqa: E402
from handlers.blocks.digest import render_digest  # noqa: E402
from storage import digests as store  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Contact, Digest, TagCadence, UserProfile  # noqa: E402

TEAM = "T0001"
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)  # Tue 09:00 in New York
TODAY = dt.date(2026, 11, 24)
DISPATCH_WORKERS = 8  # the dispatcher's threads (bot.delivery.dispatcher, `workers`)
DUE_AT = dt.datetime(2026, 11, 24, 14, 0)  # naive UTC: every user is due at NOW

SEED_PROFILES_PG = """
INSERT INTO user_profiles (team_id, user_id, display_name, tz, nudge_minute, nudge_days, max_per_digest,
                           next_digest_at, created_at, updated_at)
SELECT 'T0001', 'U' || lpad(g::text, 6, '0'), 'Bench User ' || g, 'America/New_York', 540, '0,1,2,3,4', 5,
       :due_at, now(), now()
FROM generate_series(1, :users) AS g
"""
SEED_CONTACTS_PG = """
INSERT INTO contacts (team_id, user_id, name, name_key, company, company_key, event, met_on, notes, promise,
                      promise_done, stage, next_due, unanswered_streak, let_go_asked, created_at, updated_at,
                      tags, cadence_ideal_days, cadence_latest_days, latest_due, phone_wrong)
SELECT 'T0001', 'U' || lpad(u::text, 6, '0'), 'Contact ' || c || ' of ' || u, 'contact ' || c || ' of ' || u,
       'Company ' || (c % 50), 'company ' || (c % 50), 'PyCon',
       CAST(:today AS date) - ((u * 7 + c) % 400 + 1),
       'talked about data and hiring; looking for '
         || (ARRAY['design', 'security', 'cloud', 'sales'])[1 + c % 4] || ' help',
       CASE WHEN c % 37 = 0 THEN 'the pipeline checklist' END, false,
       CASE WHEN c % 11 = 0 THEN 'new' ELSE 'active' END,
       CAST(:today AS date) + ((u * 13 + c * 7) % 100 - 10), 0, false, now(), now(),
       'tag' || (c % 10) || ' tag' || ((c + 3) % 10) || ' tag' || ((c + 7) % 10), 14 + c % 30, 30 + c % 30,
       CAST(:today AS date) + ((u * 13 + c * 7) % 100 - 10) + 16, c % 23 = 0
FROM generate_series(1, :users) AS u, generate_series(1, :contacts) AS c
"""
# Issue 21: every user has a cadence for each of their 10 tags.
SEED_TAG_CADENCES_PG = """
INSERT INTO tag_cadences (team_id, user_id, tag, ideal_days, latest_days)
SELECT 'T0001', 'U' || lpad(u::text, 6, '0'), 'tag' || t, 7 + t * 7, 14 + t * 7
FROM generate_series(1, :users) AS u, generate_series(0, 9) AS t
"""


def user_id(n: int) -> str:
    return f"U{n:06d}"


def seed(db: Database, users: int, contacts: int) -> float:
    started = time.monotonic()
    params = {"users": users, "contacts": contacts, "due_at": DUE_AT, "today": TODAY}
    if db.is_sqlite:
        _seed_python(db, users, contacts)
    else:
        with db.transaction() as s:
            s.execute(text(SEED_PROFILES_PG), params)
            s.execute(text(SEED_CONTACTS_PG), params)
            s.execute(text(SEED_TAG_CADENCES_PG), params)
        with db.engine.connect() as conn:
            # VACUUM too: a million fresh rows otherwise wake autovacuum in the middle of the timed
            # run, and on a two-core machine it takes a core from the dispatcher or the double.
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    return time.monotonic() - started


def _seed_python(db: Database, users: int, contacts: int) -> None:
    from sqlalchemy import insert

    profiles, rows, cadences = [], [], []
    for u in range(1, users + 1):
        profiles.append(
            dict(
                team_id=TEAM,
                user_id=user_id(u),
                display_name=f"Bench User {u}",
                tz="America/New_York",
                next_digest_at=DUE_AT,
            )
        )
        for c in range(1, contacts + 1):
            name = f"Contact {c} of {u}"
            rows.append(dict(
                team_id=TEAM, user_id=user_id(u), name=name, name_key=name.lower(), company=f"Company {c % 50}",
                company_key=f"company {c % 50}", event="PyCon",
                met_on=TODAY - dt.timedelta(days=(u * 7 + c) % 400 + 1),
                notes="talked about data and hiring; looking for design help",
                promise="the pipeline checklist" if c % 37 == 0 else None, promise_done=False,
                stage="new" if c % 11 == 0 else "active",
                next_due=TODAY + dt.timedelta(days=(u * 13 + c * 7) % 100 - 10),
                unanswered_streak=0, let_go_asked=False,
                tags=f"tag{c % 10} tag{(c + 3) % 10} tag{(c + 7) % 10}", cadence_ideal_days=14 + c % 30,
                cadence_latest_days=30 + c % 30, phone_wrong=c % 23 == 0,
                latest_due=TODAY + dt.timedelta(days=(u * 13 + c * 7) % 100 - 10 + 16),
            ))  # fmt: skip
        for t in range(10):
            cadences.append(dict(team_id=TEAM, user_id=user_id(u), tag=f"tag{t}", ideal_days=7 + t * 7,
                                 latest_days=14 + t * 7))  # fmt: skip
    with db.transaction() as s:
        s.execute(insert(UserProfile), profiles)
        s.execute(insert(TagCadence), cadences)
        for start in range(0, len(rows), 5000):
            s.execute(insert(Contact), rows[start : start + 5000])


def time_due_query(db: Database, runs: int = 7) -> dict:
    """The dispatcher's query: a batch of due profiles (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    now = DUE_AT + dt.timedelta(minutes=1)
    batch_ms, count_ms = [], []
    for _ in range(runs):
        with db.transaction() as s:
            started = time.perf_counter()
            rows = store.due_profiles(s, now, 100)
            batch_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            due = s.scalar(
                select(func.count()).select_from(UserProfile).where(UserProfile.next_digest_at <= now)
            )
            count_ms.append((time.perf_counter() - started) * 1000)
            s.rollback()
    return {
        "due_users": due,
        "batch_rows": len(rows),
        "batch_query_ms_p50": round(statistics.median(batch_ms), 2),
        "batch_query_ms_max": round(max(batch_ms), 2),
        "count_all_due_ms_p50": round(statistics.median(count_ms), 2),
    }


def run_ticks(db_url: str, double: SlackDouble, users: list[str], *, timeout: float) -> dict:
    """Run `warmcall tick` processes until every one of `users` has today's digest sent (or timeout)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WARMCALL_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=db_url,
        SLACK_API_URL=double.url,
        SLACK_BOT_TOKEN="xoxb-bench",
        WARMCALL_TICK_SECONDS="60",
        LOG_LEVEL="WARNING",
    )
    db = Database(db_url)
    # The double lives in this process and stamps each request when it handles it. A full collection
    # here (40-130 ms once it holds thousands of recorded calls) would hold requests back and then
    # stamp them together, a burst the dispatcher never sent: off while measuring, as timeit does.
    gc.collect()
    gc.disable()
    try:
        started = time.monotonic()
        ticks, outputs, peak_kb = 0, [], 0
        while time.monotonic() - started < timeout:
            now = NOW + dt.timedelta(minutes=1, seconds=time.monotonic() - started)
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "tick", "--now", now.isoformat()],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            reader = threading.Thread(target=lambda p=proc: outputs.append(p.stdout.read().strip()[-400:]))
            reader.start()
            while proc.poll() is None:
                peak_kb = max(peak_kb, _high_water_kb(proc.pid))
                time.sleep(0.1)
            reader.join()
            ticks += 1
            if proc.returncode != 0 or sent_count(db, users) >= len(users):
                break
    finally:
        gc.enable()
    db.dispose()
    return {
        "ticks": ticks,
        "wall_seconds": round(time.monotonic() - started, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "last_output": outputs[-1] if outputs else "",
    }


def _high_water_kb(pid: int) -> int:
    """VmHWM of a running process: its own peak RSS. (getrusage's ru_maxrss of a child would also
    count the parent's pages it held between fork and exec.)"""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def sent_count(db: Database, users: list[str]) -> int:
    """Sent digests of these users (the rate-limited run re-sends to a subset: others count no more)."""
    with db.sessions() as s:
        return sum(
            s.scalar(
                select(func.count())
                .select_from(Digest)
                .where(Digest.state == "sent", Digest.user_id.in_(users[start : start + 1000]))
            )
            or 0
            for start in range(0, len(users), 1000)
        )


def delivery(double: SlackDouble, users: list[str]) -> dict:
    posts = [c for c in double.calls_to("chat.postMessage") if (c.response or {}).get("ok")]
    refused = sum(1 for c in double.calls_to("chat.postMessage") if c.status == 429)
    times = sorted(c.at for c in posts)
    span = (times[-1] - times[0]).total_seconds() if len(times) > 1 else 0.0
    per_user = [len(double.dm_messages(u)) for u in users]
    return {
        "delivered": len(posts),
        "refused_429": refused,
        "duplicates": sum(n - 1 for n in per_user if n > 1),
        "lost": sum(1 for n in per_user if n == 0),
        "rate_per_s": round((len(posts) - 1) / span, 1) if span else None,
        "block_errors": len(double.block_errors),
    }


def baseline(double: SlackDouble, count: int) -> dict:
    """A bare loop, run like the dispatcher: its own process, DISPATCH_WORKERS threads posting the
    same kind of message with a raw WebClient; its rate from the double's clock, as the dispatcher's."""
    subprocess.run(
        [sys.executable, __file__, "--bare-loop", double.url, str(count)], check=True, cwd=ROOT, timeout=600
    )
    times = sorted(c.at for c in double.calls_to("chat.postMessage") if (c.response or {}).get("ok"))
    span = (times[-1] - times[0]).total_seconds() if len(times) > 1 else 0.0
    return {
        "posts": len(times),
        "threads": DISPATCH_WORKERS,
        "rate_per_s": round((len(times) - 1) / span, 1) if span else None,
    }


def bare_loop(api_url: str, count: int) -> None:
    """The baseline's process: post `count` digests from DISPATCH_WORKERS threads, then exit."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_sdk import WebClient

    items = tuple(
        DigestItem(
            i,
            f"Contact {i} of U000001",
            "Company 1",
            i,
            "Pick up what they told you: data and hiring.",
            False,
        )
        for i in range(1, 6)
    )
    text_, blocks = render_digest(DigestView(TEAM, "U000001", TODAY, items, 9, 2))
    client = WebClient(token="xoxb-bench", base_url=api_url, retry_handlers=[])

    def post(n: int) -> None:
        client.chat_postMessage(
            channel=f"UB{n:06d}", text=text_, blocks=blocks,
            metadata={"event_type": "warmcall_digest", "event_payload": {"digest_id": n}},
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=DISPATCH_WORKERS) as pool:
        list(pool.map(post, range(count)))


def reset_subset(db: Database, users: list[str]) -> None:
    from sqlalchemy import delete, update

    with db.transaction() as s:
        s.execute(delete(Digest).where(Digest.user_id.in_(users)))
        s.execute(update(UserProfile).where(UserProfile.user_id.in_(users)).values(next_digest_at=DUE_AT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", choices=["auto", "postgresql", "sqlite"], default="auto")
    parser.add_argument("--bare-loop", nargs=2, metavar=("API_URL", "POSTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_loop:
        bare_loop(args.bare_loop[0], int(args.bare_loop[1]))
        return 0
    users, contacts, throttled_users, baseline_posts = (
        (300, 20, 200, 300) if args.quick else (10_000, 100, 2_000, 2_000)
    )
    kind = args.db
    if kind == "auto":
        from tests.conftest import pg_available

        kind = "postgresql" if pg_available() else "sqlite"
    workdir = Path(os.environ.get("TMPDIR", "/tmp"))
    url, drop = new_database(kind, workdir)
    result: dict = {"mode": "quick" if args.quick else "full", "database": kind, "users": users,
                    "contacts_per_user": contacts}  # fmt: skip
    db = Database(url)
    double = SlackDouble().start()
    try:
        result["seed_seconds"] = round(seed(db, users, contacts), 1)
        result["due_query"] = time_due_query(db)

        all_users = [user_id(n) for n in range(1, users + 1)]
        run = run_ticks(url, double, all_users, timeout=600)
        result["unthrottled"] = {**delivery(double, all_users), **run}

        double.reset()
        result["baseline_bare_loop"] = baseline(double, baseline_posts)
        ours, bare = result["unthrottled"]["rate_per_s"], result["baseline_bare_loop"]["rate_per_s"]
        result["dispatcher_vs_baseline"] = round(ours / bare, 2) if ours and bare else None

        subset = all_users[:throttled_users]
        reset_subset(db, subset)
        double.reset()
        double.limit_rate("chat.postMessage", per_second=50)
        run = run_ticks(url, double, subset, timeout=600)
        result["limited_50_per_s"] = {**delivery(double, subset), **run}

        result["dispatcher_peak_rss_mb"] = max(
            result["unthrottled"]["peak_rss_mb"], result["limited_50_per_s"]["peak_rss_mb"]
        )
        result["targets"] = {
            "due_query_under_500ms": result["due_query"]["batch_query_ms_p50"] < 500,
            "unthrottled_at_least_200_per_s": (result["unthrottled"]["rate_per_s"] or 0) >= 200,
            "limited_at_least_45_per_s": (result["limited_50_per_s"]["rate_per_s"] or 0) >= 45,
            "zero_lost_zero_duplicates": all(
                r["lost"] == 0 and r["duplicates"] == 0
                for r in (result["unthrottled"], result["limited_50_per_s"])
            ),
            "peak_rss_under_300mb": result["dispatcher_peak_rss_mb"] < 300,
            "no_digest_refused_by_double": all(
                r["block_errors"] == 0 for r in (result["unthrottled"], result["limited_50_per_s"])
            ),
        }
        correct = {"zero_lost_zero_duplicates", "no_digest_refused_by_double"}
        result["checks"] = checks_of(result["targets"], correct, kind)
    finally:
        double.stop()
        db.dispose()
        drop()
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
