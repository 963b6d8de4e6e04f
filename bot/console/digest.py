"""The console's way into the digest: deliver today's digest now, or run one scheduler tick.

The digest dispatcher owns every rule; the console only asks it for a pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from bot.domain.clock import ManualClock


def deliver_digest_now(services: Any, team_id: str, user_id: str) -> dict:
    """Deliver this user's digest for today now: a dispatcher pass as if it were their nudge time.

    The digest module owns every rule (due contacts, once per local day, Slack errors); the console
    only makes the user due and lends the pass a clock set to today's nudge time.
    """
    from bot.delivery.dispatcher import dispatch
    from bot.domain.clock import local_today
    from bot.domain.digest_schedule import nudge_instant
    from bot.domain.vocabulary import DEFAULT_NUDGE_MINUTE
    from handlers.blocks.digest import render_digest
    from storage.profiles import get_profile

    with services.db.transaction() as session:
        profile = get_profile(session, team_id, user_id)
        if profile is None:
            return {"no_profile": 1}
        minute = DEFAULT_NUDGE_MINUTE if profile.nudge_minute is None else profile.nudge_minute
        nudge_at = nudge_instant(local_today(services.clock, profile.tz), minute, profile.tz)
        profile.next_digest_at = nudge_at
    at_nudge_time = dataclasses.replace(
        services, clock=ManualClock(nudge_at.replace(tzinfo=dt.UTC), follow_real_time=True)
    )
    return dispatch(at_nudge_time, render_digest)


def scheduler_tick(services: Any) -> Any:
    """One pass of the dispatcher job, as the scheduler would run it at the (moved) clock's time."""
    from bot.delivery.dispatcher import dispatch
    from handlers.blocks.digest import render_digest

    try:
        return dispatch(services, render_digest)
    except Exception:  # the scheduler survives a failed pass; so does the console
        services.log.warning("digest dispatch failed", exc_info=True)
        return None
