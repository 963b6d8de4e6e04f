"""Contacts from files and back: CSV and vCard reading, matching, spreading follow-ups, export.

Pure: bytes and `today` in, values out. `read_contacts_file(data, filename, today, budget)` decodes
the bytes (`decode`), picks CSV or vCard, and returns a ReadFile (contacts, and problems by line) or a
FileProblem saying what to do; the caller's Budget (CPU seconds on a clock it passes) bounds the time.
"""

from __future__ import annotations

import datetime as dt

from bot.domain.importing.budget import Budget, OverBudget, Unlimited
from bot.domain.importing.csv_file import read_csv
from bot.domain.importing.decode import decode
from bot.domain.importing.rows import (
    MAX_BYTES,
    MAX_ROWS,
    FileProblem,
    ImportedContact,
    ReadFile,
    RowProblem,
)
from bot.domain.importing.vcard_file import looks_like_vcard, read_vcards

ACCEPTED_TYPES = ("csv", "vcf", "vcard", "txt", "tsv")

__all__ = [
    "ACCEPTED_TYPES",
    "Budget",
    "MAX_BYTES",
    "MAX_ROWS",
    "FileProblem",
    "ImportedContact",
    "ReadFile",
    "RowProblem",
    "read_contacts_file",
]


def read_contacts_file(
    data: bytes, filename: str, today: dt.date, budget: Budget | None = None, *, region: str | None = None
) -> ReadFile | FileProblem:
    """A contacts file's rows (CSV or vCard, told apart by content first, then by name). Time and memory
    grow linearly with the file; past its `budget` of CPU seconds the file gets a sentence instead."""
    try:
        return _read(data, filename, today, budget or Unlimited(), region)
    except OverBudget:
        return FileProblem(
            "That file takes me too long to read. Split it into smaller files and import them one by one."
        )


def _read(
    data: bytes, filename: str, today: dt.date, budget: Budget, region: str | None = None
) -> ReadFile | FileProblem:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension and extension not in ACCEPTED_TYPES:
        return FileProblem(
            f"I can read contacts from .csv and .vcf files, not .{extension[:10]}. Export your "
            "contacts as CSV or vCard and upload that."
        )
    if len(data) > MAX_BYTES:
        return FileProblem(
            f"That file is {len(data) / 1024 / 1024:.1f} MB; I can take up to {MAX_BYTES // 1024 // 1024} MB. "
            "Split it into smaller files and import them one by one."
        )
    text = decode(data)
    if isinstance(text, FileProblem):
        return text
    if looks_like_vcard(text):
        return read_vcards(text, today, budget, region)
    if extension in ("vcf", "vcard"):
        return FileProblem(
            "That .vcf file has no contact card in it. Export the contacts again as vCard and try again."
        )
    return read_csv(text, today, budget, region)
