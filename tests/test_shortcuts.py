"""The "Save as contact" message shortcut and the "Log a call" global shortcut with its typeahead,
end to end over signed HTTP on SQLite and PostgreSQL. Payload shapes follow bolt-python's
tests/scenario_tests (message_action, shortcut, block_suggestion)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.message_contact import note_of, people_of
from bot.testing.signed import select_value
from handlers.shortcuts.log_call import FORM, PICKER_ACTION, PICKER_BLOCK
from handlers.views.met_modal import CALLBACK as CONTACT_FORM
from storage.contacts import add_contact
from storage.interactions import contact_interactions
from storage.models import Contact
from storage.profiles import get_or_create_profile
from tests.world import ACK_SECONDS, TEAM, wait_for

D = dt.date


# --- requests Slack sends for shortcuts (bot.testing.signed) -------------------------------------------


def answered(answer):
    assert answer.status == 200, answer.body_text
    assert answer.elapsed_seconds < ACK_SECONDS
    return answer


def message_shortcut(world, user: str, message: dict, channel: str = "C0001"):
    return answered(world.slack.shortcut(user, "save_as_contact", message=message, channel_id=channel))


def global_shortcut(world, user: str, callback_id: str = "log_a_call"):
    return answered(world.slack.shortcut(user, callback_id))


def typeahead(world, user: str, view: dict, typed: str) -> list[dict]:
    answer = world.slack.options(user, PICKER_ACTION, typed, block_id=PICKER_BLOCK, view=view)
    return answered(answer).json["options"]


def person(world, user: str = "U1") -> str:
    world.user(user, name="Ada Lovelace")
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user, tz="America/New_York")
    return user


def contact(world, name: str, user: str = "U1", **fields) -> int:
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name=name, stage="active", met_on=D(2026, 11, 20), **fields).id


def initial_values(view: dict) -> dict:
    """What each input of a view shows before the user types: {block_id: value}."""
    values = {}
    for block in view["blocks"]:
        if block["type"] == "input":
            el = block["element"]
            values[block["block_id"]] = el.get("initial_value") or el.get("initial_date")
    return values


def state_of(view: dict) -> dict:
    """A view_submission state that keeps every input as shown."""
    state = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        el = block["element"]
        if el["type"] == "datepicker":
            state[block["block_id"]] = {
                el["action_id"]: {"type": "datepicker", "selected_date": el.get("initial_date")}
            }
        elif el["type"] == "plain_text_input":
            state[block["block_id"]] = {
                el["action_id"]: {"type": "plain_text_input", "value": el.get("initial_value")}
            }
    return state


def filled_form(world) -> dict:
    """The contact form once the look-ups have filled it in (views.update)."""
    wait_for(lambda: world.double.calls_to("views.update"))
    return world.double.views()[-1]


# --- pure: whom a message is about ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, author, person_, introducer",
    [
        pytest.param("Meet <@U3>, she runs data at Globex", "U2", "U3", "U2", id="someone-mentioned"),
        pytest.param("Happy to talk pipelines next week", "U3", "U3", None, id="no-mention"),
        pytest.param("<@U1> meet <@U3>", "U2", "U3", "U2", id="saver-mentioned-first"),
        pytest.param("thanks <@U2>!", "U2", "U2", None, id="author-mentions-self"),
    ],
)
def test_people_of_a_message(text, author, person_, introducer):
    found = people_of(text, author, saver="U1")
    assert (found.person, found.introducer) == (person_, introducer)


def test_note_of_a_message_reads_like_text_and_keeps_the_link():
    note = note_of(
        "Meet <@U3> &amp; see <https://x.io|the deck> in <#C1|intros> <!here>",
        {"U3": "Tom Lee"},
        "https://l/p1",
    )
    assert note == "Meet @Tom Lee & see the deck in #intros\nhttps://l/p1"


# --- Save as contact ---------------------------------------------------------------------------------


def test_save_as_contact_on_an_intro_prefills_the_mentioned_member_and_the_introducer(world):
    person(world)
    world.double.add_user("U2", name="sam", real_name="Sam Poster")
    world.double.add_user("U3", name="tom", real_name="Tom Lee", title="CTO, Globex")
    message = {
        "user": "U2",
        "text": "Meet <@U3>: he wants help with data pipelines",
        "ts": "1764590000.000200",
    }
    message_shortcut(world, "U1", message)

    form = filled_form(world)
    shown = initial_values(form)
    assert shown["name"] == "Tom Lee"
    assert shown["role"] == "CTO, Globex"
    assert shown["introducer"] == "Sam Poster"
    assert shown["notes"].startswith("Meet @Tom Lee: he wants help with data pipelines")
    assert "/archives/C0001/p1764590000000200" in shown["notes"]
    assert world.double.block_errors == []

    answer = world.slack.view_submission(
        "U1", CONTACT_FORM, state_of(form), private_metadata=form["private_metadata"], view_id=form["id"]
    )
    assert answer.status == 200
    with world.db.transaction() as s:
        tom = s.query(Contact).filter_by(team_id=TEAM, user_id="U1", name="Tom Lee").one()
        assert (tom.role, tom.introducer) == ("CTO, Globex", "Sam Poster")
        assert "data pipelines" in tom.notes


def test_save_as_contact_on_a_post_without_mentions_takes_the_author(world):
    person(world)
    world.double.add_user("U3", name="tom", real_name="Tom Lee", title="CTO, Globex")
    message_shortcut(
        world, "U1", {"user": "U3", "text": "Anyone at the meetup tonight?", "ts": "1764590000.000300"}
    )
    shown = initial_values(filled_form(world))
    assert (shown["name"], shown["role"], shown.get("introducer")) == ("Tom Lee", "CTO, Globex", None)
    assert shown["notes"].startswith("Anyone at the meetup tonight?")


def test_save_as_contact_still_opens_when_slack_cannot_name_the_person(world):
    person(world)
    world.double.fail("users.info", "user_not_found")
    world.double.fail("chat.getPermalink", "channel_not_found")
    message_shortcut(
        world, "U1", {"user": "U9", "text": "Talk to <@U8> about hiring", "ts": "1764590000.000400"}
    )
    shown = initial_values(filled_form(world))
    assert shown.get("name") is None  # the user types it
    assert shown["notes"] == "Talk to @someone about hiring"


# --- Log a call ---------------------------------------------------------------------------------------


def test_log_a_call_opens_the_modal_with_a_picker_and_logs_for_the_contact_picked(world):
    person(world)
    jane = contact(world, "Jane Doe", company="Acme")
    contact(world, "Ravi Patel", company="Globex")
    global_shortcut(world, "U1")
    view = wait_for(lambda: next((v for v in world.double.views() if v["callback_id"] == FORM), None))
    assert world.double.block_errors == []

    options = typeahead(world, "U1", view, "ja")
    assert [o["value"] for o in options] == [str(jane)]
    assert options[0]["text"]["text"].startswith("Jane Doe · Acme")
    assert [o["value"] for o in typeahead(world, "U1", view, "glob")] != []  # a company works too

    missing = world.slack.view_submission("U1", FORM, {}, view_id=view["id"])
    assert missing.json["response_action"] == "errors" and PICKER_BLOCK in missing.json["errors"]

    picked = {"type": "external_select", "selected_option": options[0]}
    state = {PICKER_BLOCK: {PICKER_ACTION: picked}, "outcome": {"value": select_value("voicemail")}}
    answer = world.slack.view_submission("U1", FORM, state, view_id=view["id"])
    assert answer.json["response_action"] == "update"
    with world.db.transaction() as s:
        assert [i.outcome for i in contact_interactions(s, TEAM, "U1", jane)] == ["voicemail"]


def test_typeahead_answers_at_most_100_and_only_the_users_own_contacts(world):
    person(world)
    person(world, "U2")
    with world.db.transaction() as s:
        for i in range(130):
            add_contact(s, TEAM, "U1", name=f"Jamie {i:03d}", stage="active")
        add_contact(s, TEAM, "U2", name="Jamie Other", stage="active")
    global_shortcut(world, "U1")
    view = wait_for(lambda: next((v for v in world.double.views() if v["callback_id"] == FORM), None))
    options = typeahead(world, "U1", view, "jamie")
    assert len(options) == 100
    assert all(
        o["text"]["text"].startswith("Jamie 0") or o["text"]["text"].startswith("Jamie 1") for o in options
    )
    assert typeahead(world, "U1", view, "other") == []
    assert typeahead(world, "U1", view, "100%_") == []


def test_the_manifest_declares_the_shortcuts_and_the_dm_event():
    from pathlib import Path

    import yaml

    from handlers.shortcuts import log_call, save_contact

    manifest = yaml.safe_load((Path(__file__).resolve().parents[1] / "manifest.yml").read_text())
    declared = {(s["type"], s["callback_id"]) for s in manifest["features"]["shortcuts"]}
    assert declared == {("message", save_contact.CALLBACK_ID), ("global", log_call.CALLBACK_ID)}
    home = manifest["features"]["app_home"]
    assert home["messages_tab_enabled"] is True and home["messages_tab_read_only_enabled"] is False
    assert "message.im" in manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"commands", "chat:write", "users:read", "im:history"} <= set(
        manifest["oauth_config"]["scopes"]["bot"]
    )


def test_the_console_runs_both_shortcuts(db_url):
    from tests.test_dm_replies import console_transcript

    script = (
        "/met Jane Doe of Acme at PyCon yesterday\nshortcut log\nja\n1\n2\n\n\nshortcut save\n"
        + "\n" * 40  # Enter keeps every default; spare empty lines are skipped
    )
    transcript = console_transcript(db_url, script + "quit\n")
    logged = transcript.split("> shortcut log\n", 1)[1].split("\n> ", 1)[0]
    assert "1) Jane Doe · Acme · PyCon" in logged and "Voicemail: Jane Doe" in logged
    saved = transcript.split("> shortcut save\n", 1)[1].split("\n> ", 1)[0]
    assert "[Sam Rivera]" in saved and "[Partnerships, Globex]" in saved
    assert "Saved Sam Rivera" in saved and "/archives/C0GENERAL/" in saved
