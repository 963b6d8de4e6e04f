"""The Settings modal (nudge time, days, pause until, max per digest, holidays) and the Add offer modal, both
opened from App Home; errors are shown inline on the field to change, and nothing is half-saved."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain.vocabulary import WEEKDAY_NAMES
from bot.services import offers
from bot.services.context import Services
from bot.services.home import local_next_digest
from bot.services.settings import (
    HOLIDAY_COUNTRY,
    MAX_PER_DIGEST,
    MAX_PER_DIGEST_MAX,
    NUDGE_DAYS,
    NUDGE_TIME,
    PAUSE_UNTIL,
    WEEKLY_REVIEW,
    NudgeSettings,
    current_settings,
    holiday_choice,
    holiday_choices_for,
    submit_settings,
    time_text,
)
from handlers.blocks.kit import context, date_input, modal, option, plain, state_value, text_input
from handlers.blocks.saved import settings_saved_text
from handlers.home_refresh import refresh_home
from handlers.request import owner_of
from handlers.views.saved import tell_saved

SETTINGS_FORM = "home_settings_form"
OFFER_FORM = "home_offer_form"
OFFER_TITLE, OFFER_LINK, OFFER_TOPICS = "offer_title", "offer_link", "offer_topics"


def settings_modal(current: NudgeSettings, tz: str) -> dict:
    day_options = [option(name, str(i)) for i, name in enumerate(WEEKDAY_NAMES)]
    days = {
        "type": "checkboxes",
        "action_id": "value",
        "options": day_options,
    }
    chosen = [o for o in day_options if int(o["value"]) in current.nudge_days]
    if chosen:
        days["initial_options"] = chosen
    blocks = [
        {
            "type": "input",
            "block_id": NUDGE_TIME,
            "label": plain("Nudge time"),
            "element": {
                "type": "timepicker",
                "action_id": "value",
                "initial_time": time_text(current.nudge_minute),
            },
            "hint": plain(f"Your daily list arrives at this time in your Slack time zone ({tz})."),
        },
        {"type": "input", "block_id": NUDGE_DAYS, "label": plain("Nudge days"), "element": days},
        date_input(
            PAUSE_UNTIL,
            "Pause until",
            initial=current.pause_until,
            hint="No nudges up to and including this day. Leave empty to get them as usual.",
        ),
        text_input(
            MAX_PER_DIGEST,
            "Most people per daily list",
            initial=str(current.max_per_digest),
            max_length=2,
            hint=f"A number from 1 to {MAX_PER_DIGEST_MAX}. Anyone left over waits for the next day.",
        ),
        weekly_review_input(current.weekly_review),
        holiday_country_input(current),
    ]
    return modal(SETTINGS_FORM, "Settings", blocks, submit="Save")


def holiday_country_input(current: NudgeSettings) -> dict:
    """The country whose public holidays get no digest and no next try: a type-ahead over the
    hundreds of regions the `holidays` package knows (a static select holds at most 100)."""
    label, value = holiday_choice(current)
    return {
        "type": "input",
        "block_id": HOLIDAY_COUNTRY,
        "optional": True,  # left alone, it stays as it was
        "label": plain("Country for public holidays"),
        "element": {
            "type": "external_select",
            "action_id": HOLIDAY_COUNTRY,
            "placeholder": plain("Type a country or region"),
            "initial_option": option(label, value),
            "min_query_length": 1,
        },
        "hint": plain(
            "No daily list and no next try on its public holidays: the next working day instead. "
            "Phone numbers typed without + are read as numbers of this country."
        ),
    }


def suggest_holiday_countries(ack: Ack, body: dict, services: Services, context: BoltContext) -> None:
    """The country field's type-ahead (block_suggestion)."""
    choices = holiday_choices_for(services, owner_of(context), str(body.get("value") or ""))
    ack(options=[option(label, value) for label, value in choices])


