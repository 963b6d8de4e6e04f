"""Business cards by photo in Slack, end to end over signed HTTP against the Slack double: photos sent to
the DM with no words (a `message` event of subtype file_share), files.info and the authenticated
download, the preview in the DM, Review and save (the review modal), the App Home button's file_input
modal as Slack submits it, duplicates, Undo, and the words for what can't be read.

Real OCR runs once per database (test_a_photo_in_the_dm_becomes_a_contact…); the other tests feed the
layout reader OCR-like lines (the photo is still fetched and decoded for real)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.domain.cards import OcrLine
from bot.services import cards_ocr
from bot.testing.payload_parts import file_share_event
from handlers.blocks import cards as blocks
from handlers.blocks import imports as import_blocks
from storage.models import Contact
from tests.world import ACK_SECONDS, open_home, press, press_on_view, settle, wait_for

pytest.importorskip("PIL", reason="the cards extra is not installed")
DATA = Path(__file__).parent / "data" / "cards"
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the storage path is the same
PHOTO = (DATA / "grace_oneill.jpg").read_bytes()


def ocr_like(*rows: str) -> list[OcrLine]:
    return [OcrLine(text, (60, 40 + 50 * i, 600, 80 + 50 * i), 0.97) for i, text in enumerate(rows)]


@pytest.fixture
def fake_ocr(monkeypatch):
    """OCR-like lines per photo, in the order photos are read (no OCR model runs)."""
    queue: list[list[OcrLine]] = []
    monkeypatch.setattr(cards_ocr, "ocr_lines", lambda image: queue.pop(0) if queue else [])
    return queue


def contacts(world, user: str = "U1") -> dict[str, Contact]:
    with world.db.reading() as s:
        return {c.name: c for c in s.scalars(select(Contact).where(Contact.user_id == user)).all()}


OCR_SECONDS = 60.0  # the real OCR test: loading the model and reading a card on a busy CI core


def send_photos(world, user: str, *files: tuple[str, bytes], timeout: float = 10.0) -> dict:
    """Photos sent to the app's DM with no words; the DM message the app answers with."""
    shared = [world.double.add_file(name, data, user) for name, data in files]
    before = len(world.double.dm_messages(user))
    event = file_share_event(user, shared, "", "1796000000.000300", upload=False, display_as_bot=False)
    assert world.slack.event(event).status == 200
    return wait_for(
        lambda: world.double.dm_messages(user)[before:] and world.double.dm_messages(user)[before]
    )


def said(message: dict) -> str:
    """Every text a DM message shows (sections and context), as one string."""

    def text_of(part) -> str:
        return part.get("text", "") if isinstance(part, dict) else str(part or "")

    shown = []
    for block in message.get("blocks", []):
        shown.append(text_of(block.get("text")))
        shown += [text_of(e.get("text")) for e in block.get("elements", []) if block["type"] == "context"]
    return " ".join(shown)


def button_value(message: dict, action_id: str) -> str:
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"] == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button in {message['text']}")


def open_review(world, user: str, preview: dict) -> dict:
    before = len(world.double.calls_to("views.open"))
    value = button_value(preview, blocks.REVIEW_OPEN)
    press(
        world,
        blocks.REVIEW_OPEN,
        value,
        user,
        message={**preview, "channel": f"D{user}"},
        trigger_id="T.review",
    )
    opened = wait_for(lambda: [c for c in world.double.calls_to("views.open")[before:] if c.status])
    return opened[-1].response["view"]


def review_values(view: dict, **changes) -> dict:
    """The review modal's state as Slack submits it: every input's value, `changes` by block id;
    `keep` the ticked card numbers (all by default)."""
    values: dict = {}
    keep = changes.pop("keep", None)
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        if element["type"] == "checkboxes":
            options = [o for o in element["options"] if keep is None or int(o["value"]) in keep]
            values[block["block_id"]] = {"value": {"type": "checkboxes", "selected_options": options}}
        else:
            value = changes.get(block["block_id"], element.get("initial_value"))
            values[block["block_id"]] = {"value": {"type": "plain_text_input", "value": value}}
    return values


def submit_review(world, user: str, view: dict, **changes):
    answer = world.slack.view_submission(user, blocks.REVIEW, review_values(view, **changes), view=view)
    assert answer.status == 200 and answer.elapsed_seconds < ACK_SECONDS
    return answer


