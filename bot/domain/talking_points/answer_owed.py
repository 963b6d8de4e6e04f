"""An answer the contact needs from the user by a day (split from `case`): "she wants a founder story
for her class in March … needs a yes/no by 12 Jan" makes the next touch your answer, by the 12th, on
what they asked, never the story itself in March. Pure."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.call_text import said_days

# they need an answer from you by a day: "need a yes/no by Tue 22 Dec", "wants an answer before Fri"
THEIR_ANSWER_BY = re.compile(
    r"\b(?:need|needs|wants?|want)\s+(?:a\s+|an\s+|your\s+|our\s+)?(?:yes/no|yes or no|answer|decision|go-ahead|confirmation)\b",
    re.I,
)
# what they asked for, before the answer they need: "wants a local founder story for her class"
_WANTED = re.compile(
    r"\bwants?\s+(?:you\s+(?:to\s+)?|me\s+(?:to\s+)?)?(?P<x>(?:a|an|to)\s[^.;,]{3,60}?)"
    r"(?=\s+(?:in|on|by|before|next|this|from)\s|\s*[.;,]|$)",
    re.I,
)


def answer_owed(notes: str, day: date) -> tuple[str, str, date, str] | None:
    """(action, thing, by, by_words) when `notes` say they need your answer by a day; else None."""
    needed = THEIR_ANSWER_BY.search(notes)
    if not needed:
        return None
    by = next(
        (d for d in said_days(notes, day) if d.start >= needed.end() - 1 and d.lead in ("by", "before")), None
    )
    if by is None:
        return None
    wanted = _WANTED.search(notes[: needed.start()])
    on = f" on {wanted.group('x').strip()}" if wanted else ""
    answer = "a yes or no" if re.search(r"yes", needed.group(), re.I) else "an answer"
    return f"give {answer}{on}", f"{answer}{on}", by.day, " ".join(notes[by.start : by.end].split())
