"""Pulling who-is-asking out of Slack payloads (commands, actions, views, events)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Owner:
    team_id: str
    user_id: str


def owner_of(body: dict) -> Owner:
    """The team and user a request acts for. Never taken from button values (those can be forged)."""
    user = body.get("user")
    if isinstance(user, dict):
        user_id = user.get("id") or ""
        team_id = user.get("team_id") or (body.get("team") or {}).get("id") or ""
    else:
        user_id = body.get("user_id") or (body.get("event") or {}).get("user") or ""
        team_id = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    if not team_id:
        team_id = (body.get("view") or {}).get("team_id") or body.get("authorizations", [{}])[0].get(
            "team_id", ""
        )
    return Owner(team_id=str(team_id)[:32], user_id=str(user_id)[:32])