def last_dm(world, user: str, before: int) -> dict:
    return wait_for(lambda: world.double.dm_messages(user)[before:] and world.double.dm_messages(user)[-1])


def test_a_photo_in_the_dm_becomes_a_contact_after_review_and_undo_takes_it_back(world):
    """Real OCR (once per database): the photo, fetched through files.info and the download."""
    world.user("U1")
    preview = send_photos(world, "U1", ("grace.jpg", PHOTO), timeout=OCR_SECONDS)
    assert preview["text"].startswith("I read 1 card"), preview["text"]
    assert "Grace O'Neill" in said(preview) and "grace.oneill@northwindlabs.io" in said(preview)
    assert world.double.calls_to("files.info") and not contacts(world)  # a preview saves nothing
    review = open_review(world, "U1", preview)
    assert review["callback_id"] == blocks.REVIEW
    before = len(world.double.dm_messages("U1"))
    answer = submit_review(world, "U1", review, cards_event="PyCon", cards_on="2026-11-20")
    assert not answer.json  # the modal closes
    saved = last_dm(world, "U1", before)
    assert saved["text"] == "Saved 1 new contact from your cards."
    grace = contacts(world)["Grace O'Neill"]
    assert (grace.company, grace.role, grace.email, grace.phone, grace.event, str(grace.met_on)) == (
        "Northwind Labs",
        "Head of Partnerships",
        "grace.oneill@northwindlabs.io",
        "+442079460958",
        "PyCon",
        "2026-11-20",
    )
    press(
        world,
        import_blocks.UNDO,
        button_value(saved, import_blocks.UNDO),
        "U1",
        message={**saved, "channel": "DU1"},
    )
    wait_for(lambda: not contacts(world))
    assert not world.double.block_errors


@SQLITE_ONLY
def test_the_app_home_button_opens_the_file_input_modal_and_its_submission_reads_the_cards(world, fake_ocr):
    world.user("U1")
    home = open_home(world, "U1")
    press_on_view(world, "U1", home, blocks.OPEN, "open")
    modal = wait_for(lambda: world.double.views() and world.double.views()[-1])
    element = next(b for b in modal["blocks"] if b.get("block_id") == blocks.FILE_BLOCK)["element"]
    assert element["type"] == "file_input" and element["max_files"] == 10 and "heic" in element["filetypes"]
    fake_ocr += [
        ocr_like(
            "Ann Lee", "Head of Sales", "Acme Analytics", "ann.lee@acme-analytics.com", "+1 415 555 0132"
        ),
        ocr_like("Bo Chen", "CTO", "Kestrel Health", "bo@kestrelhealth.com"),
    ]
    heic = (DATA / "iphone.heic").read_bytes()
    files = [
        world.double.add_file(n, d, "U1")
        for n, d in (("ann.jpg", PHOTO), ("bo.jpg", PHOTO), ("iphone.heic", heic))
    ]
    values = {
        blocks.FILE_BLOCK: {blocks.FILE_ACTION: {"type": "file_input", "files": files}},
        blocks.EVENT_BLOCK: {"value": {"type": "plain_text_input", "value": "Web Summit"}},
        blocks.ON_BLOCK: {"value": {"type": "plain_text_input", "value": None}},
    }
    answer = world.slack.view_submission("U1", blocks.UPLOAD, values, view=modal)
    assert answer.status == 200 and answer.elapsed_seconds < ACK_SECONDS
    assert answer.json["response_action"] == "update" and "Reading your 3 cards" in str(answer.json["view"])
    review = wait_for(lambda: [c for c in world.double.calls_to("views.update") if c.status][-1:])[
        0
    ].response["view"]
    assert review["callback_id"] == blocks.REVIEW
    text = str(review["blocks"])
    assert "Card 1" in text and "Card 2" in text and "iphone.heic is a HEIC photo" in text
    before = len(world.double.dm_messages("U1"))
    submit_review(world, "U1", review, keep={1}, card1_role="VP Sales")  # a fix, and card 2 dropped
    assert last_dm(world, "U1", before)["text"] == "Saved 1 new contact from your cards."
    saved = contacts(world)
    assert (
        set(saved) == {"Ann Lee"}
        and saved["Ann Lee"].role == "VP Sales"
        and saved["Ann Lee"].event == "Web Summit"
    )


