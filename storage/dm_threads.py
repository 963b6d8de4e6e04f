"""Which contacts a thread in the app's DM is about: the digest posted as its root lists them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Digest


def digest_contact_ids(session: Session, team_id: str, user_id: str, message_ts: str) -> list[int] | None:
    """The contact ids of the owner's digest posted at `message_ts`, or None when no digest was."""
    row = session.execute(
        select(Digest.contact_ids)
        .where(Digest.team_id == team_id, Digest.user_id == user_id, Digest.message_ts == message_ts)
        .limit(1)
    ).first()
    if row is None:
        return None
    return [int(i) for i in (row[0] or []) if str(i).isdigit()]
