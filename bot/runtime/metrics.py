"""GET /metrics: the counters of bot.metrics in Prometheus's text format, plus the durable queue read
from the database at scrape time.

One process: the default registry (with the process's CPU and memory). Several HTTP workers
(`--workers N`): prometheus_client's multiprocess mode. The supervisor gives the workers one empty
directory in PROMETHEUS_MULTIPROC_DIR (yours if set, else a temporary one it removes at exit), each
worker writes its counters there, and whichever worker answers a scrape adds up every worker's files,
those of workers that died and were started again included (a counter never goes back). Gauges of a
dead worker are dropped (`mark_process_dead`).
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from waitress.server import create_server

from bot.domain.clock import naive_utc
from storage import queue as stored_queue
from storage.db import Database

log = logging.getLogger(__name__)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST


def shared_dir() -> tuple[str, Callable[[], None]]:
    """For the supervisor, before it starts workers: an empty directory for their metric files, set in
    PROMETHEUS_MULTIPROC_DIR for the workers to inherit. Returns it and how to clean up at exit."""
    given = os.environ.get(MULTIPROC_ENV, "").strip()
    if given:
        os.makedirs(given, exist_ok=True)
        for stale in glob.glob(os.path.join(given, "*.db")):  # an earlier run's counters
            os.remove(stale)
        return given, lambda: None
    made = tempfile.mkdtemp(prefix="warmcall-metrics-")
    os.environ[MULTIPROC_ENV] = made
    return made, lambda: shutil.rmtree(made, ignore_errors=True)


def worker_gone(pid: int) -> None:
    """A worker exited: its gauges no longer count (its counters still do)."""
    path = os.environ.get(MULTIPROC_ENV)
    if path:
        multiprocess.mark_process_dead(pid, path)


class DurableQueueCollector:
    """`warmcall_durable_queue_jobs{state}` and `warmcall_durable_queue_oldest_seconds`, read from the
    database when scraped (the queue is shared by every replica, so any replica reports the same)."""

    def __init__(self, db: Database, now: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.now = now

    def collect(self):
        try:
            with self.db.reading() as session:
                counts, oldest = stored_queue.backlog(session, naive_utc(self.now()))
        except Exception as exc:  # a scrape never fails on the database; /readyz reports it
            log.warning("metrics: the durable queue could not be read: %s", type(exc).__name__)
            return
        jobs = GaugeMetricFamily(
            "warmcall_durable_queue_jobs",
            "Jobs in the durable queue (queued_jobs) by state",
            labels=["state"],
        )
        for state, n in sorted(counts.items()):
            jobs.add_metric([state], n)
        yield jobs
        yield GaugeMetricFamily(
            "warmcall_durable_queue_oldest_seconds",
            "Age of the oldest queued job of the durable queue (0 when it is empty)",
            value=oldest,
        )


class Exporter:
    """Renders a scrape: this process's (or every worker's) metrics, then the database's."""

    def __init__(self, db: Database, now: Callable[[], dt.datetime] | None = None) -> None:
        self._shared = CollectorRegistry(auto_describe=False)
        self._shared.register(DurableQueueCollector(db, now or (lambda: dt.datetime.now(dt.UTC))))

    def scrape(self) -> bytes:
        path = os.environ.get(MULTIPROC_ENV)
        if path:
            workers = CollectorRegistry()
            multiprocess.MultiProcessCollector(workers, path=path)
            own = generate_latest(workers)
        else:
            own = generate_latest(REGISTRY)
        return own + generate_latest(self._shared)


def serve(db: Database, port: int, host: str = "0.0.0.0"):
    """GET /metrics on a port of its own, in a daemon thread (Socket Mode, which has no HTTP server
    for Slack). Returns the waitress server (`effective_port`: given 0, the one the system picked)."""
    exporter = Exporter(db)

    def app(environ, start_response):
        if environ.get("PATH_INFO") != "/metrics" or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        data = exporter.scrape()
        start_response("200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(data)))])
        return [data]

    server = create_server(app, host=host, port=port, threads=1, ident="warmcall-metrics")
    threading.Thread(target=server.run, name="warmcall-metrics", daemon=True).start()
    return server
