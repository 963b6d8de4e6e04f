"""Reading contacts from vCard 2.1, 3.0 and 4.0 files with `vobject`, one card at a time.

Pure. The file is cut into cards at BEGIN:VCARD / END:VCARD lines in one pass over its lines (so one
broken card is skipped with its line number, never the whole file), then each card is parsed by
vobject. On the way, two things phones write that vobject does not read: quoted-printable soft line
breaks (a line ending in `=`, Android's 2.1 export) are joined, and blank lines inside a card (after a
photo) are dropped. Photos, sounds and keys are dropped as they come. Time and memory grow with the
file's size, no faster: a card is capped in size, a file in CPU seconds (its Budget).
Warmcall's own fields travel as `X-WARMCALL-…` properties.
"""

from __future__ import annotations

import datetime as dt
import quopri
import re
from collections.abc import Iterator

import vobject

from bot.domain.importing.budget import Budget, lines_of
from bot.domain.importing.rows import (
    MAX_ROWS,
    FileProblem,
    ImportedContact,
    ReadFile,
    RowProblem,
    check_row,
)

X_FIELDS = {
    "x-warmcall-event": "event",
    "x-warmcall-met-on": "met_on",
    "x-warmcall-promise": "promise",
    "x-warmcall-promise-due": "promise_due",
    "x-warmcall-referred-by": "referred_by",
    "x-warmcall-introducer": "introducer",
    "x-warmcall-data": "state",  # bot.domain.importing.restore
}
_IGNORED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.I)
_END = re.compile(r"^END:VCARD\s*$", re.I)
_BEGIN_ANYWHERE = re.compile(r"^BEGIN:VCARD[ \t]*\r?$", re.I | re.M)
MAX_CARD_CHARS = 100_000  # a card's text without photos: far above any real card
MAX_CARD_LINES = 1_000
_QP = re.compile(r"ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE", re.I)
_CHARSET = re.compile(r";CHARSET=([A-Za-z0-9_-]+)", re.I)


def looks_like_vcard(text: str) -> bool:
    return bool(re.search(r"^BEGIN:VCARD", text[:5000].lstrip(), re.I | re.M))


