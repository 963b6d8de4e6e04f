"""Draining the durable queue (bot.services.queue) on any replica: jobs whose process died before it
ran them or that failed and came due again, and replies Slack could not take when they were made.

The scheduler's `queue` job runs `drain` every few seconds, and `warmcall tick` runs it once. What a
job of each kind does is given (handlers' work functions), like the digest's renderer; this module
only claims, runs and answers through the job's response_url.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping

from slack_sdk.webhook import WebhookClient

from bot.services import queue
from bot.services.context import Services, web_client_logger

log = logging.getLogger(__name__)

REPLY_TIMEOUT = 5  # seconds: a reply Slack does not take in time waits for the next drain
BATCH = 10


def post_reply(url: str, *, timeout: int = REPLY_TIMEOUT) -> queue.Send:
    """Send a reply to a response_url, raising ReplyNotSent unless Slack took it."""
    client = WebhookClient(url=url, timeout=timeout, logger=web_client_logger())

    def send(message: dict) -> None:
        try:
            answer = client.send_dict(message)
        except Exception as exc:  # connection refused, timeout: Slack may take it later
            raise queue.ReplyNotSent(type(exc).__name__) from None
        if answer.status_code >= 300:
            status = answer.status_code
            raise queue.ReplyNotSent(f"HTTP {status}", permanent=400 <= status < 500 and status != 429)

    return send


def stored_reply(services: Services, job: queue.Job) -> dict | None:
    """A `reply` job's work: the message kept when Slack did not take it the first time."""
    return job.payload.get("message")


def _no_reply(message: dict) -> None:
    return None


def drain(
    services: Services,
    work: Mapping[str, queue.Work],
    *,
    budget_seconds: float = 30.0,
    lease_for=queue.LEASE,
) -> dict:
    """Run due jobs until none is left or `budget_seconds` have passed; counts by outcome."""
    kinds: dict[str, queue.Work] = {queue.REPLY: stored_reply, **work}
    report: Counter[str] = Counter()
    deadline = time.monotonic() + budget_seconds
    while time.monotonic() < deadline:
        jobs = queue.claim_due(services, BATCH, lease_for=lease_for)
        if not jobs:
            break
        for job in jobs:
            run = kinds.get(job.kind)
            if run is None:
                log.error("queued job %s has an unknown kind %r", job.id, job.kind)
                queue.postpone(services, job, f"unknown kind {job.kind}")
                report["unknown"] += 1
                continue
            send = post_reply(job.response_url) if job.response_url else _no_reply
            report[queue.run(services, job, run, send)] += 1
    if report:
        log.info("queue: %s", dict(report))
    return {f"jobs_{outcome}": count for outcome, count in report.items()}
