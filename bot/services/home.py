"""What App Home shows (SPEC §10), as plain values: the sections of contacts by due date, recent logs,
stats, settings and offers; and the contact card with its history. Knows nothing of Block Kit.

Every list is one bounded page, so a user with thousands of contacts costs a handful of indexed
queries. Time comes from `services.clock` and the user's time zone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, replace
from typing import Protocol

from bot.domain.cadence import day_label
from bot.domain.clock import local_today, zone
from bot.domain.contact_details import user_country
from bot.domain.digest_schedule import NEVER, holiday_region_of, schedule_next_digest
from bot.domain.digest_view import open_story
from bot.domain.feedback import KindTally, tallies
from bot.domain.home_use import in_use
from bot.domain.stats import CALL_OUTCOMES, CallStats
from bot.domain.tags import tags_of
from bot.domain.vocabulary import Action, Outcome, Stage, nudge_days_from_text
from bot.services.contacts import ContactSummary, summary_of
from bot.services.context import Services
from bot.services.plans import PlanRow, best_hour_of, plan_rows
from bot.services.prep import reasons_for
from bot.services.settings import NudgeSettings, current_settings
from bot.services.stats import user_stats
from storage.contacts import count_contacts, delete_contact, get_contact
from storage.feedback import votes_of
from storage.home import (
    contacts_due_window,
    count_due_window,
    count_history,
    count_quiet,
    history_page,
    quiet_contacts,
    recent_logs,
)
from storage.models import Contact, UserProfile
from storage.offers import delete_offer, offers_of
from storage.profiles import get_profile, mark_home_seen

DUE, OVERDUE, UPCOMING, QUIET = "due", "overdue", "upcoming", "quiet"
SECTION_KEYS = (DUE, OVERDUE, UPCOMING, QUIET)
UPCOMING_DAYS = 7
ROWS_PER_PAGE = 8  # per section; three full sections stay well inside the Home's 100 blocks
RECENT_LOGS = 5
OFFERS_SHOWN = 8
HISTORY_PER_PAGE = 10
MAX_PAGE = 10_000  # a forged page number costs nothing
# Home counts as in use for HOME_IN_USE (bot.domain.home_use) after the user opened it or pressed a
# button on it: a change made meanwhile re-publishes it at once. Later changes wait for the next
# visit, which renders Home fresh (Slack sends app_home_opened on every visit), so nobody ever sees a
# stale Home for long and a burst of commands from the Messages tab costs no renders of a tab nobody
# is looking at.


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class ContactRow:
    contact_id: int
    name: str
    company: str | None
    next_due: dt.date | None
    why: str | None  # why it is due then (the cadence reason)
    stage: str
    promise: str | None
    meeting_on: dt.date | None = None  # a booked meeting still ahead
    story: dict | None = None  # what the row can close: bot.domain.digest_view.open_story
    quiet: bool = False  # gone quiet: the digest asked "let go?" and it waits for the answer
    reason: str | None = None  # the reason to call, the digest's own line (due and overdue rows)
    tags: tuple[str, ...] = ()
    latest_due: dt.date | None = None  # the contact's cadence: past next_due and up to this, slipping
    phone: str | None = None  # stored E.164; shown as dialled in Home.country
    phone_wrong: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    rows: tuple[ContactRow, ...]
    total: int
    page: int  # 0-based

    @property
    def first(self) -> int:
        return self.page * ROWS_PER_PAGE

    @property
    def has_more(self) -> bool:
        return self.first + len(self.rows) < self.total


@dataclass(frozen=True)
class RecentLog:
    contact_id: int
    name: str
    outcome: str
    on: dt.date


@dataclass(frozen=True)
class OfferRow:
    offer_id: int
    title: str
    url: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Home:
    today: dt.date
    tz: str
    contacts_total: int
    paused_notes: tuple[str, ...]  # why nudges are paused (a Slack error, a pause date); empty when not
    paused_by_slack: bool  # a Slack error paused them: the user can resume from Home
    sections: tuple[Section, ...]
    recent: tuple[RecentLog, ...]
    stats: CallStats
    settings: NudgeSettings
    next_digest: dt.datetime | None  # local time of the next digest, None when none is coming
    offers: tuple[OfferRow, ...]
    offers_total: int
    usefulness: tuple[KindTally, ...] = ()  # the user's "useful / not useful" votes per reason kind
    plans: tuple[PlanRow, ...] = ()  # coming planned calls, soonest first (`📅 Thu 10:30`)
    best_hour: str | None = None  # "you reach people most often Tue–Thu 9–11", once learnt
    country: str | None = None  # the user's, for showing phone numbers (contact_details.user_country)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _row(contact: Contact, today: dt.date, quiet: bool = False) -> ContactRow:
    ahead = contact.meeting_state == "booked" and contact.meeting_on and contact.meeting_on >= today
    return ContactRow(
        contact.id,
        contact.name,
        contact.company,
        contact.next_due,
        contact.next_due_reason,
        contact.stage,
        contact.promise if contact.promise and not contact.promise_done else None,
        meeting_on=contact.meeting_on if ahead else None,
        story=open_story(contact, today),
        quiet=quiet,
        tags=tags_of(contact.tags),
        latest_due=contact.latest_due,
        phone=contact.phone,
        phone_wrong=bool(contact.phone_wrong),
    )


def _windows(today: dt.date) -> dict[str, tuple[dt.date | None, dt.date]]:
    """Each section's (after, until] window of next_due dates."""
    return {
        DUE: (today - dt.timedelta(days=1), today),
        OVERDUE: (None, today - dt.timedelta(days=1)),
        UPCOMING: (today, today + dt.timedelta(days=UPCOMING_DAYS)),
    }


