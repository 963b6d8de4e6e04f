"""Modals in the terminal: a form's inputs are asked in turn, submitted signed, and the app's
`response_action` (errors, update, push, clear) is followed as Slack would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from bot.console.answers import (
    describe,
    element_options,
    empty_state,
    input_blocks,
    length_problem,
    parse_answer,
    pick_option,
    state_default,
)
from bot.console.render import RED, plain_text
from bot.console.screen import Screen, Surface
from bot.testing.signed import Reply, SlackRequester

Json = dict[str, Any]

CANCEL_WORDS = ("!cancel",)


def _reads_ahead(label: str) -> bool:
    """Whether a date field's words read forwards ("friday" = the coming one): every date field but
    the day you met and the day a call happened."""
    folded = label.casefold()
    return not (folded.startswith("met") or "when" in folded and "meet" not in folded)


def browsable(view: Json) -> bool:
    """A modal with inputs that all act on their own (`dispatch_action`): a list to browse, no form."""
    inputs = input_blocks(view)
    return bool(inputs) and all(block.get("dispatch_action") for _, block in inputs)


class Forms:
    """Asks the modals the app opens; `settle` shows what the app did after a submission."""

    def __init__(
        self,
        *,
        screen: Screen,
        slack: SlackRequester,
        user_id: str,
        settle: Callable[[], object],
        ids: Iterator[int],
        today: Callable[[], dt.date] | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.today = today  # the console clock's local date: date fields take words, as commands do
        self.now = now  # the console clock's local time (aware): a date-and-time field reads in its zone
        self.screen = screen
        self.term = screen.term
        self.style = screen.style
        self.slack = slack
        self.user_id = user_id
        self.modals: dict[str, Json] = {}  # the latest state of each modal, by view id
        self.browsing: str | None = None  # the id of the open list modal `search WORDS` types into
        self._settle = settle
        self._ids = ids

    def fill_form(self, view: Json) -> None:
        """Ask a modal's inputs one by one, submit, and follow the app's response_action."""
        answers: dict[str, Json] = {}
        only: set[str] | None = None
        errors: dict[str, str] = {}
        while True:
            if only is None:
                self.screen.banner(f"Form: {plain_text(view.get('title'))}")
                self.screen.show_view_blocks(view, Surface("view", view=view), skip_inputs=True)
            values = self.ask_inputs(view, answers, only, errors)
            if values is None:
                self.screen.note("(form closed — nothing was submitted)")
                if view.get("notify_on_close"):
                    self.slack.view_closed(
                        self.user_id, view.get("callback_id", ""), view.get("private_metadata", ""), view=view
                    )
                    self._settle()
                return
            answers = values
            self.screen.new_batch()
            reply = self.slack.view_submission(
                self.user_id,
                view.get("callback_id", ""),
                values,
                view.get("private_metadata", ""),
                view=view,
            )
            if reply.status >= 400:
                self.screen.error(
                    f"The app could not take that form (HTTP {reply.status})."
                    if reply.status != 404
                    else "(the app has no listener for this form yet)"
                )
                self._settle()
                return
            body = reply.json if isinstance(reply.json, dict) else {}
            action = body.get("response_action")
            if action == "errors":
                errors = {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
                known = {block_id for block_id, _ in input_blocks(view)}
                only = {k for k in errors if k in known} or None
                self.screen.error(
                    "The app sent the form back to change:" if only else "The app refused the form:"
                )
                for block_id, message in errors.items():
                    if only is None or block_id not in only:
                        self.screen.error(f"  ✘ {block_id}: {message}")
                continue
            if action in ("update", "push") and isinstance(body.get("view"), dict):
                view = self._next_view(view, body["view"], push=action == "push")
                answers, only, errors = {}, None, {}
                if not input_blocks(view) and not view.get("submit"):
                    self.show_modal(view)
                    self._settle()
                    return
                continue
            if action == "clear":
                self.screen.note("(all forms closed)")
            self._settle()
            return

    def _next_view(self, current: Json, new: Json, *, push: bool) -> Json:
        """The view a `response_action` of update or push puts on screen (Slack keeps the id on update)."""
        view_id = f"VC{next(self._ids):07d}" if push else str(current.get("id"))
        view = {
            "private_metadata": "",
            "callback_id": "",
            **{k: current[k] for k in ("team_id", "app_id", "bot_id", "root_view_id") if k in current},
            **new,
            "id": view_id,
            "state": {"values": {}},
            "previous_view_id": current.get("id") if push else current.get("previous_view_id"),
        }
        self.modals[view_id] = view
        return view

    def browse(self, view: Json) -> None:
        """A list modal whose only inputs act as you type (All contacts' search box): shown with its
        buttons to `click`, the box filled with `search WORDS`, never asked as a form."""
        self.browsing = str(view.get("id"))
        self.show_modal(view)
        self.screen.note("(type `search WORDS` to search this list, or `click N`)")

    def search(self, words: str) -> Reply | None:
        """`search WORDS`: type into the open list modal's search box and press Enter."""
        view = self.modals.get(self.browsing or "")
        box = next(iter(input_blocks(view)), None) if view else None
        if view is None or box is None:
            self.screen.error("There is no list open to search: open Home (`home`) and click All contacts.")
            return None
        block_id, block = box
        element = block.get("element") or {}
        action_id = str(element.get("action_id") or "value")
        typed = {
            **view,
            "state": {"values": {block_id: {action_id: {"type": element.get("type"), "value": words}}}},
        }
        return self.slack.block_action(
            self.user_id, action_id, words, block_id, action_type=element.get("type"), view=typed
        )

    def show_modal(self, view: Json) -> None:
        """A modal without inputs: its text and buttons; it stays "open" until the next command."""
        self.screen.banner(f"{plain_text(view.get('title'))} (modal)")
        self.screen.show_view_blocks(view, Surface("view", view=view))

    def ask_inputs(
        self, view: Json, previous: dict[str, Json], only: set[str] | None, errors: dict[str, str]
    ) -> dict[str, Json] | None:
        values: dict[str, Json] = dict(previous)
        inputs = input_blocks(view)
        if not inputs:
            submit = plain_text(view.get("submit")) or "Submit"
            answer = self.term.read(f"  Press Enter to {submit}, or !cancel: ", history=False)
            if answer is None or answer.strip().lower() in CANCEL_WORDS:
                return None
            return {}
        for block_id, block in inputs:
            if only is not None and block_id not in only:
                continue
            element = block.get("element") or {}
            action_id = str(element.get("action_id") or "value")
            if element.get("type") == "external_select":
                state = self.ask_external(view, block_id, block, element, errors.get(block_id))
            else:
                state = self.ask_field(
                    block, element, (previous.get(block_id) or {}).get(action_id), errors.get(block_id)
                )
            if state is None:
                return None
            values[block_id] = {action_id: state}
        return values

    def ask_field(self, block: Json, element: Json, previous: Json | None, error: str | None) -> Json | None:
        """Ask one input until the answer fits its element; returns Slack's state shape for it."""
        kind = str(element.get("type"))
        label = plain_text(block.get("label"))
        optional = bool(block.get("optional"))
        default = state_default(element) if previous is None else previous
        options = element_options(element)
        self.term.write(
            f"  {self.style.bold(label)}" + self.style.dim(" (optional)" if optional else " (required)")
        )
        if block.get("hint"):
            self.term.write(self.style.dim(f"    {plain_text(block['hint'])}"))
        if error:
            self.term.write(self.style.wrap(RED, f"    ✘ {error}"))
        if options:
            for i, opt in enumerate(options, 1):
                self.term.write(f"    {i}) {plain_text(opt.get('text'))}")
        local = self.now() if self.now else None
        shown_default = describe(default, local.tzinfo if local else None)
        suffix = f" [{shown_default}]" if shown_default else ""
        hint = {
            "datepicker": " (a date: 2026-12-04, friday, tomorrow)",
            "timepicker": " (like 7:30 or 19:30)",
            "datetimepicker": " (a day and a time: thursday 10:30, tomorrow 9am)",
            "multi_static_select": " (numbers, comma-separated)",
            "checkboxes": " (numbers, comma-separated)",
        }.get(kind, "")
        while True:
            answer = self.term.read(f"  ?{hint}{suffix} ", history=False)
            if answer is None or answer.strip().lower() in CANCEL_WORDS:
                return None
            answer = answer.strip()
            if answer == "":
                state = default or empty_state(kind)
            elif answer == "-":
                state = empty_state(kind)
            else:
                today = self.today() if self.today else None
                state, problem = parse_answer(
                    kind, answer, options, today=today, ahead=_reads_ahead(label), now=local
                )
                if problem:
                    self.term.write(self.style.wrap(RED, f"    ✘ {problem}"))
                    continue
            problem = length_problem(element, state)
            if problem:
                self.term.write(self.style.wrap(RED, f"    ✘ {problem}"))
                continue
            if not optional and not describe(state):
                self.term.write(self.style.wrap(RED, "    ✘ This one is required."))
                continue
            return state

    def ask_external(
        self, view: Json, block_id: str, block: Json, element: Json, error: str | None
    ) -> Json | None:
        """An external_select: type a few letters, the app's typeahead (a signed block_suggestion)
        offers its options, pick one by number; Enter searches again."""
        optional = bool(block.get("optional"))
        self.term.write(
            f"  {self.style.bold(plain_text(block.get('label')))}"
            + self.style.dim(" (optional)" if optional else " (required)")
        )
        if error:
            self.term.write(self.style.wrap(RED, f"    ✘ {error}"))
        while True:
            typed = self.term.read("  ? (type a few letters to search) ", history=False)
            if typed is None or typed.strip().lower() in CANCEL_WORDS:
                return None
            typed = typed.strip()
            if not typed:
                if optional:
                    return {"type": "external_select", "selected_option": None}
                self.term.write(self.style.wrap(RED, "    ✘ This one is required."))
                continue
            reply = self.slack.options(
                self.user_id, str(element.get("action_id")), typed, block_id=block_id, view=view
            )
            options = (reply.json or {}).get("options") or [] if reply.status == 200 else []
            if not options:
                self.term.write(self.style.wrap(RED, f"    ✘ Nothing matches {typed!r}; try other letters."))
                continue
            for i, opt in enumerate(options, 1):
                self.term.write(f"    {i}) {plain_text(opt.get('text'))}")
            answer = self.term.read("  Which one? (a number; Enter searches again) ", history=False)
            if answer is None or answer.strip().lower() in CANCEL_WORDS:
                return None
            option = pick_option(answer.strip(), options) if answer.strip() else None
            if option is not None:
                return {"type": "external_select", "selected_option": option}

    def confirm(self, dialog: Json) -> bool:
        title = plain_text(dialog.get("title")) or "Are you sure?"
        text = plain_text(dialog.get("text"))
        yes = plain_text(dialog.get("confirm")) or "Yes"
        self.term.write(f"{self.style.bold(title)} {text}".rstrip())
        answer = self.term.read(f"  {yes}? [y/N] ", history=False)
        return (answer or "").strip().lower() in ("y", "yes")

    def choose_option(self, element: Json) -> Json | None:
        options = element_options(element)
        if not options:
            self.screen.error("That menu has no options.")
            return None
        for i, opt in enumerate(options, 1):
            self.term.write(f"    {i}) {plain_text(opt.get('text'))}")
        answer = (self.term.read("  Which one? ", history=False) or "").strip()
        state, problem = parse_answer("static_select", answer, options)
        if problem or not state.get("selected_option"):
            self.screen.error(problem or "Nothing chosen; nothing was sent.")
            return None
        return state["selected_option"]

    # -- printing -----------------------------------------------------------------------------------
