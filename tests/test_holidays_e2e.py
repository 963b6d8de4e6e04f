"""Public holidays end to end (SPEC §14 "Calendar"), on SQLite and PostgreSQL: a next try moved off
Christmas over /called, no digest on 25 Dec in Berlin and one on the next working day, and the
"Country for public holidays" setting in the Settings modal and on App Home."""

from __future__ import annotations

import datetime as dt

from bot.delivery.dispatcher import dispatch
from bot.testing.signed import checkbox_values, text_values
from handlers.blocks.digest import render_digest
from storage.contacts import add_contact, get_contact
from storage.models import UserProfile
from storage.profiles import get_or_create_profile, get_profile
from tests.world import TEAM, open_home, press_on_view, slash_command, wait_for

UTC = dt.UTC


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def contact(world, name: str, user: str = "U1", **fields) -> int:
    values = dict(stage="active", met_on=dt.date(2026, 12, 1), next_due=dt.date(2026, 12, 1), **fields)
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name=name, company="Acme", **values).id


def next_due(world, contact_id: int, user: str = "U1") -> dt.date | None:
    with world.db.transaction() as s:
        return get_contact(s, TEAM, user, contact_id).next_due


def profile(world, user: str) -> UserProfile:
    with world.db.transaction() as s:
        return get_profile(s, TEAM, user)


def reply_text(body: dict) -> str:
    return "\n".join([body.get("text", "")] + [(b.get("text") or {}).get("text", "") for b in body["blocks"]])


def home_text(home: dict) -> str:
    return "\n".join((b.get("text") or {}).get("text", "") for b in home["blocks"])


def home_says(world, user: str, words: str) -> bool:
    """Open Home; whether it comes to say `words` (a Home refresh after a save may land after it)."""
    open_home(world, user)
    return bool(wait_for(lambda: words in home_text(world.double.home_of(user))))


def digests(world, user: str) -> list[dict]:
    return [m for m in world.double.dm_messages(user) if (m.get("metadata") or {}).get("event_type")]


def settings_form(world, user: str) -> dict:
    home = open_home(world, user)
    press_on_view(world, user, home, "home_settings", "open")
    return wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "home_settings_form"])[0]


def save_settings(world, user: str, form: dict, country: str | None):
    """Submit the Settings modal as it was, with `country` chosen in the holidays field."""
    values = {
        "nudge_time": {"value": {"type": "timepicker", "selected_time": "09:00"}},
        "nudge_days": {"value": checkbox_values(["0", "1", "2", "3", "4"])},
        "pause_until": {"value": {"type": "datepicker", "selected_date": None}},
        **text_values({"max_per_digest": {"value": "5"}}),
        "holiday_country": {
            "holiday_country": {
                "type": "external_select",
                "selected_option": {"text": {"type": "plain_text", "text": country}, "value": country}
                if country
                else None,
            }
        },
    }
    return world.slack.view_submission(user, "home_settings_form", values, view=form)


def test_a_voicemail_before_christmas_is_tried_again_after_it(world):
    world.clock.set(at(2026, 12, 22, 8, 0))  # Tue 22 Dec, 09:00 in Berlin
    world.user("U1", tz="Europe/Berlin")
    jane = contact(world, "Jane Doe")
    body = slash_command(world, "U1", "/called", "Jane Doe voicemail")
    assert "Next follow-up *Mon 28 Dec*" in reply_text(body)
    assert "moved to Mon 28 Dec: Fri 25 Dec is Christmas Day" in reply_text(body)
    assert next_due(world, jane) == dt.date(2026, 12, 28)

    # With no public holidays chosen, the same try is this Friday.
    assert save_settings(world, "U1", settings_form(world, "U1"), "none").json is None
    bob = contact(world, "Bob Stone")
    body = slash_command(world, "U1", "/called", "Bob Stone voicemail")
    assert "Next follow-up *Fri 25 Dec*" in reply_text(body) and "Christmas" not in reply_text(body)
    assert next_due(world, bob) == dt.date(2026, 12, 25)
    assert world.double.block_errors == []


