"""conversations.history within Slack's budget for apps distributed outside the Marketplace (one call a
minute per workspace, at most 15 messages): the Slack double enforces it, and the digest's check for
an unknown outcome (SPEC §8) queues per workspace across replicas, never resending blind.
"""

from __future__ import annotations

import datetime as dt
import logging
from itertools import pairwise

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.delivery.dispatcher import Dispatcher, dispatch
from bot.domain.clock import ManualClock
from bot.runtime.config import ConfigError, load_settings
from bot.services.context import Services
from bot.testing.slackdouble import SlackDouble
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.digests import digests_of
from storage.profiles import get_or_create_profile
from tests.world import TEAM

UTC = dt.UTC
USERS = ("U1", "U2", "U3", "U4")


def test_the_double_answers_one_history_call_a_minute_with_at_most_15_messages():
    clock = ManualClock(dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    with SlackDouble(clock=clock) as double:
        double.add_user("U1")
        client = WebClient(token="xoxb-one-workspace", base_url=double.url)
        for n in range(20):
            client.chat_postMessage(channel="U1", text=f"message {n}")
        double.distributed_app()

        first = client.conversations_history(channel="DU1", limit=50)
        assert len(first["messages"]) == 15 and first["has_more"]
        clock.advance(dt.timedelta(seconds=20))
        with pytest.raises(SlackApiError) as refused:
            client.conversations_history(channel="DU1")
        assert refused.value.response.status_code == 429
        assert refused.value.response.headers["Retry-After"] == "40"
        assert refused.value.response["error"] == "ratelimited"
        client.chat_postMessage(channel="U1", text="other methods go on")
        clock.advance(dt.timedelta(seconds=40))
        assert client.conversations_history(channel="DU1", limit=5)["ok"]

        double.distributed_app(per_minute=None)  # lifted: as many as asked, as many messages as asked
        assert len(client.conversations_history(channel="DU1", limit=50)["messages"]) == 21


# -- the digest's unknown outcomes -------------------------------------------------------------------


def due_users(world, *users: str) -> None:
    """New York users with a contact due and a DM Warmcall has written to before."""
    for user_id in users:
        world.user(user_id)
        with world.db.transaction() as s:
            profile, _ = get_or_create_profile(
                s, TEAM, user_id, tz="America/New_York", dm_channel_id=f"D{user_id}"
            )
            add_contact(
                s, TEAM, user_id, name=f"Pat {user_id}", stage="active", next_due=dt.date(2026, 11, 1)
            )


def die_while_sending(world, posted: set[str]) -> None:
    """A worker claims every due digest, posts those of `posted`, and dies: all have unknown outcomes."""
    dying = Dispatcher(world.services, render_digest, lease=dt.timedelta(seconds=60))
    _, jobs = dying._claim_batch()
    for job in jobs:
        if job.user_id in posted:
            dying.client.chat_postMessage(
                channel=job.user_id,
                text=job.text,
                blocks=job.blocks,
                metadata={"event_type": "warmcall_digest", "event_payload": {"digest_id": job.digest_id}},
            )


def digests_to(world, user_id: str) -> int:
    return sum(1 for m in world.double.dm_messages(user_id) if (m.get("metadata") or {}).get("event_type"))


def history_calls(world) -> list:
    return world.double.calls_to("conversations.history")


def states(world) -> dict[str, tuple[str, str | None]]:
    with world.db.reading() as s:
        return {u: (digests_of(s, TEAM, u)[-1].state, digests_of(s, TEAM, u)[-1].error) for u in USERS}


@pytest.fixture
def limited(world):
    world.double.use_clock(world.clock)
    world.double.distributed_app()
    replica = Services(settings=world.services.settings, db=world.db, clock=world.clock)  # a second bot
    yield world, (world.services, replica)
    replica.background.shutdown()


def test_unknown_outcomes_wait_their_turn_one_history_call_a_minute_across_replicas(limited):
    world, replicas = limited
    world.clock.set(dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC))  # 09:00 in New York
    due_users(world, *USERS)
    die_while_sending(world, posted={"U1", "U3"})

    reports = []
    for minute in range(1, 6):  # the leases have run out; each minute both replicas pass
        world.clock.set(dt.datetime(2026, 11, 24, 14, minute, 1, tzinfo=UTC))
        reports += [dispatch(services, render_digest) for services in replicas]
        assert len(history_calls(world)) == min(minute, len(USERS))

    assert {u: digests_to(world, u) for u in USERS} == {u: 1 for u in USERS}  # none twice, none lost
    assert states(world) == {u: ("sent", None) for u in USERS}
    calls = history_calls(world)
    assert [c.status for c in calls] == [200] * len(USERS)  # Slack never had to refuse one
    assert all(later.at - earlier.at >= dt.timedelta(minutes=1) for earlier, later in pairwise(calls))
    assert all(int(c.params["limit"]) <= 15 and float(c.params["oldest"]) > 0 for c in calls)
    assert sum(r.get("found_in_history", 0) for r in reports) == 2
    assert sum(r.get("history_queued", 0) for r in reports) == 3  # each waited once, for its own minute


