"""What a saved form (Settings, Cadence by tag) says it saved, in words, so the user sees it took
(issue 28, finding 3); handlers/views/saved.py posts it in the DM."""

from __future__ import annotations

import datetime as dt

from bot.domain.dates import day_label
from bot.domain.rhythm import Cadence
from bot.services.settings import NudgeSettings, days_text, time_text
from handlers.blocks.kit import escape


def settings_saved_text(settings: NudgeSettings, tz: str, next_digest: dt.datetime | None) -> str:
    today = next_digest.date() if next_digest else None
    pause = f" Paused until {day_label(settings.pause_until, today)}." if settings.pause_until else ""
    when = (
        f"{day_label(next_digest.date())} at {next_digest:%H:%M}"
        if next_digest
        else "none planned while paused"
    )
    weekly = "on (Fridays)" if settings.weekly_review else "off"
    return (
        f"✅ *Settings saved.* Your digest comes at {time_text(settings.nudge_minute)} ({escape(tz)}), "
        f"{days_text(settings.nudge_days)}, with up to {settings.max_per_digest} people.{pause}\n"
        f"Next digest: {when}. Weekly look back: {weekly}."
    )


def tag_table_saved_text(table: dict[str, Cadence]) -> str:
    if not table:
        return "✅ *Saved.* No tag has its own cadence: every contact follows the usual rhythm."
    rows = " · ".join(f"#{escape(tag)} {cadence.words()}" for tag, cadence in sorted(table.items()))
    return f"✅ *Cadence by tag saved:* {rows}.\nIt applies after your next reached call with each contact."
