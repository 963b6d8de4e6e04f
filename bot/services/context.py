"""Everything a listener or job needs, built once at start-up and passed in (no globals)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

from bot.domain.cadence import DEFAULT_RULES
from bot.domain.clock import Clock, SystemClock
from bot.metrics import CountRateLimits
from bot.services.background import BackgroundWork
from bot.services.cadence_file import load_rules
from bot.services.contact_index import ContactIndexCache
from bot.services.installations import BotTokens, InstalledTokens, SingleToken, WarmcallInstallationStore
from bot.services.playbook_files import load_playbook
from storage.db import Database
from storage.token_cipher import TokenCipher

WEB_CLIENT_LOGGER = "warmcall.slack_sdk"


@dataclass(frozen=True)
class Settings:
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str
    database_url: str
    port: int
    tick_seconds: int
    log_level: str
    playbook_dir: str | None
    cadence_file: str | None
    maintenance_hour: int = 3  # UTC hour of the daily jobs (time zones at :00, clean-up at :30)
    client_id: str | None = None  # OAuth mode (any workspace installs): SLACK_CLIENT_ID
    client_secret: str | None = None
    uninstall_grace_days: int = 7  # data of an uninstalled workspace is deleted after this many days
    workers: int = 1  # HTTP worker processes (WEB_CONCURRENCY); one core each
    # conversations.history calls a minute per workspace: 1 for an app distributed outside the
    # Marketplace (Slack's limit since March 2026); a Marketplace or internal app may use 50 (Tier 3)
    history_per_minute: int = 1
    encryption_keys: tuple[str, ...] = ()  # WARMCALL_ENCRYPTION_KEY: stored tokens (OAuth mode)
    metrics_port: int = 0  # WARMCALL_METRICS_PORT: Socket Mode serves GET /metrics here (0: not at all)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def oauth(self) -> bool:
        """Installs through the OAuth flow, a token per workspace (no SLACK_BOT_TOKEN)."""
        return bool(self.client_id and self.client_secret) and not self.bot_token


def web_client_logger() -> logging.Logger:
    """The logger every WebClient of ours gets, with its level set explicitly.

    slack_sdk builds a debug line holding the whole request and response body whenever its logger's
    own `level` is DEBUG or lower, and a logger nobody configured has level NOTSET (0). So with the
    default logger every call pays for repr() of its blocks and the decoded answer, shown or not:
    about 0.3 ms of a digest post's 1 ms. configure_logging sets this logger's level to LOG_LEVEL
    (and a client made before that gets the effective level), so the lines are built only when they
    will be written; a later configure_logging reaches existing clients too.
    """
    logger = logging.getLogger(WEB_CLIENT_LOGGER)
    if logger.level == logging.NOTSET:
        logger.setLevel(logger.getEffectiveLevel())
    return logger


def make_web_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """A WebClient on SLACK_API_URL. Interactive calls may wait out a 429 in their own thread."""
    client = WebClient(
        token=settings.bot_token, base_url=settings.api_url, timeout=timeout, logger=web_client_logger()
    )
    client.retry_handlers.insert(0, CountRateLimits())  # first: it sees every 429 (GET /metrics)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=2))
    return client


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    client: WebClient | None = None
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("warmcall"))

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = make_web_client(self.settings)

    @cached_property
    def playbook(self):
        return load_playbook(self.settings.playbook_dir)

    @cached_property
    def background(self):
        """Where listeners put the work they do after their ack (see bot.services.background)."""
        return BackgroundWork()

    @cached_property
    def contact_indexes(self) -> ContactIndexCache:
        """The owners' contact indexes for /prep and reasons (bot.services.contact_index), never shared."""
        return ContactIndexCache()

    @cached_property
    def installations(self) -> WarmcallInstallationStore | None:
        """OAuth mode's installation store (None with a single SLACK_BOT_TOKEN)."""
        if not self.settings.oauth:
            return None
        api = WebClient(base_url=self.settings.api_url, timeout=10, logger=web_client_logger())
        return WarmcallInstallationStore(
            self.db,
            client_id=self.settings.client_id or "",
            client_secret=self.settings.client_secret or "",
            api_client=api,
            cipher=TokenCipher(self.settings.encryption_keys),
        )

    @cached_property
    def tokens(self) -> BotTokens:
        """The bot token of a tenant, for Slack calls made outside a listener."""
        if self.installations is not None:
            return InstalledTokens(self.installations)
        return SingleToken(self.settings.bot_token or (self.client.token if self.client else None))

    @cached_property
    def cadence(self):
        return load_rules(self.settings.cadence_file) if self.settings.cadence_file else DEFAULT_RULES

    def __deepcopy__(self, memo: dict) -> Services:
        # One container per process: Bolt deep-copies a request's context for lazy listeners, and a
        # copy of the database pool or the clock would be a second, disconnected one.
        return self

    def check(self) -> None:
        """Load the data files now so a broken one stops start-up, not the first request."""
        _ = self.playbook, self.cadence
