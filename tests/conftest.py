"""Fixtures that build the world: databases (SQLite files and PostgreSQL), the Slack double, the app."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from storage.db import Database, make_engine, migrate

PG_URL = os.environ.get("WARMCALL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_admin_engine():
    return make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")


def pg_available() -> bool:
    try:
        with _pg_admin_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def create_pg_database() -> str:
    """A uniquely named database, so two runs (or two machines' CI) never collide."""
    name = f"warmcall_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    cleaner = _cleaners.pop(url, None)
    if cleaner is not None:
        cleaner.dispose()
    name = make_url(url).database
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_database():
    if not pg_available():
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true but {PG_URL} is unreachable")
        pytest.skip("PostgreSQL not reachable (set WARMCALL_TEST_PG_URL)")
    url = create_pg_database()
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    drop_pg_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "warmcall.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


# Empties, in one round trip, every table a test left rows in or took an id from (so ids start at 1
# again), as a TRUNCATE of all of them would: a table nobody touched costs a look, not a truncation.
_CLEAN_TABLES = """
DO $$
DECLARE t text; used boolean; owned text; dirty text[] := '{}';
BEGIN
  FOR t IN SELECT quote_ident(tablename) FROM pg_tables
           WHERE schemaname = current_schema() AND tablename <> 'alembic_version' LOOP
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || t || ')' INTO used;
    IF NOT used THEN
      FOR owned IN SELECT seq.oid::regclass::text FROM pg_class seq JOIN pg_depend d ON d.objid = seq.oid
                   WHERE seq.relkind = 'S' AND d.refobjid = t::regclass LOOP
        EXECUTE 'SELECT is_called FROM ' || owned INTO used;
        EXIT WHEN used;
      END LOOP;
    END IF;
    IF used THEN dirty := dirty || t; END IF;
  END LOOP;
  IF cardinality(dirty) > 0 THEN
    EXECUTE 'TRUNCATE ' || array_to_string(dirty, ', ') || ' RESTART IDENTITY CASCADE';
  END IF;
END $$
"""
_cleaners: dict[str, Engine] = {}  # one engine (and pooled connection) per test database, per worker


def _truncate_all(url: str) -> None:
    """Every table of the PostgreSQL database at `url` empty, its ids starting at 1 again."""
    engine = _cleaners.get(url)
    if engine is None:
        engine = _cleaners[url] = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(_CLEAN_TABLES))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, sqlite_template) -> str:
    """The same scenario on both databases: a fresh SQLite file, or clean tables in the PG test DB."""
    if request.param == "sqlite":
        path = tmp_path / "warmcall.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    _truncate_all(url)
    return url


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


# Tuesday 24 Nov 2026, 14:00 UTC: 09:00 in New York.
DEFAULT_NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(db):
    from tests.world import World  # here, so pure-function tests never import the app

    w = World(db, now=DEFAULT_NOW)
    yield w
    w.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped PostgreSQL test is a failure: CI must prove both databases."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("postgres") is not None:
        report.outcome = "failed"
        report.longrepr = f"PostgreSQL test skipped under CI=true: {report.longrepr}"
