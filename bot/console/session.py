"""The console driver: turns typed lines into signed Slack requests and shows what the app sent back.

Nothing here calls a listener directly: every command, click and form goes over HTTP, signed, to the
real Bolt app, and everything shown is read back from the Slack double (or the HTTP answer).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from bot.console.render import BOLD, DIM, GREEN, RED, YELLOW, Clickable, Renderer, Style, plain_text
from bot.console.terminal import Terminal
from bot.domain.clock import ManualClock, local_now
from bot.testing.signed import Reply, SlackRequester
from bot.testing.slackdouble import SlackDouble

Json = dict[str, Any]

QUIET_SECONDS = 0.3
MAX_WAIT_SECONDS = 5.0
CANCEL_WORDS = ("!cancel",)
_DURATION = re.compile(r"(\d+)\s*(w|d|h|m)", re.IGNORECASE)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}

HELP = """\
Type what you would type in Slack, or a console command:
  /met Jane Doe of Acme at PyCon: hiring data engineers   save a contact (/met help for more)
  /prep Jane                                              talking points before a call
  /called Jane voicemail                                  log how a call went
  click N        press button [N] from the latest output
  home           open your App Home
  digest         get today's digest DM now
  advance 3d     move the clock forward (w, d, h, m; e.g. 2h, 30m, 1d12h)
  help           this list
  quit           leave (Ctrl-D works too)
