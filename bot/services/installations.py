"""Whose token a Web API call uses: one bot token (single-workspace mode) or the bot token of each
installation (OAuth mode), refreshed before it expires; and what an uninstall does.

Listeners get their installation's client from Bolt's authorize. Everything else that talks to
Slack on a workspace's behalf (the digest, the queue's work, Home refreshes, the time-zone refresh)
asks `services.tokens.token_for(tenant)` with the tenant of the rows it acts on, so a workspace's
data only ever travels with that workspace's token.

Token rotation. With rotation on, Slack's bot tokens expire after 12 hours and a refresh token,
good for one exchange, buys the next pair. Two replicas refreshing with the same refresh token at
once would leave one of them with a refused refresh, so the refresh happens in `find_bot` of the
installation store Bolt also reads, under a lock held across replicas (PostgreSQL advisory lock; a
thread lock within the process), and the winner's token is what the others read afterwards. Bolt's
own rotator is given a shorter window than ours, so it never finds a token we left unrefreshed.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import threading
import time
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.domain.clock import Clock, naive_utc
from storage import installations as store
from storage.db import Database
from storage.erase import delete_tenant_rows
from storage.token_cipher import TokenCipher, UnreadableToken

log = logging.getLogger(__name__)

ROTATE_MINUTES = 120  # refresh a token this long before it expires (Bolt's default window)
BOLT_ROTATE_MINUTES = 100  # Bolt's rotator: inside ours, so it never races our refresh
DEFAULT_GRACE_DAYS = 7
_ROTATING = threading.Lock()  # one refresh at a time in this process (the advisory lock: across them)


class BotTokens(Protocol):
    """Where code outside listeners gets the bot token of a tenant (see handlers.request.Owner)."""

    per_workspace: bool

    def token_for(self, tenant_id: str) -> str | None: ...

    def tenants(self) -> list[tuple[str, str]]: ...


class SingleToken:
    """Single-workspace mode: SLACK_BOT_TOKEN for everything, as before OAuth existed."""

    per_workspace = False

    def __init__(self, token: str | None) -> None:
        self.token = token

    def token_for(self, tenant_id: str) -> str | None:
        return self.token

    def tenants(self) -> list[tuple[str, str]]:
        """One pass with the one token; members carry their own team ids."""
        return [("", self.token)] if self.token else []


class WarmcallInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy store on our database, whose `find_bot` hands out a token that is
    good for at least ROTATE_MINUTES, refreshing it first (once across replicas) when it is not."""

    def __init__(
        self,
        db: Database,
        *,
        client_id: str,
        client_secret: str,
        api_client: WebClient,
        cipher: TokenCipher,
        rotate_minutes: int = ROTATE_MINUTES,
    ) -> None:
        super().__init__(client_id=client_id, engine=db.engine, logger=logging.getLogger("warmcall.installs"))
        self.db = db
        self.cipher = cipher
        self.rotator = TokenRotator(client_id=client_id, client_secret=client_secret, client=api_client)
        self.rotate_minutes = rotate_minutes

    # Tokens are encrypted on their way in and decrypted on their way out; slack_sdk's own save()
    # and find_installation() go through these too.

    def save(self, installation: Installation) -> None:
        sealed = copy.copy(installation)
        for name in ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"):
            setattr(sealed, name, self.cipher.encrypt(getattr(installation, name)))
        super().save(sealed)  # its save_bot(sealed.to_bot()) finds the tokens already encrypted

    def save_bot(self, bot: Bot) -> None:
        sealed = copy.copy(bot)
        sealed.bot_token = self.cipher.encrypt(bot.bot_token)
        sealed.bot_refresh_token = self.cipher.encrypt(bot.bot_refresh_token)
        super().save_bot(sealed)

    def build_bot_entity(self, row) -> Bot:
        return super().build_bot_entity(self._opened(row, ("bot_token", "bot_refresh_token")))

    def build_installation_entity(self, row) -> Installation:
        names = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
        return super().build_installation_entity(self._opened(row, names))

    def _opened(self, row, names: tuple[str, ...]) -> dict:
        opened = dict(row)
        for name in names:
            if name in opened:
                opened[name] = self.cipher.decrypt(opened[name])
        return opened

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        if is_enterprise_install and enterprise_id:
            return self.bot_of(enterprise_id)
        return self.bot_of(team_id or enterprise_id or "")

    def bot_of(self, tenant_id: str, *, wait_seconds: float = 5.0) -> Bot | None:
        """The tenant's newest bot installation with a fresh token, or None when not installed."""
        if not tenant_id:
            return None
        deadline = time.monotonic() + wait_seconds
        while True:
            bot = self._read(tenant_id)
            if bot is None or not self._expiring(bot):
                return bot
            with _ROTATING, self.db.exclusive(f"rotate-token:{tenant_id}") as mine:
                if mine:
                    bot = self._read(tenant_id)  # another replica may have refreshed meanwhile
                    if bot is None or not self._expiring(bot):
                        return bot
                    return self._refresh(tenant_id, bot)
            if time.monotonic() >= deadline:
                return bot  # still good until it expires; the next call refreshes it
            time.sleep(0.05)

    def _read(self, tenant_id: str) -> Bot | None:
        with self.db.reading() as session:
            row = store.find_bot(session, self.client_id, tenant_id)
        try:
            return self.build_bot_entity(row) if row is not None else None
        except UnreadableToken as exc:
            log.error("%s of %s: was a key removed before `warmcall rotate-key` ran?", exc, tenant_id)
            return None

    def _expiring(self, bot: Bot) -> bool:
        expires_at = bot.bot_token_expires_at
        return (
            bool(bot.bot_refresh_token)
            and expires_at is not None
            and (expires_at <= time.time() + self.rotate_minutes * 60)
        )

    def _refresh(self, tenant_id: str, bot: Bot) -> Bot:
        try:
            # We decided it is due (our clock); the rotator is told to refresh whatever it thinks.
            refreshed = self.rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=10**7)
        except SlackTokenRotationError as exc:
            error = exc.api_error.response.get("error") if exc.api_error is not None else "no answer"
            log.error("could not refresh the bot token of %s: %s", tenant_id, error)
            return self._read(tenant_id) or bot  # the old token works until it expires
        if refreshed is None:
            return bot
        self.save_bot(refreshed)
        log.info("refreshed the bot token of %s", tenant_id)
        return refreshed


