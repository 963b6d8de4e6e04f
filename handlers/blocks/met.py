"""Block Kit for what /met answers: the saved contact, the duplicate question, undo, problems."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.domain.cadence import day_label
from bot.domain.contact_details import phone_link
from bot.domain.contact_form import pack
from bot.domain.tags import tag_list_words
from bot.services.contacts import ContactSummary, Duplicate, Problem, Removed, Saved
from handlers.blocks.kit import (
    SORRY,
    Mrkdwn,
    actions,
    button,
    ephemeral,
    error_reply,
    escape,
    fields,
    section,
)

EDIT = "met_edit"  # value: contact id
UNDO = "met_undo"  # value: contact id
DUPLICATE_UPDATE = "met_dup_update"  # value: packed draft with the existing contact's id
DUPLICATE_NEW = "met_dup_new"  # value: packed draft

_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)&gt;")
log = logging.getLogger(__name__)


@contextmanager
def apologise_on_failure(respond: Callable[..., object] | None) -> Iterator[None]:
    """For the work a listener does after its ack. An exception escaping then would reach Bolt's
    thread runner, which can overwrite the ack it already sent (the user sees a timeout): log it
    and tell the user in a sentence instead."""
    try:
        yield
    except Exception:
        log.exception("/met work after the ack failed")
        if respond is None:
            return
        try:
            respond(**error_reply(SORRY), replace_original=False)
        except Exception:  # no response_url, or Slack unreachable: the log has it
            log.warning("could not apologise to the user")


def show(text: str | None) -> str:
    """User text for mrkdwn: escaped, except Slack mentions, which should render as names."""
    return _MENTION.sub(r"<@\1>", escape(text))


def label(contact: ContactSummary) -> str:
    return f"{contact.name} ({contact.company})" if contact.company else contact.name


def contact_fields(contact: ContactSummary) -> list[tuple[str, str]]:
    """Every known field, labelled, in reading order (the name goes in the headline)."""
    pairs: list[tuple[str | None, str, str | None]] = [
        ("Company", "company", contact.company),
        ("Role", "role", contact.role),
        ("Event", "event", contact.event),
        ("Tags", "tags", tag_list_words(contact.tags) or None),
        ("Met on", "met_on", _met_on(contact)),
        ("Introduced by", "introducer", contact.introducer),
        ("Referred by", "referred_by", contact.referred_by),
        ("E-mail", "email", contact.email),
        ("Phone", "phone", _phone(contact)),
        ("Link", "url", contact.url),
        ("On Slack", "slack", f"<@{contact.slack_user_id}>" if contact.slack_user_id else None),
    ]
    shown = [
        (title, value if key in ("slack", "phone") else show(value)) for title, key, value in pairs if value
    ]
    if contact.promise:
        due = f" (by {day_label(contact.promise_due)})" if contact.promise_due else ""
        state = ""
        if contact.promise_outcome and contact.promise_closed_on:
            word = "kept" if contact.promise_outcome == "kept" else "closed"
            state = f" · {word} {day_label(contact.promise_closed_on)}"
        shown.append(("You promised to", show(contact.promise) + due + state))
    return shown


def _met_on(contact: ContactSummary) -> str | None:
    """The day met, with its year when that is not the year of the next follow-up (an old meeting
    entered late reads "Mon 2 Jun 2025", never a day that looks like this year's)."""
    if not contact.met_on:
        return None
    return day_label(contact.met_on, contact.next_due or contact.met_on)


def _phone(contact: ContactSummary) -> str | None:
    if not contact.phone:
        return None
    link = phone_link(contact.phone, contact.phone_region)  # tap to call: mrkdwn, not escaped
    shown = link if link.startswith("<tel:") else escape(link)
    return shown + (" (⚠ marked wrong)" if contact.phone_wrong else "")


def contact_blocks(contact: ContactSummary, headline: str) -> list[dict]:
    blocks = [section(headline)]
    pairs = contact_fields(contact)
    for start in range(0, len(pairs), 10):
        blocks.append(fields(pairs[start : start + 10]))
    if contact.notes:
        blocks.append(section(f"*Notes*\n{show(contact.notes)}"))
    if contact.next_due:
        why = f" — {escape(contact.next_due_reason)}" if contact.next_due_reason else ""
        which = "Next follow-up" if contact.ever_called else "First follow-up"
        blocks.append(section(f":calendar: *{which}:* {day_label(contact.next_due)}{why}"))
    return blocks


def saved_message(result: Saved) -> dict:
    contact = result.contact
    verb = "Updated" if result.updated else "Saved"
    headline = f":white_check_mark: {verb} *{show(label(contact))}*."
    blocks = contact_blocks(contact, headline)
    cid = str(contact.id)
    buttons = [button("Edit", EDIT, cid)]
    if not result.updated:  # undoing an update would delete the contact it updated
        buttons.append(button("Undo", UNDO, cid, style="danger"))
    note = deactivated_note(result)
    if note:
        blocks.insert(1, section(f":warning: {note}"))
    blocks.append(actions(buttons, block_id=f"met:{cid}"))
    due = f", first follow-up {day_label(contact.next_due)}" if contact.next_due else ""
    text = f"{verb} {show(label(contact))}{due}"
    return ephemeral(blocks, f"{text}. {note}" if note else text)


def deactivated_note(result: Saved) -> str:
    """What to say when the mentioned member's Slack account is deactivated (SPEC §4)."""
    if not result.deactivated_member:
        return ""
    who = f"<@{result.deactivated_member}>"
    if result.contact.name == who:
        return f"{who}'s Slack account is deactivated, so Slack can't give me their name: press *Edit* and type it."
    return f"{who}'s Slack account is deactivated, so I kept the name you typed."


def duplicate_message(result: Duplicate) -> dict:
    existing = result.existing
    update_value = pack(result.draft, result.nonce, existing.id)
    new_value = pack(result.draft, result.nonce)
    if update_value is None or new_value is None:
        return error_reply(
            Mrkdwn(
                f"You already have {show(label(existing))}, and there is too much here for me to hold "
                "while you choose. Shorten the notes, or use Edit on the existing contact."
            )
        )
    when = f", met {day_label(existing.met_on)}" if existing.met_on else ""
    headline = (
        f":busts_in_silhouette: You already have *{show(label(existing))}*{escape(when)}. "
        "Is this the same person?"
    )
    blocks = [
        section(headline),
        actions(
            [
                button(f"Update {label(existing)}", DUPLICATE_UPDATE, update_value, style="primary"),
                button("Save as new", DUPLICATE_NEW, new_value),
            ],
            block_id=f"met_dup:{existing.id}",
        ),
    ]
    return ephemeral(blocks, f"You already have {show(label(existing))}: update them or save as new?")


def removed_message(result: Removed) -> dict:
    if result.name is None:
        text = "That contact is already gone, so there was nothing to undo."
    else:
        text = f"Removed {result.name}. It's as if you never typed it."
    return ephemeral([section(f":wastebasket: {show(text)}")], show(text))


def problem_message(result: Problem) -> dict:
    return error_reply(Mrkdwn(show(result.message)))  # escaped, but a member it names shows by name