def paused_notes(profile: UserProfile, today: dt.date) -> tuple[str, ...]:
    notes = []
    if profile.paused_reason:
        notes.append(profile.paused_reason)
    if profile.pause_until is not None and profile.pause_until >= today:
        notes.append(f"You paused them until {day_label(profile.pause_until)}")
    return tuple(notes)


def local_next_digest(profile: UserProfile) -> dt.datetime | None:
    if profile.next_digest_at is None or profile.next_digest_at >= NEVER:
        return None
    return profile.next_digest_at.replace(tzinfo=dt.UTC).astimezone(zone(profile.tz))


def _with_reasons(
    services: Services, profile: UserProfile, sections: list[Section], contacts: list[Contact], today: dt.date
) -> list[Section]:
    """Due and overdue rows carry the digest's reason to call (SPEC §12: every screen gives the same
    why); a contact the engine fails on keeps its schedule reason."""
    if not contacts:
        return sections
    lines = reasons_for(services, profile, contacts, today)
    return [
        dataclasses.replace(
            part, rows=tuple(dataclasses.replace(r, reason=lines.get(r.contact_id)) for r in part.rows)
        )
        if part.key in (DUE, OVERDUE)
        else part
        for part in sections
    ]


def saw_home(services: Services, team_id: str, user_id: str) -> None:
    """The user has Home in front of them now (they opened it or pressed a button on it)."""
    with services.db.transaction() as session:
        mark_home_seen(session, team_id, user_id, services.clock.now().replace(tzinfo=None))


def home_in_use(services: Services, profile: UserProfile) -> bool:
    """Whether the user looked at Home recently enough that a change should show there at once."""
    return in_use(profile.home_seen_at, services.clock.now())


def home_for(services: Services, profile: UserProfile, page: tuple[str, int] | None = None) -> Home:
    """The user's Home; `page` = (section key, page number) shows that page of one section."""
    team_id, user_id = profile.team_id, profile.user_id
    today = services.clock.now().astimezone(zone(profile.tz)).date()
    with services.db.reading() as session:
        fresh = get_profile(session, team_id, user_id)
    if fresh is not None and fresh.next_digest_at is None:  # not scheduled yet: show when it comes
        with services.db.transaction() as session:
            fresh = get_profile(session, team_id, user_id)  # never recreated (deleted meanwhile: None)
            if fresh is not None and fresh.next_digest_at is None:
                schedule_next_digest(fresh, services.clock.now())
    if fresh is None:  # no profile (a user who never saved anything): Home shows, stores nothing
        fresh = profile
        if fresh.next_digest_at is None:
            schedule_next_digest(fresh, services.clock.now())
    # Every section, count and stat from one snapshot: a call logged meanwhile must not show its
    # contact in two sections (once before the change, once after).
    with services.db.snapshot() as session:
        profile = get_profile(session, team_id, user_id) or fresh
        sections = []
        to_reason: list[Contact] = []
        for key, (after, until) in _windows(today).items():
            number = min(max(page[1], 0), MAX_PAGE) if page and page[0] == key else 0
            total = count_due_window(session, team_id, user_id, after, until)
            if number * ROWS_PER_PAGE >= total:
                number = 0
            rows = contacts_due_window(
                session, team_id, user_id, after, until, limit=ROWS_PER_PAGE, offset=number * ROWS_PER_PAGE
            )
            sections.append(Section(key, tuple(_row(c, today) for c in rows), total, number))
            if key in (DUE, OVERDUE):
                to_reason.extend(rows)
        number = min(max(page[1], 0), MAX_PAGE) if page and page[0] == QUIET else 0
        total = count_quiet(session, team_id, user_id)
        if number * ROWS_PER_PAGE >= total:
            number = 0
        rows = quiet_contacts(session, team_id, user_id, limit=ROWS_PER_PAGE, offset=number * ROWS_PER_PAGE)
        sections.append(Section(QUIET, tuple(_row(c, today, quiet=True) for c in rows), total, number))
        recent = tuple(
            RecentLog(i.contact_id, name, i.outcome, i.on)
            for i, name in recent_logs(session, team_id, user_id, CALL_OUTCOMES, limit=RECENT_LOGS)
        )
        offers = offers_of(session, team_id, user_id)
        home = Home(
            today=today,
            tz=profile.tz,
            contacts_total=count_contacts(session, team_id, user_id),
            paused_notes=paused_notes(profile, today),
            paused_by_slack=bool(profile.paused_reason),
            sections=tuple(sections),
            recent=recent,
            stats=user_stats(
                session,
                team_id,
                user_id,
                today,
                nudge_days_from_text(profile.nudge_days),
                holiday_region_of(profile),
            ),
            settings=current_settings(profile),
            next_digest=local_next_digest(profile),
            offers=tuple(
                OfferRow(o.id, o.title, o.url, tuple((o.topics or "").split())) for o in offers[:OFFERS_SHOWN]
            ),
            offers_total=len(offers),
            usefulness=tallies(votes_of(session, team_id, user_id)),
            plans=plan_rows(session, profile, today, services.clock.now()),
            best_hour=best_hour_of(session, profile).words(),
            country=user_country(profile.holiday_country, profile.tz),
        )
    # After the snapshot: the engine's inputs are read in a transaction of their own, and an
    # in-memory database (the console) has a single connection that the snapshot holds.
    return dataclasses.replace(
        home, sections=tuple(_with_reasons(services, profile, list(home.sections), to_reason, today))
    )


