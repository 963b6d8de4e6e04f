"""Round 89's classes (SPEC §14), in wordings of our own: a request for several things listed with
commas only keeps every item; a deadline said only as a date ("by 28 jan latest") is said our way,
one tied to something of theirs keeps their words; a promise whose date passed is not late when a
newer call asked for the same thing by a later day (their meeting moved). Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.phrases import plain_by
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 1, 18)


def _contact(notes, **more):
    return ContactFacts(
        7, "Gulnora Karimova", "Karimova Textiles", met_on=dt.date(2026, 12, 14), notes=notes, **more
    )


def test_a_list_with_commas_only_keeps_every_item():
    points = coach(
        _contact(
            "buyer for the weaving mill. asked for: trade licence copy, insurance letter, 2 client references, "
            "to her inbox by jan 22 latest"
        ),
        TODAY,
    )
    text = points.reason.text
    assert "trade licence copy" in text and "insurance letter" in text, text
    assert "2 client references" in text, text
    assert "Fri 22 Jan" in text and "latest" not in text, text


def test_a_list_reads_with_and_before_its_last_item_in_the_digest_line():
    points = coach(_contact("wants spec sheet, price list, delivery terms, before 25 Jan"), TODAY)
    assert "spec sheet, price list and delivery terms" in points.reason.short, points.reason.short


def test_a_date_alone_is_said_our_way_and_one_tied_to_their_event_keeps_their_words():
    day = dt.date(2027, 1, 29)
    assert plain_by("by the 29th at the latest", day, TODAY) == "by Fri 29 Jan"
    assert plain_by("before fri jan 29", day, TODAY) == "before Fri 29 Jan"
    assert plain_by("before her buying committee sits on the 29th", day, TODAY) == ""


def test_a_promise_is_not_late_when_a_newer_call_moved_its_day():
    contact = _contact(
        "owns 3 mills. told her I'd send the dye-house case study before their board meets jan 15",
        stage=Stage.ACTIVE,
        promise="send the dye-house case study before their board meets",
        promise_due=dt.date(2027, 1, 15),
        last_outcome="reached",
        last_call_on=dt.date(2027, 1, 8),
        last_contact_on=dt.date(2027, 1, 8),
        ever_reached=True,
        last_call_notes="board pushed to tue jan 19. still wants the case study before then",
    )
    points = coach(contact, TODAY)
    said = " ".join((points.reason.text, points.reason.why, points.opener, points.voicemail))
    assert "late" not in said and "sorry" not in said, said
    assert "case study" in points.reason.text, points.reason.text


def test_a_promise_stays_late_when_the_newer_call_asks_for_something_else():
    contact = _contact(
        "told her I'd send the dye-house case study by jan 15",
        stage=Stage.ACTIVE,
        promise="send the dye-house case study",
        promise_due=dt.date(2027, 1, 15),
        last_outcome="reached",
        last_call_on=dt.date(2027, 1, 8),
        last_contact_on=dt.date(2027, 1, 8),
        ever_reached=True,
        last_call_notes="also wants a price for 40 looms by tue jan 26",
    )
    points = coach(contact, TODAY)
    said = " ".join(r.text + r.why for r in (points.reason, *points.alternatives))
    assert "late" in said, said
