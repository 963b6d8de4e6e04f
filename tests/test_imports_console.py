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
    script = (
        f"import {path} at Web Summit on 2026-11-20\n"
        "click 1\n"
        f"import {path} at Web Summit on 2026-11-20\n"
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
    assert "Wrote" in after(out, f"export {tmp_path / 'out.csv'}")
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Priya Raman" in exported and "Web Summit" in exported
    assert "FN:Grace O'Connell" in (tmp_path / "out.vcf").read_text()
    assert "There is no file at /no/such/file.csv" in after(out, "import /no/such/file.csv")
    assert "Say which file to import" in after(out, "import")
