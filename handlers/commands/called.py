"""/called — log what happened on a call (SPEC §5)."""

from slack_bolt import Ack, BoltContext, Respond

from bot.services import calls
from bot.services.context import Services
from handlers.blocks.called import (
    TOO_LONG_FOR_BUTTONS,
    ask_outcome_reply,
    logged_reply,
    not_found_text,
    pick_reply,
)
from handlers.blocks.kit import SORRY_REPLY, ephemeral, error_reply, section
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of

USAGE = (
    "*/called* logs how a follow-up went and schedules the next one.\n"
    "`/called Jane Doe reached: she wants the checklist`\n"
    "`/called Jane voicemail yesterday` · `/called Acme meeting friday` · `/called Jane no`\n"
    "Outcomes: reached, voicemail, no-answer, emailed, meeting [date], later, no.\n"
    "`/called Jane` alone shows the outcomes as buttons. Every reply has an *Undo* button."
)


def render(outcome) -> dict:
    if isinstance(outcome, calls.Logged):
        return logged_reply(outcome)
    if isinstance(outcome, calls.AskOutcome):
        return ask_outcome_reply(outcome) or error_reply(TOO_LONG_FOR_BUTTONS)
    if isinstance(outcome, calls.AskPick):
        return pick_reply(outcome) or error_reply(TOO_LONG_FOR_BUTTONS)
    if isinstance(outcome, calls.NotFound):
        return error_reply(not_found_text(outcome))
    return error_reply(outcome.message)


def called_command(
    ack: Ack, command: dict, respond: Respond, services: Services, context: BoltContext
) -> None:
    text = (command.get("text") or "").strip()
    if text.lower() in ("help", "?"):
        ack(ephemeral([section(USAGE)], USAGE))
        return
    if not text:
        ack(error_reply("Tell me whom you called and how it went, like `/called Jane Doe reached`."))
        return
    ack()
    services.background.submit(
        log_call, services, owner_of(context), text, respond, on_error=lambda: respond(**SORRY_REPLY)
    )


def log_call(services: Services, owner: Owner, text: str, respond: Respond) -> None:
    """After the ack: log the call, answer through response_url, refresh Home."""
    outcome = calls.called(services, owner, text)
    respond(**render(outcome))
    if isinstance(outcome, calls.Logged):
        refresh_home(services, owner)
