"""Daily maintenance: refresh time zones from users.list, and delete old digest rows and seen requests."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.delivery.slack_calls import call_slack, make_dispatch_client
from bot.domain.clock import naive_utc
from bot.services import digests, installations, oauth_states
from bot.services.context import Services

log = logging.getLogger(__name__)

DIGEST_RETENTION_DAYS = 60
FAILED_JOB_RETENTION_DAYS = 30  # a job that kept failing stays this long for operators to see
SEEN_REQUEST_RETENTION = dt.timedelta(days=2)


def refresh_time_zones(services: Services, *, page_size: int = 200) -> dict:
    """Refresh time zones in bulk (users.list, Tier 2) and reschedule users whose tz changed."""
    now_aware = services.clock.now()
    report = {"tz_checked": 0, "tz_changed": 0}
    client = make_dispatch_client(services, timeout=10)
    tokens = services.tokens
    # Single-workspace mode: one pass with the client's token. OAuth mode: one pass per installation,
    # with its own token, applied to its own tenant only.
    passes = tokens.tenants() if tokens.per_workspace else [(None, None)]
    for tenant, token in passes:
        cursor: str | None = None
        auth = {"token": token} if token else {}
        while True:
            kwargs: dict[str, Any] = {"limit": page_size, **auth}
            if cursor:
                kwargs["cursor"] = cursor
            outcome = call_slack(client.users_list, **kwargs)
            if outcome.kind != "ok":
                # Tier 2: on a 429 (or anything else) stop here; tomorrow's run starts over.
                log.warning("users.list stopped (%s); time zones refresh again tomorrow", outcome.error)
                report["tz_stopped"] = outcome.error  # type: ignore[assignment]
                break
            members = outcome.data.get("members") or []
            _apply_time_zones(services, members, now_aware, report, tenant=tenant)
            cursor = (outcome.data.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
    log.info("time zones: %s", report)
    return report


def delete_old_rows(services: Services) -> dict:
    """Delete digest rows older than 60 days, seen requests older than 2 days, queued jobs that
    kept failing, 30 days after they came in, the data of workspaces that uninstalled Warmcall
    once their grace period (WARMCALL_UNINSTALL_GRACE_DAYS) is over, and expired OAuth states."""
    now = naive_utc(services.clock.now())
    report = {}
    (
        report["digests_deleted"],
        report["seen_requests_deleted"],
        report["failed_jobs_deleted"],
    ) = digests.delete_old_rows(
        services,
        digests_before=now.date() - dt.timedelta(days=DIGEST_RETENTION_DAYS),
        seen_before=now - SEEN_REQUEST_RETENTION,
        failed_jobs_before=now - dt.timedelta(days=FAILED_JOB_RETENTION_DAYS),
    )
    report |= delete_uninstalled_workspaces(services)
    if services.settings.oauth:
        report["oauth_states_deleted"] = oauth_states.delete_expired_states(services.db)
    log.info("clean-up: %s", report)
    return report


def delete_uninstalled_workspaces(services: Services) -> dict:
    """The data of workspaces that uninstalled Warmcall, once their grace period is over."""
    return installations.delete_uninstalled(services.db, services.clock)


def maintenance(services: Services, *, page_size: int = 200) -> dict:
    """Both daily jobs in one go (what the scheduler runs as two jobs at fixed hours)."""
    return refresh_time_zones(services, page_size=page_size) | delete_old_rows(services)


def _apply_time_zones(
    services: Services,
    members: list[dict],
    now_aware: dt.datetime,
    report: dict,
    *,
    tenant: str | None = None,
) -> None:
    """One users.list page: each human member's tz by team, stored on the profiles we know. With a
    `tenant` (an installation's own pass), every member counts for that tenant and no other."""
    by_team: dict[str, dict[str, str]] = {}
    for member in members:
        if member.get("id") and member.get("tz") and not member.get("is_bot"):
            team = tenant if tenant is not None else member.get("team_id") or ""
            by_team.setdefault(team, {})[member["id"]] = member["tz"]
    checked, changed = digests.apply_time_zones(services, by_team, now_aware)
    report["tz_checked"] += checked
    report["tz_changed"] += changed
