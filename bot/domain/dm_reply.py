"""What a plain message to Warmcall's DM asks for: which verb leads it (called, met, snooze, done)
and what follows. The rest is read by the same grammar as /called and /met; this only picks the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.cadence import parse_outcome, split_outcome
from bot.domain.vocabulary import Outcome


class Verb(StrEnum):
    CALLED = "called"
    MET = "met"
    SNOOZE = "snooze"
    DONE = "done"
    HELP = "help"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class DmReply:
    """`verb`, and the text after it (`rest`): a /called or /met text, or the name to snooze or close.
    `days`: how long a snooze lasts (None: the workspace's default). `typed_verb`: the text began
    with the verb itself (else a /called text was guessed from an outcome word in it)."""

    verb: Verb
    rest: str = ""
    days: int | None = None
    typed_verb: bool = False


_VERBS = {
    "called": Verb.CALLED,
    "call": Verb.CALLED,
    "rang": Verb.CALLED,
    "phoned": Verb.CALLED,
    "met": Verb.MET,
    "snooze": Verb.SNOOZE,
    "done": Verb.DONE,
    "kept": Verb.DONE,
}
_HELP_WORDS = frozenset({"help", "?", "hi", "hello", "hey", "how", "what"})
_LEAD = re.compile(r"^\s*(\S+?)[,:]?(?:\s+|$)")
_DURATION = re.compile(
    r"(?:\s+|^)(?:for\s+)?(?P<n>\d{1,3}|an?|one|two|three|four)\s*"
    r"(?P<unit>d|days?|w|wks?|weeks?|m|mo|months?)\.?\s*$",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}
MAX_TEXT = 4000  # a longer DM is not a log line: answered with the help line


def without_bot_mention(text: str, bot_user_id: str | None) -> str:
    """A DM that starts by addressing the bot (`@Warmcall called jane, voicemail`, which Slack sends
    as `<@U0BOT> called jane, voicemail`) reads as the same line without it."""
    if not bot_user_id:
        return text
    pattern = r"\s*<@" + re.escape(bot_user_id) + r"(?:\|[^>]*)?>\s*[:,]?\s*"
    return re.sub("^" + pattern, "", text or "", count=1)


def read_reply(text: str) -> DmReply:
    """Read a DM: `called jane, voicemail`, `jane reached: wants the case study`, `met Tom Lee of
    Globex`, `snooze ravi 2w`, `done jane`. A text with no verb is a /called text when it names an
    outcome; anything else is UNREADABLE (answered with one help line)."""
    text = " ".join((text or "").split())
    if not text or len(text) > MAX_TEXT:
        return DmReply(Verb.UNREADABLE)
    lead = _LEAD.match(text)
    word = lead.group(1).casefold() if lead else ""
    rest = text[lead.end() :].strip() if lead else ""
    if word in _HELP_WORDS and not rest or word == "help":
        return DmReply(Verb.HELP)
    natural = natural_order(text)
    if natural is not None:
        return DmReply(Verb.CALLED, natural, typed_verb=True)
    verb = _VERBS.get(word)
    if verb is Verb.CALLED:
        return DmReply(Verb.CALLED, _uncomma(rest), typed_verb=True)
    if verb is Verb.MET:
        return DmReply(Verb.MET, rest, typed_verb=True)
    if verb is Verb.SNOOZE:
        name, days = snooze_parts(rest)
        return DmReply(Verb.SNOOZE, name, days, typed_verb=True)
    if verb is Verb.DONE:
        name = re.sub(r"^(?:with|for|to)\s+", "", rest, flags=re.IGNORECASE)
        return DmReply(Verb.DONE, name.rstrip(".!"), typed_verb=True)
    guessed = _uncomma(text)
    if leading_outcome(guessed) is not None or split_outcome(guessed)[1] is not None:
        return DmReply(Verb.CALLED, guessed)
    return DmReply(Verb.UNREADABLE)


_NAME = r"(?P<name>[^,:;.!?]{1,80}?)"
_TAIL = r"(?P<tail>(?:\s*[,:;.!]\s*|\s+[-–—]\s+|\s+(?=(?:yesterday|today|this\s+morning|on|last)\b)|\s*$).*)"
_NATURAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), outcome)
    for pattern, outcome in (
        (rf"^(?:i\s+)?(?:spoke|talked|chatted|caught\s+up)\s+(?:to|with)\s+{_NAME}{_TAIL}$", "reached"),
        (rf"^(?:i\s+)?(?:got|reached)\s+(?:through\s+to\s+)?{_NAME}\s+on\s+the\s+phone{_TAIL}$", "reached"),
        (
            rf"^{_NAME}\s+(?:picked\s+up|answered|called\s+(?:me\s+)?back|rang\s+(?:me\s+)?back){_TAIL}$",
            "reached",
        ),
        (
            rf"^(?:i\s+)?left\s+{_NAME}\s+an?\s+(?:voicemail|voice\s+mail|vm|voice\s+message){_TAIL}$",
            "voicemail",
        ),
        (
            rf"^(?:i\s+)?left\s+an?\s+(?:voicemail|voice\s+mail|vm|voice\s+message)\s+(?:for|with)\s+{_NAME}{_TAIL}$",
            "voicemail",
        ),
        (rf"^(?:i\s+)?(?:e-?mailed|mailed)\s+(?!to\s+schedule){_NAME}{_TAIL}$", "emailed"),
        (rf"^(?:i\s+)?(?:sent|wrote)\s+{_NAME}\s+an?\s+e-?mail{_TAIL}$", "emailed"),
        (rf"^(?:i\s+)?(?:sent|wrote)\s+an?\s+e-?mail\s+to\s+{_NAME}{_TAIL}$", "emailed"),
    )
)


_WHO_TO = r"[^,:;.!?]{1,80}?"
_MESSAGED = re.compile(
    r"^(?:i\s+)?(?:"
    rf"(?:texted|messaged|dm'?d|whatsapped|whatsapp'?d|pinged)\s+(?P<a>{_WHO_TO})"
    rf"|sent\s+(?P<b>{_WHO_TO})\s+an?\s+(?:text(?:\s+message)?|message|dm|whatsapp)"
    rf"|sent\s+an?\s+(?:text(?:\s+message)?|message|dm|whatsapp)\s+to\s+(?P<c>{_WHO_TO})"
    rf"){_TAIL}$",
    re.IGNORECASE,
)
_NATURAL += ((_MESSAGED, "messaged"),)  # a text or chat message is logged as one, never as a call


def natural_order(text: str) -> str | None:
    """A log line in the order people say it, as the /called text it means: `spoke to jean-luc, he'll
    come to the breakfast` → `jean-luc reached: he'll come to the breakfast`; also `talked to X: …`,
    `X picked up`, `left X a voicemail`, `emailed X`, and a text or chat message (`texted Ana: …`,
    `sent Tom a message`, `WhatsApped Lea` → `Ana messaged: …`). None for any other line."""
    for pattern, outcome in _NATURAL:
        found = pattern.match(text)
        if found is None:
            continue
        name = next((v for k, v in found.groupdict().items() if k != "tail" and v), "").strip()
        if not name or name.casefold() in ("him", "her", "them", "me", "you", "it"):
            return None
        tail = found.group("tail").strip()
        date, notes = "", ""
        if tail[:1] in (",", ":", ";", ".", "!", "-", "–", "—"):
            notes = tail[1:].strip()
        else:
            date, _, notes = tail.partition(":")
            date, notes = date.strip(), notes.strip()
        line = f"{name} {outcome}" + (f" {date}" if date else "")
        return f"{line}: {notes}" if notes else line
    return None


def snooze_parts(rest: str) -> tuple[str, int | None]:
    """`ravi 2w` → ("ravi", 14); `ravi for 3 days` → ("ravi", 3); `ravi` → ("ravi", None)."""
    found = _DURATION.search(rest)
    if found is None:
        return rest.strip(), None
    raw = found.group("n").casefold()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = found.group("unit").casefold()[0]
    return rest[: found.start()].strip(), count * _UNIT_DAYS[unit]


def leading_outcome(text: str) -> tuple[Outcome, str] | None:
    """A text that starts with the outcome (no name: a reply in the thread of one contact):
    `voicemail`, `reached: wants the case study`, `meeting friday` → (outcome, the rest)."""
    head, colon, notes = text.partition(":")
    words = head.split()
    for k in range(min(len(words), 3), 0, -1):
        outcome = parse_outcome(" ".join(words[:k]))
        if outcome is not None:
            rest = " ".join(words[k:])
            tail = f": {notes.strip()}" if colon else ""
            return outcome, (rest + tail).strip()
    return None


def _uncomma(text: str) -> str:
    """`jane, voicemail` reads as `jane voicemail`: a comma before the notes colon separates the
    name from the outcome the way people type it in chat."""
    head, colon, notes = text.partition(":")
    head = re.sub(r"\s*,\s*", " ", head).strip()
    return f"{head}{colon}{notes}" if colon else head
