"""The contact form prefilled from a Slack message (the "Save as contact" shortcut): the person from
Slack's profile (name, title), the message and its link as the note, the poster as the introducer."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from bot.domain.contact_form import LIMITS
from bot.domain.message_contact import mentioned, note_of, people_of
from bot.services.contacts import ContactSummary, blank_form
from bot.services.context import Services
from bot.services.profiles import fetch_slack_user

MAX_LOOKUPS = 4  # users.info calls for one message: the person, the poster, a few other mentions


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclasses.dataclass(frozen=True)
class Member:
    name: str | None
    title: str | None


def first_form(services: Services, owner: _Owner, text: str) -> ContactSummary:
    """What the form shows at once (no Slack call: the trigger expires in 3 s): the message as the note."""
    form = blank_form(services, owner.team_id, owner.user_id)
    return dataclasses.replace(form, notes=note_of(text, {}, None) or None)


def message_form(
    services: Services,
    owner: _Owner,
    text: str,
    author: str | None,
    permalink: str | None,
    *,
    bot_user_id: str | None = None,
) -> ContactSummary:
    """The full prefill: the mentioned member (else the author) as the person, with their Slack name
    and title; the poster as the introducer when someone else is mentioned; text and link as the note."""
    form = blank_form(services, owner.team_id, owner.user_id)
    people = people_of(text, author, saver=owner.user_id, bot=bot_user_id)
    wanted = [m for m in [people.person, people.introducer, *mentioned(text)] if m]
    members = {m: member(services, m, owner.team_id) for m in list(dict.fromkeys(wanted))[:MAX_LOOKUPS]}
    names = {m: info.name for m, info in members.items() if info.name}
    person = members.get(people.person) if people.person else None
    return dataclasses.replace(
        form,
        name=((person.name if person else None) or "")[: LIMITS["name"]],
        role=(person.title if person else None) or None,
        notes=note_of(text, names, permalink) or None,
        introducer=names.get(people.introducer) if people.introducer else None,
        slack_user_id=people.person,
    )


def member(services: Services, member_id: str, team_id: str | None = None) -> Member:
    user = fetch_slack_user(services, member_id, timeout=2, team_id=team_id) or {}
    profile = user.get("profile") or {}
    name = (profile.get("real_name") or user.get("real_name") or "").strip()
    title = (profile.get("title") or "").strip()
    return Member(name or None, title[: LIMITS["role"]] or None)
