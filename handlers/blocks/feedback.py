""" "Useful / Not useful" under a reason to call (issue 30): Slack's feedback buttons element in a
context actions block. Each button's value says which reason kind, contact and day it judges
(bot.domain.feedback.button_value); the user is whoever presses it. And what the votes add up to."""

from __future__ import annotations

import datetime as dt

from bot.domain.feedback import KindTally, Surface, VoteTarget, button_value, less_useful_line, useful_line
from handlers.blocks.kit import BUTTON_TEXT_MAX, Block, context, escape, plain

FEEDBACK = "reason_feedback"  # the feedback_buttons element's action_id


def _button(text: str, label: str, value: str) -> dict:
    return {"text": plain(text, BUTTON_TEXT_MAX), "value": value, "accessibility_label": label}


def feedback_block(
    kind: str | None, contact_id: int, on: dt.date, surface: Surface, *, block_id: str
) -> list[Block]:
    """The buttons as a one-block list, or no block for a reason without a kind (a plain fallback)."""
    if not kind:
        return []
    target = VoteTarget(kind, contact_id, on, surface)
    element = {
        "type": "feedback_buttons",
        "action_id": FEEDBACK,
        "positive_button": _button("Useful", "This reason to call is useful", button_value(target, True)),
        "negative_button": _button(
            "Not useful", "This reason to call is not useful", button_value(target, False)
        ),
    }
    return [{"type": "context_actions", "block_id": block_id[:255], "elements": [element]}]


def usefulness_blocks(counted: tuple[KindTally, ...]) -> list[Block]:
    """Which kinds of reasons the user marked useful, and which now come lower (App Home, the weekly
    look back): one context block, none before the first vote."""
    lines = [line for line in (useful_line(counted), less_useful_line(counted)) if line]
    return [context(*(f":bar_chart: {escape(line)}." for line in lines))] if lines else []
