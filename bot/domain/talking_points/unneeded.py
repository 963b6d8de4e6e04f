"""What in a note is no need of theirs, blanked before offers and introductions read it (SPEC §14): a
topic said not to matter ("no need for a new website", "happy with his current supplier"), how to
reach them ("mobile only"), the word after a negation ("vans not refrigerated") and an event named in
passing ("at the UNBS breakfast"). Pure; split from `facts`."""

from __future__ import annotations

import re

# a sentence that says a topic did NOT come up or is not wanted: "We didn't get to waste at all",
# "no need for a new website", "not interested in training": nothing in it is a need to meet
_NEGATED_CLAUSE = re.compile(
    r"\b(?:didn'?t|did not|never|no time to|not|don'?t|doesn'?t|do not|does not)\s+(?:really\s+)?"
    r"(?:get (?:to|round to|around to|into)|talk(?:ed)? about|discuss(?:ed)?|mention(?:ed)?|come up|came up|"
    r"interested in|need|want|bother with|care about)\b|\bnever came up\b|\bno need for\b|\bno interest in\b|"
    r"\bno (?:budget|appetite) for\b|\bno (?:[\w-]+ ){0,2}(?:issues?|problems?|complaints?)\b|\b(?:is|are|'s) (?:all )?sorted\b|\b(?:all )?working fine\b|"
    r"\b(?:hardly|barely|scarcely) any\b|\b(?:happy|content|sticking|staying) w(?:ith|/)\s*(?:his|her|their|the|our) "
    r"(?:current|existing|present|usual|own|old)\b|"
    # "payroll ok - cousin's firm does it", "IT fine w his nephew", "don't push": covered, not wanted
    r"(?:^|(?<=[.;!?\n—,]))\s*[\w&/-]+(?: [\w&/-]+)? (?:is |are |'s |all )?(?:ok|okay|fine|covered|handled|taken care of)\b|"
    r"\b(?:don'?t|do not|no need to) (?:push|pitch|sell)\b|\bfirm does it\b|\b(?:done|does it|do it|handled) in[- ]house\b",
    re.I,
)
# "offered to walk me round at the UNBS breakfast": an event named in passing is no topic of theirs
_EVENT_MENTION = re.compile(
    r"\bat (?:the |a |our |their )?(?:[\w&'’-]+ ){1,3}(?:breakfast|dinner|lunch|mixer|gala|awards|drinks)\b",
    re.I,
)


# how to reach them, never what they need: "mobile only, office line goes to reception"
_REACH_CLAUSE = re.compile(
    r"\b(?:mobile only|office line|landline|goes to reception|switchboard number|e-?mail (?:is )?(?:fine|best|first)|"
    r"(?:text|whatsapp|e-?mail) only|prefers (?:e-?mail|texts?|whatsapp|calls?))\b",
    re.I,
)


# "vans not refrigerated", "non-food", "never insulated": the word after a negation is not what they have
# (but "not inspected since a forklift hit it", "not compliant" are a lack: a need)
_NOT_WORD = re.compile(
    r"\b(?:not|isn'?t|aren'?t|wasn'?t|weren'?t|never|non)[\s-]+(?:(?:a|an|the|very|really|yet)\s+)?"
    r"(?!(?:inspect|servic|check|certif|maintain|test|clean|calibrat|repair|fix|done|sort|updat|replac|cover|"
    r"insur|complian|safe|working|enough|sure|in)\w*)[\w-]+",
    re.I,
)


# "mostly boxed meds, no compounding, no lab": work they do not do is no topic of theirs
_NO_DOING = re.compile(r"(?:^|(?<=[,;.:(]))\s*no\s+[a-z]{3,}ing\b(?=\s*(?:[,;.)]|$))", re.I)


def _unnegated(notes: str) -> str:
    notes = _NO_DOING.sub(lambda m: " " * len(m.group()), notes)
    notes = _NOT_WORD.sub(lambda m: " " * len(m.group()), notes)
    notes = _EVENT_MENTION.sub(lambda m: " " * len(m.group()), notes)
    if not _NEGATED_CLAUSE.search(notes) and not _REACH_CLAUSE.search(notes):
        return notes
    return "".join(
        c
        for c in re.findall(r"[^.;!?\n—]+[.;!?\n—]?", notes)
        if not _NEGATED_CLAUSE.search(c) and not _REACH_CLAUSE.search(c)
    )
