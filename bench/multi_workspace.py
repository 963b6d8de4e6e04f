"""Digest across many workspaces in OAuth mode (issue 20): fairness under per-workspace rate limits.

    python bench/multi_workspace.py            # 1,000 workspaces x 20 users on PostgreSQL, 3 tick processes
    python bench/multi_workspace.py --quick    # 50 x 20, one workspace refusing for 5 s (one Retry-After)

Every workspace is installed (its own bot token, in slack_bots like an OAuth install leaves it); the
Slack double, served from this process, limits each workspace to 20 chat.postMessage a second and
answers one workspace with 429 (Retry-After 5) for its first minute. Three `warmcall tick` processes
in OAuth mode share the database. Reported: the aggregate rate against the sum of the limits of the
workspaces that were not refusing, when the throttled workspace's digests arrived compared with the
others, lost and duplicate digests, whether any post used another workspace's token, peak RSS per
process. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from bench.harness import CORRECTNESS, SPEED, check, emit, new_database  # noqa: E402
from bot.testing.slackdouble import SlackDouble  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Digest  # noqa: E402

NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)  # Tue 09:00 in New York
DUE_AT = dt.datetime(2026, 11, 24, 14, 0)
CLIENT_ID, CLIENT_SECRET = "1111.2222", "bench-client-secret"
LIMIT_PER_WORKSPACE = 20  # posts per second
THROTTLED_SECONDS = 60


def team_id(n: int) -> str:
    return f"T{n:06d}"


def user_id(team: int, n: int) -> str:
    return f"U{team:05d}{n:03d}"


def install_all(double: SlackDouble, db: Database, workspaces: int) -> dict[str, str]:
    """Each workspace through oauth.v2.access (without the browser), stored as Bolt stores it."""
    installs = double.installs
    installs.configure(CLIENT_ID, CLIENT_SECRET)
    tokens: dict[str, str] = {}
    rows = []
    for n in range(workspaces):
        team = team_id(n)
        code = installs.authorize(f"https://slack.test/?client_id={CLIENT_ID}&scope=chat:write", team)
        with installs.ws.lock:  # what the install flow's oauth.v2.access call does
            answer = installs.oauth_v2_access({"code": code}, (CLIENT_ID, CLIENT_SECRET))
        tokens[team] = answer["access_token"]
        rows.append(
            {
                "team": team,
                "token": answer["access_token"],
                "bot_user": answer["bot_user_id"],
                "bot_id": f"B{n:06d}",
            }
        )
        installs.limit_rate(team, "chat.postMessage", LIMIT_PER_WORKSPACE)
    with db.transaction() as s:
        s.execute(
            text(
                "INSERT INTO slack_bots (client_id, app_id, team_id, team_name, bot_token, bot_id, bot_user_id,"
                " bot_scopes, is_enterprise_install, installed_at)"
                " VALUES (:client, 'A0001', :team, :team, :token, :bot_id, :bot_user, 'chat:write', false, :at)"
            ),
            [{**r, "client": CLIENT_ID, "at": DUE_AT} for r in rows],
        )
    return tokens


def seed(db: Database, workspaces: int, users: int, contacts: int) -> list[tuple[str, str]]:
    owners = [(team_id(w), user_id(w, u)) for w in range(workspaces) for u in range(users)]
    with db.transaction() as s:
        s.execute(
            text(
                "INSERT INTO user_profiles (team_id, user_id, display_name, tz, nudge_minute, nudge_days,"
                " max_per_digest, next_digest_at, created_at, updated_at)"
                " VALUES (:team, :user, :user, 'America/New_York', 540, '0,1,2,3,4', 5, :due, :due, :due)"
            ),
            [{"team": t, "user": u, "due": DUE_AT} for t, u in owners],
        )
        s.execute(
            text(
                "INSERT INTO contacts (team_id, user_id, name, name_key, company, company_key, event, met_on,"
                " notes, promise_done, stage, next_due, unanswered_streak, let_go_asked, created_at, updated_at)"
                " VALUES (:team, :user, :name, :key, 'Acme', 'acme', 'PyCon', :met, 'talked about hiring',"
                " false, 'active', :met, 0, false, :due, :due)"
            ),
            [
                {
                    "team": t,
                    "user": u,
                    "name": f"Contact {c} of {u}",
                    "key": f"contact {c} of {u.lower()}",
                    "met": dt.date(2026, 11, 1),
                    "due": DUE_AT,
                }
                for t, u in owners
                for c in range(contacts)
            ],
        )
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("VACUUM ANALYZE"))
    return owners


def sent(db: Database) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Digest).where(Digest.state == "sent")) or 0


def _high_water_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_ticks(db_url: str, double: SlackDouble, total: int, *, processes: int, timeout: float) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WARMCALL_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=db_url,
        SLACK_API_URL=double.url,
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        WARMCALL_ENCRYPTION_KEY="9PMvunA1H4jMbYdVhDIoZsih9rHIw4s52wyODg9_UwU=",  # tokens here are plain: read as they are
        WARMCALL_TICK_SECONDS="150",  # a pass lingers ~135 s for retries, past the refusing minute
        LOG_LEVEL="WARNING",
    )
    db = Database(db_url)
    gc.collect()
    gc.disable()  # the double stamps requests as it handles them: no collector pauses here
    started = time.monotonic()
    peaks: dict[int, int] = {}
    logs = []
    try:
        procs = []
        for _ in range(processes):
            log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed below
            logs.append(log)
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "bot",
                        "tick",
                        "--now",
                        (NOW + dt.timedelta(minutes=1)).isoformat(),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    text=True,
                )  # fmt: skip
            )
        while any(p.poll() is None for p in procs) and time.monotonic() - started < timeout:
            for p in procs:
                if p.poll() is None:
                    peaks[p.pid] = max(peaks.get(p.pid, 0), _high_water_kb(p.pid))
            if sent(db) >= total:
                break
            time.sleep(0.2)
        for p in procs:
            if p.poll() is None:
                p.terminate()
            p.wait(timeout=60)
    finally:
        gc.enable()
    outputs = []
    for log in logs:
        log.seek(0)
        outputs.append(log.read().strip()[-300:])
        log.close()
    db.dispose()
    return {
        "processes": processes,
        "wall_seconds": round(time.monotonic() - started, 1),
        "peak_rss_mb": [round(kb / 1024, 1) for kb in peaks.values()],
        "outputs": outputs,
    }


def measure(double: SlackDouble, owners: list[tuple[str, str]], throttled: str, started_at: float) -> dict:
    posts = [c for c in double.calls_to("chat.postMessage") if (c.response or {}).get("ok")]
    refused = [c for c in double.calls_to("chat.postMessage") if c.status == 429]
    team_of_user = {u: t for t, u in owners}
    wrong_token = sum(
        1 for c in posts if double.installs.tenant_of(c.token) != team_of_user.get(c.params["channel"])
    )
    per_user: dict[str, int] = {}
    for c in posts:
        per_user[c.params["channel"]] = per_user.get(c.params["channel"], 0) + 1
    others = sorted(c.at for c in posts if team_of_user[c.params["channel"]] != throttled)
    mine = sorted(c.at for c in posts if team_of_user[c.params["channel"]] == throttled)
    first = min(c.at for c in double.calls_to("chat.postMessage"))
    span = (others[-1] - others[0]).total_seconds() if len(others) > 1 else 0.0
    active = len({t for t, _ in owners}) - 1
    rate = (len(others) - 1) / span if span else 0.0
    return {
        "delivered": len(posts),
        "lost": sum(1 for _, u in owners if per_user.get(u, 0) == 0),
        "duplicates": sum(n - 1 for n in per_user.values() if n > 1),
        "posts_with_another_workspaces_token": wrong_token,
        "refused_429": len(refused),
        "refused_429_other_workspaces": sum(
            1 for c in refused if double.installs.tenant_of(c.token) != throttled
        ),
        "aggregate_rate_per_s": round(rate, 1),
        "sum_of_limits_not_refusing_per_s": active * LIMIT_PER_WORKSPACE,
        "aggregate_share_of_limits": round(rate / (active * LIMIT_PER_WORKSPACE), 4) if active else None,
        "others_done_after_s": round((others[-1] - first).total_seconds(), 1) if others else None,
        "throttled_first_after_s": round((mine[0] - first).total_seconds(), 1) if mine else None,
        "throttled_done_after_s": round((mine[-1] - first).total_seconds(), 1) if mine else None,
        "block_errors": len(double.block_errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workspaces", type=int)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--processes", type=int, default=3)
    args = parser.parse_args()
    workspaces = args.workspaces or (50 if args.quick else 1000)
    workdir = Path(tempfile.mkdtemp(prefix="warmcall-bench-"))
    try:
        url, drop = new_database("postgresql", workdir)
    except Exception as exc:  # several tick processes need PostgreSQL (SQLite serves one process)
        emit({"benchmark": "multi_workspace", "skipped": f"PostgreSQL not reachable ({type(exc).__name__})"})
        return 0
    db = Database(url)
    double = SlackDouble().start()
    try:
        seeding = time.monotonic()
        install_all(double, db, workspaces)
        owners = seed(db, workspaces, args.users, 5)
        seeded = round(time.monotonic() - seeding, 1)
        throttled = team_id(0)
        # --quick: one Retry-After long; the others are all done inside it (~2.5 s) either way, and what
        # follows the refusal (the throttled workspace's paced posts) takes as long whatever its length.
        refusing = 5 if args.quick else THROTTLED_SECONDS
        double.installs.rate_limit(throttled, "chat.postMessage", retry_after=5, for_seconds=refusing)
        started = time.monotonic()
        run = run_ticks(url, double, len(owners), processes=args.processes, timeout=600)
        result = {
            "benchmark": "multi_workspace",
            "workspaces": workspaces,
            "users_per_workspace": args.users,
            "limit_per_workspace_per_s": LIMIT_PER_WORKSPACE,
            "throttled_workspace_refuses_for_s": refusing,
            "seed_seconds": seeded,
            **run,
            **measure(double, owners, throttled, started),
        }
        result["checks"] = [
            check(name, CORRECTNESS, result[field] == 0, "postgresql")
            for name, field in (
                ("no_digest_lost", "lost"),
                ("no_digest_twice", "duplicates"),
                ("no_post_with_another_workspaces_token", "posts_with_another_workspaces_token"),
                ("no_digest_refused_by_double", "block_errors"),
            )
        ]
        result["checks"].append(
            check(
                "no_429_outside_the_throttled_workspace", SPEED, result["refused_429_other_workspaces"] == 0
            )
        )
    finally:
        double.stop()
        db.dispose()
        drop()
    emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
