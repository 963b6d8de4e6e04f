"""Quick-add (`/met TEXT`, SPEC §4): saved before the ack when it can be without Slack, else queued.

Before the ack nothing calls Slack: the reply is ready in a few milliseconds and travels in the ack.
What needs Slack first goes through the durable queue (bot.services.queue): a new user's whole
command (its dates depend on their time zone), or the name of a member known only by a mention.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.domain.contact_details import phone_region
from bot.domain.contact_form import ContactDraft, scrub
from bot.domain.dates import day_first_in
from bot.domain.home_use import in_use
from bot.domain.quickadd import ParseError, parse_met
from bot.domain.tags import tags_text
from bot.services.contacts import (
    Duplicate,
    OwnerDay,
    Problem,
    Saved,
    known_day_in,
    owner_day,
    save_new,
    save_new_in,
    summary_of,
)
from bot.services.context import Services
from bot.services.profiles import look_up_member
from bot.services.queue import MET, Busy, Gone, Queued, queue_command
from bot.services.requests import first_delivery
from storage.contacts import get_contact, update_contact


def quick_add_now(
    services: Services,
    team_id: str,
    user_id: str,
    text: str,
    response_url: str | None,
    *,
    can_queue: bool,
    replay_key: str | None = None,
) -> Saved | Duplicate | Problem | Queued | Busy | Gone:
    """`/met TEXT` before the ack: parse and save without calling Slack, so the ack can carry the reply.

    Until we know the owner's time zone the whole command is queued (its dates depend on the zone). A
    mention without a typed name is saved under the mention, and a job looks the name up after the ack
    (no duplicate question then: there is no name to compare yet). Either needs the after-ack pool:
    when `can_queue` is False, Busy, and nothing is written. `replay_key`: the command's delivery key,
    claimed in the same transaction as the change; a repeated delivery changes nothing (Gone)."""
    with services.db.reading() as session:  # the owner's zone: a read, outside the write lock
        day = known_day_in(session, services, team_id, user_id)
    if day is not None:
        draft = _draft(text, day)  # parsing is pure Python: no transaction held while it runs
        if isinstance(draft, Problem):
            return draft
        named = bool(draft.name or not draft.slack_user_id)
        if not named:
            if not can_queue:
                return Busy()
            draft = replace(draft, name=mention_placeholder(draft.slack_user_id))
        # A typed name is checked for duplicates; a bare mention gets its name looked up after the ack.
        how = {"check_duplicates": True} if named else {"name_lookup": response_url or ""}
        with services.db.transaction() as session:  # the duplicate check and the save, together
            result = save_new_in(
                session, services, team_id, user_id, draft, day, replay_key=replay_key, **how
            )
        if isinstance(result, Saved):  # the owner's profile was read above: whether Home needs a refresh
            shown = replace(result.contact, phone_region=day.country)
            result = replace(
                result, contact=shown, home_in_use=in_use(day.home_seen_at, services.clock.now())
            )
        return result
    if not can_queue:
        return Busy()
    if replay_key is not None and not first_delivery(services, team_id, user_id, replay_key):
        return Gone()  # a first-time user's command, delivered again: it is queued already
    return Queued(queue_command(services, team_id, user_id, MET, text, response_url))


def quick_add(
    services: Services,
    team_id: str,
    user_id: str,
    text: str,
    *,
    at: dt.datetime | None = None,
    job_id: int | None = None,
) -> Saved | Duplicate | Problem | Gone:
    """`/met TEXT` after the ack (a queued job): learn the owner's time zone, parse as of `at` (when
    the command came), name a mentioned Slack member, then save unless a likely duplicate exists. Calls
    Slack (users.info). With `job_id` a second run of the same job saves nothing new."""
    day = owner_day(services, team_id, user_id, at=at)
    draft = _draft(text, day)
    if isinstance(draft, Problem):
        return draft
    deactivated = None
    if draft.slack_user_id:
        # users.info answers for a deactivated member too: say so rather than save a name from it.
        member = look_up_member(
            services, draft.slack_user_id, timeout=3 if draft.name else 10, team_id=team_id
        )
        if member is not None and member.deactivated:
            if not draft.name:
                return Problem(deactivated_member_problem(draft.slack_user_id), "name")
            deactivated = draft.slack_user_id
        elif not draft.name:
            if member is None or not member.name:
                return Problem(
                    "I couldn't look up that Slack member just now. Type their name after the mention, "
                    f"like `/met <@{draft.slack_user_id}> Jane Doe at PyCon`.",
                    "name",
                )
            draft = replace(draft, name=member.name)
    saved = save_new(services, team_id, user_id, draft, day=day, check_duplicates=True, job_id=job_id)
    if isinstance(saved, Saved):
        saved = replace(saved, contact=replace(saved.contact, phone_region=day.country))
    if isinstance(saved, Saved) and deactivated:
        return replace(saved, deactivated_member=deactivated)
    return saved


def deactivated_member_problem(member_id: str) -> str:
    return (
        f"<@{member_id}>'s Slack account is deactivated, so Slack can't give me their name. "
        f"Type their name after the mention, like `/met <@{member_id}> Jane Doe at PyCon`."
    )


def _draft(text: str, day: OwnerDay) -> ContactDraft | Problem:
    parsed = parse_met(
        scrub(text), day.today, phone_region(day.country), day_first=day_first_in(day.holidays)
    )
    if isinstance(parsed, ParseError):
        return Problem(parsed.message, parsed.field)
    return ContactDraft(
        name=parsed.name,
        company=parsed.company,
        event=parsed.event,
        met_on=parsed.met_on,
        notes=parsed.notes,
        promise=parsed.promise,
        promise_due=parsed.promise_due,
        email=parsed.email,
        phone=parsed.phone,
        url=parsed.url,
        slack_user_id=parsed.slack_user_id,
        referred_by=parsed.referred_by,
        introducer=parsed.introducer,
        tags=tags_text(parsed.tags) or None,
    )


def mention_placeholder(member_id: str) -> str:
    """The name a contact known only by a mention has until users.info names them (Slack shows it as
    the member's name)."""
    return f"<@{member_id}>"


class NameNotLookedUp(Exception):
    """users.info did not name the member this time (Slack slow, down or refusing): try again later."""


def name_mentioned_contact(
    services: Services, team_id: str, user_id: str, contact_id: int, member_id: str, *, last_try: bool
) -> Saved | Gone:
    """The queued `name` job: give a contact saved under a mention the member's real name from
    users.info. Idempotent: a contact already named (by an earlier run, or renamed by its owner) is
    left as it is. Raises NameNotLookedUp to be tried again; on the `last_try` it keeps the mention.
    Gone when the contact was deleted meanwhile (Undo)."""
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)
        if contact is None:
            return Gone()
        if contact.name != mention_placeholder(member_id):
            return Saved(summary_of(contact))
    member = look_up_member(services, member_id, timeout=8, team_id=team_id)
    # A deactivated member keeps the mention as their name, and the reply asks for a real one.
    deactivated = member is not None and member.deactivated
    name = member.name if member is not None and not deactivated else None
    if name is None and not deactivated and not last_try:
        raise NameNotLookedUp(member_id)
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)
        if contact is None:
            return Gone()
        if name and contact.name == mention_placeholder(member_id):
            update_contact(contact, name=name)
            session.flush()
        return Saved(summary_of(contact), deactivated_member=member_id if deactivated else None)
