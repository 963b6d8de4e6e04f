"""The daily DM digest dispatcher (SPEC §8): claims due digests, sends each exactly once, settles the outcome.

Scheduling. Every profile carries `next_digest_at` (naive UTC): the next instant its digest may be due,
computed in Python with zoneinfo so DST is handled (bot.domain.digest_schedule). The dispatcher only
ever looks at profiles with `next_digest_at <= now` (an indexed range scan), and every profile it looks
at leaves with a new value: the next nudge day, a retry time, or the end of a lease. NULL means "never computed" (picked
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

This module talks to Slack and runs the workers; the transactions are bot.services.digest_claims (1)
and bot.services.digests (3, 4), and the Block Kit comes from the renderer the caller passes in.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout

from slack_sdk import WebClient

from bot.delivery.pacer import Monotonic, SendPacer, SystemMonotonic
from bot.delivery.slack_calls import SlackOutcome, call_slack, make_dispatch_client
from bot.delivery.weekly import WeeklyRenderer, send_weekly_reviews
from bot.domain.clock import naive_utc
from bot.domain.digest_view import Renderer
from bot.services import digest_claims, digests
from bot.services.context import Services
from bot.services.digest_claims import DigestClaim
from storage import digests as store

log = logging.getLogger(__name__)

METADATA_EVENT = "warmcall_digest"
DEFAULT_LEASE = dt.timedelta(seconds=120)
TOKEN_TTL = 30.0  # seconds a pass reuses a tenant's looked-up bot token
# conversations.history for apps distributed outside the Marketplace: one call a minute per workspace
# (WARMCALL_HISTORY_PER_MINUTE), at most 15 messages each; the unknown-outcome check is the only caller
# and bot.services.digests queues it.
HISTORY_MINUTE = dt.timedelta(minutes=1)
HISTORY_MESSAGES = 15
HISTORY_MARGIN = dt.timedelta(minutes=10)  # look from this long before the row's first claim
_HISTORY_COUNTS = {"queued": "history_queued", "spent": "history_budget_spent", "lost": "lost_lease"}


class Dispatcher:
    """One dispatcher pass. Safe to run in any number of threads, processes and replicas at once."""

    def __init__(
        self,
        services: Services,
        renderer: Renderer,
        *,
        lease: dt.timedelta = DEFAULT_LEASE,
        batch_size: int = 100,
        workers: int = 8,
        client: WebClient | None = None,
        pacer: SendPacer | None = None,
        monotonic: Monotonic | None = None,
    ) -> None:
        self.services = services
        self.clock = services.clock
        self.renderer = renderer
        self.lease = lease
        # The client gives up well before the lease ends: a dead worker's request is over when the
        # lease runs out and another worker looks in conversations.history.
        self.timeout = max(1.0, min(10.0, lease.total_seconds() / 3))
        self.client = client or make_dispatch_client(services, timeout=self.timeout)
        self.batch_size = batch_size
        self.workers = workers
        # Elapsed time for the pacer and the pass's own waits (tests pass a ManualMonotonic).
        self.monotonic = monotonic or (pacer.clock if pacer is not None else SystemMonotonic())
        self.pacer = pacer or SendPacer(clock=self.monotonic)
        # OAuth mode: Slack's limits are per workspace, so each has a pacer of its own and a 429 from
        # one delays only that one (single-workspace mode: the one pacer above).
        self._pacers: dict[str, SendPacer] = {}
        self._pacers_lock = threading.Lock()
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self.stopped: str | None = None  # the auth error that stopped the pass
        # OAuth mode: each workspace has its own token, so a refused one stops only that workspace.
        self.tokens = services.tokens
        self.stopped_tenants: set[str] = set()
        self._token_cache: dict[str, tuple[str | None, float]] = {}  # tenant → (token, looked up at)
        self._delivered: list[tuple[DigestClaim, SlackOutcome]] = []  # posted, waiting to be marked sent
        self._delivered_lock = threading.Lock()

    def _token_of(self, tenant: str) -> str | None:
        """The tenant's bot token, looked up at most every TOKEN_TTL seconds in a pass (a look-up is a
        database read; a token is refreshed hours before it expires, and one Slack refuses stops the
        tenant for the rest of the pass)."""
        now = self.monotonic.monotonic()
        cached = self._token_cache.get(tenant)
        if cached is not None and now - cached[1] < TOKEN_TTL:
            return cached[0]
        token = self.tokens.token_for(tenant)
        self._token_cache[tenant] = (token, now)
        return token

    def _pacer_for(self, tenant: str) -> SendPacer:
        if not self.tokens.per_workspace:
            return self.pacer
        with self._pacers_lock:
            pacer = self._pacers.get(tenant)
            if pacer is None:
                pacer = self._pacers[tenant] = SendPacer(clock=self.monotonic)
            return pacer

    def _count(self, key: str, n: int = 1) -> None:
        with self._counts_lock:
            self.counts[key] += n

    def _count_all(self, counts: Counter[str]) -> None:
        with self._counts_lock:
            self.counts.update(counts)

    def _history_every(self) -> dt.timedelta:
        """The spacing of a workspace's conversations.history calls (WARMCALL_HISTORY_PER_MINUTE)."""
        return HISTORY_MINUTE / max(1, self.services.settings.history_per_minute)

    def _now(self) -> dt.datetime:
        return naive_utc(self.clock.now())

    # -- the pass ----------------------------------------------------------------------------------

    def run(self, *, budget_seconds: float = 0.0) -> dict:
        """Claim and send until nothing is due. With a budget, linger that long for retries that come
        due soon (Retry-After), so a rate-limited workspace keeps flowing within one scheduler tick."""
        deadline = self.monotonic.monotonic() + budget_seconds
        in_flight: deque = deque()
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="digest") as pool:
            while not self.stopped:
                # Claim the next batch while the previous one is being sent (at most two in flight,
                # so a claim never waits long for its turn within its lease).
                self._wait_for(in_flight, keep=self.batch_size)
                looked_at, jobs = self._claim_batch()
                in_flight.extend(pool.submit(self._deliver, job) for job in round_robin(jobs))
                if looked_at:
                    continue
                self._wait_for(in_flight, keep=0)
                wait = digests.seconds_until_next_due(self.services)
                remaining = deadline - self.monotonic.monotonic()
                if self.stopped or wait is None or wait > remaining:
                    break
                self.monotonic.sleep(max(0.05, min(wait, 1.0)))
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

    # -- 1. claim ----------------------------------------------------------------------------------

    def _claim_batch(self) -> tuple[int, list[DigestClaim]]:
        """Lock a batch of due users and claim their digests; returns (users looked at, claims)."""
        batch = digest_claims.claim_batch(
            self.services, self.renderer, owner=self.owner, lease=self.lease, batch_size=self.batch_size
        )
        self._count_all(batch.counts)
        return batch.looked_at, batch.claims

    # -- 2. send -----------------------------------------------------------------------------------

    def _deliver(self, job: DigestClaim) -> None:
        try:
            self._deliver_unsafe(job)
        except Exception:  # one broken digest must not stop the pass; the lease brings it back
            log.exception("digest %s for %s failed unexpectedly", job.digest_id, job.user_id)
            self._count("errors")

    def _deliver_unsafe(self, job: DigestClaim) -> None:
        token = None if job.team_id in self.stopped_tenants else self._token_of(job.team_id)
        if self.stopped or (self.tokens.per_workspace and not token):
            # The token was refused meanwhile, or the workspace has no installation (uninstalled):
            # give the claim back untouched, for later.
            later = dt.timedelta(0) if self.stopped else dt.timedelta(minutes=5)
            self._release(job, after=later, state=store.SENDING if job.unknown_outcome else store.CLAIMED)
            return
        # Single-workspace mode keeps the client's own token; OAuth mode names the installation's.
        auth = {"token": token} if self.tokens.per_workspace else {}
        if job.unknown_outcome:
            turn = digests.history_turn(self.services, job, owner=self.owner, every=self._history_every())
            if turn.kind != "ours":
                self._count(_HISTORY_COUNTS[turn.kind])
                return
            found = self._look_for_posted(job, auth, oldest=turn.oldest)
            if found is None:
                return  # settled (or released) inside
            if found:
                return
            if not job.blocks:
                if digests.skip(self.services, job, owner=self.owner):
                    self._count("nothing_due")
                return
        pacer = self._pacer_for(job.team_id)
        wait = pacer.reserve()
        if wait is None:
            self._release(job, after=dt.timedelta(seconds=pacer.gate()), state=store.CLAIMED)
            self._count("paced")
            return
        if wait > 0:
            pacer.wait(wait)
        pacer.admit()
        seconds_left = (job.lease_until - self._now()).total_seconds()
        if seconds_left < self.timeout + 1:
            # Too close to the lease end: another worker could take over while our post is in flight.
            self._release(job, after=dt.timedelta(0), state=store.CLAIMED)
            self._count("lease_too_short")
            return
        outcome = call_slack(
            self.client.chat_postMessage,
            **auth,  # the digest's own workspace's installation
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
            pacer.succeeded()  # now, not when marked: the pacer measures what Slack let through
            self._settle_sent(job, outcome)
        else:
            self._settle(job, outcome)

    def _look_for_posted(self, job: DigestClaim, auth: dict, *, oldest: dt.datetime | None) -> bool | None:
        """Settle an unknown outcome: True when the digest is already in the DM (marked sent), False
        when it is not (send it), None when we could not tell (settled or released inside). One
        history call of at most HISTORY_MESSAGES, from a little before the row was first claimed."""
        channel = job.dm_channel_id
        if channel is None:
            # The first digest of a user whose worker died mid-send: the D… id was never stored.
            opened = call_slack(self.client.conversations_open, users=job.user_id, **auth)
            self._count("dm_opens")
            if opened.kind != "ok":
                self._cannot_look(job, opened)
                return None
            channel = (opened.data.get("channel") or {}).get("id")
            if not channel:
                self._cannot_look(job, SlackOutcome("transient", error="conversations.open: no channel id"))
                return None
        since = (
            {"oldest": f"{(oldest - HISTORY_MARGIN).replace(tzinfo=dt.UTC).timestamp():.6f}"}
            if oldest
            else {}
        )
        outcome = call_slack(
            self.client.conversations_history,
            **auth,
            channel=channel,
            limit=HISTORY_MESSAGES,
            include_all_metadata=True,
            **since,
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
            if outcome.data.get("has_more"):
                # Older messages would cost more calls than the workspace has: never send it twice.
                log.warning(
                    "digest %s for %s: delivery unknown (more messages in the DM than one history call "
                    "returns); not resending today",
                    job.digest_id,
                    job.user_id,
                )
                if digests.give_up_unknown(self.services, job, owner=self.owner):
                    self._count("history_inconclusive")
                return None
            return False
        if outcome.error == "channel_not_found":
            return False  # no DM exists yet, so nothing was posted
        if outcome.kind == "refused":  # history's own limit: posts go on; the workspace's next turn waits
            digests.history_refused(
                self.services, job.team_id, outcome.retry_after, every=self._history_every()
            )
        self._settle(job, outcome, unknown_stays=True)
        return None

    def _cannot_look(self, job: DigestClaim, opened: SlackOutcome) -> None:
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
        if digests.give_up_unknown(self.services, job, owner=self.owner):
            self._count("delivery_unknown")

    # -- 3. settle ---------------------------------------------------------------------------------

    def _settle_sent(self, job: DigestClaim, outcome: SlackOutcome) -> None:
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

    def _mark_group_sent(self, group: list[tuple[DigestClaim, SlackOutcome]]) -> None:
        self._count_all(digests.mark_sent(self.services, group, owner=self.owner))

    def _settle(self, job: DigestClaim, outcome: SlackOutcome, *, unknown_stays: bool = False) -> None:
        """Act on a call that did not end `ok` (those go through _mark_group_sent)."""
        result = digests.settle_unsent(
            self.services,
            job,
            outcome,
            owner=self.owner,
            unknown_stays=unknown_stays,
            on_rate_limited=self._pacer_for(job.team_id).rate_limited,
        )
        if result == "stopped" and self.tokens.per_workspace:
            self.stopped_tenants.add(job.team_id)
            self._count("stopped_workspace")
        elif result == "stopped":
            self.stopped = outcome.error
        elif result is not None:
            self._count(result)

    def _release(self, job: DigestClaim, *, after: dt.timedelta, state: str) -> None:
        """Give a claim back without having posted (state CLAIMED) so anyone may take it at not_before."""
        digests.release(self.services, job, owner=self.owner, after=after, state=state)


def round_robin(jobs: list[DigestClaim]) -> list[DigestClaim]:
    """The batch in turns between workspaces (each keeping its own order), so the workers reach a
    small workspace's digests without waiting behind all of a large one's."""
    by_tenant: dict[str, deque[DigestClaim]] = {}
    for job in jobs:
        by_tenant.setdefault(job.team_id, deque()).append(job)
    if len(by_tenant) < 2:
        return jobs
    turns: list[DigestClaim] = []
    queues = deque(by_tenant.values())
    while queues:
        queue = queues.popleft()
        turns.append(queue.popleft())
        if queue:
            queues.append(queue)
    return turns


def dispatch(
    services: Services,
    renderer: Renderer,
    *,
    budget_seconds: float = 0.0,
    lease: dt.timedelta = DEFAULT_LEASE,
    batch_size: int = 100,
    workers: int = 8,
    monotonic: Monotonic | None = None,
    weekly_renderer: WeeklyRenderer | None = None,
) -> dict:
    """One pass: find users whose digest is due, claim, send. Returns counts for logs and `tick`.
    `renderer` turns a DigestView into (text, blocks): handlers.blocks.digest.render_digest. With
    `weekly_renderer` (handlers.blocks.weekly.render_weekly) the same pass then posts the weekly look
    backs that are due (bot.delivery.weekly)."""
    dispatcher = Dispatcher(
        services, renderer, lease=lease, batch_size=batch_size, workers=workers, monotonic=monotonic
    )
    report = dispatcher.run(budget_seconds=budget_seconds)
    if weekly_renderer is not None:
        try:
            report.update(send_weekly_reviews(services, weekly_renderer, client=dispatcher.client))
        except Exception:  # the digest pass's report still comes back; the next tick tries again
            log.exception("weekly look back pass failed")
    if any(
        report.get(k) for k in ("sent", "failed", "paused", "history_budget_spent", "history_inconclusive")
    ):
        log.info("digest pass: %s", report)
    return report
