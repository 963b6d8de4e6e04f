"""Named queries on user profiles (settings, time zone, DM channel)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import UserProfile

# Built once with bind parameters (read on every command): a statement object keeps its cache key,
# so a call skips building the expression and keying it (a third of its ORM cost).
_PROFILE = select(UserProfile).where(
    UserProfile.team_id == bindparam("team_id"), UserProfile.user_id == bindparam("user_id")
)


def get_profile(session: Session, team_id: str, user_id: str) -> UserProfile | None:
    return session.scalar(_PROFILE, {"team_id": team_id, "user_id": user_id})


def get_or_create_profile(
    session: Session, team_id: str, user_id: str, **defaults
) -> tuple[UserProfile, bool]:
    """The profile, and whether it was created now. Safe when two requests race to create it."""
    profile = get_profile(session, team_id, user_id)
    if profile is not None:
        return profile, False
    try:
        with session.begin_nested():
            profile = UserProfile(team_id=team_id, user_id=user_id, **defaults)
            session.add(profile)
            session.flush()
        return profile, True
    except IntegrityError:
        return get_profile(session, team_id, user_id), False  # type: ignore[return-value]


def unsaved_profile(team_id: str, user_id: str, **values) -> UserProfile:
    """A profile with the defaults a new row would get, never added to a session: what screens show a
    user who has no profile, so that showing them something stores nothing of theirs."""
    defaults = {
        column.key: column.default.arg
        for column in UserProfile.__table__.columns
        if column.default is not None and column.default.is_scalar
    }
    return UserProfile(team_id=team_id, user_id=user_id, **{**defaults, **values})


def profiles_by_user_ids(session: Session, team_id: str | None, user_ids: list[str]) -> list[UserProfile]:
    """Profiles of these Slack users (in one team, or any team when team_id is None)."""
    if not user_ids:
        return []
    query = select(UserProfile).where(UserProfile.user_id.in_(user_ids))
    if team_id:
        query = query.where(UserProfile.team_id == team_id)
    return list(session.scalars(query).all())


def mark_home_seen(session: Session, team_id: str, user_id: str, at: dt.datetime) -> None:
    """Note that the user has App Home in front of them now (a visit, or a button pressed on it)."""
    session.execute(
        update(UserProfile)
        .where(UserProfile.team_id == team_id, UserProfile.user_id == user_id)
        .values(home_seen_at=at)
    )
