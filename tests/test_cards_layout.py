"""The card layout reader (bot.domain.cards) on OCR-like lines, and the photo checks before OCR
(bot.services.cards_ocr: size, HEIC, not an image, EXIF rotation). No OCR runs here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.domain.cards import NO_PERSON, NO_TEXT, Card, OcrLine, Unreadable, box_of, read_card

DATA = Path(__file__).parent / "data" / "cards"


def lines(*rows: tuple[str, int] | tuple[str, int, float], x: int = 60, column: int = 0) -> list[OcrLine]:
    """OCR-like lines: (text, height[, score]) stacked top to bottom."""
    out, y = [], 40
    for row in rows:
        text, height, score = (*row, 0.97)[:3]
        out.append(OcrLine(text, (x + column, y, x + column + 20 * len(text), y + height), score))
        y += height + 12
    return out


def test_a_plain_card_reads_every_field():
    card = read_card(
        lines(
            ("Grace O'Neill", 52),
            ("Head of Partnerships", 34),
            ("Northwind Labs", 40),
            ("grace.oneill@northwindlabs.io", 28),
            ("Tel: +44 20 7946 0958", 28),
            ("www.northwindlabs.io", 28),
            ("12 Harbour Street, London", 28),
        )
    )
    assert card == Card(
        name="Grace O'Neill",
        title="Head of Partnerships",
        company="Northwind Labs",
        email="grace.oneill@northwindlabs.io",
        phones=("+442079460958",),
        website="www.northwindlabs.io",
        notes="12 Harbour Street, London",
    )


def test_two_columns_and_a_logo_read_in_order():
    left = lines(("KE", 60), ("WEI ZHANG", 50), ("VPSales", 30), ("KestrelHealth", 40))
    right = lines(
        ("wzhang@kestrelhealth.com", 28), ("(617) 555-0144", 28), ("Making data useful", 26), column=500
    )
    card = read_card(left + right)
    assert isinstance(card, Card)
    assert (card.name, card.title, card.company) == ("Wei Zhang", "VP Sales", "Kestrel Health")
    assert card.phone == "+16175550144" and card.notes == "Making data useful"  # the logo's "KE" is dropped


@pytest.mark.parametrize(
    ("ocr", "field", "expected"),
    [
        ("E:anna berg@cafelumiere.fr", "email", "anna_berg@cafelumiere.fr"),  # "_" read as a space
        ("kofi _mensah@tidewater.com", "email", "kofi_mensah@tidewater.com"),
        ("jane @ acme.com", "email", "jane@acme.com"),
        ("Mobile:+336 12345678", "phone", "+33612345678"),
        ("T+4930275946930", "phone", "+4930275946930"),
        ("Founder& CEO", "title", "Founder & CEO"),
        ("Headof Partnerships", "title", "Head of Partnerships"),
        ("Orbital Robotics.Inc.", "company", "Orbital Robotics Inc."),
        ("Müller&SöhneGmbH", "company", "Müller & Söhne GmbH"),
    ],
    ids=[
        "underscore",
        "underscore-split",
        "spaced-at",
        "mobile",
        "glued-label",
        "ampersand",
        "glued-of",
        "dot",
        "glued",
    ],
)
def test_what_ocr_gets_wrong_is_put_right(ocr, field, expected):
    card = read_card(
        lines(("Sam Ortiz", 50), (ocr, 30), ("sam@example.org", 28) if field != "email" else ("x", 5))
    )
    assert getattr(card, field) == expected


def test_uncertain_fields_are_flagged():
    card = read_card(
        lines(
            ("Sam Ortiz", 50, 0.6),
            ("Bluefin", 40),
            ("sam.ortiz@gmail.com", 28, 0.99),
            ("+1 415 555 0132", 28, 0.7),
        )
    )
    assert isinstance(card, Card)
    # a low score (name, phone); a company no domain or legal form confirms
    assert card.uncertain == frozenset({"name", "phone", "company"})


def test_a_second_phone_and_a_fax_go_to_the_notes():
    card = read_card(
        lines(
            ("Ann Lee", 50),
            ("ann@lee.io", 28),
            ("M +1 415 555 0132", 28),
            ("+1 415 555 0199", 28),
            ("Fax: +1 415 555 0100", 28),
        )
    )
    assert card.phones == ("+14155550132", "+14155550199")
    assert card.notes == "Fax: +1 415 555 0100\nAlso: +14155550199"


def test_unreadable_images_save_nothing():
    assert read_card([]) == Unreadable(NO_TEXT)
    assert read_card(lines(("~~", 20))) == Unreadable(NO_PERSON)
    assert read_card(lines(("Making data useful since 1999", 30))) == Unreadable(NO_PERSON)


def test_a_card_without_a_name_keeps_its_details_and_asks_for_the_name():
    card = read_card(lines(("sales@acme.com", 28), ("+1 415 555 0132", 28)))
    assert isinstance(card, Card) and card.name is None and "name" in card.uncertain


def test_an_ocr_quadrilateral_becomes_an_upright_box():
    assert box_of([[67, 152], [501, 114], [506, 165], [71, 203]]) == (67.0, 114.0, 506.0, 203.0)


# --- the photo before OCR ---------------------------------------------------------------------------------

PIL = pytest.importorskip("PIL", reason="the cards extra is not installed")


def test_photos_that_cannot_be_cards_are_refused_in_clear_words():
    from bot.services.cards_ocr import HEIC, MAX_IMAGE_BYTES, NOT_IMAGE, TOO_BIG, ImageRefused, upright_image

    assert upright_image((DATA / "iphone.heic").read_bytes()) == ImageRefused(HEIC)
    assert upright_image((DATA / "not_a_photo.jpg").read_bytes()) == ImageRefused(NOT_IMAGE)
    assert upright_image(b"\xff" * (MAX_IMAGE_BYTES + 1)) == ImageRefused(TOO_BIG)


def test_a_photo_turned_by_exif_is_read_upright():
    from PIL import Image

    from bot.services.cards_ocr import upright_image

    stored = Image.open(io.BytesIO((DATA / "grace_oneill_exif_rotated.jpg").read_bytes()))
    assert stored.height > stored.width  # the pixels lie on their side; EXIF says to turn them
    image = upright_image((DATA / "grace_oneill_exif_rotated.jpg").read_bytes())
    assert image.width > image.height
