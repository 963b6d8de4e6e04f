"""Phone numbers on App Home's rows and in the morning digest (issue 29): shown as the user dials
them (national for a number of their country, international otherwise) as a tap-to-call tel: link,
like /prep and the contact card.

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.digest_view import DigestItem, DigestView
from handlers.blocks.digest import render_digest
from handlers.blocks.phone import phone_words
from tests.story_helpers import Story, text_of

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # phones are shown, not stored


def test_phone_words_are_a_tap_to_call_link_as_dialled_at_home():
    assert phone_words("+33612345678", "FR") == "<tel:+33612345678|06 12 34 56 78>"
    assert phone_words("+33612345678", "US") == "<tel:+33612345678|+33 6 12 34 56 78>"
    assert (
        phone_words("+14155550100", "US", wrong=True) == "<tel:+14155550100|(415) 555-0100> (⚠ marked wrong)"
    )
    assert phone_words("ext <b>", "US") == "ext &lt;b&gt;"  # a stored value that is no number: plain text
    assert phone_words(None, "US") is None


def test_a_paris_users_digest_shows_a_french_number_as_dialled_in_france():
    item = DigestItem(
        7, "Claire Petit", "Dassault", 0, "Ask how the pilot went.", False, phone="+33612345678"
    )
    view = DigestView("T1", "U7", dt.date(2026, 11, 24), (item,), 1, 0, country="FR")
    text, blocks = render_digest(view)
    row = blocks[2]["text"]["text"]
    assert row.startswith("*Claire Petit (Dassault)* · due today · <tel:+33612345678|06 12 34 56 78>")
    assert "tel:" not in text  # the notification says who, not numbers


@SQLITE_ONLY
def test_home_rows_and_the_digest_show_the_number_to_tap(world):
    story = Story(world, "U1")  # New York
    story.met("Pat Kim of Acme yesterday +1 415 555 0100")
    story.met("Claire Petit of Dassault yesterday +33 6 12 34 56 78")
    story.met("Ann Lee of Initech yesterday")
    ids = story.home().rows
    [pat] = [i for i, row in ids.items() if "Pat Kim" in row]
    [claire] = [i for i, row in ids.items() if "Claire Petit" in row]
    [ann] = [i for i, row in ids.items() if "Ann Lee" in row]
    home = story.home()
    assert "<tel:+14155550100|(415) 555-0100>" in home.row(pat)
    assert "<tel:+33612345678|+33 6 12 34 56 78>" in home.row(claire)  # another country: international
    assert "tel:" not in home.row(ann)
    digest = None
    for _ in range(7):  # the first follow-ups come due within the week
        story.next_day()
        digest = story.digest()
        if digest and pat in digest.ids:
            break
    assert digest is not None and pat in digest.ids, "Pat never came due"
    assert "<tel:+14155550100|(415) 555-0100>" in digest.row(pat)
    assert "tel:" not in text_of({"text": digest.message.get("text", "")})
    assert world.double.block_errors == []
