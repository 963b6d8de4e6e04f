"""`warmcall` command line: run, serve --http, console, migrate, tick (SPEC §2)."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

from bot import metrics
from bot.delivery import queue
from bot.delivery.dispatcher import DEFAULT_LEASE, dispatch
from bot.domain.clock import ManualClock
from bot.runtime import metrics as metrics_export
from bot.runtime.app import build_app
from bot.runtime.config import ConfigError, configure_logging, load_dotenv_file, load_settings
from bot.runtime.scheduler import start_scheduler
from bot.runtime.server import HttpServer
from bot.runtime.socket_mode import socket_mode_handler
from bot.runtime.work import QUEUED_WORK
from bot.runtime.workers import (
    Supervisor,
    die_with_parent,
    inherited_socket,
    listen,
    parent_gone,
    supervisor_pid,
    worker_command,
    worker_index,
)
from bot.services.context import Services
from handlers.blocks.digest import render_digest
from handlers.blocks.weekly import render_weekly
from storage.db import Database, current_revision
from storage.stored_tokens import rewrite_all
from storage.token_cipher import KEY_SETTING, TokenCipher, UnreadableToken, new_key

log = logging.getLogger("warmcall")

DRAIN_SECONDS = 25  # after SIGTERM: how long requests and after-ack work in flight may take
EXIT_SECONDS = 29  # after SIGTERM: the process is gone by then whatever hangs (platforms kill at 30 s)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warmcall", description="Follow-up calls that actually happen.")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="run the bot (HTTP mode with --http)")
    serve.add_argument(
        "--http", action="store_true", help="serve Slack over HTTP even if SLACK_APP_TOKEN is set"
    )
    serve.add_argument("--port", type=int, help="HTTP port (default: PORT or 3000)")
    serve.add_argument(
        "--workers",
        type=int,
        help="HTTP worker processes, one core each (default: WEB_CONCURRENCY or 1)",
    )
    sub.add_parser("migrate", help="apply database migrations and exit")
    sub.add_parser("new-key", help="print a new key for WARMCALL_ENCRYPTION_KEY")
    sub.add_parser(
        "rotate-key", help="re-encrypt every stored Slack token with the first key of WARMCALL_ENCRYPTION_KEY"
    )
    tick = sub.add_parser("tick", help="run one nudge-dispatch pass and exit")
    tick.add_argument("--now", help=argparse.SUPPRESS)  # ISO instant, for tests that travel in time
    console = sub.add_parser("console", help="the whole bot in your terminal, no Slack account needed")
    console.add_argument("--db", help="database URL or :memory: (default: DATABASE_URL)")
    console.add_argument("--user", default=None, help="your display name in the console")
    console.add_argument("--tz", default=None, help="your time zone, e.g. Europe/Berlin")
    console.add_argument("--now", help=argparse.SUPPRESS)  # ISO instant to start the clock at (tests, demos)
    return parser


def main(argv: list[str] | None = None, *, console: Callable[[argparse.Namespace], int] | None = None) -> int:
    """The command line. `console` runs `warmcall console`; the entry point (bot.__main__) passes it,
    since the console sits above this layer."""
    args = _parser().parse_args(argv)
    command = args.command or "run"
    load_dotenv_file()
    try:
        if command == "console":
            if console is None:
                raise ConfigError("the console is not part of this build; run `python -m bot console`.")
            return console(args)
        if command == "new-key":
            print(new_key())
            return 0
        mode = command
        if command == "serve":
            mode = "serve-http" if args.http else "run"
        settings = load_settings(mode=mode)
        configure_logging(settings.log_level)
        if command == "migrate":
            return _migrate(settings)
        if command == "rotate-key":
            return _rotate_key(settings)
        if command == "tick":
            return _tick(settings, args.now)
        port = args.port if command == "serve" and args.port else settings.port
        force_http = command == "serve" and args.http
        workers = args.workers if command == "serve" and args.workers is not None else settings.workers
        if workers < 1 or workers > 64:
            raise ConfigError(f"--workers must be between 1 and 64 (got {workers}).")
        http = force_http or not settings.socket_mode
        if http and workers > 1 and worker_index() is None:
            return _supervise(settings, port=port, workers=workers)
        return _run(settings, force_http=force_http, port=port)
    except ConfigError as exc:
        print(f"warmcall: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback on the terminal; the log has the details
        log.debug("start-up failed", exc_info=True)
        print(
            f"warmcall: could not start: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
            file=sys.stderr,
        )
        return 1


def _open_db(settings):
    db = Database(settings.database_url)
    try:
        db.migrate()
    except Exception as exc:
        if KEY_SETTING in str(exc):  # the token migration names the key it needs
            raise ConfigError(str(exc).splitlines()[0]) from None
        raise ConfigError(
            f"DATABASE_URL could not be opened or migrated ({type(exc).__name__}: {str(exc).splitlines()[0][:160]}); "
            "check the URL and that the database server is running."
        ) from None
    return db


def _services(settings):
    services = Services(settings=settings, db=_open_db(settings))
    try:
        services.check()
    except Exception as exc:  # a broken playbook or cadence file names itself in the message
        raise ConfigError(str(exc).splitlines()[0]) from None
    return services


def _migrate(settings) -> int:
    db = _open_db(settings)
    print(f"warmcall: database is at revision {current_revision(db.engine)}")
    return 0


def _rotate_key(settings) -> int:
    if not settings.encryption_keys:
        raise ConfigError(f"{KEY_SETTING} is not set: list the new key first, then the old ones.")
    db = _open_db(settings)
    cipher = TokenCipher(settings.encryption_keys)
    try:
        with db.engine.begin() as conn:
            rows = rewrite_all(conn, cipher.rotate)
    except UnreadableToken as exc:
        raise ConfigError(
            f"{exc}: add the key it was encrypted with after the new one, then run again."
        ) from None
    print(f"warmcall: {rows} stored installation(s) re-encrypted with the first key of {KEY_SETTING}")
    return 0


def _tune_interpreter() -> None:
    """Once start-up is done, before serving or dispatching.

    - A short GIL switch interval (default 5 ms): acks are short bursts of Python competing with work
      after other acks, and a paced digest post waits for the interpreter between its slot and the
      socket; at 5 ms posts bunch up enough to trip a rate limit they were spaced under.
    - gc.freeze(): everything alive now (modules, the playbook, the app) moves out of the collector's
      sight. A full collection then walks only what came later: 3-8 ms instead of 40-80 ms stalls
      during a digest pass, each of which let paced posts pile up behind it.
    """
    sys.setswitchinterval(0.001)
    gc.collect()
    gc.freeze()


def _tick(settings, now: str | None) -> int:
    services = _services(settings)
    if now:
        services.clock = ManualClock(dt.datetime.fromisoformat(now), follow_real_time=True)
    lease_seconds = os.environ.get("WARMCALL_DIGEST_LEASE_SECONDS", "").strip()  # tests shorten it
    lease = dt.timedelta(seconds=float(lease_seconds)) if lease_seconds else DEFAULT_LEASE
    _tune_interpreter()
    # First the work acks promised (a process died before doing it, or Slack was down), then digests.
    drained = queue.drain(services, QUEUED_WORK, budget_seconds=min(20.0, settings.tick_seconds * 0.3))
    report = dispatch(
        services,
        render_digest,
        budget_seconds=settings.tick_seconds * 0.9,
        lease=lease,
        weekly_renderer=render_weekly,
    )
    print(f"warmcall: {report | drained}")
    return 0


def _supervise(settings, *, port: int, workers: int) -> int:
    """`serve --http --workers N`: migrate once, bind the port, run N workers (bot.runtime.workers)."""
    _open_db(settings).dispose()  # the workers start on a migrated database: no two migrate at once
    try:
        sock = listen("0.0.0.0", port)
    except OSError as exc:
        raise ConfigError(
            f"could not listen on port {port} ({exc.strerror}); is another server on it?"
        ) from None
    # The workers' counters go to files in one directory that any worker's GET /metrics adds up.
    _, remove_metrics_dir = metrics_export.shared_dir()
    supervisor = Supervisor(
        worker_command(["--port", str(port)]), workers, sock, exit_seconds=EXIT_SECONDS + 1
    )
    supervisor.on_exit = metrics_export.worker_gone
    try:
        return supervisor.run()
    finally:
        remove_metrics_dir()


def _run(settings, *, force_http: bool, port: int) -> int:
    index = worker_index()  # None: a single process; 0..N-1: a worker of `serve --workers N`
    parent = supervisor_pid() if index is not None else os.getppid()
    if index is not None:
        die_with_parent()
    services = _services(settings)
    try:
        app = build_app(services)  # Bolt checks the token with auth.test here
    except Exception as exc:
        raise ConfigError(
            f"Slack did not accept SLACK_BOT_TOKEN or could not be reached at SLACK_API_URL={settings.api_url} "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}); check both and the network."
        ) from None
    _tune_interpreter()
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    # Worker 0 (or the only process) runs the scheduler; every replica's jobs are safe to overlap,
    # but N workers on one machine would only repeat each other's passes.
    scheduler = start_scheduler(services, render_digest) if not index else None
    if settings.socket_mode and not force_http:
        log.info("starting in Socket Mode")
        handler = socket_mode_handler(app, services)
        handler.connect()
        stop_serving: Callable[[float], object] = handler.close  # drains the acks in flight first
        if settings.metrics_port:  # no HTTP server for Slack: the metrics get a port of their own
            metrics_export.serve(services.db, settings.metrics_port)
            log.info("serving GET /metrics on port %s", settings.metrics_port)
    else:
        server = HttpServer(app, services.db, port=port, sock=inherited_socket()).start()
        if index is None:
            log.info(
                "serving Slack over HTTP on port %s (POST /slack/events, GET /healthz, GET /readyz)",
                server.port,
            )
        if settings.oauth and not index:
            log.info("OAuth mode: workspaces install at GET /slack/install (redirect /slack/oauth_redirect)")
        stop_serving = server.shutdown
    while not stopping.wait(1):
        metrics.AFTER_ACK_WAITING.set(services.background.waiting)
        if index is not None and parent_gone(parent):  # the supervisor was killed: stop as on SIGTERM
            break
    _shut_down(services, scheduler, stop_serving)
    return 0


def _shut_down(services: Services, scheduler, stop_serving: Callable[[float], object]) -> None:
    """SIGTERM: stop taking requests, let the ones in flight and the after-ack work finish for at
    most DRAIN_SECONDS, then exit. Work in the durable queue that did not finish stays there for
    another replica (or this one's restart). A watchdog ends the process at EXIT_SECONDS whatever
    still hangs (a scheduler job, a Slack call to a host that does not answer)."""
    started = time.monotonic()
    watchdog = threading.Timer(EXIT_SECONDS, _exit_now, args=("the shutdown took too long",))
    watchdog.daemon = True
    watchdog.start()
    log.info("shutting down: finishing work in flight for at most %s s", DRAIN_SECONDS)
    if scheduler is not None:
        scheduler.shutdown(wait=False)
    stop_serving(min(5.0, DRAIN_SECONDS))
    if not services.background.drain(DRAIN_SECONDS - (time.monotonic() - started)):
        _exit_now("after-ack work still running")
    log.info("shut down")


def _exit_now(why: str) -> None:
    log.warning("exiting now: %s", why)
    logging.shutdown()
    os._exit(0)
