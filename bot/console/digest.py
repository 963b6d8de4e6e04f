"""The console's way into the digest: deliver today's digest now, or run one scheduler tick.

The digest dispatcher owns every rule; the console only asks it for a pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.delivery.dispatcher import dispatch
from bot.domain.clock import ManualClock
from bot.services.context import Services
from bot.services.digests import due_now
from handlers.blocks.digest import render_digest


def deliver_digest_now(services: Services, team_id: str, user_id: str) -> dict:
    """Deliver this user's digest for today now: a dispatcher pass as if it were their nudge time.

    The dispatcher owns every rule (due contacts, once per local day, Slack errors); the console
    only makes the user due and lends the pass a clock set to today's nudge time.
    """
    nudge_at = due_now(services, team_id, user_id)
    if nudge_at is None:
        return {"no_profile": 1}
    at_nudge_time = dataclasses.replace(
        services, clock=ManualClock(nudge_at.replace(tzinfo=dt.UTC), follow_real_time=True)
    )
    return dispatch(at_nudge_time, render_digest)


def scheduler_tick(services: Services) -> dict | None:
    """One pass of the dispatcher job, as the scheduler would run it at the (moved) clock's time."""
    try:
        return dispatch(services, render_digest)
    except Exception:  # the scheduler survives a failed pass; so does the console
        services.log.warning("digest dispatch failed", exc_info=True)
        return None
