"""What the console prints: banners and notes, messages and views as text, and their numbered buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.console.render import BOLD, DIM, GREEN, RED, YELLOW, Clickable, Renderer
from bot.console.terminal import Terminal

Json = dict[str, Any]


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


class Screen:
    """The terminal's output side; remembers the buttons shown so that `click N` can press one."""

    def __init__(self, terminal: Terminal, *, user_id: str, user_name: str) -> None:
        self.term = terminal
        self.style = terminal.style
        self.user_id = user_id
        self.user_name = user_name
        self._shown: list[Shown] = []
        self._batch_open = False

    def write(self, text: str) -> None:
        self.term.write(text)

    def banner(self, title: str) -> None:
        self.term.write(self.style.wrap(YELLOW + BOLD, f"── {title} ──"))

    def note(self, text: str) -> None:
        self.term.write(self.style.wrap(DIM, text))

    def error(self, text: str) -> None:
        self.term.write(self.style.wrap(RED, text))

    def success(self, text: str) -> None:
        self.term.write(self.style.wrap(GREEN, text))

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

    # -- numbered buttons -------------------------------------------------------------------------

    def new_batch(self) -> None:
        """The next buttons shown belong to a new request: they replace the ones on screen."""
        self._batch_open = False

    def button(self, number: int) -> Shown | None:
        return next((s for s in self._shown if s.clickable.number == number), None)

    def button_count(self) -> int:
        return len(self._shown)

    def name_of(self, user_id: str) -> str | None:
        return self.user_name if user_id == self.user_id else None

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
