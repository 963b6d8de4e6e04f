"""When Slack says no: the user is told what to do in a sentence, operators get a WARNING line, and an
acknowledged click stays acknowledged. Faults come from the double (`SlackDouble.fail`)."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import select

from storage.contacts import add_contact
from storage.models import Contact
from tests.world import ACK_SECONDS, TEAM, open_home, press_on_view, settle, slash_command, wait_for

TODAY = dt.date(2026, 11, 24)


def said(message: dict) -> str:
    return json.dumps(message.get("blocks") or []) + message.get("text", "")


def jane(world, user: str = "U1") -> int:
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name="Jane Doe", company="Acme", stage="active", next_due=TODAY).id


def stage_of(world, contact_id: int) -> str:
    with world.db.transaction() as s:
        return s.scalar(select(Contact.stage).where(Contact.id == contact_id))


def card_of(world) -> dict:
    return wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "contact_view"])[0]


def problems(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("error", ["not_found", "expired_trigger_id"])
def test_a_card_button_whose_redraw_fails_is_still_acknowledged_and_applied(world, caplog, error):
    world.user("U1")
    contact_id = jane(world)
    press_on_view(world, "U1", open_home(world, "U1"), "contact_view", str(contact_id))
    card = card_of(world)
    # The user closed the modal before the redraw (views.update: not_found).
    world.double.fail("views.update", error)
    answer = world.slack.block_action("U1", "contact_view_let_go", str(contact_id), view=card)
    assert answer.status == 200 and answer.elapsed_seconds < ACK_SECONDS
    settle(world)
    assert stage_of(world, contact_id) == "let_go"
    assert problems(caplog) == []
    assert any(r.levelno == logging.WARNING and error in r.getMessage() for r in caplog.records)


def test_met_alone_with_an_expired_trigger_says_to_type_met_again(world, caplog):
    world.user("U1")
    world.double.fail("views.open", "expired_trigger_id")
    message = slash_command(world, "U1", "/met", "", after_ack=True)
    assert "took too long to open" in said(message) and "`/met` again" in said(message)
    settle(world)
    assert problems(caplog) == []
    assert any(r.levelno == logging.WARNING and "trigger expired" in r.getMessage() for r in caplog.records)


def test_prep_from_home_falls_back_to_a_dm_when_the_ephemeral_fails(world, caplog):
    world.user("U1")
    contact_id = jane(world)
    home = open_home(world, "U1")
    world.double.fail("chat.postEphemeral", "channel_not_found")
    press_on_view(world, "U1", home, "contact_prep", str(contact_id))
    dm = wait_for(lambda: world.double.dm_messages("U1"))
    assert "Before you call Jane Doe" in said(dm[-1])
    settle(world)
    assert problems(caplog) == []
    assert world.double.block_errors == []


def gone_member(world) -> str:
    world.double.add_user("W333", name="gone", real_name="Gone Person", deleted=True)
    return "W333"


def saved_contacts(world) -> list[Contact]:
    with world.db.transaction() as s:
        return list(s.scalars(select(Contact)).all())


def test_a_deactivated_member_mention_is_saved_with_the_typed_name_and_said_so(world):
    world.user("U1")
    member = gone_member(world)
    message = slash_command(world, "U1", "/met", f"<@{member}> Sam Lee of Acme", after_ack=True)
    assert "Saved *Sam Lee (Acme)*" in said(message)
    assert "deactivated" in said(message) and "kept the name you typed" in message["text"]
    [sam] = saved_contacts(world)
    assert (sam.name, sam.slack_user_id) == ("Sam Lee", member)


def test_a_deactivated_member_mention_without_a_name_asks_for_it(world):
    world.user("U1")
    member = gone_member(world)
    message = slash_command(world, "U1", "/met", f"<@{member}> of Acme", after_ack=True)
    assert "deactivated" in said(message) and "Type their name" in said(message)
    assert saved_contacts(world) == []


def test_a_known_users_mention_of_a_deactivated_member_asks_for_the_name_with_edit(world):
    world.user("U1")
    slash_command(world, "U1", "/prep", "")  # Slack has told us U1's time zone: /met saves at once
    member = gone_member(world)
    message = slash_command(world, "U1", "/met", f"<@{member}> of Acme")
    assert "deactivated" in said(message) and "press *Edit* and type it" in said(message)
    [kept] = saved_contacts(world)  # an acknowledged /met is never lost; the name waits for the user
    assert (kept.slack_user_id, kept.company) == (member, "Acme")
    assert world.double.block_errors == []


@pytest.mark.parametrize("error", ["expired_trigger_id", "not_found"])
def test_log_call_that_slack_cannot_open_says_what_to_do_and_logs_a_warning(world, caplog, error):
    from tests.world import click

    world.user("U1")
    with world.db.transaction() as s:
        cid = add_contact(s, TEAM, "U1", name="Jane Doe", name_key="jane doe", stage="new").id
    world.double.fail("views.open", error)
    caplog.set_level(logging.WARNING)
    answer = click(world, "contact_log", str(cid), block_id=f"contact:{cid}")
    said = str(answer)
    assert (
        "Press the button again" in said if error == "expired_trigger_id" else "try again in a minute" in said
    )
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
