"""Typed names find people by whole words and initials, never by a piece inside another word, and a
duplicate is caught whatever the accents and apostrophes (issue 29, item 5).

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.domain.importing.matching import Known, Matcher
from bot.domain.importing.rows import ImportedContact
from bot.domain.resolve import loose_key, resolve_contact
from bot.domain.vocabulary import fold
from storage.models import Contact
from tests.test_met_e2e import everything_said
from tests.world import slash_command

SQLITE_ONLY = pytest.mark.parametrize(
    "db_url", ["sqlite"], indirect=True
)  # resolving is pure Python over the same rows


def row(cid: int, name: str, company: str | None = None) -> tuple:
    return (cid, name, fold(name), company, fold(company) if company else None)


PEOPLE = [
    row(1, "Oskar Brennan", "Fjord Labs"),
    row(2, "Mireille D'Souza", "Halden"),
    row(3, "Tomasz Kowalczyk-Bianchi", "Orbital"),
    row(4, "Lina Marquardt", "Brightline Energy"),
    row(5, "Kai Okafor"),
]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        pytest.param("brennan", 1, id="surname-whole-word"),
        pytest.param("o brennan", 1, id="initial-then-surname"),
        pytest.param("oskar b.", 1, id="first-name-then-initial"),
        pytest.param("mireille dsouza", 2, id="apostrophe-left-out"),
        pytest.param("Mireille D’Souza", 2, id="curly-apostrophe"),
        pytest.param("bianchi", 3, id="half-of-a-double-surname"),
        pytest.param("tomasz kowalczyk bianchi", 3, id="hyphen-typed-as-space"),
        pytest.param("brightline", 4, id="company-word"),
    ],
)
def test_whole_words_and_initials_find_the_person(typed, found):
    assert resolve_contact(PEOPLE, typed).match.id == found


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("quard", id="inside-a-surname"),
        pytest.param("nan", id="end-of-a-surname"),
        pytest.param("fja", id="inside-nothing"),
        pytest.param("kai b", id="initial-of-no-word"),
        pytest.param("light", id="inside-a-company-word"),
    ],
)
def test_a_piece_inside_a_word_finds_nobody(typed):
    result = resolve_contact(PEOPLE, typed)
    assert result.match is None and result.choices == ()


def test_two_people_sharing_a_whole_word_are_both_offered():
    rows = [*PEOPLE, row(6, "Oskar Lindqvist")]
    assert [c.id for c in resolve_contact(rows, "oskar").choices] == [1, 6]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zoë O'Connell", "Zoe OConnell"),
        ("Renée Dubois-Martin", "renee dubois martin"),
        ("Siobhán O’Hara", "SIOBHAN O'HARA"),
    ],
)
def test_two_spellings_of_one_name_share_a_key(one, other):
    assert loose_key(one) == loose_key(other)


def test_an_import_row_spelled_without_the_apostrophe_updates_the_saved_person():
    matcher = Matcher.of([Known(7, {"name": "Niamh O'Sullivan", "company": "Tidewater"})])
    assert matcher.find(ImportedContact(line=2, name="Niamh OSullivan", company="Tidewater")) == 7


def _names(world) -> list[str]:
    with world.db.reading() as s:
        return sorted(s.scalars(select(Contact.name)).all())


def test_met_asks_before_saving_the_same_person_spelled_plainly(world):
    world.user("U1")
    slash_command(world, "U1", "/met", "Zoë O'Connell of Halden at DevDays yesterday")
    asked = slash_command(world, "U1", "/met", "Zoe OConnell of Halden: wants the pricing sheet")
    assert "You already have *Zoë O'Connell (Halden)*" in everything_said(asked)
    assert _names(world) == ["Zoë O'Connell"]


@SQLITE_ONLY
def test_prep_finds_no_one_by_a_piece_of_a_surname(world):
    world.user("U1")
    slash_command(world, "U1", "/met", "Liam McNamara of Fjord Labs yesterday")
    missing = slash_command(world, "U1", "/prep", "amara")
    assert "can't find “amara”" in everything_said(missing)
    found = slash_command(world, "U1", "/prep", "l mcnamara")
    assert "Liam McNamara" in everything_said(found)
