"""OAuth mode: workspaces install Warmcall through the flow, each works with its own token, a forged
team id reaches nothing, an uninstall stops digests and deletes the data after the grace period.

The real app over signed HTTP, the Slack double playing several workspaces (it records the token of
every call), both databases.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select, update

from bot.delivery.dispatcher import dispatch, round_robin
from bot.delivery.maintenance import delete_old_rows, refresh_time_zones
from bot.runtime.config import ConfigError, load_settings
from bot.runtime.oauth import BOT_SCOPES, REDIRECT_PATH
from bot.services.context import Services
from bot.services.digest_claims import DigestClaim
from bot.testing.signed import Grid, SlackRequester
from bot.testing.slackdouble import SlackDouble
from handlers.blocks.contact_buttons import SNOOZE
from handlers.blocks.digest import render_digest
from storage import installations as installs_table
from storage.contacts import add_contact
from storage.models import Contact, UserProfile
from storage.profiles import get_or_create_profile
from tests.conftest import DEFAULT_NOW
from tests.oauth_world import CLIENT_ID, CLIENT_SECRET, ENCRYPTION_KEY, OAuthWorld, get
from tests.test_grid import form_values, opened
from tests.world import SIGNING_SECRET, reply, settle, wait_for

TA, TB = "T0AAA", "T0BBB"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def oauth(db):
    w = OAuthWorld(db, now=DEFAULT_NOW)
    yield w
    w.close()


def met(w: OAuthWorld, user: str, team: str, text: str) -> dict:
    before = len(w.double.responses)
    answer = w.command(user, "/met", text, team_id=team)
    assert answer.status == 200, answer.body_text
    return answer.json or reply(w, before + 1)


def said(message: dict) -> str:
    return json.dumps(message.get("blocks") or []) + message.get("text", "")


def tenants_of_calls(w: OAuthWorld, calls) -> set[str | None]:
    return {w.double.installs.tenant_of(c.token) for c in calls if c.method != "oauth.v2.access"}


def contacts(w: OAuthWorld, team: str) -> list[str]:
    with w.db.reading() as s:
        return list(s.scalars(select(Contact.name).where(Contact.team_id == team).order_by(Contact.id)))


def digest_dms(w: OAuthWorld, user: str) -> list[dict]:
    return [m for m in w.double.dm_messages(user) if (m.get("metadata") or {}).get("event_type")]


def uninstall_event(w: OAuthWorld, team: str, kind: str = "app_uninstalled"):
    event = {"type": kind}
    if kind == "tokens_revoked":
        event["tokens"] = {"bot": ["UBOT1"]}
    return w.slack.event(event, team_id=team)


# -- the install flow --------------------------------------------------------------------------------


def test_install_flow_stores_the_workspace_bot_token_in_our_database(oauth):
    location, cookie = oauth.start_install()
    assert location.startswith(oauth.double.base + "/oauth/v2/authorize?")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert query["client_id"] == CLIENT_ID
    assert query["scope"].split(",") == list(BOT_SCOPES) and not query.get("user_scope")
    code = oauth.double.installs.authorize(location, TA, team_name="Acme")
    status, body = oauth.finish_install(location, cookie, code)
    assert status == 200 and "Warmcall is installed" in body and "/met" in body
    token = oauth.double.installs.tokens_of(TA)[-1]
    with oauth.db.reading() as s:
        row = s.execute(select(installs_table.bots)).mappings().one()
    assert (row["team_id"], row["team_name"], row["client_id"]) == (TA, "Acme", CLIENT_ID)
    assert (
        token not in row["bot_token"]
        and oauth.services.installations.cipher.decrypt(row["bot_token"]) == token
    )
    assert row["bot_refresh_token"] is None  # rotation off
    assert oauth.services.tokens.token_for(TA) == token
    assert oauth.services.tokens.token_for(TB) is None


def test_a_replayed_or_forged_state_installs_nothing(oauth):
    location, cookie = oauth.start_install()
    code = oauth.double.installs.authorize(location, TA)
    assert oauth.finish_install(location, cookie, code)[0] == 200
    # the same state again (a replayed redirect), and a redirect whose state was never issued
    again = oauth.finish_install(location, cookie, oauth.double.installs.authorize(location, TB))
    assert again[0] >= 400 and "Warmcall was not installed" in again[1]
    forged = oauth.finish_install(location.replace("state=", "state=forged"), cookie, "1.x")
    assert forged[0] >= 400
    assert oauth.double.installs.tokens_of(TB) == []
    assert oauth.services.tokens.token_for(TB) is None


def test_single_token_mode_has_no_install_routes(world):
    assert get(world.server.url + "/slack/install")[0] == 404
    assert get(world.server.url + "/slack/oauth_redirect?code=x&state=y")[0] == 404


# -- two workspaces, their own tokens ------------------------------------------------------------------


def test_two_workspaces_each_use_their_own_token_for_commands_and_digests(oauth):
    token_a, token_b = oauth.install(TA), oauth.install(TB)
    assert token_a != token_b
    oauth.user("UA1", TA, tz="America/New_York")
    oauth.user("UB1", TB, tz="America/New_York")

    start = len(oauth.double.calls)
    assert "Saved *Jane Doe (Acme)*" in said(met(oauth, "UA1", TA, "Jane Doe of Acme at PyCon"))
    settle(oauth)
    calls_a = oauth.double.calls[start:]
    start = len(oauth.double.calls)
    assert "Saved *Bob Roe (Initech)*" in said(met(oauth, "UB1", TB, "Bob Roe of Initech at RustConf"))
    settle(oauth)
    calls_b = oauth.double.calls[start:]
    # Bolt's authorize (auth.test), the new user's users.info, the Home refresh: each with its own token
    assert {"auth.test", "users.info"} <= {c.method for c in calls_a}
    assert tenants_of_calls(oauth, calls_a) == {TA}
    assert tenants_of_calls(oauth, calls_b) == {TB}
    assert contacts(oauth, TA) == ["Jane Doe"] and contacts(oauth, TB) == ["Bob Roe"]

    # Friday 09:00 in New York: both first follow-ups are due (Thu 26 Nov is Thanksgiving: no digest)
    oauth.advance(days=3)
    start = len(oauth.double.calls)
    report = oauth.digest()
    assert report["sent"] == 2
    posts = [c for c in oauth.double.calls[start:] if c.method == "chat.postMessage"]
    by_user = {c.params["channel"]: oauth.double.installs.tenant_of(c.token) for c in posts}
    assert by_user == {"UA1": TA, "UB1": TB}
    assert "Jane Doe" in said(digest_dms(oauth, "UA1")[0]) and "Bob Roe" not in said(
        digest_dms(oauth, "UA1")[0]
    )
    assert "Bob Roe" in said(digest_dms(oauth, "UB1")[0])
    assert oauth.double.block_errors == []


def test_a_forged_team_id_never_reaches_the_other_workspace(oauth):
    token_a = oauth.install(TA)
    oauth.install(TB)
    oauth.user("UA1", TA)
    met(oauth, "UA1", TA, "Jane Doe of Acme: wants the hiring checklist")
    settle(oauth)

    # The same member id, claiming to be in workspace B: B's installation, B's (empty) data.
    start = len(oauth.double.calls)
    answer = oauth.command("UA1", "/prep", "Jane", team_id=TB)
    assert answer.status == 200
    settle(oauth)
    shown = json.dumps(answer.json or {}) + json.dumps(oauth.double.responses[-1]["body"])
    assert "hiring checklist" not in shown and "Acme" not in shown
    assert token_a not in {c.token for c in oauth.double.calls[start:]}

    # A workspace that never installed Warmcall gets nothing at all.
    start_rows = contacts(oauth, TA)
    before = len(oauth.double.responses)
    answer = oauth.command("UA1", "/met", "Eve Spy of Evil", team_id="T0EVIL")
    assert answer.status == 200 and not answer.body_text
    assert "not installed in this workspace" in reply(oauth, before + 1)["text"]
    settle(oauth)
    assert contacts(oauth, "T0EVIL") == [] and contacts(oauth, TA) == start_rows
    with oauth.db.reading() as s:
        assert (
            s.scalar(select(func.count()).select_from(UserProfile).where(UserProfile.team_id == "T0EVIL"))
            == 0
        )


def test_time_zone_refresh_visits_each_installation_with_its_own_token(oauth):
    oauth.install(TA)
    oauth.install(TB)
    oauth.user("UA1", TA, tz="America/New_York")
    oauth.user("UB1", TB, tz="America/New_York")
    met(oauth, "UA1", TA, "Jane Doe")
    met(oauth, "UB1", TB, "Bob Roe")
    settle(oauth)
    oauth.double.add_user("UA1", name="ua1", real_name="UA1", tz="Asia/Tokyo")
    oauth.double.add_user("UB1", name="ub1", real_name="UB1", tz="Europe/Berlin")
    start = len(oauth.double.calls)
    report = refresh_time_zones(oauth.services)
    lists = [c for c in oauth.double.calls[start:] if c.method == "users.list"]
    assert sorted(oauth.double.installs.tenant_of(c.token) for c in lists) == [TA, TB]
    assert report["tz_changed"] == 2
    with oauth.db.reading() as s:
        zones = dict(s.execute(select(UserProfile.team_id, UserProfile.tz)).all())
    assert zones == {TA: "Asia/Tokyo", TB: "Europe/Berlin"}


# -- uninstall ---------------------------------------------------------------------------------------


def two_workspaces_with_due_contacts(w: OAuthWorld) -> None:
    w.install(TA)
    w.install(TB)
    w.user("UA1", TA)
    w.user("UB1", TB)
    met(w, "UA1", TA, "Jane Doe of Acme")
    met(w, "UB1", TB, "Bob Roe of Initech")
    settle(w)


def test_uninstall_stops_digests_at_once_and_deletes_the_data_after_the_grace_period(oauth):
    two_workspaces_with_due_contacts(oauth)
    oauth.double.installs.uninstall(TA)  # Slack revokes the tokens, then tells the app
    assert uninstall_event(oauth, TA).status == 200
    wait_for(lambda: oauth.services.tokens.token_for(TA) is None)

    oauth.advance(days=3)  # Friday: Thu 26 Nov is Thanksgiving in New York, no digest (SPEC §14)
    start = len(oauth.double.calls)
    report = oauth.digest()
    assert report["sent"] == 1
    assert digest_dms(oauth, "UA1") == [] and len(digest_dms(oauth, "UB1")) == 1
    assert tenants_of_calls(oauth, oauth.double.calls[start:]) == {TB}  # nothing tried with a dead token

    delete_old_rows(oauth.services)  # three days in: still kept
    assert contacts(oauth, TA) == ["Jane Doe"]
    oauth.advance(days=4, seconds=1)  # seven days after the uninstall
    report = delete_old_rows(oauth.services)
    assert report["workspaces_deleted"] == 1
    assert contacts(oauth, TA) == [] and contacts(oauth, TB) == ["Bob Roe"]
    with oauth.db.reading() as s:
        teams = set(s.scalars(select(UserProfile.team_id)))
    assert teams == {TB}


def test_a_reinstall_within_the_grace_period_keeps_the_data_and_the_digests(oauth):
    two_workspaces_with_due_contacts(oauth)
    oauth.double.installs.uninstall(TA)
    assert uninstall_event(oauth, TA, "tokens_revoked").status == 200
    wait_for(lambda: oauth.services.tokens.token_for(TA) is None)
    oauth.advance(days=2)
    oauth.digest()
    assert digest_dms(oauth, "UA1") == []

    oauth.install(TA)  # back on day 2
    oauth.advance(days=6)
    delete_old_rows(oauth.services)
    assert contacts(oauth, TA) == ["Jane Doe"]
    oauth.digest()
    posts = [c for c in oauth.double.calls_to("chat.postMessage") if c.params["channel"] == "UA1"]
    assert posts and oauth.double.installs.tenant_of(posts[-1].token) == TA
    assert oauth.double.installs.token_error("chat.postMessage", posts[-1].token) is None


def test_grace_zero_deletes_at_the_next_clean_up(db):
    w = OAuthWorld(db, now=DEFAULT_NOW, grace_days=0)
    try:
        two_workspaces_with_due_contacts(w)
        w.double.installs.uninstall(TB)
        uninstall_event(w, TB)
        wait_for(lambda: w.services.tokens.token_for(TB) is None)
        assert delete_old_rows(w.services)["workspaces_deleted"] == 1
        assert contacts(w, TB) == [] and contacts(w, TA) == ["Jane Doe"]
    finally:
        w.close()


# -- token rotation ----------------------------------------------------------------------------------


def age_tokens(w: OAuthWorld, tenant: str, *, seconds_left: int) -> None:
    """Time passes for the stored token: it now expires in `seconds_left` (in Slack and in our row)."""
    expires = time.time() + seconds_left
    for grant in w.double.installs.grants.values():
        if grant.tenant == tenant:
            grant.expires_at = expires
    with w.db.transaction() as s:
        s.execute(
            update(installs_table.bots)
            .where(installs_table.bots.c.team_id == tenant)
            .values(bot_token_expires_at=dt.datetime.fromtimestamp(expires, dt.UTC).replace(tzinfo=None))
        )


def test_rotated_tokens_are_refreshed_before_they_expire_once_for_every_replica(db):
    w = OAuthWorld(db, now=DEFAULT_NOW, token_rotation=True)
    try:
        first = w.install(TA)
        with w.db.reading() as s:
            row = s.execute(select(installs_table.bots)).mappings().one()
        refresh = w.services.installations.cipher.decrypt(row["bot_refresh_token"])
        assert refresh.startswith("xoxe-") and "xoxe-" not in row["bot_refresh_token"]
        assert row["bot_token_expires_at"] is not None
        w.user("UA1", TA)
        met(w, "UA1", TA, "Jane Doe")
        settle(w)
        assert w.double.calls_to("oauth.v2.access")[-1].params.get("grant_type") is None  # only the install

        age_tokens(w, TA, seconds_left=30 * 60)  # 11.5 hours later
        other = Services(settings=w.services.settings, db=db, clock=w.clock)  # a second replica
        tokens: list[str | None] = []
        threads = [
            threading.Thread(target=lambda s=s: tokens.append(s.tokens.token_for(TA)))
            for s in (w.services, other, w.services, other)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        refreshes = [
            c for c in w.double.calls_to("oauth.v2.access") if c.params.get("grant_type") == "refresh_token"
        ]
        assert len(refreshes) == 1 and all(r.response["ok"] for r in refreshes)
        second = w.double.installs.tokens_of(TA)[-1]
        assert second != first and tokens == [second] * 4

        w.double.installs.expire(TA)  # the first token is dead now; the app never uses it again
        for grant in w.double.installs.grants.values():
            if grant.token == second:
                grant.expires_at = None
        start = len(w.double.calls)
        answer = w.command("UA1", "/prep", "Jane", team_id=TA)
        assert answer.status == 200
        settle(w)
        used = {c.token for c in w.double.calls[start:]}
        assert used == {second}
    finally:
        w.close()


# -- manifests ---------------------------------------------------------------------------------------


def test_distribution_manifest_is_the_single_workspace_one_plus_oauth(oauth):
    single = yaml.safe_load((ROOT / "manifest.yml").read_text())
    dist = yaml.safe_load((ROOT / "manifest.distribution.yml").read_text())
    assert dist["display_information"] == single["display_information"]
    for feature in ("app_home", "bot_user", "shortcuts"):
        assert dist["features"].get(feature) == single["features"].get(feature), feature
    commands = {c["command"]: c for c in dist["features"]["slash_commands"]}
    assert set(commands) == {c["command"] for c in single["features"]["slash_commands"]}
    for command in single["features"]["slash_commands"]:
        assert {k: v for k, v in commands[command["command"]].items() if k != "url"} == command
        assert commands[command["command"]]["url"].endswith("/slack/events")
    # the scopes the install flow asks for are the manifest's
    assert dist["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert single["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert [urllib.parse.urlsplit(u).path for u in dist["oauth_config"]["redirect_urls"]] == [REDIRECT_PATH]
    settings = dist["settings"]
    assert set(single["settings"]["event_subscriptions"]["bot_events"]) | {
        "app_uninstalled",
        "tokens_revoked",
        "function_executed",  # the Workflow Builder step needs an org-ready app (tests/test_workflow_step.py)
    } == set(settings["event_subscriptions"]["bot_events"])
    assert settings["event_subscriptions"]["request_url"].endswith("/slack/events")
    assert settings["interactivity"] == {
        "is_enabled": True,
        "request_url": settings["event_subscriptions"]["request_url"],
    }
    assert settings["socket_mode_enabled"] is False
    assert settings["token_rotation_enabled"] is True and settings["org_deploy_enabled"] is True
    assert (
        single["settings"]["token_rotation_enabled"] is False
        and single["settings"]["org_deploy_enabled"] is False
    )
    # the two uninstall events have listeners in OAuth mode
    registered = {
        name
        for listener in oauth.app._listeners
        for name in (getattr(listener.ack_function, "__name__", ""),)
    }
    assert {"app_uninstalled", "tokens_revoked"} <= registered


# -- Enterprise Grid ---------------------------------------------------------------------------------


def test_an_org_wide_install_serves_two_member_workspaces_with_the_org_token(oauth):
    org_token = oauth.install(None, enterprise_id="E0ORG", org_wide=True)
    other = oauth.install(TB)  # an ordinary workspace beside the org
    oauth.user("W1", "T0G01", enterprise_id="E0ORG")
    oauth.user("W2", "T0G02", enterprise_id="E0ORG")
    oauth.user("UB1", TB)
    grid = Grid(enterprise_id="E0ORG", org_wide=True)
    start = len(oauth.double.calls)
    for user, team, text in (("W1", "T0G01", "Jane Doe of Acme"), ("W2", "T0G02", "Ravi Shah of Globex")):
        before = len(oauth.double.responses)
        answer = oauth.command(user, "/met", text, team_id=team, grid=grid)
        assert answer.status == 200
        assert "Saved" in said(answer.json or reply(oauth, before + 1))
    met(oauth, "UB1", TB, "Bob Roe")
    settle(oauth)
    with oauth.db.reading() as s:
        owners = set(s.execute(select(Contact.team_id, Contact.user_id)).all())
    assert owners == {("E0ORG", "W1"), ("E0ORG", "W2"), (TB, "UB1")}

    oauth.advance(days=3)  # Friday: Thu 26 Nov is Thanksgiving in New York, no digest (SPEC §14)
    oauth.digest()
    posts = {
        c.params["channel"]: c.token for c in oauth.double.calls[start:] if c.method == "chat.postMessage"
    }
    assert posts == {"W1": org_token, "W2": org_token, "UB1": other}


# -- settings ----------------------------------------------------------------------------------------

OAUTH_ENV = {
    "SLACK_CLIENT_ID": "1.2",
    "SLACK_CLIENT_SECRET": "s",
    "SLACK_SIGNING_SECRET": "x",
    "WARMCALL_ENCRYPTION_KEY": ENCRYPTION_KEY,
}


def test_client_id_and_secret_without_a_bot_token_is_oauth_mode():
    settings = load_settings(OAUTH_ENV, mode="serve-http")
    assert settings.oauth and settings.bot_token is None and settings.uninstall_grace_days == 7
    assert (
        load_settings({**OAUTH_ENV, "WARMCALL_UNINSTALL_GRACE_DAYS": "0"}, mode="tick").uninstall_grace_days
        == 0
    )
    # a bot token wins: single-workspace mode exactly as before
    assert not load_settings({**OAUTH_ENV, "SLACK_BOT_TOKEN": "xoxb-1"}, mode="serve-http").oauth


@pytest.mark.parametrize(
    ("env", "names"),
    [
        pytest.param(
            {"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "x"}, "SLACK_CLIENT_SECRET", id="no-secret"
        ),
        pytest.param(
            {"SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"}, "SLACK_CLIENT_ID", id="no-id"
        ),
        pytest.param({**OAUTH_ENV, "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_APP_TOKEN", id="socket-mode"),
        pytest.param(
            {**OAUTH_ENV, "WARMCALL_UNINSTALL_GRACE_DAYS": "soon"},
            "WARMCALL_UNINSTALL_GRACE_DAYS",
            id="grace",
        ),
    ],
)
def test_oauth_settings_that_cannot_work_name_the_variable(env, names):
    with pytest.raises(ConfigError) as raised:
        load_settings(env, mode="run")
    assert names in str(raised.value) and "\n" not in str(raised.value)


# -- per-workspace rate limits -----------------------------------------------------------------------


def due_users(w: OAuthWorld, team: str, count: int) -> list[str]:
    users = []
    with w.db.transaction() as s:
        for i in range(count):
            user = w.user(f"U{team[-3:]}{i}", team)
            get_or_create_profile(s, team, user, tz="America/New_York")
            add_contact(
                s,
                team,
                user,
                name=f"Due {user}",
                company="Acme",
                stage="active",
                next_due=dt.date(2026, 11, 1),
            )
            users.append(user)
    return users


def test_a_workspace_answering_429_delays_only_itself(oauth):
    oauth.install(TA)
    oauth.install(TB)
    slow, fast = due_users(oauth, TA, 5), due_users(oauth, TB, 5)  # TA's users are claimed first
    oauth.double.installs.rate_limit(TA, "chat.postMessage", retry_after=30)

    report = dispatch(oauth.services, render_digest, workers=1)
    assert [len(digest_dms(oauth, u)) for u in fast] == [1] * 5  # not held back by TA's refusals
    assert [len(digest_dms(oauth, u)) for u in slow] == [0] * 5
    assert report["sent"] == 5 and report.get("rate_limited", 0) >= 1
    refused = [c for c in oauth.double.calls_to("chat.postMessage") if c.status == 429]
    assert {oauth.double.installs.tenant_of(c.token) for c in refused} == {TA}

    oauth.double.installs.clear_limits()  # a minute later TA takes messages again
    oauth.advance(seconds=31)
    dispatch(oauth.services, render_digest, workers=1)
    assert [len(digest_dms(oauth, u)) for u in slow + fast] == [1] * 10  # all there, none twice


def test_buttons_act_with_their_own_workspace_and_a_forged_contact_id_reaches_nothing(oauth):
    oauth.install(TA)
    oauth.install(TB)
    oauth.user("UA1", TA)
    oauth.user("UB1", TB)
    met(oauth, "UA1", TA, "Jane Doe of Acme")
    settle(oauth)
    with oauth.db.reading() as s:
        jane = s.scalars(select(Contact).where(Contact.team_id == TA)).one()

    # UB1 in workspace B presses Snooze with the id of A's contact
    start = len(oauth.double.calls)
    before = len(oauth.double.responses)
    assert oauth.slack.block_action("UB1", SNOOZE, str(jane.id), team_id=TB).status == 200
    settle(oauth)
    answered = oauth.double.responses[before:]
    assert "Jane" not in json.dumps(answered)
    with oauth.db.reading() as s:
        assert s.get(Contact, jane.id).next_due == jane.next_due
    assert tenants_of_calls(oauth, oauth.double.calls[start:]) <= {TB}

    # the owner's own press works, with A's token
    start = len(oauth.double.calls)
    assert oauth.slack.block_action("UA1", SNOOZE, str(jane.id), team_id=TA).status == 200
    wait_for(lambda: _next_due(oauth, jane.id) != jane.next_due)
    settle(oauth)
    assert tenants_of_calls(oauth, oauth.double.calls[start:]) == {TA}


def _next_due(w: OAuthWorld, contact_id: int):
    with w.db.reading() as s:
        return s.get(Contact, contact_id).next_due


# -- deactivated members -------------------------------------------------------------------------------


def test_a_deactivated_member_gets_no_digest_until_reactivated(world):
    world.user("U1")
    answer = world.command("U1", "/met", "Jane Doe of Acme")
    assert answer.status == 200
    settle(world)
    world.double.add_user("U1", name="u1", real_name="U1", deleted=True)
    assert world.slack.event({"type": "user_change", "user": world.double.member("U1")}).status == 200
    wait_for(lambda: _paused(world, "U1"))
    world.advance(days=3)  # Friday, Jane is due (Thu 26 Nov is Thanksgiving in New York: no digest)
    assert dispatch(world.services, render_digest).get("sent", 0) == 0
    assert digest_dms(world, "U1") == []

    world.double.add_user("U1", name="u1", real_name="U1", deleted=False)
    assert world.slack.event({"type": "user_change", "user": world.double.member("U1")}).status == 200
    wait_for(lambda: not _paused(world, "U1"))
    assert dispatch(world.services, render_digest)["sent"] == 1
    assert len(digest_dms(world, "U1")) == 1


def _paused(w, user: str) -> str | None:
    with w.db.reading() as s:
        return s.scalar(select(UserProfile.paused_reason).where(UserProfile.user_id == user))


def _claim(n: int, team: str) -> DigestClaim:
    day = dt.date(2026, 11, 24)
    return DigestClaim(n, team, f"U{n}", day, dt.datetime(2026, 11, 24, 14, 2), "", [], False, None)


@pytest.mark.parametrize(
    ("teams", "expected"),
    [
        pytest.param("AAAAB", "ABAAA", id="small-after-one-turn"),
        pytest.param("AABBC", "ABCAB", id="three"),
        pytest.param("AAAA", "AAAA", id="one-workspace-unchanged"),
        pytest.param("", "", id="empty"),
    ],
)
def test_workers_take_digests_in_turns_between_workspaces(teams, expected):
    jobs = [_claim(i, team) for i, team in enumerate(teams)]
    turns = round_robin(jobs)
    assert "".join(j.team_id for j in turns) == expected
    assert sorted(j.digest_id for j in turns) == list(range(len(teams)))
    for team in set(teams):  # each workspace keeps its own order
        mine = [j.digest_id for j in turns if j.team_id == team]
        assert mine == sorted(mine)


# -- real processes ----------------------------------------------------------------------------------


def _process_env(db_url: str, double) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WARMCALL_", "DATABASE_"))}
    env.update(
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=double.url,
        DATABASE_URL=db_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        WARMCALL_ENCRYPTION_KEY=ENCRYPTION_KEY,
    )
    return env


def test_warmcall_serve_installs_over_http_and_a_tick_process_sends_with_the_stored_token(db_url, tmp_path):
    double = SlackDouble().start()
    double.installs.configure(CLIENT_ID, CLIENT_SECRET)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(tmp_path / "serve.log", "w+")  # noqa: SIM115 - closed below
    serve = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", str(port)],
        cwd=ROOT,
        env=_process_env(db_url, double),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: serve.poll() is not None or _healthy(base), 30)
        assert serve.poll() is None, (tmp_path / "serve.log").read_text()
        status, headers, _ = get(base + "/slack/install")
        assert status == 302
        location, cookie = headers["location"], headers["set-cookie"].split(";", 1)[0]
        code = double.installs.authorize(location, TA)
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["state"]
        status, _, body = get(f"{base}/slack/oauth_redirect?code={code}&state={state}", cookie)
        assert status == 200 and "Warmcall is installed" in body
        token = double.installs.tokens_of(TA)[-1]

        double.add_user("UA1", tz="America/New_York")
        double.installs.place("UA1", TA)
        slack = SlackRequester(
            base + "/slack/events", SIGNING_SECRET, TA, response_urls=double.new_response_url
        )
        assert slack.command("UA1", "/met", "Jane Doe of Acme").status == 200
        wait_for(lambda: any("Saved" in json.dumps(r.get("body")) for r in double.responses), 15)

        # days later (the serve process keeps real time), a cron `warmcall tick` sends the digest
        # with A's token from the database
        day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=4)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        now = dt.datetime.combine(day, dt.time(14, 30), dt.UTC).isoformat()
        tick = subprocess.run(
            [sys.executable, "-m", "bot", "tick", "--now", now],
            cwd=ROOT,
            env=_process_env(db_url, double),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert tick.returncode == 0, tick.stderr
        posts = double.calls_to("chat.postMessage")
        assert [(c.params["channel"], c.token) for c in posts] == [("UA1", token)]
        assert "xoxb-" not in (tmp_path / "serve.log").read_text() + tick.stdout + tick.stderr
    finally:
        serve.kill()
        serve.wait(timeout=30)
        log.close()
        double.stop()


def _healthy(base: str) -> bool:
    try:
        return get(base + "/healthz")[0] == 200
    except OSError:
        return False


def test_a_workspace_install_inside_a_grid_org_opens_and_saves_the_modal_with_its_own_token(oauth):
    token = oauth.install("T0G01", enterprise_id="E0ORG")  # this workspace only, not org-wide
    oauth.install(TB)
    oauth.user("W1", "T0G01", enterprise_id="E0ORG")
    grid = Grid(enterprise_id="E0ORG")
    start = len(oauth.double.calls)
    assert oauth.command("W1", "/met", "", team_id="T0G01", grid=grid).status == 200
    form = opened(oauth, "met_contact_form")
    answer = oauth.slack.view_submission(
        "W1", form["callback_id"], form_values(form, name="Jane Doe"), view=form, team_id="T0G01", grid=grid
    )
    assert answer.status == 200 and answer.body_text == ""
    settle(oauth)
    assert contacts(oauth, "T0G01") == ["Jane Doe"] and contacts(oauth, "E0ORG") == []
    calls = oauth.double.calls[start:]
    assert "views.open" in {c.method for c in calls}
    assert {c.token for c in calls} == {token}