def test_no_digest_on_christmas_in_berlin_and_one_on_the_next_working_day(world):
    world.clock.set(at(2026, 12, 24, 20, 0))  # Thu 24 Dec, after the day's window
    for user, tz in (("UBER", "Europe/Berlin"), ("ULON", "Europe/London"), ("UUTC", "UTC")):
        world.user(user, tz=tz)
        with world.db.transaction() as s:
            get_or_create_profile(s, TEAM, user, tz=tz)
        contact(world, f"Due {user}", user=user)  # due since 1 Dec: in every digest until called

    def sent() -> list[int]:
        dispatch(world.services, render_digest)
        return [len(digests(world, u)) for u in ("UBER", "ULON", "UUTC")]

    world.clock.set(at(2026, 12, 25, 9, 0))  # Christmas Day: 10:00 in Berlin, 09:00 in London and UTC
    assert sent() == [0, 0, 1]  # UTC names no country, so no holidays
    assert profile(world, "UBER").next_digest_at == dt.datetime(2026, 12, 28, 8, 0)  # Mon 09:00 Berlin
    # 28 Dec is the bank holiday for Boxing Day (a Saturday) in the UK: London waits until Tuesday
    assert profile(world, "ULON").next_digest_at == dt.datetime(2026, 12, 29, 9, 0)
    world.clock.set(at(2026, 12, 28, 7, 59))
    assert sent() == [0, 0, 1]
    world.clock.set(at(2026, 12, 28, 9, 0))
    assert sent() == [1, 0, 2]
    world.clock.set(at(2026, 12, 29, 9, 0))
    assert sent() == [2, 1, 3]
    assert world.double.block_errors == []


def test_the_country_is_set_in_settings_and_shown_on_home(world):
    world.user("U1", tz="America/New_York")  # Tue 24 Nov 2026, 09:00 in New York
    form = settings_form(world, "U1")
    assert "Public holidays: United States (US), from your time zone" in home_text(world.double.home_of("U1"))
    [field] = [b for b in form["blocks"] if b.get("block_id") == "holiday_country"]
    assert field["label"]["text"] == "Country for public holidays"
    assert field["element"]["type"] == "external_select"
    assert field["element"]["initial_option"]["value"] == "auto"
    assert field["element"]["initial_option"]["text"]["text"] == "Same as my time zone (United States (US))"

    found = world.slack.options("U1", "holiday_country", "scot", block_id="holiday_country", view=form)
    assert [o["value"] for o in found.json["options"]] == ["GB-SCT"]
    everything = world.slack.options("U1", "holiday_country", "a", block_id="holiday_country", view=form)
    assert len(everything.json["options"]) == 100  # Slack's most per answer

    refused = save_settings(world, "U1", form, "XX")
    assert refused.json["response_action"] == "errors" and "holiday_country" in refused.json["errors"]
    assert profile(world, "U1").holiday_country is None  # nothing half-saved

    assert save_settings(world, "U1", form, "GB-SCT").json is None
    assert profile(world, "U1").holiday_country == "GB-SCT"
    assert home_says(world, "U1", "Public holidays: Britain (UK): Scotland (GB-SCT)")

    # Thanksgiving (Thu 26 Nov) is no holiday in Scotland; in the US it is, so the digest skips it.
    world.clock.set(at(2026, 11, 25, 20, 0))  # Wed, after the day's window
    assert save_settings(world, "U1", settings_form(world, "U1"), "US").json is None
    assert profile(world, "U1").next_digest_at == dt.datetime(2026, 11, 27, 14, 0)
    assert save_settings(world, "U1", settings_form(world, "U1"), "none").json is None
    assert profile(world, "U1").next_digest_at == dt.datetime(2026, 11, 26, 14, 0)
    assert home_says(world, "U1", "Public holidays: none")
    assert save_settings(world, "U1", settings_form(world, "U1"), "auto").json is None
    assert profile(world, "U1").holiday_country is None
    assert world.double.block_errors == []
