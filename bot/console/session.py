"""The console driver: turns typed lines into signed Slack requests and shows what the app sent back.

Nothing here calls a listener directly: every command, click and form goes over HTTP, signed, to the
real Bolt app, and everything shown is read back from the Slack double (or the HTTP answer).
`screen` prints, `forms` asks modals, `digest` asks the dispatcher for a pass, `shown` shows what came
back once the app is quiet.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import secrets
import time
from typing import Any

from bot.console.cards import cards_command
from bot.console.digest import deliver_digest_now, digest_command, scheduler_tick
from bot.console.files import export_command, import_command
from bot.console.forms import Forms
from bot.console.saved_clock import SavedClock
from bot.console.screen import Screen, Surface
from bot.console.shown import AppOutput, _Seen
from bot.console.terminal import Terminal
from bot.domain.clock import ManualClock, local_now
from bot.services.digests import seconds_until_next_due
from bot.testing.busy import BusyTracker
from bot.testing.signed import SlackRequester
from bot.testing.slackdouble import SlackDouble
from handlers import commands as slash_commands

Json = dict[str, Any]

QUIET_SECONDS = 0.3
MAX_WAIT_SECONDS = 5.0
_DURATION = re.compile(r"(\d+)\s*(w|d|h|m)", re.IGNORECASE)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
FILE_COMMANDS = {"import": import_command, "export": export_command, "cards": cards_command}  # files, cards
MAX_DIGEST_TIMES = 31  # `advance` delivers at most this many mornings' digests one by one

HELP = """\
Type what you would type in Slack, or a console command:
  /met Jane Doe of Acme at PyCon: hiring data engineers   save a contact (/met help for more)
  /prep Jane                                              talking points before a call
  /called Jane voicemail                                  log how a call went
  called Jane, voicemail · snooze Ravi 2w · done Jane     any other line is a DM to Warmcall
  reply voicemail    the same, in the thread of today's digest (no name needed)
  shortcut log   the Log a call shortcut · shortcut save TEXT: Save as contact on a colleague's post
  click N        press button [N] from the latest output
  home           open your App Home
  digest         get today's digest DM now
  search WORDS   search the open All contacts list (click its buttons with `click N`)
  advance 3d     move the clock forward (w, d, h, m; e.g. 2h, 30m, 1d12h); each morning on
                 the way delivers its digest, and the clock is kept for your next session
  import FILE [at EVENT] [on DATE]   preview contacts from a .csv or .vcf, then click Import
                 (or Import and schedule all, to give connections over 6 months old follow-ups too)
  cards PHOTO...  read photos of business cards (up to 10), then click Review and save
  export FILE    write all your contacts to FILE (.csv) and beside it as .vcf
  help           this list
  quit           leave (Ctrl-D works too)
