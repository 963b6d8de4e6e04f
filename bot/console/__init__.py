"""`warmcall console`: the real Bolt app in-process, a local Slack double, and a terminal UI (SPEC §9).

Requests are signed and go over HTTP through the same listeners as production; the double records
what the app sends to Slack, and the console prints it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import secrets
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import make_url

from bot.console.saved_clock import SavedClock, clock_file_for, starting_instant
from bot.console.session import ConsoleSession
from bot.console.terminal import Terminal
from bot.domain.clock import ManualClock, local_now
from bot.runtime.app import build_app
from bot.runtime.config import DEFAULT_DATABASE_URL, ConfigError, Settings, _RedactTokens, load_settings
from bot.runtime.server import HttpServer
from bot.services.context import Services
from bot.testing.busy import BusyTracker
from bot.testing.signed import SlackRequester
from bot.testing.slackdouble import TEAM_ID, SlackDouble
from storage.db import Database

CONSOLE_USER_ID = "U0CONSOLE"
CONSOLE_BOT_TOKEN = "xoxb-console"


def run_console(args: argparse.Namespace) -> int:
    """Start everything, run the loop until quit or end of input, stop everything. Returns an exit code."""
    database_url = database_url_for(args.db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["DATABASE_URL"] = database_url
    settings = load_settings(env, mode="console")
    _configure_logging(settings.log_level)
    tz = console_time_zone(args.tz)
    name, from_login = console_user_name(args.user, os.environ)
    start = console_start(getattr(args, "now", None))
    terminal = Terminal()
    try:
        with console(
            settings,
            terminal,
            user_name=name,
            tz=tz,
            start=start,
            clock_file=clock_file_for(database_url),
        ) as session:
            shown_db = (
                "in memory (gone when you quit)" if database_url == "sqlite://" else _safe_url(database_url)
            )
            terminal.write(
                terminal.style.bold("Warmcall console")
                + f" — you are {name} ({tz}); database: {shown_db}. Type `help`, or try `/met help`."
            )
            if from_login:
                terminal.write(
                    terminal.style.dim(
                        f"Scripts and voicemails introduce you as “{name}”; to use your own name, "
                        'start it with --user "Your Name".'
                    )
                )
            if session.clock_note:
                terminal.write(terminal.style.dim(session.clock_note))
            return session.run()
    finally:
        terminal.close()


@contextlib.contextmanager
def console(
    settings: Settings,
    terminal: Terminal,
    *,
    user_name: str,
    tz: str,
    start: dt.datetime | None = None,
    clock_file: Path | None = None,
) -> Iterator[ConsoleSession]:
    """The app, its HTTP server and a Slack double with the console user, wired to a session.

    With `clock_file`, the clock goes on from where the last session on this database left it when
    that is later than `start`, and is kept there again at each `advance` and at the end."""
    db = _open_database(settings.database_url)
    saved = SavedClock(clock_file)
    start, resumed = starting_instant(start, saved, dt.datetime.now(dt.UTC))
    clock = ManualClock(start, follow_real_time=True)
    double = SlackDouble(clock=clock).start()
    server = None
    try:
        double.add_user(CONSOLE_USER_ID, name=user_name.lower().replace(" ", "."), real_name=user_name, tz=tz)
        signing_secret = secrets.token_hex(16)
        settings = dataclasses.replace(
            settings,
            bot_token=CONSOLE_BOT_TOKEN,
            signing_secret=signing_secret,
            app_token=None,
            api_url=double.url,
        )
        services = Services(settings=settings, db=db, clock=clock)
        try:
            services.check()
        except Exception as exc:  # a broken playbook or cadence file names itself
            raise ConfigError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        app = build_app(services)
        busy = BusyTracker()
        busy.track(app.listener_runner.listener_executor)
        busy.track(services.background.executor)
        server = HttpServer(app, db, host="127.0.0.1", port=0, threads=8).start()
        requester = SlackRequester(
            server.url + "/slack/events",
            signing_secret,
            team_id=TEAM_ID,
            response_urls=double.new_response_url,
        )
        session = ConsoleSession(
            services=services,
            double=double,
            requester=requester,
            clock=clock,
            terminal=terminal,
            user_id=CONSOLE_USER_ID,
            user_name=user_name,
            tz=tz,
            busy=busy,
            saved_clock=saved,
        )
        session.app = app
        if resumed:
            session.clock_note = (
                f"The clock goes on from your last session on this database: it is "
                f"{local_now(clock, tz):%a %d %b %Y, %H:%M} ({tz}). To start from today instead, "
                f"delete {clock_file}."
            )
        # The console user's Slack zone is --tz (or this machine's). A profile kept from an earlier run
        # in another zone hears about it the way the app would from Slack: a user_change event.
        member = double.member(CONSOLE_USER_ID)
        if member is not None:
            session.slack.event({"type": "user_change", "user": member})
            session.wait_quiet()  # applied before the first command is read
        yield session
    finally:
        saved.save(clock.now(), dt.datetime.now(dt.UTC))
        if server is not None:
            _stop_quietly(server)
        double.stop()
        db.dispose()


def _stop_quietly(server) -> None:
    """Stop the HTTP server; waitress's loop may trip over its closed socket on the way out
    (EBADF in select) — at quit that is noise, not something to print a traceback for."""
    previous = threading.excepthook

    def ignore_closing_server(hook_args) -> None:
        if hook_args.thread is not None and hook_args.thread.name == "warmcall-http":
            return
        previous(hook_args)

    threading.excepthook = ignore_closing_server
    try:
        server.stop()
    finally:
        threading.excepthook = previous


DEFAULT_USER_NAME = "Alex"
# Login names that are nobody's name: the scripts would say "Hi José, root here."
_NOT_A_NAME = {"root", "admin", "administrator", "user", "you", "me", "ubuntu", "runner", "nobody"}


def console_user_name(option: str | None, env: Mapping[str, str]) -> tuple[str, bool]:
    """The console user's display name and whether it was guessed (not given with --user).

    --user wins; else the login name made to look like a name ("jane.doe" → "Jane Doe"); a missing
    login, or one like root, gives "Alex". Never "you" or "me": openers read "Hi José, Alex here."
    """
    given = " ".join((option or "").split())
    if given and given.casefold() not in _NOT_A_NAME:
        return given, False
    login = (env.get("USER") or env.get("USERNAME") or env.get("LOGNAME") or "").strip()
    words = [w for w in re.split(r"[._\-\s]+", login) if w and not w.isdigit()]
    if not words or login.casefold() in _NOT_A_NAME:
        return DEFAULT_USER_NAME, True
    return " ".join(w[:1].upper() + w[1:] for w in words), True


def console_start(option: str | None) -> dt.datetime | None:
    """The hidden `--now`: an ISO instant (UTC when it has no offset) the clock starts from."""
    if not option:
        return None
    try:
        start = dt.datetime.fromisoformat(option)
    except ValueError:
        raise ConfigError(
            f"--now {option!r} is not an ISO date-time like 2026-11-24T09:00:00+00:00."
        ) from None
    return start if start.tzinfo else start.replace(tzinfo=dt.UTC)


def database_url_for(option: str | None) -> str:
    """`--db`, else DATABASE_URL, else the default file; `:memory:` is a throwaway SQLite database."""
    url = (option or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL).strip()
    if url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    if "://" not in url:
        raise ConfigError(
            f"--db {url!r} is not a database URL; use :memory:, sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host/db."
        )
    return url


def console_time_zone(option: str | None) -> str:
    """--tz if valid, else this machine's zone (TZ, /etc/timezone, /etc/localtime), else UTC."""

    def valid(name: str | None) -> str | None:
        if not name:
            return None
        try:
            ZoneInfo(name)
            return name
        except Exception:
            return None

    if option:
        if valid(option):
            return option
        raise ConfigError(f"--tz {option!r} is not a time zone name; use one like Europe/Berlin or UTC.")
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    return next((c for c in candidates if valid(c)), "UTC")


def _open_database(url: str):
    try:
        db = Database(url)
        db.migrate()
    except Exception as exc:
        first = str(exc).splitlines()[0][:160] if str(exc) else ""
        raise ConfigError(
            f"the database {_safe_url(url)} could not be opened or migrated ({type(exc).__name__}: {first}); "
            "check --db / DATABASE_URL, or use --db :memory:."
        ) from None
    return db


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


class _OneLine(logging.Formatter):
    """Log lines without tracebacks: the console user sees a sentence; LOG_LEVEL=DEBUG shows details."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(
            {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
        )
        return super().format(record)


def _configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_RedactTokens())
    debug = level == "DEBUG"
    handler.setFormatter(
        logging.Formatter("%(levelname)s %(name)s: %(message)s")
        if debug
        else _OneLine("(log) %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # The transcript is the interface: only problems reach the terminal unless DEBUG is asked for.
    root.setLevel(logging.DEBUG if debug else logging.ERROR)
    for noisy in ("waitress", "alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.ERROR)
