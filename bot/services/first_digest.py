"""A new user's first digest, by one rule (README, "The morning DM"): a user whose first contacts are
saved after today's nudge time gets their first digest on the next nudge day, never today.

Without it the day was decided by a race: a dispatcher pass that ran between the new profile and the
first contact found nothing due and settled today, while one that ran after the contact sent today's
digest. Now the transaction that saves the first contacts settles today the same way a pass would.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from bot.domain.clock import Clock
from bot.domain.digest_schedule import first_digest_at
from storage.digests import has_contacts_besides
from storage.profiles import get_or_create_profile


def hold_first_digest(
    session: Session, clock: Clock, team_id: str, user_id: str, saved: Iterable[int]
) -> None:
    """In the transaction that saved the contacts `saved`: when they are the owner's first, their first
    digest comes no earlier than `first_digest_at`. Costs one indexed look-up for everyone else."""
    saved = list(saved)
    if not saved or has_contacts_besides(session, team_id, user_id, saved):
        return
    profile, _ = get_or_create_profile(session, team_id, user_id)
    first = first_digest_at(profile, clock.now())
    if profile.next_digest_at is None or profile.next_digest_at < first:
        profile.next_digest_at = first
