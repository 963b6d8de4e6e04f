"""Daily digest (SPEC §8): time travel, content, and Slack errors, on SQLite and PostgreSQL.

The real dispatcher runs against the Slack double; the clock is a ManualClock moved by the test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.delivery.dispatcher import Dispatcher, dispatch
from bot.delivery.maintenance import maintenance
from bot.delivery.pacer import ManualMonotonic
from bot.domain.digest_schedule import NEVER, next_nudge_at
from bot.domain.stats import streak_from_days
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact
from storage.models import Digest, Interaction, UserProfile
from storage.profiles import get_or_create_profile, get_profile
from tests.world import TEAM, settle

UTC = dt.UTC
LONG_AGO = dt.date(2026, 1, 5)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def due_user(
    world, user_id: str, tz: str = "America/New_York", *, due: int = 1, upcoming: int = 0, **profile
):
    """A Slack user with a profile and `due` overdue contacts (and `upcoming` ones not yet due)."""
    world.user(user_id, tz=tz)
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user_id, tz=tz, **profile)
        for i in range(due):
            add_contact(
                s, TEAM, user_id, name=f"Due {user_id}-{i}", company="Acme", stage="active", next_due=LONG_AGO
            )
        for i in range(upcoming):
            add_contact(
                s, TEAM, user_id, name=f"Later {user_id}-{i}", stage="active", next_due=dt.date(2099, 1, 1)
            )
    return user_id


def tick(world, **kwargs) -> dict:
    return dispatch(world.services, render_digest, **kwargs)


def digests(world, user_id: str) -> list[dict]:
    return [m for m in world.double.dm_messages(user_id) if (m.get("metadata") or {}).get("event_type")]


def counts(world, *users: str) -> list[int]:
    return [len(digests(world, u)) for u in users]


def row_of(world, user_id: str) -> Digest | None:
    with world.db.transaction() as s:
        rows = s.scalars(select(Digest).where(Digest.user_id == user_id).order_by(Digest.local_date)).all()
        return rows[-1] if rows else None


def profile_of(world, user_id: str) -> UserProfile:
    with world.db.transaction() as s:
        return get_profile(s, TEAM, user_id)


# ------------------------------------------------------------------------------------------------
# Time travel
# ------------------------------------------------------------------------------------------------


def test_new_york_user_gets_one_digest_at_nine(world):
    world.clock.set(at(2026, 11, 24, 13, 0))  # Tue 08:00 in New York
    due_user(world, "U1")
    world.clock.set(at(2026, 11, 24, 13, 59))
    tick(world)
    assert counts(world, "U1") == [0]
    world.clock.set(at(2026, 11, 24, 14, 0))
    report = tick(world)
    assert counts(world, "U1") == [1] and report["sent"] == 1
    world.clock.set(at(2026, 11, 24, 14, 5))
    tick(world)
    assert counts(world, "U1") == [1]
    row = row_of(world, "U1")
    assert (row.state, row.local_date, row.channel_id) == ("sent", dt.date(2026, 11, 24), "DU1")
    assert profile_of(world, "U1").dm_channel_id == "DU1"
    assert world.double.calls_to("conversations.open") == []
    assert world.double.block_errors == []


def test_seoul_new_york_and_los_angeles_each_at_their_own_nine_and_tokyo_on_its_holiday(world):
    world.clock.set(at(2026, 11, 22, 12, 0))  # Sunday: nobody's nudge day
    users = {
        "USEL": "Asia/Seoul",
        "UNYC": "America/New_York",
        "ULAX": "America/Los_Angeles",
        "UTYO": "Asia/Tokyo",  # Mon 23 Nov is Labour Thanksgiving Day in Japan: no digest (SPEC §14)
    }
    for user_id, tz in users.items():
        due_user(world, user_id, tz)
    tick(world)
    world.double.reset()
    # Mon 09:00 Seoul (and Tokyo) = Mon 00:00 UTC; New York 14:00 UTC; Los Angeles 17:00 UTC.
    expected = [
        (at(2026, 11, 22, 23, 59), [0, 0, 0, 0]),
        (at(2026, 11, 23, 0, 0), [1, 0, 0, 0]),
        (at(2026, 11, 23, 13, 59), [1, 0, 0, 0]),
        (at(2026, 11, 23, 14, 0), [1, 1, 0, 0]),
        (at(2026, 11, 23, 16, 59), [1, 1, 0, 0]),
        (at(2026, 11, 23, 17, 0), [1, 1, 1, 0]),
        (at(2026, 11, 23, 23, 0), [1, 1, 1, 0]),
        (at(2026, 11, 24, 0, 0), [2, 1, 1, 1]),  # Tuesday 09:00 in Seoul and Tokyo
    ]
    for instant, expected_counts in expected:
        world.clock.set(instant)
        tick(world)
        assert counts(world, *users) == expected_counts, instant


def test_saturday_nothing_then_monday(world):
    world.clock.set(at(2026, 11, 27, 23, 0))  # Fri evening in New York
    due_user(world, "U1")
    for instant in (at(2026, 11, 28, 14, 0), at(2026, 11, 29, 14, 0), at(2026, 11, 30, 13, 59)):
        world.clock.set(instant)
        tick(world)
        assert counts(world, "U1") == [0], instant
    world.clock.set(at(2026, 11, 30, 14, 0))
    tick(world)
    assert counts(world, "U1") == [1]


def test_paused_users_and_users_with_nothing_due_get_no_dm(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "UPAUSE", pause_until=dt.date(2026, 11, 24))
    due_user(world, "UREASON", paused_reason="Paused by you")
    due_user(world, "UNONE", due=0, upcoming=3)
    due_user(world, "UOK")
    world.clock.set(at(2026, 11, 24, 14, 0))
    tick(world)
    assert counts(world, "UPAUSE", "UREASON", "UNONE", "UOK") == [0, 0, 0, 1]
    # nothing due is not a digest: no row, and tomorrow is scheduled
    assert row_of(world, "UNONE") is None
    assert profile_of(world, "UNONE").next_digest_at == dt.datetime(2026, 11, 25, 14, 0)
    assert profile_of(world, "UREASON").next_digest_at == NEVER
    # the pause ends: Wednesday as usual
    world.clock.set(at(2026, 11, 25, 14, 0))
    tick(world)
    assert counts(world, "UPAUSE", "UREASON", "UNONE") == [1, 0, 0]


@pytest.mark.parametrize(
    ("friday", "monday"),
    [
        # DST starts Sun 8 Mar 2026 in the US: 09:00 is 14:00 UTC on Friday, 13:00 UTC on Monday.
        pytest.param(at(2026, 3, 6, 14, 0), at(2026, 3, 9, 13, 0), id="dst-start"),
        # DST ends Sun 1 Nov 2026: 09:00 is 13:00 UTC on Friday, 14:00 UTC on Monday.
        pytest.param(at(2026, 10, 30, 13, 0), at(2026, 11, 2, 14, 0), id="dst-end"),
    ],
)
def test_dst_weeks_still_at_nine_local(world, friday, monday):
    world.clock.set(friday - dt.timedelta(hours=2))
    due_user(world, "U1")
    world.clock.set(friday - dt.timedelta(minutes=1))
    tick(world)
    assert counts(world, "U1") == [0]
    world.clock.set(friday)
    tick(world)
    assert counts(world, "U1") == [1]
    world.clock.set(monday - dt.timedelta(minutes=1))
    tick(world)
    assert counts(world, "U1") == [1]
    world.clock.set(monday)
    tick(world)
    assert counts(world, "U1") == [2]


def test_down_at_nine_back_at_half_past_ten_sends_once(world):
    world.clock.set(at(2026, 11, 24, 12, 0))
    due_user(world, "U1")
    tick(world)
    world.clock.set(at(2026, 11, 24, 15, 30))  # 10:30 New York: the bot was down at 09:00
    tick(world)
    assert counts(world, "U1") == [1]
    world.clock.set(at(2026, 11, 24, 15, 35))
    tick(world)
    assert counts(world, "U1") == [1]


def test_back_at_seven_pm_skips_the_day_then_next_day_as_usual(world):
    world.clock.set(at(2026, 11, 24, 12, 0))
    due_user(world, "U1")
    tick(world)
    world.clock.set(at(2026, 11, 25, 0, 0))  # 19:00 New York
    tick(world)
    assert counts(world, "U1") == [0]
    assert row_of(world, "U1") is None
    world.clock.set(at(2026, 11, 25, 13, 59))
    tick(world)
    assert counts(world, "U1") == [0]
    world.clock.set(at(2026, 11, 25, 14, 0))
    tick(world)
    assert counts(world, "U1") == [1]


def test_next_nudge_respects_nudge_days_time_and_pause(world):
    with world.db.transaction() as s:
        profile, _ = get_or_create_profile(
            s,
            TEAM,
            "U1",
            tz="Europe/Berlin",
            nudge_minute=7 * 60 + 30,
            nudge_days="1,3",
            pause_until=dt.date(2026, 11, 26),
        )
        # Tue 24 Nov 2026, 15:00 Berlin: Tue's 07:30 passed, Thu the 26th is paused → Tue 1 Dec 07:30 CET
        assert next_nudge_at(profile, at(2026, 11, 24, 14, 0), after=dt.date(2026, 11, 24)) == dt.datetime(
            2026, 12, 1, 6, 30
        )


# ------------------------------------------------------------------------------------------------
# Content
# ------------------------------------------------------------------------------------------------


def test_digest_message_orders_contacts_and_shows_reason_buttons_footer(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    world.user("U1")
    today = dt.date(2026, 11, 24)
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, "U1", tz="America/New_York", max_per_digest=3)
        very_overdue = add_contact(
            s, TEAM, "U1", name="Old Friend", stage="active", next_due=dt.date(2026, 10, 1)
        )
        add_contact(s, TEAM, "U1", name="Second Old", stage="active", next_due=dt.date(2026, 10, 2))
        warm = add_contact(
            s,
            TEAM,
            "U1",
            name="Warm Lead",
            company="Beta",
            stage="new",
            met_on=dt.date(2026, 11, 20),
            next_due=dt.date(2026, 11, 24),
            event="PyCon",
        )
        promised = add_contact(
            s,
            TEAM,
            "U1",
            name="Jane Doe",
            company="Acme",
            stage="new",
            met_on=dt.date(2026, 11, 2),
            promise="our pipeline checklist",
            next_due=dt.date(2026, 11, 23),
        )
        add_contact(s, TEAM, "U1", name="Gone", stage="let_go", next_due=dt.date(2026, 10, 1))
        add_contact(s, TEAM, "U1", name="Dormant Dan", stage="dormant", next_due=dt.date(2026, 11, 1))
        # calls logged Fri 20 and Mon 23 Nov (weekend skipped): a streak of 2 nudge days
        for day in (dt.date(2026, 11, 20), dt.date(2026, 11, 23)):
            s.add(
                Interaction(team_id=TEAM, user_id="U1", contact_id=very_overdue.id, on=day, outcome="reached")
            )
    world.clock.set(at(2026, 11, 24, 14, 0))
    tick(world)
    [message] = digests(world, "U1")
    assert world.double.block_errors == []
    blocks = message["blocks"]
    assert len(blocks) <= 50
    assert blocks[0]["type"] == "header"
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert [s.split("*")[1] for s in sections] == ["Jane Doe (Acme)", "Warm Lead (Beta)", "Old Friend"]
    assert "our pipeline checklist" in sections[0]
    assert "1 day overdue" in sections[0] and "due today" in sections[1] and "54 days overdue" in sections[2]
    button_rows = [b for b in blocks if b["type"] == "actions"]
    assert [b["block_id"] for b in button_rows] == [
        f"contact:{promised.id}",
        f"contact:{warm.id}",
        f"contact:{very_overdue.id}",
    ]
    assert [e["text"]["text"] for e in button_rows[0]["elements"]] == [
        "✓ Promise kept",  # the promise is open: the row can close it
        "Prep",
        "Log call",
        "Plan it",
        "Snooze 1w",
        "Let go",
    ]
    footer = blocks[-1]["elements"][0]["text"]
    assert "2 more due" in footer and "2 nudge days in a row" in footer
    assert message["text"].startswith("Today's calls: Jane Doe (Acme), Warm Lead (Beta), Old Friend")
    assert message["metadata"]["event_payload"]["local_date"] == "2026-11-24"
    assert "just checking in" not in str(blocks).lower()
    assert row_of(world, "U1").contact_ids == [promised.id, warm.id, very_overdue.id]
    assert today == row_of(world, "U1").local_date


def test_dormant_contact_asks_time_to_let_go(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    world.user("U1")
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, "U1", tz="America/New_York")
        add_contact(s, TEAM, "U1", name="Dormant Dan", stage="dormant", next_due=dt.date(2026, 11, 1))
    world.clock.set(at(2026, 11, 24, 14, 0))
    tick(world)
    [message] = digests(world, "U1")
    assert "Time to let go?" in message["blocks"][2]["text"]["text"]
    assert "That's everyone due today" in message["blocks"][-1]["elements"][0]["text"]


@pytest.mark.parametrize(
    ("logged", "today", "expected"),
    [
        pytest.param(set(), dt.date(2026, 11, 24), 0, id="none"),
        pytest.param({dt.date(2026, 11, 23)}, dt.date(2026, 11, 24), 1, id="yesterday"),
        pytest.param(
            {dt.date(2026, 11, 20), dt.date(2026, 11, 23)}, dt.date(2026, 11, 24), 2, id="over-weekend"
        ),
        pytest.param(
            {dt.date(2026, 11, 24), dt.date(2026, 11, 23)}, dt.date(2026, 11, 24), 2, id="today-counts"
        ),
        pytest.param({dt.date(2026, 11, 19)}, dt.date(2026, 11, 24), 0, id="gap-breaks"),
    ],
)
def test_call_streak_counts_consecutive_nudge_days(logged, today, expected):
    assert streak_from_days(logged, today, frozenset({0, 1, 2, 3, 4})) == expected


# ------------------------------------------------------------------------------------------------
# Slack errors
# ------------------------------------------------------------------------------------------------


def test_rate_limited_digests_all_arrive_once(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    users = [due_user(world, f"U{i:02d}") for i in range(8)]
    world.clock.set(at(2026, 11, 24, 14, 0))
    world.double.rate_limit("chat.postMessage", retry_after=1, times=5)
    # The pacer waits out Retry-After on its own clock: a manual one, so the pass never sleeps.
    report = tick(world, monotonic=ManualMonotonic())
    assert report.get("rate_limited", 0) >= 1
    for _ in range(10):
        if sum(counts(world, *users)) == len(users):
            break
        world.advance(seconds=2)
        tick(world, monotonic=ManualMonotonic())
    assert counts(world, *users) == [1] * len(users)
    assert all(row_of(world, u).state == "sent" for u in users)


@pytest.mark.parametrize("error", ["user_not_found", "account_inactive"])
def test_user_level_errors_pause_that_user_only(world, error):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "UGONE")
    due_user(world, "UOK")
    world.clock.set(at(2026, 11, 24, 14, 0))
    world.double.fail("chat.postMessage", error, when={"channel": "UGONE"})
    tick(world)
    assert counts(world, "UGONE", "UOK") == [0, 1]
    gone = profile_of(world, "UGONE")
    assert gone.paused_reason == f"Slack says this account can't receive DMs ({error})"
    assert gone.next_digest_at == NEVER
    assert (row_of(world, "UGONE").state, row_of(world, "UGONE").error) == ("failed", error)
    posts = len(world.double.calls_to("chat.postMessage"))
    world.clock.set(at(2026, 11, 25, 14, 0))
    tick(world)
    assert len(world.double.calls_to("chat.postMessage")) == posts + 1  # only UOK; no retry storm
    assert counts(world, "UGONE", "UOK") == [0, 2]


def test_server_errors_are_retried_with_backoff_and_never_marked_sent_early(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "U1")
    world.clock.set(at(2026, 11, 24, 14, 0))
    world.double.fail("chat.postMessage", status=500, times=2)
    tick(world)
    row = row_of(world, "U1")
    assert (row.state, row.attempts) == ("sending", 1)  # a 500 may have posted: outcome unknown
    assert row.not_before == dt.datetime(2026, 11, 24, 14, 1)
    world.clock.set(at(2026, 11, 24, 14, 0, 30))
    tick(world)
    assert len(world.double.calls_to("chat.postMessage")) == 1  # backoff respected
    world.clock.set(at(2026, 11, 24, 14, 1))
    tick(world)  # looks in the DM first (not there), posts, gets the second 500
    assert row_of(world, "U1").state == "sending"
    assert row_of(world, "U1").not_before == dt.datetime(2026, 11, 24, 14, 3)
    world.clock.set(at(2026, 11, 24, 14, 3))
    tick(world)
    assert counts(world, "U1") == [1]
    assert row_of(world, "U1").state == "sent"
    assert len(world.double.calls_to("conversations.history")) == 2
    history = world.double.calls_to("conversations.history")[0].params
    assert str(history["include_all_metadata"]).lower() in ("1", "true")


def test_errors_all_day_give_up_at_six_pm(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "U1")
    world.double.fail("chat.postMessage", status=503)
    world.clock.set(at(2026, 11, 24, 22, 0))  # 17:00 New York
    for _ in range(20):
        tick(world)
        row = row_of(world, "U1")
        if row.state != "sending":
            break
        assert row.not_before < dt.datetime(2026, 11, 24, 23, 0)  # never past 18:00 local
        world.clock.set(row.not_before.replace(tzinfo=UTC))
    row = row_of(world, "U1")
    assert row.state == "failed" and "gave up" in row.error and row.attempts >= 5
    assert counts(world, "U1") == [0]
    assert profile_of(world, "U1").next_digest_at == dt.datetime(2026, 11, 25, 14, 0)


def test_invalid_token_stops_the_pass_without_marking_sent(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "U1")
    due_user(world, "U2")
    world.clock.set(at(2026, 11, 24, 14, 0))
    world.double.fail("chat.postMessage", "invalid_auth", times=1)
    report = dispatch(world.services, render_digest, workers=1, batch_size=1)
    assert report["stopped"] == "invalid_auth"
    assert len(world.double.calls_to("chat.postMessage")) == 1
    assert [row_of(world, u).state if row_of(world, u) else None for u in ("U1", "U2")].count("sent") == 0
    world.clock.set(at(2026, 11, 24, 14, 10))
    tick(world)
    assert counts(world, "U1", "U2") == [1, 1]


def test_invalid_blocks_fail_without_retry(world):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "U1")
    world.clock.set(at(2026, 11, 24, 14, 0))

    def broken(view):
        return "text", [{"type": "section"}]

    world.allow_block_errors("the digest renderer is broken on purpose: Slack refuses it, once")
    dispatch(world.services, broken)
    assert [e.split(":")[0] for e in world.double.block_errors] == ["chat.postMessage"] * 2
    assert row_of(world, "U1").state == "failed"
    world.clock.set(at(2026, 11, 24, 14, 30))
    tick(world)
    assert len(world.double.calls_to("chat.postMessage")) == 1


# ------------------------------------------------------------------------------------------------
# Unknown outcomes: a worker that died while sending
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("posted_before_dying", [True, False], ids=["died-after-post", "died-before-post"])
def test_expired_sending_claim_is_settled_from_conversations_history(world, posted_before_dying):
    world.clock.set(at(2026, 11, 24, 13, 0))
    due_user(world, "U1")
    with world.db.transaction() as s:
        get_profile(s, TEAM, "U1").dm_channel_id = "DU1"  # a user who had digests before
    world.clock.set(at(2026, 11, 24, 14, 0))
    dying = Dispatcher(world.services, render_digest, lease=dt.timedelta(seconds=60))
    _, [job] = dying._claim_batch()
    assert row_of(world, "U1").state == "sending"
    if posted_before_dying:
        dying.client.chat_postMessage(
            channel="U1",
            text=job.text,
            blocks=job.blocks,
            metadata={"event_type": "warmcall_digest", "event_payload": {"digest_id": job.digest_id}},
        )
    world.clock.set(at(2026, 11, 24, 14, 0, 30))
    tick(world)  # lease still live: nobody touches it
    assert len(world.double.calls_to("conversations.history")) == 0
    world.clock.set(at(2026, 11, 24, 14, 1, 1))
    report = tick(world)
    assert counts(world, "U1") == [1]
    assert row_of(world, "U1").state == "sent"
    assert len(world.double.calls_to("conversations.history")) == 1
    assert report.get("found_in_history", 0) == (1 if posted_before_dying else 0)
    assert world.double.calls_to("conversations.open") == []


def test_user_change_event_moves_the_digest_to_the_new_time_zone(world):
    world.clock.set(at(2026, 11, 24, 12, 0))
    due_user(world, "U1")
    tick(world)
    assert profile_of(world, "U1").next_digest_at == dt.datetime(2026, 11, 24, 14, 0)
    reply = world.slack.event(
        {
            "type": "user_change",
            "user": {"id": "U1", "team_id": TEAM, "tz": "Europe/London", "real_name": "U One"},
        }
    )
    assert reply.status == 200
    settle(world)  # the event is handled after its ack
    profile = profile_of(world, "U1")
    assert profile.tz == "Europe/London"
    # 12:00 in London: today's 09:00 has passed but the day's window is open, so it is due now
    assert profile.next_digest_at == dt.datetime(2026, 11, 24, 9, 0)


def test_maintenance_refreshes_time_zones_and_cleans_up(world):
    world.clock.set(at(2026, 11, 24, 12, 0))
    due_user(world, "U1")
    due_user(world, "U2", tz="Asia/Tokyo")
    tick(world)
    world.double.add_user("U1", tz="America/Los_Angeles")
    with world.db.transaction() as s:
        s.add(Digest(team_id=TEAM, user_id="U2", local_date=dt.date(2026, 9, 1), state="sent", attempts=1))
    report = maintenance(world.services)
    assert report["tz_changed"] == 1 and report["digests_deleted"] == 1
    assert profile_of(world, "U1").tz == "America/Los_Angeles"
    assert profile_of(world, "U1").next_digest_at == dt.datetime(2026, 11, 24, 17, 0)


def test_maintenance_deletes_jobs_that_kept_failing_after_30_days_only(world):
    from storage.models import QueuedJob
    from storage.queue import FAILED, QUEUED, add_job

    world.clock.set(at(2026, 11, 24, 12, 0))
    now = dt.datetime(2026, 11, 24, 12, 0)
    with world.db.transaction() as s:
        for days, state in ((40, FAILED), (10, FAILED), (40, QUEUED)):
            job = add_job(s, TEAM, "U1", "called", {"n": days}, now=now - dt.timedelta(days=days))
            job.state = state
    report = maintenance(world.services)
    assert report["failed_jobs_deleted"] == 1
    with world.db.transaction() as s:
        left = sorted((j.state, j.payload["n"]) for j in s.query(QueuedJob).all())
    assert left == [("failed", 10), ("queued", 40)]
