"""`message.im`: a plain message in Warmcall's DM ("called jane, voicemail", "snooze ravi 2w").

Bolt acknowledges an event before its listener runs, so the message is taken in a listener
middleware, which runs before the ack: one transaction claims the event id (a retried delivery acts
once) and commits a durable `dm` job. The listener then runs the job after the ack; if this process
dies first, any replica's queue drain answers it. Bots, edits, deletions and every other subtype are
ignored.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from slack_bolt import BoltContext
from slack_sdk.errors import SlackApiError

from bot.domain.dm_reply import without_bot_mention
from bot.services import calls, dm_replies, queue
from bot.services.context import Services
from handlers.blocks.dm_replies import dm_answer
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)

JOB_KEY = "warmcall_dm_job"


def plain_dm(event: dict, context: BoltContext) -> bool:
    """A person's new message in the app's DM: not a bot's, not an edit or any other subtype."""
    return (
        event.get("type") == "message"
        and event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and event.get("user") != context.bot_user_id
        and bool((event.get("text") or "").strip())
    )


def take_dm(body: dict, context: BoltContext, next_: Callable[[], None]) -> None:
    """Listener middleware (before the ack): queue the message's answer durably, once per event."""
    event = body.get("event") or {}
    if plain_dm(event, context):
        services: Services = context["services"]
        event_id = str(body.get("event_id") or event.get("client_msg_id") or event.get("ts"))
        context[JOB_KEY] = dm_replies.take_message(
            services,
            owner_of(context),
            event_id,
            without_bot_mention(event["text"], context.bot_user_id),
            str(event.get("channel") or ""),
            str(event.get("ts") or ""),
            event.get("thread_ts"),
        )
    next_()


def dm_received(context: BoltContext, services: Services) -> None:
    """After the ack: answer now, or leave the job to the queue drain when the pool is full."""
    job = context.get(JOB_KEY)
    if job is None:
        return
    if services.background.has_room():
        services.background.submit(queue.run_now, services, job.id, run_dm_job, _nothing_to_send)
    else:
        log.info("dm job %s waits for the queue drain", job.id)


def _nothing_to_send(message: dict) -> None:
    return None


def run_dm_job(services: Services, job: queue.Job) -> None:
    """The queue's `dm` job: do what the message says and answer in its thread. A second run of the
    same job changes nothing again (the event's key, the job id) and answers as the first would."""
    owner = Owner(job.team_id, job.user_id)
    payload = job.payload
    channel = payload.get("channel") or job.user_id
    reply_in = payload.get("thread_ts") or payload.get("ts") or None
    working = _show_working(services, owner, channel, reply_in)
    thread = dm_replies.thread_contacts(services, owner, payload.get("thread_ts"))
    result = dm_replies.answer(
        services,
        owner,
        payload.get("text") or "",
        thread=thread,
        key=f"dm:{payload.get('event_id')}",
        at=job.created_at,
        job_id=job.id,
    )
    if isinstance(result, calls.Logged):
        result = dataclasses.replace(result, repeated=False)
    message = dm_answer(result)
    if message is not None:
        services.client.chat_postMessage(
            token=services.tokens.token_for(owner.team_id),
            channel=channel,
            thread_ts=reply_in,
            **message,
        )  # the reply clears the status
    elif working:
        _set_status(services, owner, channel, reply_in, "")
    refresh_home(services, owner)
    return None


WORKING = "is looking…"


def _show_working(services: Services, owner: Owner, channel: str, thread_ts: str | None) -> bool:
    """The agent surface's "Warmcall is looking…" under the message while the answer is made; False
    (and nothing shown) where the workspace has no agent surface."""
    if not thread_ts or not str(channel).startswith("D"):
        return False
    return _set_status(services, owner, channel, thread_ts, WORKING)


def _set_status(services: Services, owner: Owner, channel: str, thread_ts: str | None, status: str) -> bool:
    try:
        services.client.assistant_threads_setStatus(
            token=services.tokens.token_for(owner.team_id),
            channel_id=channel,
            thread_ts=thread_ts,
            status=status,
        )
    except SlackApiError as error:
        log.debug("no thread status here: %s", error.response.get("error"))
        return False
    except Exception:  # the status is cosmetic: a network hiccup must not stop the answer
        log.debug("setting the thread status failed", exc_info=True)
        return False
    return True


QUEUED_WORK: dict[str, queue.Work] = {dm_replies.DM: run_dm_job}
