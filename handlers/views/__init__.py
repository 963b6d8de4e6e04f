"""Listeners for views."""

from slack_bolt import App

from bot.services.context import Services
from handlers.views import log_call, met_modal, settings


def register(app: App, services: Services) -> None:
    log_call.register(app, services)
    met_modal.register(app, services)
    settings.register(app, services)
