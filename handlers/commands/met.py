"""/met — capture a contact (SPEC §4): quick-add from one line, or the form when typed alone.

Quick-add commits before its ack and the ack carries the reply. What needs Slack first (a new user's
time zone, a mentioned member's name) is a job in the durable queue, run at once after the ack, and
answered through response_url.
"""

import logging

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.quickadd import MET_HELP
from bot.services import queue
from bot.services.contacts import Duplicate, Problem, Saved, blank_form
from bot.services.context import Services
from bot.services.profiles import ensure_profile
from bot.services.quick_add import name_mentioned_contact, quick_add, quick_add_now
from handlers.blocks.kit import SORRY, busy_reply, ephemeral, error_reply, section
from handlers.blocks.met import apologise_on_failure, duplicate_message, problem_message, saved_message
from handlers.commands.imports import import_or_export, is_import_command
from handlers.home_refresh import refresh_home
from handlers.request import REPLAY_KEY, Owner, owner_of
from handlers.views.met_modal import open_contact_modal

USAGE = MET_HELP
NAME_TRIES = 3  # users.info attempts for a mentioned member before the contact keeps the mention
log = logging.getLogger(__name__)


def met_command(
    ack: Ack, command: dict, respond: Respond, client: WebClient, services: Services, context: BoltContext
) -> None:
    text = (command.get("text") or "").strip()
    if text.lower() in ("help", "?"):
        ack(ephemeral([section(USAGE)], USAGE))
        return
    owner = owner_of(context)
    if not text:
        open_form(ack, command, respond, client, services, owner)
        return
    if is_import_command(text):  # `/met import …` / `/met export` (handlers/commands/imports.py)
        import_or_export(ack, command, respond, client, services, owner)
        return
    try:
        result = quick_add_now(
            services,
            owner.team_id,
            owner.user_id,
            text,
            command.get("response_url"),
            can_queue=services.background.has_room(),
            replay_key=context.get(REPLAY_KEY),
        )
    except Exception:  # nothing was committed: say so in the ack
        log.exception("/met failed before its ack")
        ack(error_reply(SORRY))
        return
    if isinstance(result, queue.Busy):
        ack(busy_reply())
    elif isinstance(result, queue.Gone):
        ack()  # a repeated delivery of this command: it was acted on once already
    elif isinstance(result, queue.Queued):
        ack()
        work = QUEUED_WORK[result.job.kind]
        services.background.submit(queue.run_now, services, result.job.id, work, queue.send_with(respond))
    else:
        ack(render(result))
        if isinstance(result, Saved):
            refresh_home(services, owner, in_use=result.home_in_use)


def open_form(
    ack: Ack, command: dict, respond: Respond, client: WebClient, services: Services, owner: Owner
) -> None:
    """`/met` alone: the "New contact" form (its trigger_id expires about 3 s after the command)."""
    ack()
    replier = respond if command.get("response_url") else None
    with apologise_on_failure(replier):
        form = blank_form(services, owner.team_id, owner.user_id)
        open_contact_modal(client, command["trigger_id"], form, command.get("channel_id"), replier)
        ensure_profile(services, owner.team_id, owner.user_id)  # learn the time zone for next time


def render(result) -> dict | None:
    if isinstance(result, Problem):
        return problem_message(result)
    if isinstance(result, Duplicate):
        return duplicate_message(result)
    if isinstance(result, Saved):
        return saved_message(result)
    return None  # queue.Gone: another worker finished the job and answered


def run_queued_met(services: Services, job: queue.Job) -> dict | None:
    """The queue's `met` job: a quick-add that waited for its owner's time zone (users.info)."""
    result = quick_add(
        services, job.team_id, job.user_id, job.payload["text"], at=job.created_at, job_id=job.id
    )
    if isinstance(result, Saved):
        refresh_home(services, Owner(job.team_id, job.user_id))
    return render(result)


def run_name_lookup(services: Services, job: queue.Job) -> dict | None:
    """The queue's `name` job: a contact saved under a mention gets the member's name."""
    result = name_mentioned_contact(
        services,
        job.team_id,
        job.user_id,
        job.payload["contact_id"],
        job.payload["member"],
        last_try=job.attempts >= NAME_TRIES,
    )
    if isinstance(result, Saved):
        refresh_home(services, Owner(job.team_id, job.user_id))
    return render(result)


QUEUED_WORK: dict[str, queue.Work] = {queue.MET: run_queued_met, queue.NAME: run_name_lookup}
