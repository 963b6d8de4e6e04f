"""Bytes from an upload as text: the encodings spreadsheets and phones really write.

Pure. A byte-order mark decides (UTF-8, UTF-16 LE/BE); UTF-16 without one is recognised by its zero
bytes (Excel's "Unicode text"); then UTF-8; then Windows-1252 (Excel's "CSV" on Western Windows),
which also reads Latin-1 text; a byte no code page defines falls back to Latin-1.
"""

from __future__ import annotations

import codecs

from bot.domain.importing.rows import FileProblem


def decode(data: bytes) -> str | FileProblem:
    """The file's text, or the problem (empty, binary) in a sentence saying what to do."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return FileProblem("That file is empty. Export your contacts again and upload the new file.")
    if data.startswith(codecs.BOM_UTF8):
        return _text(data[3:], "utf-8")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _text(data, "utf-16")
    sample = data[:4000]
    if sample.count(0) * 3 > len(sample):  # UTF-16 without a mark: every other byte is zero
        even_zeros = sample[::2].count(0)
        return _text(data, "utf-16-be" if even_zeros > len(sample) // 4 else "utf-16-le")
    try:
        return _text(data, "utf-8", strict=True)
    except UnicodeDecodeError:
        pass
    try:
        return _text(data, "cp1252", strict=True)
    except UnicodeDecodeError:
        return _text(data, "latin-1")


def _text(data: bytes, encoding: str, *, strict: bool = False) -> str | FileProblem:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if strict:
            raise
        return FileProblem(
            "I couldn't read that file's text. Save it as CSV (UTF-8) or export a vCard, then try again."
        )
    if "\x00" in text:
        return FileProblem(
            "That looks like a spreadsheet or another binary file, not CSV or vCard. "
            "Save it as CSV (UTF-8) or export a vCard, then try again."
        )
    return text.removeprefix("\ufeff")
