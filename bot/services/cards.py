"""Business cards by photo (issue 29): read a batch of photos, keep what was read as one preview, and
save the cards the user keeps (with their fixes) through the import's batch: duplicates are matched
like an import's rows (bot.domain.importing.matching), the save is one transaction, and the import's
Undo takes the whole batch back (bot.services.imports).

A preview is an `import_batches` row of kind `cards` whose rows are the cards as read (fields, the
uncertain ones, the photo's name); saving checks each kept card like an import row
(bot.domain.importing.rows.check_row), turns the rows into the import's, and confirms the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import phonenumbers
from slack_sdk import WebClient

from bot.domain.cards import Card, Unreadable
from bot.domain.clock import naive_utc
from bot.domain.contact_details import PHONE_REGION, display_phone
from bot.domain.importing.matching import Known, Matcher
from bot.domain.importing.rows import check_row
from bot.services.cards_ocr import IMAGE_TYPES, MAX_IMAGE_BYTES, TOO_BIG, ImageRefused, read_photo
from bot.services.contacts import owner_day
from bot.services.context import Services
from bot.services.imports import (
    CARDS_KIND,
    PREVIEWED,
    Imported,
    ImportProblem,
    _row_json,
    _saved_values,
    confirm_import,
    read_options,
)
from bot.services.slack_files import FileRefused, fetch_file
from storage.imports import add_batch, batch_for_update, owner_contacts

KIND = CARDS_KIND
MAX_CARDS = 10  # Slack's file_input takes at most 10 files; a DM batch is cut to the same
FIELDS = ("name", "role", "company", "email", "phone", "url", "notes")  # the contact's, in the review's order
LABELS = {
    "name": "name",
    "role": "title",
    "company": "company",
    "email": "e-mail",
    "phone": "phone",
    "url": "website",
    "notes": "notes",
}
_UNSURE = {"name": "name", "title": "role", "company": "company", "email": "email", "phone": "phone"}
_UNSURE["website"] = "url"


@dataclass(frozen=True)
class Photo:
    """One file given as a card: its name and bytes, or why it could not be fetched (`refused`)."""

    name: str
    data: bytes = b""
    refused: str | None = None


@dataclass(frozen=True)
class CardRead:
    """One photo's outcome: `values` by contact field (None where nothing was read), `uncertain` the
    fields to check; `problem` says why nothing was read (then the card is never saved)."""

    number: int
    file_name: str
    values: dict[str, str | None]
    uncertain: tuple[str, ...] = ()
    problem: str | None = None
    duplicate_of: str | None = None  # the saved contact this card updates, by name


@dataclass(frozen=True)
class CardsPreview:
    batch_id: int
    cards: tuple[CardRead, ...]
    event: str | None = None
    on: str | None = None
    country: str | None = None  # the owner's, for showing phones (national at home, else international)

    @property
    def readable(self) -> tuple[CardRead, ...]:
        return tuple(c for c in self.cards if c.problem is None)


@dataclass(frozen=True)
class NeedsFixing:
    """The review can't be saved as it is: `problems` by (card number, field) say what to change."""

    problems: dict[tuple[int, str], str]
    general: str | None = None


# --- reading -----------------------------------------------------------------------------------------------


def is_image_file(file: Mapping) -> bool:
    """A Slack file object that looks like a photo (by its mimetype or filetype)."""
    return str(file.get("mimetype") or "").startswith("image/") or str(
        file.get("filetype") or ""
    ).lower() in (IMAGE_TYPES)


def precheck(file: Mapping) -> str | None:
    """Why a Slack file can't be a card before downloading it (not a photo, too big), or None."""
    name = str(file.get("name") or "That file")
    if not is_image_file(file):
        return f"{name} isn't a photo I can read. Send a JPEG or PNG photo of the card."
    if int(file.get("size") or 0) > MAX_IMAGE_BYTES:
        return f"{name} {TOO_BIG}"
    return None


