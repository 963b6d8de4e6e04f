"""A contact's notes as every reader of the coach sees them (`prepare` and `best_reason` alike, so the
digest line and `/prep` never disagree): shorthand and slips read as meant ("b4", "wnats"), cue words of
the user's own language in English ("pas appeler avant"), and numeric days spelled out in the user's
order ("decides 12/18" in Tokyo is 18 Dec). Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from bot.domain.dates import days_spelled
from bot.domain.talking_points.models import ContactFacts, UserFacts
from bot.domain.talking_points.situation_leads import typed_plain

_FIELDS = ("notes", "last_call_notes", "earlier_call_notes")


def as_read(contact: ContactFacts, user: UserFacts, today: date) -> ContactFacts:
    """The contact with its notes read as meant; the same object when nothing needs reading."""
    read = reader(user, today)
    changed = {
        field: said
        for field in _FIELDS
        if (said := read(getattr(contact, field))) is not getattr(contact, field)
    }
    return replace(contact, **changed) if changed else contact  # most notes need nothing: no copy


def typed_notes(contact: ContactFacts) -> list[str]:
    """The notes as the user typed them, for quoting back in their own words (`as_typed`)."""
    return [said for field in _FIELDS if (said := getattr(contact, field))]


def read_and_typed(contact: ContactFacts, user: UserFacts, today: date) -> tuple[ContactFacts, list[str]]:
    """The contact as read (`as_read`), and the notes as typed when reading changed any of them (else
    none: a quote from notes read as typed is in the user's words already)."""
    read = as_read(contact, user, today)
    return read, (typed_notes(contact) if read is not contact else [])


def reader(user: UserFacts, today: date) -> Callable[[str | None], str | None]:
    """How `as_read` reads a note or a piece of one: shorthand and cue words, then numeric days."""
    return lambda said: days_spelled(typed_plain(said), today, user.day_first)