In a form: Enter keeps the value shown in [brackets], "-" clears it, "!cancel" closes the form."""


@dataclass
class Surface:
    """Where clickable elements came from: a message (DM or ephemeral) or a view (modal, Home)."""

    kind: str  # "message" | "ephemeral" | "view"
    message: Json | None = None
    view: Json | None = None
    response_url: str | None = None


@dataclass
class Shown:
    clickable: Clickable
    surface: Surface


@dataclass
class _Seen:
    calls: int = 0
    responses: int = 0


class BusyTracker:
    """Counts listener work Bolt runs after the ack (its listener executor), to know when the app is idle."""

    def __init__(self) -> None:
        self._pending = 0
        self._lock = threading.Lock()

    def track(self, executor: Any) -> None:
        submit = executor.submit

        def counted_submit(fn, /, *args, **kwargs):
            with self._lock:
                self._pending += 1
            future = submit(fn, *args, **kwargs)
            future.add_done_callback(self._done)
            return future

        executor.submit = counted_submit

    def _done(self, _future) -> None:
        with self._lock:
            self._pending -= 1

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0


class ConsoleSession:
    def __init__(
        self,
        *,
        services: Any,
        double: SlackDouble,
        requester: SlackRequester,
        clock: ManualClock,
        terminal: Terminal,
        user_id: str,
        user_name: str,
        tz: str,
        busy: BusyTracker | None = None,
    ) -> None:
        self.services = services
        self.double = double
        self.slack = requester
        self.clock = clock
        self.term = terminal
        self.style: Style = terminal.style
        self.user_id = user_id
        self.user_name = user_name
        self.tz = tz
        self.busy = busy or BusyTracker()
        self.app: Any = None  # the Bolt app, for tests that add a listener of their own
        self.team_id = requester.team_id
        self.dm_channel = f"D{user_id}"
        self._seen = _Seen()
        self._shown: list[Shown] = []
        self._fake_ts = itertools.count(1)
        self._batch_open = False
        self._modals: dict[str, Json] = {}  # the latest state of each modal, by view id
        self._seen = _Seen(len(double.calls), len(double.responses))

    # -- the loop -----------------------------------------------------------------------------------

    def run(self) -> int:
        while True:
            line = self.term.read("> ")
            if line is None:
                return 0
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                if not self.handle(line):
                    return 0
            except KeyboardInterrupt:
                self.note("(interrupted)")
            except Exception as exc:  # the console stays up; the details are one line, not a traceback
                self.services.log.debug("console command failed", exc_info=True)
                self.error(
                    f"That didn't work: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                )

    def handle(self, line: str) -> bool:
        """Run one input line; False means quit."""
        self.new_batch()
        self.show_new()  # anything that arrived late since the last command comes first
        self.new_batch()
        word, _, rest = line.partition(" ")
        word = word.lower()
        if line.startswith("/"):
            self.slash_command(word, rest.strip())
        elif word in ("quit", "exit", "q"):
            return False
        elif word in ("help", "?", "h"):
            self.term.write(HELP)
        elif word == "click":
            self.click(rest.strip())
        elif word == "home":
            self.open_home()
        elif word == "digest":
            self.digest()
        elif word == "advance":
            self.advance(rest.strip())
        else:
            self.error(f"I don't know {line!r}.")
            self.term.write(HELP)
        return True

    # -- commands -----------------------------------------------------------------------------------

    def slash_command(self, command: str, text: str) -> None:
        from handlers.commands import COMMANDS

        if command not in COMMANDS:
            self.error(f"{command} is not a Warmcall command; try {', '.join(COMMANDS)}.")
            self.term.write(HELP)
            return
        self.new_batch()
        reply = self.slack.command(
            self.user_id,
            command,
            text,
            channel_id=self.dm_channel,
            response_url=self.double.new_response_url(channel=self.dm_channel, user_id=self.user_id),
        )
        self.after_request(reply)

    def click(self, argument: str) -> None:
        if not argument.isdigit():
            self.error("Say which button: `click 2` presses [2].")
            return
        number = int(argument)
        chosen = next((s for s in self._shown if s.clickable.number == number), None)
        if chosen is None:
            shown = f"1–{len(self._shown)}" if self._shown else "none right now"
            self.error(f"There is no button [{number}] (buttons shown: {shown}).")
            return
        element, surface = chosen.clickable.element, chosen.surface
        if element.get("confirm") and not self.confirm(element["confirm"]):
            self.note("(cancelled — nothing was sent)")
            return
        kind = element.get("type")
        selected = None
        if kind in ("static_select", "overflow", "radio_buttons"):
            selected = self.choose_option(element)
            if selected is None:
                return
        self.press(element, chosen.clickable.block_id, surface, selected)

    def press(self, element: Json, block_id: str, surface: Surface, selected: Json | None) -> None:
        action_id = str(element.get("action_id") or "")
        self.new_batch()
        kwargs: dict[str, Any] = {
            "block_id": block_id,
            "action_type": element.get("type"),
            "selected_option": selected,
        }
        if surface.kind == "view" and surface.view is not None:
            if surface.view.get("type") == "home":
                view = self.double.home_of(self.user_id) or surface.view
            else:
                view = self._modals.get(surface.view["id"], surface.view)
            reply = self.slack.block_action(
                self.user_id, action_id, element.get("value"), view=view, **kwargs
            )
        else:
            message = surface.message or {}
            original = {**message, "channel": message.get("channel") or self.dm_channel}
            response_url = self.double.new_response_url(
                original=original, channel=original["channel"], user_id=self.user_id
            )
            if surface.kind == "ephemeral":
                container = {
                    "type": "message",
                    "message_ts": original.get("ts", ""),
                    "channel_id": original["channel"],
                    "is_ephemeral": True,
                }
                reply = self.slack.block_action(
                    self.user_id,
                    action_id,
                    element.get("value"),
                    container=container,
                    channel_id=original["channel"],
                    response_url=response_url,
                    **kwargs,
                )
            else:
                reply = self.slack.block_action(
                    self.user_id,
                    action_id,
                    element.get("value"),
                    message=original,
                    response_url=response_url,
                    **kwargs,
                )
        self.after_request(reply)

    def open_home(self) -> None:
        self.new_batch()
        reply = self.slack.event(
            {
                "type": "app_home_opened",
                "user": self.user_id,
                "channel": self.dm_channel,
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            }
        )
        self.after_request(reply, show_ack=False)
        home = self.double.home_of(self.user_id)
        if home is None:
            self.note("(App Home has nothing published yet)")
            return
        self.banner("App Home")
        self.show_view_blocks(home, Surface("view", view=home))

    def digest(self) -> None:
        self.new_batch()
        before = len(self.double.dm_messages(self.user_id))
        report = deliver_digest_now(self.services, self.team_id, self.user_id) or {}
        self.services.log.debug("console digest pass: %s", report)
        shown = self.settle()
        if shown or len(self.double.dm_messages(self.user_id)) > before:
            return
        earlier = self.todays_digest()
        if earlier is not None:
            self.banner("DM from Warmcall (today's digest, delivered earlier)")
            self.show_message(earlier, Surface("message", message=earlier))
        elif report.get("not_now"):
            self.note("(no digest today: it is not one of your nudge days, or your nudges are paused)")
        elif report.get("no_profile"):
            self.note("(no digest: you have not saved anyone yet — try `/met`)")
        else:
            self.note("(no digest today: nobody is due yet — `advance 2d` moves the clock)")

    def advance(self, argument: str) -> None:
        parts = _DURATION.findall(argument)
        if not parts or _DURATION.sub("", argument).strip():
            self.error("Say how far: `advance 3d`, `advance 2h`, `advance 30m` or `advance 1w`.")
            return
        delta = dt.timedelta()
        for amount, unit in parts:
            delta += dt.timedelta(**{_UNITS[unit.lower()]: int(amount)})
        self.new_batch()
        self.clock.advance(delta)
        now = local_now(self.clock, self.tz)
        self.note(f"It is now {now:%a %d %b %Y, %H:%M} ({self.tz}).")
        # What the scheduler's dispatcher would do on its next tick at this time.
        scheduler_tick(self.services)
        self.settle()

    # -- requests and what came back ----------------------------------------------------------------

    def after_request(self, reply: Reply, *, show_ack: bool = True) -> None:
        if show_ack:
            self.show_ack(reply)
        self.settle()

    def show_ack(self, reply: Reply) -> None:
        if reply.status == 404:
            self.note("(the app has no listener for that yet)")
            return
        if reply.status >= 400:
            self.error(f"The app answered HTTP {reply.status}.")
            return
        body = reply.json
        if isinstance(body, dict) and (body.get("blocks") or body.get("text")):
            message = {
                "text": body.get("text", ""),
                "blocks": body.get("blocks") or [],
                "ts": self.fake_ts(),
                "channel": self.dm_channel,
                "user": self.user_id,
            }
            in_channel = body.get("response_type") == "in_channel"
            self.banner("Warmcall" if in_channel else "Warmcall (only visible to you)")
            self.show_message(message, Surface("ephemeral", message=message))
        elif reply.json is None and reply.body_text.strip():
            message = {"text": reply.body_text, "ts": self.fake_ts(), "channel": self.dm_channel}
            self.banner("Warmcall (only visible to you)")
            self.show_message(message, Surface("ephemeral", message=message))

    def settle(self) -> bool:
        """Wait for the app to go quiet, print what is new for the user, run any form that opened.

        Returns whether anything was shown.
        """
        self.wait_quiet()
        return self.show_new()

    def wait_quiet(self) -> None:
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        last = self._activity()
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            now_activity = self._activity()
            if now_activity != last or self.busy.busy or self._unanswered():
                last, last_change = now_activity, time.monotonic()
                continue
            if time.monotonic() - last_change >= QUIET_SECONDS:
                return

    def _activity(self) -> tuple[int, int]:
        return len(self.double.calls), len(self.double.responses)

    def _unanswered(self) -> bool:
        return any(call.status == 0 for call in self.double.calls[self._seen.calls :])

    def show_new(self) -> bool:
        calls = self.double.calls[self._seen.calls :]
        responses = self.double.responses[self._seen.responses :]
        answered = list(itertools.takewhile(lambda c: c.status != 0, calls))
        self._seen.calls += len(answered)
        self._seen.responses += len(responses)
        shown = False
        form: Json | None = None
        for call in answered:
            kind = self.show_call(call)
            shown = shown or kind is not None
            if kind == "form":
                form = call.response["view"]  # type: ignore[index]
        for entry in responses:
            shown = self.show_response(entry) or shown
        if form is not None:
            self.fill_form(form)
        return shown

    def show_call(self, call: Any) -> str | None:
        p, response = call.params, call.response or {}
        if not response.get("ok"):
            if call.method not in ("users.info", "conversations.history", "auth.test"):
                self.error(f"(Slack refused {call.method}: {response.get('error')})")
            return None
        if call.method == "chat.postMessage" and response.get("channel") == self.dm_channel:
            message = self.stored(self.dm_channel, response["ts"]) or {**p, "channel": self.dm_channel}
            self.banner("DM from Warmcall")
            self.show_message(message, Surface("message", message=message))
            return "message"
        if call.method == "chat.postEphemeral" and p.get("user") == self.user_id:
            message = {
                **p,
                "ts": response.get("message_ts"),
                "channel": response.get("channel") or p["channel"],
            }
            self.banner("Warmcall (only visible to you)")
            self.show_message(message, Surface("ephemeral", message=message))
            return "message"
        if call.method == "chat.update" and response.get("channel") == self.dm_channel:
            message = self.stored(self.dm_channel, response["ts"]) or {**p, "channel": self.dm_channel}
            self.banner("DM from Warmcall (updated)")
            self.show_message(message, Surface("message", message=message))
            return "message"
        if call.method in ("views.open", "views.push", "views.update"):
            view = response.get("view") or {}
            if view.get("type") != "modal":
                return None
            self._modals[view["id"]] = view
            if _inputs(view) or view.get("submit"):
                return "form"
            self.show_modal(view)
            return "view"
        return None

    def show_response(self, entry: Json) -> bool:
        body, status = entry.get("body") or {}, entry.get("status")
        if status != 200:
            self.error(f"(Slack refused a response_url post: HTTP {status})")
            return False
        if body.get("delete_original") in (True, "true"):
            self.note("(the message was removed)")
            return True
        if not body.get("text") and not body.get("blocks"):
            return False
        replaced = body.get("replace_original") in (True, "true")
        current = self.double.original_of(entry["url"]) if replaced else None
        message = {
            "text": body.get("text", ""),
            "blocks": body.get("blocks") or [],
            "ts": (current or {}).get("ts") or self.fake_ts(),
            "channel": (current or {}).get("channel") or self.dm_channel,
        }
        is_dm = bool(current) and self.stored(message["channel"], message["ts"]) is not None
        in_channel = body.get("response_type") == "in_channel"
        if replaced:
            self.banner("Warmcall (updated)" if is_dm else "Warmcall (updated, only visible to you)")
        else:
            self.banner("Warmcall" if in_channel else "Warmcall (only visible to you)")
        surface = Surface("message" if is_dm else "ephemeral", message=message)
        self.show_message(message, surface)
        return True

    def stored(self, channel: str, ts: str) -> Json | None:
        return next((m for m in self.double.messages(channel) if m.get("ts") == ts), None)

    def todays_digest(self) -> Json | None:
        today = local_now(self.clock, self.tz).date()
        for message in reversed(self.double.dm_messages(self.user_id)):
            metadata = message.get("metadata") or {}
            sent = dt.datetime.fromtimestamp(float(message["ts"]), dt.UTC)
            if metadata.get("event_type") == "warmcall_digest" and local_day(sent, self.tz) == today:
                return message
        return None

    # -- forms (modals) -----------------------------------------------------------------------------

    def fill_form(self, view: Json) -> None:
        """Ask a modal's inputs one by one, submit, and follow the app's response_action."""
        answers: dict[str, Json] = {}
        only: set[str] | None = None
        errors: dict[str, str] = {}
        while True:
            if only is None:
                self.banner(f"Form: {plain_text(view.get('title'))}")
                self.show_view_blocks(view, Surface("view", view=view), skip_inputs=True)
            values = self.ask_inputs(view, answers, only, errors)
            if values is None:
                self.note("(form closed — nothing was submitted)")
                if view.get("notify_on_close"):
                    self.slack.view_closed(
                        self.user_id, view.get("callback_id", ""), view.get("private_metadata", ""), view=view
                    )
                    self.settle()
                return
            answers = values
            self.new_batch()
            reply = self.slack.view_submission(
                self.user_id,
                view.get("callback_id", ""),
                values,
                view.get("private_metadata", ""),
                view=view,
            )
            if reply.status >= 400:
                self.error(
                    f"The app could not take that form (HTTP {reply.status})."
                    if reply.status != 404
                    else "(the app has no listener for this form yet)"
                )
                self.settle()
                return
            body = reply.json if isinstance(reply.json, dict) else {}
            action = body.get("response_action")
            if action == "errors":
                errors = {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
                known = {block_id for block_id, _ in _inputs(view)}
                only = {k for k in errors if k in known} or None
                self.error("The app sent the form back to change:" if only else "The app refused the form:")
                for block_id, message in errors.items():
                    if only is None or block_id not in only:
                        self.error(f"  ✘ {block_id}: {message}")
                continue
            if action in ("update", "push") and isinstance(body.get("view"), dict):
                view = self._next_view(view, body["view"], push=action == "push")
                answers, only, errors = {}, None, {}
                if not _inputs(view) and not view.get("submit"):
                    self.show_modal(view)
                    self.settle()
                    return
                continue
            if action == "clear":
                self.note("(all forms closed)")
            self.settle()
            return

    def _next_view(self, current: Json, new: Json, *, push: bool) -> Json:
        """The view a `response_action` of update or push puts on screen (Slack keeps the id on update)."""
        view_id = f"VC{next(self._fake_ts):07d}" if push else str(current.get("id"))
        view = {
            "private_metadata": "",
            "callback_id": "",
            **{k: current[k] for k in ("team_id", "app_id", "bot_id", "root_view_id") if k in current},
            **new,
            "id": view_id,
            "state": {"values": {}},
            "previous_view_id": current.get("id") if push else current.get("previous_view_id"),
        }
        self._modals[view_id] = view
        return view

    def show_modal(self, view: Json) -> None:
        """A modal without inputs: its text and buttons; it stays "open" until the next command."""
        self.banner(f"{plain_text(view.get('title'))} (modal)")
        self.show_view_blocks(view, Surface("view", view=view))

    def ask_inputs(
        self, view: Json, previous: dict[str, Json], only: set[str] | None, errors: dict[str, str]
    ) -> dict[str, Json] | None:
        values: dict[str, Json] = dict(previous)
        inputs = _inputs(view)
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
        default = _state_default(element) if previous is None else previous
        options = _options(element)
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
        shown_default = _describe(default)
        suffix = f" [{shown_default}]" if shown_default else ""
        hint = {
            "datepicker": " (YYYY-MM-DD)",
            "timepicker": " (HH:MM)",
            "multi_static_select": " (numbers, comma-separated)",
            "checkboxes": " (numbers, comma-separated)",
        }.get(kind, "")
        while True:
            answer = self.term.read(f"  ?{hint}{suffix} ", history=False)
            if answer is None or answer.strip().lower() in CANCEL_WORDS:
                return None
            answer = answer.strip()
            if answer == "":
                state = default or _empty_state(kind)
            elif answer == "-":
                state = _empty_state(kind)
            else:
                state, problem = _parse_answer(kind, answer, options)
                if problem:
                    self.term.write(self.style.wrap(RED, f"    ✘ {problem}"))
                    continue
            problem = _length_problem(element, state)
            if problem:
                self.term.write(self.style.wrap(RED, f"    ✘ {problem}"))
                continue
            if not optional and not _describe(state):
                self.term.write(self.style.wrap(RED, "    ✘ This one is required."))
                continue
            return state

    def confirm(self, dialog: Json) -> bool:
        title = plain_text(dialog.get("title")) or "Are you sure?"
        text = plain_text(dialog.get("text"))
        yes = plain_text(dialog.get("confirm")) or "Yes"
        self.term.write(f"{self.style.bold(title)} {text}".rstrip())
        answer = self.term.read(f"  {yes}? [y/N] ", history=False)
        return (answer or "").strip().lower() in ("y", "yes")

    def choose_option(self, element: Json) -> Json | None:
        options = _options(element)
        if not options:
            self.error("That menu has no options.")
            return None
        for i, opt in enumerate(options, 1):
            self.term.write(f"    {i}) {plain_text(opt.get('text'))}")
        answer = (self.term.read("  Which one? ", history=False) or "").strip()
        state, problem = _parse_answer("static_select", answer, options)
        if problem or not state.get("selected_option"):
            self.error(problem or "Nothing chosen; nothing was sent.")
            return None
        return state["selected_option"]

    # -- printing -----------------------------------------------------------------------------------

    def show_message(self, message: Json, surface: Surface) -> None:
        renderer = self._renderer()
        if message.get("blocks"):
            rendered = renderer.blocks(message["blocks"])
        else:
            rendered = renderer.blocks(
                [{"type": "section", "text": {"type": "mrkdwn", "text": message.get("text") or " "}}]
            )
        self._remember(rendered.clickables, surface)
        for line in rendered.lines:
            self.term.write("  " + line)

    def show_view_blocks(self, view: Json, surface: Surface, *, skip_inputs: bool = False) -> None:
        renderer = self._renderer()
        blocks = [b for b in view.get("blocks") or [] if not (skip_inputs and b.get("type") == "input")]
        rendered = renderer.blocks(blocks)
        self._remember(rendered.clickables, surface)
        for line in rendered.lines:
            self.term.write("  " + line)

    def _renderer(self) -> Renderer:
        first = len(self._shown) + 1 if self._batch_open else 1
        return Renderer(self.style, names=self.name_of, first_number=first)

    def _remember(self, clickables: list[Clickable], surface: Surface) -> None:
        """Buttons shown for the latest request replace the older ones; within it they number on."""
        if not clickables:
            return
        if not self._batch_open:
            self._shown = []
            self._batch_open = True
        self._shown.extend(Shown(c, surface) for c in clickables)

    def new_batch(self) -> None:
        self._batch_open = False

    def name_of(self, user_id: str) -> str | None:
        return self.user_name if user_id == self.user_id else None

    def banner(self, title: str) -> None:
        self.term.write(self.style.wrap(YELLOW + BOLD, f"── {title} ──"))

    def note(self, text: str) -> None:
        self.term.write(self.style.wrap(DIM, text))

    def error(self, text: str) -> None:
        self.term.write(self.style.wrap(RED, text))

    def success(self, text: str) -> None:
        self.term.write(self.style.wrap(GREEN, text))

    def fake_ts(self) -> str:
        return f"{int(time.time())}.{next(self._fake_ts):06d}"


# ---------------------------------------------------------------------------------------------------
# The digest, in one place (the digest module owns the rules; the console only asks for a pass)
# ---------------------------------------------------------------------------------------------------


def deliver_digest_now(services: Any, team_id: str, user_id: str) -> dict:
    """Deliver this user's digest for today now: a dispatcher pass as if it were their nudge time.

    The digest module owns every rule (due contacts, once per local day, Slack errors); the console
    only makes the user due and lends the pass a clock set to today's nudge time.
    """
    from bot.delivery import digest
    from bot.domain.clock import local_today
    from bot.domain.vocabulary import DEFAULT_NUDGE_MINUTE
    from storage.profiles import get_profile

    send_now = getattr(digest, "send_digest_now", None)
    if send_now is not None:
        return send_now(services, team_id, user_id)
    with services.db.transaction() as session:
        profile = get_profile(session, team_id, user_id)
        if profile is None:
            return {"no_profile": 1}
        minute = DEFAULT_NUDGE_MINUTE if profile.nudge_minute is None else profile.nudge_minute
        nudge_at = digest.nudge_instant(local_today(services.clock, profile.tz), minute, profile.tz)
        profile.next_digest_at = nudge_at
    at_nudge_time = dataclasses.replace(
        services, clock=ManualClock(nudge_at.replace(tzinfo=dt.UTC), follow_real_time=True)
    )
    return digest.dispatch(at_nudge_time)


def scheduler_tick(services: Any) -> Any:
    """One pass of the dispatcher job, as the scheduler would run it at the (moved) clock's time."""
    from bot.delivery.digest import dispatch

    try:
        return dispatch(services)
    except Exception:  # the scheduler survives a failed pass; so does the console
        services.log.warning("digest dispatch failed", exc_info=True)
        return None


