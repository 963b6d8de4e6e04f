"""What Warmcall counts for operators, as Prometheus metrics (served at GET /metrics, bot.runtime.metrics).

A leaf module any layer but the domain may import (pyproject's import-linter contracts keep it a
leaf): it imports nothing of Warmcall's. Callers count through the small functions below, whose
label values come from fixed sets (anything else is counted as "other"), so no user text and no
unbounded label ever reaches a scrape. With several HTTP workers the supervisor sets
PROMETHEUS_MULTIPROC_DIR before they start, and these same objects write to files that any worker's
/metrics adds up (prometheus_client's multiprocess mode).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from prometheus_client import Counter, Gauge, Histogram
from slack_sdk.http_retry import RetryHandler, RetryState
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse

# Slack's window for an ack is 3 s: the buckets are fine below it and say how late past it.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
WAIT_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)

REQUESTS = Counter(
    "warmcall_requests",
    "Requests on POST /slack/events by kind (a slash command, an interaction type, event:<type>) and "
    "answer: acked (Bolt answered), busy (refused at the door, see admission), refused (4xx: size, "
    "signature, shape)",
    ["kind", "answer"],
)
ACK_SECONDS = Histogram(
    "warmcall_ack_seconds",
    "From a request's arrival in the server's queue to its answer (the ack), by kind",
    ["kind"],
    buckets=ACK_BUCKETS,
)
QUEUE_WAIT_SECONDS = Histogram(
    "warmcall_request_queue_wait_seconds",
    "How long a request waited for a request thread",
    buckets=WAIT_BUCKETS,
)
QUEUE_DEPTH = Gauge(
    "warmcall_request_queue_depth",
    "Requests waiting for a request thread now (summed over the live workers)",
    multiprocess_mode="livesum",
)
AFTER_ACK_WAITING = Gauge(
    "warmcall_after_ack_waiting",
    "Work promised in an ack not yet started on the after-ack pool (summed over the live workers)",
    multiprocess_mode="livesum",
)
DIGESTS = Counter(
    "warmcall_digests",
    "Daily digests by outcome: sent, refused (Slack said no: paused user, failed, stopped workspace), "
    "late (the day ended before delivery, or an unknown outcome could not be settled), skipped (nothing due any more), retrying (429 or 5xx: "
    "tried again later)",
    ["outcome"],
)
HISTORY_BUDGET_SPENT = Counter(
    "warmcall_history_budget_spent",
    "Digests with an unknown outcome left unsent because the workspace's conversations.history "
    "budget could not settle them in the day",
)
DURABLE_JOBS = Counter(
    "warmcall_durable_jobs",
    "Jobs of the durable queue run by this process's scheduler, by outcome",
    ["outcome"],
)
SLACK_RATE_LIMITED = Counter(
    "warmcall_slack_rate_limited",
    "HTTP 429 answers from the Slack Web API, by method",
    ["method"],
)
IMPORTS = Counter(
    "warmcall_imports",
    "Contact files by outcome: previewed (read and checked), refused (unreadable, too big, no rows), "
    "imported",
    ["outcome"],
)
CARD_READS = Counter(
    "warmcall_card_reads",
    "Business-card photos read, by outcome: read, unreadable, refused, failed",
    ["outcome"],
)
OAUTH_INSTALLS = Counter(
    "warmcall_oauth_installs",
    "OAuth installs by outcome (installed, failed)",
    ["outcome"],
)
OAUTH_REVOCATIONS = Counter(
    "warmcall_oauth_revocations",
    "Uninstall and revocation events received (app_uninstalled, tokens_revoked)",
    ["event"],
)

IMPORT_OUTCOMES = frozenset({"previewed", "refused", "imported"})
CARD_OUTCOMES = frozenset({"read", "unreadable", "refused", "failed"})
_METHOD = re.compile(r"[a-zA-Z]+(\.[a-zA-Z]+){1,3}")


def _bounded(value: str, allowed: Iterable[str]) -> str:
    return value if value in allowed else "other"


def count_import(outcome: str) -> None:
    """A contacts file previewed, refused or imported."""
    IMPORTS.labels(_bounded(outcome, IMPORT_OUTCOMES)).inc()


def count_card_read(outcome: str) -> None:
    """A business-card photo: "read", "unreadable", "refused" (too big, not an image) or "failed"."""
    CARD_READS.labels(_bounded(outcome, CARD_OUTCOMES)).inc()


def count_rate_limited(method: str) -> None:
    """A Web API 429 for `method` (e.g. "chat.postMessage")."""
    SLACK_RATE_LIMITED.labels(method if _METHOD.fullmatch(method or "") else "other").inc()


# A dispatcher pass's report (bot.delivery.dispatcher.dispatch) as digest outcomes.
_DIGEST_OUTCOMES = {
    "sent": "sent",
    "failed": "refused",
    "paused": "refused",
    "stopped_workspace": "refused",
    "expired": "late",
    "history_budget_spent": "late",
    "history_inconclusive": "late",
    "nothing_due": "skipped",
    "rate_limited": "retrying",
    "retrying": "retrying",
}


def count_digest_pass(report: Mapping[str, object]) -> None:
    """Add one dispatcher pass's counts (its report dict) to the digest metrics."""
    for key, outcome in _DIGEST_OUTCOMES.items():
        n = report.get(key)
        if isinstance(n, int) and n > 0:
            DIGESTS.labels(outcome).inc(n)
    spent = report.get("history_budget_spent")
    if isinstance(spent, int) and spent > 0:
        HISTORY_BUDGET_SPENT.inc(spent)


def count_queue_pass(report: Mapping[str, object]) -> None:
    """Add one durable-queue drain's counts (bot.delivery.queue.drain's report) to the job metrics."""
    for key, n in report.items():
        outcome = key.removeprefix("jobs_")
        if isinstance(n, int) and n > 0 and re.fullmatch(r"[a-z_]{1,32}", outcome):
            DURABLE_JOBS.labels(outcome).inc(n)


class CountRateLimits(RetryHandler):
    """A WebClient retry handler that never retries: it counts 429s by method. Put it first in
    `retry_handlers` (slack_sdk asks each handler in turn until one retries; a 429 retried by a later
    handler is counted again on each try, as Slack refused each)."""

    def __init__(self) -> None:
        super().__init__(max_retry_count=0)

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            count_rate_limited(request.url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0])
        return False
