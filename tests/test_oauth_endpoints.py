"""The install endpoints hold against anyone on the internet: OAuth states expire and are deleted,
/slack/install is rate-limited per client address, `team` must be a Slack id (and goes URL-encoded),
and `?error=` on the redirect reaches the log capped and escaped. The real app over HTTP in OAuth mode
against the Slack double, on both databases."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.parse

import pytest
from sqlalchemy import insert

from bot.delivery.maintenance import delete_old_rows
from bot.domain.rate_limit import RateLimit
from storage import oauth_states
from storage.installations import oauth_states as states_table
from tests.conftest import DEFAULT_NOW
from tests.oauth_world import OAuthWorld, get


@pytest.fixture
def oauth(db):
    w = OAuthWorld(db, now=DEFAULT_NOW)
    yield w
    w.close()


def states(w: OAuthWorld) -> int:
    with w.db.engine.connect() as conn:
        return oauth_states.count(conn)


def add_state(w: OAuthWorld, name: str, *, expires_in: dt.timedelta) -> None:
    expire_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) + expires_in
    with w.db.engine.begin() as conn:
        conn.execute(insert(states_table).values(state=name, expire_at=expire_at))


def test_expired_states_are_deleted_by_the_next_install_and_by_the_clean_up(oauth):
    add_state(oauth, "left-an-hour-ago", expires_in=dt.timedelta(hours=-1))
    add_state(oauth, "still-good", expires_in=dt.timedelta(minutes=5))
    location, _ = oauth.start_install()
    assert states(oauth) == 2  # the new one and the one still good
    add_state(oauth, "left-a-minute-ago", expires_in=dt.timedelta(minutes=-1))
    report = delete_old_rows(oauth.services)
    assert report["oauth_states_deleted"] == 1 and states(oauth) == 2
    assert oauth.install("T0001")  # the flow still works from start to end


def test_install_starts_from_one_address_are_rate_limited_and_refusals_store_nothing(oauth):
    statuses = []
    while 429 not in statuses and len(statuses) < 40:
        status, headers, body = get(oauth.server.url + "/slack/install")
        statuses.append(status)
    assert statuses[-1] == 429, statuses
    assert statuses.count(302) >= 10  # a burst of installs is fine
    assert int(headers["retry-after"]) >= 1
    assert "Wait a minute, then open the install link again" in body
    assert states(oauth) == statuses.count(302)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("team=T0001%26redirect_uri%3Dhttps%3A%2F%2Fevil.example%2Fx", id="adds-redirect-uri"),
        pytest.param("team=T0001%26scope%3Dadmin", id="adds-scope"),
        pytest.param("team=T0001%0D%0ASet-Cookie%3A%20a%3Db", id="crlf"),
        pytest.param("team=not-a-team", id="not-an-id"),
        pytest.param("team=T0001&team=T0002", id="two-teams"),
        pytest.param("team=", id="empty"),
    ],
)
def test_a_team_that_is_not_a_slack_id_is_refused_before_any_state_is_stored(oauth, query):
    status, headers, body = get(f"{oauth.server.url}/slack/install?{query}")
    assert status == 400 and "location" not in headers
    assert "Open the install link again without the team part" in body
    assert states(oauth) == 0


@pytest.mark.parametrize("team", ["T0ABC123", "E0ORG"])
def test_a_slack_team_id_goes_to_slacks_authorize_page_as_one_encoded_parameter(oauth, team):
    status, headers, _ = get(f"{oauth.server.url}/slack/install?team={team}")
    assert status == 302
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(headers["location"]).query)
    assert query["team"] == [team]
    assert "redirect_uri" not in query or query["redirect_uri"] == [
        oauth.server.url + "/slack/oauth_redirect"
    ]
    assert states(oauth) == 1


def test_an_error_on_the_redirect_is_logged_capped_and_on_one_line(oauth, caplog):
    forged = "access_denied\n2026-12-06 WARNING root: admin password reset " + "x" * 100_000
    with caplog.at_level(logging.WARNING, logger="bot.runtime.oauth"):
        status, _, body = get(
            f"{oauth.server.url}/slack/oauth_redirect?" + urllib.parse.urlencode({"error": forged})
        )
    assert status == 200 and "Warmcall was not installed" in body
    lines = [r.getMessage() for r in caplog.records if "did not complete" in r.getMessage()]
    assert len(lines) == 1
    assert "\n" not in lines[0] and len(lines[0]) < 300
    assert lines[0].startswith("an install did not complete: access_denied\\n")


def test_the_rate_refills_with_time_and_remembers_a_bounded_number_of_addresses():
    limit = RateLimit(per_minute=6, burst=2, max_keys=3)
    assert [limit.allow("a", 0.0), limit.allow("a", 0.0)] == [None, None]
    assert limit.allow("a", 1.0) == pytest.approx(9.0)  # one token comes every 10 s
    assert limit.allow("a", 10.0) is None and limit.allow("a", 10.0) is not None
    for address in ("b", "c", "d"):
        limit.allow(address, 10.0)
    assert limit.allow("a", 10.0) is None  # forgotten (only three kept): a full bucket again
