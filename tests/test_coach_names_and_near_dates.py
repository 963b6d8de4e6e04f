"""Round 78's classes (SPEC §14), in wordings of our own: apostrophes inside a surname are letters, not
a nickname's quotes; "never call him X" is how not to address someone, so the title the notes give
wins; "owe him one" is a favour, not a thing to send; "call after that" after a day means the day
after it; a request due in two days is to be sent today, not "well before then". Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.names import address_in, first_name
from bot.domain.quickadd import parse_met
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach


def test_apostrophes_inside_a_surname_are_no_nickname():
    assert first_name("Wanjiru Ng'ethe") == "Wanjiru"
    assert first_name("Otieno wa Ng'ang'a") == "Otieno"
    assert first_name("Moses 'Mo' Kariuki") == "Mo"


def test_a_name_not_to_use_gives_way_to_the_title_in_the_notes():
    notes = "head of the college. she is Prof. Wekesa, never call her Ruth. wants two poly tunnels"
    assert address_in(notes, "Ruth Wekesa") == "Prof. Wekesa"


def test_owing_someone_one_is_a_favour_not_a_promise():
    parsed = parse_met(
        "Amani Odhiambo of Lakeview Co-op at Farmers Day on 2026-11-20: put me onto two buyers, owe him one",
        dt.date(2026, 12, 6),
    )
    assert parsed.promise is None, parsed
    parsed = parse_met(
        "Amani Odhiambo of Lakeview Co-op at Farmers Day on 2026-11-20: owe him the spec sheet by Fri",
        dt.date(2026, 12, 6),
    )
    assert parsed.promise and "spec sheet" in parsed.promise


def test_call_after_that_after_a_day_is_the_day_after_it():
    day, words = notes_follow_up("tender panel sits Tue 15 Dec, ring after that", dt.date(2026, 12, 8))
    assert day == dt.date(2026, 12, 16) and words.startswith("after"), (day, words)


def test_a_request_due_in_two_days_is_sent_today():
    contact = ContactFacts(
        91,
        "Baraka Mwangi",
        "Mwangi Flowers",
        met_on=dt.date(2026, 11, 20),
        notes="runs 4 ha of roses",
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_contact_on=dt.date(2026, 12, 10),
        last_call_on=dt.date(2026, 12, 10),
        last_call_notes="wants the drip layout + a price on his desk by Thu 17 Dec for the owners",
        ever_reached=True,
    )
    points = coach(contact, dt.date(2026, 12, 15))
    assert "today" in points.reason.text and "well before" not in points.reason.text, points.reason.text
    later = coach(contact, dt.date(2026, 12, 11))
    assert "well before" in later.reason.text or "today" not in later.reason.text.split(".")[0], (
        later.reason.text
    )
