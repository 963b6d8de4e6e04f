"""What an e-mail address and a phone number look like: one definition for the quick-add, the form
and every import."""

from __future__ import annotations

import re

import phonenumbers

from bot.domain.work_calendar import NO_HOLIDAYS, country_of_zone

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


_NANP_SHAPE = re.compile(r"\(\d{3}\)\s*\d{3}[-.\s]\d{4}")


def e164_anywhere(raw: str, region: str = PHONE_REGION, likely: tuple[str, ...] = ()) -> str | None:
    """E.164 for a number from a file or a card, whose country may not be the user's: a valid number of
    `region`; else one written with its country (`+44 …`, `0044 …`, `011 44 …`, or `44 20 …` whose
    plus a spreadsheet dropped); else a valid number of a `likely` country (the card's or the e-mail's
    web domain, `country_of_domain`). None otherwise (`06 12 34 56 78` is valid in thirty countries): a number valid only elsewhere is never stored
    as one of the user's country."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if raw.strip().startswith("+"):  # its country is written: as possible as /met takes it
        return e164(raw, region)
    digits = "".join(ch for ch in raw if ch.isdigit())
    written = [
        digits[2:] if digits.startswith("00") else None,
        digits[3:] if digits.startswith("011") else None,
    ]
    if not digits.startswith("0") and len(digits) >= 11 and not raw.lstrip().startswith("("):
        written.append(digits)
    if _NANP_SHAPE.fullmatch(raw.strip()):  # "(617) 555-0144" is how the US and Canada write theirs
        written.append(f"1{digits}")
    for readings in ([f"+{d}" for d in written if d], list(likely)):
        found = set()
        for reading in readings:
            source, country = (reading, None) if reading.startswith("+") else (raw, reading)
            try:
                candidate = phonenumbers.parse(source, country)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(candidate):
                found.add(phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164))
        if len(found) == 1:
            return found.pop()
    return None


def country_of_domain(host: str | None) -> str | None:
    """The country a web or e-mail domain names by its ending (`cafelumiere.fr` → FR, `x.co.uk` → GB),
    else None (`.com`, `.io`, …: no country)."""
    ending = (host or "").rstrip(".").rpartition(".")[2].upper()
    ending = {"UK": "GB"}.get(ending, ending)
    generic = {"IO", "CO", "AI", "ME", "TV", "FM", "LY", "VC", "CC", "WS", "TO", "GG", "SH"}
    if len(ending) == 2 and ending in phonenumbers.SUPPORTED_REGIONS and ending not in generic:
        return ending
    return None


def user_country(chosen: str | None, tz: str | None) -> str | None:
    """The user's country for phone numbers: the one chosen in Settings (public holidays), else their
    Slack time zone's (also when they chose no public holidays)."""
    return chosen if chosen and chosen != NO_HOLIDAYS else country_of_zone(tz)


def phone_region(region: str | None) -> str:
    """The country whose numbers need no country code: that of the user's region (Settings, the
    same country as their public holidays: `GB-SCT` → `GB`), else PHONE_REGION."""
    country = (region or "").split("-", 1)[0].upper()
    if len(country) == 2 and country in phonenumbers.SUPPORTED_REGIONS:
        return country
    return PHONE_REGION


def display_phone(e164_number: str, region: str | None = None) -> str:
    """A stored E.164 number as people read it: in the national format when it is a number of the
    user's `region` ("+33612345678" for a French user: "06 12 34 56 78"), else international
    ("+1 415-555-0100"). Anything that does not parse as a number is shown as it was stored."""
    try:
        number = phonenumbers.parse(e164_number, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164_number
    if not phonenumbers.is_possible_number(number):
        return e164_number
    # By calling code: dialled from the user's country without a prefix (+1 covers the US and Canada).
    home = region is not None and number.country_code == phonenumbers.country_code_for_region(
        phone_region(region)
    )
    style = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def phone_link(e164_number: str, region: str | None = None) -> str:
    """The number as a tap-to-call link in mrkdwn (`<tel:+33612345678|06 12 34 56 78>`); a stored
    value that is no number is shown as text."""
    shown = display_phone(e164_number, region)
    if not e164_number.startswith("+") or not e164_number[1:].isdigit():
        return shown
    return f"<tel:{e164_number}|{shown}>"


# A run of digits with the separators people type in phone numbers: 7 digits or more is a number.
_AMOUNT_OF_TIME = re.compile(r"\s*(?:days?|weeks?|months?|years?)\b", re.I)
_DATE_SHAPE = re.compile(r"(?<!\d)\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?!\d)")
_PHONE_LIKE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-/]{5,}\d(?![\w])")


def stray_phone(text: str) -> str | None:
    """A phone-looking run of 7 or more digits left in `text` (the part of a /met line that holds the
    name), so it is never taken as part of a name; None when there is none."""
    for m in _PHONE_LIKE.finditer(_DATE_SHAPE.sub(" ", text)):
        if _AMOUNT_OF_TIME.match(text, m.end()):  # "99999999 days ago" is a (bad) date, not a number
            continue
        if sum(ch.isdigit() for ch in m.group(0)) >= 7:
            return m.group(0).strip()
    return None


def stray_phone_problem(raw: str, region: str) -> str:
    return (
        f"“{raw}” looks like a phone number, but not one of {region} as written. Add the country "
        "code (like `+46 70 123 45 67`), or set your country in Settings (public holidays)."
    )
