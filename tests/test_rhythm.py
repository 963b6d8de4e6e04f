"""Rhythm rules (issue 21), as tables: the busy and wrong-number outcomes, their words and labels, and
what the stats and talking points make of them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.cadence import (
    OUTCOME_LABELS,
    OUTCOME_WORDS,
    ContactState,
    next_follow_up,
    parse_outcome,
    split_outcome,
)
from bot.domain.stats import stats_from
from bot.domain.talking_points import ContactFacts, UserFacts, best_reason
from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, UNANSWERED, Outcome, Stage
from bot.services.playbook_files import load_playbook

MON, TUE, WED, THU, FRI = (date(2026, 11, d) for d in range(23, 28))
NEXT_MON = date(2026, 11, 30)
DEC_8 = date(2026, 12, 8)
WEEKDAYS = DEFAULT_NUDGE_DAYS


def streak(n: int, stage: Stage = Stage.ACTIVE) -> ContactState:
    return ContactState(stage, unanswered_streak=n)


# --- busy and wrong-number: the schedule ------------------------------------------------------------

CASES = [
    # (state, outcome, on) -> (next_due, stage, streak, words in the reason)
    pytest.param(streak(0, Stage.NEW), Outcome.BUSY, TUE, WED, Stage.ACTIVE, 1, "1 business day after a busy line", id="busy-next-business-day"),
    pytest.param(streak(0), Outcome.BUSY, FRI, NEXT_MON, Stage.ACTIVE, 1, "busy line", id="busy-on-friday-is-monday"),
    pytest.param(streak(1), Outcome.BUSY, TUE, WED, Stage.ACTIVE, 2, "busy line", id="busy-2nd-still-next-day"),
    pytest.param(streak(2), Outcome.BUSY, TUE, DEC_8, Stage.ACTIVE, 3, "3 tries in a row without an answer", id="busy-3rd-counts-toward-the-long-wait"),
    pytest.param(streak(5), Outcome.BUSY, TUE, WED, Stage.DORMANT, 6, "asks whether to let go", id="busy-6th-dormant"),
    pytest.param(streak(0, Stage.DORMANT), Outcome.BUSY, TUE, WED, Stage.ACTIVE, 1, "busy line", id="busy-wakes-dormant"),
    pytest.param(streak(0, Stage.NEW), Outcome.WRONG_NUMBER, TUE, WED, Stage.ACTIVE, 0, "the number was wrong", id="wrong-number-next-business-day"),
    pytest.param(streak(2), Outcome.WRONG_NUMBER, FRI, NEXT_MON, Stage.ACTIVE, 2, "find the right one or write", id="wrong-number-keeps-the-streak"),
    pytest.param(streak(5, Stage.DORMANT), Outcome.WRONG_NUMBER, TUE, WED, Stage.ACTIVE, 5, "wrong", id="wrong-number-on-dormant-is-active"),
]  # fmt: skip


@pytest.mark.parametrize(("state", "outcome", "on", "due", "stage", "n", "why"), CASES)
def test_busy_and_wrong_number_schedule(state, outcome, on, due, stage, n, why):
    follow = next_follow_up(state, outcome, on, WEEKDAYS)
    assert (follow.next_due, follow.stage, follow.unanswered_streak) == (due, stage, n)
    assert why in follow.reason


def test_busy_is_an_unanswered_try_and_a_wrong_number_is_not():
    assert "busy" in UNANSWERED and "wrong-number" not in UNANSWERED


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [
        ("busy", Outcome.BUSY),
        ("Busy", Outcome.BUSY),
        ("line busy", Outcome.BUSY),
        ("busy-signal", Outcome.BUSY),
        ("engaged", Outcome.BUSY),
        ("wrong-number", Outcome.WRONG_NUMBER),
        ("wrong number", Outcome.WRONG_NUMBER),
        ("WRONG_NUMBER", Outcome.WRONG_NUMBER),
        ("wrong", Outcome.WRONG_NUMBER),
        ("bad number", Outcome.WRONG_NUMBER),
        ("not their number", Outcome.WRONG_NUMBER),
        ("disconnected", Outcome.WRONG_NUMBER),
        ("connected", Outcome.REACHED),
    ],
)
def test_outcome_words(typed, outcome):
    assert parse_outcome(typed) is outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe busy", ("Jane Doe", Outcome.BUSY, "")),
        ("Jane wrong number: a dentist answered", ("Jane", Outcome.WRONG_NUMBER, ": a dentist answered")),
        ("Jane line busy yesterday", ("Jane", Outcome.BUSY, "yesterday")),
    ],
)
def test_split_outcome_reads_the_new_words(text, expected):
    assert split_outcome(text) == expected


def test_every_outcome_has_a_label_and_words():
    for outcome in Outcome:
        assert OUTCOME_LABELS[outcome] and outcome.value in OUTCOME_WORDS[outcome]
    assert len(set(OUTCOME_LABELS.values())) == len(Outcome)


# --- stats: neither is a conversation; a busy line is an unanswered try ------------------------------


def test_stats_count_busy_as_unanswered_and_wrong_number_as_neither():
    logs = [(TUE, "busy", 1), (TUE, "busy", 1), (TUE, "wrong-number", 2), (TUE, "reached", 3)]
    stats = stats_from(logs, TUE)
    assert stats.attempts == 3  # the second busy try on one day for one contact is not counted
    assert stats.reached == 1
    assert dict(stats.mix) == {Outcome.BUSY: 1, Outcome.WRONG_NUMBER: 1, Outcome.REACHED: 1}


def test_six_busy_lines_discourage_but_six_wrong_numbers_do_not():
    days = [date(2026, 11, d) for d in range(16, 22)]
    busy = stats_from([(d, "busy") for d in days], FRI)
    wrong = stats_from([(d, "wrong-number") for d in days], FRI)
    assert busy.discouraged and not wrong.discouraged


# --- talking points: a wrong phone leads to finding the right number or writing ----------------------

ME = UserFacts("Sam", phone="+14155550100")
PLAYBOOK = load_playbook()


def _reason(**fields):
    contact = ContactFacts(id=7, name="Jane Doe", stage=Stage.ACTIVE, phone="+14155550199", **fields)
    return best_reason(contact, user=ME, offers=[], others=[], today=TUE, playbook=PLAYBOOK)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        pytest.param({"email": "jane@acme.com"}, "Write an e-mail", id="with-email-write"),
        pytest.param({"introducer": "Priya"}, "Ask Priya for the right one", id="introducer-asks"),
        pytest.param({}, "Find the right one", id="nothing-else-find-it"),
    ],
)
def test_a_wrong_phone_is_the_reason(fields, words):
    reason = _reason(phone_wrong=True, last_outcome="wrong-number", **fields)
    assert reason.kind == "wrong_number"
    assert words in reason.text and "wrong number" in reason.why


def test_an_open_promise_still_comes_first_and_a_right_phone_is_no_reason():
    promised = _reason(phone_wrong=True, promise="send the deck")
    assert promised.kind == "promised"
    assert _reason(phone_wrong=False).kind != "wrong_number"


# --- tags ----------------------------------------------------------------------------------------------

TODAY = TUE


@pytest.mark.parametrize(
    ("text", "tags", "left"),
    [
        pytest.param("Jane #investor", ("investor",), "Jane", id="plain"),
        pytest.param("#VC Jane #Investor #vc", ("vc", "investor"), "Jane", id="folded-no-repeats"),
        pytest.param("<#C0123ABC|investor> Jane", ("investor",), "Jane", id="slack-channel-link"),
        pytest.param("Jane (#friend)", ("friend",), "Jane ( )", id="after-a-bracket"),
        pytest.param("#Café-Owner", ("cafe-owner",), "", id="accents-folded"),
        pytest.param("https://acme.com/#team a#b@x.com", (), "https://acme.com/#team a#b@x.com", id="urls-and-emails-not-tags"),
        pytest.param("#1 fan, # alone", (), "#1 fan, # alone", id="must-start-with-a-letter"),
        pytest.param("<#C0123ABC>", (), "<#C0123ABC>", id="a-channel-without-a-name"),
    ],
)  # fmt: skip
def test_tags_in_text(text, tags, left):
    from bot.domain.tags import tags_in, without_tags

    assert tags_in(text) == tags
    assert without_tags(text) == left


@pytest.mark.parametrize(
    ("text", "name", "company", "event", "notes", "tags"),
    [
        pytest.param("Jane Doe #investor of Acme at PyCon", "Jane Doe", "Acme", "PyCon", None, ("investor",), id="before-the-colon"),
        pytest.param("Jane Doe of Acme at PyCon #investor", "Jane Doe", "Acme", "PyCon", None, ("investor",), id="after-the-event"),
        pytest.param("Jane Doe of Acme: raising a seed #fintech", "Jane Doe", "Acme", None, "raising a seed #fintech", ("fintech",), id="in-the-notes-kept-as-typed"),
        pytest.param("<#C0123|friend> Jane of Acme #investor: met at the bar #friend", "Jane", "Acme", None, "met at the bar #friend", ("friend", "investor"), id="channel-link-and-both-sides"),
    ],
)  # fmt: skip
def test_met_reads_tags_anywhere(text, name, company, event, notes, tags):
    from bot.domain.quickadd import parse_met

    parsed = parse_met(text, TODAY)
    assert (parsed.name, parsed.company, parsed.event, parsed.notes, parsed.tags) == (
        name,
        company,
        event,
        notes,
        tags,
    )


def test_met_refuses_too_many_tags():
    from bot.domain.quickadd import ParseError, parse_met

    parsed = parse_met("Jane " + " ".join(f"#t{chr(97 + i)}" for i in range(11)), TODAY)
    assert isinstance(parsed, ParseError) and "keep it to 10" in parsed.message


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("investor, #friend  VC", ("investor", "friend", "vc")),
        ("", ()),
        (None, ()),
        ("#investor #investor", ("investor",)),
        ("pycon-2026", ("pycon-2026",)),
        ("#1st", "can't be a tag"),
        ("a+b", "can't be a tag"),
        ("x" * 41, "longer than 40"),
        (" ".join(f"t{chr(97 + i)}" for i in range(11)), "keep it to 10"),
    ],
)
def test_the_form_tags_field(field, expected):
    from bot.domain.tags import read_tag_field

    read = read_tag_field(field)
    if isinstance(expected, tuple):
        assert read == expected
    else:
        assert isinstance(read, str) and expected in read
