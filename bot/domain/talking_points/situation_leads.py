"""How a situation is led in words ("plans to", "is worried about"), and who leaves a job behind them
("his maintenance guy retires in Feb"): helpers of `situation_of`."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.cue_words import in_english
from bot.domain.vocabulary import SHORT_DAY_WORDS

_LEADS = {
    "would like to": "would like to",
    "'d like to": "would like to",
    "’d like to": "would like to",
    "wants to": "wants to",
    "want to": "wants to",
    "plans to": "plans to",
    "is planning to": "plans to",
    "are planning to": "plans to",
    "'s planning to": "plans to",
    "’s planning to": "plans to",
    "'re planning to": "plans to",
    "’re planning to": "plans to",
    "hopes to": "hopes to",
    "is hoping to": "hopes to",
    "intends to": "plans to",
    "aims to": "wants to",
    "needs to": "has to",
    "has to": "has to",
    "have to": "has to",
    "must": "has to",
}
_TOLD = re.compile(r"\btold\b", re.I)


def _plan_lead(said: str) -> str:
    said = " ".join(said.split())
    until = re.search(r"\buntil ([\w ]{2,20}?) to$", said, re.I)
    if until:
        return f"has until {until.group(1)} to"  # "the regulator gave him until Jan 29 to …"
    said = said.lower()
    if _TOLD.search(said):
        return "has to"  # "the inspector told them to sort out the tank": it is on them now
    return _LEADS.get(said, "is trying to" if "trying" in said else "wants to")


def _worry_lead(said: str) -> str:
    said = " ".join(said.lower().split())
    if said.startswith(("worries", "worried", "concerned", "anxious")):
        return "is worried about"
    if said.startswith(("struggl", "stuck")) or said.endswith(" is"):
        return "is struggling with"  # "her main headache is finding an agency"
    if said.startswith(("terrified", "scared", "afraid")):
        return "is worried about"
    if said.startswith(("burned", "burnt")):
        return "was let down by"
    return "is not happy with" if "happy" in said else "is fed up with"


_LEAVING = re.compile(
    r"\b(?P<who>(?:his|her|their|our|the)\s+(?:[\w-]+\s+){0,2}?(?:guy|man|woman|lady|person|bloke|chap|"
    r"manager|engineer|tech|technician|accountant|bookkeeper|assistant|chef|driver))\s+(?:is\s+)?"
    r"(?P<verb>retir\w*|leav\w*|left|quit\w*|moving on|off on maternity|handed in (?:his|her) notice)"
    r"(?P<when>\s+(?:in|at|on|by|end of|this|next)\s+[\w-]+)?",
    re.I,
)


def _after_leaver(gone: re.Match[str]) -> str:
    """ "his maintenance guy retires in Feb, looking to hire, asked if I knew anybody": the name they want
    is someone to take over from the one who leaves, said with when."""
    when = re.sub(r"^\s+end of", " at the end of", gone.group("when") or "", flags=re.I)
    verb = gone.group("verb").lower()
    leaves = "retires" if verb.startswith("retir") else "leaves"
    return f"someone to take over from {gone.group('who')}, who {leaves}{when}"


# they asked you for a name: "asked if I knew a firm that does energy audits" — a need met by someone else
_NAME_ASKED = re.compile(
    r"\b(?:asked (?:me |us )?(?:if|whether) (?:I|we) (?:knew|know|could recommend|can recommend|could suggest|"
    r"had a name for|have a name for|had|have|could point (?:her|him|them) to)(?!\s+(?:how|what|why|when|where)\b)|"
    # "wants names of someone here for proper repair": a name to find
    r"(?:wants?|wanted|needs?|asked (?:me |us )?for) (?:the |a )?names? of(?= (?:some|any)(?:one|body)\b))\s+(?P<x>.+)|"
    # "asked who I know that would need regular testing": someone who would, a name to find
    r"\basked (?:me |us )?(?:who|whom) (?:I|we) (?:know|knew) (?:that|who) (?P<u>.+)|"
    # "asked if anyone does battery heating retrofits": someone who does it, a name to find
    # and "asks who sells solar fridges": someone who sells them
    r"\bask(?:ed|s|ing) (?:me |us )?(?:again )?(?:(?:if|whether) (?:any|some)(?:one|body)(?: (?:I|we) know)?|who) "
    r"(?P<v>does|do|did|offers|"
    r"makes|fits|handles|sells|supplies|repairs|services|installs|can do|could do|takes|collects|buys|recycles) (?P<w>.+)",
    re.I,
)


def _present(said: str) -> str:
    """ "would need regular testing" → "needs regular testing": who they asked for, said as it is."""
    return re.sub(r"^(?:would|will|might) (need|want|use|buy|take|like)\b", r"\1s", said, flags=re.I)


_NOT_A_THING = re.compile(r"(?:she|he|they|we|i|it|who|that|which|this|there|one|someone|everyone)\b", re.I)


def need_of_thing(before: str, phrase: str) -> str:
    """ "waste dump slopes need revegetating" → "help with revegetating the waste dump slopes": what a
    thing of theirs needs, said as their need; any other need as it was."""
    if re.match(r"(?:in on|in|into|onto)\s", phrase):
        return f"a way {phrase}"  # "wants in on tenders": a way in on tenders
    thing = re.split(r"[,;:—–]\s*|\s-\s", before)[-1].strip()
    thing = re.sub(r"^(?:the|their|his|her|its|our|a|an)\s+", "", thing, flags=re.I)
    thing = thing.replace(" + ", " and ")  # "14 big rugs + lobby runners need washing"
    if not re.fullmatch(r"[a-z\d][\w-]*(?: [a-z\d][\w-]*){0,5}", thing) or _NOT_A_THING.match(thing):
        return phrase
    if not re.match(r"[a-z]+ing\b", phrase):
        return phrase
    first, _, rest = phrase.partition(" ")
    return f"help with {first} the {thing} {rest}".strip()


# what goes wrong for them: "the oven keeps tripping", "his lager tastes stale", "could lose the account"
_PROBLEM = re.compile(
    r"\b(?:ices? up|icing up|freezes? up|breaks? down|broke down|keeps? (?!asking\b|telling\b|saying\b|calling\b|ringing\b|pushing\b|chasing\b)[a-z]+ing|leaks|leaking|stopped (?:working|delivering)|(?:doubled|tripled|shot up)|"
    r"adds? (?:an? )?(?:extra |big )?(?:[\w-]+ )?(?:charge|surcharge|penalty)|(?:charged|hit with) (?:an? )?(?:[\w-]+ )?surcharge|"
    r"costs? (?:him|her|them|us)? ?a fortune|pays? [\w ]{0,20}a fortune|(?:is|are) \d+ years old|"
    r"takes? (?:two|three|four|five|\d+) hours|never stops|doesn'?t work|don'?t work|not working|"
    r"loses? (?:temperature|power|data|money|customers)|went bust|goes? down|complain(?:s|ed|ing)? about|"
    r"won'?t (?:renew|insure|sign off|pass)|refus(?:es|ed) to|failed (?:its|the|an?) (?:inspection|audit)|"
    r"(?:got|was|were|been) fined|warning letter|drips?|dripping|is too (?:small|noisy|loud|hot|slow|old)|"
    r"(?:is|are) (?:peeling|flaking|cracking|sagging|rusting|fading|crumbling|rotting)|(?:cracked|yellowed|faded|"
    r"warped|stained) (?:and|all|since|over)|fogg(?:ed|s) up|steam(?:s|ed) up|(?:has|have) given up|gave up|"
    r"tastes? (?:like|of|off|stale|flat)|(?:could|might|may|will) lose (?:the|a|his|her|their) (?:account|contract|"
    r"client|customer|listing)|(?:got|was|were|been) (?:rejected|sent back|turned back)|rejected for|"
    # "2 flow meters nobody has touched since install", "never calibrated since 2019": upkeep nobody did
    r"(?:nobody|no one|no-one|noone) (?:has |have |'s )?(?:touched|checked|serviced|calibrated|tested|looked at)|"
    r"(?:never|not) (?:been )?(?:touched|checked|serviced|calibrated|tested|inspected|verified) "
    r"(?:since|in (?:his|her|their|my) time|in years|for years))\b",
    re.I,
)

# how to reach them, no topic: "brewing from 5am" (beside "don't call before 11"), "wants the title used"
# an hour they keep: "from 5am", "before 10:30h"
HOURS = r"\b(?:from|since|until|till|after|before|at)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h|hrs)\b"
_HOW_TO_REACH = re.compile(
    r"[^.;,—–]*(?:" + HOURS + r"|"
    r"wants? (?:the|her|his|their) (?:title|name|surname) used|"
    r"wants? [\"“'][^\"”']{2,40}[\"”'],? not (?:her |his |their |a |by )?first name)[^.;,]*",  # how to address
    re.I,
)
# what piles up with them: "used crucibles and cupel waste piling up in the store"
PILING = re.compile(
    r"(?P<x>[\w'’ /-]{3,60}?)\s+(?:piling up|piled up|stacking up|building up|pile up)\b", re.I
)


def named_pile(phrase: str, before: str, previous: str) -> str:
    """ "cupel waste piling up … asked if anyone takes it off their hands": someone who takes the cupel
    waste, the "it" named from the pile said before; the phrase unchanged otherwise."""
    it = re.match(r"(someone who \w+) (?:it|them)\b", phrase)
    piled = (PILING.search(before) or PILING.search(previous)) if it else None
    if not it or not piled:
        return phrase
    what = re.sub(r"^.*[,;:]\s*", "", piled.group("x")).strip()
    return f"{it.group(1)} {what}{phrase[it.end() :]}"


def reframed(kind: str, phrase: str, lead: str, has_plan: bool) -> tuple[str, str, str]:
    """ "wants fewer calls" is a plan to cut down on calls, not a need for "fewer calls"."""
    less = re.match(r"(?:fewer|less)\s+(.+)", phrase) if kind == "need" and not has_plan else None
    return ("plan", f"cut down on {less[1]}", "wants to") if less else (kind, phrase, lead)


# a plan that is only a call or a time: "wants to chat about it", "wants to try Jan-Mar"
_ONLY_TALK = re.compile(
    r"^(?:talk|chat|meet|speak|call|catch up|hear|know more|be (?:addressed|called|known))\b|"
    r"^(?:try|start|begin|trial)(?: it| them| us)? (?:in |from )?[\w]+(?:\s*[-–]\s*\w+)?$",  # "wants to try Jan-Mar"
    re.I,
)


def spelled_out(text: str) -> str:
    """Shorthand said in words: "w/ shoppers" → "with shoppers", "sending ppl to dip" → "people"."""
    text = re.sub(r"\bw/o\s+", "without ", text).replace(" + ", " and ")
    text = re.sub(r"\s+(?:lol|haha|lmao|ha ha)\b|\s*!{2,}", "", text, flags=re.I)  # "the alarms lol", "~70!!"
    text = _STRESSED.sub(lambda m: m.group().lower(), text)  # "calibration WITH certs", "NEW yr budget"
    text = re.sub(r"\bw/\s*", "with ", text)
    return _SHORT.sub(lambda m: _SHORTHAND[m.group().lower()], text) if _SHORT.search(text) else text


# a single word stressed in capitals; a run of them ("PRO FORMA") is case_items.unshout's
_STRESSED = re.compile(
    r"\b(?:WITH|NOT|NEW|ALL|ONLY|BEFORE|AFTER|NEVER|MUST|HAND|AGAIN|BIG|NOW|REALLY|VERY|ASAP|URGENT|AND|THE)\b"
)
_SHORTHAND = {
    "ppl": "people",
    "b/c": "because",
    "abt": "about",
    "mtg": "meeting",
    "mtgs": "meetings",
    "govt": "government",
    "mgmt": "management",
    "wks": "weeks",
    "mths": "months",
    "yrs": "years",
    "yr": "year",
    "b4": "before",
    "xmas": "Christmas",
    "vols": "volunteers",
    "til": "until",
    "wk": "week",
    "tmrw": "tomorrow",
    "approx": "about",
}
_SHORT = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in _SHORTHAND) + r")(?![\w/])", re.I)


# what "asked if we do that" points back to: "that", "anything for that", "this sort of thing"
BACK_ONLY = re.compile(
    r"(?:(?:any|some)thing\s+(?:for|about|with|like)\s+)?(?:that|it|this|those|them|these)"
    r"(?:\s+(?:too|as well|kind of thing|sort of thing))?",
    re.I,
)


def problem_part(clause: str, at: int) -> str:
    """The words of a clause that say what is wrong, from the comma before it ("bought 5 ha, wind keeps
    flattening the rows"); a lack with no subject takes the thing before it ("2 pumps, never verified
    in his time" → "2 pumps never verified in his time"). The whole clause when that part is short."""
    cut = clause.rfind(",", 0, at) + 1
    if cut and re.match(r"\s*(?:never|not|nobody|no one)\b", clause[cut:]):
        cut = clause.rfind(",", 0, cut - 1) + 1
    part = re.sub(r",\s*(?=(?:never|not|nobody|no one)\b)", " ", clause[cut:])
    return part if len(part.split()) >= 4 else clause


# what busy typing does to the words the reader keys on: "quote b4 Xmas", "wnats rid of it", "recieved"
_TYPED = {  # the day words as the call-date reader keys them (bot.domain.call_text), and common slips
    **{k: SHORT_DAY_WORDS[k] for k in ("b4", "til", "tmrw")},
    "wnats": "wants",
    "wnat": "want",
    "recieved": "received",
    "recieve": "receive",
    "teh": "the",
    "becuase": "because",
    "s/o": "someone",  # "need s/o part-time who knows QuickBooks"
    "smthg": "something",
    "smth": "something",
    "sth": "something",
    "smbdy": "somebody",  # "wants smbdy to look b4 snow"
    "smbd": "somebody",
    "sby": "somebody",
    "sb": "somebody",
    "sm1": "someone",
    "ppl": "people",
    "abt": "about",
}
_TYPED_RE = re.compile(r"(?<![\w'’/])(?:" + "|".join(_TYPED) + r")(?![\w'’/])", re.I)


@lru_cache(maxsize=1 << 13)  # a note is read by as_read, the case and the others' index in one digest
def typed_plain(text: str | None) -> str | None:
    """The notes with shorthand and common slips read as meant, so every reader sees "before" for "b4"."""
    text = in_english(text)  # "rappeler sem pro": "call back next week"
    if text and "promised" in text:  # "promised her a rate card": a thing to send her, said without the verb
        text = _PROMISED_THING.sub(r"\1promised to send \2 ", text)
    if text and _NTH_WEEK.search(text):  # "1st wk Jan": the first week of January, never the 1st
        text = _NTH_WEEK.sub(lambda m: f"{_NTH[m[1].lower()]} week of ", text)
    if text and "w/" in text:  # "a 1-pager w/ cost per head", "w/o the lids"
        text = _WITH.sub(lambda m: "without" if m.group().lower().endswith("o") else "with", text)
    return (
        _TYPED_RE.sub(lambda m: _TYPED[m.group().lower()], text) if text and _TYPED_RE.search(text) else text
    )


_WITH = re.compile(r"(?<![\w/])w/o?(?=\s)", re.I)
_PROMISED_THING = re.compile(
    r"\b((?:I|we)\s+)promised (her|him|them) (?=(?:a|an|the|our|two|three|\d+)\s)", re.I
)
_NTH = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "last": "last"}
_NTH_WEEK = re.compile(
    r"\b(1st|2nd|3rd|4th|last)\s+(?:wk|week)\s+(?:of\s+)?(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.I,
)


