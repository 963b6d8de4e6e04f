"""Block Kit for /prep (SPEC §6): talking points in the spec's order, the due list, pick buttons,
and offers. Every text from notes or the playbook is escaped and clipped to Slack's limits."""

from __future__ import annotations

import datetime as dt

from bot.domain.cadence import OUTCOME_LABELS, day_label
from bot.domain.contact_details import phone_link
from bot.domain.feedback import Surface
from bot.domain.rhythm import status_words
from bot.domain.tags import tag_list_words
from bot.domain.talking_points import ContactFacts, TalkingPoints, last_touch_label, met_when, one_line
from bot.domain.vocabulary import Outcome, Stage
from bot.services.offers import Offer, OfferAdded, OfferList, OfferRemoved
from bot.services.prep import AskPick, DueItem, DueList, NotFound, Prepared
from handlers.blocks.contact_buttons import PREP, contact_buttons
from handlers.blocks.feedback import feedback_block
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    actions,
    button,
    context,
    ephemeral,
    escape,
    fields,
    header,
    section,
)
from handlers.blocks.kit import escape_keeping_members as keep
from handlers.blocks.story import person, story_elements

PICK_ACTION = "prep_pick_"  # + the choice's position; the value is the contact id
OFFERS_HELP = "`/prep offer add TITLE [LINK] #topic …` adds one · `/prep offer remove N` removes the Nth."


def _bold(text: str) -> str:
    return f"*{escape(text)}*"


def _label(name: str, company: str | None) -> str:
    return f"{_bold(name)} ({escape(company)})" if company else _bold(name)


# --- talking points --------------------------------------------------------------------------------


def who_text(contact: ContactFacts, today: dt.date, country: str | None = None) -> str:
    """Who they are, how you met and how to reach them (a number of the user's `country` shown as
    it is dialled there)."""
    line = _bold(contact.name)
    work = " at ".join(escape(p) for p in (contact.role, contact.company) if p)
    if work:
        line += f" · {work}"
    met = []
    if contact.event:
        met.append(f"at {escape(contact.event)}")
    if contact.met_on:
        met.append(met_when(contact.met_on, today))
    if contact.referred_by and not contact.ever_reached:
        # a referral you have not spoken to yet: the date is when you added them, not a meeting, and
        # the event is where you heard of them
        added = f" {met_when(contact.met_on, today)}" if contact.met_on else ""
        where = f" at {escape(contact.event)}" if contact.event else ""
        details = [f"Referred by {person(contact.referred_by)}{where}{added}; you haven't spoken yet."]
    else:
        details = [f"You met {' '.join(met)}." if met else "Where you met isn't on file."]
        if contact.referred_by:
            details.append(f"Referred by {person(contact.referred_by)}.")
    if contact.tags:
        details.append(f"Tags: {tag_list_words(contact.tags)}.")
    if contact.introducer:
        details.append(f"Introduced by {person(contact.introducer)}.")
    phone = phone_link(contact.phone, country) if contact.phone else None  # tap to call, in mrkdwn
    if phone and not phone.startswith("<tel:"):
        phone = escape(phone)
    if phone and contact.phone_wrong:
        phone += " (⚠ marked wrong)"
    reach = " · ".join(p for p in (phone, escape(contact.email) if contact.email else None) if p)
    if reach:
        details.append(f"Reach them: {reach}")
    return line + "\n" + " ".join(details)


def story_text(contact: ContactFacts, today: dt.date) -> str:
    """What is open or was said: the promise (and how late), a booked meeting, the last call's notes
    (always as the user's own note)."""
    lines = []
    if contact.promise and not contact.promise_done:
        line = f":handshake: *You promised* to {escape(contact.promise)}"
        if contact.promise_due:
            late = (today - contact.promise_due).days
            line += f", by {day_label(contact.promise_due, today)}"
            if late > 0:
                line += f" ({_days(late)} late)"
        lines.append(line + ".")
    if contact.meeting_on and not contact.meeting_confirmed:
        if contact.meeting_on >= today:
            lines.append(f":calendar: *Meeting on {day_label(contact.meeting_on, today)}.*")
        else:
            lines.append(
                f":calendar: *Did your meeting on {day_label(contact.meeting_on, today)} happen?* "
                "Tell me below."
            )
    elif contact.meeting_on and contact.meeting_confirmed:
        lines.append(f":calendar: You met on {day_label(contact.meeting_on, today)}.")
    if contact.last_call_notes and contact.last_call_on:
        lines.append(
            f":memo: *{last_touch_label(contact)}, {day_label(contact.last_call_on, today)}* — your note: "
            f"{escape(contact.last_call_notes[:600])}"
        )
    return "\n".join(lines)


