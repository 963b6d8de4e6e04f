"""The request path (SPEC §13): nothing unverified acts, every body Slack sends is handled, never a 500."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.runtime.slack_http import MAX_BODY_BYTES, parse_slack_body, signature_ok
from storage.models import Contact, Interaction, SeenRequest, UserProfile
from tests.world import SIGNING_SECRET, settle, wait_for

FORM = "application/x-www-form-urlencoded"


def _sign(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature over any bytes (the test kit's signer only takes UTF-8)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest}


def _count(world, model) -> int:
    with world.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def _command_body(world, text: str, **fields) -> bytes:
    form = {
        "token": "legacy",
        "team_id": world.team_id,
        "team_domain": "acme",
        "channel_id": "C0001",
        "channel_name": "general",
        "user_id": "U1",
        "user_name": "ada",
        "command": "/met",
        "text": text,
        "api_app_id": "A0001",
        "response_url": world.double.new_response_url(),
        "trigger_id": "1.2.3",
    }
    form.update(fields)
    return urlencode(form).encode()


def _nothing_acted(world) -> None:
    assert world.double.responses == []  # not even an apology to the response_url
    assert world.double.calls == []
    assert _count(world, Contact) == 0
    assert _count(world, UserProfile) == 0
    assert _count(world, SeenRequest) == 0


@pytest.mark.parametrize("timestamp", ["abc", "1.5", "", "-1", " 1"], ids=repr)
def test_an_unsigned_command_with_a_bad_timestamp_is_refused_without_any_outbound_call(world, timestamp):
    world.double.reset()
    body = _command_body(world, "x")
    headers = {"Content-Type": FORM, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=00"}
    reply = world.slack.raw(body, headers)
    assert reply.status == 401
    _nothing_acted(world)


def test_an_unsigned_button_click_is_refused_without_any_outbound_call(world):
    world.double.reset()
    payload = {
        "type": "block_actions",
        "team": {"id": world.team_id, "domain": "acme"},
        "user": {"id": "U1", "team_id": world.team_id},
        "api_app_id": "A0001",
        "response_url": world.double.new_response_url(),
        "actions": [{"action_id": "contact_snooze", "block_id": "b", "type": "button", "value": "1"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    reply = world.slack.raw(body, {"Content-Type": FORM, "X-Slack-Request-Timestamp": "abc"})
    assert reply.status == 401
    _nothing_acted(world)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param("application/json", b"[" * 100_000 + b"]" * 100_000, id="deep-json"),
        pytest.param(FORM, b"payload=" + b"%5B" * 100_000, id="deep-payload"),
        pytest.param("application/json; charset=utf-8", b" {bad", id="broken-json-with-charset"),
        pytest.param("application/json; charset=utf-8", b"[1,2,3]", id="json-array"),
        pytest.param("application/json; charset=utf-8", b'"hello"', id="json-string"),
        pytest.param(FORM, b"payload=%7Bnot+json", id="broken-payload"),
        pytest.param(FORM, b"\xff\xfe\x00", id="not-utf8"),
    ],
)
def test_malformed_bodies_get_401_unsigned_and_400_signed_never_500(world, content_type, body):
    world.double.reset()
    assert world.slack.raw(body, {"Content-Type": content_type}).status == 401
    signed = _sign(body) | {"Content-Type": content_type}
    assert world.slack.raw(body, signed).status == 400
    _nothing_acted(world)


def test_a_body_over_one_mebibyte_gets_413_before_it_is_read(world):
    # Only the headers are sent: the server must answer from Content-Length alone, without waiting
    # for (or buffering) the body. A client still uploading would see the connection close early.
    world.double.reset()
    url = urlsplit(world.slack.events_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.putrequest("POST", url.path)
        for name, value in (_sign(b"") | {"Content-Type": FORM}).items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    _nothing_acted(world)


@pytest.mark.parametrize(
    "field",
    [
        pytest.param({"text": "Kim Ho of Initech: payload team lead"}, id="text"),
        pytest.param({"channel_name": "payload-team"}, id="channel"),
        pytest.param({"team_domain": "payloadco"}, id="team-domain"),
        pytest.param({"user_name": "payload.pat"}, id="user-name"),
    ],
)
def test_slash_commands_with_the_word_payload_are_handled(world, field):
    world.user("U1")
    fields = {"text": "Kim Ho of Initech"} | field
    body = _command_body(world, **fields)
    reply = world.slack.raw(body, _sign(body) | {"Content-Type": FORM})
    assert reply.status == 200

    def saved():
        with world.db.transaction() as s:
            return s.scalars(select(Contact.name)).all()

    assert wait_for(saved) == ["Kim Ho"]


@pytest.mark.parametrize(
    ("text", "content_type", "expected"),
    [
        pytest.param(
            "text=payload+here&team_id=T1", FORM, {"text": "payload here", "team_id": "T1"}, id="form"
        ),
        pytest.param('payload={"type":"block_actions"}', FORM, {"type": "block_actions"}, id="payload"),
        pytest.param(
            '{"type":"event_callback"}',
            "application/json; charset=utf-8",
            {"type": "event_callback"},
            id="json",
        ),
        pytest.param("[1]", "application/json", None, id="array"),
        pytest.param("payload=1", FORM, None, id="payload-not-object"),
    ],
)
def test_parse_slack_body(text, content_type, expected):
    assert parse_slack_body(text, content_type) == expected


def test_signature_ok_checks_the_timestamp_window_and_the_digest():
    body, now = b"a=1", 1_800_000_000
    from slack_sdk.signature import SignatureVerifier

    good = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=str(now), body=body)
    assert signature_ok(SIGNING_SECRET, body, str(now), good, now)
    assert signature_ok(SIGNING_SECRET, body, str(now), good, now + 300)
    assert not signature_ok(SIGNING_SECRET, body, str(now), good, now + 301)
    assert not signature_ok(SIGNING_SECRET, body + b"2", str(now), good, now)
    assert not signature_ok("other-secret", body, str(now), good, now)
    assert not signature_ok(SIGNING_SECRET, body, f"{now}.0", good, now)


_HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.recursive(
            st.none() | st.integers() | st.text(max_size=8),
            lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
            max_leaves=20,
        ).map(lambda v: json.dumps(v).encode()),
    ),
    content_type=st.sampled_from(
        [FORM, "application/json", "application/json; charset=utf-8", "text/plain", ""]
    ),
    timestamp=_HEADER_TEXT,
    signed=st.booleans(),
)
def test_any_raw_body_content_type_and_headers_get_an_answer_never_a_500(
    world, body, content_type, timestamp, signed
):
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": "v0=x",
    }
    if signed:
        headers |= _sign(body)
    reply = world.slack.raw(body, headers)
    assert reply.status in (200, 400, 401, 404, 413)
    if not signed:
        assert reply.status in (400, 401)


def test_a_replayed_signed_slash_command_acts_once(world):
    world.user("U1")
    world.command("U1", "/met", "Jane Doe of Acme")
    wait_for(lambda: _count(world, Contact) == 1)
    body = _command_body(world, "Jane reached: loved the deck", command="/called")
    headers = _sign(body) | {"Content-Type": FORM}
    first = world.slack.raw(body, headers)
    again = world.slack.raw(body, headers)  # the same bytes and signature, within the five minutes
    assert (first.status, again.status) == (200, 200)

    settle(world)  # everything both deliveries started has finished
    assert _count(world, Interaction) == 1
    # A fresh delivery (new timestamp, new signature) of the same text is a new request and acts.
    world.slack.raw(body, _sign(body, int(time.time()) + 1) | {"Content-Type": FORM})
    wait_for(lambda: _count(world, Interaction) == 2)


def test_a_replayed_quick_add_saves_once_and_the_key_is_kept_with_the_contact(world):
    from storage.models import SeenRequest

    world.user("U1")
    world.command("U1", "/met", "Jane Doe of Acme")  # the owner's zone is known from here on
    wait_for(lambda: _count(world, Contact) == 1)
    keys_before = _count(world, SeenRequest)
    body = _command_body(world, "Kim Ho of Initech at PyCon yesterday")
    headers = _sign(body) | {"Content-Type": FORM}
    first, again = world.slack.raw(body, headers), world.slack.raw(body, headers)
    assert (first.status, again.status) == (200, 200)
    assert "Saved *Kim Ho (Initech)*" in first.body_text
    assert again.body_text == ""  # the repeated delivery changes nothing and says nothing
    settle(world)
    assert _count(world, Contact) == 2
    assert _count(world, SeenRequest) == keys_before + 1  # claimed once, with the contact


def test_a_replayed_first_command_of_a_new_user_is_queued_once(world):
    from storage.models import QueuedJob

    world.user("U1")  # never seen: the command waits for the zone, through the durable queue
    body = _command_body(world, "Kim Ho of Initech")
    headers = _sign(body) | {"Content-Type": FORM}
    world.slack.raw(body, headers)
    world.slack.raw(body, headers)
    wait_for(lambda: _count(world, Contact) == 1)
    settle(world)
    assert _count(world, Contact) == 1 and _count(world, QueuedJob) == 0


def test_a_replayed_prep_answers_again_but_a_replayed_offer_add_acts_once(world):
    from storage.models import Offer, SeenRequest

    world.user("U1")
    world.command("U1", "/met", "Jane Doe of Acme")
    wait_for(lambda: _count(world, Contact) == 1)
    seen_before = _count(world, SeenRequest)
    body = _command_body(world, "Jane", command="/prep")
    headers = _sign(body) | {"Content-Type": FORM}
    first, again = world.slack.raw(body, headers), world.slack.raw(body, headers)
    assert first.status == again.status == 200
    # it only reads: both deliveries are answered (in the ack, or through response_url after it)
    answers = lambda: [r for r in world.double.responses if "Before you call Jane Doe" in str(r["body"])]  # noqa: E731
    in_acks = sum("Before you call Jane Doe" in r.body_text for r in (first, again))
    wait_for(lambda: in_acks + len(answers()) == 2)
    assert _count(world, SeenRequest) == seen_before  # and no write transaction was spent on a key
    body = _command_body(world, "offer add Pipeline checklist #data", command="/prep")
    headers = _sign(body) | {"Content-Type": FORM}
    world.slack.raw(body, headers)
    world.slack.raw(body, headers)
    settle(world)
    assert _count(world, Offer) == 1
