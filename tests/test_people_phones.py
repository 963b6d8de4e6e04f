"""Phone numbers by the user's country (issue 29, item 2): read with the country of Settings (their
time zone's unless changed), never left inside a name, shown nationally at home with a tap-to-call
link, stored (and exported) as E.164.

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.domain.contact_details import display_phone, phone_link, phone_region, stray_phone, user_country
from bot.domain.contact_form import read_form
from bot.domain.importing.rows import check_row
from bot.domain.quickadd import ParseError, parse_met
from storage.models import Contact, UserProfile
from tests.story_helpers import Story, text_of
from tests.test_met_e2e import everything_said, open_view, submit
from tests.world import slash_command, wait_for

TODAY = dt.date(2026, 11, 24)

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # phones are read before storage


@pytest.mark.parametrize(
    ("region", "country"),
    [("FR", "FR"), ("GB-SCT", "GB"), ("de-by", "DE"), (None, "US"), ("none", "US"), ("XX", "US")],
)
def test_the_phone_country_is_the_users_country(region, country):
    assert phone_region(region) == country


@pytest.mark.parametrize(
    ("chosen", "tz", "country"),
    [
        ("DE", "Europe/Paris", "DE"),  # chosen in Settings
        (None, "Europe/Paris", "FR"),  # the time zone's
        ("none", "Europe/Stockholm", "SE"),  # no public holidays: still the zone's country
        (None, "UTC", None),
    ],
)
def test_the_users_country_is_the_chosen_one_else_the_time_zones(chosen, tz, country):
    assert user_country(chosen, tz) == country


@pytest.mark.parametrize(
    ("stored", "region", "shown"),
    [
        pytest.param("+33612345678", "FR", "06 12 34 56 78", id="french-number-in-france"),
        pytest.param("+33612345678", "US", "+33 6 12 34 56 78", id="french-number-in-the-us"),
        pytest.param("+14155550100", "US", "(415) 555-0100", id="us-number-at-home"),
        pytest.param("+14155550100", None, "+1 415-555-0100", id="no-country-known"),
        pytest.param("+447911123456", "GB-SCT", "07911 123456", id="uk-number-in-scotland"),
    ],
)
def test_a_number_shows_nationally_only_at_home(stored, region, shown):
    assert display_phone(stored, region) == shown


def test_a_stored_number_is_a_tap_to_call_link():
    assert phone_link("+33612345678", "FR") == "<tel:+33612345678|06 12 34 56 78>"
    assert phone_link("not a number") == "not a number"


@pytest.mark.parametrize(
    ("line", "region", "phone"),
    [
        ("Claire Petit of Dassault 06 12 34 56 78", "FR", "+33612345678"),
        ("Sven Holm of Ericsson 070-987 65 43", "SE", "+46709876543"),
        ("Sven Holm of Ericsson +46 70 987 65 43", "US", "+46709876543"),
        ("Maeve Byrne of Stripe 087 123 4567 at Web Summit", "IE", "+353871234567"),
    ],
)
def test_met_reads_numbers_of_the_users_country(line, region, phone):
    parsed = parse_met(line, TODAY, region)
    assert parsed.phone == phone
    assert not any(ch.isdigit() for ch in parsed.name)


def test_a_number_of_another_country_is_never_part_of_the_name():
    parsed = parse_met("Sven Holm 070-987 65 43", TODAY, "US")
    assert isinstance(parsed, ParseError) and parsed.field == "phone"
    assert "070-987 65 43" in parsed.message and "country code" in parsed.message


def test_dates_are_not_phone_numbers():
    assert stray_phone("Ada Lee on 20/11/2026") is None
    assert stray_phone("Ada Lee 2026-11-20") is None
    assert stray_phone("Ada Lee 0612 345 678") == "0612 345 678"


def test_the_form_and_an_import_read_the_users_country_too():
    draft = read_form({"name": "Claire Petit", "phone": "06 12 34 56 78"}, TODAY, region="FR")
    assert draft.phone == "+33612345678"
    row, _ = check_row(2, {"name": "Claire Petit", "phone": "06 12 34 56 78"}, TODAY, "FR")
    assert row.phone == "+33612345678"


def _contacts_of(world) -> list[Contact]:
    with world.db.reading() as s:
        return list(s.scalars(select(Contact)).all())


def _phones(world) -> dict[str, str | None]:
    with world.db.reading() as s:
        return {c.name: c.phone for c in s.scalars(select(Contact)).all()}


@SQLITE_ONLY
def test_a_paris_user_saves_a_french_mobile_and_sees_it_as_typed(world):
    world.user("U7", tz="Europe/Paris")
    message = slash_command(world, "U7", "/met", "Claire Petit of Dassault at VivaTech 06 12 34 56 78")
    assert "*Phone*\n<tel:+33612345678|06 12 34 56 78>" in everything_said(message)
    assert _phones(world) == {"Claire Petit": "+33612345678"}
    prepared = slash_command(world, "U7", "/prep", "claire")
    assert "Reach them: <tel:+33612345678|06 12 34 56 78>" in everything_said(prepared)
    assert world.double.block_errors == []


@SQLITE_ONLY
def test_a_paris_user_typing_a_number_in_the_form(world):
    world.user("U7", tz="Europe/Paris")
    slash_command(world, "U7", "/met", "Luc Moreau of Thales yesterday")  # learns the time zone
    world.command("U7", "/met", "")
    view = open_view(world, 1)
    submit(world, "U7", view, name="Inès Faure", phone="07 81 22 33 44")
    assert _phones(world)["Inès Faure"] == "+33781223344"
    # the note for the form's contact, not the earlier /met's (which may be the only one yet)
    note = wait_for(lambda: [e for e in world.double.ephemerals("U7") if "Inès" in everything_said(e)])[-1]
    assert "*Phone*\n<tel:+33781223344|07 81 22 33 44>" in everything_said(note)


@SQLITE_ONLY
def test_the_country_chosen_in_settings_reads_the_numbers(world):
    world.user("U8", tz="Europe/Paris")
    slash_command(world, "U8", "/met", "Luc Moreau of Thales yesterday")  # learns the time zone
    with world.db.transaction() as s:  # Settings: public holidays of Germany
        s.scalar(select(UserProfile).where(UserProfile.user_id == "U8")).holiday_country = "DE"
    message = slash_command(world, "U8", "/met", "Jonas Weber of SAP 0151 23456789")
    assert "<tel:+4915123456789|01512 3456789>" in everything_said(message)  # German national format
    assert _phones(world)["Jonas Weber"] == "+4915123456789"


@SQLITE_ONLY
def test_the_contact_card_shows_the_number_as_dialled_at_home(world):
    story = Story(world, "U1")  # New York
    story.met("Pat Kim of Acme yesterday +1 415 555 0100")
    [pat] = [c.id for c in _contacts_of(world)]
    card = text_of(story.card(story.home(), pat))
    assert "<tel:+14155550100|(415) 555-0100>" in card
