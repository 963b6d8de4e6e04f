"""Slack listeners: parse a request, call the domain in bot/, render Block Kit. Kept thin."""

from slack_bolt import App

from bot.services.context import Services
from handlers import actions, commands, events, views


def register(app: App, services: Services) -> None:
    commands.register(app, services)
    actions.register(app, services)
    views.register(app, services)
    events.register(app, services)
