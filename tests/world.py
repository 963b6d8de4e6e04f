"""The world a scenario test runs in: the real app over HTTP, a Slack double, a clock, a database.

Below the World are the story's shared verbs: send a command or press a button as Slack would, then
wait (polling, with a deadline) for what the user sees.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from bot.domain.clock import ManualClock
from bot.domain.playbook import banned_pattern
from bot.domain.vocabulary import fold
from bot.runtime.app import build_app
from bot.runtime.config import Settings
from bot.runtime.server import HttpServer
from bot.services.context import Services
from bot.services.playbook_files import load_playbook
from bot.testing.busy import BusyTracker
from bot.testing.signed import Reply, SlackRequester
from bot.testing.slackdouble import SlackDouble
from bot.testing.slackdouble.seen import Shown
from handlers.blocks.kit import SORRY
from storage.db import Database

SIGNING_SECRET = "test-signing-secret"
TEAM = "T0001"
ACK_SECONDS = 3  # Slack shows the user an error when an ack takes longer
WAIT_SECONDS = 10.0

T = TypeVar("T")


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
        self.busy = BusyTracker()
        self.busy.track(self.app.listener_runner.listener_executor)
        self.busy.track(self.services.background.executor)
        self.server = HttpServer(self.app, db, host="127.0.0.1", port=0, threads=8).start()
        self.slack = SlackRequester(
            self.server.url + "/slack/events",
            SIGNING_SECRET,
            team_id=team_id,
            response_urls=self.double.new_response_url,
            answers=self.double.http_ack,
        )
        self.allowed = Allowed()

    def user(self, user_id: str, *, name: str | None = None, tz: str = "America/New_York") -> str:
        self.double.add_user(user_id, name=(name or user_id).lower(), real_name=name or user_id, tz=tz)
        return user_id

    def command(self, user_id: str, command: str, text: str = "", **kwargs):
        return self.slack.command(user_id, command, text, **kwargs)

    def advance(self, **delta) -> None:
        self.clock.advance(dt.timedelta(**delta))

    def allow_block_errors(self, why: str) -> None:
        """This test sends blocks Slack refuses on purpose (`why` says so): close() lets them pass."""
        self.allowed.block_errors = _reason(why)

    def allow_phrase(self, phrase: str, why: str) -> None:
        """This test makes the app say a never-phrase on purpose (an apology after a fault it
        injects): close() lets `phrase` pass."""
        self.allowed.phrases[phrase] = _reason(why)

    def close(self) -> None:
        # Work the test started after its acks (Home refreshes, queued replies) finishes while Slack
        # is still there, so it never fails into the logs of the next test.
        try:
            self.server.stop()
            self.services.background.drain(10)
        finally:
            self.double.stop()
        check_seen(self.double.seen, self.allowed)


# --- what the user saw -----------------------------------------------------------------------------

# Never in anything a user reads, on any pipe: rendering slips (issue 17), an unplanned apology,
# a database error, and every phrase of seeds/banned.toml (whole words, any case or accent).
NEVER_SAID = (
    "send send",
    " has send",
    " has intro",
    "''s",
    'told you "',
    "Traceback",
    "database is locked",
    SORRY,
)


@dataclass
class Allowed:
    """A test's explicit opt-outs from close()'s checks, each with its reason."""

    block_errors: str | None = None
    phrases: dict[str, str] = field(default_factory=dict)


def _reason(why: str) -> str:
    if not why.strip():
        raise ValueError("say why the test lets this through")
    return why


@functools.cache
def _banned() -> re.Pattern[str]:
    return banned_pattern(load_playbook().banned)


def never_said(shown: list[Shown], allowed: Allowed | None = None) -> list[str]:
    """Each never-phrase (NEVER_SAID, seeds/banned.toml) found in what the user saw, with where."""
    allowed = allowed or Allowed()
    found = []
    for item in shown:
        text = item.text
        found += [f"{item.via}: {p!r}" for p in NEVER_SAID if p in text and p not in allowed.phrases]
        hits = dict.fromkeys(hit.group(0) for hit in _banned().finditer(fold(text)))
        found += [f"{item.via}: banned {hit!r}" for hit in hits if hit not in allowed.phrases]
    return found


def seen_text(world: World) -> str:
    """Everything the user saw so far, on every pipe, as one text (for scans of words)."""
    return "\n".join(item.text for item in world.double.seen)


def check_seen(shown: list[Shown], allowed: Allowed) -> None:
    """Fail when the user saw a reply Slack refuses or a never-phrase, unless the test opted out."""
    problems = [] if allowed.block_errors else [f"{s.via}: {e}" for s in shown for e in s.errors]
    problems += never_said(shown, allowed)
    if problems:
        raise AssertionError("what the user saw:\n  " + "\n  ".join(problems))


# --- waiting ---------------------------------------------------------------------------------------


def wait_for(check: Callable[[], T], timeout: float = WAIT_SECONDS) -> T:
    """Poll `check` until it returns something truthy and return that; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for the app")
        time.sleep(0.02)


