import datetime as dt

import pytest

from bot.domain.resolve import Candidate, resolve_contact

ROWS = [
    (1, "Jane Doe", "jane doe", "Acme", "acme"),
    (2, "José Núñez", "jose nunez", "Bank of America", "bank of america"),
    (3, "Jane Smith", "jane smith", None, None),
    (4, "Ravi Patel", "ravi patel", "Globex", "globex"),
    (5, "Bob Noble", "bob noble", "Acme", "acme"),
]


@pytest.mark.parametrize(
    "query, match",
    [
        ("jane doe", 1),
        ("JANE DOE", 1),
        ("jose nunez", 2),
        ("José Núñez", 2),
        ("  ravi   patel ", 4),
        ("ravi", 4),
        ("globex", 4),
        ("bank of america", 2),
        ("patel", 4),
    ],
)
def test_single_match(query, match):
    assert resolve_contact(ROWS, query).match.id == match


def test_several_matches_ask():
    res = resolve_contact(ROWS, "jane")
    assert res.match is None
    assert [c.id for c in res.choices] == [1, 3]


def test_company_with_several_people_asks():
    res = resolve_contact(ROWS, "acme")
    assert [c.id for c in res.choices] == [1, 5]


def test_no_match_suggests_closest():
    res = resolve_contact(ROWS, "jnae doe")
    assert res.match is None and not res.choices
    assert res.suggestions[0].id == 1


def test_nothing_close_gives_no_suggestions():
    assert resolve_contact(ROWS, "zzzzqqq").suggestions == ()
    assert resolve_contact(ROWS, "").match is None


# --- telling two people of the same name apart -----------------------------------------------------

JOSES = [
    (7, "José Núñez", "jose nunez", "Bank of America", "bank of america", "PyCon", dt.date(2026, 11, 24)),
    (8, "jose nunez", "jose nunez", "Bank of America", "bank of america", "Money20/20", dt.date(2026, 10, 2)),
]


def test_choices_carry_event_and_met_date_so_they_can_be_told_apart():
    res = resolve_contact(JOSES, "jose")
    assert [c.choice_label for c in res.choices] == [
        "José Núñez · Bank of America · PyCon, 24 Nov",
        "jose nunez · Bank of America · Money20/20, 2 Oct",
    ]
    assert len({c.choice_label for c in res.choices}) == 2


@pytest.mark.parametrize(
    "candidate, label",
    [
        (Candidate(1, "Jane Doe", None), "Jane Doe"),
        (Candidate(1, "Jane Doe", "Acme", met_on=dt.date(2026, 11, 20)), "Jane Doe · Acme · met 20 Nov"),
        (Candidate(1, "Jane Doe", None, event="PyCon"), "Jane Doe · PyCon"),
        (Candidate(1, "Jane Doe", "Acme"), "Jane Doe · Acme"),
    ],
    ids=["name only", "no event", "no date", "no event or date"],
)
def test_choice_label_says_what_is_known(candidate, label):
    assert candidate.choice_label == label


def test_choice_label_fits_a_button_however_long_the_parts():
    long = Candidate(1, "N" * 200, "C" * 200, event="E" * 200, met_on=dt.date(2026, 12, 24))
    assert len(long.choice_label) <= 75
    assert long.choice_label.endswith(", 24 Dec")


def test_five_column_rows_still_resolve():
    assert resolve_contact(ROWS, "jane doe").match == Candidate(1, "Jane Doe", "Acme")
