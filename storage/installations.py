"""Installations of the app (OAuth mode): the tables of slack_sdk's SQLAlchemy stores on our database, the
per-workspace bot-token look-up, and workspaces that uninstalled the app (their data waits out a
grace period, then goes).

The stores' tables (`slack_bots`, `slack_installations`, `slack_oauth_states`) are slack_sdk's own
layouts, created by our migration 0005 rather than by `create_tables()`, and declared here on our
metadata so every tool that walks our tables (clean-ups, tests) sees them. The stores themselves
(slack_sdk objects) are built in bot.services.installations.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    delete,
    desc,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.digest_schedule import NEVER
from storage.models import Base, UserProfile

log = logging.getLogger(__name__)

BOTS_TABLE = "slack_bots"
INSTALLATIONS_TABLE = "slack_installations"
STATES_TABLE = "slack_oauth_states"

# The layouts of slack_sdk.oauth.installation_store.sqlalchemy and .state_store.sqlalchemy (3.x),
# which read and write these tables through their own metadata; the token columns are TEXT here
# (migration 0011): they hold tokens encrypted by bot.services.installations' store.
bots = Table(
    BOTS_TABLE,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", Text),  # encrypted (storage.token_cipher)
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", Text),
    Column("bot_token_expires_at", DateTime),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(f"{BOTS_TABLE}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
installations = Table(
    INSTALLATIONS_TABLE,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("enterprise_url", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", Text),  # encrypted (storage.token_cipher)
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", Text),
    Column("bot_token_expires_at", DateTime),
    Column("user_id", String(32), nullable=False),
    Column("user_token", Text),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", Text),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(f"{INSTALLATIONS_TABLE}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)
oauth_states = Table(
    STATES_TABLE,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)


class UninstalledWorkspace(Base):
    """A workspace (or, for an org-wide install, an organisation) that uninstalled the app or revoked
    its tokens: no digests from `uninstalled_at`, its data deleted once `delete_after` has passed.
    A reinstall before then deletes this row and keeps the data."""

    __tablename__ = "uninstalled_workspaces"

    tenant_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    uninstalled_at: Mapped[dt.datetime] = mapped_column(DateTime)
    delete_after: Mapped[dt.datetime] = mapped_column(DateTime)


def tenant_of(row: dict) -> str:
    """Our tenant id for a stored installation (handlers.request.owner_of): the org for an org-wide
    install, else the workspace."""
    if row.get("is_enterprise_install") and row.get("enterprise_id"):
        return row["enterprise_id"]
    return row.get("team_id") or row.get("enterprise_id") or ""


def find_bot(session: Session, client_id: str, tenant_id: str) -> dict | None:
    """The newest bot installation with a token for a tenant: an org (E…) means its org-wide install,
    a workspace (T…) its own install, in Enterprise Grid or not (team ids are unique across orgs)."""
    c = bots.c
    query = select(bots).where(c.client_id == client_id, c.bot_token.is_not(None))
    if tenant_id.startswith("E"):
        query = query.where(c.enterprise_id == tenant_id, c.is_enterprise_install.is_(True))
    else:
        query = query.where(c.team_id == tenant_id)
    row = session.execute(query.order_by(desc(c.installed_at), desc(c.id)).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def installed_bots(session: Session, client_id: str) -> list[dict]:
    """The newest bot installation of every tenant (for jobs that visit each workspace)."""
    rows = session.execute(
        select(bots)
        .where(bots.c.client_id == client_id, bots.c.bot_token.is_not(None))
        .order_by(desc(bots.c.installed_at), desc(bots.c.id))
    ).mappings()
    newest: dict[str, dict] = {}
    for row in rows:
        newest.setdefault(tenant_of(dict(row)), dict(row))
    return list(newest.values())


def forget_installation(session: Session, client_id: str, tenant_id: str) -> int:
    """Delete every stored token of a tenant (Slack has revoked them all on uninstall)."""
    removed = 0
    for table in (bots, installations):
        query = delete(table).where(table.c.client_id == client_id, of_tenant(table, tenant_id))
        removed += session.execute(query).rowcount or 0
    return removed


def of_tenant(table: Table, tenant_id: str) -> ColumnElement[bool]:
    """The rows of `bots` or `installations` that are this tenant's install (see find_bot)."""
    c = table.c
    if tenant_id.startswith("E"):
        return and_(c.enterprise_id == tenant_id, c.is_enterprise_install.is_(True))
    return c.team_id == tenant_id


# -- uninstalls ---------------------------------------------------------------------------------------


def mark_uninstalled(session: Session, tenant_id: str, now: dt.datetime, delete_after: dt.datetime) -> None:
    """Record the uninstall (the first one counts: a second event does not move the deadline) and
    stop every digest of the tenant."""
    if session.get(UninstalledWorkspace, tenant_id) is None:
        session.add(UninstalledWorkspace(tenant_id=tenant_id, uninstalled_at=now, delete_after=delete_after))
    session.execute(update(UserProfile).where(UserProfile.team_id == tenant_id).values(next_digest_at=NEVER))


def mark_reinstalled(session: Session, tenant_id: str) -> bool:
    """Forget a pending deletion; digests of users not paused for a reason of their own come back
    (NULL: the dispatcher's next pass schedules them). True when there was one."""
    row = session.get(UninstalledWorkspace, tenant_id)
    if row is None:
        return False
    session.delete(row)
    session.execute(
        update(UserProfile)
        .where(UserProfile.team_id == tenant_id, UserProfile.paused_reason.is_(None))
        .values(next_digest_at=None)
    )
    return True


def is_uninstalled(session: Session, tenant_id: str) -> bool:
    return session.get(UninstalledWorkspace, tenant_id) is not None


def expired_uninstalls(session: Session, now: dt.datetime) -> list[str]:
    rows = session.scalars(
        select(UninstalledWorkspace.tenant_id).where(UninstalledWorkspace.delete_after <= now)
    )
    return list(rows)
