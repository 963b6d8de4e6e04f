"""What reading one file may cost: CPU seconds on a clock the caller passes in (the reading thread's
CPU time in the app), and the text's lines one at a time, so no list of every line is ever held."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
CHECK_EVERY = 16  # calls of check() between two readings of the clock (a row costs microseconds)


class OverBudget(Exception):
    """Reading the file took more CPU than its budget."""


class Budget:
    """`seconds` of `clock` for one file, counted from when the budget is made."""

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.seconds = seconds
        self._clock = clock
        self._start = clock()
        self._calls = 0

    def check(self) -> None:
        """Raise OverBudget once the file has used its seconds (called once a row or card)."""
        self._calls += 1
        if self._calls % CHECK_EVERY == 0 and self._clock() - self._start > self.seconds:
            raise OverBudget


class Unlimited(Budget):
    def __init__(self) -> None:
        super().__init__(float("inf"), lambda: 0.0)

    def check(self) -> None:
        return None


def lines_of(text: str, *, keep_ends: bool = False) -> Iterator[str]:
    """The text's lines (ended by CRLF, CR or LF), lazily: memory stays at one line."""
    for match in _LINE.finditer(text):
        line = match.group()
        yield line if keep_ends else line.rstrip("\r\n")
