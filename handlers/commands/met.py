"""/met — capture a contact (SPEC §4): quick-add from one line, or the form when typed alone."""

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.quickadd import MET_HELP
from bot.services.contacts import Duplicate, Problem, blank_form, quick_add
from bot.services.context import Services
from bot.services.profiles import ensure_profile
from handlers.blocks.kit import ephemeral, section
from handlers.blocks.met import apologise_on_failure, duplicate_message, problem_message, saved_message
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of
from handlers.views.met_modal import open_contact_modal

USAGE = MET_HELP


def met_command(
    ack: Ack, command: dict, respond: Respond, client: WebClient, services: Services, context: BoltContext
) -> None:
    text = (command.get("text") or "").strip()
    if text.lower() in ("help", "?"):
        ack(ephemeral([section(USAGE)], USAGE))
        return
    # Ack first: everything below may wait on the database or on users.info.
    ack()
    replier = respond if command.get("response_url") else None
    with apologise_on_failure(replier):
        owner = owner_of(context)
        if not text:
            # trigger_id expires about 3 s after the command: open the form before anything slow.
            form = blank_form(services, owner.team_id, owner.user_id)
            open_contact_modal(client, command["trigger_id"], form, command.get("channel_id"), replier)
            ensure_profile(services, owner.team_id, owner.user_id)  # learn the time zone for next time
            return
        services.background.submit(add_from_line, services, owner, text, replier)


def add_from_line(services: Services, owner: Owner, text: str, respond: Respond | None) -> None:
    """After the ack: quick-add the /met line and answer with what was understood."""
    with apologise_on_failure(respond):
        result = quick_add(services, owner.team_id, owner.user_id, text)
        if isinstance(result, Problem):
            respond(**problem_message(result))
        elif isinstance(result, Duplicate):
            respond(**duplicate_message(result))
        else:
            respond(**saved_message(result))
            refresh_home(services, owner)
