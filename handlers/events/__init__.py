"""Listeners for events."""

from slack_bolt import App

from bot.services.context import Services
from handlers.events import home, user_change


def register(app: App, services: Services) -> None:
    user_change.register(app, services)
    home.register(app, services)