def let_go_blocks(prepared: Prepared) -> list[Block]:
    """A let-go contact gets no coaching toward a call: when it was let go, and Revive."""
    contact, today = prepared.contact, prepared.today
    when = f" on {day_label(contact.let_go_on, today)}" if contact.let_go_on else ""
    text = (
        f"You let {_bold(contact.name)} go{when}, so there are no talking points and no nudges. "
        "If things have changed, Revive puts them back on your list."
    )
    if contact.last_outcome == Outcome.NO.value:  # they said no: their answer, not your choice
        said = f" (your note: {escape(contact.last_call_notes[:300])})" if contact.last_call_notes else ""
        text = (
            f"{_bold(contact.name)} said no{when}{said}, so there are no talking points and no nudges. "
            "If they left a door open, Revive puts them back on your list when that time comes."
        )
    return [
        header(f"{contact.name}: let go"),
        section(who_text(contact, today, prepared.country), block_id="prep_who"),
        section(text, block_id="prep_let_go"),
        contact_buttons(contact.id, prep=False, log=False, snooze=False, let_go=False, revive=True),
    ]


def history_text(contact: ContactFacts, points: TalkingPoints) -> str:
    days = points.days_since_contact
    if contact.last_outcome == Outcome.MEETING.value and contact.meeting_on and contact.meeting_confirmed:
        when = "" if days is None else (" today" if days == 0 else f", {_days(days)} ago")
        text = f"*Last time:* 📅 you met{when}."
    elif contact.last_outcome:
        try:
            outcome = OUTCOME_LABELS[Outcome(contact.last_outcome)]
        except ValueError:
            outcome = escape(contact.last_outcome)
        when = "" if days is None else (" today" if days == 0 else f", {_days(days)} ago")
        text = f"*Last time:* {outcome}{when}."
    elif contact.referred_by and not contact.ever_reached:
        text = "*Not called yet.*"  # a referral: you have not met, so no "days since you met"
    elif days is not None:
        text = (
            f"*Not called yet* — {_days(days)} since you met."
            if days
            else "*Not called yet* — you met today."
        )
    else:
        text = "*Not called yet.*"
    if contact.unanswered_streak >= 2:
        text += f" {contact.unanswered_streak} tries in a row went unanswered."
    if points.gap_note:
        text += f"\n:hourglass: {keep(points.gap_note)}"
    for heed in points.heed:  # how they want to be reached, in your words: "don't ring before 3pm"
        text += f"\n:warning: *Mind:* your note says “{escape(heed)}”"
    return text


def _rhythm(contact: ContactFacts, today: dt.date) -> str:
    """Say "Slipping: overdue in 3 days." when the contact's cadence is past its ideal day."""
    words = status_words(contact.next_due, contact.latest_due, today)
    return f"\n:repeat: *{words[0].upper()}{words[1:]}* (your rhythm with them)." if words else ""


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def points_blocks(prepared: Prepared) -> list[Block]:
    contact, points = prepared.contact, prepared.points
    if contact.stage == Stage.LET_GO:
        return let_go_blocks(prepared)
    reason = points.reason
    blocks: list[Block] = [
        header(f"Before you call {contact.name}"),
        section(who_text(contact, prepared.today, prepared.country), block_id="prep_who"),
        section(history_text(contact, points) + _rhythm(contact, prepared.today), block_id="prep_history"),
    ]
    story = story_text(contact, prepared.today)
    if story:
        blocks.append(section(story, block_id="prep_story"))
    blocks += [
        section(
            f"*Your reason to call*\n{keep(reason.text)}\n_Why this one: {keep(reason.why)}_",
            block_id="prep_reason",
        ),
        *feedback_block(reason.kind, contact.id, prepared.today, Surface.PREP, block_id="prep_feedback"),
    ]
    if points.alternatives:
        lines = "\n".join(f"• {keep(alt.text)} _({keep(alt.why)})_" for alt in points.alternatives)
        blocks.append(section(f"*Or instead*\n{lines}", block_id="prep_alternatives"))
    blocks += [
        section(f"*Open with*\n“{keep(points.opener)}”", block_id="prep_opener"),
        fields(
            [("Goal for this call", keep(points.goal)), ("If the talk stalls", keep(points.fallback))],
            block_id="prep_goal",
        ),
        section(f"*If you get voicemail*\n> {keep(points.voicemail)}", block_id="prep_voicemail"),
        context(f":bulb: *{escape(points.reassurance.title)}.* {escape(points.reassurance.text)}"),
        contact_buttons(
            contact.id, prep=False, plan=True, let_go=False, extra=story_elements(contact, prepared.today)
        ),
    ]
    return [b for b in blocks if not _empty_voicemail(b)]


def _empty_voicemail(block: Block) -> bool:
    return block.get("block_id") in ("prep_voicemail", "prep_opener") and not any(
        c.isalnum() for c in block["text"]["text"].split("*", 2)[-1]
    )


