"""What you promised a contact, read as an action and a deadline (SPEC §12).

Pure: `today` is an argument. `read_promise("send the deck by friday", today)` gives the action
"send the deck" and the due day (next Friday); the deadline words are cut out of the action, so
every sentence built from it reads right ("You said you would send the deck, due Fri").

Rules:
- Deadline words are read by the one date reader (`bot.domain.dates.match_ahead`), with or without
  `by`, `on`, `before`, `until`, `till`, `no later than`: `tomorrow`, `friday`, `next tue`,
  `2026-12-02`, `Dec 2`, `this week`, `end of the week`, `next week`, `next month`, … A weekday or a
  month-day alone is the next one. A deadline that has already passed is refused (PromiseProblem).
  Words that name no day (`before the conference`) stay in the action.
- The action: a leading `to`, `promised (to)`, `promise (to)`, `I'll`, `I will`, `will`, `I'd`,
  `I said I'd` is dropped; `intro X to Y` becomes `introduce X to Y`; a phrase that starts with a verb
  is kept; anything else is a thing to hand over, so it becomes `send <it>` ("the deck" → "send the
  deck", "her our checklist" → "send her our checklist"). Trailing punctuation is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.dates import DateProblem, day_label, dotted_day, match_ahead, numeric_problem
from bot.domain.vocabulary import WEEKDAY_WORDS, fold

MAX_PROMISE = 500

# Verbs a promise may start with; anything else is a thing to send.
_VERBS = """
    add answer arrange ask book bring build buy call cc chase check circle compile confirm connect
    create demo dig dm do draft drop email e-mail estimate explain file find fix follow forward get give
    go grab help host intro introduce invite join keep let look loop mail make meet message organise
    organize pass phone ping plan post prepare price provide pull put quote reach read recommend record
    refer remind reply request research respond review ring run schedule set share show sign sort speak
    send submit suggest swing talk tell test text think translate try update visit write
"""
ACTION_VERBS = frozenset(_VERBS.split())
_LEADS = (
    ("i", "said", "i'd"),
    ("i", "said", "i", "would"),
    ("i", "promised", "to"),
    ("i", "promised"),
    ("promised", "to"),
    ("promised",),
    ("promise", "to"),
    ("promise",),
    ("i'll",),
    ("ill",),
    ("i", "will"),
    ("i'd",),
    ("i", "would"),
    ("will",),
    ("to",),
)
_CONNECTIVES = (("no", "later", "than"), ("by",), ("on",), ("before",), ("until",), ("till",), ("for",))
_TRAILING = " ,;:.!?-–—·"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class PromiseText:
    """A promise as an action ("send the deck") and its deadline (None: no date given).
    `due_words`: the deadline words as typed ("by friday"), for a reply that says what was read."""

    action: str
    due: date | None
    due_words: str | None = None


@dataclass(frozen=True)
class PromiseProblem:
    """A promise that can't be kept as typed; `message` says what to change."""

    message: str


def _key(word: str) -> str:
    return fold(word).strip(",;:.!?()").replace("’", "'")


def promise_action(text: str) -> str:
    """The promise as an action, no dates read (for text stored before promises had deadlines)."""
    words = (text or "").split()
    while True:  # "promised to send", "I'll send", "to send"
        keys = [_key(w) for w in words]
        lead = next(
            (lead for lead in _LEADS if tuple(keys[: len(lead)]) == lead and len(words) > len(lead)), None
        )
        if lead is None:
            break
        words = words[len(lead) :]
    phrase = " ".join(words).rstrip(_TRAILING)
    # "send our checklist once we'd updated it": the condition is yours to meet, not part of the deed
    phrase = re.sub(
        r"\s+(?:once|as soon as|when|after)\s+(?:we|i)(?:['’]d|['’]ve|\s)\s*.*$", "", phrase, flags=re.I
    )
    if not phrase:
        return ""
    first, _, rest = phrase.partition(" ")
    verb = _key(first)
    if verb == "intro" and rest:
        return f"introduce {rest}"
    if verb in ("an", "a") and _key(rest.partition(" ")[0]) in ("intro", "introduction"):
        return f"make {phrase[0].lower()}{phrase[1:]}"
    if verb in ACTION_VERBS:
        return f"{first.lower() if first[:1].isupper() and first[1:].islower() else first}{' ' + rest if rest else ''}"
    return f"send {phrase}"


