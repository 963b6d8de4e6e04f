"""Slash commands: /met, /called, /prep (SPEC §4–§6)."""

from slack_bolt import App

from handlers.commands.called import called_command
from handlers.commands.met import met_command
from handlers.commands.prep import prep_command

COMMANDS = ("/met", "/called", "/prep")


def register(app: App) -> None:
    app.command("/met")(met_command)
    app.command("/called")(called_command)
    app.command("/prep")(prep_command)
