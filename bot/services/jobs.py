"""Daily jobs that exactly one replica runs once a day (SPEC §8: maintenance on one replica)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from bot.services.context import Services
from storage.contacts import claim_once

JOB_TEAM = "warmcall"  # the owner part of a job's once-a-day key in seen_requests


@contextlib.contextmanager
def daily_run(services: Services, job: str, day: dt.date) -> Iterator[bool]:
    """True when this process should run `job` for `day`: no other replica is running it now (an
    advisory lock held for the whole run) and none has run it that day (a key in seen_requests,
    claimed when the run starts)."""
    with services.db.exclusive(f"warmcall-job:{job}") as holder:
        if not holder:
            yield False
            return
        with services.db.transaction() as session:
            first = claim_once(session, JOB_TEAM, "jobs", f"{job}:{day.isoformat()}")
        yield first
