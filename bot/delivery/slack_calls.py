"""The Web API calls the digest makes: a client that never retries, and each call's outcome in the dispatcher's terms."""

from __future__ import annotations

import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.metrics import CountRateLimits
from bot.services.context import Services, web_client_logger

USER_LEVEL_ERRORS = frozenset(
    {
        "user_not_found",
        "account_inactive",
        "user_disabled",
        "cannot_dm_bot",
        "channel_not_found",
        "is_archived",
    }
)
STOP_ERRORS = frozenset(
    {
        "invalid_auth",
        "token_revoked",
        "not_authed",
        "token_expired",
        "missing_scope",
        "team_access_not_granted",
    }
)
PAYLOAD_ERRORS = frozenset(
    {
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
    }
)


def make_dispatch_client(services: Services, *, timeout: float) -> WebClient:
    """A WebClient that never retries (its one handler only counts 429s): a 429 must never sleep a worker (we reschedule instead) and
    a retried post after a lost answer could be a second DM (we check conversations.history instead)."""
    base_url = services.client.base_url if services.client is not None else services.settings.api_url
    token = services.settings.bot_token or (services.client.token if services.client is not None else None)
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=int(max(1, timeout)),
        retry_handlers=[CountRateLimits()],  # counts 429s for GET /metrics; never retries
        logger=web_client_logger(),
    )


@dataclass(frozen=True)
class SlackOutcome:
    """How a Web API call ended, in the terms the dispatcher acts on."""

    kind: str  # ok | refused | user | stop | payload | transient
    error: str = ""
    retry_after: float = 0.0
    maybe_posted: bool = False  # transient only: Slack may have acted before failing
    data: dict = field(default_factory=dict)


def call_slack(method: Callable[..., Any], **kwargs) -> SlackOutcome:
    try:
        response = method(**kwargs)
        return SlackOutcome("ok", data=dict(response.data))  # type: ignore[arg-type]
    except SlackApiError as exc:
        response = exc.response
        status = getattr(response, "status_code", 200)
        error = (response.get("error") if isinstance(response.data, dict) else None) or f"http_{status}"
        if status == 429 or error == "ratelimited":
            retry_after = _retry_after(response.headers)
            return SlackOutcome("refused", error="ratelimited", retry_after=retry_after)
        if error in STOP_ERRORS:
            return SlackOutcome("stop", error=error)
        if error in USER_LEVEL_ERRORS:
            return SlackOutcome("user", error=error)
        if error in PAYLOAD_ERRORS:
            return SlackOutcome("payload", error=error, data=dict(response.data or {}))
        return SlackOutcome("transient", error=error, maybe_posted=True)
    except urllib.error.URLError as exc:
        refused = isinstance(exc.reason, ConnectionRefusedError)
        return SlackOutcome("transient", error=f"network: {exc.reason}", maybe_posted=not refused)
    except ConnectionRefusedError:
        return SlackOutcome("transient", error="network: connection refused", maybe_posted=False)
    except Exception as exc:  # timeouts, resets, broken answers: Slack may have acted
        return SlackOutcome("transient", error=f"{type(exc).__name__}: {str(exc)[:120]}", maybe_posted=True)


def _retry_after(headers: Any) -> float:
    try:
        for key, value in dict(headers or {}).items():
            if key.lower() == "retry-after":
                raw = value[0] if isinstance(value, list) else value
                return max(1.0, float(raw))
    except (TypeError, ValueError):
        pass
    return 1.0
