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
from bot.domain.quickadd import ParseError, parse_met
from bot.domain.rhythm import (
    Cadence,
    choose,
    latest_day,
    parse_gap,
    read_tag_table,
    split_every,
    status,
    status_words,
)
from bot.domain.stats import stats_from
from bot.domain.tags import read_tag_field, tags_in, without_tags
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
    parsed = parse_met(text, TODAY)
    assert (parsed.name, parsed.company, parsed.event, parsed.notes, parsed.tags) == (
        name,
        company,
        event,
        notes,
        tags,
    )


def test_met_refuses_too_many_tags():
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
    read = read_tag_field(field)
    if isinstance(expected, tuple):
        assert read == expected
    else:
        assert isinstance(read, str) and expected in read


# --- cadence per contact and per tag: the gap words, precedence, slipping and overdue -------------------


@pytest.mark.parametrize(
    ("typed", "ideal", "latest"),
    [
        ("2w", 14, 21),
        ("every 2 weeks", 14, 21),
        ("30 days", 30, 45),
        ("30", 30, 45),
        ("every month", 30, 45),
        ("a month", 30, 45),
        ("3 months", 90, 135),
        ("every other week", 14, 21),
        ("21-30 days", 21, 30),
        ("21 - 30", 21, 30),
        ("3-4w", 21, 28),
        ("1 day", 1, 2),
        ("1y", 365, 547),
        ("2 years", 730, 730),
        ("500-730", 500, 730),
    ],
)
def test_gaps(typed, ideal, latest):
    assert parse_gap(typed) == Cadence(ideal, latest)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0 days", "from 1 day to 2 years"),
        ("3y", "from 1 day to 2 years"),
        ("700-800", "800 days is outside"),
        ("30-20 days", "the first can't be larger"),
        ("blorp", "I can't read “blorp”"),
        ("", "I can't read"),
    ],
)
def test_gaps_refused_with_a_sentence(typed, says):
    read = parse_gap(typed)
    assert isinstance(read, str) and says in read and read.endswith(".")


@pytest.mark.parametrize(
    ("rest", "left", "cadence"),
    [
        ("every 2w", "", Cadence(14, 21)),
        ("every 2 weeks yesterday", "yesterday", Cadence(14, 21)),
        ("yesterday every 30 days: notes every time", "yesterday : notes every time", Cadence(30, 45)),
        ("every 21-30 days", "", Cadence(21, 30)),
        (": every day counts", ": every day counts", None),
        ("yesterday", "yesterday", None),
    ],
)
def test_every_in_called_text(rest, left, cadence):
    assert split_every(rest) == (left, cadence)


def test_every_that_cannot_be_read_says_so():
    assert "after `every`" in split_every("every blorp")[1]
    assert "from 1 day to 2 years" in split_every("every 3y")[1]


INV, FRIEND = Cadence(21, 30), Cadence(90, 135)
TABLE = {"investor": INV, "friend": FRIEND}


@pytest.mark.parametrize(
    ("own", "tags", "expected", "source", "tag"),
    [
        pytest.param(Cadence(10, 15), ("investor",), Cadence(10, 15), "contact", None, id="contact-beats-tag"),
        pytest.param(Cadence(100, 120), ("investor",), Cadence(100, 120), "contact", None, id="contact-beats-shorter-tag"),
        pytest.param(None, ("friend", "investor"), INV, "tag", "investor", id="shortest-tag-wins"),
        pytest.param(None, ("friend",), FRIEND, "tag", "friend", id="one-tag"),
        pytest.param(None, ("vc", "friend"), FRIEND, "tag", "friend", id="tags-without-a-cadence-are-skipped"),
        pytest.param(None, ("vc",), Cadence(30, 30), "default", None, id="no-tag-cadence-is-default"),
        pytest.param(None, (), Cadence(30, 30), "default", None, id="no-tags-is-default"),
    ],
)  # fmt: skip
def test_precedence(own, tags, expected, source, tag):
    chosen = choose(own, tags, TABLE, 30)
    assert (chosen.cadence, chosen.source, chosen.tag) == (expected, source, tag)


def test_same_ideal_gap_then_the_earlier_latest_then_the_tag_name():
    table = {"b": Cadence(20, 40), "a": Cadence(20, 40), "c": Cadence(20, 25)}
    assert choose(None, ("a", "b", "c"), table, 30).tag == "c"
    assert choose(None, ("b", "a"), table, 30).tag == "a"


def test_the_default_has_no_latest_day():
    assert latest_day(TUE, choose(None, (), {}, 30)) is None
    assert latest_day(TUE, choose(Cadence(14, 21), (), {}, 30)) == date(2026, 12, 15)


DUE_ON, LATEST = date(2026, 12, 8), date(2026, 12, 15)


