"""The world a scenario test runs in: the real app over HTTP, a Slack double, a clock, a database."""

from __future__ import annotations

import datetime as dt

from bot.domain.clock import ManualClock
from bot.runtime.app import build_app
from bot.runtime.config import Settings
from bot.runtime.server import HttpServer
from bot.services.context import Services
from bot.testing.signed import SlackRequester
from bot.testing.slackdouble import SlackDouble
from storage.db import Database

SIGNING_SECRET = "test-signing-secret"
TEAM = "T0001"


def settings_for(db_url: str, api_url: str, **overrides) -> Settings:
    values = dict(
        bot_token="xoxb-test-token",
        signing_secret=SIGNING_SECRET,
        app_token=None,
        api_url=api_url,
        database_url=db_url,
        port=0,
        tick_seconds=60,
        log_level="INFO",
        playbook_dir=None,
        cadence_file=None,
    )
    values.update(overrides)
    return Settings(**values)


class World:
    def __init__(self, db: Database, *, now: dt.datetime, team_id: str = TEAM) -> None:
        self.db = db
        self.team_id = team_id
        self.double = SlackDouble()
        self.double.start()
        self.clock = ManualClock(now)
        self.services = Services(settings=settings_for(db.url, self.double.url), db=db, clock=self.clock)
        self.app = build_app(self.services)
        self.server = HttpServer(self.app, db, host="127.0.0.1", port=0, threads=8).start()
        self.slack = SlackRequester(
            self.server.url + "/slack/events",
            SIGNING_SECRET,
            team_id=team_id,
            response_urls=self.double.new_response_url,
        )

    def user(self, user_id: str, *, name: str | None = None, tz: str = "America/New_York") -> str:
        self.double.add_user(user_id, name=(name or user_id).lower(), real_name=name or user_id, tz=tz)
        return user_id

    def command(self, user_id: str, command: str, text: str = "", **kwargs):
        return self.slack.command(user_id, command, text, **kwargs)

    def advance(self, **delta) -> None:
        self.clock.advance(dt.timedelta(**delta))

    def close(self) -> None:
        self.server.stop()
        self.double.stop()
