"""Finding the owner's contacts by what the user types: the Log call picker's typeahead and the All
contacts search (words in name, company, role, event or notes; a stage filter; pages).

Always by team and user first (ix_contacts_owner_name), so one owner's 10,000 contacts are the most
any query reads; typed words are matched literally (LIKE with `%` and `_` escaped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bot.domain.vocabulary import Stage
from storage.models import Contact

# The filters of the All contacts list: a name the UI shows, and the rows it keeps.
STAGE_FILTERS = ("all", "active", "meeting", "referral", "dormant", "let_go")

ROW_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.company,
    Contact.event,
    Contact.met_on,
    Contact.stage,
    Contact.next_due,
    Contact.meeting_state,
    Contact.meeting_on,
    Contact.referred_by,
    Contact.ever_reached,
)


def _stage_clause(stage: str) -> Any:
    if stage == "active":
        return Contact.stage.in_((Stage.NEW.value, Stage.ACTIVE.value))
    if stage == "meeting":
        return Contact.meeting_state == "booked"
    if stage == "referral":
        return and_(Contact.referred_by.is_not(None), Contact.ever_reached.is_(False))
    if stage == "dormant":
        return Contact.stage == Stage.DORMANT.value
    if stage == "let_go":
        return Contact.stage == Stage.LET_GO.value
    return None


def _word_clause(word: str, folded: str) -> Any:
    """One typed word: in the folded name or company, or in the role, event, notes (lower-cased) or
    tags (stored folded, so `#investor` and `investor` find them)."""
    return or_(
        Contact.name_key.contains(folded, autoescape=True),
        Contact.company_key.contains(folded, autoescape=True),
        func.lower(Contact.role).contains(word, autoescape=True),
        func.lower(Contact.event).contains(word, autoescape=True),
        func.lower(Contact.notes).contains(word, autoescape=True),
        func.lower(Contact.last_call_notes).contains(word, autoescape=True),
        Contact.tags.contains(folded.lstrip("#"), autoescape=True),  # "#investor" or "investor"
    )


def search_contacts(
    session: Session,
    team_id: str,
    user_id: str,
    words: Sequence[tuple[str, str]],
    stage: str,
    *,
    offset: int,
    limit: int,
) -> Sequence[Any]:
    """Rows of ROW_COLUMNS plus `total` (how many match in all: one scan, not a second count
    query) for contacts matching every (word, folded word) and the stage filter, by name; at most
    `limit` from `offset` (ask for one more to know whether a next page exists)."""
    total = func.count(Contact.id).over().label("total")
    query = select(*ROW_COLUMNS, total).where(Contact.team_id == team_id, Contact.user_id == user_id)
    clause = _stage_clause(stage)
    if clause is not None:
        query = query.where(clause)
    for word, folded in words:
        query = query.where(_word_clause(word, folded))
    query = query.order_by(Contact.name_key, Contact.id).offset(offset).limit(limit)
    return session.execute(query).all()


def count_matching(
    session: Session, team_id: str, user_id: str, words: Sequence[tuple[str, str]], stage: str
) -> int:
    query = select(func.count(Contact.id)).where(Contact.team_id == team_id, Contact.user_id == user_id)
    clause = _stage_clause(stage)
    if clause is not None:
        query = query.where(clause)
    for word, folded in words:
        query = query.where(_word_clause(word, folded))
    return int(session.execute(query).scalar_one())


def typeahead(
    session: Session, team_id: str, user_id: str, folded: str, *, limit: int
) -> Sequence[tuple[int, str, str | None, str | None, dt.date | None]]:
    """(id, name, company, event, met_on) of contacts whose name or company has a word starting with
    `folded` (every contact when it is empty), names starting with it first, then by name."""
    query = select(Contact.id, Contact.name, Contact.company, Contact.event, Contact.met_on).where(
        Contact.team_id == team_id, Contact.user_id == user_id
    )
    if folded:
        query = query.where(
            or_(
                Contact.name_key.startswith(folded, autoescape=True),
                Contact.name_key.contains(" " + folded, autoescape=True),
                Contact.company_key.startswith(folded, autoescape=True),
            )
        )
        starts = Contact.name_key.startswith(folded, autoescape=True)
        query = query.order_by(starts.desc(), Contact.name_key, Contact.id)
    else:
        query = query.order_by(Contact.name_key, Contact.id)
    return session.execute(query.limit(limit)).all()
