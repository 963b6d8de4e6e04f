"""Workflow Builder custom steps as Slack documents them: `functions.completeSuccess` (outputs) and
`functions.completeError` (error) end a running execution once. An execution runs from the moment its
`function_executed` event is sent (`SlackDouble.start_function`); an unknown id answers
`function_execution_not_found`, a finished one `execution_not_in_running_state`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.testing.slackdouble.records import ApiError, Json, require
from bot.testing.slackdouble.workspace import Workspace

RUNNING, COMPLETED, FAILED = "running", "completed", "failed"


def _running(ws: Workspace, p: Json) -> Json:
    require(p, "function_execution_id")
    run = ws.function_runs.get(str(p["function_execution_id"]))
    if run is None:
        raise ApiError("function_execution_not_found")
    if run["state"] != RUNNING:
        raise ApiError("execution_not_in_running_state")
    return run


def _complete_success(ws: Workspace, p: Json) -> Json:
    run = _running(ws, p)
    outputs = p.get("outputs")
    if isinstance(outputs, str):  # a form-encoded call sends it as JSON text
        outputs = json.loads(outputs)
    if not isinstance(outputs, dict):
        raise ApiError("invalid_arguments")
    run.update(state=COMPLETED, outputs=outputs)
    return {}


def _complete_error(ws: Workspace, p: Json) -> Json:
    run = _running(ws, p)
    require(p, "error")
    run.update(state=FAILED, error=str(p["error"]))
    return {}


FUNCTION_METHODS: dict[str, Callable[[Workspace, Json], Json]] = {
    "functions.completeSuccess": _complete_success,
    "functions.completeError": _complete_error,
}
