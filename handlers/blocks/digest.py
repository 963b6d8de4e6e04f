"""Block Kit of the daily digest DM (SPEC §8): who to call today, why, a button row per contact, and
"Useful / Not useful" under each reason the talking-points engine gave (3 blocks a row: 10 rows and
the header and footer stay at 34 of Slack's 50)."""

from __future__ import annotations

import datetime as dt

from bot.domain.digest_view import DigestItem, DigestView
from bot.domain.feedback import Surface
from handlers.blocks.contact_buttons import contact_buttons
from handlers.blocks.feedback import feedback_block
from handlers.blocks.kit import (
    MESSAGE_BLOCKS_MAX,
    Block,
    clip,
    context,
    divider,
    escape,
    escape_keeping_members,
    header,
    section,
)
from handlers.blocks.phone import phone_words
from handlers.blocks.story import story_buttons

LET_GO_PROMPT = "Time to let go? Several tries went unanswered; *Let go* keeps your list for people who care."


# reasons that carry a date of their own ("needs it by Tue 22 Dec", "decision tomorrow")
_THEIR_DATE = frozenset({"asked", "decision_pending", "awaiting"})


def _when(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "due today"
    if days_overdue == 1:
        return "1 day overdue"
    return f"{days_overdue} days overdue"


def _who(item: DigestItem) -> str:
    return f"{item.name} ({item.company})" if item.company else item.name


def _item_blocks(item: DigestItem, day: dt.date, country: str | None = None) -> list[Block]:
    when = item.rhythm or _when(item.days_overdue)
    if item.promise_open and item.reason_kind == "promised" and " late" in item.reason:
        when = "your promise"  # its own lateness is in the line below: no second, different count
    elif not item.rhythm and (
        item.reason_kind in _THEIR_DATE or (item.reason_kind == "promised" and "(due " in item.reason)
    ):
        when = "due today"  # the line below gives the date that matters; no overdue count beside it
    phone = phone_words(item.phone, country, item.phone_wrong)  # as dialled at home, tap to call
    reach = f" · {phone}" if phone else ""
    lines = [f"*{escape(_who(item))}* · {when}{reach}", escape_keeping_members(item.reason)]
    if item.dormant:
        lines.append(f"_{LET_GO_PROMPT}_")
    extra = story_buttons(
        item.contact_id,
        promise_open=item.promise_open,
        meeting_to_confirm=item.meeting_to_confirm,
        referrer_to_thank=item.referrer_to_thank,
    )
    feedback = feedback_block(
        item.reason_kind, item.contact_id, day, Surface.DIGEST, block_id=f"feedback:{item.contact_id}"
    )
    return [section("\n".join(lines)), contact_buttons(item.contact_id, plan=True, extra=extra), *feedback]


def _footer(view: DigestView) -> str:
    more = f"{view.more_due} more due" if view.more_due else "That's everyone due today"
    if not view.streak:
        return more  # no streak yet: nothing to say about it (a nag is no reason to call)
    days = "day" if view.streak == 1 else "days"
    return f"{more} · Call streak: {view.streak} nudge {days} in a row"


def render_digest(view: DigestView) -> tuple[str, list[Block]]:
    """(notification text, blocks) for one user's digest; at most 50 blocks whatever the input."""
    count = len(view.items)
    title = f"Your calls for {view.local_date:%a %-d %b}"
    intro = (
        "One person to call today, with a reason they will welcome."
        if count == 1
        else f"{count} people to call today, each with a reason they will welcome."
    )
    blocks: list[Block] = [header(title), context(intro)]
    for item in view.items:
        item_blocks = _item_blocks(item, view.local_date, view.country)
        if len(blocks) + len(item_blocks) + 2 > MESSAGE_BLOCKS_MAX:
            break
        blocks.extend(item_blocks)
    if view.planned and len(blocks) + 3 <= MESSAGE_BLOCKS_MAX:
        lines = "\n".join(f"{words} · {escape(name)}" for words, name in view.planned)
        blocks.append(section(f"*Planned today*\n{lines}", block_id="digest_plans"))
    blocks.append(divider())
    blocks.append(context(_footer(view)))

    names = ", ".join(escape(_who(i)) for i in view.items)
    more = f" (+{view.more_due} more)" if view.more_due else ""
    text = clip(f"Today's calls: {names}{more}", 3000)
    return text, blocks
