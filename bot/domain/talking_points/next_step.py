"""The next step in a call's notes ("wants the case study", "next step: book a site visit") and when it
is for ("in January", '"send it in January"'): `next_step`, `step_when`."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.talking_points.phrases import _DETERMINERS
from bot.domain.vocabulary import fold

# "cost/ha incl. pilot & transport": an abbreviation's dot is no end of the thing
_OBJ = r"(?P<obj>(?:the|a|an|our|my|your|some|more|his|her|their)\s+(?:[^,.;:!?\n]|(?<=\bincl)\.|(?<=\bexcl)\.|(?<=\betc)\.)+)"
_NEXT_STEP_RES = (
    re.compile(
        r"(?:\b(?:wants?|wanted|asked for|asks for|requested|would like|keen on|waiting for|waits for)|'d like|’d like)\s+"
        + _OBJ,
        re.I,
    ),
    re.compile(
        r"\b(?:wants?|wanted|asked|would like|keen|happy)\s+to\s+(?:see|read|get|have|review|receive|look at)\s+"
        + _OBJ,
        re.I,
    ),
    re.compile(
        r"(?:^|[,;.]\s*|\bto\s+|\bwill\s+|\bthen\s+|\bnext:?\s+)(?P<verb>send|share|forward|book|schedule)\s+"
        r"(?:(?:her|him|them|over)\s+)?(?P<obj>\S[^,.;:!?\n]*)",
        re.I,
    ),
)
# where the thing ends and its time begins: "on" and "in" only before a day or a month ("a talk on
# water credits" is one thing; "the quote on Friday" is a thing and a day)
_WHEN_NEXT = (
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|the\s+\d|"
    r"a\s+(?:week|fortnight|month)|two|three|the\s+(?:new\s+year|spring|summer|autumn|winter|morning|afternoon))"
)
_TIME_CUT_RE = re.compile(
    r"\s+(?:(?:on|in)\s+(?="
    + _WHEN_NEXT
    + r")|(?:by|before|next|this|tomorrow|today|asap|soon|after|and then|"
    r"but|once|when|so|because|sometime|some time)\b).*$",
    re.I,
)
# what is booked, not sent: "wants a demo", "keen on a lunch-and-learn" (case.py reads the same words)
BOOKABLE = frozenset(
    [
        "demo",
        "call",
        "meeting",
        "chat",
        "visit",
        "tour",
        "workshop",
        "session",
        "walkthrough",
        "survey",
        "walk-round",
        "walkround",
        "inspection",
        "assessment",
        "audit",
        "consultation",
        "appointment",
        "viewing",
        "tasting",
        "fitting",
        "trial",
        "lunch-and-learn",
        "briefing",
        "training",
        "talk",
        "presentation",
        "webinar",
        "check",  # "a night-time noise check"
        "test",
        "measurement",
        "pilot",
        "calibration",  # "wants local calibration with certs": a visit to book, never a paper to send
        "recalibration",
        "servicing",
        "repair",
        "cleaning",
        "installation",
    ]
)


_STEP_WHEN_RE = re.compile(
    r"^\s*((?:in|by|before|after|from|on|next)\s+(?:the\s+)?[\w'-]+(?:\s+\d{1,2}|\s+(?:week|month))?)\b",
    re.I,
)
_NOT_WHEN = frozenset(["the", "a", "an", "our", "their", "his", "her", "my", "your", "it", "that", "this"])


@lru_cache(maxsize=1 << 12)
def next_step(notes: str) -> tuple[str, str] | None:
    """(action, the clause it came from) for a next step named in call notes, or None:
    "wants the case study, budget in Q1" -> ("send the case study", "wants the case study");
    "send the proposal by Friday" -> ("send the proposal", …); "wants a demo" -> ("book a demo", …);
    "wants a demo of the loop review in January" -> ("book a demo of the loop review", …)."""
    found = _next_step(notes)
    return found[:2] if found else None


@lru_cache(maxsize=1 << 12)
def step_when(notes: str) -> str:
    """When the next step in call notes is for, as written right after it ("in January", "by 4 Dec",
    "after the holidays"), else ""."""
    found = _next_step(notes)
    return found[2] if found else ""


_THEIR_SUBJECT = re.compile(r"\b(?:she|he|they)(?:'ll|’ll| will| would| is going to)\s*(?:\w+\s*)?$", re.I)
# a sentence whose subject the notes leave out, begun with their verb ("has 2 clients for us, will send
# names", "knows the buyer, will forward my deck"): what follows is theirs too
THEIR_CHAIN = (
    r"(?:^|(?<=[.;!?]))\s*(?:(?:she|he|they)\s+)?(?:also\s+|still\s+)?(?:has|is|knows|owns|runs|says|wants|reckons|thinks|promised|offered|"
    r"agreed)\b(?:(?!\b(?:I|we|me)\b)[^.;!?])*?,\s*(?:and\s+)?(?:will|'ll|’ll)"
)
_THEIR_CHAIN = re.compile(THEIR_CHAIN + r"\s+\w+$", re.I)
# what only they can send: word of their own decision ("will send news 18th", "will send the result")
_THEIR_NEWS = re.compile(
    r"(?:news|word|feedback|the (?:result|outcome|decision|verdict|minutes)s?|their (?:decision|answer))\b",
    re.I,
)
# what someone "wants" that is no thing to hand over: the outcome itself
_NO_THING = frozenset(
    [
        "fix",
        "solution",
        "answer",
        "answers",
        "plan",
        "way",
        "result",
        "results",
        "improvement",
        "change",
        "decision",
        "update",
        "help",
        "guarantee",
        "assurance",
        "reassurance",
        "certainty",
        "clarity",
    ]
)


# someone else in their world: "bank wants the report by end of Feb" is the bank's demand on them, not a
# request to you
SOMEONE_ELSE = _SOMEONE_ELSE = re.compile(
    r"\b(?:treasurer|board|boss|owners?|partners?|husband|wife|cfo|ceo|committee|chair(?:man|woman)?|council|bank|"
    r"landlord|accountant|director|wife|son|daughter|brother|sister|father|mother|investors?|insurers?|lenders?|"
    r"auditors?|regulators?|ministry|authority|funders?|donors?|branch|brands?|buyers?|retailers?)"
    r"(?:\s+(?:still|also|now|really|just|only|is|are))*\s*$|"  # "SBI branch still waiting on the certificate"
    r"\bevery \w+ (?:she|he|they|we|i) (?:tried|called|asked|rang|found)\s*$|"  # "every printer she tried wants"
    r"\bwho(?:\s+(?:also|still|really|badly|urgently|now))?\s*$|"  # "a dutch buyer (Femke?) who wants a lab"
    # "every supplier wants 10k min", "govt needs a permit": a demand made on them, never their need
    r"\b(?:every|each|all (?:the )?)\s*(?:[\w-]+\s+)?(?:suppliers?|printers?|banks?|labs?|buyers?|clients?|customers?|one|body|"
    r"vendors?|factories|factory|mills?|shops?|importers?)\s*(?:still\s+|also\s+|just\s+)?$|"
    r"\b(?:govt|gov|government|customs|the state|tax office|city hall|municipality|council)\s*$",
    re.I,
)
_DONE_TO_IT = re.compile(
    r"\b(?:sorted|fixed|done|solved|resolved|repaired|replaced|cleaned|sorted out|dealt with)$", re.I
)
_SEND_IT_WHEN = re.compile(
    r"\b(?:send|get|email|e-mail|mail)\s+(?:it|them|that|this)(?:\s+over)?\s+((?:in|by|before|after|on|early|end of)\s+"
    r"[\w ]{2,20}?)\s*[.\"'”,;!]",
    re.I,
)


# what went out already: "sent it the same day", "emailed straight away", "already sent"
SENT_ALREADY = re.compile(
    r"\b(?:sent|e-?mailed|shared|delivered)\b[^.;]{0,20}?\b(?:the same day|same day|(?:the )?same (?:afternoon|"
    r"morning|evening)|that (?:day|afternoon|evening)|today|yesterday|straight away|right away|at once|already|"
    r"after the call|done)\b|\balready (?:sent|e-?mailed|shared|done)\b|"
    r"\b(?:sent|e-?mailed|delivered)\s+(?:on\s+)?\d{1,2}/\d{1,2}\b",  # "sent 24/11 done", "emailed 3/12"
    re.I,
)
_DONE_AFTER = re.compile(r"[^.;]{0,30}?(?:" + SENT_ALREADY.pattern + ")", re.I)  # just after the step
# a standing ask for leads: "send her anything I hear of", "pass on any jobs that come up"
_STANDING_ASK = re.compile(
    r"(?:(?:him|her|them)\s+)?(?:anything|any(?:\s+\w+)?\s+(?:leads?|jobs?|work|names?|tips?))\s+"
    r"(?:I|we)\s+(?:hear|come across|find|see)\b|(?:(?:him|her|them)\s+)?any\s+(?:\w+\s+)?(?:leads?|jobs?|work)\s+"
    r"(?:that\s+)?(?:come|comes|turn|turns)\s+up\b",
    re.I,
)


_PERSON_SOUGHT = re.compile(
    r"(?:a|an|the|some|more|new|another)\s+(?:[\w-]+\s+)?(?:buyers?|suppliers?|distributors?|partners?|investors?|"
    r"importers?|customers?|clients?|stockists?|agents?|lawyers?|accountants?|contractors?|offtakers?)\b",
    re.I,
)


_WHEN_ONLY = frozenset("asap now today tomorrow soon later urgently quickly first".split())  # noqa: SIM905


@lru_cache(maxsize=1 << 12)
def _next_step(notes: str) -> tuple[str, str, str] | None:
    for pattern in _NEXT_STEP_RES:
        found = pattern.search(notes)
        if not found:
            continue
        if _THEIR_SUBJECT.search(notes[: found.start() + 6]) or (
            "verb" in pattern.groupindex and _THEIR_CHAIN.search(notes[: found.end("verb")])
        ):
            continue  # "she'll send photos", "has 2 clients for us, will send names": their step, not yours
        if re.search(r"\b(?:not|never|don'?t|do not|no need to)\s*$", notes[: found.start()], re.I):
            continue  # "asked me NOT to send anything till after the vote": a wait, never a step
        if _DONE_AFTER.match(notes, found.end()):
            continue  # "asked for our insurance cert, sent it the same day": done
        if _SOMEONE_ELSE.search(notes[: found.start()]):
            continue  # "treasurer wants the roof, she wants the machine": a wish in their house, no step
        raw = found.group("obj").strip()
        if _THEIR_NEWS.match(raw) and not re.search(r"\b(?:I|we)\b[^.;,]*$", notes[: found.start()]):
            continue  # "panel sits 17 Dec, will send news 18th": news of their decision comes from them
        # "wants the survey done in Jan": the survey is the thing to book, Jan its time
        raw = re.sub(
            r"^((?:\S+\s+){0,3}?(?:" + "|".join(BOOKABLE) + r")s?)\s+(?:done|carried out|completed)\b",
            r"\1",
            raw,
        )
        obj = _TIME_CUT_RE.sub("", raw).strip(" '\"")
        obj = re.sub(
            r"\s+(?:for|by|in|on|at|before|after|until|from|to)$", "", obj
        )  # "an offer for next season"
        words = obj.split()
        if not words or len(words) > 11 or (fold(words[0]) in _DETERMINERS and len(words) < 2):
            continue
        if _PERSON_SOUGHT.match(obj):
            continue  # "still keen on a buyer on the French side": a person to find, never a thing to send
        if _DONE_TO_IT.search(obj) or _STANDING_ASK.match(obj):
            continue  # "wants the power sorted": the outcome; "anything I hear of": a lead to find, no thing
        if len(words) <= 2 and fold(words[-1]).rstrip("s") in _NO_THING:
            continue  # "wants a fix before February": an outcome they want, not a thing to send
        if all(fold(w) in _WHEN_ONLY for w in words):
            continue  # "send asap", "send today": when, with nothing to send named
        when = ""
        tail = _STEP_WHEN_RE.match(raw[len(obj) :]) if raw.startswith(obj) else None
        if (
            tail
            and fold(tail.group(1).split()[1]) not in _NOT_WHEN | {"call", "meeting"}
            and (
                not re.match(r"(?:on|in)\b", tail.group(1), re.I)
                or re.match(r"\S+\s+" + _WHEN_NEXT, tail.group(1), re.I)
            )
        ):
            when = " ".join(tail.group(1).split())
        later = _SEND_IT_WHEN.search(notes, found.end())  # '…, "send it in January"': they set when
        when = " ".join(later.group(1).split()) if later else when
        if fold(words[0]) == "my":
            words[0] = "your"
        obj = " ".join(words)
        verb = (found.groupdict().get("verb") or "").lower()
        if not verb:
            stems = [fold(w).rstrip("s") for w in words]
            if any(w in BOOKABLE for w in stems[:3]) or stems[-1] in BOOKABLE:
                verb = "book"
            elif stems[-1] in ("intro", "introduction") or "intro" in stems[:3]:
                verb = "make"
            else:
                verb = "send"
        clause = notes[found.start() : found.end()].strip(" ,;.")
        return f"{verb} {obj}", " ".join(clause.split()), when
    return None