@pytest.mark.parametrize(
    ("today", "latest", "state", "words"),
    [
        pytest.param(date(2026, 12, 7), LATEST, None, None, id="not-yet"),
        pytest.param(DUE_ON, LATEST, "due", None, id="the-ideal-day-is-due"),
        pytest.param(date(2026, 12, 9), LATEST, "slipping", "slipping: overdue in 6 days", id="slipping"),
        pytest.param(date(2026, 12, 14), LATEST, "slipping", "slipping: overdue tomorrow", id="slipping-last-but-one"),
        pytest.param(LATEST, LATEST, "slipping", "slipping: overdue after today", id="the-latest-day-still-slipping"),
        pytest.param(date(2026, 12, 16), LATEST, "overdue", "overdue by 1 day", id="overdue-one-day"),
        pytest.param(date(2026, 12, 20), LATEST, "overdue", "overdue by 5 days", id="overdue"),
        pytest.param(date(2026, 12, 9), None, "overdue", None, id="no-latest-is-overdue-at-once"),
        pytest.param(DUE_ON, DUE_ON, "due", None, id="ideal-equals-latest"),
        pytest.param(date(2026, 12, 9), DUE_ON, "overdue", "overdue by 1 day", id="ideal-equals-latest-then-overdue"),
    ],
)  # fmt: skip
def test_slipping_and_overdue(today, latest, state, words):
    assert status(DUE_ON, latest, today) == state
    assert status_words(DUE_ON, latest, today) == words


def test_nothing_due_has_no_status():
    assert status(None, LATEST, TUE) is None


def test_the_tag_table():
    known = ("investor", "friend", "vc")
    assert read_tag_table("#investor 30\nfriend: every 3 months\n\n#VC=21-30", known) == {
        "investor": Cadence(30, 45),
        "friend": Cadence(90, 135),
        "vc": Cadence(21, 30),
    }
    assert read_tag_table("", known) == {}
    problems = read_tag_table("#invester 30\nfoo\n#vc 3y\n#friend 90\n#friend 30\n#zzz 3", known)
    assert problems == [
        "Line 1: none of your contacts is tagged #invester. Did you mean #investor?",
        "Line 2: write a tag and a gap, like `#investor 30` or `#friend every 3 months`.",
        "Line 3 (#vc): A cadence runs from 1 day to 2 years; 1095 days is outside that. Pick a gap in between.",
        "Line 5: #friend is in the list twice; keep one line for it.",
        "Line 6: none of your contacts is tagged #zzz.",
    ]


def test_digest_orders_by_how_far_past_the_latest_day():
    from types import SimpleNamespace

    from bot.domain.digest_view import chosen_of

    def row(id, next_due, latest_due):
        return SimpleNamespace(
            id=id, next_due=next_due, latest_due=latest_due, promise=None, promise_done=False,
            last_outcome="reached", stage="active", met_on=date(2026, 1, 5),
        )  # fmt: skip

    today = date(2026, 12, 20)
    rows = [
        row(1, date(2026, 12, 1), date(2026, 12, 19)),  # due first, but only a day past its latest
        row(2, date(2026, 12, 10), date(2026, 12, 12)),  # 8 days past its latest
        row(3, date(2026, 12, 15), None),  # the default: 5 days past its due day
    ]
    assert [r.id for r in chosen_of(rows, today, 5)] == [2, 3, 1]


# --- an event counts like a tag: everyone from PyCon in one step ------------------------------------------


@pytest.mark.parametrize(
    ("event", "key"),
    [
        ("PyCon", "@pycon"),
        ("PyCon US 2026", "@pycon-us-2026"),
        ("Café  Meetup", "@cafe-meetup"),
        (None, None),
    ],
)
def test_event_keys(event, key):
    from bot.domain.rhythm import event_key

    assert event_key(event) == key


def test_the_table_takes_events_and_the_shortest_of_tags_and_event_wins():
    from bot.domain.rhythm import keys_of, table_text

    known = ("investor", "@pycon", "@pycon-us")
    table = read_tag_table("@PyCon every 3 weeks\n@PyCon US 30\n#investor 30", known)
    assert isinstance(table, list)  # "@PyCon US 30" reads as @pycon plus a gap "US 30"
    table = read_tag_table("@PyCon every 3 weeks\n@pycon-us 30\n#investor 30", known)
    assert table == {"@pycon": Cadence(21, 31), "@pycon-us": Cadence(30, 45), "investor": Cadence(30, 45)}
    assert table_text(table) == "@pycon 21-31\n@pycon-us 30-45\n#investor 30-45"
    assert choose(None, keys_of(("investor",), "PyCon"), table, 30).tag == "@pycon"
    assert choose(None, keys_of(("investor",), "Other"), table, 30).tag == "investor"
    assert read_tag_table("@pycn 21", known) == [
        "Line 1: none of your contacts was met at @pycn. Did you mean @pycon, @pycon-us?"
    ]
