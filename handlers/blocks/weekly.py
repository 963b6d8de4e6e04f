"""Block Kit for the weekly look back DM (bot.domain.weekly builds what it says)."""

from __future__ import annotations

from bot.domain.weekly import WeekCalls, WeeklyReview
from handlers.blocks.feedback import usefulness_blocks
from handlers.blocks.kit import Block, context, escape, header, section


def _calls(n: int) -> str:
    return f"{n} call" if n == 1 else f"{n} calls"


def _rate(week: WeekCalls) -> str:
    rate = week.reach_rate
    return "no calls" if rate is None else f"reached {round(rate * 100)}%"


def calls_line(review: WeeklyReview) -> str:
    this, last = review.this_week, review.last_week
    line = f"*{_calls(this.calls)}* this week"
    if this.calls:
        line += f", you reached {this.reached} ({_rate(this).removeprefix('reached ')})"
    if last.calls:
        line += f". Last week: {_calls(last.calls)}, {_rate(last)}."
    else:
        line += ". No calls last week to compare with."
    return line


def promises_line(review: WeeklyReview) -> str:
    kept = "1 promise" if review.promises_kept == 1 else f"{review.promises_kept} promises"
    still = review.promises_open
    open_text = (
        "nothing left open" if not still else ("1 still open" if still == 1 else f"{still} still open")
    )
    return f"*{kept} kept* this week, {open_text}."


def slipping_lines(review: WeeklyReview) -> str:
    if not review.slipping:
        return "Nobody is overdue. Nice work keeping up."
    rows = []
    for person in review.slipping:
        days = "1 day" if person.days_overdue == 1 else f"{person.days_overdue} days"
        rows.append(f"• {escape(person.name)}, overdue by {days}")
    return "*Slipping the longest* (a short call puts them back on track):\n" + "\n".join(rows)


def render_weekly(review: WeeklyReview) -> tuple[str, list[Block]]:
    """(notification text, blocks) for the look back DM."""
    kept = "1 promise" if review.promises_kept == 1 else f"{review.promises_kept} promises"
    text = f"Your week: {_calls(review.this_week.calls)}, {kept} kept"
    blocks: list[Block] = [
        header("Your week, looking back"),
        section(calls_line(review)),
        section(promises_line(review)),
        section(slipping_lines(review)),
    ]
    blocks += usefulness_blocks(review.usefulness)
    if review.encouragement:
        blocks.append(context(escape(review.encouragement)))
    blocks.append(context("You asked for this look back on Fridays. Turn it off in App Home → Settings."))
    return text, blocks
