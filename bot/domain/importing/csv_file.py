"""Reading contacts from CSV: the header row found among preamble lines, its columns mapped to fields.

Pure. Exports name their columns differently (LinkedIn `First Name`/`Position`/`Connected On`,
Eventbrite `Attendee first name`... `Job Title`, Luma `name`/`phone_number`, Google `E-mail 1 -
Value`/`Organization Name`, Outlook `E-mail Address`/`Job Title`/`Business Phone`): each field has
its header words in order of preference, and a cell is taken from the first such column that is
filled. The header is the first of the opening lines in which a name column and one other field are
found (or only name columns) (LinkedIn puts notes above it); the delimiter (`,` `;` or tab) is the one that finds it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from bot.domain.importing.budget import Budget, lines_of
from bot.domain.importing.restore import restored_cell
from bot.domain.importing.rows import (
    MAX_ROWS,
    FileProblem,
    ImportedContact,
    ReadFile,
    RowProblem,
    check_row,
)
from bot.domain.vocabulary import fold

HEADER_SEARCH_LINES = 30
HEADER_SEARCH_CHARS = 64 * 1024
MAX_ROW_CHARS = 64 * 1024  # a row (all its lines) longer than this is no contact: the file is refused
DELIMITERS = (",", ";", "\t")

# Header words (folded, punctuation as spaces) per field, most specific first. A field takes its
# value from the first listed column that is filled in the row.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "attendee name", "guest name", "contact name", "fn"),
    "first": ("first name", "given name", "attendee first name", "first", "firstname", "first name s"),
    "middle": ("middle name", "additional name", "middle"),
    "last": ("last name", "family name", "surname", "attendee last name", "last", "lastname"),
    "email": (
        "email",
        "email address",
        "e mail",
        "e mail address",
        "e mail 1 value",
        "email 1 value",
        "attendee email",
        "work email",
        "e mail 2 address",
        "e mail 2 value",
        "home email",
    ),
    "phone": (
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
        "cell",
        "cell phone",
        "phone 1 value",
        "primary phone",
        "business phone",
        "work phone",
        "home phone",
        "other phone",
        "phone 2 value",
    ),
    "company": (
        "company",
        "company name",
        "organization",
        "organisation",
        "organization name",
        "organization 1 name",
        "employer",
    ),
    "role": (
        "position",
        "job title",
        "organization title",
        "organization 1 title",
        "role",
        "job",
        "title",
    ),
    "url": (
        "url",
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "profile url",
        "website",
        "web page",
        "website 1 value",
        "homepage",
    ),
    "notes": ("notes", "note", "comments", "comment", "description"),
    "event": ("event", "event name", "event title"),
    "met_on": ("met on", "date met", "connected on", "checked in at", "check in date", "met"),
    "promise": ("promise", "promised"),
    "promise_due": ("promise due", "promised by"),
    "referred_by": ("referred by", "referrer"),
    "introducer": ("introducer", "introduced by", "via"),
    "tags": ("tags", "tag"),
    "state": ("warmcall data",),  # our own export (bot.domain.importing.restore.STATE_HEADER)
}
_HONORIFIC_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "mx", "sir"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_GOOGLE_SEPARATOR = " ::: "  # Google Contacts puts several values in one cell with this


def header_key(cell: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(cell)).split())


@dataclass(frozen=True)
class ColumnMap:
    """For each field, the column indexes to read it from, in order of preference."""

    columns: dict[str, tuple[int, ...]]

    @property
    def has_name(self) -> bool:
        return "name" in self.columns or "first" in self.columns or "last" in self.columns

    def score(self) -> int:
        return len(self.columns)


def map_header(row: list[str]) -> ColumnMap:
    where: dict[str, list[int]] = {}
    for i, cell in enumerate(row):
        where.setdefault(header_key(cell), []).append(i)
    columns: dict[str, tuple[int, ...]] = {}
    for field, aliases in ALIASES.items():
        found = [i for alias in aliases for i in where.get(alias, ())]
        if found:
            columns[field] = tuple(dict.fromkeys(found))
    return ColumnMap(columns)


def _find_header(text: str) -> tuple[str, int, ColumnMap] | None:
    """(delimiter, index of the header among the parsed rows, its map) — the best of the delimiters."""
    best: tuple[int, str, int, ColumnMap] | None = None
    head = "".join(islice(lines_of(text, keep_ends=True), HEADER_SEARCH_LINES))[:HEADER_SEARCH_CHARS]
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        except csv.Error:
            continue
        for index, row in enumerate(rows):
            mapped = map_header(row)
            filled = sum(1 for cell in row if cell.strip())
            if mapped.has_name and (mapped.score() >= 2 or filled == mapped.score()):
                if best is None or mapped.score() > best[0]:
                    best = (mapped.score(), delimiter, index, mapped)
                break
    return None if best is None else best[1:]


def _cell(row: list[str], indexes: tuple[int, ...]) -> str | None:
    for i in indexes:
        if i < len(row) and row[i].strip():
            value = row[i]
            return value.split(_GOOGLE_SEPARATOR)[0]
    return None


def _cells(row: list[str], mapped: ColumnMap) -> dict[str, str | None]:
    if "state" in mapped.columns:  # our own export: each cell as it was before the spreadsheet guard
        row = [restored_cell(cell) for cell in row]
    cells = {field: _cell(row, indexes) for field, indexes in mapped.columns.items()}
    if not cells.get("name"):
        parts = [cells.get(k) for k in ("first", "middle", "last")]
        cells["name"] = " ".join(p.strip() for p in parts if p and p.strip()) or None
    role = cells.get("role")
    if role and header_key(role) in _HONORIFIC_TITLES:  # Outlook's "Title" is Mr./Ms., not a job
        cells["role"] = None
    return cells


class _RowLines:
    """The text's lines for csv.reader, one at a time; `ended_row()` after each row. A row running
    over MAX_ROW_CHARS (a huge line, or a quote that never closes) raises RowTooLong."""

    def __init__(self, text: str) -> None:
        self._lines: Iterator[str] = lines_of(text, keep_ends=True)
        self._next = self._lines.__next__
        self._chars = 0
        self.number = 0
        self.row_start = 1  # the line the row being read began on

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        line = self._next()
        self.number += 1
        if not self._chars:
            self.row_start = self.number
        self._chars += len(line) or 1
        if self._chars > MAX_ROW_CHARS:
            raise RowTooLong
        return line

    def ended_row(self) -> None:
        self._chars = 0


class RowTooLong(Exception):
    pass


def read_csv(text: str, today: dt.date, budget: Budget, region: str | None = None) -> ReadFile | FileProblem:
    """Every data row of a CSV export as a contact or a problem, with the file's line numbers."""
    found = _find_header(text)
    if found is None:
        return FileProblem(
            "I couldn't find a header row with a name column in that file. The first rows should name "
            "the columns, like `First Name,Last Name,Email Address,Company` (or `Name,...`)."
        )
    delimiter, header_index, mapped = found
    lines = _RowLines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    contacts: list[ImportedContact] = []
    problems: list[RowProblem] = []
    rows = 0
    try:
        for index, row in enumerate(reader):
            lines.ended_row()
            budget.check()
            if index <= header_index:
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            line = reader.line_num - _extra_lines(row)
            rows += 1
            if rows > MAX_ROWS:
                return _too_many()
            contact, row_problems = check_row(line, _cells(row, mapped), today, region)
            problems.extend(row_problems)
            if contact is not None:
                contacts.append(contact)
    except RowTooLong:
        return FileProblem(
            f"Line {lines.row_start} of that file runs on for more than {MAX_ROW_CHARS // 1024} KB "
            "(a quote that never closes?). Fix it or export the file again, then try again."
        )
    except csv.Error:
        return FileProblem(
            f"Line {reader.line_num} of that file breaks the CSV format (a quote that never closes?). "
            "Fix it or export the file again, then try again."
        )
    if rows == 0:
        return FileProblem("That file has a header but no contacts under it. Add rows and try again.")
    return ReadFile("csv", tuple(contacts), tuple(problems))


def _extra_lines(row: list[str]) -> int:
    """How many more lines than one a row took (quoted cells with line breaks): its first line."""
    return sum(cell.count("\n") for cell in row)


def _too_many() -> FileProblem:
    return FileProblem(
        f"That file has more than {MAX_ROWS:,} contacts. Split it into files of up to {MAX_ROWS:,} rows "
        "and import them one by one."
    )
