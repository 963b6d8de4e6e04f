"""Claiming digests: build each due user's view from one batch of queries and claim it in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.domain.clock import naive_utc, zone
from bot.domain.contact_details import user_country
from bot.domain.dates import day_first_in
from bot.domain.digest_schedule import digest_day, holiday_region_of, nudge_days_of, schedule_next_digest
from bot.domain.digest_view import DigestView, Renderer, chosen_of, due_of, fallback_reason, view_of
from bot.domain.feedback import demoted_kinds
from bot.domain.plan import planned_lines
from bot.domain.stats import CALL_OUTCOMES, STREAK_LOOKBACK_DAYS, streak_from_days
from bot.domain.talking_points import UserFacts, reason_line
from bot.services.context import Services
from bot.services.offers import offer_facts
from bot.services.prep import Inputs, best_reasons_for, facts_of
from bot.services.stats import DIGEST_DAYS_KEPT
from storage import digests as store
from storage.answers import digest_days_of
from storage.feedback import votes_of_owners
from storage.models import Digest, UserProfile
from storage.plans import plans_on_days

log = logging.getLogger(__name__)

Owner = tuple[str, str]  # (team_id, user_id)


@dataclass(frozen=True)
class DigestClaim:
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
    asks_meeting: tuple[int, ...] = ()  # contacts whose past meeting this digest asks about


@dataclass(frozen=True)
class ClaimedBatch:
    looked_at: int  # due users locked in this batch (0: nothing is due)
    claims: list[DigestClaim]
    counts: Counter[str] = field(default_factory=Counter)


# ---------------------------------------------------------------------------------------------------
# What a digest says
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFacts:
    """What the digests of one claimed batch are built from: one query per kind for the whole batch
    (a digest costs a few milliseconds of CPU; four queries per user cost as much again)."""

    contacts: dict[Owner, list]  # rows of storage.digests.DIGEST_FACT_COLUMNS, by id
    offers: dict[Owner, list]
    call_days: dict[Owner, set[dt.date]]
    votes: dict[Owner, list] = field(default_factory=dict)  # reason feedback: kinds ranked lower
    plans: dict[Owner, list] = field(default_factory=dict)  # (plan, name) of the day's planned calls
    digest_days: dict[Owner, set[dt.date]] = field(default_factory=dict)  # sent: the streak's asked days

    @classmethod
    def load(cls, session: Session, days: dict[Owner, dt.date]) -> BatchFacts:
        if not days:
            return cls({}, {}, {})
        since = min(days.values()) - dt.timedelta(STREAK_LOOKBACK_DAYS)
        return cls(
            contacts=store.contact_rows_of(session, days),
            offers=store.offers_of_owners(session, days),
            call_days=store.call_days_of(session, days, CALL_OUTCOMES, since),
            votes=votes_of_owners(session, days),
            plans=plans_on_days(session, days),
            digest_days=digest_days_of(session, days, min(days.values()) - dt.timedelta(DIGEST_DAYS_KEPT)),
        )


def reason_lines(
    services: Services,
    profile: UserProfile,
    chosen: list,
    everyone: list,
    offers: list,
    today: dt.date,
    demoted: frozenset[str] = frozenset(),
) -> tuple[dict[int, str], dict[int, str]]:
    """One value-first reason per chosen contact, from the /prep talking-points engine (the same words
    /prep uses). `everyone` is all the user's contacts (for introductions). Any failure falls back to
    a plain reason: the engine must never cost a user their digest."""
    try:
        inputs = Inputs(
            user=UserFacts(
                name=(profile.display_name or "").strip() or "me",
                day_first=day_first_in(holiday_region_of(profile)),
            ),
            offers=tuple(offer_facts(offers)),
            # introductions read id, name, company, role, notes and stage: the rows have them all
            others=tuple(everyone),
            demoted=demoted,
        )
        found = best_reasons_for(services, profile, [facts_of(c) for c in chosen], today, inputs=inputs)
    except Exception:
        log.exception("talking points unavailable; using plain reasons")
        found = {}
    lines = {cid: reason_line(reason) for cid, reason in found.items()}
    kinds = {cid: reason.kind for cid, reason in found.items() if lines[cid]}
    return {c.id: lines.get(c.id) or fallback_reason(c) for c in chosen}, kinds


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
    chosen = chosen_of(due, day, profile.max_per_digest, day_first_in(holiday_region_of(profile)))
    demoted = demoted_kinds(facts.votes.get(owner, []))
    reasons, kinds = reason_lines(
        services, profile, chosen, everyone, facts.offers.get(owner, []), day, demoted
    )
    nudge_days = nudge_days_of(profile)
    called_on = facts.call_days.get(owner, set())
    streak = (
        streak_from_days(
            called_on,
            day,
            nudge_days,
            holiday_region_of(profile),
            digest_days=facts.digest_days.get(owner, set()),
            digests_known_since=day - dt.timedelta(DIGEST_DAYS_KEPT),
        )
        if nudge_days
        else 0
    )
    view = view_of(
        profile.team_id, profile.user_id, day, chosen, reasons, total_due=len(due), streak=streak, kinds=kinds
    )
    planned = planned_lines(facts.plans.get(owner, []), profile.tz, day)
    country = user_country(profile.holiday_country, profile.tz)  # phones as dialled at home
    return dataclasses.replace(view, planned=planned, country=country)


# ---------------------------------------------------------------------------------------------------
# 1. Claim
# ---------------------------------------------------------------------------------------------------


def claim_batch(
    services: Services, renderer: Renderer, *, owner: str, lease: dt.timedelta, batch_size: int
) -> ClaimedBatch:
    """In one transaction, lock a batch of due users and claim their digests (see bot.delivery.dispatcher)."""
    return _Claim(services, renderer, owner, lease, batch_size).run()


@dataclass
class _Claim:
    services: Services
    renderer: Renderer
    owner: str
    lease: dt.timedelta
    batch_size: int
    counts: Counter[str] = field(default_factory=Counter)

    def run(self) -> ClaimedBatch:
        now_aware = self.services.clock.now()
        now = naive_utc(now_aware)
        claims: list[DigestClaim] = []
        with self.services.db.transaction() as session:
            for profile in store.unscheduled_profiles(session, self.batch_size):
                schedule_next_digest(profile, now_aware)
                self.counts["scheduled"] += 1
            profiles = {p.id: p for p in store.due_profiles(session, now, self.batch_size)}
            retry_rows = store.retry_digests(session, now, self.batch_size)
            owners = {(r.team_id, r.user_id) for r in retry_rows}
            owners -= {(p.team_id, p.user_id) for p in profiles.values()}
            for profile in store.profiles_for(session, owners):
                profiles[profile.id] = profile
            self._close_stale_rows(retry_rows, profiles, now_aware)
            with session.no_autoflush:  # profile updates are flushed once, at commit
                days: dict[Owner, tuple[UserProfile, dt.date]] = {}
                for profile in profiles.values():
                    day = digest_day(profile, now_aware)
                    if day is None:
                        schedule_next_digest(profile, now_aware)
                        self.counts["not_now"] += 1
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
                        claim = self._reclaim(profile, day, row, facts, now_aware)
                        if claim is not None:
                            claims.append(claim)
                        continue
                    view = build_view(self.services, profile, day, facts)
                    if view is None:
                        schedule_next_digest(profile, now_aware, after=day)
                        self.counts["nothing_due"] += 1
                    else:
                        fresh.append((profile, day, view))
                claims.extend(self._claim_new(session, fresh, now))
        self.counts["claimed"] += len(claims)
        return ClaimedBatch(len(profiles), claims, self.counts)

    def _close_stale_rows(self, rows, profiles: dict[int, UserProfile], now_aware: dt.datetime) -> None:
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
                self.counts["expired"] += 1

    @staticmethod
    def _may_build(row: Digest | None, now: dt.datetime) -> bool:
        """Whether _reclaim may build this user's view (so the batch loads their contacts)."""
        if row is None:
            return True
        return (
            row.state in store.OPEN_STATES
            and (row.lease_until is None or row.lease_until <= now)
            and (row.not_before is None or row.not_before <= now)
        )

    def _claim_new(
        self, session: Session, fresh: list[tuple[UserProfile, dt.date, DigestView]], now: dt.datetime
    ) -> list[DigestClaim]:
        """Insert today's rows for users who have none yet (one statement for the batch)."""
        lease_until = now + self.lease
        ids = store.insert_claims(
            session,
            [(p.team_id, p.user_id, day, [i.contact_id for i in view.items]) for p, day, view in fresh],
            owner=self.owner,
            lease_until=lease_until,
            now=now,
        )
        claims = []
        for profile, day, view in fresh:
            digest_id = ids.get((profile.team_id, profile.user_id))
            if digest_id is None:  # PostgreSQL: another replica holds today's row; look again later
                profile.next_digest_at = lease_until
                self.counts["busy"] += 1
                continue
            claims.append(self._claim(profile, day, view, digest_id, lease_until, unknown=False, row=None))
        return claims

    def _reclaim(
        self, profile: UserProfile, day: dt.date, row: Digest, facts: BatchFacts, now_aware: dt.datetime
    ) -> DigestClaim | None:
        """Take over today's open row when nobody holds it (a retry, or a lease that ran out)."""
        now = naive_utc(now_aware)
        lease_until = now + self.lease
        if row.state not in store.OPEN_STATES:
            schedule_next_digest(profile, now_aware, after=day)
            self.counts["already_settled"] += 1
            return None
        if row.lease_until is not None and row.lease_until > now:
            profile.next_digest_at = row.lease_until
            self.counts["busy"] += 1
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
            self.counts["nothing_due"] += 1
            return None
        row.state, row.owner, row.lease_until = store.SENDING, self.owner, lease_until
        row.attempts = (row.attempts or 0) + 1
        if view is not None:
            row.contact_ids = [i.contact_id for i in view.items]
        return self._claim(profile, day, view, row.id, lease_until, unknown=unknown, row=row)

    def _claim(
        self,
        profile: UserProfile,
        day: dt.date,
        view: DigestView | None,
        digest_id: int,
        lease_until: dt.datetime,
        *,
        unknown: bool,
        row: Digest | None,
    ) -> DigestClaim:
        profile.next_digest_at = lease_until  # visibility timeout: look again only if we die
        text, blocks = self.renderer(view) if view is not None else ("", [])
        return DigestClaim(
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
            asks_meeting=tuple(i.contact_id for i in view.items if i.meeting_to_confirm) if view else (),
        )
