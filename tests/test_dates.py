"""The one date reader shared by /met, /called and the forms (bot.domain.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.dates import DateProblem, UnreadableDate, iso_field, match_date, parse_day

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