def local_day(instant: dt.datetime, tz: str) -> dt.date:
    from bot.domain.clock import zone

    return instant.astimezone(zone(tz)).date()


# ---------------------------------------------------------------------------------------------------
# Form fields: defaults, answers and Slack's state shape per element type
# ---------------------------------------------------------------------------------------------------


def _inputs(view: Json) -> list[tuple[str, Json]]:
    return [
        (str(b.get("block_id") or f"b{i}"), b)
        for i, b in enumerate(view.get("blocks") or [])
        if isinstance(b, dict) and b.get("type") == "input"
    ]


def _options(element: Json) -> list[Json]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return options


def _empty_state(kind: str) -> Json:
    if kind == "datepicker":
        return {"type": kind, "selected_date": None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": None}
    if kind in ("static_select", "radio_buttons"):
        return {"type": kind, "selected_option": None}
    if kind in ("multi_static_select", "checkboxes"):
        return {"type": kind, "selected_options": []}
    if kind == "users_select":
        return {"type": kind, "selected_user": None}
    return {"type": kind, "value": None}


def _state_default(element: Json) -> Json:
    kind = str(element.get("type"))
    state = _empty_state(kind)
    if kind == "datepicker" and element.get("initial_date"):
        state["selected_date"] = element["initial_date"]
    elif kind == "timepicker" and element.get("initial_time"):
        state["selected_time"] = element["initial_time"]
    elif kind in ("static_select", "radio_buttons") and element.get("initial_option"):
        state["selected_option"] = element["initial_option"]
    elif kind in ("multi_static_select", "checkboxes") and element.get("initial_options"):
        state["selected_options"] = element["initial_options"]
    elif kind == "users_select" and element.get("initial_user"):
        state["selected_user"] = element["initial_user"]
    elif element.get("initial_value") not in (None, ""):
        state["value"] = str(element["initial_value"])
    return state


def _describe(state: Json | None) -> str:
    """The value a field holds, as shown in a prompt ("" when empty)."""
    if not state:
        return ""
    if state.get("selected_option"):
        return plain_text(state["selected_option"].get("text"))
    if state.get("selected_options"):
        return ", ".join(plain_text(o.get("text")) for o in state["selected_options"])
    for key in ("selected_date", "selected_time", "selected_user", "value"):
        if state.get(key):
            return str(state[key])
    return ""


def _parse_answer(kind: str, answer: str, options: list[Json]) -> tuple[Json, str | None]:
    state = _empty_state(kind)
    if kind == "datepicker":
        try:
            state["selected_date"] = dt.date.fromisoformat(answer).isoformat()
        except ValueError:
            return state, "Use a date like 2026-11-30."
        return state, None
    if kind == "timepicker":
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", answer):
            return state, "Use a time like 09:30."
        state["selected_time"] = answer
        return state, None
    if kind in ("static_select", "radio_buttons", "multi_static_select", "checkboxes"):
        chosen = []
        for part in answer.split(",") if kind in ("multi_static_select", "checkboxes") else [answer]:
            option = _pick(part.strip(), options)
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


def _length_problem(element: Json, state: Json) -> str | None:
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


def _pick(answer: str, options: list[Json]) -> Json | None:
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    folded = answer.casefold()
    for option in options:
        if folded in (plain_text(option.get("text")).casefold(), str(option.get("value")).casefold()):
            return option
    return None


__all__ = ["HELP", "BusyTracker", "ConsoleSession", "deliver_digest_now", "scheduler_tick"]