def points_reply(prepared: Prepared) -> dict:
    text = f"Talking points for {escape(prepared.contact.name)}: {keep(one_line(prepared.points))}"
    return ephemeral(points_blocks(prepared), text)


# --- the due list ----------------------------------------------------------------------------------


def _due_row(item: DueItem, today: dt.date) -> Block:
    when = "due today" if item.next_due >= today else f"overdue since {day_label(item.next_due, today)}"
    text = f"{_label(item.name, item.company)} · {when}"
    if item.reason:
        text += f"\n{keep(item.reason)}"
    return section(text, block_id=f"prep_due:{item.id}", accessory=button("Prep", PREP, str(item.id)))


def due_reply(due: DueList) -> dict:
    if not due.items:
        lead = "Nothing is due today. :sunny:"
        if due.upcoming:
            nexts = ", ".join(f"{_label(i.name, i.company)} on {day_label(i.next_due)}" for i in due.upcoming)
            lead += f"\nNext up: {nexts}. `/prep NAME` gets you ready for any of them now."
        else:
            lead += "\nNo follow-ups are scheduled yet: add someone you met with `/met NAME`."
        return ephemeral([section(lead, block_id="prep_due_none")], lead)
    lead = f"{due_count_words(due.due_today, due.total - due.due_today)}. Pick one for talking points:"
    blocks: list[Block] = [section(lead, block_id="prep_due_lead")]
    blocks += [_due_row(item, due.today) for item in due.items]
    more = due.total - len(due.items)
    if more > 0:
        blocks.append(context(f"…and {more} more. `/prep NAME` prepares any contact by name."))
    return ephemeral(blocks, lead)


def due_count_words(today_n: int, overdue_n: int) -> str:
    """ "2 contacts are due: 1 today, 1 overdue", the same split App Home shows (SPEC §12)."""
    total = today_n + overdue_n
    count = "1 contact is" if total == 1 else f"{total} contacts are"
    if not overdue_n:
        return f"{count} due today"
    if not today_n:
        return f"{count} overdue"
    return f"{count} due: {today_n} today, {overdue_n} overdue"


# --- names that did not resolve to one contact ------------------------------------------------------


def pick_reply(ask: AskPick) -> dict:
    lead = f"Several contacts match “{escape(ask.query)}”. Which one are you calling?"
    elements = [
        button(c.choice_label, f"{PICK_ACTION}{i}", str(c.id)) for i, c in enumerate(ask.choices[:25])
    ]
    return ephemeral([section(lead), actions(elements, block_id="prep_pick")], lead)


def not_found_text(missing: NotFound) -> Mrkdwn:
    query = escape(missing.query)
    if missing.suggestions:
        names = ", ".join(_label(c.name, c.company) for c in missing.suggestions)
        return Mrkdwn(
            f"I can't find “{query}” among your contacts. Did you mean {names}? Try `/prep` with that name."
        )
    return Mrkdwn(
        f"I can't find “{query}” among your contacts. Check the spelling, or add them with `/met {query}`."
    )


# --- offers ----------------------------------------------------------------------------------------


def offer_line(offer: Offer) -> str:
    line = f"*{offer.number}.* {escape(offer.title)}"
    if offer.url:
        line += f" — <{offer.url.replace('|', '%7C').replace('>', '%3E')}|link>"
    if offer.topics:
        line += "  " + " ".join(f"`{escape(t)}`" for t in offer.topics)
    return line


def offers_reply(result: OfferList) -> dict:
    if not result.offers:
        lead = (
            "You have no offers yet. Offers are things you can give: an article, a checklist, an event "
            "invite, an intro. Matched to what contacts talked about, they become reasons to call."
        )
        example = "`/prep offer add Pipeline checklist https://example.com/checklist #data #hiring`"
        return ephemeral([section(lead), context(f"Add one: {example}")], lead)
    lead = f"Your offers ({len(result.offers)}):"
    blocks: list[Block] = [section(f"*{lead}*", block_id="offers_lead")]
    blocks += [section(offer_line(o), block_id=f"offer:{o.number}") for o in result.offers]
    blocks.append(context(OFFERS_HELP))
    return ephemeral(blocks, lead)


def offer_added_reply(result: OfferAdded) -> dict:
    topics = "" if result.offer.topics else " Add #topics next time so I can match it to notes."
    lead = f":gift: Added offer {offer_line(result.offer)}{topics}"
    hint = (
        f"You have {result.total} offer{'s' if result.total != 1 else ''}. `/prep offer list` shows them all."
    )
    return ephemeral([section(lead), context(hint)], f"Added offer: {escape(result.offer.title)}")


def offer_removed_reply(result: OfferRemoved) -> dict:
    lead = f":wastebasket: Removed offer “{escape(result.offer.title)}”."
    left = f"{result.remaining} left." if result.remaining else "No offers left."
    return ephemeral([section(f"{lead} {left}")], lead)