# a word that needs no "the" before it: a determiner, a pronoun, a count ("2 samples")
_NO_ARTICLE = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "my",
        "his",
        "her",
        "their",
        "your",
        "its",
        "some",
        "any",
        "this",
        "that",
        "these",
        "those",
        "both",
        "all",
        "each",
        "every",
        "no",
        "it",
        "them",
        "him",
        "me",
        "us",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "several",
        "more",
        "another",
        "what",
        "how",
        "which",
        "whether",
    ]  # noqa: SIM905
)
_COUNTABLE = re.compile(
    r"(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){0,2}?(?:quote|quotation|proposal|price list|rate sheet|rate card|sheet|"
    r"deck|brochure|checklist|guide|estimate|contract|draft|report|plan|list|spec|link|agenda|summary|"
    r"case study|sample|offer|invoice|schedule|calendar|form|template|catalogue|catalog)\b",
    re.I,
)


def with_article(rest: str) -> str:
    """ "him quote for the audit" → "him the quote for the audit", "2027 rate sheet" → "the 2027 rate
    sheet": a single thing of yours, written without its article in a hurried note."""
    words = rest.split()
    at = 1 if len(words) > 1 and _key(words[0]) in ("him", "her", "them", "me", "us") else 0
    head = _key(words[at]) if at < len(words) else ""
    if not head or head in _NO_ARTICLE or head.endswith("'s") or not _COUNTABLE.match(" ".join(words[at:])):
        return rest
    if words[at][:1].isupper() and not words[at].isupper():
        return rest  # "Mira's deck", "Q1 plan": a name leads it
    return " ".join([*words[:at], "the", *words[at:]])


def _said_then(read, words, today: date, since: date | None):
    """A day read from today; when that is most of a year away and the promise was made earlier
    (`since`), the day read from then if it falls between then and today: "by 27.11" or "by 27 Nov"
    said on 19 Nov is this 27 November (late), never next year's. A weekday stays the coming one."""
    hit = read(words, today)
    day = hit[1] if isinstance(hit, tuple) else hit
    if day is None or since is None or since >= today or (day - today).days < 300:
        return hit
    try:
        then = read(words, since)
    except DateProblem:
        return hit
    then_day = then[1] if isinstance(then, tuple) else then
    return then if then_day is not None and since <= then_day < today else hit


# "she", "he" and "they" as notes in other languages say them: "…by Tue 22/12, ella cierra el presupuesto el 23"
_THEY_ABROAD = "ella|él|ellos|ellas|elle|il|elles|ils|lei|lui|loro|sie|er|ela|ele|eles"
# a clause of someone else's after a comma: "board meets mid Jan", "the council votes on the 20th"
_THEIR_CLAUSE = re.compile(
    r"\s*(?:(?:the|their|his|her|our)\s+)?[a-z][\w-]*\s+(?:meets?|sits?|decides?|votes?|closes?|opens?|"
    r"starts?|ends?|reviews?|signs?|breaks?|returns?|flies|leaves?|is|are)\b",
    re.I,
)


