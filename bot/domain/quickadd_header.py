"""Reading the `/met` line's header (bot.domain.quickadd's first half): the special tokens found
anywhere in it (Slack mentions and links, URLs, e-mails, phone numbers), the colon that starts the
notes, the met date, and the header's words sorted into name, company, event, introducer, referrer
and promise by their keywords. The rules are in bot.domain.quickadd's docstring.

Pure: no Slack types, no I/O, no clock (`today` is passed in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from bot.domain.contact_details import EMAIL, e164
from bot.domain.dates import NUMBER_WORDS, DateProblem, match_ahead, match_date, met_date_problem
from bot.domain.names import is_pronouns


@dataclass(frozen=True)
class ParseError:
    """One friendly sentence about what to change; `field` names the culprit when there is one."""

    message: str
    field: str | None = None


# --- special tokens --------------------------------------------------------------------------------

_ANGLE = re.compile(r"<([@#!][^<>\s|]*(?:\|[^<>]*)?|(?:https?|mailto|tel):[^<>\s|]*(?:\|[^<>]*)?)>", re.I)
_MENTION = re.compile(r"@([UW][A-Z0-9]+)(?:\|.*)?", re.S)
_URL = re.compile(r"(?<![\w@/.])(?:https?://|www\.)[^\s<>]+", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_SHAPE = re.compile(r"(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])")
_URL_TRAIL = ".,;:!?'\"»”’"


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # "mention" | "email" | "url" | "phone" | "text" (other Slack markup, kept as typed)
    value: str  # canonical value (U-id, address, E.164, url); raw text for "text"


def _find_spans(text: str, region: str) -> list[_Span]:
    """Every special token in `text`, left to right, non-overlapping."""
    spans: list[_Span] = []
    taken = bytearray(len(text))

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(span: _Span) -> None:
        spans.append(span)
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)

    for m in _ANGLE.finditer(text):
        take(_angle_span(m, region))
    for m in _URL.finditer(text):
        start, end = m.start(), m.end()
        while end > start and (text[end - 1] in _URL_TRAIL or _unbalanced_paren(text[start:end])):
            end -= 1
        if end - start > 4 and free(start, end):
            take(_Span(start, end, "url", text[start:end]))
    for m in EMAIL.finditer(text):
        if free(m.start(), m.end()):
            take(_Span(m.start(), m.end(), "email", m.group(0).lower()))
    # Phone search runs on a copy with the tokens above and ISO dates blanked out.
    masked = "".join(" " if taken[i] else ch for i, ch in enumerate(text))
    masked = _ISO_SHAPE.sub(lambda m: " " * len(m.group(0)), masked)
    try:
        matcher = phonenumbers.PhoneNumberMatcher(masked, region, leniency=phonenumbers.Leniency.VALID)
        for match in matcher:
            digits = sum(ch.isdigit() for ch in match.raw_string)
            if digits < 6 or _YEAR.fullmatch(match.raw_string.strip()):
                continue  # "Green Office Awards 2026": a year, never a phone (some countries have 4-digit numbers)
            if free(match.start, match.end):
                number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                take(_Span(match.start, match.end, "phone", number))
    except Exception:  # a phone we can't read is just text, never a crash
        pass
    spans.sort(key=lambda s: s.start)
    return spans


def _blanked(head: str, spans: list[_Span]) -> str:
    """`head` with the special tokens in it (e-mails, links, numbers read) blanked out: linear."""
    chars = list(head)
    for s in spans:
        end = min(s.end, len(chars))
        if s.start < end:
            chars[s.start : end] = " " * (end - s.start)
    return "".join(chars)


def _unbalanced_paren(url: str) -> bool:
    return url.endswith(")") and url.count(")") > url.count("(")


def _angle_span(m: re.Match[str], region: str) -> _Span:
    inner = m.group(1)
    mention = _MENTION.fullmatch(inner)
    target = inner.partition("|")[0]
    lowered = target.lower()
    if mention:
        return _Span(m.start(), m.end(), "mention", mention.group(1))
    if lowered.startswith("mailto:") and "@" in target:
        return _Span(m.start(), m.end(), "email", target[7:].lower())
    if lowered.startswith(("http://", "https://")):
        return _Span(m.start(), m.end(), "url", target)
    if lowered.startswith("tel:") and (phone := e164(target[4:], region)):
        return _Span(m.start(), m.end(), "phone", phone)
    return _Span(m.start(), m.end(), "text", m.group(0))


def _notes_colon(text: str, spans: list[_Span]) -> int:
    """Index of the colon that starts the notes, or -1."""
    inside = bytearray(len(text))
    for s in spans:
        inside[s.start : s.end] = b"\x01" * (s.end - s.start)
    pos = text.find(":")
    while pos != -1:
        in_word = 0 < pos < len(text) - 1 and text[pos - 1].isalnum() and text[pos + 1].isalnum()
        if not inside[pos] and not in_word:
            return pos
        pos = text.find(":", pos + 1)
    return -1


# --- dates -----------------------------------------------------------------------------------------

_MET_EXAMPLE = "`on 2026-11-20`"


class _DateProblem(Exception):
    def __init__(self, error: ParseError) -> None:
        super().__init__(error.message)
        self.error = error


def _met_date(words: list[str], today: date) -> tuple[int, date] | None:
    """A met date at the start of `words`: never ahead of today, at most two years back. Raises
    _DateProblem for bad dates, and for `on` + a phrase that names a day ahead (`on next week`)."""
    try:
        found = match_date(words, today, bare=False)
        if found is None and words[0] == "on" and len(words) > 1 and (ahead := match_ahead(words[1:], today)):
            found = ahead[0] + 1, ahead[1]
    except DateProblem as problem:
        raise _DateProblem(ParseError(problem.sentence(_MET_EXAMPLE), "met_on")) from None
    if found is not None and found[1] > today:
        shown = " ".join(w for w in words[: found[0]] if w != "on")
        message = f"`{shown}` is in the future. Use the day you met, like `yesterday` or `on monday`."
        raise _DateProblem(ParseError(message, "met_on"))
    if found is not None and (problem := met_date_problem(found[1], today)):
        raise _DateProblem(ParseError(problem, "met_on"))
    return found


# --- the header (everything before the notes colon) ------------------------------------------------

_WORD = re.compile(r"\([^()]*\)|[^\s()]+|[()]")
_EDGE = ",;.!?"
_TRAIL = ",;:.!?-–—·/|"
_LEAD = ",;:.!?-–—·/|"
_ABBREVIATIONS = ("inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "llc.", "plc.", "st.", "dr.", "bros.")


@dataclass
class _Tok:
    kind: str  # "word" | "paren" | "mention" | "markup" | "email" | "url" | "phone"
    text: str
    value: str = ""

    @property
    def key(self) -> str:
        return self.text.strip(_EDGE).casefold() if self.kind == "word" else ""


def _tokens(text: str, start: int, end: int, spans: list[_Span]) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = start
    for s in spans:
        if s.end <= start or s.start >= end:
            continue
        toks.extend(_plain_tokens(text[pos : s.start]))
        if s.kind == "text":
            toks.append(_Tok("markup", s.value))
        else:
            toks.append(_Tok(s.kind, text[s.start : s.end], s.value))
        pos = s.end
    toks.extend(_plain_tokens(text[pos:end]))
    return toks


def _plain_tokens(chunk: str) -> list[_Tok]:
    return [_Tok("paren" if w.startswith("(") and len(w) > 1 else "word", w) for w in _WORD.findall(chunk)]


@dataclass
class _Header:
    parts: dict[str, list[str]] = field(
        default_factory=lambda: {
            "name": [],
            "company": [],
            "event": [],
            "via": [],
            "referrer": [],
            "promise": [],
            "extra": [],
        }
    )
    started: set[str] = field(default_factory=set)
    company: str | None = None  # from parentheses
    met_on: date | None = None
    slack_user_id: str | None = None
    found: dict[str, str] = field(default_factory=dict)  # email/url/phone -> first value
    spare: list[str] = field(default_factory=list)  # extra special tokens, kept for the notes


def _parse_header(toks: list[_Tok], today: date) -> _Header:
    h = _Header()
    current = "name"
    keys = [t.key for t in toks]
    explicit = _explicit_on(keys, today)
    i = 0
    while i < len(toks):
        tok, key = toks[i], keys[i]
        has_next = i + 1 < len(toks)
        if tok.kind in ("email", "url", "phone"):
            _keep_special(h, tok)
        elif tok.kind == "mention":
            if current == "name" and h.slack_user_id is None:
                h.slack_user_id = tok.value
            else:
                h.parts[current].append(f"<@{tok.value}>" if current in _PEOPLE else tok.text)
        elif tok.kind == "markup":
            if current not in ("name", *_PEOPLE):
                h.parts[current].append(tok.text)
        elif current == "promise":  # the rest of the line: its own words and deadline
            h.parts[current].append(tok.text)
        elif tok.kind == "paren" and is_pronouns(tok.text):
            pass  # "(she/her)" says how to refer to them: never a company, never part of the name
        elif tok.kind == "paren":
            if current == "name" and "company" not in h.started and (h.parts["name"] or h.slack_user_id):
                h.company = _clean(tok.text[1:-1]) or None
                h.started.add("company")
                current = "extra"
            else:
                h.parts[current].append(tok.text)
        elif h.met_on is None and key and i >= explicit and (found := _date_at(keys, i, today)):
            used, h.met_on = found
            current = "extra"
            i += used
            continue
        elif key in ("of", "from") and has_next and _company_may_start(h, current, key):
            current = "company"
            h.started.add(current)
        elif key == "at" and has_next and "event" not in h.started:
            current = "event"
            h.started.add(current)
        elif key == "via" and has_next and "via" not in h.started:
            current = "via"
            h.started.add(current)
        elif key == "referred" and i + 2 < len(toks) and keys[i + 1] == "by" and "referrer" not in h.started:
            current = "referrer"
            h.started.add(current)
            i += 2
            continue
        elif key == "promised" and has_next and (h.parts["name"] or h.slack_user_id):
            current = "promise"
            h.started.add(current)
            if keys[i + 1] == "to" and i + 2 < len(toks):
                i += 1
        else:
            h.parts[current].append(tok.text)
        i += 1
    return h


_PEOPLE = ("via", "referrer")


def _explicit_on(keys: list[str], today: date) -> int:
    """Where `on DATE` starts, when the line has one after a bare date word: then that word is part of
    a name or company (`/met Due Today of Foo on 2026-11-20`), and the explicit date is the met day.
    0 (every position may start a date) otherwise."""
    bare = next((i for i, key in enumerate(keys) if key in ("today", "yesterday")), None)
    if bare is None:
        return 0
    for i in range(bare + 1, len(keys)):
        if keys[i] == "on":
            try:
                if _met_date(keys[i : i + 5], today) is not None:
                    return i
            except _DateProblem:
                return i  # a bad explicit date: its own sentence says what to fix
    return 0


def _date_at(keys: list[str], i: int, today: date) -> tuple[int, date] | None:
    # Only a handful of words can start a date phrase; checking that first keeps the scan linear.
    head = keys[i]
    if not (head in ("today", "yesterday", "last", "on") or head[:1].isdigit() or head in NUMBER_WORDS):
        return None
    return _met_date(keys[i : i + 5], today)


def _company_may_start(h: _Header, current: str, key: str) -> bool:
    if "company" in h.started:
        return False
    return current in ("name", "extra") or (current == "event" and key == "from")


def _keep_special(h: _Header, tok: _Tok) -> None:
    if tok.kind not in h.found:
        h.found[tok.kind] = tok.value
    else:
        h.spare.append(tok.text)


# --- cleaning --------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Collapse whitespace and trim dangling punctuation, keeping an `Inc.`-style final dot."""
    text = " ".join(text.split()).lstrip(_LEAD + " ")
    while text and text[-1] in _TRAIL + " ":
        if text[-1] == "." and text.casefold().endswith(_ABBREVIATIONS):
            break
        text = text[:-1]
    return text
