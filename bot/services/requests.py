"""Requests Slack (or anyone replaying its bytes) delivers more than once act once (SPEC §13)."""

from __future__ import annotations

from bot.services.context import Services
from storage.contacts import claim_once


def first_delivery(services: Services, team_id: str, user_id: str, key: str) -> bool:
    """Record the request `key` for this owner; False when it was recorded before (a replay)."""
    with services.db.transaction() as session:
        return claim_once(session, team_id, user_id, key)
