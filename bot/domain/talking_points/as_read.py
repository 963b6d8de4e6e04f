"""A contact's notes as every reader of the coach sees them (`prepare` and `best_reason` alike, so the
digest line and `/prep` never disagree): shorthand and slips read as meant ("b4", "wnats"), cue words of
the user's own language in English ("pas appeler avant"), and numeric days spelled out in the user's
order ("decides 12/18" in Tokyo is 18 Dec). Pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.dates import spelled_dates
from bot.domain.talking_points.models import ContactFacts, UserFacts
from bot.domain.talking_points.situation_leads import typed_plain

_FIELDS = ("notes", "last_call_notes", "earlier_call_notes")


def as_read(contact: ContactFacts, user: UserFacts, today: date) -> ContactFacts:
    """The contact with its notes read as meant; the same object when nothing needs reading."""
    plain = {
        field: said
        for field in _FIELDS
        if (said := typed_plain(getattr(contact, field))) is not getattr(contact, field)
    }
    contact = replace(contact, **plain) if plain else contact  # most notes need nothing: no copy
    if user.day_first is not None:
        contact = replace(
            contact,
            **{field: spelled_dates(getattr(contact, field), today, user.day_first) for field in _FIELDS},
        )
    return contact
