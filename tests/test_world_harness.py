"""The test harness itself (issue 31): every reply the user sees is checked wherever it arrives, and
a World fails its test when a reply Slack refuses, or a phrase a user must never read, reached them.

Each test breaks the real app on purpose (a listener patched to answer badly) and asserts that
`World.close` raises, over HTTP and over Socket Mode; and that the explicit opt-outs let it pass.
"""

from __future__ import annotations

import re

import pytest

import handlers.commands.met as met_listener
import handlers.commands.prep as prep_listener
from bot.testing.slackdouble.seen import Shown
from handlers.blocks.kit import SORRY
from tests.conftest import DEFAULT_NOW
from tests.socket_world import SocketWorld
from tests.world import Allowed, World, never_said, seen_text, settle, slash_command

BAD_BLOCKS = {"text": "Saved.", "blocks": [{"type": "section"}]}  # a section needs text or fields


@pytest.fixture(params=["http", "socket"])
def bare_world(request, db):
    """A World the test closes itself (the `world` fixture's close would raise again)."""
    kind = World if request.param == "http" else SocketWorld
    w = kind(db, now=DEFAULT_NOW)
    w.user("U1", name="Sam Rivera")
    w.transport = request.param
    yield w
    w.double.stop()  # idempotent: a test that failed before its own close still frees the port


def known_user(world: World) -> None:
    """A first command teaches the app the user's profile, so the next answers in its ack."""
    slash_command(world, "U1", "/met", "Jane Doe of Acme at PyCon")
    settle(world)


def test_an_invalid_block_in_the_ack_of_met_fails_the_test(bare_world, monkeypatch):
    known_user(bare_world)
    monkeypatch.setattr(met_listener, "render", lambda result: BAD_BLOCKS)

    answer = bare_world.command("U1", "/met", "John Roe of Globex at Expo")

    assert answer.json == BAD_BLOCKS  # the broken reply came in the ack itself
    via = (
        "http ack (slash_commands)" if bare_world.transport == "http" else "socket mode ack (slash_commands)"
    )
    with pytest.raises(
        AssertionError, match=r"what the user saw:\n  " + re.escape(via) + r": .*json-pointer"
    ):
        bare_world.close()


def test_an_apology_in_the_ack_of_prep_is_seen_and_fails_the_test(bare_world, monkeypatch):
    known_user(bare_world)
    slash_command(bare_world, "U1", "/prep")  # the profile is known: /prep now answers in its ack
    settle(bare_world)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(prep_listener.prep, "prep_command", broken)
    answer = bare_world.command("U1", "/prep", "Jane")

    assert answer.json["text"] == SORRY  # the apology came in the ack, not through response_url
    assert not any(SORRY in str(r["body"]) for r in bare_world.double.responses)
    assert SORRY in seen_text(bare_world)  # the apology scans read the one list of what was seen
    with pytest.raises(AssertionError, match="Sorry, something went wrong"):
        bare_world.close()


def test_a_banned_phrase_in_a_response_url_reply_fails_the_test(bare_world, monkeypatch):
    # A first-time user's /prep answers after the ack, through response_url.
    monkeypatch.setattr(prep_listener, "render", lambda result: {"text": "Just checking in with Jane."})

    slash_command(bare_world, "U1", "/prep", after_ack=True)

    with pytest.raises(AssertionError, match="response_url: banned 'just checking in'"):
        bare_world.close()


def test_the_opt_outs_say_why_and_let_a_deliberate_bad_reply_pass(bare_world, monkeypatch):
    known_user(bare_world)
    monkeypatch.setattr(met_listener, "render", lambda result: {**BAD_BLOCKS, "text": SORRY})
    bare_world.command("U1", "/met", "John Roe of Globex at Expo")
    with pytest.raises(ValueError, match="say why"):
        bare_world.allow_block_errors(" ")

    bare_world.allow_block_errors("this test sends an invalid block on purpose")
    bare_world.allow_phrase(SORRY, "this test makes the app apologise on purpose")

    bare_world.close()  # passes: both problems were declared
    assert bare_world.double.block_errors  # and the double still flagged the bad block


def test_an_allowed_phrase_lets_only_itself_through():
    shown = [Shown("response_url", {"text": "Just checking in, and touching base."})]
    allowed = Allowed(phrases={"just checking in": "this reply says it on purpose"})
    assert never_said(shown, allowed) == ["response_url: banned 'touching base'"]
    assert never_said(shown) == [
        "response_url: banned 'just checking in'",
        "response_url: banned 'touching base'",
    ]
