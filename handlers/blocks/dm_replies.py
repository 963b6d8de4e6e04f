"""What Warmcall answers, in the thread, to a plain message in its DM: the same confirmations and
buttons as /called and /met (Undo included), or one short help line with an example."""

from __future__ import annotations

from bot.domain.dm_reply import Verb
from bot.services import calls
from bot.services.contacts import Duplicate, Problem, Saved
from bot.services.dm_replies import Answer, Help, PickFor
from bot.services.plans import PickToPlan, Planned
from handlers.blocks.answers import answer_message, what_can_be_asked
from handlers.blocks.called import (
    TOO_LONG_FOR_BUTTONS,
    ask_outcome_reply,
    logged_reply,
    not_found_text,
    pick_reply,
)
from handlers.blocks.contact_buttons import SNOOZE
from handlers.blocks.kit import Block, button, error_reply, escape, section
from handlers.blocks.met import duplicate_message, problem_message, saved_message
from handlers.blocks.plan import plan_answer
from handlers.blocks.story import PROMISE_KEPT

EXAMPLES = "`called Jane, voicemail` · `Jane reached: wants the case study` · `met Tom Lee of Globex`"
HELP_LINES = {
    Verb.UNREADABLE: f"I log calls and contacts from a line that starts with what happened, like {EXAMPLES}.",
    Verb.HELP: (
        "Tell me what happened in one line and I'll log it:\n"
        "• `called Jane, voicemail` or `Jane reached: wants the case study`\n"
        "• `met Tom Lee of Globex at the meetup yesterday`\n"
        "• `snooze Ravi 2w` · `done Jane` (you kept your promise to her)\n"
        "In the thread of your morning list you can leave the name out: `voicemail`, `snooze 1w`."
    ),
    Verb.CALLED: "Tell me whom you called and how it went, like `called Jane, voicemail`.",
    Verb.MET: "Tell me whom you met, like `met Tom Lee of Globex at the meetup yesterday`.",
    Verb.SNOOZE: "Tell me whom to put off and for how long, like `snooze Ravi 2w`.",
    Verb.DONE: "Tell me whose promise you kept, like `done Jane`.",
}


def pick_for_blocks(pick: PickFor) -> list[Block]:
    """One row per choice, each with its own button (so every action id in a block is unique)."""
    if pick.verb is Verb.SNOOZE:
        label, action = "Snooze", SNOOZE
        value = (lambda cid: f"{cid}:{pick.days}") if pick.days else str
    else:
        label, action, value = "✓ Promise kept", PROMISE_KEPT, str
    lead = f"Several contacts match “{escape(pick.query)}”. Which one did you mean?"
    blocks: list[Block] = [section(lead)]
    for choice in pick.choices[:20]:
        blocks.append(
            section(
                f"*{escape(choice.choice_label)}*",
                block_id=f"dm_pick:{choice.id}",
                accessory=button(label, action, value(choice.id)),
            )
        )
    return blocks


def dm_answer(result: Answer) -> dict | None:
    """(text, blocks) of the thread reply, as a dict for chat.postMessage; None: nothing to say."""
    message = _message(result)
    if message is None:
        return None
    return {"text": message["text"], "blocks": message["blocks"]}


def _message(result: Answer) -> dict | None:
    if isinstance(result, Help):
        if result.verb is Verb.UNREADABLE:
            return what_can_be_asked("I didn't catch that. Here is what I understand:")
        return error_reply(HELP_LINES[result.verb]) if result.verb is not Verb.HELP else _help()
    if isinstance(result, (Planned, PickToPlan)):
        return plan_answer(result)
    answered = answer_message(result)
    if answered is not None:
        return answered
    if isinstance(result, calls.Logged):
        return logged_reply(result)
    if isinstance(result, calls.AskOutcome):
        return ask_outcome_reply(result) or error_reply(TOO_LONG_FOR_BUTTONS)
    if isinstance(result, calls.AskPick):
        return pick_reply(result) or error_reply(TOO_LONG_FOR_BUTTONS)
    if isinstance(result, PickFor):
        blocks = pick_for_blocks(result)
        return {"text": "Which contact did you mean?", "blocks": blocks}
    if isinstance(result, calls.NotFound):
        return error_reply(not_found_text(result))
    if isinstance(result, Saved):
        return saved_message(result)
    if isinstance(result, Duplicate):
        return duplicate_message(result)
    if isinstance(result, Problem):
        return problem_message(result)
    if isinstance(result, calls.Refused):
        return error_reply(result.message)
    return None  # Gone: another worker answered


def _help() -> dict:
    return what_can_be_asked()
