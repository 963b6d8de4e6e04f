"""The one date reader shared by /met, /called and the forms (bot.domain.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.dates import (
    DateProblem,
    UnreadableDate,
    day_label,
    iso_field,
    match_ahead,
    match_date,
    met_date_problem,
    parse_day,
    parse_time,
)

TUE = dt.date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "ahead", "expected"),
    [
        pytest.param("today", False, TUE, id="today"),
        pytest.param("yesterday", False, dt.date(2026, 11, 30), id="yesterday"),
        pytest.param("tomorrow", True, dt.date(2026, 12, 2), id="tomorrow"),
        pytest.param("2026-11-20", False, dt.date(2026, 11, 20), id="iso"),
        pytest.param("on friday", False, dt.date(2026, 11, 27), id="weekday-back"),
        pytest.param("tuesday", False, TUE, id="weekday-today-included"),
        pytest.param("tuesday", True, dt.date(2026, 12, 8), id="weekday-ahead-strictly-after"),
        pytest.param("last tue", False, dt.date(2026, 11, 24), id="last-weekday"),
        pytest.param("next mon", True, dt.date(2026, 12, 7), id="next-weekday"),
        pytest.param("3 days ago", False, dt.date(2026, 11, 28), id="days-ago"),
        pytest.param("two weeks ago", False, dt.date(2026, 11, 17), id="number-word-weeks-ago"),
        pytest.param("in 2 weeks", True, dt.date(2026, 12, 15), id="in-weeks"),
        pytest.param("Dec 3", False, dt.date(2025, 12, 3), id="month-day-back-last-year"),
        pytest.param("3rd Dec", True, dt.date(2026, 12, 3), id="day-month-ahead"),
        pytest.param("for Nov 20, 2025", False, dt.date(2025, 11, 20), id="with-year"),
        pytest.param("feb 29", False, dt.date(2024, 2, 29), id="leap-day-finds-a-leap-year"),
        pytest.param("", False, None, id="empty"),
    ],
)
def test_parse_day_reads_whole_phrases(text, ahead, expected):
    assert parse_day(text, TUE, ahead=ahead) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("2026-02-30", "isn't a real date", id="impossible-iso"),
        pytest.param("feb 30", "isn't a real date", id="impossible-month-day"),
        pytest.param("someday soon", "couldn't read", id="not-a-date"),
        pytest.param("friday morning", "couldn't read", id="trailing-words"),
        pytest.param("99999999 days ago", "further back than I can count", id="too-far"),
    ],
)
def test_parse_day_explains_what_it_cannot_read(text, fragment):
    with pytest.raises(UnreadableDate, match=fragment):
        parse_day(text, TUE, ahead=False)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(["yesterday", "via", "sam"], (1, dt.date(2026, 11, 30)), id="prefix-only"),
        pytest.param(["on", "nov", "20", "at"], (3, dt.date(2026, 11, 20)), id="on-month-day"),
        pytest.param(["friday", "drinks"], None, id="bare-weekday-is-not-a-date-without-on"),
        pytest.param(["nov", "20"], None, id="bare-month-day-is-not-a-date-without-on"),
        pytest.param(["on", "the", "roof"], None, id="on-without-a-date"),
    ],
)
def test_match_date_without_bare_phrases_is_the_quick_add_reading(words, expected):
    assert match_date(words, TUE, bare=False) == expected


def test_match_date_raises_for_impossible_days():
    with pytest.raises(DateProblem) as caught:
        match_date(["on", "31", "nov"], TUE, bare=False)
    assert caught.value.kind == "impossible"
    assert "`31 nov` isn't a real date" in caught.value.sentence("`on 2026-11-20`")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026-11-20", (dt.date(2026, 11, 20), True)), ("", (None, True)), ("2026-02-30", (None, False))],
)
def test_iso_field(raw, expected):
    assert iso_field(raw) == expected


# --- looser words for what comes next, showing days, the met-date rule, clock times ----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("next week", dt.date(2026, 12, 7), id="next-week-is-monday"),
        pytest.param("this week", dt.date(2026, 12, 4), id="this-week-is-friday"),
        pytest.param("end of the week", dt.date(2026, 12, 4), id="end-of-the-week"),
        pytest.param("the end of the month", dt.date(2026, 12, 31), id="end-of-the-month"),
        pytest.param("end of next week", dt.date(2026, 12, 11), id="end-of-next-week"),
        pytest.param("next month", dt.date(2027, 1, 4), id="next-month-first-workday"),
        pytest.param("in 3 months", dt.date(2027, 3, 1), id="in-months"),
        pytest.param("in a couple of weeks", dt.date(2026, 12, 15), id="couple-of-weeks"),
        pytest.param("in a few days", dt.date(2026, 12, 4), id="few-days"),
        pytest.param("q1", dt.date(2027, 1, 4), id="quarter"),
        pytest.param("next quarter", dt.date(2027, 1, 4), id="next-quarter"),
        pytest.param("in january", dt.date(2027, 1, 4), id="month-skips-new-year"),
        pytest.param("mid jan", dt.date(2027, 1, 15), id="mid-month"),
        pytest.param("after the holidays", dt.date(2027, 1, 5), id="after-the-holidays"),
        pytest.param("friday", dt.date(2026, 12, 4), id="weekday-ahead"),
        pytest.param("dec 14", dt.date(2026, 12, 14), id="month-day-ahead"),
    ],
)
def test_match_ahead(text, expected):
    words = text.split()
    assert match_ahead(words, TUE) == (len(words), expected)


def test_match_ahead_names_nothing_for_the_period_we_are_in():
    assert match_ahead(["q4"], TUE) is None
    assert match_ahead(["in", "december"], TUE) is None
    assert match_ahead(["after", "the", "holidays"], dt.date(2026, 6, 1)) is None  # summer holidays


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("31/11", "`31/11`", id="impossible-day-first"),
        pytest.param("03/04", "`03/04`", id="day-and-month-both-under-13"),
        pytest.param("4.3.2026", "`4.3.2026`", id="dots-both-under-13"),
    ],
)
def test_numeric_dates_are_never_guessed(text, shown):
    with pytest.raises(UnreadableDate, match="couldn't read") as caught:
        parse_day(text, TUE, ahead=False)
    assert shown in str(caught.value)
    with pytest.raises(DateProblem):
        match_date(["on", text], TUE, bare=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/11/2026", dt.date(2026, 11, 20)),  # only one reading: there is no 20th month
        ("11/20", dt.date(2026, 11, 20)),
        ("30.11.2026", dt.date(2026, 11, 30)),
        ("on 20/11/2026", dt.date(2026, 11, 20)),
        ("2026/11/20", dt.date(2026, 11, 20)),
    ],
)
def test_a_numeric_date_with_one_reading_is_read(text, expected):
    assert parse_day(text, TUE, ahead=False) == expected


def test_parse_day_ahead_reads_the_looser_words():
    assert parse_day("next week", TUE, ahead=True) == dt.date(2026, 12, 7)


def test_day_label_carries_the_year_when_it_is_not_this_year():
    assert day_label(dt.date(2027, 1, 1), TUE) == "Fri 1 Jan 2027"
    assert day_label(dt.date(1999, 1, 1), TUE) == "Fri 1 Jan 1999"
    assert day_label(dt.date(2026, 11, 27), TUE) == "Fri 27 Nov"
    assert day_label(dt.date(2026, 11, 27)) == "Fri 27 Nov"


def test_met_date_problem():
    assert met_date_problem(TUE, TUE) is None
    assert met_date_problem(dt.date(2024, 12, 1), TUE) is None  # exactly two years back
    far = met_date_problem(dt.date(1999, 1, 1), TUE)
    assert far and "more than 2 years ago" in far and "1999" in far
    ahead = met_date_problem(dt.date(2026, 12, 2), TUE)
    assert ahead and "still to come" in ahead


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("7:30", 450),
        ("7.30", 450),
        ("730", 450),
        ("7:30am", 450),
        ("7.30 a.m.", 450),
        ("19:30", 1170),
        ("7pm", 1140),
        ("7 PM", 1140),
        ("09:00", 540),
        ("9", 540),
        ("12am", 0),
        ("12pm", 720),
        ("0930", 570),
        ("24:00", None),
        ("7:60", None),
        ("13pm", None),
        ("noonish", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_time(text, minute):
    assert parse_time(text) == minute


# --- an offer's date (bot.services.offers.parse_offer reads it with the same reader) ---------------


@pytest.mark.parametrize(
    ("text", "title", "ends_on"),
    [
        ("Founders dinner https://x.com/a #founders on Dec 10", "Founders dinner", dt.date(2026, 12, 10)),
        ("Workshop #ml until friday", "Workshop", dt.date(2026, 12, 4)),
        ("Demo day on 2026-12-15 #demo", "Demo day", dt.date(2026, 12, 15)),
        ("Talk on Rust #rust", "Talk on Rust", None),
        ("Pipeline checklist #data", "Pipeline checklist", None),
    ],
)
def test_offer_dates(text, title, ends_on):
    from bot.services.offers import NewOffer, parse_offer

    parsed = parse_offer(text, TUE)
    assert isinstance(parsed, NewOffer), parsed
    assert (parsed.title, parsed.ends_on) == (title, ends_on)


@pytest.mark.parametrize(
    ("text", "fragment"), [("Dinner on 2026-11-20 #x", "has passed"), ("Dinner on 10/12 #x", "couldn't read")]
)
def test_offer_dates_that_cannot_be_used(text, fragment):
    from bot.services.offers import OfferProblem, parse_offer

    parsed = parse_offer(text, TUE)
    assert isinstance(parsed, OfferProblem) and fragment in parsed.message
