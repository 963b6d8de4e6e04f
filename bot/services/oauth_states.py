"""OAuth states (the `state` of Slack's install flow) that expire and are deleted: slack_sdk's store
refuses an expired state but keeps its row for ever, and anyone can make rows by opening
/slack/install. Ours deletes the expired ones whenever it writes a new one (and the daily clean-up
does too), so the table holds at most `expiration_seconds` of install starts."""

from __future__ import annotations

import datetime as dt
import logging

from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from storage import oauth_states
from storage.db import Database

log = logging.getLogger(__name__)
STATE_SECONDS = 600  # Bolt's default: ten minutes from the install link to Slack's answer


def _utc_now() -> dt.datetime:
    """The clock slack_sdk stamps `expire_at` with (naive UTC, real time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class ExpiringOAuthStateStore(SQLAlchemyOAuthStateStore):
    def issue(self, *args, **kwargs) -> str:
        with self.engine.begin() as conn:
            oauth_states.delete_expired(conn, _utc_now())
        return super().issue(*args, **kwargs)


def state_store(db: Database, *, expiration_seconds: int = STATE_SECONDS) -> ExpiringOAuthStateStore:
    return ExpiringOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=db.engine, logger=logging.getLogger("warmcall.oauth")
    )


def delete_expired_states(db: Database) -> int:
    """The daily clean-up's share: expired states nobody came back with."""
    with db.engine.begin() as conn:
        return oauth_states.delete_expired(conn, _utc_now())
