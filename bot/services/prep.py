"""/prep: talking points for one contact, today's due list, and one-line reasons for many contacts.

Loads what the talking-points engine (bot.domain.talking_points) needs with as few queries as possible: the
user's contacts as narrow rows (id, name, company, role, notes, stage) in ONE query that serves both
name resolution and introductions, the offers once, the profile once. Knows nothing of Slack.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.domain.contact_details import user_country
from bot.domain.dates import day_first_in
from bot.domain.digest_schedule import holiday_region_of
from bot.domain.feedback import demoted_kinds
from bot.domain.resolve import Candidate, resolve_contact
from bot.domain.talking_points import (
    ContactFacts,
    OfferFacts,
    OtherFacts,
    OthersIndex,
    Reason,
    TalkingPoints,
    UserFacts,
    best_reason,
    others_index,
    prepare,
    reason_line,
)
from bot.domain.vocabulary import fold
from bot.services.contact_index import ContactIndex, stage_of
from bot.services.context import Services
from bot.services.offers import offer_command, offer_facts
from bot.services.profiles import ensure_profile, today_for
from storage.contacts import count_due, digest_contacts, get_contact, upcoming_contacts
from storage.feedback import votes_of
from storage.home import count_due_window
from storage.models import UserProfile
from storage.offers import offers_of

log = logging.getLogger(__name__)

DUE_SHOWN = 10  # due contacts listed by `/prep` alone; the rest are counted
WARM_DAYS = 14  # same "still warm" window as the digest's ordering
NOT_YOURS = "I can't find that contact among yours. It may have been deleted; try `/prep NAME`."
_UNNAMED = "me"  # the voicemail script still reads well when Slack gave us no name


class _Owner(Protocol):  # handlers.request.Owner, without importing handlers
    team_id: str
    user_id: str


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    contact: ContactFacts
    points: TalkingPoints
    today: dt.date
    country: str | None = None  # the owner's, for showing phone numbers (contact_details.user_country)


@dataclass(frozen=True)
class DueItem:
    id: int
    name: str
    company: str | None
    next_due: dt.date
    reason: str


@dataclass(frozen=True)
class DueList:
    """`/prep` alone: what is due today (best first), how many in all, and what comes next if none."""

    today: dt.date
    items: tuple[DueItem, ...]
    total: int
    upcoming: tuple[DueItem, ...] = ()
    due_today: int = 0  # of `total`, due today itself; the rest are overdue (App Home's split)


@dataclass(frozen=True)
class AskPick:
    query: str
    choices: tuple[Candidate, ...]


@dataclass(frozen=True)
class NotFound:
    query: str
    suggestions: tuple[Candidate, ...]


@dataclass(frozen=True)
class Refused:
    message: str


PrepResult = Prepared | DueList | AskPick | NotFound | Refused


# --- engine inputs ---------------------------------------------------------------------------------


def facts_of(contact: Any) -> ContactFacts:
    """ContactFacts from a stored contact (a storage.models.Contact, or any object with its fields).

    The story fields (SPEC §12) come from the contact's own columns, kept up to date by every logged
    change, so the digest, /prep and Home read the same story without loading the history."""

    def value(name: str, default=None):
        return getattr(contact, name, default)

    referrer = value("referred_by")
    return ContactFacts(
        id=contact.id,
        name=contact.name,
        company=contact.company,
        role=contact.role,
        event=value("event"),
        met_on=value("met_on"),
        notes=contact.notes,
        promise=value("promise"),
        promise_due=value("promise_due"),
        promise_done=bool(value("promise_done", False)),
        referred_by=referrer,
        introducer=value("introducer"),
        referrer_thanked=value("referrer_thanked_on") is not None,
        referrer_is_member=bool(referrer and referrer.startswith("<@")),
        ever_reached=bool(value("ever_reached", False)),
        meeting_on=value("meeting_on") if value("meeting_state") in ("booked", "held") else None,
        # held only when the user said so: a meeting nobody confirmed is never "you met" (SPEC §14);
        # the digest asks "did it happen?" once, /prep keeps asking until it is answered
        meeting_confirmed=value("meeting_state") == "held",
        last_call_on=value("last_call_on"),
        last_call_notes=value("last_call_notes"),
        earlier_call_notes=value("earlier_call_notes"),
        earlier_call_on=value("earlier_call_on"),
        let_go_on=value("let_go_on"),
        stage=stage_of(value("stage")),
        last_outcome=value("last_outcome"),
        last_contact_on=value("last_contact_on"),
        unanswered_streak=value("unanswered_streak") or 0,
        email=value("email"),
        phone=value("phone"),
        phone_wrong=bool(value("phone_wrong", False)),
        tags=tuple((value("tags") or "").split()),
        next_due=value("next_due"),
        latest_due=value("latest_due"),
    )


def contact_index(services: Services, session, owner: _Owner) -> ContactIndex:
    """The owner's ContactIndex, from the container's cache (refreshed with only what changed)."""
    return services.contact_indexes.load(session, owner.team_id, owner.user_id)


def _resolve(rows: Sequence[Sequence], query: str):
    """resolve_contact, with the common case (an exact full name) found without scanning all tiers."""
    key = fold(query)
    exact = [_named(r) for r in rows if r[2] == key]
    return resolve_contact(exact or [_named(r) for r in rows], query)


def _named(row: Sequence) -> tuple:
    """An index row as resolve_contact reads it: id, name, keys, company, and event and met day so
    two people of the same name can be told apart."""
    return (*row[:5], row[8], row[9])


@dataclass(frozen=True)
class Inputs:
    """What every prepare() call of one request shares: loaded once."""

    user: UserFacts
    offers: tuple[OfferFacts, ...]
    # ContactFacts or plain rows with the fields introductions read, or (from the owner's cached
    # ContactIndex) those already folded into an OthersIndex
    others: tuple[OtherFacts, ...] | OthersIndex
    demoted: frozenset[str] = frozenset()  # reason kinds the user marked not useful (bot.domain.feedback)


def _inputs(profile, index: ContactIndex, offers, demoted: frozenset[str] = frozenset()) -> Inputs:
    return Inputs(
        user=UserFacts(
            name=(profile.display_name or "").strip() or _UNNAMED,
            day_first=day_first_in(holiday_region_of(profile)),
        ),
        offers=tuple(offer_facts(offers)),
        others=index.intro_index,
        demoted=demoted,
    )


def load_inputs(services: Services, owner: _Owner, profile=None) -> Inputs:
    profile = profile or ensure_profile(services, owner.team_id, owner.user_id)
    with services.db.reading() as session:
        index = contact_index(services, session, owner)
        demoted = demoted_kinds(votes_of(session, owner.team_id, owner.user_id))
        return _inputs(profile, index, offers_of(session, owner.team_id, owner.user_id), demoted)


def _points(services: Services, contact: ContactFacts, inputs: Inputs, today: dt.date) -> TalkingPoints:
    return prepare(
        contact,
        user=inputs.user,
        offers=inputs.offers,
        others=inputs.others,
        today=today,
        playbook=services.playbook,
        demoted=inputs.demoted,
    )


def talking_points_for(
    services: Services, owner: _Owner, contact: Any, today: dt.date, *, inputs: Inputs | None = None
) -> TalkingPoints:
    """Talking points for one of the owner's contacts (a stored row or ContactFacts)."""
    facts = contact if isinstance(contact, ContactFacts) else facts_of(contact)
    return _points(services, facts, inputs or load_inputs(services, owner), today)


