"""Settings from the environment (and `.env`), names and defaults of SPEC §2."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from dotenv import load_dotenv

from bot.services.context import WEB_CLIENT_LOGGER, Settings
from storage.token_cipher import KEY_SETTING, parse_keys

DEFAULT_DATABASE_URL = "sqlite:///data/warmcall.db"
DEFAULT_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line an operator can act on."""


def load_dotenv_file(path: str | Path = ".env") -> None:
    """Load `.env` without overriding variables already set in the environment."""
    load_dotenv(path, override=False)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a whole number; set it to a number like {default}."
        ) from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} is out of range; use a number from {low} to {high}.")
    return value


def load_settings(env: Mapping[str, str] | None = None, *, mode: str = "run") -> Settings:
    """Read and check every setting. `mode` is run, serve-http, console, migrate or tick.

    Tokens are only required where they are used: `migrate` needs none, `console` brings its own.
    """
    env = os.environ if env is None else env
    get = lambda name: (env.get(name) or "").strip() or None  # noqa: E731

    bot_token = get("SLACK_BOT_TOKEN")
    app_token = get("SLACK_APP_TOKEN")
    signing_secret = get("SLACK_SIGNING_SECRET")
    client_id, client_secret = get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET")
    if bool(client_id) != bool(client_secret):
        missing = "SLACK_CLIENT_SECRET" if client_id else "SLACK_CLIENT_ID"
        raise ConfigError(
            f"{missing} is not set: OAuth mode needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET from your "
            "Slack app's Basic Information page (or unset both and use SLACK_BOT_TOKEN)."
        )
    oauth = bool(client_id) and not bot_token
    needs_slack = mode in {"run", "serve-http", "tick"}
    if needs_slack and not bot_token and not oauth:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app's "
            "OAuth & Permissions page into .env (or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to let "
            "any workspace install it), or try `warmcall console` without Slack."
        )
    if oauth and app_token and mode == "run":
        raise ConfigError(
            "SLACK_CLIENT_ID is set with SLACK_APP_TOKEN: OAuth installs are served over HTTP; unset "
            "SLACK_APP_TOKEN or run `warmcall serve --http`."
        )
    if bot_token and not bot_token.startswith("xoxb-"):
        raise ConfigError(
            "SLACK_BOT_TOKEN must be a bot token starting with xoxb-; check OAuth & Permissions."
        )
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError(
            "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → "
            "App-Level Tokens, scope connections:write); unset it to use HTTP mode."
        )
    socket_mode = bool(app_token) and mode == "run"
    if mode in {"run", "serve-http"} and not socket_mode and not signing_secret:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests; copy it from your "
            "Slack app's Basic Information page, or set SLACK_APP_TOKEN to use Socket Mode."
        )

    api_url = get("SLACK_API_URL") or DEFAULT_API_URL
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_URL={api_url!r} must be an http(s) URL such as {DEFAULT_API_URL}.")
    if not api_url.endswith("/"):
        api_url += "/"

    database_url = get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if "://" not in database_url:
        raise ConfigError(
            f"DATABASE_URL={database_url!r} is not a database URL; use e.g. {DEFAULT_DATABASE_URL} "
            "or postgresql+psycopg://user@host/db."
        )
    if database_url.startswith("postgresql://") or database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]

    log_level = (get("LOG_LEVEL") or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL={log_level!r} is not a log level; use one of {', '.join(LOG_LEVELS)}.")

    playbook_dir = get("WARMCALL_PLAYBOOK_DIR")
    if playbook_dir and not Path(playbook_dir).is_dir():
        raise ConfigError(
            f"WARMCALL_PLAYBOOK_DIR={playbook_dir!r} is not a folder; point it at a copy of seeds/."
        )
    cadence_file = get("WARMCALL_CADENCE_FILE")
    if cadence_file and not Path(cadence_file).is_file():
        raise ConfigError(f"WARMCALL_CADENCE_FILE={cadence_file!r} does not exist; point it at a TOML file.")

    try:
        encryption_keys = parse_keys(get(KEY_SETTING))
    except ValueError as exc:
        raise ConfigError(
            f"{KEY_SETTING}: {exc}. Each key is 44 characters, as `warmcall new-key` prints; "
            "separate several with commas (the first encrypts)."
        ) from None
    if oauth and not encryption_keys and mode != "console":
        raise ConfigError(
            f"{KEY_SETTING} is not set: in OAuth mode Warmcall stores each workspace's bot token "
            "encrypted with it. Run `warmcall new-key`, put the key in the environment of every "
            "replica, and keep a copy: without it the stored tokens can't be read."
        )

    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=api_url,
        database_url=database_url,
        port=_int(env, "PORT", 3000, 1, 65535),
        tick_seconds=_int(env, "WARMCALL_TICK_SECONDS", 60, 1, 86400),
        maintenance_hour=_int(env, "WARMCALL_MAINTENANCE_HOUR", 3, 0, 23),
        log_level=log_level,
        playbook_dir=playbook_dir,
        cadence_file=cadence_file,
        client_id=client_id,
        client_secret=client_secret,
        uninstall_grace_days=_int(env, "WARMCALL_UNINSTALL_GRACE_DAYS", 7, 0, 3650),
        workers=_int(env, "WEB_CONCURRENCY", 1, 1, 64),
        history_per_minute=_int(env, "WARMCALL_HISTORY_PER_MINUTE", 1, 1, 6000),
        encryption_keys=encryption_keys,
        metrics_port=_int(env, "WARMCALL_METRICS_PORT", 0, 0, 65535),
    )


