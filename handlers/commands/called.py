"""/called — log what happened on a call (SPEC §5). The log commits before the ack, which carries
the reply; a new user's command waits in the durable queue for their time zone and answers after."""

import dataclasses
import logging

from slack_bolt import Ack, BoltContext, Respond

from bot.services import calls, plans, queue
from bot.services.context import Services
from handlers.blocks.called import (
    TOO_LONG_FOR_BUTTONS,
    ask_outcome_reply,
    logged_reply,
    not_found_text,
    pick_reply,
)
from handlers.blocks.kit import SORRY, busy_reply, ephemeral, error_reply, section
from handlers.blocks.plan import plan_answer
from handlers.home_refresh import refresh_home
from handlers.request import REPLAY_KEY, Owner, owner_of

log = logging.getLogger(__name__)

USAGE = (
    "*/called* logs how a follow-up went and schedules the next one.\n"
    "`/called Jane Doe reached: she wants the checklist`\n"
    "`/called Jane voicemail yesterday` · `/called Acme meeting friday` · `/called Jane no`\n"
    "Outcomes: reached, voicemail, no-answer, busy, wrong-number, emailed, messaged (a text or chat), "
    "meeting [date], later, no.\n"
    "`/called Jane` alone shows the outcomes as buttons. Every reply has an *Undo* button.\n"
    "`/called Jane at 4pm thursday` plans the call for then, with a reminder."
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
    owner = owner_of(context)
    planned = plans.plan_from_text(services, owner, text, lead=False, key=context.get(REPLAY_KEY))
    if planned is not None:  # `/called Ana at 4pm thursday`: a time ahead plans the call
        ack(plan_answer(planned))
        refresh_home(services, owner)
        return
    try:
        outcome = calls.called_now(
            services,
            owner,
            text,
            command.get("response_url"),
            can_queue=services.background.has_room(),
            replay_key=context.get(REPLAY_KEY),
        )
    except Exception:  # nothing was committed: say so in the ack
        log.exception("/called failed before its ack")
        ack(error_reply(SORRY))
        return
    if isinstance(outcome, queue.Busy):
        ack(busy_reply())
    elif isinstance(outcome, queue.Gone):
        ack()  # a repeated delivery of a command already queued: nothing more to say
    elif isinstance(outcome, queue.Queued):
        ack()
        services.background.submit(
            queue.run_now, services, outcome.job.id, run_queued_called, queue.send_with(respond)
        )
    else:
        ack(render(outcome))
        if isinstance(outcome, calls.Logged):
            refresh_home(services, owner, in_use=outcome.home_in_use)


def run_queued_called(services: Services, job: queue.Job) -> dict | None:
    """The queue's `called` job: a /called that waited for its owner's time zone (users.info). Its
    log carries the job's key, so a second run reports the first log as new (the user never saw it).
    A time ahead (`Ana at 4pm thursday`) plans the call, now that the zone is known."""
    owner = Owner(job.team_id, job.user_id)
    text, key = job.payload["text"], f"job:{job.id}"
    planned = plans.plan_from_text(services, owner, text, lead=False, key=key, learn_zone=True)
    if planned is not None:
        refresh_home(services, owner)
        return plan_answer(planned)
    outcome = calls.called(services, owner, text, at=job.created_at, key=key)
    if isinstance(outcome, calls.Logged):
        outcome = dataclasses.replace(outcome, repeated=False)
        refresh_home(services, owner)
    return render(outcome)


QUEUED_WORK: dict[str, queue.Work] = {queue.CALLED: run_queued_called}
