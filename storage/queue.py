"""Named queries for the durable queue of work promised in an ack (storage.models.QueuedJob).

A job is claimed with a lease: FOR UPDATE SKIP LOCKED on PostgreSQL, so replicas split the due jobs
between them; SQLite serializes with BEGIN IMMEDIATE (storage.db). Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from storage.models import QueuedJob

QUEUED, FAILED = "queued", "failed"


def _locked(query, session: Session, *, skip_locked: bool = True):
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=skip_locked)
    return query


def add_job(
    session: Session,
    team_id: str,
    user_id: str,
    kind: str,
    payload: dict,
    *,
    now: dt.datetime,
    not_before: dt.datetime | None = None,
) -> QueuedJob:
    """A new job, due at `not_before` (now by default) and held by nobody: any worker may take it."""
    job = QueuedJob(
        team_id=team_id,
        user_id=user_id,
        kind=kind,
        payload=payload,
        state=QUEUED,
        attempts=0,
        not_before=not_before or now,
        created_at=now,
    )
    session.add(job)
    session.flush()
    return job


def _free(now: dt.datetime):
    return or_(QueuedJob.lease_until.is_(None), QueuedJob.lease_until <= now)


def due_jobs(session: Session, now: dt.datetime, limit: int) -> Sequence[QueuedJob]:
    """Queued jobs whose time has come and that nobody holds (never leased, or the lease ran out
    because the worker died), oldest first, locked for the caller's transaction."""
    query = (
        select(QueuedJob)
        .where(QueuedJob.state == QUEUED, QueuedJob.not_before <= now, _free(now))
        .order_by(QueuedJob.not_before, QueuedJob.id)
        .limit(limit)
    )
    return session.scalars(_locked(query, session)).all()


def free_job(session: Session, job_id: int, now: dt.datetime) -> QueuedJob | None:
    """The job if it is still queued and nobody holds it (whatever its retry time), locked."""
    query = select(QueuedJob).where(QueuedJob.id == job_id, QueuedJob.state == QUEUED, _free(now))
    return session.scalar(_locked(query, session))


def lease(job: QueuedJob, owner: str, until: dt.datetime) -> None:
    job.lease_owner = owner[:100]
    job.lease_until = until
    job.attempts = (job.attempts or 0) + 1


def lock_job(session: Session, job_id: int) -> QueuedJob | None:
    """The job row, waited for and locked (PostgreSQL) so two workers cannot both record progress."""
    return session.scalar(
        _locked(select(QueuedJob).where(QueuedJob.id == job_id), session, skip_locked=False)
    )


def delete_job(session: Session, job_id: int) -> None:
    session.execute(delete(QueuedJob).where(QueuedJob.id == job_id))


def count_jobs(session: Session, state: str = QUEUED) -> int:
    return session.scalar(select(func.count()).select_from(QueuedJob).where(QueuedJob.state == state)) or 0


def backlog(session: Session, now: dt.datetime) -> tuple[dict[str, int], float]:
    """Jobs by state (queued, failed) and the age in seconds of the oldest queued one (0 when none),
    for the operators' metrics."""
    counts = {QUEUED: 0, FAILED: 0}
    for state, n in session.execute(select(QueuedJob.state, func.count()).group_by(QueuedJob.state)):
        counts[state] = n
    oldest = session.scalar(select(func.min(QueuedJob.created_at)).where(QueuedJob.state == QUEUED))
    return counts, max((now - oldest).total_seconds(), 0.0) if oldest is not None else 0.0


def job_progress(session: Session, job_id: int) -> dict | None:
    """What earlier attempts of the job committed, with the row locked for the caller's transaction
    (None when the job is gone: finished by another worker)."""
    row = lock_job(session, job_id)
    return None if row is None else dict(row.progress or {})


def record_progress(session: Session, job_id: int, **values) -> None:
    """In the caller's transaction, so the progress commits with the change it describes."""
    row = lock_job(session, job_id)
    if row is not None:
        row.progress = {**(row.progress or {}), **values}


def delete_failed_jobs(session: Session, before: dt.datetime) -> int:
    """Delete jobs that kept failing and were created before `before` (kept that long for operators
    to look at, then cleaned up by the daily job)."""
    result = session.execute(
        delete(QueuedJob).where(QueuedJob.state == FAILED, QueuedJob.created_at < before)
    )
    return result.rowcount or 0
