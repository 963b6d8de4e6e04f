"""'Delete all my data': the owner's contacts, calls, offers, digests, imports and profile, in one
transaction, after they typed the confirmation word."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.context import Services
from storage.contacts import count_contacts
from storage.erase import delete_owner_rows
from storage.interactions import count_interactions

CONFIRM_WORD = "DELETE"


@dataclass(frozen=True)
class Erased:
    contacts: int
    calls: int
    offers: int
    other_rows: int  # digests, imports, the profile, queued work


@dataclass(frozen=True)
class WhatWouldGo:
    contacts: int
    calls: int


def what_would_go(services: Services, team_id: str, user_id: str) -> WhatWouldGo:
    with services.db.reading() as session:
        return WhatWouldGo(
            count_contacts(session, team_id, user_id), count_interactions(session, team_id, user_id)
        )


def confirmed(typed: str | None) -> bool:
    return (typed or "").strip().upper() == CONFIRM_WORD


def delete_everything(services: Services, team_id: str, user_id: str) -> Erased:
    """Remove every row the owner has; what was removed, by kind."""
    with services.db.transaction() as session:
        removed = delete_owner_rows(session, team_id, user_id)
    services.log.info("owner data deleted: %d rows", sum(removed.values()))
    contacts = removed.get("contacts", 0)
    calls = removed.get("interactions", 0)
    offers = removed.get("offers", 0)
    return Erased(contacts, calls, offers, sum(removed.values()) - contacts - calls - offers)
