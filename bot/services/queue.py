"""The durable queue: work an ack promised that still has to run after it (SPEC §13).

A listener commits its change before it acks. When something needs Slack first (a new user's time
zone, a mentioned member's name), it commits a job instead, in the same transaction, and the job
runs at once on the after-ack pool (`run_now`). If the process dies first, any replica's drain
(bot.delivery.queue) runs it when its lease has run out. Delivery is at least once, so every job's
work is idempotent: it records what it committed in the job row (`progress`) or carries a key.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain.clock import naive_utc
from bot.services.context import Services
from storage.profiles import get_or_create_profile
from storage.queue import FAILED, QueuedJob, add_job, delete_job, due_jobs, free_job, lease, lock_job

log = logging.getLogger(__name__)

MET, CALLED, NAME, REPLY = "met", "called", "name", "reply"  # kinds of job
LEASE = dt.timedelta(seconds=60)  # longer than any one job's Slack calls with their timeouts
MAX_ATTEMPTS = 8  # with the back-off below: about ten minutes of retries
REPLY_VALID = dt.timedelta(minutes=30)  # how long a response_url takes replies


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    team_id: str
    user_id: str
    payload: dict
    attempts: int
    created_at: dt.datetime  # aware UTC: when the command came (its "today")
    progress: dict = field(default_factory=dict)

    @property
    def response_url(self) -> str | None:
        return self.payload.get("response_url") or None


class ReplyNotSent(Exception):
    """The response_url did not take the reply; `permanent` when trying again cannot help (expired)."""

    def __init__(self, detail: str, *, permanent: bool = False) -> None:
        super().__init__(detail)
        self.permanent = permanent


Work = Callable[[Services, Job], dict | None]  # does the job, returns the reply to send (or None)
Send = Callable[[dict], None]  # sends a reply to the job's response_url, raises when it could not


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Queued:
    """Not done before the ack: `job` will do it (and send the reply) after it."""

    job: Job


@dataclass(frozen=True)
class Busy:
    """Nothing was written: it would need the after-ack pool, and the pool is full."""


@dataclass(frozen=True)
class Gone:
    """Another worker finished this job meanwhile (its lease had run out): nothing to do or say."""


def job_of(row: QueuedJob) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        team_id=row.team_id,
        user_id=row.user_id,
        payload=dict(row.payload or {}),
        attempts=row.attempts,
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        progress=dict(row.progress or {}),
    )


# --- putting work in -----------------------------------------------------------------------------------


def queue_command(
    services: Services, team_id: str, user_id: str, kind: str, text: str, response_url: str | None
) -> Job:
    """A command that needs its owner's time zone from Slack before it can be carried out: the
    profile is created without asking Slack, and the command stored, in one transaction."""
    with services.db.transaction() as session:
        get_or_create_profile(session, team_id, user_id)
        row = add_job(
            session,
            team_id,
            user_id,
            kind,
            {"text": text, "response_url": response_url},
            now=naive_utc(services.clock.now()),
        )
        return job_of(row)


# --- taking work out -----------------------------------------------------------------------------------


def take(services: Services, job_id: int, *, lease_for: dt.timedelta = LEASE) -> Job | None:
    """The job with a lease for this process, or None when it is done or another worker holds it."""
    now = naive_utc(services.clock.now())
    with services.db.transaction() as session:
        row = free_job(session, job_id, now)
        if row is None:
            return None
        lease(row, worker_name(), now + lease_for)
        return job_of(row)


def claim_due(services: Services, limit: int, *, lease_for: dt.timedelta = LEASE) -> list[Job]:
    """Up to `limit` due jobs nobody holds, leased to this process (replicas get different ones)."""
    now = naive_utc(services.clock.now())
    with services.db.transaction() as session:
        rows = due_jobs(session, now, limit)
        for row in rows:
            lease(row, worker_name(), now + lease_for)
        return [job_of(row) for row in rows]


def finish(services: Services, job_id: int) -> None:
    with services.db.transaction() as session:
        delete_job(session, job_id)


def postpone(services: Services, job: Job, error: str) -> None:
    """Try the job again later (exponential back-off), or give up after MAX_ATTEMPTS; a reply gives
    up when its response_url has expired."""
    now = services.clock.now()
    with services.db.transaction() as session:
        row = lock_job(session, job.id)
        if row is None:
            return
        expired = job.kind == REPLY and now - job.created_at > REPLY_VALID
        if expired or row.attempts >= MAX_ATTEMPTS:
            log.error("queued %s job %s gave up after %s attempts: %s", job.kind, job.id, row.attempts, error)
            if expired:
                session.delete(row)
                return
            row.state = FAILED
        delay = dt.timedelta(seconds=min(5 * 2 ** max(row.attempts - 1, 0), 300))
        row.not_before = naive_utc(now + delay)
        row.lease_until = None
        row.lease_owner = None
        row.error = error[:300]


def hold_reply(services: Services, job: Job, message: dict) -> None:
    """The job's work is done but its reply could not be sent: keep the reply as a job of its own
    (so the work is not done again) and finish this one, in one transaction."""
    with services.db.transaction() as session:
        add_job(
            session,
            job.team_id,
            job.user_id,
            REPLY,
            {"response_url": job.response_url, "message": message},
            now=naive_utc(job.created_at),
            not_before=naive_utc(services.clock.now()),
        )
        delete_job(session, job.id)


# --- running ---------------------------------------------------------------------------------------------


def run(services: Services, job: Job, work: Work, send: Send) -> str:
    """Run a leased job: its work, then its reply. 'done', 'retry' (the work failed: tried again
    later) or 'reply_held' (done, the reply waits for Slack as a job of its own)."""
    try:
        message = work(services, job)
    except Exception as exc:  # logged without the user's text; the job records the type only
        log.warning(
            "queued %s job %s failed (attempt %s): %s", job.kind, job.id, job.attempts, type(exc).__name__
        )
        postpone(services, job, type(exc).__name__)
        return "retry"
    if message is not None and job.response_url:
        try:
            send(message)
        except Exception as exc:
            if isinstance(exc, ReplyNotSent) and exc.permanent:
                log.info("the reply of queued %s job %s was refused: %s", job.kind, job.id, exc)
            elif job.kind == REPLY:
                postpone(services, job, f"reply not sent: {type(exc).__name__}")
                return "retry"
            else:
                log.info(
                    "the reply of queued %s job %s waits for Slack: %s", job.kind, job.id, type(exc).__name__
                )
                hold_reply(services, job, message)
                return "reply_held"
    finish(services, job.id)
    return "done"


def run_now(services: Services, job_id: int, work: Work, send: Send) -> str | None:
    """After the ack, in this process: take the job (unless a drain already has it) and run it."""
    job = take(services, job_id)
    if job is None:
        return None
    return run(services, job, work, send)


def send_with(respond: Callable[..., object]) -> Send:
    """A Send over Bolt's `respond` (or anything with its signature that returns a response with a
    `status_code`, or None)."""

    def send(message: dict) -> None:
        answer = respond(**message)
        status = getattr(answer, "status_code", None)
        if isinstance(status, int) and status >= 300:
            raise ReplyNotSent(f"HTTP {status}", permanent=400 <= status < 500 and status != 429)

    return send