# a branch on an outcome not known yet: "if they lose -> wants debrief help; if they win -> needs a plan"
IF_BRANCH = re.compile(
    r"(?:^|(?<=[.;]))\s*if (?:they|she|he|we|it)\b[^.;]*|"
    r"\b(?:asked|wants to know|wanted to know|wondered)\s+(?:me\s+)?(?:what|how|which|whether)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:she|he|they)(?:'re|’re|'s|’s)?\b[^.;]*",
    re.I,
)  # and a question of theirs ("asked what she actually has to do to be legal") is no plan of theirs
_ASKED_WHAT = re.compile(
    r"\b(?:asked|wants to know|wanted to know|wondered)\s+(?:me\s+)?"
    r"(?P<q>(?:what|how|which)\s+(?:[\w/-]+\s+){0,5}?(?:she|he|they)(?:'re|’re|'s|’s)?\b[^.;+]{3,70})",
    re.I,
)


# "asked if I know how to get the road closure permit quick": how to get it, a question to answer
_ASKED_HOW_TO = re.compile(
    r"\basked (?:me |us )?(?:if|whether) (?:I|we) (?:know|knew) (?P<q>how (?:to|they|he|she) [^.;,!?()]{3,80})",
    re.I,
)


# the question in their own words: 'asked "how much notice do my pickers get when the season ends?"'
_ASKED_QUOTED = re.compile(
    r"\b(?:asked|wants to know|wanted to know|wondered)\s+(?:me\s+)?[\"“](?P<q>(?:what|how|which|when|where|who|do|can|"
    r"should|must|am)\b[^\"”,;?]{3,80})[^\"”]{0,60}[\"”]",
    re.I,
)
_DIRECT = (  # a direct question made indirect, about them: "what do I owe" → "what they owe"
    (r"^(do|can|should|must) (?:I|we)\b", lambda m: "whether they" + ("" if m[1] == "do" else f" {m[1]}")),
    (r"^am I\b", lambda m: "whether they are"),
    (r"\b(?:do|did) (?=I\b|we\b|my\b|our\b|the\b)", lambda m: ""),
    (r"\b(can|should|must|will) (I|we)\b", lambda m: f"they {m[1]}"),
    (r"\bam I\b", lambda m: "they are"),
    (r"\b(?:I|we)\b", lambda m: "they"),
    (r"\b(?:my|our)\b", lambda m: "their"),
    (r"\b(?:me|us)\b", lambda m: "them"),
)


