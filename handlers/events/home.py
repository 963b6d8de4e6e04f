"""App Home: `app_home_opened` publishes the Home tab; `publish_home` re-publishes it after changes."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.services.context import Services
from handlers.home_refresh import publish_home
from handlers.request import owner_of

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict, body: dict) -> None:
        # Slack sends this event for the Messages tab too; only the Home tab needs a view.
        if event.get("tab") != "home":
            return
        publish_home(services, owner_of(body))
