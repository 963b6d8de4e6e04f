"""Warmcall's own export, read back: the "Warmcall data" cell that makes export → import lossless.

Pure. An export's readable columns carry what any contacts file has (name … tags); the last column
carries the rest as JSON: the stage and let-go, the promise's state, the meeting, the rhythm, the
wrong-phone mark, the schedule and its reason, and the call log. Importing it into an account that
does not have the person yet gives back the same contact; a cell that is not ours is left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping

from bot.domain.vocabulary import Stage

STATE_HEADER = "Warmcall data"
STATE_VERSION = 1

# Contact columns the data cell carries, by kind (everything the readable columns do not).
_DATES = (
    "promise_closed_on",
    "referrer_thanked_on",
    "next_due",
    "last_contact_on",
    "let_go_on",
    "last_call_on",
    "meeting_on",
    "latest_due",
)
_TEXTS = {
    "promise_outcome": 8,
    "slack_user_id": 32,
    "stage": 16,
    "next_due_reason": 300,
    "last_outcome": 16,
    "last_call_notes": 3000,
    "meeting_state": 12,
}
_FLAGS = ("promise_done", "let_go_asked", "ever_reached", "meeting_asked", "phone_wrong")
_COUNTS = ("unanswered_streak", "cadence_ideal_days", "cadence_latest_days")
STATE_FIELDS = (*_DATES, *_TEXTS, *_FLAGS, *_COUNTS)
_STAGES = frozenset(stage.value for stage in Stage)
_CALL_TEXTS = {"outcome": 16, "notes": 3000, "reason": 300}
MAX_CALLS = 200  # the newest calls a contact's cell keeps
# and no more than this: a CSV row (its quotes doubled) over csv_file.MAX_ROW_CHARS refuses the file
MAX_CELL_CHARS = 36_000

# A formula-neutralised cell of our own export: the `'` we put before `=`, `+`, `-` or `@`.
_NEUTRALISED = re.compile(r"'(?=[=+\-@])")


def restored_cell(text: str) -> str:
    """A cell of our own export as it was before the export neutralised it for spreadsheets."""
    return text[1:] if _NEUTRALISED.match(text) else text


def _value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def state_cell(contact: Mapping[str, object], calls: list[Mapping[str, object]]) -> str:
    """The data cell for one contact: its state fields and its calls (oldest first), as JSON."""
    data: dict[str, object] = {"v": STATE_VERSION}
    for key in STATE_FIELDS:
        if contact.get(key) not in (None, False, ""):
            data[key] = _value(contact[key])
    kept = [{k: _value(v) for k, v in call.items() if v not in (None, "")} for call in calls[-MAX_CALLS:]]
    while True:  # the oldest calls go first when a long history would not fit in one row
        data.pop("calls", None)
        if kept:
            data["calls"] = kept
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if len(text) <= MAX_CELL_CHARS or not kept:
            return text
        kept = kept[max(1, len(kept) // 4) :]


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(value: object, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3650 else None


def read_state(raw: str | None) -> dict[str, object] | None:
    """The checked state of a data cell: contact fields (dates as dates) and `calls`, a list of dicts
    with `on`, `at`, `outcome`, `notes`, `next_due`, `reason` and `seq` (its place in the whole log).
    None when the cell is not ours."""
    if not raw or not raw.startswith("{"):
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != STATE_VERSION:
        return None
    state: dict[str, object] = {}
    for key in _DATES:
        state[key] = _date(data.get(key))
    for key, limit in _TEXTS.items():
        state[key] = _text(data.get(key), limit)
    for key in _FLAGS:
        state[key] = data.get(key) is True
    for key in _COUNTS:
        state[key] = _count(data.get(key))
    state["unanswered_streak"] = state["unanswered_streak"] or 0
    if state["stage"] not in _STAGES:
        state["stage"] = "new"
    calls = []
    for call in data.get("calls") or []:
        if not isinstance(call, dict) or _date(call.get("on")) is None or not _text(call.get("outcome"), 16):
            continue
        try:
            at = dt.datetime.fromisoformat(call["at"]) if isinstance(call.get("at"), str) else None
        except ValueError:
            at = None
        calls.append(
            {
                "on": _date(call.get("on")),
                "at": at,
                "next_due": _date(call.get("next_due")),
                "seq": seq if isinstance(seq := call.get("seq"), int) and not isinstance(seq, bool) else None,
                **{k: _text(call.get(k), limit) for k, limit in _CALL_TEXTS.items()},
            }
        )
    state["calls"] = calls
    return state
