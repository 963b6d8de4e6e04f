"""Block Kit of "All contacts" (App Home's button): a search box, a stage filter, 20 contacts a page,
each with View (the contact modal). What is shown is kept in private_metadata to page on from it."""

from __future__ import annotations

import json

from bot.domain.cadence import day_label
from bot.domain.vocabulary import Stage
from bot.services.contact_search import PAGE_SIZE, ContactPage, ListedContact
from handlers.blocks.contact_buttons import VIEW
from handlers.blocks.kit import Block, actions, button, context, escape, modal, option, plain, section

ALL_CONTACTS = "home_all_contacts"  # the App Home button
CALLBACK = "contact_list"
SEARCH_BLOCK, SEARCH_ACTION = "contact_list_q", "contact_list_search"
FILTER_BLOCK, STAGE_ACTION = "contact_list_filters", "contact_list_stage"
PAGE_ACTION = "contact_list_page"  # value: the page to show (0-based)

STAGE_LABELS = {
    "all": "Everyone",
    "active": "Active",
    "meeting": "Waiting for a meeting",
    "referral": "Referrals not spoken to yet",
    "dormant": "Gone quiet",
    "let_go": "Let go",
}


def home_entry() -> Block:
    """The App Home line with the All contacts button."""
    return section(
        "Looking for someone who isn't due? Search everyone you have saved.",
        block_id="home_all_contacts",
        accessory=button("All contacts", ALL_CONTACTS, "open"),
    )


def _state(listing: ContactPage) -> str:
    return json.dumps({"q": listing.query, "s": listing.stage, "p": listing.page}, ensure_ascii=False)


def read_state(private_metadata: str | None) -> tuple[str, str, int]:
    """(query, stage, page) the modal showed; defaults for anything missing or malformed."""
    try:
        data = json.loads(private_metadata or "{}")
        return str(data.get("q") or ""), str(data.get("s") or "all"), int(data.get("p") or 0)
    except (ValueError, TypeError, AttributeError):
        return "", "all", 0


def _status(item: ListedContact) -> str:
    if item.stage == Stage.LET_GO.value:
        return "let go"
    if item.meeting_booked and item.meeting_on:
        return f"meeting on {day_label(item.meeting_on)}"
    if item.stage == Stage.DORMANT.value:
        return "gone quiet"
    if item.next_due:
        return f"next follow-up {day_label(item.next_due)}"
    return "no follow-up set"


def _row(item: ListedContact) -> Block:
    who = f"*{escape(item.name)}*" + (f" ({escape(item.company)})" if item.company else "")
    where = f" · {escape(item.event)}" if item.event else ""
    referral = " · referral" if item.referral else ""
    text = f"{who}{where}\n{_status(item)}{referral}"
    return section(text, block_id=f"contact_list:{item.id}", accessory=button("View", VIEW, str(item.id)))


def _filters(stage: str) -> Block:
    options = [option(label, key) for key, label in STAGE_LABELS.items()]
    chosen = next(o for o in options if o["value"] == stage)
    select = {
        "type": "static_select",
        "action_id": STAGE_ACTION,
        "options": options,
        "initial_option": chosen,
        "placeholder": plain("Stage"),
    }
    return actions([select], block_id=FILTER_BLOCK)


def _search_box(query: str) -> Block:
    element: dict = {
        "type": "plain_text_input",
        "action_id": SEARCH_ACTION,
        "placeholder": plain("A name, company, event or a word from your notes"),
        "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]},
        "max_length": 200,
    }
    if query:
        element["initial_value"] = query
    return {
        "type": "input",
        "block_id": SEARCH_BLOCK,
        "dispatch_action": True,
        "optional": True,
        "label": plain("Search (press Enter)"),
        "element": element,
    }


def _summary(listing: ContactPage) -> str:
    if listing.total == 0:
        if listing.query or listing.stage != "all":
            return "No one matches. Try fewer words, or *Everyone*."
        return "No contacts yet. Add one with `/met Jane Doe of Acme`."
    first = listing.page * PAGE_SIZE + 1
    last = first + len(listing.items) - 1
    people = "contact" if listing.total == 1 else "contacts"
    return f"{first}–{last} of {listing.total} {people}, by name"


def contact_list_modal(listing: ContactPage) -> dict:
    blocks: list[Block] = [_search_box(listing.query), _filters(listing.stage), context(_summary(listing))]
    blocks += [_row(item) for item in listing.items]
    pager = []
    if listing.page > 0:
        pager.append(button("Previous 20", PAGE_ACTION, str(listing.page - 1)))
    if listing.more:
        pager.append(button("Next 20", f"{PAGE_ACTION}_next", str(listing.page + 1)))
    if pager:
        blocks.append(actions(pager, block_id="contact_list_pager"))
    # Slack requires a submit button on a modal with an input block: here it runs the search.
    return modal(
        CALLBACK, "All contacts", blocks, submit="Search", close="Close", private_metadata=_state(listing)
    )
