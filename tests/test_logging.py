"""Logs (SPEC §13): no token, response_url or user text at INFO, tracebacks included; no forged lines."""

from __future__ import annotations

import io
import json
import logging
from urllib.parse import urlencode

import pytest

from bot.runtime.config import OncePer, RedactingFormatter, configure_logging
from bot.services.context import WEB_CLIENT_LOGGER
from tests.world import settle

TOKEN = "xoxb-1234-5678-abcdefghijkl"
RESPONSE_URL = "https://hooks.slack.com/commands/T0001/1234/abcdEFGH"


def _format(record_args: dict) -> str:
    formatter = RedactingFormatter("%(levelname)s %(name)s: %(message)s")
    return formatter.format(logging.makeLogRecord(record_args))


def test_tokens_and_response_urls_are_redacted_in_messages_and_tracebacks():
    try:
        raise RuntimeError(f"Slack said no to {TOKEN} at {RESPONSE_URL}")
    except RuntimeError:
        import sys

        exc_info = sys.exc_info()
    line = _format(
        {
            "msg": "call failed for %s",
            "args": (TOKEN,),
            "levelno": 40,
            "levelname": "ERROR",
            "exc_info": exc_info,
        }
    )
    assert "Traceback" in line and "RuntimeError" in line
    assert TOKEN not in line and "xoxb-1234" not in line
    assert RESPONSE_URL not in line and "[response_url]" in line


def test_a_value_with_newlines_cannot_forge_a_log_line():
    forged = "Jane\n2026-12-01 09:00:00 INFO warmcall: admin logged in"
    line = _format({"msg": "saved %s", "args": (forged,), "levelno": 20, "levelname": "INFO"})
    assert "\n" not in line
    assert "Jane\\n2026-12-01" in line


def test_bolts_unhandled_request_warning_keeps_no_body():
    line = _format(
        {"msg": "Unhandled request ({'text': 'my private note'})", "levelno": 30, "levelname": "WARNING"}
    )
    assert "my private note" not in line
    assert "Unhandled request" in line


@pytest.fixture
def captured_logs():
    stream = io.StringIO()
    configure_logging("INFO")
    logging.getLogger().handlers[0].setStream(stream)
    yield stream
    logging.getLogger().handlers.clear()
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger(WEB_CLIENT_LOGGER).setLevel(logging.WARNING)


def test_no_user_text_or_response_url_reaches_the_logs_at_info(world, captured_logs):
    world.user("U1")
    secret_words = "zanzibar-orchid"
    world.command("U1", "/met", f"Jane Doe of Acme: {secret_words} and a newline\ninside")
    world.command("U1", "/called", f"Jane reached: {secret_words}")
    world.command("U1", "/prep", "Jane")
    world.command("U1", "/met", "Nobody of Nowhere on 2026-02-30")
    # An unknown button carrying user text: Bolt warns about it; the body must not be in the line.
    payload = {
        "type": "block_actions",
        "team": {"id": world.team_id},
        "user": {"id": "U1", "team_id": world.team_id},
        "api_app_id": "A0001",
        "actions": [{"action_id": "nobody_handles_this", "type": "button", "value": secret_words}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    world.slack.raw(body, world.slack.sign(body) | {"Content-Type": "application/x-www-form-urlencoded"})
    settle(world)
    text = captured_logs.getvalue()
    assert "Unhandled request" in text  # the unknown button was logged, without its body
    assert secret_words not in text
    assert "/commands/" not in text and "response_url=" not in text


def test_waitress_warnings_under_load_come_once_per_ten_seconds_with_a_count(captured_logs):
    queue = logging.getLogger("waitress.queue")
    (once,) = [f for f in queue.filters if isinstance(f, OncePer)]  # configure_logging put it there
    now = [100.0]
    once.clock = lambda: now[0]
    for depth in range(5, 505):  # a burst: one warning per queued request
        queue.warning("Task queue depth is %d", depth)
    now[0] += 10.5
    queue.warning("Task queue depth is %d", 7)
    lines = [line for line in captured_logs.getvalue().splitlines() if "waitress.queue" in line]
    assert len(lines) == 2
    assert lines[0].endswith("Task queue depth is 5")
    assert lines[1].endswith("Task queue depth is 7 (and 499 more like it in the last 10 s)")
    logging.getLogger("waitress").warning("total open connections reached the connection limit")
    assert "connection limit" in captured_logs.getvalue()  # its own logger: its own allowance
