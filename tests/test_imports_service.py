"""The import use cases on both databases: preview, one-transaction import, idempotent re-import,
undo, spreading, export round trip. Driven through bot.services.imports against a real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from bot.services import imports
from bot.services.imports import Imported, ImportProblem, Preview, Undone
from storage.models import Contact, ImportBatch

DATA = Path(__file__).parent / "data" / "imports"
TEAM, USER = "T0001", "U1"


def saved(world) -> dict[str, Contact]:
    with world.db.reading() as s:
        return {c.name: c for c in s.scalars(select(Contact).where(Contact.user_id == USER)).all()}


def preview(world, name: str, data: bytes | None = None, **options) -> Preview:
    result = imports.preview_import(
        world.services, TEAM, USER, data if data is not None else (DATA / name).read_bytes(), name, **options
    )
    assert isinstance(result, Preview), result
    return result


def import_file(world, name: str, data: bytes | None = None, **options) -> Imported:
    result = imports.confirm_import(
        world.services, TEAM, USER, preview(world, name, data, **options).batch_id
    )
    assert isinstance(result, Imported), result
    return result


def test_preview_counts_and_saves_nothing(world):
    shown = preview(world, "bad_rows.csv")
    assert shown.new == ("Alice Moreau", "Carla Diaz", "Farid Haddad")
    assert [p.line for p in shown.skipped] == [3, 4, 6, 7]
    assert saved(world) == {}


def test_the_same_file_twice_changes_nothing_the_second_time(world):
    first = import_file(world, "linkedin_connections.csv", event="AI Summit", on="2026-11-20")
    assert (first.added, first.updated) == (4, 0)
    before = {n: (c.updated_at, c.next_due, c.notes) for n, c in saved(world).items()}
    again = import_file(world, "linkedin_connections.csv", event="AI Summit", on="2026-11-20")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert {n: (c.updated_at, c.next_due, c.notes) for n, c in saved(world).items()} == before
    priya = saved(world)["Priya Raman"]
    assert (priya.event, priya.met_on) == ("AI Summit", dt.date(2026, 11, 20))


def test_a_changed_row_updates_only_that_field_and_an_empty_cell_keeps_what_you_typed(world):
    import_file(world, "x.csv", b"Name,Company,Role,Email\nJane Doe,Acme,CTO,jane@acme.example\n")
    with world.db.transaction() as s:  # the user types a phone number by hand
        s.scalar(select(Contact)).phone = "+14155550100"
    result = import_file(
        world, "x.csv", b"Name,Company,Role,Email,Phone\nJane Doe,Acme,CEO,jane@acme.example,\n"
    )
    assert (result.added, result.updated) == (0, 1)
    jane = saved(world)["Jane Doe"]
    assert (jane.role, jane.phone, jane.company) == ("CEO", "+14155550100", "Acme")


def test_import_twice_from_the_same_preview_acts_once(world):
    shown = preview(world, "eventbrite_attendees.csv")
    first = imports.confirm_import(world.services, TEAM, USER, shown.batch_id)
    second = imports.confirm_import(world.services, TEAM, USER, shown.batch_id)
    assert first.added == 3 and second.again
    assert len(saved(world)) == 3


def test_undo_removes_what_it_added_and_restores_what_it_updated(world):
    import_file(world, "x.csv", b"Name,Company,Role\nJane Doe,Acme,CTO\n")
    result = import_file(
        world, "eventbrite_attendees.csv", b"Name,Company,Role\nJane Doe,Acme,CEO\nNew Person,Zed,\n"
    )
    assert (result.added, result.updated) == (1, 1)
    undone = imports.undo_import(world.services, TEAM, USER, result.batch_id)
    assert isinstance(undone, Undone) and (undone.removed, undone.restored) == (1, 1)
    assert {n: c.role for n, c in saved(world).items()} == {"Jane Doe": "CTO"}
    assert imports.undo_import(world.services, TEAM, USER, result.batch_id).again


def test_another_user_cannot_import_or_undo_your_batch(world):
    shown = preview(world, "eventbrite_attendees.csv")
    assert isinstance(imports.confirm_import(world.services, TEAM, "U2", shown.batch_id), ImportProblem)
    done = imports.confirm_import(world.services, TEAM, USER, shown.batch_id)
    assert isinstance(imports.undo_import(world.services, TEAM, "U2", done.batch_id), ImportProblem)
    assert len(saved(world)) == 3


def test_sixty_contacts_are_spread_over_mornings_with_promises_first(world):
    rows = ["Name,Company,Notes"] + [f"Person {i:02d},Co {i},talked about data" for i in range(59)]
    rows.append("Pat Promise,Promise Co,promised to send the deck by 2026-11-25")
    import_file(world, "event.csv", ("\n".join(rows) + "\n").encode(), on="2026-11-23")
    contacts = saved(world)
    per_day: dict[dt.date, int] = {}
    for c in contacts.values():
        per_day[c.next_due] = per_day.get(c.next_due, 0) + 1
    assert max(per_day.values()) <= 5  # the default max per digest
    assert len(per_day) >= 12
    assert all(day.weekday() < 5 for day in per_day)
    assert contacts["Pat Promise"].promise == "send the deck"
    assert contacts["Pat Promise"].next_due == min(per_day)


def test_bad_options_and_bad_files_save_nothing(world):
    for result in (
        imports.preview_import(world.services, TEAM, USER, b"Name\nAnn\n", "a.csv", on="2030-01-01"),
        imports.preview_import(world.services, TEAM, USER, b"Name\nAnn\n", "a.csv", on="someday soon"),
        imports.preview_import(world.services, TEAM, USER, b"", "a.csv"),
        imports.preview_import(world.services, TEAM, USER, b"Name\n,\n", "a.csv"),
    ):
        assert isinstance(result, ImportProblem) and result.message.endswith("."), result
    with world.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_export_then_import_into_an_empty_workspace_restores_every_field(world):
    import_file(world, "ios_contacts.vcf")
    import_file(world, "google_contacts.csv", event="Fintech Mixer", on="2026-11-19")
    with world.db.transaction() as s:  # tags typed by hand travel too
        s.scalar(select(Contact).where(Contact.name == "Aiko Nakamura")).tags = "devrel speaker"
    files = imports.export_contacts(world.services, TEAM, USER)
    assert files.count == 4
    fields = (
        "name",
        "company",
        "role",
        "email",
        "phone",
        "url",
        "event",
        "met_on",
        "notes",
        "promise",
        "tags",
    )
    original = {n: tuple(getattr(c, f) for f in fields) for n, c in saved(world).items()}
    for data, name in ((files.csv.encode("utf-8"), "export.csv"), (files.vcard.encode(), "export.vcf")):
        other = imports.preview_import(world.services, TEAM, "U9", data, name)
        imports.confirm_import(world.services, TEAM, "U9", other.batch_id)
        with world.db.reading() as s:
            copies = s.scalars(select(Contact).where(Contact.user_id == "U9")).all()
            assert {c.name: tuple(getattr(c, f) for f in fields) for c in copies} == original, name
        with world.db.transaction() as s:
            for c in s.scalars(select(Contact).where(Contact.user_id == "U9")).all():
                s.delete(c)
