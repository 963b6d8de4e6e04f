"""`user_change`: a user's profile changed in Slack; keep their time zone (and digest time) current."""

from __future__ import annotations

from slack_bolt import BoltContext

from bot.services.context import Services
from bot.services.profiles import apply_user_change
from handlers.request import owner_of


def user_changed(event: dict, services: Services, context: BoltContext) -> None:
    # The event's `user.team_id` is the member's home workspace in Enterprise Grid, not necessarily
    # the one the app is installed in: the tenant comes from the context like everywhere else.
    user = event.get("user")
    if isinstance(user, dict):
        apply_user_change(services, owner_of(context).team_id, user)