def best_reasons_for(
    services: Services,
    owner: _Owner,
    contacts: Sequence[Any],
    today: dt.date,
    *,
    inputs: Inputs | None = None,
) -> dict[int, Reason]:
    """The best reason for each of many contacts; offers and others are loaded once.

    A contact the engine fails on is left out (callers show their own plain line): one odd note must
    not cost the user a whole digest or Home tab.
    """
    if not contacts:
        return {}
    inputs = inputs or load_inputs(services, owner)
    others = inputs.others  # folded and joined once for the whole batch
    if not isinstance(others, OthersIndex):
        others = others_index(others)
    found: dict[int, Reason] = {}
    for contact in contacts:
        facts = contact if isinstance(contact, ContactFacts) else facts_of(contact)
        try:
            found[facts.id] = best_reason(
                facts,
                user=inputs.user,
                offers=inputs.offers,
                others=others,
                today=today,
                playbook=services.playbook,
                demoted=inputs.demoted,
            )
        except Exception:
            log.exception("talking points failed for contact %s", facts.id)
    return found


def reasons_for(
    services: Services,
    owner: _Owner,
    contacts: Sequence[Any],
    today: dt.date,
    *,
    inputs: Inputs | None = None,
) -> dict[int, str]:
    """One-line reasons (≤ 150 characters) for many contacts (see best_reasons_for)."""
    found = best_reasons_for(services, owner, contacts, today, inputs=inputs)
    return {contact_id: reason_line(reason) for contact_id, reason in found.items()}


