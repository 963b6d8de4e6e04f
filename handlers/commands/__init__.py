"""Slash commands: /met, /called, /prep (SPEC §4–§6)."""

from slack_bolt import App

from handlers.commands import called, met
from handlers.commands.called import called_command
from handlers.commands.met import met_command
from handlers.commands.prep import prep_command
from handlers.events import messages

COMMANDS = ("/met", "/called", "/prep")
# What each kind of durable-queue job runs (bot.services.queue, drained by bot.delivery.queue).
QUEUED_WORK = met.QUEUED_WORK | called.QUEUED_WORK | messages.QUEUED_WORK


def register(app: App) -> None:
    app.command("/met")(met_command)
    app.command("/called")(called_command)
    app.command("/prep")(prep_command)
