"""docs/dm-script.console (issue 28): fifty plain DM lines, no slash commands, run through the console
in-process (every line a signed `message.im` event to the real app); every line gets an answer in
the DM, and the answer says each `#>` text written under the line."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import bot.console.session as console_session
from bot.console import console
from bot.console.terminal import Terminal
from tests.world import settings_for

SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "dm-script.console"
START = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)  # Tuesday, before the 09:00 digest


def script_lines() -> list[tuple[str, list[str]]]:
    """(DM line, the texts its answer must say), in order."""
    lines: list[tuple[str, list[str]]] = []
    for raw in SCRIPT.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#>"):
            lines[-1][1].append(raw[2:].strip())
        elif raw.strip() and not raw.startswith("#"):
            lines.append((raw.strip(), []))
    return lines


def test_the_script_is_fifty_plain_dm_lines_each_with_what_its_answer_says():
    lines = script_lines()
    assert len(lines) == 50
    assert all(not line.startswith("/") for line, _ in lines)
    assert all(expected for _, expected in lines)


def test_every_line_of_the_dm_script_gets_the_right_answer(tmp_path, sqlite_template, monkeypatch):
    # SQLite only: the answers' queries run on both databases in tests/test_talk_questions.py. The
    # console waits until the app is quiet: its busy tracker sees the listener and background pools,
    # so a short quiet spell is enough (the answers are checked, not timed).
    monkeypatch.setattr(console_session, "QUIET_SECONDS", 0.03)
    db_url = f"sqlite:///{tmp_path / 'script.db'}"
    shutil.copy(sqlite_template, tmp_path / "script.db")
    lines = script_lines()
    out = io.StringIO()
    terminal = Terminal(stdin=io.StringIO(""), stdout=out)
    with console(
        settings_for(db_url, "http://unused/"), terminal, user_name="Ada", tz="UTC", start=START
    ) as s:
        wrong = []
        for line, expected in lines:
            mark = len(out.getvalue())
            assert s.handle(line) is True
            answer = out.getvalue()[mark:]
            missing = [text for text in ["── DM from Warmcall ──", *expected] if text not in answer]
            if missing:
                wrong.append(f"{line!r} was answered without {missing}:\n{answer}")
        assert not wrong, "\n".join(wrong)
        assert s.double.block_errors == []
        assert not [c for c in s.double.calls if c.method == "chat.postMessage" and not c.response.get("ok")]
