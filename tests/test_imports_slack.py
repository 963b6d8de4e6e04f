"""Importing and exporting contacts in Slack, end to end: `/met import` and App Home open the modal,
the file goes through files.info and an authenticated download, the preview arrives in the DM with
Import / Cancel, Import saves in one go, Undo import takes it back; `/met export` sends CSV and vCard
files with files_upload_v2. The real app over signed HTTP against the Slack double, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.testing.payload_parts import file_share_event
from bot.testing.signed import text_values
from handlers.blocks import imports as blocks
from storage.models import Contact
from tests.world import (
    ACK_SECONDS,
    WAIT_SECONDS,
    open_home,
    press,
    press_on_view,
    settle,
    slash_command,
    wait_for,
)

DATA = Path(__file__).parent / "data" / "imports"
SAMPLES = {
    "linkedin_connections.csv": 4,
    "eventbrite_attendees.csv": 3,
    "luma_guests.csv": 3,
    "google_contacts.csv": 2,
    "outlook_contacts.csv": 2,
    "excel_unicode.csv": 3,
    "ios_contacts.vcf": 2,
    "android_contacts.vcf": 2,
    "bad_rows.csv": 3,
}


def names(world, user: str = "U1") -> set[str]:
    with world.db.reading() as s:
        return set(s.scalars(select(Contact.name).where(Contact.user_id == user)).all())


def open_modal(world, user: str, text: str = "import") -> dict:
    before = len(world.double.views())
    answer = world.command(user, "/met", text)
    assert answer.status == 200 and answer.elapsed_seconds < ACK_SECONDS and not answer.json
    return wait_for(lambda: world.double.views()[-1] if len(world.double.views()) > before else None)


def submit_file(world, user: str, view: dict, name: str, data: bytes | None = None, **typed) -> dict:
    """Upload `name` into the modal and submit it; the DM message the app answers with."""
    file = world.double.add_file(name, data if data is not None else (DATA / name).read_bytes(), user)
    values = {blocks.FILE_BLOCK: {blocks.FILE_ACTION: {"type": "file_input", "files": [file]}}}
    for block_id, key in ((blocks.EVENT_BLOCK, "event"), (blocks.ON_BLOCK, "on")):
        initial = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"].get(
            "initial_value"
        )
        values.update(text_values({block_id: {"value": typed.get(key, initial)}}))
    before = len(world.double.dm_messages(user))
    answer = world.slack.view_submission(user, view["callback_id"], values, view=view)
    assert answer.status == 200 and answer.elapsed_seconds < ACK_SECONDS
    assert not answer.json  # the modal closes; the preview comes in the DM
    return wait_for(
        lambda: (
            world.double.dm_messages(user)[before] if len(world.double.dm_messages(user)) > before else None
        )
    )


def button_value(message: dict, action_id: str) -> str:
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"] == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button in {message['text']}")


def click_on(world, user: str, message: dict, action_id: str) -> dict:
    """Press a button on a DM message; the message as it reads after the app replaced it."""
    before = len(world.double.responses)
    press(
        world, action_id, button_value(message, action_id), user, message={**message, "channel": f"D{user}"}
    )
    wait_for(
        lambda: len(world.double.responses) > before and "status" in world.double.responses[before],
        WAIT_SECONDS * 2,
    )
    entry = world.double.responses[before]
    assert entry["status"] == 200, entry
    return entry["body"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_file_imports_through_the_modal(world, name):
    world.user("U1")
    view = open_modal(world, "U1", "import at Web Summit on 2026-11-20")
    element = next(b for b in view["blocks"] if b.get("block_id") == blocks.FILE_BLOCK)["element"]
    assert element["type"] == "file_input" and element["filetypes"] == ["csv", "vcf"]
    preview = submit_file(world, "U1", view, name)
    assert "Ready to import" in preview["text"], preview["text"]
    assert f"{SAMPLES[name]} new contact" in preview["text"]
    assert names(world) == set()  # a preview saves nothing
    done = click_on(world, "U1", preview, blocks.CONFIRM)
    assert f"Imported {SAMPLES[name]} new contact" in done["text"]
    assert len(names(world)) == SAMPLES[name]
    with world.db.reading() as s:
        events = set(s.scalars(select(Contact.event)).all())
    assert events == {"Web Summit"}
    assert world.double.calls_to("files.info")
    assert not world.double.block_errors


def test_bad_rows_are_listed_with_their_line_and_the_good_ones_import(world):
    world.user("U1")
    preview = submit_file(world, "U1", open_modal(world, "U1"), "bad_rows.csv")
    said = " ".join(b.get("text", {}).get("text", "") for b in preview["blocks"])
    for line in (3, 4, 6, 7):
        assert f"line {line}" in said
    click_on(world, "U1", preview, blocks.CONFIRM)
    assert names(world) == {"Alice Moreau", "Carla Diaz", "Farid Haddad"}


def test_same_file_twice_changes_nothing_and_undo_takes_the_import_back(world):
    world.user("U1")
    slash_command(world, "U1", "/met", "Priya Raman of Northwind Analytics: wants the benchmark report")
    first = submit_file(world, "U1", open_modal(world, "U1"), "linkedin_connections.csv")
    assert "3 new contacts, 1 update" in first["text"]
    done = click_on(world, "U1", first, blocks.CONFIRM)
    again = submit_file(world, "U1", open_modal(world, "U1"), "linkedin_connections.csv")
    assert "0 new contacts, 0 updates, 4 already up to date" in again["text"]
    assert not any(b["type"] == "actions" for b in again["blocks"])  # nothing to import
    undone = click_on(world, "U1", {**done, "ts": first["ts"]}, blocks.UNDO)
    assert "3 contacts removed, 1 contact put back" in undone["text"]
    assert names(world) == {"Priya Raman"}
    with world.db.reading() as s:
        priya = s.scalar(select(Contact))
        assert (priya.role, priya.url, priya.notes) == (None, None, "wants the benchmark report")


def test_cancel_saves_nothing_and_import_after_cancel_is_refused(world):
    world.user("U1")
    preview = submit_file(world, "U1", open_modal(world, "U1"), "eventbrite_attendees.csv")
    cancelled = click_on(world, "U1", preview, blocks.CANCEL)
    assert "nothing was saved" in cancelled["text"]
    refused = click_on(world, "U1", preview, blocks.CONFIRM)
    assert "Upload the file again" in refused["text"]
    assert names(world) == set()


@pytest.mark.parametrize(
    "name, data, words",
    [
        pytest.param("empty.csv", b"", "empty", id="empty"),
        pytest.param("notes.csv", b"just some words\nand more\n", "header row", id="no-header"),
        pytest.param(
            "cards.vcf", b"BEGIN:VCARD\nFN:Half a card\n", "no complete contact card", id="broken-vcf"
        ),
    ],
)
def test_a_bad_file_gets_one_sentence_and_nothing_is_saved(world, name, data, words):
    world.user("U1")
    answer = submit_file(world, "U1", open_modal(world, "U1"), name, data)
    assert words in answer["text"]
    assert names(world) == set()


def test_a_bad_met_date_in_the_modal_is_refused(world):
    world.user("U1")
    answer = submit_file(world, "U1", open_modal(world, "U1"), "luma_guests.csv", on="next year sometime")
    assert "couldn't read" in answer["text"] and names(world) == set()


def test_download_without_the_bot_token_gets_slacks_sign_in_page(world):
    import urllib.request

    file = world.double.add_file("a.csv", b"Name\nAnn Lee\n", "U1")
    page = urllib.request.urlopen(file["url_private_download"]).read()
    assert b"Sign in" in page
    with_token = urllib.request.Request(
        file["url_private_download"], headers={"Authorization": "Bearer xoxb-x"}
    )
    assert urllib.request.urlopen(with_token).read() == b"Name\nAnn Lee\n"


def test_app_home_has_import_and_export_buttons(world):
    world.user("U1")
    slash_command(world, "U1", "/met", "Sam Lee of Acme")
    home = open_home(world, "U1")
    before = len(world.double.views())
    press_on_view(world, "U1", home, blocks.OPEN_MODAL, "open")
    view = wait_for(lambda: world.double.views()[-1] if len(world.double.views()) > before else None)
    assert view["callback_id"] == blocks.MODAL
    press_on_view(world, "U1", home, blocks.EXPORT, "all")
    wait_for(lambda: world.double.uploaded_files())
    settle(world)
    uploaded = {f["name"]: data for f, data in world.double.uploaded_files()}
    assert set(uploaded) == {"warmcall-contacts.csv", "warmcall-contacts.vcf"}
    assert (
        b"Sam Lee" in uploaded["warmcall-contacts.csv"] and b"FN:Sam Lee" in uploaded["warmcall-contacts.vcf"]
    )


def test_met_export_files_import_into_an_empty_account_with_every_field(world):
    world.user("U1")
    world.user("U2")
    slash_command(
        world,
        "U1",
        "/met",
        "Jane Doe of Acme at PyCon yesterday via Bob Smith: hiring data engineers; promised her our "
        "pipeline checklist. jane@acme.com +1 415 555 0100",
    )
    slash_command(world, "U1", "/met", "export")
    wait_for(lambda: len(world.double.uploaded_files()) == 2)
    fields = ("name", "company", "event", "met_on", "notes", "promise", "email", "phone", "introducer")
    with world.db.reading() as s:
        original = tuple(getattr(s.scalar(select(Contact)), f) for f in fields)
    for file, data in world.double.uploaded_files():
        preview = submit_file(world, "U2", open_modal(world, "U2"), file["name"], data)
        click_on(world, "U2", preview, blocks.CONFIRM)
        with world.db.transaction() as s:
            copy = s.scalar(select(Contact).where(Contact.user_id == "U2"))
            assert tuple(getattr(copy, f) for f in fields) == original, file["name"]
            s.delete(copy)


def test_delete_all_my_data_needs_the_typed_word_and_removes_only_yours(world):
    from handlers.views import erase
    from storage.models import Interaction, Offer

    world.user("U1")
    world.user("U2")
    slash_command(world, "U1", "/met", "Sam Lee of Acme at PyCon")
    slash_command(world, "U1", "/called", "Sam reached: wants the deck")
    slash_command(world, "U2", "/met", "Kim Park of Globex")
    preview = submit_file(world, "U1", open_modal(world, "U1"), "eventbrite_attendees.csv")
    click_on(world, "U1", preview, blocks.CONFIRM)
    home = open_home(world, "U1")
    before = len(world.double.views())
    press_on_view(world, "U1", home, blocks.ERASE, "open")
    view = wait_for(lambda: world.double.views()[-1] if len(world.double.views()) > before else None)
    assert "4 contacts" in view["blocks"][0]["text"]["text"]
    wrong = world.slack.view_submission(
        "U1", erase.CALLBACK, text_values({erase.TYPED: {"value": "yes"}}), view=view
    )
    assert wrong.json["response_action"] == "errors" and "DELETE" in wrong.json["errors"][erase.TYPED]
    assert len(names(world)) == 4
    right = world.slack.view_submission(
        "U1", erase.CALLBACK, text_values({erase.TYPED: {"value": "delete"}}), view=view
    )
    assert right.json["response_action"] == "update"
    said = right.json["view"]["blocks"][0]["text"]["text"]
    assert "Deleted 4 contacts, 1 history entry" in said
    assert names(world) == set() and names(world, "U2") == {"Kim Park"}
    with world.db.reading() as s:
        assert not s.scalars(select(Interaction).where(Interaction.user_id == "U1")).all()
        assert not s.scalars(select(Offer).where(Offer.user_id == "U1")).all()


@pytest.mark.parametrize("name", ["luma_guests.csv", "android_contacts.vcf"])
def test_a_file_sent_to_the_dm_with_import_gets_the_same_preview(world, name):
    world.user("U1")
    file = world.double.add_file(name, (DATA / name).read_bytes(), "U1")
    before = len(world.double.dm_messages("U1"))
    event = file_share_event("U1", [file], "import at Founders Dinner on 2026-11-20", "1796000000.000100")
    assert world.slack.event(event).status == 200
    preview = wait_for(
        lambda: (
            world.double.dm_messages("U1")[before] if len(world.double.dm_messages("U1")) > before else None
        )
    )
    assert "Ready to import" in preview["text"] and f"{SAMPLES[name]} new contact" in preview["text"]
    click_on(world, "U1", preview, blocks.CONFIRM)
    with world.db.reading() as s:
        assert set(s.scalars(select(Contact.event)).all()) == {"Founders Dinner"}


def test_a_file_shared_without_the_word_import_is_left_alone(world):
    world.user("U1")
    file = world.double.add_file("slides.csv", b"Name\nAnn Lee\n", "U1")
    event = file_share_event("U1", [file], "here are the slides", "1796000000.000200")
    assert world.slack.event(event).status == 200
    settle(world)
    assert not world.double.calls_to("files.info") and names(world) == set()
