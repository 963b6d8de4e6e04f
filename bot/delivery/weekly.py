"""Posting the weekly look back DMs, from the same tick as the digest (bot.delivery.dispatcher.dispatch).

The claim is committed before the post (bot.services.weekly), so a post is never repeated; the
client never retries by itself, and OAuth mode posts with the user's own workspace's token.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

from slack_sdk import WebClient

from bot.delivery.slack_calls import call_slack, make_dispatch_client
from bot.domain.weekly import WeeklyReview
from bot.services import weekly
from bot.services.context import Services

log = logging.getLogger(__name__)

METADATA_EVENT = "warmcall_weekly"
WeeklyRenderer = Callable[[WeeklyReview], tuple[str, list[dict]]]  # (notification text, blocks)


def send_weekly_reviews(
    services: Services, render: WeeklyRenderer, *, client: WebClient | None = None
) -> dict:
    """Claim and post every look back due now; counts of weekly_sent, weekly_skipped, weekly_failed."""
    claims, skipped = weekly.claim_due(services)
    counts: Counter[str] = Counter()
    if skipped:
        counts["weekly_skipped"] = skipped
    if not claims:
        return dict(counts)
    client = client or make_dispatch_client(services, timeout=10.0)
    tokens = services.tokens
    for claim in claims:
        try:
            auth = {}
            if tokens.per_workspace:
                token = tokens.token_for(claim.team_id)
                if not token:
                    weekly.settle(services, claim, sent=False, ts=None, error="no installation")
                    counts["weekly_failed"] += 1
                    continue
                auth = {"token": token}
            text, blocks = render(claim.review)
            outcome = call_slack(
                client.chat_postMessage,
                **auth,
                channel=claim.user_id,
                text=text,
                blocks=blocks,
                metadata={
                    "event_type": METADATA_EVENT,
                    "event_payload": {"week_start": claim.review.week_start.isoformat()},
                },
                unfurl_links=False,
                unfurl_media=False,
            )
            ok = outcome.kind == "ok"
            weekly.settle(
                services, claim, sent=ok, ts=outcome.data.get("ts") if ok else None, error=outcome.error
            )
            counts["weekly_sent" if ok else "weekly_failed"] += 1
        except Exception:  # one broken look back must not stop the others (its week stays claimed)
            log.exception("weekly look back for %s/%s failed", claim.team_id, claim.user_id)
            counts["weekly_failed"] += 1
    return dict(counts)
