"""Writing contacts out: CSV (one row each, with a history summary) and vCard 4.0.

Pure. The CSV's headers are ones `read_csv` maps back to every field, and its last column ("Warmcall
data", bot.domain.importing.restore) holds the rest: stage, promise state, meeting, rhythm, schedule
and the call log, so export → import restores each contact as it was. Phones are E.164. The vCard
carries the readable fields and Warmcall's own as `X-WARMCALL-…` properties.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping

from bot.domain.importing.restore import STATE_HEADER

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("company", "Company"),
    ("role", "Role"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("url", "URL"),
    ("event", "Event"),
    ("met_on", "Met on"),
    ("notes", "Notes"),
    ("promise", "Promise"),
    ("promise_due", "Promise due"),
    ("referred_by", "Referred by"),
    ("introducer", "Introducer"),
    ("tags", "Tags"),
    ("stage", "Stage"),
    ("next_due", "Next follow-up"),
    ("last_outcome", "Last outcome"),
    ("last_contact_on", "Last contact"),
    ("calls", "Calls logged"),
    ("state", STATE_HEADER),
)
_X = (
    ("event", "X-WARMCALL-EVENT"),
    ("met_on", "X-WARMCALL-MET-ON"),
    ("promise", "X-WARMCALL-PROMISE"),
    ("promise_due", "X-WARMCALL-PROMISE-DUE"),
    ("referred_by", "X-WARMCALL-REFERRED-BY"),
    ("introducer", "X-WARMCALL-INTRODUCER"),
    ("state", "X-WARMCALL-DATA"),
)

Row = Mapping[str, object]


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def contacts_csv(rows: Iterable[Row]) -> str:
    """UTF-8 text (the caller adds a BOM for Excel) with a header row and one row per contact.
    A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for row in rows:
        cells = []
        for key, _ in CSV_COLUMNS:
            text = _shown(row.get(key))
            if text[:1] in ("=", "+", "-", "@") and key != "phone":  # a phone is E.164: "+4670…"
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """RFC 6350 §3.2: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += ch
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def contacts_vcard(rows: Iterable[Row]) -> str:
    """vCard 4.0 (RFC 6350), one card per contact."""
    lines: list[str] = []
    for row in rows:
        name = str(row.get("name") or "")
        card = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_escape(name)}"]
        parts = name.rsplit(" ", 1)
        family, given = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
        card.append(f"N:{_escape(family)};{_escape(given)};;;")
        if row.get("company"):
            card.append(f"ORG:{_escape(str(row['company']))}")
        if row.get("role"):
            card.append(f"TITLE:{_escape(str(row['role']))}")
        if row.get("email"):
            card.append(f"EMAIL:{_escape(str(row['email']))}")
        if row.get("phone"):
            card.append(f"TEL;VALUE=uri:tel:{row['phone']}")
        if row.get("url"):
            card.append(f"URL:{row['url']}")
        if row.get("notes"):
            card.append(f"NOTE:{_escape(str(row['notes']))}")
        if row.get("tags"):
            card.append("CATEGORIES:" + ",".join(_escape(t) for t in str(row["tags"]).split()))
        for key, prop in _X:
            if row.get(key):
                card.append(f"{prop}:{_escape(_shown(row[key]))}")
        card.append("END:VCARD")
        lines.extend(_fold(line) for line in card)
    return "\r\n".join(lines) + "\r\n" if lines else ""
