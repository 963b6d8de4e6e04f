"""Feedback on reasons (issue 30), the pure parts: which kinds rank lower, how a tally reads, what a
button carries, the blocks Slack gets (and the double's checks of them), and the console's view."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.console.render import render_message
from bot.domain.feedback import (
    KIND_WORDS,
    Surface,
    Vote,
    VoteTarget,
    button_value,
    demoted_kinds,
    less_useful_line,
    read_button_value,
    tallies,
    useful_line,
)
from bot.domain.playbook import REASON_KINDS
from bot.domain.weekly import WeekCalls, WeeklyReview
from bot.testing.slackdouble.blockkit import validate_blocks
from handlers.blocks.feedback import FEEDBACK, feedback_block
from handlers.blocks.weekly import render_weekly

DAY = dt.date(2026, 11, 24)


def votes(**counts: tuple[int, int]) -> list[Vote]:
    """kind=(useful, not useful) as that many votes."""
    found = []
    for kind, (up, down) in counts.items():
        found += [Vote(kind, True)] * up + [Vote(kind, False)] * down
    return found


@pytest.mark.parametrize(
    ("given", "demoted"),
    [
        pytest.param({}, set(), id="no-votes"),
        pytest.param({"invite": (0, 2)}, set(), id="two-not-useful-is-not-enough"),
        pytest.param({"invite": (0, 3)}, {"invite"}, id="three-not-useful"),
        pytest.param({"invite": (3, 3)}, set(), id="as-many-useful-keeps-it"),
        pytest.param({"invite": (2, 3)}, {"invite"}, id="more-not-useful-than-useful"),
        pytest.param({"invite": (0, 4), "intro": (5, 1)}, {"invite"}, id="per-kind"),
    ],
)
def test_a_kind_ranks_lower_after_three_not_useful_and_more_than_useful(given, demoted):
    assert demoted_kinds(votes(**given)) == frozenset(demoted)


def test_the_tally_names_the_useful_kinds_in_the_users_words():
    counted = tallies(votes(intro=(4, 1), offer=(2, 0), invite=(0, 3), thread=(0, 1)))
    assert [t.kind for t in counted] == ["intro", "offer", "invite", "thread"]
    assert useful_line(counted) == "Useful for you: introductions (4 of 5), offers (2 of 2)"
    assert less_useful_line(counted) == "Less useful for you: event invitations (0 of 3)"
    assert useful_line(()) is None and less_useful_line(()) is None


def test_every_reason_kind_has_words():
    assert set(REASON_KINDS) <= set(KIND_WORDS)


def test_a_button_value_round_trips_and_forged_ones_are_refused():
    target = VoteTarget("referrer_thanks", 42, DAY, Surface.PREP)
    value = button_value(target, False)
    assert read_button_value(value) == (target, False)
    assert read_button_value(button_value(target, True)) == (target, True)
    for forged in (
        None,
        "",
        value + "|U2",  # a user id tucked in: not ours
        value.replace("42", "0"),
        value.replace("42", "-1"),
        value.replace("2026-11-24", "2026-13-01"),
        value.replace("prep", "home"),
        value.replace("referrer_thanks", "Robert'); DROP"),
        "*" + value[1:],
        "x" * 2000,
    ):
        assert read_button_value(forged) is None, forged


def test_the_block_is_slacks_feedback_buttons_and_the_double_checks_it():
    [block] = feedback_block("intro", 7, DAY, Surface.DIGEST, block_id="feedback:7")
    assert block["type"] == "context_actions"
    [element] = block["elements"]
    assert element["type"] == "feedback_buttons" and element["action_id"] == FEEDBACK
    assert read_button_value(element["positive_button"]["value"]) == (
        VoteTarget("intro", 7, DAY, Surface.DIGEST),
        True,
    )
    assert validate_blocks([block], "message") == []
    assert feedback_block(None, 7, DAY, Surface.DIGEST, block_id="x") == []  # a plain fallback line


def test_the_double_refuses_feedback_buttons_slack_would_refuse():
    [good] = feedback_block("intro", 7, DAY, Surface.DIGEST, block_id="feedback:7")
    element = good["elements"][0]
    no_value = {**element, "negative_button": {"text": element["negative_button"]["text"]}}
    long_text = {
        **element,
        "positive_button": {**element["positive_button"], "text": {"type": "plain_text", "text": "y" * 76}},
    }
    cases = {
        "outside": [{"type": "actions", "elements": [element]}],
        "no value": [{**good, "elements": [no_value]}],
        "long text": [{**good, "elements": [long_text]}],
        "a plain button": [
            {**good, "elements": [{"type": "button", "text": {"type": "plain_text", "text": "b"}}]}
        ],
        "six": [{**good, "elements": [element] * 6}],
        "duplicate": [{**good, "elements": [element, element]}],
    }
    for name, blocks in cases.items():
        assert validate_blocks(blocks, "message"), name


def test_the_console_shows_both_buttons_and_a_press_sends_that_ones_value():
    blocks = feedback_block("offer", 3, DAY, Surface.PREP, block_id="prep_feedback")
    shown = render_message({"text": "t", "blocks": blocks})
    assert shown.text == "[1] Useful  [2] Not useful"
    useful, not_useful = (c.element for c in shown.clickables)
    assert useful["type"] == not_useful["type"] == "feedback_buttons"
    assert useful["action_id"] == FEEDBACK and shown.clickables[0].block_id == "prep_feedback"
    assert read_button_value(useful["value"])[1] is True
    assert read_button_value(not_useful["value"])[1] is False


def test_the_weekly_look_back_says_which_kinds_were_useful():
    review = WeeklyReview(
        week_start=dt.date(2026, 11, 23),
        this_week=WeekCalls(3, 2),
        last_week=WeekCalls(0, 0),
        promises_kept=1,
        promises_open=0,
        slipping=(),
        encouragement="",
        usefulness=tallies(votes(intro=(4, 1), offer=(2, 0))),
    )
    _, blocks = render_weekly(review)
    texts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert any("Useful for you: introductions (4 of 5), offers (2 of 2)" in t for t in texts)
    assert validate_blocks(blocks, "message") == []
