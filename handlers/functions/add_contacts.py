"""The "Add contacts to Warmcall" step: `function_executed` with inputs `owner` (whose Warmcall),
`people` and `event`; ends with functions.completeSuccess (outputs `added`, `skipped`) or
functions.completeError with a sentence Workflow Builder shows. Bolt acks the event first."""

from __future__ import annotations

import logging

from slack_bolt import BoltContext
from slack_bolt.context.complete import Complete
from slack_bolt.context.fail import Fail
from slack_sdk.errors import SlackApiError

from bot.services import workflow_step
from bot.services.context import Services
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)

CALLBACK = "add_contacts"


def add_contacts_step(
    inputs: dict, event: dict, complete: Complete, fail: Fail, services: Services, context: BoltContext
) -> None:
    owner = Owner(owner_of(context).team_id, str(inputs.get("owner") or ""))
    result = workflow_step.add_people(
        services,
        owner.team_id,
        owner.user_id,
        inputs.get("people"),
        inputs.get("event"),
        str(event.get("function_execution_id") or ""),
    )
    try:
        if isinstance(result, workflow_step.StepFailed):
            fail(error=result.error)
        elif isinstance(result, workflow_step.StepDone):
            complete(outputs={"added": result.added, "skipped": result.skipped})
            refresh_home(services, owner)
    except SlackApiError as exc:  # the execution ended meanwhile (timed out in Slack): nothing to undo
        log.warning("completing the workflow step failed: %s", exc.response.get("error"))
