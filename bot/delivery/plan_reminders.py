"""The reminder of a planned call: a DM ten minutes before, with the talking points' reason and the
Log call buttons, sent once whichever replica's queue drain runs the job.

Each plan has a durable-queue job (kind `plan_reminder`, bot.delivery.queue drains it on every
replica; replicas split due jobs with leases). Exactly once holds on the plan row itself: the job
claims the reminder (waiting → sending) in a transaction committed before the post, so a second run
of the job, or a second job for the same plan, finds it taken and sends nothing. A refusal (429:
nothing was posted) gives the claim back and the queue tries again later; any other failure is not
retried, since the post may have gone (a missed reminder is the lesser harm). A moved or undone plan,
or one a call was logged for, has nothing to send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.delivery.slack_calls import call_slack, make_dispatch_client
from bot.domain.plan import LATE_AFTER
from bot.services import plans, queue
from bot.services.context import Services

log = logging.getLogger(__name__)

METADATA_EVENT = "warmcall_plan"
ReminderRenderer = Callable[[plans.Reminder], tuple[str, list[dict]]]  # (notification text, blocks)


class ReminderRefused(Exception):
    """Slack refused the post (rate limited): the queue runs the job again after a back-off."""


def send_reminder(services: Services, job: queue.Job, render: ReminderRenderer) -> str:
    """Claim and post one plan's reminder: 'sent', 'nothing' (not this job's to send), 'late' or
    'failed'. Raises ReminderRefused when Slack refused it (tried again later)."""
    claim = plans.take_reminder(services, int(job.payload.get("plan_id") or 0), str(job.payload.get("at")))
    if claim is None:
        return "nothing"
    if claim.now - claim.at > LATE_AFTER:
        log.info("plan %s: reminder not sent, it is past the call's time", claim.plan_id)
        plans.settle_reminder(services, claim.plan_id, sent=False)
        return "late"
    auth = {}
    if services.tokens.per_workspace:
        token = services.tokens.token_for(claim.team_id)
        if not token:
            plans.settle_reminder(services, claim.plan_id, sent=False)
            return "failed"
        auth = {"token": token}
    text, blocks = render(claim)
    client = make_dispatch_client(services, timeout=10.0)
    outcome = call_slack(
        client.chat_postMessage,
        **auth,
        channel=claim.user_id,
        text=text,
        blocks=blocks,
        metadata={"event_type": METADATA_EVENT, "event_payload": {"plan_id": claim.plan_id}},
        unfurl_links=False,
        unfurl_media=False,
    )
    if outcome.kind == "ok":
        plans.settle_reminder(services, claim.plan_id, sent=True, ts=outcome.data.get("ts"))
        return "sent"
    if outcome.kind == "refused":
        plans.release_reminder(services, claim.plan_id)
        raise ReminderRefused(outcome.error or "refused")
    log.warning("plan %s: reminder not sent: %s", claim.plan_id, outcome.error)
    plans.settle_reminder(services, claim.plan_id, sent=False)
    return "failed"


def reminder_work(render: ReminderRenderer) -> dict[str, queue.Work]:
    """The queue's work for reminders, rendering with `render` (handlers.blocks.plan.render_reminder)."""

    def work(services: Services, job: queue.Job) -> None:
        send_reminder(services, job, render)
        return None

    return {plans.REMINDER: work}
