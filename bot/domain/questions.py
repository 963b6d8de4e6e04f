"""What a plain line in Warmcall's DM asks, when it is a question: who is due, what I promised, who I
know somewhere, what happened with someone last, how my week went. Pure: the line in, a kind and its
argument out; None for a line that is no question (a log line, a planning request, chat).

Planning lines ("call Ana thursday 10am", "plan Ana friday") are never claimed here: they belong to the
planner, which reads them before the logging grammar does. "Plan my calls" (a suggested prompt of the
agent surface) asks for today's list, whose rows carry Plan it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Ask(StrEnum):
    DUE_TODAY = "due-today"
    DUE_WEEK = "due-week"
    PROMISES = "promises"
    AT_COMPANY = "at-company"
    FROM_EVENT = "from-event"
    WITH_TAG = "with-tag"
    LAST_WITH = "last-with"
    MY_WEEK = "my-week"
    HOW_TO_LOG = "how-to-log"
    WHAT_TO_ASK = "what-to-ask"


@dataclass(frozen=True)
class Question:
    """`kind`, and what it is about (`about`: a company, an event, a tag or a person's name)."""

    kind: Ask
    about: str = ""


MAX_QUESTION = 300  # a longer line is no question

_WHO = r"(?:who|whom|which\s+(?:people|contacts|ones?))"
_ME = r"(?:i|we)"
_PLEASE = r"(?:\s+(?:please|pls|again|now))*"

# Each pattern reads the whole line (folded: lower case, spaces collapsed, no end punctuation).
_FIXED: tuple[tuple[Ask, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^(?:{pattern}){_PLEASE}$"))
    for kind, pattern in (
        (
            Ask.DUE_WEEK,
            rf"(?:{_WHO}\s+(?:is|are|'s)\s+(?:due|coming\s+up)|{_WHO}\s+(?:should|do|must|can)\s+{_ME}\s+"
            rf"(?:call|ring|phone|follow\s+up\s+with|contact)|who's\s+(?:due|coming\s+up)|what's\s+due"
            r"|what\s+is\s+due|(?:my\s+)?calls|due|coming\s+up|what's\s+coming\s+up|what\s+is\s+coming\s+up)"
            r"\s+(?:this|for\s+the|in\s+the\s+next|the\s+rest\s+of\s+the)\s+week"
            r"|(?:this|next)\s+week's\s+(?:calls|list)|my\s+week\s+ahead|the\s+week\s+ahead",
        ),
        (
            Ask.DUE_TODAY,
            rf"(?:{_WHO}\s+(?:should|do|must|can|shall|to)\s+{_ME}\s+(?:call|ring|phone|follow\s+up\s+with"
            rf"|contact)|{_WHO}\s+to\s+(?:call|ring|phone)|{_WHO}\s+(?:is|are|'s)\s+due|who's\s+due"
            r"|what\s+should\s+i\s+do|what\s+do\s+i\s+do|what's\s+on|what\s+is\s+on|what's\s+due"
            r"|what\s+is\s+due|anyone\s+due|anybody\s+due|(?:my\s+)?calls|(?:my\s+)?list|due"
            # the suggested prompt "Plan my calls": today's list, each with its Plan it button
            r"|plan\s+(?:my\s+|today's\s+|the\s+)?(?:calls|day|list)(?:\s+for\s+today|\s+today)?)"
            r"(?:\s+(?:for\s+)?today|\s+now|\s+next)?"
            r"|today|today's\s+(?:calls|list)|my\s+(?:calls|list)(?:\s+for\s+today)?",
        ),
        (
            Ask.PROMISES,
            rf"what\s+(?:did|have)\s+{_ME}\s+promised?(?:\s+(?:to\s+)?(?:anyone|people|them))?"
            rf"|what\s+do\s+{_ME}\s+owe(?:\s+(?:anyone|people))?|{_WHO}\s+do\s+{_ME}\s+owe(?:\s+\w+){{0,2}}"
            rf"|what\s+(?:promises|things)\s+(?:are\s+)?(?:still\s+)?open|(?:my\s+)?(?:open\s+)?promises"
            r"|what\s+(?:is|'s)\s+(?:still\s+)?promised|what\s+am\s+i\s+(?:on\s+the\s+hook|supposed)\s+for"
            rf"|{_WHO}\s+did\s+{_ME}\s+promise\s+(?:something|anything|stuff)(?:\s+to)?",
        ),
        (
            Ask.MY_WEEK,
            r"how\s+(?:did|has|is)\s+my\s+week\s+(?:go|gone|going|been)|how\s+(?:was|is|'s)\s+my\s+week"
            r"|how's\s+my\s+week(?:\s+going)?|how\s+am\s+i\s+doing(?:\s+this\s+week)?|my\s+week"
            r"|(?:my\s+)?(?:week|weekly)\s+(?:stats|numbers|summary)|my\s+stats|how\s+did\s+i\s+do"
            r"(?:\s+this\s+week)?|(?:my\s+)?streak|what's\s+my\s+streak|what\s+is\s+my\s+streak",
        ),
        (
            Ask.HOW_TO_LOG,
            r"(?:how\s+(?:do|can)\s+i\s+)?log\s+(?:a\s+)?(?:call|calls|an?\s+e-?mail|a\s+voicemail)"
            r"|i\s+want\s+to\s+log\s+(?:a\s+)?call",
        ),
        (
            Ask.WHAT_TO_ASK,
            r"what\s+can\s+(?:i|you)\s+(?:ask|do|say|type)(?:\s+(?:you|here))?|what\s+do\s+you\s+(?:do|know)"
            r"|(?:show\s+me\s+)?(?:the\s+)?questions|what\s+can\s+i\s+ask\s+you|examples|commands",
        ),
    )
)

_TOPIC = r"(.{1,120}?)"
_KNOW = (
    rf"(?:{_WHO}\s+(?:do|did)\s+{_ME}\s+know|(?:anyone|anybody|people|contacts|someone|who)\s+{_ME}\s+know"
)
_KNOW += r"|(?:my\s+)?(?:contacts|people)|who(?:'s|\s+is|\s+are)?|list(?:\s+my\s+contacts)?|show\s+me)"
_ABOUT: tuple[tuple[Ask, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^(?:{pattern}){_PLEASE}$"))
    for kind, pattern in (
        (
            Ask.WITH_TAG,
            rf"(?:{_KNOW})\s+(?:with\s+(?:the\s+)?tag|tagged(?:\s+as)?|with\s+#|in\s+#)\s*#?{_TOPIC}"
            rf"|(?:contacts|people|everyone|anyone)\s+tagged\s+#?{_TOPIC}|tag\s+#?{_TOPIC}|#(\S{{1,60}})",
        ),
        (
            Ask.FROM_EVENT,
            rf"{_WHO}\s+did\s+{_ME}\s+meet\s+(?:at|in|during)\s+(?:the\s+)?{_TOPIC}"
            rf"|(?:{_KNOW})\s+(?:from|met\s+at)\s+(?:the\s+)?{_TOPIC}"
            rf"|(?:who|people|contacts)\s+(?:i|we)\s+met\s+(?:at|in|during)\s+(?:the\s+)?{_TOPIC}",
        ),
        (
            Ask.AT_COMPANY,
            rf"(?:{_KNOW})\s+(?:at|in|with|works\s+at|work\s+at|working\s+at|from\s+company)\s+{_TOPIC}"
            rf"|{_WHO}\s+works?\s+(?:at|for)\s+{_TOPIC}|anyone\s+at\s+{_TOPIC}",
        ),
        (
            Ask.LAST_WITH,
            rf"what\s+(?:happened|was\s+the\s+last\s+thing|did\s+{_ME}\s+(?:say|do|talk\s+about))\s+"
            rf"(?:last\s+(?:time\s+)?)?(?:with|to)\s+{_TOPIC}(?:\s+last(?:\s+time)?)?"
            rf"|when\s+did\s+{_ME}\s+last\s+(?:talk|speak|call|e-?mail|reach)\s+(?:to\s+|with\s+)?{_TOPIC}"
            rf"|how\s+did\s+it\s+go\s+with\s+{_TOPIC}(?:\s+last\s+time)?|last\s+(?:time\s+)?with\s+{_TOPIC}"
            rf"|where\s+(?:am\s+i|are\s+we|do\s+i\s+stand)\s+with\s+{_TOPIC}"
            rf"|(?:what's|what\s+is)\s+(?:the\s+)?(?:latest|news|new|up)\s+with\s+{_TOPIC}"
            rf"|(?:tell\s+me\s+about|remind\s+me\s+(?:about|of))\s+{_TOPIC}",
        ),
    )
)

# Planning requests are the planner's (issue 28, "Plan a time"): never read as a question here.
_PLAN_MY_CALLS = re.compile(
    r"^plan\s+(?:my\s+|today's\s+|the\s+)?(?:calls|day|list)(?:\s+for\s+today|\s+today)?$"
)
_PLANNING = re.compile(r"^(?:plan|schedule|book|set\s+up|remind\s+me\s+to\s+call)\b")
_MONTHS_OR_DAYS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.*\b\d{1,2}(?::\d{2})?\s*(?:am|pm|h)\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b"
)


def fold_line(text: str) -> str:
    """Lower case, one space between words, curly apostrophes straight, no closing ?!. or spaces."""
    text = " ".join((text or "").replace("’", "'").replace("‘", "'").split()).casefold()
    return text.rstrip(" ?!.").strip()


def is_planning(text: str) -> bool:
    """A line that asks to plan a call at a time ("plan my calls", "call ana thursday 10am")."""
    line = fold_line(text)
    if _PLAN_MY_CALLS.match(line):
        return False  # "plan my calls": a question (today's list), not one call to plan
    if _PLANNING.match(line):
        return True
    return bool(re.match(r"^(?:call|ring|phone)\s+\S", line) and _MONTHS_OR_DAYS.search(line))


def read_question(text: str) -> Question | None:
    """The question a DM line asks, or None when it asks none we answer (see the module docstring)."""
    line = fold_line(text)
    if not line or len(line) > MAX_QUESTION or is_planning(line):
        return None
    line = re.sub(r"^(?:hey|hi|hello|ok|okay|so|and|warmcall)[,!]?\s+", "", line)
    line = re.sub(r"^(?:can\s+you\s+)?(?:tell|show)\s+me\s+(?=who|what|how|when|where|my\b)", "", line)
    line = re.sub(r"^(?:please|pls)\s+", "", line)
    for kind, pattern in _FIXED:
        if pattern.match(line):
            return Question(kind)
    original = " ".join((text or "").split()).rstrip(" ?!.")
    for kind, pattern in _ABOUT:
        found = pattern.match(line)
        if found is None:
            continue
        groups = [g for g in found.groups() if g]
        about = _topic(groups[0] if groups else "", original)
        if about:
            return Question(kind, about)
    return None


_TRAILING = re.compile(r"\s+(?:last(?:\s+time)?|lately|recently|again|then|please|now)$")


def _topic(folded: str, original: str) -> str:
    """The topic in the user's own spelling (the folded line keeps the same characters in order)."""
    folded = _TRAILING.sub("", folded.strip(" \"'“”#")).strip(" \"'“”")
    at = fold_line(original).find(folded)
    shown = original.replace("’", "'").replace("‘", "'")
    shown = " ".join(shown.split())
    if at >= 0 and len(shown) >= at + len(folded):
        return shown[at : at + len(folded)].strip(" \"'“”")
    return folded
