"""Digest follow-ups (issue 6): "let go?" is asked once per dormant spell, and an unknown outcome that
cannot be checked (no `im:write`) is never resent. Real dispatcher, Slack double, SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from bot.delivery.dispatcher import Dispatcher, dispatch
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.models import Contact, Digest
from storage.profiles import get_or_create_profile, get_profile
from tests.world import TEAM, open_home

UTC = dt.UTC
TUESDAY_NINE = dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 09:00 in New York
WEDNESDAY_NINE = dt.datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
LET_GO = "Time to let go?"


def tick(world) -> dict:
    return dispatch(world.services, render_digest)


def digests(world, user_id: str) -> list[dict]:
    return [m for m in world.double.dm_messages(user_id) if (m.get("metadata") or {}).get("event_type")]


def sections(message: dict) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def footer(message: dict) -> str:
    return message["blocks"][-1]["elements"][0]["text"]


def stored(world, contact_id: int) -> Contact:
    with world.db.transaction() as s:
        return s.get(Contact, contact_id)


def digest_row(world, user_id: str) -> Digest:
    with world.db.transaction() as s:
        return s.scalars(select(Digest).where(Digest.user_id == user_id).order_by(Digest.local_date)).all()[
            -1
        ]


def user_with(world, user_id: str = "U1", **contacts: dict) -> dict[str, int]:
    """A New York user with the given contacts (name -> fields); returns their ids by name."""
    world.clock.set(TUESDAY_NINE - dt.timedelta(hours=1))
    world.user(user_id, tz="America/New_York")
    ids = {}
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user_id, tz="America/New_York")
        for name, fields in contacts.items():
            ids[name] = add_contact(s, TEAM, user_id, name=name, **fields).id
    return ids


DORMANT = {"stage": "dormant", "unanswered_streak": 6, "next_due": dt.date(2026, 11, 1)}
ACTIVE = {"stage": "active", "next_due": dt.date(2026, 11, 10)}


# ------------------------------------------------------------------------------------------------
# "Let go?" asked once
# ------------------------------------------------------------------------------------------------


def test_dormant_contact_is_asked_about_once_then_left_out_of_digests_but_not_app_home(world):
    ids = user_with(world, **{"Dormant Dan": DORMANT, "Old Friend": ACTIVE})
    world.clock.set(TUESDAY_NINE)
    tick(world)
    [first] = digests(world, "U1")
    dan, friend = sections(first)
    assert "Dormant Dan" in dan and LET_GO in dan
    assert "Old Friend" in friend and LET_GO not in friend
    assert stored(world, ids["Dormant Dan"]).let_go_asked is True
    assert stored(world, ids["Old Friend"]).let_go_asked is False

    # Nothing was logged, so both are still due on Wednesday; only the question is not asked again.
    world.clock.set(WEDNESDAY_NINE)
    tick(world)
    second = digests(world, "U1")[-1]
    assert len(digests(world, "U1")) == 2
    assert [s.split("*")[1] for s in sections(second)] == ["Old Friend"]
    assert LET_GO not in str(second["blocks"])
    assert "That's everyone due today" in footer(second)  # Dan is not counted as "more due" either
    assert digest_row(world, "U1").contact_ids == [ids["Old Friend"]]
    assert world.double.block_errors == []

    assert "Dormant Dan" in str(open_home(world, "U1")["blocks"])  # still there to let go or revive


def test_a_user_whose_only_due_contact_was_already_asked_about_gets_no_dm(world):
    user_with(world, **{"Dormant Dan": {**DORMANT, "let_go_asked": True}})
    world.clock.set(TUESDAY_NINE)
    report = tick(world)
    assert digests(world, "U1") == []
    assert report.get("nothing_due") == 1


def test_the_question_counts_as_asked_only_when_the_digest_was_delivered(world):
    ids = user_with(world, **{"Dormant Dan": DORMANT})
    world.clock.set(TUESDAY_NINE)
    world.double.fail("chat.postMessage", "invalid_blocks", times=1)
    tick(world)
    assert digests(world, "U1") == []
    assert digest_row(world, "U1").state == "failed"
    assert stored(world, ids["Dormant Dan"]).let_go_asked is False

    world.clock.set(WEDNESDAY_NINE)
    tick(world)
    [message] = digests(world, "U1")
    assert LET_GO in sections(message)[0]
    assert stored(world, ids["Dormant Dan"]).let_go_asked is True


# ------------------------------------------------------------------------------------------------
# An unknown outcome for a user whose DM channel was never stored
# ------------------------------------------------------------------------------------------------


def die_while_sending(world, *, posted: bool) -> int:
    """A dispatcher claims U1's first digest ever and dies, having posted it or not."""
    user_with(world, **{"Old Friend": ACTIVE})
    world.clock.set(TUESDAY_NINE)
    dying = Dispatcher(world.services, render_digest, lease=dt.timedelta(seconds=60))
    _, [job] = dying._claim_batch()
    if posted:
        dying.client.chat_postMessage(
            channel="U1",
            text=job.text,
            blocks=job.blocks,
            metadata={"event_type": "warmcall_digest", "event_payload": {"digest_id": job.digest_id}},
        )
    with world.db.transaction() as s:
        assert get_profile(s, TEAM, "U1").dm_channel_id is None
    world.clock.set(TUESDAY_NINE + dt.timedelta(seconds=61))  # the lease ran out
    return job.digest_id