class InstalledTokens:
    """OAuth mode: each tenant's own bot token, from the installation store."""

    per_workspace = True

    def __init__(self, installations: WarmcallInstallationStore) -> None:
        self.installations = installations

    def token_for(self, tenant_id: str) -> str | None:
        bot = self.installations.bot_of(tenant_id)
        return bot.bot_token if bot is not None else None

    def tenants(self) -> list[tuple[str, str]]:
        """(tenant, token) of every installation, each token fresh."""
        with self.installations.db.reading() as session:
            rows = store.installed_bots(session, self.installations.client_id)
        found = []
        for row in rows:
            tenant = store.tenant_of(row)
            token = self.token_for(tenant)
            if token:
                found.append((tenant, token))
        return found


# -- uninstall, reinstall, deletion -------------------------------------------------------------------


def tenant_of_installation(
    enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool
) -> str:
    if is_enterprise_install and enterprise_id:
        return enterprise_id
    return team_id or enterprise_id or ""


def uninstalled(
    db: Database, clock: Clock, tenant_id: str, *, client_id: str | None, grace_days: int
) -> dt.datetime:
    """app_uninstalled / tokens_revoked: forget the tenant's tokens, stop its digests now, and set
    the day its data goes. Returns that deadline."""
    now = naive_utc(clock.now())
    delete_after = now + dt.timedelta(days=grace_days)
    with db.transaction() as session:
        if client_id:
            store.forget_installation(session, client_id, tenant_id)
        store.mark_uninstalled(session, tenant_id, now, delete_after)
    log.warning("%s uninstalled Warmcall: digests stopped, data deleted after %s", tenant_id, delete_after)
    return delete_after


def reinstalled(db: Database, tenant_id: str) -> bool:
    """An install: a pending deletion is called off and the tenant's digests come back."""
    with db.transaction() as session:
        kept = store.mark_reinstalled(session, tenant_id)
    if kept:
        log.info("%s installed Warmcall again within the grace period: its data is kept", tenant_id)
    return kept


def delete_uninstalled(db: Database, clock: Clock) -> dict:
    """Delete the data of every tenant whose grace period is over (the daily maintenance job): every
    table of storage.erase.TABLES, the tenant's request keys and installations included."""
    now = naive_utc(clock.now())
    with db.reading() as session:
        tenants = store.expired_uninstalls(session, now)
    deleted = rows = 0
    for tenant in tenants:
        with db.transaction() as session:
            if not store.is_uninstalled(session, tenant):  # reinstalled meanwhile
                continue
            rows += sum(delete_tenant_rows(session, tenant).values())
        deleted += 1
        log.info("deleted the data of %s (uninstalled, grace period over)", tenant)
    return {"workspaces_deleted": deleted, "workspace_rows_deleted": rows}