def test_when_the_budget_is_spent_for_the_day_the_digest_is_not_resent_blind(limited, caplog):
    world, replicas = limited
    world.clock.set(dt.datetime(2026, 11, 24, 22, 56, tzinfo=UTC))  # 17:56 in New York: two minutes left
    due_users(world, *USERS)
    die_while_sending(world, posted=set())

    world.clock.set(dt.datetime(2026, 11, 24, 22, 57, 1, tzinfo=UTC))
    with caplog.at_level(logging.INFO):
        first = dispatch(replicas[0], render_digest)
    assert (first.get("history_checks"), first.get("history_queued"), first.get("history_budget_spent")) == (
        1,
        2,
        1,
    )
    for minute in (58, 59):
        world.clock.set(dt.datetime(2026, 11, 24, 22, minute, 1, tzinfo=UTC))
        dispatch(replicas[minute % 2], render_digest)
    world.clock.set(dt.datetime(2026, 11, 25, 1, 0, tzinfo=UTC))
    dispatch(replicas[0], render_digest)

    assert len(history_calls(world)) == 3
    assert sorted(digests_to(world, u) for u in USERS) == [0, 1, 1, 1]
    spent = [u for u, (state, error) in states(world).items() if state == "failed"]
    assert (
        len(spent) == 1
        and states(world)[spent[0]][1] == "delivery unknown: conversations.history budget spent"
    )
    said = [r.getMessage() for r in caplog.records if "budget" in r.getMessage()]
    assert said and "not resending" in said[0] and spent[0] in said[0]
    assert not any("Pat " in r.getMessage() for r in caplog.records)  # no user text in the log


def test_the_budget_is_a_setting():
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}
    assert load_settings(env, mode="tick").history_per_minute == 1
    assert load_settings({**env, "WARMCALL_HISTORY_PER_MINUTE": "50"}, mode="tick").history_per_minute == 50
    with pytest.raises(ConfigError, match="WARMCALL_HISTORY_PER_MINUTE"):
        load_settings({**env, "WARMCALL_HISTORY_PER_MINUTE": "0"}, mode="tick")


def test_a_refused_history_call_moves_the_workspaces_next_turn_and_never_slows_the_posts(limited):
    world, replicas = limited
    world.clock.set(dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    due_users(world, *USERS)
    die_while_sending(world, posted={"U2"})
    world.double.rate_limit("conversations.history", retry_after=150, times=1)  # Slack is stricter today
    due_users(world, "U5")  # and one more, whose 09:02 digest is a plain post
    with world.db.transaction() as s:
        profile, _ = get_or_create_profile(s, TEAM, "U5")
        profile.nudge_minute, profile.next_digest_at = 9 * 60 + 2, dt.datetime(2026, 11, 24, 14, 2)
    for minute in range(1, 10):
        world.clock.set(dt.datetime(2026, 11, 24, 14, minute, 1, tzinfo=UTC))
        dispatch(replicas[minute % 2], render_digest)

    calls = history_calls(world)
    assert [c.status for c in calls] == [429, 200, 200, 200, 200]
    assert calls[1].at - calls[0].at >= dt.timedelta(seconds=150)
    assert {u: digests_to(world, u) for u in USERS} == {u: 1 for u in USERS}
    u5 = [c.at for c in world.double.calls_to("chat.postMessage") if c.params["channel"] == "U5"]
    assert u5 == [dt.datetime(2026, 11, 24, 14, 2, 1, tzinfo=UTC)]  # the refusal held up no post
