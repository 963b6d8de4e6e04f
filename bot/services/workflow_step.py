"""The "Add contacts to Warmcall" Workflow Builder step: save the people a workflow hands over (an
event's registration list) as one user's new contacts, each with its first follow-up, in one
transaction; a likely duplicate is left as it is. A redelivered execution adds nothing twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.contact_form import ContactDraft
from bot.domain.workflow_people import read_people
from bot.services.contacts import Saved, owner_day, save_new_in
from bot.services.context import Services
from storage.contacts import claim_once

_MEMBER = re.compile(r"[UW][A-Z0-9]{1,20}")


@dataclass(frozen=True)
class StepDone:
    added: int
    skipped: int  # already in the user's list, unnamed, or refused (a field too long)


@dataclass(frozen=True)
class StepFailed:
    error: str  # shown in Workflow Builder's activity: what to change


@dataclass(frozen=True)
class StepRepeated:
    """Slack sent this execution again: it was handled (and completed) the first time."""


def add_people(
    services: Services, team_id: str, user_id: str, people: object, event: object, execution_id: str
) -> StepDone | StepFailed | StepRepeated:
    if not _MEMBER.fullmatch(user_id or ""):
        return StepFailed(
            "Choose whose Warmcall gets the contacts: set the step's Warmcall user to a person."
        )
    read, unnamed = read_people(people)
    if not read:
        return StepFailed("There was nobody to add: give each person at least a name.")
    event_name = " ".join(str(event).split())[:200] if event else None
    day = owner_day(services, team_id, user_id)
    added = skipped = 0
    with services.db.transaction() as session:
        if not claim_once(session, team_id, user_id, f"function:{execution_id}"):
            return StepRepeated()
        for person in read:
            draft = ContactDraft(
                name=person.name,
                company=person.company,
                event=event_name,
                email=person.email,
                notes=person.note,
            )
            result = save_new_in(session, services, team_id, user_id, draft, day, check_duplicates=True)
            if isinstance(result, Saved):
                added += 1
            else:  # a Duplicate stays as it is; a Problem (a field too long) is skipped
                skipped += 1
    return StepDone(added, skipped + unnamed)
