"""Re-publishing App Home after a change a user makes, while they have Home in use (SPEC §10).

Home is rendered fresh on every visit (`app_home_opened`). Between visits a change re-publishes it
only while Home is in use: opened, or a button pressed on it, within `HOME_IN_USE`. A command typed
in the Messages tab or a channel then costs no render of a tab nobody is looking at; the next visit
shows it. The refresh runs on the background pool and is coalesced per user: while one is waiting to
run, another change adds nothing (the waiting one will read the newest data).
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.services.context import Services
from bot.services.home import home_for, home_in_use, saw_home
from bot.services.profiles import ensure_profile, profile_to_show
from handlers.blocks.home import render_home
from handlers.request import Owner

log = logging.getLogger(__name__)


def publish_home(
    services: Services,
    owner: Owner,
    page: tuple[str, int] | None = None,
    *,
    seen: bool = False,
    only_in_use: bool = False,
    visit: bool = True,
) -> bool:
    """Publish the user's Home (`page`: one section's page). `seen`: the user has Home in front of
    them now (a visit, a button on it); `only_in_use`: skip it unless they had lately. `visit`: the
    user came to Home (a first visit keeps a profile with their zone); a refresh after a change is no
    visit and stores no profile (so one that runs after "Delete all my data" brings back nothing).
    Never raises: a stale Home must not break the change the user just made; it is logged and fixed
    by the next publish."""
    if not owner.team_id or not owner.user_id:
        return False
    try:
        if visit:
            profile = ensure_profile(services, owner.team_id, owner.user_id)
        else:
            profile = profile_to_show(services, owner.team_id, owner.user_id)
        if seen:
            saw_home(services, owner.team_id, owner.user_id)
        elif only_in_use and not home_in_use(services, profile):
            return False
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


def refresh_home(
    services: Services, owner: Owner, *, from_home: bool = False, in_use: bool | None = None
) -> None:
    """Schedule a publish of the user's Home view, if they have it in use. Call after the change is
    committed. `from_home`: the change came from a button on Home, so Home is in front of them.
    `in_use`: whether Home is in use, when the change already read the user's profile (False: nothing
    to do, no work queued); None: the publish looks it up."""
    if in_use is False and not from_home:
        return
    services.background.submit_once(
        ("home", owner.team_id, owner.user_id),
        lambda: publish_home(services, owner, seen=from_home, only_in_use=not from_home, visit=False),
    )
