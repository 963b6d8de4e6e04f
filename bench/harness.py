"""Shared pieces for benchmarks: databases, seeding many contacts fast, percentiles, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import uuid
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


def emit(result: dict) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False))
