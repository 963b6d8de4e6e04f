"""Form fields in the terminal: each element's default, a typed answer read into Slack's state shape.

Pure functions; `forms` asks the questions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.console.render import plain_text
from bot.domain.dates import UnreadableDate, parse_day, parse_time

Json = dict[str, Any]


def input_blocks(view: Json) -> list[tuple[str, Json]]:
    """A view's input blocks, each with its block_id."""
    return [
        (str(b.get("block_id") or f"b{i}"), b)
        for i, b in enumerate(view.get("blocks") or [])
        if isinstance(b, dict) and b.get("type") == "input"
    ]


def element_options(element: Json) -> list[Json]:
    """An element's options, those inside option groups included."""
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return options


def empty_state(kind: str) -> Json:
    """Slack's view-state shape for an element of `kind` with nothing in it."""
    if kind == "datepicker":
        return {"type": kind, "selected_date": None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": None}
    if kind == "datetimepicker":
        return {"type": kind, "selected_date_time": None}
    if kind in ("static_select", "radio_buttons"):
        return {"type": kind, "selected_option": None}
    if kind in ("multi_static_select", "checkboxes"):
        return {"type": kind, "selected_options": []}
    if kind == "users_select":
        return {"type": kind, "selected_user": None}
    return {"type": kind, "value": None}


def state_default(element: Json) -> Json:
    """The state an element starts with: its initial value, option, date, time or user."""
    kind = str(element.get("type"))
    state = empty_state(kind)
    if kind == "datepicker" and element.get("initial_date"):
        state["selected_date"] = element["initial_date"]
    elif kind == "timepicker" and element.get("initial_time"):
        state["selected_time"] = element["initial_time"]
    elif kind == "datetimepicker" and isinstance(element.get("initial_date_time"), int):
        state["selected_date_time"] = element["initial_date_time"]
    elif kind in ("static_select", "radio_buttons") and element.get("initial_option"):
        state["selected_option"] = element["initial_option"]
    elif kind in ("multi_static_select", "checkboxes") and element.get("initial_options"):
        state["selected_options"] = element["initial_options"]
    elif kind == "users_select" and element.get("initial_user"):
        state["selected_user"] = element["initial_user"]
    elif element.get("initial_value") not in (None, ""):
        state["value"] = str(element["initial_value"])
    return state


def describe(state: Json | None, zone: dt.tzinfo | None = None) -> str:
    """The value a field holds, as shown in a prompt ("" when empty); a date and time in `zone`."""
    if not state:
        return ""
    if isinstance(state.get("selected_date_time"), int):
        moment = dt.datetime.fromtimestamp(state["selected_date_time"], zone or dt.UTC)
        return f"{moment:%a %-d %b %Y %H:%M}"
    if state.get("selected_option"):
        return plain_text(state["selected_option"].get("text"))
    if state.get("selected_options"):
        return ", ".join(plain_text(o.get("text")) for o in state["selected_options"])
    for key in ("selected_date", "selected_time", "selected_user", "value"):
        if state.get(key):
            return str(state[key])
    return ""


def _date_time(answer: str, now: dt.datetime) -> int | None:
    """A typed day and time (`thursday 10:30`, `tomorrow 9am`, `2026-12-03 16:00`, `16:00` for
    today) as Slack's datetimepicker sends it: a Unix timestamp."""
    words = answer.split()
    for cut in (1, 2):
        if len(words) < cut:
            continue
        minute = parse_time("".join(words[-cut:]))
        if minute is None:
            continue
        try:
            day = parse_day(" ".join(words[:-cut]), now.date(), ahead=True) or now.date()
        except UnreadableDate:
            return None
        moment = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=now.tzinfo)
        return int(moment.timestamp())
    return None


def parse_answer(
    kind: str,
    answer: str,
    options: list[Json],
    *,
    today: dt.date | None = None,
    ahead: bool = True,
    now: dt.datetime | None = None,
) -> tuple[Json, str | None]:
    """Read a typed answer into the element's state; the problem, if any, is a sentence for the user.
    With `today`, a date field takes the words commands take ("friday", "tomorrow", "Dec 4"); Slack's
    own date picker is a calendar, so this is only the console's way of picking a day."""
    state = empty_state(kind)
    if kind == "datepicker":
        try:
            state["selected_date"] = dt.date.fromisoformat(answer).isoformat()
            return state, None
        except ValueError:
            if today is None:
                return state, "Use a date like 2026-11-30."
        try:
            day = parse_day(answer, today, ahead=ahead)
        except UnreadableDate as problem:
            return state, str(problem)
        if day is None:
            return state, "Use a date like 2026-11-30, friday or tomorrow."
        state["selected_date"] = day.isoformat()
        return state, None
    if kind == "datetimepicker":
        stamp = _date_time(answer, now or dt.datetime.now(dt.UTC))
        if stamp is None:
            return state, "Use a day and a time, like thursday 10:30, tomorrow 9am or 2026-12-03 16:00."
        state["selected_date_time"] = stamp
        return state, None
    if kind == "timepicker":
        # Slack's picker always sends HH:MM; in the terminal people type times as they say them.
        minute = parse_time(answer)
        if minute is None:
            return state, "Use a time like 7:30, 07:30, 7:30am, 7pm or 19:30."
        state["selected_time"] = f"{minute // 60:02d}:{minute % 60:02d}"
        return state, None
    if kind in ("static_select", "radio_buttons", "multi_static_select", "checkboxes"):
        chosen = []
        for part in answer.split(",") if kind in ("multi_static_select", "checkboxes") else [answer]:
            option = pick_option(part.strip(), options)
            if option is None:
                return state, f"Pick a number from 1 to {len(options)}."
            chosen.append(option)
        if "selected_option" in state:
            state["selected_option"] = chosen[0]
        else:
            state["selected_options"] = chosen
        return state, None
    if kind == "users_select":
        state["selected_user"] = answer.lstrip("@")
        return state, None
    if kind == "number_input" and not re.fullmatch(r"-?\d+(\.\d+)?", answer):
        return state, "Use a number."
    state["value"] = answer.replace("\\n", "\n")
    return state, None


def length_problem(element: Json, state: Json) -> str | None:
    """Slack checks a text input's min/max length in the client, before the app sees anything."""
    value = state.get("value")
    if not isinstance(value, str) or not value:
        return None
    longest, shortest = element.get("max_length"), element.get("min_length")
    if isinstance(longest, int) and len(value) > longest:
        return f"At most {longest} characters, please (this is {len(value)})."
    if isinstance(shortest, int) and len(value) < shortest:
        return f"At least {shortest} characters, please."
    return None


def pick_option(answer: str, options: list[Json]) -> Json | None:
    """The option a typed number, label or value names."""
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    folded = answer.casefold()
    for option in options:
        if folded in (plain_text(option.get("text")).casefold(), str(option.get("value")).casefold()):
            return option
    return None
