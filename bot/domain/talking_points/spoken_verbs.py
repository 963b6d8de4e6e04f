"""A verb said to the person it was about: "he needs" → "you need" (phrases.spoken). Pure."""

from __future__ import annotations

import re

_YOU_VERB = dict(  # "he is" → "you are"
    pair.split(":")
    for pair in "is:are was:were has:have does:do isn't:aren't wasn't:weren't hasn't:haven't doesn't:don't".split()  # noqa: SIM905
)


def _plain_verb(word: str) -> str:
    """ "needs" → "need", "goes" → "go", "watches" → "watch"; "access" stays."""
    if word.endswith("ss") or len(word) < 4:
        return word
    if re.search(r"(?:sh|ch|x|o)es$", word):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]
