"""Block Kit for a contact's story (SPEC §12): the buttons that close a promise, answer "did the
meeting happen?" and thank the referrer, wherever the contact is shown (digest rows, /prep, App Home,
the /called reply), and the confirmation lines of those changes.

Every value is only the contact id; listeners load the contact with the clicking owner (as for every
contact button).
"""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.cadence import day_label
from bot.domain.digest_view import open_story
from bot.domain.vocabulary import Action
from bot.services.calls import Logged
from handlers.blocks.kit import Block, actions, button, escape, section

PROMISE_KEPT = "story_promise_kept"
PROMISE_DROPPED = "story_promise_dropped"
MEETING_HELD = "story_meeting_held"
MEETING_MOVED = "story_meeting_moved"
MEETING_CANCELLED = "story_meeting_cancelled"
THANK = "story_thank"

STORY_KINDS = frozenset(
    a.value
    for a in (
        Action.PROMISE_KEPT,
        Action.PROMISE_DROPPED,
        Action.MEETING_HELD,
        Action.MEETING_MOVED,
        Action.MEETING_CANCELLED,
        Action.THANKED,
    )
)
STORY_WORDS = {
    Action.PROMISE_KEPT.value: "promise kept",
    Action.PROMISE_DROPPED.value: "promise closed",
    Action.MEETING_HELD.value: "meeting held",
    Action.MEETING_MOVED.value: "meeting moved",
    Action.MEETING_CANCELLED.value: "meeting cancelled",
    Action.THANKED.value: "referrer thanked",
}
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)>$")


def member_of(person: str | None) -> str | None:
    """The Slack user id when `person` is a stored mention (`<@U123>`), else None."""
    found = _MENTION.match(person or "")
    return found.group(1) if found else None


def person(text: str | None) -> str:
    """A person as stored (a name, or a mention kept as `<@U…>`) for mrkdwn: a mention stays a
    mention, a typed name is escaped."""
    return text if member_of(text) else escape(text)


def first_name_of(text: str | None) -> str:
    """For a button label: a mention cannot render inside plain text, so it reads "referrer"."""
    if not text or member_of(text):
        return "your referrer"
    return text.split()[0]


def story_elements(contact, today: dt.date) -> list[dict]:
    """The story buttons that apply to `contact` (a stored row or ContactFacts-like object) today."""
    flags = open_story(contact, today)
    return story_buttons(contact.id, **flags)


def story_buttons(
    contact_id: int, *, promise_open: bool, meeting_to_confirm: bool, referrer_to_thank: str | None
) -> list[dict]:
    cid = str(contact_id)
    elements: list[dict] = []
    if promise_open:
        elements.append(button("✓ Promise kept", PROMISE_KEPT, cid, style="primary"))
    if meeting_to_confirm:
        elements.append(button("Meeting happened", MEETING_HELD, cid))
        elements.append(button("It moved", MEETING_MOVED, cid))
        elements.append(button("Cancelled", MEETING_CANCELLED, cid))
    if referrer_to_thank:
        label = (
            "Thank them" if member_of(referrer_to_thank) else f"I thanked {first_name_of(referrer_to_thank)}"
        )
        elements.append(button(label[:75], THANK, cid))
    return elements


def story_actions(contact, today: dt.date, block_id: str | None = None) -> list[Block]:
    elements = story_elements(contact, today)
    if not elements:
        return []
    return [actions(elements, block_id=block_id or f"story:{contact.id}")]


def after_call_blocks(result: Logged) -> list[Block]:
    """What the /called reply asks after a conversation: whether the open promise is kept, and
    whether to thank the referrer."""
    blocks: list[Block] = []
    cid = str(result.contact_id)
    if result.kept_now:
        blocks.append(
            section(
                f"✅ Your notes say it went, so your promise to {escape(result.kept_now)} is marked kept.",
                block_id=f"story_kept:{cid}",
            )
        )
    if result.open_promise:
        blocks.append(
            section(
                f"You promised to {escape(result.open_promise)}. Done?",
                accessory=button("✓ Promise kept", PROMISE_KEPT, cid, style="primary"),
                block_id=f"story_promise:{cid}",
            )
        )
    if result.thank_referrer:
        who = person(result.thank_referrer)
        if member_of(result.thank_referrer):
            ask = f"{who} referred {escape(result.contact_name)}. Send them a quick thank-you from Warmcall?"
            label = "Thank them"
        else:
            ask = (
                f"{who} referred {escape(result.contact_name)}. Tell them how it went: a thank-you "
                "keeps referrals coming."
            )
            label = f"I thanked {first_name_of(result.thank_referrer)}"
        blocks.append(section(ask, accessory=button(label[:75], THANK, cid), block_id=f"story_thank:{cid}"))
    return blocks


def call_notices(result: Logged) -> str:
    """Extra lines for a call confirmation: a second unanswered try today."""
    lines = []
    if result.second_try_today:
        lines.append("A second try today: it's logged, and the streak counts one try a day.")
    # a day taken from the notes is named by the reason itself ("your notes say in Q1")
    return "\n".join(lines)


def story_logged_text(result: Logged, today: dt.date | None = None) -> str:
    """The confirmation of a story change (promise kept, meeting answered, referrer thanked)."""
    name = f"*{escape(result.contact_name)}*"
    again = "That was already logged. " if result.repeated else ""
    kind = result.kind
    if kind == Action.PROMISE_KEPT.value:
        return f"{again}✅ Promise to {name} marked kept. It won't come up in reasons again."
    if kind == Action.PROMISE_DROPPED.value:
        return f"{again}Promise to {name} closed."
    if kind == Action.THANKED.value:
        return f"{again}🙏 Thank-you to the referrer noted for {name}."
    if result.next_due is None:
        return f"{again}Noted for {name}."
    due = day_label(result.next_due, today)
    if kind == Action.MEETING_HELD.value:
        return f"{again}📅 Meeting with {name} noted as held. Follow-up *{due}*: {escape(result.reason)}."
    if kind == Action.MEETING_MOVED.value:
        return f"{again}📅 Meeting with {name} moved. Follow-up *{due}*: {escape(result.reason)}."
    return f"{again}📅 Meeting with {name} cancelled: they're due *{due}* to book another."