In a form: Enter keeps the value shown in [brackets], "-" clears it, "!cancel" closes the form."""


COLLEAGUE = "U0SAMRIVERA"  # who posts the message `shortcut save` runs on
SAMPLE_POST = "Happy to walk you through our data pipeline setup. Ping me next week!"


class ConsoleSession(AppOutput):
    """One console user's session: reads lines, sends them to the app signed, prints what came back."""

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
        saved_clock: SavedClock | None = None,
    ) -> None:
        self.services = services
        self.double = double
        self.slack = requester
        self.clock = clock
        self.term = terminal
        self.user_id = user_id
        self.user_name = user_name
        self.tz = tz
        self.busy = busy or BusyTracker()
        self.saved_clock = saved_clock or SavedClock(None)
        self.clock_note: str | None = None  # said at start when the clock goes on from a last session
        self.app: Any = None  # the Bolt app, for tests that add a listener of their own
        self.team_id = requester.team_id
        self.dm_channel = f"D{user_id}"
        self._fake_ts = itertools.count(1)  # fake message ts and pushed view ids share one count
        # Event ids unique across sessions: the app claims each DM's event id once, for good, and a
        # database kept from an earlier session holds that session's ids (same count, same ids).
        self._event_tag = secrets.token_hex(4).upper()
        self._seen = _Seen(len(double.calls), len(double.responses))
        self.screen = Screen(terminal, user_id=user_id, user_name=user_name)
        self.forms = Forms(
            screen=self.screen,
            slack=requester,
            user_id=user_id,
            settle=self.settle,
            ids=self._fake_ts,
            today=lambda: local_now(self.clock, self.tz).date(),
            now=lambda: local_now(self.clock, self.tz),
        )

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
                self.screen.note("(interrupted)")
            except Exception as exc:  # the console stays up; the details are one line, not a traceback
                self.services.log.debug("console command failed", exc_info=True)
                self.screen.error(
                    f"That didn't work: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                )

    def handle(self, line: str) -> bool:
        """Run one input line; False means quit."""
        self.screen.new_batch()
        self.show_new()  # anything that arrived late since the last command comes first
        self.screen.new_batch()
        word, _, rest = line.partition(" ")
        word = word.lower()
        if line.startswith("/"):
            self.slash_command(word, rest.strip())
        elif word in ("quit", "exit", "q"):
            return False
        elif word in ("help", "?", "h"):
            self.screen.write(HELP)
        elif word == "click":
            self.click(rest.strip())
        elif word == "home":
            self.open_home()
        elif word == "digest":
            self.digest()
        elif word == "advance":
            self.advance(rest.strip())
        elif word in FILE_COMMANDS:
            FILE_COMMANDS[word](self, rest.strip())
        elif word == "shortcut":
            self.shortcut(rest.strip())
        elif word == "reply":
            self.direct_message(rest.strip(), in_digest_thread=True)
        elif word == "search" and (searched := self.forms.search(rest.strip())) is not None:
            self.after_request(searched, show_ack=False)
        else:
            self.direct_message(line)
        return True

    # -- commands -----------------------------------------------------------------------------------

    def slash_command(self, command: str, text: str) -> None:
        known = slash_commands.COMMANDS  # read at call time: tests add a command of their own
        if command not in known:
            self.screen.error(f"{command} is not a Warmcall command; try {', '.join(known)}.")
            self.screen.write(HELP)
            return
        self.screen.new_batch()
        reply = self.slack.command(
            self.user_id,
            command,
            text,
            channel_id=self.dm_channel,
            response_url=self.double.new_response_url(channel=self.dm_channel, user_id=self.user_id),
        )
        self.after_request(reply)

    def shortcut(self, argument: str) -> None:
        """`shortcut log`: the Log a call shortcut; `shortcut save [TEXT]`: Save as contact on a
        message a colleague (Sam Rivera) posts in #general, TEXT or a sample."""
        kind, _, text = argument.partition(" ")
        kind = kind.lower()
        if kind == "log":
            self.screen.new_batch()
            self.after_request(self.slack.shortcut(self.user_id, "log_a_call"), show_ack=False)
        elif kind == "save":
            self.double.add_user(COLLEAGUE, name="sam", real_name="Sam Rivera", title="Partnerships, Globex")
            message = {"user": COLLEAGUE, "text": text.strip() or SAMPLE_POST, "ts": self.fake_ts()}
            self.screen.new_batch()
            reply = self.slack.shortcut(
                self.user_id, "save_as_contact", message=message, channel_id="C0GENERAL"
            )
            self.after_request(reply, show_ack=False)
        else:
            self.screen.error(
                "Say which one: `shortcut log` (Log a call) or `shortcut save TEXT` (Save as contact)."
            )

    def direct_message(self, text: str, *, in_digest_thread: bool = False) -> None:
        """A line that is no console command is typed into Warmcall's DM (its Messages tab), as a
        `message.im` event; `reply TEXT` types it in the thread of today's digest."""
        thread_ts = None
        if in_digest_thread:
            digest = self.todays_digest()
            if digest is None or not text:
                self.screen.error(
                    "`reply TEXT` answers in the thread of today's digest: type `digest` first."
                )
                return
            thread_ts = digest["ts"]
        ts = self.fake_ts()
        event = {
            "type": "message",
            "channel": self.dm_channel,
            "channel_type": "im",
            "user": self.user_id,
            "text": text,
            "ts": ts,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        self.screen.new_batch()
        event_id = f"Ev{self._event_tag}{next(self._fake_ts):06d}"
        self.after_request(self.slack.event(event, event_id), show_ack=False)

    def click(self, argument: str) -> None:
        if not argument.isdigit():
            self.screen.error("Say which button: `click 2` presses [2].")
            return
        number = int(argument)
        chosen = self.screen.button(number)
        if chosen is None:
            count = self.screen.button_count()
            shown = f"1–{count}" if count else "none right now"
            self.screen.error(f"There is no button [{number}] (buttons shown: {shown}).")
            return
        element, surface = chosen.clickable.element, chosen.surface
        if element.get("confirm") and not self.forms.confirm(element["confirm"]):
            self.screen.note("(cancelled — nothing was sent)")
            return
        kind = element.get("type")
        selected = None
        if kind in ("static_select", "overflow", "radio_buttons"):
            selected = self.forms.choose_option(element)
            if selected is None:
                return
        self.press(element, chosen.clickable.block_id, surface, selected)

    def press(self, element: Json, block_id: str, surface: Surface, selected: Json | None) -> None:
        action_id = str(element.get("action_id") or "")
        self.screen.new_batch()
        kwargs: dict[str, Any] = {
            "block_id": block_id,
            "action_type": element.get("type"),
            "selected_option": selected,
        }
        if surface.kind == "view" and surface.view is not None:
            if surface.view.get("type") == "home":
                view = self.double.home_of(self.user_id) or surface.view
            else:
                view = self.forms.modals.get(surface.view["id"], surface.view)
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
        self.screen.new_batch()
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
            self.screen.note("(App Home has nothing published yet)")
            return
        self.screen.banner("App Home")
        self.screen.show_view_blocks(home, Surface("view", view=home))

    def digest(self) -> None:
        digest_command(self)  # bot/console/digest.py

    def advance(self, argument: str) -> None:
        parts = _DURATION.findall(argument)
        if not parts or _DURATION.sub("", argument).strip():
            self.screen.error("Say how far: `advance 3d`, `advance 2h`, `advance 30m` or `advance 1w`.")
            return
        delta = dt.timedelta()
        for amount, unit in parts:
            delta += dt.timedelta(**{_UNITS[unit.lower()]: int(amount)})
        self.screen.new_batch()
        target = self.clock.now() + delta
        self.pass_digest_times(target)
        self.clock.set(target)
        now = local_now(self.clock, self.tz)
        self.screen.note(f"It is now {now:%a %d %b %Y, %H:%M} ({self.tz}).")
        # What the scheduler's dispatcher would do on its next tick at this time.
        scheduler_tick(self.services)
        self.settle()
        self.saved_clock.save(self.clock.now(), dt.datetime.now(dt.UTC))

    def pass_digest_times(self, target: dt.datetime) -> None:
        """Stop the clock at each digest time on the way to `target`, in order, and let the
        dispatcher deliver that morning's digest as the running scheduler would have."""
        previous: dt.datetime | None = None
        for passed in itertools.count():
            wait = seconds_until_next_due(self.services)
            if wait is None:
                return  # no digest is coming (no profile yet, or nudges paused)
            at = self.clock.now() + dt.timedelta(seconds=wait)
            if at > target or (previous is not None and at <= previous):
                return  # past the target, or the dispatcher left it for the tick at the target
            if passed == MAX_DIGEST_TIMES:
                self.screen.note(
                    f"(More digest times pass on the way; I showed the first {MAX_DIGEST_TIMES}. "
                    "Advance in smaller steps to see each one.)"
                )
                return
            previous = at
            if at > self.clock.now():
                self.clock.set(at)
            local = local_now(self.clock, self.tz)
            before = len(self.double.dm_messages(self.user_id))
            if wait:
                self.screen.note(f"{local:%a %d %b %Y, %H:%M}: your digest time.")
            else:
                self.screen.note(f"{local:%a %d %b %Y, %H:%M}: today's digest was still to come.")
            scheduler_tick(self.services)
            self.settle()
            if len(self.double.dm_messages(self.user_id)) == before:
                self.screen.note("(no digest: nobody was due)")

    # -- waiting for the app to go quiet (what came back is shown by bot.console.shown) ---------------

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


__all__ = ["HELP", "BusyTracker", "ConsoleSession", "deliver_digest_now", "scheduler_tick"]
