"""Listeners for actions."""

from slack_bolt import App

from bot.services.context import Services
from handlers.actions import contact, home, met, prep


def register(app: App, services: Services) -> None:
    contact.register(app, services)
    met.register(app, services)
    prep.register(app, services)
    home.register(app, services)
