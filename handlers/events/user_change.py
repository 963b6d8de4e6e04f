"""`user_change`: a user's profile changed in Slack; keep their time zone (and digest time) current."""

from __future__ import annotations

from slack_bolt import App

from bot.services.context import Services
from bot.services.profiles import apply_user_change


def register(app: App, services: Services) -> None:
    @app.event("user_change")
    def on_user_change(event: dict, body: dict) -> None:
        user = event.get("user") or {}
        team_id = user.get("team_id") or body.get("team_id") or ""
        apply_user_change(services, team_id, user)
