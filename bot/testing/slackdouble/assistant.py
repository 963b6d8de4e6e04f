"""The agent messaging methods (`assistant.threads.*`) as Slack documents them: suggested prompts (at
most four, each a title and a message; a DM without a thread is accepted, as Bolt 1.30 sends for the
Messages tab), a thread's status ("is looking…", cleared by an empty status or the app's next reply
in that thread) and a thread's title. A workspace without the agent surface refuses them all with
`access_denied` (`Workspace.agent_surface = False`), as a plain DM app without the feature sees.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.testing.slackdouble.records import ApiError, Json, require
from bot.testing.slackdouble.workspace import Workspace

MAX_PROMPTS = 4


def _thread(ws: Workspace, p: Json, *, thread_needed: bool) -> tuple[str, str | None]:
    if not ws.agent_surface:
        raise ApiError("access_denied")
    require(p, "channel_id", *(("thread_ts",) if thread_needed else ()))
    channel = str(p["channel_id"])
    if channel[:1] != "D":
        raise ApiError("channel_not_found")
    thread_ts = p.get("thread_ts") or None
    if thread_ts is not None and not _is_ts(str(thread_ts)):
        raise ApiError("invalid_thread_ts")
    return channel, thread_ts


def _is_ts(value: str) -> bool:
    seconds, dot, micros = value.partition(".")
    return seconds.isdigit() and dot == "." and micros.isdigit()


def _set_suggested_prompts(ws: Workspace, p: Json) -> Json:
    channel, thread_ts = _thread(ws, p, thread_needed=False)
    prompts = p.get("prompts")
    if not isinstance(prompts, list) or not 1 <= len(prompts) <= MAX_PROMPTS:
        raise ApiError("invalid_arguments")
    for prompt in prompts:
        if not isinstance(prompt, dict) or not prompt.get("title") or not prompt.get("message"):
            raise ApiError("invalid_arguments")
    ws.assistant_prompts[(channel, thread_ts)] = {"title": p.get("title"), "prompts": prompts}
    return {}


def _set_status(ws: Workspace, p: Json) -> Json:
    channel, thread_ts = _thread(ws, p, thread_needed=True)
    if p.get("status") is None:
        raise ApiError("invalid_arguments")
    ws.assistant_status[(channel, str(thread_ts))] = str(p["status"])
    ws.assistant_status_log.append((channel, str(thread_ts), str(p["status"])))
    return {}


def _set_title(ws: Workspace, p: Json) -> Json:
    channel, thread_ts = _thread(ws, p, thread_needed=True)
    require(p, "title")
    ws.assistant_titles[(channel, str(thread_ts))] = str(p["title"])
    return {}


def replied_in_thread(ws: Workspace, channel: str, thread_ts: str | None) -> None:
    """The app posted in the thread: Slack clears the thread's status."""
    if thread_ts:
        ws.assistant_status.pop((channel, str(thread_ts)), None)


ASSISTANT_METHODS: dict[str, Callable[[Workspace, Json], Json]] = {
    "assistant.threads.setSuggestedPrompts": _set_suggested_prompts,
    "assistant.threads.setStatus": _set_status,
    "assistant.threads.setTitle": _set_title,
}
