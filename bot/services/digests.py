"""The digest's transactions after a claim: mark posted digests sent, settle or give back the rest, upkeep."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.domain.clock import local_today, naive_utc, zone
from bot.domain.digest_schedule import (
    NEVER,
    latest_minute,
    next_nudge_at,
    nudge_instant,
    nudge_minute_of,
    retry_instant,
    schedule_next_digest,
)
from bot.services.context import Services
from bot.services.digest_claims import DigestClaim
from storage import digests as store
from storage import history_budget
from storage.models import Digest, UserProfile
from storage.profiles import get_profile, profiles_by_user_ids
from storage.queue import delete_failed_jobs

log = logging.getLogger(__name__)

DELIVERY_UNKNOWN = "delivery unknown"  # error of a row whose DM could not be checked (give_up_unknown)
WAITING_FOR_HISTORY = "waiting for conversations.history"  # a row of unknown outcome holding its turn
HISTORY_SPENT = "delivery unknown: conversations.history budget spent"


class CallOutcome(Protocol):
    """How a Slack call ended (bot.delivery.slack_calls.SlackOutcome)."""

    @property
    def kind(self) -> str: ...
    @property
    def error(self) -> str: ...
    @property
    def retry_after(self) -> float: ...
    @property
    def maybe_posted(self) -> bool: ...
    @property
    def data(self) -> dict: ...


def seconds_until_next_due(services: Services) -> float | None:
    """Seconds until the earliest scheduled digest (0 when one is due now), None when none is coming."""
    with services.db.sessions() as session:
        upcoming = store.earliest_pending(session)
    if upcoming is None or upcoming >= NEVER:
        return None
    return max(0.0, (upcoming - naive_utc(services.clock.now())).total_seconds())


def mark_sent(
    services: Services, group: Sequence[tuple[DigestClaim, CallOutcome]], *, owner: str
) -> Counter[str]:
    """One transaction on plain rows (no ORM objects): lock the group's digest rows, keep those still
    `owner`'s, mark them sent and move each profile to its next nudge instant. "Let go?" is asked once
    per dormant spell: later digests leave the asked contacts out (bot.services.calls resets the flag
    when a contact leaves dormant or starts a new spell). Returns counts: sent, lost_lease."""
    now_aware = services.clock.now()
    now = naive_utc(now_aware)
    counts: Counter[str] = Counter()
    with services.db.transaction() as session:
        held = store.held_digest_ids(session, [claim.digest_id for claim, _ in group], owner)
        profiles = store.schedule_rows(session, {(claim.team_id, claim.user_id) for claim, _ in group})
        digests, schedules = [], []
        for claim, outcome in group:
            if claim.digest_id not in held:
                log.error("digest %s: lost the lease before settling (ok)", claim.digest_id)
                counts["lost_lease"] += 1
                continue
            channel = outcome.data.get("channel") or claim.dm_channel_id
            digests.append((claim.digest_id, channel, outcome.data.get("ts")))
            profile = profiles.get((claim.team_id, claim.user_id))
            if profile is not None:
                dm = channel if channel and str(channel).startswith("D") else profile.dm_channel_id
                schedules.append((profile.id, next_nudge_at(profile, now_aware, after=claim.local_date), dm))
            store.mark_let_go_asked(session, claim.team_id, claim.user_id, claim.asks_let_go)
            store.mark_meeting_asked(session, claim.team_id, claim.user_id, claim.asks_meeting)
        store.mark_sent_many(session, digests, schedules, now)
    counts["sent"] += len(digests)
    return counts


def settle_unsent(
    services: Services,
    claim: DigestClaim,
    outcome: CallOutcome,
    *,
    owner: str,
    unknown_stays: bool = False,
    on_rate_limited: Callable[[float], None] | None = None,
) -> str | None:
    """Act on a call that did not end `ok` (those go through mark_sent), if the row is still `owner`'s.
    `on_rate_limited(retry_after)` runs for a refusal the pacer has not heard of yet (not `unknown_stays`),
    under the row's lock. Returns what happened: lost_lease, rate_limited, paused, stopped, failed,
    retrying; None when the row or profile is gone."""
    now_aware = services.clock.now()
    now = naive_utc(now_aware)
    with services.db.transaction() as session:
        row = store.lock_digest(session, claim.digest_id)
        profile = get_profile(session, claim.team_id, claim.user_id)
        if row is None or profile is None:
            return None
        if row.owner != owner:
            # Our lease ran out and someone else took over; never overwrite their state.
            log.error(
                "digest %s: lost the lease before settling (%s); state left to %s",
                claim.digest_id,
                outcome.kind,
                row.owner,
            )
            return "lost_lease"
        row.owner, row.lease_until, row.not_before = None, None, None
        if outcome.kind == "refused":
            if not unknown_stays and on_rate_limited is not None:
                on_rate_limited(outcome.retry_after)
            row.state = store.SENDING if unknown_stays else store.CLAIMED
            row.not_before = now + dt.timedelta(seconds=outcome.retry_after)
            row.error = "ratelimited"
            profile.next_digest_at = row.not_before
            return "rate_limited"
        if outcome.kind == "user":
            reason = f"Slack says this account can't receive DMs ({outcome.error})"
            row.state, row.error = store.FAILED, outcome.error
            profile.paused_reason = reason
            profile.next_digest_at = NEVER
            log.warning("paused nudges for %s/%s: %s", claim.team_id, claim.user_id, reason)
            return "paused"
        if outcome.kind == "stop":
            row.state = store.SENDING if unknown_stays else store.CLAIMED
            row.error = outcome.error
            row.not_before = now + dt.timedelta(minutes=5)
            profile.next_digest_at = row.not_before
            log.critical(
                "Slack refused the bot token (%s): digests stopped. Check SLACK_BOT_TOKEN and that the "
                "app is still installed.",
                outcome.error,
            )
            return "stopped"
        if outcome.kind == "payload":
            row.state, row.error = store.FAILED, outcome.error
            schedule_next_digest(profile, now_aware, after=claim.local_date)
            log.error(
                "digest %s rejected as %s: %s; blocks %s",
                claim.digest_id,
                outcome.error,
                outcome.data.get("errors") or outcome.data.get("response_metadata"),
                _shape(claim.blocks),
            )
            return "failed"
        return _back_off(row, profile, outcome, claim, now_aware, unknown_stays)


def _back_off(
    row: Digest,
    profile: UserProfile,
    outcome: CallOutcome,
    claim: DigestClaim,
    now_aware: dt.datetime,
    unknown_stays: bool,
) -> str:
    """5xx, timeouts, network: try again later the same day, waiting 1, 2, 4 … minutes."""
    retry_at = retry_instant(profile, claim.local_date, row.attempts, now_aware)
    row.error = outcome.error[:300]
    if retry_at is None:
        row.state = store.FAILED
        row.error = f"gave up for today after {row.attempts} attempts: {outcome.error}"[:300]
        schedule_next_digest(profile, now_aware, after=claim.local_date)
        log.warning("digest %s for %s: %s", claim.digest_id, claim.user_id, row.error)
        return "failed"
    # If Slack may have posted, the next owner must look in the DM before sending again.
    row.state = store.SENDING if (outcome.maybe_posted or unknown_stays) else store.CLAIMED
    row.not_before = naive_utc(retry_at)
    profile.next_digest_at = row.not_before
    log.info("digest %s for %s: %s; retrying at %s", claim.digest_id, claim.user_id, outcome.error, retry_at)
    return "retrying"


def _shape(blocks: list[dict]) -> list[str]:
    """The block types of a payload, for logs (never the user's text)."""
    return [str(b.get("type")) for b in blocks][:60]


def give_up_unknown(services: Services, claim: DigestClaim, *, owner: str) -> bool:
    """Fail today's row as DELIVERY_UNKNOWN (its DM cannot be searched, so it is never resent) and
    schedule the next day; False when the row is no longer `owner`'s."""
    with services.db.transaction() as session:
        row = store.lock_digest(session, claim.digest_id)
        profile = get_profile(session, claim.team_id, claim.user_id)
        if row is None or row.owner != owner or profile is None:
            return False
        row.state, row.owner, row.lease_until, row.not_before = store.FAILED, None, None, None
        row.error = DELIVERY_UNKNOWN
        schedule_next_digest(profile, services.clock.now(), after=claim.local_date)
    return True


@dataclass(frozen=True)
class HistoryTurn:
    """Whether a row of unknown outcome may look in the DM's conversations.history now: `ours` (the
    workspace's call for this minute is taken, `oldest` is where to look from), `queued` (given back
    for the workspace's next free minute, still `sending`), `spent` (no free minute is left in the
    day's window: failed as delivery unknown, never resent), `lost` (no longer ours)."""

    kind: str
    oldest: dt.datetime | None = None


def history_turn(services: Services, claim: DigestClaim, *, owner: str, every: dt.timedelta) -> HistoryTurn:
    """Take the workspace's conversations.history call for a row of unknown outcome, or queue the row
    for the workspace's next free minute (across replicas: storage.history_budget). A row whose turn
    would come after the day's window closes errs on "not sent twice": failed as delivery unknown."""
    now_aware = services.clock.now()
    now = naive_utc(now_aware)
    with services.db.transaction() as session:
        row = store.lock_digest(session, claim.digest_id)
        profile = get_profile(session, claim.team_id, claim.user_id)
        if row is None or row.owner != owner or profile is None:
            return HistoryTurn("lost")
        holds_turn = row.error == WAITING_FOR_HISTORY and row.not_before is not None and row.not_before <= now
        turn = now if holds_turn else history_budget.reserve_turn(session, claim.team_id, now, every)
        if turn <= now:
            free_at = history_budget.take_call(session, claim.team_id, now, every)
            if free_at is None:
                row.error = None
                return HistoryTurn("ours", oldest=row.created_at)
            turn = free_at  # an earlier turn ran late: keep this row's place, at the next free minute
        if not _within_window(profile, claim.local_date, turn):
            row.state, row.owner, row.lease_until, row.not_before = store.FAILED, None, None, None
            row.error = HISTORY_SPENT
            schedule_next_digest(profile, now_aware, after=claim.local_date)
            log.warning(
                "digest %s for %s/%s: delivery unknown and the workspace's conversations.history budget "
                "(one call a minute) is spent for today's window: not resending",
                claim.digest_id,
                claim.team_id,
                claim.user_id,
            )
            return HistoryTurn("spent")
        row.state, row.owner, row.lease_until = store.SENDING, None, None
        row.not_before, row.error = turn, WAITING_FOR_HISTORY
        profile.next_digest_at = turn
        log.info(
            "digest %s for %s: delivery unknown; the workspace's next conversations.history call is at %s",
            claim.digest_id,
            claim.user_id,
            turn,
        )
        return HistoryTurn("queued")


def history_refused(services: Services, tenant_id: str, retry_after: float, *, every: dt.timedelta) -> None:
    """Slack refused a conversations.history call (429): the workspace's next turn is no sooner than
    Retry-After, whoever holds it."""
    until = naive_utc(services.clock.now()) + dt.timedelta(seconds=retry_after)
    with services.db.transaction() as session:
        history_budget.hold_until(session, tenant_id, until, every)


def _within_window(profile: UserProfile, day: dt.date, instant: dt.datetime) -> bool:
    local = instant.replace(tzinfo=dt.UTC).astimezone(zone(profile.tz))
    return local.date() == day and local.hour * 60 + local.minute < latest_minute(profile)


def skip(services: Services, claim: DigestClaim, *, owner: str) -> bool:
    """Settle a row found unposted with nothing due any more as skipped; False when it is not `owner`'s."""
    with services.db.transaction() as session:
        row = store.lock_digest(session, claim.digest_id)
        profile = get_profile(session, claim.team_id, claim.user_id)
        if row is None or row.owner != owner or profile is None:
            return False
        row.state, row.owner, row.lease_until, row.error = (
            store.SKIPPED,
            None,
            None,
            "nothing was due any more",
        )
        schedule_next_digest(profile, services.clock.now(), after=claim.local_date)
    return True


def release(services: Services, claim: DigestClaim, *, owner: str, after: dt.timedelta, state: str) -> None:
    """Give a claim back without having posted (state CLAIMED) so anyone may take it at not_before."""
    with services.db.transaction() as session:
        row = store.lock_digest(session, claim.digest_id)
        profile = get_profile(session, claim.team_id, claim.user_id)
        if row is None or row.owner != owner or profile is None:
            return
        row.state = store.SENDING if claim.unknown_outcome and state == store.SENDING else state
        row.owner, row.lease_until = None, None
        row.not_before = naive_utc(services.clock.now()) + after
        profile.next_digest_at = row.not_before


# ---------------------------------------------------------------------------------------------------
# Daily upkeep
# ---------------------------------------------------------------------------------------------------


def apply_time_zones(
    services: Services, by_team: dict[str, dict[str, str]], now_aware: dt.datetime
) -> tuple[int, int]:
    """Store Slack's time zones ({team_id: {user_id: tz}}) on known profiles, rescheduling the digest
    of each whose zone changed. Returns (profiles checked, zones changed)."""
    checked = changed = 0
    now = naive_utc(now_aware)
    with services.db.transaction() as session:
        for team_id, tzs in by_team.items():
            for profile in profiles_by_user_ids(session, team_id or None, list(tzs)):
                checked += 1
                profile.tz_fetched_at = now
                if profile.tz != tzs[profile.user_id]:
                    profile.tz = tzs[profile.user_id]
                    schedule_next_digest(profile, now_aware)
                    changed += 1
    return checked, changed


def delete_old_rows(
    services: Services,
    *,
    digests_before: dt.date,
    seen_before: dt.datetime,
    failed_jobs_before: dt.datetime | None = None,
) -> tuple[int, int, int]:
    """Delete digest rows of local days before `digests_before`, seen requests before `seen_before`
    and failed queued jobs created before `failed_jobs_before`; returns how many of each."""
    with services.db.transaction() as session:
        digests = store.delete_old_digests(session, digests_before)
        seen = store.delete_old_seen_requests(session, seen_before)
        failed = delete_failed_jobs(session, failed_jobs_before) if failed_jobs_before else 0
    return digests, seen, failed


def due_now(services: Services, team_id: str, user_id: str) -> dt.datetime | None:
    """Make this user's digest due at today's nudge time (naive UTC, returned), as if it were that time
    already: the console's `digest` and demos. None when the user has no profile."""
    with services.db.transaction() as session:
        profile = get_profile(session, team_id, user_id)
        if profile is None:
            return None
        profile.next_digest_at = nudge_instant(
            local_today(services.clock, profile.tz), nudge_minute_of(profile), profile.tz
        )
        return profile.next_digest_at
