"""Slack tokens at rest are encrypted with WARMCALL_ENCRYPTION_KEY (OAuth mode): the install flow and
token rotation store only `fernet:…`, the app still acts with the real tokens, keys rotate with
`warmcall rotate-key`, migration 0011 encrypts rows written before it, and OAuth mode does not start
without a key. The real app over HTTP in OAuth mode against the Slack double, on both databases."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from alembic import command
from sqlalchemy import insert, select, update

from bot.runtime.cli import main
from bot.runtime.config import ConfigError, load_settings
from bot.services.context import Services
from storage import installations as tables
from storage.db import Database, alembic_config, current_revision, make_engine
from storage.stored_tokens import plain_tokens
from storage.token_cipher import PREFIX, TokenCipher, new_key
from tests.conftest import DEFAULT_NOW, create_pg_database, drop_pg_database, pg_available
from tests.oauth_world import CLIENT_ID, ENCRYPTION_KEY, OAuthWorld
from tests.test_oauth import age_tokens, met, settle

TA = "T0AAA"


def stored_tokens(db: Database) -> list[str]:
    with db.reading() as s:
        bots = s.execute(select(tables.bots.c.bot_token, tables.bots.c.bot_refresh_token)).all()
        installs = s.execute(
            select(tables.installations.c.bot_token, tables.installations.c.bot_refresh_token)
        ).all()
    return [value for row in [*bots, *installs] for value in row if value is not None]


def test_the_install_and_every_refresh_store_only_encrypted_tokens_and_the_app_acts_with_the_real_ones(db):
    w = OAuthWorld(db, now=DEFAULT_NOW, token_rotation=True)
    try:
        first = w.install(TA)
        w.user("UA1", TA)
        met(w, "UA1", TA, "Jane Doe")
        settle(w)
        age_tokens(w, TA, seconds_left=30 * 60)  # the next look-up refreshes the pair
        second = w.services.tokens.token_for(TA)
        assert second != first and second in w.double.installs.tokens_of(TA)
        stored = stored_tokens(db)
        # every value is Fernet ciphertext of a token (ciphertext is random base64, so it may hold "xox"
        # by chance: about one run in five hundred failed on that before)
        cipher = TokenCipher((ENCRYPTION_KEY,))
        assert len(stored) >= 4 and all(
            v.startswith(PREFIX)
            and not v.removeprefix(PREFIX).startswith("xox")
            and cipher.decrypt(v).startswith("xox")
            for v in stored
        )
        with db.engine.connect() as conn:
            assert plain_tokens(conn) == 0
        start = len(w.double.calls)
        assert w.command("UA1", "/prep", "Jane", team_id=TA).status == 200
        settle(w)
        assert {c.token for c in w.double.calls[start:]} == {second}
    finally:
        w.close()


def test_rotate_key_re_encrypts_with_the_new_key_and_the_old_one_can_then_go(db, monkeypatch):
    w = OAuthWorld(db, now=DEFAULT_NOW)
    try:
        token = w.install(TA)
        before = stored_tokens(db)
        rotated = new_key()

        def token_with(*keys: str) -> str | None:
            settings = w.services.settings.__class__(**{**vars(w.services.settings), "encryption_keys": keys})
            return Services(settings=settings, db=db, clock=w.clock).tokens.token_for(TA)

        assert token_with(rotated, ENCRYPTION_KEY) == token  # the new key first, the old one still read
        for name, value in {
            "DATABASE_URL": db.url,
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": "s",
            "WARMCALL_ENCRYPTION_KEY": f"{rotated},{ENCRYPTION_KEY}",
            "LOG_LEVEL": "WARNING",
        }.items():
            monkeypatch.setenv(name, value)
        try:
            assert main(["rotate-key"]) == 0
        finally:
            logging.getLogger().handlers.clear()
        after = stored_tokens(db)
        assert len(after) == len(before) and not set(after) & set(before)
        assert token_with(rotated) == token  # the old key is no longer needed
        assert token_with(ENCRYPTION_KEY) is None  # nor enough: it decrypts nothing now
    finally:
        w.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/old.db"
        return
    if not pg_available():
        pytest.skip("PostgreSQL not reachable (set WARMCALL_TEST_PG_URL)")
    url = create_pg_database()
    yield url
    drop_pg_database(url)


def test_migration_0011_encrypts_the_tokens_stored_before_it_and_needs_the_key_for_it(empty_url, monkeypatch):
    engine = make_engine(empty_url)
    config = alembic_config(engine)
    command.upgrade(config, "0010")
    plain = "xoxe.xoxb-1-" + "A" * 140  # a rotating token: longer than 200 once encrypted
    refresh = "xoxe-1-" + "B" * 140
    installed = dict(client_id=CLIENT_ID, app_id="A1", team_id=TA, is_enterprise_install=False)
    when = dt.datetime(2026, 11, 20, 9, 0)
    with engine.begin() as conn:
        conn.execute(insert(tables.bots).values(**installed, bot_token=plain, installed_at=when))
        conn.execute(
            insert(tables.installations).values(
                **installed, user_id="U1", bot_token=plain, installed_at=when, token_type="bot"
            )
        )
        conn.execute(update(tables.bots).values(bot_refresh_token=refresh))
    monkeypatch.delenv("WARMCALL_ENCRYPTION_KEY", raising=False)
    with pytest.raises(RuntimeError, match="WARMCALL_ENCRYPTION_KEY is not set: 2 stored installation"):
        command.upgrade(config, "head")
    assert current_revision(engine) == "0010"  # nothing half-done
    monkeypatch.setenv("WARMCALL_ENCRYPTION_KEY", ENCRYPTION_KEY)
    command.upgrade(config, "head")
    db = Database(empty_url)
    try:
        stored = stored_tokens(db)
        cipher = TokenCipher((ENCRYPTION_KEY,))
        assert sorted(cipher.decrypt(v) for v in stored) == sorted([plain, plain, refresh])
        assert all(v.startswith(PREFIX) for v in stored)
    finally:
        db.dispose()
        engine.dispose()


OAUTH = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"}


@pytest.mark.parametrize(
    "env, words",
    [
        pytest.param(OAUTH, "WARMCALL_ENCRYPTION_KEY is not set", id="oauth-without-a-key"),
        pytest.param(
            {**OAUTH, "WARMCALL_ENCRYPTION_KEY": "not-a-key"}, "key 1 of 1 is not a Fernet key", id="bad-key"
        ),
        pytest.param(
            {**OAUTH, "WARMCALL_ENCRYPTION_KEY": f"{ENCRYPTION_KEY},short"},
            "key 2 of 2 is not a Fernet key",
            id="bad-second-key",
        ),
    ],
)
def test_oauth_mode_does_not_start_without_a_good_key_and_says_which_setting(env, words):
    for mode in ("run", "serve-http", "tick", "migrate"):
        with pytest.raises(ConfigError) as raised:
            load_settings({**env, "SLACK_APP_TOKEN": ""}, mode=mode)
        assert words in str(raised.value) and "\n" not in str(raised.value)


def test_single_workspace_mode_keeps_its_token_in_the_environment_and_needs_no_key():
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "x"}, mode="serve-http")
    assert settings.bot_token == "xoxb-1" and settings.encryption_keys == ()
    keys = load_settings({**OAUTH, "WARMCALL_ENCRYPTION_KEY": f" {ENCRYPTION_KEY} , {new_key()}"}, mode="run")
    assert keys.encryption_keys[0] == ENCRYPTION_KEY and len(keys.encryption_keys) == 2
