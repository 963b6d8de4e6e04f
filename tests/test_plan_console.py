"""Planned calls in the console (issue 28): a plan typed in the DM reminds at its minute as the
console clock moves, and Plan it's date-and-time field opens at its default (shown in the user's zone)
and reads a typed day and time."""

from __future__ import annotations

from tests.test_console import after, run_console


def test_a_plan_typed_in_the_dm_reminds_and_plan_it_takes_a_typed_day_and_time():
    script = (
        "/met Ravi Patel from Globex at PyCon yesterday\ncall ravi thursday 10:30\nadvance 2d\nadvance 20m\n"
        "/prep ravi\nclick 4\nfriday 11:30\n2\nhome\n"
    )
    result = run_console(script, "--db", ":memory:", now="2026-11-24T10:00:00+00:00")  # Tue 10:00 UTC
    assert result.returncode == 0, result.stderr
    assert "📅 Thu 10:30 · Ravi Patel" in after(result.stdout, "call ravi thursday 10:30")
    assert "In 10 minutes" not in after(result.stdout, "advance 2d")  # Thu 10:00: not yet
    reminder = after(result.stdout, "advance 20m")
    assert "In 10 minutes: Ravi Patel" in reminder and "[2] Log call" in reminder

    form = after(result.stdout, "click 4")  # /prep's Plan it: the open plan's own time comes first
    assert "(a day and a time: thursday 10:30, tomorrow 9am) [Thu 26 Nov 2026 10:30] friday 11:30" in form
    assert "📅 Fri 11:30 · video call · Ravi Patel" in form and "[1] Undo" in form
    home = after(result.stdout, "home")
    assert "Planned calls\n  📅 Fri 11:30 · video call · Ravi Patel" in home
    assert "Ravi Patel (Globex) · 📅 Fri 11:30 · video call" in home
