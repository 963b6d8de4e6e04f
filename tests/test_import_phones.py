"""Phone numbers from other countries in imports (CSV, vCard) and business cards: a number that is not
one of the user's country keeps its own country, read from how it is written (`+44`, `0044`, `011 44`,
a spreadsheet's dropped plus, the US "(617) 555-0144") or from the row's or card's web domain (`.de`);
one whose country can't be told is left out with a sentence, never stored as the user's.

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.domain.cards import OcrLine, read_card
from bot.domain.contact_details import country_of_domain, e164_anywhere
from bot.domain.importing.rows import check_row
from handlers.blocks import imports as blocks
from storage.models import Contact
from tests.test_imports_slack import click_on, open_modal, submit_file
from tests.world import wait_for

TODAY = dt.date(2026, 11, 24)
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # phones are read before storage


@pytest.mark.parametrize(
    ("raw", "region", "likely", "stored"),
    [
        pytest.param("06 12 34 56 78", "FR", (), "+33612345678", id="french-mobile-in-france"),
        pytest.param("(415) 555-0100", "US", (), "+14155550100", id="us-number-at-home"),
        pytest.param("(617) 555-0144", "FR", (), "+16175550144", id="us-way-of-writing-in-france"),
        pytest.param("0044 20 7946 0958", "US", (), "+442079460958", id="00-prefix-from-the-us"),
        pytest.param("011 44 20 7946 0958", "FR", (), "+442079460958", id="011-prefix-from-france"),
        pytest.param("442079460958", "US", (), "+442079460958", id="spreadsheet-dropped-the-plus"),
        pytest.param("33 6 12 34 56 78", "US", (), "+33612345678", id="country-code-without-plus"),
        pytest.param("+1 415 555 0100", "FR", (), "+14155550100", id="written-with-plus"),
        pytest.param("0151 23456789", "FR", ("DE",), "+4915123456789", id="german-mobile-on-a-de-card"),
        pytest.param("070-123 45 67", "FR", ("SE",), "+46701234567", id="swedish-mobile-on-a-se-card"),
        pytest.param("06 12 34 56 78", "US", ("FR",), "+33612345678", id="french-mobile-on-a-fr-card"),
        pytest.param("06 12 34 56 78", "US", (), None, id="valid-in-thirty-countries-none-named"),
        pytest.param("0151 23456789", "FR", (), None, id="no-french-number-no-country-named"),
        pytest.param("not a number", "US", (), None, id="words"),
    ],
)
def test_a_number_keeps_its_own_country(raw, region, likely, stored):
    assert e164_anywhere(raw, region, likely) == stored


@pytest.mark.parametrize(
    ("host", "country"),
    [("cafelumiere.fr", "FR"), ("bluefin.co.uk", "GB"), ("pampa-agro.com.ar", "AR"), ("acme.com", None)]
    + [("northwindlabs.io", None), ("kestrel.co", None), ("", None), (None, None)],
)
def test_a_web_domain_names_a_country_only_by_a_country_ending(host, country):
    assert country_of_domain(host) == country


def test_an_import_row_reads_the_country_from_its_e_mail_and_never_makes_it_the_users():
    row, notes = check_row(
        2, {"name": "Jonas Weber", "email": "jonas@sap.de", "phone": "0151 23456789"}, TODAY, "FR"
    )
    assert row.phone == "+4915123456789" and not notes
    row, notes = check_row(3, {"name": "Claire Petit", "phone": "06 12 34 56 78"}, TODAY, "US")
    assert row.phone is None  # not +1 0612345678
    assert [n.reason for n in notes] == [
        "line 3: `06 12 34 56 78` isn't a number of US as written, so it was left out; write it with "
        "its country code (like `+33 6 12 34 56 78`) to import it."
    ]
    row, notes = check_row(4, {"name": "Ada Obi", "phone": "call me"}, TODAY, "US")
    assert row.phone is None and "isn't a phone number" in notes[0].reason


def ocr(*rows: str) -> list[OcrLine]:
    return [OcrLine(text, (60, 40 + 50 * i, 600, 80 + 50 * i), 0.97) for i, text in enumerate(rows)]


@pytest.mark.parametrize(
    ("rows", "region", "phones"),
    [
        pytest.param(
            ("Petra Kühn", "p.kuehn@mueller-soehne.de", "T 0151 23456789"), "FR", ("+4915123456789",), id="de"
        ),
        pytest.param(
            ("Kofi Mensah", "kofi@kestrel.com", "(617) 555-0144"), "GB", ("+16175550144",), id="us-shape"
        ),
        pytest.param(
            ("Chloé Durand", "www.cafelumiere.fr", "06 12 34 56 78"), "US", ("+33612345678",), id="fr-site"
        ),
        pytest.param(("Anna Berg", "anna@acme.com", "06 12 34 56 78"), "US", (), id="untold-stays-in-notes"),
    ],
)
def test_a_card_reads_a_foreign_number_with_its_country(rows, region, phones):
    card = read_card(ocr(*rows), region)
    assert card.phones == phones
    if not phones:
        assert "06 12 34 56 78" in (card.notes or "")


def _phones(world, user: str = "U1") -> dict[str, str | None]:
    with world.db.reading() as s:
        return {c.name: c.phone for c in s.scalars(select(Contact).where(Contact.user_id == user)).all()}


CSV = (
    b"First Name,Last Name,Email Address,Phone\n"
    b"Jonas,Weber,jonas@sap.de,0151 23456789\n"
    b"Grace,O'Neill,grace@northwind.io,0044 20 7946 0958\n"
    b"Kofi,Mensah,kofi@kestrel.com,(617) 555-0144\n"
    b"Claire,Petit,claire@dassault.fr,06 12 34 56 78\n"
    b"Sam,Ortiz,sam@acme.com,447911123456\n"
)

VCF = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Varga\r\nEMAIL:ines@varga.hu\r\nTEL;TYPE=CELL:06 30 123 4567\r\n"
    b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Liam McNamara\r\nEMAIL:liam@acme.com\r\n"
    b"TEL;TYPE=WORK:+1 (212) 555-0148\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Luc Moreau\r\n"
    b"TEL:07 81 22 33 44\r\nEND:VCARD\r\n"
)


@SQLITE_ONLY
def test_a_paris_user_imports_numbers_from_abroad_with_their_country(world):
    world.user("U1", tz="Europe/Paris")
    world.command("U1", "/met", "Luc Martin of Ubisoft")  # Warmcall learns the user's time zone
    wait_for(lambda: _phones(world))
    for name, data in (("contacts.csv", CSV), ("contacts.vcf", VCF)):
        preview = submit_file(world, "U1", open_modal(world, "U1"), name, data)
        assert "Ready to import" in preview["text"], preview["text"]
        click_on(world, "U1", preview, blocks.CONFIRM)
    assert _phones(world) == {
        "Luc Martin": None,
        "Jonas Weber": "+4915123456789",  # .de e-mail: German
        "Grace O'Neill": "+442079460958",  # 0044: British
        "Kofi Mensah": "+16175550144",  # (617) 555-0144: the US way of writing
        "Claire Petit": "+33612345678",  # French, like the user
        "Sam Ortiz": "+447911123456",  # 44…: the plus a spreadsheet dropped
        "Ines Varga": "+36301234567",  # .hu e-mail: Hungarian
        "Liam McNamara": "+12125550148",
        "Luc Moreau": "+33781223344",
    }
    assert not world.double.block_errors


@SQLITE_ONLY
def test_a_new_york_user_is_told_which_number_needs_its_country_code(world):
    world.user("U1")  # New York
    preview = submit_file(
        world,
        "U1",
        open_modal(world, "U1"),
        "c.csv",
        b"Name,Email,Phone\nClaire Petit,claire@gmail.com,06 12 34 56 78\n",
    )
    assert "06 12 34 56 78" in str(preview["blocks"]) and "country code" in str(preview["blocks"])
    click_on(world, "U1", preview, blocks.CONFIRM)
    assert _phones(world) == {"Claire Petit": None}  # left out, not +1 0612345678
