"""Block Kit of App Home (SPEC §10): at most 100 blocks whatever the number of contacts.

Budget: header + banner 4 (with the resume button), three sections of at most 8 rows (2 blocks each) with a title and a pager
row (3 × 18), recent logs 6, stats 4, useful reasons 1, settings 1, offers 10, dividers 4, All contacts 1,
planned calls 1, best hour 1: 87 at most.
"""

from __future__ import annotations

import datetime as dt

from bot.domain.cadence import day_label
from bot.domain.rhythm import status_words
from bot.domain.stats import R4_NOTE, CallStats, outcome_bars
from bot.domain.tags import tag_list_words
from bot.services.home import DUE, OVERDUE, QUIET, UPCOMING, ContactRow, Home, Section
from bot.services.settings import days_text, holidays_text, time_text
from handlers.blocks.contact_buttons import VIEW, contact_buttons
from handlers.blocks.contact_list import home_entry
from handlers.blocks.feedback import usefulness_blocks
from handlers.blocks.imports import home_files_block
from handlers.blocks.kit import (
    VIEW_BLOCKS_MAX,
    Block,
    actions,
    button,
    clip,
    confirm_dialog,
    context,
    divider,
    escape,
    escape_keeping_members,
    fields,
    header,
    section,
)
from handlers.blocks.phone import phone_words
from handlers.blocks.plan import plan_lines
from handlers.blocks.rhythm import rhythm_block
from handlers.blocks.story import story_buttons

PAGE = "home_page"  # value "SECTION:PAGE", e.g. "overdue:2"
SETTINGS = "home_settings"
OFFER_ADD = "home_offer_add"
OFFER_REMOVE = "home_offer_remove"  # value: offer id
RESUME = "home_resume_nudges"  # lift a pause Slack caused

TITLES = {DUE: "Due today", OVERDUE: "Overdue", UPCOMING: "Next 7 days", QUIET: "Gone quiet"}
EMPTY = {
    DUE: "Nobody is due today.",
    OVERDUE: "Nothing overdue. Nicely done.",
    UPCOMING: "Nobody comes due in the next week.",
    QUIET: "",
}
QUIET_LEAD = "They haven't answered in a while. Let them go, or revive them for one more try."
EXAMPLE = "/met Sam Lee of Northwind at DevDays yesterday: wants help hiring; I promised our interview guide"


def page_value(key: str, page: int) -> str:
    return f"{key}:{page}"


def read_page_value(value: str | None) -> tuple[str, int] | None:
    key, _, raw = (value or "").partition(":")
    if key not in TITLES or not raw.isdigit():
        return None
    return key, int(raw[:6])


def _who(name: str, company: str | None, tags: tuple[str, ...] = ()) -> str:
    who = f"*{escape(name)}*" + (f" ({escape(company)})" if company else "")
    return who + (f" {tag_list_words(tags)}" if tags else "")


def _when(row: ContactRow, today: dt.date) -> str:
    if row.next_due is None:
        return ""
    if rhythm := status_words(row.next_due, row.latest_due, today):
        return rhythm
    days = (row.next_due - today).days
    if days == 0:
        return "due today"
    if days < 0:
        return "1 day overdue" if days == -1 else f"{-days} days overdue"
    return "tomorrow" if days == 1 else day_label(row.next_due)


def _row_blocks(
    row: ContactRow, today: dt.date, planned: dict[int, str] | None = None, country: str | None = None
) -> list[Block]:
    phone = phone_words(row.phone, country, row.phone_wrong)  # as dialled at home, tap to call
    reach = f" · {phone}" if phone else ""
    if row.quiet:
        lines = [f"{_who(row.name, row.company, row.tags)} · gone quiet{reach}"]
        buttons = contact_buttons(row.contact_id, prep=False, snooze=False, revive=True, view=True)
        return [section("\n".join(lines)), buttons]
    when = f"meeting on {day_label(row.meeting_on, today)}" if row.meeting_on else _when(row, today)
    if planned and row.contact_id in planned:
        when = planned[row.contact_id]
    lines = [f"{_who(row.name, row.company, row.tags)} · {when}{reach}"]
    if row.reason:
        lines.append(escape_keeping_members(row.reason))
        if row.promise and row.promise not in row.reason:
            lines.append(f":handshake: You promised to {escape(row.promise)}")
    elif row.promise:
        lines.append(f":handshake: You promised to {escape(row.promise)}")
    elif row.why:
        lines.append(f"_{escape(row.why)}_")
    extra = story_buttons(row.contact_id, **row.story) if row.story else None
    return [section("\n".join(lines)), contact_buttons(row.contact_id, view=True, extra=extra)]


def _section_blocks(
    part: Section, today: dt.date, planned: dict[int, str] | None = None, country: str | None = None
) -> list[Block]:
    title = f"*{TITLES[part.key]}*"
    if part.key == QUIET:
        if part.total == 0:
            return []
        title += f" · {part.total}\n{QUIET_LEAD}"
        blocks = [section(title, block_id=f"home_{part.key}")]
        for row in part.rows:
            blocks.extend(_row_blocks(row, today, country=country))
        return blocks
    if part.total == 0:
        return [section(f"{title}\n{EMPTY[part.key]}", block_id=f"home_{part.key}")]
    shown = (
        f"{part.first + 1}–{part.first + len(part.rows)} of {part.total}"
        if part.total > len(part.rows)
        else str(part.total)
    )
    blocks = [section(f"{title} · {shown}", block_id=f"home_{part.key}")]
    for row in part.rows:
        blocks.extend(_row_blocks(row, today, planned, country))
    pager = []
    if part.has_more:
        pager.append(button("Show more", PAGE, page_value(part.key, part.page + 1)))
    if part.page > 0:
        pager.append(button("Back to the first", f"{PAGE}_first", page_value(part.key, 0)))
    if pager:
        blocks.append(actions(pager, block_id=f"home_{part.key}_pages"))
    return blocks


