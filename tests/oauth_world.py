"""A world in OAuth mode: the real app over HTTP with SLACK_CLIENT_ID/SECRET and no bot token, the
Slack double playing many workspaces, and the install flow driven as a browser would."""

from __future__ import annotations

import datetime as dt
import http.client
import urllib.parse

from bot.delivery.dispatcher import dispatch
from bot.domain.clock import ManualClock
from bot.runtime.app import build_app
from bot.runtime.server import HttpServer
from bot.services.context import Services
from bot.testing.busy import BusyTracker
from bot.testing.signed import SlackRequester
from bot.testing.slackdouble import SlackDouble
from handlers.blocks.digest import render_digest
from storage.db import Database
from tests.world import SIGNING_SECRET, Allowed, check_seen, settings_for

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "double-client-secret"
ENCRYPTION_KEY = "6e5-GbFQqmqpih4h4M6LsgvdOBDvUVLeagNCTPJGN7g="  # WARMCALL_ENCRYPTION_KEY of these tests


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    """A GET that does not follow redirects: status, headers, body."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    answer = conn.getresponse()
    headers = {k.lower(): v for k, v in answer.getheaders()}
    body = answer.read().decode()
    conn.close()
    return answer.status, headers, body


class OAuthWorld:
    """Like tests.world.World, in OAuth mode; `install(team)` runs the flow for a workspace."""

    def __init__(
        self,
        db: Database,
        *,
        now: dt.datetime,
        token_rotation: bool = False,
        token_lifetime: int = 43_200,
        grace_days: int = 7,
        double: SlackDouble | None = None,
        encryption_keys: tuple[str, ...] = (ENCRYPTION_KEY,),
    ) -> None:
        self.db = db
        self.double = double or SlackDouble().start()
        self.double.installs.configure(
            CLIENT_ID, CLIENT_SECRET, token_rotation=token_rotation, token_lifetime=token_lifetime
        )
        self.clock = ManualClock(now)
        settings = settings_for(
            db.url,
            self.double.url,
            bot_token=None,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            uninstall_grace_days=grace_days,
            encryption_keys=encryption_keys,
        )
        self.services = Services(settings=settings, db=db, clock=self.clock)
        self.app = build_app(self.services)
        self.busy = BusyTracker()
        self.busy.track(self.app.listener_runner.listener_executor)
        self.busy.track(self.services.background.executor)
        self.server = HttpServer(self.app, db, host="127.0.0.1", port=0, threads=8).start()
        self.slack = SlackRequester(
            self.server.url + "/slack/events",
            SIGNING_SECRET,
            response_urls=self.double.new_response_url,
            answers=self.double.http_ack,
        )
        self.allowed = Allowed()

    # -- the install flow, as the browser runs it -----------------------------------------------------

    def start_install(self) -> tuple[str, str]:
        """GET /slack/install: where the app sends the browser (Slack's authorize URL) and its cookie."""
        status, headers, _ = get(self.server.url + "/slack/install")
        assert status == 302, status
        return headers["location"], headers["set-cookie"].split(";", 1)[0]

    def finish_install(self, location: str, cookie: str, code: str) -> tuple[int, str]:
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["state"]
        query = urllib.parse.urlencode({"code": code, "state": state})
        status, _, body = get(f"{self.server.url}/slack/oauth_redirect?{query}", cookie)
        return status, body

    def install(
        self, team_id: str | None, *, enterprise_id: str | None = None, org_wide: bool = False
    ) -> str:
        """Install through the whole flow; the bot token the workspace (or org) now has."""
        location, cookie = self.start_install()
        code = self.double.installs.authorize(
            location, team_id, enterprise_id=enterprise_id, org_wide=org_wide
        )
        status, body = self.finish_install(location, cookie, code)
        assert status == 200, body
        assert "Warmcall is installed" in body
        tenant = enterprise_id if org_wide else team_id
        return self.double.installs.tokens_of(tenant or "")[-1]

    # -- members and requests -----------------------------------------------------------------------

    def user(
        self, user_id: str, team_id: str, *, tz: str = "America/New_York", enterprise_id: str | None = None
    ):
        self.double.add_user(user_id, name=user_id.lower(), real_name=user_id, tz=tz)
        self.double.installs.place(user_id, team_id, enterprise_id)
        return user_id

    def command(self, user_id: str, command: str, text: str = "", **kwargs):
        return self.slack.command(user_id, command, text, **kwargs)

    def digest(self) -> dict:
        return dispatch(self.services, render_digest)

    def advance(self, **delta) -> None:
        self.clock.advance(dt.timedelta(**delta))

    def close(self, *, keep_double: bool = False) -> None:
        """Stop the app; fail, as World.close does, when a user saw a refused reply or a never-phrase."""
        try:
            self.server.stop()
            self.services.background.drain(10)
        finally:
            if not keep_double:
                self.double.stop()
        check_seen(self.double.seen, self.allowed)
