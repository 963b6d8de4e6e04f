"""A contact's phone number in mrkdwn as the user dials it: national for a number of their country,
a tap-to-call `tel:` link (Slack renders it in sections), and a mark when it was found wrong."""

from __future__ import annotations

from bot.domain.contact_details import phone_link
from handlers.blocks.kit import escape


def phone_words(phone: str | None, country: str | None, wrong: bool = False) -> str | None:
    """`<tel:+14155550100|(415) 555-0100>` for a New York user; None without a number."""
    if not phone:
        return None
    shown = phone_link(phone, country)
    if not shown.startswith("<tel:"):  # a stored value that is no number: plain text, escaped
        shown = escape(shown)
    return shown + (" (⚠ marked wrong)" if wrong else "")
