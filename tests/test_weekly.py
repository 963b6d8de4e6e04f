"""The weekly look back DM (issue 19): opt-in, Friday at the nudge time, once per user per week (across
ticks and a restart), skipped when nothing happened; the real dispatcher against the Slack double on
SQLite and PostgreSQL, the settings checkbox through a signed view submission."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.delivery.dispatcher import dispatch
from bot.domain.weekly import build_review, count_calls, review_due
from bot.services.context import Services
from bot.testing.signed import checkbox_values, date_value, text_values
from handlers.blocks.digest import render_digest
from handlers.blocks.weekly import render_weekly
from storage.contacts import add_contact
from storage.db import Database
from storage.models import Contact, Interaction, WeeklyReview
from storage.profiles import get_or_create_profile, get_profile
from tests.world import TEAM, open_home, press_on_view, wait_for

UTC = dt.UTC
MONDAY = dt.date(2026, 11, 23)
FRIDAY_NINE_NY = dt.datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Fri 09:00 in New York


def weekly_dms(world, user_id: str) -> list[dict]:
    return [
        m
        for m in world.double.dm_messages(user_id)
        if (m.get("metadata") or {}).get("event_type") == "warmcall_weekly"
    ]


def tick(services: Services) -> dict:
    return dispatch(services, render_digest, weekly_renderer=render_weekly)


def busy_user(world, user_id: str = "U1", *, weekly: bool = True, calls: bool = True) -> str:
    """A New York user (digest off: no nudge days) with a week of calls, a promise kept and an
    overdue contact."""
    world.user(user_id)
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user_id, tz="America/New_York", nudge_days="", weekly_review=weekly)
        jane = add_contact(s, TEAM, user_id, name="Jane Doe", stage="active", next_due=dt.date(2026, 11, 1))
        add_contact(s, TEAM, user_id, name="Sam Lee", stage="active", next_due=dt.date(2026, 11, 20))
        add_contact(s, TEAM, user_id, name="Gone", stage="let_go", next_due=dt.date(2026, 9, 1))
        add_contact(
            s,
            TEAM,
            user_id,
            name="Kim",
            stage="active",
            promise="the deck",
            promise_done=True,
            promise_outcome="kept",
            promise_closed_on=dt.date(2026, 11, 25),
            next_due=dt.date(2027, 1, 1),
        )
        add_contact(
            s, TEAM, user_id, name="Lou", stage="active", promise="an intro", next_due=dt.date(2027, 1, 1)
        )
        if calls:
            logged = [
                (dt.date(2026, 11, 24), "reached"),
                (dt.date(2026, 11, 25), "voicemail"),
                (dt.date(2026, 11, 25), "voicemail"),  # the same contact the same day: one try
                (dt.date(2026, 11, 26), "no-answer"),
                (dt.date(2026, 11, 17), "voicemail"),  # last week
                (dt.date(2026, 11, 18), "no-answer"),
            ]
            for day, outcome in logged:
                s.add(Interaction(team_id=TEAM, user_id=user_id, contact_id=jane.id, on=day, outcome=outcome))
    return user_id


def rows(world, user_id: str) -> list[WeeklyReview]:
    with world.db.transaction() as s:
        return list(s.scalars(select(WeeklyReview).where(WeeklyReview.user_id == user_id)).all())


# --- pure rules ------------------------------------------------------------------------------------


def test_due_only_on_friday_from_the_nudge_time():
    assert review_due(dt.datetime(2026, 11, 27, 8, 59), 9 * 60) is None
    assert review_due(dt.datetime(2026, 11, 27, 9, 0), 9 * 60) == MONDAY
    assert review_due(dt.datetime(2026, 11, 27, 23, 30), 9 * 60) == MONDAY
    assert review_due(dt.datetime(2026, 11, 26, 10, 0), 9 * 60) is None


def test_unanswered_counts_once_per_contact_per_day_and_empty_weeks():
    logs = [
        (MONDAY, "voicemail", 1),
        (MONDAY, "voicemail", 1),
        (MONDAY, "voicemail", 2),
        (MONDAY, "snooze", 1),
    ]
    assert count_calls(logs, MONDAY, MONDAY + dt.timedelta(days=4)).calls == 2
    review = build_review(MONDAY + dt.timedelta(days=4), [], 0, 3, [("Jane", MONDAY)], "Keep going.")
    assert review.empty


# --- over the real app -----------------------------------------------------------------------------


def test_sent_once_on_friday_across_ticks_and_a_restart(world):
    busy_user(world)
    world.clock.set(dt.datetime(2026, 11, 26, 14, 0, tzinfo=UTC))  # Thursday: not yet
    tick(world.services)
    assert weekly_dms(world, "U1") == []

    world.clock.set(dt.datetime(2026, 11, 27, 13, 59, tzinfo=UTC))  # Friday 08:59: not yet
    tick(world.services)
    assert weekly_dms(world, "U1") == []

    world.clock.set(FRIDAY_NINE_NY)
    report = tick(world.services)
    assert report.get("weekly_sent") == 1
    world.clock.set(FRIDAY_NINE_NY + dt.timedelta(minutes=1))
    tick(world.services)

    # A restarted process: new Services and a new connection pool on the same database.
    again = Database(world.db.url)
    try:
        restarted = Services(settings=world.services.settings, db=again, clock=world.clock)
        world.clock.set(FRIDAY_NINE_NY + dt.timedelta(hours=3))
        assert tick(restarted).get("weekly_sent") is None
    finally:
        again.dispose()

    [message] = weekly_dms(world, "U1")
    assert world.double.block_errors == []
    text = "\n".join(
        b.get("text", {}).get("text", "") if b["type"] != "context" else b["elements"][0]["text"]
        for b in message["blocks"]
    )
    # 3 calls this week (two voicemails to Jane on Wednesday are one try), 1 reached; last week 2, none
    assert "*3 calls* this week, you reached 1 (33%)" in text
    assert "Last week: 2 calls, reached 0%" in text
    assert "*1 promise kept* this week, 1 still open" in text
    assert "Jane Doe, overdue by 26 days" in text
    assert "Sam Lee, overdue by 7 days" in text
    assert "Gone" not in text
    assert world.services.playbook.reassurance("R4").text[:30] in text
    assert [r.state for r in rows(world, "U1")] == ["sent"]
    assert rows(world, "U1")[0].week_start == MONDAY

    # The next Friday is a new week: one more.
    world.clock.set(FRIDAY_NINE_NY + dt.timedelta(days=7))
    with world.db.transaction() as s:
        jane = s.scalars(select(Interaction).where(Interaction.user_id == "U1")).first()
        s.add(
            Interaction(
                team_id=TEAM,
                user_id="U1",
                contact_id=jane.contact_id,
                on=dt.date(2026, 12, 1),
                outcome="reached",
            )
        )
    tick(world.services)
    assert len(weekly_dms(world, "U1")) == 2


def test_skipped_when_nothing_happened(world):
    busy_user(world, calls=False)
    with world.db.transaction() as s:  # the promise was kept last week: nothing this week
        kim = s.scalars(select(Contact).where(Contact.name == "Kim")).one()
        kim.promise_closed_on = dt.date(2026, 11, 20)  # kept last week
    world.clock.set(FRIDAY_NINE_NY)
    report = tick(world.services)
    assert report.get("weekly_skipped") == 1
    world.clock.set(FRIDAY_NINE_NY + dt.timedelta(hours=1))
    tick(world.services)
    assert weekly_dms(world, "U1") == []
    assert [r.state for r in rows(world, "U1")] == ["skipped"]


def test_off_unless_opted_in(world):
    busy_user(world, weekly=False)
    world.clock.set(FRIDAY_NINE_NY)
    tick(world.services)
    assert weekly_dms(world, "U1") == []
    assert rows(world, "U1") == []


def test_settings_checkbox_turns_it_on_and_off(world):
    world.user("U1")
    home = open_home(world, "U1")
    before = len(world.double.views())
    press_on_view(world, "U1", home, "home_settings", "open")
    form = wait_for(
        lambda: next(
            (v for v in world.double.views()[before:] if v["callback_id"] == "home_settings_form"), None
        )
    )
    [weekly] = [b for b in form["blocks"] if b.get("block_id") == "weekly_review"]
    assert weekly["element"]["options"][0]["text"]["text"] == "Weekly look back on Fridays"
    assert "initial_options" not in weekly["element"]

    def submit(chosen: list[str]) -> None:
        values = {
            "nudge_time": {"value": {"type": "timepicker", "selected_time": "09:00"}},
            "nudge_days": {"value": checkbox_values(["0", "1", "2", "3", "4"])},
            "pause_until": {"value": date_value(None)},
            "weekly_review": {"value": checkbox_values(chosen)},
            **text_values({"max_per_digest": {"value": "5"}}),
        }
        answer = world.slack.view_submission("U1", "home_settings_form", values, view=form)
        assert answer.status == 200 and not answer.json

    def opted() -> bool:
        with world.db.transaction() as s:
            return get_profile(s, TEAM, "U1").weekly_review

    submit(["weekly_review"])
    assert opted() is True
    submit([])
    assert opted() is False
