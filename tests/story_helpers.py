"""The vocabulary of tests/test_stories.py: one user living a contact's story through the real app.

A `Story` drives the app only as Slack would (signed slash commands, button presses, App Home
events, view submissions) and the digest through the real dispatcher with the clock moved to the
user's nudge time. Its readers turn each screen into what a person reads: the digest's rows, the
/prep reply, App Home's sections, so a test can say what each shows and that they agree.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from bot.delivery.dispatcher import dispatch
from bot.testing.signed import checkbox_values, date_value, select_value, text_values
from handlers.blocks.digest import render_digest
from tests.world import (
    World,
    open_home,
    press,
    press_on_view,
    publishes,
    reply,
    settle,
    slash_command,
    wait_for,
)

NINE_NY = dt.time(14, 0)  # 09:00 in New York, the user's nudge time, in UTC
TZ = "America/New_York"
SECTIONS = ("due", "overdue", "upcoming", "quiet")


def text_of(blocks_holder: dict | None) -> str:
    """Every piece of text a person reads in a message or view: text, sections, fields, context,
    button labels."""
    if not blocks_holder:
        return ""
    parts = [blocks_holder.get("text", "") if isinstance(blocks_holder.get("text"), str) else ""]
    for block in blocks_holder.get("blocks", []):
        parts.append(_text(block.get("text")))
        parts += [_text(f) for f in block.get("fields") or []]
        for el in block.get("elements") or []:
            parts.append(_text(el.get("text")) if isinstance(el.get("text"), dict) else el.get("text", ""))
        if block.get("accessory"):
            parts.append(_text(block["accessory"].get("text")))
        if block.get("label"):
            parts.append(_text(block["label"]))
        element = block.get("element") or {}
        for option in element.get("options") or []:
            parts.append(_text(option.get("text")) + " " + _text(option.get("description")))
    return "\n".join(p for p in parts if p)


def _text(obj) -> str:
    if isinstance(obj, dict):
        return obj.get("text", "")
    return obj if isinstance(obj, str) else ""


def buttons(holder: dict | None) -> list[tuple[str, str, str | None, str]]:
    """(action_id, label, value, block_id) of every button, in order."""
    found = []
    for block in (holder or {}).get("blocks", []):
        elements = list(block.get("elements") or []) + (
            [block["accessory"]] if block.get("accessory") else []
        )
        for e in elements:
            if isinstance(e, dict) and e.get("type") == "button":
                found.append((e["action_id"], e["text"]["text"], e.get("value"), block.get("block_id", "b")))
    return found


def button(holder: dict | None, action_id: str, value: str | None = None) -> tuple[str, str, str | None, str]:
    for found in buttons(holder):
        if found[0] == action_id and (value is None or found[2] == value):
            return found
    raise AssertionError(f"no {action_id} button in {[b[:3] for b in buttons(holder)]}")


def has_button(holder: dict | None, action_id: str, value: str | None = None) -> bool:
    return any(b[0] == action_id and (value is None or b[2] == value) for b in buttons(holder))


def block_text(holder: dict, block_id: str) -> str:
    found = [b for b in holder.get("blocks", []) if b.get("block_id") == block_id]
    if not found:
        return ""
    b = found[0]
    return "\n".join([_text(b.get("text"))] + [_text(f) for f in b.get("fields") or []])


# --- what each screen shows ----------------------------------------------------------------------


@dataclass
class Digest:
    """One digest DM: its rows by contact id (the text of the row), and its footer."""

    message: dict
    rows: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return text_of(self.message)

    @property
    def ids(self) -> list[int]:
        return list(self.rows)

    def row(self, contact_id: int) -> str:
        assert contact_id in self.rows, f"contact {contact_id} not in the digest: {self.text}"
        return self.rows[contact_id]


def read_digest(message: dict) -> Digest:
    digest = Digest(message)
    blocks = message["blocks"]
    for n, block in enumerate(blocks):
        if block["type"] != "actions":
            continue
        ids = {e.get("value") for e in block["elements"] if e.get("action_id") == "contact_log"}
        if ids and n > 0 and blocks[n - 1]["type"] == "section":
            digest.rows[int(ids.pop())] = blocks[n - 1]["text"]["text"]
    return digest


@dataclass
class HomeView:
    view: dict
    sections: dict[str, list[int]] = field(default_factory=dict)
    rows: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return text_of(self.view)

    @property
    def due_ids(self) -> list[int]:
        return self.sections.get("due", []) + self.sections.get("overdue", [])

    def where(self, contact_id: int) -> str | None:
        for key, ids in self.sections.items():
            if contact_id in ids:
                return key
        return None

    def row(self, contact_id: int) -> str:
        assert contact_id in self.rows, f"contact {contact_id} not on Home: {self.text}"
        return self.rows[contact_id]

    def stat(self, name: str) -> str:
        for block in self.view["blocks"]:
            for f in block.get("fields") or []:
                title, _, value = f["text"].partition("\n")
                if title.strip("*") == name:
                    return value
        raise AssertionError(f"no stat {name!r} on Home")


def read_home(view: dict) -> HomeView:
    home = HomeView(view)
    current = None
    blocks = view["blocks"]
    for n, block in enumerate(blocks):
        block_id = block.get("block_id") or ""
        if block_id.removeprefix("home_") in SECTIONS:
            current = block_id.removeprefix("home_")
            home.sections[current] = []
        elif block["type"] in ("divider", "header"):
            current = None
        elif current and block["type"] == "actions":
            ids = [e.get("value") for e in block["elements"] if e.get("action_id") == "contact_view"]
            if ids and n > 0 and blocks[n - 1]["type"] == "section":
                cid = int(ids[0])
                home.sections[current].append(cid)
                home.rows[cid] = blocks[n - 1]["text"]["text"]
    return home


@dataclass
class PrepList:
    """/prep alone: the count line and the due contacts' rows."""

    body: dict

    @property
    def text(self) -> str:
        return text_of(self.body)

    @property
    def ids(self) -> list[int]:
        return [int(v) for a, _, v, _ in buttons(self.body) if a == "contact_prep"]

    def row(self, contact_id: int) -> str:
        return block_text(self.body, f"prep_due:{contact_id}")


