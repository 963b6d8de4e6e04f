"""Security: signatures always verified, replays refused, tokens and secrets never logged."""

from __future__ import annotations

import io
import logging
import time

from sqlalchemy import func, select

from bot.runtime.config import WEB_CLIENT_LOGGER, configure_logging
from storage.models import Contact, UserProfile
from tests.world import SIGNING_SECRET, settle


def test_replayed_request_older_than_five_minutes_is_refused(world):
    body = b"token=x&team_id=T0001&user_id=U1&command=%2Fmet&text=Jane+Doe"
    old = int(time.time()) - 301
    headers = world.slack.sign(body, timestamp=old)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    reply = world.slack.raw(body, headers)
    assert reply.status == 401
    with world.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 0
        assert s.scalar(select(func.count()).select_from(UserProfile)) == 0


def test_unsigned_and_tampered_requests_are_refused(world):
    body = b"token=x&team_id=T0001&user_id=U1&command=%2Fmet&text=help"
    assert world.slack.raw(body, {"Content-Type": "application/x-www-form-urlencoded"}).status == 401
    headers = world.slack.sign(body)
    tampered = body.replace(b"U1", b"U2")
    assert (
        world.slack.raw(tampered, headers | {"Content-Type": "application/x-www-form-urlencoded"}).status
        == 401
    )


def test_verification_is_on_in_the_built_app(world):
    # Bolt's RequestVerification middleware must be in the chain, whatever the environment.
    names = [type(m).__name__ for m in world.app._middleware_list]
    assert "RequestVerification" in names


def test_tokens_and_secrets_never_reach_the_logs(world):
    stream = io.StringIO()
    configure_logging("DEBUG")
    handler = logging.getLogger().handlers[0]
    handler.setStream(stream)
    try:
        world.user("U1")
        world.command("U1", "/met", "help")
        world.command("U1", "/met", "Jane Doe of Acme at PyCon")
        world.command("U1", "/prep", "Jane")
        world.services.client.chat_postMessage(channel="U1", text="hello")  # the SDK logs at DEBUG
        # Something that logs a token on purpose must be redacted too.
        logging.getLogger("warmcall.test").warning("oops %s", world.services.settings.bot_token)
        settle(world)
    finally:
        logging.getLogger().handlers.clear()
        logging.getLogger(WEB_CLIENT_LOGGER).setLevel(logging.WARNING)  # later tests: no debug lines
    text = stream.getvalue()
    assert "POST" in text or "chat.postMessage" in text  # the SDK did log at DEBUG
    assert world.services.settings.bot_token not in text
    assert "xoxb-" not in text.replace("xox…[redacted]", "")
    assert SIGNING_SECRET not in text
