"""The contact form's rules: field limits, reading and checking a draft, carrying one in a button value.

Pure: `today` is an argument; nothing here touches the database or Slack.

The form reads what the commands read: its date fields take an ISO date (a datepicker's value) or
the same words as `/met` and `/called` (`friday`, `tomorrow`, `next tue`, `Dec 4`), through the one
date reader (bot.domain.dates); the met day looks back, a promise's deadline and the first follow-up
look ahead. The promise field is read by bot.domain.promises: its action is kept ("send the deck") and
a deadline in its words ("… by friday") fills the deadline when that field is empty. Names follow
bot.domain.names; every field loses control characters and terminal escapes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

from bot.domain.contact_details import e164, is_email, phone_region
from bot.domain.dates import UnreadableDate, met_date_problem, parse_day
from bot.domain.names import clean_text, name_problem
from bot.domain.promises import MAX_PROMISE, PromiseProblem, read_promise
from bot.domain.quickadd import MAX_FIELD, MAX_NAME, MAX_NOTES
from bot.domain.rhythm import parse_gap
from bot.domain.tags import read_tag_field, tags_text

PACK_MAX = 2000  # a button value (SPEC §11)
UNPACKED_MAX = 16_000  # a packed draft is under 6,000 characters of JSON

# Column limits of storage.models.Contact, so nothing is cut short (or refused) by the database.
LIMITS: dict[str, int] = {
    "name": MAX_NAME,
    "company": MAX_FIELD,
    "role": MAX_FIELD,
    "event": MAX_FIELD,
    "referred_by": MAX_FIELD,
    "introducer": MAX_FIELD,
    "notes": MAX_NOTES,
    "promise": MAX_PROMISE,
    "email": 320,
    "phone": 40,
    "url": 1000,
}
LABELS: dict[str, str] = {
    "name": "name",
    "company": "company",
    "role": "role",
    "event": "event",
    "referred_by": "referrer",
    "introducer": "introducer",
    "notes": "notes",
    "promise": "promise",
    "email": "e-mail",
    "phone": "phone number",
    "url": "link",
}
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{1,30}$")
_DATE_FIELDS = ("met_on", "promise_due", "next_due")


def scrub(text: str) -> str:
    """User text without control characters or terminal escapes (NUL above all: PostgreSQL refuses
    it in text), which no field should hold; see bot.domain.names.clean_text."""
    return clean_text(text)


@dataclass(frozen=True)
class ContactDraft:
    """A contact as typed, not saved yet. `met_on=None`: today. `next_due=None`: by the cadence rule."""

    name: str
    company: str | None = None
    role: str | None = None
    event: str | None = None
    met_on: dt.date | None = None
    notes: str | None = None
    promise: str | None = None
    promise_due: dt.date | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    slack_user_id: str | None = None
    referred_by: str | None = None
    next_due: dt.date | None = None
    introducer: str | None = None  # "via X": who introduced you (you have met)
    # space-separated tags ("investor friend"); None: not given, so an edit keeps the stored ones
    tags: str | None = None
    # the contact's own rhythm as "IDEAL-LATEST" days ("14-21"); "" clears it; None keeps it
    cadence: str | None = None


@dataclass(frozen=True)
class Pending:
    """A duplicate question's answer as carried by its button: the draft, the contact an "Update"
    changes, and the question's nonce."""

    draft: ContactDraft
    existing_id: int | None
    nonce: str


# --- checks --------------------------------------------------------------------------------------------


normalize_phone = e164  # the form's phone field and the quick-add read numbers alike


def draft_problems(draft: ContactDraft, today: dt.date) -> dict[str, str]:
    """What is wrong with a draft, by field name (empty when it can be saved)."""
    problems: dict[str, str] = {}
    if not draft.name.strip():
        problems["name"] = "Add a name, so you know whom to call."
    for key, limit in LIMITS.items():
        value = getattr(draft, key)
        if value and len(value) > limit:
            problems[key] = (
                f"The {LABELS[key]} is {len(value):,} characters long; keep it to {limit:,}."
                if key != "notes"
                else f"Your notes are {len(value):,} characters long; keep them to {limit:,}."
            )
    if draft.email and "email" not in problems and not is_email(draft.email):
        problems["email"] = "That doesn't look like an e-mail address. Try something like jane@acme.com."
    if draft.slack_user_id and not _SLACK_ID.match(draft.slack_user_id):
        problems["slack_user_id"] = "That Slack member id doesn't look right; mention them with @ instead."
    if draft.met_on and (problem := met_date_problem(draft.met_on, today)):
        problems["met_on"] = problem
    met_on = draft.met_on or today
    if draft.next_due and draft.next_due < met_on:
        problems["next_due"] = "The first follow-up can't be before the day you met. Pick a later day."
    elif draft.next_due and draft.next_due < today:
        problems["next_due"] = "That day has passed. Pick today or a later day for the follow-up."
    if draft.promise_due and not draft.promise:
        problems["promise"] = "You set a date for a promise; say what you promised too."
    return problems


