"""Block Kit for logging calls: confirmations with Undo, outcome buttons, pick buttons (SPEC §5).

Button values are small JSON objects: `{"c": contact id, "o": outcome, "t": "[DATE] [: NOTES]"}`.
The contact id in them is never trusted alone: bot.services.calls loads the contact with the clicking user.
"""

from __future__ import annotations

import json

from bot.domain.cadence import OUTCOME_LABELS, day_label
from bot.domain.vocabulary import Action, Outcome, Stage
from bot.services.calls import AskOutcome, AskPick, Logged, NotFound, Undone
from handlers.blocks.contact_buttons import contact_buttons
from handlers.blocks.kit import (
    BUTTON_VALUE_MAX,
    Block,
    Mrkdwn,
    actions,
    button,
    context,
    ephemeral,
    escape,
    section,
)
from handlers.blocks.story import STORY_KINDS, STORY_WORDS, after_call_blocks, call_notices, story_logged_text

OUTCOME_ACTION = "called_outcome_"  # + the outcome value: one action id per button in the row
PICK_ACTION = "called_pick_"  # + the choice's position
UNDO_ACTION = "called_undo"
RESULT_BLOCK = "called_result"

_ACTION_WORDS = {
    Action.SNOOZE.value: "💤 Snoozed",
    Action.LET_GO.value: "👋 Let go",
    Action.REVIVE.value: "🌱 Revived",
}


def button_value(contact_id: int, outcome: str | None, carry: str) -> str | None:
    """The JSON a pick or outcome button carries; None when the typed notes are too long for one."""
    value = json.dumps({"c": contact_id, "o": outcome or "", "t": carry}, ensure_ascii=False)
    return value if len(value) <= BUTTON_VALUE_MAX else None


def read_value(value: str | None) -> tuple[str, str, str]:
    """(contact id, outcome, carry) from a button value; empty strings for anything malformed."""
    try:
        data = json.loads(value or "")
    except ValueError:
        return "", "", ""
    if not isinstance(data, dict):
        return "", "", ""
    return str(data.get("c", "")), str(data.get("o", "")), str(data.get("t", ""))


def _name(name: str) -> str:
    return f"*{escape(name)}*"


def logged_text(result: Logged) -> str:
    """One line: what was logged and when the next nudge comes, with the reason."""
    if result.kind in STORY_KINDS:
        return story_logged_text(result)
    text = _logged_line(result)
    if result.cadence_set:
        text += f"\n🔁 Your rhythm with {_name(result.contact_name)}: {escape(result.cadence_set)} after you talk."
    notices = call_notices(result)
    return f"{text}\n{notices}" if notices else text


def _logged_line(result: Logged) -> str:
    name = _name(result.contact_name)
    again = "That was already logged. " if result.repeated else ""
    if result.kind == Action.SNOOZE.value:
        return f"{again}💤 {name} is snoozed until *{day_label(result.next_due, result.on)}* ({escape(result.reason)})."
    if result.kind == Action.LET_GO.value:
        return f"{again}👋 You let {name} go: no more nudges. You can revive them whenever you like."
    if result.kind == Action.REVIVE.value:
        return f"{again}🌱 {name} is back on your list: next follow-up *{day_label(result.next_due, result.on)}*."
    label = OUTCOME_LABELS.get(Outcome(result.kind), result.kind)
    if result.next_due is None:
        return f"{again}{label}: {name}. No more nudges about them; you can revive them later."
    logged = "logged " if result.kind == Outcome.MEETING.value else ""  # the meeting's own day is below
    return (
        f"{again}{label}: {name} ({logged}{day_label(result.on)}).\n"
        f"Next follow-up *{day_label(result.next_due, result.on)}*: {escape(result.reason)}."
    )


def logged_block(result: Logged, block_id: str = RESULT_BLOCK) -> Block:
    undo = button("Undo", UNDO_ACTION, str(result.interaction_id))
    return section(logged_text(result), block_id=block_id, accessory=undo)


def logged_reply(result: Logged) -> dict:
    """The /called confirmation, and what it asks next (a promise kept? thank the referrer?)."""
    return ephemeral([logged_block(result), *after_call_blocks(result)], logged_text(result))


def undone_text(result: Undone) -> str:
    what = _ACTION_WORDS.get(result.kind) or STORY_WORDS.get(result.kind)
    what = what or OUTCOME_LABELS.get(Outcome(result.kind), result.kind)
    if result.next_due is None:
        after = "no follow-up scheduled"
    else:
        after = f"next follow-up *{day_label(result.next_due)}*"
    return f"↩️ Undone ({what}). {_name(result.contact_name)} is back as before: {after}."


def undone_blocks(result: Undone, block_id: str) -> list[Block]:
    """What replaces a confirmation after Undo: the contact's buttons again inside a bigger message
    (a digest row), otherwise a line saying it was undone."""
    if block_id.startswith("contact:"):
        let_go = result.stage != Stage.LET_GO
        return [contact_buttons(result.contact_id, let_go=let_go, revive=not let_go, block_id=block_id)]
    return [section(undone_text(result), block_id=block_id)]


def outcome_row(contact_id: int, carry: str) -> Block | None:
    elements = []
    for outcome in Outcome:
        value = button_value(contact_id, outcome.value, carry)
        if value is None:
            return None
        elements.append(button(OUTCOME_LABELS[outcome], OUTCOME_ACTION + outcome.value, value))
    return actions(elements, block_id=f"called_outcomes:{contact_id}")


def ask_outcome_reply(ask: AskOutcome) -> dict | None:
    row = outcome_row(ask.contact.id, ask.carry)
    if row is None:
        return None
    lead = f"How did it go with {_name(ask.contact.label)}?"
    if ask.unknown:
        lead = f"I don't know the outcome “{escape(ask.unknown)}”. " + lead
    hint = "Next time you can type it: `/called NAME reached`, `voicemail`, `meeting friday`…"
    return ephemeral([section(lead), row, context(hint)], lead)


def pick_reply(ask: AskPick) -> dict | None:
    elements = []
    for i, choice in enumerate(ask.choices):
        value = button_value(choice.id, ask.outcome.value if ask.outcome else None, ask.carry)
        if value is None:
            return None
        elements.append(button(choice.choice_label, f"{PICK_ACTION}{i}", value))
    lead = f"Several contacts match “{escape(ask.query)}”. Which one did you mean?"
    return ephemeral([section(lead), actions(elements, block_id="called_pick")], lead)


def not_found_text(missing: NotFound) -> Mrkdwn:
    query = escape(missing.query)
    if missing.suggestions:
        names = ", ".join(_name(c.label) for c in missing.suggestions)
        return Mrkdwn(
            f"I can't find “{query}” among your contacts. Did you mean {names}? Type the name as shown."
        )
    return Mrkdwn(
        f"I can't find “{query}” among your contacts. Check the spelling, or add them with `/met {query}`."
    )


TOO_LONG_FOR_BUTTONS = (
    "Your notes are too long to carry over to a button. Type the full name and the outcome, "
    "like `/called Jane Doe reached: …`, and I'll log it straight away."
)
