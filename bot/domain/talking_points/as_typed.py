"""A note quoted back in the user's own words. The coach reads notes as meant (`as_read`: "просит КП до
25.12" is read "asks for quote by 25 Dec"), but what it quotes as "your note" is what the user typed:
never a half-translated "lista de prices" or "decision заказчика". Pure."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.domain.talking_points.models import Reason, TalkingPoints

_QUOTED = re.compile(r'"([^"\n]{3,300})"|“([^”\n]{3,300})”')
_TOKEN = re.compile(r"\S+")
_EDGE = " \t.,;:!?…-—«»\"'“”"
_LONGEST = 45  # words in a quote


def _plain(text: str) -> str:
    """Compared loosely: case, spacing and a word's plural or third person ("decide"/"decides") aside."""
    return " ".join(
        w.removesuffix("s") for w in text.strip(_EDGE + "()").casefold().split()
    )  # "8.1.)" ends "8.1"


def _span_of(quote: str, typed: str, read: Callable[[str], str | None]) -> str | None:
    """The words of `typed` that read as `quote` ("…" at its end: that read begins the quote's words)."""
    clipped = quote.rstrip().endswith("…")
    want = _plain(quote)
    if not want:
        return None
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(typed)]
    for i, (start, _end) in enumerate(tokens):
        astray = 0  # words read so far that do not begin the quote ("los" of "los lunes": "on Mondays")
        for j in range(i, min(len(tokens), i + _LONGEST)):
            span = typed[start : tokens[j][1]]
            said = _plain(read(span) or "")
            if said == want or (clipped and said.startswith(want)):
                return _balanced(span.strip(_EDGE)) + ("…" if clipped else "")
            astray = 0 if want.startswith(said) else astray + 1
            if astray > 5 or len(said) > len(want) + 40:  # a cue of up to five words
                break
    return None


def own_clause(clause: str, typed: list[str], read: Callable[[str], str | None]) -> str:
    """A clause read from the notes, as the user typed it (or as it is, when no words of theirs read so)."""
    if any(clause in t for t in typed):
        return clause
    head, colon, tail = clause.rpartition(": ")  # "… closed 24 Dec to 4 Jan: reach them by Wed 23 Dec"
    if colon and tail.startswith("reach them"):
        return f"{own_clause(head, typed, read)}: {tail}"
    return next((span for t in typed if (span := _span_of(clause, t, read))), clause)


def _balanced(span: str) -> str:
    """ "(нет джина)" keeps both brackets; "пилы им (" none of an unpaired one at an end."""
    if span.count("(") > span.count(")"):
        span = span.lstrip("(") if span.startswith("(") else span.rstrip(" (")
    if span.count(")") > span.count("("):
        span = span.rstrip(")") if span.endswith(")") else span.lstrip(") ")
    return span.strip(_EDGE)


def in_own_words(text: str, typed: list[str], read: Callable[[str], str | None]) -> str:
    """`text` with each quoted note that the user did not type so put back as they typed it."""
    if not text or ('"' not in text and "“" not in text):
        return text

    def own(m: re.Match[str]) -> str:
        quote = m.group(1) or m.group(2)
        if quote != quote.strip() or any(quote.rstrip("…") in t for t in typed):
            # ' before they ask' between a quote inside a quote and the end of it is no quote of its own
            return m.group()
        for t in typed:
            span = _span_of(quote, t, read)
            if span and span != quote:
                return m.group().replace(quote, span)
        return m.group()

    return _QUOTED.sub(own, text)


def reason_in_own_words(reason: Reason, typed: list[str], read: Callable[[str], str | None]) -> Reason:
    if not typed:
        return reason  # notes read as typed: nothing to put back
    return replace(
        reason,
        text=in_own_words(reason.text, typed, read),
        why=in_own_words(reason.why, typed, read),
        short=in_own_words(reason.short, typed, read),
    )


def points_in_own_words(
    points: TalkingPoints, typed: list[str], read: Callable[[str], str | None]
) -> TalkingPoints:
    if not typed:
        return points
    own = lambda text: in_own_words(text, typed, read)  # noqa: E731
    return replace(
        points,
        reason=reason_in_own_words(points.reason, typed, read),
        alternatives=tuple(reason_in_own_words(r, typed, read) for r in points.alternatives),
        opener=own(points.opener),
        goal=own(points.goal),
        fallback=own(points.fallback),
        voicemail=own(points.voicemail),
        gap_note=own(points.gap_note) if points.gap_note else points.gap_note,
        heed=tuple(own_clause(h, typed, read) for h in points.heed),
    )