@SQLITE_ONLY
def test_duplicates_are_caught_and_a_card_without_a_name_must_get_one(world, fake_ocr):
    world.user("U1")
    world.command("U1", "/met", "Ann Lee of Acme ann.lee@acme-analytics.com")
    wait_for(lambda: contacts(world))
    fake_ocr += [
        ocr_like("Ann Lee", "Head of Sales", "Acme Analytics", "ann.lee@acme-analytics.com"),
        ocr_like("sales@kestrelhealth.com", "+1 415 555 0199"),
    ]
    preview = send_photos(world, "U1", ("a.jpg", PHOTO), ("b.jpg", PHOTO))
    assert "Already in your contacts as Ann Lee" in said(preview) and "No name was read" in said(preview)
    review = open_review(world, "U1", preview)
    answer = submit_review(world, "U1", review)
    assert answer.json["response_action"] == "errors" and "card2_name" in answer.json["errors"]
    before = len(world.double.dm_messages("U1"))
    submit_review(world, "U1", review, card2_name="Kim Park")
    assert (
        last_dm(world, "U1", before)["text"]
        == "Saved 1 new contact from your cards and filled in 1 you already had."
    )
    saved = contacts(world)
    assert set(saved) == {"Ann Lee", "Kim Park"} and saved["Ann Lee"].role == "Head of Sales"


@SQLITE_ONLY
def test_what_cannot_be_read_says_so_and_saves_nothing(world, fake_ocr):
    world.user("U1")
    fake_ocr += [[]]  # a photo with no text on it
    preview = send_photos(
        world,
        "U1",
        ("blank.jpg", PHOTO),
        ("iphone.heic", (DATA / "iphone.heic").read_bytes()),
        ("not_a_photo.jpg", (DATA / "not_a_photo.jpg").read_bytes()),
        ("slides.pdf", b"%PDF-1.4"),
        ("huge.jpg", b"\xff" * (cards_ocr.MAX_IMAGE_BYTES + 1)),
    )
    text = said(preview)
    assert "couldn't read any text" in text and "HEIC photo" in text and "isn't a photo I can read" in text
    assert "slides.pdf isn't a photo" in text and "huge.jpg is over 10 MB" in text
    assert not any(b["type"] == "actions" for b in preview["blocks"])  # nothing to review or save
    settle(world)
    assert not contacts(world)


@SQLITE_ONLY
def test_without_the_cards_extra_the_button_says_cards_are_not_enabled(world, monkeypatch):
    monkeypatch.setattr("handlers.actions.cards.cards_enabled", lambda: False)
    world.user("U1")
    press_on_view(world, "U1", open_home(world, "U1"), blocks.OPEN, "open")
    modal = wait_for(lambda: world.double.views() and world.double.views()[-1])
    assert "not enabled in this install" in str(modal["blocks"])


@SQLITE_ONLY
def test_a_number_without_a_country_code_is_read_in_the_users_country(world, fake_ocr):
    world.user("U1", tz="Europe/Paris")
    world.command("U1", "/met", "Luc Martin of Ubisoft")  # Warmcall learns the user's time zone
    wait_for(lambda: contacts(world))
    fake_ocr.append(
        ocr_like("Chloé Durand", "Directrice", "Café Lumière SAS", "chloe@cafelumiere.fr", "06 12 34 56 78")
    )
    preview = send_photos(world, "U1", ("chloe.jpg", PHOTO))
    assert "phone: 06 12 34 56 78" in said(preview)  # a French number, to a user in France


