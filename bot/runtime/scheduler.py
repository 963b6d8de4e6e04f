"""APScheduler with a constant set of jobs: the digest dispatcher and daily maintenance.

Never a job per user or contact; each replica runs its own in-memory scheduler and the database
decides who sends what (APScheduler's FAQ: never share a job store between processes).
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler

from bot.services.context import Services

log = logging.getLogger(__name__)


def start_scheduler(services: Services) -> BackgroundScheduler:
    from bot.delivery.dispatcher import dispatch
    from bot.delivery.maintenance import maintenance
    from handlers.blocks.digest import render_digest

    def dispatch_pass(services: Services) -> dict:
        # Linger within the tick for retries that come due soon (429 Retry-After): a large,
        # rate-limited workspace keeps flowing instead of waiting a whole tick per refusal.
        return dispatch(services, render_digest, budget_seconds=services.settings.tick_seconds * 0.9)

    dispatch_pass.__name__ = "dispatch"
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        _safely(dispatch_pass, services),
        "interval",
        seconds=services.settings.tick_seconds,
        id="dispatch",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        _safely(maintenance, services), "interval", hours=24, id="maintenance", max_instances=1, coalesce=True
    )
    scheduler.start()
    return scheduler


def _safely(job, services: Services):
    def run() -> None:
        try:
            job(services)
        except Exception:  # a failed pass must not kill the scheduler; the next tick tries again
            log.exception("%s failed", job.__name__)

    run.__name__ = job.__name__
    return run
