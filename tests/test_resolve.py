import pytest

from bot.domain.resolve import resolve_contact

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
