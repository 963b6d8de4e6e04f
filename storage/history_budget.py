"""A workspace's conversations.history calls, shared by every replica: Slack allows an app distributed
outside the Marketplace one a minute per workspace. Two keys in seen_requests per tenant (so a purge of
the tenant takes them): when its last call was made, and the last instant reserved for a waiting call.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.models import SeenRequest

NEVER_CALLED = dt.datetime(2000, 1, 1)


def _key(tenant_id: str, what: str) -> str:
    return f"{tenant_id}:digest-history:{what}"


def _ensure(session: Session, key: str) -> None:
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(SeenRequest)
        .values(key=key, seen_at=NEVER_CALLED)
        .on_conflict_do_nothing(index_elements=["key"])
    )


def take_call(session: Session, tenant_id: str, now: dt.datetime, every: dt.timedelta) -> dt.datetime | None:
    """Record a call at `now` if the tenant's last one was at least `every` ago (one UPDATE: two
    replicas never both get it). None when it is ours; else when the next one may be made."""
    key = _key(tenant_id, "last")
    _ensure(session, key)
    taken = session.execute(
        update(SeenRequest)
        .where(SeenRequest.key == key, SeenRequest.seen_at <= now - every)
        .values(seen_at=now)
    )
    if taken.rowcount:
        return None
    return session.scalar(select(SeenRequest.seen_at).where(SeenRequest.key == key)) + every


def reserve_turn(session: Session, tenant_id: str, now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    """The tenant's next free instant for a call, reserved for the caller: `every` after the last
    reservation and after the last call (a queue: each waiting call gets its own minute)."""
    last, queue = _key(tenant_id, "last"), _key(tenant_id, "queue")
    _ensure(session, last)
    _ensure(session, queue)
    rows = select(SeenRequest).where(SeenRequest.key.in_((last, queue)))
    if session.get_bind().dialect.name == "postgresql":
        rows = rows.with_for_update()
    seen = {row.key: row for row in session.scalars(rows)}
    turn = max(now, seen[last].seen_at + every, seen[queue].seen_at + every)
    seen[queue].seen_at = turn
    return turn


def hold_until(session: Session, tenant_id: str, until: dt.datetime, every: dt.timedelta) -> None:
    """No call before `until` (Slack said so): as if the last one had been made `every` before it."""
    key = _key(tenant_id, "last")
    _ensure(session, key)
    session.execute(
        update(SeenRequest)
        .where(SeenRequest.key == key, SeenRequest.seen_at < until - every)
        .values(seen_at=until - every)
    )
