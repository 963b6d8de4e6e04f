"""Bad input against the real HTTP endpoint: never a 500, never a traceback, never another user's data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from storage.contacts import add_contact
from storage.models import Contact, Interaction, Offer

pytestmark = pytest.mark.slow

ACTION_IDS = [
    "contact_prep",
    "contact_log",
    "contact_snooze",
    "contact_let_go",
    "contact_revive",
    "contact_view",
    "met_undo",
    "met_edit",
    "called_outcome",
    "home_more",
    "not_an_action",
]

words = st.sampled_from(
    [
        "Jane",
        "of",
        "at",
        "on",
        "via",
        "from",
        "(",
        ")",
        ":",
        "yesterday",
        "2026-02-30",
        "<@U0042>",
        "reached",
        "no",
        "meeting",
        "offer",
        "add",
        "remove",
        "list",
        "#data",
        "https://x.y:8/a",
        "j@x.io",
        "+1 415 555 0100",
        "José",
        "王伟",
        "🙂",
        "\u0000",
        "<!channel>",
        "&amp;",
        "'; DROP TABLE contacts; --",
    ]
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(words, max_size=25).map(" ".join),
    st.integers(min_value=0, max_value=6000).map(lambda n: "x" * n),
)
values = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        ["VICTIM", "1", "2", "1:7", "1:-5", "1:99999999999", '{"contact_id": 1}', "", " ", "null"]
    ),
    st.lists(st.integers(), max_size=5).map(json.dumps),
)


def _snapshot(db, user_id):
    with db.transaction() as s:
        contacts = [
            (c.id, c.name, c.stage, c.next_due, c.unanswered_streak, c.notes)
            for c in s.scalars(select(Contact).where(Contact.user_id == user_id).order_by(Contact.id))
        ]
        interactions = s.scalars(select(Interaction.id).where(Interaction.user_id == user_id)).all()
        offers = s.scalars(select(Offer.id).where(Offer.user_id == user_id)).all()
    return contacts, sorted(interactions), sorted(offers)


@pytest.fixture
def victim(world):
    world.user("UVICTIM")
    world.user("UATTACK")
    with world.db.transaction() as s:
        contact = add_contact(
            s,
            world.team_id,
            "UVICTIM",
            name="Victor Victim",
            company="Acme",
            notes="secret notes",
            next_due=dt.date(2026, 11, 24),
            met_on=dt.date(2026, 11, 20),
        )
    return contact.id


def _assert_friendly(reply):
    assert reply.status < 500, reply.body_text[:300]
    assert "Traceback" not in reply.body_text
    assert "secret notes" not in reply.body_text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(["/met", "/called", "/prep"]), text=texts)
def test_any_command_text_gets_a_friendly_answer(world, victim, command, text):
    before = _snapshot(world.db, "UVICTIM")
    reply = world.command("UATTACK", command, text)
    _assert_friendly(reply)
    assert reply.status == 200
    assert _snapshot(world.db, "UVICTIM") == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action_id=st.sampled_from(ACTION_IDS), value=values)
def test_any_action_payload_is_refused_or_answered_never_a_500(world, victim, action_id, value):
    before = _snapshot(world.db, "UVICTIM")
    value = str(victim) if value == "VICTIM" else value
    reply = world.slack.block_action("UATTACK", action_id, value)
    _assert_friendly(reply)
    assert _snapshot(world.db, "UVICTIM") == before
    for response in world.double.responses:
        assert "secret notes" not in json.dumps(response["body"])


def test_malformed_bodies_are_4xx_not_500(world):
    for body in [
        b"",
        b"payload=",
        b"payload=%7Bnot-json",
        b"payload=" + b"[]",
        b"text=%FF%FE&command=%2Fmet",
        b"command=&text=",
    ]:
        headers = world.slack.sign(body) | {"Content-Type": "application/x-www-form-urlencoded"}
        reply = world.slack.raw(body, headers)
        assert reply.status < 500, (body, reply.status, reply.body_text[:200])
