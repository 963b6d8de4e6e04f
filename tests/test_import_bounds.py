"""Every upload is bounded in cost: hostile vCards and CSVs (a quoted-printable value folded over
thousands of lines, a card of endless properties, a row that never ends, a quote that never closes)
are read with memory within 10× the file's size and get a sentence or a skipped row; past its CPU
budget a file gets a sentence. Pure functions (memory measured with tracemalloc), then the real app
over signed HTTP on both databases. CPU seconds per MB are measured in bench/import.py."""

from __future__ import annotations

import datetime as dt
import itertools
import tracemalloc

import pytest

from bot.domain.importing import Budget, FileProblem, ReadFile, read_contacts_file
from bot.services import imports
from tests.test_imports_slack import DATA, names, open_modal, submit_file

TODAY = dt.date(2026, 11, 24)
SIZE = 256 * 1024


def qp_folded_note(size: int) -> bytes:
    """Android's 2.1 soft line breaks, thousands of them in one value (once quadratic: 5 MB took 201 s)."""
    head = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
    return (head + "=41=42=\r\n" * (size // 9) + "C\r\nEND:VCARD\r\n").encode()


def endless_card(size: int) -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n" + "X-A:b\r\n" * (size // 7) + "END:VCARD\r\n"
    ).encode()


def one_long_row(size: int) -> bytes:
    return ("Name,Email\n" + "ab," * (size // 3) + "\n").encode()


def unclosed_quote(size: int) -> bytes:
    return ('Name,Email\nAnn Lee,"' + "ab\n" * (size // 3)).encode()


def read_measured(data: bytes, name: str):
    tracemalloc.start()
    try:
        result = read_contacts_file(data, name, TODAY)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize(
    "make, name, says",
    [
        pytest.param(qp_folded_note, "a.vcf", "too large to be a contact", id="qp-folded-note"),
        pytest.param(endless_card, "a.vcf", "too large to be a contact", id="endless-card"),
        pytest.param(one_long_row, "a.csv", "runs on for more than 64 KB", id="one-long-row"),
        pytest.param(unclosed_quote, "a.csv", "a quote that never closes", id="unclosed-quote"),
    ],
)
def test_a_hostile_file_is_read_within_ten_times_its_size_and_gets_a_sentence(make, name, says):
    data = make(SIZE)
    result, peak = read_measured(data, name)
    assert peak <= 10 * len(data), f"{peak / len(data):.1f}× the file"
    if isinstance(result, FileProblem):
        assert says in result.message
    else:
        assert not result.contacts and says in result.problems[0].reason


def test_a_card_with_a_big_photo_is_still_read():
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * 19 + "\r\n" + " QUFBQUFB\r\n" * 30_000
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n{photo}EMAIL:ann@acme.example\r\nEND:VCARD\r\n"
    result = read_contacts_file(card.encode(), "a.vcf", TODAY)
    assert isinstance(result, ReadFile)
    assert [(c.name, c.email) for c in result.contacts] == [("Ann Lee", "ann@acme.example")]


def test_a_quoted_printable_note_over_several_lines_is_joined_and_decoded():
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 with =\r\nthe =\r\nteam\r\nEND:VCARD\r\n"
    )
    result = read_contacts_file(card.encode(), "a.vcf", TODAY)
    assert isinstance(result, ReadFile) and result.contacts[0].notes == "Café with the team"


@pytest.mark.parametrize("name", ["linkedin_connections.csv", "android_contacts.vcf"])
def test_past_its_cpu_budget_a_file_gets_a_sentence(name):
    sample = (DATA / name).read_bytes()
    body = sample.split(b"\n", 1)[1]  # all but the CSV header (or a card's first line)
    data = sample + b"\n" + b"\n".join([body] * 20)  # rows or cards enough for the clock to be read
    ticks = itertools.count(step=10)  # a clock that moves ten seconds each time it is read
    result = read_contacts_file(data, name, TODAY, Budget(5.0, clock=lambda: next(ticks)))
    assert isinstance(result, FileProblem) and "too long to read" in result.message
    within = read_contacts_file(data, name, TODAY, Budget(1e9, clock=lambda: next(ticks)))
    assert isinstance(within, ReadFile) and within.contacts


def test_a_file_over_its_budget_is_refused_in_slack_and_nothing_is_saved(world, monkeypatch):
    monkeypatch.setattr(imports, "READ_CPU_SECONDS", -1.0)  # every file is over it
    world.user("U1")
    data = "Name,Email\n" + "".join(f"Person {i},p{i}@acme.example\n" for i in range(40))
    answer = submit_file(world, "U1", open_modal(world, "U1"), "people.csv", data.encode())
    assert "too long to read" in answer["text"]
    assert names(world) == set()
