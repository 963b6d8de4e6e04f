"""Names and free text as typed (bot.domain.names), and the rule applied by /met and the form."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.contact_form import read_form, scrub
from bot.domain.names import clean_text, name_problem, possessive
from bot.domain.quickadd import ParsedContact, ParseError, parse_met

TUE = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("Acme\x1b[31m", "Acme", id="ansi-colour-removed-whole"),
        pytest.param("\x1b[1;31mAcme\x1b[0m Corp", "Acme Corp", id="ansi-around-a-word"),
        pytest.param("Ctrl\x07Char2", "CtrlChar2", id="bell-removed-not-a-space"),
        pytest.param("a\x00b", "ab", id="nul"),
        pytest.param("x\x1b]0;title\x07y", "xy", id="osc-title"),
        pytest.param("line one\r\nline two", "line one\nline two", id="crlf-is-a-newline"),
        pytest.param("tab\there", "tab\there", id="tab-kept"),
        pytest.param("form\x0cfeed", "form feed", id="form-feed-is-a-space"),
        pytest.param("José Núñez 王伟 🚀", "José Núñez 王伟 🚀", id="unicode-untouched"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean
    assert scrub(raw) == clean  # the form and the quick-add service use the same cleaning


@pytest.mark.parametrize(
    "name",
    [
        "O'Brien",
        "D’Angelo",
        "Jean-Luc Picard",
        "Dr. Jane Doe, PhD",
        "Zoë 🚀 Müller",
        "王伟",
        "José Núñez",
        "Ngũgĩ wa Thiong'o",
        "Bob 2",
        "<@U0042>",
        "Lluís Fontanella·la",
    ],
)
def test_names_that_are_kept(name):
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Robert' ) ; DROP TABLE contacts", "`)`"),
        ("Jane; Doe", "`;`"),
        ("a=b", "`=`"),
        ("Jane “JJ” Doe", "`“`"),
        ("Jane `x`", "the backtick"),
        ("Jane <b>", "`<`"),
    ],
)
def test_names_that_are_refused_say_which_character(name, shown):
    problem = name_problem(name)
    assert problem is not None and f"take out {shown}" in problem


@pytest.mark.parametrize(
    ("name", "owned"),
    [("James", "James's"), ("Robert", "Robert's"), ("Robert'", "Robert's"), ("O'Neill", "O'Neill's")],
)
def test_possessive_never_doubles_the_apostrophe(name, owned):
    assert possessive(name) == owned
    assert "''s" not in possessive(name)


def test_met_refuses_the_drop_table_name():
    result = parse_met("Robert'); DROP TABLE contacts;-- of Acme", TUE)
    assert isinstance(result, ParseError)
    assert result.field == "name"
    assert "take out `)`" in result.message


def test_met_removes_escapes_whole_from_every_field():
    result = parse_met("Ctrl\x07Char2 of Acme\x1b[31m at Py\x1b[0mCon: hi\x1b[31m there", TUE)
    assert isinstance(result, ParsedContact)
    assert (result.name, result.company, result.event, result.notes) == (
        "CtrlChar2",
        "Acme",
        "PyCon",
        "hi there",
    )


def test_met_keeps_apostrophes_and_hyphens_as_typed():
    result = parse_met("Mary-Kate O’Brien of Acme", TUE)
    assert isinstance(result, ParsedContact) and result.name == "Mary-Kate O’Brien"


def test_form_applies_the_same_name_rule_and_cleaning():
    refused = read_form({"name": "Robert'); DROP TABLE contacts;--"}, TUE)
    assert isinstance(refused, dict) and "take out `)`" in refused["name"]
    draft = read_form({"name": "Ctrl\x07Char2", "company": "Acme\x1b[31m"}, TUE)
    assert not isinstance(draft, dict)
    assert (draft.name, draft.company) == ("CtrlChar2", "Acme")
