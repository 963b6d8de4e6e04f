"""What one imported row becomes: a checked contact, or the reason it was skipped, with its line.

Pure. A row's cells arrive as raw text by field name (from a CSV column or a vCard property);
`check_row` cleans them (bot.domain.names), checks the name, reads the e-mail, phone and date, and
keeps every field within the contact form's limits (bot.domain.contact_form.LIMITS).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from bot.domain.contact_details import country_of_domain, e164, e164_anywhere, is_email, phone_region
from bot.domain.contact_form import LABELS, LIMITS
from bot.domain.dates import MONTH_WORDS
from bot.domain.importing.restore import read_state
from bot.domain.names import clean_text, name_problem
from bot.domain.quickadd import _promise as promise_in_text  # the /met rule for a promise in notes
from bot.domain.tags import read_tag_field, tags_text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000

# The fields a file can fill, in the order an export writes them.
FIELDS = (
    "name",
    "company",
    "role",
    "email",
    "phone",
    "url",
    "event",
    "met_on",
    "notes",
    "promise",
    "promise_due",
    "referred_by",
    "introducer",
    "tags",
)
TEXT_FIELDS = tuple(f for f in FIELDS if f not in ("met_on", "promise_due"))


@dataclass(frozen=True)
class ImportedContact:
    """A row that can be saved. `line` is where it starts in the file (1-based)."""

    line: int
    name: str
    company: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    event: str | None = None
    met_on: dt.date | None = None
    notes: str | None = None
    promise: str | None = None
    promise_due: dt.date | None = None
    referred_by: str | None = None
    introducer: str | None = None
    tags: str | None = None  # stored form: space-separated, lower-case (bot.domain.tags)
    state: str | None = None  # our own export's "Warmcall data" cell (bot.domain.importing.restore)

    def values(self) -> dict[str, object]:
        """The contact's fields by name, without the line."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "line"}


@dataclass(frozen=True)
class RowProblem:
    """Line `line` was skipped (`skipped`), or saved without one cell (`skipped=False`): `reason` says why."""

    line: int
    reason: str
    skipped: bool = True


@dataclass(frozen=True)
class FileProblem:
    """The whole file can't be read; `message` says what to do instead."""

    message: str


@dataclass(frozen=True)
class ReadFile:
    """Everything a file held: rows to save and rows with problems, and what kind of file it was."""

    kind: str  # "csv" | "vcard"
    contacts: tuple[ImportedContact, ...]
    problems: tuple[RowProblem, ...]


_SPACES = re.compile(r"[ \t]+")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")


def tidy(raw: str | None, *, multiline: bool = False) -> str | None:
    """A cell as text worth keeping: control characters out, spaces collapsed; None when empty."""
    text = clean_text(raw or "")
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
    else:
        text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    return text or None


def read_date(raw: str, *, day_first: bool = False) -> dt.date | None:
    """The day in an export's date cell: ISO (with or without a time), `12 Nov 2024`, `Nov 12, 2024`,
    or numbers with the year last (month first unless `day_first`, unless only one reading is real).
    None when it names no day."""
    text = raw.strip()
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_MONTH_YEAR.fullmatch(text):
            month = MONTH_WORDS.get(m[2].lower())
            return dt.date(int(m[3]), month, int(m[1])) if month else None
        if m := _MONTH_DAY_YEAR.fullmatch(text):
            month = MONTH_WORDS.get(m[1].lower())
            return dt.date(int(m[3]), month, int(m[2])) if month else None
        if m := _NUMERIC.match(text):
            a, b = int(m[1]), int(m[2])
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            first_is_day = a > 12 or (day_first and b <= 12)
            day, month = (a, b) if first_is_day else (b, a)
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None


def check_row(
    line: int, cells: Mapping[str, str | None], today: dt.date, region: str | None = None
) -> tuple[ImportedContact | None, list[RowProblem]]:
    """(the contact or None, the problems): a None contact means the row is skipped. A phone without
    a country code is read as a number of `region` (the user's country; None: PHONE_REGION)."""
    values: dict[str, object] = {}
    notes: list[RowProblem] = []
    for key in TEXT_FIELDS:
        values[key] = tidy(cells.get(key), multiline=key == "notes")
    name = values["name"]
    if not name:
        who = values["email"] or values["company"]
        hint = f" (it has {who})" if who else ""
        return None, [RowProblem(line, f"line {line} has no name{hint}; add one to the file to import it.")]
    if problem := name_problem(str(name)):
        return None, [RowProblem(line, f"line {line}: {problem}")]
    for key, limit in LIMITS.items():
        value = values.get(key)
        if isinstance(value, str) and len(value) > limit:
            if key in ("name", "notes"):
                return None, [
                    RowProblem(
                        line,
                        f"line {line}: the {LABELS[key]} is {len(value):,} characters; keep it to {limit:,}.",
                    )
                ]
            values[key] = None
            notes.append(
                RowProblem(line, f"line {line}: the {LABELS[key]} was too long, so it was left out.", False)
            )
    email = values["email"]
    if isinstance(email, str):
        email = email.removeprefix("mailto:").strip()
        if is_email(email):
            values["email"] = email.lower()
        else:
            values["email"] = None
            notes.append(
                RowProblem(
                    line, f"line {line}: `{email[:60]}` isn't an e-mail address, so it was left out.", False
                )
            )
    phone = values["phone"]
    if isinstance(phone, str):
        # a number of another country keeps that country: the e-mail's domain may say which
        likely = tuple(filter(None, [country_of_domain(str(values["email"] or "").partition("@")[2])]))
        number = e164_anywhere(phone.removeprefix("tel:"), phone_region(region), likely)
        values["phone"] = number
        if number is None:
            notes.append(
                RowProblem(line, f"line {line}: {_phone_left_out(phone, phone_region(region))}", False)
            )
    if values["tags"]:
        tags = read_tag_field(str(values["tags"]))
        if isinstance(tags, str):
            values["tags"] = None
            notes.append(RowProblem(line, f"line {line}: {tags} The tags were left out.", False))
        else:
            values["tags"] = tags_text(tags) or None
    for key in ("met_on", "promise_due"):
        raw = tidy(cells.get(key))
        day = read_date(raw) if raw else None
        if raw and day is None:
            return None, [
                RowProblem(
                    line, f"line {line}: I couldn't read `{raw[:40]}` as a date; write it like 2026-11-20."
                )
            ]
        if key == "met_on" and day is not None and day > today:
            return None, [RowProblem(line, f"line {line}: the met date {day.isoformat()} is still to come.")]
        values[key] = day
    if values["promise_due"] and not values["promise"]:
        values["promise_due"] = None
    state = cells.get("state")
    values["state"] = state if read_state(state) is not None else None
    if not values["promise"] and values["notes"] and not values["state"]:
        try:  # a promise written in the notes ("promised to send the deck") becomes the promise
            action, due = promise_in_text(str(values["notes"]), today)
        except Exception:  # a passed or unreadable deadline: the words stay in the notes only
            action, due = None, None
        values["promise"], values["promise_due"] = action, due
    return ImportedContact(line=line, **values), notes  # type: ignore[arg-type]


def _phone_left_out(phone: str, country: str) -> str:
    if e164(phone, country) is None:
        return f"`{phone[:40]}` isn't a phone number, so it was left out."
    return (
        f"`{phone[:40]}` isn't a number of {country} as written, so it was left out; "
        "write it with its country code (like `+33 6 12 34 56 78`) to import it."
    )
