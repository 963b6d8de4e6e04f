"""Enterprise Grid, org-wide installs and Slack Connect: every request kind acts for the same owner.

The bodies have the shapes Slack sends (bot.testing.signed.Grid; bolt-python's scenario tests show
them): in Grid a member's home workspace (`user.team_id`) need not be the workspace the app is
installed in (`team.id`), an org-wide install sends `team: null` in interactivity payloads, and a
Slack Connect event carries the sender's team at the top level and the installation in
`authorizations`. The owner is always what Bolt's context resolves.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.testing.signed import Grid, date_value, text_values
from storage.models import Contact, UserProfile
from tests.world import TEAM, press, reply, settle, slash_command, wait_for

HOME_TEAM = "T0222"  # where the member's account lives; the app is installed in TEAM
GRID = Grid(enterprise_id="E0001", user_team_id=HOME_TEAM)
ORG_WIDE = Grid(enterprise_id="E0001", org_wide=True)


def contacts(world) -> list[Contact]:
    with world.db.transaction() as s:
        return list(s.scalars(select(Contact).order_by(Contact.id)).all())


def profiles(world) -> list[UserProfile]:
    with world.db.transaction() as s:
        return list(s.scalars(select(UserProfile).order_by(UserProfile.id)).all())


def buttons(message: dict) -> dict[str, str]:
    return {
        e["action_id"]: e.get("value")
        for block in message.get("blocks", [])
        if block["type"] == "actions"
        for e in block["elements"]
    }


def said(message: dict) -> str:
    return json.dumps(message.get("blocks") or []) + message.get("text", "")


def opened(world, callback_id: str) -> dict:
    return wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == callback_id])[-1]


def form_values(view: dict, **changes: str) -> dict:
    """The state Slack sends for the contact form as prefilled, with some text fields changed."""
    state: dict = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element, block_id = block["element"], block["block_id"]
        if element["type"] == "datepicker":
            state[block_id] = {"value": date_value(element.get("initial_date"))}
        else:
            state.update(
                text_values({block_id: {"value": changes.get(block_id, element.get("initial_value"))}})
            )
    return state


def home_opened(world, user: str, grid: Grid | None, **kwargs) -> dict:
    before = len(world.double.calls_to("views.publish"))
    event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}
    assert world.slack.event(event, grid=grid, **kwargs).status == 200
    wait_for(lambda: len(world.double.calls_to("views.publish")) > before)
    return world.double.home_of(user)


def test_grid_command_button_form_home_and_user_change_act_on_one_owner(world):
    world.user("W111", tz="America/New_York")
    saved = slash_command(world, "W111", "/met", "Jane Doe of Acme at PyCon", after_ack=True, grid=GRID)
    assert "Saved *Jane Doe (Acme)*" in said(saved)

    # The /met reply's Edit button: team.id is the installation, user.team_id the home workspace.
    press(world, "met_edit", buttons(saved)["met_edit"], user="W111", grid=GRID)
    form = opened(world, "met_contact_form")
    assert form["title"]["text"] == "Edit contact"
    answer = world.slack.view_submission(
        "W111", form["callback_id"], form_values(form, company="Acme Corp."), view=form, grid=GRID
    )
    assert answer.status == 200 and answer.body_text == ""
    [jane] = contacts(world)
    assert (jane.team_id, jane.user_id, jane.company) == (TEAM, "W111", "Acme Corp.")

    home = home_opened(world, "W111", GRID)
    assert "Jane Doe" in json.dumps(home)

    change = {"id": "W111", "team_id": HOME_TEAM, "tz": "Europe/London", "real_name": "Wen Li"}
    assert world.slack.event({"type": "user_change", "user": change}, grid=GRID).status == 200
    settle(world)
    [profile] = profiles(world)
    assert (profile.team_id, profile.user_id, profile.tz) == (TEAM, "W111", "Europe/London")
    assert world.double.block_errors == []


def test_grid_message_buttons_find_the_contact_a_command_saved(world):
    world.user("W111")
    saved = slash_command(world, "W111", "/met", "Jane Doe of Acme", after_ack=True, grid=GRID)
    [jane] = contacts(world)
    # The same Undo with the body Bolt's own Grid fixtures use: it must find the contact.
    before = len(world.double.responses)
    press(world, "met_undo", buttons(saved)["met_undo"], user="W111", grid=GRID)
    answer = reply(world, before + 1)
    assert "Removed Jane Doe" in said(answer) and "already gone" not in said(answer)
    assert contacts(world) == [] and jane.team_id == TEAM


def test_org_wide_install_keys_every_request_on_the_enterprise(world):
    world.user("W111")
    slash_command(world, "W111", "/met", "Jane Doe of Acme", after_ack=True, grid=ORG_WIDE)
    [jane] = contacts(world)
    assert jane.team_id == "E0001"  # one installation for the whole org: the same key everywhere

    # The same member typing in another workspace of the org sees the same contact.
    points = slash_command(world, "W111", "/prep", "Jane", team_id="T0333", grid=ORG_WIDE)
    assert "Before you call Jane Doe" in said(points)

    # Interactivity of an org-wide install comes with `team: null`; events with an authorization
    # that has no team.
    home = home_opened(world, "W111", ORG_WIDE)
    assert "Jane Doe" in json.dumps(home)
    before = len(world.double.responses)
    press(world, "contact_snooze", f"{jane.id}:3", user="W111", grid=ORG_WIDE)
    assert "snoozed" in said(reply(world, before + 1))
    assert {(p.team_id, p.user_id) for p in profiles(world)} == {("E0001", "W111")}
    assert world.double.block_errors == []


def test_a_forged_user_team_id_never_reaches_another_teams_data(world):
    world.user("W111")
    slash_command(world, "W111", "/met", "Jane Doe of Acme", after_ack=True)
    [jane] = contacts(world)
    # A request from another workspace (team.id T0999) by a member with the same id, whose
    # `user.team_id` names the victim's team: the owner is (T0999, W111), who has no Jane.
    forged = Grid(enterprise_id="E0999", user_team_id=TEAM)
    for action_id, value in (("contact_let_go", str(jane.id)), ("met_undo", str(jane.id))):
        before = len(world.double.responses)
        press(world, action_id, value, user="W111", team_id="T0999", grid=forged)
        assert "Jane Doe" not in said(reply(world, before + 1))
    settle(world)
    [still] = contacts(world)
    assert (still.team_id, still.stage, still.next_due) == (TEAM, jane.stage, jane.next_due)


def test_slack_connect_events_belong_to_the_installation_not_the_senders_team(world):
    world.user("W111")
    slash_command(world, "W111", "/met", "Jane Doe of Acme", after_ack=True)
    # Events from a shared channel put the other organisation's team at the top level.
    home = home_opened(world, "W111", None, sender_team_id="T0777")
    assert "Jane Doe" in json.dumps(home)
    change = {"id": "W111", "team_id": "T0777", "tz": "Asia/Tokyo", "real_name": "Wen Li"}
    world.slack.event({"type": "user_change", "user": change}, sender_team_id="T0777")
    settle(world)
    [profile] = profiles(world)
    assert (profile.team_id, profile.tz) == (TEAM, "Asia/Tokyo")
