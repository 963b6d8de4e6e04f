"""What a purge deletes: one registry of every table and whose rows it holds, walked by "Delete all my
data" (one user) and by the clean-up after an uninstall's grace period (one tenant).

A new table must be entered in `TABLES`; a walk that meets a table not in it refuses to run rather than
leave its rows behind (and tests/test_purge.py fails first, as it reads the metadata).
"""

from __future__ import annotations

import enum

from sqlalchemy import Table, and_, delete
from sqlalchemy.orm import Session

from storage import installations, plans
from storage.models import Base, SeenRequest


class Holds(enum.StrEnum):
    """Whose rows a table holds, which says how a purge finds them."""

    OWNER = "owner"  # columns team_id and user_id: one user's rows (team_id is the tenant)
    SEEN_KEYS = "seen keys"  # seen_requests: keys "team:user:…" (storage.contacts.claim_once)
    INSTALL = "install"  # a workspace's installation and tokens: the tenant's, never one user's
    TENANT = "tenant"  # tenant_id: the tenant's own record (a pending deletion)
    NOBODY = "nobody"  # no owner (a random OAuth state that expires on its own)


TABLES: dict[str, Holds] = {
    "user_profiles": Holds.OWNER,
    "contacts": Holds.OWNER,
    "interactions": Holds.OWNER,
    "tag_cadences": Holds.OWNER,
    "offers": Holds.OWNER,
    "digests": Holds.OWNER,
    "weekly_reviews": Holds.OWNER,
    "queued_jobs": Holds.OWNER,
    "import_batches": Holds.OWNER,
    "reason_feedback": Holds.OWNER,
    plans.TABLE: Holds.OWNER,
    "seen_requests": Holds.SEEN_KEYS,
    installations.BOTS_TABLE: Holds.INSTALL,
    installations.INSTALLATIONS_TABLE: Holds.INSTALL,
    "uninstalled_workspaces": Holds.TENANT,
    installations.STATES_TABLE: Holds.NOBODY,
}


class UnregisteredTable(LookupError):
    pass


def unregistered() -> set[str]:
    """Tables of the metadata missing from TABLES: empty when the registry is whole. (A name in TABLES
    that no table has is harmless: the walk goes by the tables.)"""
    return set(Base.metadata.tables) - set(TABLES)


def _walk() -> list[tuple[Table, Holds]]:
    """Every table, dependents first (a contact's interactions before the contact)."""
    missing = unregistered()
    if missing:
        raise UnregisteredTable(f"say in storage.erase.TABLES whose rows these hold: {sorted(missing)}")
    return [(table, TABLES[table.name]) for table in reversed(Base.metadata.sorted_tables)]


def delete_owner_rows(session: Session, team_id: str, user_id: str) -> dict[str, int]:
    """Delete every row of one user: their own rows and their request keys. The tenant's installation
    stays (it is the workspace's, and the other members use it). Rows deleted per table name."""
    removed: dict[str, int] = {}
    for table, holds in _walk():
        if holds is Holds.OWNER:
            where = and_(table.c.team_id == team_id, table.c.user_id == user_id)
        elif holds is Holds.SEEN_KEYS:
            where = SeenRequest.key.startswith(f"{team_id}:{user_id}:", autoescape=True)
        else:
            continue
        removed[table.name] = session.execute(delete(table).where(where)).rowcount or 0
    return removed


def delete_tenant_rows(session: Session, tenant_id: str) -> dict[str, int]:
    """Delete every row of a tenant (a workspace, or an org for an org-wide install): every member's
    rows and request keys, its stored installations, and its pending-deletion record. Rows deleted per
    table name."""
    removed: dict[str, int] = {}
    for table, holds in _walk():
        if holds is Holds.OWNER:
            where = table.c.team_id == tenant_id
        elif holds is Holds.SEEN_KEYS:
            where = SeenRequest.key.startswith(f"{tenant_id}:", autoescape=True)
        elif holds is Holds.INSTALL:
            where = installations.of_tenant(table, tenant_id)
        elif holds is Holds.TENANT:
            where = table.c.tenant_id == tenant_id
        else:
            continue
        removed[table.name] = session.execute(delete(table).where(where)).rowcount or 0
    return removed
