"""Reading lines and writing the transcript: readline when interactive, an echoed script when piped."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from bot.console.render import CYAN, Style

HISTORY_FILE = os.path.expanduser("~/.warmcall_console_history")


class Terminal:
    """Where the console reads its input and writes its transcript.

    Interactive (stdin is a TTY): a prompt with readline editing and history. Scripted (stdin piped):
    every line read is echoed after the prompt, so the output reads as a transcript.
    """

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.interactive = _isatty(self.stdin)
        self.style = Style(color=_isatty(self.stdout) and not os.environ.get("NO_COLOR"))
        self._readline = _setup_readline() if self.interactive else None

    def write(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def read(self, prompt: str, *, history: bool = True) -> str | None:
        """One line without its newline, or None at end of input (EOF, Ctrl-D).

        `history=False` keeps the answer out of readline's history (form answers, y/N).
        """
        if self.interactive:
            try:
                line = input(self.style.wrap(CYAN, prompt) if self._readline is None else prompt)
            except EOFError:
                self.write()
                return None
            if not history and line and self._readline is not None:
                length = self._readline.get_current_history_length()
                if length:
                    self._readline.remove_history_item(length - 1)
            return line
        line = self.stdin.readline()
        if not line:
            return None
        line = line.rstrip("\r\n")
        self.write(f"{prompt}{line}")
        return line

    def close(self) -> None:
        if self._readline is not None:
            try:
                self._readline.set_history_length(1000)
                self._readline.write_history_file(HISTORY_FILE)
            except OSError:  # a read-only home is fine: history is a convenience
                pass


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _setup_readline():
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return None
    try:
        readline.read_history_file(HISTORY_FILE)
    except OSError:
        pass
    return readline