@pytest.mark.parametrize("posted", [True, False], ids=["died-after-post", "died-before-post"])
def test_without_im_write_an_unknown_outcome_is_given_up_never_resent(world, caplog, posted):
    die_while_sending(world, posted=posted)
    world.double.fail("conversations.open", "missing_scope")
    with caplog.at_level(logging.WARNING, logger="bot.delivery.dispatcher"):
        report = tick(world)
    assert len(digests(world, "U1")) == (1 if posted else 0)  # never a second DM
    assert len(world.double.calls_to("chat.postMessage")) == (1 if posted else 0)
    assert world.double.calls_to("conversations.history") == []
    row = digest_row(world, "U1")
    assert (row.state, row.error, row.owner) == ("failed", "delivery unknown", None)
    assert report.get("delivery_unknown") == 1
    assert any("delivery unknown" in r.getMessage() and "im:write" in r.getMessage() for r in caplog.records)

    world.clock.set(TUESDAY_NINE + dt.timedelta(hours=2))
    tick(world)  # the same day is not retried
    assert len(world.double.calls_to("chat.postMessage")) == (1 if posted else 0)
    world.clock.set(WEDNESDAY_NINE)
    tick(world)  # the next day as usual
    assert len(digests(world, "U1")) == (2 if posted else 1)
    assert digest_row(world, "U1").state == "sent"


@pytest.mark.parametrize("posted", [True, False], ids=["died-after-post", "died-before-post"])
def test_with_im_write_the_dm_is_opened_and_checked_before_any_resend(world, posted):
    die_while_sending(world, posted=posted)
    report = tick(world)
    assert len(digests(world, "U1")) == 1
    assert len(world.double.calls_to("conversations.open")) == 1
    assert len(world.double.calls_to("conversations.history")) == 1
    assert report.get("found_in_history", 0) == (1 if posted else 0)
    row = digest_row(world, "U1")
    assert (row.state, row.channel_id) == ("sent", "DU1")


def test_a_failing_conversations_open_keeps_the_outcome_unknown_and_retries_later(world):
    die_while_sending(world, posted=True)
    world.double.fail("conversations.open", status=500, times=1)
    tick(world)
    row = digest_row(world, "U1")
    assert (row.state, row.owner) == ("sending", None)  # still unknown: look again, never post blind
    assert len(world.double.calls_to("chat.postMessage")) == 1
    world.clock.set(TUESDAY_NINE + dt.timedelta(minutes=5))
    report = tick(world)
    assert report.get("found_in_history") == 1
    assert len(digests(world, "U1")) == 1
    assert digest_row(world, "U1").state == "sent"


def test_a_past_meeting_is_asked_about_once_then_counts_as_held(world):
    ids = user_with(
        world,
        **{
            "Mia Meeting": dict(
                stage="active",
                next_due=dt.date(2026, 11, 24),
                meeting_on=dt.date(2026, 11, 23),
                meeting_state="booked",
                last_outcome="meeting",
            )
        },
    )
    world.clock.set(TUESDAY_NINE)
    tick(world)
    first = digests(world, "U1")[-1]
    labels = [e["text"]["text"] for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"Meeting happened", "It moved", "Cancelled"} <= set(labels)
    assert stored(world, ids["Mia Meeting"]).meeting_asked is True

    world.clock.set(WEDNESDAY_NINE)  # still due (nothing was logged), but the question is not repeated
    tick(world)
    second = digests(world, "U1")[-1]
    assert len(digests(world, "U1")) == 2
    again = [e["text"]["text"] for b in second["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "Meeting happened" not in again
    assert world.double.block_errors == []
