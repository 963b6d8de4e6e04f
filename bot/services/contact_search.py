"""Finding contacts: the typeahead of the Log call picker (at most 100 answers, as Slack allows)
and the All contacts list of App Home (words, a stage filter, 20 a page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain.resolve import Candidate
from bot.domain.vocabulary import fold
from bot.services.context import Services
from storage.search import STAGE_FILTERS, count_matching, search_contacts, typeahead

SUGGESTIONS_MAX = 100  # Slack shows at most 100 options per external_select answer
PAGE_SIZE = 20
MAX_WORDS = 8
MAX_QUERY = 200


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class ListedContact:
    id: int
    name: str
    company: str | None
    event: str | None
    stage: str
    next_due: object
    meeting_on: object
    meeting_booked: bool
    referral: bool


@dataclass(frozen=True)
class ContactPage:
    query: str
    stage: str
    page: int  # 0-based
    items: tuple[ListedContact, ...]
    total: int
    more: bool


def suggest(services: Services, owner: _Owner, typed: str) -> list[Candidate]:
    """Contacts for the picker as the user types (name or company words starting with it)."""
    folded = fold(typed[:MAX_QUERY])
    with services.db.reading() as session:
        rows = typeahead(session, owner.team_id, owner.user_id, folded, limit=SUGGESTIONS_MAX)
    return [Candidate(r.id, r.name, r.company, r.event, r.met_on) for r in rows]


def words_of(query: str) -> list[tuple[str, str]]:
    """The typed words, each lower-cased and folded (accents off), at most MAX_WORDS."""
    words = [w.strip(".,;:!?\"'()") for w in query[:MAX_QUERY].split()]
    return [(w.casefold(), fold(w)) for w in words if w][:MAX_WORDS]


def find_contacts(services: Services, owner: _Owner, query: str, stage: str, page: int) -> ContactPage:
    """One page of the owner's contacts matching every word of `query` and the `stage` filter."""
    stage = stage if stage in STAGE_FILTERS else "all"
    page = max(0, min(page, 10_000))
    words = words_of(query)
    with services.db.reading() as session:
        rows = search_contacts(
            session, owner.team_id, owner.user_id, words, stage, offset=page * PAGE_SIZE, limit=PAGE_SIZE + 1
        )
        if rows:
            total = rows[0].total
        else:  # past the last page: count on its own
            total = count_matching(session, owner.team_id, owner.user_id, words, stage) if page else 0
    items = tuple(
        ListedContact(
            id=r.id,
            name=r.name,
            company=r.company,
            event=r.event,
            stage=r.stage,
            next_due=r.next_due,
            meeting_on=r.meeting_on,
            meeting_booked=r.meeting_state == "booked",
            referral=bool(r.referred_by) and not r.ever_reached,
        )
        for r in rows[:PAGE_SIZE]
    )
    return ContactPage(query[:MAX_QUERY], stage, page, items, total, len(rows) > PAGE_SIZE)
