"""Named queries on contacts. Every function takes the owner (team_id, user_id) and filters by it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, bindparam, case, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.resolve import APOSTROPHES
from bot.domain.vocabulary import Stage, fold
from storage.models import Contact, Interaction, Offer, SeenRequest, utcnow

# The hot queries (every command runs a few) are built once with bind parameters: a statement object
# keeps its cache key, so a call skips building the expression and keying it (a third of its ORM cost).
_OWNS = (Contact.team_id == bindparam("team_id"), Contact.user_id == bindparam("user_id"))
_CONTACT = select(Contact).where(Contact.id == bindparam("cid"), *_OWNS)
_NAME_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.name_key,
    Contact.company,
    Contact.company_key,
    Contact.event,
    Contact.met_on,
)
_NAME_INDEX = select(*_NAME_COLUMNS).where(*_OWNS).order_by(Contact.id)
_NAME_ROWS = (
    select(*_NAME_COLUMNS).where(*_OWNS, Contact.name_key == bindparam("name_key")).order_by(Contact.id)
)
_LOOSE_KEY = Contact.name_key
for _mark in APOSTROPHES:  # bot.domain.resolve.loose_key, in SQL: a stored key without apostrophes
    _LOOSE_KEY = func.replace(_LOOSE_KEY, _mark, "")
_BY_LOOSE_NAME = (
    select(Contact)
    .where(*_OWNS, func.replace(_LOOSE_KEY, "-", " ") == bindparam("loose"))
    .order_by(Contact.id)
)
_FINGERPRINT = select(func.count(), func.max(Contact.id), func.max(Contact.updated_at)).where(*_OWNS)
_TALKING_POINT_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.name_key,
    Contact.company,
    Contact.company_key,
    Contact.role,
    Contact.notes,
    Contact.stage,
    Contact.event,
    Contact.met_on,
    Contact.introducer,
    Contact.referred_by,
    Contact.last_call_notes,
)
_TALKING_POINT_INDEX = select(*_TALKING_POINT_COLUMNS).where(*_OWNS).order_by(Contact.id)
_TALKING_POINT_CHANGES = (
    select(*_TALKING_POINT_COLUMNS)
    .where(*_OWNS, Contact.updated_at >= bindparam("since"))
    .order_by(Contact.id)
)

_CLAIM = {  # by "is SQLite": the dialect's INSERT ... ON CONFLICT DO NOTHING ... RETURNING
    sqlite: insert(SeenRequest)
    .values(key=bindparam("key"), seen_at=bindparam("seen_at"))
    .on_conflict_do_nothing(index_elements=["key"])
    .returning(SeenRequest.key)
    for sqlite, insert in ((True, sqlite_insert), (False, pg_insert))
}


def add_contact(session: Session, team_id: str, user_id: str, **fields) -> Contact:
    contact = Contact(team_id=team_id, user_id=user_id, **fields)
    contact.name_key = fold(contact.name)
    contact.company_key = fold(contact.company) if contact.company else None
    session.add(contact)
    session.flush()
    return contact


def update_contact(contact: Contact, **fields) -> Contact:
    for key, value in fields.items():
        setattr(contact, key, value)
    contact.name_key = fold(contact.name)
    contact.company_key = fold(contact.company) if contact.company else None
    return contact


def get_contact(session: Session, team_id: str, user_id: str, contact_id: int | str | None) -> Contact | None:
    """The contact if it exists AND belongs to this owner; ids from button values are never trusted alone."""
    try:
        cid = int(contact_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not 0 < cid < 2**31:  # ids are 32-bit integers (PostgreSQL INTEGER)
        return None
    return session.scalar(_CONTACT, {"cid": cid, "team_id": team_id, "user_id": user_id})


def list_contacts(session: Session, team_id: str, user_id: str) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).where(Contact.team_id == team_id, Contact.user_id == user_id).order_by(Contact.id)
    ).all()


def count_contacts(session: Session, team_id: str, user_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Contact)
            .where(Contact.team_id == team_id, Contact.user_id == user_id)
        )
        or 0
    )


def still_nudged() -> tuple:
    """Not let go, and not a dormant contact a digest already asked "let go?" about (it waits for the
    answer on Home, asked once). The SQL of `bot.domain.digest_view.due_of`, which the digest applies
    to rows it already holds; tests/test_one_due.py keeps the two the same."""
    return (
        Contact.stage != Stage.LET_GO.value,
        or_(Contact.stage != Stage.DORMANT.value, Contact.let_go_asked.is_(False)),
    )


def _due(team_id: str, user_id: str, day: dt.date) -> tuple:
    """The one definition of "due" (SPEC §12), for the digest, /prep and App Home alike: nudged on or
    before `day` and still nudged (ix_contacts_owner_due)."""
    return (
        Contact.team_id == team_id,
        Contact.user_id == user_id,
        Contact.next_due.is_not(None),
        Contact.next_due <= day,
        *still_nudged(),
    )


def due_contacts(
    session: Session, team_id: str, user_id: str, day: dt.date, *, limit: int | None = None
) -> Sequence[Contact]:
    """Contacts whose next follow-up is on or before `day` (uses ix_contacts_owner_due)."""
    query = select(Contact).where(*_due(team_id, user_id, day)).order_by(Contact.next_due, Contact.id)
    if limit:
        query = query.limit(limit)
    return session.scalars(query).all()


def count_due(session: Session, team_id: str, user_id: str, day: dt.date) -> int:
    return session.scalar(select(func.count()).select_from(Contact).where(*_due(team_id, user_id, day))) or 0


def contacts_by_loose_name(session: Session, team_id: str, user_id: str, loose: str) -> Sequence[Contact]:
    """Contacts whose name reads `loose` (bot.domain.resolve.loose_key) with apostrophes dropped and
    hyphens as spaces: "Zoe OConnell" finds "Zoë O'Connell" (the owner's rows, scanned in the database)."""
    return session.scalars(_BY_LOOSE_NAME, {"team_id": team_id, "user_id": user_id, "loose": loose}).all()


def name_index(
    session: Session, team_id: str, user_id: str
) -> Sequence[tuple[int, str, str, str | None, str | None, str | None, dt.date | None]]:
    """(id, name, name_key, company, company_key, event, met_on) of every contact: enough to resolve a
    typed name, and to tell two people of the same name apart on a pick button."""
    return session.execute(_NAME_INDEX, {"team_id": team_id, "user_id": user_id}).all()


def delete_contact(session: Session, team_id: str, user_id: str, contact_id: int) -> bool:
    """Deletes the contact and its history. False when it was already gone (or never this user's)."""
    session.execute(
        delete(Interaction).where(
            Interaction.contact_id == contact_id,
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
        )
    )
    result = session.execute(
        delete(Contact).where(
            Contact.id == contact_id, Contact.team_id == team_id, Contact.user_id == user_id
        )
    )
    return (result.rowcount or 0) > 0


def _promise_deadline():
    """An open promise's deadline (the digest orders promises by it: the latest promise first, as
    bot.domain.digest_view.digest_rank does), else NULL."""
    return case(
        (
            and_(
                Contact.promise.is_not(None),
                Contact.promise_done.is_(False),
                Contact.promise_due.is_not(None),
            ),
            Contact.promise_due,
        ),
        else_=None,
    )


def digest_contacts(
    session: Session, team_id: str, user_id: str, day: dt.date, *, warm_since: dt.date, limit: int
) -> Sequence[Contact]:
    """The due contacts a digest shows, best first (SPEC §8): promised or meeting follow-ups, then
    still-warm new contacts (met on or after `warm_since`), then the most overdue."""
    rank = case(
        (
            or_(
                and_(Contact.promise.is_not(None), Contact.promise_done.is_(False)),
                Contact.last_outcome == "meeting",
            ),
            0,
        ),
        (and_(Contact.stage == Stage.NEW.value, Contact.met_on >= warm_since), 1),
        else_=2,
    )
    return session.scalars(
        select(Contact)
        .where(*_due(team_id, user_id, day))
        .order_by(rank, func.coalesce(_promise_deadline(), Contact.next_due), Contact.id)
        .limit(limit)
    ).all()


def call_days(
    session: Session, team_id: str, user_id: str, outcomes: Sequence[str], since: dt.date
) -> list[dt.date]:
    """Distinct local dates (newest first) on which the user logged one of `outcomes`."""
    return list(
        session.scalars(
            select(Interaction.on)
            .where(
                Interaction.team_id == team_id,
                Interaction.user_id == user_id,
                Interaction.on >= since,
                Interaction.outcome.in_(list(outcomes)),
            )
            .distinct()
            .order_by(Interaction.on.desc())
        ).all()
    )


def list_offers(session: Session, team_id: str, user_id: str) -> Sequence:
    """The user's offers (things they can share), oldest first."""
    return session.scalars(
        select(Offer).where(Offer.team_id == team_id, Offer.user_id == user_id).order_by(Offer.id)
    ).all()


def talking_point_index(
    session: Session, team_id: str, user_id: str, *, changed_since: dt.datetime | None = None
) -> Sequence[tuple]:
    """(id, name, name_key, company, company_key, role, notes, stage, event, met_on, introducer,
    referred_by, last_call_notes) of every contact,
    in one query: enough to resolve a typed name (and tell two of the same name apart) AND to find
    introductions, without loading whole rows.
    With `changed_since`, only contacts updated at or after that instant (to refresh a cache)."""
    owner = {"team_id": team_id, "user_id": user_id}
    if changed_since is not None:
        return session.execute(_TALKING_POINT_CHANGES, {**owner, "since": changed_since}).all()
    return session.execute(_TALKING_POINT_INDEX, owner).all()


def contact_ids(session: Session, team_id: str, user_id: str) -> set[int]:
    return set(
        session.scalars(select(Contact.id).where(Contact.team_id == team_id, Contact.user_id == user_id))
    )


def upcoming_contacts(
    session: Session, team_id: str, user_id: str, after: dt.date, *, limit: int = 3
) -> Sequence[Contact]:
    """The next contacts to come due after `after` (uses ix_contacts_owner_due)."""
    return session.scalars(
        select(Contact)
        .where(
            Contact.team_id == team_id,
            Contact.user_id == user_id,
            Contact.next_due.is_not(None),
            Contact.next_due > after,
            Contact.stage != Stage.LET_GO.value,
        )
        .order_by(Contact.next_due, Contact.id)
        .limit(limit)
    ).all()


FACT_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.company,
    Contact.role,
    Contact.event,
    Contact.met_on,
    Contact.notes,
    Contact.promise,
    Contact.promise_due,
    Contact.promise_done,
    Contact.promise_outcome,
    Contact.promise_closed_on,
    Contact.referred_by,
    Contact.introducer,
    Contact.referrer_thanked_on,
    Contact.ever_reached,
    Contact.last_call_on,
    Contact.last_call_notes,
    Contact.meeting_on,
    Contact.meeting_state,
    Contact.meeting_asked,
    Contact.let_go_on,
    Contact.stage,
    Contact.last_outcome,
    Contact.last_contact_on,
    Contact.unanswered_streak,
    Contact.email,
    Contact.phone,
    Contact.next_due,
    Contact.phone_wrong,
    Contact.tags,
    Contact.latest_due,
)


