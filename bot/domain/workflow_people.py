"""The people a Workflow Builder step hands to "Add contacts to Warmcall": a list of objects (name,
company, email, note), or of lines `Name, Company, email, note` (a form's long text works too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PEOPLE = 200  # one registration list; a bigger file goes through /met import
MAX_NAME = 100
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[a-z]{2,}", re.IGNORECASE)
_KEYS = {
    "name": "name",
    "full_name": "name",
    "company": "company",
    "organisation": "company",
    "organization": "company",
    "email": "email",
    "e-mail": "email",
    "note": "note",
    "notes": "note",
}


@dataclass(frozen=True)
class PersonIn:
    name: str
    company: str | None = None
    email: str | None = None
    note: str | None = None


def _clean(value: object, limit: int) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text[:limit] or None


def _from_mapping(item: dict) -> PersonIn | None:
    fields: dict[str, str | None] = {}
    for key, value in item.items():
        field = _KEYS.get(str(key).strip().casefold())
        if field and field not in fields:
            fields[field] = _clean(value, 3000 if field == "note" else 320 if field == "email" else 200)
    name = fields.pop("name", None)
    if not name:
        return None
    email = fields.get("email")
    if email and not _EMAIL.fullmatch(email):
        fields["email"] = None
    return PersonIn(name[:MAX_NAME], **fields)


def _from_line(line: str) -> PersonIn | None:
    parts = [p.strip() for p in line.split(",")]
    email = next((p for p in parts if _EMAIL.fullmatch(p)), None)
    rest = [p for p in parts if p and p != email]
    if not rest:
        return None
    name, company = rest[0], rest[1] if len(rest) > 1 else None
    note = ", ".join(rest[2:]) or None
    return PersonIn(name[:MAX_NAME], _clean(company, 200), email, _clean(note, 3000))


def read_people(raw: object) -> tuple[list[PersonIn], int]:
    """(people read, items that named nobody) from the step's `people` input; at most MAX_PEOPLE."""
    if isinstance(raw, str):
        items: list[object] = [line for line in raw.splitlines() if line.strip()]
    elif isinstance(raw, list):
        items = list(raw)
    else:
        return [], 0
    people: list[PersonIn] = []
    unnamed = 0
    for item in items[:MAX_PEOPLE]:
        person = _from_mapping(item) if isinstance(item, dict) else _from_line(str(item))
        if person is None:
            unnamed += 1
        else:
            people.append(person)
    return people, unnamed
