"""Shared pieces for benchmarks: databases, seeding contacts fast, the app processes, percentiles, JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.domain.vocabulary import fold  # noqa: E402
from storage.db import Database, make_engine  # noqa: E402
from storage.models import Contact, UserProfile  # noqa: E402

PG_URL = os.environ.get("WARMCALL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TOPICS = ["data", "hiring", "design", "fundraising", "security", "cloud", "marketing", "sales", "ml", "ops"]
FIRST = ["Jane", "Ravi", "Ana", "Kenji", "Lena", "Omar", "Mia", "Tom", "Zoë", "José", "Li", "Sara"]
LAST = ["Doe", "Patel", "Silva", "Sato", "Berg", "Haddad", "Rossi", "Novak", "Núñez", "Wang", "Kim"]


def new_database(kind: str, workdir: Path) -> tuple[str, callable]:
    """A fresh, migrated database URL and a function that removes it."""
    if kind == "sqlite":
        path = workdir / f"bench-{uuid.uuid4().hex[:6]}.db"
        url = f"sqlite:///{path}"
        Database(url).migrate()
        return url, lambda: [p.unlink(missing_ok=True) for p in workdir.glob(path.name + "*")]
    name = f"warmcall_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    Database(url).migrate()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def seed_contacts(
    db: Database, team_id: str, user_id: str, count: int, today: dt.date, *, seed: int = 7
) -> None:
    """`count` realistic contacts for one user, a tenth of them due, inserted in bulk."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last} {i:05d}"
        topics = rng.sample(TOPICS, 2)
        rows.append(
            dict(
                team_id=team_id,
                user_id=user_id,
                name=name,
                name_key=fold(name),
                company=f"Company {i % 500}",
                company_key=fold(f"Company {i % 500}"),
                event="PyCon",
                met_on=today - dt.timedelta(days=rng.randint(1, 400)),
                notes=f"talked about {topics[0]} and {topics[1]}; looking for {rng.choice(TOPICS)} help",
                stage="active",
                next_due=today + dt.timedelta(days=rng.randint(-10, 90)),
                unanswered_streak=0,
                promise_done=False,
                let_go_asked=False,
            )
        )
    with db.transaction() as session:
        session.execute(
            insert(UserProfile), [dict(team_id=team_id, user_id=user_id, tz="UTC", display_name="Bench User")]
        )
        for start in range(0, len(rows), 2000):
            session.execute(insert(Contact), rows[start : start + 2000])


def summarize(latencies_s: list[float], seconds: float) -> dict:
    if not latencies_s:
        return {"count": 0}
    ms = sorted(x * 1000 for x in latencies_s)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p / 100 * len(ms)))], 2)

    return {
        "count": len(ms),
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "max_ms": round(ms[-1], 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "throughput_rps": round(len(ms) / seconds, 1) if seconds else None,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen | None = None, timeout: float = 30) -> None:
    """Wait for `GET /healthz` to answer; fail at once if `proc` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


def start_warmcall(
    db_url: str, api_url: str, secret: str, *, log_path: Path | None = None, workers: int = 1
) -> tuple[subprocess.Popen, str]:
    """`python -m bot serve --http --workers N` on a free port, as a deployment runs it (WARNING logs
    to `log_path`)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WARMCALL_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=api_url,
        DATABASE_URL=db_url,
        WARMCALL_TICK_SECONDS="86400",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    command = [sys.executable, "-m", "bot", "serve", "--http", "--port", str(port), "--workers", str(workers)]
    return _spawn(command, env, log_path), f"http://127.0.0.1:{port}"


def start_bare(
    api_url: str,
    secret: str,
    *,
    reply_via_response_url: Iterable[str] = (),
    log_path: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """bench/bare_app.py on a free port; the commands named answer through response_url after the ack."""
    port = free_port()
    command = [
        sys.executable,
        str(ROOT / "bench" / "bare_app.py"),
        "--port",
        str(port),
        "--api-url",
        api_url,
        "--secret",
        secret,
    ]
    if via := ",".join(reply_via_response_url):
        command += ["--reply-via-response-url", via]
    return _spawn(command, dict(os.environ), log_path), f"http://127.0.0.1:{port}"


def _spawn(command: list[str], env: dict[str, str], log_path: Path | None) -> subprocess.Popen:
    if log_path is None:
        return subprocess.Popen(command, env=env, cwd=ROOT)
    with open(log_path, "ab") as log:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM (the app drains its work), then SIGKILL after `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its live children (HTTP workers) so far (Linux /proc; 0
    elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) for child in children(pid))


def children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


def settle(pids: list[int], timeout: float, window: float = 0.3, idle: float = 0.05) -> float:
    """Wait until every app is idle (under 5% of a core over `window`), so one phase's leftover work
    (replies, Home refreshes) does not land in the next; returns the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        before = [cpu_seconds(pid) for pid in pids]
        time.sleep(window)
        if all(cpu_seconds(pid) - b < idle * window for pid, b in zip(pids, before, strict=True)):
            break
    return round(time.perf_counter() - started, 1)


def percentile(sorted_values: list[float], p: float) -> float:
    """The nearest-rank percentile of an ascending list (same rule as `summarize`)."""
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def emit(result: dict) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False))


CORRECTNESS, SPEED = "correctness", "speed"


def check(name: str, kind: str, met: bool | None, where: str = "") -> dict:
    """One target for bench/run_all.py's table. `kind`: CORRECTNESS (anything lost, duplicated,
    unanswered, refused by the Slack double, or an error; a miss fails CI) or SPEED (a ratio or a
    bound, reported only: these machines are noisy). `met` is None when the run did not measure it."""
    return {"name": name, "kind": kind, "met": None if met is None else bool(met), "where": where}


def checks_of(targets: dict[str, bool | None], correctness: set[str], where: str = "") -> list[dict]:
    """`check`s for a benchmark's targets dict; the names in `correctness` are correctness targets."""
    return [check(n, CORRECTNESS if n in correctness else SPEED, met, where) for n, met in targets.items()]