def contact_fact_rows(session: Session, team_id: str, user_id: str) -> Sequence:
    """Every contact of the user as plain rows of FACT_COLUMNS (no ORM objects: cheap for many)."""
    return session.execute(
        select(*FACT_COLUMNS)
        .where(Contact.team_id == team_id, Contact.user_id == user_id)
        .order_by(Contact.id)
    ).all()


def claim_once(session: Session, team_id: str, user_id: str, key: str) -> bool:
    """Record that the owner's request `key` is being handled (in the caller's transaction); False when
    it already was. Double clicks on a button that saves something are made harmless with this."""
    # One INSERT ... ON CONFLICT DO NOTHING (no savepoint round trips): every command that writes
    # runs this first, so on SQLite it is a share of the one writer's time.
    statement = _CLAIM[session.get_bind().dialect.name == "sqlite"]
    values = {"key": f"{team_id}:{user_id}:{key}"[:200], "seen_at": utcnow()}
    return session.execute(statement, values).first() is not None


def contacts_fingerprint(session: Session, team_id: str, user_id: str) -> tuple:
    """(count, max id, max updated_at) of the owner's contacts: changes whenever a contact is added,
    edited or deleted, so a cache of derived data can tell it is stale without reloading the rows."""
    return tuple(session.execute(_FINGERPRINT, {"team_id": team_id, "user_id": user_id}).one())


def name_rows(session: Session, team_id: str, user_id: str, name_key: str):
    """Like name_index, but only contacts whose folded name is exactly `name_key` (ix_contacts_owner_name)."""
    return session.execute(_NAME_ROWS, {"team_id": team_id, "user_id": user_id, "name_key": name_key}).all()
