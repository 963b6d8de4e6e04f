"""Promises read as an action and a deadline (bot.domain.promises), as /met and the form use them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.contact_form import ContactDraft, read_form
from bot.domain.promises import PromiseProblem, PromiseText, promise_action, read_promise

TUE = dt.date(2026, 12, 1)  # a Tuesday
FRI = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "action", "due"),
    [
        pytest.param("send the deck by friday", "send the deck", FRI, id="by-friday"),
        pytest.param(
            "our pricing sheet tomorrow", "send our pricing sheet", dt.date(2026, 12, 2), id="tomorrow"
        ),
        pytest.param("intro her to our CTO", "introduce her to our CTO", None, id="intro-to"),
        pytest.param("send the deck on 2026-12-02", "send the deck", dt.date(2026, 12, 2), id="on-iso"),
        pytest.param("the deck by Dec 2", "send the deck", dt.date(2026, 12, 2), id="by-month-day"),
        pytest.param("the case study next week", "send the case study", dt.date(2026, 12, 7), id="next-week"),
        pytest.param("the checklist this week", "send the checklist", FRI, id="this-week"),
        pytest.param("the deck by the end of the week", "send the deck", FRI, id="end-of-the-week"),
        pytest.param("the deck by end of the week", "send the deck", FRI, id="end-of-week"),
        pytest.param(
            "a one-pager before the conference",
            "send a one-pager before the conference",
            None,
            id="no-date-words-stay",
        ),
        pytest.param("send migration template", "send migration template", None, id="verb-kept-not-doubled"),
        pytest.param("migration template", "send migration template", None, id="noun-phrase-gets-send"),
        pytest.param("promised to send the deck by friday.", "send the deck", FRI, id="promised-to-dropped"),
        pytest.param("to send the deck", "send the deck", None, id="leading-to"),
        pytest.param("I'll send the deck by next friday", "send the deck", FRI, id="ill-and-next-weekday"),
        pytest.param("I will share the recording", "share the recording", None, id="i-will"),
        pytest.param("will email the deck", "email the deck", None, id="will"),
        pytest.param(
            "her our pipeline checklist", "send her our pipeline checklist", None, id="pronoun-object"
        ),
        pytest.param("Send the Q1 plan", "send the Q1 plan", None, id="quarter-inside-a-noun-is-not-a-date"),
        pytest.param("send 3 slides", "send 3 slides", None, id="bare-number-is-not-a-date"),
        pytest.param("send the deck tomorrow morning", "send the deck", dt.date(2026, 12, 2), id="day-part"),
        pytest.param("email the deck by Friday at the latest", "email the deck", FRI, id="at-the-latest"),
        pytest.param("call her back on friday", "call her back", FRI, id="action-with-on-day"),
        pytest.param("an intro to our CTO", "make an intro to our CTO", None, id="an-intro"),
        pytest.param("the deck!", "send the deck", None, id="trailing-punctuation"),
    ],
)
def test_read_promise(text, action, due):
    result = read_promise(text, TUE)
    assert isinstance(result, PromiseText)
    assert result.action == action and result.due == due
    assert (result.due_words is None) == (due is None)


def test_deadline_words_are_reported_as_typed():
    result = read_promise("the deck by Friday", TUE)
    assert isinstance(result, PromiseText) and result.due_words == "by Friday"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("send the deck by 2026-11-20", "has passed", id="past-deadline"),
        pytest.param("send the deck by 31/11", "couldn't read `31/11`", id="numeric-date"),
        pytest.param("send the deck by feb 30", "isn't a real date", id="impossible-date"),
        pytest.param("by friday", "Say what you promised", id="only-a-date"),
        pytest.param("", "Say what you promised", id="empty"),
    ],
)
def test_read_promise_refuses_with_a_sentence(text, fragment):
    result = read_promise(text, TUE)
    assert isinstance(result, PromiseProblem)
    assert fragment in result.message


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("the deck by friday", "send the deck by friday"),  # no dates read
        ("send send migration template", "send send migration template"),
        ("promised to intro her to our CTO", "introduce her to our CTO"),
        ("Send the deck", "send the deck"),
        ("  the deck.  ", "send the deck"),
    ],
)
def test_promise_action_normalises_stored_text(text, action):
    assert promise_action(text) == action


def test_every_action_reads_after_you_would():
    """The sentences built from an action never double the verb or leave a bare noun."""
    for text in ("send migration template", "migration template", "the deck", "intro her to our CTO"):
        result = read_promise(text, TUE)
        assert isinstance(result, PromiseText)
        sentence = f"You said you would {result.action}."
        assert "send send" not in sentence
        assert result.action.split()[0] in ("send", "introduce")


# --- the contact form reads the promise and its dates the same way ---------------------------------


def test_form_promise_field_becomes_an_action_and_fills_the_deadline():
    draft = read_form({"name": "Noah", "promise": "send migration template by friday"}, TUE)
    assert isinstance(draft, ContactDraft)
    assert (draft.promise, draft.promise_due) == ("send migration template", FRI)


def test_form_deadline_field_wins_over_words():
    values = {"name": "Noah", "promise": "the deck by friday", "promise_due": "2026-12-10"}
    draft = read_form(values, TUE)
    assert isinstance(draft, ContactDraft)
    assert (draft.promise, draft.promise_due) == ("send the deck", dt.date(2026, 12, 10))


def test_form_promise_with_a_past_deadline_is_refused():
    problems = read_form({"name": "Noah", "promise": "the deck by 2026-11-20"}, TUE)
    assert isinstance(problems, dict) and "has passed" in problems["promise"]


@pytest.mark.parametrize(
    ("key", "typed", "day"),
    [
        ("promise_due", "friday", FRI),
        ("promise_due", "tomorrow", dt.date(2026, 12, 2)),
        ("next_due", "next tue", dt.date(2026, 12, 8)),
        ("next_due", "Dec 4", FRI),
        ("met_on", "friday", dt.date(2026, 11, 27)),  # the day you met looks back
        ("met_on", "2026-11-30", dt.date(2026, 11, 30)),
    ],
)
def test_form_date_fields_take_the_command_words(key, typed, day):
    draft = read_form({"name": "Noah", "promise": "the deck", key: typed}, TUE)
    assert isinstance(draft, ContactDraft), draft
    assert getattr(draft, key) == day


@pytest.mark.parametrize(
    ("key", "typed", "fragment"),
    [
        ("met_on", "31/11", "couldn't read"),
        ("met_on", "1999-01-01", "more than 2 years ago"),
        ("met_on", "2026-12-03", "still to come"),
        ("promise_due", "someday", "couldn't read"),
    ],
)
def test_form_date_fields_explain_what_they_cannot_use(key, typed, fragment):
    problems = read_form({"name": "Noah", "promise": "the deck", key: typed}, TUE)
    assert isinstance(problems, dict) and fragment in problems[key]


def test_form_keeps_the_introducer():
    draft = read_form({"name": "Anna", "introducer": "Jane Doe", "referred_by": "Tom"}, TUE)
    assert isinstance(draft, ContactDraft)
    assert (draft.introducer, draft.referred_by) == ("Jane Doe", "Tom")