def settle(world: World, timeout: float = WAIT_SECONDS) -> None:
    """Wait until the app has finished what it started: listener work after the ack, the after-ack
    pool, and every Web API call it made answered. For asserting that something did *not* happen."""
    wait_for(lambda: not world.busy.busy and all(call.status for call in world.double.calls), timeout)


def response(world: World, number: int, timeout: float = WAIT_SECONDS) -> dict:
    """The `number`-th response_url post (1-based) as the double answered it: url, body, status."""

    def answered() -> dict | None:
        posts = world.double.responses
        if len(posts) < number or "status" not in posts[number - 1]:
            return None
        return posts[number - 1]

    return wait_for(answered, timeout)


def reply(world: World, number: int, timeout: float = WAIT_SECONDS) -> dict:
    """The body of the `number`-th response_url post (1-based), which Slack accepted."""
    entry = response(world, number, timeout)
    assert entry["status"] == 200, entry
    return entry["body"]


# --- acting as the user ----------------------------------------------------------------------------


def slash_command(
    world: World, user: str, command: str, text: str = "", *, after_ack: bool = False, **kwargs
) -> dict:
    """Run a slash command; what the user sees: the ack's own message, else the reply after it
    (`after_ack=True`: the answer must come after an empty ack)."""
    before = len(world.double.responses)
    answer = world.command(user, command, text, **kwargs)
    assert answer.status == 200
    assert answer.elapsed_seconds < ACK_SECONDS
    if after_ack:
        assert not answer.json, answer.json
    elif answer.json:
        return answer.json
    return reply(world, before + 1)


def press(world: World, action_id: str, value: str | None, user: str = "U1", **kwargs) -> Reply:
    """Send a block action as Slack does; the app acks it in time."""
    answer = world.slack.block_action(user, action_id, value, **kwargs)
    assert answer.status == 200
    assert answer.elapsed_seconds < ACK_SECONDS
    return answer


def click(world: World, action_id: str, value: str | None, user: str = "U1", **kwargs) -> dict:
    """Press a button on a message; the reply the app posts to its response_url."""
    before = len(world.double.responses)
    press(world, action_id, value, user, **kwargs)
    return reply(world, before + 1)


def press_on_view(world: World, user: str, view: dict, action_id: str, value: str) -> Reply:
    """Press the button with this action id and value on a Home or modal view, as Slack sends it."""
    for block in view["blocks"]:
        elements = block.get("elements") if block["type"] == "actions" else [block.get("accessory") or {}]
        for el in elements:
            if el.get("action_id") == action_id and el.get("value") == value:
                return press(world, action_id, value, user, block_id=block.get("block_id", "b"), view=view)
    raise AssertionError(f"no {action_id}={value} button on the view")


def publishes(world: World) -> int:
    return len(world.double.calls_to("views.publish"))


def open_home(world: World, user: str, tab: str = "home", timeout: float = WAIT_SECONDS) -> dict:
    """Open the App Home tab; the Home the app publishes for it."""
    before = publishes(world)
    answer = world.slack.event({"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": tab})
    assert answer.status == 200
    # a publish Slack refused (a 429 under load, answered with Retry-After) is no Home yet: wait for one it took
    wait_for(
        lambda: (
            [
                c
                for c in world.double.calls_to("views.publish")[before:]
                if c.response and c.response.get("ok")
            ]
            and world.double.home_of(user)
        ),
        timeout,
    )
    return world.double.home_of(user)
