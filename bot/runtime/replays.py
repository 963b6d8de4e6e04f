"""A Bolt middleware that lets a repeated delivery of the same signed slash command act once.

Slash commands carry no id of their own; the signature headers name one delivery of one body (a
replay within the five minutes the signature is valid has the same ones); over Socket Mode, where
nothing is signed, the trigger id does. Buttons and views are made idempotent where they act (their
keys), events by `event_id`, so only commands are checked here.
"""

from __future__ import annotations

import hashlib
import logging

from slack_bolt import App, BoltRequest, BoltResponse

from bot.services.context import Services
from bot.services.requests import first_delivery
from handlers.commands.imports import is_import_command
from handlers.request import REPLAY_KEY

log = logging.getLogger(__name__)


def changes_data(body: dict) -> bool:
    """Whether a command can change anything: `/prep` only reads (talking points, the due list,
    `/prep offer list`), so a repeated delivery simply answers again and needs no key, which spares
    every /prep a write transaction; `/prep offer add|remove` writes like the others."""
    if body.get("command") != "/prep":
        return True
    words = str(body.get("text") or "").split()
    return len(words) >= 2 and words[0].casefold() in ("offer", "offers") and words[1].casefold() != "list"


def claimed_by_listener(body: dict) -> bool:
    """Whether the listener claims the delivery key itself, in the transaction of its change (one
    write transaction per command instead of two): `/met TEXT` (a quick add) and `/called TEXT`.
    Their other forms (help, the form, import and export) are claimed here, before they run."""
    command = body.get("command")
    text = str(body.get("text") or "").strip()
    if command not in ("/met", "/called") or not text or text.casefold() in ("help", "?"):
        return False
    return command == "/called" or not is_import_command(text)


def delivery_key(req: BoltRequest) -> str | None:
    """The key of one delivery of a slash command that can change data: its signature headers over
    HTTP, its trigger id over Socket Mode. None for anything else."""
    if not isinstance(req.body, dict) or not req.body.get("command") or not changes_data(req.body):
        return None
    if req.mode == "socket_mode":
        # Bolt hands on the envelope's payload only (slack_bolt/adapter/socket_mode/internals.py), so
        # the envelope id never reaches a middleware. The trigger id is in the payload and names one
        # invocation of the command, under whatever envelope it is delivered again.
        trigger = req.body.get("trigger_id")
        seed = f"trigger:{trigger}" if trigger else None
    else:
        timestamp = (req.headers.get("x-slack-request-timestamp") or [""])[0]
        signature = (req.headers.get("x-slack-signature") or [""])[0]
        seed = f"sig:{timestamp}:{signature}" if signature else None
    if seed is None:
        return None
    return "cmd:" + hashlib.sha256(seed.encode()).hexdigest()[:40]


def install(app: App, services: Services) -> None:
    @app.middleware
    def drop_replayed_commands(req: BoltRequest, next) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        key = delivery_key(req)
        if key is not None and claimed_by_listener(req.body):
            req.context[REPLAY_KEY] = key  # the listener claims it with its change, or acts on nothing
        elif key is not None:
            team_id = str(req.context.team_id or req.body.get("team_id") or "")
            user_id = str(req.context.user_id or req.body.get("user_id") or "")
            if not first_delivery(services, team_id, user_id, key):
                log.info("dropped a repeated delivery of a slash command")
                return BoltResponse(status=200, body="")
        return next()
