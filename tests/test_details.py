"""The small things a user reads: phone numbers as people write them, pick buttons that tell two
people of the same name apart, and the Settings form (nudge time, next digest) — end to end where
the user sees them (SQLite and PostgreSQL).

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); users are in New York.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.domain.contact_details import display_phone
from bot.testing.signed import checkbox_values, date_value, text_values
from storage.contacts import add_contact
from storage.models import Digest, UserProfile
from storage.profiles import get_profile
from tests.world import TEAM, click, open_home, press_on_view, publishes, slash_command, wait_for

D = dt.date


def text_of(body: dict) -> str:
    """Every piece of text a user reads in a message: top-level text, sections, fields, buttons."""
    parts = [body.get("text", "")]
    for block in body.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [f.get("text", "") for f in block.get("fields", [])]
        for element in block.get("elements", []):
            text = element.get("text")
            parts.append(text.get("text", "") if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


def pick_buttons(body: dict) -> list[tuple[str, str, str]]:
    """(button text, value, action id) of the pick buttons in a reply, in order."""
    return [
        (e["text"]["text"], e.get("value"), e["action_id"])
        for block in body.get("blocks", [])
        if block.get("block_id") == "called_pick"
        for e in block["elements"]
    ]


@pytest.fixture
def w(world):
    world.user("U1")
    yield world
    assert world.double.block_errors == []


# --- phone numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("+14155550100", "+1 415-555-0100"),
        ("+442079460000", "+44 20 7946 0000"),
        ("+493012345678", "+49 30 12345678"),
        ("not a number", "not a number"),
    ],
    ids=["US", "UK", "DE", "unreadable kept"],
)
def test_display_phone_is_the_international_format(stored, shown):
    assert display_phone(stored) == shown


def test_a_phone_is_shown_as_people_write_it_on_met_and_prep(w):
    saved = slash_command(w, "U1", "/met", "Jane Doe of Acme at PyCon yesterday: +1 415 555 0100")
    assert "<tel:+14155550100|(415) 555-0100>" in text_of(saved)  # national at home, tap to call
    assert "+14155550100" not in text_of(saved).replace("<tel:+14155550100|", "")

    prepared = slash_command(w, "U1", "/prep", "Jane Doe")
    assert "Reach them: <tel:+14155550100|(415) 555-0100>" in text_of(prepared)  # as dialled in the US
    assert "+14155550100" not in text_of(prepared).replace("<tel:+14155550100|", "")


# --- pick buttons ----------------------------------------------------------------------------------


def test_two_jose_nunez_are_told_apart_by_event_and_met_date(w):
    with w.db.transaction() as s:
        common = dict(stage="new", next_due=D(2026, 11, 26), unanswered_streak=0, company="Bank of America")
        pycon = add_contact(s, TEAM, "U1", name="José Núñez", event="PyCon", met_on=D(2026, 11, 23), **common)
        money = add_contact(
            s, TEAM, "U1", name="jose nunez", event="Money20/20", met_on=D(2026, 10, 2), **common
        )
        pycon_id, money_id = pycon.id, money.id

    body = slash_command(w, "U1", "/called", "jose nunez reached: loved the deck")

    picks = pick_buttons(body)
    assert [text for text, _, _ in picks] == [
        "José Núñez · Bank of America · PyCon, 23 Nov",
        "jose nunez · Bank of America · Money20/20, 2 Oct",
    ]
    assert [json.loads(value)["c"] for _, value, _ in picks] == [pycon_id, money_id]
    text, value, action_id = picks[1]
    done = click(w, action_id, value, block_id="called_pick")
    assert "jose nunez" in text_of(done)


# --- the Settings form -----------------------------------------------------------------------------

WEEKDAYS = ["0", "1", "2", "3", "4"]


def settings_form(world, user: str = "U1") -> dict:
    home = open_home(world, user)
    before = len(world.double.views())
    press_on_view(world, user, home, "home_settings", "open")
    return wait_for(
        lambda: next(
            (v for v in world.double.views()[before:] if v["callback_id"] == "home_settings_form"), None
        )
    )


def submit_settings(world, form: dict, time_: str, user: str = "U1"):
    values = {
        "nudge_time": {"value": {"type": "timepicker", "selected_time": time_}},
        "nudge_days": {"value": checkbox_values(WEEKDAYS)},
        "pause_until": {"value": date_value(None)},
        **text_values({"max_per_digest": {"value": "5"}}),
    }
    return world.slack.view_submission(user, "home_settings_form", values, view=form)


def saved_home(world, form: dict, time_: str, user: str = "U1") -> str:
    """Save the form with this nudge time; the Settings text of the Home it re-publishes."""
    before = publishes(world)
    answer = submit_settings(world, form, time_, user)
    assert answer.status == 200 and not answer.json, answer.json
    wait_for(lambda: publishes(world) > before)
    home = world.double.home_of(user)
    return next(b for b in home["blocks"] if b.get("block_id") == "home_settings")["text"]["text"]


def next_digest_at(world, user: str = "U1") -> dt.datetime:
    with world.db.reading() as s:
        profile: UserProfile = get_profile(s, TEAM, user)
        return profile.next_digest_at


def test_saving_settings_after_todays_nudge_time_shows_the_next_nudge_day(w):
    w.advance(hours=2)  # Tue 24 Nov, 11:00 in New York: today's 09:00 has passed
    form = settings_form(w)

    shown = saved_home(w, form, "09:00")
    assert "Next digest: Wed 25 Nov at 09:00" in shown
    assert next_digest_at(w) == dt.datetime(2026, 11, 25, 14, 0)  # 09:00 New York

    shown = saved_home(w, form, "15:00")  # still ahead today
    assert "Next digest: Tue 24 Nov at 15:00" in shown
    assert next_digest_at(w) == dt.datetime(2026, 11, 24, 20, 0)


def test_saving_settings_after_todays_digest_went_out_shows_tomorrows(w):
    form = settings_form(w)
    with w.db.transaction() as s:
        s.add(Digest(team_id=TEAM, user_id="U1", local_date=D(2026, 11, 24), state="sent"))
    w.advance(hours=1)  # 10:00 in New York; today's digest was sent at 09:00

    shown = saved_home(w, form, "15:00")
    assert "Next digest: Wed 25 Nov at 15:00" in shown  # not a second digest today
    assert next_digest_at(w) == dt.datetime(2026, 11, 25, 20, 0)


def test_the_shown_next_digest_is_never_in_the_past(w):
    w.advance(hours=5, minutes=30)  # 14:30 in New York
    form = settings_form(w)
    now = w.clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    for time_ in ("00:00", "09:00", "14:29", "14:31", "17:59", "23:59"):
        saved_home(w, form, time_)
        assert next_digest_at(w) > now, time_


@pytest.mark.parametrize(
    "typed, minute",
    [("7:30", 450), ("7.30", 450), ("07:30", 450), ("7:30am", 450), ("7pm", 19 * 60), ("19:30", 1170)],
)
def test_the_nudge_time_is_read_as_people_write_it(w, typed, minute):
    form = settings_form(w)
    assert "Nudges at" in saved_home(w, form, typed)
    with w.db.reading() as s:
        assert get_profile(s, TEAM, "U1").nudge_minute == minute


@pytest.mark.parametrize("typed", ["25:00", "7:75", "half past seven", "13pm", ""])
def test_a_time_it_cannot_read_says_how_to_write_one(w, typed):
    form = settings_form(w)
    refused = submit_settings(w, form, typed)
    assert refused.json["response_action"] == "errors"
    assert "7:30" in refused.json["errors"]["nudge_time"] and "19:30" in refused.json["errors"]["nudge_time"]
    with w.db.reading() as s:
        assert get_profile(s, TEAM, "U1").nudge_minute == 9 * 60  # nothing saved
