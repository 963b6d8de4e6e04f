"""The small things a user reads: phone numbers as people write them, pick buttons that tell two
people of the same name apart, and the Settings form (nudge time, next digest) — end to end where
the user sees them (SQLite and PostgreSQL).

The clock is Tue 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); users are in New York.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.domain.contact_details import display_phone
from storage.contacts import add_contact
from tests.world import TEAM, click, slash_command

D = dt.date


def text_of(body: dict) -> str:
    """Every piece of text a user reads in a message: top-level text, sections, fields, buttons."""
    parts = [body.get("text", "")]
    for block in body.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [f.get("text", "") for f in block.get("fields", [])]
        for element in block.get("elements", []):
            text = element.get("text")
            parts.append(text.get("text", "") if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


def pick_buttons(body: dict) -> list[tuple[str, str, str]]:
    """(button text, value, action id) of the pick buttons in a reply, in order."""
    return [
        (e["text"]["text"], e.get("value"), e["action_id"])
        for block in body.get("blocks", [])
        if block.get("block_id") == "called_pick"
        for e in block["elements"]
    ]


@pytest.fixture
def w(world):
    world.user("U1")
    yield world
    assert world.double.block_errors == []


# --- phone numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("+14155550100", "+1 415-555-0100"),
        ("+442079460000", "+44 20 7946 0000"),
        ("+493012345678", "+49 30 12345678"),
        ("not a number", "not a number"),
    ],
    ids=["US", "UK", "DE", "unreadable kept"],
)
def test_display_phone_is_the_international_format(stored, shown):
    assert display_phone(stored) == shown


def test_a_phone_is_shown_as_people_write_it_on_met_and_prep(w):
    saved = slash_command(w, "U1", "/met", "Jane Doe of Acme at PyCon yesterday: +1 415 555 0100")
    assert "+1 415-555-0100" in text_of(saved)
    assert "+14155550100" not in text_of(saved)

    prepared = slash_command(w, "U1", "/prep", "Jane Doe")
    assert "Reach them: +1 415-555-0100" in text_of(prepared)
    assert "+14155550100" not in text_of(prepared)


# --- pick buttons ----------------------------------------------------------------------------------


def test_two_jose_nunez_are_told_apart_by_event_and_met_date(w):
    with w.db.transaction() as s:
        common = dict(stage="new", next_due=D(2026, 11, 26), unanswered_streak=0, company="Bank of America")
        pycon = add_contact(s, TEAM, "U1", name="José Núñez", event="PyCon", met_on=D(2026, 11, 23), **common)
        money = add_contact(
            s, TEAM, "U1", name="jose nunez", event="Money20/20", met_on=D(2026, 10, 2), **common
        )
        pycon_id, money_id = pycon.id, money.id

    body = slash_command(w, "U1", "/called", "jose nunez reached: loved the deck")

    picks = pick_buttons(body)
    assert [text for text, _, _ in picks] == [
        "José Núñez · Bank of America · PyCon, 23 Nov",
        "jose nunez · Bank of America · Money20/20, 2 Oct",
    ]
    assert [json.loads(value)["c"] for _, value, _ in picks] == [pycon_id, money_id]
    text, value, action_id = picks[1]
    done = click(w, action_id, value, block_id="called_pick")
    assert "jose nunez" in text_of(done)
