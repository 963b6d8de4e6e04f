"""A Slack message read as a contact to save (the "Save as contact" shortcut): who it is about, who
introduced them, and the note (the message's words, Slack markup made readable, and its link)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.contact_form import LIMITS, scrub

_MENTION = re.compile(r"<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<![^>]*>")


@dataclass(frozen=True)
class MessagePeople:
    """`person`: the member the contact is (the first one mentioned, else the author);
    `introducer`: the author, when the message is about someone else."""

    person: str | None
    introducer: str | None


def people_of(text: str, author: str | None, *, saver: str, bot: str | None = None) -> MessagePeople:
    """Who a message is about. Mentions of the person saving it, or of the bot, are not the contact."""
    for member in _MENTION.findall(text or ""):
        if member not in (saver, bot, author):
            return MessagePeople(member, author)
    return MessagePeople(author, None)


def mentioned(text: str) -> list[str]:
    return list(dict.fromkeys(_MENTION.findall(text or "")))


def note_of(text: str, names: Mapping[str, str], permalink: str | None) -> str:
    """The message as a note: `@Name` for mentions, link labels, channel names, `<!here>` dropped,
    and the permalink on its own line, within the notes limit."""
    body = _MENTION.sub(lambda m: "@" + names.get(m.group(1), "someone"), text or "")
    body = _LINK.sub(lambda m: m.group(2) or m.group(1), body)
    body = _CHANNEL.sub(lambda m: "#" + (m.group(1) or "a channel"), body)
    body = _SPECIAL.sub("", body)
    body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    body = re.sub(r"[ \t]+", " ", scrub(body)).strip()
    limit = LIMITS["notes"]
    link = f"\n{permalink}" if permalink else ""
    if len(body) + len(link) > limit:
        body = body[: max(limit - len(link) - 1, 0)].rstrip() + "…"
    return (body + link).strip()