def _banner(home: Home) -> list[Block]:
    if not home.paused_notes:
        return []
    why = "; ".join(escape(n) for n in home.paused_notes)
    fix = " Change this under *Settings* below." if home.settings.pause_until else ""
    blocks = [
        section(f":double_vertical_bar: *Your daily nudges are paused.* {why}.{fix}", block_id="home_paused")
    ]
    if home.paused_by_slack:
        blocks.append(
            context("If your account can take direct messages again, resume: the next digest tries once.")
        )
        blocks.append(
            actions([button("Resume nudges", RESUME, "resume", style="primary")], block_id="home_resume")
        )
    return blocks


def _recent_blocks(home: Home) -> list[Block]:
    if not home.recent:
        return [section("*Recently logged*\nNo calls logged yet. Log one with `/called NAME reached`.")]
    blocks = [section("*Recently logged*", block_id="home_recent")]
    for n, log in enumerate(home.recent):
        text = f"{day_label(log.on)} · {_who(log.name, None)} · {log.outcome.replace('-', ' ')}"
        blocks.append(
            section(text, block_id=f"recent:{n}", accessory=button("View", VIEW, str(log.contact_id)))
        )
    return blocks


def stats_blocks(stats: CallStats) -> list[Block]:
    rate = (
        f"{stats.reach_rate:.0%} ({stats.reached} of {stats.attempts})"
        if stats.reach_rate is not None
        else "—"
    )
    streak = f"{stats.streak} nudge day{'s' if stats.streak != 1 else ''}" if stats.streak else "none yet"
    blocks = [
        header("Your progress"),
        fields(
            [
                ("Calls this week", str(stats.this_week)),
                ("Calls this month", str(stats.this_month)),
                ("Reach rate, 30 days", rate),
                ("Streak", streak),
            ],
            block_id="home_stats",
        ),
    ]
    chart = outcome_bars(stats.mix)
    if chart:
        blocks.append(section(f"*What happened, last 30 days*\n```{chart}```", block_id="home_mix"))
    if stats.discouraged:
        blocks.append(context(f":seedling: {R4_NOTE}"))
    return blocks


def _settings_block(home: Home) -> Block:
    s = home.settings
    when = (
        f"{day_label(home.next_digest.date())} at {home.next_digest:%H:%M}"
        if home.next_digest
        else "none planned"
    )
    pause = (
        f" · paused until {day_label(s.pause_until)}" if s.pause_until and s.pause_until >= home.today else ""
    )
    text = (
        f"*Settings*\nNudges at {time_text(s.nudge_minute)} ({escape(home.tz)}), {days_text(s.nudge_days)}, "
        f"up to {s.max_per_digest} a day{pause}.\nPublic holidays: {holidays_text(s)}\nNext digest: {when}"
    )
    return section(text, block_id="home_settings", accessory=button("Change settings", SETTINGS, "open"))


def _offer_blocks(home: Home) -> list[Block]:
    intro = "*What you can offer*\nArticles, events, intros: I match them to your contacts' notes."
    blocks = [section(intro, block_id="home_offers", accessory=button("Add offer", OFFER_ADD, "open"))]
    for offer in home.offers:
        text = escape(offer.title)
        if offer.url:
            text = f"<{offer.url}|{text}>"
        if offer.topics:
            text += "  " + " ".join(f"`{escape(t)}`" for t in offer.topics)
        remove = button(
            "Remove",
            OFFER_REMOVE,
            str(offer.offer_id),
            confirm=confirm_dialog("Remove this offer?", clip(offer.title, 200), "Remove"),
        )
        blocks.append(section(text, block_id=f"offer:{offer.offer_id}", accessory=remove))
    if home.offers_total > len(home.offers):
        more = home.offers_total - len(home.offers)
        blocks.append(context(f"…and {more} more: see them all with `/prep offer list`."))
    return blocks


def _empty_state() -> list[Block]:
    return [
        section(
            "*Welcome!* Log the people you meet and I'll tell you each morning whom to call and why they'll "
            "be glad you did.\nStart by typing this in any message box (change the details):",
            block_id="home_welcome",
        ),
        section(f"`{escape(EXAMPLE)}`"),
        context("Then try `/prep Sam` for talking points, and `/called Sam reached` after the call."),
    ]


def render_home(home: Home) -> dict:
    """The Home tab view for views.publish."""
    blocks: list[Block] = [header("Your follow-up calls"), *_banner(home)]
    if home.contacts_total == 0:
        blocks += _empty_state()
    else:
        blocks.append(home_entry())
        planned = {row.contact_id: row.words for row in home.plans}
        blocks += plan_lines(home.plans, "Planned calls")
        for part in home.sections:
            blocks += _section_blocks(part, home.today, planned, home.country)
        blocks += [divider(), *_recent_blocks(home), divider(), *stats_blocks(home.stats)]
        if home.best_hour:
            blocks.append(
                context(f":alarm_clock: From your calls: {home.best_hour}. Plan it uses that hour.")
            )
        blocks += usefulness_blocks(home.usefulness)
    blocks += [divider(), _settings_block(home), rhythm_block(), home_files_block(), *_offer_blocks(home)]
    # The budget in the module docstring keeps this under the limit; the slice is a last resort.
    return {"type": "home", "callback_id": "home", "blocks": blocks[:VIEW_BLOCKS_MAX]}
