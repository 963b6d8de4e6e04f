"""The Slack Web API double and the signed-request sender, tested against slack_sdk and a real Bolt app."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import waitress
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.clock import ManualClock
from bot.testing.signed import SlackRequester, text_values
from bot.testing.slackdouble import SlackDouble, validate_blocks, validate_view
from tests.world import wait_for

DIGEST_METADATA = {"event_type": "warmcall_digest", "event_payload": {"digest_id": 42}}


@pytest.fixture
def double() -> Iterator[SlackDouble]:
    with SlackDouble() as running:
        yield running


@pytest.fixture
def client(double: SlackDouble) -> WebClient:
    return WebClient(base_url=double.url, token="xoxb-test")


def section(text: str, block_id: str | None = None) -> dict:
    block = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        block["block_id"] = block_id
    return block


def modal(title: str = "New contact", blocks: list | None = None) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "blocks": blocks or [section("hi")],
    }


# -- messages ---------------------------------------------------------------------------------------


def test_post_to_user_lands_in_dm_and_history_shows_metadata_only_when_asked(double, client):
    sent = client.chat_postMessage(channel="U1", text="Call Jane today", metadata=DIGEST_METADATA)

    assert sent["channel"] == "DU1"
    assert sent["ts"] and sent["message"]["text"] == "Call Jane today"
    plain = client.conversations_history(channel="DU1")
    assert [m["ts"] for m in plain["messages"]] == [sent["ts"]]
    assert "metadata" not in plain["messages"][0]
    with_metadata = client.conversations_history(channel="DU1", include_all_metadata=True)
    assert with_metadata["messages"][0]["metadata"] == DIGEST_METADATA
    assert double.dm_messages("U1")[0]["metadata"] == DIGEST_METADATA


def test_history_is_newest_first_and_paginates(client):
    sent = [client.chat_postMessage(channel="U1", text=f"m{i}")["ts"] for i in range(5)]
    first = client.conversations_history(channel="DU1", limit=3)
    second = client.conversations_history(
        channel="DU1", limit=3, cursor=first["response_metadata"]["next_cursor"]
    )

    assert [m["ts"] for m in first["messages"]] == sent[::-1][:3] and first["has_more"]
    assert [m["ts"] for m in second["messages"]] == sent[::-1][3:] and not second["has_more"]
    assert sent == sorted(sent, key=float) and len(set(sent)) == 5


def test_update_needs_the_dm_id_not_the_user_id(double, client):
    sent = client.chat_postMessage(channel="U1", text="v1")

    with pytest.raises(SlackApiError) as refused:
        client.chat_update(channel="U1", ts=sent["ts"], text="v2")
    assert refused.value.response["error"] == "channel_not_found"
    client.chat_update(channel=sent["channel"], ts=sent["ts"], text="v2")
    assert [m["text"] for m in double.messages("U1")] == ["v2"]


def test_call_without_token_is_not_authed(double):
    request = urllib.request.Request(double.url + "auth.test", data=b"", method="POST")
    with urllib.request.urlopen(request) as answer:
        assert json.load(answer) == {"ok": False, "error": "not_authed"}


def test_unknown_method_and_recorded_calls(double, client):
    client.auth_test()
    with pytest.raises(SlackApiError) as unknown:
        client.api_call("chat.teleport", json={"channel": "C1"})

    assert unknown.value.response["error"] == "unknown_method"
    assert [c.method for c in double.calls] == ["auth.test", "chat.teleport"]
    assert double.calls_to("auth.test")[0].response["user_id"] == "UBOT"


def test_blocks_without_text_are_accepted_with_a_warning(double, client):
    with pytest.warns(UserWarning, match="top-level `text`"):
        client.chat_postMessage(channel="U1", blocks=[section("hello")])

    assert double.block_errors == []
    assert any("top-level text" in w for w in double.warnings)


# -- Block Kit validation -----------------------------------------------------------------------------


def test_message_with_51_blocks_is_rejected_and_recorded(double, client):
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="U1", text="too many", blocks=[section(str(i)) for i in range(51)])

    assert refused.value.response["error"] == "invalid_blocks"
    assert double.block_errors and "at most 50" in double.block_errors[0]
    assert double.messages("U1") == []


@pytest.mark.parametrize(
    ("blocks", "surface", "problem"),
    [
        ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}], "message", "at most 150"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 150}}], "message", None),
        ([section("a", "same"), section("b", "same")], "message", "duplicate block_id"),
        ([section("x" * 3001)], "message", "at most 3000"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": ""}}], "message", "non-empty"),
        ([{"type": "section", "text": {"type": "markdown", "text": "a"}}], "message", "must be one of"),
        ([section(str(i)) for i in range(100)], "modal", None),
        ([section(str(i)) for i in range(101)], "home", "at most 100"),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "go"},
                        {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "go"},
                    ],
                }
            ],
            "message",
            "duplicate action_id",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "text": {"type": "plain_text", "text": "x" * 76}, "value": "v"}
                    ],
                }
            ],
            "message",
            "at most 75",
        ),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}], "message", "1 to 10"),
        ([{"type": "carousel"}], "message", "unknown block type"),
    ],
    ids=[
        "header-151",
        "header-150-ok",
        "duplicate-block-id",
        "section-3001",
        "empty-text",
        "bad-text-type",
        "modal-100-ok",
        "home-101",
        "duplicate-action-id",
        "button-text-76",
        "context-11",
        "unknown-type",
    ],
)
def test_validate_blocks(blocks, surface, problem):
    errors = validate_blocks(blocks, surface)

    if problem is None:
        assert errors == []
    else:
        assert any(problem in e for e in errors), errors


def _picker(kind: str, **initial: str) -> dict:
    label = {"type": "plain_text", "text": "When"}
    return {"type": "input", "label": label, "element": {"type": kind, "action_id": "v", **initial}}


def _confirmed_button(title: str) -> dict:
    dialog = {
        "title": {"type": "plain_text", "text": title},
        "text": {"type": "plain_text", "text": "Sure?"},
        "confirm": {"type": "plain_text", "text": "Yes"},
        "deny": {"type": "plain_text", "text": "No"},
    }
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": "Go"},
        "action_id": "go",
        "confirm": dialog,
    }
    return {"type": "actions", "elements": [button]}


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (_picker("datepicker", initial_date="24/11/2026"), "initial_date attribute must be in format"),
        (_picker("timepicker", initial_time="9am"), "initial_time attribute must be in format"),
        (_confirmed_button("x" * 101), "title attribute cannot exceed 100 characters"),
    ],
    ids=["date-format", "time-format", "confirm-title-101"],
)
def test_slack_sdk_models_refuse_what_our_own_checks_let_through(double, client, block, problem):
    """slack_sdk.models is a second, independent oracle: what it refuses is refused and recorded."""
    with pytest.raises(SlackApiError) as refused:
        client.views_open(trigger_id="1.2.t", view=modal(blocks=[block]))
    assert refused.value.response["error"] == "invalid_blocks"
    assert [e for e in double.block_errors if "slack_sdk:" in e and problem in e], double.block_errors
    assert validate_blocks([_picker("datepicker", initial_date="2026-11-24")], "modal") == []


def test_modal_title_of_25_chars_is_rejected_by_views_open(double, client):
    with pytest.raises(SlackApiError) as refused:
        client.views_open(trigger_id="1.2.t", view=modal("x" * 25))

    assert refused.value.response["error"] == "invalid_blocks"
    assert any("/view/title" in e for e in double.block_errors)
    assert validate_view(modal("x" * 24)) == []


def test_views_open_then_update_by_external_id(double, client):
    opened = client.views_open(trigger_id="1.2.t", view={**modal(), "external_id": "contact-7"})["view"]
    updated = client.views_update(external_id="contact-7", view=modal("Edited"))["view"]

    assert opened["id"].startswith("V") and updated["id"] == opened["id"]
    assert double.view(opened["id"])["title"]["text"] == "Edited"
    with pytest.raises(SlackApiError) as stale:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal("Again"))
    assert stale.value.response["error"] == "hash_conflict"


def test_views_publish_stores_the_home_tab(double, client):
    client.views_publish(user_id="U1", view={"type": "home", "blocks": [section("Due today")]})

    home = double.home_of("U1")
    assert home["type"] == "home" and home["blocks"][0]["text"]["text"] == "Due today"
    assert double.home_of("U2") is None


# -- users ----------------------------------------------------------------------------------------------


def test_users_info_and_paginated_users_list(double, client):
    for i in range(5):
        double.add_user(f"U{i}", name=f"user{i}", tz="Europe/Paris")

    info = client.users_info(user="U3")["user"]
    assert (info["id"], info["tz"], info["profile"]["display_name"]) == ("U3", "Europe/Paris", "user3")
    assert info["tz_offset"] in (3600, 7200)
    seen, cursor, pages = [], None, 0
    while True:
        page = client.users_list(limit=2, cursor=cursor)
        seen += [m["id"] for m in page["members"]]
        pages += 1
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert seen == [f"U{i}" for i in range(5)] and pages == 3
    with pytest.raises(SlackApiError) as missing:
        client.users_info(user="U404")
    assert missing.value.response["error"] == "user_not_found"


# -- faults ------------------------------------------------------------------------------------------


def test_rate_limit_is_a_429_with_retry_after(double, client):
    double.rate_limit("chat.postMessage", retry_after=7, times=1)

    with pytest.raises(SlackApiError) as limited:
        client.chat_postMessage(channel="U1", text="hi")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert limited.value.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="U1", text="hi")["ok"]


def test_fail_once_then_succeed_and_filter_by_param(double, client):
    double.fail("chat.postMessage", error="cannot_dm_bot", times=1, when={"channel": "U2"})

    assert client.chat_postMessage(channel="U1", text="a")["ok"]
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="U2", text="b")
    assert refused.value.response["error"] == "cannot_dm_bot"
    assert client.chat_postMessage(channel="U2", text="b")["ok"]


def test_server_error_for_a_while(double, client):
    clock = ManualClock(dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC))
    double.use_clock(clock)  # the fault window runs on the double's clock
    double.fail("users.info", status=503, for_seconds=0.2)
    double.add_user("U1")

    with pytest.raises(SlackApiError) as down:
        client.users_info(user="U1")
    assert down.value.response.status_code == 503
    clock.advance(dt.timedelta(seconds=0.25))
    assert client.users_info(user="U1")["user"]["id"] == "U1"


def test_limit_rate_refuses_bursts(double, client):
    double.limit_rate("users.info", per_second=3)
    double.add_user("U1")
    statuses = []
    for _ in range(5):
        try:
            statuses.append(client.users_info(user="U1").status_code)
        except SlackApiError as error:
            statuses.append(error.response.status_code)

    assert statuses == [200, 200, 200, 429, 429]


# -- response URLs -------------------------------------------------------------------------------------


def _post_json(url: str, body: dict) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_response_url_posts_are_recorded_and_replace_the_original(double, client):
    sent = client.chat_postMessage(channel="U1", text="Digest: call Jane")
    url = double.new_response_url({"channel": sent["channel"], "ts": sent["ts"]}, user_id="U1")

    assert _post_json(url, {"text": "Logged: reached Jane", "replace_original": True}) == (200, "ok")
    assert double.responses[0]["url"] == url and double.responses[0]["body"]["text"] == "Logged: reached Jane"
    assert [m["text"] for m in double.messages("U1")] == ["Logged: reached Jane"]
    bad = _post_json(url, {"blocks": [section("a", "x"), section("b", "x")]})
    assert bad[0] == 400 and double.block_errors


def test_response_url_reply_is_ephemeral_by_default(double):
    url = double.new_response_url(user_id="U1")

    _post_json(url, {"text": "Saved Jane Doe"})
    assert [m["text"] for m in double.ephemerals("U1")] == ["Saved Jane Doe"]
    assert double.original_of(url)["text"] == "Saved Jane Doe"


# -- signed requests against a real Bolt app -------------------------------------------------------------


@pytest.fixture
def bolt_url(double) -> Iterator[str]:
    app = App(signing_secret="s", client=WebClient(base_url=double.url, token="xoxb-test"))

    @app.command("/ping")
    def ping(ack, command):
        ack(f"pong {command['text']}")

    @app.view("new_contact")
    def submitted(ack, view):
        name = view["state"]["values"]["name"]["name"]["value"]
        ack(response_action="errors", errors={"name": f"{name}?"})

    server = waitress.create_server(SlackRequestHandler(app), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/slack/events"
    server.close()


def test_signed_command_is_accepted_and_bad_signatures_are_not(bolt_url, double):
    slack = SlackRequester(bolt_url, "s", response_urls=double.new_response_url)

    good = slack.command("U1", "/ping", "hello")
    assert (good.status, good.body_text) == (200, "pong hello")
    assert slack.command("U1", "/ping", "x", secret="wrong").status == 401
    assert slack.command("U1", "/ping", "x", timestamp=int(time.time()) - 6 * 60).status == 401
    assert slack.raw(b"command=%2Fping", {"Content-Type": "application/x-www-form-urlencoded"}).status == 401


def test_signed_view_submission_reaches_the_listener(bolt_url):
    slack = SlackRequester(bolt_url, "s")

    reply = slack.view_submission("U1", "new_contact", text_values({"name": {"name": "Jane"}}))
    assert reply.status == 200
    assert reply.json == {"response_action": "errors", "errors": {"name": "Jane?"}}


@pytest.fixture
def interactive_url(double) -> Iterator[str]:
    app = App(signing_secret="s", client=WebClient(base_url=double.url, token="xoxb-test"))

    @app.action("log_call")
    def log_call(ack, body, respond):
        ack()
        respond(replace_original=True, text=f"Logged {body['actions'][0]['value']}")

    @app.event("app_home_opened")
    def home(event, client):
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": [section("Due today")]})

    server = waitress.create_server(SlackRequestHandler(app), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}/slack/events"
    server.close()


def test_button_on_a_dm_replaces_it_through_the_response_url(interactive_url, double, client):
    slack = SlackRequester(interactive_url, "s", response_urls=double.new_response_url)
    sent = client.chat_postMessage(channel="U1", text="Call Jane")
    message = double.dm_messages("U1")[0]

    reply = slack.block_action("U1", "log_call", "jane", message=message)
    assert reply.status == 200
    wait_for(lambda: [m["text"] for m in double.messages(sent["channel"])] == ["Logged jane"], 3.0)


def test_event_with_retry_headers_publishes_home(interactive_url, double):
    slack = SlackRequester(interactive_url, "s")

    reply = slack.event(
        {"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "DU1"}, retry_num=1
    )
    assert reply.status == 200
    wait_for(lambda: double.home_of("U1") is not None, 3.0)