def read_form(
    values: Mapping[str, str | None],
    today: dt.date,
    shown_follow_up: dt.date | None = None,
    region: str | None = None,
) -> ContactDraft | dict[str, str]:
    """The contact form's values (field name → text or ISO date) as a draft, or problems by field.
    A phone without a country code is a number of `region` (the user's country).

    A first follow-up left at the date the form showed (`shown_follow_up`) comes back as None: the
    rule picks it again from the dates typed.
    """

    def text(key: str) -> str | None:
        value = values.get(key)
        if value is None:
            return None
        value = scrub(str(value))
        cleaned = value.strip() if key == "notes" else " ".join(str(value).split())
        return cleaned or None

    problems: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    for key in _DATE_FIELDS:
        try:
            dates[key] = form_day(values.get(key), today, ahead=key != "met_on")
        except UnreadableDate as problem:
            dates[key] = None
            problems[key] = str(problem)
    if dates["next_due"] == shown_follow_up:
        dates["next_due"] = None
    promise = text("promise")
    if promise:
        read = read_promise(promise, today)
        if isinstance(read, PromiseProblem):
            problems["promise"] = read.message
        else:
            promise = read.action
            if read.due and dates["promise_due"] is None and "promise_due" not in problems:
                dates["promise_due"] = read.due
    phone = text("phone")
    if phone:
        normalized = normalize_phone(phone, phone_region(region))
        if normalized is None:
            problems["phone"] = (
                "That phone number doesn't look right. Include the country code, like +44 20 7946 0000."
            )
        phone = normalized
    email = text("email")
    tags: str | None = None
    if "tags" in values:  # an empty field clears the tags; a form without the field keeps them
        read_tags = read_tag_field(values.get("tags"))
        if isinstance(read_tags, str):
            problems["tags"] = read_tags
        else:
            tags = tags_text(read_tags)
    cadence: str | None = None
    if "cadence" in values:  # like tags: a form without the field keeps the stored rhythm
        typed = text("cadence")
        gap = parse_gap(typed) if typed else None
        if isinstance(gap, str):
            problems["cadence"] = gap
        else:
            cadence = f"{gap.ideal_days}-{gap.latest_days}" if gap else ""
    draft = ContactDraft(
        name=text("name") or "",
        company=text("company"),
        role=text("role"),
        event=text("event"),
        met_on=dates["met_on"],
        notes=text("notes"),
        promise=promise,
        promise_due=dates["promise_due"],
        email=email.lower() if email else None,
        phone=phone,
        url=text("url"),
        referred_by=text("referred_by"),
        next_due=dates["next_due"],
        introducer=text("introducer"),
        tags=tags,
        cadence=cadence,
    )
    if draft.name and (problem := name_problem(draft.name)):
        # Typed names only: a name Slack gives a mentioned member ("Jane (she/her)") is kept as is.
        problems["name"] = problem
    problems = {**draft_problems(draft, today), **problems}
    return problems or draft


def form_day(raw: object, today: dt.date, *, ahead: bool) -> dt.date | None:
    """A form's date field: a datepicker's ISO value or the words the commands take (`friday`,
    `tomorrow`, `next tue`, `Dec 4`); None when empty. Raises UnreadableDate saying what to write."""
    if raw is None or not str(raw).strip():
        return None
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        pass
    return parse_day(clean_text(str(raw)), today, ahead=ahead)


def is_likely_duplicate(company_key: str | None, other_company_key: str | None) -> bool:
    """Same folded name is checked by the caller; the companies must match, or one be unknown."""
    return not company_key or not other_company_key or company_key == other_company_key


# --- carrying a draft in a button value ------------------------------------------------------------


def pack(draft: ContactDraft, nonce: str, existing_id: int | None = None) -> str | None:
    """A draft (and the contact it would update) as a button value of at most 2,000 characters:
    compact JSON, or compressed when long. None when even that does not fit."""
    data = {k: v for k, v in asdict(draft).items() if v is not None}
    for key in _DATE_FIELDS:
        if key in data:
            data[key] = data[key].isoformat()
    data["_n"] = nonce
    if existing_id is not None:
        data["_id"] = existing_id
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= PACK_MAX:
        return text
    squeezed = "z:" + base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")
    return squeezed if len(squeezed) <= PACK_MAX else None


def unpack(value: str | None) -> Pending | None:
    """What `pack` packed, or None for anything malformed (values can be forged:
    the caller still checks the draft and loads the contact with the owner)."""
    if not value or len(value) > PACK_MAX:
        return None
    try:
        if value.startswith("z:"):
            inflater = zlib.decompressobj()
            raw = inflater.decompress(base64.b64decode(value[2:], validate=True), UNPACKED_MAX)
            if inflater.unconsumed_tail:  # far more than any real draft: refuse, don't inflate it
                return None
            value = raw.decode("utf-8")
        data = json.loads(value)
    except (ValueError, binascii.Error, zlib.error, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    existing = data.pop("_id", None)
    if existing is not None and (not isinstance(existing, int) or isinstance(existing, bool)):
        return None
    nonce = data.pop("_n", None)
    if not isinstance(nonce, str) or not 0 < len(nonce) <= 64:
        return None
    known = {f.name for f in fields(ContactDraft)}
    try:
        kwargs: dict[str, object] = {}
        for key, raw in data.items():
            if key not in known or not isinstance(raw, str):
                return None
            kwargs[key] = dt.date.fromisoformat(raw) if key in _DATE_FIELDS else scrub(raw)
        return Pending(ContactDraft(**kwargs), existing, nonce)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