def _indirect(question: str) -> str:
    """ "what do I owe them when the season ends" → "what they owe them when the season ends"; "" when it
    cannot be said about them plainly (a "does" or "is" question keeps its verb where it is)."""
    if re.search(
        r"\b(?:does|is|are|was|were|has|have)\b|\b(?:can|should|must|will) (?!I\b|we\b)", question, re.I
    ):
        return ""
    for pattern, said in _DIRECT:
        question = re.sub(pattern, said, question, flags=re.I)
    return " ".join(question.split())


def asked_what(notes: str | None) -> str:
    """The question they asked, said about them: "what she has to do to be legal"; "" when none."""
    found = _ASKED_WHAT.search(notes or "") or _ASKED_HOW_TO.search(notes or "")
    if not found and (quoted := _ASKED_QUOTED.search(notes or "")):
        return spelled_out(_indirect(quoted.group("q").strip()))
    if not found:
        return ""
    said = re.sub(
        r"\s+(?:actually|actualy|really|exactly)\b", "", found.group("q").strip(" ,;:?"), flags=re.I
    )
    return spelled_out(said)


# a comma inside a list ("baptism, marriage and death books") or a number ("25,000") ends nothing
LIST_COMMA = re.compile(r",(?=\d)|,(?=\s+(?:[\w'’-]+\s+){0,3}(?:and|or)\s)")
