"""Tags on contacts: `#investor` typed anywhere in `/met` text or in the form's Tags field.

A tag is lower-case letters, digits, `-` and `_`, starting with a letter, at most `MAX_TAG` long;
accents are folded (`#Café` is `cafe`). A contact's tags are stored space-separated, in the order
first typed, without repeats. Slack turns `#word` into a channel link (`<#C0123|word>`) when a
channel of that name exists; that form is read as the tag `word` too. Pure: no I/O.
"""

from __future__ import annotations

import re

from bot.domain.vocabulary import fold

MAX_TAG = 40
MAX_TAGS = 10  # 10 tags of 40 characters and their spaces fit the 500-character column

_WORD = r"[^\W\d_][\w-]*"
# `#word` after the start, a space or an opening bracket (never inside a URL or an e-mail), or Slack's
# channel link for it.
_TAG = re.compile(rf"(?:(?<![^\s(\[])#({_WORD})|<#[CG][A-Z0-9]+\|({_WORD})>)")
_FIELD_TAG = re.compile(r"#?([^\W\d_][\w-]*)")


def normal_tag(word: str) -> str:
    """The stored form of a tag word: folded to lower case without accents, no "#", no end dashes."""
    return fold(word).lstrip("#").strip("-_")


def tags_in(text: str) -> tuple[str, ...]:
    """The tags typed in `text`, in order, without repeats (too long ones are cut to MAX_TAG)."""
    found: list[str] = []
    for m in _TAG.finditer(text or ""):
        tag = normal_tag(m.group(1) or m.group(2))[:MAX_TAG]
        if tag and tag not in found:
            found.append(tag)
    return tuple(found)


def without_tags(text: str) -> str:
    """`text` with its tags taken out (and the spaces they leave collapsed)."""
    return " ".join(_TAG.sub(" ", text or "").split())


def tags_text(tags: tuple[str, ...] | list[str]) -> str:
    """How tags are stored: space-separated."""
    return " ".join(tags)


def tags_of(stored: str | None) -> tuple[str, ...]:
    """A contact's tags from the stored text."""
    return tuple((stored or "").split())


def merged(old: str | None, new: tuple[str, ...]) -> str:
    """The stored tags after adding `new` to `old` (old ones first, no repeats)."""
    tags = list(tags_of(old))
    tags += [t for t in new if t not in tags]
    return tags_text(tags)


def read_tag_field(text: str | None) -> tuple[str, ...] | str:
    """The form's Tags field ("investor, #friend vc") as tags, or a sentence saying what to change."""
    words = [w for w in re.split(r"[\s,;]+", text or "") if w]
    tags: list[str] = []
    for word in words:
        m = _FIELD_TAG.fullmatch(word)
        tag = normal_tag(m.group(1)) if m else ""
        if not tag:
            return (
                f"“{word[:40]}” can't be a tag: a tag starts with a letter and holds letters, digits, "
                "- and _, like `investor` or `pycon-2026`."
            )
        if len(tag) > MAX_TAG:
            return f"The tag “{tag[:40]}…” is longer than {MAX_TAG} characters; shorten it."
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        return f"That is {len(tags)} tags; keep it to {MAX_TAGS} per contact."
    return tuple(tags)


def tag_list_words(tags: tuple[str, ...]) -> str:
    """Tags as shown to the user: `#investor #friend`."""
    return " ".join(f"#{t}" for t in tags)