def read_promise(text: str, today: date, since: date | None = None) -> PromiseText | PromiseProblem:
    """The promise's action and deadline; a PromiseProblem when the deadline can't be read or has passed.
    `since` is the day the promise was made (a meeting entered late): a deadline from then on that has
    passed is kept, and the promise is late, not refused."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text or "")]
    words = [(text or "")[a:b] for a, b in spans]
    keys = [_key(w) for w in words]
    found = None
    i = 0
    while i < len(keys):
        problem = numeric_problem(keys[i], today)
        if problem and i > 0 and keys[i - 1] in ("by", "on", "before", "until", "till"):
            return PromiseProblem(_date_sentence(problem))
        try:
            hit = _said_then(match_ahead, keys[i : i + 6], today, since) if keys[i] else None
            if keys[i] in WEEKDAY_WORDS and i + 1 < len(keys) and (dotted := dotted_day(keys[i + 1], today)):
                hit = (2, dotted)  # "by Fri 11.12": the dotted date says the day
            elif (i and keys[i - 1] in ("by", "before", "on", "until", "till")) and (
                dotted := _said_then(dotted_day, keys[i], today, since)
            ):
                hit = (1, dotted)
        except DateProblem as problem:
            return PromiseProblem(_date_sentence(problem))
        if hit and (end := _deadline_end(keys, i, hit[0])):
            found = (i, end, hit[1])  # the last deadline wins: it ends the sentence
            i = end
            rest = (text or "")[spans[end - 1][1] :] if end <= len(spans) else ""
            aside = words[end - 1].endswith(",") and (
                re.match(r"\s*(?:she|he|they|it|we|i|" + _THEY_ABROAD + r")\b", rest, re.I)
                or _THEIR_CLAUSE.match(rest)
            )  # "by Fri 8 Jan, board meets mid Jan": the board's day is theirs, not the promise's
            if re.match(r"\s*[—–;(]|\s+-\s", rest) or aside or words[end - 1][-1:] in (";",):
                break  # "before Fri 11 Dec — he files in January": what follows is an aside
            continue
        i += 1
    if found is None:
        action = promise_action(text)
        return (
            PromiseText(action, None)
            if action
            else PromiseProblem("Say what you promised, like `send the deck`.")
        )
    start, end, due = found
    if start > 0 and WEEKDAY_WORDS.get(keys[start - 1]) == due.weekday():
        start -= 1  # "by Wed 2026-12-09": the weekday goes with its date
    for connective in _CONNECTIVES:
        if tuple(keys[max(0, start - len(connective)) : start]) == connective:
            start -= len(connective)
            break
    if due < today and (since is None or due < since):
        return PromiseProblem(
            f"{day_label(due, today)} has passed, so it can't be the deadline. Give a day from today on, "
            "like `by friday`, or leave the date out."
        )
    shown = " ".join(words[start:end]).rstrip(_TRAILING)
    before = (text or "")[: spans[start][0]] if start < len(spans) else text
    after = (text or "")[spans[end - 1][1] :] if end > start else ""
    ended = words[end - 1][-1:] in (",", ";", ".", ":") if end > start else False  # "friday," "friday;"
    if (
        re.match(
            r"\s*[—–;(]|\s+-\s|\s*[,.]?\s*(?:she|he|they|it|we|i|as|because|since|so|which|their|his|her|its|"
            + _THEY_ABROAD
            + r")\b",
            after,
            re.I,
        )
        and (ended or re.match(r"\s*[—–;(,.]|\s+-\s", after))
        or ended
        and _THEIR_CLAUSE.match(after[1:])
    ):
        after = ""  # "… before Fri 11 Dec — she has to file within 3 months": an aside, not the action
    action = promise_action(" ".join((before.rstrip(" ,;:-–—"), after.strip(" ,;:.!?-–—"))).strip())
    if not action:
        return PromiseProblem(f"Say what you promised {shown}, like `send the deck {shown}`.")
    return PromiseText(action, due, shown)


_DAY_PARTS = ("morning", "afternoon", "evening", "night", "eod", "latest", "at", "the")


def _deadline_end(keys: list[str], i: int, used: int) -> int | None:
    """Where the deadline that starts at word `i` ends, or None when the day phrase is part of
    something else: a past day (`last friday`), a bare number (`3 slides`), or a phrase neither
    after `by`/`on`/`before`/`until` nor at the end (`the Q1 plan`). `tomorrow morning`, `friday at
    the latest` take their last words along."""
    head = keys[i]
    if head in ("last", "yesterday") or (head.isdigit() and used == 1):
        return None
    end = i + used
    if end < len(keys) and keys[end] == "ago":
        return None
    while (
        end < len(keys)
        and keys[end] in _DAY_PARTS
        and (keys[end] not in ("at", "the") or "latest" in keys[end:])
    ):
        end += 1
    after_connective = i > 0 and keys[i - 1] in ("by", "on", "before", "until", "till", "than")
    return end if after_connective or head == "on" or end == len(keys) else None


def _date_sentence(problem: DateProblem) -> str:
    return problem.sentence("`by 2026-12-03`", "`by Dec 3` or `by friday`")
