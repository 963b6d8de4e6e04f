"""Engine creation (SQLite pragmas, PostgreSQL via psycopg 3), sessions and migrations."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
READ_ONLY = "warmcall_read_only"  # execution option of the engine behind Database.reading()


def make_engine(url: str) -> Engine:
    """An engine configured for our use: WAL + busy timeout + FKs + BEGIN IMMEDIATE on SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_timeout=10)

    database = parsed.database or ""
    in_memory = _in_memory(database, url)
    if in_memory:
        # One connection holds the in-memory database; a pool of exactly one hands it to one thread
        # at a time, so transactions from different threads queue instead of interleaving.
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        engine = create_engine(
            "sqlite://",
            creator=lambda: memory,
            poolclass=QueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=60,
        )
    else:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - exercised by every test
        # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions defer the write lock).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A read-then-write transaction in deferred mode can fail with "database is locked" without
        # waiting for the busy timeout; taking the write lock up front makes writers queue instead.
        # A transaction that only reads (Database.reading) needs no lock: in WAL mode it reads its
        # own snapshot beside the one writer, instead of queueing behind every write.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _in_memory(database: str, url: str) -> bool:
    """Whether a SQLite URL (its database part, and the whole) names an in-memory database."""
    return database in ("", ":memory:") or "mode=memory" in url


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a file-backed SQLite engine; None for PostgreSQL or an in-memory one."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    if _in_memory(database, str(engine.url)):
        return None
    return Path(database).expanduser().resolve()


class WriterLock:
    """Writers of one SQLite file take turns: threads of this process on a lock, processes (HTTP
    workers, `warmcall tick`) on an flock of a file beside the database. Re-entrant in a thread.

    SQLite's own busy handler retries with sleeps of up to 100 ms and no queue, so under a burst an
    unlucky writer could wait seconds (a command past Slack's 3 s) while later ones got in; a blocked
    flock wakes the moment the lock is released."""

    def __init__(self, path: Path | None) -> None:
        self._threads = threading.RLock()
        self._path = path.with_name(path.name + ".writer-lock") if path is not None else None
        self._fd: int | None = None
        self._depth = 0

    def __enter__(self) -> WriterLock:
        self._threads.acquire()
        try:
            if self._depth == 0 and self._path is not None:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        self._depth += 1
        return self

    def __exit__(self, *_exc) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        with self._threads:
            if self._fd is not None and self._depth == 0:
                os.close(self._fd)
                self._fd = None


class Database:
    """The engine plus a session factory; `with db.transaction() as s:` commits or rolls back."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writers: contextlib.AbstractContextManager = (
            WriterLock(sqlite_file(self.engine)) if self.is_sqlite else contextlib.nullcontext()
        )
        self._readers = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A read-write transaction, committed at the end of the block (rolled back on an error).

        On SQLite, writers take turns on a WriterLock (threads and processes) before BEGIN IMMEDIATE."""
        with self._writers, self.sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite it takes no write lock (so it does not queue
        behind writers, nor they behind it). Don't write in it."""
        with self._readers() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction whose queries all see one moment. PostgreSQL's default READ COMMITTED
        lets each statement see commits made after the previous one, so a page built from several
        queries could show one contact in two sections; REPEATABLE READ gives one snapshot. (SQLite's
        transactions already read one snapshot.) Don't write in it."""
        with self._readers() as session, session.begin():
            if not self.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """Whether this process holds the lock `name` across every process on this database, for the
        duration of the block: a PostgreSQL session-level advisory lock, not waited for (False when
        another holds it). On a SQLite file, an flock of a file beside it named after the lock; an
        in-memory SQLite database lives in one process, so it is always True there."""
        if self.is_sqlite:
            path = sqlite_file(self.engine)
            if path is None:
                yield True
                return
            digest = hashlib.sha256(name.encode()).hexdigest()[:16]
            fd = os.open(
                path.with_name(f"{path.name}.{digest}.lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600
            )
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    yield False
                    return
                yield True
            finally:
                os.close(fd)  # closing the descriptor releases the flock
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with self.engine.connect() as conn:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception as exc:  # any driver error means "not reachable" for /healthz
            log.warning("database ping failed: %s", type(exc).__name__)
            return False

    def migrate(self) -> None:
        migrate(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
        if isinstance(self._writers, WriterLock):
            self._writers.close()


def alembic_config(engine: Engine):
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision; a no-op when it already is."""
    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
