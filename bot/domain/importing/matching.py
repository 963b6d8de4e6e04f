"""Which saved contact an imported row is: by e-mail, then phone, then name and company.

Pure. The name rule is the duplicate rule of `/met` (bot.domain.contact_form.is_likely_duplicate):
the same folded name (apostrophes and hyphens aside: bot.domain.resolve.loose_key), and the same
company or one of them unknown. A row changes only fields whose cell is filled and differs; an
empty cell never clears what is saved, and notes are added below the saved ones unless already
there, and tags are added to the saved ones (never removed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.domain.contact_form import is_likely_duplicate
from bot.domain.importing.rows import ImportedContact
from bot.domain.quickadd import MAX_NOTES
from bot.domain.resolve import loose_key
from bot.domain.tags import merged, tags_of
from bot.domain.vocabulary import fold

# Fields an import may fill or change on a saved contact (the name stays as saved).
UPDATABLE = (
    "company",
    "role",
    "email",
    "phone",
    "url",
    "event",
    "met_on",
    "promise",
    "promise_due",
    "referred_by",
    "introducer",
)


@dataclass(frozen=True)
class Known:
    """A saved contact as matching sees it: its id and its current field values."""

    id: int
    values: dict[str, object]

    @property
    def name_key(self) -> str:
        return loose_key(str(self.values.get("name") or ""))

    @property
    def company_key(self) -> str | None:
        company = self.values.get("company")
        return fold(str(company)) if company else None


@dataclass
class Matcher:
    """Finds the saved (or earlier imported) contact a row is; add() makes a new one findable."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_phone: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)

    @classmethod
    def of(cls, known: Iterable[Known]) -> Matcher:
        matcher = cls()
        for contact in known:
            matcher.add(contact.id, contact.values)
        return matcher

    def add(self, key: int, values: dict[str, object]) -> None:
        email, phone = values.get("email"), values.get("phone")
        if email:
            self.by_email.setdefault(str(email).lower(), key)
        if phone:
            self.by_phone.setdefault(str(phone), key)
        company = values.get("company")
        self.by_name.setdefault(loose_key(str(values.get("name") or "")), []).append(
            (key, fold(str(company)) if company else None)
        )

    def find(self, row: ImportedContact) -> int | None:
        if row.email and (found := self.by_email.get(row.email.lower())) is not None:
            return found
        if row.phone and (found := self.by_phone.get(row.phone)) is not None:
            return found
        company_key = fold(row.company) if row.company else None
        for key, other_company in self.by_name.get(loose_key(row.name), []):
            if is_likely_duplicate(company_key, other_company):
                return key
        return None


def changes_for(saved: dict[str, object], row: ImportedContact) -> dict[str, object]:
    """What the row changes on a saved contact: filled cells that differ, and notes not yet there."""
    changes: dict[str, object] = {}
    for key in UPDATABLE:
        value = getattr(row, key)
        if value is not None and value != saved.get(key):
            changes[key] = value
    if row.tags:
        tags = merged(str(saved.get("tags") or ""), tags_of(row.tags))
        if tags != (saved.get("tags") or ""):
            changes["tags"] = tags
    if row.notes:
        current = str(saved.get("notes") or "")
        if row.notes not in current:
            notes = f"{current}\n{row.notes}" if current else row.notes
            if len(notes) <= MAX_NOTES:
                changes["notes"] = notes
    return changes
