"""What an e-mail address and a phone number look like: one definition for the quick-add, the form
and every import."""

from __future__ import annotations

import re

import phonenumbers

PHONE_REGION = "US"  # numbers typed without a country code are read as US numbers

# An e-mail address, found in free text or filling a field: plus tags and apostrophes allowed, a
# real-looking domain.
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
)


def is_email(text: str) -> bool:
    return EMAIL.fullmatch(text) is not None


def e164(raw: str, region: str = PHONE_REGION) -> str | None:
    """E.164 for a phone number people would recognise as one, else None."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164_number: str) -> str:
    """A stored E.164 number as people read it: "+14155550100" → "+1 415-555-0100". Anything that does
    not parse as a number is shown as it was stored."""
    try:
        number = phonenumbers.parse(e164_number, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164_number
    if not phonenumbers.is_possible_number(number):
        return e164_number
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
