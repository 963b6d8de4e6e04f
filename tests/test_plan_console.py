"""Plan it in the console (issue 28): the form's date-and-time field opens at the default (an hour after
the nudge time, on the next nudge day) and reads a typed day and time in the console user's zone."""

from __future__ import annotations

from tests.test_console import after, run_console


def test_plan_it_in_the_console_takes_a_typed_day_and_time():
    script = "/met Ravi Patel from Globex at PyCon yesterday\nadvance 2d\nclick 3\nfriday 11:30\n2\nhome\n"
    result = run_console(script, "--db", ":memory:", now="2026-11-24T10:00:00+00:00")  # Thu 10:00 UTC
    assert result.returncode == 0, result.stderr
    form = after(result.stdout, "click 3")
    assert "(a day and a time: thursday 10:30, tomorrow 9am) [Fri 27 Nov 2026 10:00] friday 11:30" in form
    assert "📅 Fri 11:30 · video call · Ravi Patel" in form and "[1] Undo" in form
    home = after(result.stdout, "home")
    assert "Planned calls\n  📅 Fri 11:30 · video call · Ravi Patel" in home
    assert "Ravi Patel (Globex) · 📅 Fri 11:30 · video call" in home
