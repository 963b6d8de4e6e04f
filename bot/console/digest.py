"""The console's way into the digest: deliver today's digest now, or run one scheduler tick.

The digest dispatcher owns every rule; the console only asks it for a pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from bot.console.screen import Surface
from bot.delivery import queue
from bot.delivery.dispatcher import dispatch
from bot.domain.clock import ManualClock
from bot.domain.digest_schedule import no_digest_because
from bot.runtime.work import QUEUED_WORK
from bot.services.answers import digest_today
from bot.services.context import Services
from bot.services.digests import due_now
from bot.services.profiles import ensure_profile
from handlers.blocks.digest import render_digest
from handlers.blocks.weekly import render_weekly
from handlers.request import Owner


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
    """One pass of the dispatcher job, as the scheduler would run it at the (moved) clock's time:
    the digests due, then the weekly look backs due (as bot.runtime.scheduler runs it), then the
    durable queue's drain (a planned call's reminder that is due goes now)."""
    try:
        report = dispatch(services, render_digest, weekly_renderer=render_weekly)
    except Exception:  # the scheduler survives a failed pass; so does the console
        services.log.warning("digest dispatch failed", exc_info=True)
        return None
    try:
        return report | queue.drain(services, QUEUED_WORK, budget_seconds=5)
    except Exception:
        services.log.warning("queue drain failed", exc_info=True)
        return report


def digest_command(session: Any) -> None:
    """`digest`: today's digest now. Once it has gone out (earlier, or in an earlier session whose
    messages this Slack double never saw) it is shown again, or the app is asked who is due now:
    never "nobody is due" while people are."""
    session.screen.new_batch()
    before = len(session.double.dm_messages(session.user_id))
    report = deliver_digest_now(session.services, session.team_id, session.user_id) or {}
    session.services.log.debug("console digest pass: %s", report)
    shown = session.settle()
    if shown or len(session.double.dm_messages(session.user_id)) > before:
        return
    earlier = session.todays_digest()
    if earlier is not None:
        session.screen.banner("DM from Warmcall (today's digest, delivered earlier)")
        session.screen.show_message(earlier, Surface("message", message=earlier))
        return
    today = digest_today(session.services, Owner(session.team_id, session.user_id))
    if today.sent_at is not None:
        session.screen.note(f"(today's digest went out at {today.sent_at:%H:%M}; here is who is due now)")
        session.direct_message("who should I call today?")
    elif report.get("not_now"):
        because = no_digest_because(
            ensure_profile(session.services, session.team_id, session.user_id), session.clock.now()
        )
        session.screen.note(
            f"(no digest now: {because or 'not one of your nudge times'}"
            + ("; here is who is due)" if today.due else ")")
        )
        if today.due:
            session.direct_message("who should I call today?")
    elif report.get("no_profile"):
        session.screen.note("(no digest: you have not saved anyone yet — try `/met`)")
    elif today.due:
        session.screen.note("(no digest yet; here is who is due now)")
        session.direct_message("who should I call today?")
    else:
        session.screen.note("(no digest today: nobody is due yet — `advance 2d` moves the clock)")