_SECRETS = re.compile(
    r"xox[abposre]-[A-Za-z0-9-]+"  # bot, user, app-config and refresh tokens
    r"|xapp-[A-Za-z0-9-]+"
    r"|https?://[^\s\"'<>]*/(?:commands|actions|response)/[^\s\"'<>]*"  # response_urls (and the double's)
)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def redact(text: str) -> str:
    """Tokens and response_urls replaced by a marker."""
    return _SECRETS.sub(lambda m: "xox…[redacted]" if m.group(0).startswith("x") else "[response_url]", text)


def one_line(text: str) -> str:
    """A value from a user as one log line: control characters (newlines above all) escaped, so it
    cannot forge a line of its own."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


class RedactingFormatter(logging.Formatter):
    """Every line without tokens or response_urls, the message on one line; tracebacks included.

    Bolt's "Unhandled request" warning carries the request body (user text): only its kind is kept.
    """

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if message.startswith("Unhandled request"):
            message = "Unhandled request (body not logged)"
        record = logging.makeLogRecord({**record.__dict__, "msg": one_line(redact(message)), "args": None})
        return redact(super().format(record))


class _RedactTokens(logging.Filter):
    """For handlers with a formatter of their own: the message without tokens or response_urls."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class OncePer(logging.Filter):
    """At most one record per `seconds` for each logger it is on, the rest dropped with a count.

    waitress warns on every request queued while its threads are busy ("Task queue depth is 94") and
    on every accept past its connection limit: under a burst that is thousands of lines a second,
    each formatted and redacted on the one interpreter the requests need. One line every 10 s says
    the same to an operator."""

    def __init__(self, seconds: float = 10.0, clock=time.monotonic) -> None:
        super().__init__()
        self.seconds, self.clock = seconds, clock
        self._last: dict[str, float] = {}
        self._dropped: dict[str, int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = self.clock()
        with self._lock:
            last = self._last.get(record.name)
            if last is not None and now - last < self.seconds:
                self._dropped[record.name] = self._dropped.get(record.name, 0) + 1
                return False
            self._last[record.name] = now
            dropped = self._dropped.pop(record.name, 0)
        if dropped:
            record.msg = f"{record.getMessage()} (and {dropped} more like it in the last {self.seconds:g} s)"
            record.args = None
        return True


NOISY_UNDER_LOAD = ("waitress", "waitress.queue")


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in NOISY_UNDER_LOAD:
        logger = logging.getLogger(name)
        logger.filters[:] = [f for f in logger.filters if not isinstance(f, OncePer)]
        logger.addFilter(OncePer())
    # Our WebClients' logger carries the level itself: slack_sdk reads its `level`, not the effective
    # one, to decide whether to build debug lines (see bot.services.context.web_client_logger).
    logging.getLogger(WEB_CLIENT_LOGGER).setLevel(level)