# --- what /prep and its buttons do -----------------------------------------------------------------


def prep_named(
    services: Services, owner: _Owner, query: str, profile: UserProfile | None = None
) -> Prepared | AskPick | NotFound:
    """`/prep NAME`: resolve the name like /called does, then prepare the one match. `profile`: the
    owner's, when the caller has just read it."""
    profile = profile or ensure_profile(services, owner.team_id, owner.user_id)
    today = today_for(services, profile)
    with services.db.reading() as session:
        index = contact_index(services, session, owner)
        found = _resolve(index.rows, query)
        if found.match is None:
            if found.choices:
                return AskPick(query, found.choices)
            return NotFound(query, found.suggestions)
        contact = get_contact(session, owner.team_id, owner.user_id, found.match.id)
        if contact is None:  # deleted between the two reads
            return NotFound(query, ())
        facts = facts_of(contact)
        inputs = _inputs(
            profile,
            index,
            offers_of(session, owner.team_id, owner.user_id),
            demoted_kinds(votes_of(session, owner.team_id, owner.user_id)),
        )
    country = user_country(profile.holiday_country, profile.tz)
    return Prepared(facts, _points(services, facts, inputs, today), today, country)


def prep_contact(services: Services, owner: _Owner, contact_id: str | int | None) -> Prepared | Refused:
    """A Prep button: the id comes from a button value, so it is loaded with the clicking owner."""
    profile = ensure_profile(services, owner.team_id, owner.user_id)
    today = today_for(services, profile)
    with services.db.reading() as session:
        contact = get_contact(session, owner.team_id, owner.user_id, contact_id)
        if contact is None:
            return Refused(NOT_YOURS)
        facts = facts_of(contact)
        index = contact_index(services, session, owner)
        inputs = _inputs(
            profile,
            index,
            offers_of(session, owner.team_id, owner.user_id),
            demoted_kinds(votes_of(session, owner.team_id, owner.user_id)),
        )
    country = user_country(profile.holiday_country, profile.tz)
    return Prepared(facts, _points(services, facts, inputs, today), today, country)


def due_today(services: Services, owner: _Owner, profile: UserProfile | None = None) -> DueList:
    """`/prep` alone: today's due contacts (the user's local date), ordered as in the digest."""
    profile = profile or ensure_profile(services, owner.team_id, owner.user_id)
    today = today_for(services, profile)
    team, user = owner.team_id, owner.user_id
    with services.db.reading() as session:
        due = digest_contacts(
            session, team, user, today, warm_since=today - dt.timedelta(days=WARM_DAYS), limit=DUE_SHOWN
        )
        if not due:
            upcoming = upcoming_contacts(session, team, user, today, limit=3)
            return DueList(today, (), 0, tuple(_item(c, "") for c in upcoming))
        total = count_due(session, team, user, today)
        due_today_n = count_due_window(session, team, user, today - dt.timedelta(days=1), today)
        facts = [facts_of(c) for c in due]
        inputs = _inputs(
            profile,
            contact_index(services, session, owner),
            offers_of(session, team, user),
            demoted_kinds(votes_of(session, team, user)),
        )
    lines = reasons_for(services, owner, facts, today, inputs=inputs)
    return DueList(today, tuple(_item(c, lines.get(c.id, "")) for c in due), total, due_today=due_today_n)


def prep_command(services: Services, owner: _Owner, text: str, profile: UserProfile | None = None):
    """Everything `/prep TEXT` can mean: nothing → the due list; `offer …`/`offers` → offers; a name.
    `profile`: the owner's, when the caller has just read it (not read again)."""
    text = " ".join(text.split())
    first, _, rest = text.partition(" ")
    if not text:
        return due_today(services, owner, profile)
    if first.casefold() in ("offer", "offers"):
        return offer_command(services, owner, rest)
    return prep_named(services, owner, text, profile)


def _item(contact, reason: str) -> DueItem:
    return DueItem(contact.id, contact.name, contact.company, contact.next_due, reason)
