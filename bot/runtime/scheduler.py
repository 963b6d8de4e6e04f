"""APScheduler with a constant set of jobs: the digest dispatcher, the durable queue's drain, and two
daily jobs at fixed hours.

Never a job per user or contact. Each replica runs its own in-memory scheduler (APScheduler's FAQ:
never share a job store between processes); the database decides who sends which digest, and a
daily job runs on the one replica that takes its advisory lock and its once-a-day key
(bot.services.jobs), so five replicas still call users.list once a day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import metrics
from bot.delivery import queue
from bot.delivery.dispatcher import dispatch
from bot.delivery.maintenance import delete_old_rows, refresh_time_zones
from bot.domain.digest_view import Renderer
from bot.runtime.work import QUEUED_WORK
from bot.services.context import Services
from bot.services.jobs import daily_run
from handlers.blocks.weekly import render_weekly

log = logging.getLogger(__name__)

QUEUE_SECONDS = 5  # how often the durable queue is drained (at most every WARMCALL_TICK_SECONDS)


@dataclass(frozen=True)
class ScheduledJob:
    id: str
    trigger: BaseTrigger
    run: Callable[[], object]


def scheduled_jobs(services: Services, render: Renderer) -> list[ScheduledJob]:
    """Every periodic job of a long-running process, with its trigger (all times UTC)."""
    hour = services.settings.maintenance_hour

    def dispatch_pass() -> dict:
        # Linger within the tick for retries that come due soon (429 Retry-After): a large,
        # rate-limited workspace keeps flowing instead of waiting a whole tick per refusal.
        report = dispatch(
            services,
            render,
            budget_seconds=services.settings.tick_seconds * 0.9,
            weekly_renderer=render_weekly,
        )
        metrics.count_digest_pass(report)  # GET /metrics
        return report

    def queue_pass() -> dict:
        # Work an ack promised whose process died first, and replies Slack did not take in time.
        report = queue.drain(services, QUEUED_WORK, budget_seconds=20)
        metrics.count_queue_pass(report)
        return report

    return [
        ScheduledJob("dispatch", IntervalTrigger(seconds=services.settings.tick_seconds), dispatch_pass),
        ScheduledJob(
            "queue", IntervalTrigger(seconds=min(QUEUE_SECONDS, services.settings.tick_seconds)), queue_pass
        ),
        ScheduledJob(
            "time_zones",
            CronTrigger(hour=hour, minute=0, timezone="UTC"),
            once_a_day(services, "time_zones", refresh_time_zones),
        ),
        ScheduledJob(
            "clean_up",
            CronTrigger(hour=hour, minute=30, timezone="UTC"),
            once_a_day(services, "clean_up", delete_old_rows),
        ),
    ]


def once_a_day(services: Services, name: str, job: Callable[[Services], dict]) -> Callable[[], dict | None]:
    """`job` run only by the replica that wins today's run (None on the others)."""

    def run() -> dict | None:
        day = services.clock.now().date()
        with daily_run(services, name, day) as mine:
            if not mine:
                log.info("%s: another replica runs it today", name)
                return None
            return job(services)

    return run


def start_scheduler(services: Services, render: Renderer) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    for job in scheduled_jobs(services, render):
        scheduler.add_job(
            _safely(job),
            job.trigger,
            id=job.id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=3600,  # a process busy at the fixed hour still runs the daily job
        )
    scheduler.start()
    return scheduler


def _safely(job: ScheduledJob) -> Callable[[], None]:
    def run() -> None:
        try:
            job.run()
        except Exception:  # a failed pass must not kill the scheduler; the next run tries again
            log.exception("%s failed", job.id)

    run.__name__ = job.id
    return run
