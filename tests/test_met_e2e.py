"""/met end to end: signed requests to the real app, the Slack double, SQLite and PostgreSQL.

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); users are in New York.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.domain.quickadd import MET_HELP
from bot.testing.signed import date_value, text_values
from storage.models import Contact
from tests.world import ACK_SECONDS, click, press, response, slash_command, wait_for

JANE = (
    "Jane Doe of Acme at PyCon yesterday via <@U0042>: hiring data engineers; "
    "promised her our pipeline checklist. jane@acme.com +1 415 555 0100"
)


# --- helpers -----------------------------------------------------------------------------------------


def everything_said(message: dict) -> str:
    """All the text a user sees in a message: top-level text, sections, fields and button labels."""
    parts = [message.get("text", "")]
    for block in message.get("blocks", []):
        if "text" in block:
            parts.append(block["text"]["text"])
        parts += [f["text"] for f in block.get("fields", [])]
        parts += [e["text"]["text"] for e in block.get("elements", []) if e.get("type") == "button"]
    return "\n".join(parts)


def buttons(message: dict) -> dict[str, str]:
    """action_id → value of every button in a message."""
    return {
        e["action_id"]: e.get("value")
        for block in message.get("blocks", [])
        if block["type"] == "actions"
        for e in block["elements"]
    }


def contacts(world) -> list[Contact]:
    with world.db.transaction() as s:
        return list(s.scalars(select(Contact).order_by(Contact.id)).all())


def quick_add(world, user: str, text: str) -> dict:
    return slash_command(world, user, "/met", text)


def open_view(world, count: int) -> dict:
    return wait_for(lambda: world.double.views()[count - 1] if len(world.double.views()) >= count else None)


def form_state(view: dict, **changes) -> dict:
    """The state Slack would send for `view` as it was prefilled, with some fields changed."""
    state: dict = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element, block_id = block["element"], block["block_id"]
        if element["type"] == "datepicker":
            value = changes.get(block_id, element.get("initial_date"))
            state[block_id] = {"value": date_value(value)}
        else:
            value = changes.get(block_id, element.get("initial_value"))
            state.update(text_values({block_id: {"value": value}}))
    return state


def submit(world, user: str, view: dict, **changes):
    reply = world.slack.view_submission(user, view["callback_id"], form_state(view, **changes), view=view)
    assert reply.status == 200
    assert reply.elapsed_seconds < ACK_SECONDS
    return reply


def input_block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


# --- scenarios -----------------------------------------------------------------------------------------


def test_help_shows_the_grammar(world):
    reply = world.command("U1", "/met", "help")
    assert reply.json["response_type"] == "ephemeral"
    assert reply.json["text"] == MET_HELP
    assert contacts(world) == []


def test_quick_add_saves_and_shows_each_field(world):
    world.user("U1")
    message = quick_add(world, "U1", JANE)

    assert message["response_type"] == "ephemeral"
    said = everything_said(message)
    for shown in (
        "Saved *Jane Doe (Acme)*",
        "*Company*\nAcme",
        "*Event*\nPyCon",
        "*Met on*\nMon 23 Nov",
        "*Introduced by*\n<@U0042>",  # "via @sam": the introducer
        "*E-mail*\njane@acme.com",
        "*Phone*\n<tel:+14155550100|(415) 555-0100>",  # national for a New York user, tap to call
        "*You promised to*\nsend her our pipeline checklist",
        "*Notes*\nhiring data engineers; promised her our pipeline checklist.",
        "*First follow-up:* Wed 25 Nov — 2 business days after you met",
    ):
        assert shown in said

    [jane] = contacts(world)
    assert (jane.team_id, jane.user_id) == ("T0001", "U1")
    assert (jane.name, jane.company, jane.event) == ("Jane Doe", "Acme", "PyCon")
    assert jane.met_on == dt.date(2026, 11, 23)
    assert (jane.introducer, jane.referred_by) == ("<@U0042>", None)  # via: introduced, not a referral
    assert (jane.email, jane.phone) == ("jane@acme.com", "+14155550100")
    assert jane.notes == "hiring data engineers; promised her our pipeline checklist."
    assert jane.promise == "send her our pipeline checklist"
    assert (jane.next_due, jane.next_due_reason) == (dt.date(2026, 11, 25), "2 business days after you met")
    assert jane.stage == "new"
    assert buttons(message) == {"met_edit": str(jane.id), "met_undo": str(jane.id)}
    assert world.double.block_errors == []


def test_dates_follow_the_users_time_zone(world):
    # 14:00 UTC on Tuesday is already Wednesday 04:00 on Kiritimati (UTC+14).
    world.user("U9", tz="Pacific/Kiritimati")
    message = quick_add(world, "U9", "Kenji Sato at a Pacific meetup today")
    [kenji] = contacts(world)
    assert kenji.met_on == dt.date(2026, 11, 25)
    assert "*Met on*\nWed 25 Nov" in everything_said(message)


def test_modal_rejects_bad_fields_inline_then_saves(world):
    world.user("U1")
    reply = world.command("U1", "/met", "", channel_id="C0PYCON")
    assert reply.status == 200 and reply.elapsed_seconds < ACK_SECONDS
    view = open_view(world, 1)
    assert view["title"]["text"] == "New contact"
    assert input_block(view, "met_on")["element"]["initial_date"] == "2026-11-24"
    assert input_block(view, "next_due")["element"]["initial_date"] == "2026-11-26"
    assert input_block(view, "notes")["element"]["multiline"] is True
    assert input_block(view, "notes")["element"]["max_length"] == 3000

    bad = submit(
        world,
        "U1",
        view,
        name="  ",
        email="jane.acme.com",
        phone="12",
        met_on="2026-12-01",
        notes="n" * 3001,
    )
    assert bad.json["response_action"] == "errors"
    assert set(bad.json["errors"]) == {"name", "email", "phone", "met_on", "notes"}
    assert "e-mail" in bad.json["errors"]["email"]
    too_long = submit(world, "U1", view, name="J" * 101, met_on="2026-02-30")
    assert set(too_long.json["errors"]) == {"name", "met_on"}
    assert contacts(world) == []

    good = submit(
        world,
        "U1",
        view,
        name="José Núñez",
        company="Bank of America",
        role="Head of Fraud",
        event="Money20/20",
        met_on="2026-11-20",
        notes="Wants the fraud-model write-up.\nTwo kids, loves sailing.",
        promise="send the fraud-model write-up",
        promise_due="2026-11-23",
        email="Jose@BofA.example.com",
        phone="+44 20 7946 0000",
        referred_by="Sam",
    )
    assert good.body_text == ""  # an empty ack closes the modal

    [jose] = contacts(world)
    assert (jose.name, jose.company, jose.role, jose.event) == (
        "José Núñez",
        "Bank of America",
        "Head of Fraud",
        "Money20/20",
    )
    assert jose.met_on == dt.date(2026, 11, 20)
    assert jose.notes == "Wants the fraud-model write-up.\nTwo kids, loves sailing."
    assert (jose.promise, jose.promise_due) == ("send the fraud-model write-up", dt.date(2026, 11, 23))
    assert (jose.email, jose.phone, jose.referred_by) == ("jose@bofa.example.com", "+442079460000", "Sam")
    # The suggested follow-up was left alone, so it follows the dates typed: the promise comes first,
    # and as its day has passed it is due at once (today, never a day before the contact was entered).
    assert jose.next_due == dt.date(2026, 11, 24)
    assert jose.next_due_reason == "the day you promised (Mon 23 Nov) has passed, so at once"

    note = wait_for(lambda: world.double.ephemerals("U1"))[-1]
    assert note["channel"] == "C0PYCON"
    said = everything_said(note)
    assert "Saved *José Núñez (Bank of America)*" in said
    assert "*First follow-up:* Tue 24 Nov — the day you promised (Mon 23 Nov) has passed, so at once" in said
    assert "*Phone*\n<tel:+442079460000|+44 20 7946 0000>" in said
    assert world.double.block_errors == []


def test_modal_follow_up_picked_by_the_user_wins(world):
    world.user("U1")
    world.command("U1", "/met")
    view = open_view(world, 1)
    submit(world, "U1", view, name="Ada Lovelace", next_due="2026-12-07")
    [ada] = contacts(world)
    assert (ada.next_due, ada.next_due_reason) == (dt.date(2026, 12, 7), "the date you picked")
    assert ada.met_on == dt.date(2026, 11, 24)


def test_edit_opens_the_form_prefilled_and_saves_changes(world):
    world.user("U1")
    message = quick_add(world, "U1", JANE)
    [jane] = contacts(world)

    press(world, "met_edit", buttons(message)["met_edit"], user="U1")
    view = open_view(world, 1)
    assert view["title"]["text"] == "Edit contact"
    assert input_block(view, "name")["element"]["initial_value"] == "Jane Doe"
    assert input_block(view, "company")["element"]["initial_value"] == "Acme"
    assert input_block(view, "email")["element"]["initial_value"] == "jane@acme.com"
    assert input_block(view, "met_on")["element"]["initial_date"] == "2026-11-23"
    assert input_block(view, "next_due")["element"]["initial_date"] == "2026-11-25"

    reply = submit(world, "U1", view, role="VP Data", company="Acme Corp.", phone="")
    assert reply.body_text == ""
    [edited] = contacts(world)
    assert edited.id == jane.id
    assert (edited.name, edited.company, edited.role, edited.phone) == (
        "Jane Doe",
        "Acme Corp.",
        "VP Data",
        None,
    )
    assert edited.event == "PyCon" and edited.email == "jane@acme.com"
    assert edited.next_due == dt.date(2026, 11, 25)  # nothing moved, so the schedule stays

    # The edit's note arrives after the view's ack: wait for it, not for any ephemeral at all.
    note = wait_for(lambda: [e for e in world.double.ephemerals("U1") if "Updated" in everything_said(e)])[-1]
    said = everything_said(note)
    assert "Updated *Jane Doe (Acme Corp.)*" in said and "*Role*\nVP Data" in said
    assert "met_undo" not in buttons(note)  # undoing an edit must not delete the contact
    assert world.double.block_errors == []


def test_undo_deletes_and_a_second_undo_says_it_is_gone(world):
    world.user("U1")
    message = quick_add(world, "U1", "Jane Doe of Acme at PyCon")
    contact_id = buttons(message)["met_undo"]

    first = click(world, "met_undo", contact_id, user="U1")
    assert first["replace_original"] is True
    assert "Removed Jane Doe" in first["text"]
    assert contacts(world) == []

    second = click(world, "met_undo", contact_id, user="U1")
    assert second["replace_original"] is True
    assert "already gone" in second["text"]
    assert world.double.block_errors == []


def test_duplicate_can_update_the_existing_contact(world):
    world.user("U1")
    quick_add(world, "U1", "Jane Doe of Acme at PyCon: wants the checklist")
    [original] = contacts(world)

    prompt = quick_add(world, "U1", "jane  DOE on monday: asked about hiring. jane@acme.com")
    assert "You already have *Jane Doe (Acme)*" in everything_said(prompt)
    choices = buttons(prompt)
    assert set(choices) == {"met_dup_update", "met_dup_new"}
    assert "Update Jane Doe (Acme)" in everything_said(prompt)
    assert all(len(v) <= 2000 for v in choices.values())
    assert len(contacts(world)) == 1  # nothing saved twice while we ask

    answer = click(world, "met_dup_update", choices["met_dup_update"], user="U1")
    assert answer["replace_original"] is True
    [jane] = contacts(world)
    assert jane.id == original.id
    assert jane.notes == "wants the checklist\nasked about hiring."
    assert (jane.email, jane.company, jane.event) == ("jane@acme.com", "Acme", "PyCon")
    assert jane.met_on == dt.date(2026, 11, 23)
    said = everything_said(answer)
    assert "Updated *Jane Doe (Acme)*" in said and "*E-mail*\njane@acme.com" in said
    assert "*Notes*\nwants the checklist\nasked about hiring." in said
    assert world.double.block_errors == []


def test_duplicate_can_be_saved_as_new(world):
    world.user("U1")
    quick_add(world, "U1", "José Núñez (Acme) at PyCon")
    quick_add(world, "U1", "Jose Nunez of Globex")  # another company: a different person, no question
    assert len(contacts(world)) == 2

    prompt = quick_add(world, "U1", "jose nunez at DjangoCon: " + "long notes " * 250)
    choices = buttons(prompt)
    assert "met_dup_new" in choices and len(choices["met_dup_new"]) <= 2000
    answer = click(world, "met_dup_new", choices["met_dup_new"], user="U1")
    assert answer["replace_original"] is True
    again = click(world, "met_dup_new", choices["met_dup_new"], user="U1")  # a double click
    assert "already answered" in again["text"]
    rows = contacts(world)
    assert len(rows) == 3
    assert (rows[2].name, rows[2].company, rows[2].event) == ("jose nunez", None, "DjangoCon")
    assert rows[2].notes == ("long notes " * 250).strip()
    assert buttons(answer) == {"met_edit": str(rows[2].id), "met_undo": str(rows[2].id)}
    assert world.double.block_errors == []


def test_mention_acks_fast_and_fills_the_name_from_slack(world):
    world.user("U1")
    world.user("U123", name="Priya Patel")
    world.double.delay("users.info", 5)

    reply = world.command("U1", "/met", "<@U123> at PyCon")
    assert reply.status == 200
    assert reply.elapsed_seconds < ACK_SECONDS

    message = response(world, 1, timeout=30)["body"]
    assert "Saved *Priya Patel*" in everything_said(message)
    assert "*On Slack*\n<@U123>" in everything_said(message)
    [priya] = contacts(world)
    assert (priya.name, priya.slack_user_id, priya.event) == ("Priya Patel", "U123", "PyCon")
    assert world.double.block_errors == []


def test_bad_input_gets_an_error_and_writes_nothing(world):
    world.user("U1")
    for text, hint in (
        ("at PyCon yesterday", "name"),
        ("\x00", "Tell me who you met"),  # PostgreSQL refuses NUL in text: never send it there
        ("J" * 101, "up to 100"),
        ("Jane Doe: " + "n" * 3001, "3,000"),
        ("Jane Doe on 2026-02-30", "isn't a real date"),
        ("Jane Doe on 2026-12-25", "future"),
    ):
        message = quick_add(world, "U1", text)
        assert message["response_type"] == "ephemeral"
        assert ":warning:" in everything_said(message)
        assert hint in message["text"], text
        assert buttons(message) == {}
    assert contacts(world) == []
    assert world.double.block_errors == []


def test_another_user_cannot_undo_or_edit_your_contact(world):
    world.user("U1")
    world.user("U2")
    message = quick_add(world, "U1", JANE)
    [jane] = contacts(world)
    contact_id = buttons(message)["met_undo"]

    undo = click(world, "met_undo", contact_id, user="U2")
    assert "already gone" in undo["text"]
    edit = click(world, "met_edit", contact_id, user="U2")
    assert "isn't in your list" in edit["text"]
    assert world.double.views() == []

    # A forged form for U1's contact, and a forged "update" carrying U1's contact id.
    metadata = json.dumps({"c": jane.id, "ch": "DU2", "fu": None})
    forged = world.slack.view_submission(
        "U2",
        "met_contact_form",
        {**text_values({"name": {"value": "Mallory"}}), "met_on": {"value": date_value("2026-11-24")}},
        private_metadata=metadata,
    )
    assert forged.json["response_action"] == "errors"
    value = json.dumps({"name": "Mallory", "notes": "mine now", "_id": jane.id, "_n": "forged"})
    update = click(world, "met_dup_update", value, user="U2")
    assert "isn't in your list" in update["text"]
    garbage = click(world, "met_dup_new", "z:not-base64!", user="U2")
    assert "expired" in garbage["text"]

    [still] = contacts(world)
    assert (still.id, still.user_id, still.name, still.notes) == (jane.id, "U1", "Jane Doe", jane.notes)
    assert world.double.block_errors == []