def _cards(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """(first line number, the card's lines ready for vobject) for each BEGIN…END block, read in one
    pass: quoted-printable values joined and decoded, blank lines and photos dropped as they come. A
    card over MAX_CARD_CHARS or MAX_CARD_LINES (photos not counted) comes as None, unread."""
    card: _Card | None = None
    for number, line in enumerate(lines_of(text), start=1):
        if _BEGIN.match(line):
            card = _Card(number, [line])
        elif card is not None:
            if _END.match(line):
                yield card.start, card.close(line)
                card = None
            else:
                card.add(line)


class _Card:
    """One card's lines as they arrive; its size bounded whatever the file holds."""

    def __init__(self, start: int, lines: list[str]) -> None:
        self.start = start
        self.lines = lines
        self.chars = 0
        self.too_big = False
        self.skipping = False  # in a photo (or another ignored property) and its folded lines
        self.qp: tuple[str, list[str]] | None = None  # an open quoted-printable value: name, parts

    def add(self, line: str) -> None:
        if self.too_big:
            return
        if self.qp is not None:  # Android's 2.1: the value goes on after a trailing `=`
            self._grow(len(line))
            if self.qp is not None:
                self.qp[1].append(line.lstrip())
                if not line.endswith("="):
                    self._close_qp()
            return
        if line[:1] in (" ", "\t"):  # a folded line belongs to the property above it
            if not self.skipping:
                self._keep(line)
            return
        if not line.strip():
            return
        prop = re.split(r"[;:]", line, maxsplit=1)[0].split(".")[-1].upper()
        self.skipping = prop in _IGNORED
        if self.skipping:
            return
        name, colon, value = line.partition(":")
        if colon and _QP.search(name):
            self._grow(len(line))
            if not self.too_big:
                self.qp = (name, [value])
                if not value.endswith("="):
                    self._close_qp()
            return
        self._keep(line)

    def close(self, end: str) -> list[str] | None:
        if self.qp is not None and not self.too_big:
            self._close_qp()
        return None if self.too_big else [*self.lines, end]

    def _keep(self, line: str, *, counted: bool = False) -> None:
        if not counted:
            self._grow(len(line))
        if not self.too_big:
            self.lines.append(line)
            if len(self.lines) > MAX_CARD_LINES:
                self._overflow()

    def _grow(self, chars: int) -> None:
        self.chars += chars
        if self.chars > MAX_CARD_CHARS:
            self._overflow()

    def _overflow(self) -> None:
        self.too_big, self.lines, self.qp = True, [], None

    def _close_qp(self) -> None:
        assert self.qp is not None
        name, parts = self.qp
        self.qp = None
        value = "".join(part[:-1] if part.endswith("=") else part for part in parts)
        self._keep(_decoded_qp(name, value), counted=True)


def _decoded_qp(name: str, value: str) -> str:
    """A quoted-printable property as plain text (with its CHARSET), so vobject can read it."""
    charset = (_CHARSET.search(name) or [None, "utf-8"])[1]
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    try:
        decoded = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        decoded = raw.decode("latin-1")
    name = _QP.sub("", _CHARSET.sub("", name))
    decoded = decoded.replace("\r\n", "\\n").replace("\n", "\\n")
    return f"{name}:{decoded}"


_UNESCAPED_COMMA = re.compile(r"(?<!\\),")


def _escape_commas_21(lines: list[str]) -> list[str]:
    """vCard 2.1 has no comma escaping, and vobject reads a bare comma as a list separator (a NOTE
    would stop at its first comma): escape them in 2.1 cards."""
    if not any(line.strip().upper() == "VERSION:2.1" for line in lines):
        return lines
    out = []
    for line in lines:
        name, colon, value = line.partition(":")
        if colon and name.split(";")[0].upper() not in ("BEGIN", "END", "VERSION"):
            line = f"{name}:{_UNESCAPED_COMMA.sub(chr(92) + ',', value)}"
        out.append(line)
    return out


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _first(card: vobject.base.Component, key: str) -> str | None:
    for item in card.contents.get(key, []):
        if text := _text(item.value):
            return text
    return None


def _preferred(card: vobject.base.Component, key: str) -> str | None:
    """The value marked preferred (TYPE=pref or PREF=1), else the first."""
    items = card.contents.get(key, [])
    for item in items:
        types = [t.lower() for t in item.params.get("TYPE", [])]
        if ("pref" in types or item.params.get("PREF")) and (text := _text(item.value)):
            return text
    return _first(card, key)


def _name(card: vobject.base.Component) -> str | None:
    if name := _first(card, "fn"):
        return name
    for item in card.contents.get("n", []):
        n = item.value
        if isinstance(n, vobject.vcard.Name):
            parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
            joined = " ".join(_text(p) or "" for p in parts).split()
            if joined:
                return " ".join(joined)
        elif text := _text(n):
            return " ".join(text.replace(";", " ").split())
    return None


def _org(card: vobject.base.Component) -> str | None:
    for item in card.contents.get("org", []):
        value = item.value
        if isinstance(value, list):
            value = value[0] if value else None
        if text := _text(value):
            return text
    return None


def card_cells(card: vobject.base.Component) -> dict[str, str | None]:
    cells: dict[str, str | None] = {
        "name": _name(card),
        "company": _org(card),
        "role": _first(card, "title") or _first(card, "role"),
        "email": _preferred(card, "email"),
        "phone": _preferred(card, "tel"),
        "url": _first(card, "url"),
        "notes": _first(card, "note"),
        "tags": _first(card, "categories"),
    }
    for key, field in X_FIELDS.items():
        cells[field] = _first(card, key)
    return cells


def read_vcards(
    text: str, today: dt.date, budget: Budget, region: str | None = None
) -> ReadFile | FileProblem:
    """Every card of a vCard file as a contact or a problem (with the line its card starts on)."""
    if sum(1 for _ in _BEGIN_ANYWHERE.finditer(text)) > MAX_ROWS:
        return FileProblem(
            f"That file has more than {MAX_ROWS:,} cards. Split it into files of up to {MAX_ROWS:,} "
            "cards and import them one by one."
        )
    contacts: list[ImportedContact] = []
    problems: list[RowProblem] = []
    complete = 0
    for line, lines in _cards(text):
        budget.check()
        complete += 1
        if lines is None:
            problems.append(
                RowProblem(
                    line,
                    f"the card on line {line} is too large to be a contact (over {MAX_CARD_CHARS // 1000} "
                    "thousand characters without its photo), so it was skipped.",
                )
            )
            continue
        prepared = _escape_commas_21(lines)
        try:
            card = vobject.readOne("\r\n".join(prepared) + "\r\n", ignoreUnreadable=True)
        except Exception:  # vobject raises several kinds (ParseError, ValueError, …) for a broken card
            problems.append(
                RowProblem(line, f"the card on line {line} is broken, so it was skipped; export it again.")
            )
            continue
        contact, row_problems = check_row(line, card_cells(card), today, region)
        problems.extend(row_problems)
        if contact is not None:
            contacts.append(contact)
    if not complete:
        return FileProblem(
            "That file has no complete contact card (BEGIN:VCARD … END:VCARD). Export the contacts "
            "again as vCard (.vcf) and try again."
        )
    return ReadFile("vcard", tuple(contacts), tuple(problems))