# --- the contact card ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # naive UTC
    on: dt.date
    kind: str  # an Outcome or Action value
    notes: str | None
    next_due: dt.date | None


@dataclass(frozen=True)
class ContactCard:
    contact: ContactSummary
    today: dt.date  # the owner's local date
    contact_id: int
    stage: str
    last_outcome: str | None
    last_contact_on: dt.date | None
    history: tuple[HistoryEntry, ...]
    history_total: int
    page: int

    @property
    def has_older(self) -> bool:
        return (self.page + 1) * HISTORY_PER_PAGE < self.history_total

    @property
    def let_go(self) -> bool:
        return self.stage == Stage.LET_GO.value


def contact_card(services: Services, owner: _Owner, contact_id: object, page: int = 0) -> ContactCard | None:
    """The owner's contact with one page of its history (newest first); None when not theirs or gone."""
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)  # type: ignore[arg-type]
        if contact is None:
            return None
        profile = get_profile(session, owner.team_id, owner.user_id)
        total = count_history(session, owner.team_id, owner.user_id, contact.id)
        page = min(max(page, 0), MAX_PAGE)
        if page * HISTORY_PER_PAGE >= total:
            page = 0
        entries = history_page(
            session,
            owner.team_id,
            owner.user_id,
            contact.id,
            limit=HISTORY_PER_PAGE,
            offset=page * HISTORY_PER_PAGE,
        )
        country = user_country(profile.holiday_country, profile.tz) if profile else None
        return ContactCard(
            replace(summary_of(contact), phone_region=country),  # its number as dialled at home
            local_today(services.clock, profile.tz if profile else "UTC"),
            contact.id,
            contact.stage,
            contact.last_outcome,
            contact.last_contact_on,
            tuple(HistoryEntry(i.at, i.on, i.outcome, i.notes, i.next_due) for i in entries),
            total,
            page,
        )


def forget_contact(services: Services, owner: _Owner, contact_id: object) -> str | None:
    """Delete the owner's contact and its whole history; its name, or None when already gone."""
    with services.db.transaction() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)  # type: ignore[arg-type]
        if contact is None:
            return None
        name = contact.name
        delete_contact(session, owner.team_id, owner.user_id, contact.id)
        return name


def remove_offer(services: Services, owner: _Owner, offer_id: object) -> bool:
    """Remove the owner's offer by id (Home's Remove button); False when it was already gone."""
    try:
        oid = int(offer_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False
    if not 0 < oid < 2**31:  # ids are 32-bit integers (PostgreSQL INTEGER)
        return False
    with services.db.transaction() as session:
        return delete_offer(session, owner.team_id, owner.user_id, oid)


KIND_WORDS = {
    Action.MET.value: "Met",
    Action.SNOOZE.value: "Snoozed",
    Action.LET_GO.value: "Let go",
    Action.REVIVE.value: "Revived",
    Action.PROMISE_KEPT.value: "Promise kept",
    Action.PROMISE_DROPPED.value: "Promise closed",
    Action.MEETING_HELD.value: "Meeting held",
    Action.MEETING_MOVED.value: "Meeting moved",
    Action.MEETING_CANCELLED.value: "Meeting cancelled",
    Action.THANKED.value: "Referrer thanked",
    **{o.value: o.value.replace("-", " ").capitalize() for o in Outcome},
}
