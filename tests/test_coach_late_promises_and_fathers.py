"""Round 110's classes (SPEC §14), in wordings of our own: a promise entered late whose day has
passed since the meeting is late, not moved to next year (the weekday written with the date says
which year); "call her Mother. Nov floods…" greets her as Mother Abena, never "Mother Nov". Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.dates import parse_day
from bot.domain.names import address_in
from bot.domain.quickadd import ParsedContact, ParseError, parse_met
from bot.domain.talking_points import ContactFacts
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 6)  # a Sunday


def test_a_weekday_with_a_day_and_month_picks_the_year_it_fits():
    # Thu 19 Nov is 2026 (passed); read ahead it used to become Fri 19 Nov 2027
    assert parse_day("Thu 19 Nov", TODAY, ahead=True) == dt.date(2026, 11, 19)
    assert parse_day("Fri 19 Nov", TODAY, ahead=True) == dt.date(2027, 11, 19)
    assert parse_day("Sat 9 Jan", TODAY, ahead=True) == dt.date(2027, 1, 9)


def test_a_promise_whose_day_passed_after_the_meeting_is_kept_late():
    parsed = parse_met(
        "Tomasz Wrzos of Wrzos Dairy at Cheese Fair on Thu 12 Nov: said I'd send the culture price list by Thu 19 Nov",
        TODAY,
    )
    assert isinstance(parsed, ParsedContact), parsed
    assert parsed.promise_due == dt.date(2026, 11, 19) and "price list" in (parsed.promise or ""), parsed
    points = coach(
        ContactFacts(
            1,
            parsed.name,
            parsed.company,
            met_on=parsed.met_on,
            notes=parsed.notes,
            promise=parsed.promise,
            promise_due=parsed.promise_due,
        ),
        dt.date(2026, 12, 7),
    )
    assert "late" in points.reason.text and "2027" not in points.reason.text, points.reason.text


def test_a_promise_due_before_the_meeting_itself_is_still_refused():
    parsed = parse_met(
        "Ola Berg of Berg Mills at Cheese Fair on Tue 1 Dec: I said I'd send the rennet sheet by Thu 19 Nov",
        TODAY,
    )
    assert isinstance(parsed, ParseError) and "has passed" in parsed.message, parsed


def test_a_title_that_ends_its_sentence_takes_no_word_of_the_next():
    notes = "call her Mother. Nov floods ruined the convent kitchen, wants a new range quoted"
    assert address_in(notes, "Abena Owusu") == "Mother Abena"
    assert address_in("address him as Prof. Ilić at all times", "Goran Ilić") == "Prof. Ilić"
    points = coach(
        ContactFacts(2, "Abena Owusu", "St Clare's", met_on=dt.date(2026, 11, 30), notes=notes), TODAY
    )
    assert "Nov" not in points.opener.split(",")[0] and "Mother Abena" in points.opener, points.opener


def test_a_promise_after_a_colon_and_one_with_their_aside_after_its_day():
    parsed = parse_met(
        "Ezra Mole of Mole Cigars at Leaf Fair on Fri 27 Nov: 4 curing barns. PROMISED: barn checklist + price for all 4 barns by Fri 11 Dec",
        TODAY,
    )
    assert isinstance(parsed, ParsedContact) and parsed.promise_due == dt.date(2026, 12, 11), parsed
    assert "barn checklist" in (parsed.promise or ""), parsed
    aside = parse_met(
        "Ama Osei of Osei Labs at Leaf Fair on Mon 30 Nov: PROMISED her a quote for new stopcocks by Wed 9 Dec, their board meets that day",
        TODAY,
    )
    assert isinstance(aside, ParsedContact) and "board" not in (aside.promise or ""), aside
