"""Reading contacts from vCard 2.1, 3.0 and 4.0 files with `vobject`, one card at a time.

Pure. The file is cut into cards at BEGIN:VCARD / END:VCARD lines (so one broken card is skipped with
its line number, never the whole file), then each card is parsed by vobject. Before that, two things
phones write that vobject does not read: quoted-printable soft line breaks (a line ending in `=`,
Android's 2.1 export) are joined, and blank lines inside a card (after a photo) are dropped.
Photos, sounds and keys are ignored. Warmcall's own fields travel as `X-WARMCALL-…` properties.
"""

from __future__ import annotations

import datetime as dt
import quopri
import re

import vobject

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
}
_IGNORED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.I)
_END = re.compile(r"^END:VCARD\s*$", re.I)
_QP = re.compile(r"ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE", re.I)
_CHARSET = re.compile(r";CHARSET=([A-Za-z0-9_-]+)", re.I)


def looks_like_vcard(text: str) -> bool:
    return bool(re.search(r"^BEGIN:VCARD", text[:5000].lstrip(), re.I | re.M))


def _cards(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, the card's lines) for each BEGIN…END block."""
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            current, start = [line], number
        elif current is not None:
            current.append(line)
            if _END.match(line):
                cards.append((start, current))
                current = None
    return cards


def _unfold_quoted_printable(lines: list[str]) -> list[str]:
    """Android's 2.1 lines: a quoted-printable value continues on the next line after a trailing `=`.
    The value is decoded here (with its CHARSET) so vobject sees plain text."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if colon and _QP.search(name):
            while value.endswith("=") and i < len(lines):
                value = value[:-1] + lines[i].lstrip()
                i += 1
            charset = (_CHARSET.search(name) or [None, "utf-8"])[1]
            raw = quopri.decodestring(value.encode("latin-1", "replace"))
            try:
                decoded = raw.decode(charset)
            except (LookupError, UnicodeDecodeError):
                decoded = raw.decode("latin-1")
            name = _QP.sub("", _CHARSET.sub("", name))
            decoded = decoded.replace("\r\n", "\\n").replace("\n", "\\n")
            line = f"{name}:{decoded}"
        out.append(line)
    return out


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


def _skip_binary(lines: list[str]) -> list[str]:
    """Drop photos and their folded continuation lines (they are large and of no use here)."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if line[:1] in (" ", "\t"):
            if not skipping:
                out.append(line)
            continue
        prop = re.split(r"[;:]", line, maxsplit=1)[0].split(".")[-1].upper()
        skipping = prop in _IGNORED
        if not skipping:
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


def read_vcards(text: str, today: dt.date) -> ReadFile | FileProblem:
    """Every card of a vCard file as a contact or a problem (with the line its card starts on)."""
    cards = _cards(text)
    if not cards:
        return FileProblem(
            "That file has no complete contact card (BEGIN:VCARD … END:VCARD). Export the contacts "
            "again as vCard (.vcf) and try again."
        )
    if len(cards) > MAX_ROWS:
        return FileProblem(
            f"That file has more than {MAX_ROWS:,} cards. Split it into files of up to {MAX_ROWS:,} "
            "cards and import them one by one."
        )
    contacts: list[ImportedContact] = []
    problems: list[RowProblem] = []
    for line, lines in cards:
        prepared = _escape_commas_21(_skip_binary(_unfold_quoted_printable(lines)))
        try:
            card = vobject.readOne("\r\n".join(prepared) + "\r\n", ignoreUnreadable=True)
        except Exception:  # vobject raises several kinds (ParseError, ValueError, …) for a broken card
            problems.append(
                RowProblem(line, f"the card on line {line} is broken, so it was skipped; export it again.")
            )
            continue
        contact, row_problems = check_row(line, card_cells(card), today)
        problems.extend(row_problems)
        if contact is not None:
            contacts.append(contact)
    return ReadFile("vcard", tuple(contacts), tuple(problems))
