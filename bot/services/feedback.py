"""Feedback on reasons (issue 30): record a "Useful / Not useful" press, and read what a user's votes
say (which kinds they find useful, which rank lower for them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain.clock import naive_utc
from bot.domain.feedback import KindTally, demoted_kinds, read_button_value, tallies
from bot.services.context import Services
from storage.contacts import get_contact
from storage.feedback import save_vote, votes_of


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class Noted:
    kind: str
    useful: bool
    demoted: bool  # with this vote the kind ranks lower for the user


def record_vote(services: Services, owner: _Owner, value: object) -> Noted | None:
    """Store the presser's verdict from a button value (replacing an earlier one for the same kind,
    contact and day). The vote is the owner's, whoever the value was made for; None when the value
    is not ours or names a contact the owner does not have."""
    read = read_button_value(value)
    if read is None:
        return None
    target, useful = read
    with services.db.transaction() as session:
        if get_contact(session, owner.team_id, owner.user_id, target.contact_id) is None:
            return None
        now = naive_utc(services.clock.now())
        save_vote(session, owner.team_id, owner.user_id, target, useful, now=now)
        votes = votes_of(session, owner.team_id, owner.user_id)
    return Noted(target.kind, useful, target.kind in demoted_kinds(votes))


def demoted_for(services: Services, owner: _Owner) -> frozenset[str]:
    """The reason kinds that rank lower for this user (bot.domain.feedback.demoted_kinds)."""
    with services.db.reading() as session:
        return demoted_kinds(votes_of(session, owner.team_id, owner.user_id))


def usefulness_for(services: Services, owner: _Owner) -> tuple[KindTally, ...]:
    """The user's votes counted per reason kind, the most useful first."""
    with services.db.reading() as session:
        return tallies(votes_of(session, owner.team_id, owner.user_id))
