"""`user_change`: a user's profile changed in Slack; keep their time zone (and digest time) current."""

from __future__ import annotations

from bot.services.context import Services
from bot.services.profiles import apply_user_change


def user_changed(event: dict, body: dict, services: Services) -> None:
    user = event.get("user") or {}
    team_id = user.get("team_id") or body.get("team_id") or ""
    apply_user_change(services, team_id, user)