# --- the story -------------------------------------------------------------------------------------


class Story:
    """One New York user (U1, "Sam Rivera") and their contacts, day by day."""

    def __init__(self, world: World, user: str = "U1", name: str = "Sam Rivera") -> None:
        self.world = world
        self.user = world.user(user, name=name, tz=TZ)
        self.today = world.clock.now().astimezone(dt.UTC).date()
        self.digests: list[Digest] = []

    # clock
    def on(self, day: dt.date, at: dt.time = NINE_NY) -> None:
        """Move to `day`, at the user's nudge time (09:00 New York) unless told."""
        self.world.clock.set(dt.datetime.combine(day, at, tzinfo=dt.UTC))
        self.today = day

    def next_day(self, days: int = 1) -> dt.date:
        self.on(self.today + dt.timedelta(days=days))
        return self.today

    # commands
    def command(self, command: str, text: str) -> dict:
        return slash_command(self.world, self.user, command, text)

    def met(self, text: str) -> dict:
        return self.command("/met", text)

    def called(self, text: str) -> dict:
        return self.command("/called", text)

    def prep(self, text: str = "") -> dict:
        return self.command("/prep", text)

    def prep_list(self) -> PrepList:
        return PrepList(self.prep())

    def click(self, holder: dict, action_id: str, value: str | None = None) -> dict:
        """Press a button on a message the user was shown; the reply the app posts for it."""
        action, _, val, block_id = button(holder, action_id, value)
        before = len(self.world.double.responses)
        press(self.world, action, val, self.user, block_id=block_id)
        return reply(self.world, before + 1)

    # screens
    def home(self) -> HomeView:
        settle(self.world)  # no Home refresh of an earlier change may publish after this one
        return read_home(open_home(self.world, self.user))

    def digest(self) -> Digest | None:
        """Run the dispatcher now; the digest it sent the user (None when none went out)."""
        before = len(self._digest_messages())
        dispatch(self.world.services, render_digest)
        messages = self._digest_messages()
        if len(messages) == before:
            return None
        found = read_digest(messages[-1])
        self.digests.append(found)
        return found

    def _digest_messages(self) -> list[dict]:
        return [
            m
            for m in self.world.double.dm_messages(self.user)
            if (m.get("metadata") or {}).get("event_type") == "warmcall_digest"
        ]

    def press_on_home(self, home: HomeView, action_id: str, value: str) -> HomeView:
        settle(self.world)  # only the Home this press publishes counts
        before = publishes(self.world)
        press_on_view(self.world, self.user, home.view, action_id, value)
        wait_for(lambda: publishes(self.world) > before)
        return read_home(self.world.double.home_of(self.user))

    def open_modal(self, home: HomeView, action_id: str, value: str, callback_id: str) -> dict:
        before = {v["id"] for v in self.world.double.views()}
        press_on_view(self.world, self.user, home.view, action_id, value)
        return wait_for(
            lambda: next(
                (
                    v
                    for v in self.world.double.views()
                    if v["callback_id"] == callback_id and v["id"] not in before
                ),
                None,
            )
        )

    def log_call_form(
        self, modal: dict, outcome: str, *, notes: str = "", day: str | None = None, kept: bool = False
    ) -> dict:
        values = {
            "outcome": {"value": select_value(outcome)},
            "date": {"value": date_value(day)},
            **text_values({"notes": {"value": notes}}),
        }
        if kept:
            values["promise"] = {"value": checkbox_values(["kept"])}
        settle(self.world)
        before = publishes(self.world)
        answer = self.world.slack.view_submission(self.user, "log_call", values, view=modal)
        assert answer.status == 200, answer
        wait_for(lambda: publishes(self.world) > before)
        return answer.json or {}

    def card(self, home: HomeView, contact_id: int) -> dict:
        return self.open_modal(home, "contact_view", str(contact_id), "contact_view")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
