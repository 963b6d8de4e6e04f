"""The daily DM digest (SPEC §8): when each user's is due, and the dispatcher that sends it exactly once.

Scheduling. Every profile carries `next_digest_at` (naive UTC): the next instant its digest may be due,
computed here in Python with zoneinfo so DST is handled. The dispatcher only ever looks at profiles
with `next_digest_at <= now` (an indexed range scan), and every profile it looks at leaves with a new
value: the next nudge day, a retry time, or the end of a lease. NULL means "never computed" (picked
up and scheduled by the next pass); `NEVER` means "no nudges" (paused by Slack errors, no nudge days).

Exactly once, given that chat.postMessage has no idempotency key:

1. Claim. In one transaction the dispatcher locks a batch of due profiles (`FOR UPDATE SKIP LOCKED`
   on PostgreSQL, so replicas take disjoint batches; `BEGIN IMMEDIATE` on SQLite), and for each user
   due today inserts the row (team, user, local_date) with ON CONFLICT DO NOTHING, or takes over an
   open row whose lease ran out. The row is committed as `sending` with `owner` and `lease_until`
   BEFORE any Slack call, and the profile's `next_digest_at` moves to the end of the lease, so other
   replicas leave it alone until then.
2. Send. `chat.postMessage` to the user id, carrying `metadata` {event_type "warmcall_digest",
   event_payload {digest_id, local_date}}. A worker posts only while its lease has time left for the
   call's whole timeout, and its client never retries by itself (a retried post could be a second DM).
3. Settle. Only Slack's `ok` marks a row `sent` (workers mark what they posted in groups, each row
   only while its lease is still theirs). A refusal (429, auth errors) puts it back to
   `claimed` with `not_before`; an error that may have posted anyway (5xx, timeouts) leaves it
   `sending` with a backoff; user-level errors pause the user and fail the row.
4. Recover. A row found `sending` without a live lease has an unknown outcome: its worker died, or
   Slack failed after posting. Before any resend the new owner reads the DM's conversations.history
   with include_all_metadata and looks for the digest id: found → mark sent; not found → send. A user
   whose D… id was never stored needs conversations.open (scope `im:write`) first; without that scope
   the row fails as "delivery unknown" rather than risk a second DM.

The lease is longer than the client timeout, so a live worker's post has always finished (or been
abandoned by its client) before another worker may look for it. The remaining gap is a worker stalled
longer than its lease between its last check and the request leaving; settle logs it if it happens.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import urllib.error
import uuid
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.domain.clock import naive_utc, zone
from bot.domain.stats import CALL_OUTCOMES, STREAK_LOOKBACK_DAYS, streak_from_days
from bot.domain.vocabulary import (
    DEFAULT_MAX_PER_DIGEST,
    DEFAULT_NUDGE_MINUTE,
    LATEST_DIGEST_MINUTE,
    MAX_PER_DIGEST_CAP,
    Stage,
    nudge_days_from_text,
)
from bot.services.context import Services, web_client_logger
from storage import digests as store
from storage.models import Contact, Digest, UserProfile
from storage.profiles import get_profile

log = logging.getLogger(__name__)

METADATA_EVENT = "warmcall_digest"
NEVER = dt.datetime(9999, 12, 31)  # next_digest_at of a user who gets no nudges
WARM_DAYS = 14  # a new contact met within this many days is "still warm"
DEFAULT_LEASE = dt.timedelta(seconds=120)
BACKOFF_START = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(minutes=30)
DELIVERY_UNKNOWN = "delivery unknown"  # error of a row whose DM could not be checked (see _cannot_look)

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


# ---------------------------------------------------------------------------------------------------
# When a digest is due (pure functions of the profile and the instant)
# ---------------------------------------------------------------------------------------------------


def _nudge_minute(profile: UserProfile) -> int:
    return DEFAULT_NUDGE_MINUTE if profile.nudge_minute is None else profile.nudge_minute


def _nudge_days(profile: UserProfile) -> frozenset[int]:
    return nudge_days_from_text(profile.nudge_days if profile.nudge_days is not None else "0,1,2,3,4")


def latest_minute(profile: UserProfile) -> int:
    """A missed digest may still go out until 18:00 local (or an hour after a late nudge time)."""
    return min(24 * 60, max(LATEST_DIGEST_MINUTE, _nudge_minute(profile) + 60))


def nudge_instant(day: dt.date, minute: int, tz: str) -> dt.datetime:
    """Naive UTC of `minute` past local midnight on `day` in `tz` (zoneinfo resolves DST)."""
    local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=zone(tz))
    return naive_utc(local)


def next_nudge_at(profile: UserProfile, now: dt.datetime, *, after: dt.date | None = None) -> dt.datetime:
    """The next instant this user's digest is due: the nudge time on the first nudge day, not paused,
    from today (while today's window is still open: the dispatcher's digest row deduplicates) or from
    the day after `after` (a day already settled). NEVER when the user gets no nudges."""
    days = _nudge_days(profile)
    if profile.paused_reason or not days:
        return NEVER
    local = now.astimezone(zone(profile.tz))
    today = local.date()
    first = today if after is None else max(today, after + dt.timedelta(days=1))
    if first == today and local.hour * 60 + local.minute >= latest_minute(profile):
        first = today + dt.timedelta(days=1)
    if profile.pause_until is not None and profile.pause_until >= first:
        first = profile.pause_until + dt.timedelta(days=1)
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        if day.weekday() in days:
            return nudge_instant(day, _nudge_minute(profile), profile.tz)
    return NEVER  # unreachable: `days` is a non-empty subset of the week


def schedule_next_digest(
    profile: UserProfile, now: dt.datetime, *, after: dt.date | None = None
) -> dt.datetime:
    """Set `profile.next_digest_at`. Call after creating a profile or changing its tz, nudge time,
    nudge days or pause (inside the same transaction); the dispatcher calls it after each day."""
    profile.next_digest_at = next_nudge_at(profile, now, after=after)
    return profile.next_digest_at


def digest_day(profile: UserProfile, now: dt.datetime) -> dt.date | None:
    """The local date whose digest may be sent right now, or None (paused, not a nudge day, too early,
    or past the day's latest time)."""
    if profile.paused_reason:
        return None
    local = now.astimezone(zone(profile.tz))
    today, minute = local.date(), local.hour * 60 + local.minute
    if today.weekday() not in _nudge_days(profile):
        return None
    if profile.pause_until is not None and profile.pause_until >= today:
        return None
    if not _nudge_minute(profile) <= minute < latest_minute(profile):
        return None
    return today


# ---------------------------------------------------------------------------------------------------
# What a digest says (a plain view the renderer in handlers/ turns into Block Kit)
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    contact_id: int
    name: str
    company: str | None
    days_overdue: int
    reason: str
    dormant: bool


@dataclass(frozen=True)
class DigestView:
    team_id: str
    user_id: str
    local_date: dt.date
    items: tuple[DigestItem, ...]
    total_due: int
    streak: int

    @property
    def more_due(self) -> int:
        return max(0, self.total_due - len(self.items))


Renderer = Callable[[DigestView], tuple[str, list[dict]]]
Owner = tuple[str, str]  # (team_id, user_id)


@dataclass(frozen=True)
class BatchFacts:
    """What the digests of one claimed batch are built from: one query per kind for the whole batch
    (a digest costs a few milliseconds of CPU; four queries per user cost as much again)."""

    contacts: dict[Owner, list]  # rows of storage.digests.DIGEST_FACT_COLUMNS, by id
    offers: dict[Owner, list]
    call_days: dict[Owner, set[dt.date]]

    @classmethod
    def load(cls, session: Session, days: dict[Owner, dt.date]) -> BatchFacts:
        if not days:
            return cls({}, {}, {})
        since = min(days.values()) - dt.timedelta(STREAK_LOOKBACK_DAYS)
        return cls(
            contacts=store.contact_rows_of(session, days),
            offers=store.offers_of_owners(session, days),
            call_days=store.call_days_of(session, days, CALL_OUTCOMES, since),
        )


def reason_lines(
    services: Services, profile: UserProfile, chosen: list, everyone: list, offers: list, today: dt.date
) -> dict[int, str]:
    """One value-first reason per chosen contact, from the /prep talking-points engine (the same words
    /prep uses). `everyone` is all the user's contacts (for introductions). Any failure falls back to
    a plain reason: the engine must never cost a user their digest."""
    try:
        from bot.domain.talking_points import UserFacts
        from bot.services.offers import offer_facts
        from bot.services.prep import Inputs, facts_of, reasons_for

        inputs = Inputs(
            user=UserFacts(name=(profile.display_name or "").strip() or "me"),
            offers=tuple(offer_facts(offers)),
            # introductions read id, name, company, role, notes and stage: the rows have them all
            others=tuple(everyone),
        )
        lines = reasons_for(services, profile, [facts_of(c) for c in chosen], today, inputs=inputs)
    except Exception:
        log.exception("talking points unavailable; using plain reasons")
        lines = {}
    return {c.id: lines.get(c.id) or _fallback_reason(c) for c in chosen}


def due_of(contacts: list, day: dt.date) -> list:
    """The contacts due on `day` and still nudged: not let go, and not a dormant contact a digest
    already asked about ("let go?" is asked once per dormant spell; App Home still lists it).
    One comprehension, no call per contact: a batch runs this over 10,000 rows."""
    let_go, dormant = Stage.LET_GO.value, Stage.DORMANT.value
    return [
        c
        for c in contacts
        if c.next_due is not None
        and c.next_due <= day
        and c.stage != let_go
        and not (c.let_go_asked and c.stage == dormant)
    ]


def _fallback_reason(contact: Contact) -> str:
    if contact.promise and not contact.promise_done:
        return f"You promised {contact.promise}: deliver it, that is your reason to call."
    if contact.stage == Stage.DORMANT.value:
        return "Several tries without an answer: ask yourself whether to let go."
    if contact.last_outcome == "meeting":
        return "You had a meeting: call to agree the next step while it is fresh."
    if contact.referred_by:
        return f"{contact.referred_by} suggested you talk: mention them when you call."
    if contact.notes:
        clause = contact.notes.split(".")[0].split(";")[0].strip()
        return f"Pick up what they told you: “{clause[:90]}”."
    if contact.event:
        return f"You met at {contact.event}: offer something useful from that conversation."
    return "Offer one useful thing: an article, a tool or an introduction that fits their work."


def digest_rank(contact, day: dt.date) -> tuple:
    """Sort key of SPEC §8: promised or meeting follow-ups first, then still-warm new contacts (met
    within WARM_DAYS), then the most overdue; ties by id so the order is stable."""
    if (contact.promise and not contact.promise_done) or contact.last_outcome == "meeting":
        group = 0
    elif (
        contact.stage == Stage.NEW.value
        and contact.met_on
        and contact.met_on >= day - dt.timedelta(WARM_DAYS)
    ):
        group = 1
    else:
        group = 2
    return (group, contact.next_due, contact.id)


def build_view(
    services: Services, profile: UserProfile, day: dt.date, facts: BatchFacts
) -> DigestView | None:
    """Today's digest for this user, or None when nothing is due. The due contacts are counted and
    ranked from the user's rows in `facts`; the talking-points engine gets them all for introductions."""
    owner = (profile.team_id, profile.user_id)
    everyone = facts.contacts.get(owner, [])
    due = due_of(everyone, day)
    if not due:
        return None
    limit = max(1, min(profile.max_per_digest or DEFAULT_MAX_PER_DIGEST, MAX_PER_DIGEST_CAP))
    chosen = sorted(due, key=lambda c: digest_rank(c, day))[:limit]
    reasons = reason_lines(services, profile, chosen, everyone, facts.offers.get(owner, []), day)
    items = tuple(
        DigestItem(
            contact_id=c.id,
            name=c.name,
            company=c.company,
            days_overdue=(day - c.next_due).days,
            reason=reasons[c.id],
            dormant=c.stage == Stage.DORMANT.value,
        )
        for c in chosen
    )
    nudge_days = _nudge_days(profile)
    streak = streak_from_days(facts.call_days.get(owner, set()), day, nudge_days) if nudge_days else 0
    return DigestView(profile.team_id, profile.user_id, day, items, len(due), streak)


def default_renderer() -> Renderer:
    from handlers.blocks.digest import render_digest  # bot/ never imports handlers at module level

    return render_digest


# ---------------------------------------------------------------------------------------------------
# Talking to Slack
# ---------------------------------------------------------------------------------------------------


def make_dispatch_client(services: Services, *, timeout: float) -> WebClient:
    """A WebClient with NO retry handlers: a 429 must never sleep a worker (we reschedule instead) and
    a retried post after a lost answer could be a second DM (we check conversations.history instead)."""
    base_url = services.client.base_url if services.client is not None else services.settings.api_url
    token = services.settings.bot_token or (services.client.token if services.client is not None else None)
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=int(max(1, timeout)),
        retry_handlers=[],
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


class SendPacer:
    """Paces posts within one process so a rate-limited workspace gets a steady stream, not bursts.

    After a 429 nobody posts before Retry-After, and the rate drops to just under what got through in
    the last second (Slack's allowance, as observed). That rate is also the ceiling: a 429 stops
    everyone for Retry-After, so climbing back into the same limit again and again costs more than
    it gains. A 429 at the paced rate itself (posts bunch up in transit) lowers the rate by one post
    per second, and a minute without refusals raises the ceiling by one, in case the allowance grew.
    Besides the spacing, no more posts leave within any one second than got through before the 429,
    less WINDOW_ROOM (`admit`). Refusals of posts already in flight when the first one came back
    change nothing. A worker that would have to wait long gives its claim back instead (`reserve`
    returns None).
    """

    HEADROOM = 0.92  # the rate after a 429, as a share of what got through
    WINDOW_ROOM = 4  # and at most this many fewer posts in any one second than got through

    def __init__(
        self, *, max_wait: float = 1.5, increase_every: float = 10.0, probe_every: float = 60.0
    ) -> None:
        self._lock = threading.Lock()
        self._rate: float | None = None  # posts per second; None = as fast as the workers go
        self._ceiling: float | None = None  # the rate may climb back up to this
        self._next_slot = 0.0
        self._gate_until = 0.0  # end of the last Retry-After
        self._successes: deque[float] = deque()
        self._sends: deque[float] = deque()  # when posts actually left, for the last second
        self._window_cap: int | None = None  # at most this many posts leave in any second
        self._last_change = 0.0
        self._last_refusal = 0.0
        self._max_wait = max_wait
        self._increase_every = increase_every
        self._probe_every = probe_every

    def reserve(self) -> float | None:
        """Seconds to wait before posting, or None when the wait would be too long (release instead)."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            if slot - now > self._max_wait:
                return None
            if self._rate:
                self._next_slot = slot + 1.0 / self._rate
                if now - self._last_change > self._increase_every:
                    self._climb(now)
            return slot - now

    def admit(self) -> None:
        """Call right before a post leaves: waits while the last second already holds the window cap.
        Spacing alone is not enough: posts reserved on time can leave late (threads wait for the GIL)
        and bunch up, and Slack counts them when they arrive."""
        while True:
            with self._lock:
                now = time.monotonic()
                while self._sends and now - self._sends[0] >= 1.0:
                    self._sends.popleft()
                if self._window_cap is None or len(self._sends) < self._window_cap:
                    self._sends.append(now)
                    return
                wait = self._sends[0] + 1.0 - now
            time.sleep(max(0.001, wait))

    def _climb(self, now: float) -> None:
        if self._rate is None:
            return
        if self._ceiling is not None and now - self._last_refusal > self._probe_every:
            self._ceiling += 1.0
            if self._window_cap is not None:
                self._window_cap += 1
            self._last_refusal = now
        if self._ceiling is None or self._rate + 1.0 <= self._ceiling:
            self._rate += 1.0
        self._last_change = now

    def gate(self) -> float:
        """Seconds until posting is allowed again."""
        with self._lock:
            return max(0.0, self._next_slot - time.monotonic())

    def succeeded(self) -> None:
        with self._lock:
            now = time.monotonic()
            self._successes.append(now)
            while self._successes and now - self._successes[0] > 1.0:
                self._successes.popleft()

    def rate_limited(self, retry_after: float) -> None:
        with self._lock:
            now = time.monotonic()
            if now < self._gate_until:
                return  # a post that left before the first refusal came back: already handled
            while self._successes and now - self._successes[0] > 1.0:
                self._successes.popleft()
            observed = len(self._successes)
            if observed:
                # room for posts bunched in transit
                target, cap = self.HEADROOM * observed, observed - self.WINDOW_ROOM
                if self._rate is not None and self._rate <= target + 0.5:
                    # Refused at our own pace: posts bunch up more than the room we left; ease off.
                    target = self._rate - 1.0
                    cap = min(cap, (self._window_cap or cap) - 1)
                self._rate = max(1.0, target)
                self._ceiling = self._rate
                self._window_cap = max(1, cap)
            else:  # nothing got through lately: no measure of the allowance, so no ceiling
                self._rate = max(1.0, (self._rate or 2.0) / 2)
                self._ceiling = self._window_cap = None
            self._last_change = self._last_refusal = now
            self._gate_until = now + retry_after
            self._next_slot = max(self._next_slot, self._gate_until)


# ---------------------------------------------------------------------------------------------------
# The dispatcher
# ---------------------------------------------------------------------------------------------------


@dataclass
class Job:
    """One claimed digest, ready to send. The content was fixed at claim time."""

    digest_id: int
    team_id: str
    user_id: str
    local_date: dt.date
    lease_until: dt.datetime
    text: str
    blocks: list[dict]
    unknown_outcome: bool  # a previous attempt may have posted: look before sending
    dm_channel_id: str | None
    asks_let_go: tuple[int, ...] = ()  # dormant contacts this digest asks "let go?" about


class Dispatcher:
    """One dispatcher pass. Safe to run in any number of threads, processes and replicas at once."""

    def __init__(
        self,
        services: Services,
        renderer: Renderer | None = None,
        *,
        lease: dt.timedelta = DEFAULT_LEASE,
        batch_size: int = 100,
        workers: int = 8,
        client: WebClient | None = None,
        pacer: SendPacer | None = None,
    ) -> None:
        self.services = services
        self.db = services.db
        self.clock = services.clock
        self.renderer = renderer or default_renderer()
        self.lease = lease
        # The client gives up well before the lease ends: a dead worker's request is over when the
        # lease runs out and another worker looks in conversations.history.
        self.timeout = max(1.0, min(10.0, lease.total_seconds() / 3))
        self.client = client or make_dispatch_client(services, timeout=self.timeout)
        self.batch_size = batch_size
        self.workers = workers
        self.pacer = pacer or SendPacer()
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self.stopped: str | None = None  # the auth error that stopped the pass
        self._delivered: list[tuple[Job, SlackOutcome]] = []  # posted, waiting to be marked sent
        self._delivered_lock = threading.Lock()

    def _count(self, key: str, n: int = 1) -> None:
        with self._counts_lock:
            self.counts[key] += n

    def _now(self) -> dt.datetime:
        return naive_utc(self.clock.now())

    # -- the pass ----------------------------------------------------------------------------------

    def run(self, *, budget_seconds: float = 0.0) -> dict:
        """Claim and send until nothing is due. With a budget, linger that long for retries that come
        due soon (Retry-After), so a rate-limited workspace keeps flowing within one scheduler tick."""
        deadline = time.monotonic() + budget_seconds
        in_flight: deque = deque()
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="digest") as pool:
            while not self.stopped:
                # Claim the next batch while the previous one is being sent (at most two in flight,
                # so a claim never waits long for its turn within its lease).
                self._wait_for(in_flight, keep=self.batch_size)
                looked_at, jobs = self._claim_batch()
                in_flight.extend(pool.submit(self._deliver, job) for job in jobs)
                if looked_at:
                    continue
                self._wait_for(in_flight, keep=0)
                wait = self._seconds_until_next_due()
                remaining = deadline - time.monotonic()
                if self.stopped or wait is None or wait > remaining:
                    break
                time.sleep(max(0.05, min(wait, 1.0)))
            self._wait_for(in_flight, keep=0)
        report = dict(self.counts)
        if self.stopped:
            report["stopped"] = self.stopped
        return report

    def _wait_for(self, in_flight: deque, *, keep: int, mark_every: float = 0.25) -> None:
        """Wait until at most `keep` deliveries are in flight, marking posted digests sent meanwhile
        (at least every `mark_every` seconds, and once more at the end)."""
        while len(in_flight) > keep:
            try:
                in_flight[0].result(timeout=mark_every)
            except FuturesTimeout:
                self._mark_delivered()
                continue
            in_flight.popleft()
        self._mark_delivered()

    def _seconds_until_next_due(self) -> float | None:
        with self.db.sessions() as session:
            upcoming = store.earliest_pending(session)
        if upcoming is None or upcoming >= NEVER:
            return None
        return max(0.0, (upcoming - self._now()).total_seconds())

    # -- 1. claim ----------------------------------------------------------------------------------

    def _claim_batch(self) -> tuple[int, list[Job]]:
        """Lock a batch of due users and claim their digests; returns (users looked at, jobs)."""
        now_aware = self.clock.now()
        now = naive_utc(now_aware)
        jobs: list[Job] = []
        with self.db.transaction() as session:
            for profile in store.unscheduled_profiles(session, self.batch_size):
                schedule_next_digest(profile, now_aware)
                self._count("scheduled")
            profiles = {p.id: p for p in store.due_profiles(session, now, self.batch_size)}
            retry_rows = store.retry_digests(session, now, self.batch_size)
            owners = {(r.team_id, r.user_id) for r in retry_rows}
            owners -= {(p.team_id, p.user_id) for p in profiles.values()}
            for profile in store.profiles_for(session, owners):
                profiles[profile.id] = profile
            self._close_stale_rows(session, retry_rows, profiles, now_aware)
            with session.no_autoflush:  # profile updates are flushed once, at commit
                days: dict[Owner, tuple[UserProfile, dt.date]] = {}
                for profile in profiles.values():
                    day = digest_day(profile, now_aware)
                    if day is None:
                        schedule_next_digest(profile, now_aware)
                        self._count("not_now")
                    else:
                        days[(profile.team_id, profile.user_id)] = (profile, day)
                rows = store.digests_on(session, {owner: day for owner, (_, day) in days.items()})
                facts = BatchFacts.load(
                    session,
                    {o: day for o, (_, day) in days.items() if self._may_build(rows.get(o), now)},
                )
                fresh: list[tuple[UserProfile, dt.date, DigestView]] = []
                for owner, (profile, day) in days.items():
                    row = rows.get(owner)
                    if row is not None:
                        job = self._reclaim(profile, day, row, facts, now_aware)
                        if job is not None:
                            jobs.append(job)
                        continue
                    view = build_view(self.services, profile, day, facts)
                    if view is None:
                        schedule_next_digest(profile, now_aware, after=day)
                        self._count("nothing_due")
                    else:
                        fresh.append((profile, day, view))
                jobs.extend(self._claim_new(session, fresh, now))
        self._count("claimed", len(jobs))
        return len(profiles), jobs

    def _close_stale_rows(
        self, session: Session, rows, profiles: dict[int, UserProfile], now_aware: dt.datetime
    ) -> None:
        """An open row from an earlier local day can no longer be sent: the day is over."""
        by_owner = {(p.team_id, p.user_id): p for p in profiles.values()}
        for row in rows:
            profile = by_owner.get((row.team_id, row.user_id))
            if profile is None:
                continue  # another replica holds the profile; it will see the row
            if row.local_date < now_aware.astimezone(zone(profile.tz)).date():
                unknown = " (outcome unknown)" if row.state == store.SENDING else ""
                row.state, row.owner, row.lease_until = store.FAILED, None, None
                row.error = "the day ended before it could be delivered" + unknown
                self._count("expired")

    @staticmethod
    def _may_build(row: Digest | None, now: dt.datetime) -> bool:
        """Whether _claim_one may build this user's view (so the batch loads their contacts)."""
        if row is None:
            return True
        return (
            row.state in store.OPEN_STATES
            and (row.lease_until is None or row.lease_until <= now)
            and (row.not_before is None or row.not_before <= now)
        )

    def _claim_new(
        self, session: Session, fresh: list[tuple[UserProfile, dt.date, DigestView]], now: dt.datetime
    ) -> list[Job]:
        """Insert today's rows for users who have none yet (one statement for the batch)."""
        lease_until = now + self.lease
        ids = store.insert_claims(
            session,
            [(p.team_id, p.user_id, day, [i.contact_id for i in view.items]) for p, day, view in fresh],
            owner=self.owner,
            lease_until=lease_until,
            now=now,
        )
        jobs = []
        for profile, day, view in fresh:
            digest_id = ids.get((profile.team_id, profile.user_id))
            if digest_id is None:  # PostgreSQL: another replica holds today's row; look again later
                profile.next_digest_at = lease_until
                self._count("busy")
                continue
            jobs.append(self._job(profile, day, view, digest_id, lease_until, unknown=False, row=None))
        return jobs

    def _reclaim(
        self, profile: UserProfile, day: dt.date, row: Digest, facts: BatchFacts, now_aware: dt.datetime
    ) -> Job | None:
        """Take over today's open row when nobody holds it (a retry, or a lease that ran out)."""
        now = naive_utc(now_aware)
        lease_until = now + self.lease
        if row.state not in store.OPEN_STATES:
            schedule_next_digest(profile, now_aware, after=day)
            self._count("already_settled")
            return None
        if row.lease_until is not None and row.lease_until > now:
            profile.next_digest_at = row.lease_until
            self._count("busy")
            return None
        if row.not_before is not None and row.not_before > now:
            profile.next_digest_at = row.not_before
            return None
        unknown = row.state == store.SENDING
        view = build_view(self.services, profile, day, facts)
        if view is None and not unknown:
            row.state, row.owner, row.lease_until = store.SKIPPED, None, None
            row.error = "nothing was due any more"
            schedule_next_digest(profile, now_aware, after=day)
            self._count("nothing_due")
            return None
        row.state, row.owner, row.lease_until = store.SENDING, self.owner, lease_until
        row.attempts = (row.attempts or 0) + 1
        if view is not None:
            row.contact_ids = [i.contact_id for i in view.items]
        return self._job(profile, day, view, row.id, lease_until, unknown=unknown, row=row)

    def _job(
        self,
        profile: UserProfile,
        day: dt.date,
        view: DigestView | None,
        digest_id: int,
        lease_until: dt.datetime,
        *,
        unknown: bool,
        row: Digest | None,
    ) -> Job:
        profile.next_digest_at = lease_until  # visibility timeout: look again only if we die
        text, blocks = self.renderer(view) if view is not None else ("", [])
        return Job(
            digest_id=digest_id,
            team_id=profile.team_id,
            user_id=profile.user_id,
            local_date=day,
            lease_until=lease_until,
            text=text,
            blocks=blocks,
            unknown_outcome=unknown,
            dm_channel_id=(row.channel_id if row is not None else None) or profile.dm_channel_id,
            asks_let_go=tuple(i.contact_id for i in view.items if i.dormant) if view is not None else (),
        )

    # -- 2. send -----------------------------------------------------------------------------------

    def _deliver(self, job: Job) -> None:
        try:
            self._deliver_unsafe(job)
        except Exception:  # one broken digest must not stop the pass; the lease brings it back
            log.exception("digest %s for %s failed unexpectedly", job.digest_id, job.user_id)
            self._count("errors")

    def _deliver_unsafe(self, job: Job) -> None:
        if self.stopped:  # the token was refused meanwhile: give the claim back untouched
            self._release(
                job, after=dt.timedelta(0), state=store.SENDING if job.unknown_outcome else store.CLAIMED
            )
            return
        if job.unknown_outcome:
            found = self._look_for_posted(job)
            if found is None:
                return  # settled (or released) inside
            if found:
                return
            if not job.blocks:
                self._settle_skipped(job)
                return
        wait = self.pacer.reserve()
        if wait is None:
            self._release(job, after=dt.timedelta(seconds=self.pacer.gate()), state=store.CLAIMED)
            self._count("paced")
            return
        if wait > 0:
            time.sleep(wait)
        self.pacer.admit()
        seconds_left = (job.lease_until - self._now()).total_seconds()
        if seconds_left < self.timeout + 1:
            # Too close to the lease end: another worker could take over while our post is in flight.
            self._release(job, after=dt.timedelta(0), state=store.CLAIMED)
            self._count("lease_too_short")
            return
        outcome = call_slack(
            self.client.chat_postMessage,
            channel=job.user_id,
            text=job.text,
            blocks=job.blocks,
            metadata={
                "event_type": METADATA_EVENT,
                "event_payload": {"digest_id": job.digest_id, "local_date": job.local_date.isoformat()},
            },
            unfurl_links=False,
            unfurl_media=False,
        )
        if outcome.kind == "ok":
            self.pacer.succeeded()  # now, not when marked: the pacer measures what Slack let through
            self._settle_sent(job, outcome)
        else:
            self._settle(job, outcome)

    def _look_for_posted(self, job: Job) -> bool | None:
        """Settle an unknown outcome: True when the digest is already in the DM (marked sent), False
        when it is not (send it), None when we could not tell (settled or released inside)."""
        channel = job.dm_channel_id
        if channel is None:
            # The first digest of a user whose worker died mid-send: the D… id was never stored.
            opened = call_slack(self.client.conversations_open, users=job.user_id)
            self._count("dm_opens")
            if opened.kind != "ok":
                self._cannot_look(job, opened)
                return None
            channel = (opened.data.get("channel") or {}).get("id")
            if not channel:
                self._cannot_look(job, SlackOutcome("transient", error="conversations.open: no channel id"))
                return None
        outcome = call_slack(
            self.client.conversations_history, channel=channel, limit=50, include_all_metadata=True
        )
        self._count("history_checks")
        if outcome.kind == "ok":
            for message in outcome.data.get("messages") or []:
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == METADATA_EVENT and str(payload.get("digest_id")) == str(
                    job.digest_id
                ):
                    found = SlackOutcome("ok", data={"channel": channel, "ts": message.get("ts")})
                    self._mark_group_sent([(job, found)])
                    self._count("found_in_history")
                    return True
            return False
        if outcome.error == "channel_not_found":
            return False  # no DM exists yet, so nothing was posted
        if outcome.kind == "refused":
            self.pacer.rate_limited(outcome.retry_after)
        self._settle(job, outcome, unknown_stays=True)
        return None

    def _cannot_look(self, job: Job, opened: SlackOutcome) -> None:
        """conversations.open failed, so the DM cannot be searched. Without the `im:write` scope
        (missing_scope) it never will be: give the day up as "delivery unknown" rather than risk a
        second DM (SPEC §8: exactly once; a missed reminder is the lesser harm). Anything else is
        retried like a failed history check, the outcome still unknown."""
        if opened.error != "missing_scope":
            self._settle(job, opened, unknown_stays=True)  # a 429 here limits conversations.open only
            return
        log.warning(
            "digest %s for %s: delivery unknown (a worker died while sending, and without the im:write "
            "scope conversations.open cannot find the DM to check); not resending today",
            job.digest_id,
            job.user_id,
        )
        with self.db.transaction() as session:
            row = store.lock_digest(session, job.digest_id)
            profile = get_profile(session, job.team_id, job.user_id)
            if row is None or row.owner != self.owner or profile is None:
                return
            row.state, row.owner, row.lease_until, row.not_before = store.FAILED, None, None, None
            row.error = DELIVERY_UNKNOWN
            schedule_next_digest(profile, self.clock.now(), after=job.local_date)
        self._count("delivery_unknown")

    # -- 3. settle ---------------------------------------------------------------------------------

    def _settle_sent(self, job: Job, outcome: SlackOutcome) -> None:
        """Queue a posted digest to be marked sent. The pass's own thread marks everything queued in
        one transaction between claims (group commit, see _mark_delivered): a transaction per post
        from the workers costs more than building the digest."""
        with self._delivered_lock:
            self._delivered.append((job, outcome))

    def _mark_delivered(self) -> None:
        """Mark what the workers posted since the last call (the pass's thread only). Each row is
        still marked only if its lease is still ours, exactly as _settle does it."""
        with self._delivered_lock:
            group, self._delivered = self._delivered, []
        if not group:
            return
        try:
            self._mark_group_sent(group)
        except Exception:  # the rows stay `sending`: their leases bring them back, and the history check
            log.exception("marking %d posted digests as sent failed", len(group))
            self._count("errors")

    def _mark_group_sent(self, group: list[tuple[Job, SlackOutcome]]) -> None:
        """One transaction on plain rows (no ORM objects): lock the group's digest rows, keep those still
        ours, mark them sent and move each profile to its next nudge instant. "Let go?" is asked once
        per dormant spell: later digests leave the asked contacts out (bot.services.calls resets the flag when a
        contact leaves dormant or starts a new spell)."""
        now_aware = self.clock.now()
        now = naive_utc(now_aware)
        with self.db.transaction() as session:
            held = store.held_digest_ids(session, [job.digest_id for job, _ in group], self.owner)
            profiles = store.schedule_rows(session, {(job.team_id, job.user_id) for job, _ in group})
            digests, schedules = [], []
            for job, outcome in group:
                if job.digest_id not in held:
                    log.error("digest %s: lost the lease before settling (ok)", job.digest_id)
                    self._count("lost_lease")
                    continue
                channel = outcome.data.get("channel") or job.dm_channel_id
                digests.append((job.digest_id, channel, outcome.data.get("ts")))
                profile = profiles.get((job.team_id, job.user_id))
                if profile is not None:
                    dm = channel if channel and str(channel).startswith("D") else profile.dm_channel_id
                    schedules.append(
                        (profile.id, next_nudge_at(profile, now_aware, after=job.local_date), dm)
                    )
                store.mark_let_go_asked(session, job.team_id, job.user_id, job.asks_let_go)
            store.mark_sent_many(session, digests, schedules, now)
        self._count("sent", len(digests))

    def _settle(self, job: Job, outcome: SlackOutcome, *, unknown_stays: bool = False) -> None:
        """Act on a call that did not end `ok` (those go through _mark_group_sent)."""
        now_aware = self.clock.now()
        now = naive_utc(now_aware)
        with self.db.transaction() as session:
            row = store.lock_digest(session, job.digest_id)
            profile = get_profile(session, job.team_id, job.user_id)
            if row is None or profile is None:
                return
            if row.owner != self.owner:
                # Our lease ran out and someone else took over; never overwrite their state.
                log.error(
                    "digest %s: lost the lease before settling (%s); state left to %s",
                    job.digest_id,
                    outcome.kind,
                    row.owner,
                )
                self._count("lost_lease")
                return
            row.owner, row.lease_until, row.not_before = None, None, None
            if outcome.kind == "refused":
                if not unknown_stays:
                    self.pacer.rate_limited(outcome.retry_after)
                row.state = store.SENDING if unknown_stays else store.CLAIMED
                row.not_before = now + dt.timedelta(seconds=outcome.retry_after)
                row.error = "ratelimited"
                profile.next_digest_at = row.not_before
                self._count("rate_limited")
            elif outcome.kind == "user":
                reason = f"Slack says this account can't receive DMs ({outcome.error})"
                row.state, row.error = store.FAILED, outcome.error
                profile.paused_reason = reason
                profile.next_digest_at = NEVER
                log.warning("paused nudges for %s/%s: %s", job.team_id, job.user_id, reason)
                self._count("paused")
            elif outcome.kind == "stop":
                row.state = store.SENDING if unknown_stays else store.CLAIMED
                row.error = outcome.error
                row.not_before = now + dt.timedelta(minutes=5)
                profile.next_digest_at = row.not_before
                self.stopped = outcome.error
                log.critical(
                    "Slack refused the bot token (%s): digests stopped. Check SLACK_BOT_TOKEN and that the "
                    "app is still installed.",
                    outcome.error,
                )
            elif outcome.kind == "payload":
                row.state, row.error = store.FAILED, outcome.error
                schedule_next_digest(profile, now_aware, after=job.local_date)
                log.error(
                    "digest %s rejected as %s: %s; blocks %s",
                    job.digest_id,
                    outcome.error,
                    outcome.data.get("errors") or outcome.data.get("response_metadata"),
                    _shape(job.blocks),
                )
                self._count("failed")
            else:
                self._back_off(row, profile, outcome, job, now_aware, unknown_stays)

    def _back_off(
        self,
        row: Digest,
        profile: UserProfile,
        outcome: SlackOutcome,
        job: Job,
        now_aware: dt.datetime,
        unknown_stays: bool,
    ) -> None:
        """5xx, timeouts, network: try again later the same day, waiting 1, 2, 4 … minutes."""
        delay = min(BACKOFF_CAP, BACKOFF_START * 2 ** max(0, (row.attempts or 1) - 1))
        retry_at = now_aware + delay
        local_retry = retry_at.astimezone(zone(profile.tz))
        row.error = outcome.error[:300]
        if (
            local_retry.date() != job.local_date
            or local_retry.hour * 60 + local_retry.minute >= latest_minute(profile)
        ):
            row.state = store.FAILED
            row.error = f"gave up for today after {row.attempts} attempts: {outcome.error}"[:300]
            schedule_next_digest(profile, now_aware, after=job.local_date)
            log.warning("digest %s for %s: %s", job.digest_id, job.user_id, row.error)
            self._count("failed")
            return
        # If Slack may have posted, the next owner must look in the DM before sending again.
        row.state = store.SENDING if (outcome.maybe_posted or unknown_stays) else store.CLAIMED
        row.not_before = naive_utc(retry_at)
        profile.next_digest_at = row.not_before
        log.info("digest %s for %s: %s; retrying at %s", job.digest_id, job.user_id, outcome.error, retry_at)
        self._count("retrying")

    def _settle_skipped(self, job: Job) -> None:
        with self.db.transaction() as session:
            row = store.lock_digest(session, job.digest_id)
            profile = get_profile(session, job.team_id, job.user_id)
            if row is None or row.owner != self.owner or profile is None:
                return
            row.state, row.owner, row.lease_until, row.error = (
                store.SKIPPED,
                None,
                None,
                "nothing was due any more",
            )
            schedule_next_digest(profile, self.clock.now(), after=job.local_date)
        self._count("nothing_due")

    def _release(self, job: Job, *, after: dt.timedelta, state: str) -> None:
        """Give a claim back without having posted (state CLAIMED) so anyone may take it at not_before."""
        with self.db.transaction() as session:
            row = store.lock_digest(session, job.digest_id)
            profile = get_profile(session, job.team_id, job.user_id)
            if row is None or row.owner != self.owner or profile is None:
                return
            row.state = store.SENDING if job.unknown_outcome and state == store.SENDING else state
            row.owner, row.lease_until = None, None
            row.not_before = self._now() + after
            profile.next_digest_at = row.not_before


def _shape(blocks: list[dict]) -> list[str]:
    """The block types of a payload, for logs (never the user's text)."""
    return [str(b.get("type")) for b in blocks][:60]


def dispatch(
    services: Services,
    renderer: Renderer | None = None,
    *,
    budget_seconds: float = 0.0,
    lease: dt.timedelta = DEFAULT_LEASE,
    batch_size: int = 100,
    workers: int = 8,
) -> dict:
    """One pass: find users whose digest is due, claim, send. Returns counts for logs and `tick`."""
    dispatcher = Dispatcher(services, renderer, lease=lease, batch_size=batch_size, workers=workers)
    report = dispatcher.run(budget_seconds=budget_seconds)
    if report.get("sent") or report.get("failed") or report.get("paused"):
        log.info("digest pass: %s", report)
    return report


# ---------------------------------------------------------------------------------------------------
# Daily maintenance
# ---------------------------------------------------------------------------------------------------

DIGEST_RETENTION_DAYS = 60
SEEN_REQUEST_RETENTION = dt.timedelta(days=2)


def maintenance(services: Services, *, page_size: int = 200) -> dict:
    """Refresh time zones in bulk (users.list, Tier 2), reschedule users whose tz changed, and delete
    digest rows older than 60 days and seen requests older than 2 days."""
    now_aware = services.clock.now()
    now = naive_utc(now_aware)
    report = {"tz_checked": 0, "tz_changed": 0}
    client = make_dispatch_client(services, timeout=10)
    cursor: str | None = None
    while True:
        kwargs: dict[str, Any] = {"limit": page_size}
        if cursor:
            kwargs["cursor"] = cursor
        outcome = call_slack(client.users_list, **kwargs)
        if outcome.kind != "ok":
            # Tier 2: on a 429 (or anything else) stop here; tomorrow's run starts over.
            log.warning("users.list stopped (%s); time zones refresh again tomorrow", outcome.error)
            report["tz_stopped"] = outcome.error  # type: ignore[assignment]
            break
        members = outcome.data.get("members") or []
        _apply_time_zones(services, members, now_aware, report)
        cursor = (outcome.data.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            break
    with services.db.transaction() as session:
        report["digests_deleted"] = store.delete_old_digests(
            session, now.date() - dt.timedelta(days=DIGEST_RETENTION_DAYS)
        )
        report["seen_requests_deleted"] = store.delete_old_seen_requests(
            session, now - SEEN_REQUEST_RETENTION
        )
    log.info("maintenance: %s", report)
    return report


def _apply_time_zones(services: Services, members: list[dict], now_aware: dt.datetime, report: dict) -> None:
    from storage.profiles import profiles_by_user_ids

    by_team: dict[str, dict[str, str]] = {}
    for member in members:
        if member.get("id") and member.get("tz") and not member.get("is_bot"):
            by_team.setdefault(member.get("team_id") or "", {})[member["id"]] = member["tz"]
    now = naive_utc(now_aware)
    with services.db.transaction() as session:
        for team_id, tzs in by_team.items():
            for profile in profiles_by_user_ids(session, team_id or None, list(tzs)):
                report["tz_checked"] += 1
                profile.tz_fetched_at = now
                if profile.tz != tzs[profile.user_id]:
                    profile.tz = tzs[profile.user_id]
                    schedule_next_digest(profile, now_aware)
                    report["tz_changed"] += 1
