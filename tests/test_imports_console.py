"""The console's `import PATH [at EVENT] [on DATE]` and `export PATH`: the same preview with Import
and Cancel buttons, through the real app (`python -m bot console`, on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.conftest import _truncate_all
from tests.test_console import after, run_console
from tests.test_imports_slack import DATA


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def console_db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'console.db'}"
    url = request.getfixturevalue("pg_database")
    _truncate_all(url)
    return url


def test_import_previews_then_click_imports_and_export_writes_both_files(console_db, tmp_path):
    path = DATA / "linkedin_connections.csv"
    old = tmp_path / "old.csv"  # two connections from years ago: Import and schedule all is offered
    old.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Old,Friend,,old@acme.example,Acme,CTO,03 Feb 2023\n"
        "Anna,Berg,,anna@zeta.example,Zeta,CEO,12 Mar 2022\n"
    )
    script = (
        f"import {path} at Web Summit on 2026-11-20\n"
        "click 1\n"
        f"import {path} at Web Summit on 2026-11-20\n"
        f"import {old}\n"
        "click 2\n"
        f"export {tmp_path / 'out.csv'}\n"
        "import /no/such/file.csv\n"
        "import\n"
        "quit\n"
    )
    result = run_console(script, "--db", console_db)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    preview = after(out, f"import {path} at Web Summit on 2026-11-20")
    assert "4 new contacts" in preview and "[1] Import" in preview and "[2] Cancel" in preview
    assert "Imported 4 new contacts" in after(out, "click 1")
    assert "0 new contacts, 0 updates, 4 already up to date" in out
    old_preview = after(out, f"import {old}")
    assert "Import and schedule all" in old_preview.split("\n", 1)[0]  # the note says it is offered
    assert "2 were connected over 6 months ago" in old_preview
    assert "[1] Import  [2] Import and schedule all  [3] Cancel" in old_preview
    scheduled = after(out, "click 2")
    assert "Imported 2 new contacts" in scheduled and "with no follow-up" not in scheduled
    assert "Wrote" in after(out, f"export {tmp_path / 'out.csv'}")
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Priya Raman" in exported and "Web Summit" in exported
    assert "FN:Grace O'Connell" in (tmp_path / "out.vcf").read_text()
    assert "There is no file at /no/such/file.csv" in after(out, "import /no/such/file.csv")
    assert "Say which file to import" in after(out, "import")
