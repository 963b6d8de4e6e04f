"""Cadence rules (SPEC §7): every row of the table, custom work weeks, the override file, outcome words."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from bot.domain.cadence import (
    DEFAULT_RULES,
    OUTCOME_LABELS,
    CadenceConfigError,
    CadenceRules,
    ContactState,
    FollowUp,
    add_business_days,
    first_follow_up,
    let_go,
    next_follow_up,
    parse_outcome,
    revive,
    snooze,
    split_outcome,
)
from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, Outcome, Stage
from bot.services.cadence_file import load_rules, rules_from_env

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, d) for d in range(23, 30))  # one week of Nov 2026
NEXT_MON, NEXT_TUE = date(2026, 11, 30), date(2026, 12, 1)
WEEKDAYS = DEFAULT_NUDGE_DAYS
TUE_THU = frozenset({1, 3})
SUN_TO_THU = frozenset({6, 0, 1, 2, 3})

NEW = ContactState(Stage.NEW)
ACTIVE = ContactState(Stage.ACTIVE)


def unanswered(streak: int) -> ContactState:
    return ContactState(Stage.ACTIVE, unanswered_streak=streak)


# --- met --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "promise", "nudge_days", "due", "reason"),
    [
        pytest.param(TUE, None, WEEKDAYS, THU, "2 business days after you met", id="tue-to-thu"),
        pytest.param(THU, None, WEEKDAYS, NEXT_MON, "2 business days", id="thu-to-mon-across-weekend"),
        pytest.param(FRI, None, WEEKDAYS, NEXT_TUE, "2 business days", id="fri-to-tue"),
        pytest.param(SAT, None, WEEKDAYS, NEXT_TUE, "2 business days", id="met-on-saturday"),
        pytest.param(
            TUE, WED, WEEKDAYS, WED, "you promised something by Wed 25 Nov", id="promise-earlier-wins"
        ),
        pytest.param(TUE, TUE, WEEKDAYS, TUE, "by Tue 24 Nov", id="promise-today-wins"),
        pytest.param(TUE, FRI, WEEKDAYS, THU, "after you met", id="promise-later-loses"),
        pytest.param(TUE, THU, WEEKDAYS, THU, "after you met", id="promise-same-day-loses"),
        pytest.param(THU, SAT, WEEKDAYS, FRI, "by Sat 28 Nov", id="promise-on-weekend-comes-before-it"),
        pytest.param(TUE, MON, WEEKDAYS, TUE, "by Mon 23 Nov", id="promise-before-met-is-met-day"),
        pytest.param(MON, None, TUE_THU, THU, "2 business days", id="tue-thu-only"),
        pytest.param(THU, None, SUN_TO_THU, NEXT_MON, "2 business days", id="sun-to-thu-week"),
        pytest.param(WED, None, SUN_TO_THU, SUN, "2 business days", id="sun-to-thu-friday-off"),
        pytest.param(THU, None, frozenset(), NEXT_MON, "2 business days", id="no-nudge-days-means-mon-fri"),
    ],
)
def test_first_follow_up(met_on, promise, nudge_days, due, reason):
    follow = first_follow_up(met_on, promise, nudge_days)
    assert follow.next_due == due
    assert follow.stage is Stage.NEW
    assert follow.unanswered_streak == 0
    assert reason in follow.reason


# --- call outcomes -----------------------------------------------------------------------------------

OUTCOME_CASES = [
    # (state, outcome, on, nudge_days, meeting_on) -> (next_due, stage, streak, words in the reason)
    pytest.param(NEW, Outcome.REACHED, TUE, WEEKDAYS, None, date(2026, 12, 24), Stage.ACTIVE, 0, "30 days after you talked", id="reached-plus-30"),
    pytest.param(ACTIVE, Outcome.REACHED, THU, WEEKDAYS, None, date(2026, 12, 28), Stage.ACTIVE, 0, "moved to Mon", id="reached-snapped-off-saturday"),
    pytest.param(unanswered(4), Outcome.REACHED, TUE, WEEKDAYS, None, date(2026, 12, 24), Stage.ACTIVE, 0, "30 days", id="reached-resets-streak"),
    pytest.param(ContactState(Stage.DORMANT, 6), Outcome.REACHED, TUE, WEEKDAYS, None, date(2026, 12, 24), Stage.ACTIVE, 0, "30 days", id="reached-wakes-dormant"),
    pytest.param(NEW, Outcome.VOICEMAIL, TUE, WEEKDAYS, None, FRI, Stage.ACTIVE, 1, "3 business days after a voicemail", id="voicemail-1st"),
    pytest.param(NEW, Outcome.VOICEMAIL, THU, WEEKDAYS, None, NEXT_TUE, Stage.ACTIVE, 1, "3 business days", id="voicemail-1st-across-weekend"),
    pytest.param(unanswered(1), Outcome.NO_ANSWER, TUE, WEEKDAYS, None, FRI, Stage.ACTIVE, 2, "3 business days after no answer", id="no-answer-2nd"),
    pytest.param(unanswered(2), Outcome.VOICEMAIL, TUE, WEEKDAYS, None, date(2026, 12, 8), Stage.ACTIVE, 3, "3 tries in a row without an answer, so we give it 14 days", id="voicemail-3rd-plus-14"),
    pytest.param(unanswered(3), Outcome.NO_ANSWER, TUE, WEEKDAYS, None, date(2026, 12, 8), Stage.ACTIVE, 4, "14 days", id="no-answer-4th"),
    pytest.param(unanswered(4), Outcome.VOICEMAIL, TUE, WEEKDAYS, None, date(2026, 12, 8), Stage.ACTIVE, 5, "14 days", id="voicemail-5th"),
    pytest.param(unanswered(3), Outcome.VOICEMAIL, SAT, WEEKDAYS, None, date(2026, 12, 14), Stage.ACTIVE, 4, "moved to Mon", id="plus-14-snapped-off-saturday"),
    pytest.param(unanswered(5), Outcome.NO_ANSWER, TUE, WEEKDAYS, None, WED, Stage.DORMANT, 6, "asks whether to let go", id="no-answer-6th-dormant"),
    pytest.param(unanswered(5), Outcome.VOICEMAIL, FRI, WEEKDAYS, None, NEXT_MON, Stage.DORMANT, 6, "let go", id="dormant-asks-next-business-day"),
    pytest.param(unanswered(2), Outcome.EMAILED, THU, WEEKDAYS, None, NEXT_MON, Stage.ACTIVE, 2, "2 business days after your e-mail", id="emailed-across-weekend-keeps-streak"),
    pytest.param(NEW, Outcome.MEETING, TUE, WEEKDAYS, FRI, NEXT_MON, Stage.ACTIVE, 0, "the business day after your meeting on Fri 27 Nov", id="meeting-friday-to-monday"),
    pytest.param(unanswered(2), Outcome.MEETING, TUE, WEEKDAYS, WED, THU, Stage.ACTIVE, 0, "meeting on Wed 25 Nov", id="meeting-resets-streak"),
    pytest.param(ACTIVE, Outcome.MEETING, TUE, WEEKDAYS, MON, TUE, Stage.ACTIVE, 0, "Mon 23 Nov", id="meeting-in-the-past-taken-as-given"),
    pytest.param(ACTIVE, Outcome.MEETING, TUE, WEEKDAYS, None, NEXT_TUE, Stage.ACTIVE, 0, "no date yet, so we come back to it in 7 days", id="meeting-no-date-plus-7"),
    pytest.param(ACTIVE, Outcome.MEETING, SAT, WEEKDAYS, None, date(2026, 12, 7), Stage.ACTIVE, 0, "moved to Mon", id="meeting-no-date-snapped"),
    pytest.param(ACTIVE, Outcome.LATER, TUE, WEEKDAYS, None, date(2027, 2, 22), Stage.ACTIVE, 0, "they said later, so we wait 90 days", id="later-plus-90"),
    pytest.param(unanswered(3), Outcome.NO, TUE, WEEKDAYS, None, None, Stage.LET_GO, 0, "they said no, so we let go (you can revive them)", id="no-lets-go"),
    pytest.param(NEW, Outcome.VOICEMAIL, MON, TUE_THU, None, date(2026, 12, 1), Stage.ACTIVE, 1, "3 business days", id="voicemail-tue-thu-only"),
    pytest.param(ACTIVE, Outcome.REACHED, THU, TUE_THU, None, date(2026, 12, 29), Stage.ACTIVE, 0, "moved to Tue", id="reached-tue-thu-only"),
    pytest.param(ACTIVE, Outcome.REACHED, THU, SUN_TO_THU, None, date(2026, 12, 27), Stage.ACTIVE, 0, "moved to Sun", id="reached-sun-to-thu-week"),
    pytest.param(ACTIVE, Outcome.MEETING, TUE, SUN_TO_THU, THU, SUN, Stage.ACTIVE, 0, "business day after", id="meeting-sun-to-thu-week"),
    pytest.param(ACTIVE, Outcome.EMAILED, THU, frozenset(), None, NEXT_MON, Stage.ACTIVE, 0, "2 business days", id="emailed-no-nudge-days-means-mon-fri"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("state", "outcome", "on", "nudge_days", "meeting_on", "due", "stage", "streak", "reason"), OUTCOME_CASES
)
def test_next_follow_up(state, outcome, on, nudge_days, meeting_on, due, stage, streak, reason):
    follow = next_follow_up(state, outcome, on, nudge_days, meeting_on=meeting_on)
    assert (follow.next_due, follow.stage, follow.unanswered_streak) == (due, stage, streak)
    assert reason in follow.reason


def test_six_unanswered_in_a_row_walk_the_whole_ladder():
    state, on, seen = NEW, TUE, []
    for _ in range(6):
        follow = next_follow_up(state, Outcome.VOICEMAIL, on, WEEKDAYS)
        seen.append((follow.next_due, follow.stage))
        state, on = ContactState(follow.stage, follow.unanswered_streak, follow.next_due), follow.next_due
    assert seen == [
        (FRI, Stage.ACTIVE),  # + 3 business days
        (date(2026, 12, 2), Stage.ACTIVE),  # Fri + 3 business days: Wed
        (date(2026, 12, 16), Stage.ACTIVE),  # 3rd: + 14 days
        (date(2026, 12, 30), Stage.ACTIVE),
        (date(2027, 1, 13), Stage.ACTIVE),
        (date(2027, 1, 14), Stage.DORMANT),  # 6th: the next business day, to ask "let go?"
    ]
    assert state.unanswered_streak == 6


def test_meeting_date_is_ignored_for_other_outcomes():
    follow = next_follow_up(ACTIVE, Outcome.LATER, TUE, WEEKDAYS, meeting_on=WED)
    assert follow.next_due == date(2027, 2, 22)


def test_custom_rules_change_the_numbers():
    rules = CadenceRules(reached_days=21, unanswered_long_after=2, dormant_after=3)
    assert next_follow_up(ACTIVE, Outcome.REACHED, TUE, WEEKDAYS, rules=rules).next_due == date(2026, 12, 15)
    assert "21 days" in next_follow_up(ACTIVE, Outcome.REACHED, TUE, WEEKDAYS, rules=rules).reason
    assert next_follow_up(unanswered(1), Outcome.VOICEMAIL, TUE, WEEKDAYS, rules=rules).next_due == date(
        2026, 12, 8
    )
    assert next_follow_up(unanswered(2), Outcome.VOICEMAIL, TUE, WEEKDAYS, rules=rules).stage is Stage.DORMANT


# --- snooze, let go, revive ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "days", "nudge_days", "expected"),
    [
        pytest.param(
            ACTIVE, None, None, FollowUp(NEXT_TUE, Stage.ACTIVE, 0, "snoozed for 7 days"), id="default-7"
        ),
        pytest.param(
            unanswered(2),
            3,
            None,
            FollowUp(FRI, Stage.ACTIVE, 2, "snoozed for 3 days"),
            id="custom-3-keeps-streak",
        ),
        pytest.param(NEW, 1, None, FollowUp(WED, Stage.NEW, 0, "snoozed for 1 day"), id="new-stays-new"),
        pytest.param(
            ACTIVE,
            4,
            None,
            FollowUp(SAT, Stage.ACTIVE, 0, "snoozed for 4 days"),
            id="exact-day-without-nudge-days",
        ),
        pytest.param(
            ACTIVE,
            4,
            WEEKDAYS,
            FollowUp(NEXT_MON, Stage.ACTIVE, 0, "snoozed for 4 days, moved to Mon (your next nudge day)"),
            id="snapped-with-nudge-days",
        ),
        pytest.param(
            ContactState(Stage.LET_GO),
            None,
            None,
            FollowUp(None, Stage.LET_GO, 0, "let go, so there is nothing to snooze"),
            id="let-go-stays-let-go",
        ),
    ],
)
def test_snooze(state, days, nudge_days, expected):
    assert snooze(state, TUE, days, nudge_days=nudge_days) == expected


def test_snooze_default_follows_the_rules_table():
    assert snooze(ACTIVE, TUE, rules=CadenceRules(snooze_days=2)).next_due == THU


def test_snooze_refuses_zero_days():
    with pytest.raises(ValueError, match="1 day or more"):
        snooze(ACTIVE, TUE, 0)


def test_let_go_stops_nudges_and_revive_brings_them_back():
    gone = let_go(ContactState(Stage.DORMANT, 6, WED), TUE)
    assert (gone.next_due, gone.stage, gone.unanswered_streak) == (None, Stage.LET_GO, 6)
    assert "revive" in gone.reason
    back = revive(ContactState(gone.stage, gone.unanswered_streak), FRI, WEEKDAYS)
    assert (back.next_due, back.stage, back.unanswered_streak) == (NEXT_MON, Stage.ACTIVE, 0)
    assert revive(ContactState(Stage.LET_GO), WED, SUN_TO_THU).next_due == THU
    assert revive(ContactState(Stage.LET_GO), THU, SUN_TO_THU).next_due == SUN


# --- business days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "nudge_days", "expected"),
    [
        pytest.param(FRI, 1, WEEKDAYS, NEXT_MON, id="fri+1-is-mon"),
        pytest.param(SAT, 1, WEEKDAYS, NEXT_MON, id="sat+1-is-mon"),
        pytest.param(WED, 0, WEEKDAYS, WED, id="zero-is-the-same-day"),
        pytest.param(MON, 5, WEEKDAYS, NEXT_MON, id="a-full-week"),
        pytest.param(TUE, 1, TUE_THU, THU, id="tue-thu"),
        pytest.param(THU, 1, TUE_THU, NEXT_TUE, id="thu-to-tue"),
        pytest.param(THU, 1, SUN_TO_THU, SUN, id="sun-to-thu"),
        pytest.param(FRI, 1, frozenset(), NEXT_MON, id="empty-means-mon-fri"),
        pytest.param(FRI, 1, frozenset({9}), NEXT_MON, id="nonsense-days-mean-mon-fri"),
    ],
)
def test_add_business_days(day, n, nudge_days, expected):
    assert add_business_days(day, n, nudge_days) == expected


# --- the cadence file --------------------------------------------------------------------------------


def test_defaults_match_spec():
    assert asdict(DEFAULT_RULES) == {
        "met_business_days": 2,
        "reached_days": 30,
        "unanswered_business_days": 3,
        "busy_business_days": 1,
        "wrong_number_business_days": 1,
        "unanswered_long_after": 3,
        "unanswered_long_days": 14,
        "dormant_after": 6,
        "emailed_business_days": 2,
        "meeting_no_date_days": 7,
        "later_days": 90,
        "snooze_days": 7,
        "lukewarm_after_days": 60,
    }


def test_load_rules_overrides_only_what_is_named(tmp_path):
    path = tmp_path / "cadence.toml"
    path.write_text("[cadence]\nreached_days = 21\nlater_days = 60\n", encoding="utf-8")
    assert load_rules(path) == CadenceRules(reached_days=21, later_days=60)
    assert load_rules(str(path)).met_business_days == 2


def test_empty_file_means_defaults(tmp_path):
    path = tmp_path / "cadence.toml"
    path.write_text("# nothing to change\n", encoding="utf-8")
    assert load_rules(path) == DEFAULT_RULES


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        pytest.param("[cadence]\nreachd_days = 21\n", ["'reachd_days'", "did you mean 'reached_days'?"], id="typo"),
        pytest.param("[cadence]\ncoffee = 1\n", ["unknown key 'coffee'", "known keys: met_business_days"], id="unknown"),
        pytest.param("[cadence]\nreached_days = -3\n", ["reached_days = -3", "whole number from 1", "default is reached_days = 30"], id="negative"),
        pytest.param("[cadence]\nlater_days = 0\n", ["later_days = 0", "from 1 to 3650"], id="zero"),
        pytest.param("[cadence]\nsnooze_days = 2.5\n", ["snooze_days = 2.5", "whole number"], id="fraction"),
        pytest.param('[cadence]\nsnooze_days = "7"\n', ["snooze_days = '7'", "whole number"], id="string"),
        pytest.param("[cadence]\nsnooze_days = true\n", ["snooze_days = True"], id="boolean"),
        pytest.param("[cadence]\nlater_days = 100000\n", ["later_days = 100000", "3650"], id="too-big"),
        pytest.param("reached_days = 21\n", ["unknown top-level key 'reached_days'", "[cadence] table"], id="no-table"),
        pytest.param("cadence = 3\n", ["must be a table"], id="cadence-not-a-table"),
        pytest.param("[cadence\n", ["not valid TOML"], id="bad-toml"),
    ],
)  # fmt: skip
def test_load_rules_errors_name_the_file_the_key_and_the_fix(tmp_path, text, fragments):
    path = tmp_path / "cadence.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CadenceConfigError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(CadenceConfigError, match="not found; check WARMCALL_CADENCE_FILE"):
        load_rules(tmp_path / "nope.toml")


def test_rules_from_env(tmp_path):
    path = tmp_path / "cadence.toml"
    path.write_text("[cadence]\nsnooze_days = 3\n", encoding="utf-8")
    assert rules_from_env({}) is DEFAULT_RULES
    assert rules_from_env({"WARMCALL_CADENCE_FILE": ""}) is DEFAULT_RULES
    assert rules_from_env({"WARMCALL_CADENCE_FILE": str(path)}).snooze_days == 3


# --- outcome words ---------------------------------------------------------------------------------------

WORDS = [
    ("reached", Outcome.REACHED), ("talked", Outcome.REACHED), ("spoke", Outcome.REACHED),
    ("connected", Outcome.REACHED), ("voicemail", Outcome.VOICEMAIL), ("vm", Outcome.VOICEMAIL),
    ("left-message", Outcome.VOICEMAIL), ("left message", Outcome.VOICEMAIL),
    ("no-answer", Outcome.NO_ANSWER), ("noanswer", Outcome.NO_ANSWER), ("no answer", Outcome.NO_ANSWER),
    ("missed", Outcome.NO_ANSWER), ("emailed", Outcome.EMAILED), ("e-mailed", Outcome.EMAILED),
    ("e-mailed to schedule", Outcome.EMAILED), ("emailed to schedule", Outcome.EMAILED),
    ("meeting", Outcome.MEETING), ("booked", Outcome.MEETING), ("later", Outcome.LATER),
    ("not-now", Outcome.LATER), ("not now", Outcome.LATER), ("not-ready", Outcome.LATER),
    ("no", Outcome.NO), ("declined", Outcome.NO), ("not-interested", Outcome.NO),
    ("not interested", Outcome.NO), ("let-go", Outcome.NO), ("let go", Outcome.NO),
    ("REACHED", Outcome.REACHED), ("No_Answer", Outcome.NO_ANSWER), ("  VM  ", Outcome.VOICEMAIL),
    ("reached.", Outcome.REACHED), ("Not  Interested", Outcome.NO),
]  # fmt: skip


@pytest.mark.parametrize(("word", "outcome"), [pytest.param(w, o, id=w.strip()) for w, o in WORDS])
def test_parse_outcome(word, outcome):
    assert parse_outcome(word) is outcome


@pytest.mark.parametrize("word", ["", "yes", "reach", "answer", "not", "maybe later", "noah"])
def test_parse_outcome_unknown(word):
    assert parse_outcome(word) is None


def test_every_outcome_has_a_short_label_with_an_emoji():
    assert set(OUTCOME_LABELS) == set(Outcome)
    for label in OUTCOME_LABELS.values():
        assert len(label) <= 20
        assert not label[0].isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Jane reached", ("Jane", Outcome.REACHED, ""), id="plain"),
        pytest.param("Noah Later", ("Noah", Outcome.LATER, ""), id="noah-later-reads-as-later"),
        pytest.param("Noah Later later", ("Noah Later", Outcome.LATER, ""), id="noah-later-later"),
        pytest.param("Bob No reached", ("Bob No", Outcome.REACHED, ""), id="bob-no-reached"),
        pytest.param("Bob Noble no", ("Bob Noble", Outcome.NO, ""), id="bob-noble-no"),
        pytest.param(
            "Jane reached 2026-11-20: talked about X",
            ("Jane", Outcome.REACHED, "2026-11-20: talked about X"),
            id="date-and-notes",
        ),
        pytest.param(
            "Jane Doe meeting 2026-12-03: booked for 10:30, no rush",
            ("Jane Doe", Outcome.MEETING, "2026-12-03: booked for 10:30, no rush"),
            id="outcome-words-in-notes-ignored",
        ),
        pytest.param("Jane Doe no answer", ("Jane Doe", Outcome.NO_ANSWER, ""), id="two-word-outcome"),
        pytest.param(
            "José Núñez NOT INTERESTED", ("José Núñez", Outcome.NO, ""), id="upper-case-accented-name"
        ),
        pytest.param("Ann e-mailed to schedule", ("Ann", Outcome.EMAILED, ""), id="three-word-outcome"),
        pytest.param(
            "Ann Lee left message: at 10:30", ("Ann Lee", Outcome.VOICEMAIL, ": at 10:30"), id="notes-only"
        ),
        pytest.param("Jane Doe", ("Jane Doe", None, ""), id="name-only"),
        pytest.param("Jane Doe phoned", ("Jane Doe phoned", None, ""), id="unknown-word"),
        pytest.param("Jane: she was busy", ("Jane", None, ": she was busy"), id="no-outcome-with-notes"),
        pytest.param("reached", ("reached", None, ""), id="outcome-needs-a-name"),
        pytest.param("  Jane   Doe   vm  ", ("Jane   Doe", Outcome.VOICEMAIL, ""), id="spacing"),
        pytest.param("", ("", None, ""), id="empty"),
    ],
)
def test_split_outcome(text, expected):
    assert split_outcome(text) == expected


def test_contact_state_of_a_row():
    class Row:
        stage, unanswered_streak, next_due = "dormant", None, WED

    assert ContactState.of(Row()) == ContactState(Stage.DORMANT, 0, WED)
