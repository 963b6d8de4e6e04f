"""Slash commands: /met, /called, /prep (SPEC §4–§6)."""

from slack_bolt import App

from bot.services.context import Services
from handlers.commands import called, met, prep

COMMANDS = ("/met", "/called", "/prep")


def register(app: App, services: Services) -> None:
    met.register(app, services)
    called.register(app, services)
    prep.register(app, services)