def phone_region(services: Services, team_id: str, user_id: str) -> str:
    """The country a card's numbers without a country code are read in: the owner's holiday region's
    country (Settings, else their Slack time zone's), else the default."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    country = (day.holidays or "").split("-")[0].upper()
    return country if country and phonenumbers.country_code_for_region(country) else PHONE_REGION


def read_photos(photos: list[Photo], region: str = PHONE_REGION) -> list[CardRead]:
    """OCR and lay out every photo (CPU-bound: call it off the request thread)."""
    reads = []
    for number, photo in enumerate(photos[:MAX_CARDS], start=1):
        if photo.refused:
            reads.append(CardRead(number, photo.name, {}, problem=photo.refused))
            continue
        card = read_photo(photo.data, region)
        if isinstance(card, ImageRefused):
            reads.append(CardRead(number, photo.name, {}, problem=f"{photo.name} {card.message}"))
        elif isinstance(card, Unreadable):
            reads.append(CardRead(number, photo.name, {}, problem=f"{photo.name}: {card.message}"))
        else:
            reads.append(CardRead(number, photo.name, card_values(card), _uncertain(card)))
    return reads


def card_values(card: Card) -> dict[str, str | None]:
    """A card's fields as the contact's (title → role, website → url)."""
    return {
        "name": card.name,
        "role": card.title,
        "company": card.company,
        "email": card.email,
        "phone": card.phone,
        "url": card.website,
        "notes": card.notes,
    }


def _uncertain(card: Card) -> tuple[str, ...]:
    return tuple(f for key, f in _UNSURE.items() if key in card.uncertain)


# --- preview -----------------------------------------------------------------------------------------------


def preview_cards(
    services: Services,
    team_id: str,
    user_id: str,
    reads: list[CardRead],
    *,
    event: str | None = None,
    on: str | None = None,
) -> CardsPreview:
    """Keep what was read as one previewed batch (nothing saved yet), with the cards that match a
    saved contact marked (`duplicate_of`)."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    rows = [_checked(c, day.today, day.country) for c in reads if c.problem is None]
    with services.db.transaction() as session:
        known = {c.id: _saved_values(c) for c in owner_contacts(session, team_id, user_id)}
        matcher = Matcher.of(Known(cid, values) for cid, values in known.items())
        marked = []
        for read, row in zip([c for c in reads if c.problem is None], rows, strict=True):
            key = matcher.find(row) if row is not None else None
            marked.append(replace(read, duplicate_of=str(known[key]["name"]) if key is not None else None))
        marked += [c for c in reads if c.problem is not None]
        marked.sort(key=lambda c: c.number)
        batch = add_batch(
            session,
            team_id,
            user_id,
            created_at=naive_utc(services.clock.now()),
            state=PREVIEWED,
            file_name=f"{len(reads)} card photos",
            kind=KIND,
            rows=[_card_json(c) for c in marked],
            problems=[],
            counts={"event": event or "", "on": on or ""},
        )
        batch_id = batch.id
    services.log.info(
        "cards previewed: %d photos, %d unreadable", len(reads), sum(1 for c in reads if c.problem)
    )
    return CardsPreview(batch_id, tuple(marked), event or None, on or None, day.country)


def _checked(read: CardRead, today: dt.date, country: str | None):
    if not read.values.get("name"):
        return None
    contact, _ = check_row(read.number, read.values, today, country)  # numbers of the user's country
    return contact


def _card_json(read: CardRead) -> dict:
    return {
        "number": read.number,
        "file": read.file_name[:200],
        "values": {k: v for k, v in read.values.items() if v},
        "uncertain": list(read.uncertain),
        "problem": read.problem,
        "duplicate_of": read.duplicate_of,
    }


def _card_of(data: dict) -> CardRead:
    return CardRead(
        int(data["number"]),
        str(data.get("file") or ""),
        {f: (data.get("values") or {}).get(f) for f in FIELDS},
        tuple(data.get("uncertain") or ()),
        data.get("problem"),
        data.get("duplicate_of"),
    )


