"""Block Kit of planned calls: the Plan it form (a datetimepicker at the user's best hour, and how),
its answer with Undo, the reminder DM with the Log call buttons, and the 📅 lines of Home and the digest.
"""

from __future__ import annotations

import json

from bot.domain.call_text import Refused
from bot.domain.plan import HOW_LABELS, REMIND_BEFORE, reminder_lead
from bot.services.plans import PickToPlan, Planned, Planner, PlanRow, Reminder, Unplanned
from handlers.blocks.contact_buttons import PLAN, contact_buttons
from handlers.blocks.kit import (
    Block,
    button,
    context,
    error_reply,
    escape,
    escape_keeping_members,
    modal,
    option,
    plain,
    section,
)

CALLBACK = "plan_call"
DONE_CALLBACK = "plan_call_done"
WHEN_BLOCK, HOW_BLOCK = "when", "how"
UNDO = "plan_undo"  # value: the plan id
RESULT_BLOCK = "plan_result"
MINUTES_BEFORE = int(REMIND_BEFORE.total_seconds() // 60)


def _best_line(planner: Planner) -> str:
    words = planner.best.words()
    if words:
        return f"Set to your best hour: {words}."
    return (
        "Set to an hour after your nudge time. Once you have logged 20 calls I learn when you reach "
        "people most often."
    )


def plan_modal(planner: Planner) -> dict:
    """The Plan it form for one contact."""
    how = [option(label, value) for value, label in HOW_LABELS.items()]
    blocks: list[Block] = [
        section(f"When will you call *{escape(planner.contact_name)}*?"),
        {
            "type": "input",
            "block_id": WHEN_BLOCK,
            "label": plain("Day and time"),
            "element": {
                "type": "datetimepicker",
                "action_id": "value",
                "initial_date_time": int(planner.default_at.timestamp()),
            },
        },
        {
            "type": "input",
            "block_id": HOW_BLOCK,
            "optional": True,
            "label": plain("How"),
            "element": {"type": "radio_buttons", "action_id": "value", "options": how},
        },
        context(
            f"{_best_line(planner)} I'll DM you {MINUTES_BEFORE} minutes before, with your talking points."
        ),
    ]
    metadata = json.dumps({"c": planner.contact_id})
    return modal(CALLBACK, "Plan a call", blocks, submit="Plan it", private_metadata=metadata)


def read_form(view: dict) -> tuple[str, int | None, str | None]:
    """(contact id, the picked instant as a Unix timestamp, how) from a submitted Plan it form."""
    try:
        contact_id = str(json.loads(view.get("private_metadata") or "{}").get("c", ""))
    except (ValueError, AttributeError):
        contact_id = ""
    values = (view.get("state") or {}).get("values") or {}
    picked = (values.get(WHEN_BLOCK) or {}).get("value") or {}
    stamp = picked.get("selected_date_time")
    how = ((values.get(HOW_BLOCK) or {}).get("value") or {}).get("selected_option") or {}
    return contact_id, stamp if isinstance(stamp, int) else None, how.get("value")


def planned_text(result: Planned) -> str:
    return (
        f"{result.words}: call with {escape(result.contact_name)} planned. "
        f"I'll DM you {MINUTES_BEFORE} minutes before, with your talking points."
    )


def planned_blocks(result: Planned, block_id: str = RESULT_BLOCK) -> list[Block]:
    text = (
        f"{result.words} · *{escape(result.contact_name)}*\n"
        f"Planned. I'll DM you {MINUTES_BEFORE} minutes before, with your talking points."
    )
    return [section(text, block_id=block_id, accessory=button("Undo", UNDO, str(result.plan_id)))]


def planned_reply(result: Planned) -> dict:
    """The ephemeral (or DM thread) answer to a plan typed as a line."""
    return {"response_type": "ephemeral", "text": planned_text(result), "blocks": planned_blocks(result)}


def planned_view(result: Planned) -> dict:
    return modal(DONE_CALLBACK, "Plan a call", planned_blocks(result), submit=None, close="Done")


def refused_view(message: str) -> dict:
    return modal(
        DONE_CALLBACK, "Plan a call", [section(f":warning: {escape(message)}")], submit=None, close="Done"
    )


def unplanned_text(result: Unplanned) -> str:
    return f"Plan undone: {escape(result.contact_name)} is back on the schedule they had."


def unplanned_view(result: Unplanned) -> dict:
    return modal(DONE_CALLBACK, "Plan a call", [section(unplanned_text(result))], submit=None, close="Done")


def pick_to_plan_reply(pick: PickToPlan) -> dict:
    """Several contacts match: one Plan it button each (the form opens with the best hour)."""
    blocks: list[Block] = [section(f"Several contacts match “{escape(pick.query)}”. Which one?")]
    for choice in pick.choices[:20]:
        blocks.append(
            section(
                f"*{escape(choice.choice_label)}*",
                block_id=f"plan_pick:{choice.id}",
                accessory=button("Plan it", PLAN, str(choice.id)),
            )
        )
    return {"response_type": "ephemeral", "text": "Which contact did you mean?", "blocks": blocks}


def render_reminder(reminder: Reminder) -> tuple[str, list[Block]]:
    """The reminder DM: `In 10 minutes: Ana Ruiz — your reason`, and the Log call buttons."""
    lead = reminder_lead(reminder.at, reminder.now)
    how = f" ({HOW_LABELS[reminder.how].lower()})" if reminder.how in HOW_LABELS else ""
    headline = f"*{lead}: {escape(reminder.contact_name)}*{how}"
    lines = [f"{headline} — {escape_keeping_members(reminder.reason)}" if reminder.reason else headline]
    if reminder.note:
        lines.append(f"_Your note:_ {escape(reminder.note)}")
    lines.append("After the call, log how it went.")
    blocks: list[Block] = [
        section("\n".join(lines), block_id=f"plan_reminder:{reminder.plan_id}"),
        contact_buttons(reminder.contact_id, snooze=False, let_go=False),
    ]
    text = f"{lead}: {escape(reminder.contact_name)}" + (
        f" — {escape_keeping_members(reminder.reason)}" if reminder.reason else ""
    )
    return text[:3000], blocks


def plan_lines(rows: tuple[PlanRow, ...], title: str) -> list[Block]:
    """One section listing planned calls (`📅 Thu 10:30 · Ana Ruiz`); nothing when there are none."""
    if not rows:
        return []
    lines = [f"{row.words} · {escape(row.contact_name)}" for row in rows]
    return [section(f"*{title}*\n" + "\n".join(lines), block_id="plans")]


def undo_row(result: Unplanned) -> list[Block]:
    return [section(unplanned_text(result), block_id=RESULT_BLOCK)]


def plan_answer(result: Planned | PickToPlan | Refused) -> dict:
    """The answer to a plan typed as a line (/called, the DM)."""
    if isinstance(result, Planned):
        return planned_reply(result)
    if isinstance(result, PickToPlan):
        return pick_to_plan_reply(result)
    return error_reply(result.message)
