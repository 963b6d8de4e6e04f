"""The words after `import`: `[PATH] [at EVENT] [on DATE]` (the console has a path; Slack does not).

Pure. `at` and `on` are taken from the right, as whole words, so a path or an event with other
words keeps them: `import ~/Downloads/Connections.csv at Web Summit on Nov 20`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ON = re.compile(r"(?:^|\s)on\s+(?P<on>.+?)\s*$", re.I)
_AT = re.compile(r"(?:^|\s)at\s+(?P<at>.+?)\s*$", re.I)


@dataclass(frozen=True)
class ImportWords:
    path: str | None
    event: str | None
    on: str | None


def split_import_words(text: str) -> ImportWords:
    rest = (text or "").strip()
    on = event = None
    if m := _ON.search(rest):
        on, rest = m["on"], rest[: m.start()].strip()
    if m := _AT.search(rest):
        event, rest = m["at"], rest[: m.start()].strip()
    if on is None and event is not None and (m := _ON.search(event)):  # "at X on D" read right to left
        on, event = m["on"], event[: m.start()].strip()
    return ImportWords(rest or None, event or None, on or None)