def cards_preview(
    services: Services, team_id: str, user_id: str, batch_id: object
) -> CardsPreview | ImportProblem:
    """A previewed batch, to show for review again (the DM's Review and save button)."""
    with services.db.transaction() as session:
        batch = batch_for_update(session, team_id, user_id, batch_id)
        if batch is None or batch.kind != KIND:
            return ImportProblem("I can't find those cards any more. Send the photos again.")
        if batch.state != PREVIEWED:
            return ImportProblem(
                "Those cards are already saved or cancelled. Send the photos again to redo them."
            )
        counts = batch.counts or {}
        shown = CardsPreview(
            batch.id,
            tuple(_card_of(c) for c in batch.rows or []),
            counts.get("event") or None,
            counts.get("on") or None,
        )
    return replace(shown, country=owner_day(services, team_id, user_id, ask_slack=False).country)


# --- saving ------------------------------------------------------------------------------------------------


def save_cards(
    services: Services,
    team_id: str,
    user_id: str,
    batch_id: object,
    *,
    keep: set[int],
    edits: Mapping[int, Mapping[str, str | None]],
    event: str | None,
    on: str | None,
) -> Imported | ImportProblem | NeedsFixing:
    """Save the kept cards with the user's fixes, in one transaction; a second save does nothing more."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    options = read_options(event, on, day.today)
    if isinstance(options, ImportProblem):
        return NeedsFixing({}, options.message)
    preview = cards_preview(services, team_id, user_id, batch_id)
    if isinstance(preview, ImportProblem):
        return confirm_import(services, team_id, user_id, batch_id)  # saved already: says so, or why not
    rows, problems = [], {}
    for card in preview.readable:
        if card.number not in keep:
            continue
        values = {**card.values, **(edits.get(card.number) or {})}
        if not values.get("name"):
            problems[(card.number, "name")] = (
                "Type the name on this card, or untick the card to leave it out."
            )
            continue
        # a phone fixed in the review without a country code is one of the user's country
        row, notes = check_row(card.number, {**values, "event": options[0]}, day.today, day.country)
        if row is None:
            problems[(card.number, "name")] = _without_line(notes[0].reason)
            continue
        for note in notes:
            field = "email" if "e-mail" in note.reason else "phone" if "phone" in note.reason else "name"
            problems[(card.number, field)] = _without_line(note.reason)
        rows.append(row if options[1] is None else replace(row, met_on=options[1]))
    if problems:
        return NeedsFixing(problems)
    if not rows:
        return NeedsFixing({}, "Tick at least one card to save, or close this to save nothing.")
    with services.db.transaction() as session:
        batch = batch_for_update(session, team_id, user_id, batch_id)
        if batch is None or batch.state != PREVIEWED:
            return ImportProblem("Those cards are already saved or cancelled.")
        batch.rows = [_row_json(r) for r in rows]
        batch.problems = [[c.number, c.problem, True] for c in preview.cards if c.problem]
    return confirm_import(services, team_id, user_id, batch_id)


def _without_line(reason: str) -> str:
    """An import row's reason, said of the card ("line 2: the name …" → "The name …")."""
    text = reason.split(": ", 1)[1] if reason.startswith("line ") and ": " in reason else reason
    return text[:1].upper() + text[1:]


def shown_value(field: str, value: str | None, country: str | None = None) -> str | None:
    """A field as the preview shows it: a phone in the national format of the user's `country` when
    it is one of that country's, else in its international form."""
    if field == "phone" and value:
        return display_phone(value, country)
    return value


def photos_from_slack(client: WebClient, files: list[Mapping]) -> list[Photo]:
    """The batch's photos: each file checked first (not a photo, too big), then fetched with
    files.info and the bounded, allow-listed download of bot.services.slack_files."""
    photos = []
    for file in files[:MAX_CARDS]:
        name = str(file.get("name") or "photo")
        refused = precheck(file)
        if refused:
            photos.append(Photo(name, refused=refused))
            continue
        fetched = fetch_file(client, str(file.get("id")), limit=MAX_IMAGE_BYTES, photo=True)
        if isinstance(fetched, FileRefused):
            photos.append(Photo(name, refused=f"{name}: {fetched.message}"))
        else:
            photos.append(Photo(fetched.name or name, fetched.data))
    return photos