def weekly_review_input(on: bool) -> dict:
    weekly = option("Weekly look back on Fridays", WEEKLY_REVIEW)
    weekly["description"] = plain(
        "At your nudge time on Fridays: your calls, promises kept and who is slipping. "
        "Nothing is sent in a week with no calls and no promises kept."
    )
    element = {"type": "checkboxes", "action_id": "value", "options": [weekly]}
    if on:
        element["initial_options"] = [weekly]
    return {
        "type": "input",
        "block_id": WEEKLY_REVIEW,
        "optional": True,
        "label": plain("Look back"),
        "element": element,
    }


def offer_modal() -> dict:
    blocks = [
        text_input(
            OFFER_TITLE, "What you can offer", max_length=offers.MAX_TITLE, placeholder="Pipeline checklist"
        ),
        text_input(OFFER_LINK, "Link", optional=True, max_length=offers.MAX_URL, placeholder="https://…"),
        text_input(
            OFFER_TOPICS,
            "Topics",
            optional=True,
            max_length=400,
            placeholder="data hiring",
            hint="A few words your contacts' notes might mention; I use them to suggest this offer.",
        ),
        context("It shows up as a reason to call people whose notes match a topic."),
    ]
    return modal(OFFER_FORM, "Add an offer", blocks, submit="Add")


def offer_errors(title: str, link: str, topics: str) -> tuple[str, dict[str, str]]:
    """The `/prep offer add` text these fields make, and per-field problems found by the same parser."""
    tagged = " ".join("#" + word.lstrip("#") for word in topics.replace(",", " ").split() if word.lstrip("#"))
    errors: dict[str, str] = {}
    if not title.strip():
        errors[OFFER_TITLE] = "Give it a short title, like “Pipeline checklist”."
    if link:
        parsed = offers.parse_offer(f"link {link}")
        if isinstance(parsed, offers.OfferProblem):
            errors[OFFER_LINK] = parsed.message
        elif parsed.url is None or parsed.title != "link":
            errors[OFFER_LINK] = "Give one web link that starts with https://, or leave it empty."
    if tagged:
        parsed = offers.parse_offer(f"topics {tagged}")
        if isinstance(parsed, offers.OfferProblem):
            errors[OFFER_TOPICS] = parsed.message
    return " ".join(part for part in (title.strip(), link.strip(), tagged) if part), errors


def settings_saved(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    state = view.get("state") or {}
    result = submit_settings(
        services,
        owner,
        state_value(state, NUDGE_TIME),
        state_value(state, NUDGE_DAYS),
        state_value(state, PAUSE_UNTIL),
        state_value(state, MAX_PER_DIGEST),
        weekly_review=weekly_review_chosen(state),
        holiday_country=state_value(state, HOLIDAY_COUNTRY, HOLIDAY_COUNTRY),
    )
    if isinstance(result, dict):
        ack(response_action="errors", errors=result)
        return
    ack()
    refresh_home(services, owner, from_home=True)  # a form opened from Home: Home is behind it
    tell_saved(
        services, owner, settings_saved_text(current_settings(result), result.tz, local_next_digest(result))
    )


def weekly_review_chosen(state: dict) -> bool | None:
    """The checkbox's answer; None when the form had no such block (an older modal left open)."""
    if WEEKLY_REVIEW not in (state.get("values") or {}):
        return None
    return WEEKLY_REVIEW in (state_value(state, WEEKLY_REVIEW) or [])


def offer_added(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    owner = owner_of(context)
    state = view.get("state") or {}
    text, errors = offer_errors(
        state_value(state, OFFER_TITLE) or "",
        state_value(state, OFFER_LINK) or "",
        state_value(state, OFFER_TOPICS) or "",
    )
    if errors:
        ack(response_action="errors", errors=errors)
        return
    result = offers.add(services, owner, text)
    if isinstance(result, offers.OfferProblem):
        ack(response_action="errors", errors={OFFER_TITLE: result.message})
        return
    ack()
    refresh_home(services, owner, from_home=True)  # a form opened from Home: Home is behind it
