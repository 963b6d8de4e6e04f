"""App Home: `app_home_opened` publishes the Home tab; `publish_home` re-publishes it after changes."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.services.context import Services
from bot.services.home import home_for
from bot.services.profiles import ensure_profile
from handlers.request import Owner, owner_of
from handlers.views.home_view import render_home

log = logging.getLogger(__name__)


def publish_home(services: Services, owner: Owner, page: tuple[str, int] | None = None) -> bool:
    """Publish the user's Home (`page`: one section's page). Never raises: a stale Home must not
    break the change the user just made; it is logged and fixed by the next publish."""
    if not owner.team_id or not owner.user_id:
        return False
    try:
        profile = ensure_profile(services, owner.team_id, owner.user_id)
        view = render_home(home_for(services, profile, page))
        services.client.views_publish(user_id=owner.user_id, view=view)  # type: ignore[union-attr]
        return True
    except SlackApiError as exc:
        log.warning("views.publish for %s failed: %s", owner.user_id, exc.response.get("error"))
    except Exception:
        log.exception("could not build or publish the Home of %s", owner.user_id)
    return False


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict, body: dict) -> None:
        # Slack sends this event for the Messages tab too; only the Home tab needs a view.
        if event.get("tab") != "home":
            return
        publish_home(services, owner_of(body))