@SQLITE_ONLY
def test_cards_from_abroad_keep_their_country_and_the_preview_writes_them_as_dialled_from_home(
    world, fake_ocr
):
    """A Paris user's cards: a US number in the US way of writing it, a German mobile printed without
    +49 on a card whose e-mail ends in .de, and a UK number with 0044. None may become French; the
    preview and the review show them internationally and the French one nationally."""
    world.user("U1", tz="Europe/Paris")
    world.command("U1", "/met", "Luc Martin of Ubisoft")  # Warmcall learns the user's time zone
    wait_for(lambda: contacts(world))
    fake_ocr += [
        ocr_like("Kofi Mensah", "VP Sales", "Kestrel Health", "kofi@kestrelhealth.com", "(617) 555-0144"),
        ocr_like(
            "Petra Kühn",
            "Leiterin Einkauf",
            "Müller & Söhne GmbH",
            "p.kuehn@mueller-soehne.de",
            "0151 23456789",
        ),
        ocr_like(
            "Grace O'Neill",
            "Head of Partnerships",
            "Northwind Labs",
            "grace@northwind.io",
            "0044 20 7946 0958",
        ),
        ocr_like(
            "Chloé Durand", "Directrice", "Café Lumière SAS", "chloe@cafelumiere.fr", "Tel: 07 81 22 33 44"
        ),
    ]
    preview = send_photos(world, "U1", *((f"card{i}.jpg", PHOTO) for i in range(4)))
    shown = said(preview)
    for number in ("+1 617-555-0144", "+49 1512 3456789", "+44 20 7946 0958", "phone: 07 81 22 33 44"):
        assert number in shown, shown
    review = open_review(world, "U1", preview)
    initial = {
        b["block_id"]: b["element"].get("initial_value") for b in review["blocks"] if b["type"] == "input"
    }
    assert initial[blocks.field_block(1, "phone")] == "+1 617-555-0144"
    assert initial[blocks.field_block(4, "phone")] == "07 81 22 33 44"
    before = len(world.double.dm_messages("U1"))
    submit_review(world, "U1", review)  # saved as shown: what the review displays reads back the same
    last_dm(world, "U1", before)
    saved = {name: c.phone for name, c in contacts(world).items()}
    assert saved == {
        "Luc Martin": None,
        "Kofi Mensah": "+16175550144",
        "Petra Kühn": "+4915123456789",
        "Grace O'Neill": "+442079460958",
        "Chloé Durand": "+33781223344",
    }


@SQLITE_ONLY
def test_a_number_of_no_country_we_can_tell_stays_in_the_notes_instead_of_becoming_the_users(world, fake_ocr):
    world.user("U1", tz="America/New_York")
    world.command("U1", "/met", "Luc Martin of Ubisoft")
    wait_for(lambda: contacts(world))
    # 06 12 34 56 78 is no US number, and a French, Dutch, Swedish… one: the card's .com says nothing
    fake_ocr.append(
        ocr_like("Anna Berg", "Product Manager", "Acme Analytics", "anna@acme.com", "06 12 34 56 78")
    )
    preview = send_photos(world, "U1", ("anna.jpg", PHOTO))
    assert "phone:" not in said(preview) and "+1 06" not in said(preview)
    review = open_review(world, "U1", preview)
    initial = {
        b["block_id"]: b["element"].get("initial_value") for b in review["blocks"] if b["type"] == "input"
    }
    assert "06 12 34 56 78" in initial[blocks.field_block(1, "notes")]


@SQLITE_ONLY
def test_a_phone_fixed_in_the_review_is_read_in_the_users_country_and_undo_says_cards(world, fake_ocr):
    world.user("U1", tz="Europe/Paris")
    world.command("U1", "/met", "Luc Martin of Ubisoft")  # Warmcall learns the user's time zone
    wait_for(lambda: contacts(world))
    fake_ocr.append(ocr_like("Inès Faure", "Acheteuse", "Thales", "ines@thales.example"))
    preview = send_photos(world, "U1", ("ines.jpg", PHOTO))
    review = open_review(world, "U1", preview)
    before = len(world.double.dm_messages("U1"))
    submit_review(world, "U1", review, card1_phone="07 81 22 33 44")  # typed as dialled in France
    saved = last_dm(world, "U1", before)
    assert contacts(world)["Inès Faure"].phone == "+33781223344"
    before = len(world.double.responses)
    press(
        world,
        import_blocks.UNDO,
        button_value(saved, import_blocks.UNDO),
        "U1",
        message={**saved, "channel": "DU1"},
    )
    undone = wait_for(lambda: world.double.responses[before:])
    assert "Cards undone: 1 contact removed" in str(undone) and "Import undone" not in str(undone)
    assert set(contacts(world)) == {"Luc Martin"}


class _RemoteFileClient:
    """files.info of a file Slack holds only a link to."""

    base_url = "https://slack.com/api/"

    def files_info(self, file):
        return {"ok": True, "file": {"id": file, "name": "card.jpg", "is_external": True}}


def test_a_photo_refused_by_fetch_file_is_told_about_photos_not_csv_files():
    from bot.services.slack_files import FileRefused, fetch_file

    refused = fetch_file(_RemoteFileClient(), "F1", limit=cards_ocr.MAX_IMAGE_BYTES, photo=True)
    assert isinstance(refused, FileRefused) and "photo" in refused.message and ".csv" not in refused.message
    as_file = fetch_file(_RemoteFileClient(), "F1")
    assert isinstance(as_file, FileRefused) and ".csv or .vcf" in as_file.message
