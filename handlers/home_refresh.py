"""Re-publishing App Home after any change a user makes, so it is never stale (SPEC §10).

The refresh runs on the background pool and is coalesced per user: while one is waiting to run,
another change adds nothing (the waiting one will read the newest data). A burst of twenty logs then
costs one or two publishes instead of twenty.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.services.context import Services
from bot.services.home import home_for
from bot.services.profiles import ensure_profile
from handlers.blocks.home import render_home
from handlers.request import Owner

log = logging.getLogger(__name__)


def publish_home(services: Services, owner: Owner, page: tuple[str, int] | None = None) -> bool:
    """Publish the user's Home (`page`: one section's page). Never raises: a stale Home must not
    break the change the user just made; it is logged and fixed by the next publish."""
    if not owner.team_id or not owner.user_id:
        return False
    try:
        profile = ensure_profile(services, owner.team_id, owner.user_id)
        view = render_home(home_for(services, profile, page))
        token = services.tokens.token_for(owner.team_id)  # this tenant's installation, never another's
        if services.tokens.per_workspace and not token:
            return False
        services.client.views_publish(user_id=owner.user_id, view=view, token=token)  # type: ignore[union-attr]
        return True
    except SlackApiError as exc:
        log.warning("views.publish for %s failed: %s", owner.user_id, exc.response.get("error"))
    except Exception:
        log.exception("could not build or publish the Home of %s", owner.user_id)
    return False


def refresh_home(services: Services, owner: Owner) -> None:
    """Schedule a publish of the user's Home view. Call after the change is committed."""
    services.background.submit_once(
        ("home", owner.team_id, owner.user_id), lambda: publish_home(services, owner)
    )
