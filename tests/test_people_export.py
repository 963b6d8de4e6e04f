"""Export → import is lossless (issue 29, item 3): an export imported into an empty account shows the
same Home, the same digest and the same /prep, and our own spreadsheet guard (`'`) comes off again.

The clock starts Tue 24 Nov 2026, 09:00 in New York. U1 builds a history with commands; U2, an
empty account, imports U1's export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from sqlalchemy import select

from bot.domain.importing.csv_file import MAX_ROW_CHARS
from bot.domain.importing.restore import MAX_CELL_CHARS, read_state, restored_cell, state_cell
from bot.services import imports
from storage.models import Contact, Interaction
from tests.story_helpers import Story, read_digest, text_of

TEAM = "T0001"


def _contacts(world, user: str) -> dict[str, Contact]:
    with world.db.reading() as s:
        return {c.name: c for c in s.scalars(select(Contact).where(Contact.user_id == user)).all()}


def _calls(world, user: str) -> list[tuple]:
    with world.db.reading() as s:
        rows = s.execute(
            select(Contact.name, Interaction.on, Interaction.outcome, Interaction.notes, Interaction.next_due)
            .join(Contact, Contact.id == Interaction.contact_id)
            .where(Interaction.user_id == user)
            .order_by(Interaction.id)
        ).all()
    return [tuple(r) for r in rows]


_KEPT = (
    *("company", "role", "email", "phone", "url", "event", "met_on", "notes", "referred_by", "introducer"),
    *("promise", "promise_due", "promise_done", "promise_outcome", "promise_closed_on", "tags", "stage"),
    *("next_due", "next_due_reason", "unanswered_streak", "last_outcome", "last_contact_on", "let_go_asked"),
    *("let_go_on", "ever_reached", "last_call_on", "last_call_notes", "meeting_on", "meeting_state"),
    *("phone_wrong", "cadence_ideal_days", "cadence_latest_days", "latest_due"),
)


def _same_text(one: str, other: str) -> None:
    mine, theirs = (re.sub(r"\s+", " ", text) for text in (one, other))
    at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), None)
    if at is None and len(mine) == len(theirs):
        return
    at = min(len(mine), len(theirs)) if at is None else at
    raise AssertionError(
        f"differs at {at}: …{mine[max(0, at - 80) : at + 120]!r} ≠ …{theirs[max(0, at - 80) : at + 120]!r}"
    )


def test_the_data_cell_reads_back_what_it_wrote():
    state = {
        "stage": "let_go",
        "let_go_on": dt.date(2026, 11, 20),
        "phone_wrong": True,
        "cadence_ideal_days": 14,
    }
    calls = [
        {
            "on": dt.date(2026, 11, 20),
            "at": dt.datetime(2026, 11, 20, 15, 4),
            "outcome": "no",
            "notes": "a, b; c",
        }
    ]
    back = read_state(state_cell(state, calls))
    assert back["stage"] == "let_go" and back["let_go_on"] == dt.date(2026, 11, 20)
    assert back["phone_wrong"] is True and back["cadence_ideal_days"] == 14 and back["promise_done"] is False
    assert back["calls"][0]["notes"] == "a, b; c" and back["calls"][0]["at"] == dt.datetime(
        2026, 11, 20, 15, 4
    )
    assert read_state('{"v": 99}') is None and read_state("not ours") is None
    assert restored_cell("'=SUM(A1)") == "=SUM(A1)" and restored_cell("'tis") == "'tis"


def test_a_long_call_log_keeps_its_newest_calls_within_one_row():
    calls = [
        {"on": dt.date(2026, 1, 1) + dt.timedelta(days=n), "outcome": "reached", "notes": f"{n} " + "x" * 900}
        for n in range(300)
    ]
    cell = state_cell({"stage": "active"}, calls)
    kept = read_state(cell)["calls"]
    assert len(cell) <= MAX_CELL_CHARS and len(cell) * 1.3 < MAX_ROW_CHARS
    assert 10 < len(kept) < 300 and kept[-1]["notes"].startswith("299 ")


def test_an_export_imported_into_an_empty_account_shows_the_same_everywhere(world):
    one, other = Story(world, "U1"), Story(world, "U2")
    one.met(
        "Priya Nair of Monzo at Fintech Week on 2026-11-16 via Tom Baker #fintech +44 7911 123456: promised the API guide by Friday"
    )
    one.met("Diego Alvarez of Rappi yesterday referred by Ana Silva: =wants a demo before budget talks")
    one.met("Kenji Ito of Sony on 2026-11-12 #gaming")
    one.met("Mette Lund of Maersk on 2026-11-13 +45 32 12 34 56")
    one.met("Bo Chen of Nimbus yesterday")
    one.called("priya reached: liked the API idea, wants pricing")
    one.called("kenji no: not interested this year")
    one.called("mette wrong number")
    one.called("diego meeting 2026-12-02: demo for the ops team")
    with world.db.transaction() as s:  # kept the promise, and a rhythm of her own
        priya = s.scalar(select(Contact).where(Contact.user_id == "U1", Contact.name == "Priya Nair"))
        priya.promise_done, priya.promise_outcome = True, "kept"
        priya.promise_closed_on = dt.date(2026, 11, 24)
        priya.cadence_ideal_days, priya.cadence_latest_days = 14, 21
        s.scalar(
            select(Contact).where(Contact.user_id == "U1", Contact.name == "Bo Chen")
        ).company = "@Nimbus"

    exported = imports.export_contacts(world.services, TEAM, "U1")
    header = next(csv.reader(io.StringIO(exported.csv.lstrip("\ufeff"))))
    assert header[-1] == "Warmcall data" and exported.count == 5
    assert "+447911123456" in exported.csv  # E.164 in exports
    assert "'@Nimbus" in exported.csv, exported.csv  # a spreadsheet runs none of it
    assert "'=wants a demo" in exported.csv, exported.csv

    # The coach words a line by the contact's id among equal variants (talking_points.wording): 55
    # contacts of someone else first put U2's ids 60 after U1's, the same turn for groups of 2 to 6.
    filler = "Name\n" + "".join(f"Filler {n}\n" for n in range(55))
    other_user = imports.preview_import(world.services, TEAM, "U3", filler.encode(), "filler.csv")
    imports.confirm_import(world.services, TEAM, "U3", other_user.batch_id)

    assert other.home().rows == {}  # an empty account, known to Warmcall (its time zone, its digest)
    shown = imports.preview_import(world.services, TEAM, "U2", exported.csv.encode(), "warmcall.csv")
    assert imports.confirm_import(world.services, TEAM, "U2", shown.batch_id).added == 5

    mine, theirs = _contacts(world, "U1"), _contacts(world, "U2")
    assert theirs["Diego Alvarez"].notes == "=wants a demo before budget talks"
    assert theirs["Bo Chen"].company == "@Nimbus"
    for name, contact in mine.items():
        assert {k: getattr(theirs[name], k) for k in _KEPT} == {k: getattr(contact, k) for k in _KEPT}, name
    assert sorted(_calls(world, "U2")) == sorted(_calls(world, "U1"))

    vcard = imports.preview_import(world.services, TEAM, "U4", exported.vcard.encode(), "warmcall.vcf")
    assert imports.confirm_import(world.services, TEAM, "U4", vcard.batch_id).added == 5
    from_vcard = _contacts(world, "U4")
    for name, contact in mine.items():
        assert {k: getattr(from_vcard[name], k) for k in _KEPT} == {k: getattr(contact, k) for k in _KEPT}, (
            name
        )
    assert sorted(_calls(world, "U4")) == sorted(_calls(world, "U1"))

    _same_text(one.home().text, other.home().text)
    for name in ("priya", "diego", "kenji", "mette", "bo chen"):
        _same_text(text_of(one.prep(name)), text_of(other.prep(name)))
    one.next_day()  # Wed 25 Nov: one dispatcher pass sends both digests
    first = one.digest()
    second = read_digest(other._digest_messages()[-1])
    assert first is not None and first.ids
    _same_text(first.text, second.text)
