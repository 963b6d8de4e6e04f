"""The "New contact" / "Edit contact" modal (SPEC §4): every field, inline errors, a confirmation after."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.contact_form import LIMITS
from bot.domain.tags import tag_list_words
from bot.services.contacts import ContactSummary, submit_form
from bot.services.context import Services
from handlers.blocks.kit import date_input, error_reply, modal, state_value, text_input
from handlers.blocks.met import apologise_on_failure, saved_message
from handlers.home_refresh import refresh_home
from handlers.request import owner_of

log = logging.getLogger(__name__)

CALLBACK = "met_contact_form"
FORM_EXPIRED = (
    "The form took too long to open, so Slack closed the chance to show it. "
    "Type `/met` again and it should open right away, or add the contact in one line: `/met Jane Doe of Acme`."
)
# Block ids are the field names bot.services.contacts.read_form expects, so its problems map straight back.
FIELDS = (
    "name",
    "company",
    "role",
    "event",
    "met_on",
    "notes",
    "promise",
    "promise_due",
    "email",
    "phone",
    "url",
    "introducer",
    "referred_by",
    "next_due",
    "tags",
    "cadence",
)


@dataclass(frozen=True)
class FormContext:
    """What the modal carries in private_metadata: which contact, where /met was typed, and the
    follow-up date it showed (to tell "left as suggested" from "picked by the user")."""

    contact_id: int | None
    channel: str | None
    shown_follow_up: dt.date | None

    def dump(self) -> str:
        return json.dumps(
            {
                "c": self.contact_id,
                "ch": self.channel,
                "fu": self.shown_follow_up.isoformat() if self.shown_follow_up else None,
            },
            separators=(",", ":"),
        )

    @classmethod
    def load(cls, text: str | None) -> FormContext:
        try:
            data = json.loads(text or "{}")
            cid = data.get("c")
            channel = data.get("ch")
            shown = dt.date.fromisoformat(data["fu"]) if data.get("fu") else None
            return cls(
                cid if isinstance(cid, int) and not isinstance(cid, bool) else None,
                channel if isinstance(channel, str) else None,
                shown,
            )
        except (ValueError, TypeError, AttributeError):
            return cls(None, None, None)


def contact_modal(form: ContactSummary, channel: str | None) -> dict:
    """The form, prefilled from `form` (a saved contact, or the blank form's defaults)."""
    editing = form.id is not None
    follow_up_hint = (
        f"Now: {form.next_due_reason}. Pick another day to override it."
        if form.next_due_reason
        else "Pick a day for the first call."
    )
    if not editing:
        follow_up_hint = (
            "Suggested from the day you met (or your promise, if sooner). "
            "Leave it and I'll follow the dates above; pick another day to override."
        )
    blocks = [
        text_input("name", "Name", initial=form.name, max_length=LIMITS["name"], placeholder="Jane Doe"),
        text_input("company", "Company", initial=form.company, optional=True, max_length=LIMITS["company"]),
        text_input("role", "Role", initial=form.role, optional=True, max_length=LIMITS["role"]),
        text_input("event", "Where you met", initial=form.event, optional=True, max_length=LIMITS["event"]),
        text_input(
            "tags",
            "Tags",
            initial=tag_list_words(form.tags),
            optional=True,
            max_length=500,
            placeholder="#investor #friend",
            hint="Words that group people, like #investor; a cadence can be set per tag.",
        ),
        text_input(
            "cadence",
            "How often to talk",
            initial=form.cadence,
            optional=True,
            max_length=40,
            placeholder="every 2 weeks",
            hint=(
                "After each call where you reach them: `every 2w`, `every month`, or ideal and latest "
                "like `21-30 days`. Leave it empty to go by their tags, else the usual gap."
            ),
        ),
        date_input("met_on", "Met on", initial=form.met_on, optional=False),
        text_input(
            "notes",
            "What you talked about",
            initial=form.notes,
            multiline=True,
            optional=True,
            max_length=LIMITS["notes"],
            placeholder="Their projects, what they need, anything worth a follow-up",
        ),
        text_input(
            "promise", "I promised to…", initial=form.promise, optional=True, max_length=LIMITS["promise"]
        ),
        date_input("promise_due", "…by", initial=form.promise_due),
        text_input("email", "E-mail", initial=form.email, optional=True, max_length=LIMITS["email"]),
        text_input(
            "phone",
            "Phone",
            initial=form.phone,
            optional=True,
            max_length=LIMITS["phone"],
            placeholder="+1 415 555 0100",
        ),
        text_input("url", "Link", initial=form.url, optional=True, max_length=LIMITS["url"]),
        text_input(
            "introducer",
            "Introduced by",
            initial=form.introducer,
            optional=True,
            max_length=LIMITS["introducer"],
            hint="Who introduced the two of you (you have met).",
        ),
        text_input(
            "referred_by",
            "Referred by",
            initial=form.referred_by,
            optional=True,
            max_length=LIMITS["referred_by"],
            hint="Who suggested you get in touch, when you haven't spoken yet.",
        ),
        date_input(
            "next_due",
            "Next follow-up" if form.ever_called else "First follow-up",
            initial=form.next_due,
            hint=follow_up_hint,
        ),
    ]
    context = FormContext(form.id, channel, form.next_due)
    return modal(
        CALLBACK,
        "Edit contact" if editing else "New contact",
        blocks,
        submit="Save",
        private_metadata=context.dump(),
    )


def open_contact_modal(
    client: WebClient,
    trigger_id: str,
    form: ContactSummary,
    channel: str | None,
    respond: Callable[..., object] | None = None,
) -> bool:
    """Open the form. A trigger_id is good for about 3 s: when it ran out (`expired_trigger_id`),
    tell the user through `respond` what to do instead of apologising for a bug."""
    try:
        client.views_open(trigger_id=trigger_id, view=contact_modal(form, channel))
        return True
    except SlackApiError as exc:
        if exc.response.get("error") != "expired_trigger_id":
            raise
    log.warning("views.open: the trigger expired before the contact form could open")
    if respond is not None:
        respond(**error_reply(FORM_EXPIRED), replace_original=False)
    return False


def tell(client: WebClient, channel: str | None, user_id: str, message: dict) -> None:
    """An ephemeral note in the channel where /met was typed; the app's DM when that is not possible
    (chat.postEphemeral fails in conversations the app is not part of)."""
    text, blocks = message["text"], message["blocks"]
    if channel:
        try:
            client.chat_postEphemeral(channel=channel, user=user_id, text=text, blocks=blocks)
            return
        except SlackApiError as exc:
            log.info("postEphemeral in %s failed (%s); sending a DM", channel, exc.response.get("error"))
    try:
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not confirm a saved contact to %s: %s", user_id, exc.response.get("error"))


def contact_form_submitted(
    ack: Ack, view: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    owner = owner_of(context)
    context = FormContext.load(view.get("private_metadata"))
    state = view.get("state") or {}
    values = {key: state_value(state, key) for key in FIELDS}
    for key in ("tags", "cadence"):
        if key not in (state.get("values") or {}):  # a form opened before it had the field
            del values[key]
    result = submit_form(
        services, owner.team_id, owner.user_id, context.contact_id, values, context.shown_follow_up
    )
    if isinstance(result, dict):
        ack(response_action="errors", errors={k if k in FIELDS else "name": v for k, v in result.items()})
        return
    ack()
    with apologise_on_failure(None):
        tell(client, context.channel, owner.user_id, saved_message(result))
        refresh_home(services, owner)
