"""Named queries on offers (things a user can share: articles, events, intros). Always owner-scoped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from storage.models import Offer

# Built once with bind parameters (every /prep reads it): a statement object keeps its cache key, so
# a call skips building the expression and keying it.
_OFFERS = (
    select(Offer)
    .where(Offer.team_id == bindparam("team_id"), Offer.user_id == bindparam("user_id"))
    .order_by(Offer.id)
)


def offers_of(session: Session, team_id: str, user_id: str) -> Sequence[Offer]:
    """The user's offers in the order they were added (the numbering `/prep offer list` shows)."""
    return session.scalars(_OFFERS, {"team_id": team_id, "user_id": user_id}).all()


def count_offers(session: Session, team_id: str, user_id: str) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Offer).where(Offer.team_id == team_id, Offer.user_id == user_id)
        )
        or 0
    )


def add_offer(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    title: str,
    url: str | None,
    topics: str,
    ends_on: dt.date | None = None,
) -> Offer:
    offer = Offer(team_id=team_id, user_id=user_id, title=title, url=url, topics=topics, ends_on=ends_on)
    session.add(offer)
    session.flush()
    return offer


def delete_offer(session: Session, team_id: str, user_id: str, offer_id: int) -> bool:
    """False when the offer is gone already (or was never this user's)."""
    offer = session.scalar(
        select(Offer).where(Offer.id == offer_id, Offer.team_id == team_id, Offer.user_id == user_id)
    )
    if offer is None:
        return False
    session.delete(offer)
    session.flush()
    return True
