"""`app_home_opened`: publish the Home tab when the user opens it."""

from __future__ import annotations

from slack_bolt import BoltContext

from bot.services.context import Services
from handlers.home_refresh import publish_home
from handlers.request import owner_of


def home_opened(event: dict, services: Services, context: BoltContext) -> None:
    # Slack sends this event for the Messages tab too; only the Home tab needs a view.
    if event.get("tab") != "home":
        return
    publish_home(services, owner_of(context), seen=True)
