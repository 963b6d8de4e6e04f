"""Slack's agent messaging surface: opening Warmcall's Messages tab (`app_home_opened` with `tab:
"messages"`, or the older assistant view's `assistant_thread_started`) pins the suggested prompts.

Bolt 1.30 hands both listeners `set_suggested_prompts` for the right channel and thread. Bolt's
`Assistant` middleware is not used: it takes every threaded DM message for the assistant, and a reply
in the thread of the morning digest must keep reaching the DM listener (handlers/events/messages.py).
A workspace without the surface refuses the call; the plain DM then answers exactly as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

PROMPTS = (
    "Who should I call today?",
    "Plan my calls",
    "What did I promise?",
    "Log a call",
)
PROMPTS_TITLE = "Ask about your contacts, or tell me how a call went:"


def messages_tab(event: dict) -> bool:
    """A matcher: the Messages tab (not Home) was opened."""
    return event.get("tab") == "messages"


def messages_tab_opened(set_suggested_prompts: Callable | None = None) -> None:
    offer_prompts(set_suggested_prompts)


def thread_started(set_suggested_prompts: Callable | None = None) -> None:
    offer_prompts(set_suggested_prompts)


def context_changed() -> None:
    """The user moved to another channel with the assistant open: Warmcall's answers don't depend on it."""


def offer_prompts(set_suggested_prompts: Callable | None) -> None:
    if set_suggested_prompts is None:
        return
    try:
        set_suggested_prompts(prompts=[{"title": p, "message": p} for p in PROMPTS], title=PROMPTS_TITLE)
    except SlackApiError as error:
        log.info("no suggested prompts here (%s); the plain DM works as before", error.response.get("error"))
